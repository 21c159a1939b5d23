// Array ops that reshape or describe tensors: Reshape, Shape, ShapeN, Size, Rank, ExpandDims,
// Squeeze, Transpose, Fill, ZerosLike, OnesLike, Tile. Slicing, joining and padding ops live in
// array_ops_slice.cc; Range and LinSpace in array_ops_range.cc.
#include <algorithm>

#include "core/framework/op_registry.h"
#include "core/framework/shape_inference.h"
#include "core/kernels/array/array_copy.h"

namespace tfc {
namespace {

int64_t MulDims(int64_t a, int64_t b) {
  if (a == 0 || b == 0) return 0;
  return (a < 0 || b < 0) ? -1 : a * b;
}

Status ReshapeShapeFn(InferenceContext* c) {
  const PartialTensorShape& in = c->input(0);
  PartialTensorShape out;
  TFC_RETURN_IF_ERROR(c->MakeShapeFromShapeTensor(1, &out));
  if (out.unknown_rank() || in.unknown_rank()) {
    c->set_output(0, out);
    return OkStatus();
  }
  // Known element counts ignoring at most one unknown dim on each side.
  bool too_many_unknown = false;
  auto count = [&](const PartialTensorShape& s, int* unknown_idx) {
    int64_t known = 1;
    for (int i = 0; i < s.dims(); ++i) {
      if (s.dim_size(i) < 0) {
        if (*unknown_idx >= 0) too_many_unknown = true;
        *unknown_idx = i;
      } else {
        known *= s.dim_size(i);
      }
    }
    return known;
  };
  int out_unknown = -1, in_unknown = -1;
  const int64_t out_known = count(out, &out_unknown);
  const int64_t in_known = count(in, &in_unknown);
  if (!too_many_unknown) {
    if (in_unknown < 0 && out_unknown < 0) {
      if (in_known != out_known) {
        return errors::InvalidArgument("Cannot reshape a tensor with ", in_known,
                                       " elements to shape ", out.DebugString(), " (", out_known,
                                       " elements)");
      }
    } else if (in_unknown < 0 && out_unknown >= 0 && out_known > 0) {
      if (in_known % out_known != 0) {
        return errors::InvalidArgument("Dimension size must be evenly divisible by ", out_known,
                                       " but is ", in_known);
      }
      out.set_dim(out_unknown, in_known / out_known);
    } else if (in_unknown >= 0 && out_unknown < 0 && in_known != 0) {
      if (out_known % in_known != 0) {
        return errors::InvalidArgument("Dimension size must be evenly divisible by ", in_known,
                                       " but is ", out_known);
      }
    } else if (in_unknown >= 0 && out_unknown >= 0 && in_known == out_known) {
      out.set_dim(out_unknown, in.dim_size(in_unknown));
    }
  }
  c->set_output(0, out);
  return OkStatus();
}

Status ShapeShapeFn(InferenceContext* c) {
  for (int i = 0; i < c->num_inputs(); ++i) {
    c->set_output(i, PartialTensorShape({c->input(i).unknown_rank() ? -1 : c->input(i).dims()}));
  }
  return OkStatus();
}

Status TransposeShapeFn(InferenceContext* c) {
  PartialTensorShape input = c->input(0);
  PartialTensorShape perm_shape = c->input(1);
  const Tensor* perm = c->input_tensor(1);
  const int64_t perm_elems = perm_shape.num_elements();
  if (input.unknown_rank() && perm_elems < 0 && perm == nullptr) {
    c->set_output(0, PartialTensorShape::Unknown());
    return OkStatus();
  }
  int64_t rank;
  if (!input.unknown_rank()) {
    rank = input.dims();
  } else if (perm_elems >= 0) {
    rank = perm_elems;
  } else {
    rank = perm->NumElements();
  }
  if (input.unknown_rank() && rank < 2) {
    // One perm entry could mean a scalar or a vector; both come back unchanged.
    c->set_output(0, input);
    return OkStatus();
  }
  TFC_RETURN_IF_ERROR(c->WithRank(input, static_cast<int>(rank), &input));
  TFC_RETURN_IF_ERROR(c->WithRank(perm_shape, 1, &perm_shape));
  int64_t unused;
  TFC_RETURN_IF_ERROR(c->WithValue(perm_shape.dim_size(0), rank, &unused));
  std::vector<int64_t> dims(rank, -1);
  if (perm != nullptr) {
    std::vector<int64_t> p = array::IntTensorToVector(*perm);
    for (int64_t i = 0; i < rank; ++i) {
      if (p[i] >= rank) {
        return errors::InvalidArgument("perm dim ", p[i], " is out of range of input rank ", rank);
      }
      // Negative entries are rejected by the kernel; statically they say nothing.
      dims[i] = p[i] >= 0 ? input.dim_size(static_cast<int>(p[i])) : -1;
    }
  }
  c->set_output(0, PartialTensorShape(dims));
  return OkStatus();
}

}  // namespace

REGISTER_OP("Reshape")
    .Input("tensor: T")
    .Input("shape: Tshape")
    .Output("output: T")
    .Attr("T: type")
    .Attr("Tshape: {int32, int64} = DT_INT32")
    .SetShapeFn(ReshapeShapeFn);

REGISTER_OP("Shape")
    .Input("input: T")
    .Output("output: out_type")
    .Attr("T: type")
    .Attr("out_type: {int32, int64} = DT_INT32")
    .SetShapeFn(ShapeShapeFn);

REGISTER_OP("ShapeN")
    .Input("input: N * T")
    .Output("output: N * out_type")
    .Attr("N: int")
    .Attr("T: type")
    .Attr("out_type: {int32, int64} = DT_INT32")
    .SetShapeFn(ShapeShapeFn);

REGISTER_OP("Rank")
    .Input("input: T")
    .Output("output: int32")
    .Attr("T: type")
    .SetShapeFn(shape_inference::ScalarShape);

REGISTER_OP("Size")
    .Input("input: T")
    .Output("output: out_type")
    .Attr("T: type")
    .Attr("out_type: {int32, int64} = DT_INT32")
    .SetShapeFn(shape_inference::ScalarShape);

REGISTER_OP("ExpandDims")
    .Input("input: T")
    .Input("dim: Tdim")
    .Output("output: T")
    .Attr("T: type")
    .Attr("Tdim: {int32, int64} = DT_INT32")
    .SetShapeFn([](InferenceContext* c) {
      const PartialTensorShape& input = c->input(0);
      const Tensor* dim_t = c->input_tensor(1);
      if (dim_t != nullptr && dim_t->NumElements() != 1) {
        return errors::InvalidArgument("'dim' input must be a tensor with a single value");
      }
      if (dim_t == nullptr || input.unknown_rank()) {
        c->set_output(0, PartialTensorShape::Unknown());
        return OkStatus();
      }
      int64_t dim = array::IntTensorToVector(*dim_t)[0];
      const int rank = input.dims();
      const int64_t min_dim = -1 * rank - 1;
      if (dim < min_dim || dim > rank) {
        return errors::InvalidArgument("dim ", dim, " not in the interval [", min_dim, ", ", rank,
                                       "].");
      }
      if (dim < 0) dim += rank + 1;
      std::vector<int64_t> dims = input.dim_sizes();
      dims.insert(dims.begin() + dim, 1);
      c->set_output(0, PartialTensorShape(dims));
      return OkStatus();
    });

REGISTER_OP("Squeeze")
    .Input("input: T")
    .Output("output: T")
    .Attr("T: type")
    .Attr("squeeze_dims: list(int) >= 0 = []")
    .SetShapeFn([](InferenceContext* c) {
      const PartialTensorShape& input = c->input(0);
      if (input.unknown_rank()) return shape_inference::UnknownShape(c);
      const int rank = input.dims();
      std::vector<int64_t> squeeze_dims;
      TFC_RETURN_IF_ERROR(c->GetAttr("squeeze_dims", &squeeze_dims));
      for (size_t i = 0; i < squeeze_dims.size(); ++i) {
        if (squeeze_dims[i] < -rank || squeeze_dims[i] >= rank) {
          return errors::InvalidArgument("squeeze_dims[", i, "] not in [", -rank, ",", rank,
                                         ").");
        }
        if (squeeze_dims[i] < 0) squeeze_dims[i] += rank;
      }
      std::vector<int64_t> result;
      for (int i = 0; i < rank; ++i) {
        const bool explicit_match =
            std::find(squeeze_dims.begin(), squeeze_dims.end(), i) != squeeze_dims.end();
        const int64_t dim = input.dim_size(i);
        if (dim < 0) {
          // An explicitly squeezed unknown dim is assumed to be 1 at run time.
          if (explicit_match) continue;
          if (squeeze_dims.empty()) {
            c->set_output(0, PartialTensorShape::Unknown());
            return OkStatus();
          }
        } else if (dim == 1) {
          if (explicit_match || squeeze_dims.empty()) continue;
        } else if (explicit_match) {
          return errors::InvalidArgument("Can not squeeze dim[", i,
                                         "], expected a dimension of 1, got ", dim);
        }
        result.push_back(dim);
      }
      c->set_output(0, PartialTensorShape(result));
      return OkStatus();
    });

REGISTER_OP("Transpose")
    .Input("x: T")
    .Input("perm: Tperm")
    .Output("y: T")
    .Attr("T: type")
    .Attr("Tperm: {int32, int64} = DT_INT32")
    .SetShapeFn(TransposeShapeFn);

REGISTER_OP("ConjugateTranspose")
    .Input("x: T")
    .Input("perm: Tperm")
    .Output("y: T")
    .Attr("T: type")
    .Attr("Tperm: {int32, int64} = DT_INT32")
    .SetShapeFn(TransposeShapeFn);

REGISTER_OP("Fill")
    .Input("dims: index_type")
    .Input("value: T")
    .Output("output: T")
    .Attr("T: type")
    .Attr("index_type: {int32, int64} = DT_INT32")
    .SetShapeFn([](InferenceContext* c) {
      PartialTensorShape unused;
      TFC_RETURN_IF_ERROR(c->WithRank(c->input(0), 1, &unused));
      TFC_RETURN_IF_ERROR(c->WithRank(c->input(1), 0, &unused));
      if (const Tensor* t = c->input_tensor(0)) {
        for (int64_t d : array::IntTensorToVector(*t)) {
          if (d < 0) return errors::InvalidArgument("Fill dimensions must be >= 0");
        }
      }
      PartialTensorShape out;
      TFC_RETURN_IF_ERROR(c->MakeShapeFromShapeTensor(0, &out));
      c->set_output(0, out);
      return OkStatus();
    });

REGISTER_OP("ZerosLike")
    .Input("x: T")
    .Output("y: T")
    .Attr("T: type")
    .SetShapeFn(shape_inference::UnchangedShape);

REGISTER_OP("OnesLike")
    .Input("x: T")
    .Output("y: T")
    .Attr("T: {bfloat16, half, float, double, int8, uint8, int16, uint16, int32, int64, "
          "complex64, complex128, bool}")
    .SetShapeFn(shape_inference::UnchangedShape);

REGISTER_OP("Tile")
    .Input("input: T")
    .Input("multiples: Tmultiples")
    .Output("output: T")
    .Attr("T: type")
    .Attr("Tmultiples: {int32, int64} = DT_INT32")
    .SetShapeFn([](InferenceContext* c) {
      PartialTensorShape input = c->input(0);
      // multiples is a vector of non-negative ints, so it reads like a (partial) shape.
      PartialTensorShape multiples;
      TFC_RETURN_IF_ERROR(c->MakeShapeFromShapeTensor(1, &multiples));
      if (!input.unknown_rank()) {
        TFC_RETURN_IF_ERROR(c->WithRank(multiples, input.dims(), &multiples));
        PartialTensorShape dummy;
        TFC_RETURN_IF_ERROR(c->Merge(c->input(1), PartialTensorShape({input.dims()}), &dummy));
      }
      if (multiples.unknown_rank()) return shape_inference::UnknownShape(c);
      const int rank = multiples.dims();
      TFC_RETURN_IF_ERROR(c->WithRank(input, rank, &input));
      std::vector<int64_t> dims(rank);
      for (int i = 0; i < rank; ++i) dims[i] = MulDims(input.dim_size(i), multiples.dim_size(i));
      c->set_output(0, PartialTensorShape(dims));
      return OkStatus();
    });

}  // namespace tfc
