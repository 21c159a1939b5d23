// OneHot: one thread per output element (grid-stride, int64 index math). Indices outside
// [0, depth), negative ones included, match no position, so their row is all off_value.
#include "core/kernels/gpu/onehot_kernels.h"

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

template <typename U, typename I>
__global__ void OneHotKernel(const I* __restrict__ indices, int64_t depth, int64_t suffix,
                             int64_t total, const U* __restrict__ on_value,
                             const U* __restrict__ off_value, U* __restrict__ out) {
  const U on = *on_value;
  const U off = *off_value;
  const int64_t stride = static_cast<int64_t>(blockDim.x) * gridDim.x;
  for (int64_t t = static_cast<int64_t>(blockIdx.x) * blockDim.x + threadIdx.x; t < total;
       t += stride) {
    const int64_t s = t % suffix;
    const int64_t r = t / suffix;
    const int64_t d = r % depth;
    const int64_t p = r / depth;
    const int64_t v = static_cast<int64_t>(indices[p * suffix + s]);
    out[t] = v == d ? on : off;
  }
}

template <typename U>
cudaError_t OneHot(cudaStream_t stream, OneHotIndex index_type, const void* indices,
                   int64_t depth, int64_t suffix, int64_t total, const void* on_value,
                   const void* off_value, void* out) {
  const U* on = static_cast<const U*>(on_value);
  const U* off = static_cast<const U*>(off_value);
  U* o = static_cast<U*>(out);
  const int grid = GridFor(total);
  switch (index_type) {
    case OneHotIndex::kUint8:
      OneHotKernel<U, uint8_t><<<grid, 256, 0, stream>>>(
          static_cast<const uint8_t*>(indices), depth, suffix, total, on, off, o);
      break;
    case OneHotIndex::kInt32:
      OneHotKernel<U, int32_t><<<grid, 256, 0, stream>>>(
          static_cast<const int32_t*>(indices), depth, suffix, total, on, off, o);
      break;
    case OneHotIndex::kInt64:
      OneHotKernel<U, int64_t><<<grid, 256, 0, stream>>>(
          static_cast<const int64_t*>(indices), depth, suffix, total, on, off, o);
      break;
    default:
      return cudaErrorInvalidValue;
  }
  return cudaGetLastError();
}

}  // namespace

cudaError_t LaunchOneHot(cudaStream_t stream, int elem_size, OneHotIndex index_type,
                         const void* indices, int64_t depth, int64_t suffix, int64_t total,
                         const void* on_value, const void* off_value, void* out) {
  if (total == 0) return cudaSuccess;
  if (depth <= 0 || suffix <= 0) return cudaErrorInvalidValue;
  switch (elem_size) {
    case 1:
      return OneHot<uint8_t>(stream, index_type, indices, depth, suffix, total, on_value,
                             off_value, out);
    case 2:
      return OneHot<uint16_t>(stream, index_type, indices, depth, suffix, total, on_value,
                              off_value, out);
    case 4:
      return OneHot<uint32_t>(stream, index_type, indices, depth, suffix, total, on_value,
                              off_value, out);
    case 8:
      return OneHot<uint64_t>(stream, index_type, indices, depth, suffix, total, on_value,
                              off_value, out);
    case 16:
      return OneHot<Bytes16>(stream, index_type, indices, depth, suffix, total, on_value,
                             off_value, out);
    default:
      return cudaErrorInvalidValue;
  }
}

}  // namespace gpu
}  // namespace tfc
