#pragma once
// Host-side shape checks of Select (TF1) and AddN shared by the CPU and GPU kernels, with TF's
// messages. The condition's and inputs' values are never read here.
#include <cstdint>

#include "core/framework/op_kernel.h"

namespace tfc {
namespace cwise {

// TF's message for inputs i and j of kernel k that must have one shape.
inline Status SameShapeError(const OpKernel& k, int i, const Tensor& a, int j, const Tensor& b) {
  return errors::InvalidArgument("Inputs to operation ", k.name(), " of type ", k.type_string(),
                                 " must have the same size and shape.  Input ", i, ": ",
                                 a.shape().DebugString(), " != input ", j, ": ",
                                 b.shape().DebugString());
}

// Select: 'then' and 'else' of one shape; cond a scalar, a vector over their first dim, or of
// their shape. *per_cond is how many consecutive output elements one condition value picks
// for: all of them for a scalar cond, t.NumElements() / cond.NumElements() for a vector over
// the first dim (0 when cond is empty), else 1.
inline Status CheckSelect(const OpKernel& k, const Tensor& cond, const Tensor& t, const Tensor& e,
                          int64_t* per_cond) {
  if (!(t.shape() == e.shape())) {
    return errors::InvalidArgument("'then' and 'else' must have the same size.  but received: ",
                                   t.shape().DebugString(), " vs. ", e.shape().DebugString());
  }
  if (cond.dims() == 0) {
    *per_cond = t.NumElements();
  } else if (cond.dims() == 1 && t.dims() != 1) {
    if (t.dims() < 1) {
      return errors::InvalidArgument("'then' must be at least a vector, but saw shape: ",
                                     t.shape().DebugString());
    }
    if (t.dim_size(0) != cond.NumElements()) {
      return errors::InvalidArgument("Number of batches of 'then' must match size of 'cond', "
                                     "but saw: ", t.dim_size(0), " vs. ", cond.NumElements());
    }
    *per_cond = cond.NumElements() == 0 ? 0 : t.NumElements() / cond.NumElements();
  } else {
    if (!(cond.shape() == t.shape())) return SameShapeError(k, 0, cond, 1, t);
    *per_cond = 1;
  }
  return OkStatus();
}

// AddN: every input has input 0's shape.
inline Status CheckAddN(const OpKernel& k, OpKernelContext* ctx) {
  const Tensor& first = ctx->input(0);
  for (int i = 1; i < ctx->num_inputs(); ++i) {
    if (!(ctx->input(i).shape() == first.shape())) {
      return SameShapeError(k, 0, first, i, ctx->input(i));
    }
  }
  return OkStatus();
}

}  // namespace cwise
}  // namespace tfc
