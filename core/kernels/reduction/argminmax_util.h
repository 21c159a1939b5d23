#pragma once
// Host-side part of ArgMax/ArgMin shared by the CPU and GPU kernels: the dimension (a host
// scalar) checked with TF's messages, the output shape, and the input seen as
// [outer, r, inner] with r the reduced axis.
#include <cstdint>

#include "core/framework/op_kernel.h"

namespace tfc {
namespace reduction {

struct ArgReducePlan {
  int axis = 0;
  int64_t outer = 1, r = 0, inner = 1;
  TensorShape out_shape;
};

inline Status PlanArgReduce(const Tensor& in, const Tensor& dim_t, ArgReducePlan* plan) {
  if (dim_t.dims() != 0) {
    return errors::InvalidArgument("dim must be a scalar, but received tensor of shape: ",
                                   dim_t.shape().DebugString());
  }
  const int64_t dim_raw =
      dim_t.dtype() == DT_INT32 ? dim_t.scalar<int32_t>() : dim_t.scalar<int64_t>();
  const int rank = in.dims();
  const int64_t dim = dim_raw < 0 ? dim_raw + rank : dim_raw;
  if (!(dim >= 0 && dim < rank)) {
    return errors::InvalidArgument("Expected dimension in the range [", -rank, ", ", rank,
                                   "), but got ", dim_raw);
  }
  const int axis = static_cast<int>(dim);
  if (in.dim_size(axis) <= 0) {
    return errors::InvalidArgument("Reduction axis ", dim, " is empty in shape ",
                                   in.shape().DebugString());
  }
  plan->axis = axis;
  plan->out_shape = in.shape();
  plan->out_shape.RemoveDim(axis);
  plan->outer = 1;
  plan->inner = 1;
  for (int i = 0; i < axis; ++i) plan->outer *= in.dim_size(i);
  for (int i = axis + 1; i < rank; ++i) plan->inner *= in.dim_size(i);
  plan->r = in.dim_size(axis);
  return OkStatus();
}

}  // namespace reduction
}  // namespace tfc
