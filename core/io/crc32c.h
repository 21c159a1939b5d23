#pragma once
// CRC32C (Castagnoli), as LevelDB tables, TFRecords and tensor bundles store it.
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace tfc::crc32c {

// The CRC of data[0, n) continuing from `init_crc` (the CRC of the bytes before them).
uint32_t Extend(uint32_t init_crc, const char* data, size_t n);
inline uint32_t Value(const char* data, size_t n) { return Extend(0, data, n); }
inline uint32_t Value(std::string_view s) { return Extend(0, s.data(), s.size()); }

// Stored CRCs are masked: a CRC of a string that itself contains CRCs is otherwise weak.
constexpr uint32_t kMaskDelta = 0xa282ead8u;
inline uint32_t Mask(uint32_t crc) { return ((crc >> 15) | (crc << 17)) + kMaskDelta; }
inline uint32_t Unmask(uint32_t masked) {
  uint32_t rot = masked - kMaskDelta;
  return (rot >> 17) | (rot << 15);
}

// True when the SSE4.2 crc32 instruction is in use (chosen once, at first use).
bool UsesHardware();

namespace internal {
// The table-driven path, whatever the CPU supports (tests compare the two).
uint32_t ExtendPortableForTest(uint32_t crc, const char* data, size_t n);
}  // namespace internal

}  // namespace tfc::crc32c
