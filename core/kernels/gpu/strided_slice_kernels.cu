// StridedSliceGrad's scatter: one thread per source element, int64 index math.
#include "core/kernels/gpu/strided_slice_kernels.h"

#include <algorithm>

namespace tfc {
namespace gpu {
namespace {

struct alignas(16) Bytes16 {
  uint64_t lo, hi;
};

int GridFor(int64_t n) {
  const int64_t blocks = (n + 255) / 256;
  return static_cast<int>(std::max<int64_t>(1, std::min<int64_t>(blocks, 65535LL * 8)));
}

template <typename U>
__global__ void StridedScatterKernel(ScatterSpec spec, const U* __restrict__ src,
                                     U* __restrict__ dst, int64_t n) {
  const int64_t stride = static_cast<int64_t>(blockDim.x) * gridDim.x;
  for (int64_t t = static_cast<int64_t>(blockIdx.x) * blockDim.x + threadIdx.x; t < n;
       t += stride) {
    int64_t rem = t, offset = 0;
    for (int k = spec.rank - 1; k >= 0; --k) {
      const int64_t i = rem % spec.dims[k];
      rem /= spec.dims[k];
      offset += i * spec.dst_strides[k];
    }
    dst[offset] = src[t];
  }
}

template <typename U>
cudaError_t Scatter(cudaStream_t stream, const ScatterSpec& spec, const void* src, void* dst,
                    int64_t n) {
  StridedScatterKernel<U><<<GridFor(n), 256, 0, stream>>>(spec, static_cast<const U*>(src),
                                                          static_cast<U*>(dst), n);
  return cudaGetLastError();
}

}  // namespace

cudaError_t LaunchStridedScatter(cudaStream_t stream, int elem_size, const ScatterSpec& spec,
                                 const void* src, void* dst, int64_t n) {
  if (spec.rank < 0 || spec.rank > kMaxScatterDims) return cudaErrorInvalidValue;
  if (n == 0) return cudaSuccess;
  switch (elem_size) {
    case 1: return Scatter<uint8_t>(stream, spec, src, dst, n);
    case 2: return Scatter<uint16_t>(stream, spec, src, dst, n);
    case 4: return Scatter<uint32_t>(stream, spec, src, dst, n);
    case 8: return Scatter<uint64_t>(stream, spec, src, dst, n);
    case 16: return Scatter<Bytes16>(stream, spec, src, dst, n);
    default: return cudaErrorInvalidValue;
  }
}

}  // namespace gpu
}  // namespace tfc
