#pragma once
// Launchers for the GPU reductions (Sum, Mean, Prod, Max, Min, All, Any) and ArgMax/ArgMin.
// Seen by nvcc and g++: only CUDA runtime types here.
#include <cuda_fp16.h>
#include <cuda_runtime_api.h>

#include <cstdint>

namespace tfc {
namespace gpu {

enum class ReduceKind { kSum, kMean, kProd, kMax, kMin, kAll, kAny };

// One pass folds the middle axis of a row-major [outer, r, inner] array:
//   dst[o, i] = fold over j of src[o, j, i].
// src holds T (src_is_acc false) or the accumulation type (float for __half; T otherwise).
// dst gets the accumulation type, or T when `final` (Mean then divides by `count`, the number of
// input elements behind each output). A pass may need `partials`: ReducePartialsCount()
// accumulators of device scratch (null when that is 0).
struct ReducePassArgs {
  const void* src = nullptr;
  bool src_is_acc = false;
  int64_t outer = 1, r = 1, inner = 1;
  void* dst = nullptr;
  bool final = false;
  int64_t count = 1;
  void* partials = nullptr;
};

// Accumulators of scratch a pass over [outer, r, inner] needs (0: none).
int64_t ReducePartialsCount(int64_t outer, int64_t r, int64_t inner);
// Bytes of one accumulator for T.
template <typename T>
constexpr int ReduceAccBytes() {
  return sizeof(T) == 2 ? 4 : static_cast<int>(sizeof(T));
}

// T: float, double, __half (Sum..Min) or bool (All, Any).
template <typename T>
cudaError_t LaunchReducePass(cudaStream_t stream, ReduceKind kind, const ReducePassArgs& args);

// dst[n] = finalize(src[n]) when no axis is reduced (Mean divides by count; size-1 axes only).
template <typename T>
cudaError_t LaunchReduceCopy(cudaStream_t stream, ReduceKind kind, const T* src, int64_t n,
                             int64_t count, T* dst);

// ArgMax/ArgMin over the middle axis of [outer, r, inner] (r >= 1): the first index wins ties,
// NaN is skipped unless it is the axis' first element (as the CPU kernel's scan does).
template <typename T>
cudaError_t LaunchArgReduce(cudaStream_t stream, bool is_max, const T* src, int64_t outer,
                            int64_t r, int64_t inner, int64_t* dst);

}  // namespace gpu
}  // namespace tfc
