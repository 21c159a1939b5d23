// TensorSliceReader: the read side of V1 checkpoints. Every record is checked before use (TF's
// own reader trusts them), so a corrupt file gives DataLoss instead of a crash.
#include "core/io/tensor_slice_reader.h"

#include <algorithm>
#include <cstring>

#include "core/io/file_util.h"
#include "tensorflow/core/util/saved_tensor_slice.pb.h"

namespace tfc::io {
namespace {

constexpr char kTfVersion[] = "1.15.5";

// Table lookup of one exact key. NotFound when absent; the table's DataLoss on a bad block.
Status GetRecord(const Table& table, const std::string& key, std::string* value) {
  Table::Iterator it(&table);
  it.Seek(key);
  TFC_RETURN_IF_ERROR(it.status());
  if (!it.Valid() || it.key() != key) return errors::NotFound("no record");
  value->assign(it.value().data(), it.value().size());
  return OkStatus();
}

Status CheckVersions(const ::tensorflow::VersionDef& v) {
  if (v.producer() < kCheckpointVersionMinProducer) {
    return errors::InvalidArgument("Checkpoint producer version ", v.producer(),
                                   " below min producer ", kCheckpointVersionMinProducer,
                                   " supported by TensorFlow ", kTfVersion,
                                   ".  Please regenerate your checkpoint.");
  }
  if (v.min_consumer() > kCheckpointVersion) {
    return errors::InvalidArgument("Checkpoint min consumer version ", v.min_consumer(),
                                   " above current version ", kCheckpointVersion,
                                   " for TensorFlow ", kTfVersion, ".  Please upgrade TensorFlow.");
  }
  for (int bad : v.bad_consumers()) {
    if (bad == kCheckpointVersion) {
      return errors::InvalidArgument("Checkpoint disallows consumer version ", bad,
                                     ".  Please upgrade TensorFlow: this version is likely buggy.");
    }
  }
  return OkStatus();
}

// How many values of dtype `dt` the record holds, in the typed field TF's V1 writer uses;
// -1 for a dtype V1 checkpoints cannot hold.
int64_t StoredCount(const ::tensorflow::TensorProto& p, DataType dt) {
  switch (dt) {
    case DT_FLOAT: return p.float_val_size();
    case DT_DOUBLE: return p.double_val_size();
    case DT_INT32: case DT_QINT32: case DT_INT16: case DT_QINT16: case DT_UINT16:
    case DT_QUINT16: case DT_INT8: case DT_QINT8: case DT_UINT8: case DT_QUINT8:
      return p.int_val_size();
    case DT_INT64: return p.int64_val_size();
    case DT_UINT32: return p.uint32_val_size();
    case DT_UINT64: return p.uint64_val_size();
    case DT_BOOL: return p.bool_val_size();
    case DT_HALF: case DT_BFLOAT16: return p.half_val_size();
    case DT_COMPLEX64: return p.scomplex_val_size() % 2 ? -2 : p.scomplex_val_size() / 2;
    case DT_COMPLEX128: return p.dcomplex_val_size() % 2 ? -2 : p.dcomplex_val_size() / 2;
    case DT_STRING: return p.string_val_size();
    default: return -1;
  }
}

template <typename T, typename Field>
void CopyField(const Field& f, void* dst) {
  T* out = static_cast<T*>(dst);
  for (int i = 0; i < f.size(); ++i) out[i] = static_cast<T>(f.Get(i));
}

// Fills `out` (already allocated with the record's element count) from the record.
void FillFromRecord(const ::tensorflow::TensorProto& p, Tensor* out) {
  void* d = out->raw_data();
  switch (out->dtype()) {
    case DT_FLOAT: return CopyField<float>(p.float_val(), d);
    case DT_DOUBLE: return CopyField<double>(p.double_val(), d);
    case DT_INT32: case DT_QINT32: return CopyField<int32_t>(p.int_val(), d);
    case DT_INT16: case DT_QINT16: return CopyField<int16_t>(p.int_val(), d);
    case DT_UINT16: case DT_QUINT16: return CopyField<uint16_t>(p.int_val(), d);
    case DT_INT8: case DT_QINT8: return CopyField<int8_t>(p.int_val(), d);
    case DT_UINT8: case DT_QUINT8: return CopyField<uint8_t>(p.int_val(), d);
    case DT_INT64: return CopyField<int64_t>(p.int64_val(), d);
    case DT_UINT32: return CopyField<uint32_t>(p.uint32_val(), d);
    case DT_UINT64: return CopyField<uint64_t>(p.uint64_val(), d);
    case DT_BOOL: return CopyField<bool>(p.bool_val(), d);
    case DT_HALF: case DT_BFLOAT16: return CopyField<uint16_t>(p.half_val(), d);  // raw bits
    case DT_COMPLEX64: return CopyField<float>(p.scomplex_val(), d);  // (re, im) pairs
    case DT_COMPLEX128: return CopyField<double>(p.dcomplex_val(), d);
    case DT_STRING: {
      tstring* s = out->data<tstring>();
      for (int i = 0; i < p.string_val_size(); ++i) s[i] = p.string_val(i);
      return;
    }
    default: return;
  }
}

bool Readable(DataType dt) {
  return StoredCount(::tensorflow::TensorProto(), dt) >= 0;
}

bool Overlaps(const TensorShape& full, const TensorSlice& a, const TensorSlice& b) {
  for (int d = 0; d < full.dims(); ++d) {
    if (std::max(a.start(d), b.start(d)) >= std::min(a.end(d, full), b.end(d, full))) return false;
  }
  return true;
}

}  // namespace

TensorSliceReader::TensorSliceReader(const std::string& filepattern) : filepattern_(filepattern) {
  Status s = GetMatchingPaths(filepattern, &fnames_);
  if (!s.ok()) {
    status_ = errors::InvalidArgument(
        "Unsuccessful TensorSliceReader constructor: Failed to get matching files on ",
        filepattern, ": ", s.ToString());
    return;
  }
  if (fnames_.empty()) {
    status_ = errors::NotFound(
        "Unsuccessful TensorSliceReader constructor: Failed to find any matching files for ",
        filepattern);
    return;
  }
  tables_.resize(fnames_.size());
  for (size_t i = 0; i < fnames_.size() && status_.ok(); ++i) {
    status_ = LoadShard(static_cast<int>(i));
  }
}

Status TensorSliceReader::LoadShard(int shard) {
  const std::string& fname = fnames_[shard];
  Status s = Table::Open(fname, &tables_[shard]);
  if (!s.ok()) {
    return errors::DataLoss("Unable to open table file ", fname, ": ", s.ToString(),
                            ": perhaps your file is in a different file format and you need to "
                            "use a different restore operator?");
  }
  std::string value;
  s = GetRecord(*tables_[shard], "", &value);
  ::tensorflow::SavedTensorSlices sts;
  if (!s.ok() && s.code() != Code::NOT_FOUND) {
    return errors::DataLoss("Failed to read the saved tensor slices at the beginning of the "
                            "checkpoint file: ", fname, ": ", s.message());
  }
  if (!s.ok()) {
    return errors::Internal("Failed to find the saved tensor slices at the beginning of the "
                            "checkpoint file: ", fname);
  }
  if (!sts.ParseFromString(value)) {
    return errors::DataLoss("Failed to parse the saved tensor slices at the beginning of the "
                            "checkpoint file: ", fname);
  }
  TFC_RETURN_IF_ERROR(CheckVersions(sts.meta().versions()));
  for (const auto& ssm : sts.meta().tensor()) {
    TensorShape shape;
    if (ssm.shape().unknown_rank() || !TensorShape::FromProto(ssm.shape(), &shape).ok()) {
      return errors::DataLoss("Invalid shape ", ssm.shape().ShortDebugString(), " for tensor ",
                              ssm.name(), " in checkpoint file ", fname);
    }
    for (const auto& proto : ssm.slice()) {
      TensorSlice slice;
      s = TensorSlice::FromProto(proto, &slice);
      if (!s.ok()) {
        return errors::DataLoss("Bad slice of ", ssm.name(), " in checkpoint file ", fname,
                                ": ", s.message());
      }
      TFC_RETURN_IF_ERROR(Register(ssm.name(), shape, ssm.type(), slice, shard));
    }
  }
  return OkStatus();
}

Status TensorSliceReader::Register(const std::string& name, const TensorShape& shape,
                                   DataType dtype, const TensorSlice& slice, int shard) {
  TensorShape slice_shape;
  Status s = slice.SliceTensorShape(shape, &slice_shape);
  if (!s.ok()) {
    return errors::DataLoss("Bad slice of ", name, " in checkpoint file ", fnames_[shard], ": ",
                            s.message());
  }
  auto [it, inserted] = tensors_.try_emplace(name);
  TensorInfo& info = it->second;
  if (inserted) {
    info.shape = shape;
    info.dtype = dtype;
  } else {
    if (info.shape != shape) {
      return errors::Internal("Incompatible tensor shapes detected for tensor ", name,
                              ": existing = ", info.shape.DebugString(),
                              ", new = ", shape.DebugString());
    }
    if (info.dtype != dtype) {
      return errors::Internal("Incompatible tensor types detected for tensor ", name,
                              ": existing = ", DataTypeString(info.dtype),
                              ", new = ", DataTypeString(dtype));
    }
  }
  for (const StoredSlice& other : info.slices) {
    if (Overlaps(shape, other.slice, slice)) {
      return errors::Internal("Overlapping slices: existing slice = ", other.slice.DebugString(),
                              ", new slice = ", slice.DebugString());
    }
  }
  info.slices.push_back({slice, shard});
  return OkStatus();
}

bool TensorSliceReader::HasTensor(const std::string& name, TensorShape* shape,
                                  DataType* dtype) const {
  auto it = tensors_.find(name);
  if (it == tensors_.end()) return false;
  if (shape != nullptr) *shape = it->second.shape;
  if (dtype != nullptr) *dtype = it->second.dtype;
  return true;
}

Status TensorSliceReader::ReadSlice(const std::string& name, const TensorInfo& info,
                                    const StoredSlice& stored, Tensor* out) const {
  const std::string key = EncodeTensorNameSlice(name, stored.slice);
  const std::string& fname = fnames_[stored.shard];
  std::string value;
  Status s;
  {
    std::lock_guard<std::mutex> l(mu_);
    s = GetRecord(*tables_[stored.shard], key, &value);
  }
  if (!s.ok()) {
    return errors::DataLoss("Failed to read the record for tensor ", name, ", slice ",
                            stored.slice.DebugString(), " from checkpoint file ", fname, ": ",
                            s.code() == Code::NOT_FOUND ? "the record is missing" : s.message());
  }
  ::tensorflow::SavedTensorSlices sts;
  if (!sts.ParseFromString(value) || !sts.has_data()) {
    return errors::DataLoss("Failed to parse the record for tensor ", name, ", slice ",
                            stored.slice.DebugString(), " in checkpoint file ", fname);
  }
  TensorShape shape;
  TFC_RETURN_IF_ERROR(stored.slice.SliceTensorShape(info.shape, &shape));
  // The count is checked before allocating, so a corrupt shape cannot ask for huge buffers.
  const int64_t have = StoredCount(sts.data().data(), info.dtype);
  if (have != shape.num_elements()) {
    return errors::DataLoss("Corrupt record for tensor ", name, ", slice ",
                            stored.slice.DebugString(), " in checkpoint file ", fname, ": it holds ",
                            have, " values of ", DataTypeString(info.dtype), ", expected ",
                            shape.num_elements());
  }
  Tensor t(info.dtype, shape);
  if (t.raw_data() == nullptr && shape.num_elements() > 0) {
    return errors::ResourceExhausted("Cannot allocate ", shape.DebugString(), " for ", name);
  }
  FillFromRecord(sts.data().data(), &t);
  *out = std::move(t);
  return OkStatus();
}

Status TensorSliceReader::CopySliceData(const std::string& name, const TensorSlice& slice,
                                        Tensor* val) const {
  TFC_RETURN_IF_ERROR(status_);
  auto it = tensors_.find(name);
  if (it == tensors_.end()) return errors::NotFound(name, " not found in checkpoint file");
  const TensorInfo& info = it->second;
  TensorShape want;
  TFC_RETURN_IF_ERROR(slice.SliceTensorShape(info.shape, &want));
  if (val->dtype() != info.dtype || val->shape() != want) {
    return errors::InvalidArgument("Slice ", slice.DebugString(), " of ", name, " is ",
                                   DataTypeString(info.dtype), " ", want.DebugString(), ", not ",
                                   DataTypeString(val->dtype()), " ", val->shape().DebugString());
  }
  if (!Readable(info.dtype)) {
    return errors::Unimplemented("Restoring data type ", DataTypeString(info.dtype),
                                 " not yet supported");
  }
  if (want.num_elements() == 0) return OkStatus();
  // Check coverage first so that nothing is read for a slice the checkpoint cannot supply.
  std::vector<const StoredSlice*> parts;
  int64_t covered = 0;
  for (const StoredSlice& stored : info.slices) {
    if (!Overlaps(info.shape, stored.slice, slice)) continue;
    int64_t n = 1;
    for (int d = 0; d < info.shape.dims(); ++d) {
      n *= std::min(stored.slice.end(d, info.shape), slice.end(d, info.shape)) -
           std::max(stored.slice.start(d), slice.start(d));
    }
    covered += n;
    parts.push_back(&stored);
  }
  if (covered != want.num_elements()) {
    return errors::InvalidArgument("Error copying slice data: the slices of ", name,
                                   " saved in ", filepattern_, " do not cover ",
                                   slice.DebugString());
  }
  for (const StoredSlice* stored : parts) {
    Tensor part;
    TFC_RETURN_IF_ERROR(ReadSlice(name, info, *stored, &part));
    CopySliceIntersection(info.shape, stored->slice, part, slice, val);
  }
  return OkStatus();
}

Status TensorSliceReader::GetTensor(const std::string& name, Tensor* out) const {
  TFC_RETURN_IF_ERROR(status_);
  auto it = tensors_.find(name);
  if (it == tensors_.end()) return errors::NotFound(name, " not found in checkpoint file");
  const TensorInfo& info = it->second;
  if (!Readable(info.dtype)) {
    return errors::Unimplemented("Restoring data type ", DataTypeString(info.dtype),
                                 " not yet supported");
  }
  Tensor t(info.dtype, info.shape);
  if (t.raw_data() == nullptr && info.shape.num_elements() > 0) {
    return errors::ResourceExhausted("Cannot allocate ", info.shape.DebugString(), " for ", name);
  }
  TFC_RETURN_IF_ERROR(CopySliceData(name, TensorSlice(info.shape.dims()), &t));
  *out = std::move(t);
  return OkStatus();
}

std::string TensorSliceReader::DebugString() const {
  std::string out;
  if (!status_.ok()) return out;
  for (const auto& [name, info] : tensors_) {
    out += StrCat(name, " (", ::tensorflow::DataType_Name(info.dtype), ") ",
                  info.shape.DebugString());
    if (info.slices.size() > 1) out += StrCat(", ", info.slices.size(), " slices");
    out += "\n";
  }
  return out;
}

}  // namespace tfc::io
