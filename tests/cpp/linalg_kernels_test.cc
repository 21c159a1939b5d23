// CPU kernels of MatMul/BatchMatMulV2, reductions, ArgMax, Softmax, scans and Einsum, run
// directly (with and without an intra-op pool, to cover the sharded paths).
#include <gtest/gtest.h>

#include <cmath>

#include "tests/cpp/kernel_test_util.h"

namespace tfc {
namespace {

using test::MakeTensor;
using test::RunOp;
using test::TestPool;
using test::TypeAttr;
using test::Values;

template <typename T>
Tensor Iota(const TensorShape& shape, double scale = 1.0, double offset = 0.0) {
  Tensor t(DataTypeToEnum<T>::value, shape);
  for (int64_t i = 0; i < t.NumElements(); ++i) {
    t.data<T>()[i] = static_cast<T>(std::fmod(i * 7.0, 13.0) * scale + offset);
  }
  return t;
}

TEST(LinalgKernelTest, MatMulMatchesNaiveWithTransposesAndThreads) {
  const int64_t m = 37, k = 23, n = 41;
  for (bool ta : {false, true}) {
    for (bool tb : {false, true}) {
      Tensor a = Iota<double>(ta ? TensorShape({k, m}) : TensorShape({m, k}), 0.5, -3);
      Tensor b = Iota<double>(tb ? TensorShape({n, k}) : TensorShape({k, n}), 0.25, -1);
      std::vector<Tensor> out;
      ASSERT_TRUE(RunOp("MatMul", {a, b},
                      [&](::tensorflow::NodeDef* d) {
                        AddNodeAttr("T", DT_DOUBLE, d);
                        AddNodeAttr("transpose_a", ta, d);
                        AddNodeAttr("transpose_b", tb, d);
                      },
                      &out, TestPool(4))
                      .ok());
      ASSERT_EQ(out[0].shape(), TensorShape({m, n}));
      for (int64_t i = 0; i < m; ++i) {
        for (int64_t j = 0; j < n; ++j) {
          double want = 0;
          for (int64_t p = 0; p < k; ++p) {
            const double av = ta ? a.data<double>()[p * m + i] : a.data<double>()[i * k + p];
            const double bv = tb ? b.data<double>()[j * k + p] : b.data<double>()[p * n + j];
            want += av * bv;
          }
          EXPECT_NEAR(out[0].data<double>()[i * n + j], want, 1e-9);
        }
      }
    }
  }
}

TEST(LinalgKernelTest, MatMulSizeIncompatible) {
  std::vector<Tensor> out;
  Status s = RunOp("MatMul", {Tensor(DT_FLOAT, {2, 3}), Tensor(DT_FLOAT, {4, 5})},
                 TypeAttr(DT_FLOAT), &out);
  EXPECT_EQ(s.code(), Code::INVALID_ARGUMENT);
  EXPECT_EQ(s.message(), "Matrix size-incompatible: In[0]: [2,3], In[1]: [4,5]");
  s = RunOp("MatMul", {Tensor(DT_FLOAT, {2, 3, 1}), Tensor(DT_FLOAT, {4, 5})}, TypeAttr(DT_FLOAT),
          &out);
  EXPECT_EQ(s.code(), Code::INVALID_ARGUMENT);
}

TEST(LinalgKernelTest, BatchMatMulV2BroadcastAndHalf) {
  // x: [2,1,2,2], y: [3,2,1] -> [2,3,2,1].
  Tensor x = MakeTensor<float>({2, 1, 2, 2}, {1, 2, 3, 4, 5, 6, 7, 8});
  Tensor y = MakeTensor<float>({3, 2, 1}, {1, 1, 2, 0, 0, 3});
  std::vector<Tensor> out;
  ASSERT_TRUE(RunOp("BatchMatMulV2", {x, y}, TypeAttr(DT_FLOAT), &out).ok());
  ASSERT_EQ(out[0].shape(), TensorShape({2, 3, 2, 1}));
  EXPECT_EQ(Values<float>(out[0]), (std::vector<float>{3, 7, 2, 6, 6, 12, 11, 15, 10, 14, 18, 24}));
  Tensor xh = MakeTensor<half>({1, 2, 2}, {half(1), half(2), half(3), half(4)});
  ASSERT_TRUE(RunOp("BatchMatMulV2", {xh, xh},
                  [](::tensorflow::NodeDef* d) {
                    AddNodeAttr("T", DT_HALF, d);
                    AddNodeAttr("adj_x", true, d);
                  },
                  &out)
                  .ok());
  // x^T x = [[10,14],[14,20]].
  EXPECT_EQ(static_cast<float>(out[0].data<half>()[1]), 14.0f);
  EXPECT_EQ(static_cast<float>(out[0].data<half>()[3]), 20.0f);
  Status s = RunOp("BatchMatMulV2", {Tensor(DT_FLOAT, {2, 2, 3}), Tensor(DT_FLOAT, {3, 3, 4})},
                 TypeAttr(DT_FLOAT), &out);
  EXPECT_EQ(s.code(), Code::INVALID_ARGUMENT);
  EXPECT_NE(s.message().find("compatible batch dimensions"), std::string::npos);
}

TEST(LinalgKernelTest, SumOverSplitAxesWithThreads) {
  // Reduce axes {0,2} of [3,4,5]: two reduced groups split by a kept one.
  Tensor x = Iota<float>({3, 4, 5});
  std::vector<Tensor> out;
  for (int threads : {0, 3}) {
    ASSERT_TRUE(RunOp("Sum", {x, MakeTensor<int32_t>({2}, {0, -1})}, TypeAttr(DT_FLOAT), &out,
                      TestPool(threads))
                    .ok());
    ASSERT_EQ(out[0].shape(), TensorShape({4}));
    for (int j = 0; j < 4; ++j) {
      float want = 0;
      for (int i = 0; i < 3; ++i) {
        for (int k = 0; k < 5; ++k) want += x.data<float>()[(i * 4 + j) * 5 + k];
      }
      EXPECT_FLOAT_EQ(out[0].data<float>()[j], want);
    }
  }
  Status s = RunOp("Sum", {x, MakeTensor<int64_t>({1}, {3})},
                 [](::tensorflow::NodeDef* d) {
                   AddNodeAttr("T", DT_FLOAT, d);
                   AddNodeAttr("Tidx", DT_INT64, d);
                 },
                 &out);
  EXPECT_EQ(s.code(), Code::INVALID_ARGUMENT);
  EXPECT_NE(s.message().find("Invalid reduction dimension (3 for input with 3"), std::string::npos);
}

TEST(LinalgKernelTest, MeanIntTruncatesAndEmptyMaxIsLowest) {
  std::vector<Tensor> out;
  ASSERT_TRUE(RunOp("Mean", {MakeTensor<int32_t>({3}, {-1, -1, 1}), MakeTensor<int32_t>({}, {0})},
                  TypeAttr(DT_INT32), &out)
                  .ok());
  EXPECT_EQ(out[0].scalar<int32_t>(), 0);  // -1/3 truncates toward zero
  ASSERT_TRUE(RunOp("Max", {Tensor(DT_FLOAT, {0, 2}), MakeTensor<int32_t>({}, {0})},
                  [](::tensorflow::NodeDef* d) {
                    AddNodeAttr("T", DT_FLOAT, d);
                    AddNodeAttr("keep_dims", true, d);
                  },
                  &out)
                  .ok());
  ASSERT_EQ(out[0].shape(), TensorShape({1, 2}));
  EXPECT_EQ(out[0].data<float>()[0], -INFINITY);
}

TEST(LinalgKernelTest, ArgMaxFirstIndexOnTies) {
  std::vector<Tensor> out;
  ASSERT_TRUE(RunOp("ArgMax",
                    {MakeTensor<float>({2, 3}, {1, 5, 5, 2, 2, 2}), MakeTensor<int32_t>({}, {1})},
                    TypeAttr(DT_FLOAT), &out)
                  .ok());
  EXPECT_EQ(Values<int64_t>(out[0]), (std::vector<int64_t>{1, 0}));
  // Axis 0 (inner > 1), sharded: column j's max sits at row (j % 3), ties keep row 0.
  Tensor col = MakeTensor<int32_t>({3, 1000}, {0});
  for (int j = 0; j < 1000; ++j) {
    if (j % 4 != 3) col.data<int32_t>()[(j % 3) * 1000 + j] = 5;
  }
  ASSERT_TRUE(RunOp("ArgMax", {col, MakeTensor<int32_t>({}, {0})},
                    [](::tensorflow::NodeDef* d) {
                      AddNodeAttr("T", DT_INT32, d);
                      AddNodeAttr("output_type", DT_INT32, d);
                    },
                    &out, TestPool(3))
                  .ok());
  for (int j = 0; j < 1000; ++j) {
    ASSERT_EQ(out[0].data<int32_t>()[j], j % 4 == 3 ? 0 : j % 3) << j;
  }
  Status s = RunOp("ArgMin", {Tensor(DT_FLOAT, {2, 0}), MakeTensor<int32_t>({}, {1})},
                 TypeAttr(DT_FLOAT), &out);
  EXPECT_EQ(s.code(), Code::INVALID_ARGUMENT);
}

TEST(LinalgKernelTest, SoftmaxAndLogSoftmax) {
  std::vector<Tensor> out;
  Tensor x = MakeTensor<double>({2, 3}, {1, 2, 3, 1000, 1000, 1000});
  ASSERT_TRUE(RunOp("Softmax", {x}, TypeAttr(DT_DOUBLE), &out).ok());
  const double z = std::exp(1.0) + std::exp(2.0) + std::exp(3.0);
  EXPECT_NEAR(out[0].data<double>()[0], std::exp(1.0) / z, 1e-12);
  EXPECT_NEAR(out[0].data<double>()[4], 1.0 / 3, 1e-12);
  ASSERT_TRUE(RunOp("LogSoftmax", {x}, TypeAttr(DT_DOUBLE), &out).ok());
  EXPECT_NEAR(out[0].data<double>()[2], 3.0 - std::log(z), 1e-12);
  Status s = RunOp("Softmax", {Tensor::Scalar<double>(1.0)}, TypeAttr(DT_DOUBLE), &out);
  EXPECT_EQ(s.code(), Code::INVALID_ARGUMENT);
}

TEST(LinalgKernelTest, CumsumExclusiveReverse) {
  std::vector<Tensor> out;
  Tensor x = MakeTensor<int32_t>({2, 3}, {1, 2, 3, 4, 5, 6});
  ASSERT_TRUE(RunOp("Cumsum", {x, MakeTensor<int32_t>({}, {1})},
                  [](::tensorflow::NodeDef* d) {
                    AddNodeAttr("T", DT_INT32, d);
                    AddNodeAttr("exclusive", true, d);
                    AddNodeAttr("reverse", true, d);
                  },
                  &out)
                  .ok());
  EXPECT_EQ(Values<int32_t>(out[0]), (std::vector<int32_t>{5, 3, 0, 11, 6, 0}));
  ASSERT_TRUE(RunOp("Cumprod", {x, MakeTensor<int32_t>({}, {-2})}, TypeAttr(DT_INT32), &out).ok());
  EXPECT_EQ(Values<int32_t>(out[0]), (std::vector<int32_t>{1, 2, 3, 4, 10, 18}));
  Status s = RunOp("Cumsum", {x, MakeTensor<int32_t>({}, {2})}, TypeAttr(DT_INT32), &out);
  EXPECT_EQ(s.code(), Code::INVALID_ARGUMENT);
}

TEST(LinalgKernelTest, EinsumDiagonalBroadcastAndContraction) {
  std::vector<Tensor> out;
  auto eq = [](const char* e, int n) {
    return [e, n](::tensorflow::NodeDef* d) {
      AddNodeAttr("equation", std::string(e), d);
      AddNodeAttr("N", int64_t{n}, d);
      AddNodeAttr("T", DT_FLOAT, d);
    };
  };
  Tensor sq = MakeTensor<float>({3, 3}, {1, 2, 3, 4, 5, 6, 7, 8, 9});
  ASSERT_TRUE(RunOp("Einsum", {sq}, eq("ii->i", 1), &out).ok());
  EXPECT_EQ(Values<float>(out[0]), (std::vector<float>{1, 5, 9}));
  ASSERT_TRUE(RunOp("Einsum", {sq}, eq("ij->", 1), &out).ok());
  EXPECT_EQ(out[0].scalar<float>(), 45.0f);
  // [2,1,2] x [3,2] with "...j,kj->...k": ellipsis broadcast, contraction over j.
  Tensor a = MakeTensor<float>({2, 1, 2}, {1, 2, 3, 4});
  Tensor b = MakeTensor<float>({3, 2}, {1, 0, 0, 1, 1, 1});
  ASSERT_TRUE(RunOp("Einsum", {a, b}, eq("...j,kj->...k", 2), &out).ok());
  ASSERT_EQ(out[0].shape(), TensorShape({2, 1, 3}));
  EXPECT_EQ(Values<float>(out[0]), (std::vector<float>{1, 2, 3, 3, 4, 7}));
  // Output order that is not [batch, free_a, free_b]: "ij,jk->ki".
  Tensor c = MakeTensor<float>({2, 2}, {1, 2, 3, 4});
  ASSERT_TRUE(RunOp("Einsum", {c, c}, eq("ij,jk->ki", 2), &out).ok());
  EXPECT_EQ(Values<float>(out[0]), (std::vector<float>{7, 15, 10, 22}));
  Status s = RunOp("Einsum", {c, Tensor(DT_FLOAT, {3, 2})}, eq("ij,jk->ik", 2), &out);
  EXPECT_EQ(s.code(), Code::INVALID_ARGUMENT);
}

}  // namespace
}  // namespace tfc
