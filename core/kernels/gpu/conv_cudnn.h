#pragma once
// A TF Conv2D, or one of its two gradients, on cuDNN. TF's filters are HWIO; cuDNN gets a KRSC
// copy for NHWC data and a KCRS copy for NCHW data (the filter gradient comes back the same
// way). cuDNN pads symmetrically only, so where TF pads more on one side (SAME with an odd total,
// or EXPLICIT) the input is zero-padded by the difference into scratch first, and the input
// gradient is cropped out of a padded one afterwards. The algorithm of each problem is found once
// with cudnnFind*AlgorithmEx and kept in a process-wide cache.
//
// Free of the kernel framework (conv_ops.cc is the OpKernel), so it can be tested on its own.
#include <cuda_runtime_api.h>
#include <cudnn.h>

#include <cstdint>
#include <functional>

#include "core/devices/gpu/cuda_libs.h"
#include "core/framework/status.h"

namespace tfc {

enum class ConvKind { kForward, kBackwardData, kBackwardFilter };

struct Conv2DSpec {
  ConvKind kind = ConvKind::kForward;
  cudnnDataType_t dtype = CUDNN_DATA_FLOAT;
  int elem_bytes = 4;
  bool nhwc = true;
  int64_t batch = 0, in_depth = 0, in_h = 0, in_w = 0;
  int64_t out_depth = 0, k_h = 0, k_w = 0, out_h = 0, out_w = 0;
  int64_t stride_h = 1, stride_w = 1, dil_h = 1, dil_w = 1;
  // TF's padding, possibly asymmetric: rows above/below, columns left/right.
  int64_t pad_top = 0, pad_bottom = 0, pad_left = 0, pad_right = 0;
};

// Device memory of `bytes` bytes in *out, valid until RunConv2D returns (work queued on the
// stream before then may use it: the allocators are stream-ordered).
using ScratchAllocator = std::function<Status(size_t bytes, void** out)>;

struct CudnnCall {
  const CudnnApi* dnn = nullptr;
  cudnnHandle_t handle = nullptr;  // bound to `stream`
  cudaStream_t stream = nullptr;
  int device_index = 0;            // keys the algorithm cache
  ScratchAllocator scratch;
};

// Forward: result = conv(in, filter). Backward data: result (input-shaped) from filter and dout.
// Backward filter: result (HWIO) from in and dout. Operands a kind does not read may be null.
Status RunConv2D(const CudnnCall& call, const Conv2DSpec& spec, const void* in,
                 const void* filter, const void* dout, void* result);

}  // namespace tfc
