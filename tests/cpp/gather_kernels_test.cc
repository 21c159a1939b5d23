// CPU kernel tests for the gather / scatter / diag family: values and bad-index errors.
#include <gtest/gtest.h>

#include "tests/cpp/kernel_test_util.h"

namespace tfc {
namespace {

using test::MakeTensor;
using test::RunKernel;
using test::Values;
using Node = test::KernelNode;

Node Typed(const std::string& op, int n_in, std::map<std::string, DataType> types,
           const test::AttrSetter& more = nullptr) {
  const test::AttrSetter set_types = test::TypeAttrs(std::move(types));
  return test::MakeNode(op, n_in, [&](::tensorflow::NodeDef* d) {
    set_types(d);
    if (more) more(d);
  });
}

TEST(GatherKernelsTest, GatherV2Values) {
  Node n = Typed("GatherV2", 3, {{"Tparams", DT_FLOAT}, {"Tindices", DT_INT32}, {"Taxis", DT_INT32}});
  std::vector<Tensor> out;
  Tensor params = MakeTensor<float>(TensorShape({3, 2}), {0, 1, 2, 3, 4, 5});
  ASSERT_TRUE(RunKernel(n, {params, MakeTensor<int32_t>(TensorShape({2, 2}), {2, 0, 1, 1}),
                            Tensor::Scalar<int32_t>(0)}, &out).ok());
  EXPECT_EQ(out[0].shape().DebugString(), "[2,2,2]");
  EXPECT_EQ(Values<float>(out[0]), (std::vector<float>{4, 5, 0, 1, 2, 3, 2, 3}));
  ASSERT_TRUE(RunKernel(n, {params, MakeTensor<int32_t>(TensorShape({3}), {1, 1, 0}),
                            Tensor::Scalar<int32_t>(-1)}, &out).ok());
  EXPECT_EQ(out[0].shape().DebugString(), "[3,3]");
  EXPECT_EQ(Values<float>(out[0]), (std::vector<float>{1, 1, 0, 3, 3, 2, 5, 5, 4}));
}

TEST(GatherKernelsTest, GatherV2BatchDims) {
  Node n = Typed("GatherV2", 3, {{"Tparams", DT_INT32}, {"Tindices", DT_INT64}, {"Taxis", DT_INT64}},
                 [](::tensorflow::NodeDef* d) { AddNodeAttr("batch_dims", int64_t{1}, d); });
  std::vector<Tensor> out;
  Tensor params = MakeTensor<int32_t>(TensorShape({2, 3}), {0, 1, 2, 10, 11, 12});
  ASSERT_TRUE(RunKernel(n, {params, MakeTensor<int64_t>(TensorShape({2, 2}), {2, 0, 1, 1}),
                            Tensor::Scalar<int64_t>(1)}, &out).ok());
  EXPECT_EQ(Values<int32_t>(out[0]), (std::vector<int32_t>{2, 0, 11, 11}));
}

TEST(GatherKernelsTest, GatherOutOfRange) {
  Node n = Typed("GatherV2", 3, {{"Tparams", DT_FLOAT}, {"Tindices", DT_INT32}, {"Taxis", DT_INT32}});
  std::vector<Tensor> out;
  Tensor params = MakeTensor<float>(TensorShape({5}), {0, 1, 2, 3, 4});
  Status s = RunKernel(n, {params, MakeTensor<int32_t>(TensorShape({3}), {0, 7, -1}),
                           Tensor::Scalar<int32_t>(0)}, &out);
  EXPECT_EQ(s.code(), Code::INVALID_ARGUMENT);
  EXPECT_EQ(s.message(), "indices[1] = 7 is not in [0, 5)");
  s = RunKernel(n, {params, MakeTensor<int32_t>(TensorShape({1}), {-1}),
                    Tensor::Scalar<int32_t>(0)}, &out);
  EXPECT_EQ(s.message(), "indices[0] = -1 is not in [0, 5)");
  s = RunKernel(n, {params, MakeTensor<int32_t>(TensorShape({1}), {0}),
                    Tensor::Scalar<int32_t>(1)}, &out);
  EXPECT_EQ(s.message(), "Expected axis in the range [-1, 1), but got 1");

  Node legacy = Typed("Gather", 2, {{"Tparams", DT_STRING}, {"Tindices", DT_INT64}});
  Tensor sp = MakeTensor<tstring>(TensorShape({2}), {"a", "bb"});
  ASSERT_TRUE(RunKernel(legacy, {sp, MakeTensor<int64_t>(TensorShape({3}), {1, 0, 1})}, &out).ok());
  EXPECT_EQ(Values<tstring>(out[0]), (std::vector<tstring>{"bb", "a", "bb"}));
  s = RunKernel(legacy, {sp, MakeTensor<int64_t>(TensorShape({2, 2}), {1, 0, 1, 2})}, &out);
  EXPECT_EQ(s.message(), "indices[1,1] = 2 is not in [0, 2)");
}

TEST(GatherKernelsTest, GatherNd) {
  Node n = Typed("GatherNd", 2, {{"Tparams", DT_FLOAT}, {"Tindices", DT_INT32}});
  std::vector<Tensor> out;
  Tensor params = MakeTensor<float>(TensorShape({2, 3}), {0, 1, 2, 3, 4, 5});
  ASSERT_TRUE(RunKernel(n, {params, MakeTensor<int32_t>(TensorShape({2, 2}), {1, 2, 0, 1})}, &out).ok());
  EXPECT_EQ(Values<float>(out[0]), (std::vector<float>{5, 1}));
  ASSERT_TRUE(RunKernel(n, {params, MakeTensor<int32_t>(TensorShape({1, 1}), {1})}, &out).ok());
  EXPECT_EQ(out[0].shape().DebugString(), "[1,3]");
  EXPECT_EQ(Values<float>(out[0]), (std::vector<float>{3, 4, 5}));
  Status s = RunKernel(n, {params, MakeTensor<int32_t>(TensorShape({2, 2}), {0, 0, 1, 3})}, &out);
  EXPECT_EQ(s.code(), Code::INVALID_ARGUMENT);
  EXPECT_EQ(s.message(), "indices[1] = [1, 3] does not index into param shape [2,3]");
}

TEST(GatherKernelsTest, ScatterNd) {
  Node n = Typed("ScatterNd", 3, {{"T", DT_FLOAT}, {"Tindices", DT_INT32}});
  std::vector<Tensor> out;
  ASSERT_TRUE(RunKernel(n, {MakeTensor<int32_t>(TensorShape({3, 1}), {4, 1, 4}),
                            MakeTensor<float>(TensorShape({3}), {1, 2, 3}),
                            MakeTensor<int32_t>(TensorShape({1}), {6})}, &out).ok());
  EXPECT_EQ(Values<float>(out[0]), (std::vector<float>{0, 2, 0, 0, 4, 0}));
  Status s = RunKernel(n, {MakeTensor<int32_t>(TensorShape({2, 1}), {1, 6}),
                           MakeTensor<float>(TensorShape({2}), {1, 2}),
                           MakeTensor<int32_t>(TensorShape({1}), {6})}, &out);
  EXPECT_EQ(s.code(), Code::INVALID_ARGUMENT);
  EXPECT_EQ(s.message(), "indices[1] = [6] does not index into shape [6]");
}

TEST(GatherKernelsTest, OneHot) {
  Node n = Typed("OneHot", 4, {{"T", DT_FLOAT}, {"TI", DT_INT32}});
  std::vector<Tensor> out;
  ASSERT_TRUE(RunKernel(n, {MakeTensor<int32_t>(TensorShape({3}), {0, 5, -1}),
                            Tensor::Scalar<int32_t>(3), Tensor::Scalar<float>(1.f),
                            Tensor::Scalar<float>(-1.f)}, &out).ok());
  EXPECT_EQ(Values<float>(out[0]), (std::vector<float>{1, -1, -1, -1, -1, -1, -1, -1, -1}));
  Node a0 = Typed("OneHot", 4, {{"T", DT_INT32}, {"TI", DT_INT64}},
                  [](::tensorflow::NodeDef* d) { AddNodeAttr("axis", int64_t{0}, d); });
  ASSERT_TRUE(RunKernel(a0, {MakeTensor<int64_t>(TensorShape({2}), {1, 0}),
                             Tensor::Scalar<int32_t>(2), Tensor::Scalar<int32_t>(7),
                             Tensor::Scalar<int32_t>(0)}, &out).ok());
  EXPECT_EQ(Values<int32_t>(out[0]), (std::vector<int32_t>{0, 7, 7, 0}));
  Status s = RunKernel(n, {MakeTensor<int32_t>(TensorShape({1}), {0}), Tensor::Scalar<int32_t>(-3),
                           Tensor::Scalar<float>(1.f), Tensor::Scalar<float>(0.f)}, &out);
  EXPECT_EQ(s.message(), "depth must be non-negative, got: -3");
}

TEST(GatherKernelsTest, WhereReverseBroadcast) {
  std::vector<Tensor> out;
  Node w = Typed("Where", 1, {{"T", DT_BOOL}});
  ASSERT_TRUE(RunKernel(w, {MakeTensor<bool>(TensorShape({2, 2}), {true, false, false, true})}, &out).ok());
  EXPECT_EQ(out[0].shape().DebugString(), "[2,2]");
  EXPECT_EQ(Values<int64_t>(out[0]), (std::vector<int64_t>{0, 0, 1, 1}));

  Node r = Typed("ReverseV2", 2, {{"T", DT_INT32}});
  ASSERT_TRUE(RunKernel(r, {MakeTensor<int32_t>(TensorShape({2, 3}), {0, 1, 2, 3, 4, 5}),
                            MakeTensor<int32_t>(TensorShape({1}), {1})}, &out).ok());
  EXPECT_EQ(Values<int32_t>(out[0]), (std::vector<int32_t>{2, 1, 0, 5, 4, 3}));
  ASSERT_TRUE(RunKernel(r, {MakeTensor<int32_t>(TensorShape({2, 3}), {0, 1, 2, 3, 4, 5}),
                            MakeTensor<int32_t>(TensorShape({1}), {0})}, &out).ok());
  EXPECT_EQ(Values<int32_t>(out[0]), (std::vector<int32_t>{3, 4, 5, 0, 1, 2}));

  Node b = Typed("BroadcastTo", 2, {{"T", DT_FLOAT}});
  ASSERT_TRUE(RunKernel(b, {MakeTensor<float>(TensorShape({2, 1}), {1, 2}),
                            MakeTensor<int32_t>(TensorShape({2}), {2, 3})}, &out).ok());
  EXPECT_EQ(Values<float>(out[0]), (std::vector<float>{1, 1, 1, 2, 2, 2}));
  Status s = RunKernel(b, {MakeTensor<float>(TensorShape({3}), {1, 2, 3}),
                           MakeTensor<int32_t>(TensorShape({1}), {4})}, &out);
  EXPECT_EQ(s.code(), Code::INVALID_ARGUMENT);

  Node ba = Typed("BroadcastArgs", 2, {{"T", DT_INT32}});
  ASSERT_TRUE(RunKernel(ba, {MakeTensor<int32_t>(TensorShape({2}), {2, 1}),
                             MakeTensor<int32_t>(TensorShape({3}), {5, 1, 3})}, &out).ok());
  EXPECT_EQ(Values<int32_t>(out[0]), (std::vector<int32_t>{5, 2, 3}));
}

TEST(GatherKernelsTest, UniqueAndInvertPermutation) {
  std::vector<Tensor> out;
  Node u = Typed("Unique", 1, {{"T", DT_FLOAT}});
  ASSERT_TRUE(RunKernel(u, {MakeTensor<float>(TensorShape({5}), {3, 1, 3, -0.f, 0.f})}, &out).ok());
  EXPECT_EQ(Values<float>(out[0]), (std::vector<float>{3, 1, 0}));
  EXPECT_EQ(Values<int32_t>(out[1]), (std::vector<int32_t>{0, 1, 0, 2, 2}));
  Node ip = Typed("InvertPermutation", 1, {{"T", DT_INT32}});
  ASSERT_TRUE(RunKernel(ip, {MakeTensor<int32_t>(TensorShape({3}), {2, 0, 1})}, &out).ok());
  EXPECT_EQ(Values<int32_t>(out[0]), (std::vector<int32_t>{1, 2, 0}));
  EXPECT_EQ(RunKernel(ip, {MakeTensor<int32_t>(TensorShape({3}), {2, 0, 0})}, &out).message(),
            "0 is duplicated in the input.");
  EXPECT_EQ(RunKernel(ip, {MakeTensor<int32_t>(TensorShape({2}), {2, 0})}, &out).message(),
            "2 is not between 0 and 2");
}

TEST(GatherKernelsTest, DiagFamily) {
  std::vector<Tensor> out;
  Node md = Typed("MatrixDiag", 1, {{"T", DT_INT32}});
  ASSERT_TRUE(RunKernel(md, {MakeTensor<int32_t>(TensorShape({2}), {1, 2})}, &out).ok());
  EXPECT_EQ(Values<int32_t>(out[0]), (std::vector<int32_t>{1, 0, 0, 2}));
  Node mdp = Typed("MatrixDiagPart", 1, {{"T", DT_INT32}});
  ASSERT_TRUE(RunKernel(mdp, {MakeTensor<int32_t>(TensorShape({2, 3}), {1, 2, 3, 4, 5, 6})}, &out).ok());
  EXPECT_EQ(Values<int32_t>(out[0]), (std::vector<int32_t>{1, 5}));
  Node sd = Typed("MatrixSetDiag", 2, {{"T", DT_INT32}});
  ASSERT_TRUE(RunKernel(sd, {MakeTensor<int32_t>(TensorShape({2, 3}), {1, 2, 3, 4, 5, 6}),
                             MakeTensor<int32_t>(TensorShape({2}), {9, 8})}, &out).ok());
  EXPECT_EQ(Values<int32_t>(out[0]), (std::vector<int32_t>{9, 2, 3, 4, 8, 6}));
  Node bp = Typed("MatrixBandPart", 3, {{"T", DT_INT32}});
  ASSERT_TRUE(RunKernel(bp, {MakeTensor<int32_t>(TensorShape({3, 3}), {1, 2, 3, 4, 5, 6, 7, 8, 9}),
                             Tensor::Scalar<int64_t>(0), Tensor::Scalar<int64_t>(-1)}, &out).ok());
  EXPECT_EQ(Values<int32_t>(out[0]), (std::vector<int32_t>{1, 2, 3, 0, 5, 6, 0, 0, 9}));
  Node d = Typed("Diag", 1, {{"T", DT_FLOAT}});
  ASSERT_TRUE(RunKernel(d, {MakeTensor<float>(TensorShape({2}), {1, 2})}, &out).ok());
  EXPECT_EQ(Values<float>(out[0]), (std::vector<float>{1, 0, 0, 2}));
  Node dp = Typed("DiagPart", 1, {{"T", DT_FLOAT}});
  ASSERT_TRUE(RunKernel(dp, {MakeTensor<float>(TensorShape({2, 2}), {1, 7, 7, 2})}, &out).ok());
  EXPECT_EQ(Values<float>(out[0]), (std::vector<float>{1, 2}));
}

}  // namespace
}  // namespace tfc
