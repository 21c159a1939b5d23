#pragma once
// FusedBatchNorm forward and backward on the GPU, with the CPU kernels' numerics: per-channel sums
// in double (one block per channel), then elementwise passes that round as the CPU does (no
// fused multiply-adds). x is viewed as (outer, channels, inner): NHWC is (N*H*W, C, 1), NCHW is
// (N, C, H*W). T is float or __half; the statistics are float.
#include <cuda_fp16.h>
#include <cuda_runtime.h>

#include <cstdint>

namespace tfc {

struct BnLayout {
  int64_t outer = 0, channels = 0, inner = 0;
};

// Training statistics: mean and biased variance into save_mean / save_var (the reserve spaces),
// mean and the Bessel-corrected variance into batch_mean / batch_var.
template <typename T>
cudaError_t LaunchBnTrainingStats(cudaStream_t stream, const BnLayout& l, const T* x,
                                  float* batch_mean, float* batch_var, float* save_mean,
                                  float* save_var);

// y = (x - mean) * (scale / sqrt(var + epsilon)) + offset.
template <typename T>
cudaError_t LaunchBnApply(cudaStream_t stream, const BnLayout& l, const T* x, const float* scale,
                          const float* offset, const float* mean, const float* var,
                          float epsilon, T* y);

// Gradients from dy, x, scale and the saved mean/variance. `coef` is scratch of 4 * channels
// doubles.
template <typename T>
cudaError_t LaunchBnGrad(cudaStream_t stream, const BnLayout& l, const T* dy, const T* x,
                         const float* scale, const float* mean, const float* var, double epsilon,
                         bool is_training, double* coef, T* dx, float* dscale, float* doffset);

}  // namespace tfc
