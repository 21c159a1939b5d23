#pragma once
// Device-side helpers shared by the reduction, softmax and cross-entropy kernels (nvcc only):
// a shared-memory tree over one block, and conversions that treat __half like a number.
#include <cuda_fp16.h>
#include <cuda_runtime.h>

#include <cstdint>

namespace tfc {
namespace gpu {

// Block kernels run with a power-of-two block size no larger than this.
constexpr int kReduceBlock = 256;

// Power-of-two block size for a block that works over n elements: idle threads only waste.
inline int BlockSizeFor(int64_t n) {
  int b = 32;
  while (b < kReduceBlock && b < n) b *= 2;
  return b;
}

template <typename To, typename From>
__device__ __forceinline__ To ConvertTo(const From& x) {
  return static_cast<To>(x);
}
template <>
__device__ __forceinline__ float ConvertTo<float, __half>(const __half& x) {
  return __half2float(x);
}
template <>
__device__ __forceinline__ double ConvertTo<double, __half>(const __half& x) {
  return static_cast<double>(__half2float(x));
}
template <>
__device__ __forceinline__ __half ConvertTo<__half, float>(const float& x) {
  return __float2half_rn(x);
}
template <>
__device__ __forceinline__ __half ConvertTo<__half, __half>(const __half& x) {
  return x;
}

// Folds one value per thread into the block's result, which every thread gets back. shm holds
// blockDim.x values; it is free for reuse when this returns. Op: static Acc Apply(Acc, Acc).
template <typename Op, typename Acc>
__device__ Acc BlockReduce(Acc v, Acc* shm) {
  const int t = threadIdx.x;
  shm[t] = v;
  __syncthreads();
  for (int s = blockDim.x / 2; s > 0; s >>= 1) {
    if (t < s) shm[t] = Op::Apply(shm[t], shm[t + s]);
    __syncthreads();
  }
  const Acc r = shm[0];
  __syncthreads();
  return r;
}

struct AddOp {
  template <typename A>
  __device__ static A Apply(A a, A b) { return a + b; }
};
// Max that ignores NaN operands unless both are NaN (the CPU kernels' `if (b > a) a = b`).
struct MaxOp {
  template <typename A>
  __device__ static A Apply(A a, A b) { return b > a ? b : a; }
};

}  // namespace gpu
}  // namespace tfc
