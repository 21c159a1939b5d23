#include "core/kernels/array/array_shape_util.h"

#include <algorithm>

#include "core/kernels/array/array_copy.h"

namespace tfc {
namespace array {

Status PlanTranspose(const Tensor& input, const Tensor& perm_t, TransposePlan* plan) {
  if (perm_t.dims() != 1) {
    return errors::InvalidArgument("perm must be a vector, not ", perm_t.shape().DebugString());
  }
  plan->perm = IntTensorToVector(perm_t);
  const std::vector<int64_t>& perm = plan->perm;
  const int dims = input.dims();
  if (static_cast<int64_t>(perm.size()) != dims) {
    return errors::InvalidArgument("transpose expects a vector of size ", dims,
                                   ". But input(1) is a vector of size ", perm.size());
  }
  std::vector<bool> seen(dims, false);
  for (int64_t d : perm) {
    if (!(0 <= d && d < dims)) {
      return errors::InvalidArgument(d, " is out of range [0 .. ", dims, ")");
    }
    seen[d] = true;
  }
  for (int i = 0; i < dims; ++i) {
    if (!seen[i]) {
      return errors::InvalidArgument(i, " is missing from {", JoinInts(perm), "}.");
    }
  }
  plan->identity = true;
  for (int i = 0; i < dims; ++i) plan->identity &= perm[i] == i;
  plan->out_dims.resize(dims);
  for (int i = 0; i < dims; ++i) plan->out_dims[i] = input.dim_size(static_cast<int>(perm[i]));
  return OkStatus();
}

void CollapseTransposeDims(const std::vector<int64_t>& dims, const std::vector<int64_t>& perm,
                           std::vector<int64_t>* cdims, std::vector<int64_t>* cperm) {
  std::vector<std::vector<int64_t>> groups;  // runs of consecutive input dims, in output order
  for (int64_t p : perm) {
    if (dims[p] == 1) continue;  // size-1 dims do not affect the layout
    if (!groups.empty() && groups.back().back() + 1 == p) {
      groups.back().push_back(p);
    } else {
      groups.push_back({p});
    }
  }
  // Order the groups by their first input dim to get the collapsed input shape.
  std::vector<int> order(groups.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
  std::sort(order.begin(), order.end(),
            [&](int a, int b) { return groups[a][0] < groups[b][0]; });
  cdims->assign(groups.size(), 1);
  cperm->assign(groups.size(), 0);
  for (size_t k = 0; k < order.size(); ++k) {
    for (int64_t d : groups[order[k]]) (*cdims)[k] *= dims[d];
    (*cperm)[order[k]] = static_cast<int64_t>(k);
  }
}

Status PlanTile(const Tensor& input, const Tensor& multiples_t, TilePlan* plan) {
  const int rank = input.dims();
  if (!(multiples_t.dims() == 1 && multiples_t.NumElements() == rank)) {
    return errors::InvalidArgument("Expected multiples argument to be a vector of length ", rank,
                                   " but got length ",
                                   multiples_t.dims() > 0 ? multiples_t.dim_size(0) : 0);
  }
  const std::vector<int64_t> multiples = IntTensorToVector(multiples_t);
  plan->out_dims.assign(rank, 0);
  plan->identity = true;
  for (int i = 0; i < rank; ++i) {
    if (multiples[i] < 0) {
      return errors::InvalidArgument("Expected multiples[", i, "] >= 0, but got ", multiples[i]);
    }
    if (__builtin_mul_overflow(input.dim_size(i), multiples[i], &plan->out_dims[i])) {
      return errors::InvalidArgument("Tile: output dimension ", i, " (", input.dim_size(i),
                                     " * ", multiples[i], ") overflows int64");
    }
    plan->identity &= multiples[i] == 1;
  }
  // An identity tile's dims are the input's, which always make a valid shape.
  return TensorShape::Make(plan->out_dims, &plan->out_shape);
}

Status ReadPaddings(const Tensor& input, const Tensor& paddings, std::vector<int64_t>* pads) {
  if (paddings.dims() != 2 || paddings.dim_size(1) != 2) {
    return errors::InvalidArgument("paddings must be a matrix with 2 columns: ",
                                   paddings.shape().DebugString());
  }
  if (paddings.dim_size(0) != input.dims()) {
    return errors::InvalidArgument("The first dimension of paddings must be the rank of inputs",
                                   paddings.shape().DebugString(), " ",
                                   input.shape().DebugString());
  }
  *pads = IntTensorToVector(paddings);
  return OkStatus();
}

Status PlanPad(OpKernelContext* ctx, PadPlan* plan) {
  const Tensor& input = ctx->input(0);
  TFC_RETURN_IF_ERROR(ReadPaddings(input, ctx->input(1), &plan->pads));
  plan->pad_value = nullptr;
  if (ctx->num_inputs() == 3) {
    plan->pad_value = &ctx->input(2);
    if (plan->pad_value->dims() != 0) {
      return errors::InvalidArgument("constant_values must be a scalar. Found: ",
                                     plan->pad_value->shape().DebugString());
    }
  }
  const int rank = input.dims();
  plan->out_dims.assign(rank, 0);
  plan->identity = true;
  for (int i = 0; i < rank; ++i) {
    const int64_t before = plan->pads[2 * i], after = plan->pads[2 * i + 1];
    if (!(before >= 0 && after >= 0)) {
      return errors::InvalidArgument("Paddings must be non-negative: ", before, " ", after);
    }
    int64_t* out = &plan->out_dims[i];
    if (__builtin_add_overflow(input.dim_size(i), before, out) ||
        __builtin_add_overflow(*out, after, out)) {
      return errors::InvalidArgument("Pad: output dimension ", i, " overflows int64");
    }
    plan->identity &= before == 0 && after == 0;
  }
  // An identity pad's dims are the input's, which always make a valid shape.
  return TensorShape::Make(plan->out_dims, &plan->out_shape);
}

Status PlanSlice(const Tensor& input, const Tensor& begin_t, const Tensor& size_t_,
                 SlicePlan* plan) {
  const int rank = input.dims();
  if (!(begin_t.dims() == 1 && size_t_.dims() == 1 && begin_t.NumElements() == rank &&
        size_t_.NumElements() == rank)) {
    return errors::InvalidArgument("Expected begin and size arguments to be 1-D tensors of "
                                   "size ", rank, ", but got shapes ",
                                   begin_t.shape().DebugString(), " and ",
                                   size_t_.shape().DebugString(), " instead.");
  }
  plan->begin = IntTensorToVector(begin_t);
  plan->sizes = IntTensorToVector(size_t_);
  for (int i = 0; i < rank; ++i) {
    const int64_t dim = input.dim_size(i);
    const int64_t b = plan->begin[i];
    int64_t s = plan->sizes[i];
    if (s == -1) s = dim - b;
    if (dim == 0) {
      if (!(b == 0 && s == 0)) {
        return errors::InvalidArgument("Expected begin[", i, "] == 0 (got ", b, ") and size[", i,
                                       "] == 0 (got ", s, ") when input.dim_size(", i,
                                       ") == 0");
      }
    } else {
      if (!(0 <= b && b <= dim)) {
        return errors::InvalidArgument("Expected begin[", i, "] in [0, ", dim, "], but got ",
                                       b);
      }
      if (!(0 <= s && b + s <= dim)) {
        return errors::InvalidArgument("Expected size[", i, "] in [0, ", dim - b,
                                       "], but got ", s);
      }
    }
    plan->sizes[i] = s;
  }
  plan->identity = true;
  for (int i = 0; i < rank; ++i) {
    plan->identity &= plan->begin[i] == 0 && plan->sizes[i] == input.dim_size(i);
  }
  return OkStatus();
}

}  // namespace array
}  // namespace tfc
