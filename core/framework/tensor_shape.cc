#include "core/framework/tensor_shape.h"

namespace tfc {

void TensorShape::Recompute() {
  // A shape built unchecked (negative dim, int64 overflow) gets -1 elements, which allocation
  // rejects with InvalidArgument instead of sizing a buffer from a wrapped-around count.
  int64_t n = 1;
  for (int64_t d : dims_) {
    if (d < 0 || __builtin_mul_overflow(n, d, &n)) {
      num_elements_ = -1;
      return;
    }
  }
  num_elements_ = n;
}

Status TensorShape::Make(const std::vector<int64_t>& dims, TensorShape* out) {
  int64_t n = 1;
  for (int64_t d : dims) {
    if (d < 0) return errors::InvalidArgument("Dimension ", d, " must be >= 0");
    if (d != 0 && n > INT64_MAX / d) {
      return errors::InvalidArgument("Shape has too many elements");
    }
    n *= d;
  }
  *out = TensorShape(dims);
  return OkStatus();
}

Status TensorShape::FromProto(const ::tensorflow::TensorShapeProto& proto, TensorShape* out) {
  if (proto.unknown_rank()) return errors::InvalidArgument("Shape has unknown rank");
  std::vector<int64_t> dims;
  for (const auto& d : proto.dim()) dims.push_back(d.size());
  return Make(dims, out);
}

void TensorShape::AsProto(::tensorflow::TensorShapeProto* proto) const {
  proto->Clear();
  for (int64_t d : dims_) proto->add_dim()->set_size(d);
}

std::string TensorShape::DebugString() const {
  std::string s = "[";
  for (size_t i = 0; i < dims_.size(); ++i) {
    if (i) s += ",";
    s += std::to_string(dims_[i]);
  }
  return s + "]";
}

Status PartialTensorShape::FromProto(const ::tensorflow::TensorShapeProto& proto,
                                     PartialTensorShape* out) {
  if (proto.unknown_rank()) {
    if (proto.dim_size() > 0) {
      return errors::InvalidArgument("An unknown-rank shape cannot have dimensions");
    }
    *out = PartialTensorShape();
    return OkStatus();
  }
  std::vector<int64_t> dims;
  for (const auto& d : proto.dim()) {
    if (d.size() < -1) return errors::InvalidArgument("Shape dimension ", d.size(), " < -1");
    dims.push_back(d.size());
  }
  *out = PartialTensorShape(std::move(dims));
  return OkStatus();
}

bool PartialTensorShape::IsFullyDefined() const {
  if (unknown_rank_) return false;
  for (int64_t d : dims_) if (d < 0) return false;
  return true;
}

int64_t PartialTensorShape::num_elements() const {
  if (!IsFullyDefined()) return -1;
  int64_t n = 1;
  for (int64_t d : dims_) n *= d;
  return n;
}

bool PartialTensorShape::AsTensorShape(TensorShape* out) const {
  if (!IsFullyDefined()) return false;
  *out = TensorShape(dims_);
  return true;
}

bool PartialTensorShape::IsCompatibleWith(const PartialTensorShape& o) const {
  if (unknown_rank_ || o.unknown_rank_) return true;
  if (dims_.size() != o.dims_.size()) return false;
  for (size_t i = 0; i < dims_.size(); ++i) {
    if (dims_[i] >= 0 && o.dims_[i] >= 0 && dims_[i] != o.dims_[i]) return false;
  }
  return true;
}

Status PartialTensorShape::MergeWith(const PartialTensorShape& o, PartialTensorShape* out) const {
  if (unknown_rank_) { *out = o; return OkStatus(); }
  if (o.unknown_rank_) { *out = *this; return OkStatus(); }
  if (dims_.size() != o.dims_.size()) {
    return errors::InvalidArgument("Shapes ", DebugString(), " and ", o.DebugString(),
                                   " must have the same rank");
  }
  std::vector<int64_t> merged(dims_.size());
  for (size_t i = 0; i < dims_.size(); ++i) {
    int64_t a = dims_[i], b = o.dims_[i];
    if (a >= 0 && b >= 0 && a != b) {
      return errors::InvalidArgument("Shapes ", DebugString(), " and ", o.DebugString(),
                                     " are not compatible");
    }
    merged[i] = a >= 0 ? a : b;
  }
  *out = PartialTensorShape(std::move(merged));
  return OkStatus();
}

void PartialTensorShape::AsProto(::tensorflow::TensorShapeProto* proto) const {
  proto->Clear();
  if (unknown_rank_) {
    proto->set_unknown_rank(true);
    return;
  }
  for (int64_t d : dims_) proto->add_dim()->set_size(d);
}

std::string PartialTensorShape::DebugString() const {
  if (unknown_rank_) return "<unknown>";
  std::string s = "[";
  for (size_t i = 0; i < dims_.size(); ++i) {
    if (i) s += ",";
    s += dims_[i] < 0 ? "?" : std::to_string(dims_[i]);
  }
  return s + "]";
}

}  // namespace tfc
