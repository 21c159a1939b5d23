#pragma once
// TensorShape: fully known dims. PartialTensorShape: unknown rank or dims (-1), for inference.
#include <cstdint>
#include <initializer_list>
#include <string>
#include <vector>

#include "core/framework/status.h"
#include "tensorflow/core/framework/tensor_shape.pb.h"

namespace tfc {

class TensorShape {
 public:
  TensorShape() = default;
  TensorShape(std::initializer_list<int64_t> dims) : dims_(dims) { Recompute(); }
  explicit TensorShape(std::vector<int64_t> dims) : dims_(std::move(dims)) { Recompute(); }

  // Rejects negative dims and element counts that overflow int64.
  static Status Make(const std::vector<int64_t>& dims, TensorShape* out);
  static Status FromProto(const ::tensorflow::TensorShapeProto& proto, TensorShape* out);

  int dims() const { return static_cast<int>(dims_.size()); }
  int64_t dim_size(int i) const { return dims_[i]; }
  const std::vector<int64_t>& dim_sizes() const { return dims_; }
  int64_t num_elements() const { return num_elements_; }

  void AddDim(int64_t size) { dims_.push_back(size); Recompute(); }
  void InsertDim(int d, int64_t size) { dims_.insert(dims_.begin() + d, size); Recompute(); }
  void RemoveDim(int d) { dims_.erase(dims_.begin() + d); Recompute(); }
  void set_dim(int d, int64_t size) { dims_[d] = size; Recompute(); }
  void Clear() { dims_.clear(); Recompute(); }

  bool IsSameSize(const TensorShape& o) const { return dims_ == o.dims_; }
  bool operator==(const TensorShape& o) const { return dims_ == o.dims_; }
  bool operator!=(const TensorShape& o) const { return dims_ != o.dims_; }

  void AsProto(::tensorflow::TensorShapeProto* proto) const;
  // "[2,3]" as TensorFlow prints shapes in error messages.
  std::string DebugString() const;

 private:
  void Recompute();
  std::vector<int64_t> dims_;
  int64_t num_elements_ = 1;
};

class PartialTensorShape {
 public:
  PartialTensorShape() : unknown_rank_(true) {}  // unknown rank
  PartialTensorShape(std::initializer_list<int64_t> dims) : unknown_rank_(false), dims_(dims) {}
  explicit PartialTensorShape(std::vector<int64_t> dims) : unknown_rank_(false), dims_(std::move(dims)) {}
  PartialTensorShape(const TensorShape& s) : unknown_rank_(false), dims_(s.dim_sizes()) {}  // NOLINT

  static PartialTensorShape Unknown() { return PartialTensorShape(); }
  static PartialTensorShape UnknownOfRank(int rank) {
    return PartialTensorShape(std::vector<int64_t>(rank, -1));
  }
  static Status FromProto(const ::tensorflow::TensorShapeProto& proto, PartialTensorShape* out);

  bool unknown_rank() const { return unknown_rank_; }
  // -1 when the rank is unknown.
  int dims() const { return unknown_rank_ ? -1 : static_cast<int>(dims_.size()); }
  int64_t dim_size(int i) const { return dims_[i]; }
  const std::vector<int64_t>& dim_sizes() const { return dims_; }
  bool IsFullyDefined() const;
  // -1 unless fully defined.
  int64_t num_elements() const;
  bool AsTensorShape(TensorShape* out) const;

  void AddDim(int64_t size) { dims_.push_back(size); }
  void set_dim(int d, int64_t size) { dims_[d] = size; }

  // True if some fully defined shape could satisfy both.
  bool IsCompatibleWith(const PartialTensorShape& o) const;
  // The most specific shape compatible with both; InvalidArgument if they conflict.
  Status MergeWith(const PartialTensorShape& o, PartialTensorShape* out) const;
  bool IsIdenticalTo(const PartialTensorShape& o) const {
    return unknown_rank_ == o.unknown_rank_ && dims_ == o.dims_;
  }

  void AsProto(::tensorflow::TensorShapeProto* proto) const;
  // "[?,3]" / "<unknown>" as TensorFlow prints partial shapes.
  std::string DebugString() const;

 private:
  bool unknown_rank_;
  std::vector<int64_t> dims_;
};

}  // namespace tfc
