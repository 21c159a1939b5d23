// The ops every graph uses: Const, Placeholder, PlaceholderWithDefault, Identity, IdentityN,
// NoOp, StopGradient, PreventGradient (TF keeps them in array_ops.cc and no_op.cc).
#include "core/framework/op_registry.h"
#include "core/framework/shape_inference.h"

namespace tfc {
namespace {

Status ConstShapeFn(InferenceContext* c) {
  Tensor value;
  TFC_RETURN_IF_ERROR(c->GetAttr("value", &value));
  c->set_output(0, PartialTensorShape(value.shape()));
  return OkStatus();
}

Status PlaceholderShapeFn(InferenceContext* c) {
  PartialTensorShape shape;
  TFC_RETURN_IF_ERROR(c->GetAttr("shape", &shape));
  c->set_output(0, shape);
  return OkStatus();
}

// The default's shape must be compatible with the declared one; the output has the declared one.
Status PlaceholderWithDefaultShapeFn(InferenceContext* c) {
  PartialTensorShape shape;
  TFC_RETURN_IF_ERROR(c->GetAttr("shape", &shape));
  PartialTensorShape unused;
  TFC_RETURN_IF_ERROR(c->Merge(c->input(0), shape, &unused));
  c->set_output(0, shape);
  return OkStatus();
}

Status IdentityNShapeFn(InferenceContext* c) {
  for (int i = 0; i < c->num_outputs(); ++i) c->set_output(i, c->input(i));
  return OkStatus();
}

}  // namespace

REGISTER_OP("Const")
    .Output("output: dtype")
    .Attr("value: tensor")
    .Attr("dtype: type")
    .SetShapeFn(ConstShapeFn);

REGISTER_OP("Placeholder")
    .Output("output: dtype")
    .Attr("dtype: type")
    .Attr("shape: shape = { unknown_rank: true }")
    .SetShapeFn(PlaceholderShapeFn);

REGISTER_OP("PlaceholderWithDefault")
    .Input("input: dtype")
    .Output("output: dtype")
    .Attr("dtype: type")
    .Attr("shape: shape")
    .SetShapeFn(PlaceholderWithDefaultShapeFn);

REGISTER_OP("Identity")
    .Input("input: T")
    .Output("output: T")
    .Attr("T: type")
    .SetShapeFn(shape_inference::UnchangedShape);

REGISTER_OP("IdentityN")
    .Input("input: T")
    .Output("output: T")
    .Attr("T: list(type)")
    .SetShapeFn(IdentityNShapeFn);

REGISTER_OP("NoOp").SetShapeFn(shape_inference::NoOutputs);

REGISTER_OP("StopGradient")
    .Input("input: T")
    .Output("output: T")
    .Attr("T: type")
    .SetShapeFn(shape_inference::UnchangedShape);

REGISTER_OP("PreventGradient")
    .Input("input: T")
    .Output("output: T")
    .Attr("T: type")
    .Attr("message: string = ''")
    .SetShapeFn(shape_inference::UnchangedShape);

}  // namespace tfc
