#pragma once
// Tensor: a dtype, a shape and a reference-counted buffer shared between copies.
#include <cstring>
#include <functional>
#include <memory>
#include <string>

#include "core/framework/allocator.h"
#include "core/framework/tensor_shape.h"
#include "core/framework/types.h"
#include "tensorflow/core/framework/tensor.pb.h"

namespace tfc {

class TensorBuffer {
 public:
  virtual ~TensorBuffer() = default;
  void* data() const { return data_; }
  size_t size() const { return size_; }
  // The allocator of device memory this buffer lives in; null for host memory.
  Allocator* device_allocator() const { return device_allocator_; }

 protected:
  void* data_ = nullptr;
  size_t size_ = 0;
  Allocator* device_allocator_ = nullptr;
};

// Memory owned by someone else (a NumPy array, a mapped file); `release` runs when the last
// tensor referring to it goes away.
std::shared_ptr<TensorBuffer> MakeExternalBuffer(void* data, size_t size,
                                                 std::function<void()> release);

class Tensor {
 public:
  Tensor() = default;  // DT_INVALID, not initialized
  Tensor(DataType dtype, const TensorShape& shape);  // on cpu_allocator()
  Tensor(Allocator* a, DataType dtype, const TensorShape& shape);
  // Wraps an existing buffer; it must hold at least NumElements() elements.
  Tensor(DataType dtype, const TensorShape& shape, std::shared_ptr<TensorBuffer> buf);

  template <typename T>
  static Tensor Scalar(T value) {
    Tensor t(DataTypeToEnum<T>::value, TensorShape({}));
    t.scalar<T>() = value;
    return t;
  }

  DataType dtype() const { return dtype_; }
  const TensorShape& shape() const { return shape_; }
  int dims() const { return shape_.dims(); }
  int64_t dim_size(int d) const { return shape_.dim_size(d); }
  int64_t NumElements() const { return shape_.num_elements(); }
  bool IsInitialized() const { return dtype_ != DT_INVALID && (buf_ != nullptr || NumElements() == 0); }
  size_t TotalBytes() const;
  bool IsScalar() const { return shape_.dims() == 0; }

  // In a GPU's memory: data() must not be read on the host.
  bool OnDevice() const { return buf_ != nullptr && buf_->device_allocator() != nullptr; }
  void* raw_data() const { return data_; }
  template <typename T>
  T* data() const { return static_cast<T*>(data_); }
  template <typename T>
  T& scalar() const { return *static_cast<T*>(data_); }

  // Shares this tensor's buffer under another shape of the same element count.
  bool CopyFrom(const Tensor& other, const TensorShape& shape);
  // Rows [start, limit) of dimension 0, sharing the buffer.
  Tensor Slice(int64_t start, int64_t limit) const;
  bool SharesBufferWith(const Tensor& other) const { return buf_ && buf_ == other.buf_; }
  Tensor DeepCopy() const;
  const std::shared_ptr<TensorBuffer>& buffer() const { return buf_; }

  // Parses a TensorProto (tensor_content or the typed *_val fields, last value repeated).
  static Status FromProto(const ::tensorflow::TensorProto& proto, Tensor* out);
  // Numeric types go to tensor_content; strings to string_val.
  void AsProtoTensorContent(::tensorflow::TensorProto* proto) const;
  // Every element in the typed *_val field.
  void AsProtoField(::tensorflow::TensorProto* proto) const;

  // "Tensor<type: float shape: [2] values: 1 2>".
  std::string DebugString(int max_entries = 3) const;
  // The values only, at most max_entries of them, as TF's SummarizeValue prints them.
  std::string SummarizeValue(int64_t max_entries) const;

 private:
  DataType dtype_ = DT_INVALID;
  TensorShape shape_;
  std::shared_ptr<TensorBuffer> buf_;
  void* data_ = nullptr;
};

// A host copy of a tensor in device memory (the tensor itself when it is in host memory).
Status CopyTensorToHost(const Tensor& t, Tensor* out);
// A copy of a host tensor in `device`'s memory (the tensor itself when already on a device).
Status CopyTensorToDevice(const Tensor& t, Allocator* device, Tensor* out);

}  // namespace tfc
