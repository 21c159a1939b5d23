#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <map>
#include <string>

#include "core/io/crc32c.h"
#include "core/io/table.h"
#include "core/io/tensor_bundle.h"
#include "tests/cpp/io/io_test_util.h"

namespace tfc::io {
namespace {

template <typename T>
Tensor Make(DataType dt, TensorShape shape, std::function<T(int64_t)> f) {
  Tensor t(dt, shape);
  for (int64_t i = 0; i < t.NumElements(); ++i) t.data<T>()[i] = f(i);
  return t;
}

bool SameBytes(const Tensor& a, const Tensor& b) {
  if (a.dtype() != b.dtype() || a.shape() != b.shape()) return false;
  if (a.dtype() == DT_STRING) {
    for (int64_t i = 0; i < a.NumElements(); ++i) {
      if (a.data<tstring>()[i] != b.data<tstring>()[i]) return false;
    }
    return true;
  }
  return std::memcmp(a.raw_data(), b.raw_data(), a.TotalBytes()) == 0;
}

std::map<std::string, Tensor> EveryDtype() {
  std::map<std::string, Tensor> m;
  m["f32"] = Make<float>(DT_FLOAT, {2, 3}, [](int64_t i) { return 0.5f * i - 1; });
  m["f64"] = Make<double>(DT_DOUBLE, {4}, [](int64_t i) { return 1e100 * i; });
  m["i32"] = Make<int32_t>(DT_INT32, {3}, [](int64_t i) { return -7 * int32_t(i); });
  m["i64"] = Make<int64_t>(DT_INT64, {2}, [](int64_t i) { return int64_t{1} << (40 + i); });
  m["u8"] = Make<uint8_t>(DT_UINT8, {5}, [](int64_t i) { return uint8_t(250 + i); });
  m["i8"] = Make<int8_t>(DT_INT8, {2}, [](int64_t i) { return int8_t(-128 + i); });
  m["i16"] = Make<int16_t>(DT_INT16, {2}, [](int64_t i) { return int16_t(-300 * i); });
  m["u16"] = Make<uint16_t>(DT_UINT16, {2}, [](int64_t i) { return uint16_t(65535 - i); });
  m["u32"] = Make<uint32_t>(DT_UINT32, {1}, [](int64_t) { return 0xdeadbeefu; });
  m["u64"] = Make<uint64_t>(DT_UINT64, {1}, [](int64_t) { return ~0ull; });
  m["bool"] = Make<bool>(DT_BOOL, {3}, [](int64_t i) { return i != 1; });
  m["half"] = Make<half>(DT_HALF, {2}, [](int64_t i) { return half(1.5f + i); });
  m["bf16"] = Make<bfloat16>(DT_BFLOAT16, {2}, [](int64_t i) { return bfloat16(-2.0f * i); });
  m["c64"] = Make<complex64>(DT_COMPLEX64, {2}, [](int64_t i) { return complex64(i, -i); });
  m["c128"] = Make<complex128>(DT_COMPLEX128, {1}, [](int64_t) { return complex128(1, 2); });
  m["scalar"] = Tensor::Scalar<float>(42.0f);
  m["empty"] = Tensor(DT_FLOAT, TensorShape({0, 3}));
  m["str"] = Make<tstring>(DT_STRING, {3}, [](int64_t i) {
    return i == 0 ? std::string() : i == 1 ? std::string("hello") : std::string("a\0\xff b", 5);
  });
  m["str_scalar"] = Tensor::Scalar<tstring>(std::string(300, 'x'));  // 2-byte varint length
  m["str_empty"] = Tensor(DT_STRING, TensorShape({0}));
  return m;
}

TEST(TensorBundleTest, RoundTripEveryDtype) {
  test::TempDir dir;
  // The prefix's directory is created, one level only (as TF's Env::CreateDir).
  EXPECT_EQ(BundleWriter(dir.Join("a/b/model")).status().code(), Code::NOT_FOUND);
  const std::string prefix = dir.Join("sub/model");
  const auto tensors = EveryDtype();
  {
    BundleWriter w(prefix);
    ASSERT_TRUE(w.status().ok()) << w.status().ToString();
    for (const auto& [k, t] : tensors) ASSERT_TRUE(w.Add(k, t).ok()) << k;
    ASSERT_TRUE(w.Finish().ok());
  }
  // Only the two final files remain: no temporaries.
  int files = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir.Join("sub"))) {
    ++files;
    EXPECT_EQ(e.path().string().find("tempstate"), std::string::npos);
  }
  EXPECT_EQ(files, 2);

  BundleReader r(prefix);
  ASSERT_TRUE(r.status().ok()) << r.status().ToString();
  EXPECT_EQ(r.num_shards(), 1);
  for (const auto& [k, t] : tensors) {
    Tensor got;
    ASSERT_TRUE(r.Lookup(k, &got).ok()) << k;
    EXPECT_TRUE(SameBytes(got, t)) << k;
    DataType dt;
    TensorShape shape;
    ASSERT_TRUE(r.LookupDtypeAndShape(k, &dt, &shape).ok());
    EXPECT_EQ(dt, t.dtype());
    EXPECT_EQ(shape, t.shape());
    EXPECT_TRUE(r.Contains(k));
  }
  EXPECT_FALSE(r.Contains("nope"));
  Tensor t;
  Status s = r.Lookup("nope", &t);
  EXPECT_EQ(s.code(), Code::NOT_FOUND);
  EXPECT_EQ(s.message(), "Key nope not found in checkpoint");

  std::map<std::string, std::pair<DataType, TensorShape>> listed;
  ASSERT_TRUE(r.ListTensors(&listed).ok());
  EXPECT_EQ(listed.size(), tensors.size());
  EXPECT_EQ(listed["f32"].second, TensorShape({2, 3}));
  std::string debug;
  ASSERT_TRUE(r.DebugString(&debug).ok());
  EXPECT_NE(debug.find("f32 (DT_FLOAT) [2,3]\n"), std::string::npos) << debug;
}

TEST(TensorBundleTest, HeaderAndEntryBytesAsTF) {
  test::TempDir dir;
  const std::string prefix = dir.Join("m");
  BundleWriter w(prefix);
  ASSERT_TRUE(w.Add("v", Make<float>(DT_FLOAT, {2}, [](int64_t i) { return float(i + 1); })).ok());
  ASSERT_TRUE(w.Finish().ok());
  std::unique_ptr<Table> table;
  ASSERT_TRUE(Table::Open(MetaFilename(prefix), &table).ok());
  Table::Iterator it(table.get());
  it.SeekToFirst();
  ASSERT_TRUE(it.Valid());
  EXPECT_EQ(it.key(), "");
  EXPECT_EQ(it.value(), std::string("\x08\x01\x1a\x02\x08\x01", 6));
  it.Next();
  ASSERT_TRUE(it.Valid());
  ::tensorflow::BundleEntryProto e;
  ASSERT_TRUE(e.ParseFromArray(it.value().data(), int(it.value().size())));
  EXPECT_EQ(e.dtype(), DT_FLOAT);
  EXPECT_EQ(e.size(), 8);
  EXPECT_EQ(e.offset(), 0);
  const float data[2] = {1, 2};
  EXPECT_EQ(e.crc32c(), crc32c::Mask(crc32c::Value(reinterpret_cast<const char*>(data), 8)));
  EXPECT_EQ(test::ReadAll(DataFilename(prefix, 0, 1)),
            std::string(reinterpret_cast<const char*>(data), 8));
}

TEST(TensorBundleTest, StringLayoutAsTF) {
  test::TempDir dir;
  const std::string prefix = dir.Join("m");
  BundleWriter w(prefix);
  ASSERT_TRUE(w.Add("s", Make<tstring>(DT_STRING, {2}, [](int64_t i) {
                  return i ? std::string("abc") : std::string("z");
                })).ok());
  ASSERT_TRUE(w.Finish().ok());
  const std::string data = test::ReadAll(DataFilename(prefix, 0, 1));
  // varint lengths, masked crc32c of the lengths as uint32 LE, then the bytes.
  const char lens_le[8] = {1, 0, 0, 0, 3, 0, 0, 0};
  const uint32_t len_crc = crc32c::Value(lens_le, 8);
  ASSERT_EQ(data.size(), 2u + 4 + 4);
  EXPECT_EQ(data.substr(0, 2), std::string("\x01\x03", 2));
  uint32_t masked;
  std::memcpy(&masked, data.data() + 2, 4);
  EXPECT_EQ(masked, crc32c::Mask(len_crc));
  EXPECT_EQ(data.substr(6), "zabc");
}

TEST(TensorBundleTest, DuplicateAndEmptyKeys) {
  test::TempDir dir;
  BundleWriter w(dir.Join("m"));
  ASSERT_TRUE(w.Add("a", Tensor::Scalar<float>(1)).ok());
  Status s = w.Add("a", Tensor::Scalar<float>(2));
  EXPECT_EQ(s.code(), Code::INVALID_ARGUMENT);
  EXPECT_EQ(s.message(), "Adding duplicate key: a");
  BundleWriter w2(dir.Join("m2"));
  EXPECT_EQ(w2.Add("", Tensor::Scalar<float>(1)).code(), Code::INVALID_ARGUMENT);
}

TEST(TensorBundleTest, AbandonedWriterLeavesOldCheckpoint) {
  test::TempDir dir;
  const std::string prefix = dir.Join("m");
  {
    BundleWriter w(prefix);
    ASSERT_TRUE(w.Add("v", Tensor::Scalar<float>(1)).ok());
    ASSERT_TRUE(w.Finish().ok());
  }
  const std::string index = test::ReadAll(MetaFilename(prefix));
  const std::string data = test::ReadAll(DataFilename(prefix, 0, 1));
  {
    BundleWriter w(prefix);  // a save that dies before Finish
    ASSERT_TRUE(w.Add("v", Tensor::Scalar<float>(2)).ok());
  }
  EXPECT_EQ(test::ReadAll(MetaFilename(prefix)), index);
  EXPECT_EQ(test::ReadAll(DataFilename(prefix, 0, 1)), data);
  int files = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir.path())) { (void)e; ++files; }
  EXPECT_EQ(files, 2);
  BundleReader r(prefix);
  Tensor t;
  ASSERT_TRUE(r.Lookup("v", &t).ok());
  EXPECT_EQ(t.scalar<float>(), 1.0f);
}

TEST(TensorBundleTest, CorruptDataIsDataLoss) {
  test::TempDir dir;
  const std::string prefix = dir.Join("m");
  {
    BundleWriter w(prefix);
    ASSERT_TRUE(w.Add("f", Make<float>(DT_FLOAT, {100}, [](int64_t i) { return float(i); })).ok());
    ASSERT_TRUE(w.Add("s", Make<tstring>(DT_STRING, {2}, [](int64_t) { return std::string("xy"); })).ok());
    ASSERT_TRUE(w.Finish().ok());
  }
  const std::string data_path = DataFilename(prefix, 0, 1);
  const std::string good = test::ReadAll(data_path);
  for (size_t pos = 0; pos < good.size(); ++pos) {
    std::string bad = good;
    bad[pos] ^= 0x01;
    test::WriteAll(data_path, bad);
    BundleReader r(prefix);
    ASSERT_TRUE(r.status().ok());
    Tensor f, s;
    Status sf = r.Lookup("f", &f), ss = r.Lookup("s", &s);
    EXPECT_TRUE(!sf.ok() || !ss.ok()) << pos;
    if (!sf.ok()) EXPECT_EQ(sf.code(), Code::DATA_LOSS) << sf.ToString();
    if (!ss.ok()) EXPECT_EQ(ss.code(), Code::DATA_LOSS) << ss.ToString();
  }
  // A truncated data file.
  test::WriteAll(data_path, good.substr(0, good.size() - 3));
  BundleReader r(prefix);
  Tensor s;
  EXPECT_EQ(r.Lookup("s", &s).code(), Code::DATA_LOSS);
  // A missing data file.
  std::filesystem::remove(data_path);
  BundleReader r2(prefix);
  Tensor f;
  EXPECT_EQ(r2.Lookup("f", &f).code(), Code::NOT_FOUND);
}

TEST(TensorBundleTest, BadIndexFiles) {
  test::TempDir dir;
  BundleReader missing(dir.Join("nothing"));
  EXPECT_EQ(missing.status().code(), Code::NOT_FOUND);
  test::WriteAll(dir.Join("garbage.index"), "not a table at all, just some bytes............");
  BundleReader garbage(dir.Join("garbage"));
  EXPECT_EQ(garbage.status().code(), Code::DATA_LOSS);
  const std::string prefix = dir.Join("m");
  {
    BundleWriter w(prefix);
    ASSERT_TRUE(w.Add("v", Tensor::Scalar<float>(1)).ok());
    ASSERT_TRUE(w.Finish().ok());
  }
  const std::string good = test::ReadAll(MetaFilename(prefix));
  for (size_t len = 0; len < good.size(); len += 7) {
    test::WriteAll(MetaFilename(prefix), good.substr(0, len));
    BundleReader r(prefix);
    EXPECT_EQ(r.status().code(), Code::DATA_LOSS) << len;
  }
}

TEST(TensorBundleTest, SlicesWriteAssembleAndRestoreParts) {
  test::TempDir dir;
  const std::string prefix = dir.Join("m");
  const TensorShape full({4, 3});
  Tensor whole = Make<float>(DT_FLOAT, full, [](int64_t i) { return float(i); });
  {
    BundleWriter w(prefix);
    TensorSlice top, bottom;
    ASSERT_TRUE(TensorSlice::Parse("0,1:-", &top).ok());
    ASSERT_TRUE(TensorSlice::Parse("1,3:-", &bottom).ok());
    ASSERT_TRUE(w.AddSlice("p", full, top, Make<float>(DT_FLOAT, {1, 3}, [](int64_t i) { return float(i); })).ok());
    ASSERT_TRUE(w.AddSlice("p", full, bottom, Make<float>(DT_FLOAT, {3, 3}, [](int64_t i) { return float(i + 3); })).ok());
    ASSERT_TRUE(w.Finish().ok());
  }
  BundleReader r(prefix);
  Tensor got;
  ASSERT_TRUE(r.Lookup("p", &got).ok());
  EXPECT_TRUE(SameBytes(got, whole));
  // A slice crossing both stored slices.
  TensorSlice mid;
  ASSERT_TRUE(TensorSlice::Parse("0,2:1,2", &mid).ok());
  Tensor part(DT_FLOAT, TensorShape({2, 2}));
  ASSERT_TRUE(r.LookupSlice("p", mid, &part).ok());
  const float want[4] = {1, 2, 4, 5};
  EXPECT_EQ(std::memcmp(part.raw_data(), want, sizeof(want)), 0);
  // Listing shows the full tensor only.
  std::map<std::string, std::pair<DataType, TensorShape>> listed;
  ASSERT_TRUE(r.ListTensors(&listed).ok());
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed["p"].second, full);
}

TEST(TensorBundleTest, MergeShards) {
  test::TempDir dir;
  const std::string a = dir.Join("tmp/part-00000-of-00002");
  const std::string b = dir.Join("tmp/part-00001-of-00002");
  {
    BundleWriter w(a);
    ASSERT_TRUE(w.Add("x", Tensor::Scalar<float>(1)).ok());
    ASSERT_TRUE(w.Add("z", Tensor::Scalar<int64_t>(3)).ok());
    ASSERT_TRUE(w.Finish().ok());
  }
  {
    BundleWriter w(b);
    ASSERT_TRUE(w.Add("y", Tensor::Scalar<tstring>("why")).ok());
    ASSERT_TRUE(w.Finish().ok());
  }
  const std::string merged = dir.Join("out/model");
  ASSERT_TRUE(MergeBundles({a, b}, merged).ok());
  EXPECT_TRUE(FileExists(DataFilename(merged, 0, 2)).ok());
  EXPECT_TRUE(FileExists(DataFilename(merged, 1, 2)).ok());
  EXPECT_FALSE(FileExists(MetaFilename(a)).ok());
  BundleReader r(merged);
  ASSERT_TRUE(r.status().ok()) << r.status().ToString();
  EXPECT_EQ(r.num_shards(), 2);
  Tensor x, y, z;
  ASSERT_TRUE(r.Lookup("x", &x).ok());
  ASSERT_TRUE(r.Lookup("y", &y).ok());
  ASSERT_TRUE(r.Lookup("z", &z).ok());
  EXPECT_EQ(x.scalar<float>(), 1.0f);
  EXPECT_EQ(y.scalar<tstring>(), "why");
  EXPECT_EQ(z.scalar<int64_t>(), 3);
  // Duplicate whole tensors cannot be merged.
  {
    BundleWriter w(a);
    ASSERT_TRUE(w.Add("x", Tensor::Scalar<float>(1)).ok());
    ASSERT_TRUE(w.Finish().ok());
    BundleWriter w2(b);
    ASSERT_TRUE(w2.Add("x", Tensor::Scalar<float>(2)).ok());
    ASSERT_TRUE(w2.Finish().ok());
  }
  EXPECT_EQ(MergeBundles({a, b}, dir.Join("out2/m")).code(), Code::INVALID_ARGUMENT);
}

TEST(TensorSliceTest, ParseAndEncode) {
  TensorShape full, slice_shape;
  TensorSlice slice;
  ASSERT_TRUE(ParseShapeAndSlice("10 4 0,5:-", &full, &slice, &slice_shape).ok());
  EXPECT_EQ(full, TensorShape({10, 4}));
  EXPECT_EQ(slice_shape, TensorShape({5, 4}));
  EXPECT_EQ(slice.DebugString(), "0,5:-");
  EXPECT_EQ(ParseShapeAndSlice("10 4 8,5:-", &full, &slice, &slice_shape).code(),
            Code::INVALID_ARGUMENT);
  EXPECT_EQ(ParseShapeAndSlice("10 0,5:-", &full, &slice, &slice_shape).code(),
            Code::INVALID_ARGUMENT);
  EXPECT_EQ(ParseShapeAndSlice("x 4 0,5:-", &full, &slice, &slice_shape).code(),
            Code::INVALID_ARGUMENT);
  EXPECT_EQ(ParseShapeAndSlice("10", &full, &slice, &slice_shape).code(),
            Code::INVALID_ARGUMENT);
  // OrderedCode: 0, "ab" + terminator, rank 2, then (start, length) per dimension.
  TensorSlice s;
  ASSERT_TRUE(TensorSlice::Parse("0,5:-", &s).ok());
  EXPECT_EQ(EncodeTensorNameSlice("ab", s),
            std::string("\x00" "ab" "\x00\x01" "\x01\x02" "\x80\x85" "\x80\x7f", 11));
  std::string big;
  ordered_code::WriteSignedNumIncreasing(&big, 64);
  EXPECT_EQ(big, std::string("\xc0\x40", 2));
  big.clear();
  ordered_code::WriteSignedNumIncreasing(&big, -65);
  EXPECT_EQ(big, std::string("\x3f\xbf", 2));
  big.clear();
  ordered_code::WriteNumIncreasing(&big, 256);
  EXPECT_EQ(big, std::string("\x02\x01\x00", 3));
}

}  // namespace
}  // namespace tfc::io
