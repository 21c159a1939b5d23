// Activation and bias op interfaces (TF 1.15 core/ops/nn_ops.cc): Relu, Relu6, Elu, Selu,
// Softplus, Softsign, LeakyRelu, BiasAdd, BiasAddV1.
#include "core/framework/op_registry.h"
#include "core/framework/shape_inference.h"

namespace tfc {
namespace {

using shape_inference::UnchangedShape;

REGISTER_OP("Relu")
    .Input("features: T")
    .Output("activations: T")
    .Attr("T: {realnumbertype, qint8}")
    .SetShapeFn(UnchangedShape);
REGISTER_OP("Relu6")
    .Input("features: T")
    .Output("activations: T")
    .Attr("T: realnumbertype")
    .SetShapeFn(UnchangedShape);
REGISTER_OP("Elu")
    .Input("features: T")
    .Output("activations: T")
    .Attr("T: {half, bfloat16, float, double}")
    .SetShapeFn(UnchangedShape);
REGISTER_OP("Selu")
    .Input("features: T")
    .Output("activations: T")
    .Attr("T: {half, bfloat16, float, double}")
    .SetShapeFn(UnchangedShape);
REGISTER_OP("Softplus")
    .Input("features: T")
    .Output("activations: T")
    .Attr("T: {half, bfloat16, float, double}")
    .SetShapeFn(UnchangedShape);
REGISTER_OP("Softsign")
    .Input("features: T")
    .Output("activations: T")
    .Attr("T: {half, bfloat16, float, double}")
    .SetShapeFn(UnchangedShape);
REGISTER_OP("LeakyRelu")
    .Input("features: T")
    .Output("activations: T")
    .Attr("alpha: float = 0.2")
    .Attr("T: {half, bfloat16, float, double} = DT_FLOAT")
    .SetShapeFn(UnchangedShape);

// The bias length merges into the channel dim: the last for NHWC, dim 1 for NCHW (the dim the
// kernel adds along; TF 1.15's shape fn used the third from last, which differs for 3-D input).
Status BiasAddShapeFn(InferenceContext* c) {
  std::string data_format = "NHWC";
  c->GetAttr("data_format", &data_format).IgnoreError();
  PartialTensorShape input, bias;
  TFC_RETURN_IF_ERROR(
      c->WithRankAtLeast(c->input(0), data_format == "NCHW" ? 3 : 2, &input));
  TFC_RETURN_IF_ERROR(c->WithRank(c->input(1), 1, &bias));
  if (input.unknown_rank()) {
    c->set_output(0, PartialTensorShape::Unknown());
    return OkStatus();
  }
  const int channel_dim = data_format == "NCHW" ? 1 : input.dims() - 1;
  int64_t merged;
  TFC_RETURN_IF_ERROR(c->MergeDim(input.dim_size(channel_dim), bias.dim_size(0), &merged));
  input.set_dim(channel_dim, merged);
  c->set_output(0, input);
  return OkStatus();
}

REGISTER_OP("BiasAdd")
    .Attr("T: numbertype")
    .Input("value: T")
    .Input("bias: T")
    .Attr("data_format: {'NHWC', 'NCHW'} = 'NHWC'")
    .Output("output: T")
    .SetShapeFn(BiasAddShapeFn);

REGISTER_OP("BiasAddV1")
    .Attr("T: numbertype")
    .Input("value: T")
    .Input("bias: T")
    .Output("output: T")
    .SetShapeFn(BiasAddShapeFn);

}  // namespace
}  // namespace tfc
