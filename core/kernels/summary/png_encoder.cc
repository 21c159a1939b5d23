#include "core/kernels/summary/png_encoder.h"

#include <zlib.h>

#include <algorithm>
#include <cstring>
#include <vector>

namespace tfc::png {
namespace {

void PutU32(std::string* s, uint32_t v) {
  const char b[4] = {static_cast<char>(v >> 24), static_cast<char>(v >> 16),
                     static_cast<char>(v >> 8), static_cast<char>(v)};
  s->append(b, 4);
}

// length, type, data, CRC-32 (zlib's) of type+data.
void AppendChunk(std::string* out, const char type[4], const unsigned char* data, size_t n) {
  PutU32(out, static_cast<uint32_t>(n));
  const size_t type_pos = out->size();
  out->append(type, 4);
  if (n) out->append(reinterpret_cast<const char*>(data), n);
  uLong crc = crc32(0L, Z_NULL, 0);
  // crc32 takes a uInt length: feed it in pieces for very large chunks.
  const unsigned char* p = reinterpret_cast<const unsigned char*>(out->data()) + type_pos;
  size_t left = n + 4;
  while (left > 0) {
    const uInt step = static_cast<uInt>(std::min<size_t>(left, 1u << 30));
    crc = crc32(crc, p, step);
    p += step;
    left -= step;
  }
  PutU32(out, static_cast<uint32_t>(crc));
}

}  // namespace

Status EncodeImage(const uint8_t* pixels, int width, int height, int channels, std::string* out) {
  static const uint8_t kColorType[5] = {0, 0, 4, 2, 6};  // by channel count
  if (channels < 1 || channels > 4 || width < 0 || height < 0) {
    return errors::InvalidArgument("PNG encoding: bad image ", width, "x", height, "x", channels);
  }
  // Each row starts with its filter byte (0: none).
  const size_t row = static_cast<size_t>(width) * channels;
  std::vector<unsigned char> raw((row + 1) * static_cast<size_t>(height));
  for (int y = 0; y < height; ++y) {
    unsigned char* dst = raw.data() + y * (row + 1);
    dst[0] = 0;
    if (row) std::memcpy(dst + 1, pixels + y * row, row);
  }
  uLongf zsize = compressBound(raw.size());
  std::vector<unsigned char> z(zsize);
  if (compress2(z.data(), &zsize, raw.data(), raw.size(), Z_DEFAULT_COMPRESSION) != Z_OK) {
    return errors::Internal("PNG encoding failed");
  }

  out->clear();
  static const unsigned char kSignature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  out->append(reinterpret_cast<const char*>(kSignature), 8);
  unsigned char ihdr[13];
  const uint32_t w = width, h = height;
  for (int i = 0; i < 4; ++i) {
    ihdr[i] = static_cast<unsigned char>(w >> (24 - 8 * i));
    ihdr[4 + i] = static_cast<unsigned char>(h >> (24 - 8 * i));
  }
  ihdr[8] = 8;  // bits per channel
  ihdr[9] = kColorType[channels];
  ihdr[10] = ihdr[11] = ihdr[12] = 0;  // deflate, adaptive filtering, no interlace
  AppendChunk(out, "IHDR", ihdr, sizeof(ihdr));
  AppendChunk(out, "IDAT", z.data(), zsize);
  AppendChunk(out, "IEND", nullptr, 0);
  return OkStatus();
}

}  // namespace tfc::png
