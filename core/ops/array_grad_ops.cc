// Interfaces of the array ops that TF 1.15's gradient functions emit: ConcatOffset,
// StridedSliceGrad, MirrorPadGrad, DynamicStitch, ParallelDynamicStitch and ListDiff
// (TF 1.15 core/ops/array_ops.cc and data_flow_ops.cc).
#include "core/framework/op_registry.h"
#include "core/framework/shape_inference.h"

namespace tfc {
namespace {

// Element (i) of a known int32/int64 tensor.
int64_t IntAt(const Tensor& t, int64_t i) {
  return t.dtype() == DT_INT32 ? static_cast<int64_t>(t.data<int32_t>()[i]) : t.data<int64_t>()[i];
}

Status ConcatOffsetShapeFn(InferenceContext* c) {
  PartialTensorShape unused;
  TFC_RETURN_IF_ERROR(c->WithRank(c->input(0), 0, &unused));
  for (int i = 1; i < c->num_inputs(); ++i) c->set_output(i - 1, c->input(i));
  return OkStatus();
}

REGISTER_OP("ConcatOffset")
    .Input("concat_dim: int32")
    .Input("shape: N * int32")
    .Output("offset: N * int32")
    .Attr("N: int >= 2")
    .SetShapeFn(ConcatOffsetShapeFn);

Status StridedSliceGradShapeFn(InferenceContext* c) {
  PartialTensorShape out;
  TFC_RETURN_IF_ERROR(c->MakeShapeFromShapeTensor(0, &out));
  c->set_output(0, out);
  return OkStatus();
}

REGISTER_OP("StridedSliceGrad")
    .Input("shape: Index")
    .Input("begin: Index")
    .Input("end: Index")
    .Input("strides: Index")
    .Input("dy: T")
    .Output("output: T")
    .Attr("T: type")
    .Attr("Index: {int32, int64}")
    .Attr("begin_mask: int = 0")
    .Attr("end_mask: int = 0")
    .Attr("ellipsis_mask: int = 0")
    .Attr("new_axis_mask: int = 0")
    .Attr("shrink_axis_mask: int = 0")
    .SetShapeFn(StridedSliceGradShapeFn);

// The gradient has the padded input's shape: each dim shrinks by its two paddings.
Status MirrorPadGradShapeFn(InferenceContext* c) {
  PartialTensorShape paddings;
  TFC_RETURN_IF_ERROR(c->WithRank(c->input(1), 2, &paddings));
  const int64_t rank = paddings.dim_size(0);
  if (rank < 0) {
    c->set_output(0, PartialTensorShape::Unknown());
    return OkStatus();
  }
  PartialTensorShape in;
  TFC_RETURN_IF_ERROR(c->WithRank(c->input(0), static_cast<int>(rank), &in));
  TFC_RETURN_IF_ERROR(c->Merge(paddings, PartialTensorShape({rank, 2}), &paddings));
  const Tensor* pad_t = c->input_tensor(1);
  if (pad_t == nullptr) {
    c->set_output(0, PartialTensorShape::UnknownOfRank(static_cast<int>(rank)));
    return OkStatus();
  }
  std::vector<int64_t> dims(rank);
  for (int64_t i = 0; i < rank; ++i) {
    const int64_t p0 = IntAt(*pad_t, 2 * i), p1 = IntAt(*pad_t, 2 * i + 1);
    if (p0 < 0 || p1 < 0) return errors::InvalidArgument("Paddings must be non-negative");
    const int64_t d = in.dim_size(static_cast<int>(i));
    if (d < 0) {
      dims[i] = -1;
    } else if (d < p0 + p1) {
      return errors::InvalidArgument("Negative dimension size caused by subtracting ", p0 + p1,
                                     " from ", d);
    } else {
      dims[i] = d - p0 - p1;
    }
  }
  c->set_output(0, PartialTensorShape(std::move(dims)));
  return OkStatus();
}

REGISTER_OP("MirrorPadGrad")
    .Input("input: T")
    .Input("paddings: Tpaddings")
    .Output("output: T")
    .Attr("T: type")
    .Attr("Tpaddings: {int32, int64} = DT_INT32")
    .Attr("mode: {'REFLECT', 'SYMMETRIC'}")
    .SetShapeFn(MirrorPadGradShapeFn);

// Output: [max index + 1] (when every indices input is known) + the data's trailing dims.
// As in TF, the known maximum starts at 0, so all-empty constant indices give [1, ...].
Status DynamicStitchShapeFn(InferenceContext* c) {
  int64_t n = 0;
  TFC_RETURN_IF_ERROR(c->GetAttr("N", &n));
  bool all_known = true;
  int64_t max_index = 0;
  PartialTensorShape extra = PartialTensorShape::Unknown();
  for (int i = 0; i < n; ++i) {
    const Tensor* idx = c->input_tensor(i);
    if (idx == nullptr) all_known = false;
    const PartialTensorShape& ishape = c->input(i);
    const PartialTensorShape& dshape = c->input(i + static_cast<int>(n));
    if (ishape.unknown_rank()) continue;
    const int irank = ishape.dims();
    PartialTensorShape data;
    TFC_RETURN_IF_ERROR(c->WithRankAtLeast(dshape, irank, &data));
    if (!data.unknown_rank()) {
      std::vector<int64_t> prefix(data.dim_sizes().begin(), data.dim_sizes().begin() + irank);
      PartialTensorShape merged;
      TFC_RETURN_IF_ERROR(c->Merge(PartialTensorShape(prefix), ishape, &merged));
      PartialTensorShape rest(std::vector<int64_t>(data.dim_sizes().begin() + irank,
                                                   data.dim_sizes().end()));
      TFC_RETURN_IF_ERROR(c->Merge(extra, rest, &extra));
    }
    if (idx != nullptr) {
      for (int64_t j = 0; j < idx->NumElements(); ++j)
        max_index = std::max<int64_t>(max_index, idx->data<int32_t>()[j]);
    }
  }
  PartialTensorShape out({all_known ? max_index + 1 : -1});
  if (extra.unknown_rank()) {
    c->set_output(0, PartialTensorShape::Unknown());
    return OkStatus();
  }
  for (int64_t d : extra.dim_sizes()) out.AddDim(d);
  c->set_output(0, out);
  return OkStatus();
}

REGISTER_OP("DynamicStitch")
    .Input("indices: N * int32")
    .Input("data: N * T")
    .Output("merged: T")
    .Attr("N: int >= 1")
    .Attr("T: type")
    .SetShapeFn(DynamicStitchShapeFn);

REGISTER_OP("ParallelDynamicStitch")
    .Input("indices: N * int32")
    .Input("data: N * T")
    .Output("merged: T")
    .Attr("N: int >= 1")
    .Attr("T: type")
    .SetShapeFn(DynamicStitchShapeFn);

Status ListDiffShapeFn(InferenceContext* c) {
  PartialTensorShape unused;
  TFC_RETURN_IF_ERROR(c->WithRank(c->input(0), 1, &unused));
  TFC_RETURN_IF_ERROR(c->WithRank(c->input(1), 1, &unused));
  c->set_output(0, PartialTensorShape({-1}));
  c->set_output(1, PartialTensorShape({-1}));
  return OkStatus();
}

REGISTER_OP("ListDiff")
    .Input("x: T")
    .Input("y: T")
    .Output("out: T")
    .Output("idx: out_idx")
    .Attr("T: type")
    .Attr("out_idx: {int32, int64} = DT_INT32")
    .SetShapeFn(ListDiffShapeFn);

}  // namespace
}  // namespace tfc
