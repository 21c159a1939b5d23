// Segment reductions (TF 1.15 core/ops/math_ops.cc): Segment{Sum,Mean,Max,Min,Prod} over sorted
// ids and UnsortedSegment{Sum,Max,Min,Prod} with an explicit num_segments.
#include "core/framework/op_registry.h"
#include "core/framework/shape_inference.h"

namespace tfc {
namespace {

// output = [?] + data.shape[1:]; segment_ids is a vector as long as data's first dim.
Status SegmentReductionShapeFn(InferenceContext* c) {
  PartialTensorShape data, ids;
  TFC_RETURN_IF_ERROR(c->WithRankAtLeast(c->input(0), 1, &data));
  TFC_RETURN_IF_ERROR(c->WithRank(c->input(1), 1, &ids));
  if (data.unknown_rank()) {
    c->set_output(0, PartialTensorShape::Unknown());
    return OkStatus();
  }
  int64_t unused;
  TFC_RETURN_IF_ERROR(c->MergeDim(data.dim_size(0), ids.dim_size(0), &unused));
  PartialTensorShape out({-1});
  for (int d = 1; d < data.dims(); ++d) out.AddDim(data.dim_size(d));
  c->set_output(0, out);
  return OkStatus();
}

// output = [num_segments] + data.shape[rank(segment_ids):]; data's shape starts with the ids'.
Status UnsortedSegmentReductionShapeFn(InferenceContext* c) {
  PartialTensorShape unused;
  TFC_RETURN_IF_ERROR(c->WithRank(c->input(2), 0, &unused));
  const PartialTensorShape& ids = c->input(1);
  if (ids.unknown_rank()) {
    c->set_output(0, PartialTensorShape::Unknown());
    return OkStatus();
  }
  PartialTensorShape data;
  TFC_RETURN_IF_ERROR(c->WithRankAtLeast(c->input(0), ids.dims(), &data));
  int64_t num_segments = -1;
  if (c->GetScalarFromTensor(2, &num_segments) && num_segments < 0) {
    return errors::InvalidArgument(
        "Dimension size, given by scalar input 2, must be non-negative but is ", num_segments);
  }
  if (data.unknown_rank()) {
    c->set_output(0, PartialTensorShape::Unknown());
    return OkStatus();
  }
  for (int d = 0; d < ids.dims(); ++d) {
    int64_t merged;
    TFC_RETURN_IF_ERROR(c->MergeDim(data.dim_size(d), ids.dim_size(d), &merged));
  }
  PartialTensorShape out({num_segments});
  for (int d = ids.dims(); d < data.dims(); ++d) out.AddDim(data.dim_size(d));
  c->set_output(0, out);
  return OkStatus();
}

#define REGISTER_SEGMENT_OP(NAME, TYPES)         \
  REGISTER_OP(NAME)                              \
      .Input("data: T")                          \
      .Input("segment_ids: Tindices")            \
      .Output("output: T")                       \
      .Attr(TYPES)                               \
      .Attr("Tindices: {int32, int64}")          \
      .SetShapeFn(SegmentReductionShapeFn)

REGISTER_SEGMENT_OP("SegmentSum", "T: numbertype");
REGISTER_SEGMENT_OP("SegmentMean", "T: numbertype");
REGISTER_SEGMENT_OP("SegmentProd", "T: numbertype");
REGISTER_SEGMENT_OP("SegmentMin", "T: realnumbertype");
REGISTER_SEGMENT_OP("SegmentMax", "T: realnumbertype");
#undef REGISTER_SEGMENT_OP

#define REGISTER_UNSORTED_SEGMENT_OP(NAME, TYPES)        \
  REGISTER_OP(NAME)                                      \
      .Input("data: T")                                  \
      .Input("segment_ids: Tindices")                    \
      .Input("num_segments: Tnumsegments")               \
      .Output("output: T")                               \
      .Attr(TYPES)                                       \
      .Attr("Tindices: {int32, int64}")                  \
      .Attr("Tnumsegments: {int32, int64} = DT_INT32")   \
      .SetShapeFn(UnsortedSegmentReductionShapeFn)

REGISTER_UNSORTED_SEGMENT_OP("UnsortedSegmentSum", "T: numbertype");
REGISTER_UNSORTED_SEGMENT_OP("UnsortedSegmentProd", "T: numbertype");
REGISTER_UNSORTED_SEGMENT_OP("UnsortedSegmentMin", "T: realnumbertype");
REGISTER_UNSORTED_SEGMENT_OP("UnsortedSegmentMax", "T: realnumbertype");
#undef REGISTER_UNSORTED_SEGMENT_OP

}  // namespace
}  // namespace tfc
