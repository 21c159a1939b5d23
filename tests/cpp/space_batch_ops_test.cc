// SpaceToBatchND / BatchToSpaceND / SpaceToBatch / BatchToSpace / SpaceToDepth / DepthToSpace:
// shape functions (TF's INFER_OK / INFER_ERROR table) and CPU kernel values and errors.
#include <gtest/gtest.h>

#include "tests/cpp/kernel_test_util.h"
#include "tests/cpp/shape_test_util.h"

namespace tfc {
namespace {

using test::AsTensor;
using test::MakeTensor;
using test::ShapeInferenceTestOp;
using test::Values;

Tensor Pads(std::vector<int32_t> v) {
  return AsTensor<int32_t>(v, TensorShape({static_cast<int64_t>(v.size() / 2), 2}));
}

TEST(SpaceBatchShapeTest, SpaceToBatchND) {
  ShapeInferenceTestOp op("SpaceToBatchND");
  op.Attr("T", DT_FLOAT);
  INFER_OK(op, "[1,4,6,3];[2];[2,2]", "[?,?,?,3]");
  INFER_OK(op, "?;[2];[2,2]", "?");
  INFER_ERROR("block_shape must have rank 1.", op, "[1,4,6,3];?;[2,2]");
  INFER_ERROR("block_shape must have rank 1.", op, "[1,4,6,3];[1,2];[2,2]");
  INFER_ERROR("block_shape must have known size.", op, "[1,4,6,3];[?];[2,2]");
  INFER_ERROR("Shape must be at least rank 3 but is rank 2", op, "[1,4];[2];[2,2]");
  INFER_ERROR("Dimension 0 in both shapes must be equal, but are 1 and 2", op,
              "[1,4,6,3];[2];[1,2]");
  op.SetInputTensor(1, AsTensor<int32_t>({2, 3}));
  INFER_OK(op, "[2,4,6,3];[2];[2,2]", "[12,?,?,3]");
  INFER_OK(op, "[?,4,6,3];[2];[2,2]", "[?,?,?,3]");
  op.SetInputTensor(2, Pads({0, 2, 1, 2}));
  INFER_OK(op, "[2,4,6,3];[2];[2,2]", "[12,3,3,3]");
  INFER_OK(op, "[2,?,6,3,5];[2];[2,2]", "[12,?,3,3,5]");
  INFER_ERROR("Dimension size must be evenly divisible by 2 but is 5", op, "[2,3,6,3];[2];[2,2]");
  op.SetInputTensor(2, Pads({0, -1, 0, 0}));
  INFER_ERROR("paddings cannot be negative", op, "[2,4,6,3];[2];[2,2]");
  op.SetInputTensor(1, AsTensor<int32_t>({2, 0}));
  op.SetInputTensor(2, Pads({0, 0, 0, 0}));
  INFER_ERROR("block_shape must be positive", op, "[2,4,6,3];[2];[2,2]");
}

TEST(SpaceBatchShapeTest, BatchToSpaceND) {
  ShapeInferenceTestOp op("BatchToSpaceND");
  op.Attr("T", DT_FLOAT);
  INFER_OK(op, "[8,4,6,3];[2];[2,2]", "[?,?,?,3]");
  op.SetInputTensor(1, AsTensor<int32_t>({2, 2}));
  INFER_OK(op, "[8,4,6,3];[2];[2,2]", "[2,?,?,3]");
  INFER_ERROR("Dimension size must be evenly divisible by 2 but is 7", op, "[7,4,6,3];[2];[2,2]");
  op.SetInputTensor(2, Pads({1, 0, 0, 3}));
  INFER_OK(op, "[8,4,6,3];[2];[2,2]", "[2,7,9,3]");
  INFER_OK(op, "[?,4,?,3];[2];[2,2]", "[?,7,?,3]");
  op.SetInputTensor(2, Pads({0, 9, 0, 0}));
  INFER_ERROR("Negative dimension size caused by subtracting 9 from 8", op, "[8,4,6,3];[2];[2,2]");
  op.SetInputTensor(2, Pads({-1, 0, 0, 0}));
  INFER_ERROR("crops cannot be negative", op, "[8,4,6,3];[2];[2,2]");
}

TEST(SpaceBatchShapeTest, V1Ops) {
  ShapeInferenceTestOp s2b("SpaceToBatch");
  s2b.Attr("T", DT_FLOAT).Attr("block_size", int64_t{2});
  INFER_OK(s2b, "[1,4,6,3];[2,2]", "[4,?,?,3]");
  INFER_ERROR("Shape must be rank 4 but is rank 3", s2b, "[1,4,6];[2,2]");
  s2b.SetInputTensor(1, Pads({0, 0, 1, 1}));
  INFER_OK(s2b, "[1,4,6,3];[2,2]", "[4,2,4,3]");
  ShapeInferenceTestOp b2s("BatchToSpace");
  b2s.Attr("T", DT_FLOAT).Attr("block_size", int64_t{2});
  b2s.SetInputTensor(1, Pads({0, 1, 1, 0}));
  INFER_OK(b2s, "[8,2,2,3];[2,2]", "[2,3,3,3]");
  INFER_ERROR("Dimension size must be evenly divisible by 2 but is 7", b2s, "[7,2,2,1];[2,2]");
}

TEST(SpaceBatchShapeTest, DepthSpace) {
  ShapeInferenceTestOp s2d("SpaceToDepth");
  s2d.Attr("T", DT_FLOAT).Attr("block_size", int64_t{2});
  INFER_OK(s2d, "[1,4,6,3]", "[1,2,3,12]");
  INFER_OK(s2d, "[?,?,6,?]", "[?,?,3,?]");
  INFER_OK(s2d, "?", "[?,?,?,?]");
  INFER_ERROR("Dimension size must be evenly divisible by 2 but is 5", s2d, "[1,5,4,1]");
  INFER_ERROR("Shape must be rank 4 but is rank 3", s2d, "[1,4,4]");
  ShapeInferenceTestOp s2d_nchw("SpaceToDepth");
  s2d_nchw.Attr("T", DT_FLOAT).Attr("block_size", int64_t{2}).Attr("data_format", "NCHW");
  INFER_OK(s2d_nchw, "[1,3,4,6]", "[1,12,2,3]");
  ShapeInferenceTestOp d2s("DepthToSpace");
  d2s.Attr("T", DT_FLOAT).Attr("block_size", int64_t{2});
  INFER_OK(d2s, "[1,4,4,8]", "[1,8,8,2]");
  INFER_ERROR("Dimension size must be evenly divisible by 4 but is 3", d2s, "[1,4,4,3]");
}

TEST(SpaceBatchKernelTest, SpaceToBatchNDValues) {
  // x[0, h, w, 0] = 10 h + w over a 3x4 image, padded by one row at the top.
  std::vector<float> x;
  for (int h = 0; h < 3; ++h) {
    for (int w = 0; w < 4; ++w) x.push_back(static_cast<float>(10 * h + w));
  }
  Tensor out;
  ASSERT_TRUE(test::RunOp("SpaceToBatchND",
                          {MakeTensor<float>(TensorShape({1, 3, 4, 1}), x),
                           AsTensor<int32_t>({2, 2}), Pads({1, 0, 0, 0})},
                          test::TypeAttr(DT_FLOAT), &out).ok());
  EXPECT_EQ(out.shape().DebugString(), "[4,2,2,1]");
  // Batch b = (offset_h * 2 + offset_w); padded row 0 is zero.
  EXPECT_EQ(Values<float>(out), (std::vector<float>{0, 0, 10, 12, 0, 0, 11, 13, 0, 2, 20, 22,
                                                    1, 3, 21, 23}));
  Tensor back;
  ASSERT_TRUE(test::RunOp("BatchToSpaceND", {out, AsTensor<int32_t>({2, 2}), Pads({1, 0, 0, 0})},
                          test::TypeAttr(DT_FLOAT), &back).ok());
  EXPECT_EQ(back.shape().DebugString(), "[1,3,4,1]");
  EXPECT_EQ(Values<float>(back), x);
}

TEST(SpaceBatchKernelTest, ParallelRoundTripInt64Args) {
  const TensorShape shape({3, 40, 30, 5});
  std::vector<int32_t> x(shape.num_elements());
  for (size_t i = 0; i < x.size(); ++i) x[i] = static_cast<int32_t>(i);
  auto set = test::TypeAttrs({{"T", DT_INT32}, {"Tblock_shape", DT_INT64},
                              {"Tpaddings", DT_INT64}, {"Tcrops", DT_INT64}});
  Tensor block = AsTensor<int64_t>({3, 4});
  Tensor pads = AsTensor<int64_t>({1, 1, 2, 0}, TensorShape({2, 2}));
  std::vector<Tensor> out, back;
  ASSERT_TRUE(test::RunKernel(test::MakeNode("SpaceToBatchND", 3, set),
                              {MakeTensor<int32_t>(shape, x), block, pads}, &out,
                              test::TestPool(4)).ok());
  EXPECT_EQ(out[0].shape().DebugString(), "[36,14,8,5]");
  ASSERT_TRUE(test::RunKernel(test::MakeNode("BatchToSpaceND", 3, set), {out[0], block, pads},
                              &back, test::TestPool(4)).ok());
  EXPECT_EQ(Values<int32_t>(back[0]), x);
}

TEST(SpaceBatchKernelTest, V1AndDepthSpace) {
  Tensor x = MakeTensor<float>(TensorShape({1, 2, 2, 1}), {1, 2, 3, 4});
  auto v1 = [](::tensorflow::NodeDef* d) {
    AddNodeAttr("T", DT_FLOAT, d);
    AddNodeAttr("block_size", int64_t{2}, d);
  };
  Tensor out;
  ASSERT_TRUE(test::RunOp("SpaceToBatch", {x, Pads({0, 0, 0, 0})}, v1, &out).ok());
  EXPECT_EQ(out.shape().DebugString(), "[4,1,1,1]");
  EXPECT_EQ(Values<float>(out), (std::vector<float>{1, 2, 3, 4}));
  ASSERT_TRUE(test::RunOp("SpaceToDepth", {x}, v1, &out).ok());
  EXPECT_EQ(out.shape().DebugString(), "[1,1,1,4]");
  EXPECT_EQ(Values<float>(out), (std::vector<float>{1, 2, 3, 4}));
  ASSERT_TRUE(test::RunOp("DepthToSpace", {out}, v1, &out).ok());
  EXPECT_EQ(out.shape().DebugString(), "[1,2,2,1]");
  // NCHW: [1, 2, 2, 2] with two channels -> [1, 8, 1, 1] ordered (block pos, channel).
  Tensor xc = MakeTensor<float>(TensorShape({1, 2, 2, 2}), {1, 2, 3, 4, 5, 6, 7, 8});
  auto nchw = [](::tensorflow::NodeDef* d) {
    AddNodeAttr("T", DT_FLOAT, d);
    AddNodeAttr("block_size", int64_t{2}, d);
    AddNodeAttr("data_format", "NCHW", d);
  };
  ASSERT_TRUE(test::RunOp("SpaceToDepth", {xc}, nchw, &out).ok());
  EXPECT_EQ(out.shape().DebugString(), "[1,8,1,1]");
  EXPECT_EQ(Values<float>(out), (std::vector<float>{1, 5, 2, 6, 3, 7, 4, 8}));
  ASSERT_TRUE(test::RunOp("DepthToSpace", {out}, nchw, &out).ok());
  EXPECT_EQ(Values<float>(out), (std::vector<float>{1, 2, 3, 4, 5, 6, 7, 8}));
}

void ExpectError(const Status& s, const std::string& text) {
  EXPECT_EQ(s.code(), Code::INVALID_ARGUMENT) << s.message();
  EXPECT_NE(s.message().find(text), std::string::npos) << s.message();
}

TEST(SpaceBatchKernelTest, Errors) {
  Tensor out;
  auto f = test::TypeAttr(DT_FLOAT);
  Tensor x = MakeTensor<float>(TensorShape({1, 5, 4, 1}), {0});
  ExpectError(test::RunOp("SpaceToBatchND", {x, AsTensor<int32_t>({2, 2}), Pads({0, 0, 0, 0})},
                          f, &out),
              "padded_shape[0]=5 is not divisible by block_shape[0]=2");
  ExpectError(test::RunOp("SpaceToBatchND", {x, AsTensor<int32_t>({2, 2}), Pads({0, 0})}, f,
                          &out),
              "paddings should have shape [2, 2] instead of [1,2]");
  ExpectError(test::RunOp("SpaceToBatchND",
                          {x, AsTensor<int32_t>({2, 2}, TensorShape({1, 2})), Pads({0, 0, 0, 0})},
                          f, &out),
              "block_shape rank should be 1 instead of 2");
  ExpectError(test::RunOp("SpaceToBatchND",
                          {MakeTensor<float>(TensorShape({2}), {0}), AsTensor<int32_t>({2, 2}),
                           Pads({0, 0, 0, 0})},
                          f, &out),
              "input rank should be >= 3 instead of 1");
  ExpectError(test::RunOp("BatchToSpaceND", {x, AsTensor<int32_t>({2, 2}), Pads({0, 0, 0, 0})},
                          f, &out),
              "Input batch dimension (1) is not divisible by product of block sizes (4)");
  Tensor four = MakeTensor<float>(TensorShape({4, 1, 1, 1}), {0});
  ExpectError(test::RunOp("BatchToSpaceND", {four, AsTensor<int32_t>({2, 2}), Pads({0, 3, 0, 0})},
                          f, &out),
              "cropped_shape[0]=-1 must be non-negative");
  // Huge blocks: overflow is an error, never a crash or a huge allocation.
  ExpectError(test::RunOp("BatchToSpaceND",
                          {four, AsTensor<int64_t>({int64_t{1} << 40, int64_t{1} << 40}),
                           Pads({0, 0, 0, 0})},
                          test::TypeAttrs({{"T", DT_FLOAT}, {"Tblock_shape", DT_INT64}}), &out),
              "overflows");
  auto v1 = [](::tensorflow::NodeDef* d) {
    AddNodeAttr("T", DT_FLOAT, d);
    AddNodeAttr("block_size", int64_t{2}, d);
  };
  ExpectError(test::RunOp("SpaceToDepth", {MakeTensor<float>(TensorShape({1, 4, 4}), {0})}, v1,
                          &out),
              "Input rank should be: 4 instead of: 3");
  ExpectError(test::RunOp("SpaceToDepth", {x}, v1, &out),
              "Image width 4 and height 5 should be divisible by block_size: 2");
  ExpectError(test::RunOp("DepthToSpace", {MakeTensor<float>(TensorShape({1, 2, 2, 3}), {0})},
                          v1, &out),
              "Input depth dimension 3 should be divisible by: 4");
  auto huge = [](::tensorflow::NodeDef* d) {
    AddNodeAttr("T", DT_FLOAT, d);
    AddNodeAttr("block_size", int64_t{1} << 33, d);
  };
  ExpectError(test::RunOp("DepthToSpace", {MakeTensor<float>(TensorShape({1, 2, 2, 3}), {0})},
                          huge, &out),
              "squared overflows int64");
  ExpectError(test::RunOp("SpaceToBatch", {MakeTensor<float>(TensorShape({1, 4, 4}), {0}),
                                           Pads({0, 0, 0, 0})},
                          v1, &out),
              "input rank should be 4 instead of 3");
}

}  // namespace
}  // namespace tfc
