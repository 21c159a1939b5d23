// GPU Cast between float, double, half, int64 and bool, with the CPU kernel's conversions
// (core/kernels/cwise/cast_op.cc): values widen to float (half) or stay as they are, then
// convert once.
#include <cuda_fp16.h>
#include <cuda_runtime.h>

#include <type_traits>

#include "core/kernels/gpu/cast_kernels.h"
#include "core/kernels/gpu/cwise_device_loops.h"

namespace tfc {
namespace gpu {
namespace {

// Keeps inf and NaN; otherwise clears the low mantissa bits half cannot hold.
__device__ __forceinline__ float TruncateMantissa(float f, int drop_bits) {
  unsigned u = __float_as_uint(f);
  if ((u & 0x7f800000u) != 0x7f800000u) u &= ~((1u << drop_bits) - 1u);
  return __uint_as_float(u);
}

template <typename S, typename D>
__device__ __forceinline__ D CastOne(S x, bool truncate) {
  // Half reads as float; every other source keeps its own type.
  using W = std::conditional_t<std::is_same_v<S, __half>, float, S>;
  const W w = Load<W>(x);
  if constexpr (std::is_same_v<D, bool>) {
    return w != W(0);
  } else if constexpr (std::is_same_v<D, __half>) {
    float f = static_cast<float>(w);
    if constexpr (std::is_floating_point_v<W>) {
      if (truncate) f = TruncateMantissa(f, 13);
    }
    return __float2half_rn(f);
  } else {
    return static_cast<D>(w);
  }
}

template <typename S, typename D>
__global__ void CastKernel(const S* __restrict__ in, D* __restrict__ out, int64_t n,
                           bool truncate) {
  for (int64_t i = GlobalThread(); i < n; i += GridStride()) {
    out[i] = CastOne<S, D>(in[i], truncate);
  }
}

template <CwiseType kSrc, CwiseType kDst>
cudaError_t LaunchCastT(cudaStream_t stream, bool truncate, const void* in, void* out,
                        int64_t n) {
  if constexpr (kSrc == kDst) {
    return cudaErrorInvalidValue;
  } else {
    using S = typename TypeOf<kSrc>::T;
    using D = typename TypeOf<kDst>::T;
    CastKernel<S, D><<<CwiseBlocks(n), kCwiseThreads, 0, stream>>>(
        static_cast<const S*>(in), static_cast<D*>(out), n, truncate);
    return cudaGetLastError();
  }
}

template <CwiseType kSrc>
cudaError_t LaunchCastFrom(cudaStream_t stream, CwiseType dst, bool truncate, const void* in,
                           void* out, int64_t n) {
  switch (dst) {
    case CwiseType::kFloat:
      return LaunchCastT<kSrc, CwiseType::kFloat>(stream, truncate, in, out, n);
    case CwiseType::kDouble:
      return LaunchCastT<kSrc, CwiseType::kDouble>(stream, truncate, in, out, n);
    case CwiseType::kHalf:
      return LaunchCastT<kSrc, CwiseType::kHalf>(stream, truncate, in, out, n);
    case CwiseType::kInt64:
      return LaunchCastT<kSrc, CwiseType::kInt64>(stream, truncate, in, out, n);
    case CwiseType::kBool:
      return LaunchCastT<kSrc, CwiseType::kBool>(stream, truncate, in, out, n);
  }
  return cudaErrorInvalidValue;
}

}  // namespace

cudaError_t LaunchCast(cudaStream_t stream, CwiseType src, CwiseType dst, bool truncate,
                       const void* in, void* out, int64_t n) {
  if (src == dst) return cudaErrorInvalidValue;
  if (n <= 0) return cudaSuccess;
  switch (src) {
    case CwiseType::kFloat:
      return LaunchCastFrom<CwiseType::kFloat>(stream, dst, truncate, in, out, n);
    case CwiseType::kDouble:
      return LaunchCastFrom<CwiseType::kDouble>(stream, dst, truncate, in, out, n);
    case CwiseType::kHalf:
      return LaunchCastFrom<CwiseType::kHalf>(stream, dst, truncate, in, out, n);
    case CwiseType::kInt64:
      return LaunchCastFrom<CwiseType::kInt64>(stream, dst, truncate, in, out, n);
    case CwiseType::kBool:
      return LaunchCastFrom<CwiseType::kBool>(stream, dst, truncate, in, out, n);
  }
  return cudaErrorInvalidValue;
}

}  // namespace gpu
}  // namespace tfc
