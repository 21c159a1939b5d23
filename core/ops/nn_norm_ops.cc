// Normalization op interfaces (TF 1.15 core/ops/nn_ops.cc): FusedBatchNorm/V2/V3, their
// gradients, LRN and LRNGrad.
#include <string>

#include "core/framework/op_registry.h"
#include "core/framework/shape_inference.h"

namespace tfc {
namespace {

int ChannelIndex(const std::string& data_format) { return data_format == "NCHW" ? 1 : 3; }

Status FusedBatchNormShapeFn(InferenceContext* c) {
  PartialTensorShape x;
  TFC_RETURN_IF_ERROR(c->WithRank(c->input(0), 4, &x));
  bool is_training = true;
  TFC_RETURN_IF_ERROR(c->GetAttr("is_training", &is_training));
  std::string data_format;
  TFC_RETURN_IF_ERROR(c->GetAttr("data_format", &data_format));
  const int ci = ChannelIndex(data_format);
  int64_t channels = x.dim_size(ci);
  // scale and offset always; the population statistics only when they are used.
  const int number_inputs = is_training ? 3 : 5;
  for (int i = 1; i < number_inputs; ++i) {
    PartialTensorShape vec;
    TFC_RETURN_IF_ERROR(c->WithRank(c->input(i), 1, &vec));
    TFC_RETURN_IF_ERROR(c->MergeDim(channels, vec.dim_size(0), &channels));
  }
  x.set_dim(ci, channels);
  c->set_output(0, x);
  for (int i = 1; i < 5; ++i) c->set_output(i, PartialTensorShape({channels}));
  if (c->num_outputs() > 5) c->set_output(5, PartialTensorShape::Unknown());
  return OkStatus();
}

Status FusedBatchNormGradShapeFn(InferenceContext* c) {
  PartialTensorShape y_backprop, x;
  TFC_RETURN_IF_ERROR(c->WithRank(c->input(0), 4, &y_backprop));
  TFC_RETURN_IF_ERROR(c->WithRank(c->input(1), 4, &x));
  std::string data_format;
  TFC_RETURN_IF_ERROR(c->GetAttr("data_format", &data_format));
  const int ci = ChannelIndex(data_format);
  int64_t channels = y_backprop.dim_size(ci);
  TFC_RETURN_IF_ERROR(c->MergeDim(channels, x.dim_size(ci), &channels));
  // scale, reserve_space_1 and reserve_space_2 (not reserve_space_3 of V3).
  for (int i = 2; i < 5; ++i) {
    PartialTensorShape vec;
    TFC_RETURN_IF_ERROR(c->WithRank(c->input(i), 1, &vec));
    TFC_RETURN_IF_ERROR(c->MergeDim(channels, vec.dim_size(0), &channels));
  }
  y_backprop.set_dim(ci, channels);
  c->set_output(0, y_backprop);
  c->set_output(1, PartialTensorShape({channels}));
  c->set_output(2, PartialTensorShape({channels}));
  c->set_output(3, PartialTensorShape({0}));
  c->set_output(4, PartialTensorShape({0}));
  return OkStatus();
}

Status Rank4Unchanged(InferenceContext* c) {
  PartialTensorShape s;
  TFC_RETURN_IF_ERROR(c->WithRank(c->input(0), 4, &s));
  c->set_output(0, s);
  return OkStatus();
}

Status LRNGradShapeFn(InferenceContext* c) {
  PartialTensorShape s;
  TFC_RETURN_IF_ERROR(c->WithRank(c->input(0), 4, &s));
  TFC_RETURN_IF_ERROR(c->Merge(s, c->input(1), &s));
  TFC_RETURN_IF_ERROR(c->Merge(s, c->input(2), &s));
  c->set_output(0, s);
  return OkStatus();
}

}  // namespace

REGISTER_OP("FusedBatchNorm")
    .Input("x: T")
    .Input("scale: T")
    .Input("offset: T")
    .Input("mean: T")
    .Input("variance: T")
    .Output("y: T")
    .Output("batch_mean: T")
    .Output("batch_variance: T")
    .Output("reserve_space_1: T")
    .Output("reserve_space_2: T")
    .Attr("T: {float}")
    .Attr("epsilon: float = 0.0001")
    .Attr("data_format: {'NHWC', 'NCHW'} = 'NHWC'")
    .Attr("is_training: bool = true")
    .SetShapeFn(FusedBatchNormShapeFn);

REGISTER_OP("FusedBatchNormV2")
    .Input("x: T")
    .Input("scale: U")
    .Input("offset: U")
    .Input("mean: U")
    .Input("variance: U")
    .Output("y: T")
    .Output("batch_mean: U")
    .Output("batch_variance: U")
    .Output("reserve_space_1: U")
    .Output("reserve_space_2: U")
    .Attr("T: {half, bfloat16, float}")
    .Attr("U: {float}")
    .Attr("epsilon: float = 0.0001")
    .Attr("data_format: {'NHWC', 'NCHW'} = 'NHWC'")
    .Attr("is_training: bool = true")
    .SetShapeFn(FusedBatchNormShapeFn);

REGISTER_OP("FusedBatchNormV3")
    .Input("x: T")
    .Input("scale: U")
    .Input("offset: U")
    .Input("mean: U")
    .Input("variance: U")
    .Output("y: T")
    .Output("batch_mean: U")
    .Output("batch_variance: U")
    .Output("reserve_space_1: U")
    .Output("reserve_space_2: U")
    .Output("reserve_space_3: U")
    .Attr("T: {half, bfloat16, float}")
    .Attr("U: {float}")
    .Attr("epsilon: float = 0.0001")
    .Attr("data_format: {'NHWC', 'NCHW'} = 'NHWC'")
    .Attr("is_training: bool = true")
    .SetShapeFn(FusedBatchNormShapeFn);

REGISTER_OP("FusedBatchNormGrad")
    .Input("y_backprop: T")
    .Input("x: T")
    .Input("scale: T")
    .Input("reserve_space_1: T")
    .Input("reserve_space_2: T")
    .Output("x_backprop: T")
    .Output("scale_backprop: T")
    .Output("offset_backprop: T")
    .Output("reserve_space_3: T")
    .Output("reserve_space_4: T")
    .Attr("T: {float}")
    .Attr("epsilon: float = 0.0001")
    .Attr("data_format: {'NHWC', 'NCHW'} = 'NHWC'")
    .Attr("is_training: bool = true")
    .SetShapeFn(FusedBatchNormGradShapeFn);

REGISTER_OP("FusedBatchNormGradV2")
    .Input("y_backprop: T")
    .Input("x: T")
    .Input("scale: float")
    .Input("reserve_space_1: U")
    .Input("reserve_space_2: U")
    .Output("x_backprop: T")
    .Output("scale_backprop: U")
    .Output("offset_backprop: U")
    .Output("reserve_space_3: U")
    .Output("reserve_space_4: U")
    .Attr("T: {half, bfloat16, float}")
    .Attr("U: {float}")
    .Attr("epsilon: float = 0.0001")
    .Attr("data_format: {'NHWC', 'NCHW'} = 'NHWC'")
    .Attr("is_training: bool = true")
    .SetShapeFn(FusedBatchNormGradShapeFn);

REGISTER_OP("FusedBatchNormGradV3")
    .Input("y_backprop: T")
    .Input("x: T")
    .Input("scale: float")
    .Input("reserve_space_1: U")
    .Input("reserve_space_2: U")
    .Input("reserve_space_3: U")
    .Output("x_backprop: T")
    .Output("scale_backprop: U")
    .Output("offset_backprop: U")
    .Output("reserve_space_4: U")
    .Output("reserve_space_5: U")
    .Attr("T: {half, bfloat16, float}")
    .Attr("U: {float}")
    .Attr("epsilon: float = 0.0001")
    .Attr("data_format: {'NHWC', 'NCHW'} = 'NHWC'")
    .Attr("is_training: bool = true")
    .SetShapeFn(FusedBatchNormGradShapeFn);

REGISTER_OP("LRN")
    .Input("input: T")
    .Output("output: T")
    .Attr("depth_radius: int = 5")
    .Attr("bias: float = 1.0")
    .Attr("alpha: float = 1.0")
    .Attr("beta: float = 0.5")
    .Attr("T: {half, bfloat16, float} = DT_FLOAT")
    .SetShapeFn(Rank4Unchanged);

REGISTER_OP("LRNGrad")
    .Input("input_grads: T")
    .Input("input_image: T")
    .Input("output_image: T")
    .Output("output: T")
    .Attr("depth_radius: int = 5")
    .Attr("bias: float = 1.0")
    .Attr("alpha: float = 1.0")
    .Attr("beta: float = 0.5")
    .Attr("T: {half, bfloat16, float} = DT_FLOAT")
    .SetShapeFn(LRNGradShapeFn);

}  // namespace tfc
