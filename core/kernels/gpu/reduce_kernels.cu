// Reductions on the GPU. A pass folds the middle axis of [outer, r, inner]: with inner == 1 one
// block folds each row through a shared-memory tree; otherwise each thread folds one column,
// reading neighbouring columns together. When there are too few outputs to fill the GPU the r
// axis is cut into chunks whose partial results a second launch folds.
#include "core/kernels/gpu/reduce_kernels.h"

#include <math.h>

#include <algorithm>
#include <type_traits>

#include "core/kernels/gpu/reduce_block.h"

namespace tfc {
namespace gpu {
namespace {

template <typename T>
struct AccOf { using type = T; };
template <>
struct AccOf<__half> { using type = float; };

template <typename A>
struct SumR {
  __device__ static A Init() { return A(0); }
  __device__ static A Apply(A a, A b) { return a + b; }
  __device__ static A Finalize(A a, int64_t) { return a; }
};
template <typename A>
struct MeanR {
  __device__ static A Init() { return A(0); }
  __device__ static A Apply(A a, A b) { return a + b; }
  // An empty mean is 0/0 = NaN, as on the CPU.
  __device__ static A Finalize(A a, int64_t n) { return a / static_cast<A>(n); }
};
template <typename A>
struct ProdR {
  __device__ static A Init() { return A(1); }
  __device__ static A Apply(A a, A b) { return a * b; }
  __device__ static A Finalize(A a, int64_t) { return a; }
};
// An empty Max is -inf and an empty Min +inf; NaN inputs never win (the CPU's `if (b > a)`).
template <typename A>
struct MaxR {
  __device__ static A Init() { return -static_cast<A>(INFINITY); }
  __device__ static A Apply(A a, A b) { return b > a ? b : a; }
  __device__ static A Finalize(A a, int64_t) { return a; }
};
template <typename A>
struct MinR {
  __device__ static A Init() { return static_cast<A>(INFINITY); }
  __device__ static A Apply(A a, A b) { return b < a ? b : a; }
  __device__ static A Finalize(A a, int64_t) { return a; }
};
struct AllR {
  __device__ static bool Init() { return true; }
  __device__ static bool Apply(bool a, bool b) { return a && b; }
  __device__ static bool Finalize(bool a, int64_t) { return a; }
};
struct AnyR {
  __device__ static bool Init() { return false; }
  __device__ static bool Apply(bool a, bool b) { return a || b; }
  __device__ static bool Finalize(bool a, int64_t) { return a; }
};

template <typename R, typename Acc, typename Out, bool kFinal>
__device__ __forceinline__ Out Emit(Acc a, int64_t count) {
  if constexpr (kFinal) {
    return ConvertTo<Out, Acc>(R::Finalize(a, count));
  } else {
    return a;
  }
}

// Block b (of outer * splits) folds chunk b % splits of row b / splits into dst[b].
template <typename R, typename Acc, typename In, typename Out, bool kFinal>
__global__ void RowReduceKernel(const In* __restrict__ src, int64_t outer, int64_t r,
                                int64_t splits, int64_t chunk, Out* __restrict__ dst,
                                int64_t count) {
  __shared__ Acc shm[kReduceBlock];
  const int64_t blocks = outer * splits;
  for (int64_t b = blockIdx.x; b < blocks; b += gridDim.x) {
    const int64_t o = b / splits, s = b % splits;
    const int64_t j0 = s * chunk;
    const int64_t j1 = j0 + chunk < r ? j0 + chunk : r;
    const In* row = src + o * r;
    Acc acc = R::Init();
    for (int64_t j = j0 + threadIdx.x; j < j1; j += blockDim.x) {
      acc = R::Apply(acc, ConvertTo<Acc, In>(row[j]));
    }
    acc = BlockReduce<R>(acc, shm);
    if (threadIdx.x == 0) dst[b] = Emit<R, Acc, Out, kFinal>(acc, count);
  }
}

// Thread t (of outer * splits * inner) folds chunk s of column (o, i) into dst[t].
template <typename R, typename Acc, typename In, typename Out, bool kFinal>
__global__ void ColReduceKernel(const In* __restrict__ src, int64_t outer, int64_t r,
                                int64_t inner, int64_t splits, int64_t chunk,
                                Out* __restrict__ dst, int64_t count) {
  const int64_t n = outer * splits * inner;
  const int64_t stride = static_cast<int64_t>(blockDim.x) * gridDim.x;
  for (int64_t t = static_cast<int64_t>(blockIdx.x) * blockDim.x + threadIdx.x; t < n;
       t += stride) {
    const int64_t o = t / (splits * inner);
    const int64_t rem = t % (splits * inner);
    const int64_t s = rem / inner, i = rem % inner;
    const int64_t j0 = s * chunk;
    const int64_t j1 = j0 + chunk < r ? j0 + chunk : r;
    const In* col = src + o * r * inner + i;
    Acc acc = R::Init();
    for (int64_t j = j0; j < j1; ++j) acc = R::Apply(acc, ConvertTo<Acc, In>(col[j * inner]));
    dst[t] = Emit<R, Acc, Out, kFinal>(acc, count);
  }
}

template <typename R, typename Acc, typename T>
__global__ void ReduceCopyKernel(const T* __restrict__ src, int64_t n, int64_t count,
                                 T* __restrict__ dst) {
  const int64_t stride = static_cast<int64_t>(blockDim.x) * gridDim.x;
  for (int64_t t = static_cast<int64_t>(blockIdx.x) * blockDim.x + threadIdx.x; t < n;
       t += stride) {
    dst[t] = ConvertTo<T, Acc>(R::Finalize(ConvertTo<Acc, T>(src[t]), count));
  }
}

int GridFor(int64_t n, int threads) {
  const int64_t blocks = (n + threads - 1) / threads;
  return static_cast<int>(std::max<int64_t>(1, std::min<int64_t>(blocks, 65535LL * 8)));
}

struct Split {
  int64_t splits, chunk;
};

// Few outputs over a long axis would leave most of the GPU idle: cut the axis into chunks.
Split ChooseSplit(int64_t outer, int64_t r, int64_t inner) {
  int64_t splits = 1;
  if (inner == 1) {
    if (outer < 1024 && r > 4096) {
      splits = std::min<int64_t>((r + 2047) / 2048, std::max<int64_t>(1, 1024 / outer));
    }
  } else {
    const int64_t threads = outer * inner;
    if (threads < 65536 && r > 64) {
      splits = std::min<int64_t>((r + 63) / 64, std::max<int64_t>(1, 65536 / threads));
    }
  }
  if (splits <= 1) return {1, r};
  const int64_t chunk = (r + splits - 1) / splits;
  splits = (r + chunk - 1) / chunk;
  if (splits <= 1) return {1, r};
  return {splits, chunk};
}

template <typename R, typename Acc, typename In, typename Out, bool kFinal>
cudaError_t LaunchStage(cudaStream_t stream, const void* src, int64_t outer, int64_t r,
                        int64_t inner, int64_t splits, int64_t chunk, void* dst, int64_t count) {
  const In* s = static_cast<const In*>(src);
  Out* d = static_cast<Out*>(dst);
  if (inner == 1) {
    const int64_t blocks = outer * splits;
    const int grid = static_cast<int>(std::min<int64_t>(blocks, 65535LL * 8));
    RowReduceKernel<R, Acc, In, Out, kFinal>
        <<<grid, BlockSizeFor(chunk), 0, stream>>>(s, outer, r, splits, chunk, d, count);
  } else {
    const int64_t n = outer * splits * inner;
    ColReduceKernel<R, Acc, In, Out, kFinal>
        <<<GridFor(n, 256), 256, 0, stream>>>(s, outer, r, inner, splits, chunk, d, count);
  }
  return cudaGetLastError();
}

template <typename R, typename Acc, typename T>
cudaError_t Stage(cudaStream_t stream, const void* src, bool src_is_acc, int64_t outer, int64_t r,
                  int64_t inner, int64_t splits, int64_t chunk, void* dst, bool final,
                  int64_t count) {
  if (src_is_acc) {
    if (final) {
      return LaunchStage<R, Acc, Acc, T, true>(stream, src, outer, r, inner, splits, chunk, dst,
                                               count);
    }
    return LaunchStage<R, Acc, Acc, Acc, false>(stream, src, outer, r, inner, splits, chunk, dst,
                                                count);
  }
  if (final) {
    return LaunchStage<R, Acc, T, T, true>(stream, src, outer, r, inner, splits, chunk, dst,
                                           count);
  }
  return LaunchStage<R, Acc, T, Acc, false>(stream, src, outer, r, inner, splits, chunk, dst,
                                            count);
}

template <typename R, typename Acc, typename T>
cudaError_t RunPass(cudaStream_t stream, const ReducePassArgs& a) {
  if (a.outer == 0 || a.inner == 0) return cudaSuccess;
  const Split sp = ChooseSplit(a.outer, a.r, a.inner);
  if (sp.splits == 1) {
    return Stage<R, Acc, T>(stream, a.src, a.src_is_acc, a.outer, a.r, a.inner, 1, a.r, a.dst,
                            a.final, a.count);
  }
  if (a.partials == nullptr) return cudaErrorInvalidValue;
  cudaError_t err = Stage<R, Acc, T>(stream, a.src, a.src_is_acc, a.outer, a.r, a.inner,
                                     sp.splits, sp.chunk, a.partials, false, a.count);
  if (err != cudaSuccess) return err;
  return Stage<R, Acc, T>(stream, a.partials, true, a.outer, sp.splits, a.inner, 1, sp.splits,
                          a.dst, a.final, a.count);
}

// ---- ArgMax / ArgMin ---------------------------------------------------------------------

// A candidate of the block tree. cls orders candidates before values do, so that the tree picks
// what the sequential scan picks: 2 = NaN at index 0 (the scan never leaves it), 1 = a number,
// 0 = a later NaN (never taken), -1 = no element.
template <typename K>
struct ArgCand {
  K v;
  int64_t i;
  int cls;
};

template <typename K, bool kMax>
__device__ __forceinline__ bool Better(const ArgCand<K>& b, const ArgCand<K>& a) {
  if (b.cls != a.cls) return b.cls > a.cls;
  if (b.cls == 1) {
    if (kMax ? (b.v > a.v) : (b.v < a.v)) return true;
    if (b.v == a.v) return b.i < a.i;
    return false;
  }
  return b.i < a.i;
}

template <typename T, typename K, bool kMax>
__global__ void ArgRowKernel(const T* __restrict__ src, int64_t outer, int64_t r,
                             int64_t* __restrict__ dst) {
  __shared__ ArgCand<K> shm[kReduceBlock];
  for (int64_t o = blockIdx.x; o < outer; o += gridDim.x) {
    const T* row = src + o * r;
    ArgCand<K> best{K(0), 0, -1};
    for (int64_t j = threadIdx.x; j < r; j += blockDim.x) {
      const K v = ConvertTo<K, T>(row[j]);
      const bool nan = v != v;
      const ArgCand<K> c{v, j, nan ? (j == 0 ? 2 : 0) : 1};
      if (Better<K, kMax>(c, best)) best = c;
    }
    const int t = threadIdx.x;
    shm[t] = best;
    __syncthreads();
    for (int s = blockDim.x / 2; s > 0; s >>= 1) {
      if (t < s && Better<K, kMax>(shm[t + s], shm[t])) shm[t] = shm[t + s];
      __syncthreads();
    }
    if (t == 0) dst[o] = shm[0].i;
    __syncthreads();
  }
}

// The CPU kernel's scan, one thread per output.
template <typename T, typename K, bool kMax>
__global__ void ArgColKernel(const T* __restrict__ src, int64_t outer, int64_t r, int64_t inner,
                             int64_t* __restrict__ dst) {
  const int64_t n = outer * inner;
  const int64_t stride = static_cast<int64_t>(blockDim.x) * gridDim.x;
  for (int64_t t = static_cast<int64_t>(blockIdx.x) * blockDim.x + threadIdx.x; t < n;
       t += stride) {
    const int64_t o = t / inner, i = t % inner;
    const T* col = src + o * r * inner + i;
    K best = ConvertTo<K, T>(col[0]);
    int64_t bi = 0;
    for (int64_t j = 1; j < r; ++j) {
      const K v = ConvertTo<K, T>(col[j * inner]);
      if (kMax ? (v > best) : (v < best)) {
        best = v;
        bi = j;
      }
    }
    dst[t] = bi;
  }
}

template <typename T, bool kMax>
cudaError_t RunArg(cudaStream_t stream, const T* src, int64_t outer, int64_t r, int64_t inner,
                   int64_t* dst) {
  using K = typename AccOf<T>::type;
  if (outer == 0 || inner == 0) return cudaSuccess;
  if (r <= 0) return cudaErrorInvalidValue;
  if (inner == 1) {
    const int grid = static_cast<int>(std::min<int64_t>(outer, 65535LL * 8));
    ArgRowKernel<T, K, kMax><<<grid, BlockSizeFor(r), 0, stream>>>(src, outer, r, dst);
  } else {
    ArgColKernel<T, K, kMax>
        <<<GridFor(outer * inner, 256), 256, 0, stream>>>(src, outer, r, inner, dst);
  }
  return cudaGetLastError();
}

}  // namespace

int64_t ReducePartialsCount(int64_t outer, int64_t r, int64_t inner) {
  if (outer == 0 || inner == 0) return 0;
  const Split sp = ChooseSplit(outer, r, inner);
  return sp.splits == 1 ? 0 : outer * sp.splits * inner;
}

template <typename T>
cudaError_t LaunchReducePass(cudaStream_t stream, ReduceKind kind, const ReducePassArgs& args) {
  if constexpr (std::is_same_v<T, bool>) {
    switch (kind) {
      case ReduceKind::kAll: return RunPass<AllR, bool, bool>(stream, args);
      case ReduceKind::kAny: return RunPass<AnyR, bool, bool>(stream, args);
      default: return cudaErrorInvalidValue;
    }
  } else {
    using A = typename AccOf<T>::type;
    switch (kind) {
      case ReduceKind::kSum: return RunPass<SumR<A>, A, T>(stream, args);
      case ReduceKind::kMean: return RunPass<MeanR<A>, A, T>(stream, args);
      case ReduceKind::kProd: return RunPass<ProdR<A>, A, T>(stream, args);
      case ReduceKind::kMax: return RunPass<MaxR<A>, A, T>(stream, args);
      case ReduceKind::kMin: return RunPass<MinR<A>, A, T>(stream, args);
      default: return cudaErrorInvalidValue;
    }
  }
}

template <typename T>
cudaError_t LaunchReduceCopy(cudaStream_t stream, ReduceKind kind, const T* src, int64_t n,
                             int64_t count, T* dst) {
  if (n == 0) return cudaSuccess;
  const int grid = GridFor(n, 256);
  if constexpr (std::is_same_v<T, bool>) {
    if (kind != ReduceKind::kAll && kind != ReduceKind::kAny) return cudaErrorInvalidValue;
    ReduceCopyKernel<AllR, bool, bool><<<grid, 256, 0, stream>>>(src, n, count, dst);
  } else {
    using A = typename AccOf<T>::type;
    if (kind == ReduceKind::kMean) {
      ReduceCopyKernel<MeanR<A>, A, T><<<grid, 256, 0, stream>>>(src, n, count, dst);
    } else {
      ReduceCopyKernel<SumR<A>, A, T><<<grid, 256, 0, stream>>>(src, n, count, dst);
    }
  }
  return cudaGetLastError();
}

template <typename T>
cudaError_t LaunchArgReduce(cudaStream_t stream, bool is_max, const T* src, int64_t outer,
                            int64_t r, int64_t inner, int64_t* dst) {
  return is_max ? RunArg<T, true>(stream, src, outer, r, inner, dst)
                : RunArg<T, false>(stream, src, outer, r, inner, dst);
}

#define TFC_INSTANTIATE_REDUCE(T)                                                             \
  template cudaError_t LaunchReducePass<T>(cudaStream_t, ReduceKind, const ReducePassArgs&);  \
  template cudaError_t LaunchReduceCopy<T>(cudaStream_t, ReduceKind, const T*, int64_t,       \
                                           int64_t, T*);
TFC_INSTANTIATE_REDUCE(float)
TFC_INSTANTIATE_REDUCE(double)
TFC_INSTANTIATE_REDUCE(__half)
TFC_INSTANTIATE_REDUCE(bool)
#undef TFC_INSTANTIATE_REDUCE

#define TFC_INSTANTIATE_ARG(T)                                                           \
  template cudaError_t LaunchArgReduce<T>(cudaStream_t, bool, const T*, int64_t, int64_t, \
                                          int64_t, int64_t*);
TFC_INSTANTIATE_ARG(float)
TFC_INSTANTIATE_ARG(double)
TFC_INSTANTIATE_ARG(__half)
#undef TFC_INSTANTIATE_ARG

}  // namespace gpu
}  // namespace tfc
