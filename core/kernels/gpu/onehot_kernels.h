#pragma once
// Launcher of the GPU OneHot kernel, seen by nvcc and g++. It only moves on_value/off_value
// around, so it is instantiated per element size, not per dtype.
#include <cuda_runtime_api.h>

#include <cstdint>

namespace tfc {
namespace gpu {

enum class OneHotIndex { kUint8, kInt32, kInt64 };

// out viewed as [prefix, depth, suffix], indices as [prefix, suffix]:
//   out[p, d, s] = indices[p, s] == d ? *on_value : *off_value
// on_value and off_value are device scalars, read by the kernel. total = prefix*depth*suffix.
// cudaErrorInvalidValue for an element size other than 1, 2, 4, 8 or 16.
cudaError_t LaunchOneHot(cudaStream_t stream, int elem_size, OneHotIndex index_type,
                         const void* indices, int64_t depth, int64_t suffix, int64_t total,
                         const void* on_value, const void* off_value, void* out);

}  // namespace gpu
}  // namespace tfc
