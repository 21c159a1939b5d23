#pragma once
// Launchers of the GPU UnsortedSegment{Sum,Prod,Max,Min} kernels, seen by nvcc and g++.
#include <cuda_fp16.h>
#include <cuda_runtime_api.h>

#include <cstdint>

namespace tfc {
namespace gpu {

enum class SegmentReduce { kSum, kProd, kMax, kMin };

// acc[k] = init for k < n: the accumulators of num_segments * inner output elements.
// A: float, double.
template <typename A>
cudaError_t LaunchSegmentInit(cudaStream_t stream, A init, A* acc, int64_t n);

// For every row k < n_ids of data (viewed as [n_ids, inner]) whose id = ids[k] is in
// [0, num_segments): acc[id, i] = acc[id, i] (op) data[k, i], with atomics. Ids outside that
// range are skipped (negative ones as on the CPU; too large ones as in TF's GPU kernel).
// Max and Min keep the accumulator unless the value is strictly greater/less, so NaN never
// replaces it (as in the CPU kernel). Sum and Prod combine in whatever order the atomics land:
// float results may differ from the CPU's by rounding.
// (T, A): (float, float), (double, double), (__half, float). I: int32_t, int64_t.
template <typename T, typename A, typename I>
cudaError_t LaunchUnsortedSegment(cudaStream_t stream, SegmentReduce op, const T* data,
                                  const I* ids, int64_t n_ids, int64_t inner,
                                  int64_t num_segments, A* acc);

// out[k] = half(acc[k]) for k < n.
cudaError_t LaunchFloatToHalf(cudaStream_t stream, const float* acc, __half* out, int64_t n);

}  // namespace gpu
}  // namespace tfc
