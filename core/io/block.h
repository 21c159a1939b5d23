#pragma once
// LevelDB-layout blocks: sorted key/value entries with prefix-compressed keys, a full key at
// every restart point, then the restart offsets (fixed32 each) and their count (fixed32).
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/framework/status.h"

namespace tfc::io {

class BlockBuilder {
 public:
  explicit BlockBuilder(int restart_interval);
  // Keys must be added in strictly increasing bytewise order.
  void Add(std::string_view key, std::string_view value);
  // The finished block; valid until Reset().
  std::string_view Finish();
  void Reset();
  // The block's size if it were finished now.
  size_t CurrentSizeEstimate() const;
  bool empty() const { return buffer_.empty(); }

 private:
  int restart_interval_;
  std::string buffer_;
  std::vector<uint32_t> restarts_;
  int counter_ = 0;
  bool finished_ = false;
  std::string last_key_;
};

// A parsed block (owning its bytes) and an iterator over it.
class Block {
 public:
  // DataLoss if the restart array does not fit.
  static Status Parse(std::string contents, std::shared_ptr<const Block>* out);

  class Iterator {
   public:
    explicit Iterator(std::shared_ptr<const Block> block);
    bool Valid() const { return valid_; }
    // Corruption found while moving (DataLoss); OK otherwise.
    const Status& status() const { return status_; }
    void SeekToFirst();
    // The first entry with key >= target.
    void Seek(std::string_view target);
    void Next();
    std::string_view key() const { return key_; }
    std::string_view value() const { return value_; }

   private:
    // Decodes the entry at `offset`, assuming key_ holds the previous key.
    bool ParseEntryAt(uint32_t offset);
    void SeekToRestart(uint32_t index);
    void Corrupt();
    uint32_t RestartPoint(uint32_t index) const;

    std::shared_ptr<const Block> block_;
    uint32_t current_ = 0;  // offset of the current entry
    uint32_t next_ = 0;     // offset of the entry after it
    std::string key_;
    std::string_view value_;
    bool valid_ = false;
    Status status_;
  };

 private:
  Block() = default;
  std::string data_;
  uint32_t restart_offset_ = 0;  // where the restart array starts (= end of entries)
  uint32_t num_restarts_ = 0;
};

}  // namespace tfc::io
