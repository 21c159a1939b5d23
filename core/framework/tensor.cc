#include "core/framework/tensor.h"

#include <sstream>

#include "core/framework/register_types.h"
#include "core/framework/resource_handle.h"

namespace tfc {
namespace {

// Strings and resource handles are C++ objects constructed in place; the rest are plain bytes.
size_t ElementSize(DataType dt) {
  if (dt == DT_STRING) return sizeof(tstring);
  if (dt == DT_RESOURCE) return sizeof(ResourceHandle);
  return DataTypeSize(dt);
}

class AllocatedBuffer final : public TensorBuffer {
 public:
  AllocatedBuffer(Allocator* a, DataType dtype, int64_t n) : alloc_(a), dtype_(dtype), n_(n) {
    const size_t elem = ElementSize(dtype);
    // A byte count that overflows size_t would wrap to a tiny buffer: fail the allocation.
    if (n < 0 || __builtin_mul_overflow(static_cast<size_t>(n), elem, &size_)) {
      size_ = 0;
      n_ = 0;
      data_ = nullptr;
      return;
    }
    data_ = alloc_->AllocateRaw(kAllocatorAlignment, size_);
    if (alloc_->IsDeviceMemory()) device_allocator_ = alloc_;
    if (data_ && dtype == DT_STRING) {
      auto* s = static_cast<tstring*>(data_);
      for (int64_t i = 0; i < n_; ++i) new (s + i) tstring();
    } else if (data_ && dtype == DT_RESOURCE) {
      auto* h = static_cast<ResourceHandle*>(data_);
      for (int64_t i = 0; i < n_; ++i) new (h + i) ResourceHandle();
    }
  }
  ~AllocatedBuffer() override {
    if (data_ && dtype_ == DT_STRING) {
      auto* s = static_cast<tstring*>(data_);
      for (int64_t i = 0; i < n_; ++i) s[i].~tstring();
    } else if (data_ && dtype_ == DT_RESOURCE) {
      auto* h = static_cast<ResourceHandle*>(data_);
      for (int64_t i = 0; i < n_; ++i) h[i].~ResourceHandle();
    }
    alloc_->DeallocateRaw(data_, size_);
  }

 private:
  Allocator* alloc_;
  DataType dtype_;
  int64_t n_;
};

class ExternalBuffer final : public TensorBuffer {
 public:
  ExternalBuffer(void* data, size_t size, std::function<void()> release)
      : release_(std::move(release)) {
    data_ = data;
    size_ = size;
  }
  ~ExternalBuffer() override {
    if (release_) release_();
  }

 private:
  std::function<void()> release_;
};


// Copies `n` values from a repeated proto field, repeating the last one (TF's fill rule).
template <typename T, typename Field>
void FillFromField(const Field& field, int64_t n, T* out) {
  if (field.size() == 0) {
    for (int64_t i = 0; i < n; ++i) out[i] = T();
    return;
  }
  int64_t have = field.size();
  for (int64_t i = 0; i < n; ++i) out[i] = static_cast<T>(field.Get(i < have ? i : have - 1));
}

template <typename T, typename Field>
void FillComplex(const Field& field, int64_t n, T* out) {
  using R = typename T::value_type;
  int64_t pairs = field.size() / 2;
  for (int64_t i = 0; i < n; ++i) {
    if (pairs == 0) { out[i] = T(); continue; }
    int64_t k = i < pairs ? i : pairs - 1;
    out[i] = T(static_cast<R>(field.Get(2 * k)), static_cast<R>(field.Get(2 * k + 1)));
  }
}

template <typename T>
std::string FormatValue(const T& v) {
  std::ostringstream os;
  if constexpr (std::is_same_v<T, half> || std::is_same_v<T, bfloat16>) {
    os << static_cast<float>(v);
  } else if constexpr (std::is_same_v<T, int8_t> || std::is_same_v<T, uint8_t>) {
    os << static_cast<int>(v);
  } else if constexpr (std::is_same_v<T, complex64> || std::is_same_v<T, complex128>) {
    os << "(" << v.real() << "," << v.imag() << ")";
  } else {
    os << v;
  }
  return os.str();
}

}  // namespace

std::shared_ptr<TensorBuffer> MakeExternalBuffer(void* data, size_t size,
                                                 std::function<void()> release) {
  return std::make_shared<ExternalBuffer>(data, size, std::move(release));
}

Tensor::Tensor(DataType dtype, const TensorShape& shape) : Tensor(cpu_allocator(), dtype, shape) {}

Tensor::Tensor(Allocator* a, DataType dtype, const TensorShape& shape)
    : dtype_(dtype), shape_(shape) {
  if (ElementSize(dtype) > 0 && shape.num_elements() > 0) {
    buf_ = std::make_shared<AllocatedBuffer>(a, dtype, shape.num_elements());
    data_ = buf_->data();
    if (data_ == nullptr) buf_.reset();  // allocation failed: IsInitialized() says so
  }
}

Tensor::Tensor(DataType dtype, const TensorShape& shape, std::shared_ptr<TensorBuffer> buf)
    : dtype_(dtype), shape_(shape), buf_(std::move(buf)) {
  data_ = buf_ ? buf_->data() : nullptr;
}

size_t Tensor::TotalBytes() const { return static_cast<size_t>(NumElements()) * ElementSize(dtype_); }

bool Tensor::CopyFrom(const Tensor& other, const TensorShape& shape) {
  if (other.NumElements() != shape.num_elements()) return false;
  dtype_ = other.dtype_;
  shape_ = shape;
  buf_ = other.buf_;
  data_ = other.data_;
  return true;
}

Tensor Tensor::Slice(int64_t start, int64_t limit) const {
  Tensor t = *this;
  int64_t row = shape_.dims() == 0 || shape_.dim_size(0) == 0
                    ? 0 : NumElements() / shape_.dim_size(0);
  t.shape_.set_dim(0, limit - start);
  t.data_ = static_cast<char*>(data_) + start * row * ElementSize(dtype_);
  return t;
}

Tensor Tensor::DeepCopy() const {
  if (OnDevice()) {
    Allocator* a = buf_->device_allocator();
    Tensor t(a, dtype_, shape_);
    if (TotalBytes() > 0 && t.IsInitialized()) {
      a->CopyWithinDevice(data_, t.data_, TotalBytes()).IgnoreError();
    }
    return t;
  }
  Tensor t(dtype_, shape_);
  if (dtype_ == DT_STRING) {
    for (int64_t i = 0; i < NumElements(); ++i) t.data<tstring>()[i] = data<tstring>()[i];
  } else if (dtype_ == DT_RESOURCE) {
    for (int64_t i = 0; i < NumElements(); ++i) {
      t.data<ResourceHandle>()[i] = data<ResourceHandle>()[i];
    }
  } else if (TotalBytes() > 0) {
    std::memcpy(t.data_, data_, TotalBytes());
  }
  return t;
}

Status CopyTensorToHost(const Tensor& t, Tensor* out) {
  if (!t.OnDevice()) {
    *out = t;
    return OkStatus();
  }
  Tensor host(t.dtype(), t.shape());
  if (!host.IsInitialized()) {
    return errors::ResourceExhausted("OOM when allocating a host copy of a tensor with shape ",
                                     t.shape().DebugString());
  }
  TFC_RETURN_IF_ERROR(
      t.buffer()->device_allocator()->CopyToHost(t.raw_data(), host.raw_data(), t.TotalBytes()));
  *out = std::move(host);
  return OkStatus();
}

Status CopyTensorToDevice(const Tensor& t, Allocator* device, Tensor* out) {
  if (t.OnDevice()) {
    *out = t;
    return OkStatus();
  }
  Tensor d(device, t.dtype(), t.shape());
  if (t.NumElements() > 0 && !d.IsInitialized()) {
    return errors::ResourceExhausted("OOM when allocating tensor with shape",
                                     t.shape().DebugString(), " and type ",
                                     DataTypeString(t.dtype()), " by allocator ", device->Name(),
                                     " (copying a host tensor to the device)");
  }
  if (t.TotalBytes() > 0) {
    TFC_RETURN_IF_ERROR(device->CopyFromHost(t.raw_data(), d.raw_data(), t.TotalBytes()));
  }
  *out = std::move(d);
  return OkStatus();
}

Status Tensor::FromProto(const ::tensorflow::TensorProto& proto, Tensor* out) {
  TensorShape shape;
  TFC_RETURN_IF_ERROR(TensorShape::FromProto(proto.tensor_shape(), &shape));
  DataType dt = proto.dtype();
  if (dt == DT_INVALID || IsRefType(dt) || ElementSize(dt) == 0) {
    return errors::InvalidArgument("Cannot parse tensor of type ", DataTypeString(dt));
  }
  Tensor t(dt, shape);
  if (!t.IsInitialized()) return errors::ResourceExhausted("Cannot allocate tensor ", shape.DebugString());
  const int64_t n = shape.num_elements();
  if (!proto.tensor_content().empty()) {
    if (dt == DT_STRING || dt == DT_RESOURCE) {
      return errors::InvalidArgument(DataTypeString(dt), " tensors cannot use tensor_content");
    }
    if (proto.tensor_content().size() != t.TotalBytes()) {
      return errors::InvalidArgument("TensorProto content has ", proto.tensor_content().size(),
                                     " bytes, expected ", t.TotalBytes(), " for shape ",
                                     shape.DebugString());
    }
    std::memcpy(t.data_, proto.tensor_content().data(), t.TotalBytes());
    *out = std::move(t);
    return OkStatus();
  }
  switch (dt) {
    case DT_FLOAT: FillFromField(proto.float_val(), n, t.data<float>()); break;
    case DT_DOUBLE: FillFromField(proto.double_val(), n, t.data<double>()); break;
    case DT_INT32: FillFromField(proto.int_val(), n, t.data<int32_t>()); break;
    case DT_INT16: FillFromField(proto.int_val(), n, t.data<int16_t>()); break;
    case DT_INT8: FillFromField(proto.int_val(), n, t.data<int8_t>()); break;
    case DT_UINT8: FillFromField(proto.int_val(), n, t.data<uint8_t>()); break;
    case DT_UINT16: FillFromField(proto.int_val(), n, t.data<uint16_t>()); break;
    case DT_INT64: FillFromField(proto.int64_val(), n, t.data<int64_t>()); break;
    case DT_UINT32: FillFromField(proto.uint32_val(), n, t.data<uint32_t>()); break;
    case DT_UINT64: FillFromField(proto.uint64_val(), n, t.data<uint64_t>()); break;
    case DT_BOOL: FillFromField(proto.bool_val(), n, t.data<bool>()); break;
    case DT_HALF:
    case DT_BFLOAT16: {
      const auto& f = proto.half_val();
      auto* bits = t.data<uint16_t>();
      for (int64_t i = 0; i < n; ++i) {
        bits[i] = f.size() == 0 ? 0 : static_cast<uint16_t>(f.Get(i < f.size() ? i : f.size() - 1));
      }
      break;
    }
    case DT_COMPLEX64: FillComplex(proto.scomplex_val(), n, t.data<complex64>()); break;
    case DT_COMPLEX128: FillComplex(proto.dcomplex_val(), n, t.data<complex128>()); break;
    case DT_STRING: {
      const auto& f = proto.string_val();
      if (f.size() > n) return errors::InvalidArgument("Too many string values for shape");
      for (int64_t i = 0; i < n; ++i) {
        t.data<tstring>()[i] = f.size() == 0 ? tstring() : f.Get(i < f.size() ? i : f.size() - 1);
      }
      break;
    }
    case DT_RESOURCE: {
      const auto& f = proto.resource_handle_val();
      if (f.size() > n) return errors::InvalidArgument("Too many resource handles for shape");
      for (int64_t i = 0; i < n; ++i) {
        ResourceHandle& h = t.data<ResourceHandle>()[i];
        if (f.size() == 0) {
          h = ResourceHandle();
        } else {
          h.FromProto(f.Get(i < f.size() ? i : f.size() - 1));
        }
      }
      break;
    }
    default:
      return errors::Unimplemented("TensorProto of type ", DataTypeString(dt), " is not supported");
  }
  *out = std::move(t);
  return OkStatus();
}

void Tensor::AsProtoTensorContent(::tensorflow::TensorProto* proto) const {
  proto->Clear();
  proto->set_dtype(dtype_);
  shape_.AsProto(proto->mutable_tensor_shape());
  if (dtype_ == DT_STRING) {
    for (int64_t i = 0; i < NumElements(); ++i) proto->add_string_val(data<tstring>()[i]);
    return;
  }
  if (dtype_ == DT_RESOURCE) {
    for (int64_t i = 0; i < NumElements(); ++i) {
      data<ResourceHandle>()[i].AsProto(proto->add_resource_handle_val());
    }
    return;
  }
  if (TotalBytes() > 0) proto->set_tensor_content(data_, TotalBytes());
}

void Tensor::AsProtoField(::tensorflow::TensorProto* proto) const {
  proto->Clear();
  proto->set_dtype(dtype_);
  shape_.AsProto(proto->mutable_tensor_shape());
  const int64_t n = NumElements();
  for (int64_t i = 0; i < n; ++i) {
    switch (dtype_) {
      case DT_FLOAT: proto->add_float_val(data<float>()[i]); break;
      case DT_DOUBLE: proto->add_double_val(data<double>()[i]); break;
      case DT_INT32: proto->add_int_val(data<int32_t>()[i]); break;
      case DT_INT16: proto->add_int_val(data<int16_t>()[i]); break;
      case DT_INT8: proto->add_int_val(data<int8_t>()[i]); break;
      case DT_UINT8: proto->add_int_val(data<uint8_t>()[i]); break;
      case DT_UINT16: proto->add_int_val(data<uint16_t>()[i]); break;
      case DT_INT64: proto->add_int64_val(data<int64_t>()[i]); break;
      case DT_UINT32: proto->add_uint32_val(data<uint32_t>()[i]); break;
      case DT_UINT64: proto->add_uint64_val(data<uint64_t>()[i]); break;
      case DT_BOOL: proto->add_bool_val(data<bool>()[i]); break;
      case DT_HALF: case DT_BFLOAT16: proto->add_half_val(data<uint16_t>()[i]); break;
      case DT_COMPLEX64:
        proto->add_scomplex_val(data<complex64>()[i].real());
        proto->add_scomplex_val(data<complex64>()[i].imag());
        break;
      case DT_COMPLEX128:
        proto->add_dcomplex_val(data<complex128>()[i].real());
        proto->add_dcomplex_val(data<complex128>()[i].imag());
        break;
      case DT_STRING: proto->add_string_val(data<tstring>()[i]); break;
      case DT_RESOURCE: data<ResourceHandle>()[i].AsProto(proto->add_resource_handle_val()); break;
      default: return;
    }
  }
}

std::string Tensor::SummarizeValue(int64_t max_entries) const {
  if (!IsInitialized()) return "<uninitialized>";
  std::string s;
  int64_t n = std::min<int64_t>(NumElements(), max_entries);
  for (int64_t i = 0; i < n; ++i) {
    if (i) s += " ";
    switch (dtype_) {
#define CASE(T) \
  case DataTypeToEnum<T>::value: s += FormatValue(data<T>()[i]); break;
      TF_CALL_ALL_TYPES(CASE)
#undef CASE
      case DT_RESOURCE: s += "<" + data<ResourceHandle>()[i].DebugString() + ">"; break;
      default: s += "?";
    }
  }
  if (NumElements() > max_entries) s += "...";
  return s;
}

std::string Tensor::DebugString(int max_entries) const {
  return "Tensor<type: " + DataTypeString(dtype_) + " shape: " + shape_.DebugString() +
         " values: " + SummarizeValue(max_entries) + ">";
}

}  // namespace tfc
