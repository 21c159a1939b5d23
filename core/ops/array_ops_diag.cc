// Diagonal and band ops: Diag, DiagPart, MatrixDiag, MatrixDiagPart, MatrixSetDiag,
// MatrixBandPart (TF 1.15 interfaces).
#include <vector>

#include "core/framework/op_registry.h"
#include "core/framework/shape_inference.h"
#include "core/ops/array_ops_gather_util.h"

namespace tfc {
namespace {

using gather_shape::Concat;
using gather_shape::Dim;
using gather_shape::MinDim;

Status DiagShape(InferenceContext* c) {
  PartialTensorShape in;
  TFC_RETURN_IF_ERROR(c->WithRankAtLeast(c->input(0), 1, &in));
  c->set_output(0, Concat(in, in));
  return OkStatus();
}

Status DiagPartShape(InferenceContext* c) {
  const PartialTensorShape& in = c->input(0);
  if (in.unknown_rank()) {
    c->set_output(0, PartialTensorShape());
    return OkStatus();
  }
  const int rank = in.dims();
  if (rank % 2 != 0 || rank <= 0) {
    return errors::InvalidArgument("Input must have even and non-zero rank, input rank is ",
                                   rank);
  }
  const int mid = rank / 2;
  std::vector<int64_t> dims(mid);
  for (int i = 0; i < mid; ++i) {
    TFC_RETURN_IF_ERROR(c->MergeDim(in.dim_size(i), in.dim_size(i + mid), &dims[i]));
  }
  c->set_output(0, PartialTensorShape(dims));
  return OkStatus();
}

Status MatrixDiagShape(InferenceContext* c) {
  PartialTensorShape in;
  TFC_RETURN_IF_ERROR(c->WithRankAtLeast(c->input(0), 1, &in));
  if (in.unknown_rank()) {
    c->set_output(0, PartialTensorShape());
    return OkStatus();
  }
  c->set_output(0, Concat(in, PartialTensorShape({in.dim_size(in.dims() - 1)})));
  return OkStatus();
}

Status MatrixDiagPartShape(InferenceContext* c) {
  PartialTensorShape in;
  TFC_RETURN_IF_ERROR(c->WithRankAtLeast(c->input(0), 2, &in));
  if (in.unknown_rank()) {
    c->set_output(0, PartialTensorShape());
    return OkStatus();
  }
  const int rank = in.dims();
  std::vector<int64_t> dims(in.dim_sizes().begin(), in.dim_sizes().end() - 2);
  dims.push_back(MinDim(in.dim_size(rank - 2), in.dim_size(rank - 1)));
  c->set_output(0, PartialTensorShape(dims));
  return OkStatus();
}

Status MatrixSetDiagShape(InferenceContext* c) {
  PartialTensorShape input, diag;
  TFC_RETURN_IF_ERROR(c->WithRankAtLeast(c->input(0), 2, &input));
  TFC_RETURN_IF_ERROR(c->WithRankAtLeast(c->input(1), 1, &diag));
  if (!input.unknown_rank()) {
    TFC_RETURN_IF_ERROR(c->WithRank(c->input(1), input.dims() - 1, &diag));
  }
  int64_t smallest = MinDim(Dim(input, -2), Dim(input, -1));
  TFC_RETURN_IF_ERROR(c->MergeDim(smallest, Dim(diag, -1), &smallest));
  PartialTensorShape output = input;
  if (!diag.unknown_rank() && !input.IsFullyDefined()) {
    // The batch dims of diag also pin those of input.
    std::vector<int64_t> d(diag.dim_sizes().begin(), diag.dim_sizes().end() - 1);
    d.push_back(-1);
    d.push_back(-1);
    TFC_RETURN_IF_ERROR(c->Merge(input, PartialTensorShape(d), &output));
  }
  c->set_output(0, output);
  return OkStatus();
}

}  // namespace

REGISTER_OP("Diag")
    .Input("diagonal: T")
    .Output("output: T")
    .Attr("T: {bfloat16, half, float, double, int32, int64, complex64, complex128}")
    .SetShapeFn(DiagShape);

REGISTER_OP("DiagPart")
    .Input("input: T")
    .Output("diagonal: T")
    .Attr("T: {bfloat16, half, float, double, int32, int64, complex64, complex128}")
    .SetShapeFn(DiagPartShape);

REGISTER_OP("MatrixDiag")
    .Input("diagonal: T")
    .Output("output: T")
    .Attr("T: type")
    .SetShapeFn(MatrixDiagShape);

REGISTER_OP("MatrixDiagPart")
    .Input("input: T")
    .Output("diagonal: T")
    .Attr("T: type")
    .SetShapeFn(MatrixDiagPartShape);

REGISTER_OP("MatrixSetDiag")
    .Input("input: T")
    .Input("diagonal: T")
    .Output("output: T")
    .Attr("T: type")
    .SetShapeFn(MatrixSetDiagShape);

REGISTER_OP("MatrixBandPart")
    .Input("input: T")
    .Input("num_lower: Tindex")
    .Input("num_upper: Tindex")
    .Output("band: T")
    .Attr("T: type")
    .Attr("Tindex: {int32, int64} = DT_INT64")
    .SetShapeFn(shape_inference::UnchangedShape);

}  // namespace tfc
