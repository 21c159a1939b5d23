// Shape functions and CPU kernels of the convolution and pooling ops.
#include <gtest/gtest.h>

#include <vector>

#include "tests/cpp/kernel_test_util.h"
#include "tests/cpp/shape_test_util.h"

namespace tfc {
namespace {

using test::ShapeInferenceTestOp;

std::vector<int64_t> L(std::initializer_list<int64_t> v) { return v; }

TEST(NnConvShapeTest, Conv2D) {
  ShapeInferenceTestOp op("Conv2D");
  op.Attr("strides", L({1, 1, 1, 1})).Attr("padding", "VALID");
  INFER_OK(op, "[1,4,4,3];[2,2,3,5]", "[1,3,3,5]");
  INFER_OK(op, "[?,4,?,3];[2,2,3,5]", "[?,3,?,5]");
  INFER_OK(op, "?;?", "[?,?,?,?]");
  INFER_ERROR("Shape must be rank 4 but is rank 3", op, "[1,4,4];[2,2,3,5]");
  INFER_ERROR("Depth of input (3) is not a multiple of input depth of filter (2)", op,
              "[1,4,4,3];[2,2,2,5]");
  INFER_ERROR("Negative dimension size caused by subtracting 4 from 3", op,
              "[1,3,4,3];[5,2,3,5]");
  op.Attr("padding", "SAME").Attr("strides", L({1, 2, 3, 1}));
  INFER_OK(op, "[2,5,7,3];[3,3,3,4]", "[2,3,3,4]");
  op.Attr("padding", "VALID").Attr("dilations", L({1, 2, 2, 1})).Attr("strides", L({1, 1, 1, 1}));
  INFER_OK(op, "[1,7,7,1];[3,3,1,1]", "[1,3,3,1]");
  op.Attr("data_format", "NCHW").Attr("dilations", L({1, 1, 1, 1}));
  INFER_OK(op, "[1,3,6,5];[2,2,3,8]", "[1,8,5,4]");
  op.Attr("strides", L({1, 1, 1}));
  INFER_ERROR("Conv2D requires the stride attribute to contain 4 values, but got: 3", op,
              "[1,3,6,5];[2,2,3,8]");
  ShapeInferenceTestOp ex("Conv2D");
  ex.Attr("strides", L({1, 1, 1, 1})).Attr("padding", "EXPLICIT");
  ex.Attr("explicit_paddings", L({0, 0, 1, 2, 0, 3, 0, 0}));
  INFER_OK(ex, "[1,4,4,3];[3,3,3,2]", "[1,5,5,2]");
  ex.Attr("explicit_paddings", L({1, 0, 1, 2, 0, 3, 0, 0}));
  INFER_ERROR("Nonzero explicit padding in the batch or depth dimensions", ex,
              "[1,4,4,3];[3,3,3,2]");
  ex.Attr("explicit_paddings", L({0, 0}));
  INFER_ERROR("explicit_paddings attribute must contain 8 values, but got: 2", ex,
              "[1,4,4,3];[3,3,3,2]");
}

TEST(NnConvShapeTest, BackpropsDepthwiseConv3D) {
  ShapeInferenceTestOp bi("Conv2DBackpropInput");
  bi.Attr("strides", L({1, 1, 1, 1})).Attr("padding", "SAME");
  bi.SetInputTensor(0, test::AsTensor<int32_t>({2, 5, 5, 3}));
  INFER_OK(bi, "[4];[3,3,3,2];[2,5,5,2]", "[2,5,5,3]");
  ShapeInferenceTestOp bf("Conv2DBackpropFilter");
  bf.Attr("strides", L({1, 1, 1, 1})).Attr("padding", "SAME");
  INFER_OK(bf, "[2,5,5,3];[4];[2,5,5,2]", "[?,?,?,?]");
  ShapeInferenceTestOp dw("DepthwiseConv2dNative");
  dw.Attr("strides", L({1, 2, 2, 1})).Attr("padding", "SAME");
  INFER_OK(dw, "[1,5,5,3];[3,3,3,2]", "[1,3,3,6]");
  INFER_ERROR("Dimensions must be equal, but are 3 and 2", dw, "[1,5,5,3];[3,3,2,2]");
  ShapeInferenceTestOp c3("Conv3D");
  c3.Attr("strides", L({1, 1, 2, 1, 1})).Attr("padding", "VALID");
  INFER_OK(c3, "[1,4,5,6,2];[2,2,2,2,7]", "[1,3,2,5,7]");
  INFER_ERROR("Shape must be rank 5 but is rank 4", c3, "[1,4,5,6];[2,2,2,2,7]");
}

TEST(NnConvShapeTest, Pools) {
  ShapeInferenceTestOp mp("MaxPool");
  mp.Attr("ksize", L({1, 2, 2, 1})).Attr("strides", L({1, 2, 2, 1})).Attr("padding", "SAME");
  INFER_OK(mp, "[2,5,6,3]", "[2,3,3,3]");
  INFER_ERROR("Shape must be rank 4 but is rank 2", mp, "[5,6]");
  mp.Attr("strides", L({1, 2, 2}));
  INFER_ERROR("MaxPool requires the stride attribute to contain 4 values, but got: 3", mp,
              "[2,5,6,3]");
  ShapeInferenceTestOp ap("AvgPool");
  ap.Attr("ksize", L({1, 1, 3, 3})).Attr("strides", L({1, 1, 1, 2})).Attr("padding", "VALID");
  ap.Attr("data_format", "NCHW");
  INFER_OK(ap, "[2,4,5,7]", "[2,4,3,3]");
  ShapeInferenceTestOp v2("MaxPoolV2");
  v2.Attr("padding", "VALID");
  INFER_OK(v2, "[2,5,6,3];[4];[4]", "[?,?,?,?]");
  v2.SetInputTensor(1, test::AsTensor<int32_t>({1, 2, 2, 1}));
  v2.SetInputTensor(2, test::AsTensor<int32_t>({1, 1, 1, 1}));
  INFER_OK(v2, "[2,5,6,3];[4];[4]", "[2,4,5,3]");
  ShapeInferenceTestOp am("MaxPoolWithArgmax");
  am.Attr("ksize", L({1, 2, 2, 1})).Attr("strides", L({1, 2, 2, 1})).Attr("padding", "VALID");
  INFER_OK(am, "[1,4,4,2]", "[1,2,2,2];[1,2,2,2]");
  ShapeInferenceTestOp gg("MaxPoolGradGrad");
  gg.Attr("ksize", L({1, 2, 2, 1})).Attr("strides", L({1, 2, 2, 1})).Attr("padding", "VALID");
  INFER_OK(gg, "[1,4,4,2];[1,2,2,2];[1,4,4,2]", "[1,2,2,2]");
  INFER_ERROR("Dimension 3 in both shapes must be equal, but are 2 and 3", gg, "[1,4,4,2];[1,2,2,2];[1,4,4,3]");
  ShapeInferenceTestOp p3("MaxPool3D");
  p3.Attr("ksize", L({1, 2, 2, 2, 1})).Attr("strides", L({1, 2, 2, 2, 1}));
  p3.Attr("padding", "SAME");
  INFER_OK(p3, "[1,3,4,5,2]", "[1,2,2,3,2]");
}

TEST(NnConvKernelTest, Conv2DValuesAndErrors) {
  // 1x3x3x1 input, 2x2 filter of ones, VALID: sums of 2x2 blocks.
  Tensor x = test::MakeTensor<float>(TensorShape({1, 3, 3, 1}), {1, 2, 3, 4, 5, 6, 7, 8, 9});
  Tensor f = test::MakeTensor<float>(TensorShape({2, 2, 1, 1}), {1});
  auto attrs = [](const char* padding, std::vector<int64_t> strides) {
    return [=](::tensorflow::NodeDef* d) {
      AddNodeAttr("T", DT_FLOAT, d);
      AddNodeAttr("strides", strides, d);
      AddNodeAttr("padding", std::string(padding), d);
    };
  };
  std::vector<Tensor> out;
  ASSERT_TRUE(test::RunOp("Conv2D", {x, f}, attrs("VALID", {1, 1, 1, 1}), &out).ok());
  EXPECT_EQ(out[0].shape(), TensorShape({1, 2, 2, 1}));
  EXPECT_EQ(test::Values<float>(out[0]), (std::vector<float>{12, 16, 24, 28}));
  ASSERT_TRUE(test::RunOp("Conv2D", {x, f}, attrs("SAME", {1, 2, 2, 1}), &out,
                          test::TestPool(2)).ok());
  EXPECT_EQ(test::Values<float>(out[0]), (std::vector<float>{12, 9, 15, 9}));
  Status s = test::RunOp("Conv2D", {x, f}, attrs("SAME", {2, 1, 1, 1}), &out);
  EXPECT_EQ(s.code(), Code::INVALID_ARGUMENT);
  EXPECT_NE(s.message().find("strides in the batch and depth"), std::string::npos);
  Tensor f2 = test::MakeTensor<float>(TensorShape({2, 2, 2, 1}), {1});
  s = test::RunOp("Conv2D", {x, f2}, attrs("SAME", {1, 1, 1, 1}), &out);
  EXPECT_EQ(s.code(), Code::INVALID_ARGUMENT);
  // Backprop input of the VALID conv: each input gets the sum of the windows covering it.
  Tensor sizes = test::AsTensor<int32_t>({1, 3, 3, 1});
  Tensor dy = test::MakeTensor<float>(TensorShape({1, 2, 2, 1}), {1});
  ASSERT_TRUE(test::RunOp("Conv2DBackpropInput", {sizes, f, dy}, attrs("VALID", {1, 1, 1, 1}),
                          &out).ok());
  EXPECT_EQ(test::Values<float>(out[0]), (std::vector<float>{1, 2, 1, 2, 4, 2, 1, 2, 1}));
  Tensor fsizes = test::AsTensor<int32_t>({2, 2, 1, 1});
  ASSERT_TRUE(test::RunOp("Conv2DBackpropFilter", {x, fsizes, dy}, attrs("VALID", {1, 1, 1, 1}),
                          &out).ok());
  EXPECT_EQ(test::Values<float>(out[0]), (std::vector<float>{12, 16, 24, 28}));
  Tensor bad = test::MakeTensor<float>(TensorShape({1, 3, 2, 1}), {1});
  s = test::RunOp("Conv2DBackpropInput", {sizes, f, bad}, attrs("VALID", {1, 1, 1, 1}), &out);
  EXPECT_EQ(s.code(), Code::INVALID_ARGUMENT);
}

TEST(NnConvKernelTest, PoolsAndArgmax) {
  Tensor x = test::MakeTensor<float>(TensorShape({1, 2, 2, 1}), {1, 3, 3, 2});
  auto attrs = [](DataType t) {
    return [=](::tensorflow::NodeDef* d) {
      AddNodeAttr("T", t, d);
      AddNodeAttr("ksize", std::vector<int64_t>{1, 2, 2, 1}, d);
      AddNodeAttr("strides", std::vector<int64_t>{1, 1, 1, 1}, d);
      AddNodeAttr("padding", std::string("SAME"), d);
    };
  };
  std::vector<Tensor> out;
  ASSERT_TRUE(test::RunOp("MaxPool", {x}, attrs(DT_FLOAT), &out).ok());
  EXPECT_EQ(test::Values<float>(out[0]), (std::vector<float>{3, 3, 3, 2}));
  ASSERT_TRUE(test::RunOp("AvgPool", {x}, attrs(DT_FLOAT), &out).ok());
  EXPECT_EQ(test::Values<float>(out[0]), (std::vector<float>{2.25f, 2.5f, 2.5f, 2}));
  // Window (0,0) has two maxima; the first in window order (index 1) takes the gradient.
  Tensor y = test::MakeTensor<float>(TensorShape({1, 2, 2, 1}), {3, 3, 3, 2});
  Tensor g = test::MakeTensor<float>(TensorShape({1, 2, 2, 1}), {1, 10, 100, 1000});
  ASSERT_TRUE(test::RunOp("MaxPoolGrad", {x, y, g}, attrs(DT_FLOAT), &out).ok());
  EXPECT_EQ(test::Values<float>(out[0]), (std::vector<float>{0, 11, 100, 1000}));
  ASSERT_TRUE(test::RunOp("MaxPoolGradGrad", {x, y, g}, attrs(DT_FLOAT), &out).ok());
  EXPECT_EQ(test::Values<float>(out[0]), (std::vector<float>{10, 10, 100, 1000}));
  ASSERT_TRUE(test::RunOp("MaxPoolWithArgmax", {x}, attrs(DT_FLOAT), &out).ok());
  EXPECT_EQ(test::Values<int64_t>(out[1]), (std::vector<int64_t>{1, 1, 2, 3}));
  Tensor xi = test::MakeTensor<int32_t>(TensorShape({1, 2, 2, 1}), {-5, -7, -1, -9});
  ASSERT_TRUE(test::RunOp("MaxPool", {xi}, attrs(DT_INT32), &out).ok());
  EXPECT_EQ(test::Values<int32_t>(out[0]), (std::vector<int32_t>{-1, -7, -1, -9}));
  Tensor wrong = test::MakeTensor<float>(TensorShape({1, 3, 2, 1}), {1});
  Status s = test::RunOp("MaxPoolGrad", {x, wrong, g}, attrs(DT_FLOAT), &out);
  EXPECT_EQ(s.code(), Code::INVALID_ARGUMENT);
}

}  // namespace
}  // namespace tfc
