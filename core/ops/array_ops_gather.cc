// Array ops that index: Gather, GatherV2, GatherNd, ScatterNd, OneHot, Where, Unique,
// InvertPermutation, BroadcastTo, BroadcastArgs, ReverseV2 (TF 1.15 interfaces).
#include <string>
#include <vector>

#include "core/framework/op_registry.h"
#include "core/framework/shape_inference.h"
#include "core/ops/array_ops_gather_util.h"

namespace tfc {
namespace {

using gather_shape::Concat;
using gather_shape::Subshape;
constexpr int64_t kEnd = INT64_MAX;

std::vector<int64_t> TensorAsInt64(const Tensor& t) {
  std::vector<int64_t> v(t.NumElements());
  for (size_t i = 0; i < v.size(); ++i) {
    v[i] = t.dtype() == DT_INT32 ? t.data<int32_t>()[i] : t.data<int64_t>()[i];
  }
  return v;
}

Status GatherV2Shape(InferenceContext* c) {
  PartialTensorShape params, unused;
  TFC_RETURN_IF_ERROR(c->WithRankAtLeast(c->input(0), 1, &params));
  const PartialTensorShape& indices = c->input(1);
  TFC_RETURN_IF_ERROR(c->WithRank(c->input(2), 0, &unused));
  int64_t axis = 0;
  if (!c->GetScalarFromTensor(2, &axis)) {
    // Unknown axis: only the rank of the result is known.
    if (!params.unknown_rank() && !indices.unknown_rank()) {
      c->set_output(0, PartialTensorShape::UnknownOfRank(params.dims() + indices.dims() - 1));
    } else {
      c->set_output(0, PartialTensorShape());
    }
    return OkStatus();
  }
  TFC_RETURN_IF_ERROR(
      c->WithRankAtLeast(params, static_cast<int>(axis < 0 ? -axis : axis + 1), &unused));
  int64_t batch_dims = 0;
  TFC_RETURN_IF_ERROR(c->GetAttr("batch_dims", &batch_dims));
  TFC_RETURN_IF_ERROR(c->WithRankAtLeast(
      params, static_cast<int>(batch_dims < 0 ? -batch_dims : batch_dims + 1), &unused));
  PartialTensorShape outer, idx_inner, out;
  TFC_RETURN_IF_ERROR(Subshape(params, 0, axis, &outer));
  TFC_RETURN_IF_ERROR(Subshape(indices, batch_dims, kEnd, &idx_inner));
  out = Concat(outer, idx_inner);
  // axis == -1 is the last dim: nothing follows it (and -1 + 1 would mean "from 0").
  if (axis != -1) {
    PartialTensorShape inner;
    TFC_RETURN_IF_ERROR(Subshape(params, axis + 1, kEnd, &inner));
    out = Concat(out, inner);
  }
  c->set_output(0, out);
  return OkStatus();
}

Status GatherNdShape(InferenceContext* c) {
  const PartialTensorShape& params = c->input(0);
  PartialTensorShape indices;
  TFC_RETURN_IF_ERROR(c->WithRankAtLeast(c->input(1), 1, &indices));
  const int64_t r = gather_shape::Dim(indices, -1);
  if (params.unknown_rank() || r < 0) {
    c->set_output(0, PartialTensorShape());
    return OkStatus();
  }
  if (r > params.dims()) {
    return errors::InvalidArgument(
        "indices.shape[-1] must be <= params.rank, but saw indices shape: ",
        indices.DebugString(), " and params shape: ", params.DebugString());
  }
  PartialTensorShape idx_prefix, params_suffix;
  TFC_RETURN_IF_ERROR(Subshape(indices, 0, -1, &idx_prefix));
  TFC_RETURN_IF_ERROR(Subshape(params, r, kEnd, &params_suffix));
  c->set_output(0, Concat(idx_prefix, params_suffix));
  return OkStatus();
}

Status ScatterNdShape(InferenceContext* c) {
  PartialTensorShape indices, updates, output;
  TFC_RETURN_IF_ERROR(c->WithRankAtLeast(c->input(0), 1, &indices));
  TFC_RETURN_IF_ERROR(c->WithRankAtLeast(c->input(1), 1, &updates));
  TFC_RETURN_IF_ERROR(c->MakeShapeFromShapeTensor(2, &output));
  if (output.num_elements() == 0 && (indices.num_elements() > 0 || updates.num_elements() > 0)) {
    return errors::InvalidArgument("Indices and updates specified for empty output shape");
  }
  if (!indices.unknown_rank() && !updates.unknown_rank()) {
    const int64_t outer_dims = indices.dims() - 1;
    const int64_t ix = indices.dim_size(indices.dims() - 1);
    if (ix >= 0) {
      PartialTensorShape prefix_i, prefix_u, merged;
      TFC_RETURN_IF_ERROR(Subshape(indices, 0, outer_dims, &prefix_i));
      TFC_RETURN_IF_ERROR(Subshape(updates, 0, outer_dims, &prefix_u));
      Status s = c->Merge(prefix_i, prefix_u, &merged);
      if (!s.ok()) {
        return errors::InvalidArgument("The outer ", outer_dims, " dimensions of indices.shape=",
                                       indices.DebugString(), " must match the outer ",
                                       outer_dims, " dimensions of updates.shape=",
                                       updates.DebugString(), ": ", s.message());
      }
      PartialTensorShape suffix_o, suffix_u;
      TFC_RETURN_IF_ERROR(Subshape(output, ix, kEnd, &suffix_o));
      TFC_RETURN_IF_ERROR(Subshape(updates, outer_dims, kEnd, &suffix_u));
      s = c->Merge(suffix_o, suffix_u, &merged);
      if (!s.ok()) {
        return errors::InvalidArgument(
            "The inner ", output.dims() - ix, " dimensions of output.shape=",
            output.DebugString(), " must match the inner ", updates.dims() - outer_dims,
            " dimensions of updates.shape=", updates.DebugString(), ": ", s.message());
      }
    }
  }
  c->set_output(0, output);
  return OkStatus();
}

Status OneHotShape(InferenceContext* c) {
  int64_t axis = -1;
  TFC_RETURN_IF_ERROR(c->GetAttr("axis", &axis));
  if (axis < -1) return errors::InvalidArgument("axis must be >= -1");
  int64_t depth = -1;
  if (c->GetScalarFromTensor(1, &depth) && depth < 0) {
    return errors::InvalidArgument("Dimension size, given by scalar input 1",
                                   ", must be non-negative but is ", depth);
  }
  const PartialTensorShape& indices = c->input(0);
  if (indices.unknown_rank()) {
    c->set_output(0, PartialTensorShape());
    return OkStatus();
  }
  const int64_t new_rank = indices.dims() + 1;
  const int64_t depth_index = (axis + new_rank) % new_rank;
  PartialTensorShape front, back;
  TFC_RETURN_IF_ERROR(Subshape(indices, 0, depth_index, &front));
  TFC_RETURN_IF_ERROR(Subshape(indices, depth_index, kEnd, &back));
  c->set_output(0, Concat(Concat(front, PartialTensorShape({depth})), back));
  return OkStatus();
}

Status BroadcastToShape(InferenceContext* c) {
  PartialTensorShape shape_in, out;
  TFC_RETURN_IF_ERROR(c->WithRank(c->input(1), 1, &shape_in));
  TFC_RETURN_IF_ERROR(c->MakeShapeFromShapeTensor(1, &out));
  const PartialTensorShape& in = c->input(0);
  if (out.unknown_rank() || in.unknown_rank()) {
    c->set_output(0, out);
    return OkStatus();
  }
  PartialTensorShape checked;
  TFC_RETURN_IF_ERROR(c->WithRankAtMost(in, out.dims(), &checked));
  const int out_rank = out.dims(), in_rank = in.dims();
  for (int i = 0; i < in_rank; ++i) {
    const int64_t in_dim = in.dim_size(in_rank - 1 - i);
    // Only dims > 1 pin the output: a 1 (or unknown) may broadcast to anything.
    if (in_dim > 1) {
      int64_t merged;
      TFC_RETURN_IF_ERROR(c->MergeDim(in_dim, out.dim_size(out_rank - 1 - i), &merged));
      out.set_dim(out_rank - 1 - i, merged);
    }
  }
  c->set_output(0, out);
  return OkStatus();
}

Status BroadcastArgsShape(InferenceContext* c) {
  PartialTensorShape x, y;
  TFC_RETURN_IF_ERROR(c->WithRank(c->input(0), 1, &x));
  TFC_RETURN_IF_ERROR(c->WithRank(c->input(1), 1, &y));
  if (x.dim_size(0) < 0 || y.dim_size(0) < 0) {
    c->set_output(0, PartialTensorShape({-1}));
  } else {
    c->set_output(0, PartialTensorShape({std::max(x.dim_size(0), y.dim_size(0))}));
  }
  return OkStatus();
}

Status ReverseV2Shape(InferenceContext* c) {
  const PartialTensorShape& input = c->input(0);
  PartialTensorShape axis;
  TFC_RETURN_IF_ERROR(c->WithRank(c->input(1), 1, &axis));
  if (input.dims() > 8) {
    return errors::InvalidArgument("reverse does not work on tensors with more than 8 dimensions");
  }
  const Tensor* axis_t = c->input_tensor(1);
  if (axis_t != nullptr && !input.unknown_rank()) {
    const int64_t rank = input.dims();
    const std::vector<int64_t> axes = TensorAsInt64(*axis_t);
    std::vector<bool> seen(rank, false);
    for (size_t i = 0; i < axes.size(); ++i) {
      const int64_t a = axes[i] < 0 ? rank + axes[i] : axes[i];
      if (a < 0 || a >= rank) {
        return errors::InvalidArgument("'axis'[", i, "] = ", axes[i],
                                       " is out of valid range [0, ", rank - 1);
      }
      if (seen[a]) return errors::InvalidArgument("axis ", a, " specified more than once.");
      seen[a] = true;
    }
  }
  c->set_output(0, input);
  return OkStatus();
}

}  // namespace

REGISTER_OP("Gather")
    .Input("params: Tparams")
    .Input("indices: Tindices")
    .Attr("validate_indices: bool = true")
    .Output("output: Tparams")
    .Attr("Tparams: type")
    .Attr("Tindices: {int32,int64}")
    .SetShapeFn([](InferenceContext* c) -> Status {
      PartialTensorShape params, params_tail;
      TFC_RETURN_IF_ERROR(c->WithRankAtLeast(c->input(0), 1, &params));
      TFC_RETURN_IF_ERROR(Subshape(params, 1, kEnd, &params_tail));
      c->set_output(0, Concat(c->input(1), params_tail));
      return OkStatus();
    });

REGISTER_OP("GatherV2")
    .Input("params: Tparams")
    .Input("indices: Tindices")
    .Input("axis: Taxis")
    .Attr("batch_dims: int = 0")
    .Output("output: Tparams")
    .Attr("Tparams: type")
    .Attr("Tindices: {int32,int64}")
    .Attr("Taxis: {int32,int64}")
    .SetShapeFn(GatherV2Shape);

REGISTER_OP("GatherNd")
    .Input("params: Tparams")
    .Input("indices: Tindices")
    .Output("output: Tparams")
    .Attr("Tparams: type")
    .Attr("Tindices: {int32,int64}")
    .SetShapeFn(GatherNdShape);

REGISTER_OP("ScatterNd")
    .Input("indices: Tindices")
    .Input("updates: T")
    .Input("shape: Tindices")
    .Output("output: T")
    .Attr("T: type")
    .Attr("Tindices: {int32, int64}")
    .SetShapeFn(ScatterNdShape);

REGISTER_OP("OneHot")
    .Input("indices: TI")
    .Input("depth: int32")
    .Input("on_value: T")
    .Input("off_value: T")
    .Attr("axis: int = -1")
    .Output("output: T")
    .Attr("T: type")
    .Attr("TI: {uint8, int32, int64} = DT_INT64")
    .SetShapeFn(OneHotShape);

REGISTER_OP("Where")
    .Input("input: T")
    .Attr("T: {numbertype, bool} = DT_BOOL")
    .Output("index: int64")
    .SetShapeFn([](InferenceContext* c) -> Status {
      c->set_output(0, PartialTensorShape({-1, c->input(0).dims()}));
      return OkStatus();
    });

REGISTER_OP("Unique")
    .Input("x: T")
    .Output("y: T")
    .Output("idx: out_idx")
    .Attr("T: type")
    .Attr("out_idx: {int32, int64} = DT_INT32")
    .SetShapeFn([](InferenceContext* c) -> Status {
      c->set_output(0, PartialTensorShape({-1}));
      c->set_output(1, c->input(0));
      PartialTensorShape unused;
      return c->WithRank(c->input(0), 1, &unused);
    });

REGISTER_OP("InvertPermutation")
    .Input("x: T")
    .Output("y: T")
    .Attr("T: {int32, int64} = DT_INT32")
    .SetShapeFn([](InferenceContext* c) -> Status {
      PartialTensorShape x;
      TFC_RETURN_IF_ERROR(c->WithRank(c->input(0), 1, &x));
      c->set_output(0, x);
      return OkStatus();
    });

REGISTER_OP("BroadcastTo")
    .Input("input: T")
    .Input("shape: Tidx")
    .Output("output: T")
    .Attr("T: type")
    .Attr("Tidx: {int32, int64} = DT_INT32")
    .SetShapeFn(BroadcastToShape);

REGISTER_OP("BroadcastArgs")
    .Input("s0: T")
    .Input("s1: T")
    .Output("r0: T")
    .Attr("T: {int32, int64} = DT_INT32")
    .SetShapeFn(BroadcastArgsShape);

REGISTER_OP("ReverseV2")
    .Input("tensor: T")
    .Input("axis: Tidx")
    .Output("output: T")
    .Attr("Tidx: {int32, int64} = DT_INT32")
    .Attr("T: {uint8, int8, uint16, int16, int32, int64, bool, bfloat16, half, float, double, "
          "complex64, complex128, string}")
    .SetShapeFn(ReverseV2Shape);

}  // namespace tfc
