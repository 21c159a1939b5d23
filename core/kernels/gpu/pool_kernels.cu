#include <cfloat>

#include "core/kernels/gpu/pool_kernels.h"

namespace tfc {
namespace {

// Arithmetic type per storage type: half pools in float, as the CPU kernel does.
template <typename T>
struct Acc {
  using type = T;
  __device__ static T In(T v) { return v; }
  __device__ static T Out(T v) { return v; }
};
template <>
struct Acc<__half> {
  using type = float;
  __device__ static float In(__half v) { return __half2float(v); }
  __device__ static __half Out(float v) { return __float2half_rn(v); }
};

template <typename A>
__device__ A Lowest();
template <>
__device__ float Lowest<float>() { return -FLT_MAX; }
template <>
__device__ double Lowest<double>() { return -DBL_MAX; }

__device__ int64_t InOffset(const PoolDims& d, int64_t n, int64_t c, int64_t h, int64_t w) {
  return d.nhwc ? ((n * d.in_h + h) * d.in_w + w) * d.depth + c
                : ((n * d.depth + c) * d.in_h + h) * d.in_w + w;
}
__device__ int64_t OutOffset(const PoolDims& d, int64_t n, int64_t c, int64_t h, int64_t w) {
  return d.nhwc ? ((n * d.out_h + h) * d.out_w + w) * d.depth + c
                : ((n * d.depth + c) * d.out_h + h) * d.out_w + w;
}

// (n, c, h, w) of element i of a tensor with spatial dims hh x ww in d's layout.
__device__ void Split(const PoolDims& d, int64_t i, int64_t hh, int64_t ww, int64_t* n,
                      int64_t* c, int64_t* h, int64_t* w) {
  if (d.nhwc) {
    *c = i % d.depth;
    i /= d.depth;
    *w = i % ww;
    i /= ww;
    *h = i % hh;
    *n = i / hh;
  } else {
    *w = i % ww;
    i /= ww;
    *h = i % hh;
    i /= hh;
    *c = i % d.depth;
    *n = i / d.depth;
  }
}

struct Window {
  int64_t h0, h1, w0, w1;  // [h0, h1) x [w0, w1), clipped to the input
  __device__ int64_t count() const { return (h1 - h0) * (w1 - w0); }
};

__device__ Window WindowAt(const PoolDims& d, int64_t oh, int64_t ow) {
  Window win;
  const int64_t hs = oh * d.stride_h - d.pad_h, ws = ow * d.stride_w - d.pad_w;
  win.h0 = hs > 0 ? hs : 0;
  win.h1 = hs + d.k_h < d.in_h ? hs + d.k_h : d.in_h;
  if (win.h1 < win.h0) win.h1 = win.h0;
  win.w0 = ws > 0 ? ws : 0;
  win.w1 = ws + d.k_w < d.in_w ? ws + d.k_w : d.in_w;
  if (win.w1 < win.w0) win.w1 = win.w0;
  return win;
}

// The first maximum of the window in row-major order (h * in_w + w), or -1 if it is empty.
template <typename T>
__device__ int64_t ArgMax(const PoolDims& d, const T* in, int64_t n, int64_t c, const Window& win,
                          typename Acc<T>::type* best) {
  using A = typename Acc<T>::type;
  int64_t arg = -1;
  A b = Lowest<A>();
  for (int64_t h = win.h0; h < win.h1; ++h) {
    for (int64_t w = win.w0; w < win.w1; ++w) {
      const A v = Acc<T>::In(in[InOffset(d, n, c, h, w)]);
      if (arg < 0 || v > b) {
        b = v;
        arg = h * d.in_w + w;
      }
    }
  }
  *best = b;
  return arg;
}

// Outputs whose windows hold input row h: [lo, hi].
__device__ void CoveringOutputs(int64_t x, int64_t pad, int64_t k, int64_t stride, int64_t out,
                                int64_t* lo, int64_t* hi) {
  const int64_t num = x + pad - k + 1;
  *lo = num <= 0 ? 0 : (num + stride - 1) / stride;
  const int64_t top = (x + pad) / stride;
  *hi = top < out - 1 ? top : out - 1;
}

#define TFC_GRID_STRIDE(i, n)                                                      \
  for (int64_t i = blockIdx.x * static_cast<int64_t>(blockDim.x) + threadIdx.x; i < (n); \
       i += static_cast<int64_t>(blockDim.x) * gridDim.x)

template <typename T>
__global__ void MaxPoolKernel(PoolDims d, const T* __restrict__ in, T* __restrict__ out,
                              int64_t total) {
  using A = typename Acc<T>::type;
  TFC_GRID_STRIDE(i, total) {
    int64_t n, c, oh, ow;
    Split(d, i, d.out_h, d.out_w, &n, &c, &oh, &ow);
    A best;
    ArgMax(d, in, n, c, WindowAt(d, oh, ow), &best);
    out[i] = Acc<T>::Out(best);
  }
}

template <typename T>
__global__ void MaxPoolGradKernel(PoolDims d, const T* __restrict__ in,
                                  const T* __restrict__ out_grad, T* __restrict__ in_grad,
                                  int64_t total) {
  using A = typename Acc<T>::type;
  TFC_GRID_STRIDE(i, total) {
    int64_t n, c, h, w;
    Split(d, i, d.in_h, d.in_w, &n, &c, &h, &w);
    int64_t oh0, oh1, ow0, ow1;
    CoveringOutputs(h, d.pad_h, d.k_h, d.stride_h, d.out_h, &oh0, &oh1);
    CoveringOutputs(w, d.pad_w, d.k_w, d.stride_w, d.out_w, &ow0, &ow1);
    const int64_t me = h * d.in_w + w;
    A sum = A(0);
    for (int64_t oh = oh0; oh <= oh1; ++oh) {
      for (int64_t ow = ow0; ow <= ow1; ++ow) {
        A best;
        if (ArgMax(d, in, n, c, WindowAt(d, oh, ow), &best) == me) {
          sum += Acc<T>::In(out_grad[OutOffset(d, n, c, oh, ow)]);
        }
      }
    }
    in_grad[i] = Acc<T>::Out(sum);
  }
}

template <typename T>
__global__ void AvgPoolKernel(PoolDims d, const T* __restrict__ in, T* __restrict__ out,
                              int64_t total) {
  using A = typename Acc<T>::type;
  TFC_GRID_STRIDE(i, total) {
    int64_t n, c, oh, ow;
    Split(d, i, d.out_h, d.out_w, &n, &c, &oh, &ow);
    const Window win = WindowAt(d, oh, ow);
    A sum = A(0);
    for (int64_t h = win.h0; h < win.h1; ++h) {
      for (int64_t w = win.w0; w < win.w1; ++w) sum += Acc<T>::In(in[InOffset(d, n, c, h, w)]);
    }
    const int64_t cnt = win.count();
    out[i] = Acc<T>::Out(sum / static_cast<A>(cnt > 1 ? cnt : 1));
  }
}

template <typename T>
__global__ void AvgPoolGradKernel(PoolDims d, const T* __restrict__ out_grad,
                                  T* __restrict__ in_grad, int64_t total) {
  using A = typename Acc<T>::type;
  TFC_GRID_STRIDE(i, total) {
    int64_t n, c, h, w;
    Split(d, i, d.in_h, d.in_w, &n, &c, &h, &w);
    int64_t oh0, oh1, ow0, ow1;
    CoveringOutputs(h, d.pad_h, d.k_h, d.stride_h, d.out_h, &oh0, &oh1);
    CoveringOutputs(w, d.pad_w, d.k_w, d.stride_w, d.out_w, &ow0, &ow1);
    A sum = A(0);
    for (int64_t oh = oh0; oh <= oh1; ++oh) {
      for (int64_t ow = ow0; ow <= ow1; ++ow) {
        const int64_t cnt = WindowAt(d, oh, ow).count();
        sum += Acc<T>::In(out_grad[OutOffset(d, n, c, oh, ow)]) /
               static_cast<A>(cnt > 1 ? cnt : 1);
      }
    }
    in_grad[i] = Acc<T>::Out(sum);
  }
}

#undef TFC_GRID_STRIDE

int Blocks(int64_t n) {
  const int64_t b = (n + 255) / 256;
  return static_cast<int>(b < 1 ? 1 : (b > 65535LL * 8 ? 65535LL * 8 : b));
}

}  // namespace

template <typename T>
cudaError_t LaunchMaxPool(cudaStream_t stream, const PoolDims& d, const T* in, T* out) {
  const int64_t total = d.batch * d.depth * d.out_h * d.out_w;
  if (total == 0) return cudaSuccess;
  MaxPoolKernel<T><<<Blocks(total), 256, 0, stream>>>(d, in, out, total);
  return cudaGetLastError();
}

template <typename T>
cudaError_t LaunchMaxPoolGrad(cudaStream_t stream, const PoolDims& d, const T* in,
                              const T* out_grad, T* in_grad) {
  const int64_t total = d.batch * d.depth * d.in_h * d.in_w;
  if (total == 0) return cudaSuccess;
  MaxPoolGradKernel<T><<<Blocks(total), 256, 0, stream>>>(d, in, out_grad, in_grad, total);
  return cudaGetLastError();
}

template <typename T>
cudaError_t LaunchAvgPool(cudaStream_t stream, const PoolDims& d, const T* in, T* out) {
  const int64_t total = d.batch * d.depth * d.out_h * d.out_w;
  if (total == 0) return cudaSuccess;
  AvgPoolKernel<T><<<Blocks(total), 256, 0, stream>>>(d, in, out, total);
  return cudaGetLastError();
}

template <typename T>
cudaError_t LaunchAvgPoolGrad(cudaStream_t stream, const PoolDims& d, const T* out_grad,
                              T* in_grad) {
  const int64_t total = d.batch * d.depth * d.in_h * d.in_w;
  if (total == 0) return cudaSuccess;
  AvgPoolGradKernel<T><<<Blocks(total), 256, 0, stream>>>(d, out_grad, in_grad, total);
  return cudaGetLastError();
}

#define TFC_INSTANTIATE(T)                                                                    \
  template cudaError_t LaunchMaxPool<T>(cudaStream_t, const PoolDims&, const T*, T*);         \
  template cudaError_t LaunchMaxPoolGrad<T>(cudaStream_t, const PoolDims&, const T*,          \
                                            const T*, T*);                                    \
  template cudaError_t LaunchAvgPool<T>(cudaStream_t, const PoolDims&, const T*, T*);         \
  template cudaError_t LaunchAvgPoolGrad<T>(cudaStream_t, const PoolDims&, const T*, T*);
TFC_INSTANTIATE(float)
TFC_INSTANTIATE(double)
TFC_INSTANTIATE(__half)
#undef TFC_INSTANTIATE

}  // namespace tfc
