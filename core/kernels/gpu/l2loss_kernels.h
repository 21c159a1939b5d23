#pragma once
// Launcher for L2Loss on the GPU (sum(x ** 2) / 2 as a scalar), seen by nvcc and g++.
#include <cuda_fp16.h>
#include <cuda_runtime_api.h>

#include <cstdint>

namespace tfc {
namespace gpu {

// Blocks of the first pass over n elements; the launcher needs that many doubles of device
// scratch (accumulators are float for __half and float, double for double).
int L2LossBlocks(int64_t n);

// out[0] = sum(x[i] ** 2) / 2 over n elements (n may be 0), accumulated in float (double for
// double). partials: L2LossBlocks(n) doubles of device scratch. T: float, double, __half.
template <typename T>
cudaError_t LaunchL2Loss(cudaStream_t stream, const T* x, int64_t n, void* partials, T* out);

}  // namespace gpu
}  // namespace tfc
