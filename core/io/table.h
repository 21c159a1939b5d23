#pragma once
// Reads a LevelDB-layout table: the footer and index block at open, data blocks on demand,
// every block's CRC checked (DataLoss on corruption).
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/framework/status.h"
#include "core/io/block.h"
#include "core/io/file_util.h"
#include "core/io/table_format.h"

namespace tfc::io {

class Table {
 public:
  // Takes ownership of the file. DataLoss for a file too short to be a table, a bad magic
  // number or a corrupt index block.
  static Status Open(std::unique_ptr<RandomAccessFile> file, std::unique_ptr<Table>* out);
  static Status Open(const std::string& path, std::unique_ptr<Table>* out);

  const RandomAccessFile& file() const { return *file_; }

  // Walks the entries in key order. Not thread-safe; make one per thread.
  class Iterator {
   public:
    explicit Iterator(const Table* table);
    bool Valid() const { return data_iter_ != nullptr && data_iter_->Valid(); }
    // The first error met (DataLoss for a corrupt block); reading stops there.
    const Status& status() const { return status_; }
    void SeekToFirst();
    void Seek(std::string_view target);
    void Next();
    std::string_view key() const { return data_iter_->key(); }
    std::string_view value() const { return data_iter_->value(); }

   private:
    // Loads the data block the index iterator points at (cached by offset).
    void LoadDataBlock();
    // Moves to the following blocks while the current one is exhausted.
    void SkipEmptyBlocks();

    const Table* table_;
    Block::Iterator index_iter_;
    std::unique_ptr<Block::Iterator> data_iter_;
    uint64_t data_block_offset_ = UINT64_MAX;
    Status status_;
  };

 private:
  Table() = default;
  std::unique_ptr<RandomAccessFile> file_;
  std::shared_ptr<const Block> index_block_;
};

}  // namespace tfc::io
