#include "core/io/table_builder.h"

#include <algorithm>

#include "core/io/coding.h"
#include "core/io/crc32c.h"

namespace tfc::io {

void FindShortestSeparator(std::string* start, std::string_view limit) {
  const size_t min_len = std::min(start->size(), limit.size());
  size_t diff = 0;
  while (diff < min_len && (*start)[diff] == limit[diff]) ++diff;
  if (diff >= min_len) return;  // one is a prefix of the other
  const uint8_t byte = static_cast<uint8_t>((*start)[diff]);
  if (byte < 0xff && byte + 1 < static_cast<uint8_t>(limit[diff])) {
    (*start)[diff] = static_cast<char>(byte + 1);
    start->resize(diff + 1);
  }
}

void FindShortSuccessor(std::string* key) {
  for (size_t i = 0; i < key->size(); ++i) {
    const uint8_t byte = static_cast<uint8_t>((*key)[i]);
    if (byte != 0xff) {
      (*key)[i] = static_cast<char>(byte + 1);
      key->resize(i + 1);
      return;
    }
  }
  // All 0xff: leave it as is.
}

TableBuilder::TableBuilder(const TableOptions& options, WritableFile* file)
    : options_(options),
      file_(file),
      data_block_(options.block_restart_interval),
      index_block_(1) {}

Status TableBuilder::Add(std::string_view key, std::string_view value) {
  if (!status_.ok()) return status_;
  if (closed_) return errors::FailedPrecondition("TableBuilder::Add after Finish");
  if (num_entries_ > 0 && !(std::string_view(last_key_) < key)) {
    return errors::InvalidArgument("table keys must be strictly increasing; got '", key,
                                   "' after '", last_key_, "'");
  }
  if (pending_index_entry_) {
    FindShortestSeparator(&last_key_, key);
    std::string handle;
    pending_handle_.EncodeTo(&handle);
    index_block_.Add(last_key_, handle);
    pending_index_entry_ = false;
  }
  last_key_.assign(key.data(), key.size());
  ++num_entries_;
  data_block_.Add(key, value);
  if (data_block_.CurrentSizeEstimate() >= options_.block_size) Flush();
  return status_;
}

void TableBuilder::Flush() {
  if (!status_.ok() || data_block_.empty()) return;
  WriteBlock(&data_block_, &pending_handle_);
  if (status_.ok()) pending_index_entry_ = true;
}

void TableBuilder::WriteBlock(BlockBuilder* block, BlockHandle* handle) {
  std::string_view contents = block->Finish();
  handle->offset = offset_;
  handle->size = contents.size();
  status_.Update(file_->Append(contents));
  char trailer[kBlockTrailerSize];
  trailer[0] = static_cast<char>(kNoCompression);
  uint32_t crc = crc32c::Value(contents.data(), contents.size());
  crc = crc32c::Extend(crc, trailer, 1);
  EncodeFixed32(trailer + 1, crc32c::Mask(crc));
  status_.Update(file_->Append(std::string_view(trailer, kBlockTrailerSize)));
  if (status_.ok()) offset_ += contents.size() + kBlockTrailerSize;
  block->Reset();
}

Status TableBuilder::Finish() {
  if (closed_) return errors::FailedPrecondition("TableBuilder::Finish called twice");
  Flush();
  closed_ = true;
  if (!status_.ok()) return status_;
  BlockHandle metaindex_handle, index_handle;
  BlockBuilder metaindex(options_.block_restart_interval);  // no filters: stays empty
  WriteBlock(&metaindex, &metaindex_handle);
  if (pending_index_entry_) {
    FindShortSuccessor(&last_key_);
    std::string handle;
    pending_handle_.EncodeTo(&handle);
    index_block_.Add(last_key_, handle);
    pending_index_entry_ = false;
  }
  WriteBlock(&index_block_, &index_handle);
  if (!status_.ok()) return status_;
  Footer footer;
  footer.metaindex_handle = metaindex_handle;
  footer.index_handle = index_handle;
  std::string encoded;
  footer.EncodeTo(&encoded);
  status_.Update(file_->Append(encoded));
  if (status_.ok()) offset_ += encoded.size();
  return status_;
}

}  // namespace tfc::io
