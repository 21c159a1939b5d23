#include "core/io/block.h"

#include <algorithm>

#include "core/io/coding.h"

namespace tfc::io {

BlockBuilder::BlockBuilder(int restart_interval) : restart_interval_(restart_interval) {
  restarts_.push_back(0);
}

void BlockBuilder::Reset() {
  buffer_.clear();
  restarts_.assign(1, 0);
  counter_ = 0;
  finished_ = false;
  last_key_.clear();
}

size_t BlockBuilder::CurrentSizeEstimate() const {
  return buffer_.size() + restarts_.size() * sizeof(uint32_t) + sizeof(uint32_t);
}

void BlockBuilder::Add(std::string_view key, std::string_view value) {
  size_t shared = 0;
  if (counter_ < restart_interval_) {
    size_t n = std::min(last_key_.size(), key.size());
    while (shared < n && last_key_[shared] == key[shared]) ++shared;
  } else {
    restarts_.push_back(static_cast<uint32_t>(buffer_.size()));
    counter_ = 0;
  }
  const size_t non_shared = key.size() - shared;
  PutVarint32(&buffer_, static_cast<uint32_t>(shared));
  PutVarint32(&buffer_, static_cast<uint32_t>(non_shared));
  PutVarint32(&buffer_, static_cast<uint32_t>(value.size()));
  buffer_.append(key.data() + shared, non_shared);
  buffer_.append(value.data(), value.size());
  last_key_.assign(key.data(), key.size());
  ++counter_;
}

std::string_view BlockBuilder::Finish() {
  if (!finished_) {
    for (uint32_t r : restarts_) PutFixed32(&buffer_, r);
    PutFixed32(&buffer_, static_cast<uint32_t>(restarts_.size()));
    finished_ = true;
  }
  return buffer_;
}

Status Block::Parse(std::string contents, std::shared_ptr<const Block>* out) {
  if (contents.size() < sizeof(uint32_t)) {
    return errors::DataLoss("bad block contents: ", contents.size(), " bytes");
  }
  const uint32_t num_restarts = DecodeFixed32(contents.data() + contents.size() - 4);
  const uint64_t max_restarts = (contents.size() - 4) / 4;
  if (num_restarts > max_restarts) {
    return errors::DataLoss("bad block contents: ", num_restarts, " restarts in ",
                            contents.size(), " bytes");
  }
  auto block = std::shared_ptr<Block>(new Block());
  block->restart_offset_ =
      static_cast<uint32_t>(contents.size() - (1 + uint64_t{num_restarts}) * 4);
  block->num_restarts_ = num_restarts;
  block->data_ = std::move(contents);
  for (uint32_t i = 0; i < num_restarts; ++i) {
    if (DecodeFixed32(block->data_.data() + block->restart_offset_ + 4 * i) >
        block->restart_offset_) {
      return errors::DataLoss("bad block contents: restart point out of range");
    }
  }
  *out = std::move(block);
  return OkStatus();
}

Block::Iterator::Iterator(std::shared_ptr<const Block> block) : block_(std::move(block)) {}

uint32_t Block::Iterator::RestartPoint(uint32_t index) const {
  return DecodeFixed32(block_->data_.data() + block_->restart_offset_ + 4 * index);
}

void Block::Iterator::Corrupt() {
  valid_ = false;
  status_ = errors::DataLoss("bad entry in block");
  key_.clear();
  value_ = {};
}

bool Block::Iterator::ParseEntryAt(uint32_t offset) {
  const char* base = block_->data_.data();
  const char* limit = base + block_->restart_offset_;
  const char* p = base + offset;
  if (p >= limit) {
    valid_ = false;  // past the last entry
    return false;
  }
  uint32_t shared, non_shared, value_len;
  if ((p = GetVarint32Ptr(p, limit, &shared)) == nullptr ||
      (p = GetVarint32Ptr(p, limit, &non_shared)) == nullptr ||
      (p = GetVarint32Ptr(p, limit, &value_len)) == nullptr ||
      shared > key_.size() || uint64_t{non_shared} + value_len > uint64_t(limit - p)) {
    Corrupt();
    return false;
  }
  key_.resize(shared);
  key_.append(p, non_shared);
  value_ = std::string_view(p + non_shared, value_len);
  current_ = offset;
  next_ = static_cast<uint32_t>((p + non_shared + value_len) - base);
  valid_ = true;
  return true;
}

void Block::Iterator::SeekToRestart(uint32_t index) {
  key_.clear();
  ParseEntryAt(RestartPoint(index));
}

void Block::Iterator::SeekToFirst() {
  status_ = OkStatus();
  if (block_->num_restarts_ == 0) {
    valid_ = false;
    return;
  }
  SeekToRestart(0);
}

void Block::Iterator::Next() {
  if (!valid_) return;
  ParseEntryAt(next_);
}

void Block::Iterator::Seek(std::string_view target) {
  status_ = OkStatus();
  if (block_->num_restarts_ == 0) {
    valid_ = false;
    return;
  }
  // Binary search for the last restart point whose key is < target.
  uint32_t left = 0, right = block_->num_restarts_ - 1;
  while (left < right) {
    uint32_t mid = (left + right + 1) / 2;
    SeekToRestart(mid);
    if (!status_.ok()) return;
    if (valid_ && key_ < target) {
      left = mid;
    } else {
      right = mid - 1;
    }
  }
  SeekToRestart(left);
  while (valid_ && key_ < target) Next();
}

}  // namespace tfc::io
