#include <gtest/gtest.h>

#include <map>
#include <string>

#include "core/io/coding.h"
#include "core/io/table.h"
#include "core/io/table_builder.h"
#include "tests/cpp/io/io_test_util.h"

namespace tfc::io {
namespace {

Status BuildTable(const std::string& path, const std::map<std::string, std::string>& kv,
                  TableOptions options = TableOptions()) {
  std::unique_ptr<WritableFile> f;
  TFC_RETURN_IF_ERROR(WritableFile::Create(path, &f));
  TableBuilder b(options, f.get());
  for (const auto& [k, v] : kv) TFC_RETURN_IF_ERROR(b.Add(k, v));
  TFC_RETURN_IF_ERROR(b.Finish());
  return f->Close();
}

std::map<std::string, std::string> ReadTable(const std::string& path, Status* status) {
  std::map<std::string, std::string> out;
  std::unique_ptr<Table> t;
  *status = Table::Open(path, &t);
  if (!status->ok()) return out;
  Table::Iterator it(t.get());
  for (it.SeekToFirst(); it.Valid(); it.Next()) out[std::string(it.key())] = std::string(it.value());
  *status = it.status();
  return out;
}

std::map<std::string, std::string> ManyKeys(int n) {
  std::map<std::string, std::string> kv;
  for (int i = 0; i < n; ++i) {
    // Long shared prefixes, varying suffixes and value sizes.
    std::string key = "model/layer_" + std::to_string(i % 17) + "/weights/" + std::to_string(i);
    kv[key] = std::string(i % 300, static_cast<char>('a' + i % 26));
  }
  kv["a"] = "first";
  kv[std::string("\xff\xff", 2)] = "all ff";
  return kv;
}

TEST(TableTest, EmptyBlockBytes) {
  BlockBuilder b(16);
  EXPECT_EQ(std::string(b.Finish()), std::string("\x00\x00\x00\x00\x01\x00\x00\x00", 8));
}

TEST(TableTest, PrefixCompressionLayout) {
  BlockBuilder b(16);
  b.Add("abc", "1");
  b.Add("abd", "22");
  std::string got(b.Finish());
  // shared, unshared, value length, key suffix, value; then restart 0 and count 1.
  std::string want("\x00\x03\x01" "abc" "1" "\x02\x01\x02" "d" "22"
                   "\x00\x00\x00\x00\x01\x00\x00\x00", 21);
  EXPECT_EQ(got, want);
}

TEST(TableTest, ShortSeparators) {
  std::string s = "abcdefg";
  FindShortestSeparator(&s, "abzzz");
  EXPECT_EQ(s, "abd");
  s = "abc";
  FindShortestSeparator(&s, "abcd");  // prefix: unchanged
  EXPECT_EQ(s, "abc");
  s = "abc";
  FindShortestSeparator(&s, "abd");  // c+1 == d: unchanged
  EXPECT_EQ(s, "abc");
  s = "x\xff\x01";
  FindShortSuccessor(&s);
  EXPECT_EQ(s, "y");
  s = "\xff\xff";
  FindShortSuccessor(&s);
  EXPECT_EQ(s, "\xff\xff");
}

TEST(TableTest, SingleBlockRoundTripAndFooter) {
  test::TempDir dir;
  std::map<std::string, std::string> kv = {{"", "header"}, {"a", "1"}, {"b", ""}, {"bb", "3"}};
  const std::string path = dir.Join("t.index");
  ASSERT_TRUE(BuildTable(path, kv).ok());
  Status s;
  EXPECT_EQ(ReadTable(path, &s), kv);
  EXPECT_TRUE(s.ok()) << s.ToString();
  const std::string bytes = test::ReadAll(path);
  ASSERT_GE(bytes.size(), 48u);
  EXPECT_EQ(bytes.substr(bytes.size() - 8), std::string("\x57\xfb\x80\x8b\x24\x75\x47\xdb", 8));
}

TEST(TableTest, ManyKeysManyBlocksAndSeek) {
  test::TempDir dir;
  const auto kv = ManyKeys(3000);
  TableOptions small;
  small.block_size = 1024;  // forces many data blocks
  const std::string path = dir.Join("t.index");
  ASSERT_TRUE(BuildTable(path, kv, small).ok());
  Status s;
  EXPECT_EQ(ReadTable(path, &s), kv);
  ASSERT_TRUE(s.ok()) << s.ToString();

  std::unique_ptr<Table> t;
  ASSERT_TRUE(Table::Open(path, &t).ok());
  Table::Iterator it(t.get());
  for (const auto& [k, v] : kv) {
    it.Seek(k);
    ASSERT_TRUE(it.Valid()) << k;
    EXPECT_EQ(it.key(), k);
    EXPECT_EQ(it.value(), v);
  }
  // Seeking between keys lands on the next one; past the end is invalid.
  it.Seek("model/layer_0/weights/0_");
  ASSERT_TRUE(it.Valid());
  EXPECT_EQ(it.key(), kv.upper_bound("model/layer_0/weights/0_")->first);
  it.Seek(std::string("\xff\xff\xff", 3));
  EXPECT_FALSE(it.Valid());
  EXPECT_TRUE(it.status().ok());
}

TEST(TableTest, DefaultBlockSizeSpillsPastOneBlock) {
  test::TempDir dir;
  std::map<std::string, std::string> kv;
  for (int i = 0; i < 40; ++i) kv["key" + std::to_string(1000 + i)] = std::string(10000, 'v');
  const std::string path = dir.Join("t.index");
  ASSERT_TRUE(BuildTable(path, kv).ok());
  Status s;
  EXPECT_EQ(ReadTable(path, &s), kv);
  EXPECT_TRUE(s.ok());
  EXPECT_GT(test::ReadAll(path).size(), 262144u + 48);
}

TEST(TableTest, RejectsUnsortedKeys) {
  test::TempDir dir;
  std::unique_ptr<WritableFile> f;
  ASSERT_TRUE(WritableFile::Create(dir.Join("t"), &f).ok());
  TableBuilder b(TableOptions(), f.get());
  ASSERT_TRUE(b.Add("b", "1").ok());
  EXPECT_EQ(b.Add("a", "2").code(), Code::INVALID_ARGUMENT);
}

TEST(TableTest, CorruptionIsDataLoss) {
  test::TempDir dir;
  const auto kv = ManyKeys(500);
  TableOptions small;
  small.block_size = 2048;
  const std::string path = dir.Join("t.index");
  ASSERT_TRUE(BuildTable(path, kv, small).ok());
  const std::string good = test::ReadAll(path);
  // Flip one byte anywhere: opening or iterating must fail with DataLoss, never crash or
  // silently return different data.
  int detected = 0;
  for (size_t pos = 0; pos < good.size(); pos += 97) {
    std::string bad = good;
    bad[pos] ^= 0x20;
    const std::string p = dir.Join("bad" + std::to_string(pos));
    test::WriteAll(p, bad);
    Status s;
    auto got = ReadTable(p, &s);
    if (s.ok()) {
      // Only the footer's zero padding is not covered by a checksum.
      EXPECT_EQ(got, kv) << pos;
    } else {
      EXPECT_EQ(s.code(), Code::DATA_LOSS) << pos << " " << s.ToString();
      ++detected;
    }
  }
  EXPECT_GT(detected, 0);
}

TEST(TableTest, TruncatedAndGarbageFiles) {
  test::TempDir dir;
  const auto kv = ManyKeys(200);
  const std::string path = dir.Join("t.index");
  ASSERT_TRUE(BuildTable(path, kv).ok());
  const std::string good = test::ReadAll(path);
  for (size_t len : {size_t{0}, size_t{10}, size_t{47}, size_t{48}, good.size() / 2,
                     good.size() - 1}) {
    const std::string p = dir.Join("trunc" + std::to_string(len));
    test::WriteAll(p, good.substr(0, len));
    Status s;
    ReadTable(p, &s);
    EXPECT_EQ(s.code(), Code::DATA_LOSS) << len << " " << s.ToString();
  }
  const std::string p = dir.Join("garbage");
  test::WriteAll(p, std::string(4096, '\x5a'));
  Status s;
  ReadTable(p, &s);
  EXPECT_EQ(s.code(), Code::DATA_LOSS);
  ReadTable(dir.Join("missing"), &s);
  EXPECT_EQ(s.code(), Code::NOT_FOUND);
}

}  // namespace
}  // namespace tfc::io
