#include "core/framework/shape_inference.h"

#include <set>

namespace tfc {

InferenceContext::InferenceContext(const ::tensorflow::NodeDef* node_def,
                                   DataTypeVector input_types, DataTypeVector output_types,
                                   ShapeVec input_shapes,
                                   std::vector<const Tensor*> input_tensors,
                                   ShapeVec input_tensors_as_shapes)
    : node_def_(node_def),
      input_types_(std::move(input_types)),
      output_types_(std::move(output_types)),
      inputs_(std::move(input_shapes)),
      input_tensors_(std::move(input_tensors)),
      input_tensors_as_shapes_(std::move(input_tensors_as_shapes)) {
  // Callers may pass shorter vectors: the missing entries are unknown.
  input_types_.resize(inputs_.size(), DT_INVALID);
  input_tensors_.resize(inputs_.size(), nullptr);
  input_tensors_as_shapes_.resize(inputs_.size(), PartialTensorShape());
  outputs_.assign(output_types_.size(), PartialTensorShape());
}

bool InferenceContext::GetScalarFromTensor(int i, int64_t* value) const {
  if (i < 0 || i >= num_inputs()) return false;
  const Tensor* t = input_tensors_[i];
  if (t == nullptr || !t->IsInitialized() || t->dims() != 0) return false;
  if (t->dtype() == DT_INT32) {
    *value = t->scalar<int32_t>();
    return true;
  }
  if (t->dtype() == DT_INT64) {
    *value = t->scalar<int64_t>();
    return true;
  }
  return false;
}

Status InferenceContext::MakeShapeFromShapeTensor(int i, PartialTensorShape* out) const {
  PartialTensorShape shape_of_shape;
  TFC_RETURN_IF_ERROR(WithRankAtMost(input(i), 1, &shape_of_shape));
  if (!input_tensors_as_shapes_[i].unknown_rank()) {
    *out = input_tensors_as_shapes_[i];
    return OkStatus();
  }
  const Tensor* t = input_tensors_[i];
  if (t == nullptr) {
    if (shape_of_shape.dims() == 1 && shape_of_shape.dim_size(0) >= 0) {
      *out = PartialTensorShape::UnknownOfRank(static_cast<int>(shape_of_shape.dim_size(0)));
    } else {
      *out = PartialTensorShape();
    }
    return OkStatus();
  }
  if (t->dims() == 0) {
    int64_t v = 0;
    if (t->dtype() == DT_INT32) {
      v = t->scalar<int32_t>();
    } else if (t->dtype() == DT_INT64) {
      v = t->scalar<int64_t>();
    } else {
      return errors::InvalidArgument("Input tensor must be int32 or int64, but was ",
                                     DataTypeString(t->dtype()));
    }
    if (v == -1) {
      *out = PartialTensorShape();
      return OkStatus();
    }
    return errors::InvalidArgument(
        "Input tensor must be rank 1, or if its rank 0 it must have value -1 (representing an "
        "unknown shape).  Saw value: ",
        v);
  }
  if (t->dims() != 1) {
    return errors::InvalidArgument("Shape must be rank 1 but is rank ", t->dims());
  }
  std::vector<int64_t> dims;
  for (int64_t k = 0; k < t->NumElements(); ++k) {
    int64_t v;
    if (t->dtype() == DT_INT32) {
      v = t->data<int32_t>()[k];
    } else if (t->dtype() == DT_INT64) {
      v = t->data<int64_t>()[k];
    } else {
      return errors::InvalidArgument("Input tensor must be int32 or int64, but was ",
                                     DataTypeString(t->dtype()));
    }
    if (v < -1) return errors::InvalidArgument("Invalid value in tensor used for shape: ", v);
    dims.push_back(v);
  }
  *out = PartialTensorShape(std::move(dims));
  return OkStatus();
}

Status InferenceContext::WithRank(const PartialTensorShape& s, int rank,
                                  PartialTensorShape* out) const {
  if (s.unknown_rank()) {
    *out = PartialTensorShape::UnknownOfRank(rank);
    return OkStatus();
  }
  if (s.dims() != rank) {
    return errors::InvalidArgument("Shape must be rank ", rank, " but is rank ", s.dims());
  }
  *out = s;
  return OkStatus();
}

Status InferenceContext::WithRankAtLeast(const PartialTensorShape& s, int rank,
                                         PartialTensorShape* out) const {
  if (!s.unknown_rank() && s.dims() < rank) {
    return errors::InvalidArgument("Shape must be at least rank ", rank, " but is rank ",
                                   s.dims());
  }
  *out = s;
  return OkStatus();
}

Status InferenceContext::WithRankAtMost(const PartialTensorShape& s, int rank,
                                        PartialTensorShape* out) const {
  if (!s.unknown_rank() && s.dims() > rank) {
    return errors::InvalidArgument("Shape must be at most rank ", rank, " but is rank ",
                                   s.dims());
  }
  *out = s;
  return OkStatus();
}

Status InferenceContext::Merge(const PartialTensorShape& a, const PartialTensorShape& b,
                               PartialTensorShape* out) const {
  if (a.unknown_rank()) {
    *out = b;
    return OkStatus();
  }
  if (b.unknown_rank()) {
    *out = a;
    return OkStatus();
  }
  if (a.dims() != b.dims()) {
    return errors::InvalidArgument("Shapes must be equal rank, but are ", a.dims(), " and ",
                                   b.dims());
  }
  std::vector<int64_t> dims(a.dims());
  for (int i = 0; i < a.dims(); ++i) {
    int64_t x = a.dim_size(i), y = b.dim_size(i);
    if (x >= 0 && y >= 0 && x != y) {
      return errors::InvalidArgument("Dimension ", i, " in both shapes must be equal, but are ",
                                     x, " and ", y, ". Shapes are ", a.DebugString(), " and ",
                                     b.DebugString(), ".");
    }
    dims[i] = x >= 0 ? x : y;
  }
  *out = PartialTensorShape(std::move(dims));
  return OkStatus();
}

Status InferenceContext::MergeDim(int64_t a, int64_t b, int64_t* out) const {
  if (a >= 0 && b >= 0 && a != b) {
    return errors::InvalidArgument("Dimensions must be equal, but are ", a, " and ", b);
  }
  *out = a >= 0 ? a : b;
  return OkStatus();
}

Status InferenceContext::WithValue(int64_t dim, int64_t value, int64_t* out) const {
  if (dim >= 0 && dim != value) {
    return errors::InvalidArgument("Dimension must be ", value, " but is ", dim);
  }
  *out = value;
  return OkStatus();
}

Status InferenceContext::BroadcastBinaryOpOutputShape(const PartialTensorShape& a,
                                                      const PartialTensorShape& b,
                                                      PartialTensorShape* out) const {
  if (a.unknown_rank() || b.unknown_rank()) {
    *out = PartialTensorShape();
    return OkStatus();
  }
  const int rank = std::max(a.dims(), b.dims());
  std::vector<int64_t> dims(rank);
  for (int i = 0; i < rank; ++i) {
    const int ia = a.dims() - rank + i, ib = b.dims() - rank + i;
    const int64_t x = ia >= 0 ? a.dim_size(ia) : 1;
    const int64_t y = ib >= 0 ? b.dim_size(ib) : 1;
    int64_t d;
    if (x < 0 || y < 0) {
      // An unknown dim takes the other side's known value when that is not 1: a 1 there
      // would leave it to this side.
      if (x > 1) {
        d = x;
      } else if (y > 1) {
        d = y;
      } else if (x == 1) {
        d = y;
      } else if (y == 1) {
        d = x;
      } else {
        d = -1;
      }
    } else if (x == 1) {
      d = y;
    } else if (y == 1) {
      d = x;
    } else if (x == y) {
      d = x;
    } else {
      return errors::InvalidArgument("Dimensions must be equal, but are ", x, " and ", y);
    }
    dims[i] = d;
  }
  *out = PartialTensorShape(std::move(dims));
  return OkStatus();
}

Status InferenceContext::MakeAxis(int64_t axis, int rank, int* out) const {
  if (axis < -rank || axis >= rank) {
    return errors::InvalidArgument("Expected axis in the range [", -rank, ", ", rank,
                                   "), but got ", axis);
  }
  *out = static_cast<int>(axis < 0 ? axis + rank : axis);
  return OkStatus();
}

namespace shape_inference {

Status UnknownShape(InferenceContext* c) {
  for (int i = 0; i < c->num_outputs(); ++i) c->set_output(i, PartialTensorShape());
  return OkStatus();
}

Status UnchangedShape(InferenceContext* c) {
  c->set_output(0, c->input(0));
  return OkStatus();
}

Status ScalarShape(InferenceContext* c) {
  c->set_output(0, PartialTensorShape({}));
  return OkStatus();
}

Status NoOutputs(InferenceContext* c) { return OkStatus(); }

Status BroadcastBinaryOpShapeFn(InferenceContext* c) {
  PartialTensorShape out;
  TFC_RETURN_IF_ERROR(c->BroadcastBinaryOpOutputShape(c->input(0), c->input(1), &out));
  c->set_output(0, std::move(out));
  return OkStatus();
}

Status MergeBothInputsShapeFn(InferenceContext* c) {
  PartialTensorShape out;
  TFC_RETURN_IF_ERROR(c->Merge(c->input(0), c->input(1), &out));
  c->set_output(0, std::move(out));
  return OkStatus();
}

Status ReductionShape(InferenceContext* c) {
  const PartialTensorShape& input = c->input(0);
  PartialTensorShape indices_shape;
  TFC_RETURN_IF_ERROR(c->WithRankAtMost(c->input(1), 1, &indices_shape));
  bool keep_dims = false;
  TFC_RETURN_IF_ERROR(c->GetAttr("keep_dims", &keep_dims));
  const Tensor* indices = c->input_tensor(1);
  if (indices == nullptr || input.unknown_rank()) {
    if (keep_dims && !input.unknown_rank()) {
      c->set_output(0, PartialTensorShape::UnknownOfRank(input.dims()));
    } else {
      c->set_output(0, PartialTensorShape());
    }
    return OkStatus();
  }
  const int rank = input.dims();
  std::set<int> axes;
  for (int64_t k = 0; k < indices->NumElements(); ++k) {
    int64_t v;
    if (indices->dtype() == DT_INT32) {
      v = indices->data<int32_t>()[k];
    } else if (indices->dtype() == DT_INT64) {
      v = indices->data<int64_t>()[k];
    } else {
      return errors::InvalidArgument("reduction_indices can only be int32 or int64");
    }
    if (v < -rank || v >= rank) {
      return errors::InvalidArgument("Invalid reduction dimension ", v, " for input with ", rank,
                                     " dimensions.");
    }
    axes.insert(static_cast<int>(v < 0 ? v + rank : v));
  }
  std::vector<int64_t> dims;
  for (int i = 0; i < rank; ++i) {
    if (axes.count(i)) {
      if (keep_dims) dims.push_back(1);
    } else {
      dims.push_back(input.dim_size(i));
    }
  }
  c->set_output(0, PartialTensorShape(std::move(dims)));
  return OkStatus();
}

}  // namespace shape_inference
}  // namespace tfc
