#pragma once
// Launcher for StridedSliceGrad's scatter on the GPU, seen by nvcc and g++. The forward slice and
// ReverseV2 are gathers (shape_kernels.h); the gradient writes each dy element to its slice
// position instead. Data movement depends only on the element size.
#include <cuda_runtime_api.h>

#include <cstdint>

namespace tfc {
namespace gpu {

constexpr int kMaxScatterDims = 8;

// dst[sum_k i_k * dst_strides[k]] = src[t] for the row-major index t of (i_0, ..., i_{rank-1})
// over dims. Strides are in elements and may be negative (dst then points at the element of
// index (0, ..., 0), not at the buffer's start). rank 0 copies one element.
struct ScatterSpec {
  int rank = 0;
  int64_t dims[kMaxScatterDims] = {};
  int64_t dst_strides[kMaxScatterDims] = {};
};

// n: the number of source elements (the product of dims). Distinct indices must map to distinct
// positions (true of any slice). cudaErrorInvalidValue for an unsupported element size or rank.
cudaError_t LaunchStridedScatter(cudaStream_t stream, int elem_size, const ScatterSpec& spec,
                                 const void* src, void* dst, int64_t n);

}  // namespace gpu
}  // namespace tfc
