#pragma once
// Data movement around the cuDNN convolutions: filter transposes (TF's HWIO to cuDNN's KCRS or
// KRSC and back) and the zero padding / cropping that turns TF's asymmetric padding into the
// symmetric padding cuDNN supports. Both only move elements, so they work on any type of
// elem_bytes 2, 4 or 8.
#include <cuda_runtime.h>

#include <cstdint>

namespace tfc {

// dst has dims src_dims[perm[0]], ..., src_dims[perm[3]]: dst[i0,i1,i2,i3] is the src element
// whose coordinate along axis perm[j] is i_j.
cudaError_t LaunchTranspose4D(cudaStream_t stream, const void* src, void* dst,
                              const int64_t src_dims[4], const int perm[4], int elem_bytes);

// dst[d] = src[d - before] where that lies inside src, else zero (per axis; a negative
// `before` crops).
cudaError_t LaunchPadCrop4D(cudaStream_t stream, const void* src, const int64_t src_dims[4],
                            void* dst, const int64_t dst_dims[4], const int64_t before[4],
                            int elem_bytes);

}  // namespace tfc
