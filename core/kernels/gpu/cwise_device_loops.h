#pragma once
// The generic element-wise kernel family (nvcc only): grid-stride loops over a functor from
// cwise_device_functors.h. Contiguous inputs go through 16-byte vector loads and stores when
// every pointer is aligned for them; broadcasting inputs find their element through a BcastIndex.
#include <cuda_fp16.h>
#include <cuda_runtime.h>

#include <algorithm>
#include <cstdint>
#include <type_traits>

#include "core/kernels/gpu/cwise_device_functors.h"
#include "core/kernels/gpu/cwise_kernels.h"

namespace tfc {
namespace gpu {

constexpr int kCwiseThreads = 256;

// Blocks for a grid-stride loop over n work items (at least one block).
inline int CwiseBlocks(int64_t n) {
  const int64_t blocks = (n + kCwiseThreads - 1) / kCwiseThreads;
  return static_cast<int>(std::max<int64_t>(1, std::min<int64_t>(blocks, 65535LL * 8)));
}

template <typename T, int V>
struct alignas(sizeof(T) * V) Vec {
  T v[V];
};

// Elements per 16-byte vector.
template <typename T>
constexpr int VecWidth() {
  return static_cast<int>(16 / sizeof(T));
}

inline bool IsAligned(const void* p, size_t bytes) {
  return reinterpret_cast<uintptr_t>(p) % bytes == 0;
}

template <typename F, typename T>
using OutOf = std::conditional_t<F::kBoolOut, bool, T>;

__device__ __forceinline__ int64_t GlobalThread() {
  return static_cast<int64_t>(blockIdx.x) * blockDim.x + threadIdx.x;
}
__device__ __forceinline__ int64_t GridStride() {
  return static_cast<int64_t>(blockDim.x) * gridDim.x;
}

// Element offsets of each of N inputs for output element i.
template <int N>
__device__ __forceinline__ void BcastOffsets(const BcastIndex& idx, int64_t i, int64_t* off) {
#pragma unroll
  for (int k = 0; k < N; ++k) off[k] = 0;
#pragma unroll
  for (int d = kMaxBcastDims - 1; d >= 0; --d) {
    if (d < idx.ndims) {
      const int64_t size = idx.dims[d];
      const int64_t c = i % size;
      i /= size;
#pragma unroll
      for (int k = 0; k < N; ++k) off[k] += c * idx.strides[k][d];
    }
  }
}

// ---- unary ------------------------------------------------------------------------------------
// V elements per thread per step; the last n % V elements go to the first threads.
template <typename F, typename T, typename C, int V>
__global__ void UnaryKernel(const T* __restrict__ x, OutOf<F, T>* __restrict__ y, int64_t n) {
  using Out = OutOf<F, T>;
  const int64_t nvec = n / V;
  const int64_t tid = GlobalThread();
  for (int64_t i = tid; i < nvec; i += GridStride()) {
    const Vec<T, V> a = reinterpret_cast<const Vec<T, V>*>(x)[i];
    Vec<Out, V> r;
#pragma unroll
    for (int j = 0; j < V; ++j) r.v[j] = Store<Out>(F::Run(Load<C>(a.v[j])));
    reinterpret_cast<Vec<Out, V>*>(y)[i] = r;
  }
  const int64_t t = nvec * V + tid;
  if (t < n) y[t] = Store<Out>(F::Run(Load<C>(x[t])));
}

template <typename F, CwiseType kType>
cudaError_t LaunchUnaryT(cudaStream_t stream, const void* xv, void* yv, int64_t n) {
  using T = typename TypeOf<kType>::T;
  using C = typename TypeOf<kType>::C;
  using Out = OutOf<F, T>;
  constexpr int V = VecWidth<T>();
  const T* x = static_cast<const T*>(xv);
  Out* y = static_cast<Out*>(yv);
  if (IsAligned(x, sizeof(Vec<T, V>)) && IsAligned(y, sizeof(Vec<Out, V>))) {
    UnaryKernel<F, T, C, V><<<CwiseBlocks(n / V), kCwiseThreads, 0, stream>>>(x, y, n);
  } else {
    UnaryKernel<F, T, C, 1><<<CwiseBlocks(n), kCwiseThreads, 0, stream>>>(x, y, n);
  }
  return cudaGetLastError();
}

template <typename F>
cudaError_t DispatchUnary(cudaStream_t stream, CwiseType type, const void* x, void* y,
                          int64_t n) {
  if (n <= 0) return cudaSuccess;
  switch (type) {
#define TFC_CASE(K)                                                        \
  case CwiseType::K:                                                       \
    if constexpr ((F::kTypes & TypeBit(CwiseType::K)) != 0) {              \
      return LaunchUnaryT<F, CwiseType::K>(stream, x, y, n);               \
    }                                                                      \
    break;
    TFC_CASE(kFloat)
    TFC_CASE(kDouble)
    TFC_CASE(kHalf)
    TFC_CASE(kInt64)
    TFC_CASE(kBool)
#undef TFC_CASE
  }
  return cudaErrorInvalidValue;
}

// ---- binary -----------------------------------------------------------------------------------
template <typename F, typename T, typename C, int V>
__global__ void BinarySameShapeKernel(const T* __restrict__ x, const T* __restrict__ y,
                                      OutOf<F, T>* __restrict__ z, int64_t n) {
  using Out = OutOf<F, T>;
  const int64_t nvec = n / V;
  const int64_t tid = GlobalThread();
  for (int64_t i = tid; i < nvec; i += GridStride()) {
    const Vec<T, V> a = reinterpret_cast<const Vec<T, V>*>(x)[i];
    const Vec<T, V> b = reinterpret_cast<const Vec<T, V>*>(y)[i];
    Vec<Out, V> r;
#pragma unroll
    for (int j = 0; j < V; ++j) r.v[j] = Store<Out>(F::Run(Load<C>(a.v[j]), Load<C>(b.v[j])));
    reinterpret_cast<Vec<Out, V>*>(z)[i] = r;
  }
  const int64_t t = nvec * V + tid;
  if (t < n) z[t] = Store<Out>(F::Run(Load<C>(x[t]), Load<C>(y[t])));
}

// One operand is a single element (x when kScalarX, else y); the other is contiguous.
template <typename F, typename T, typename C, int V, bool kScalarX>
__global__ void BinaryScalarKernel(const T* __restrict__ x, const T* __restrict__ y,
                                   OutOf<F, T>* __restrict__ z, int64_t n) {
  using Out = OutOf<F, T>;
  const C s = Load<C>(kScalarX ? x[0] : y[0]);
  const T* __restrict__ v = kScalarX ? y : x;
  const int64_t nvec = n / V;
  const int64_t tid = GlobalThread();
  for (int64_t i = tid; i < nvec; i += GridStride()) {
    const Vec<T, V> a = reinterpret_cast<const Vec<T, V>*>(v)[i];
    Vec<Out, V> r;
#pragma unroll
    for (int j = 0; j < V; ++j) {
      const C e = Load<C>(a.v[j]);
      r.v[j] = Store<Out>(kScalarX ? F::Run(s, e) : F::Run(e, s));
    }
    reinterpret_cast<Vec<Out, V>*>(z)[i] = r;
  }
  const int64_t t = nvec * V + tid;
  if (t < n) {
    const C e = Load<C>(v[t]);
    z[t] = Store<Out>(kScalarX ? F::Run(s, e) : F::Run(e, s));
  }
}

template <typename F, typename T, typename C>
__global__ void BinaryBcastKernel(const T* __restrict__ x, const T* __restrict__ y,
                                  OutOf<F, T>* __restrict__ z, int64_t n, BcastIndex idx) {
  using Out = OutOf<F, T>;
  for (int64_t i = GlobalThread(); i < n; i += GridStride()) {
    int64_t off[2];
    BcastOffsets<2>(idx, i, off);
    z[i] = Store<Out>(F::Run(Load<C>(x[off[0]]), Load<C>(y[off[1]])));
  }
}

template <typename F, CwiseType kType>
cudaError_t LaunchBinaryT(cudaStream_t stream, BinaryLayout layout, const BcastIndex& index,
                          const void* xv, const void* yv, void* zv, int64_t n) {
  using T = typename TypeOf<kType>::T;
  using C = typename TypeOf<kType>::C;
  using Out = OutOf<F, T>;
  constexpr int V = VecWidth<T>();
  const T* x = static_cast<const T*>(xv);
  const T* y = static_cast<const T*>(yv);
  Out* z = static_cast<Out*>(zv);
  const bool out_aligned = IsAligned(z, sizeof(Vec<Out, V>));
  switch (layout) {
    case BinaryLayout::kSameShape:
      if (out_aligned && IsAligned(x, sizeof(Vec<T, V>)) && IsAligned(y, sizeof(Vec<T, V>))) {
        BinarySameShapeKernel<F, T, C, V><<<CwiseBlocks(n / V), kCwiseThreads, 0, stream>>>(
            x, y, z, n);
      } else {
        BinarySameShapeKernel<F, T, C, 1><<<CwiseBlocks(n), kCwiseThreads, 0, stream>>>(
            x, y, z, n);
      }
      break;
    case BinaryLayout::kScalarX:
      if (out_aligned && IsAligned(y, sizeof(Vec<T, V>))) {
        BinaryScalarKernel<F, T, C, V, true><<<CwiseBlocks(n / V), kCwiseThreads, 0, stream>>>(
            x, y, z, n);
      } else {
        BinaryScalarKernel<F, T, C, 1, true><<<CwiseBlocks(n), kCwiseThreads, 0, stream>>>(
            x, y, z, n);
      }
      break;
    case BinaryLayout::kScalarY:
      if (out_aligned && IsAligned(x, sizeof(Vec<T, V>))) {
        BinaryScalarKernel<F, T, C, V, false><<<CwiseBlocks(n / V), kCwiseThreads, 0, stream>>>(
            x, y, z, n);
      } else {
        BinaryScalarKernel<F, T, C, 1, false><<<CwiseBlocks(n), kCwiseThreads, 0, stream>>>(
            x, y, z, n);
      }
      break;
    case BinaryLayout::kGeneral:
      BinaryBcastKernel<F, T, C><<<CwiseBlocks(n), kCwiseThreads, 0, stream>>>(x, y, z, n,
                                                                               index);
      break;
  }
  return cudaGetLastError();
}

template <typename F>
cudaError_t DispatchBinary(cudaStream_t stream, CwiseType type, BinaryLayout layout,
                           const BcastIndex& index, const void* x, const void* y, void* z,
                           int64_t n) {
  if (n <= 0) return cudaSuccess;
  switch (type) {
#define TFC_CASE(K)                                                             \
  case CwiseType::K:                                                            \
    if constexpr ((F::kTypes & TypeBit(CwiseType::K)) != 0) {                   \
      return LaunchBinaryT<F, CwiseType::K>(stream, layout, index, x, y, z, n); \
    }                                                                           \
    break;
    TFC_CASE(kFloat)
    TFC_CASE(kDouble)
    TFC_CASE(kHalf)
    TFC_CASE(kInt64)
    TFC_CASE(kBool)
#undef TFC_CASE
  }
  return cudaErrorInvalidValue;
}

// The binary ops are compiled in three files; LaunchBinary (cwise_binary_kernels.cu) hands the
// comparison/logic and gradient codes to these.
cudaError_t LaunchCompareBinary(cudaStream_t stream, BinaryOp op, CwiseType type,
                                BinaryLayout layout, const BcastIndex& index, const void* x,
                                const void* y, void* z, int64_t n);
cudaError_t LaunchGradBinary(cudaStream_t stream, BinaryOp op, CwiseType type,
                             BinaryLayout layout, const BcastIndex& index, const void* x,
                             const void* y, void* z, int64_t n);

}  // namespace gpu
}  // namespace tfc
