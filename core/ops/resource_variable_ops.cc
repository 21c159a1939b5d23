// Resource-variable ops (TF's resource_variable_ops.cc): VarHandleOp makes a DT_RESOURCE handle
// naming a Var in the session's ResourceMgr; the others read and update it through the handle.
// Shapes: we keep no handle data in graph shape inference, so reads have the shape their
// callers set (the Python layer sets it from the variable's shape).
#include "core/framework/op_registry.h"
#include "core/framework/shape_inference.h"

namespace tfc {
namespace {

Status VariableShapeShapeFn(InferenceContext* c) {
  c->set_output(0, PartialTensorShape({-1}));
  return OkStatus();
}

}  // namespace

REGISTER_OP("VarHandleOp")
    .Attr("container: string = ''")
    .Attr("shared_name: string = ''")
    .Attr("dtype: type")
    .Attr("shape: shape")
    .Output("resource: resource")
    .SetIsStateful()
    .SetShapeFn(shape_inference::ScalarShape);

REGISTER_OP("ReadVariableOp")
    .Input("resource: resource")
    .Output("value: dtype")
    .Attr("dtype: type")
    .SetShapeFn(shape_inference::UnknownShape);

REGISTER_OP("DestroyResourceOp")
    .Input("resource: resource")
    .Attr("ignore_lookup_error: bool = true")
    .SetIsStateful()
    .SetShapeFn(shape_inference::NoOutputs);

REGISTER_OP("AssignVariableOp")
    .Input("resource: resource")
    .Input("value: dtype")
    .Attr("dtype: type")
    .SetShapeFn(shape_inference::NoOutputs);

REGISTER_OP("AssignAddVariableOp")
    .Input("resource: resource")
    .Input("value: dtype")
    .Attr("dtype: type")
    .SetShapeFn(shape_inference::NoOutputs);

REGISTER_OP("AssignSubVariableOp")
    .Input("resource: resource")
    .Input("value: dtype")
    .Attr("dtype: type")
    .SetShapeFn(shape_inference::NoOutputs);

REGISTER_OP("VarIsInitializedOp")
    .Input("resource: resource")
    .Output("is_initialized: bool")
    .SetShapeFn(shape_inference::ScalarShape);

REGISTER_OP("VariableShape")
    .Input("input: resource")
    .Output("output: out_type")
    .Attr("out_type: {int32, int64} = DT_INT32")
    .SetShapeFn(VariableShapeShapeFn);

REGISTER_OP("ResourceGather")
    .Input("resource: resource")
    .Input("indices: Tindices")
    .Attr("batch_dims: int = 0")
    .Attr("validate_indices: bool = true")
    .Output("output: dtype")
    .Attr("dtype: type")
    .Attr("Tindices: {int32, int64}")
    .SetShapeFn(shape_inference::UnknownShape);

#define TFC_REGISTER_RESOURCE_SCATTER(NAME, TYPES) \
  REGISTER_OP(NAME)                                \
      .Input("resource: resource")                 \
      .Input("indices: Tindices")                  \
      .Input("updates: dtype")                     \
      .Attr("dtype: " TYPES)                       \
      .Attr("Tindices: {int32, int64}")            \
      .SetShapeFn(shape_inference::NoOutputs)

TFC_REGISTER_RESOURCE_SCATTER("ResourceScatterAdd", "numbertype");
TFC_REGISTER_RESOURCE_SCATTER("ResourceScatterSub", "numbertype");
TFC_REGISTER_RESOURCE_SCATTER("ResourceScatterMul", "numbertype");
TFC_REGISTER_RESOURCE_SCATTER("ResourceScatterDiv", "numbertype");
TFC_REGISTER_RESOURCE_SCATTER("ResourceScatterMin", "numbertype");
TFC_REGISTER_RESOURCE_SCATTER("ResourceScatterMax", "numbertype");
TFC_REGISTER_RESOURCE_SCATTER("ResourceScatterUpdate", "type");
#undef TFC_REGISTER_RESOURCE_SCATTER

}  // namespace tfc
