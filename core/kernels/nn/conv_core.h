#pragma once
// Channels-last convolution over up to 3 spatial dims through im2col and the shared GEMM
// (core/kernels/linalg/matmul_core.h). Filters are [spatial..., in_depth, out_depth], which is
// exactly the (k*in_depth) x out_depth matrix the im2col rows multiply. C is float or double.
#include "core/framework/op_kernel.h"
#include "core/kernels/nn/conv_geometry.h"

namespace tfc {
namespace conv {

template <typename C>
Status ConvForward(OpKernelContext* ctx, const Geometry& g, const C* input, const C* filter,
                   C* output);

template <typename C>
Status ConvBackpropInput(OpKernelContext* ctx, const Geometry& g, const C* filter,
                         const C* out_backprop, C* in_backprop);

template <typename C>
Status ConvBackpropFilter(OpKernelContext* ctx, const Geometry& g, const C* input,
                          const C* out_backprop, C* filter_backprop);

}  // namespace conv
}  // namespace tfc
