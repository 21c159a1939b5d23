// Convolutions: Conv2D, Conv3D, DepthwiseConv2dNative and their backprops (TF 1.15 specs).
#include "core/framework/op_registry.h"
#include "core/framework/shape_inference.h"
#include "core/ops/nn_conv_util.h"

namespace tfc {
namespace {

using conv::Layout;
using conv::WindowAttrs;

PartialTensorShape MakeConvShape(const Layout& L, int64_t batch,
                                 const std::vector<int64_t>& spatial, int64_t depth) {
  std::vector<int64_t> dims(L.rank(), -1);
  dims[L.batch_dim()] = batch;
  dims[L.feature_dim()] = depth;
  for (int i = 0; i < L.spatial; ++i) dims[L.spatial_dim(i)] = spatial[i];
  return PartialTensorShape(dims);
}

// Conv2D / Conv3D: input in data_format, filter [spatial..., in_depth, out_depth].
Status ConvShape(InferenceContext* c, const std::string& what, int spatial) {
  WindowAttrs a;
  const int rank = spatial + 2;
  PartialTensorShape input, filter;
  TFC_RETURN_IF_ERROR(c->WithRank(c->input(0), rank, &input));
  TFC_RETURN_IF_ERROR(c->WithRank(c->input(1), rank, &filter));
  TFC_RETURN_IF_ERROR(conv::ParseConvAttrs(c->node_def(), what, spatial, &a));
  const Layout& L = a.layout;
  const int64_t in_depth = input.dim_size(L.feature_dim());
  const int64_t filter_in_depth = filter.dim_size(spatial);
  const int64_t out_depth = filter.dim_size(spatial + 1);
  if (in_depth >= 0 && filter_in_depth > 0) {
    if (in_depth % filter_in_depth != 0) {
      return errors::InvalidArgument("Depth of input (", in_depth,
                                     ") is not a multiple of input depth of filter (",
                                     filter_in_depth, ")");
    }
    const int64_t groups = in_depth / filter_in_depth;
    if (groups > 1 && out_depth >= 0 && out_depth % groups != 0) {
      return errors::InvalidArgument("Depth of output (", out_depth,
                                     ") is not a multiple of the number of groups (", groups,
                                     ")");
    }
  }
  std::vector<int64_t> out(spatial);
  for (int i = 0; i < spatial; ++i) {
    TFC_RETURN_IF_ERROR(conv::ShapeFnOutputSize(input.dim_size(L.spatial_dim(i)),
                                                filter.dim_size(i), a.dilations[i],
                                                a.strides[i], a.padding, a.pad_before[i],
                                                a.pad_after[i], &out[i]));
  }
  c->set_output(0, MakeConvShape(L, input.dim_size(L.batch_dim()), out, out_depth));
  return OkStatus();
}

Status DepthwiseShape(InferenceContext* c) {
  WindowAttrs a;
  PartialTensorShape input, filter;
  TFC_RETURN_IF_ERROR(c->WithRank(c->input(0), 4, &input));
  TFC_RETURN_IF_ERROR(c->WithRank(c->input(1), 4, &filter));
  TFC_RETURN_IF_ERROR(conv::ParseConvAttrs(c->node_def(), "DepthwiseConv2D", 2, &a));
  const Layout& L = a.layout;
  int64_t in_depth = -1;
  TFC_RETURN_IF_ERROR(c->MergeDim(input.dim_size(L.feature_dim()), filter.dim_size(2), &in_depth));
  const int64_t multiplier = filter.dim_size(3);
  const int64_t out_depth = (in_depth >= 0 && multiplier >= 0) ? in_depth * multiplier : -1;
  std::vector<int64_t> out(2);
  for (int i = 0; i < 2; ++i) {
    TFC_RETURN_IF_ERROR(conv::ShapeFnOutputSize(input.dim_size(L.spatial_dim(i)),
                                                filter.dim_size(i), a.dilations[i],
                                                a.strides[i], a.padding, a.pad_before[i],
                                                a.pad_after[i], &out[i]));
  }
  c->set_output(0, MakeConvShape(L, input.dim_size(L.batch_dim()), out, out_depth));
  return OkStatus();
}

// Backprops whose output shape is given by a shape input.
ShapeInferenceFn ShapeFromInput(int index, int rank) {
  return [index, rank](InferenceContext* c) -> Status {
    PartialTensorShape s;
    TFC_RETURN_IF_ERROR(c->MakeShapeFromShapeTensor(index, &s));
    TFC_RETURN_IF_ERROR(c->WithRank(s, rank, &s));
    c->set_output(0, s);
    return OkStatus();
  };
}

}  // namespace

REGISTER_OP("Conv2D")
    .Input("input: T")
    .Input("filter: T")
    .Output("output: T")
    .Attr("T: {half, bfloat16, float, double}")
    .Attr("strides: list(int)")
    .Attr("use_cudnn_on_gpu: bool = true")
    .Attr("padding: {'SAME', 'VALID', 'EXPLICIT'}")
    .Attr("explicit_paddings: list(int) = []")
    .Attr("data_format: {'NHWC', 'NCHW'} = 'NHWC'")
    .Attr("dilations: list(int) = [1, 1, 1, 1]")
    .SetShapeFn([](InferenceContext* c) { return ConvShape(c, "Conv2D", 2); });

REGISTER_OP("Conv2DBackpropInput")
    .Input("input_sizes: int32")
    .Input("filter: T")
    .Input("out_backprop: T")
    .Output("output: T")
    .Attr("T: {half, bfloat16, float, double}")
    .Attr("strides: list(int)")
    .Attr("use_cudnn_on_gpu: bool = true")
    .Attr("padding: {'SAME', 'VALID', 'EXPLICIT'}")
    .Attr("explicit_paddings: list(int) = []")
    .Attr("data_format: {'NHWC', 'NCHW'} = 'NHWC'")
    .Attr("dilations: list(int) = [1, 1, 1, 1]")
    .SetShapeFn(ShapeFromInput(0, 4));

REGISTER_OP("Conv2DBackpropFilter")
    .Input("input: T")
    .Input("filter_sizes: int32")
    .Input("out_backprop: T")
    .Output("output: T")
    .Attr("T: {half, bfloat16, float, double}")
    .Attr("strides: list(int)")
    .Attr("use_cudnn_on_gpu: bool = true")
    .Attr("padding: {'SAME', 'VALID', 'EXPLICIT'}")
    .Attr("explicit_paddings: list(int) = []")
    .Attr("data_format: {'NHWC', 'NCHW'} = 'NHWC'")
    .Attr("dilations: list(int) = [1, 1, 1, 1]")
    .SetShapeFn(ShapeFromInput(1, 4));

REGISTER_OP("DepthwiseConv2dNative")
    .Input("input: T")
    .Input("filter: T")
    .Output("output: T")
    .Attr("T: {half, bfloat16, float, double}")
    .Attr("strides: list(int)")
    .Attr("padding: {'SAME', 'VALID'}")
    .Attr("data_format: {'NHWC', 'NCHW'} = 'NHWC'")
    .Attr("dilations: list(int) = [1, 1, 1, 1]")
    .SetShapeFn(DepthwiseShape);

REGISTER_OP("DepthwiseConv2dNativeBackpropInput")
    .Input("input_sizes: int32")
    .Input("filter: T")
    .Input("out_backprop: T")
    .Output("output: T")
    .Attr("T: {half, bfloat16, float, double}")
    .Attr("strides: list(int)")
    .Attr("padding: {'SAME', 'VALID'}")
    .Attr("data_format: {'NHWC', 'NCHW'} = 'NHWC'")
    .Attr("dilations: list(int) = [1, 1, 1, 1]")
    .SetShapeFn(ShapeFromInput(0, 4));

REGISTER_OP("DepthwiseConv2dNativeBackpropFilter")
    .Input("input: T")
    .Input("filter_sizes: int32")
    .Input("out_backprop: T")
    .Output("output: T")
    .Attr("T: {half, bfloat16, float, double}")
    .Attr("strides: list(int)")
    .Attr("padding: {'SAME', 'VALID'}")
    .Attr("data_format: {'NHWC', 'NCHW'} = 'NHWC'")
    .Attr("dilations: list(int) = [1, 1, 1, 1]")
    .SetShapeFn(ShapeFromInput(1, 4));

REGISTER_OP("Conv3D")
    .Input("input: T")
    .Input("filter: T")
    .Output("output: T")
    .Attr("T: {half, bfloat16, float, double}")
    .Attr("strides: list(int) >= 5")
    .Attr("padding: {'SAME', 'VALID'}")
    .Attr("data_format: {'NDHWC', 'NCDHW'} = 'NDHWC'")
    .Attr("dilations: list(int) = [1, 1, 1, 1, 1]")
    .SetShapeFn([](InferenceContext* c) { return ConvShape(c, "Conv3D", 3); });

REGISTER_OP("Conv3DBackpropInputV2")
    .Input("input_sizes: Tshape")
    .Input("filter: T")
    .Input("out_backprop: T")
    .Output("output: T")
    .Attr("T: {half, bfloat16, float, double}")
    .Attr("strides: list(int) >= 5")
    .Attr("padding: {'SAME', 'VALID'}")
    .Attr("data_format: {'NDHWC', 'NCDHW'} = 'NDHWC'")
    .Attr("dilations: list(int) = [1, 1, 1, 1, 1]")
    .Attr("Tshape: {int32, int64} = DT_INT32")
    .SetShapeFn(ShapeFromInput(0, 5));

REGISTER_OP("Conv3DBackpropFilterV2")
    .Input("input: T")
    .Input("filter_sizes: int32")
    .Input("out_backprop: T")
    .Output("output: T")
    .Attr("T: {half, bfloat16, float, double}")
    .Attr("strides: list(int) >= 5")
    .Attr("padding: {'SAME', 'VALID'}")
    .Attr("data_format: {'NDHWC', 'NCDHW'} = 'NDHWC'")
    .Attr("dilations: list(int) = [1, 1, 1, 1, 1]")
    .SetShapeFn(ShapeFromInput(1, 5));

}  // namespace tfc
