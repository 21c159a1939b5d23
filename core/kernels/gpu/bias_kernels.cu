// GPU BiasAdd and BiasAddGrad (float, double, half; half sums in float as on the CPU).
#include <cuda_fp16.h>
#include <cuda_runtime.h>

#include "core/kernels/gpu/bias_kernels.h"
#include "core/kernels/gpu/cwise_device_loops.h"

namespace tfc {
namespace gpu {
namespace {

template <typename T, typename C>
__global__ void BiasAddKernel(const T* __restrict__ x, const T* __restrict__ bias,
                              T* __restrict__ out, int64_t n, int64_t channels, int64_t inner) {
  for (int64_t i = GlobalThread(); i < n; i += GridStride()) {
    const int64_t c = (i / inner) % channels;
    out[i] = Store<T>(Load<C>(x[i]) + Load<C>(bias[c]));
  }
}

constexpr int kTileCols = 32;  // channels per block, one per lane: coalesced NHWC rows
constexpr int kTileRows = 8;

// NHWC (inner == 1): g is [rows, channels]. Block (kTileCols, kTileRows); grid.y slices rows.
template <typename T, typename C>
__global__ void BiasGradRowsKernel(const T* __restrict__ g, C* __restrict__ partial,
                                   int64_t rows, int64_t channels) {
  __shared__ C sums[kTileRows][kTileCols + 1];
  const int tx = threadIdx.x, ty = threadIdx.y;
  for (int64_t col0 = static_cast<int64_t>(blockIdx.x) * kTileCols; col0 < channels;
       col0 += static_cast<int64_t>(gridDim.x) * kTileCols) {
    const int64_t c = col0 + tx;
    C s = C(0);
    if (c < channels) {
      for (int64_t r = static_cast<int64_t>(blockIdx.y) * kTileRows + ty; r < rows;
           r += static_cast<int64_t>(gridDim.y) * kTileRows) {
        s += Load<C>(g[r * channels + c]);
      }
    }
    sums[ty][tx] = s;
    __syncthreads();
    if (ty == 0 && c < channels) {
      C t = C(0);
#pragma unroll
      for (int k = 0; k < kTileRows; ++k) t += sums[k][tx];
      partial[static_cast<int64_t>(blockIdx.y) * channels + c] = t;
    }
    __syncthreads();  // sums is reused for the next column tile
  }
}

constexpr int kPlaneThreads = 256;  // a power of two for the tree reduction

// NCHW (inner > 1): block (c, p) sums slice p of channel c's outer * inner elements.
template <typename T, typename C>
__global__ void BiasGradPlanesKernel(const T* __restrict__ g, C* __restrict__ partial,
                                     int64_t outer, int64_t channels, int64_t inner) {
  __shared__ C sums[kPlaneThreads];
  const int tid = threadIdx.x;
  const int64_t m = outer * inner;
  for (int64_t c = blockIdx.x; c < channels; c += gridDim.x) {
    C s = C(0);
    for (int64_t j = static_cast<int64_t>(blockIdx.y) * kPlaneThreads + tid; j < m;
         j += static_cast<int64_t>(gridDim.y) * kPlaneThreads) {
      const int64_t o = j / inner;
      const int64_t k = j - o * inner;
      s += Load<C>(g[(o * channels + c) * inner + k]);
    }
    sums[tid] = s;
    __syncthreads();
    for (int w = kPlaneThreads / 2; w > 0; w >>= 1) {
      if (tid < w) sums[tid] += sums[tid + w];
      __syncthreads();
    }
    if (tid == 0) partial[static_cast<int64_t>(blockIdx.y) * channels + c] = sums[0];
    __syncthreads();  // sums is reused for the next channel
  }
}

template <typename T, typename C>
__global__ void BiasGradFinalKernel(const C* __restrict__ partial, int partial_rows,
                                    T* __restrict__ out, int64_t channels) {
  for (int64_t c = GlobalThread(); c < channels; c += GridStride()) {
    C s = C(0);
    for (int p = 0; p < partial_rows; ++p) s += partial[static_cast<int64_t>(p) * channels + c];
    out[c] = Store<T>(s);
  }
}

template <CwiseType kType>
cudaError_t LaunchBiasAddT(cudaStream_t stream, const void* x, const void* bias, void* out,
                           int64_t n, int64_t channels, int64_t inner) {
  using T = typename TypeOf<kType>::T;
  using C = typename TypeOf<kType>::C;
  BiasAddKernel<T, C><<<CwiseBlocks(n), kCwiseThreads, 0, stream>>>(
      static_cast<const T*>(x), static_cast<const T*>(bias), static_cast<T*>(out), n, channels,
      inner);
  return cudaGetLastError();
}

template <CwiseType kType>
cudaError_t LaunchBiasAddGradT(cudaStream_t stream, const void* gv, void* partial_v,
                               int partial_rows, void* out, int64_t outer, int64_t channels,
                               int64_t inner) {
  using T = typename TypeOf<kType>::T;
  using C = typename TypeOf<kType>::C;
  const T* g = static_cast<const T*>(gv);
  C* partial = static_cast<C*>(partial_v);
  if (inner == 1) {
    const int64_t col_blocks = std::min<int64_t>(65535, (channels + kTileCols - 1) / kTileCols);
    const dim3 grid(static_cast<unsigned>(col_blocks), static_cast<unsigned>(partial_rows));
    const dim3 block(kTileCols, kTileRows);
    BiasGradRowsKernel<T, C><<<grid, block, 0, stream>>>(g, partial, outer, channels);
  } else {
    const int64_t col_blocks = std::min<int64_t>(65535, channels);
    const dim3 grid(static_cast<unsigned>(col_blocks), static_cast<unsigned>(partial_rows));
    BiasGradPlanesKernel<T, C><<<grid, kPlaneThreads, 0, stream>>>(g, partial, outer, channels,
                                                                   inner);
  }
  cudaError_t err = cudaGetLastError();
  if (err != cudaSuccess) return err;
  BiasGradFinalKernel<T, C><<<CwiseBlocks(channels), kCwiseThreads, 0, stream>>>(
      partial, partial_rows, static_cast<T*>(out), channels);
  return cudaGetLastError();
}

}  // namespace

cudaError_t LaunchBiasAdd(cudaStream_t stream, CwiseType type, const void* x, const void* bias,
                          void* out, int64_t n, int64_t channels, int64_t inner) {
  if (n <= 0) return cudaSuccess;
  if (channels <= 0 || inner <= 0) return cudaErrorInvalidValue;
  switch (type) {
    case CwiseType::kFloat:
      return LaunchBiasAddT<CwiseType::kFloat>(stream, x, bias, out, n, channels, inner);
    case CwiseType::kDouble:
      return LaunchBiasAddT<CwiseType::kDouble>(stream, x, bias, out, n, channels, inner);
    case CwiseType::kHalf:
      return LaunchBiasAddT<CwiseType::kHalf>(stream, x, bias, out, n, channels, inner);
    default:
      return cudaErrorInvalidValue;
  }
}

cudaError_t LaunchBiasAddGrad(cudaStream_t stream, CwiseType type, const void* g, void* partial,
                              int partial_rows, void* out, int64_t outer, int64_t channels,
                              int64_t inner) {
  if (outer <= 0 || channels <= 0 || inner <= 0 || partial_rows < 1 || partial_rows > 65535) {
    return cudaErrorInvalidValue;
  }
  switch (type) {
    case CwiseType::kFloat:
      return LaunchBiasAddGradT<CwiseType::kFloat>(stream, g, partial, partial_rows, out, outer,
                                                   channels, inner);
    case CwiseType::kDouble:
      return LaunchBiasAddGradT<CwiseType::kDouble>(stream, g, partial, partial_rows, out, outer,
                                                    channels, inner);
    case CwiseType::kHalf:
      return LaunchBiasAddGradT<CwiseType::kHalf>(stream, g, partial, partial_rows, out, outer,
                                                  channels, inner);
    default:
      return cudaErrorInvalidValue;
  }
}

}  // namespace gpu
}  // namespace tfc
