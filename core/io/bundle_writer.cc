// BundleWriter and MergeBundles: the write side of the checkpoint V2 format.
#include <cstdio>

#include "core/io/coding.h"
#include "core/io/crc32c.h"
#include "core/io/table_builder.h"
#include "core/io/tensor_bundle.h"

namespace tfc::io {

std::string MetaFilename(const std::string& prefix) { return prefix + ".index"; }

std::string DataFilename(const std::string& prefix, int shard, int num_shards) {
  char buf[64];
  std::snprintf(buf, sizeof(buf), ".data-%05d-of-%05d", shard, num_shards);
  return prefix + buf;
}

namespace {

std::string TempName(const std::string& path) {
  return StrCat(path, ".tempstate", RandomU64());
}

::tensorflow::BundleHeaderProto MakeHeader(int num_shards) {
  ::tensorflow::BundleHeaderProto header;
  header.set_num_shards(num_shards);
  header.set_endianness(::tensorflow::BundleHeaderProto::LITTLE);
  header.mutable_version()->set_producer(kTensorBundleVersion);
  header.mutable_version()->set_min_consumer(kTensorBundleMinConsumer);
  return header;
}

// Writes the header plus `entries` as a table at `path` (through a temporary file).
Status WriteIndex(const std::string& path, const ::tensorflow::BundleHeaderProto& header,
                  const std::map<std::string, ::tensorflow::BundleEntryProto>& entries) {
  const std::string tmp = TempName(path);
  std::unique_ptr<WritableFile> file;
  TFC_RETURN_IF_ERROR(WritableFile::Create(tmp, &file));
  TableBuilder builder(TableOptions(), file.get());
  Status s = builder.Add("", header.SerializeAsString());
  for (auto it = entries.begin(); s.ok() && it != entries.end(); ++it) {
    s = builder.Add(it->first, it->second.SerializeAsString());
  }
  if (s.ok()) s = builder.Finish();
  s.Update(file->Close());
  if (s.ok()) s = RenameFile(tmp, path);
  if (!s.ok()) DeleteFile(tmp).IgnoreError();
  return s;
}

}  // namespace

BundleWriter::BundleWriter(const std::string& prefix) : prefix_(prefix) {
  // One level only, as TF: a save under a missing grandparent fails with NotFound.
  status_ = CreateDir(Dirname(prefix_));
  if (!status_.ok()) return;
  data_tmp_ = TempName(DataFilename(prefix_, 0, 1));
  index_tmp_ = TempName(MetaFilename(prefix_));
  status_ = WritableFile::Create(data_tmp_, &data_);
}

BundleWriter::~BundleWriter() {
  if (finished_) return;
  if (data_ != nullptr) {
    data_->Close().IgnoreError();
    DeleteFile(data_tmp_).IgnoreError();
  }
}

Status BundleWriter::AppendData(std::string_view bytes, uint32_t* crc) {
  *crc = crc32c::Extend(*crc, bytes.data(), bytes.size());
  return data_->Append(bytes);
}

Status BundleWriter::Add(const std::string& key, const Tensor& val) {
  if (!status_.ok()) return status_;
  if (finished_) return errors::FailedPrecondition("BundleWriter is closed");
  if (key.empty()) return errors::InvalidArgument("The empty key is reserved for the header");
  if (entries_.count(key)) {
    return errors::InvalidArgument("Adding duplicate key: ", key);
  }
  const DataType dt = val.dtype();
  if (dt != DT_STRING && !DataTypeCanMemcpy(dt)) {
    return errors::Unimplemented("Saving tensors of type ", DataTypeString(dt),
                                 " in a checkpoint is not supported (key ", key, ")");
  }
  ::tensorflow::BundleEntryProto entry;
  entry.set_dtype(dt);
  val.shape().AsProto(entry.mutable_shape());
  entry.set_shard_id(0);
  entry.set_offset(static_cast<int64_t>(size_));

  uint32_t crc = 0;
  uint64_t written = 0;
  Status s;
  if (dt == DT_STRING) {
    // Layout: varint64 length per element, masked crc of the lengths, then the bytes. The
    // crc covers each length as a uint32 LE (uint64 above 4 GiB), not the varint bytes.
    const tstring* strs = val.data<tstring>();
    const int64_t n = val.NumElements();
    std::string lengths;
    uint32_t len_crc = 0;
    for (int64_t i = 0; i < n; ++i) {
      const uint64_t len = strs[i].size();
      PutVarint64(&lengths, len);
      char buf[8];
      if (len <= UINT32_MAX) {
        EncodeFixed32(buf, static_cast<uint32_t>(len));
        len_crc = crc32c::Extend(len_crc, buf, 4);
      } else {
        EncodeFixed64(buf, len);
        len_crc = crc32c::Extend(len_crc, buf, 8);
      }
    }
    s = data_->Append(lengths);
    written += lengths.size();
    char masked[4];
    EncodeFixed32(masked, crc32c::Mask(len_crc));
    crc = crc32c::Extend(len_crc, masked, 4);
    if (s.ok()) s = data_->Append(std::string_view(masked, 4));
    written += 4;
    for (int64_t i = 0; s.ok() && i < n; ++i) {
      s = AppendData(strs[i], &crc);
      written += strs[i].size();
    }
  } else {
    const size_t bytes = val.TotalBytes();
    s = AppendData(std::string_view(static_cast<const char*>(val.raw_data()), bytes), &crc);
    written = bytes;
  }
  if (!s.ok()) {
    status_ = s;
    return s;
  }
  entry.set_size(static_cast<int64_t>(written));
  entry.set_crc32c(crc32c::Mask(crc));
  size_ += written;
  entries_[key] = std::move(entry);
  return OkStatus();
}

Status BundleWriter::AddSlice(const std::string& full_key, const TensorShape& full_shape,
                              const TensorSlice& slice, const Tensor& slice_tensor) {
  if (!status_.ok()) return status_;
  if (full_key.empty()) {
    return errors::InvalidArgument("The empty key is reserved for the header");
  }
  TensorShape slice_shape;
  TFC_RETURN_IF_ERROR(slice.SliceTensorShape(full_shape, &slice_shape));
  if (slice_shape != slice_tensor.shape()) {
    return errors::InvalidArgument("Slice ", slice.DebugString(), " of ",
                                   full_shape.DebugString(), " has shape ",
                                   slice_shape.DebugString(), " but the tensor is ",
                                   slice_tensor.shape().DebugString());
  }
  if (slice_shape == full_shape) return Add(full_key, slice_tensor);

  auto it = entries_.find(full_key);
  if (it != entries_.end()) {
    TensorShape existing;
    Status shape_ok = TensorShape::FromProto(it->second.shape(), &existing);
    if (it->second.slices().empty() || it->second.dtype() != slice_tensor.dtype() ||
        !shape_ok.ok() || existing != full_shape) {
      return errors::InvalidArgument("Slice of ", full_key,
                                     " conflicts with an earlier entry for it (dtype ",
                                     DataTypeString(it->second.dtype()), " shape ",
                                     existing.DebugString(), ")");
    }
  }
  TFC_RETURN_IF_ERROR(Add(EncodeTensorNameSlice(full_key, slice), slice_tensor));
  auto& full_entry = entries_[full_key];
  full_entry.set_dtype(slice_tensor.dtype());
  full_shape.AsProto(full_entry.mutable_shape());
  slice.AsProto(full_entry.add_slices());
  return OkStatus();
}

Status BundleWriter::Finish() {
  if (!status_.ok()) return status_;
  if (finished_) return errors::FailedPrecondition("BundleWriter is closed");
  Status s = data_->Close();
  if (s.ok()) s = RenameFile(data_tmp_, DataFilename(prefix_, 0, 1));
  if (!s.ok()) {
    DeleteFile(data_tmp_).IgnoreError();
    finished_ = true;
    status_ = s;
    return s;
  }
  finished_ = true;
  s = WriteIndex(MetaFilename(prefix_), MakeHeader(1), entries_);
  status_ = s.ok() ? errors::FailedPrecondition("BundleWriter is closed") : s;
  return s;
}

// ---- merging -----------------------------------------------------------------------------

Status MergeBundles(const std::vector<std::string>& prefixes, const std::string& merged_prefix) {
  TFC_RETURN_IF_ERROR(CreateDir(Dirname(merged_prefix)));
  int total_shards = 0;
  bool seen_first = false;
  std::string version_bytes;
  ::tensorflow::BundleHeaderProto::Endianness endianness = ::tensorflow::BundleHeaderProto::LITTLE;
  std::map<std::string, ::tensorflow::BundleEntryProto> merged;
  // Old data file -> shard id in the merged bundle, numbered in order of appearance.
  std::vector<std::string> data_files;
  std::map<std::string, int> shard_ids;

  for (const std::string& prefix : prefixes) {
    const std::string index = MetaFilename(prefix);
    std::unique_ptr<Table> table;
    TFC_RETURN_IF_ERROR(Table::Open(index, &table));
    Table::Iterator it(table.get());
    it.SeekToFirst();
    TFC_RETURN_IF_ERROR(it.status());
    ::tensorflow::BundleHeaderProto header;
    if (!it.Valid() || !it.key().empty() ||
        !header.ParseFromArray(it.value().data(), static_cast<int>(it.value().size()))) {
      return errors::DataLoss("Unable to read the bundle header of ", index);
    }
    total_shards += header.num_shards();
    const std::string this_version = header.version().SerializeAsString();
    if (!seen_first) {
      seen_first = true;
      endianness = header.endianness();
      version_bytes = this_version;
    } else if (endianness != header.endianness()) {
      return errors::InvalidArgument("Merging bundles with conflicting endianness; inputs corrupted?");
    } else if (version_bytes != this_version) {
      return errors::InvalidArgument("Merging bundles with different format versions: ", prefix);
    }
    for (it.Next(); it.Valid(); it.Next()) {
      const std::string key(it.key());
      ::tensorflow::BundleEntryProto entry;
      if (!entry.ParseFromArray(it.value().data(), static_cast<int>(it.value().size()))) {
        return errors::DataLoss("Entry for key ", key, " not parseable.");
      }
      auto existing = merged.find(key);
      if (existing != merged.end()) {
        if (existing->second.slices().empty() || entry.slices().empty()) {
          return errors::InvalidArgument("Duplicate tensor keyed by ", key,
                                         " encountered, when merging prefix: ", prefix);
        }
        if (existing->second.dtype() != entry.dtype() ||
            existing->second.shape().SerializeAsString() != entry.shape().SerializeAsString()) {
          return errors::InvalidArgument("Slices of ", key,
                                         " disagree on dtype or shape when merging prefix: ",
                                         prefix);
        }
        for (const auto& sl : entry.slices()) *existing->second.add_slices() = sl;
        continue;
      }
      // As TF does, also for a full-tensor entry of slices (its shard 0 file exists anyway).
      const std::string file = DataFilename(prefix, entry.shard_id(), header.num_shards());
      auto [pos, inserted] = shard_ids.emplace(file, static_cast<int>(data_files.size()));
      if (inserted) data_files.push_back(file);
      entry.set_shard_id(pos->second);
      merged.emplace(key, std::move(entry));
    }
    TFC_RETURN_IF_ERROR(it.status());
  }

  const int n = static_cast<int>(data_files.size());
  for (int i = 0; i < n; ++i) {
    TFC_RETURN_IF_ERROR(RenameFile(data_files[i], DataFilename(merged_prefix, i, n)));
  }
  ::tensorflow::BundleHeaderProto header = MakeHeader(total_shards);
  header.set_endianness(endianness);
  header.mutable_version()->ParseFromString(version_bytes);
  TFC_RETURN_IF_ERROR(WriteIndex(MetaFilename(merged_prefix), header, merged));
  for (const std::string& prefix : prefixes) {
    if (MetaFilename(prefix) != MetaFilename(merged_prefix)) {
      DeleteFile(MetaFilename(prefix)).IgnoreError();
    }
  }
  return OkStatus();
}

}  // namespace tfc::io
