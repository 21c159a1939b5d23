// Array ops that cut, join or pad tensors: ConcatV2, Pack, Unpack, Split, SplitV, Slice,
// StridedSlice, Pad, PadV2, MirrorPad.
#include "core/framework/op_registry.h"
#include "core/framework/shape_inference.h"
#include "core/kernels/array/array_copy.h"
#include "core/kernels/array/strided_slice_spec.h"

namespace tfc {
namespace {

int64_t AddDims(int64_t a, int64_t b) { return (a < 0 || b < 0) ? -1 : a + b; }

// TF appends context to a shape error on a new, tab-indented line.
Status WithMoreContext(const Status& s, const std::string& context) {
  if (s.ok()) return s;
  return Status(s.code(), s.message() + "\n\t" + context);
}

Status AxisForPackAndUnpack(InferenceContext* c, int rank_after_pack, int64_t* axis) {
  TFC_RETURN_IF_ERROR(c->GetAttr("axis", axis));
  if (*axis < -rank_after_pack || *axis >= rank_after_pack) {
    return errors::InvalidArgument("Invalid axis: ", *axis, "; must be in [", -rank_after_pack, ",",
                                   rank_after_pack, ")");
  }
  if (*axis < 0) *axis += rank_after_pack;
  return OkStatus();
}

// A scalar int input naming a dimension of a tensor of rank input_rank (may be -1 = unknown);
// *out is -1 when it cannot be resolved statically.
Status DimFromScalarInput(InferenceContext* c, int idx, int input_rank, int64_t* out) {
  PartialTensorShape unused;
  TFC_RETURN_IF_ERROR(c->WithRank(c->input(idx), 0, &unused));
  int64_t val;
  *out = -1;
  if (!c->GetScalarFromTensor(idx, &val)) return OkStatus();
  if (val < 0) {
    if (input_rank < 0) return OkStatus();
    if (val + input_rank < 0) {
      return errors::InvalidArgument("Dimension size, given by scalar input ", val,
                                     " must be in range [-", input_rank, ", ", input_rank, ")");
    }
    val += input_rank;
  } else if (input_rank >= 0 && val >= input_rank) {
    return errors::InvalidArgument("Dimension size, given by scalar input ", val,
                                   " must be in range [-", input_rank, ", ", input_rank, ")");
  }
  *out = val;
  return OkStatus();
}

Status ConcatV2ShapeFn(InferenceContext* c) {
  const int n = c->num_inputs() - 1;
  const int axis_index = n;
  PartialTensorShape unused;
  TFC_RETURN_IF_ERROR(c->WithRank(c->input(axis_index), 0, &unused));
  const Tensor* axis_t = c->input_tensor(axis_index);
  if (axis_t == nullptr) {
    int rank = -1;
    for (int i = 0; i < n && rank < 0; ++i) rank = c->input(i).dims();
    if (rank < 0) {
      c->set_output(0, PartialTensorShape::Unknown());
      return OkStatus();
    }
    if (rank == 0) return errors::InvalidArgument("Can't concatenate scalars (use tf.stack instead)");
    for (int i = 0; i < n; ++i) TFC_RETURN_IF_ERROR(c->WithRank(c->input(i), rank, &unused));
    c->set_output(0, PartialTensorShape::UnknownOfRank(rank));
    return OkStatus();
  }
  const int64_t axis = array::IntTensorToVector(*axis_t)[0];
  const int min_rank = static_cast<int>(axis < 0 ? -axis : axis + 1);
  // Splits s into dims before the axis, the axis dim and dims after it (unknown rank: all -1).
  auto split = [&](const PartialTensorShape& s, PartialTensorShape* before, int64_t* middle,
                   PartialTensorShape* after) {
    if (s.unknown_rank()) {
      *before = PartialTensorShape::Unknown();
      *after = PartialTensorShape::Unknown();
      *middle = -1;
      return;
    }
    const int rank = s.dims();
    const int a = static_cast<int>(axis < 0 ? axis + rank : axis);
    const auto& d = s.dim_sizes();
    *before = PartialTensorShape(std::vector<int64_t>(d.begin(), d.begin() + a));
    *middle = d[a];
    *after = PartialTensorShape(std::vector<int64_t>(d.begin() + a + 1, d.end()));
  };
  PartialTensorShape input, out_before, out_after;
  int64_t out_middle;
  TFC_RETURN_IF_ERROR(c->WithRankAtLeast(c->input(n - 1), min_rank, &input));
  split(input, &out_before, &out_middle, &out_after);
  for (int i = n - 2; i >= 0; --i) {
    TFC_RETURN_IF_ERROR(c->WithRankAtLeast(c->input(i), min_rank, &input));
    PartialTensorShape before, after;
    int64_t middle;
    split(input, &before, &middle, &after);
    TFC_RETURN_IF_ERROR(c->Merge(before, out_before, &out_before));
    out_middle = AddDims(out_middle, middle);
    TFC_RETURN_IF_ERROR(c->Merge(after, out_after, &out_after));
  }
  if (out_before.unknown_rank() || out_after.unknown_rank()) {
    // Only possible when every input has unknown rank.
    c->set_output(0, PartialTensorShape::Unknown());
    return OkStatus();
  }
  std::vector<int64_t> dims = out_before.dim_sizes();
  dims.push_back(out_middle);
  dims.insert(dims.end(), out_after.dim_sizes().begin(), out_after.dim_sizes().end());
  c->set_output(0, PartialTensorShape(dims));
  return OkStatus();
}

Status PadShapeFn(InferenceContext* c) {
  PartialTensorShape paddings;
  TFC_RETURN_IF_ERROR(c->WithRank(c->input(1), 2, &paddings));
  int64_t unused_dim;
  TFC_RETURN_IF_ERROR(c->WithValue(paddings.dim_size(1), 2, &unused_dim));
  PartialTensorShape input = c->input(0);
  int64_t n_dim = paddings.dim_size(0);
  if (n_dim >= 0) {
    TFC_RETURN_IF_ERROR(c->WithRank(input, static_cast<int>(n_dim), &input));
  } else if (!input.unknown_rank()) {
    n_dim = input.dims();
  }
  const Tensor* paddings_t = c->input_tensor(1);
  if (paddings_t == nullptr) {
    c->set_output(0, n_dim >= 0 ? PartialTensorShape::UnknownOfRank(static_cast<int>(n_dim))
                                : PartialTensorShape::Unknown());
    return OkStatus();
  }
  if (paddings_t->dims() != 2 || paddings_t->dim_size(1) != 2) {
    return errors::InvalidArgument("paddings must be a matrix with 2 columns: ",
                                   paddings_t->shape().DebugString());
  }
  const int num_dims = static_cast<int>(paddings_t->dim_size(0));
  TFC_RETURN_IF_ERROR(c->WithRank(input, num_dims, &input));
  std::vector<int64_t> pads = array::IntTensorToVector(*paddings_t);
  std::vector<int64_t> dims(num_dims);
  for (int i = 0; i < num_dims; ++i) {
    const int64_t p0 = pads[2 * i], p1 = pads[2 * i + 1];
    if (p0 < 0 || p1 < 0) return errors::InvalidArgument("Paddings must be non-negative");
    dims[i] = AddDims(input.dim_size(i), p0 + p1);
  }
  c->set_output(0, PartialTensorShape(dims));
  return OkStatus();
}

}  // namespace

REGISTER_OP("ConcatV2")
    .Input("values: N * T")
    .Input("axis: Tidx")
    .Output("output: T")
    .Attr("N: int >= 2")
    .Attr("T: type")
    .Attr("Tidx: {int32, int64} = DT_INT32")
    .SetShapeFn(ConcatV2ShapeFn);

REGISTER_OP("Pack")
    .Input("values: N * T")
    .Output("output: T")
    .Attr("N: int >= 1")
    .Attr("T: type")
    .Attr("axis: int = 0")
    .SetShapeFn([](InferenceContext* c) {
      PartialTensorShape cur = c->input(c->num_inputs() - 1);
      for (int i = c->num_inputs() - 2; i >= 0; --i) {
        TFC_RETURN_IF_ERROR(WithMoreContext(c->Merge(c->input(i), cur, &cur),
                                            StrCat("From merging shape ", i,
                                                   " with other shapes.")));
      }
      if (cur.unknown_rank()) {
        c->set_output(0, PartialTensorShape::Unknown());
        return OkStatus();
      }
      const int rank = cur.dims();
      int64_t axis;
      TFC_RETURN_IF_ERROR(AxisForPackAndUnpack(c, rank + 1, &axis));
      std::vector<int64_t> dims = cur.dim_sizes();
      dims.insert(dims.begin() + axis, c->num_inputs());
      c->set_output(0, PartialTensorShape(dims));
      return OkStatus();
    });

REGISTER_OP("Unpack")
    .Input("value: T")
    .Output("output: num * T")
    .Attr("num: int >= 0")
    .Attr("T: type")
    .Attr("axis: int = 0")
    .SetShapeFn([](InferenceContext* c) {
      const PartialTensorShape& s = c->input(0);
      PartialTensorShape out = PartialTensorShape::Unknown();
      if (!s.unknown_rank()) {
        int64_t axis;
        TFC_RETURN_IF_ERROR(AxisForPackAndUnpack(c, s.dims(), &axis));
        int64_t unused;
        TFC_RETURN_IF_ERROR(c->WithValue(s.dim_size(static_cast<int>(axis)), c->num_outputs(),
                                         &unused));
        std::vector<int64_t> dims = s.dim_sizes();
        dims.erase(dims.begin() + axis);
        out = PartialTensorShape(dims);
      }
      for (int i = 0; i < c->num_outputs(); ++i) c->set_output(i, out);
      return OkStatus();
    });

REGISTER_OP("Split")
    .Input("split_dim: int32")
    .Input("value: T")
    .Output("output: num_split * T")
    .Attr("num_split: int >= 1")
    .Attr("T: type")
    .SetShapeFn([](InferenceContext* c) {
      PartialTensorShape input = c->input(1);
      int64_t split_dim;
      TFC_RETURN_IF_ERROR(DimFromScalarInput(c, 0, input.dims(), &split_dim));
      const int num_split = c->num_outputs();
      PartialTensorShape out;
      if (split_dim < 0) {
        out = input.unknown_rank() ? PartialTensorShape::Unknown()
                                   : PartialTensorShape::UnknownOfRank(input.dims());
      } else {
        TFC_RETURN_IF_ERROR(c->WithRankAtLeast(input, static_cast<int>(split_dim + 1), &input));
        out = input;
        const int64_t size =
            input.unknown_rank() ? -1 : input.dim_size(static_cast<int>(split_dim));
        if (size >= 0) {
          if (size % num_split != 0) {
            return errors::InvalidArgument(
                "Dimension size must be evenly divisible by ", num_split, " but is ", size,
                "\n\tNumber of ways to split should evenly divide the split dimension");
          }
          out.set_dim(static_cast<int>(split_dim), size / num_split);
        }
      }
      for (int i = 0; i < num_split; ++i) c->set_output(i, out);
      return OkStatus();
    });

REGISTER_OP("SplitV")
    .Input("value: T")
    .Input("size_splits: Tlen")
    .Input("split_dim: int32")
    .Output("output: num_split * T")
    .Attr("num_split: int >= 1")
    .Attr("T: type")
    .Attr("Tlen: {int32, int64} = DT_INT64")
    .SetShapeFn([](InferenceContext* c) {
      PartialTensorShape input = c->input(0);
      int64_t split_dim;
      TFC_RETURN_IF_ERROR(DimFromScalarInput(c, 2, input.dims(), &split_dim));
      const int num_outputs = c->num_outputs();
      const int rank = input.dims();
      const Tensor* size_splits = c->input_tensor(1);
      if (rank < 0) {
        for (int i = 0; i < num_outputs; ++i) c->set_output(i, PartialTensorShape::Unknown());
      } else if (rank == 0) {
        return errors::InvalidArgument("Can't split scalars");
      } else if (size_splits == nullptr && split_dim >= 0) {
        PartialTensorShape out = input;
        out.set_dim(static_cast<int>(split_dim), -1);
        for (int i = 0; i < num_outputs; ++i) c->set_output(i, out);
      } else if (size_splits == nullptr) {
        for (int i = 0; i < num_outputs; ++i) {
          c->set_output(i, PartialTensorShape::UnknownOfRank(rank));
        }
      } else if (split_dim < 0) {
        // Sizes known but the axis is not: only the rank is known.
        for (int i = 0; i < num_outputs; ++i) {
          c->set_output(i, PartialTensorShape::UnknownOfRank(rank));
        }
      } else {
        std::vector<int64_t> data = array::IntTensorToVector(*size_splits);
        if (static_cast<int>(data.size()) != num_outputs) {
          return errors::InvalidArgument("Length of size_splits should be equal to num_outputs");
        }
        int64_t total = 0;
        bool has_neg_one = false;
        for (int64_t s : data) {
          if (s == -1) {
            if (has_neg_one) return errors::InvalidArgument("size_splits can only have one -1");
            has_neg_one = true;
          } else {
            total += s;
          }
        }
        const int64_t dim_size = input.dim_size(static_cast<int>(split_dim));
        for (int i = 0; i < num_outputs; ++i) {
          int64_t size = data[i];
          if (size == -1 && dim_size >= 0) size = dim_size - total;
          PartialTensorShape out = input;
          out.set_dim(static_cast<int>(split_dim), size);
          c->set_output(i, out);
        }
        if (dim_size >= 0 && (has_neg_one ? total > dim_size : total != dim_size)) {
          return errors::InvalidArgument("can't split axis of size ", dim_size,
                                         " into pieces of size [", array::JoinInts(data), "]");
        }
      }
      return OkStatus();
    });

REGISTER_OP("Slice")
    .Input("input: T")
    .Input("begin: Index")
    .Input("size: Index")
    .Output("output: T")
    .Attr("T: type")
    .Attr("Index: {int32,int64}")
    .SetShapeFn([](InferenceContext* c) {
      PartialTensorShape input = c->input(0);
      PartialTensorShape begin_shape, sizes_shape;
      TFC_RETURN_IF_ERROR(c->WithRank(c->input(1), 1, &begin_shape));
      TFC_RETURN_IF_ERROR(c->WithRank(c->input(2), 1, &sizes_shape));
      TFC_RETURN_IF_ERROR(c->Merge(begin_shape, sizes_shape, &begin_shape));
      const int64_t ndims = begin_shape.dim_size(0);
      if (ndims >= 0) TFC_RETURN_IF_ERROR(c->WithRank(input, static_cast<int>(ndims), &input));
      // begin's value read as a partial shape: unknown entries come back as -1.
      PartialTensorShape begin_value;
      TFC_RETURN_IF_ERROR(c->MakeShapeFromShapeTensor(1, &begin_value));
      if (const Tensor* sizes_t = c->input_tensor(2)) {
        std::vector<int64_t> sizes = array::IntTensorToVector(*sizes_t);
        TFC_RETURN_IF_ERROR(c->WithRank(begin_value, static_cast<int>(sizes.size()), &begin_value));
        std::vector<int64_t> dims;
        for (size_t i = 0; i < sizes.size(); ++i) {
          const int64_t dim = input.unknown_rank() ? -1 : input.dim_size(static_cast<int>(i));
          if (sizes[i] != -1) {
            if (sizes[i] < 0) {
              return errors::InvalidArgument("Out of bounds slicing on dimension ", i,
                                             " of length ", dim,
                                             ": sizes vector cannot be < -1, but was ", sizes[i]);
            }
            dims.push_back(sizes[i]);
          } else {
            const int64_t b = begin_value.dim_size(static_cast<int>(i));
            if (dim >= 0 && b >= 0) {
              if (dim - b < 0) {
                return errors::InvalidArgument("Negative dimension size caused by subtracting ", b,
                                               " from ", dim);
              }
              dims.push_back(dim - b);
            } else {
              dims.push_back(-1);
            }
          }
        }
        c->set_output(0, PartialTensorShape(dims));
        return OkStatus();
      }
      PartialTensorShape sizes_value;
      TFC_RETURN_IF_ERROR(c->MakeShapeFromShapeTensor(2, &sizes_value));
      if (!sizes_value.unknown_rank()) {
        TFC_RETURN_IF_ERROR(c->WithRank(begin_value, sizes_value.dims(), &begin_value));
        c->set_output(0, sizes_value);
        return OkStatus();
      }
      c->set_output(0, input.unknown_rank() ? PartialTensorShape::Unknown()
                                            : PartialTensorShape::UnknownOfRank(input.dims()));
      return OkStatus();
    });

REGISTER_OP("StridedSlice")
    .Input("input: T")
    .Input("begin: Index")
    .Input("end: Index")
    .Input("strides: Index")
    .Output("output: T")
    .Attr("T: type")
    .Attr("Index: {int32, int64}")
    .Attr("begin_mask: int = 0")
    .Attr("end_mask: int = 0")
    .Attr("ellipsis_mask: int = 0")
    .Attr("new_axis_mask: int = 0")
    .Attr("shrink_axis_mask: int = 0")
    .SetShapeFn([](InferenceContext* c) {
      const PartialTensorShape& input = c->input(0);
      PartialTensorShape begin_shape, end_shape, strides_shape;
      TFC_RETURN_IF_ERROR(c->WithRank(c->input(1), 1, &begin_shape));
      TFC_RETURN_IF_ERROR(c->WithRank(c->input(2), 1, &end_shape));
      TFC_RETURN_IF_ERROR(c->WithRank(c->input(3), 1, &strides_shape));
      TFC_RETURN_IF_ERROR(c->Merge(begin_shape, end_shape, &begin_shape));
      TFC_RETURN_IF_ERROR(c->Merge(begin_shape, strides_shape, &begin_shape));
      const Tensor* strides_value = c->input_tensor(3);
      if (input.unknown_rank() || begin_shape.dim_size(0) < 0 || strides_value == nullptr) {
        c->set_output(0, PartialTensorShape::Unknown());
        return OkStatus();
      }
      int32_t begin_mask, end_mask, ellipsis_mask, new_axis_mask, shrink_axis_mask;
      TFC_RETURN_IF_ERROR(c->GetAttr("begin_mask", &begin_mask));
      TFC_RETURN_IF_ERROR(c->GetAttr("end_mask", &end_mask));
      TFC_RETURN_IF_ERROR(c->GetAttr("ellipsis_mask", &ellipsis_mask));
      TFC_RETURN_IF_ERROR(c->GetAttr("new_axis_mask", &new_axis_mask));
      TFC_RETURN_IF_ERROR(c->GetAttr("shrink_axis_mask", &shrink_axis_mask));
      StridedSliceResult r;
      TFC_RETURN_IF_ERROR(ValidateStridedSliceOp(
          c->input_tensor(1), c->input_tensor(2), *strides_value, input, begin_mask, end_mask,
          ellipsis_mask, new_axis_mask, shrink_axis_mask, &r));
      c->set_output(0, r.final_shape);
      return OkStatus();
    });

REGISTER_OP("Pad")
    .Input("input: T")
    .Input("paddings: Tpaddings")
    .Output("output: T")
    .Attr("T: type")
    .Attr("Tpaddings: {int32, int64} = DT_INT32")
    .SetShapeFn(PadShapeFn);

REGISTER_OP("PadV2")
    .Input("input: T")
    .Input("paddings: Tpaddings")
    .Input("constant_values: T")
    .Output("output: T")
    .Attr("T: type")
    .Attr("Tpaddings: {int32, int64} = DT_INT32")
    .SetShapeFn(PadShapeFn);

REGISTER_OP("MirrorPad")
    .Input("input: T")
    .Input("paddings: Tpaddings")
    .Output("output: T")
    .Attr("T: type")
    .Attr("Tpaddings: {int32, int64} = DT_INT32")
    .Attr("mode: {'REFLECT', 'SYMMETRIC'}")
    .SetShapeFn(PadShapeFn);

}  // namespace tfc
