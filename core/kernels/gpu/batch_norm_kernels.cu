#include "core/kernels/gpu/batch_norm_kernels.h"

namespace tfc {
namespace {

constexpr int kThreads = 256;

__device__ float ToFloat(float v) { return v; }
__device__ float ToFloat(__half v) { return __half2float(v); }
template <typename T>
__device__ T FromFloat(float v);
template <>
__device__ float FromFloat<float>(float v) { return v; }
template <>
__device__ __half FromFloat<__half>(float v) { return __float2half_rn(v); }

__device__ int64_t Offset(const BnLayout& l, int64_t j, int64_t c) {
  const int64_t o = j / l.inner, i = j % l.inner;
  return (o * l.channels + c) * l.inner + i;
}

// Sums of K values per thread across the block; the results are valid in every thread.
template <int K>
__device__ void BlockSum(double (&v)[K], double (*shared)[kThreads]) {
  for (int k = 0; k < K; ++k) shared[k][threadIdx.x] = v[k];
  __syncthreads();
  for (int width = kThreads / 2; width > 0; width /= 2) {
    if (threadIdx.x < width) {
      for (int k = 0; k < K; ++k) shared[k][threadIdx.x] += shared[k][threadIdx.x + width];
    }
    __syncthreads();
  }
  for (int k = 0; k < K; ++k) v[k] = shared[k][0];
  __syncthreads();
}

template <typename T>
__global__ void __launch_bounds__(kThreads)
    TrainingStatsKernel(BnLayout l, const T* __restrict__ x, float* batch_mean,
                        float* batch_var, float* save_mean, float* save_var) {
  __shared__ double shared[1][kThreads];
  const int64_t rest = l.outer * l.inner;
  for (int64_t c = blockIdx.x; c < l.channels; c += gridDim.x) {
    double s[1] = {0.0};
    for (int64_t j = threadIdx.x; j < rest; j += kThreads) {
      s[0] += static_cast<double>(ToFloat(x[Offset(l, j, c)]));
    }
    BlockSum<1>(s, shared);
    const double m = rest > 0 ? s[0] / static_cast<double>(rest) : 0.0;
    double q[1] = {0.0};
    for (int64_t j = threadIdx.x; j < rest; j += kThreads) {
      const double d = static_cast<double>(ToFloat(x[Offset(l, j, c)])) - m;
      q[0] += d * d;
    }
    BlockSum<1>(q, shared);
    if (threadIdx.x == 0) {
      const double rest_minus_one = rest > 1 ? static_cast<double>(rest - 1) : 1.0;
      const float mean = static_cast<float>(m);
      batch_mean[c] = mean;
      save_mean[c] = mean;
      save_var[c] = static_cast<float>(rest > 0 ? q[0] / static_cast<double>(rest) : 0.0);
      batch_var[c] = static_cast<float>(rest > 0 ? q[0] / rest_minus_one : 0.0);
    }
  }
}

template <typename T>
__global__ void ApplyKernel(BnLayout l, const T* __restrict__ x, const float* __restrict__ scale,
                            const float* __restrict__ offset, const float* __restrict__ mean,
                            const float* __restrict__ var, float epsilon, T* __restrict__ y,
                            int64_t total) {
  for (int64_t i = blockIdx.x * static_cast<int64_t>(blockDim.x) + threadIdx.x; i < total;
       i += static_cast<int64_t>(blockDim.x) * gridDim.x) {
    const int64_t c = (i / l.inner) % l.channels;
    const float mult = __fdiv_rn(scale[c], __fsqrt_rn(__fadd_rn(var[c], epsilon)));
    const float centered = __fsub_rn(ToFloat(x[i]), mean[c]);
    y[i] = FromFloat<T>(__fadd_rn(__fmul_rn(centered, mult), offset[c]));
  }
}

// coef: [inv_std, mean_dy, mean_dyx, inv_var] per channel.
template <typename T>
__global__ void __launch_bounds__(kThreads)
    GradSumsKernel(BnLayout l, const T* __restrict__ dy, const T* __restrict__ x,
                   const float* __restrict__ mean, const float* __restrict__ var, double epsilon,
                   double* coef, float* dscale, float* doffset) {
  __shared__ double shared[2][kThreads];
  const int64_t rest = l.outer * l.inner;
  for (int64_t c = blockIdx.x; c < l.channels; c += gridDim.x) {
    const double m = static_cast<double>(mean[c]);
    double s[2] = {0.0, 0.0};
    for (int64_t j = threadIdx.x; j < rest; j += kThreads) {
      const int64_t off = Offset(l, j, c);
      const double g = static_cast<double>(ToFloat(dy[off]));
      s[0] += g;
      s[1] += __dmul_rn(g, static_cast<double>(ToFloat(x[off])) - m);
    }
    BlockSum<2>(s, shared);
    if (threadIdx.x == 0) {
      const double v = static_cast<double>(var[c]);
      const double inv_std = 1.0 / sqrt(v + epsilon);
      const double n = static_cast<double>(rest);
      doffset[c] = static_cast<float>(s[0]);
      dscale[c] = static_cast<float>(__dmul_rn(s[1], inv_std));
      coef[c] = inv_std;
      coef[l.channels + c] = n > 0 ? s[0] / n : 0.0;
      coef[2 * l.channels + c] = n > 0 ? s[1] / n : 0.0;
      coef[3 * l.channels + c] = 1.0 / (v + epsilon);
    }
  }
}

template <typename T>
__global__ void GradApplyKernel(BnLayout l, const T* __restrict__ dy, const T* __restrict__ x,
                                const float* __restrict__ scale, const float* __restrict__ mean,
                                const double* __restrict__ coef, bool is_training,
                                T* __restrict__ dx, int64_t total) {
  for (int64_t i = blockIdx.x * static_cast<int64_t>(blockDim.x) + threadIdx.x; i < total;
       i += static_cast<int64_t>(blockDim.x) * gridDim.x) {
    const int64_t c = (i / l.inner) % l.channels;
    const double g = static_cast<double>(ToFloat(dy[i]));
    const double inv_std = coef[c];
    const double sc = static_cast<double>(scale[c]);
    double r;
    if (is_training) {
      const double mean_dy = coef[l.channels + c];
      const double mean_dyx = coef[2 * l.channels + c];
      const double inv_var = coef[3 * l.channels + c];
      const double xc = static_cast<double>(ToFloat(x[i])) - static_cast<double>(mean[c]);
      const double k = __dmul_rn(sc, inv_std);
      const double t = __dmul_rn(__dmul_rn(xc, mean_dyx), inv_var);
      r = __dmul_rn(k, __dsub_rn(__dsub_rn(g, mean_dy), t));
    } else {
      r = __dmul_rn(__dmul_rn(g, sc), inv_std);
    }
    dx[i] = FromFloat<T>(static_cast<float>(r));
  }
}

int Blocks(int64_t n) {
  const int64_t b = (n + kThreads - 1) / kThreads;
  return static_cast<int>(b < 1 ? 1 : (b > 65535LL * 8 ? 65535LL * 8 : b));
}
int ChannelBlocks(int64_t c) { return static_cast<int>(c < 65535 ? (c < 1 ? 1 : c) : 65535); }

}  // namespace

template <typename T>
cudaError_t LaunchBnTrainingStats(cudaStream_t stream, const BnLayout& l, const T* x,
                                  float* batch_mean, float* batch_var, float* save_mean,
                                  float* save_var) {
  if (l.channels == 0) return cudaSuccess;
  TrainingStatsKernel<T><<<ChannelBlocks(l.channels), kThreads, 0, stream>>>(
      l, x, batch_mean, batch_var, save_mean, save_var);
  return cudaGetLastError();
}

template <typename T>
cudaError_t LaunchBnApply(cudaStream_t stream, const BnLayout& l, const T* x, const float* scale,
                          const float* offset, const float* mean, const float* var,
                          float epsilon, T* y) {
  const int64_t total = l.outer * l.channels * l.inner;
  if (total == 0) return cudaSuccess;
  ApplyKernel<T><<<Blocks(total), kThreads, 0, stream>>>(l, x, scale, offset, mean, var, epsilon,
                                                         y, total);
  return cudaGetLastError();
}

template <typename T>
cudaError_t LaunchBnGrad(cudaStream_t stream, const BnLayout& l, const T* dy, const T* x,
                         const float* scale, const float* mean, const float* var, double epsilon,
                         bool is_training, double* coef, T* dx, float* dscale, float* doffset) {
  if (l.channels == 0) return cudaSuccess;
  GradSumsKernel<T><<<ChannelBlocks(l.channels), kThreads, 0, stream>>>(
      l, dy, x, mean, var, epsilon, coef, dscale, doffset);
  cudaError_t err = cudaGetLastError();
  if (err != cudaSuccess) return err;
  const int64_t total = l.outer * l.channels * l.inner;
  if (total == 0) return cudaSuccess;
  GradApplyKernel<T><<<Blocks(total), kThreads, 0, stream>>>(l, dy, x, scale, mean, coef,
                                                             is_training, dx, total);
  return cudaGetLastError();
}

#define TFC_INSTANTIATE(T)                                                                    \
  template cudaError_t LaunchBnTrainingStats<T>(cudaStream_t, const BnLayout&, const T*,      \
                                                float*, float*, float*, float*);              \
  template cudaError_t LaunchBnApply<T>(cudaStream_t, const BnLayout&, const T*, const float*, \
                                        const float*, const float*, const float*, float, T*); \
  template cudaError_t LaunchBnGrad<T>(cudaStream_t, const BnLayout&, const T*, const T*,      \
                                       const float*, const float*, const float*, double, bool, \
                                       double*, T*, float*, float*);
TFC_INSTANTIATE(float)
TFC_INSTANTIATE(__half)
#undef TFC_INSTANTIATE

}  // namespace tfc
