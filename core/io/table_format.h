#pragma once
// The LevelDB table layout TF's `.index` files use: block handles, the 48-byte footer, and
// block trailers (compression type byte + masked crc32c of block ‖ type).
#include <cstdint>
#include <string>
#include <string_view>

#include "core/framework/status.h"
#include "core/io/file_util.h"

namespace tfc::io {

constexpr uint64_t kTableMagicNumber = 0xdb4775248b80fb57ull;
constexpr size_t kBlockTrailerSize = 5;
enum CompressionType : uint8_t { kNoCompression = 0, kSnappyCompression = 1 };

struct BlockHandle {
  static constexpr size_t kMaxEncodedLength = 10 + 10;
  uint64_t offset = 0;
  uint64_t size = 0;  // excludes the trailer
  void EncodeTo(std::string* dst) const;
  Status DecodeFrom(std::string_view* input);
};

struct Footer {
  static constexpr size_t kEncodedLength = 2 * BlockHandle::kMaxEncodedLength + 8;
  BlockHandle metaindex_handle;
  BlockHandle index_handle;
  void EncodeTo(std::string* dst) const;
  // DataLoss on a wrong magic number or bad handles.
  Status DecodeFrom(std::string_view input);
};

// Reads a block's contents, checking its trailer CRC (DataLoss on mismatch).
Status ReadBlock(const RandomAccessFile& file, const BlockHandle& handle, std::string* contents);

}  // namespace tfc::io
