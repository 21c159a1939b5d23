// Top-k op interfaces (TF 1.15 core/ops/nn_ops.cc): TopK, TopKV2, InTopK, InTopKV2.
#include "core/framework/op_registry.h"
#include "core/framework/shape_inference.h"

namespace tfc {
namespace {

Status TopKShapeFn(InferenceContext* c) {
  PartialTensorShape input;
  TFC_RETURN_IF_ERROR(c->WithRankAtLeast(c->input(0), 1, &input));
  int64_t k = -1;
  if (c->num_inputs() >= 2) {
    if (c->GetScalarFromTensor(1, &k) && k < 0) {
      return errors::InvalidArgument(
          "Dimension size, given by scalar input 1, must be non-negative but is ", k);
    }
  } else {
    TFC_RETURN_IF_ERROR(c->GetAttr("k", &k));
    if (k < 0) return errors::InvalidArgument("Need k >= 0, got ", k);
  }
  if (input.unknown_rank()) {
    c->set_output(0, PartialTensorShape::Unknown());
    c->set_output(1, PartialTensorShape::Unknown());
    return OkStatus();
  }
  const int last = input.dims() - 1;
  const int64_t last_dim = input.dim_size(last);
  if (last_dim >= 0 && k >= 0 && last_dim < k) {
    return errors::InvalidArgument("input must have last dimension >= k = ", k, " but is ",
                                   last_dim);
  }
  input.set_dim(last, k);
  c->set_output(0, input);
  c->set_output(1, input);
  return OkStatus();
}

Status InTopKShapeFn(InferenceContext* c) {
  PartialTensorShape predictions, targets;
  TFC_RETURN_IF_ERROR(c->WithRank(c->input(0), 2, &predictions));
  TFC_RETURN_IF_ERROR(c->WithRank(c->input(1), 1, &targets));
  int64_t batch = -1;
  TFC_RETURN_IF_ERROR(c->MergeDim(predictions.dim_size(0), targets.dim_size(0), &batch));
  c->set_output(0, PartialTensorShape({batch}));
  return OkStatus();
}

}  // namespace

REGISTER_OP("TopK")
    .Input("input: T")
    .Output("values: T")
    .Output("indices: int32")
    .Attr("k: int >= 0")
    .Attr("sorted: bool = true")
    .Attr("T: realnumbertype")
    .SetShapeFn(TopKShapeFn);

REGISTER_OP("TopKV2")
    .Input("input: T")
    .Input("k: int32")
    .Output("values: T")
    .Output("indices: int32")
    .Attr("sorted: bool = true")
    .Attr("T: realnumbertype")
    .SetShapeFn(TopKShapeFn);

REGISTER_OP("InTopK")
    .Input("predictions: float")
    .Input("targets: T")
    .Output("precision: bool")
    .Attr("k: int")
    .Attr("T: {int32, int64} = DT_INT32")
    .SetShapeFn(InTopKShapeFn);

REGISTER_OP("InTopKV2")
    .Input("predictions: float")
    .Input("targets: T")
    .Input("k: T")
    .Output("precision: bool")
    .Attr("T: {int32, int64} = DT_INT32")
    .SetShapeFn(InTopKShapeFn);

}  // namespace tfc
