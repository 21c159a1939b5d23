// Sparse segment reductions (TF 1.15 core/ops/math_ops.cc): SparseSegment{Sum,Mean,SqrtN}, their
// WithNumSegments forms, and the gradients SparseSegment{Mean,SqrtN}Grad. Rows of data are picked
// by `indices` and reduced into the segment named by the sorted int32 `segment_ids`.
#include "core/framework/op_registry.h"
#include "core/framework/shape_inference.h"

namespace tfc {
namespace {

// Checks data rank >= 1 and indices/segment_ids vectors of one length; returns data's shape.
Status SparseSegmentInputs(InferenceContext* c, PartialTensorShape* data) {
  PartialTensorShape indices, segment_ids;
  TFC_RETURN_IF_ERROR(c->WithRankAtLeast(c->input(0), 1, data));
  TFC_RETURN_IF_ERROR(c->WithRank(c->input(1), 1, &indices));
  TFC_RETURN_IF_ERROR(c->WithRank(c->input(2), 1, &segment_ids));
  PartialTensorShape unused;
  return c->Merge(indices, segment_ids, &unused);
}

// [dim0] + data.shape[1:], or unknown rank when data's rank is unknown.
void SetRowsOutput(InferenceContext* c, const PartialTensorShape& data, int64_t dim0) {
  if (data.unknown_rank()) {
    c->set_output(0, PartialTensorShape::Unknown());
    return;
  }
  PartialTensorShape out({dim0});
  for (int d = 1; d < data.dims(); ++d) out.AddDim(data.dim_size(d));
  c->set_output(0, out);
}

Status SparseSegmentReductionShapeFn(InferenceContext* c) {
  PartialTensorShape data;
  TFC_RETURN_IF_ERROR(SparseSegmentInputs(c, &data));
  SetRowsOutput(c, data, -1);
  return OkStatus();
}

Status SparseSegmentReductionWithNumSegmentsShapeFn(InferenceContext* c) {
  PartialTensorShape data, num_segments;
  TFC_RETURN_IF_ERROR(SparseSegmentInputs(c, &data));
  TFC_RETURN_IF_ERROR(c->WithRank(c->input(3), 0, &num_segments));
  int64_t rows = -1;
  if (!c->GetScalarFromTensor(3, &rows)) {
    rows = -1;
  } else if (rows < 0) {
    return errors::InvalidArgument(
        "Dimension size, given by scalar input 3, must be non-negative but is ", rows);
  }
  SetRowsOutput(c, data, rows);
  return OkStatus();
}

// Gradient: grad's shape with dim 0 replaced by the value of output_dim0.
Status SparseSegmentReductionGradShapeFn(InferenceContext* c) {
  PartialTensorShape grad, dim0;
  TFC_RETURN_IF_ERROR(SparseSegmentInputs(c, &grad));
  TFC_RETURN_IF_ERROR(c->WithRank(c->input(3), 0, &dim0));
  int64_t rows = -1;
  if (!c->GetScalarFromTensor(3, &rows)) {
    rows = -1;
  } else if (rows < 0) {
    return errors::InvalidArgument(
        "Dimension size, given by scalar input 3, must be non-negative but is ", rows);
  }
  SetRowsOutput(c, grad, rows);
  return OkStatus();
}

#define REGISTER_SPARSE_SEGMENT_OP(NAME, TYPES)   \
  REGISTER_OP(NAME)                               \
      .Input("data: T")                           \
      .Input("indices: Tidx")                     \
      .Input("segment_ids: int32")                \
      .Output("output: T")                        \
      .Attr(TYPES)                                \
      .Attr("Tidx: {int32, int64} = DT_INT32")    \
      .SetShapeFn(SparseSegmentReductionShapeFn)

#define REGISTER_SPARSE_SEGMENT_NUM_OP(NAME, TYPES)             \
  REGISTER_OP(NAME)                                             \
      .Input("data: T")                                         \
      .Input("indices: Tidx")                                   \
      .Input("segment_ids: int32")                              \
      .Input("num_segments: Tnumsegments")                      \
      .Output("output: T")                                      \
      .Attr(TYPES)                                              \
      .Attr("Tidx: {int32, int64} = DT_INT32")                  \
      .Attr("Tnumsegments: {int32,int64} = DT_INT32")           \
      .SetShapeFn(SparseSegmentReductionWithNumSegmentsShapeFn)

#define REGISTER_SPARSE_SEGMENT_GRAD_OP(NAME)     \
  REGISTER_OP(NAME)                               \
      .Input("grad: T")                           \
      .Input("indices: Tidx")                     \
      .Input("segment_ids: int32")                \
      .Input("output_dim0: int32")                \
      .Output("output: T")                        \
      .Attr("T: {float, double}")                 \
      .Attr("Tidx: {int32, int64} = DT_INT32")    \
      .SetShapeFn(SparseSegmentReductionGradShapeFn)

REGISTER_SPARSE_SEGMENT_OP("SparseSegmentSum", "T: realnumbertype");
REGISTER_SPARSE_SEGMENT_OP("SparseSegmentMean", "T: {float, double}");
REGISTER_SPARSE_SEGMENT_OP("SparseSegmentSqrtN", "T: {float, double}");
REGISTER_SPARSE_SEGMENT_NUM_OP("SparseSegmentSumWithNumSegments", "T: realnumbertype");
REGISTER_SPARSE_SEGMENT_NUM_OP("SparseSegmentMeanWithNumSegments", "T: {float, double}");
REGISTER_SPARSE_SEGMENT_NUM_OP("SparseSegmentSqrtNWithNumSegments", "T: {float, double}");
REGISTER_SPARSE_SEGMENT_GRAD_OP("SparseSegmentMeanGrad");
REGISTER_SPARSE_SEGMENT_GRAD_OP("SparseSegmentSqrtNGrad");

#undef REGISTER_SPARSE_SEGMENT_OP
#undef REGISTER_SPARSE_SEGMENT_NUM_OP
#undef REGISTER_SPARSE_SEGMENT_GRAD_OP

}  // namespace
}  // namespace tfc
