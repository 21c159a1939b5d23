// Where on the GPU. The input is cut into at most kMaxChunks contiguous chunks, one block each.
// Pass 1 counts each chunk's non-zero elements; one block turns the counts into each chunk's
// first output row (an exclusive scan) and the total; pass 2 walks each chunk again in tiles of
// one element per thread, ranking the non-zero elements of a tile with warp ballots so that rows
// come out in row-major order.
#include "core/kernels/gpu/where_kernels.h"

#include <algorithm>

namespace tfc {
namespace gpu {
namespace {

constexpr int kThreads = 256;  // a multiple of 32: every warp is full for the ballots
constexpr int kWarps = kThreads / 32;
constexpr int64_t kMaxChunks = 4096;
constexpr int64_t kMinChunk = kThreads * 16;
constexpr int kScanThreads = 1024;

struct alignas(8) Pair32 {
  uint32_t re, im;
};
struct alignas(16) Pair64 {
  uint64_t re, im;
};

template <WhereKind K>
struct Pred;
template <>
struct Pred<WhereKind::kInt8> {
  using U = uint8_t;
  __device__ static bool NonZero(U v) { return v != 0; }
};
template <>
struct Pred<WhereKind::kInt16> {
  using U = uint16_t;
  __device__ static bool NonZero(U v) { return v != 0; }
};
template <>
struct Pred<WhereKind::kInt32> {
  using U = uint32_t;
  __device__ static bool NonZero(U v) { return v != 0; }
};
template <>
struct Pred<WhereKind::kInt64> {
  using U = uint64_t;
  __device__ static bool NonZero(U v) { return v != 0; }
};
template <>
struct Pred<WhereKind::kFloat16> {
  using U = uint16_t;
  __device__ static bool NonZero(U v) { return (v & 0x7FFFu) != 0; }
};
template <>
struct Pred<WhereKind::kFloat32> {
  using U = uint32_t;
  __device__ static bool NonZero(U v) { return (v & 0x7FFFFFFFu) != 0; }
};
template <>
struct Pred<WhereKind::kFloat64> {
  using U = uint64_t;
  __device__ static bool NonZero(U v) { return (v & 0x7FFFFFFFFFFFFFFFull) != 0; }
};
template <>
struct Pred<WhereKind::kComplex64> {
  using U = Pair32;
  __device__ static bool NonZero(U v) { return ((v.re | v.im) & 0x7FFFFFFFu) != 0; }
};
template <>
struct Pred<WhereKind::kComplex128> {
  using U = Pair64;
  __device__ static bool NonZero(U v) { return ((v.re | v.im) & 0x7FFFFFFFFFFFFFFFull) != 0; }
};

int64_t ChunkSize(int64_t n) {
  return std::max<int64_t>(kMinChunk, (n + kMaxChunks - 1) / kMaxChunks);
}
int64_t NumChunks(int64_t n) {
  const int64_t chunk = ChunkSize(n);
  return (n + chunk - 1) / chunk;
}

struct WhereDims {
  int rank;
  int64_t dims[kMaxWhereDims];
};

// Block b counts the non-zero elements of chunk b into counts[b].
template <typename P>
__global__ void CountKernel(const typename P::U* __restrict__ in, int64_t n, int64_t chunk,
                            int64_t* __restrict__ counts) {
  __shared__ int64_t shm[kThreads];
  const int64_t lo = static_cast<int64_t>(blockIdx.x) * chunk;
  const int64_t hi = min(lo + chunk, n);
  int64_t c = 0;
  for (int64_t i = lo + threadIdx.x; i < hi; i += kThreads) c += P::NonZero(in[i]) ? 1 : 0;
  shm[threadIdx.x] = c;
  __syncthreads();
  for (int s = kThreads / 2; s > 0; s >>= 1) {
    if (threadIdx.x < s) shm[threadIdx.x] += shm[threadIdx.x + s];
    __syncthreads();
  }
  if (threadIdx.x == 0) counts[blockIdx.x] = shm[0];
}

// One block: counts[0, chunks) become exclusive prefix sums; counts[chunks] gets the total. Each
// thread sums a run of consecutive counts, thread 0 scans the per-thread sums, then each thread
// rewrites its run.
__global__ void ScanKernel(int64_t* counts, int64_t chunks) {
  __shared__ int64_t shm[kScanThreads];
  const int64_t per = (chunks + kScanThreads - 1) / kScanThreads;
  const int64_t lo = min(static_cast<int64_t>(threadIdx.x) * per, chunks);
  const int64_t hi = min(lo + per, chunks);
  int64_t s = 0;
  for (int64_t i = lo; i < hi; ++i) s += counts[i];
  shm[threadIdx.x] = s;
  __syncthreads();
  if (threadIdx.x == 0) {
    int64_t run = 0;
    for (int t = 0; t < kScanThreads; ++t) {
      const int64_t v = shm[t];
      shm[t] = run;
      run += v;
    }
    counts[chunks] = run;
  }
  __syncthreads();
  int64_t run = shm[threadIdx.x];
  for (int64_t i = lo; i < hi; ++i) {
    const int64_t v = counts[i];
    counts[i] = run;
    run += v;
  }
}

// Block b writes the coordinates of chunk b's non-zero elements from row offsets[b] on.
template <typename P>
__global__ void WriteKernel(const typename P::U* __restrict__ in, int64_t n, int64_t chunk,
                            const int64_t* __restrict__ offsets, WhereDims dims,
                            int64_t* __restrict__ out) {
  __shared__ int warp_counts[kWarps];
  const int lane = threadIdx.x & 31;
  const int warp = threadIdx.x >> 5;
  const int64_t lo = static_cast<int64_t>(blockIdx.x) * chunk;
  const int64_t hi = min(lo + chunk, n);
  int64_t row_base = offsets[blockIdx.x];
  // The bound is the same for every thread, so all threads take part in every ballot.
  for (int64_t tile = lo; tile < hi; tile += kThreads) {
    const int64_t i = tile + threadIdx.x;
    const bool hit = i < hi && P::NonZero(in[i]);
    const unsigned mask = __ballot_sync(0xFFFFFFFFu, hit);
    if (lane == 0) warp_counts[warp] = __popc(mask);
    __syncthreads();
    int before = 0, tile_total = 0;
    for (int w = 0; w < kWarps; ++w) {
      if (w < warp) before += warp_counts[w];
      tile_total += warp_counts[w];
    }
    if (hit) {
      const int64_t row = row_base + before + __popc(mask & ((1u << lane) - 1u));
      int64_t* dst = out + row * dims.rank;
      int64_t rem = i;
      for (int d = dims.rank - 1; d >= 0; --d) {
        dst[d] = rem % dims.dims[d];
        rem /= dims.dims[d];
      }
    }
    row_base += tile_total;
    __syncthreads();  // warp_counts is rewritten by the next tile
  }
}

template <WhereKind K>
cudaError_t Count(cudaStream_t stream, const void* in, int64_t n, int64_t* scratch) {
  using P = Pred<K>;
  const int64_t chunks = NumChunks(n);
  CountKernel<P><<<static_cast<unsigned>(chunks), kThreads, 0, stream>>>(
      static_cast<const typename P::U*>(in), n, ChunkSize(n), scratch);
  cudaError_t err = cudaGetLastError();
  if (err != cudaSuccess) return err;
  ScanKernel<<<1, kScanThreads, 0, stream>>>(scratch, chunks);
  return cudaGetLastError();
}

template <WhereKind K>
cudaError_t Write(cudaStream_t stream, const void* in, int64_t n, const int64_t* scratch,
                  const WhereDims& dims, int64_t* out) {
  using P = Pred<K>;
  WriteKernel<P><<<static_cast<unsigned>(NumChunks(n)), kThreads, 0, stream>>>(
      static_cast<const typename P::U*>(in), n, ChunkSize(n), scratch, dims, out);
  return cudaGetLastError();
}

}  // namespace

int64_t WhereScratchCount(int64_t n) { return NumChunks(n) + 1; }

cudaError_t LaunchWhereCount(cudaStream_t stream, WhereKind kind, const void* in, int64_t n,
                             int64_t* scratch) {
  if (n <= 0) return cudaErrorInvalidValue;
  switch (kind) {
    case WhereKind::kInt8: return Count<WhereKind::kInt8>(stream, in, n, scratch);
    case WhereKind::kInt16: return Count<WhereKind::kInt16>(stream, in, n, scratch);
    case WhereKind::kInt32: return Count<WhereKind::kInt32>(stream, in, n, scratch);
    case WhereKind::kInt64: return Count<WhereKind::kInt64>(stream, in, n, scratch);
    case WhereKind::kFloat16: return Count<WhereKind::kFloat16>(stream, in, n, scratch);
    case WhereKind::kFloat32: return Count<WhereKind::kFloat32>(stream, in, n, scratch);
    case WhereKind::kFloat64: return Count<WhereKind::kFloat64>(stream, in, n, scratch);
    case WhereKind::kComplex64: return Count<WhereKind::kComplex64>(stream, in, n, scratch);
    case WhereKind::kComplex128: return Count<WhereKind::kComplex128>(stream, in, n, scratch);
  }
  return cudaErrorInvalidValue;
}

cudaError_t LaunchWhereWrite(cudaStream_t stream, WhereKind kind, const void* in, int64_t n,
                             const int64_t* scratch, int rank, const int64_t* dims,
                             int64_t* out) {
  if (n <= 0 || rank < 1 || rank > kMaxWhereDims) return cudaErrorInvalidValue;
  WhereDims d;
  d.rank = rank;
  for (int k = 0; k < kMaxWhereDims; ++k) d.dims[k] = k < rank ? dims[k] : 1;
  switch (kind) {
    case WhereKind::kInt8: return Write<WhereKind::kInt8>(stream, in, n, scratch, d, out);
    case WhereKind::kInt16: return Write<WhereKind::kInt16>(stream, in, n, scratch, d, out);
    case WhereKind::kInt32: return Write<WhereKind::kInt32>(stream, in, n, scratch, d, out);
    case WhereKind::kInt64: return Write<WhereKind::kInt64>(stream, in, n, scratch, d, out);
    case WhereKind::kFloat16: return Write<WhereKind::kFloat16>(stream, in, n, scratch, d, out);
    case WhereKind::kFloat32: return Write<WhereKind::kFloat32>(stream, in, n, scratch, d, out);
    case WhereKind::kFloat64: return Write<WhereKind::kFloat64>(stream, in, n, scratch, d, out);
    case WhereKind::kComplex64:
      return Write<WhereKind::kComplex64>(stream, in, n, scratch, d, out);
    case WhereKind::kComplex128:
      return Write<WhereKind::kComplex128>(stream, in, n, scratch, d, out);
  }
  return cudaErrorInvalidValue;
}

}  // namespace gpu
}  // namespace tfc
