#pragma once
// Direct 2-D max/average pooling kernels, NHWC or NCHW, with TF's window rules: a window is
// clipped to the input (padding never counts, so SAME's asymmetric padding needs nothing
// special), the max takes the first maximum in row-major window order, and the average divides
// by the number of input positions inside the window.
#include <cuda_fp16.h>
#include <cuda_runtime.h>

#include <cstdint>

namespace tfc {

struct PoolDims {
  int64_t batch = 0, depth = 0;
  int64_t in_h = 0, in_w = 0, out_h = 0, out_w = 0;
  int64_t k_h = 1, k_w = 1, stride_h = 1, stride_w = 1;
  int64_t pad_h = 0, pad_w = 0;  // padding before (top, left)
  bool nhwc = true;
};

// T: float, double or __half (computed in float).
template <typename T>
cudaError_t LaunchMaxPool(cudaStream_t stream, const PoolDims& d, const T* in, T* out);
// in_grad = for each input position, the sum of out_grad over the windows whose first maximum
// is that position (the same sums, in the same order, as TF's CPU scatter).
template <typename T>
cudaError_t LaunchMaxPoolGrad(cudaStream_t stream, const PoolDims& d, const T* in,
                              const T* out_grad, T* in_grad);
template <typename T>
cudaError_t LaunchAvgPool(cudaStream_t stream, const PoolDims& d, const T* in, T* out);
template <typename T>
cudaError_t LaunchAvgPoolGrad(cudaStream_t stream, const PoolDims& d, const T* out_grad,
                              T* in_grad);

}  // namespace tfc
