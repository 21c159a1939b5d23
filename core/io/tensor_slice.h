#pragma once
// Tensor slices as partitioned variables save them: one (start, length) extent per dimension,
// length -1 meaning the whole dimension. Text form "0,5:-"; shape-and-slice form
// "10 4 0,5:-" (the full shape, then the slice).
#include <cstdint>
#include <string>
#include <vector>

#include "core/framework/status.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_shape.h"
#include "tensorflow/core/framework/tensor_slice.pb.h"

namespace tfc::io {

class TensorSlice {
 public:
  static constexpr int64_t kFullExtent = -1;
  TensorSlice() = default;
  // A slice of `dims` full extents.
  explicit TensorSlice(int dims) : starts_(dims, 0), lengths_(dims, kFullExtent) {}
  static Status Parse(const std::string& text, TensorSlice* out);
  static Status FromProto(const ::tensorflow::TensorSliceProto& proto, TensorSlice* out);

  int dims() const { return static_cast<int>(starts_.size()); }
  int64_t start(int d) const { return starts_[d]; }
  int64_t length(int d) const { return lengths_[d]; }
  bool IsFullAt(int d) const { return lengths_[d] == kFullExtent; }
  bool IsFull() const;
  // Extent in dimension d resolved against a full shape.
  int64_t end(int d, const TensorShape& full) const {
    return IsFullAt(d) ? full.dim_size(d) : starts_[d] + lengths_[d];
  }

  // The shape of this slice of `full`; InvalidArgument on a rank mismatch or an extent
  // outside the shape.
  Status SliceTensorShape(const TensorShape& full, TensorShape* out) const;
  void AsProto(::tensorflow::TensorSliceProto* proto) const;
  // "0,5:-" as TF prints it.
  std::string DebugString() const;
  bool operator==(const TensorSlice& o) const {
    return starts_ == o.starts_ && lengths_ == o.lengths_;
  }

 private:
  std::vector<int64_t> starts_, lengths_;
};

// Parses "d0 d1 ... slice" into the full shape, the slice and the slice's shape.
Status ParseShapeAndSlice(const std::string& spec, TensorShape* full_shape, TensorSlice* slice,
                          TensorShape* slice_shape);

// Copies the part of `src` (holding `src_slice` of a tensor of shape `full`) that lies in
// `dst_slice` into `dst` (holding `dst_slice`); both have the same dtype. Returns the number
// of elements copied (0 when the slices do not intersect).
int64_t CopySliceIntersection(const TensorShape& full, const TensorSlice& src_slice,
                              const Tensor& src, const TensorSlice& dst_slice, Tensor* dst);

// The bundle key of one saved slice of tensor `name` (TF's OrderedCode encoding).
std::string EncodeTensorNameSlice(const std::string& name, const TensorSlice& slice);

namespace ordered_code {
void WriteString(std::string* dest, const std::string& s);
void WriteNumIncreasing(std::string* dest, uint64_t v);
void WriteSignedNumIncreasing(std::string* dest, int64_t v);
}  // namespace ordered_code

}  // namespace tfc::io
