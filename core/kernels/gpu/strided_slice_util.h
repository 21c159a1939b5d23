#pragma once
// Strided views for the GPU slice kernels (g++ only): StridedSlice, StridedSliceGrad and
// ReverseV2 all address the elements of a row-major buffer as base + sum_k i_k * strides[k] with
// signed strides, and merge dims first so that a few large dims reach the kernels.
#include <cstdint>
#include <vector>

#include "core/framework/status.h"
#include "core/kernels/gpu/shape_kernels.h"
#include "core/kernels/gpu/strided_slice_kernels.h"

namespace tfc {
namespace gpu {

// Index (i_0, ..., i_{r-1}) over sizes names element base + sum_k i_k * strides[k] (elements).
struct StridedView {
  std::vector<int64_t> sizes, strides;
  int64_t base = 0;
};

// Drops size-1 dims (their index is always 0) and merges dim k into its outer neighbour when
// stepping the outer one equals a full sweep of dim k: the addresses, in order, stay the same.
inline StridedView CollapseStridedView(const StridedView& v) {
  StridedView c;
  c.base = v.base;
  for (size_t k = 0; k < v.sizes.size(); ++k) {
    const int64_t size = v.sizes[k], stride = v.strides[k];
    if (size == 1) continue;
    if (!c.sizes.empty() && c.strides.back() == size * stride) {
      c.sizes.back() *= size;
      c.strides.back() = stride;
    } else {
      c.sizes.push_back(size);
      c.strides.push_back(stride);
    }
  }
  return c;
}

// The view of a strided slice of a row-major array of shape dims: begin, strides and sizes per
// dim (StridedSliceResult's begin/strides and processing shape). Every size must be >= 1, so
// that every begin names an element.
inline StridedView SliceView(const std::vector<int64_t>& dims, const std::vector<int64_t>& begin,
                             const std::vector<int64_t>& strides,
                             const std::vector<int64_t>& sizes) {
  StridedView v;
  int64_t row = 1;
  const int rank = static_cast<int>(dims.size());
  v.sizes = sizes;
  v.strides.assign(rank, 0);
  for (int k = rank - 1; k >= 0; --k) {
    v.strides[k] = strides[k] * row;
    v.base += begin[k] * row;
    row *= dims[k];
  }
  return CollapseStridedView(v);
}

inline Status CheckViewRank(const char* op, const StridedView& v) {
  if (v.sizes.size() > static_cast<size_t>(kMaxGatherDims) ||
      v.sizes.size() > static_cast<size_t>(kMaxScatterDims)) {
    return errors::Unimplemented(op, " on the GPU supports up to ", kMaxGatherDims,
                                 " dimensions after merging, got ", v.sizes.size());
  }
  return OkStatus();
}

inline GatherSpec GatherSpecOf(const StridedView& v) {
  GatherSpec spec;
  spec.rank = static_cast<int>(v.sizes.size());
  for (int k = 0; k < spec.rank; ++k) {
    spec.out_dims[k] = v.sizes[k];
    spec.in_dims[k] = v.sizes[k];
    spec.in_strides[k] = v.strides[k];
  }
  return spec;
}

inline ScatterSpec ScatterSpecOf(const StridedView& v) {
  ScatterSpec spec;
  spec.rank = static_cast<int>(v.sizes.size());
  for (int k = 0; k < spec.rank; ++k) {
    spec.dims[k] = v.sizes[k];
    spec.dst_strides[k] = v.strides[k];
  }
  return spec;
}

}  // namespace gpu
}  // namespace tfc
