#pragma once
// StridedSlice's index semantics (masks, ellipsis, new and shrunk axes, negative strides),
// shared by the shape function and the kernel so that static and runtime shapes agree.
#include <cstdint>
#include <vector>

#include "core/framework/status.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_shape.h"

namespace tfc {

struct StridedSliceResult {
  // One entry per input dimension: the canonical begin/end/stride after masks were applied.
  std::vector<int64_t> begin, end, strides;
  // Shape of the slice over the input's dims (-1 unknown), and after new/shrunk axes.
  PartialTensorShape processing_shape, final_shape;
  bool is_identity = true;      // output equals the input
  bool is_simple_slice = true;  // all strides are 1
  bool slice_dim0 = true;       // only dimension 0 is sliced (with stride 1)
};

// begin/end may be null (unknown at graph-build time); strides must be known.
// input_shape may have unknown dims but must have known rank.
Status ValidateStridedSliceOp(const Tensor* begin, const Tensor* end, const Tensor& strides,
                              const PartialTensorShape& input_shape, int32_t begin_mask,
                              int32_t end_mask, int32_t ellipsis_mask, int32_t new_axis_mask,
                              int32_t shrink_axis_mask, StridedSliceResult* out);

}  // namespace tfc
