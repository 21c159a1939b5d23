// Qr and RandomPoisson(V2): shape functions, kernel values and bad input.
#include <gtest/gtest.h>

#include <cmath>

#include "tests/cpp/kernel_test_util.h"
#include "tests/cpp/shape_test_util.h"

namespace tfc {
namespace {

using test::ShapeInferenceTestOp;

TEST(QrShapeTest, ThinAndFull) {
  ShapeInferenceTestOp op("Qr");
  op.Attr("T", DT_FLOAT);
  INFER_OK(op, "?", "?;?");
  INFER_OK(op, "[5,3]", "[d0_0,3];[3,d0_1]");
  INFER_OK(op, "[2,3,7]", "[d0_0,d0_1,3];[d0_0,3,d0_2]");
  INFER_OK(op, "[?,4]", "[d0_0,?];[?,d0_1]");
  INFER_OK(op, "[0,?]", "[d0_0,0];[0,d0_1]");
  INFER_ERROR("Shape must be at least rank 2 but is rank 1", op, "[3]");
  op.Attr("full_matrices", true);
  INFER_OK(op, "[5,3]", "[d0_0,d0_0];[d0_0,d0_1]");
  INFER_OK(op, "[4,2,6]", "[d0_0,d0_1,d0_1];[d0_0,d0_1,d0_2]");
}

TEST(RandomPoissonShapeTest, ShapeThenRateShape) {
  ShapeInferenceTestOp op("RandomPoissonV2");
  op.Attr("S", DT_INT32);
  op.SetInputTensor(0, test::AsTensor<int32_t>({2, 3}));
  INFER_OK(op, "[2];[4,5]", "[2,3,4,5]");
  INFER_OK(op, "[2];?", "?");
}

template <typename T>
Tensor Matrix(std::vector<T> v, TensorShape s) { return test::AsTensor<T>(v, s); }

TEST(QrKernelTest, ReconstructsAndOrthonormal) {
  for (bool full : {false, true}) {
    ::tensorflow::AttrValue f;
    f.set_b(full);
    std::vector<Tensor> out;
    Tensor a = Matrix<double>({2, -1, 0.5, 3, 1, 4, -2, 0, 1, 1, 1, 1}, TensorShape({4, 3}));
    ASSERT_TRUE(test::RunOp("Qr", {a}, [&](::tensorflow::NodeDef* d) {
                  AddNodeAttr("T", DT_DOUBLE, d);
                  (*d->mutable_attr())["full_matrices"] = f;
                }, &out).ok());
    const int64_t k = full ? 4 : 3;
    ASSERT_EQ(out[0].shape(), TensorShape({4, k}));
    ASSERT_EQ(out[1].shape(), TensorShape({k, 3}));
    const double* q = out[0].data<double>();
    const double* r = out[1].data<double>();
    for (int i = 0; i < 4; ++i) {
      for (int j = 0; j < 3; ++j) {
        double s = 0;
        for (int t = 0; t < k; ++t) s += q[i * k + t] * r[t * 3 + j];
        EXPECT_NEAR(s, a.data<double>()[i * 3 + j], 1e-12);
      }
    }
    for (int i = 0; i < k; ++i) {
      for (int j = 0; j < k; ++j) {
        double s = 0;
        for (int t = 0; t < 4; ++t) s += q[t * k + i] * q[t * k + j];
        EXPECT_NEAR(s, i == j ? 1.0 : 0.0, 1e-12);
      }
      for (int j = 0; j < std::min<int>(i, 3); ++j) EXPECT_EQ(r[i * 3 + j], 0.0);
    }
  }
}

TEST(QrKernelTest, HalfBatchAndEmpty) {
  std::vector<Tensor> out;
  Tensor a(DT_HALF, TensorShape({2, 2, 2}));
  const float vals[] = {3, 1, 4, 2, 0, 1, 1, 0};
  for (int i = 0; i < 8; ++i) a.data<half>()[i] = half(vals[i]);
  ASSERT_TRUE(test::RunOp("Qr", {a}, test::TypeAttr(DT_HALF), &out).ok());
  ASSERT_EQ(out[1].shape(), TensorShape({2, 2, 2}));
  EXPECT_NEAR(std::abs(static_cast<float>(out[1].data<half>()[0])), 5.0f, 1e-3);
  EXPECT_EQ(static_cast<float>(out[1].data<half>()[2]), 0.0f);
  Tensor e(DT_FLOAT, TensorShape({3, 0}));
  ASSERT_TRUE(test::RunOp("Qr", {e}, test::TypeAttr(DT_FLOAT), &out).ok());
  EXPECT_EQ(out[0].shape(), TensorShape({3, 0}));
  EXPECT_EQ(out[1].shape(), TensorShape({0, 0}));
  Tensor v(DT_FLOAT, TensorShape({3}));
  Status s = test::RunOp("Qr", {v}, test::TypeAttr(DT_FLOAT), &out);
  EXPECT_EQ(s.code(), Code::INVALID_ARGUMENT);
  EXPECT_NE(s.message().find("must have rank >= 2"), std::string::npos);
}

test::AttrSetter PoissonAttrs(DataType r, DataType out) {
  return [=](::tensorflow::NodeDef* d) {
    AddNodeAttr("S", DT_INT32, d);
    AddNodeAttr("R", r, d);
    AddNodeAttr("dtype", out, d);
    AddNodeAttr("seed", int64_t{3}, d);
    AddNodeAttr("seed2", int64_t{9}, d);
  };
}

TEST(RandomPoissonKernelTest, MeansLayoutAndLegacyOp) {
  std::vector<Tensor> v2, v1;
  Tensor rates = test::AsTensor<float>({0.5f, 4.0f, 30.0f, 500.0f});
  ASSERT_TRUE(test::RunOp("RandomPoissonV2", {test::AsTensor<int32_t>({4000}), rates},
                          PoissonAttrs(DT_FLOAT, DT_FLOAT), &v2, test::TestPool(4)).ok());
  ASSERT_EQ(v2[0].shape(), TensorShape({4000, 4}));
  for (int r = 0; r < 4; ++r) {
    double sum = 0;
    for (int i = 0; i < 4000; ++i) {
      const float x = v2[0].data<float>()[i * 4 + r];
      ASSERT_EQ(x, std::floor(x));
      ASSERT_GE(x, 0.0f);
      sum += x;
    }
    const double want = rates.data<float>()[r];
    EXPECT_NEAR(sum / 4000, want, 5 * std::sqrt(want / 4000) + 1e-9);
  }
  // The legacy op draws the same samples.
  ASSERT_TRUE(test::RunOp("RandomPoisson", {test::AsTensor<int32_t>({4000}), rates},
                          [](::tensorflow::NodeDef* d) {
                            AddNodeAttr("S", DT_INT32, d);
                            AddNodeAttr("dtype", DT_FLOAT, d);
                            AddNodeAttr("seed", int64_t{3}, d);
                            AddNodeAttr("seed2", int64_t{9}, d);
                          }, &v1).ok());
  for (int i = 0; i < 16000; ++i) ASSERT_EQ(v1[0].data<float>()[i], v2[0].data<float>()[i]);
}

TEST(RandomPoissonKernelTest, EdgeRatesNeverHang) {
  std::vector<Tensor> out;
  Tensor rates = test::AsTensor<double>({-1.0, 0.0, INFINITY, NAN, 1e9});
  ASSERT_TRUE(test::RunOp("RandomPoissonV2", {test::AsTensor<int32_t>({2}), rates},
                          PoissonAttrs(DT_DOUBLE, DT_DOUBLE), &out).ok());
  const double* p = out[0].data<double>();
  EXPECT_EQ(p[0], 0.0);
  EXPECT_EQ(p[1], 0.0);
  EXPECT_TRUE(std::isinf(p[2]));
  EXPECT_TRUE(std::isnan(p[3]));
  EXPECT_NEAR(p[4], 1e9, 1e6);
  // Half output cannot hold draws near 1e6: TF loops forever, we saturate.
  ASSERT_TRUE(test::RunOp("RandomPoissonV2",
                          {test::AsTensor<int32_t>({1}), test::AsTensor<double>({1e6})},
                          PoissonAttrs(DT_DOUBLE, DT_HALF), &out).ok());
  EXPECT_EQ(static_cast<float>(out[0].data<half>()[0]), 65504.0f);
  ASSERT_TRUE(test::RunOp("RandomPoissonV2",
                          {test::AsTensor<int32_t>({0}), test::AsTensor<double>({1.0})},
                          PoissonAttrs(DT_DOUBLE, DT_INT64), &out).ok());
  EXPECT_EQ(out[0].shape(), TensorShape({0, 1}));
  Status s = test::RunOp("RandomPoissonV2",
                         {test::AsTensor<int32_t>({-2}), test::AsTensor<double>({1.0})},
                         PoissonAttrs(DT_DOUBLE, DT_INT64), &out);
  EXPECT_EQ(s.code(), Code::INVALID_ARGUMENT);
}

}  // namespace
}  // namespace tfc
