#pragma once
// Launchers for GPU BiasAdd and BiasAddGrad (shared by nvcc and g++: plain types only). The
// input is viewed as [outer, channels, inner]: inner == 1 for NHWC, H*W... for NCHW.
#include <cuda_runtime_api.h>

#include <algorithm>
#include <cstdint>

#include "core/kernels/gpu/cwise_kernels.h"

namespace tfc {
namespace gpu {

// out[i] = x[i] + bias[(i / inner) % channels] over n elements (float, double, half).
cudaError_t LaunchBiasAdd(cudaStream_t stream, CwiseType type, const void* x, const void* bias,
                          void* out, int64_t n, int64_t channels, int64_t inner);

// BiasAddGrad sums in two passes without atomics (deterministic): each of P slices of the
// reduced elements writes one partial sum per channel, then one pass adds the P partials.
// P for a shape; the caller provides a P * channels buffer of the compute type (float for float
// and half, double for double).
inline int BiasGradPartialRows(int64_t outer, int64_t channels, int64_t inner) {
  const int64_t reduced = outer * inner;
  // Column blocks in the first pass: 32 channels per block (NHWC) or one channel (NCHW).
  const int64_t col_blocks =
      std::min<int64_t>(65535, inner == 1 ? (channels + 31) / 32 : std::max<int64_t>(1, channels));
  // About 2048 blocks in all, each summing at least ~2048 elements.
  const int64_t by_size = (reduced + 2047) / 2048;
  const int64_t by_blocks = std::max<int64_t>(1, 2048 / std::max<int64_t>(1, col_blocks));
  return static_cast<int>(std::max<int64_t>(1, std::min<int64_t>({by_size, by_blocks, 1024})));
}

// out[c] = sum over outer and inner of g; outer * inner > 0 and channels > 0.
cudaError_t LaunchBiasAddGrad(cudaStream_t stream, CwiseType type, const void* g, void* partial,
                              int partial_rows, void* out, int64_t outer, int64_t channels,
                              int64_t inner);

}  // namespace gpu
}  // namespace tfc
