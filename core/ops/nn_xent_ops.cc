// Cross-entropy op interfaces (TF 1.15 core/ops/nn_ops.cc): SoftmaxCrossEntropyWithLogits,
// SparseSoftmaxCrossEntropyWithLogits.
#include "core/framework/op_registry.h"
#include "core/framework/shape_inference.h"

namespace tfc {
namespace {

Status SoftmaxXentShapeFn(InferenceContext* c) {
  // Same-shaped matrices first; otherwise the inputs must broadcast to a matrix.
  PartialTensorShape input;
  if (c->WithRank(c->input(0), 2, &input).ok() && c->Merge(input, c->input(1), &input).ok()) {
    c->set_output(0, PartialTensorShape({input.dim_size(0)}));
    c->set_output(1, input);
    return OkStatus();
  }
  PartialTensorShape out;
  TFC_RETURN_IF_ERROR(c->BroadcastBinaryOpOutputShape(c->input(0), c->input(1), &out));
  if (out.unknown_rank()) {
    return errors::InvalidArgument(
        "Shape must be broadcasted with rank 2, but is rank is unknown.");
  }
  if (out.dims() != 2) {
    return errors::InvalidArgument("Shape must be broadcasted with rank 2, but is rank ",
                                   out.dims());
  }
  c->set_output(0, PartialTensorShape({out.dim_size(0)}));
  c->set_output(1, out);
  return OkStatus();
}

Status SparseSoftmaxXentShapeFn(InferenceContext* c) {
  PartialTensorShape features, labels;
  TFC_RETURN_IF_ERROR(c->WithRank(c->input(0), 2, &features));
  TFC_RETURN_IF_ERROR(c->WithRank(c->input(1), 1, &labels));
  int64_t batch = -1;
  TFC_RETURN_IF_ERROR(c->MergeDim(features.dim_size(0), labels.dim_size(0), &batch));
  features.set_dim(0, batch);
  c->set_output(0, PartialTensorShape({batch}));
  c->set_output(1, features);
  return OkStatus();
}

}  // namespace

REGISTER_OP("SoftmaxCrossEntropyWithLogits")
    .Input("features: T")
    .Input("labels: T")
    .Output("loss: T")
    .Output("backprop: T")
    .Attr("T: {half, bfloat16, float, double}")
    .SetShapeFn(SoftmaxXentShapeFn);

REGISTER_OP("SparseSoftmaxCrossEntropyWithLogits")
    .Input("features: T")
    .Input("labels: Tlabels")
    .Output("loss: T")
    .Output("backprop: T")
    .Attr("T: {half, bfloat16, float, double}")
    .Attr("Tlabels: {int32, int64} = DT_INT64")
    .SetShapeFn(SparseSoftmaxXentShapeFn);

}  // namespace tfc
