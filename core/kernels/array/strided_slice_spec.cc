#include "core/kernels/array/strided_slice_spec.h"

#include <algorithm>

#include "core/kernels/array/array_copy.h"

namespace tfc {
namespace {

constexpr int64_t kNewAxis = -1;
constexpr int64_t kShrinkAxis = -2;

struct DenseSpec {
  int dims = 0;
  int64_t begin_mask = 0, end_mask = 0, shrink_axis_mask = 0;
  std::vector<int64_t> begin, end, strides;
  // For each output dim: the processing dim it comes from, or kNewAxis; kShrinkAxis is dropped.
  std::vector<int64_t> final_shape_gather_indices;
};

}  // namespace

Status ValidateStridedSliceOp(const Tensor* begin_t, const Tensor* end_t, const Tensor& strides_t,
                              const PartialTensorShape& input_shape, int32_t begin_mask,
                              int32_t end_mask, int32_t ellipsis_mask, int32_t new_axis_mask,
                              int32_t shrink_axis_mask, StridedSliceResult* out) {
  const bool begin_valid = begin_t != nullptr, end_valid = end_t != nullptr;
  if (strides_t.dims() != 1 || (begin_valid && !begin_t->shape().IsSameSize(strides_t.shape())) ||
      (end_valid && !end_t->shape().IsSameSize(strides_t.shape()))) {
    return errors::InvalidArgument(
        "Expected begin, end, and strides to be 1D equal size tensors, but got shapes ",
        begin_valid ? begin_t->shape().DebugString() : "[?]", ", ",
        end_valid ? end_t->shape().DebugString() : "[?]", ", and ",
        strides_t.shape().DebugString(), " instead.");
  }
  const std::vector<int64_t> sparse_strides = array::IntTensorToVector(strides_t);
  const std::vector<int64_t> sparse_begin =
      begin_valid ? array::IntTensorToVector(*begin_t) : std::vector<int64_t>();
  const std::vector<int64_t> sparse_end =
      end_valid ? array::IntTensorToVector(*end_t) : std::vector<int64_t>();
  int sparse_dims = static_cast<int>(sparse_strides.size());
  if (sparse_dims > 31) {
    return errors::InvalidArgument("StridedSlice supports at most 31 indices, got ", sparse_dims);
  }

  // An ellipsis expands to cover the dims not named; without one it is implied at the end.
  int num_add_axis_after_ellipsis = 0;
  bool ellipsis_seen = false;
  for (int i = 0; i < sparse_dims; ++i) {
    if (ellipsis_seen && ((1 << i) & new_axis_mask)) ++num_add_axis_after_ellipsis;
    if ((1 << i) & ellipsis_mask) {
      if (ellipsis_seen) return errors::InvalidArgument("Multiple ellipses in slice spec not allowed");
      ellipsis_seen = true;
    }
  }
  int64_t sparse_ellipsis = ellipsis_mask;
  if (!ellipsis_seen) {
    sparse_ellipsis |= (int64_t{1} << sparse_dims);
    ++sparse_dims;
  }

  DenseSpec dense;
  dense.dims = input_shape.dims();
  dense.begin.assign(dense.dims, 0);
  dense.end.assign(dense.dims, 0);
  dense.strides.assign(dense.dims, 1);
  int full_index = 0;
  for (int i = 0; i < sparse_dims; ++i) {
    const int64_t bit = int64_t{1} << i;
    if (bit & sparse_ellipsis) {
      const int next_index = std::min(dense.dims - (sparse_dims - i) + 1 + num_add_axis_after_ellipsis,
                                      dense.dims);
      for (; full_index < next_index; ++full_index) {
        dense.begin[full_index] = dense.end[full_index] = 0;
        dense.strides[full_index] = 1;
        dense.begin_mask |= int64_t{1} << full_index;
        dense.end_mask |= int64_t{1} << full_index;
        dense.final_shape_gather_indices.push_back(full_index);
      }
    } else if (bit & new_axis_mask) {
      dense.final_shape_gather_indices.push_back(kNewAxis);
    } else {
      if (full_index == dense.dims) {
        return errors::InvalidArgument("Index out of range using input dim ", full_index,
                                       "; input has only ", dense.dims, " dims");
      }
      if (begin_valid) dense.begin[full_index] = sparse_begin[i];
      if (end_valid) dense.end[full_index] = sparse_end[i];
      dense.strides[full_index] = sparse_strides[i];
      if (bit & begin_mask) dense.begin_mask |= int64_t{1} << full_index;
      if (bit & end_mask) dense.end_mask |= int64_t{1} << full_index;
      if (bit & shrink_axis_mask) {
        dense.final_shape_gather_indices.push_back(kShrinkAxis);
        dense.shrink_axis_mask |= int64_t{1} << full_index;
      } else {
        dense.final_shape_gather_indices.push_back(full_index);
      }
      ++full_index;
    }
  }

  out->is_identity = out->is_simple_slice = out->slice_dim0 = true;
  out->processing_shape = PartialTensorShape(std::vector<int64_t>{});
  out->final_shape = PartialTensorShape(std::vector<int64_t>{});
  for (int i = 0; i < dense.dims; ++i) {
    int64_t& b = dense.begin[i];
    int64_t& e = dense.end[i];
    const int64_t stride = dense.strides[i];
    const int64_t dim = input_shape.dim_size(i);
    if (stride == 0) return errors::InvalidArgument("strides[", i, "] must be non-zero");
    const bool shrink = dense.shrink_axis_mask & (int64_t{1} << i);
    if (dim == -1) {
      out->processing_shape.AddDim(shrink ? 1 : -1);
      out->is_identity = false;
      continue;
    }
    const bool masks[2] = {(dense.begin_mask & (int64_t{1} << i)) != 0,
                           (dense.end_mask & (int64_t{1} << i)) != 0};
    const int64_t valid_range[2] = {stride > 0 ? 0 : -1, stride > 0 ? dim : dim - 1};
    auto canonical = [&](int64_t x, int c) {
      if (masks[c]) return stride > 0 ? valid_range[c] : valid_range[(c + 1) & 1];
      const int64_t fwd = x < 0 ? dim + x : x;
      return fwd < valid_range[0] ? valid_range[0] : (fwd > valid_range[1] ? valid_range[1] : fwd);
    };
    if (shrink && stride <= 0) {
      return errors::InvalidArgument("only stride 1 allowed on non-range indexing.");
    }
    out->is_simple_slice &= stride == 1;
    const bool begin_and_end_masked = masks[0] && masks[1];
    if (begin_valid && end_valid) {
      if (shrink) {
        // A shrunk index is not clamped: it must name an element.
        const int64_t fwd = b < 0 ? dim + b : b;
        b = fwd;
        e = b + 1;
        if (fwd < 0 || fwd >= dim) {
          return errors::InvalidArgument("slice index ", b, " of dimension ", i, " out of bounds.");
        }
      } else {
        b = canonical(b, 0);
        e = canonical(e, 1);
      }
      const bool take_all = stride == 1 && b == 0 && e == dim;
      out->is_identity &= take_all;
      out->slice_dim0 &= (i == 0 && stride == 1) || take_all;
    } else {
      out->is_identity &= stride == 1 && begin_and_end_masked;
      out->slice_dim0 &= (i == 0 && stride == 1) || begin_and_end_masked;
    }
    int64_t interval = 0;
    bool known_interval = false;
    if (begin_valid && end_valid) {
      interval = e - b;
      known_interval = true;
    } else if (shrink) {
      interval = 1;
      known_interval = true;
    } else if (begin_and_end_masked) {
      interval = stride < 0 ? -dim : dim;
      known_interval = true;
    }
    if (known_interval) {
      int64_t size = 0;
      if (interval != 0 && ((interval < 0) == (stride < 0))) {
        size = interval / stride + (interval % stride != 0 ? 1 : 0);
      }
      out->processing_shape.AddDim(size);
    } else {
      out->processing_shape.AddDim(-1);
    }
  }
  for (int64_t g : dense.final_shape_gather_indices) {
    if (g >= 0) {
      out->final_shape.AddDim(out->processing_shape.dim_size(static_cast<int>(g)));
    } else if (g == kNewAxis) {
      out->final_shape.AddDim(1);
    }
  }
  out->begin = std::move(dense.begin);
  out->end = std::move(dense.end);
  out->strides = std::move(dense.strides);
  return OkStatus();
}

}  // namespace tfc
