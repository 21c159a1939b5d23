#pragma once
// Partial-shape helpers for the gather/diag shape functions, with TensorFlow's semantics:
// anything built from an unknown-rank shape has unknown rank.
#include <algorithm>
#include <vector>

#include "core/framework/shape_inference.h"

namespace tfc {
namespace gather_shape {

inline PartialTensorShape Concat(const PartialTensorShape& a, const PartialTensorShape& b) {
  if (a.unknown_rank() || b.unknown_rank()) return PartialTensorShape();
  std::vector<int64_t> d = a.dim_sizes();
  d.insert(d.end(), b.dim_sizes().begin(), b.dim_sizes().end());
  return PartialTensorShape(d);
}

// Dims [start, end) of s; negative bounds count from the end (end == INT64_MAX: to the end).
inline Status Subshape(const PartialTensorShape& s, int64_t start, int64_t end,
                       PartialTensorShape* out) {
  if (s.unknown_rank()) {
    *out = PartialTensorShape();
    return OkStatus();
  }
  const int64_t rank = s.dims();
  if (end == INT64_MAX) end = rank;
  if (start > rank) start = rank;
  if (end > rank) end = rank;
  if (start < 0) start += rank;
  if (end < 0) end += rank;
  if (start < 0) {
    return errors::InvalidArgument("Subshape start out of bounds: ", start - rank,
                                   ", for shape with rank ", rank);
  }
  if (end < 0) {
    return errors::InvalidArgument("Subshape end out of bounds: ", end - rank,
                                   ", for shape with rank ", rank);
  }
  if (start > end) {
    return errors::InvalidArgument("Subshape must have computed start <= end, but is ", start,
                                   " and ", end, " (computed from start ", start,
                                   " and end ", end, " over shape with rank ", rank, ")");
  }
  *out = PartialTensorShape(
      std::vector<int64_t>(s.dim_sizes().begin() + start, s.dim_sizes().begin() + end));
  return OkStatus();
}

// Dim i of s (negative counts from the end), or -1 when the rank is unknown.
inline int64_t Dim(const PartialTensorShape& s, int i) {
  if (s.unknown_rank()) return -1;
  return s.dim_size(i < 0 ? s.dims() + i : i);
}

// TensorFlow's InferenceContext::Min: a known 0 wins, otherwise unknown if either is.
inline int64_t MinDim(int64_t a, int64_t b) {
  if (a == 0 || b == 0) return 0;
  if (a < 0 || b < 0) return -1;
  return std::min(a, b);
}

}  // namespace gather_shape
}  // namespace tfc
