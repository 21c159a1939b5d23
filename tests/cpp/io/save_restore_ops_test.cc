#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>

#include "core/io/tensor_bundle.h"
#include "tests/cpp/io/io_test_util.h"
#include "tests/cpp/kernel_test_util.h"
#include "tests/cpp/shape_test_util.h"

namespace tfc {
namespace {

Tensor Strings(std::vector<std::string> v) {
  Tensor t(DT_STRING, TensorShape({static_cast<int64_t>(v.size())}));
  for (size_t i = 0; i < v.size(); ++i) t.data<tstring>()[i] = v[i];
  return t;
}

Tensor Floats(TensorShape shape, float start) {
  Tensor t(DT_FLOAT, shape);
  for (int64_t i = 0; i < t.NumElements(); ++i) t.data<float>()[i] = start + i;
  return t;
}

test::AttrSetter Dtypes(DataTypeVector dts) {
  return [dts](::tensorflow::NodeDef* d) { AddNodeAttr("dtypes", dts, d); };
}

Status Save(const std::string& prefix, std::vector<std::string> names,
            std::vector<std::string> specs, std::vector<Tensor> tensors) {
  DataTypeVector dts;
  std::vector<Tensor> inputs = {Tensor::Scalar<tstring>(prefix), Strings(names), Strings(specs)};
  for (auto& t : tensors) {
    dts.push_back(t.dtype());
    inputs.push_back(t);
  }
  std::vector<Tensor> out;
  return test::RunOp("SaveV2", inputs, Dtypes(dts), &out);
}

Status Restore(const std::string& prefix, std::vector<std::string> names,
               std::vector<std::string> specs, DataTypeVector dts, std::vector<Tensor>* out) {
  return test::RunOp("RestoreV2",
                     {Tensor::Scalar<tstring>(prefix), Strings(names), Strings(specs)},
                     Dtypes(dts), out);
}

TEST(SaveRestoreV2Test, RoundTripAndErrors) {
  io::test::TempDir dir;
  const std::string prefix = dir.Join("model.ckpt-1");
  Tensor s = Strings({"a", "bc"});
  ASSERT_TRUE(Save(prefix, {"w", "b", "s"}, {"", "", ""},
                   {Floats({2, 2}, 1), Tensor::Scalar<int64_t>(7), s}).ok());
  std::vector<Tensor> out;
  // Any order of names; outputs follow the request.
  ASSERT_TRUE(Restore(prefix, {"s", "w", "b"}, {"", "", ""}, {DT_STRING, DT_FLOAT, DT_INT64},
                      &out).ok());
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out[0].data<tstring>()[1], "bc");
  EXPECT_EQ(out[1].shape(), TensorShape({2, 2}));
  EXPECT_EQ(out[1].data<float>()[3], 4.0f);
  EXPECT_EQ(out[2].scalar<int64_t>(), 7);

  Status st = Restore(prefix, {"missing"}, {""}, {DT_FLOAT}, &out);
  EXPECT_EQ(st.code(), Code::NOT_FOUND);
  EXPECT_EQ(st.message(), "Key missing not found in checkpoint");
  st = Restore(prefix, {"w"}, {""}, {DT_DOUBLE}, &out);
  EXPECT_EQ(st.code(), Code::INVALID_ARGUMENT);
  EXPECT_EQ(st.message(), "tensor_name = w; expected dtype double does not equal original dtype float");
  st = Restore(dir.Join("nothing"), {"w"}, {""}, {DT_FLOAT}, &out);
  EXPECT_EQ(st.code(), Code::NOT_FOUND);
  EXPECT_NE(st.message().find("Failed to find any matching files for"), std::string::npos);
  st = Restore(prefix, {"w", "b"}, {""}, {DT_FLOAT, DT_INT64}, &out);
  EXPECT_EQ(st.code(), Code::INVALID_ARGUMENT);
  st = Restore(prefix, {"w"}, {""}, {DT_FLOAT, DT_INT64}, &out);
  EXPECT_EQ(st.code(), Code::INVALID_ARGUMENT);

  // A flipped byte in the data file.
  const std::string data = io::DataFilename(prefix, 0, 1);
  std::string bytes = io::test::ReadAll(data);
  bytes[5] ^= 0x40;
  io::test::WriteAll(data, bytes);
  st = Restore(prefix, {"w"}, {""}, {DT_FLOAT}, &out);
  EXPECT_EQ(st.code(), Code::DATA_LOSS) << st.ToString();
}

TEST(SaveRestoreV2Test, SaveInputChecks) {
  io::test::TempDir dir;
  std::vector<Tensor> out;
  // Two names, one tensor.
  Status st = test::RunOp(
      "SaveV2", {Tensor::Scalar<tstring>(dir.Join("m")), Strings({"a", "b"}), Strings({"", ""}),
                 Floats({1}, 0)},
      Dtypes({DT_FLOAT}), &out);
  EXPECT_EQ(st.code(), Code::INVALID_ARGUMENT);
  st = Save(dir.Join("m"), {"a", "a"}, {"", ""}, {Floats({1}, 0), Floats({1}, 0)});
  EXPECT_EQ(st.code(), Code::INVALID_ARGUMENT);
  EXPECT_FALSE(std::filesystem::exists(dir.Join("m.index")));
  st = Save(dir.Join("m"), {"a"}, {"4 0,2"}, {Floats({3}, 0)});  // slice shape != tensor shape
  EXPECT_EQ(st.code(), Code::INVALID_ARGUMENT);
}

TEST(SaveRestoreV2Test, PartitionedSlices) {
  io::test::TempDir dir;
  const std::string prefix = dir.Join("m");
  ASSERT_TRUE(Save(prefix, {"p", "p"}, {"4 3 0,2:-", "4 3 2,2:-"},
                   {Floats({2, 3}, 0), Floats({2, 3}, 6)}).ok());
  std::vector<Tensor> out;
  ASSERT_TRUE(Restore(prefix, {"p"}, {""}, {DT_FLOAT}, &out).ok());
  ASSERT_EQ(out[0].shape(), TensorShape({4, 3}));
  for (int i = 0; i < 12; ++i) EXPECT_EQ(out[0].data<float>()[i], float(i));
  // Repartitioned differently on restore.
  ASSERT_TRUE(Restore(prefix, {"p", "p"}, {"4 3 0,1:-", "4 3 1,3:-"}, {DT_FLOAT, DT_FLOAT},
                      &out).ok());
  EXPECT_EQ(out[0].shape(), TensorShape({1, 3}));
  EXPECT_EQ(out[1].shape(), TensorShape({3, 3}));
  EXPECT_EQ(out[1].data<float>()[0], 3.0f);
  Status st = Restore(prefix, {"p"}, {"5 3 0,1:-"}, {DT_FLOAT}, &out);
  EXPECT_EQ(st.code(), Code::INVALID_ARGUMENT);
  EXPECT_NE(st.message().find("does not match the shape stored in checkpoint"), std::string::npos);
}

TEST(SaveRestoreV2Test, MergeV2CheckpointsOp) {
  io::test::TempDir dir;
  const std::string tmp = dir.Join("model_temp_abc");
  ASSERT_TRUE(Save(tmp + "/part-00000-of-00002", {"a"}, {""}, {Floats({2}, 1)}).ok());
  ASSERT_TRUE(Save(tmp + "/part-00001-of-00002", {"b"}, {""}, {Floats({3}, 5)}).ok());
  std::vector<Tensor> out;
  ASSERT_TRUE(test::RunOp("MergeV2Checkpoints",
                          {Strings({tmp + "/part-00000-of-00002", tmp + "/part-00001-of-00002"}),
                           Tensor::Scalar<tstring>(dir.Join("model"))},
                          nullptr, &out).ok());
  EXPECT_FALSE(std::filesystem::exists(tmp));  // delete_old_dirs defaults to true
  ASSERT_TRUE(Restore(dir.Join("model"), {"a", "b"}, {"", ""}, {DT_FLOAT, DT_FLOAT}, &out).ok());
  EXPECT_EQ(out[0].data<float>()[1], 2.0f);
  EXPECT_EQ(out[1].data<float>()[2], 7.0f);
  EXPECT_EQ(test::RunOp("MergeV2Checkpoints", {Strings({"x"}), Strings({"y"})}, nullptr, &out).code(),
            Code::INVALID_ARGUMENT);
}

TEST(SaveRestoreV2Test, ShapeFunctions) {
  test::ShapeInferenceTestOp save("SaveV2");
  save.Attr("dtypes", DataTypeVector{DT_FLOAT, DT_INT32});
  INFER_OK(save, "[];[2];[2];?;?", "");
  INFER_ERROR("Shape must be rank 0", save, "[1];[2];[2];?;?");
  INFER_ERROR("", save, "[];[3];[2];?;?");

  test::ShapeInferenceTestOp restore("RestoreV2");
  restore.Attr("dtypes", DataTypeVector{DT_FLOAT, DT_INT32});
  INFER_OK(restore, "[];[2];[2]", "?;?");
  INFER_ERROR("", restore, "[];[2];[3]");
  restore.SetInputTensor(2, Strings({"", "10 4 0,5:-"}));
  INFER_OK(restore, "[];[2];[2]", "?;[5,4]");

  test::ShapeInferenceTestOp merge("MergeV2Checkpoints");
  INFER_OK(merge, "[3];[]", "");
  INFER_ERROR("Shape must be rank 1", merge, "[];[]");
}

}  // namespace
}  // namespace tfc
