#include "core/kernels/array/concat_split_util.h"

#include "core/kernels/array/array_copy.h"

namespace tfc {
namespace array {

int64_t DimProduct(const TensorShape& s, int begin, int end) {
  int64_t p = 1;
  for (int i = begin; i < end; ++i) p *= s.dim_size(i);
  return p;
}

Status PlanConcatV2(OpKernelContext* ctx, JoinPlan* plan) {
  const int n = ctx->num_inputs() - 1;
  const Tensor& axis_t = ctx->input(n);
  if (axis_t.dims() != 0) {
    return errors::InvalidArgument("Concat dim tensor should be a scalar, but got shape ",
                                   axis_t.shape().DebugString());
  }
  const int64_t concat_dim = IntTensorToVector(axis_t)[0];
  const TensorShape& shape0 = ctx->input(0).shape();
  const int rank = shape0.dims();
  const int64_t axis = concat_dim < 0 ? concat_dim + rank : concat_dim;
  if (!(0 <= axis && axis < rank)) {
    return errors::InvalidArgument("ConcatOp : Expected concatenating dimensions in the range [",
                                   -rank, ", ", rank, "), but got ", concat_dim);
  }
  const int ax = static_cast<int>(axis);
  int64_t out_axis = 0;
  plan->outer = DimProduct(shape0, 0, ax);
  for (int i = 0; i < n; ++i) {
    const Tensor& in = ctx->input(i);
    if (in.dims() != rank) {
      return errors::InvalidArgument("ConcatOp : Ranks of all input tensors should match: "
                                     "shape[0] = ", shape0.DebugString(), " vs. shape[", i,
                                     "] = ", in.shape().DebugString());
    }
    for (int j = 0; j < rank; ++j) {
      if (j == ax) continue;
      if (in.dim_size(j) != shape0.dim_size(j)) {
        return errors::InvalidArgument("ConcatOp : Dimensions of inputs should match: "
                                       "shape[0] = ", shape0.DebugString(), " vs. shape[", i,
                                       "] = ", in.shape().DebugString());
      }
    }
    out_axis += in.dim_size(ax);
    plan->inputs.push_back(&in);
    plan->row_len.push_back(DimProduct(in.shape(), ax, rank));
  }
  plan->out_shape = shape0;
  plan->out_shape.set_dim(ax, out_axis);
  return OkStatus();
}

Status PlanPack(OpKernelContext* ctx, int64_t axis_attr, JoinPlan* plan) {
  const int n = ctx->num_inputs();
  const TensorShape& shape0 = ctx->input(0).shape();
  const int expanded = shape0.dims() + 1;
  const int64_t axis = axis_attr < 0 ? axis_attr + expanded : axis_attr;
  if (!(0 <= axis && axis < expanded)) {
    return errors::InvalidArgument("axis = ", axis_attr, " not in [", -expanded, ", ", expanded,
                                   ")");
  }
  const int ax = static_cast<int>(axis);
  for (int i = 0; i < n; ++i) {
    const Tensor& in = ctx->input(i);
    if (!in.shape().IsSameSize(shape0)) {
      return errors::InvalidArgument("Shapes of all inputs must match: values[0].shape = ",
                                     shape0.DebugString(), " != values[", i, "].shape = ",
                                     in.shape().DebugString());
    }
    plan->inputs.push_back(&in);
    plan->row_len.push_back(DimProduct(shape0, ax, shape0.dims()));
  }
  plan->outer = DimProduct(shape0, 0, ax);
  plan->out_shape = shape0;
  plan->out_shape.InsertDim(ax, n);
  return OkStatus();
}

namespace {

Status CanonicalSplitDim(const Tensor& split_dim_t, int rank, int* out) {
  if (split_dim_t.NumElements() != 1) {
    return errors::InvalidArgument("split_dim must be a scalar but has rank ", split_dim_t.dims());
  }
  const int64_t orig = IntTensorToVector(split_dim_t)[0];
  const int64_t d = orig < 0 ? orig + rank : orig;
  if (!(0 <= d && d < rank)) {
    return errors::InvalidArgument("-input rank(-", rank, ") <= split_dim < input rank (", rank,
                                   "), but got ", orig);
  }
  *out = static_cast<int>(d);
  return OkStatus();
}

}  // namespace

Status PlanSplit(OpKernelContext* ctx, SplitPlan* plan) {
  const Tensor& input = ctx->input(1);
  const int num_split = ctx->num_outputs();
  TFC_RETURN_IF_ERROR(CanonicalSplitDim(ctx->input(0), input.dims(), &plan->axis));
  if (num_split <= 0) {
    return errors::InvalidArgument("Number of ways to split should be > 0, but got ", num_split);
  }
  const int64_t size = input.dim_size(plan->axis);
  if (size % num_split != 0) {
    return errors::InvalidArgument("Number of ways to split should evenly divide the split "
                                   "dimension, but got split_dim ", plan->axis, " (size = ",
                                   size, ") and num_split ", num_split);
  }
  TensorShape piece = input.shape();
  piece.set_dim(plan->axis, size / num_split);
  plan->sizes.assign(num_split, size / num_split);
  plan->shapes.assign(num_split, piece);
  return OkStatus();
}

Status PlanSplitV(OpKernelContext* ctx, SplitPlan* plan) {
  const Tensor& input = ctx->input(0);
  const Tensor& sizes_t = ctx->input(1);
  const int num_split = ctx->num_outputs();
  if (!(sizes_t.dims() == 1 && sizes_t.NumElements() == num_split)) {
    return errors::InvalidArgument("size of the split_tensor must be 1-D and have the same "
                                   "elements as outputs got ", sizes_t.dims(), " -D and ",
                                   sizes_t.NumElements(), " elements");
  }
  TFC_RETURN_IF_ERROR(CanonicalSplitDim(ctx->input(2), input.dims(), &plan->axis));
  std::vector<int64_t> sizes = IntTensorToVector(sizes_t);
  const int64_t dim_size = input.dim_size(plan->axis);
  int neg_one = -1;
  int64_t determined = 0;
  for (int i = 0; i < num_split; ++i) {
    if (sizes[i] == -1) {
      if (neg_one != -1) return errors::InvalidArgument("There can only be one -1 in the input.");
      neg_one = i;
    } else {
      if (sizes[i] < 0) {
        return errors::InvalidArgument("Split size at index ", i, " must be >= 0. Got: ",
                                       sizes[i]);
      }
      determined += sizes[i];
    }
  }
  if (!((neg_one == -1 && determined == dim_size) || (neg_one >= 0 && determined <= dim_size))) {
    return errors::InvalidArgument("Determined shape must either match input shape along "
                                   "split_dim exactly if fully specified, or be less than "
                                   "the size of the input along split_dim if not fully "
                                   "specified.  Got: ", determined);
  }
  if (neg_one >= 0) sizes[neg_one] = dim_size - determined;
  plan->shapes.clear();
  for (int i = 0; i < num_split; ++i) {
    TensorShape s = input.shape();
    s.set_dim(plan->axis, sizes[i]);
    plan->shapes.push_back(s);
  }
  plan->sizes = std::move(sizes);
  return OkStatus();
}

Status PlanUnpack(OpKernelContext* ctx, int64_t axis_attr, SplitPlan* plan) {
  const Tensor& input = ctx->input(0);
  const int num = ctx->num_outputs();
  const int rank = input.dims();
  const int64_t axis = axis_attr < 0 ? axis_attr + rank : axis_attr;
  if (!(0 <= axis && axis < rank)) {
    return errors::InvalidArgument("axis = ", axis_attr, " not in [", -rank, ", ", rank, ")");
  }
  if (!(rank > 0 && input.dim_size(static_cast<int>(axis)) == num)) {
    return errors::InvalidArgument("Input shape axis ", axis, " must equal ", num,
                                   ", got shape ", input.shape().DebugString());
  }
  plan->axis = static_cast<int>(axis);
  TensorShape piece = input.shape();
  piece.RemoveDim(plan->axis);
  plan->sizes.assign(num, 1);
  plan->shapes.assign(num, piece);
  return OkStatus();
}

}  // namespace array
}  // namespace tfc
