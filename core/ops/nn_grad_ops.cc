// Interfaces of the activation backprop ops and BiasAddGrad (TF 1.15 core/ops/nn_ops.cc).
#include "core/framework/op_registry.h"
#include "core/framework/shape_inference.h"

namespace tfc {
namespace {

using shape_inference::MergeBothInputsShapeFn;

REGISTER_OP("ReluGrad")
    .Input("gradients: T")
    .Input("features: T")
    .Output("backprops: T")
    .Attr("T: realnumbertype")
    .SetShapeFn(MergeBothInputsShapeFn);

REGISTER_OP("Relu6Grad")
    .Input("gradients: T")
    .Input("features: T")
    .Output("backprops: T")
    .Attr("T: realnumbertype")
    .SetShapeFn(MergeBothInputsShapeFn);

REGISTER_OP("LeakyReluGrad")
    .Input("gradients: T")
    .Input("features: T")
    .Output("backprops: T")
    .Attr("alpha: float = 0.2")
    .Attr("T: {half, bfloat16, float, double} = DT_FLOAT")
    .SetShapeFn(MergeBothInputsShapeFn);

REGISTER_OP("EluGrad")
    .Input("gradients: T")
    .Input("outputs: T")
    .Output("backprops: T")
    .Attr("T: {half, bfloat16, float, double}")
    .SetShapeFn(MergeBothInputsShapeFn);

REGISTER_OP("SeluGrad")
    .Input("gradients: T")
    .Input("outputs: T")
    .Output("backprops: T")
    .Attr("T: {half, bfloat16, float, double}")
    .SetShapeFn(MergeBothInputsShapeFn);

REGISTER_OP("SoftplusGrad")
    .Input("gradients: T")
    .Input("features: T")
    .Output("backprops: T")
    .Attr("T: {half, bfloat16, float, double}")
    .SetShapeFn(MergeBothInputsShapeFn);

REGISTER_OP("SoftsignGrad")
    .Input("gradients: T")
    .Input("features: T")
    .Output("backprops: T")
    .Attr("T: {half, bfloat16, float, double}")
    .SetShapeFn(MergeBothInputsShapeFn);

// The bias gradient has the channel dimension's size: the last for NHWC, dim 1 for NCHW (the
// dim our BiasAdd kernel adds along).
Status BiasAddGradShapeFn(InferenceContext* c) {
  std::string data_format = "NHWC";
  c->GetAttr("data_format", &data_format).IgnoreError();
  PartialTensorShape in;
  if (data_format == "NCHW") {
    TFC_RETURN_IF_ERROR(c->WithRankAtLeast(c->input(0), 3, &in));
    c->set_output(0, in.unknown_rank() ? PartialTensorShape({-1})
                                       : PartialTensorShape({in.dim_size(1)}));
  } else {
    TFC_RETURN_IF_ERROR(c->WithRankAtLeast(c->input(0), 2, &in));
    c->set_output(0, in.unknown_rank() ? PartialTensorShape({-1})
                                       : PartialTensorShape({in.dim_size(in.dims() - 1)}));
  }
  return OkStatus();
}

REGISTER_OP("BiasAddGrad")
    .Input("out_backprop: T")
    .Output("output: T")
    .Attr("T: numbertype")
    .Attr("data_format: {'NHWC', 'NCHW'} = 'NHWC'")
    .SetShapeFn(BiasAddGradShapeFn);

}  // namespace
}  // namespace tfc
