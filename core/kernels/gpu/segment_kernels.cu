// UnsortedSegment{Sum,Prod,Max,Min}: one thread per data element (grid-stride, int64 index
// math) folds it into its segment's accumulator with an atomic: atomicAdd for Sum, a
// compare-and-swap loop on the value's bits for Prod, Max and Min.
#include "core/kernels/gpu/segment_kernels.h"

#include <algorithm>

namespace tfc {
namespace gpu {
namespace {

int GridFor(int64_t n) {
  const int64_t blocks = (n + 255) / 256;
  return static_cast<int>(std::max<int64_t>(1, std::min<int64_t>(blocks, 65535LL * 8)));
}

__device__ unsigned int ToBits(float v) { return __float_as_uint(v); }
__device__ unsigned long long ToBits(double v) {
  return static_cast<unsigned long long>(__double_as_longlong(v));
}
__device__ float FromBits(unsigned int b, float) { return __uint_as_float(b); }
__device__ double FromBits(unsigned long long b, double) {
  return __longlong_as_double(static_cast<long long>(b));
}

struct ProdOp {
  template <typename A>
  __device__ static bool Changes(A, A) { return true; }
  template <typename A>
  __device__ static A Combine(A old, A v) { return old * v; }
};
struct MaxOp {
  template <typename A>
  __device__ static bool Changes(A old, A v) { return v > old; }
  template <typename A>
  __device__ static A Combine(A, A v) { return v; }
};
struct MinOp {
  template <typename A>
  __device__ static bool Changes(A old, A v) { return v < old; }
  template <typename A>
  __device__ static A Combine(A, A v) { return v; }
};

// *addr = Op(*addr, v) atomically, retried until no other thread wrote in between.
template <typename Op, typename A>
__device__ void AtomicCombine(A* addr, A v) {
  using B = decltype(ToBits(v));
  B* bits = reinterpret_cast<B*>(addr);
  B assumed = *reinterpret_cast<volatile B*>(bits);
  while (true) {
    const A old = FromBits(assumed, A());
    if (!Op::Changes(old, v)) return;
    const B seen = atomicCAS(bits, assumed, ToBits(Op::Combine(old, v)));
    if (seen == assumed) return;
    assumed = seen;
  }
}

template <typename A>
__device__ A ToAcc(A v) { return v; }
__device__ float ToAcc(__half v) { return __half2float(v); }

template <typename A>
__global__ void FillKernel(A init, A* __restrict__ acc, int64_t n) {
  const int64_t stride = static_cast<int64_t>(blockDim.x) * gridDim.x;
  for (int64_t t = static_cast<int64_t>(blockIdx.x) * blockDim.x + threadIdx.x; t < n;
       t += stride) {
    acc[t] = init;
  }
}

template <typename T, typename A, typename I>
__global__ void UnsortedSegmentKernel(SegmentReduce op, const T* __restrict__ data,
                                      const I* __restrict__ ids, int64_t n, int64_t inner,
                                      int64_t num_segments, A* acc) {
  const int64_t stride = static_cast<int64_t>(blockDim.x) * gridDim.x;
  for (int64_t t = static_cast<int64_t>(blockIdx.x) * blockDim.x + threadIdx.x; t < n;
       t += stride) {
    const int64_t id = static_cast<int64_t>(ids[t / inner]);
    if (id < 0 || id >= num_segments) continue;
    A* dst = acc + id * inner + t % inner;
    const A v = ToAcc(data[t]);
    switch (op) {
      case SegmentReduce::kSum: atomicAdd(dst, v); break;
      case SegmentReduce::kProd: AtomicCombine<ProdOp>(dst, v); break;
      case SegmentReduce::kMax: AtomicCombine<MaxOp>(dst, v); break;
      case SegmentReduce::kMin: AtomicCombine<MinOp>(dst, v); break;
    }
  }
}

__global__ void FloatToHalfKernel(const float* __restrict__ acc, __half* __restrict__ out,
                                  int64_t n) {
  const int64_t stride = static_cast<int64_t>(blockDim.x) * gridDim.x;
  for (int64_t t = static_cast<int64_t>(blockIdx.x) * blockDim.x + threadIdx.x; t < n;
       t += stride) {
    out[t] = __float2half_rn(acc[t]);
  }
}

}  // namespace

template <typename A>
cudaError_t LaunchSegmentInit(cudaStream_t stream, A init, A* acc, int64_t n) {
  if (n == 0) return cudaSuccess;
  FillKernel<A><<<GridFor(n), 256, 0, stream>>>(init, acc, n);
  return cudaGetLastError();
}

template <typename T, typename A, typename I>
cudaError_t LaunchUnsortedSegment(cudaStream_t stream, SegmentReduce op, const T* data,
                                  const I* ids, int64_t n_ids, int64_t inner,
                                  int64_t num_segments, A* acc) {
  const int64_t n = n_ids * inner;
  if (n == 0 || num_segments == 0) return cudaSuccess;
  UnsortedSegmentKernel<T, A, I><<<GridFor(n), 256, 0, stream>>>(op, data, ids, n, inner,
                                                                 num_segments, acc);
  return cudaGetLastError();
}

cudaError_t LaunchFloatToHalf(cudaStream_t stream, const float* acc, __half* out, int64_t n) {
  if (n == 0) return cudaSuccess;
  FloatToHalfKernel<<<GridFor(n), 256, 0, stream>>>(acc, out, n);
  return cudaGetLastError();
}

template cudaError_t LaunchSegmentInit<float>(cudaStream_t, float, float*, int64_t);
template cudaError_t LaunchSegmentInit<double>(cudaStream_t, double, double*, int64_t);

#define TFC_INSTANTIATE_SEGMENT(T, A, I)                                                     \
  template cudaError_t LaunchUnsortedSegment<T, A, I>(cudaStream_t, SegmentReduce, const T*, \
                                                      const I*, int64_t, int64_t, int64_t,   \
                                                      A*);
TFC_INSTANTIATE_SEGMENT(float, float, int32_t)
TFC_INSTANTIATE_SEGMENT(float, float, int64_t)
TFC_INSTANTIATE_SEGMENT(double, double, int32_t)
TFC_INSTANTIATE_SEGMENT(double, double, int64_t)
TFC_INSTANTIATE_SEGMENT(__half, float, int32_t)
TFC_INSTANTIATE_SEGMENT(__half, float, int64_t)
#undef TFC_INSTANTIATE_SEGMENT

}  // namespace gpu
}  // namespace tfc
