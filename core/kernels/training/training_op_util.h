#pragma once
// Shared plumbing of the fused optimizer kernels: reaching the variable-like inputs (ref
// tensors or resource variables) under their mutexes, and TensorFlow's validation messages.
#include <algorithm>
#include <cmath>
#include <mutex>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include <Eigen/Core>

#include "core/framework/op_kernel.h"
#include "core/framework/register_types.h"
#include "core/kernels/variables/training_op_helpers.h"

namespace tfc {
namespace training {

// The variables an update reads and writes (Ref inputs or resource handles), locked (each
// mutex once, in address order so two updates sharing variables cannot deadlock) when the op
// asks for use_locking. The tensors share the variables' buffers: writes land in place.
class VariableInputs {
 public:
  Status Acquire(OpKernelContext* ctx, const OpKernel& kernel, int num_vars, bool use_locking) {
    std::vector<int> ids;
    for (int i = 0; i < num_vars; ++i) ids.push_back(i);
    locks_.emplace(MaybeLockVariableInputMutexesInOrder(ctx, use_locking, ids));
    tensors_.resize(num_vars);
    for (int i = 0; i < num_vars; ++i) {
      TFC_RETURN_IF_ERROR(GetInputTensorFromVariable(ctx, i, use_locking, &tensors_[i]));
      if (!tensors_[i].IsInitialized()) {
        return errors::FailedPrecondition("Attempting to use uninitialized variables: ",
                                          kernel.def().input(i));
      }
    }
    return OkStatus();
  }
  const Tensor& operator[](int i) const { return tensors_[i]; }

 private:
  std::optional<VariableInputLockHolder> locks_;
  std::vector<Tensor> tensors_;
};

inline Status CheckScalar(const Tensor& t, const char* what) {
  if (t.IsScalar()) return OkStatus();
  return errors::InvalidArgument(what, " is not a scalar: ", t.shape().DebugString());
}

inline Status CheckSameShape(const Tensor& a, const Tensor& b, const char* a_name,
                             const char* b_name) {
  if (a.shape().IsSameSize(b.shape())) return OkStatus();
  return errors::InvalidArgument(a_name, " and ", b_name, " do not have the same shape",
                                 a.shape().DebugString(), " ", b.shape().DebugString());
}

// Sparse updates: var is at least a vector, indices a vector, and grad has one row per index
// with var's row shape. On success *row_size is the number of elements per row.
inline Status CheckSparseArgs(const Tensor& var, const Tensor& grad, const Tensor& indices,
                              int64_t* row_size) {
  if (var.dims() < 1) return errors::InvalidArgument("var must be at least 1 dimensional");
  if (indices.dims() != 1) return errors::InvalidArgument("indices must be one-dimensional");
  int64_t inner = 1;
  for (int d = 1; d < std::max(var.dims(), grad.dims()); ++d) {
    if (d >= var.dims() || d >= grad.dims() || var.dim_size(d) != grad.dim_size(d)) {
      return errors::InvalidArgument("var and grad must match in dimension ", d);
    }
    inner *= grad.dim_size(d);
  }
  if (grad.dims() < 1 || grad.dim_size(0) != indices.dim_size(0)) {
    return errors::InvalidArgument("grad must be the same size as indices in the first dimension.");
  }
  *row_size = inner;
  return OkStatus();
}

template <typename Tindex>
Status CheckIndices(const Tensor& indices, int64_t num_rows) {
  const Tindex* idx = indices.data<Tindex>();
  for (int64_t i = 0; i < indices.NumElements(); ++i) {
    if (idx[i] < 0 || static_cast<int64_t>(idx[i]) >= num_rows) {
      return errors::InvalidArgument("Index ", static_cast<int64_t>(idx[i]), " at offset ", i,
                                     " in indices is out of range");
    }
  }
  return OkStatus();
}

// Elementwise math in T, rounding after each operation as Eigen's expressions do.
// float/double take std::sqrt (same correctly rounded result): Eigen's scalar sqrt is an SSE
// intrinsic that keeps the update loops from vectorizing.
template <typename T>
inline T Sqrt(T x) {
  if constexpr (std::is_floating_point_v<T>) {
    return std::sqrt(x);
  } else {
    return static_cast<T>(Eigen::numext::sqrt(x));
  }
}
template <typename T>
inline T Rsqrt(T x) { return static_cast<T>(T(1) / Sqrt(x)); }
template <typename T>
inline T Abs(T x) { return static_cast<T>(Eigen::numext::abs(x)); }
template <typename T>
inline T Sign(T x) { return x > T(0) ? T(1) : (x < T(0) ? T(-1) : T(0)); }
template <typename T>
inline T Pow(T x, T y) { return static_cast<T>(Eigen::numext::pow(x, y)); }
template <typename T>
inline T Max(T a, T b) { return a < b ? b : a; }
template <typename T>
inline T Min(T a, T b) { return b < a ? b : a; }

// Elements per ParallelFor unit are cheap: a few flops each.
constexpr int64_t kElementCost = 20;

inline bool BoolAttr(OpKernelConstruction* ctx, const char* name) {
  bool v = false;
  if (ctx->def().attr().count(name)) ctx->SetStatus(ctx->GetAttr(name, &v));
  return v;
}

}  // namespace training
}  // namespace tfc
