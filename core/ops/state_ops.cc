// Ref-variable ops (TF's state_ops.cc): VariableV2/Variable hold a tensor across steps and hand
// it out by reference; Assign*, Scatter* and ScatterNd* update it in place.
#include "core/framework/op_registry.h"
#include "core/framework/shape_inference.h"
#include "core/ops/array_ops_gather_util.h"

namespace tfc {
namespace {

using gather_shape::Concat;
using gather_shape::Subshape;
constexpr int64_t kEnd = INT64_MAX;

Status ExplicitShapeFn(InferenceContext* c) {
  PartialTensorShape shape;
  TFC_RETURN_IF_ERROR(c->GetAttr("shape", &shape));
  c->set_output(0, shape);
  return OkStatus();
}

Status AssignShapeFn(InferenceContext* c) {
  bool validate_shape = true;
  TFC_RETURN_IF_ERROR(c->GetAttr("validate_shape", &validate_shape));
  if (validate_shape) return shape_inference::MergeBothInputsShapeFn(c);
  c->set_output(0, c->input(1));
  return OkStatus();
}

// updates must be indices.shape + ref.shape[1:] unless it is a scalar (broadcast).
Status ScatterUpdateShapeFn(InferenceContext* c) {
  const PartialTensorShape& var = c->input(0);
  PartialTensorShape var_sub, merged;
  TFC_RETURN_IF_ERROR(Subshape(var, 1, kEnd, &var_sub));
  PartialTensorShape expected = Concat(c->input(1), var_sub);
  if (c->input(2).dims() != 0) TFC_RETURN_IF_ERROR(c->Merge(c->input(2), expected, &merged));
  c->set_output(0, var);
  return OkStatus();
}

Status ScatterNdUpdateShapeFn(InferenceContext* c) {
  const PartialTensorShape& input = c->input(0);
  PartialTensorShape indices, updates;
  TFC_RETURN_IF_ERROR(c->WithRankAtLeast(c->input(1), 1, &indices));
  TFC_RETURN_IF_ERROR(c->WithRankAtLeast(c->input(2), 1, &updates));
  if (input.num_elements() == 0 && (indices.num_elements() > 0 || updates.num_elements() > 0)) {
    return errors::InvalidArgument("Indices and updates specified for empty input");
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
      PartialTensorShape suffix_in, suffix_u;
      TFC_RETURN_IF_ERROR(Subshape(input, ix, kEnd, &suffix_in));
      TFC_RETURN_IF_ERROR(Subshape(updates, outer_dims, kEnd, &suffix_u));
      s = c->Merge(suffix_in, suffix_u, &merged);
      if (!s.ok()) {
        return errors::InvalidArgument(
            "The inner ", input.dims() - ix, " dimensions of input.shape=", input.DebugString(),
            " must match the inner ", updates.dims() - outer_dims,
            " dimensions of updates.shape=", updates.DebugString(), ": ", s.message());
      }
    }
  }
  c->set_output(0, input);
  return OkStatus();
}

Status CountUpToShapeFn(InferenceContext* c) {
  PartialTensorShape unused;
  TFC_RETURN_IF_ERROR(c->WithRank(c->input(0), 0, &unused));
  c->set_output(0, PartialTensorShape({}));
  return OkStatus();
}

}  // namespace

REGISTER_OP("VariableV2")
    .Output("ref: Ref(dtype)")
    .Attr("shape: shape")
    .Attr("dtype: type")
    .Attr("container: string = ''")
    .Attr("shared_name: string = ''")
    .SetIsStateful()
    .SetShapeFn(ExplicitShapeFn);

REGISTER_OP("Variable")
    .Output("ref: Ref(dtype)")
    .Attr("shape: shape")
    .Attr("dtype: type")
    .Attr("container: string = ''")
    .Attr("shared_name: string = ''")
    .SetIsStateful()
    .SetShapeFn(ExplicitShapeFn);

REGISTER_OP("IsVariableInitialized")
    .Input("ref: Ref(dtype)")
    .Output("is_initialized: bool")
    .Attr("dtype: type")
    .SetAllowsUninitializedInput()
    .SetShapeFn(shape_inference::ScalarShape);

REGISTER_OP("Assign")
    .Input("ref: Ref(T)")
    .Input("value: T")
    .Output("output_ref: Ref(T)")
    .Attr("T: type")
    .Attr("validate_shape: bool = true")
    .Attr("use_locking: bool = true")
    .SetAllowsUninitializedInput()
    .SetShapeFn(AssignShapeFn);

REGISTER_OP("AssignAdd")
    .Input("ref: Ref(T)")
    .Input("value: T")
    .Output("output_ref: Ref(T)")
    .Attr("T: numbertype")
    .Attr("use_locking: bool = false")
    .SetShapeFn(shape_inference::MergeBothInputsShapeFn);

REGISTER_OP("AssignSub")
    .Input("ref: Ref(T)")
    .Input("value: T")
    .Output("output_ref: Ref(T)")
    .Attr("T: numbertype")
    .Attr("use_locking: bool = false")
    .SetShapeFn(shape_inference::MergeBothInputsShapeFn);

#define TFC_REGISTER_SCATTER(NAME, TYPES, LOCKING)   \
  REGISTER_OP(NAME)                                  \
      .Input("ref: Ref(T)")                          \
      .Input("indices: Tindices")                    \
      .Input("updates: T")                           \
      .Output("output_ref: Ref(T)")                  \
      .Attr("T: " TYPES)                             \
      .Attr("Tindices: {int32, int64}")              \
      .Attr("use_locking: bool = " LOCKING)          \
      .SetShapeFn(ScatterUpdateShapeFn)

TFC_REGISTER_SCATTER("ScatterUpdate", "type", "true");
TFC_REGISTER_SCATTER("ScatterAdd", "numbertype", "false");
TFC_REGISTER_SCATTER("ScatterSub", "numbertype", "false");
TFC_REGISTER_SCATTER("ScatterMul", "numbertype", "false");
TFC_REGISTER_SCATTER("ScatterDiv", "numbertype", "false");
TFC_REGISTER_SCATTER("ScatterMin", "{half, bfloat16, float, double, int32, int64}", "false");
TFC_REGISTER_SCATTER("ScatterMax", "{half, bfloat16, float, double, int32, int64}", "false");
#undef TFC_REGISTER_SCATTER

#define TFC_REGISTER_SCATTER_ND(NAME, TYPES, LOCKING) \
  REGISTER_OP(NAME)                                   \
      .Input("ref: Ref(T)")                           \
      .Input("indices: Tindices")                     \
      .Input("updates: T")                            \
      .Output("output_ref: Ref(T)")                   \
      .Attr("T: " TYPES)                              \
      .Attr("Tindices: {int32, int64}")               \
      .Attr("use_locking: bool = " LOCKING)           \
      .SetShapeFn(ScatterNdUpdateShapeFn)

TFC_REGISTER_SCATTER_ND("ScatterNdUpdate", "type", "true");
TFC_REGISTER_SCATTER_ND("ScatterNdAdd", "numbertype", "false");
TFC_REGISTER_SCATTER_ND("ScatterNdSub", "numbertype", "false");
#undef TFC_REGISTER_SCATTER_ND

REGISTER_OP("CountUpTo")
    .Input("ref: Ref(T)")
    .Output("output: T")
    .Attr("limit: int")
    .Attr("T: {int32, int64}")
    .SetShapeFn(CountUpToShapeFn);

}  // namespace tfc
