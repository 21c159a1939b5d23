#include "core/kernels/gpu/conv_kernels.h"

namespace tfc {
namespace {

struct Dims4 {
  int64_t d[4];
};

template <typename E>
__global__ void Transpose4DKernel(const E* __restrict__ src, E* __restrict__ dst, Dims4 src_dims,
                                  Dims4 src_strides_for_dst_axes, Dims4 dst_dims, int64_t n) {
  for (int64_t i = blockIdx.x * static_cast<int64_t>(blockDim.x) + threadIdx.x; i < n;
       i += static_cast<int64_t>(blockDim.x) * gridDim.x) {
    int64_t rest = i;
    int64_t s = 0;
    for (int a = 3; a >= 0; --a) {
      const int64_t coord = rest % dst_dims.d[a];
      rest /= dst_dims.d[a];
      s += coord * src_strides_for_dst_axes.d[a];
    }
    dst[i] = src[s];
  }
}

template <typename E>
__global__ void PadCrop4DKernel(const E* __restrict__ src, Dims4 src_dims, E* __restrict__ dst,
                                Dims4 dst_dims, Dims4 before, int64_t n) {
  for (int64_t i = blockIdx.x * static_cast<int64_t>(blockDim.x) + threadIdx.x; i < n;
       i += static_cast<int64_t>(blockDim.x) * gridDim.x) {
    int64_t rest = i;
    int64_t s = 0, stride = 1;
    bool inside = true;
    for (int a = 3; a >= 0; --a) {
      const int64_t coord = rest % dst_dims.d[a] - before.d[a];
      rest /= dst_dims.d[a];
      if (coord < 0 || coord >= src_dims.d[a]) inside = false;
      s += coord * stride;
      stride *= src_dims.d[a];
    }
    dst[i] = inside ? src[s] : E(0);
  }
}

int Blocks(int64_t n) {
  const int64_t b = (n + 255) / 256;
  return static_cast<int>(b < 1 ? 1 : (b > 65535LL * 8 ? 65535LL * 8 : b));
}

template <typename E>
cudaError_t Transpose(cudaStream_t stream, const void* src, void* dst, const int64_t src_dims[4],
                      const int perm[4]) {
  Dims4 sd, strides, dd, by_dst;
  int64_t n = 1;
  for (int a = 0; a < 4; ++a) {
    sd.d[a] = src_dims[a];
    n *= src_dims[a];
  }
  int64_t st = 1;
  for (int a = 3; a >= 0; --a) {
    strides.d[a] = st;
    st *= src_dims[a];
  }
  for (int a = 0; a < 4; ++a) {
    dd.d[a] = src_dims[perm[a]];
    by_dst.d[a] = strides.d[perm[a]];
  }
  if (n == 0) return cudaSuccess;
  Transpose4DKernel<E><<<Blocks(n), 256, 0, stream>>>(static_cast<const E*>(src),
                                                      static_cast<E*>(dst), sd, by_dst, dd, n);
  return cudaGetLastError();
}

template <typename E>
cudaError_t PadCrop(cudaStream_t stream, const void* src, const int64_t src_dims[4], void* dst,
                    const int64_t dst_dims[4], const int64_t before[4]) {
  Dims4 sd, dd, b;
  int64_t n = 1;
  for (int a = 0; a < 4; ++a) {
    sd.d[a] = src_dims[a];
    dd.d[a] = dst_dims[a];
    b.d[a] = before[a];
    n *= dst_dims[a];
  }
  if (n == 0) return cudaSuccess;
  PadCrop4DKernel<E><<<Blocks(n), 256, 0, stream>>>(static_cast<const E*>(src), sd,
                                                    static_cast<E*>(dst), dd, b, n);
  return cudaGetLastError();
}

}  // namespace

cudaError_t LaunchTranspose4D(cudaStream_t stream, const void* src, void* dst,
                              const int64_t src_dims[4], const int perm[4], int elem_bytes) {
  switch (elem_bytes) {
    case 2: return Transpose<uint16_t>(stream, src, dst, src_dims, perm);
    case 4: return Transpose<uint32_t>(stream, src, dst, src_dims, perm);
    case 8: return Transpose<uint64_t>(stream, src, dst, src_dims, perm);
    default: return cudaErrorInvalidValue;
  }
}

cudaError_t LaunchPadCrop4D(cudaStream_t stream, const void* src, const int64_t src_dims[4],
                            void* dst, const int64_t dst_dims[4], const int64_t before[4],
                            int elem_bytes) {
  switch (elem_bytes) {
    case 2: return PadCrop<uint16_t>(stream, src, src_dims, dst, dst_dims, before);
    case 4: return PadCrop<uint32_t>(stream, src, src_dims, dst, dst_dims, before);
    case 8: return PadCrop<uint64_t>(stream, src, src_dims, dst, dst_dims, before);
    default: return cudaErrorInvalidValue;
  }
}

}  // namespace tfc
