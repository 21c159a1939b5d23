#pragma once
// Launcher of the GPU row gather behind Gather, GatherV2 and ResourceGather, seen by nvcc and
// g++. Gathering only moves elements, so it is instantiated per element size, not per dtype.
#include <cuda_runtime_api.h>

#include <cstdint>

namespace tfc {
namespace gpu {

// params viewed as [batch, outer, limit, inner] and indices as [batch, n_idx]:
//   out[b, o, n, i] = params[b, o, indices[b, n], i]
// An index outside [0, limit) gives zeros (TF's GPU kernel does not raise for them).
struct GatherRowsSpec {
  int64_t outer = 1;
  int64_t limit = 0;
  int64_t inner = 1;
  int64_t n_idx = 0;
  int64_t total = 0;  // output elements: batch * outer * n_idx * inner
};

// indices: int64 when index_is_64, int32 otherwise; params, indices and out in device memory.
// cudaErrorInvalidValue for an element size other than 1, 2, 4, 8 or 16.
cudaError_t LaunchGatherRows(cudaStream_t stream, int elem_size, bool index_is_64,
                             const GatherRowsSpec& spec, const void* params, const void* indices,
                             void* out);

}  // namespace gpu
}  // namespace tfc
