#pragma once
// Writes a LevelDB-layout table (no compression, no filters) byte-identical to TF's `.index`.
#include <cstdint>
#include <string>
#include <string_view>

#include "core/framework/status.h"
#include "core/io/block.h"
#include "core/io/file_util.h"
#include "core/io/table_format.h"

namespace tfc::io {

struct TableOptions {
  size_t block_size = 262144;
  int block_restart_interval = 16;
};

class TableBuilder {
 public:
  // Does not take ownership of `file`; the caller closes it after Finish().
  TableBuilder(const TableOptions& options, WritableFile* file);
  // Keys must be strictly increasing (bytewise); InvalidArgument otherwise.
  Status Add(std::string_view key, std::string_view value);
  Status Finish();
  uint64_t num_entries() const { return num_entries_; }
  uint64_t FileSize() const { return offset_; }

 private:
  void Flush();
  void WriteBlock(BlockBuilder* block, BlockHandle* handle);

  TableOptions options_;
  WritableFile* file_;
  uint64_t offset_ = 0;
  Status status_;
  BlockBuilder data_block_;
  BlockBuilder index_block_;
  std::string last_key_;
  uint64_t num_entries_ = 0;
  bool closed_ = false;
  // After a data block is written its index entry waits for the next key, so that the
  // separator can be shortened against it.
  bool pending_index_entry_ = false;
  BlockHandle pending_handle_;
};

// Bytewise-comparator key shortening, as LevelDB's BytewiseComparator does it.
// Shortens *start to a key in [*start, limit).
void FindShortestSeparator(std::string* start, std::string_view limit);
// Shortens *key to a key >= *key.
void FindShortSuccessor(std::string* key);

}  // namespace tfc::io
