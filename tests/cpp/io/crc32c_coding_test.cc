#include <gtest/gtest.h>

#include <string>

#include "core/io/coding.h"
#include "core/io/crc32c.h"

namespace tfc::io {
namespace {

TEST(Crc32cTest, KnownValues) {
  EXPECT_EQ(crc32c::Value("123456789"), 0xE3069283u);
  EXPECT_EQ(crc32c::Value(std::string(32, '\0')), 0x8A9136AAu);  // RFC 3720 vectors
  EXPECT_EQ(crc32c::Value(std::string(32, '\xff')), 0x62A8AB43u);
  std::string inc;
  for (int i = 0; i < 32; ++i) inc.push_back(static_cast<char>(i));
  EXPECT_EQ(crc32c::Value(inc), 0x46DD794Eu);
  EXPECT_EQ(crc32c::Value(""), 0u);
}

TEST(Crc32cTest, ExtendEqualsWholeAndPathsAgree) {
  std::string data;
  for (int i = 0; i < 1000; ++i) data.push_back(static_cast<char>(i * 7 + 3));
  for (size_t split : {0, 1, 7, 8, 9, 500, 999, 1000}) {
    uint32_t a = crc32c::Value(data.data(), split);
    a = crc32c::Extend(a, data.data() + split, data.size() - split);
    EXPECT_EQ(a, crc32c::Value(data)) << split;
  }
  for (size_t n = 0; n <= data.size(); n += 37) {
    EXPECT_EQ(crc32c::internal::ExtendPortableForTest(0, data.data() + 1, n),
              crc32c::Value(data.data() + 1, n));  // unaligned start
  }
  EXPECT_EQ(crc32c::internal::ExtendPortableForTest(0, "123456789", 9), 0xE3069283u);
}

TEST(Crc32cTest, MaskUnmask) {
  const uint32_t crc = crc32c::Value("foo");
  EXPECT_NE(crc32c::Mask(crc), crc);
  EXPECT_NE(crc32c::Mask(crc32c::Mask(crc)), crc);
  EXPECT_EQ(crc32c::Unmask(crc32c::Mask(crc)), crc);
  EXPECT_EQ(crc32c::Unmask(crc32c::Unmask(crc32c::Mask(crc32c::Mask(crc)))), crc);
  EXPECT_EQ(crc32c::Mask(0), 0xa282ead8u);
  for (uint32_t v : {0u, 1u, 0xffffffffu, 0x80000000u, 0x12345678u}) {
    EXPECT_EQ(crc32c::Unmask(crc32c::Mask(v)), v);
  }
}

TEST(CodingTest, FixedLittleEndian) {
  std::string s;
  PutFixed32(&s, 0x04030201u);
  PutFixed64(&s, 0x0807060504030201ull);
  EXPECT_EQ(s, std::string("\x01\x02\x03\x04\x01\x02\x03\x04\x05\x06\x07\x08", 12));
  EXPECT_EQ(DecodeFixed32(s.data()), 0x04030201u);
  EXPECT_EQ(DecodeFixed64(s.data() + 4), 0x0807060504030201ull);
}

TEST(CodingTest, VarintRoundTrip) {
  std::string s;
  const uint64_t values[] = {0, 1, 127, 128, 300, 16383, 16384, 0xffffffffull,
                             0x100000000ull, ~0ull};
  for (uint64_t v : values) PutVarint64(&s, v);
  PutVarint32(&s, 0xffffffffu);
  std::string_view in(s);
  for (uint64_t v : values) {
    uint64_t got;
    ASSERT_TRUE(GetVarint64(&in, &got));
    EXPECT_EQ(got, v);
  }
  uint32_t v32;
  ASSERT_TRUE(GetVarint32(&in, &v32));
  EXPECT_EQ(v32, 0xffffffffu);
  EXPECT_TRUE(in.empty());
  std::string one;
  PutVarint64(&one, 300);
  EXPECT_EQ(one, "\xac\x02");
  EXPECT_EQ(VarintLength(300), 2);
  EXPECT_EQ(VarintLength(~0ull), 10);
}

TEST(CodingTest, VarintMalformed) {
  std::string_view truncated("\x80\x80", 2);
  uint64_t v;
  EXPECT_FALSE(GetVarint64(&truncated, &v));
  std::string too_long(11, '\x80');
  std::string_view tl(too_long);
  EXPECT_FALSE(GetVarint64(&tl, &v));
  std::string_view big32("\xff\xff\xff\xff\x7f", 5);
  uint32_t v32;
  EXPECT_TRUE(GetVarint32(&big32, &v32));  // the high bits are dropped, as LevelDB does
  std::string_view long32("\xff\xff\xff\xff\xff\x01", 6);
  EXPECT_FALSE(GetVarint32(&long32, &v32));
}

}  // namespace
}  // namespace tfc::io
