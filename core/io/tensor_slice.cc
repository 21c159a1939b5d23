#include "core/io/tensor_slice.h"

#include <algorithm>
#include <charconv>
#include <cstring>

namespace tfc::io {
namespace {

bool ParseInt64(const std::string& s, int64_t* v) {
  if (s.empty()) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *v);
  return ec == std::errc() && p == s.data() + s.size();
}

std::vector<std::string> Split(const std::string& s, char sep) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    size_t pos = s.find(sep, start);
    parts.push_back(s.substr(start, pos == std::string::npos ? std::string::npos : pos - start));
    if (pos == std::string::npos) return parts;
    start = pos + 1;
  }
}

}  // namespace

Status TensorSlice::Parse(const std::string& text, TensorSlice* out) {
  TensorSlice slice;
  if (!text.empty()) {
    for (const std::string& part : Split(text, ':')) {
      if (part == "-") {
        slice.starts_.push_back(0);
        slice.lengths_.push_back(kFullExtent);
        continue;
      }
      auto pair = Split(part, ',');
      int64_t start, length;
      if (pair.size() != 2 || !ParseInt64(pair[0], &start) || !ParseInt64(pair[1], &length) ||
          start < 0 || length < 0) {
        return errors::InvalidArgument("Expected a pair of non-negative ints for slice part: ",
                                       part, " in slice specification: ", text);
      }
      slice.starts_.push_back(start);
      slice.lengths_.push_back(length);
    }
  }
  *out = std::move(slice);
  return OkStatus();
}

Status TensorSlice::FromProto(const ::tensorflow::TensorSliceProto& proto, TensorSlice* out) {
  TensorSlice slice;
  for (const auto& e : proto.extent()) {
    if (e.start() < 0 || (e.has_length_case() == e.kLength && e.length() < 0)) {
      return errors::DataLoss("Invalid tensor slice extent: start ", e.start(), ", length ",
                              e.length());
    }
    slice.starts_.push_back(e.start());
    slice.lengths_.push_back(e.has_length_case() == e.kLength ? e.length() : kFullExtent);
  }
  *out = std::move(slice);
  return OkStatus();
}

bool TensorSlice::IsFull() const {
  for (int d = 0; d < dims(); ++d) {
    if (!IsFullAt(d)) return false;
  }
  return true;
}

Status TensorSlice::SliceTensorShape(const TensorShape& full, TensorShape* out) const {
  if (full.dims() != dims()) {
    return errors::InvalidArgument("Mismatching ranks: shape = ", full.DebugString(),
                                   ", slice = ", DebugString());
  }
  std::vector<int64_t> dims_out;
  for (int d = 0; d < dims(); ++d) {
    if (IsFullAt(d)) {
      dims_out.push_back(full.dim_size(d));
    } else {
      if (starts_[d] + lengths_[d] > full.dim_size(d)) {
        return errors::InvalidArgument("Extent in dimension ", d,
                                       " out of bounds: shape = ", full.DebugString(),
                                       ", slice = ", DebugString());
      }
      dims_out.push_back(lengths_[d]);
    }
  }
  return TensorShape::Make(dims_out, out);
}

void TensorSlice::AsProto(::tensorflow::TensorSliceProto* proto) const {
  proto->Clear();
  for (int d = 0; d < dims(); ++d) {
    auto* e = proto->add_extent();
    if (!IsFullAt(d)) {  // a full extent is an empty message
      e->set_start(starts_[d]);
      e->set_length(lengths_[d]);
    }
  }
}

std::string TensorSlice::DebugString() const {
  std::string s;
  for (int d = 0; d < dims(); ++d) {
    if (d > 0) s += ":";
    s += IsFullAt(d) ? std::string("-") : StrCat(starts_[d], ",", lengths_[d]);
  }
  return s;
}

Status ParseShapeAndSlice(const std::string& spec, TensorShape* full_shape, TensorSlice* slice,
                          TensorShape* slice_shape) {
  auto parts = Split(spec, ' ');
  if (parts.size() < 2) {
    return errors::InvalidArgument(
        "Need least two elements in shape_and_slice specification: ", spec);
  }
  TFC_RETURN_IF_ERROR(TensorSlice::Parse(parts.back(), slice));
  parts.pop_back();
  std::vector<int64_t> dims;
  for (const auto& p : parts) {
    int64_t d;
    if (!ParseInt64(p, &d) || d < 0) {
      return errors::InvalidArgument("Non numerical dimension in shape_and_slice: ", spec);
    }
    dims.push_back(d);
  }
  TFC_RETURN_IF_ERROR(TensorShape::Make(dims, full_shape));
  return slice->SliceTensorShape(*full_shape, slice_shape);
}

namespace ordered_code {

void WriteString(std::string* dest, const std::string& s) {
  for (char c : s) {
    if (c == '\x00') {
      dest->append("\x00\xff", 2);
    } else if (c == '\xff') {
      dest->append("\xff\x00", 2);
    } else {
      dest->push_back(c);
    }
  }
  dest->append("\x00\x01", 2);
}

void WriteNumIncreasing(std::string* dest, uint64_t v) {
  char buf[9];
  int len = 0;
  while (v > 0) {
    ++len;
    buf[9 - len] = static_cast<char>(v & 0xff);
    v >>= 8;
  }
  dest->push_back(static_cast<char>(len));
  dest->append(buf + 9 - len, len);
}

void WriteSignedNumIncreasing(std::string* dest, int64_t v) {
  // Header bits per encoded length (1..10): a unary length prefix in the first two bytes.
  static const uint8_t kHeader[11][2] = {{0, 0},       {0x80, 0},    {0xc0, 0},   {0xe0, 0},
                                         {0xf0, 0},    {0xf8, 0},    {0xfc, 0},   {0xfe, 0},
                                         {0xff, 0},    {0xff, 0x80}, {0xff, 0xc0}};
  const uint64_t x = v < 0 ? ~static_cast<uint64_t>(v) : static_cast<uint64_t>(v);
  if (x < 64) {
    dest->push_back(static_cast<char>(kHeader[1][0] ^ static_cast<uint8_t>(v)));
    return;
  }
  // Bits needed including the sign bit; each byte of encoding carries 7 of them.
  int bits = 64 - __builtin_clzll(x) + 1;
  int len = (bits + 6) / 7;
  if (len > 10) len = 10;
  char buf[10];
  const char sign = v < 0 ? '\xff' : '\x00';
  buf[0] = sign;
  buf[1] = sign;
  for (int i = 0; i < 8; ++i) {
    buf[2 + i] = static_cast<char>((static_cast<uint64_t>(v) >> (56 - 8 * i)) & 0xff);
  }
  char* begin = buf + 10 - len;
  begin[0] = static_cast<char>(begin[0] ^ kHeader[len][0]);
  begin[1] = static_cast<char>(begin[1] ^ kHeader[len][1]);
  dest->append(begin, len);
}

}  // namespace ordered_code

int64_t CopySliceIntersection(const TensorShape& full, const TensorSlice& src_slice, const Tensor& src,
                         const TensorSlice& dst_slice, Tensor* dst) {
  const int rank = full.dims();
  std::vector<int64_t> lo(rank), hi(rank);
  for (int d = 0; d < rank; ++d) {
    lo[d] = std::max(src_slice.start(d), dst_slice.start(d));
    hi[d] = std::min(src_slice.end(d, full), dst_slice.end(d, full));
    if (lo[d] >= hi[d]) return 0;
  }
  auto strides = [&](const TensorSlice& sl) {
    std::vector<int64_t> st(rank, 1);
    for (int d = rank - 2; d >= 0; --d) st[d] = st[d + 1] * (sl.end(d + 1, full) - sl.start(d + 1));
    return st;
  };
  const auto src_st = strides(src_slice), dst_st = strides(dst_slice);
  const bool is_string = src.dtype() == DT_STRING;
  const size_t elem = is_string ? 0 : DataTypeSize(src.dtype());
  const int64_t run = rank == 0 ? 1 : hi[rank - 1] - lo[rank - 1];
  int64_t copied = 0;
  std::vector<int64_t> idx(lo);
  while (true) {
    int64_t s_off = 0, d_off = 0;
    for (int d = 0; d < rank; ++d) {
      s_off += (idx[d] - src_slice.start(d)) * src_st[d];
      d_off += (idx[d] - dst_slice.start(d)) * dst_st[d];
    }
    if (is_string) {
      for (int64_t i = 0; i < run; ++i) dst->data<tstring>()[d_off + i] = src.data<tstring>()[s_off + i];
    } else {
      std::memcpy(static_cast<char*>(dst->raw_data()) + d_off * elem,
                  static_cast<const char*>(src.raw_data()) + s_off * elem, run * elem);
    }
    copied += run;
    // Advance the multi-index over all but the innermost dimension.
    int d = rank - 2;
    for (; d >= 0; --d) {
      if (++idx[d] < hi[d]) break;
      idx[d] = lo[d];
    }
    if (d < 0) break;
  }
  return copied;
}

std::string EncodeTensorNameSlice(const std::string& name, const TensorSlice& slice) {
  std::string out;
  ordered_code::WriteNumIncreasing(&out, 0);
  ordered_code::WriteString(&out, name);
  ordered_code::WriteNumIncreasing(&out, static_cast<uint64_t>(slice.dims()));
  for (int d = 0; d < slice.dims(); ++d) {
    ordered_code::WriteSignedNumIncreasing(&out, slice.start(d));
    ordered_code::WriteSignedNumIncreasing(&out, slice.length(d));
  }
  return out;
}

}  // namespace tfc::io
