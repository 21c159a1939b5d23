#pragma once
// Reads V1 checkpoints (TF's "tensor slice" format, before the V2 bundle): one LevelDB-layout
// table per shard, matched by a file pattern (`model.ckpt`, `model.ckpt-?????-of-00002`).
// Key "" of each table holds a SavedTensorSliceMeta listing the slices the shard holds; each
// slice's data is under EncodeTensorNameSlice(name, slice) as a SavedSlice whose TensorProto
// fills only the typed *_val fields.
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "core/framework/status.h"
#include "core/framework/tensor.h"
#include "core/io/table.h"
#include "core/io/tensor_slice.h"

namespace tfc::io {

// The checkpoint format version V1 files carry (TF's TF_CHECKPOINT_VERSION and friends).
constexpr int kCheckpointVersion = 1;
constexpr int kCheckpointVersionMinProducer = 0;

class TensorSliceReader {
 public:
  struct StoredSlice {
    TensorSlice slice;
    int shard;
  };
  struct TensorInfo {
    TensorShape shape;
    DataType dtype = DT_INVALID;
    std::vector<StoredSlice> slices;
  };

  // Matches the pattern and loads every shard's metadata; errors show in status():
  // NotFound when nothing matches, DataLoss for a file that is not a readable table or a
  // corrupt table of contents, Internal for inconsistent or overlapping slices (as TF).
  explicit TensorSliceReader(const std::string& filepattern);
  const Status& status() const { return status_; }
  const std::string& filepattern() const { return filepattern_; }

  bool HasTensor(const std::string& name, TensorShape* shape, DataType* dtype) const;
  // name -> (dtype, full shape, slices), sorted by name.
  const std::map<std::string, TensorInfo>& tensors() const { return tensors_; }

  // Reads `slice` of tensor `name` into `val`, which must hold the slice's shape and the stored
  // dtype. InvalidArgument "Error copying slice data" when the stored slices do not cover it;
  // DataLoss for a missing or corrupt slice record.
  Status CopySliceData(const std::string& name, const TensorSlice& slice, Tensor* val) const;
  // The whole tensor, assembled from its slices. NotFound "X not found in checkpoint file".
  Status GetTensor(const std::string& name, Tensor* out) const;
  // "name (DT_FLOAT) [2,3]\n" per tensor (", 2 slices" for a partitioned one), as TF prints.
  std::string DebugString() const;

 private:
  Status LoadShard(int shard);
  Status Register(const std::string& name, const TensorShape& shape, DataType dtype,
                  const TensorSlice& slice, int shard);
  Status ReadSlice(const std::string& name, const TensorInfo& info, const StoredSlice& stored,
                   Tensor* out) const;

  std::string filepattern_;
  std::vector<std::string> fnames_;
  std::vector<std::unique_ptr<Table>> tables_;
  std::map<std::string, TensorInfo> tensors_;
  Status status_;
  mutable std::mutex mu_;  // the table iterators are made per read, the lock keeps reads simple
};

}  // namespace tfc::io
