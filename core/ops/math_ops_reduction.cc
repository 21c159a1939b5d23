// Sum, Mean, Prod, Max, Min, All, Any, ArgMax, ArgMin: interfaces and shape functions.
#include "core/framework/op_registry.h"
#include "core/framework/shape_inference.h"

namespace tfc {
namespace {

// The output drops the arg-reduced dimension; a scalar or vector input gives a scalar.
Status ArgOpShape(InferenceContext* c) {
  PartialTensorShape dim_shape;
  TFC_RETURN_IF_ERROR(c->WithRank(c->input(1), 0, &dim_shape));
  const PartialTensorShape& in = c->input(0);
  if (in.unknown_rank()) {
    c->set_output(0, PartialTensorShape::Unknown());
    return OkStatus();
  }
  const int rank = in.dims();
  if (rank <= 1) {
    c->set_output(0, PartialTensorShape({}));
    return OkStatus();
  }
  int64_t dim = 0;
  if (!c->GetScalarFromTensor(1, &dim)) {
    c->set_output(0, PartialTensorShape::UnknownOfRank(rank - 1));
    return OkStatus();
  }
  const int64_t axis = dim < 0 ? dim + rank : dim;
  if (axis < 0 || axis >= rank) {
    return errors::InvalidArgument("Dimension (", dim, ") must be in the range [", -rank, ", ",
                                   rank, "), where ", rank,
                                   " is the number of dimensions in the input.");
  }
  std::vector<int64_t> dims;
  for (int i = 0; i < rank; ++i) {
    if (i != axis) dims.push_back(in.dim_size(i));
  }
  c->set_output(0, PartialTensorShape(dims));
  return OkStatus();
}

}  // namespace

#define TFC_REDUCTION_OP(NAME)                      \
  REGISTER_OP(NAME)                                 \
      .Input("input: T")                            \
      .Input("reduction_indices: Tidx")             \
      .Output("output: T")                          \
      .Attr("keep_dims: bool = false")              \
      .Attr("T: numbertype")                        \
      .Attr("Tidx: {int32, int64} = DT_INT32")      \
      .SetShapeFn(shape_inference::ReductionShape)

TFC_REDUCTION_OP("Sum");
TFC_REDUCTION_OP("Mean");
TFC_REDUCTION_OP("Prod");
TFC_REDUCTION_OP("Min");
TFC_REDUCTION_OP("Max");
#undef TFC_REDUCTION_OP

REGISTER_OP("All")
    .Input("input: bool")
    .Input("reduction_indices: Tidx")
    .Output("output: bool")
    .Attr("keep_dims: bool = false")
    .Attr("Tidx: {int32, int64} = DT_INT32")
    .SetShapeFn(shape_inference::ReductionShape);

REGISTER_OP("Any")
    .Input("input: bool")
    .Input("reduction_indices: Tidx")
    .Output("output: bool")
    .Attr("keep_dims: bool = false")
    .Attr("Tidx: {int32, int64} = DT_INT32")
    .SetShapeFn(shape_inference::ReductionShape);

REGISTER_OP("ArgMax")
    .Input("input: T")
    .Input("dimension: Tidx")
    .Output("output: output_type")
    .Attr("T: numbertype")
    .Attr("Tidx: {int32, int64} = DT_INT32")
    .Attr("output_type: {int32, int64} = DT_INT64")
    .SetShapeFn(ArgOpShape);

REGISTER_OP("ArgMin")
    .Input("input: T")
    .Input("dimension: Tidx")
    .Output("output: output_type")
    .Attr("T: numbertype")
    .Attr("Tidx: {int32, int64} = DT_INT32")
    .Attr("output_type: {int32, int64} = DT_INT64")
    .SetShapeFn(ArgOpShape);

}  // namespace tfc
