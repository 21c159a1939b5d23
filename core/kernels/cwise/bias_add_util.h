#pragma once
// Host-side part of BiasAdd/BiasAddV1 and BiasAddGrad shared by the CPU and GPU kernels: the
// data_format attr, the shape checks with TF's messages, and the value seen as
// [outer, channels, inner] (inner is 1 for NHWC).
#include <cstdint>
#include <string>

#include "core/framework/op_kernel.h"

namespace tfc {
namespace bias_add {

// data_format: NHWC (also when the op has no such attr, as BiasAddV1) or NCHW.
inline Status ReadDataFormat(OpKernelConstruction* c, bool* nchw) {
  std::string fmt = "NHWC";
  if (c->GetAttr("data_format", &fmt).ok() && fmt != "NHWC" && fmt != "NCHW") {
    return errors::InvalidArgument("Invalid data format");
  }
  *nchw = fmt == "NCHW";
  return OkStatus();
}

struct BiasLayout {
  int64_t outer = 0, channels = 0, inner = 1;
};

// The layout of a value of at least 2 dims with its channels at dim 1 (NCHW) or last.
inline Status MakeLayout(const Tensor& value, bool nchw, BiasLayout* l) {
  if (value.dims() < 2) {
    return errors::InvalidArgument("Input tensor must be at least 2D: ",
                                   value.shape().DebugString());
  }
  const int cdim = nchw ? 1 : value.dims() - 1;
  l->channels = value.dim_size(cdim);
  l->inner = 1;
  for (int d = cdim + 1; d < value.dims(); ++d) l->inner *= value.dim_size(d);
  l->outer = l->channels == 0 || l->inner == 0
                 ? 0
                 : value.NumElements() / (l->channels * l->inner);
  return OkStatus();
}

// BiasAdd: x of at least 2 dims and a 1-D bias with one value per channel of x.
inline Status CheckBiasAdd(const Tensor& x, const Tensor& bias, bool nchw, BiasLayout* l) {
  if (x.dims() < 2) {
    return errors::InvalidArgument("Input tensor must be at least 2D: ", x.shape().DebugString());
  }
  if (bias.dims() != 1) {
    return errors::InvalidArgument("Biases must be 1D: ", bias.shape().DebugString());
  }
  TFC_RETURN_IF_ERROR(MakeLayout(x, nchw, l));
  if (bias.dim_size(0) != l->channels) {
    return errors::InvalidArgument("Must provide as many biases as the ",
                                   nchw ? "channel" : "last",
                                   " dimension of the input tensor: ",
                                   bias.shape().DebugString(), " vs. ", x.shape().DebugString());
  }
  return OkStatus();
}

}  // namespace bias_add
}  // namespace tfc
