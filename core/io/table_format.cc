#include "core/io/table_format.h"

#include "core/io/coding.h"
#include "core/io/crc32c.h"

namespace tfc::io {

void BlockHandle::EncodeTo(std::string* dst) const {
  PutVarint64(dst, offset);
  PutVarint64(dst, size);
}

Status BlockHandle::DecodeFrom(std::string_view* input) {
  if (GetVarint64(input, &offset) && GetVarint64(input, &size)) return OkStatus();
  return errors::DataLoss("bad block handle");
}

void Footer::EncodeTo(std::string* dst) const {
  const size_t start = dst->size();
  metaindex_handle.EncodeTo(dst);
  index_handle.EncodeTo(dst);
  dst->resize(start + 2 * BlockHandle::kMaxEncodedLength);  // zero padding
  PutFixed32(dst, static_cast<uint32_t>(kTableMagicNumber & 0xffffffffu));
  PutFixed32(dst, static_cast<uint32_t>(kTableMagicNumber >> 32));
}

Status Footer::DecodeFrom(std::string_view input) {
  if (input.size() < kEncodedLength) return errors::DataLoss("footer too short");
  const char* magic_ptr = input.data() + kEncodedLength - 8;
  if (DecodeFixed64(magic_ptr) != kTableMagicNumber) {
    return errors::DataLoss("not an sstable (bad magic number)");
  }
  std::string_view handles(input.data(), kEncodedLength - 8);
  TFC_RETURN_IF_ERROR(metaindex_handle.DecodeFrom(&handles));
  return index_handle.DecodeFrom(&handles);
}

Status ReadBlock(const RandomAccessFile& file, const BlockHandle& handle, std::string* contents) {
  if (handle.size > file.size() || handle.offset > file.size() - handle.size ||
      file.size() - handle.size - handle.offset < kBlockTrailerSize) {
    return errors::DataLoss("block handle (offset ", handle.offset, ", size ", handle.size,
                            ") is outside ", file.path(), " (", file.size(), " bytes)");
  }
  std::string buf(handle.size + kBlockTrailerSize, '\0');
  TFC_RETURN_IF_ERROR(file.Read(handle.offset, buf.size(), buf.data()));
  const char* trailer = buf.data() + handle.size;
  const uint32_t stored = crc32c::Unmask(DecodeFixed32(trailer + 1));
  const uint32_t actual = crc32c::Value(buf.data(), handle.size + 1);  // block + type byte
  if (stored != actual) {
    return errors::DataLoss("block checksum mismatch in ", file.path(), " at offset ",
                            handle.offset);
  }
  const uint8_t type = static_cast<uint8_t>(trailer[0]);
  if (type == kSnappyCompression) {
    return errors::Unimplemented("snappy-compressed table blocks are not supported (",
                                 file.path(), ")");
  }
  if (type != kNoCompression) {
    return errors::DataLoss("bad block type ", int{type}, " in ", file.path());
  }
  buf.resize(handle.size);
  *contents = std::move(buf);
  return OkStatus();
}

}  // namespace tfc::io
