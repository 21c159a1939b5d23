#pragma once
// The checkpoint V2 format (TF's tensor bundle): `prefix.index`, a LevelDB-layout table of
// BundleEntryProto keyed by tensor name (plus the BundleHeaderProto under ""), and
// `prefix.data-SSSSS-of-NNNNN` with the tensors' bytes back to back.
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/framework/status.h"
#include "core/framework/tensor.h"
#include "core/io/file_util.h"
#include "core/io/table.h"
#include "core/io/tensor_slice.h"
#include "tensorflow/core/protobuf/tensor_bundle.pb.h"

namespace tfc::io {

// Bundle format version written in the header (TF's kTensorBundleVersion and friends).
constexpr int kTensorBundleVersion = 1;
constexpr int kTensorBundleMinProducer = 0;
constexpr int kTensorBundleMinConsumer = 0;

std::string MetaFilename(const std::string& prefix);  // prefix.index
std::string DataFilename(const std::string& prefix, int shard, int num_shards);

class BundleWriter {
 public:
  // Creates the prefix's directory and opens a temporary data file; errors show in status().
  explicit BundleWriter(const std::string& prefix);
  // Removes the temporary files unless Finish() succeeded.
  ~BundleWriter();
  BundleWriter(const BundleWriter&) = delete;
  BundleWriter& operator=(const BundleWriter&) = delete;

  const Status& status() const { return status_; }
  // Appends the tensor's bytes to the data file. InvalidArgument for an empty or duplicate
  // key; Unimplemented for dtypes a bundle cannot hold here (resource, variant).
  Status Add(const std::string& key, const Tensor& val);
  // One slice of a partitioned tensor: a full-tensor entry listing the slices, plus an entry
  // for this slice under EncodeTensorNameSlice(key, slice). A full slice is a plain Add.
  Status AddSlice(const std::string& full_key, const TensorShape& full_shape,
                  const TensorSlice& slice, const Tensor& slice_tensor);
  // Writes the index, then renames both files into place.
  Status Finish();

 private:
  Status AppendData(std::string_view bytes, uint32_t* crc);

  std::string prefix_;
  std::string data_tmp_, index_tmp_;
  std::unique_ptr<WritableFile> data_;
  std::map<std::string, ::tensorflow::BundleEntryProto> entries_;
  uint64_t size_ = 0;
  bool finished_ = false;
  Status status_;
};

class BundleReader {
 public:
  // Opens prefix.index and checks its header; errors show in status() (NotFound when the
  // index does not exist, DataLoss when it is corrupt).
  explicit BundleReader(const std::string& prefix);
  const Status& status() const { return status_; }
  int num_shards() const { return num_shards_; }
  const std::string& prefix() const { return prefix_; }

  bool Contains(const std::string& key);
  // NotFound "Key X not found in checkpoint".
  Status GetEntry(const std::string& key, ::tensorflow::BundleEntryProto* entry);
  Status LookupDtypeAndShape(const std::string& key, DataType* dtype, TensorShape* shape);
  // Reads a whole tensor (assembling it from slices if it was saved partitioned). When `val`
  // is initialized it must already have the stored dtype and shape.
  Status Lookup(const std::string& key, Tensor* val);
  // Reads `slice` of the tensor into `val`, which must have the slice's shape and the dtype.
  Status LookupSlice(const std::string& key, const TensorSlice& slice, Tensor* val);
  // Every whole tensor: name -> (dtype, shape); slice entries of partitioned tensors are left
  // out, their full-tensor entries kept (as TF's CheckpointReader lists them).
  Status ListTensors(std::map<std::string, std::pair<DataType, TensorShape>>* out);
  // "name (DT_FLOAT) [2,3]\n" per whole tensor, as TF's BundleReader::DebugString.
  Status DebugString(std::string* out);

 private:
  Status GetEntryLocked(const std::string& key, ::tensorflow::BundleEntryProto* entry);
  Status ReadEntry(const std::string& key, const ::tensorflow::BundleEntryProto& entry,
                   Tensor* val);
  Status ReadSliceLocked(const std::string& key, const ::tensorflow::BundleEntryProto& full,
                         const TensorSlice& slice, Tensor* val);
  Status DataFile(int shard, RandomAccessFile** out);
  // Checks an entry's size against its dtype and shape and that its bytes lie inside the data
  // file, before anything is allocated for it (DataLoss otherwise).
  Status CheckEntryFits(const std::string& key, const ::tensorflow::BundleEntryProto& entry,
                        const TensorShape& shape);

  std::mutex mu_;
  std::string prefix_;
  Status status_;
  std::unique_ptr<Table> table_;
  std::unique_ptr<Table::Iterator> iter_;
  int num_shards_ = 1;
  std::unordered_map<int, std::unique_ptr<RandomAccessFile>> data_files_;
};

// Merges the bundles written by a sharded save into one: their data files are renamed to
// `merged_prefix.data-0000i-of-0000N`, a merged index is written and the old indexes removed.
Status MergeBundles(const std::vector<std::string>& prefixes, const std::string& merged_prefix);

}  // namespace tfc::io
