#pragma once
// Launchers for the GPU data-movement kernels (Transpose, Tile, Pad, Slice, ConcatV2, Pack,
// Split, Unpack), seen by nvcc and g++. Data movement depends only on the element size (1, 2,
// 4, 8 or 16 bytes), so one instantiation serves every dtype of that size.
#include <cuda_runtime_api.h>

#include <cstdint>

namespace tfc {
namespace gpu {

constexpr int kMaxGatherDims = 8;

// out[i_0, ..., i_{rank-1}] = in[sum_k s_k * in_strides[k]] with s_k = i_k + start[k], taken
// modulo in_dims[k] when `wrap` (Tile); with `pad`, an s_k outside [0, in_dims[k]) makes the
// element the pad value instead (Pad). Strides are in elements and may be any order
// (Transpose). rank 0 copies one element.
struct GatherSpec {
  int rank = 0;
  int64_t out_dims[kMaxGatherDims] = {};
  int64_t in_dims[kMaxGatherDims] = {};
  int64_t in_strides[kMaxGatherDims] = {};
  int64_t start[kMaxGatherDims] = {};
  bool wrap = false;
  bool pad = false;
};

// n: the number of output elements. pad_value: elem_size bytes in HOST memory, or null for
// zeros. cudaErrorInvalidValue for an unsupported element size or rank.
cudaError_t LaunchGather(cudaStream_t stream, int elem_size, const GatherSpec& spec,
                         const void* in, void* out, int64_t n, const void* pad_value);

// dst[r * dst_pitch + c] = src[r * src_pitch + c] for r < rows, c < cols (pitches in elements).
cudaError_t LaunchCopyRows(cudaStream_t stream, int elem_size, const void* src,
                           int64_t src_pitch, void* dst, int64_t dst_pitch, int64_t rows,
                           int64_t cols);

}  // namespace gpu
}  // namespace tfc
