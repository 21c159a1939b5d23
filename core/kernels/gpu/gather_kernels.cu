// The row gather of Gather/GatherV2/ResourceGather: one thread per output element (grid-stride,
// int64 index math); out-of-range indices give zeros.
#include "core/kernels/gpu/gather_kernels.h"

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
__global__ void GatherRowsKernel(GatherRowsSpec spec, const U* __restrict__ params,
                                 const I* __restrict__ indices, U* __restrict__ out) {
  const int64_t stride = static_cast<int64_t>(blockDim.x) * gridDim.x;
  for (int64_t t = static_cast<int64_t>(blockIdx.x) * blockDim.x + threadIdx.x; t < spec.total;
       t += stride) {
    const int64_t i = t % spec.inner;
    const int64_t u = t / spec.inner;
    const int64_t n = u % spec.n_idx;
    const int64_t bo = u / spec.n_idx;  // b * outer + o
    const int64_t b = bo / spec.outer;
    const int64_t row = static_cast<int64_t>(indices[b * spec.n_idx + n]);
    if (row >= 0 && row < spec.limit) {
      out[t] = params[(bo * spec.limit + row) * spec.inner + i];
    } else {
      out[t] = U{};
    }
  }
}

template <typename U>
cudaError_t Gather(cudaStream_t stream, bool index_is_64, const GatherRowsSpec& spec,
                   const void* params, const void* indices, void* out) {
  const U* p = static_cast<const U*>(params);
  U* o = static_cast<U*>(out);
  if (index_is_64) {
    GatherRowsKernel<U, int64_t><<<GridFor(spec.total), 256, 0, stream>>>(
        spec, p, static_cast<const int64_t*>(indices), o);
  } else {
    GatherRowsKernel<U, int32_t><<<GridFor(spec.total), 256, 0, stream>>>(
        spec, p, static_cast<const int32_t*>(indices), o);
  }
  return cudaGetLastError();
}

}  // namespace

cudaError_t LaunchGatherRows(cudaStream_t stream, int elem_size, bool index_is_64,
                             const GatherRowsSpec& spec, const void* params, const void* indices,
                             void* out) {
  if (spec.total == 0) return cudaSuccess;
  if (spec.inner <= 0 || spec.n_idx <= 0 || spec.outer <= 0) return cudaErrorInvalidValue;
  switch (elem_size) {
    case 1: return Gather<uint8_t>(stream, index_is_64, spec, params, indices, out);
    case 2: return Gather<uint16_t>(stream, index_is_64, spec, params, indices, out);
    case 4: return Gather<uint32_t>(stream, index_is_64, spec, params, indices, out);
    case 8: return Gather<uint64_t>(stream, index_is_64, spec, params, indices, out);
    case 16: return Gather<Bytes16>(stream, index_is_64, spec, params, indices, out);
    default: return cudaErrorInvalidValue;
  }
}

}  // namespace gpu
}  // namespace tfc
