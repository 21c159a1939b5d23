// Shape functions and CPU kernels of the ops TF's gradient functions emit.
#include <cmath>

#include "tests/cpp/kernel_test_util.h"
#include "tests/cpp/shape_test_util.h"

namespace tfc {
namespace {

using test::AsTensor;
using test::MakeTensor;
using test::RunOp;
using test::TypeAttr;
using test::Values;

TEST(GradOpsShapeTest, ElementwiseGrads) {
  for (const char* op : {"TanhGrad", "SigmoidGrad", "SqrtGrad", "RsqrtGrad", "ReciprocalGrad",
                         "InvGrad", "ReluGrad", "Relu6Grad", "EluGrad", "SeluGrad",
                         "SoftplusGrad", "SoftsignGrad", "LeakyReluGrad"}) {
    INFER_OK(op, "[2,?];[?,3]", "[2,3]");
    INFER_OK(op, "?;[4]", "[4]");
    INFER_ERROR("must be equal", op, "[2];[3]");
  }
}

TEST(GradOpsShapeTest, BroadcastGradientArgsAndBiasAddGrad) {
  INFER_OK("BroadcastGradientArgs", "[3];[?]", "[?];[?]");
  INFER_ERROR("must be rank 1", "BroadcastGradientArgs", "[3,1];[2]");
  INFER_OK("BiasAddGrad", "[2,3,4]", "[4]");
  INFER_OK("BiasAddGrad", "?", "[?]");
  INFER_ERROR("must be at least rank 2", "BiasAddGrad", "[3]");
  test::ShapeInferenceTestOp nchw("BiasAddGrad");
  nchw.Attr("data_format", std::string("NCHW"));
  INFER_OK(nchw, "[2,5,4,4]", "[5]");
  INFER_ERROR("must be at least rank 3", nchw, "[2,5]");
}

TEST(GradOpsShapeTest, ArrayGrads) {
  test::ShapeInferenceTestOp co("ConcatOffset");
  co.Attr("N", 2);
  INFER_OK(co, "[];[3];[3]", "in1;in2");
  INFER_ERROR("must be rank 0", co, "[1];[3];[3]");

  test::ShapeInferenceTestOp ssg("StridedSliceGrad");
  ssg.SetInputTensor(0, AsTensor<int32_t>({4, 5}));
  INFER_OK(ssg, "[2];[2];[2];[2];?", "[4,5]");

  test::ShapeInferenceTestOp mpg("MirrorPadGrad");
  mpg.Attr("mode", std::string("REFLECT"));
  INFER_OK(mpg, "[5,?];[2,2]", "[?,?]");
  INFER_OK(mpg, "?;[?,2]", "?");
  mpg.SetInputTensor(1, AsTensor<int32_t>({1, 2, 0, 1}, TensorShape({2, 2})));
  INFER_OK(mpg, "[5,?];[2,2]", "[2,?]");
  INFER_ERROR("Negative dimension size", mpg, "[2,4];[2,2]");
  INFER_ERROR("must be rank 2", mpg, "[5,3];[2]");

  test::ShapeInferenceTestOp ds("DynamicStitch");
  ds.Attr("N", 2);
  INFER_OK(ds, "[2];[3];[2,4];[3,4]", "[?,4]");
  INFER_ERROR("must be equal", ds, "[2];[3];[2,4];[3,5]");
  ds.SetInputTensor(0, AsTensor<int32_t>({0, 7}));
  ds.SetInputTensor(1, AsTensor<int32_t>({1, 2, 3}));
  INFER_OK(ds, "[2];[3];[2,4];[3,?]", "[8,4]");

  INFER_OK("ListDiff", "[?];[3]", "[?];[?]");
  INFER_ERROR("must be rank 1", "ListDiff", "[2,2];[3]");
}

TEST(GradOpsKernelTest, ElementwiseGradValues) {
  const Tensor y = AsTensor<float>({0.5f, -0.25f, 2.0f});
  const Tensor dy = AsTensor<float>({1.0f, 2.0f, -3.0f});
  Tensor out;
  ASSERT_TRUE(RunOp("TanhGrad", {y, dy}, TypeAttr(DT_FLOAT), &out).ok());
  EXPECT_EQ(Values<float>(out), (std::vector<float>{0.75f, 1.875f, 9.0f}));
  ASSERT_TRUE(RunOp("SigmoidGrad", {y, dy}, TypeAttr(DT_FLOAT), &out).ok());
  EXPECT_EQ(Values<float>(out), (std::vector<float>{0.25f, -0.625f, 6.0f}));
  ASSERT_TRUE(RunOp("ReciprocalGrad", {y, dy}, TypeAttr(DT_FLOAT), &out).ok());
  EXPECT_EQ(Values<float>(out), (std::vector<float>{-0.25f, -0.125f, 12.0f}));
  ASSERT_TRUE(RunOp("SqrtGrad", {y, dy}, TypeAttr(DT_FLOAT), &out).ok());
  EXPECT_EQ(Values<float>(out), (std::vector<float>{1.0f, -4.0f, -0.75f}));
  ASSERT_TRUE(RunOp("RsqrtGrad", {y, dy}, TypeAttr(DT_FLOAT), &out).ok());
  EXPECT_EQ(Values<float>(out), (std::vector<float>{-0.0625f, 0.015625f, 12.0f}));

  const Tensor yc = AsTensor<complex64>({complex64(1, 1)});
  const Tensor dyc = AsTensor<complex64>({complex64(1, 0)});
  ASSERT_TRUE(RunOp("ReciprocalGrad", {yc, dyc}, TypeAttr(DT_COMPLEX64), &out).ok());
  EXPECT_EQ(out.data<complex64>()[0], complex64(0, 2));  // -conj((1+i)^2) = 2i

  const Tensor g = AsTensor<float>({1, 2, 3, 4});
  const Tensor x = AsTensor<float>({-1, 0.5f, 7, 0});
  ASSERT_TRUE(RunOp("ReluGrad", {g, x}, TypeAttr(DT_FLOAT), &out).ok());
  EXPECT_EQ(Values<float>(out), (std::vector<float>{0, 2, 3, 0}));
  ASSERT_TRUE(RunOp("Relu6Grad", {g, x}, TypeAttr(DT_FLOAT), &out).ok());
  EXPECT_EQ(Values<float>(out), (std::vector<float>{0, 2, 0, 0}));
  ASSERT_TRUE(RunOp("LeakyReluGrad", {g, x}, TypeAttr(DT_FLOAT), &out).ok());
  EXPECT_EQ(Values<float>(out), (std::vector<float>{0.2f, 2, 3, 0.8f}));
  ASSERT_TRUE(RunOp("EluGrad", {g, AsTensor<float>({-0.5f, 1, 2, -1})}, TypeAttr(DT_FLOAT), &out)
                  .ok());
  EXPECT_EQ(Values<float>(out), (std::vector<float>{0.5f, 2, 3, 0}));
  ASSERT_TRUE(RunOp("SoftsignGrad", {g, x}, TypeAttr(DT_FLOAT), &out).ok());
  EXPECT_FLOAT_EQ(out.data<float>()[0], 0.25f);
  ASSERT_TRUE(RunOp("SoftplusGrad", {g, x}, TypeAttr(DT_FLOAT), &out).ok());
  EXPECT_FLOAT_EQ(out.data<float>()[3], 2.0f);
  ASSERT_TRUE(RunOp("SeluGrad", {g, AsTensor<float>({-0.5f, 1, 2, 3})}, TypeAttr(DT_FLOAT), &out)
                  .ok());
  EXPECT_NEAR(out.data<float>()[0], 1.7580993f - 0.5f, 1e-6);
  EXPECT_NEAR(out.data<float>()[1], 2 * 1.0507009873f, 1e-6);

  ASSERT_TRUE(RunOp("ReluGrad", {AsTensor<int32_t>({5, 6}), AsTensor<int32_t>({1, -1})},
                    TypeAttr(DT_INT32), &out).ok());
  EXPECT_EQ(Values<int32_t>(out), (std::vector<int32_t>{5, 0}));

  Status s = RunOp("ReluGrad", {g, AsTensor<float>({1, 2})}, TypeAttr(DT_FLOAT), &out);
  EXPECT_EQ(s.code(), Code::INVALID_ARGUMENT);
  EXPECT_NE(s.message().find("must have the same size and shape"), std::string::npos);
}

TEST(GradOpsKernelTest, BroadcastGradientArgs) {
  std::vector<Tensor> out;
  ASSERT_TRUE(RunOp("BroadcastGradientArgs", {AsTensor<int32_t>({2, 1, 3}), AsTensor<int32_t>({3})},
                    TypeAttr(DT_INT32), &out).ok());
  EXPECT_EQ(Values<int32_t>(out[0]), (std::vector<int32_t>{1}));
  EXPECT_EQ(Values<int32_t>(out[1]), (std::vector<int32_t>{0, 1}));
  ASSERT_TRUE(RunOp("BroadcastGradientArgs", {AsTensor<int64_t>({}), AsTensor<int64_t>({1, 1})},
                    TypeAttr(DT_INT64), &out).ok());
  EXPECT_EQ(Values<int64_t>(out[0]), (std::vector<int64_t>{0, 1}));
  EXPECT_EQ(Values<int64_t>(out[1]), (std::vector<int64_t>{0, 1}));
  ASSERT_TRUE(RunOp("BroadcastGradientArgs", {AsTensor<int32_t>({1}), AsTensor<int32_t>({1})},
                    TypeAttr(DT_INT32), &out).ok());
  EXPECT_EQ(out[0].NumElements(), 0);
  EXPECT_EQ(out[1].NumElements(), 0);
  Status s = RunOp("BroadcastGradientArgs", {AsTensor<int32_t>({2, 3}), AsTensor<int32_t>({4})},
                   TypeAttr(DT_INT32), &out);
  EXPECT_EQ(s.code(), Code::INVALID_ARGUMENT);
  EXPECT_NE(s.message().find("Incompatible shapes: [2,3] vs. [4]"), std::string::npos);
}

TEST(GradOpsKernelTest, ConcatOffset) {
  std::vector<Tensor> out;
  auto attrs = test::Attrs({});
  auto n = test::MakeNodeFromInputs("ConcatOffset", {Tensor::Scalar<int32_t>(1),
                                                     AsTensor<int32_t>({2, 3, 5}),
                                                     AsTensor<int32_t>({2, 7, 5}),
                                                     AsTensor<int32_t>({2, 1, 5})});
  ASSERT_TRUE(test::RunKernel(n, {Tensor::Scalar<int32_t>(1), AsTensor<int32_t>({2, 3, 5}),
                                  AsTensor<int32_t>({2, 7, 5}), AsTensor<int32_t>({2, 1, 5})},
                              &out).ok());
  EXPECT_EQ(Values<int32_t>(out[0]), (std::vector<int32_t>{0, 0, 0}));
  EXPECT_EQ(Values<int32_t>(out[1]), (std::vector<int32_t>{0, 3, 0}));
  EXPECT_EQ(Values<int32_t>(out[2]), (std::vector<int32_t>{0, 10, 0}));
  Status s = test::RunKernel(n, {Tensor::Scalar<int32_t>(1), AsTensor<int32_t>({2, 3, 5}),
                                 AsTensor<int32_t>({3, 7, 5}), AsTensor<int32_t>({2, 1, 5})},
                             &out);
  EXPECT_NE(s.message().find("All dimensions except 1 must match. Input 1 has shape [3 7 5]"),
            std::string::npos) << s.message();
  s = test::RunKernel(n, {Tensor::Scalar<int32_t>(3), AsTensor<int32_t>({2, 3, 5}),
                          AsTensor<int32_t>({2, 7, 5}), AsTensor<int32_t>({2, 1, 5})},
                      &out);
  EXPECT_NE(s.message().find("Concat dim is out of range: 3 vs. 3"), std::string::npos);
}

TEST(GradOpsKernelTest, BiasAddGrad) {
  Tensor out;
  const Tensor g = MakeTensor<float>(TensorShape({2, 2, 3}), {1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
                                                               11, 12});
  ASSERT_TRUE(RunOp("BiasAddGrad", {g}, TypeAttr(DT_FLOAT), &out).ok());
  EXPECT_EQ(Values<float>(out), (std::vector<float>{22, 26, 30}));
  ASSERT_TRUE(RunOp("BiasAddGrad", {g},
                    [](::tensorflow::NodeDef* d) {
                      AddNodeAttr("T", DT_FLOAT, d);
                      AddNodeAttr("data_format", std::string("NCHW"), d);
                    },
                    &out).ok());
  EXPECT_EQ(Values<float>(out), (std::vector<float>{1 + 2 + 3 + 7 + 8 + 9, 4 + 5 + 6 + 10 + 11 + 12}));
  EXPECT_FALSE(RunOp("BiasAddGrad", {AsTensor<float>({1})}, TypeAttr(DT_FLOAT), &out).ok());
}

TEST(GradOpsKernelTest, StridedSliceGrad) {
  // x[1:4:2, ::-1] of a [5,3] input; dy is [2,3].
  Tensor out;
  auto attrs = [](::tensorflow::NodeDef* d) {
    AddNodeAttr("T", DT_FLOAT, d);
    AddNodeAttr("Index", DT_INT32, d);
    AddNodeAttr("begin_mask", 2, d);
    AddNodeAttr("end_mask", 2, d);
  };
  ASSERT_TRUE(RunOp("StridedSliceGrad",
                    {AsTensor<int32_t>({5, 3}), AsTensor<int32_t>({1, 0}),
                     AsTensor<int32_t>({4, 0}), AsTensor<int32_t>({2, -1}),
                     MakeTensor<float>(TensorShape({2, 3}), {1, 2, 3, 4, 5, 6})},
                    attrs, &out).ok());
  EXPECT_EQ(out.shape(), TensorShape({5, 3}));
  EXPECT_EQ(Values<float>(out),
            (std::vector<float>{0, 0, 0, 3, 2, 1, 0, 0, 0, 6, 5, 4, 0, 0, 0}));
  Status s = RunOp("StridedSliceGrad",
                   {AsTensor<int32_t>({5, 3}), AsTensor<int32_t>({1, 0}),
                    AsTensor<int32_t>({4, 0}), AsTensor<int32_t>({2, -1}),
                    MakeTensor<float>(TensorShape({3, 3}), {1})},
                   attrs, &out);
  EXPECT_EQ(s.code(), Code::INVALID_ARGUMENT);
}

TEST(GradOpsKernelTest, MirrorPadGrad) {
  Tensor out;
  auto attrs = [](const char* mode) {
    return [mode](::tensorflow::NodeDef* d) {
      AddNodeAttr("T", DT_FLOAT, d);
      AddNodeAttr("mode", std::string(mode), d);
    };
  };
  // REFLECT of [a b c] by (2, 1): [c b a b c b] -> a:1, b:3, c:2 contributions.
  const Tensor g = AsTensor<float>({1, 10, 100, 1000, 10000, 100000});
  ASSERT_TRUE(RunOp("MirrorPadGrad", {g, AsTensor<int32_t>({2, 1}, TensorShape({1, 2}))},
                    attrs("REFLECT"), &out).ok());
  EXPECT_EQ(Values<float>(out), (std::vector<float>{100, 10 + 1000 + 100000, 1 + 10000}));
  // SYMMETRIC of [a b c] by (2, 1): [b a a b c c].
  ASSERT_TRUE(RunOp("MirrorPadGrad", {g, AsTensor<int32_t>({2, 1}, TensorShape({1, 2}))},
                    attrs("SYMMETRIC"), &out).ok());
  EXPECT_EQ(Values<float>(out), (std::vector<float>{10 + 100, 1 + 1000, 10000 + 100000}));
  EXPECT_FALSE(RunOp("MirrorPadGrad", {g, AsTensor<int32_t>({3, 1}, TensorShape({1, 2}))},
                     attrs("REFLECT"), &out).ok());
  EXPECT_FALSE(RunOp("MirrorPadGrad", {g, AsTensor<int32_t>({-1, 1}, TensorShape({1, 2}))},
                     attrs("REFLECT"), &out).ok());
}

TEST(GradOpsKernelTest, DynamicStitchAndListDiff) {
  std::vector<Tensor> ins = {AsTensor<int32_t>({0, 2}), AsTensor<int32_t>({1, 2}),
                             MakeTensor<float>(TensorShape({2, 2}), {1, 2, 3, 4}),
                             MakeTensor<float>(TensorShape({2, 2}), {5, 6, 7, 8})};
  auto n = test::MakeNode("DynamicStitch", 4, [](::tensorflow::NodeDef* d) {
    AddNodeAttr("N", 2, d);
    AddNodeAttr("T", DT_FLOAT, d);
  });
  std::vector<Tensor> out;
  ASSERT_TRUE(test::RunKernel(n, ins, &out).ok());
  EXPECT_EQ(out[0].shape(), TensorShape({3, 2}));
  EXPECT_EQ(Values<float>(out[0]), (std::vector<float>{1, 2, 5, 6, 7, 8}));
  ins[1] = AsTensor<int32_t>({1, -2});
  EXPECT_EQ(test::RunKernel(n, ins, &out).code(), Code::INVALID_ARGUMENT);
  ins[1] = AsTensor<int32_t>({1, 2, 3});
  EXPECT_EQ(test::RunKernel(n, ins, &out).code(), Code::INVALID_ARGUMENT);

  ASSERT_TRUE(RunOp("ListDiff", {AsTensor<int64_t>({4, 1, 4, 9}), AsTensor<int64_t>({4})},
                    TypeAttr(DT_INT64), &out).ok());
  EXPECT_EQ(Values<int64_t>(out[0]), (std::vector<int64_t>{1, 9}));
  EXPECT_EQ(Values<int32_t>(out[1]), (std::vector<int32_t>{1, 3}));
}

}  // namespace
}  // namespace tfc
