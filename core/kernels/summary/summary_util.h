#pragma once
// Helpers the summary kernels share.
#include "core/framework/op_kernel.h"
#include "tensorflow/core/framework/summary.pb.h"

namespace tfc::summary {

// A scalar, or TF's legacy form of one: a vector of one element.
inline bool IsLegacyScalar(const TensorShape& s) {
  return s.dims() == 0 || (s.dims() == 1 && s.dim_size(0) == 1);
}

// Serializes `s` into a new scalar string output 0.
inline Status WriteSummary(OpKernelContext* ctx, const ::tensorflow::Summary& s) {
  Tensor* out = nullptr;
  TFC_RETURN_IF_ERROR(ctx->allocate_output(0, TensorShape({}), &out));
  if (!s.SerializeToString(&out->scalar<tstring>())) {
    return errors::Internal("Could not serialize the summary");
  }
  return OkStatus();
}

}  // namespace tfc::summary
