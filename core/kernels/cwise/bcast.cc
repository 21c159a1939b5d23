#include "core/kernels/cwise/bcast.h"

#include <algorithm>

namespace tfc {

Status MakeBcastPlan(const std::vector<const TensorShape*>& shapes, BcastPlan* plan) {
  const int n = static_cast<int>(shapes.size());
  int rank = 0;
  for (const TensorShape* s : shapes) rank = std::max(rank, s->dims());
  // Right-aligned sizes of every input, padded with leading 1s.
  std::vector<std::vector<int64_t>> in(n, std::vector<int64_t>(rank, 1));
  for (int k = 0; k < n; ++k) {
    const int off = rank - shapes[k]->dims();
    for (int d = 0; d < shapes[k]->dims(); ++d) in[k][off + d] = shapes[k]->dim_size(d);
  }
  std::vector<int64_t> out(rank, 1);
  for (int d = 0; d < rank; ++d) {
    int64_t o = 1;
    for (int k = 0; k < n; ++k) {
      const int64_t s = in[k][d];
      if (s == 1) continue;
      if (o != 1 && o != s) {
        std::string msg = "Incompatible shapes: ";
        for (int j = 0; j < n; ++j) {
          if (j) msg += " vs. ";
          msg += shapes[j]->DebugString();
        }
        return errors::InvalidArgument(msg);
      }
      o = s;
    }
    // A zero-sized input dim against size 1 elsewhere gives 0.
    for (int k = 0; k < n; ++k)
      if (in[k][d] == 0) o = 0;
    out[d] = o;
  }
  plan->out_shape = TensorShape(out);

  // Collapse: drop size-1 output dims and merge neighbours with the same broadcast pattern.
  std::vector<int64_t> dims;
  std::vector<std::vector<bool>> bc(n);  // bc[k][d]: input k broadcasts along collapsed dim d
  for (int d = 0; d < rank; ++d) {
    if (out[d] == 1) continue;
    std::vector<bool> pat(n);
    for (int k = 0; k < n; ++k) pat[k] = in[k][d] == 1;
    bool same = !dims.empty();
    for (int k = 0; same && k < n; ++k) same = bc[k].back() == pat[k];
    if (same) {
      dims.back() *= out[d];
    } else {
      dims.push_back(out[d]);
      for (int k = 0; k < n; ++k) bc[k].push_back(pat[k]);
    }
  }
  if (dims.empty()) {
    dims.push_back(1);
    for (int k = 0; k < n; ++k) bc[k].push_back(false);
  }
  const int nd = static_cast<int>(dims.size());
  plan->dims = dims;
  plan->strides.assign(n, std::vector<int64_t>(nd, 0));
  for (int k = 0; k < n; ++k) {
    int64_t stride = 1;
    for (int d = nd - 1; d >= 0; --d) {
      if (bc[k][d]) continue;
      plan->strides[k][d] = stride;
      stride *= dims[d];
    }
  }
  return OkStatus();
}

}  // namespace tfc
