// Strided copies for the data-movement kernels: a gather with per-dimension index maps (one
// thread per output element, int64 index math) and a pitched row copy.
#include "core/kernels/gpu/shape_kernels.h"

#include <algorithm>
#include <cstring>

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
__global__ void GatherKernel(GatherSpec spec, const U* __restrict__ in, U* __restrict__ out,
                             int64_t n, U pad_value) {
  const int64_t stride = static_cast<int64_t>(blockDim.x) * gridDim.x;
  for (int64_t t = static_cast<int64_t>(blockIdx.x) * blockDim.x + threadIdx.x; t < n;
       t += stride) {
    int64_t rem = t, offset = 0;
    bool padded = false;
    for (int k = spec.rank - 1; k >= 0; --k) {
      const int64_t i = rem % spec.out_dims[k];
      rem /= spec.out_dims[k];
      int64_t s = i + spec.start[k];
      if (spec.wrap) s %= spec.in_dims[k];
      if (spec.pad && (s < 0 || s >= spec.in_dims[k])) padded = true;
      offset += s * spec.in_strides[k];
    }
    out[t] = padded ? pad_value : in[offset];
  }
}

template <typename U>
__global__ void CopyRowsKernel(const U* __restrict__ src, int64_t src_pitch, U* __restrict__ dst,
                               int64_t dst_pitch, int64_t rows, int64_t cols) {
  const int64_t n = rows * cols;
  const int64_t stride = static_cast<int64_t>(blockDim.x) * gridDim.x;
  for (int64_t t = static_cast<int64_t>(blockIdx.x) * blockDim.x + threadIdx.x; t < n;
       t += stride) {
    const int64_t r = t / cols, c = t % cols;
    dst[r * dst_pitch + c] = src[r * src_pitch + c];
  }
}

template <typename U>
cudaError_t Gather(cudaStream_t stream, const GatherSpec& spec, const void* in, void* out,
                   int64_t n, const void* pad_value) {
  U pad;
  std::memset(&pad, 0, sizeof(U));
  if (pad_value != nullptr) std::memcpy(&pad, pad_value, sizeof(U));
  GatherKernel<U><<<GridFor(n), 256, 0, stream>>>(spec, static_cast<const U*>(in),
                                                  static_cast<U*>(out), n, pad);
  return cudaGetLastError();
}

template <typename U>
cudaError_t CopyRows(cudaStream_t stream, const void* src, int64_t src_pitch, void* dst,
                     int64_t dst_pitch, int64_t rows, int64_t cols) {
  CopyRowsKernel<U><<<GridFor(rows * cols), 256, 0, stream>>>(
      static_cast<const U*>(src), src_pitch, static_cast<U*>(dst), dst_pitch, rows, cols);
  return cudaGetLastError();
}

}  // namespace

cudaError_t LaunchGather(cudaStream_t stream, int elem_size, const GatherSpec& spec,
                         const void* in, void* out, int64_t n, const void* pad_value) {
  if (spec.rank < 0 || spec.rank > kMaxGatherDims) return cudaErrorInvalidValue;
  if (n == 0) return cudaSuccess;
  switch (elem_size) {
    case 1: return Gather<uint8_t>(stream, spec, in, out, n, pad_value);
    case 2: return Gather<uint16_t>(stream, spec, in, out, n, pad_value);
    case 4: return Gather<uint32_t>(stream, spec, in, out, n, pad_value);
    case 8: return Gather<uint64_t>(stream, spec, in, out, n, pad_value);
    case 16: return Gather<Bytes16>(stream, spec, in, out, n, pad_value);
    default: return cudaErrorInvalidValue;
  }
}

cudaError_t LaunchCopyRows(cudaStream_t stream, int elem_size, const void* src,
                           int64_t src_pitch, void* dst, int64_t dst_pitch, int64_t rows,
                           int64_t cols) {
  if (rows == 0 || cols == 0) return cudaSuccess;
  if ((src_pitch == cols && dst_pitch == cols) || rows == 1) {
    // One contiguous block.
    return cudaMemcpyAsync(dst, src, static_cast<size_t>(rows * cols) * elem_size,
                           cudaMemcpyDeviceToDevice, stream);
  }
  switch (elem_size) {
    case 1: return CopyRows<uint8_t>(stream, src, src_pitch, dst, dst_pitch, rows, cols);
    case 2: return CopyRows<uint16_t>(stream, src, src_pitch, dst, dst_pitch, rows, cols);
    case 4: return CopyRows<uint32_t>(stream, src, src_pitch, dst, dst_pitch, rows, cols);
    case 8: return CopyRows<uint64_t>(stream, src, src_pitch, dst, dst_pitch, rows, cols);
    case 16: return CopyRows<Bytes16>(stream, src, src_pitch, dst, dst_pitch, rows, cols);
    default: return cudaErrorInvalidValue;
  }
}

}  // namespace gpu
}  // namespace tfc
