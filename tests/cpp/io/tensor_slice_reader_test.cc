// V1 checkpoints (tensor slices): TensorSliceReader on files laid out as TF's V1 writer lays
// them out (built here with the table builder), and the Restore/RestoreSlice/RestoreV2 kernels.
#include <gtest/gtest.h>

#include <map>

#include "core/io/table_builder.h"
#include "core/io/tensor_slice_reader.h"
#include "tensorflow/core/util/saved_tensor_slice.pb.h"
#include "tests/cpp/io/io_test_util.h"
#include "tests/cpp/kernel_test_util.h"

namespace tfc {
namespace {

struct V1Slice {
  std::string name;
  TensorShape full;
  DataType dtype;
  std::string slice;  // "0,2:-"; "" for the whole tensor
  ::tensorflow::TensorProto data;
};

// Writes one V1 shard: the table of contents under "", each slice under its ordered-code key.
void WriteV1(const std::string& path, const std::vector<V1Slice>& slices, int min_consumer = 0) {
  std::map<std::string, std::string> records;
  ::tensorflow::SavedTensorSlices meta;
  meta.mutable_meta()->mutable_versions()->set_producer(1);
  meta.mutable_meta()->mutable_versions()->set_min_consumer(min_consumer);
  std::map<std::string, ::tensorflow::SavedSliceMeta*> by_name;
  for (const V1Slice& s : slices) {
    io::TensorSlice slice(s.full.dims());
    if (!s.slice.empty()) ASSERT_TRUE(io::TensorSlice::Parse(s.slice, &slice).ok());
    auto*& ssm = by_name[s.name];
    if (ssm == nullptr) {
      ssm = meta.mutable_meta()->add_tensor();
      ssm->set_name(s.name);
      for (int64_t d : s.full.dim_sizes()) ssm->mutable_shape()->add_dim()->set_size(d);
      ssm->set_type(s.dtype);
    }
    slice.AsProto(ssm->add_slice());
    ::tensorflow::SavedTensorSlices rec;
    rec.mutable_data()->set_name(s.name);
    slice.AsProto(rec.mutable_data()->mutable_slice());
    *rec.mutable_data()->mutable_data() = s.data;
    records[io::EncodeTensorNameSlice(s.name, slice)] = rec.SerializeAsString();
  }
  records[""] = meta.SerializeAsString();
  std::unique_ptr<io::WritableFile> f;
  ASSERT_TRUE(io::WritableFile::Create(path, &f).ok());
  io::TableBuilder builder(io::TableOptions(), f.get());
  for (const auto& [k, v] : records) ASSERT_TRUE(builder.Add(k, v).ok());
  ASSERT_TRUE(builder.Finish().ok());
  ASSERT_TRUE(f->Close().ok());
}

::tensorflow::TensorProto FloatData(std::vector<float> v) {
  ::tensorflow::TensorProto p;
  for (float x : v) p.add_float_val(x);
  return p;
}

::tensorflow::TensorProto StringData(std::vector<std::string> v) {
  ::tensorflow::TensorProto p;
  for (auto& x : v) p.add_string_val(x);
  return p;
}

Tensor Str(const std::string& s) { return Tensor::Scalar<tstring>(s); }

Tensor Strings(std::vector<std::string> v) {
  Tensor t(DT_STRING, TensorShape({static_cast<int64_t>(v.size())}));
  for (size_t i = 0; i < v.size(); ++i) t.data<tstring>()[i] = v[i];
  return t;
}

test::AttrSetter Dt(DataType dt) {
  return [dt](::tensorflow::NodeDef* d) { AddNodeAttr("dt", dt, d); };
}

// A 4x3 float tensor "p" saved as two row slices in two shards, a string "s" and a half "h".
void WriteSharded(const io::test::TempDir& dir) {
  WriteV1(dir.Join("m-00000-of-00002"),
          {{"p", TensorShape({4, 3}), DT_FLOAT, "0,2:-", FloatData({0, 1, 2, 3, 4, 5})},
           {"s", TensorShape({2}), DT_STRING, "", StringData({"ab", std::string("\0z", 2)})}});
  ::tensorflow::TensorProto half;
  half.add_half_val(0x3c00);  // 1.0
  half.add_half_val(0xc000);  // -2.0
  WriteV1(dir.Join("m-00001-of-00002"),
          {{"p", TensorShape({4, 3}), DT_FLOAT, "2,2:-", FloatData({6, 7, 8, 9, 10, 11})},
           {"h", TensorShape({2}), DT_HALF, "", half}});
}

TEST(TensorSliceReaderTest, ShardedPatternAndSlices) {
  io::test::TempDir dir;
  WriteSharded(dir);
  io::TensorSliceReader reader(dir.Join("m-?????-of-00002"));
  ASSERT_TRUE(reader.status().ok()) << reader.status().ToString();
  ASSERT_EQ(reader.tensors().size(), 3u);
  TensorShape shape;
  DataType dt;
  ASSERT_TRUE(reader.HasTensor("p", &shape, &dt));
  EXPECT_EQ(shape, TensorShape({4, 3}));
  EXPECT_EQ(dt, DT_FLOAT);
  EXPECT_FALSE(reader.HasTensor("q", nullptr, nullptr));
  EXPECT_EQ(reader.DebugString(),
            "h (DT_HALF) [2]\np (DT_FLOAT) [4,3], 2 slices\ns (DT_STRING) [2]\n");

  Tensor whole;
  ASSERT_TRUE(reader.GetTensor("p", &whole).ok());
  ASSERT_EQ(whole.shape(), TensorShape({4, 3}));
  for (int i = 0; i < 12; ++i) EXPECT_EQ(whole.data<float>()[i], float(i));
  // A column slice across both stored row slices.
  io::TensorSlice cols;
  ASSERT_TRUE(io::TensorSlice::Parse("1,3:1,2", &cols).ok());
  Tensor part(DT_FLOAT, TensorShape({3, 2}));
  ASSERT_TRUE(reader.CopySliceData("p", cols, &part).ok());
  const float want[] = {4, 5, 7, 8, 10, 11};
  for (int i = 0; i < 6; ++i) EXPECT_EQ(part.data<float>()[i], want[i]);

  Tensor s, h;
  ASSERT_TRUE(reader.GetTensor("s", &s).ok());
  EXPECT_EQ(s.data<tstring>()[0], "ab");
  EXPECT_EQ(std::string(s.data<tstring>()[1]), std::string("\0z", 2));
  ASSERT_TRUE(reader.GetTensor("h", &h).ok());
  EXPECT_EQ(static_cast<float>(h.data<half>()[1]), -2.0f);

  Status st = reader.GetTensor("q", &s);
  EXPECT_EQ(st.code(), Code::NOT_FOUND);
  EXPECT_EQ(st.message(), "q not found in checkpoint file");
}

TEST(TensorSliceReaderTest, MissingAndCorruptFiles) {
  io::test::TempDir dir;
  io::TensorSliceReader missing(dir.Join("nothing"));
  EXPECT_EQ(missing.status().code(), Code::NOT_FOUND);
  EXPECT_EQ(missing.status().message(),
            "Unsuccessful TensorSliceReader constructor: Failed to find any matching files for " +
                dir.Join("nothing"));

  io::test::WriteAll(dir.Join("garbage"), "this is not a table at all, not even close......!");
  io::TensorSliceReader garbage(dir.Join("garbage"));
  EXPECT_EQ(garbage.status().code(), Code::DATA_LOSS);
  EXPECT_NE(garbage.status().message().find("Unable to open table file"), std::string::npos);

  // Every flipped byte of a valid file gives an error or the right values, never a crash.
  WriteV1(dir.Join("ok"), {{"p", TensorShape({2}), DT_FLOAT, "", FloatData({1, 2})}});
  const std::string good = io::test::ReadAll(dir.Join("ok"));
  int failures = 0;
  for (size_t i = 0; i < good.size(); ++i) {
    std::string bad = good;
    bad[i] ^= 0x20;
    io::test::WriteAll(dir.Join("bad"), bad);
    io::TensorSliceReader r(dir.Join("bad"));
    Tensor t;
    Status st = r.status().ok() ? r.GetTensor("p", &t) : r.status();
    if (!st.ok()) {
      ++failures;
      EXPECT_TRUE(st.code() == Code::DATA_LOSS || st.code() == Code::INTERNAL ||
                  st.code() == Code::NOT_FOUND)
          << i << ": " << st.ToString();
    } else {
      EXPECT_EQ(t.data<float>()[1], 2.0f) << i;
    }
  }
  EXPECT_GT(failures, static_cast<int>(good.size()) / 2);

  // A record holding fewer values than its slice needs; a slice set with a hole.
  WriteV1(dir.Join("short"), {{"p", TensorShape({3}), DT_FLOAT, "", FloatData({1, 2})}});
  io::TensorSliceReader short_r(dir.Join("short"));
  Tensor t;
  EXPECT_EQ(short_r.GetTensor("p", &t).code(), Code::DATA_LOSS);
  WriteV1(dir.Join("hole"), {{"p", TensorShape({4}), DT_FLOAT, "0,2", FloatData({1, 2})}});
  io::TensorSliceReader hole(dir.Join("hole"));
  Status st = hole.GetTensor("p", &t);
  EXPECT_EQ(st.code(), Code::INVALID_ARGUMENT);
  EXPECT_EQ(st.message().rfind("Error copying slice data", 0), 0u);
  // Overlapping slices and a newer format.
  WriteV1(dir.Join("overlap"), {{"p", TensorShape({4}), DT_FLOAT, "0,3", FloatData({1, 2, 3})},
                                {"p", TensorShape({4}), DT_FLOAT, "2,2", FloatData({3, 4})}});
  EXPECT_EQ(io::TensorSliceReader(dir.Join("overlap")).status().code(), Code::INTERNAL);
  WriteV1(dir.Join("newer"), {{"p", TensorShape({1}), DT_FLOAT, "", FloatData({1})}}, 5);
  io::TensorSliceReader newer(dir.Join("newer"));
  EXPECT_EQ(newer.status().code(), Code::INVALID_ARGUMENT);
  EXPECT_NE(newer.status().message().find("min consumer version 5"), std::string::npos);
}

TEST(RestoreV1OpsTest, RestoreRestoreSliceAndRestoreV2Fallback) {
  io::test::TempDir dir;
  WriteSharded(dir);
  const std::string pattern = dir.Join("m-?????-of-00002");
  std::vector<Tensor> out;
  ASSERT_TRUE(test::RunOp("Restore", {Str(pattern), Str("p")}, Dt(DT_FLOAT), &out).ok());
  ASSERT_EQ(out[0].shape(), TensorShape({4, 3}));
  EXPECT_EQ(out[0].data<float>()[11], 11.0f);
  ASSERT_TRUE(test::RunOp("RestoreSlice", {Str(pattern), Str("p"), Str("4 3 3,1:0,2")},
                          Dt(DT_FLOAT), &out).ok());
  ASSERT_EQ(out[0].shape(), TensorShape({1, 2}));
  EXPECT_EQ(out[0].data<float>()[1], 10.0f);

  Status st = test::RunOp("Restore", {Str(pattern), Str("p")}, Dt(DT_DOUBLE), &out);
  EXPECT_EQ(st.code(), Code::INVALID_ARGUMENT);
  EXPECT_EQ(st.message(),
            "Expected to restore a tensor of type double, got a tensor of type float instead: "
            "tensor_name = p");
  st = test::RunOp("Restore", {Str(pattern), Str("zz")}, Dt(DT_FLOAT), &out);
  EXPECT_EQ(st.code(), Code::NOT_FOUND);
  EXPECT_EQ(st.message(), "Tensor name \"zz\" not found in checkpoint files " + pattern);
  st = test::RunOp("RestoreSlice", {Str(pattern), Str("p"), Str("5 3 0,1:-")}, Dt(DT_FLOAT),
                   &out);
  EXPECT_EQ(st.code(), Code::INVALID_ARGUMENT);
  st = test::RunOp("Restore", {Strings({pattern, pattern}), Str("p")}, Dt(DT_FLOAT), &out);
  EXPECT_EQ(st.code(), Code::INVALID_ARGUMENT);
  st = test::RunOp("Restore", {Str(dir.Join("none")), Str("p")}, Dt(DT_FLOAT), &out);
  EXPECT_EQ(st.code(), Code::NOT_FOUND);

  // RestoreV2 on a prefix with no .index reads the V1 files.
  auto dtypes = [](DataTypeVector dts) {
    return [dts](::tensorflow::NodeDef* d) { AddNodeAttr("dtypes", dts, d); };
  };
  ASSERT_TRUE(test::RunOp("RestoreV2", {Str(pattern), Strings({"s", "p", "h"}),
                                        Strings({"", "4 3 1,2:-", ""})},
                          dtypes({DT_STRING, DT_FLOAT, DT_HALF}), &out).ok());
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out[0].data<tstring>()[0], "ab");
  ASSERT_EQ(out[1].shape(), TensorShape({2, 3}));
  EXPECT_EQ(out[1].data<float>()[0], 3.0f);
  EXPECT_EQ(static_cast<float>(out[2].data<half>()[0]), 1.0f);
  st = test::RunOp("RestoreV2", {Str(pattern), Strings({"p"}), Strings({""})},
                   dtypes({DT_INT32}), &out);
  EXPECT_EQ(st.code(), Code::INVALID_ARGUMENT);
}

}  // namespace
}  // namespace tfc
