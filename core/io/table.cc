#include "core/io/table.h"

namespace tfc::io {

Status Table::Open(std::unique_ptr<RandomAccessFile> file, std::unique_ptr<Table>* out) {
  const uint64_t size = file->size();
  if (size < Footer::kEncodedLength) {
    return errors::DataLoss("file is too short to be an sstable: ", file->path(), " (", size,
                            " bytes)");
  }
  std::string footer_bytes(Footer::kEncodedLength, '\0');
  TFC_RETURN_IF_ERROR(file->Read(size - Footer::kEncodedLength, footer_bytes.size(),
                                 footer_bytes.data()));
  Footer footer;
  Status s = footer.DecodeFrom(footer_bytes);
  if (!s.ok()) return errors::DataLoss(s.message(), ": ", file->path());
  std::string index_contents;
  TFC_RETURN_IF_ERROR(ReadBlock(*file, footer.index_handle, &index_contents));
  auto table = std::unique_ptr<Table>(new Table());
  TFC_RETURN_IF_ERROR(Block::Parse(std::move(index_contents), &table->index_block_));
  table->file_ = std::move(file);
  *out = std::move(table);
  return OkStatus();
}

Status Table::Open(const std::string& path, std::unique_ptr<Table>* out) {
  std::unique_ptr<RandomAccessFile> file;
  TFC_RETURN_IF_ERROR(RandomAccessFile::Open(path, &file));
  return Open(std::move(file), out);
}

Table::Iterator::Iterator(const Table* table)
    : table_(table), index_iter_(table->index_block_) {}

void Table::Iterator::LoadDataBlock() {
  if (!index_iter_.Valid()) {
    if (!index_iter_.status().ok()) status_.Update(index_iter_.status());
    data_iter_.reset();
    return;
  }
  std::string_view handle_bytes = index_iter_.value();
  BlockHandle handle;
  Status s = handle.DecodeFrom(&handle_bytes);
  if (s.ok() && handle.offset == data_block_offset_ && data_iter_ != nullptr) return;
  std::string contents;
  if (s.ok()) s = ReadBlock(*table_->file_, handle, &contents);
  std::shared_ptr<const Block> block;
  if (s.ok()) s = Block::Parse(std::move(contents), &block);
  if (!s.ok()) {
    status_.Update(s);
    data_iter_.reset();
    return;
  }
  data_iter_ = std::make_unique<Block::Iterator>(std::move(block));
  data_block_offset_ = handle.offset;
}

void Table::Iterator::SkipEmptyBlocks() {
  while (status_.ok() && data_iter_ != nullptr && !data_iter_->Valid()) {
    if (!data_iter_->status().ok()) {
      status_.Update(data_iter_->status());
      data_iter_.reset();
      return;
    }
    index_iter_.Next();
    LoadDataBlock();
    if (data_iter_ != nullptr) data_iter_->SeekToFirst();
  }
  if (!status_.ok()) data_iter_.reset();
}

void Table::Iterator::SeekToFirst() {
  if (!status_.ok()) return;
  index_iter_.SeekToFirst();
  LoadDataBlock();
  if (data_iter_ != nullptr) data_iter_->SeekToFirst();
  SkipEmptyBlocks();
}

void Table::Iterator::Seek(std::string_view target) {
  if (!status_.ok()) return;
  index_iter_.Seek(target);
  LoadDataBlock();
  if (data_iter_ != nullptr) data_iter_->Seek(target);
  SkipEmptyBlocks();
}

void Table::Iterator::Next() {
  if (!Valid()) return;
  data_iter_->Next();
  SkipEmptyBlocks();
}

}  // namespace tfc::io
