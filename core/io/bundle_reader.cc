// BundleReader: the read side of the checkpoint V2 format, with CRC checks on every tensor.
#include <cstring>
#include <set>

#include "core/io/coding.h"
#include "core/io/crc32c.h"
#include "core/io/tensor_bundle.h"

namespace tfc::io {
namespace {

Status ParseEntry(std::string_view key, std::string_view value,
                  ::tensorflow::BundleEntryProto* entry) {
  if (!entry->ParseFromArray(value.data(), static_cast<int>(value.size()))) {
    return errors::DataLoss("Entry for key ", key, " not parseable.");
  }
  return OkStatus();
}

Status EntryShape(const std::string& key, const ::tensorflow::BundleEntryProto& entry,
                  TensorShape* shape) {
  Status s = TensorShape::FromProto(entry.shape(), shape);
  if (!s.ok() || entry.shape().unknown_rank()) {
    return errors::DataLoss("Invalid tensor shape: ", key, " ", entry.shape().ShortDebugString());
  }
  return OkStatus();
}

}  // namespace

BundleReader::BundleReader(const std::string& prefix) : prefix_(prefix) {
  const std::string index = MetaFilename(prefix_);
  status_ = Table::Open(index, &table_);
  if (!status_.ok()) {
    if (status_.code() == Code::DATA_LOSS) {
      status_ = errors::DataLoss("Unable to read file (", index,
                                 "). Perhaps the file is corrupt or was produced by a newer "
                                 "version of TensorFlow with format changes: ",
                                 status_.message());
    }
    return;
  }
  iter_ = std::make_unique<Table::Iterator>(table_.get());
  iter_->SeekToFirst();
  ::tensorflow::BundleHeaderProto header;
  if (!iter_->status().ok()) {
    status_ = iter_->status();
    return;
  }
  if (!iter_->Valid() || !iter_->key().empty() ||
      !header.ParseFromArray(iter_->value().data(), static_cast<int>(iter_->value().size()))) {
    status_ = errors::DataLoss("Unable to read file (", index,
                               "). Perhaps the file is corrupt or was produced by a newer "
                               "version of TensorFlow with format changes (unable to parse "
                               "header)");
    return;
  }
  num_shards_ = header.num_shards();
  if (num_shards_ < 1) {
    status_ = errors::DataLoss("Invalid number of shards ", num_shards_, " in ", index);
    return;
  }
  if (header.endianness() == ::tensorflow::BundleHeaderProto::BIG) {
    status_ = errors::Unimplemented("Checkpoint ", prefix_,
                                    " was written on a big-endian machine; reading it is not "
                                    "supported");
    return;
  }
  const auto& v = header.version();
  if (v.producer() < kTensorBundleMinProducer) {
    status_ = errors::InvalidArgument("Checkpoint producer version ", v.producer(),
                                      " below min producer ", kTensorBundleMinProducer,
                                      " supported by TensorFlow 1.15. Please regenerate your "
                                      "checkpoint.");
  } else if (v.min_consumer() > kTensorBundleVersion) {
    status_ = errors::InvalidArgument("Checkpoint min consumer version ", v.min_consumer(),
                                      " above current version ", kTensorBundleVersion,
                                      " for TensorFlow 1.15. Please upgrade TensorFlow.");
  } else {
    for (int bad : v.bad_consumers()) {
      if (bad == kTensorBundleVersion) {
        status_ = errors::InvalidArgument("Checkpoint disallows consumer version ", bad,
                                          ". Please upgrade TensorFlow: this version is likely "
                                          "buggy.");
      }
    }
  }
}

Status BundleReader::GetEntryLocked(const std::string& key, ::tensorflow::BundleEntryProto* entry) {
  TFC_RETURN_IF_ERROR(status_);
  iter_->Seek(key);
  TFC_RETURN_IF_ERROR(iter_->status());
  if (!iter_->Valid() || iter_->key() != key) {
    return errors::NotFound("Key ", key, " not found in checkpoint");
  }
  TFC_RETURN_IF_ERROR(ParseEntry(key, iter_->value(), entry));
  TensorShape unused;
  return EntryShape(key, *entry, &unused);
}

Status BundleReader::GetEntry(const std::string& key, ::tensorflow::BundleEntryProto* entry) {
  std::lock_guard<std::mutex> l(mu_);
  return GetEntryLocked(key, entry);
}

bool BundleReader::Contains(const std::string& key) {
  ::tensorflow::BundleEntryProto entry;
  return !key.empty() && GetEntry(key, &entry).ok();
}

Status BundleReader::LookupDtypeAndShape(const std::string& key, DataType* dtype,
                                         TensorShape* shape) {
  ::tensorflow::BundleEntryProto entry;
  TFC_RETURN_IF_ERROR(GetEntry(key, &entry));
  *dtype = entry.dtype();
  return EntryShape(key, entry, shape);
}

Status BundleReader::DataFile(int shard, RandomAccessFile** out) {
  if (shard < 0 || shard >= num_shards_) {
    return errors::DataLoss("Bundle entry refers to shard ", shard, " of ", num_shards_, " in ",
                            prefix_);
  }
  auto& slot = data_files_[shard];
  if (slot == nullptr) {
    TFC_RETURN_IF_ERROR(RandomAccessFile::Open(DataFilename(prefix_, shard, num_shards_), &slot));
  }
  *out = slot.get();
  return OkStatus();
}

Status BundleReader::CheckEntryFits(const std::string& key,
                                    const ::tensorflow::BundleEntryProto& entry,
                                    const TensorShape& shape) {
  if (entry.size() < 0 || entry.offset() < 0) {
    return errors::DataLoss("Invalid offset or size in bundle entry: key ", key);
  }
  const uint64_t size = static_cast<uint64_t>(entry.size());
  const uint64_t n = static_cast<uint64_t>(shape.num_elements());
  if (entry.dtype() != DT_STRING) {
    const uint64_t elem = static_cast<uint64_t>(DataTypeSize(entry.dtype()));
    if (elem == 0 || size % elem != 0 || size / elem != n) {
      return errors::DataLoss("Invalid size in bundle entry: key ", key, "; stored size ", size,
                              "; expected size ", n, " elements of ", elem, " bytes");
    }
  } else if (size < n + (n > 0 ? 4 : 0)) {
    return errors::DataLoss("Invalid size in bundle entry: key ", key, "; stored size ", size,
                            "; expected size is at least ", n + 4);
  }
  if (size == 0) return OkStatus();
  RandomAccessFile* file;
  TFC_RETURN_IF_ERROR(DataFile(entry.shard_id(), &file));
  const uint64_t offset = static_cast<uint64_t>(entry.offset());
  if (offset > file->size() || size > file->size() - offset) {
    return errors::DataLoss("Bundle entry for key ", key, " (offset ", offset, ", size ", size,
                            ") lies outside ", file->path(), " (", file->size(),
                            " bytes): the data file is truncated");
  }
  return OkStatus();
}

Status BundleReader::ReadEntry(const std::string& key, const ::tensorflow::BundleEntryProto& entry,
                               Tensor* val) {
  const DataType dt = entry.dtype();
  if (dt != DT_STRING && !DataTypeCanMemcpy(dt)) {
    return errors::Unimplemented("Reading tensors of type ", DataTypeString(dt),
                                 " from a checkpoint is not supported (key ", key, ")");
  }
  TensorShape shape;
  TFC_RETURN_IF_ERROR(EntryShape(key, entry, &shape));
  if (val->dtype() != dt || val->shape() != shape) {
    return errors::InvalidArgument("Key ", key, " holds ", DataTypeString(dt), " ",
                                   shape.DebugString(), ", not ", DataTypeString(val->dtype()),
                                   " ", val->shape().DebugString());
  }
  TFC_RETURN_IF_ERROR(CheckEntryFits(key, entry, shape));
  const uint64_t size = static_cast<uint64_t>(entry.size());
  const int64_t n = shape.num_elements();
  if (size == 0) {
    if (entry.crc32c() != crc32c::Mask(0) && entry.crc32c() != 0) {
      return errors::DataLoss("TensorBundle at ", prefix_, " shard ", entry.shard_id(),
                              " (0 bytes): Checksum does not match");
    }
    return OkStatus();
  }
  RandomAccessFile* file;
  TFC_RETURN_IF_ERROR(DataFile(entry.shard_id(), &file));
  uint32_t actual = 0;
  if (dt != DT_STRING) {
    TFC_RETURN_IF_ERROR(file->Read(entry.offset(), size, static_cast<char*>(val->raw_data())));
    actual = crc32c::Value(static_cast<const char*>(val->raw_data()), size);
  } else {
    std::string buf(size, '\0');
    TFC_RETURN_IF_ERROR(file->Read(entry.offset(), size, buf.data()));
    const char* p = buf.data();
    const char* limit = p + size;
    std::vector<uint64_t> lengths(n);
    uint64_t total = 0;
    for (int64_t i = 0; i < n; ++i) {
      p = GetVarint64Ptr(p, limit, &lengths[i]);
      if (p == nullptr) {
        return errors::DataLoss("String lengths longer than expected offset ",
                                entry.offset() + entry.size(), " for key ", key);
      }
      char le[8];
      if (lengths[i] <= UINT32_MAX) {
        EncodeFixed32(le, static_cast<uint32_t>(lengths[i]));
        actual = crc32c::Extend(actual, le, 4);
      } else {
        EncodeFixed64(le, lengths[i]);
        actual = crc32c::Extend(actual, le, 8);
      }
      total += lengths[i];
    }
    if (limit - p < 4) {
      return errors::DataLoss("String tensor ", key, " is truncated before its length checksum");
    }
    const uint32_t length_checksum = crc32c::Unmask(DecodeFixed32(p));
    if (length_checksum != actual) {
      return errors::DataLoss("The length checksum does not match: expected ", length_checksum,
                              " but actual is ", actual, " (key ", key, ")");
    }
    actual = crc32c::Extend(actual, p, 4);
    p += 4;
    if (total != static_cast<uint64_t>(limit - p)) {
      return errors::DataLoss("String tensor ", key, " holds ", limit - p,
                              " bytes of data but its lengths add up to ", total);
    }
    tstring* out = val->data<tstring>();
    for (int64_t i = 0; i < n; ++i) {
      out[i].assign(p, lengths[i]);
      p += lengths[i];
    }
    actual = crc32c::Extend(actual, limit - total, total);
  }
  const uint32_t stored = crc32c::Unmask(entry.crc32c());
  if (stored != actual) {
    return errors::DataLoss("TensorBundle at ", prefix_, " shard ", entry.shard_id(), " (", size,
                            " bytes): Checksum does not match: stored ", stored,
                            " vs. calculated on the restored bytes ", actual);
  }
  return OkStatus();
}

Status BundleReader::ReadSliceLocked(const std::string& key,
                                     const ::tensorflow::BundleEntryProto& full,
                                     const TensorSlice& slice, Tensor* val) {
  TensorShape full_shape, want_shape;
  TFC_RETURN_IF_ERROR(EntryShape(key, full, &full_shape));
  TFC_RETURN_IF_ERROR(slice.SliceTensorShape(full_shape, &want_shape));
  if (val->dtype() != full.dtype() || val->shape() != want_shape) {
    return errors::InvalidArgument("Slice ", slice.DebugString(), " of ", key, " is ",
                                   DataTypeString(full.dtype()), " ", want_shape.DebugString(),
                                   ", not ", DataTypeString(val->dtype()), " ",
                                   val->shape().DebugString());
  }
  if (full.slices().empty()) {
    if (want_shape == full_shape) return ReadEntry(key, full, val);
    TFC_RETURN_IF_ERROR(CheckEntryFits(key, full, full_shape));
    Tensor whole(full.dtype(), full_shape);
    TFC_RETURN_IF_ERROR(ReadEntry(key, full, &whole));
    CopySliceIntersection(full_shape, TensorSlice(full_shape.dims()), whole, slice, val);
    return OkStatus();
  }
  int64_t covered = 0;
  for (const auto& proto : full.slices()) {
    TensorSlice stored;
    TFC_RETURN_IF_ERROR(TensorSlice::FromProto(proto, &stored));
    TensorShape stored_shape;
    Status s = stored.SliceTensorShape(full_shape, &stored_shape);
    if (!s.ok()) return errors::DataLoss("Bad slice of ", key, " in checkpoint: ", s.message());
    bool overlaps = true;
    for (int d = 0; d < full_shape.dims(); ++d) {
      if (std::max(stored.start(d), slice.start(d)) >=
          std::min(stored.end(d, full_shape), slice.end(d, full_shape))) {
        overlaps = false;
      }
    }
    if (!overlaps) continue;
    const std::string slice_key = EncodeTensorNameSlice(key, stored);
    ::tensorflow::BundleEntryProto entry;
    s = GetEntryLocked(slice_key, &entry);
    if (!s.ok()) {
      return errors::DataLoss("Checkpoint lists slice ", stored.DebugString(), " of ", key,
                              " but lacks its entry: ", s.message());
    }
    if (entry.dtype() != full.dtype()) {
      return errors::DataLoss("Slice ", stored.DebugString(), " of ", key, " has dtype ",
                              DataTypeString(entry.dtype()));
    }
    TFC_RETURN_IF_ERROR(CheckEntryFits(slice_key, entry, stored_shape));
    Tensor part(full.dtype(), stored_shape);
    TFC_RETURN_IF_ERROR(ReadEntry(slice_key, entry, &part));
    covered += CopySliceIntersection(full_shape, stored, part, slice, val);
  }
  if (covered != want_shape.num_elements()) {
    return errors::InvalidArgument("Does not have sufficient slices for partitioned tensor ", key,
                                   " to restore in slice_spec: ", slice.DebugString());
  }
  return OkStatus();
}

Status BundleReader::Lookup(const std::string& key, Tensor* val) {
  std::lock_guard<std::mutex> l(mu_);
  ::tensorflow::BundleEntryProto entry;
  TFC_RETURN_IF_ERROR(GetEntryLocked(key, &entry));
  TensorShape shape;
  TFC_RETURN_IF_ERROR(EntryShape(key, entry, &shape));
  if (!val->IsInitialized() || val->dtype() == DT_INVALID) {
    if (entry.dtype() != DT_STRING && !DataTypeCanMemcpy(entry.dtype())) {
      return errors::Unimplemented("Reading tensors of type ", DataTypeString(entry.dtype()),
                                   " from a checkpoint is not supported (key ", key, ")");
    }
    if (entry.slices().empty()) TFC_RETURN_IF_ERROR(CheckEntryFits(key, entry, shape));
    *val = Tensor(entry.dtype(), shape);
  }
  if (entry.slices().empty()) return ReadEntry(key, entry, val);
  return ReadSliceLocked(key, entry, TensorSlice(shape.dims()), val);
}

Status BundleReader::LookupSlice(const std::string& key, const TensorSlice& slice, Tensor* val) {
  std::lock_guard<std::mutex> l(mu_);
  ::tensorflow::BundleEntryProto entry;
  TFC_RETURN_IF_ERROR(GetEntryLocked(key, &entry));
  return ReadSliceLocked(key, entry, slice, val);
}

Status BundleReader::ListTensors(std::map<std::string, std::pair<DataType, TensorShape>>* out) {
  std::lock_guard<std::mutex> l(mu_);
  TFC_RETURN_IF_ERROR(status_);
  out->clear();
  std::set<std::string> slice_keys;
  std::vector<std::pair<std::string, ::tensorflow::BundleEntryProto>> all;
  iter_->SeekToFirst();
  for (iter_->Next(); iter_->Valid(); iter_->Next()) {  // skips the header
    ::tensorflow::BundleEntryProto entry;
    const std::string key(iter_->key());
    TFC_RETURN_IF_ERROR(ParseEntry(key, iter_->value(), &entry));
    for (const auto& proto : entry.slices()) {
      TensorSlice sl;
      TFC_RETURN_IF_ERROR(TensorSlice::FromProto(proto, &sl));
      slice_keys.insert(EncodeTensorNameSlice(key, sl));
    }
    all.emplace_back(key, std::move(entry));
  }
  TFC_RETURN_IF_ERROR(iter_->status());
  for (auto& [key, entry] : all) {
    if (slice_keys.count(key)) continue;
    TensorShape shape;
    TFC_RETURN_IF_ERROR(EntryShape(key, entry, &shape));
    (*out)[key] = {entry.dtype(), shape};
  }
  return OkStatus();
}

Status BundleReader::DebugString(std::string* out) {
  std::lock_guard<std::mutex> l(mu_);
  TFC_RETURN_IF_ERROR(status_);
  out->clear();
  iter_->SeekToFirst();
  for (iter_->Next(); iter_->Valid(); iter_->Next()) {
    ::tensorflow::BundleEntryProto entry;
    const std::string key(iter_->key());
    TFC_RETURN_IF_ERROR(ParseEntry(key, iter_->value(), &entry));
    if (entry.slices_size() > 0) continue;
    TensorShape shape;
    TFC_RETURN_IF_ERROR(EntryShape(key, entry, &shape));
    *out += StrCat(key, " (", ::tensorflow::DataType_Name(entry.dtype()), ") ",
                   shape.DebugString(), "\n");
  }
  return iter_->status();
}

}  // namespace tfc::io
