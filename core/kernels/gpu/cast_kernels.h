#pragma once
// Launcher for the GPU Cast kernel (shared by nvcc and g++: plain types only).
#include <cuda_runtime_api.h>

#include <cstdint>

#include "core/kernels/gpu/cwise_kernels.h"

namespace tfc {
namespace gpu {

// out[i] = static_cast<dst>(in[i]) with the CPU Cast's rules: x -> bool is x != 0, and
// `truncate` drops mantissa bits (instead of rounding) when a float type narrows to half.
// src == dst answers cudaErrorInvalidValue (the op forwards its input instead).
cudaError_t LaunchCast(cudaStream_t stream, CwiseType src, CwiseType dst, bool truncate,
                       const void* in, void* out, int64_t n);

}  // namespace gpu
}  // namespace tfc
