#pragma once
// A one-thread kernel launched once per GPU when its device is created: it fails with
// cudaErrorNoKernelImageForDevice when this build carries no code the GPU can run.
#include <cuda_runtime_api.h>

namespace tfc {
cudaError_t RunGpuProbe(cudaStream_t stream, int* device_word);
}  // namespace tfc
