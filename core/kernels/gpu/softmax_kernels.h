#pragma once
// Launchers for Softmax and LogSoftmax over the last dimension on the GPU (nvcc and g++).
#include <cuda_fp16.h>
#include <cuda_runtime_api.h>

#include <cstdint>

namespace tfc {
namespace gpu {

// y[r, :] = softmax(x[r, :]) (or its log) for `rows` rows of `depth` >= 1 values.
// T: float, double, __half (computed in float).
template <typename T>
cudaError_t LaunchSoftmax(cudaStream_t stream, const T* x, int64_t rows, int64_t depth,
                          bool log, T* y);

}  // namespace gpu
}  // namespace tfc
