#pragma once
// Launcher of the GPU Cumsum/Cumprod kernel, seen by nvcc and g++.
#include <cuda_fp16.h>
#include <cuda_runtime_api.h>

#include <cstdint>

namespace tfc {
namespace gpu {

// x and out viewed as [outer, n, inner]; each (outer, inner) line is scanned along n by one
// thread, in order, so results are deterministic. Accumulates in float for __half.
// T: float, double, __half.
template <typename T>
cudaError_t LaunchScan(cudaStream_t stream, bool prod, bool exclusive, bool reverse, const T* x,
                       int64_t outer, int64_t n, int64_t inner, T* out);

}  // namespace gpu
}  // namespace tfc
