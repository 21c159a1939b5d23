// Pooling: MaxPool(V2), AvgPool, their gradients and second gradients, MaxPoolWithArgmax, and
// the 3-D pools (TF 1.15 specs).
#include "core/framework/op_registry.h"
#include "core/framework/shape_inference.h"
#include "core/ops/nn_conv_util.h"

namespace tfc {
namespace {

using conv::Layout;
using conv::WindowAttrs;

Status PoolOutputShape(InferenceContext* c, const WindowAttrs& a, const PartialTensorShape& in,
                       PartialTensorShape* out) {
  const Layout& L = a.layout;
  std::vector<int64_t> dims(L.rank(), -1);
  dims[L.batch_dim()] = in.dim_size(L.batch_dim());
  dims[L.feature_dim()] = in.dim_size(L.feature_dim());
  for (int i = 0; i < L.spatial; ++i) {
    TFC_RETURN_IF_ERROR(conv::ShapeFnOutputSize(in.dim_size(L.spatial_dim(i)), a.ksize[i], 1,
                                                a.strides[i], a.padding, 0, 0,
                                                &dims[L.spatial_dim(i)]));
  }
  *out = PartialTensorShape(dims);
  (void)c;
  return OkStatus();
}

// ksize/strides from attrs (or from inputs 1 and 2 of the V2 ops when `v2`).
Status PoolShapeImpl(InferenceContext* c, const std::string& what, int spatial, bool v2,
                     int input_index, PartialTensorShape* out) {
  const int rank = spatial + 2;
  PartialTensorShape in;
  TFC_RETURN_IF_ERROR(c->WithRank(c->input(input_index), rank, &in));
  WindowAttrs a;
  TFC_RETURN_IF_ERROR(conv::ParseDataFormat(c->node_def(), spatial, &a.layout));
  std::string padding;
  TFC_RETURN_IF_ERROR(c->GetAttr("padding", &padding));
  TFC_RETURN_IF_ERROR(conv::ParsePadding(padding, &a.padding));
  std::vector<int64_t> ksize, strides;
  if (v2) {
    const Tensor* k = c->input_tensor(c->num_inputs() - 2);
    const Tensor* s = c->input_tensor(c->num_inputs() - 1);
    if (k == nullptr || s == nullptr) {
      *out = PartialTensorShape::UnknownOfRank(rank);
      return OkStatus();
    }
    for (int64_t i = 0; i < k->NumElements(); ++i) ksize.push_back(k->data<int32_t>()[i]);
    for (int64_t i = 0; i < s->NumElements(); ++i) strides.push_back(s->data<int32_t>()[i]);
  } else {
    TFC_RETURN_IF_ERROR(c->GetAttr("ksize", &ksize));
    TFC_RETURN_IF_ERROR(c->GetAttr("strides", &strides));
  }
  if (static_cast<int>(strides.size()) != rank) {
    return errors::InvalidArgument(what, " requires the stride attribute to contain ", rank,
                                   " values, but got: ", strides.size());
  }
  if (static_cast<int>(ksize.size()) != rank) {
    return errors::InvalidArgument(what, " requires the ksize attribute to contain ", rank,
                                   " values, but got: ", ksize.size());
  }
  const Layout& L = a.layout;
  for (int i = 0; i < spatial; ++i) {
    a.ksize.push_back(ksize[L.spatial_dim(i)]);
    a.strides.push_back(strides[L.spatial_dim(i)]);
  }
  return PoolOutputShape(c, a, in, out);
}

ShapeInferenceFn PoolShape(const std::string& what, int spatial, bool v2) {
  return [what, spatial, v2](InferenceContext* c) -> Status {
    PartialTensorShape out;
    TFC_RETURN_IF_ERROR(PoolShapeImpl(c, what, spatial, v2, 0, &out));
    for (int i = 0; i < c->num_outputs(); ++i) c->set_output(i, out);
    return OkStatus();
  };
}

ShapeInferenceFn UnchangedWithRank(int rank) {
  return [rank](InferenceContext* c) -> Status {
    PartialTensorShape s;
    TFC_RETURN_IF_ERROR(c->WithRank(c->input(0), rank, &s));
    c->set_output(0, s);
    return OkStatus();
  };
}

ShapeInferenceFn ShapeFromInput0(int rank) {
  return [rank](InferenceContext* c) -> Status {
    PartialTensorShape s;
    TFC_RETURN_IF_ERROR(c->MakeShapeFromShapeTensor(0, &s));
    TFC_RETURN_IF_ERROR(c->WithRank(s, rank, &s));
    c->set_output(0, s);
    return OkStatus();
  };
}

// Second gradients: the output has the pooled shape; input 0 (orig input) and input 2 (the
// gradient w.r.t. it) agree, and input 1 (orig output / argmax) agrees with the output.
ShapeInferenceFn PoolGradGradShape(const std::string& what, int spatial, bool v2) {
  return [what, spatial, v2](InferenceContext* c) -> Status {
    PartialTensorShape out, unused;
    TFC_RETURN_IF_ERROR(PoolShapeImpl(c, what, spatial, v2, 0, &out));
    TFC_RETURN_IF_ERROR(c->Merge(c->input(0), c->input(2), &unused));
    PartialTensorShape merged;
    TFC_RETURN_IF_ERROR(c->Merge(c->input(1), out, &merged));
    c->set_output(0, merged);
    return OkStatus();
  };
}

ShapeInferenceFn ArgmaxGradGradShape() {
  return [](InferenceContext* c) -> Status {
    PartialTensorShape out, unused, merged;
    TFC_RETURN_IF_ERROR(PoolShapeImpl(c, "MaxPool", 2, false, 0, &out));
    TFC_RETURN_IF_ERROR(c->Merge(c->input(0), c->input(1), &unused));
    TFC_RETURN_IF_ERROR(c->Merge(c->input(2), out, &merged));
    c->set_output(0, merged);
    return OkStatus();
  };
}

}  // namespace

#define TFC_MAXPOOL_TYPES \
  "T: {half, bfloat16, float, double, int32, int64, uint8, int16, int8, uint16, qint8} = DT_FLOAT"
#define TFC_REAL_TYPES                                                                   \
  "T: {float, double, int32, uint8, int16, int8, int64, bfloat16, uint16, half, uint32, " \
  "uint64} = DT_FLOAT"
#define TFC_REAL_TYPES_NO_DEFAULT                                                        \
  "T: {float, double, int32, uint8, int16, int8, int64, bfloat16, uint16, half, uint32, " \
  "uint64}"

REGISTER_OP("MaxPool")
    .Attr(TFC_MAXPOOL_TYPES)
    .Attr("ksize: list(int) >= 4")
    .Attr("strides: list(int) >= 4")
    .Attr("padding: {'SAME', 'VALID'}")
    .Attr("data_format: {'NHWC', 'NCHW', 'NCHW_VECT_C'} = 'NHWC'")
    .Input("input: T")
    .Output("output: T")
    .SetShapeFn(PoolShape("MaxPool", 2, false));

REGISTER_OP("MaxPoolV2")
    .Attr(TFC_MAXPOOL_TYPES)
    .Attr("padding: {'SAME', 'VALID'}")
    .Attr("data_format: {'NHWC', 'NCHW', 'NCHW_VECT_C'} = 'NHWC'")
    .Input("input: T")
    .Input("ksize: int32")
    .Input("strides: int32")
    .Output("output: T")
    .SetShapeFn(PoolShape("MaxPool", 2, true));

REGISTER_OP("AvgPool")
    .Input("value: T")
    .Output("output: T")
    .Attr("ksize: list(int) >= 4")
    .Attr("strides: list(int) >= 4")
    .Attr("padding: {'SAME', 'VALID'}")
    .Attr("data_format: {'NHWC', 'NCHW'} = 'NHWC'")
    .Attr("T: {half, bfloat16, float, double}")
    .SetShapeFn(PoolShape("AvgPool", 2, false));

REGISTER_OP("AvgPoolGrad")
    .Input("orig_input_shape: int32")
    .Input("grad: T")
    .Output("output: T")
    .Attr("ksize: list(int) >= 4")
    .Attr("strides: list(int) >= 4")
    .Attr("padding: {'SAME', 'VALID'}")
    .Attr("data_format: {'NHWC', 'NCHW'} = 'NHWC'")
    .Attr("T: {half, bfloat16, float, double}")
    .SetShapeFn(ShapeFromInput0(4));

REGISTER_OP("MaxPoolGrad")
    .Attr("ksize: list(int) >= 4")
    .Attr("strides: list(int) >= 4")
    .Attr("padding: {'SAME', 'VALID'}")
    .Attr("data_format: {'NHWC', 'NCHW'} = 'NHWC'")
    .Input("orig_input: T")
    .Input("orig_output: T")
    .Input("grad: T")
    .Output("output: T")
    .Attr(TFC_REAL_TYPES)
    .SetShapeFn(UnchangedWithRank(4));

REGISTER_OP("MaxPoolGradV2")
    .Attr("padding: {'SAME', 'VALID'}")
    .Attr("data_format: {'NHWC', 'NCHW'} = 'NHWC'")
    .Input("orig_input: T")
    .Input("orig_output: T")
    .Input("grad: T")
    .Input("ksize: int32")
    .Input("strides: int32")
    .Output("output: T")
    .Attr(TFC_REAL_TYPES)
    .SetShapeFn(UnchangedWithRank(4));

REGISTER_OP("MaxPoolGradGrad")
    .Attr("ksize: list(int) >= 4")
    .Attr("strides: list(int) >= 4")
    .Attr("padding: {'SAME', 'VALID'}")
    .Attr("data_format: {'NHWC', 'NCHW'} = 'NHWC'")
    .Input("orig_input: T")
    .Input("orig_output: T")
    .Input("grad: T")
    .Output("output: T")
    .Attr(TFC_REAL_TYPES_NO_DEFAULT)
    .SetShapeFn(PoolGradGradShape("MaxPool", 2, false));

REGISTER_OP("MaxPoolGradGradV2")
    .Attr("padding: {'SAME', 'VALID'}")
    .Attr("data_format: {'NHWC', 'NCHW'} = 'NHWC'")
    .Input("orig_input: T")
    .Input("orig_output: T")
    .Input("grad: T")
    .Input("ksize: int32")
    .Input("strides: int32")
    .Output("output: T")
    .Attr(TFC_REAL_TYPES_NO_DEFAULT)
    .SetShapeFn(PoolGradGradShape("MaxPool", 2, true));

REGISTER_OP("MaxPoolWithArgmax")
    .Attr("ksize: list(int) >= 4")
    .Attr("strides: list(int) >= 4")
    .Attr("Targmax: {int32, int64} = DT_INT64")
    .Attr("padding: {'SAME', 'VALID'}")
    .Attr("include_batch_in_index: bool = false")
    .Input("input: T")
    .Output("output: T")
    .Output("argmax: Targmax")
    .Attr(TFC_REAL_TYPES_NO_DEFAULT)
    .SetShapeFn(PoolShape("MaxPool", 2, false));

REGISTER_OP("MaxPoolGradWithArgmax")
    .Attr("ksize: list(int) >= 4")
    .Attr("strides: list(int) >= 4")
    .Attr("padding: {'SAME', 'VALID'}")
    .Attr("include_batch_in_index: bool = false")
    .Attr("Targmax: {int32, int64}")
    .Input("input: T")
    .Input("grad: T")
    .Input("argmax: Targmax")
    .Output("output: T")
    .Attr(TFC_REAL_TYPES_NO_DEFAULT)
    .SetShapeFn(UnchangedWithRank(4));

REGISTER_OP("MaxPoolGradGradWithArgmax")
    .Attr("ksize: list(int) >= 4")
    .Attr("strides: list(int) >= 4")
    .Attr("padding: {'SAME', 'VALID'}")
    .Attr("include_batch_in_index: bool = false")
    .Attr("Targmax: {int32, int64}")
    .Input("input: T")
    .Input("grad: T")
    .Input("argmax: Targmax")
    .Output("output: T")
    .Attr(TFC_REAL_TYPES_NO_DEFAULT)
    .SetShapeFn(ArgmaxGradGradShape());

REGISTER_OP("MaxPool3D")
    .Input("input: T")
    .Output("output: T")
    .Attr("ksize: list(int) >= 5")
    .Attr("strides: list(int) >= 5")
    .Attr("padding: {'SAME', 'VALID'}")
    .Attr("data_format: {'NDHWC', 'NCDHW'} = 'NDHWC'")
    .Attr("T: {half, bfloat16, float}")
    .SetShapeFn(PoolShape("MaxPool3D", 3, false));

REGISTER_OP("AvgPool3D")
    .Input("input: T")
    .Output("output: T")
    .Attr("ksize: list(int) >= 5")
    .Attr("strides: list(int) >= 5")
    .Attr("padding: {'SAME', 'VALID'}")
    .Attr("data_format: {'NDHWC', 'NCDHW'} = 'NDHWC'")
    .Attr("T: {half, bfloat16, float, double}")
    .SetShapeFn(PoolShape("AvgPool3D", 3, false));

REGISTER_OP("MaxPool3DGrad")
    .Input("orig_input: TInput")
    .Input("orig_output: TInput")
    .Input("grad: T")
    .Output("output: T")
    .Attr("ksize: list(int) >= 5")
    .Attr("strides: list(int) >= 5")
    .Attr("padding: {'SAME', 'VALID'}")
    .Attr("data_format: {'NDHWC', 'NCDHW'} = 'NDHWC'")
    .Attr("T: {half, bfloat16, float} = DT_FLOAT")
    .Attr("TInput: {half, bfloat16, float} = DT_FLOAT")
    .SetShapeFn(UnchangedWithRank(5));

REGISTER_OP("AvgPool3DGrad")
    .Input("orig_input_shape: int32")
    .Input("grad: T")
    .Output("output: T")
    .Attr("ksize: list(int) >= 5")
    .Attr("strides: list(int) >= 5")
    .Attr("padding: {'SAME', 'VALID'}")
    .Attr("data_format: {'NDHWC', 'NCDHW'} = 'NDHWC'")
    .Attr("T: {half, bfloat16, float, double}")
    .SetShapeFn(ShapeFromInput0(5));

REGISTER_OP("MaxPool3DGradGrad")
    .Input("orig_input: T")
    .Input("orig_output: T")
    .Input("grad: T")
    .Output("output: T")
    .Attr("ksize: list(int) >= 5")
    .Attr("strides: list(int) >= 5")
    .Attr("padding: {'SAME', 'VALID'}")
    .Attr("data_format: {'NDHWC', 'NCDHW'} = 'NDHWC'")
    .Attr(TFC_REAL_TYPES_NO_DEFAULT)
    .SetShapeFn(PoolGradGradShape("MaxPool3D", 3, false));

#undef TFC_MAXPOOL_TYPES
#undef TFC_REAL_TYPES
#undef TFC_REAL_TYPES_NO_DEFAULT

}  // namespace tfc
