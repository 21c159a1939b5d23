// Ops over SparseTensor components (TF 1.15 core/ops/sparse_ops.cc): SparseReorder,
// SparseReshape, SparseFillEmptyRows(+Grad), SparseReduceSum and SparseTensorDenseMatMul.
#include "core/framework/op_registry.h"
#include "core/framework/shape_inference.h"

namespace tfc {
namespace {

REGISTER_OP("SparseReorder")
    .Input("input_indices: int64")
    .Input("input_values: T")
    .Input("input_shape: int64")
    .Output("output_indices: int64")
    .Output("output_values: T")
    .Attr("T: type")
    .SetShapeFn([](InferenceContext* c) {
      PartialTensorShape indices, values, unused;
      TFC_RETURN_IF_ERROR(c->WithRank(c->input(0), 2, &indices));
      TFC_RETURN_IF_ERROR(c->WithRank(c->input(1), 1, &values));
      TFC_RETURN_IF_ERROR(c->WithRank(c->input(2), 1, &unused));
      c->set_output(0, indices);
      c->set_output(1, values);
      return OkStatus();
    });

REGISTER_OP("SparseReshape")
    .Input("input_indices: int64")
    .Input("input_shape: int64")
    .Input("new_shape: int64")
    .Output("output_indices: int64")
    .Output("output_shape: int64")
    .SetShapeFn([](InferenceContext* c) {
      PartialTensorShape indices, unused, new_shape;
      TFC_RETURN_IF_ERROR(c->WithRank(c->input(0), 2, &indices));
      TFC_RETURN_IF_ERROR(c->WithRank(c->input(1), 1, &unused));
      TFC_RETURN_IF_ERROR(c->WithRank(c->input(2), 1, &new_shape));
      const int64_t n = indices.unknown_rank() ? -1 : indices.dim_size(0);
      const int64_t rank = new_shape.unknown_rank() ? -1 : new_shape.dim_size(0);
      c->set_output(0, PartialTensorShape({n, rank}));
      c->set_output(1, new_shape);
      return OkStatus();
    });

REGISTER_OP("SparseFillEmptyRows")
    .Input("indices: int64")
    .Input("values: T")
    .Input("dense_shape: int64")
    .Input("default_value: T")
    .Output("output_indices: int64")
    .Output("output_values: T")
    .Output("empty_row_indicator: bool")
    .Output("reverse_index_map: int64")
    .Attr("T: type")
    .SetShapeFn([](InferenceContext* c) {
      PartialTensorShape indices, values, shape, unused;
      TFC_RETURN_IF_ERROR(c->WithRank(c->input(0), 2, &indices));
      TFC_RETURN_IF_ERROR(c->WithRank(c->input(1), 1, &values));
      TFC_RETURN_IF_ERROR(c->WithRank(c->input(2), 1, &shape));
      TFC_RETURN_IF_ERROR(c->WithRank(c->input(3), 0, &unused));
      auto dim = [](const PartialTensorShape& s, int i) -> int64_t {
        return s.unknown_rank() ? -1 : s.dim_size(i);
      };
      int64_t n = -1, rank = -1;
      TFC_RETURN_IF_ERROR(c->MergeDim(dim(indices, 0), dim(values, 0), &n));
      TFC_RETURN_IF_ERROR(c->MergeDim(dim(indices, 1), dim(shape, 0), &rank));
      PartialTensorShape dense;
      TFC_RETURN_IF_ERROR(c->MakeShapeFromShapeTensor(2, &dense));
      c->set_output(0, PartialTensorShape({-1, dim(shape, 0)}));
      c->set_output(1, PartialTensorShape({-1}));
      c->set_output(2, PartialTensorShape({dense.unknown_rank() || dense.dims() == 0
                                               ? -1 : dense.dim_size(0)}));
      c->set_output(3, PartialTensorShape({n}));
      return OkStatus();
    });

REGISTER_OP("SparseFillEmptyRowsGrad")
    .Input("reverse_index_map: int64")
    .Input("grad_values: T")
    .Output("d_values: T")
    .Output("d_default_value: T")
    .Attr("T: type")
    .SetShapeFn([](InferenceContext* c) {
      PartialTensorShape map, grad;
      TFC_RETURN_IF_ERROR(c->WithRank(c->input(0), 1, &map));
      TFC_RETURN_IF_ERROR(c->WithRank(c->input(1), 1, &grad));
      c->set_output(0, map);
      c->set_output(1, PartialTensorShape({}));
      return OkStatus();
    });

// TF 1.15 gives the dense sum no static shape.
REGISTER_OP("SparseReduceSum")
    .Input("input_indices: int64")
    .Input("input_values: T")
    .Input("input_shape: int64")
    .Input("reduction_axes: int32")
    .Attr("keep_dims: bool = False")
    .Output("output: T")
    .Attr("T: numbertype")
    .SetShapeFn([](InferenceContext* c) {
      c->set_output(0, PartialTensorShape::Unknown());
      return OkStatus();
    });

// product = op(A) * op(B) with A the [m, k] SparseTensor (a_indices, a_values, a_shape).
REGISTER_OP("SparseTensorDenseMatMul")
    .Input("a_indices: Tindices")
    .Input("a_values: T")
    .Input("a_shape: int64")
    .Input("b: T")
    .Output("product: T")
    .Attr("T: type")
    .Attr("Tindices: {int32,int64} = DT_INT64")
    .Attr("adjoint_a: bool = false")
    .Attr("adjoint_b: bool = false")
    .SetShapeFn([](InferenceContext* c) {
      PartialTensorShape unused, a_shape, b;
      TFC_RETURN_IF_ERROR(c->WithRank(c->input(0), 2, &unused));
      TFC_RETURN_IF_ERROR(c->WithRank(c->input(1), 1, &unused));
      TFC_RETURN_IF_ERROR(c->MakeShapeFromShapeTensor(2, &a_shape));
      TFC_RETURN_IF_ERROR(c->WithRank(a_shape, 2, &a_shape));
      TFC_RETURN_IF_ERROR(c->WithRank(c->input(3), 2, &b));
      bool adjoint_a = false, adjoint_b = false;
      TFC_RETURN_IF_ERROR(c->GetAttr("adjoint_a", &adjoint_a));
      TFC_RETURN_IF_ERROR(c->GetAttr("adjoint_b", &adjoint_b));
      auto dim = [](const PartialTensorShape& s, int i) -> int64_t {
        return s.unknown_rank() ? -1 : s.dim_size(i);
      };
      const int64_t out_right = dim(b, adjoint_b ? 0 : 1);
      const int64_t out_left = dim(a_shape, adjoint_a ? 1 : 0);
      const int64_t inner_left = dim(a_shape, adjoint_a ? 0 : 1);
      const int64_t inner_right = dim(b, adjoint_b ? 1 : 0);
      int64_t merged;
      TFC_RETURN_IF_ERROR(c->MergeDim(inner_left, inner_right, &merged));
      c->set_output(0, PartialTensorShape({out_left, out_right}));
      return OkStatus();
    });

}  // namespace
}  // namespace tfc
