#pragma once
// Channels-last max/average pooling over up to 3 spatial dims (Geometry with in_depth = depth,
// k = window, dil = 1). Windows clipped by padding only see the positions inside the input.
#include <cstdint>

#include "core/framework/op_kernel.h"
#include "core/kernels/nn/conv_geometry.h"

namespace tfc {
namespace conv {

// out[n, p, c] = max of the window. argmax (optional, same size as out) gets the position of
// the first maximum in window order as spatial_index * depth + c within the image (TF's
// MaxPoolWithArgmax index without the batch term).
template <typename C>
void MaxPoolForward(const OpKernelContext* ctx, const Geometry& g, const C* in, C* out,
                    int64_t* argmax);

// in_grad (zeroed here) += out_grad scattered to the argmax of each window.
template <typename C>
void MaxPoolScatter(const OpKernelContext* ctx, const Geometry& g, const int64_t* argmax,
                    const C* out_grad, C* in_grad);

// out[n, p, c] = grad_of_input[argmax]: the second-order gradient of max pooling.
template <typename C>
void MaxPoolGather(const OpKernelContext* ctx, const Geometry& g, const int64_t* argmax,
                   const C* in_grad, C* out);

// TF's CPU MaxPool3DGrad rule: every window element within 1e-5 of the window's output value
// receives that output's gradient.
template <typename C>
void MaxPoolGradTolerance(const OpKernelContext* ctx, const Geometry& g, const C* in,
                          const C* out, const C* out_grad, C* in_grad);

template <typename C>
void AvgPoolForward(const OpKernelContext* ctx, const Geometry& g, const C* in, C* out);

// in_grad (zeroed here) += out_grad / window count over each window.
template <typename C>
void AvgPoolBackward(const OpKernelContext* ctx, const Geometry& g, const C* out_grad,
                     C* in_grad);

}  // namespace conv
}  // namespace tfc
