#pragma once
// NumPy broadcasting of two (or three) shapes, collapsed to the fewest dims so the kernels'
// inner loop runs over long contiguous rows.
#include <cstdint>
#include <vector>

#include "core/framework/status.h"
#include "core/framework/tensor_shape.h"

namespace tfc {

struct BcastPlan {
  TensorShape out_shape;              // the full (uncollapsed) broadcast shape
  std::vector<int64_t> dims;          // collapsed output dims (at least one)
  // strides[k][d]: element stride of input k along collapsed dim d; 0 where it broadcasts.
  std::vector<std::vector<int64_t>> strides;
};

// InvalidArgument "Incompatible shapes: [2,3] vs. [4]" when the shapes do not broadcast.
Status MakeBcastPlan(const std::vector<const TensorShape*>& shapes, BcastPlan* plan);

// Walks the output in rows of the innermost collapsed dim: fn(out_offset, in_offsets, len).
// Rows [row_begin, row_end) of the plan's outer iteration.
template <int N, typename Fn>
void ForEachRow(const BcastPlan& p, int64_t row_begin, int64_t row_end, Fn&& fn) {
  const int nd = static_cast<int>(p.dims.size());
  const int64_t inner = p.dims[nd - 1];
  // Decompose row_begin into coordinates of the outer dims once, then step incrementally.
  std::vector<int64_t> coord(nd > 1 ? nd - 1 : 1, 0);
  int64_t r = row_begin;
  for (int d = nd - 2; d >= 0; --d) {
    coord[d] = r % p.dims[d];
    r /= p.dims[d];
  }
  int64_t off[N];
  for (int k = 0; k < N; ++k) {
    off[k] = 0;
    for (int d = 0; d < nd - 1; ++d) off[k] += coord[d] * p.strides[k][d];
  }
  for (int64_t row = row_begin; row < row_end; ++row) {
    fn(row * inner, off, inner);
    for (int d = nd - 2; d >= 0; --d) {
      ++coord[d];
      for (int k = 0; k < N; ++k) off[k] += p.strides[k][d];
      if (coord[d] < p.dims[d]) break;
      for (int k = 0; k < N; ++k) off[k] -= coord[d] * p.strides[k][d];
      coord[d] = 0;
    }
  }
}

}  // namespace tfc
