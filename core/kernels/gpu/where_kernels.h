#pragma once
// Launchers for Where (one input) on the GPU, seen by nvcc and g++. Where runs in two steps
// because its output's size depends on the data: count the non-zero elements per chunk (leaving
// each chunk's first output row and the total on the device), then, once the host has read the
// total and allocated [total, rank], write the coordinates in row-major order.
#include <cuda_runtime_api.h>

#include <cstdint>

namespace tfc {
namespace gpu {

constexpr int kMaxWhereDims = 32;

// How "non-zero" is tested, by the bits of an element: integers and bool by any set bit; IEEE
// floats by any set bit besides the sign (-0 is zero, NaN is not); complex by either part.
enum class WhereKind {
  kInt8,
  kInt16,
  kInt32,
  kInt64,
  kFloat16,  // half and bfloat16
  kFloat32,
  kFloat64,
  kComplex64,
  kComplex128,
};

// int64 scratch the launchers need for n elements: one per chunk plus the total.
int64_t WhereScratchCount(int64_t n);

// Counts the non-zero elements of in[0, n) (n > 0). Leaves in scratch[0, chunks) the number of
// non-zero elements before each chunk and in scratch[chunks] the total, where
// chunks = WhereScratchCount(n) - 1.
cudaError_t LaunchWhereCount(cudaStream_t stream, WhereKind kind, const void* in, int64_t n,
                             int64_t* scratch);

// After LaunchWhereCount with the same arguments: out[r * rank + d] = coordinate d of the r-th
// non-zero element, in row-major order, for an input of shape dims[0, rank) (1 <= rank <=
// kMaxWhereDims).
cudaError_t LaunchWhereWrite(cudaStream_t stream, WhereKind kind, const void* in, int64_t n,
                             const int64_t* scratch, int rank, const int64_t* dims,
                             int64_t* out);

}  // namespace gpu
}  // namespace tfc
