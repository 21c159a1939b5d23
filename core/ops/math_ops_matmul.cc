// MatMul, BatchMatMul, BatchMatMulV2: interfaces and shape functions as in TF 1.15.
#include "core/framework/op_registry.h"
#include "core/framework/shape_inference.h"

namespace tfc {
namespace {

// Dim i of s counted from the end when negative; -1 when s has unknown rank.
int64_t DimOrUnknown(const PartialTensorShape& s, int i) {
  if (s.unknown_rank()) return -1;
  return s.dim_size(i < 0 ? s.dims() + i : i);
}

PartialTensorShape BatchPart(const PartialTensorShape& s) {
  if (s.unknown_rank()) return s;
  return PartialTensorShape(
      std::vector<int64_t>(s.dim_sizes().begin(), s.dim_sizes().end() - 2));
}

Status MatMulShape(InferenceContext* c) {
  PartialTensorShape a, b;
  TFC_RETURN_IF_ERROR(c->WithRank(c->input(0), 2, &a));
  TFC_RETURN_IF_ERROR(c->WithRank(c->input(1), 2, &b));
  bool transpose_a = false, transpose_b = false;
  TFC_RETURN_IF_ERROR(c->GetAttr("transpose_a", &transpose_a));
  TFC_RETURN_IF_ERROR(c->GetAttr("transpose_b", &transpose_b));
  const int64_t rows = a.dim_size(transpose_a ? 1 : 0);
  const int64_t cols = b.dim_size(transpose_b ? 0 : 1);
  int64_t inner;
  TFC_RETURN_IF_ERROR(
      c->MergeDim(a.dim_size(transpose_a ? 0 : 1), b.dim_size(transpose_b ? 1 : 0), &inner));
  c->set_output(0, PartialTensorShape({rows, cols}));
  return OkStatus();
}

// Shared by both batch versions: v2 broadcasts the batch dims, v1 requires them equal.
Status BatchMatMulShapeImpl(InferenceContext* c, bool broadcast) {
  PartialTensorShape a, b;
  TFC_RETURN_IF_ERROR(c->WithRankAtLeast(c->input(0), 2, &a));
  TFC_RETURN_IF_ERROR(c->WithRankAtLeast(c->input(1), 2, &b));
  bool adj_x = false, adj_y = false;
  TFC_RETURN_IF_ERROR(c->GetAttr("adj_x", &adj_x));
  TFC_RETURN_IF_ERROR(c->GetAttr("adj_y", &adj_y));
  const int64_t rows = DimOrUnknown(a, adj_x ? -1 : -2);
  const int64_t cols = DimOrUnknown(b, adj_y ? -2 : -1);
  PartialTensorShape batch;
  if (broadcast) {
    int64_t inner;
    TFC_RETURN_IF_ERROR(
        c->MergeDim(DimOrUnknown(a, adj_x ? -2 : -1), DimOrUnknown(b, adj_y ? -1 : -2), &inner));
    TFC_RETURN_IF_ERROR(c->BroadcastBinaryOpOutputShape(BatchPart(a), BatchPart(b), &batch));
  } else {
    TFC_RETURN_IF_ERROR(c->Merge(BatchPart(a), BatchPart(b), &batch));
    int64_t inner;
    TFC_RETURN_IF_ERROR(
        c->MergeDim(DimOrUnknown(a, adj_x ? -2 : -1), DimOrUnknown(b, adj_y ? -1 : -2), &inner));
  }
  if (batch.unknown_rank()) {
    c->set_output(0, PartialTensorShape::Unknown());
    return OkStatus();
  }
  batch.AddDim(rows);
  batch.AddDim(cols);
  c->set_output(0, batch);
  return OkStatus();
}

constexpr char kMatMulTypes[] =
    "T: {bfloat16, half, float, double, int32, int64, complex64, complex128}";

}  // namespace

REGISTER_OP("MatMul")
    .Input("a: T")
    .Input("b: T")
    .Output("product: T")
    .Attr("transpose_a: bool = false")
    .Attr("transpose_b: bool = false")
    .Attr(kMatMulTypes)
    .SetShapeFn(MatMulShape);

REGISTER_OP("BatchMatMul")
    .Input("x: T")
    .Input("y: T")
    .Output("output: T")
    .Attr(kMatMulTypes)
    .Attr("adj_x: bool = false")
    .Attr("adj_y: bool = false")
    .SetShapeFn([](InferenceContext* c) { return BatchMatMulShapeImpl(c, false); });

REGISTER_OP("BatchMatMulV2")
    .Input("x: T")
    .Input("y: T")
    .Output("output: T")
    .Attr(kMatMulTypes)
    .Attr("adj_x: bool = false")
    .Attr("adj_y: bool = false")
    .SetShapeFn([](InferenceContext* c) { return BatchMatMulShapeImpl(c, true); });

}  // namespace tfc
