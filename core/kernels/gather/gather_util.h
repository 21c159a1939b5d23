#pragma once
// Shared helpers for the gather/scatter/diag family of kernels. Most of these kernels only move
// elements around, so they are written once, type-erased: plain dtypes move as bytes, strings
// move by assignment. That keeps one instantiation per kernel instead of one per dtype.
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "core/framework/op_kernel.h"
#include "core/framework/tensor.h"
#include "core/framework/types.h"

namespace tfc {
namespace gather_util {

// Every dtype TF registers the data-movement kernels for on the CPU.
inline DataTypeVector AllTypes() {
  return {DT_FLOAT,  DT_DOUBLE, DT_HALF,   DT_BFLOAT16,  DT_INT8,       DT_INT16,
          DT_INT32,  DT_INT64,  DT_UINT8,  DT_UINT16,    DT_UINT32,     DT_UINT64,
          DT_BOOL,   DT_COMPLEX64, DT_COMPLEX128, DT_STRING};
}

// Element mover bound to one tensor's dtype.
class Mover {
 public:
  explicit Mover(DataType dt)
      : is_string_(dt == DT_STRING),
        size_(dt == DT_STRING ? sizeof(tstring) : static_cast<size_t>(DataTypeSize(dt))) {}
  size_t element_size() const { return size_; }
  bool is_string() const { return is_string_; }

  // Copies n elements from src[si] to dst[di] (element indices).
  void Copy(const void* src, int64_t si, void* dst, int64_t di, int64_t n) const {
    if (n <= 0) return;
    if (is_string_) {
      const tstring* s = static_cast<const tstring*>(src) + si;
      tstring* d = static_cast<tstring*>(dst) + di;
      for (int64_t i = 0; i < n; ++i) d[i] = s[i];
    } else {
      std::memcpy(static_cast<char*>(dst) + di * size_,
                  static_cast<const char*>(src) + si * size_, n * size_);
    }
  }
  // Sets n elements to the dtype's zero (all-zero bytes for every plain dtype, "" for strings).
  void Zero(void* dst, int64_t di, int64_t n) const {
    if (n <= 0) return;
    if (is_string_) {
      tstring* d = static_cast<tstring*>(dst) + di;
      for (int64_t i = 0; i < n; ++i) d[i].clear();
    } else {
      std::memset(static_cast<char*>(dst) + di * size_, 0, n * size_);
    }
  }
  // Fills n elements with src[si].
  void FillFrom(const void* src, int64_t si, void* dst, int64_t di, int64_t n) const {
    Fill(static_cast<const char*>(src) + si * size_, dst, di, n);
  }
  // Fills n elements with the single element value[0].
  void Fill(const void* value, void* dst, int64_t di, int64_t n) const {
    if (n <= 0) return;
    Copy(value, 0, dst, di, 1);
    // Doubling copies: each round copies an already-filled prefix that does not overlap.
    for (int64_t done = 1; done < n;) {
      const int64_t c = done < n - done ? done : n - done;
      Copy(dst, di, dst, di + done, c);
      done += c;
    }
  }

 private:
  bool is_string_;
  size_t size_;
};

// Reads an int32/int64 tensor as int64 values.
inline std::vector<int64_t> AsInt64Vector(const Tensor& t) {
  std::vector<int64_t> out(t.NumElements());
  if (t.dtype() == DT_INT32) {
    for (size_t i = 0; i < out.size(); ++i) out[i] = t.data<int32_t>()[i];
  } else if (t.dtype() == DT_INT64) {
    for (size_t i = 0; i < out.size(); ++i) out[i] = t.data<int64_t>()[i];
  } else if (t.dtype() == DT_UINT8) {
    for (size_t i = 0; i < out.size(); ++i) out[i] = t.data<uint8_t>()[i];
  }
  return out;
}

// TF's SliceDebugString: the multi-index of flat element `flat` in `shape`, e.g. "[1,2]".
inline std::string SliceDebugString(const TensorShape& shape, int64_t flat) {
  if (shape.dims() == 0) return "";
  std::vector<int64_t> idx(shape.dims());
  for (int d = shape.dims() - 1; d >= 0; --d) {
    const int64_t n = shape.dim_size(d);
    idx[d] = n > 0 ? flat % n : 0;
    flat = n > 0 ? flat / n : 0;
  }
  std::string s = "[";
  for (size_t i = 0; i < idx.size(); ++i) {
    if (i) s += ",";
    s += std::to_string(idx[i]);
  }
  return s + "]";
}

// Row-major strides of a shape, in elements.
inline std::vector<int64_t> Strides(const TensorShape& shape) {
  std::vector<int64_t> st(shape.dims(), 1);
  for (int d = shape.dims() - 2; d >= 0; --d) st[d] = st[d + 1] * shape.dim_size(d + 1);
  return st;
}

// Product of dims [begin, end).
inline int64_t DimProduct(const TensorShape& s, int begin, int end) {
  int64_t p = 1;
  for (int d = begin; d < end; ++d) p *= s.dim_size(d);
  return p;
}

// OneHot's host-side part, shared by the CPU and GPU kernels: the scalar checks and the axis
// and depth checks (TF's messages), then output 0. Returns false (status set on the context) on
// bad input, or when the output is empty and nothing is left to do.
inline bool PrepareOneHot(OpKernelContext* ctx, int64_t axis_attr, int* axis, int64_t* depth,
                          Tensor** out) {
  const Tensor& indices = ctx->input(0);
  const Tensor& depth_t = ctx->input(1);
  auto fail = [&](const Status& s) {
    ctx->SetStatus(s);
    return false;
  };
  if (depth_t.dims() != 0) {
    return fail(errors::InvalidArgument("depth must be a scalar, but got: ",
                                        depth_t.shape().DebugString()));
  }
  if (ctx->input(2).dims() != 0) {
    return fail(errors::InvalidArgument("on_value must be a scalar, but got: ",
                                        ctx->input(2).shape().DebugString()));
  }
  if (ctx->input(3).dims() != 0) {
    return fail(errors::InvalidArgument("off_value must be a scalar, but got: ",
                                        ctx->input(3).shape().DebugString()));
  }
  const int out_dims = indices.dims() + 1;
  if (!(axis_attr == -1 || (axis_attr >= 0 && axis_attr < out_dims))) {
    return fail(errors::InvalidArgument("Expected axis to be -1 or between [0, ", out_dims,
                                        ").  But received: ", axis_attr));
  }
  *depth = depth_t.scalar<int32_t>();
  if (*depth < 0) {
    return fail(errors::InvalidArgument("depth must be non-negative, got: ", *depth));
  }
  *axis = axis_attr == -1 ? indices.dims() : static_cast<int>(axis_attr);
  TensorShape out_shape = indices.shape();
  out_shape.InsertDim(*axis, *depth);
  Status s = ctx->allocate_output(0, out_shape, out);
  if (!s.ok()) return fail(s);
  return out_shape.num_elements() > 0;
}

}  // namespace gather_util
}  // namespace tfc
