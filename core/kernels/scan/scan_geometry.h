#pragma once
// Cumsum/Cumprod's host-side part, shared by the CPU and GPU kernels: the axis check (TF's
// messages), the output and the [outer, n, inner] view of the scan.
#include <cstdint>

#include "core/framework/op_kernel.h"

namespace tfc {
namespace scan {

struct Geometry {
  int64_t outer = 1, n = 0, inner = 1;
};

// Validates the axis input, allocates output 0 like x and fills *g. Returns false (with the
// context's status set) on bad input, or when the output is empty and nothing is left to do.
inline bool Prepare(OpKernelContext* ctx, Tensor** out, Geometry* g) {
  const Tensor& x = ctx->input(0);
  const Tensor& axis_t = ctx->input(1);
  if (axis_t.dims() != 0) {
    ctx->SetStatus(errors::InvalidArgument("ScanOp: axis must be a scalar, not ",
                                           axis_t.shape().DebugString()));
    return false;
  }
  const int64_t axis_raw = axis_t.dtype() == DT_INT32 ? axis_t.scalar<int32_t>()
                                                      : axis_t.scalar<int64_t>();
  const int rank = x.dims();
  const int64_t axis = axis_raw < 0 ? axis_raw + rank : axis_raw;
  if (axis < 0 || axis >= rank) {
    ctx->SetStatus(errors::InvalidArgument("ScanOp: Expected scan axis in the range [", -rank,
                                           ", ", rank, "), but got ", axis_raw));
    return false;
  }
  Status s = ctx->allocate_output(0, x.shape(), out);
  if (!s.ok()) {
    ctx->SetStatus(s);
    return false;
  }
  if (x.NumElements() == 0) return false;
  for (int i = 0; i < axis; ++i) g->outer *= x.dim_size(i);
  for (int i = static_cast<int>(axis) + 1; i < rank; ++i) g->inner *= x.dim_size(i);
  g->n = x.dim_size(static_cast<int>(axis));
  return true;
}

}  // namespace scan
}  // namespace tfc
