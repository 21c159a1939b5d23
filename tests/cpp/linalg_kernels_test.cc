// CPU kernels of MatMul/BatchMatMulV2, reductions, ArgMax, Softmax, scans and Einsum, run
// directly (with and without an intra-op pool, to cover the sharded paths).
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <memory>

#include "core/framework/device.h"
#include "core/framework/node_def_util.h"
#include "core/framework/op_kernel.h"
#include "core/framework/op_registry.h"
#include "core/framework/thread_pool.h"

namespace tfc {
namespace {

using AttrSetter = std::function<void(::tensorflow::NodeDef*)>;

// Runs op `op` on `inputs`; attrs set by `set`. `threads` > 0 gives the device a pool.
Status RunOp(const std::string& op, std::vector<Tensor> inputs, const AttrSetter& set,
           std::vector<Tensor>* outputs, int threads = 0) {
  ::tensorflow::NodeDef def;
  def.set_name("n");
  def.set_op(op);
  for (size_t i = 0; i < inputs.size(); ++i) def.add_input("i" + std::to_string(i));
  set(&def);
  const ::tensorflow::OpDef* op_def = nullptr;
  TFC_RETURN_IF_ERROR(OpRegistry::Global()->LookUpOpDef(op, &op_def));
  AddDefaultsToNodeDef(*op_def, &def);
  DataTypeVector in_types, out_types;
  TFC_RETURN_IF_ERROR(InOutTypesForNode(def, *op_def, &in_types, &out_types));
  std::unique_ptr<ThreadPool> pool;
  if (threads > 0) pool = std::make_unique<ThreadPool>("test", threads);
  Device device("/job:localhost/replica:0/task:0/device:CPU:0", DEVICE_CPU, cpu_allocator(),
                pool.get());
  std::unique_ptr<OpKernel> kernel;
  TFC_RETURN_IF_ERROR(CreateOpKernel(&device, def, in_types, out_types, &kernel));
  std::vector<TensorValue> values(inputs.size());
  for (size_t i = 0; i < inputs.size(); ++i) values[i].tensor = &inputs[i];
  OpKernelContext::Params params;
  params.device = &device;
  params.op_kernel = kernel.get();
  params.inputs = &values;
  OpKernelContext ctx(&params);
  kernel->Compute(&ctx);
  TFC_RETURN_IF_ERROR(ctx.status());
  outputs->clear();
  for (const TensorValue& v : ctx.outputs()) outputs->push_back(v.tensor ? *v.tensor : Tensor());
  return OkStatus();
}

template <typename T>
Tensor Make(const TensorShape& shape, const std::vector<T>& values) {
  Tensor t(DataTypeToEnum<T>::value, shape);
  for (int64_t i = 0; i < t.NumElements(); ++i) t.data<T>()[i] = values[i % values.size()];
  return t;
}

template <typename T>
std::vector<T> Vals(const Tensor& t) {
  return std::vector<T>(t.data<T>(), t.data<T>() + t.NumElements());
}

template <typename T>
Tensor Iota(const TensorShape& shape, double scale = 1.0, double offset = 0.0) {
  Tensor t(DataTypeToEnum<T>::value, shape);
  for (int64_t i = 0; i < t.NumElements(); ++i) {
    t.data<T>()[i] = static_cast<T>(std::fmod(i * 7.0, 13.0) * scale + offset);
  }
  return t;
}

AttrSetter TypeAttr(DataType t) {
  return [t](::tensorflow::NodeDef* d) { AddNodeAttr("T", t, d); };
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
                      &out, 4)
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
  Tensor x = Make<float>({2, 1, 2, 2}, {1, 2, 3, 4, 5, 6, 7, 8});
  Tensor y = Make<float>({3, 2, 1}, {1, 1, 2, 0, 0, 3});
  std::vector<Tensor> out;
  ASSERT_TRUE(RunOp("BatchMatMulV2", {x, y}, TypeAttr(DT_FLOAT), &out).ok());
  ASSERT_EQ(out[0].shape(), TensorShape({2, 3, 2, 1}));
  EXPECT_EQ(Vals<float>(out[0]), (std::vector<float>{3, 7, 2, 6, 6, 12, 11, 15, 10, 14, 18, 24}));
  Tensor xh = Make<half>({1, 2, 2}, {half(1), half(2), half(3), half(4)});
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
    ASSERT_TRUE(RunOp("Sum", {x, Make<int32_t>({2}, {0, -1})}, TypeAttr(DT_FLOAT), &out, threads)
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
  Status s = RunOp("Sum", {x, Make<int64_t>({1}, {3})},
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
  ASSERT_TRUE(RunOp("Mean", {Make<int32_t>({3}, {-1, -1, 1}), Make<int32_t>({}, {0})},
                  TypeAttr(DT_INT32), &out)
                  .ok());
  EXPECT_EQ(out[0].scalar<int32_t>(), 0);  // -1/3 truncates toward zero
  ASSERT_TRUE(RunOp("Max", {Tensor(DT_FLOAT, {0, 2}), Make<int32_t>({}, {0})},
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
  ASSERT_TRUE(RunOp("ArgMax", {Make<float>({2, 3}, {1, 5, 5, 2, 2, 2}), Make<int32_t>({}, {1})},
                  TypeAttr(DT_FLOAT), &out)
                  .ok());
  EXPECT_EQ(Vals<int64_t>(out[0]), (std::vector<int64_t>{1, 0}));
  // Axis 0 (inner > 1), sharded: column j's max sits at row (j % 3), ties keep row 0.
  Tensor col = Make<int32_t>({3, 1000}, {0});
  for (int j = 0; j < 1000; ++j) {
    if (j % 4 != 3) col.data<int32_t>()[(j % 3) * 1000 + j] = 5;
  }
  ASSERT_TRUE(RunOp("ArgMax", {col, Make<int32_t>({}, {0})},
                    [](::tensorflow::NodeDef* d) {
                      AddNodeAttr("T", DT_INT32, d);
                      AddNodeAttr("output_type", DT_INT32, d);
                    },
                    &out, 3)
                  .ok());
  for (int j = 0; j < 1000; ++j) {
    ASSERT_EQ(out[0].data<int32_t>()[j], j % 4 == 3 ? 0 : j % 3) << j;
  }
  Status s = RunOp("ArgMin", {Tensor(DT_FLOAT, {2, 0}), Make<int32_t>({}, {1})},
                 TypeAttr(DT_FLOAT), &out);
  EXPECT_EQ(s.code(), Code::INVALID_ARGUMENT);
}

TEST(LinalgKernelTest, SoftmaxAndLogSoftmax) {
  std::vector<Tensor> out;
  Tensor x = Make<double>({2, 3}, {1, 2, 3, 1000, 1000, 1000});
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
  Tensor x = Make<int32_t>({2, 3}, {1, 2, 3, 4, 5, 6});
  ASSERT_TRUE(RunOp("Cumsum", {x, Make<int32_t>({}, {1})},
                  [](::tensorflow::NodeDef* d) {
                    AddNodeAttr("T", DT_INT32, d);
                    AddNodeAttr("exclusive", true, d);
                    AddNodeAttr("reverse", true, d);
                  },
                  &out)
                  .ok());
  EXPECT_EQ(Vals<int32_t>(out[0]), (std::vector<int32_t>{5, 3, 0, 11, 6, 0}));
  ASSERT_TRUE(RunOp("Cumprod", {x, Make<int32_t>({}, {-2})}, TypeAttr(DT_INT32), &out).ok());
  EXPECT_EQ(Vals<int32_t>(out[0]), (std::vector<int32_t>{1, 2, 3, 4, 10, 18}));
  Status s = RunOp("Cumsum", {x, Make<int32_t>({}, {2})}, TypeAttr(DT_INT32), &out);
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
  Tensor sq = Make<float>({3, 3}, {1, 2, 3, 4, 5, 6, 7, 8, 9});
  ASSERT_TRUE(RunOp("Einsum", {sq}, eq("ii->i", 1), &out).ok());
  EXPECT_EQ(Vals<float>(out[0]), (std::vector<float>{1, 5, 9}));
  ASSERT_TRUE(RunOp("Einsum", {sq}, eq("ij->", 1), &out).ok());
  EXPECT_EQ(out[0].scalar<float>(), 45.0f);
  // [2,1,2] x [3,2] with "...j,kj->...k": ellipsis broadcast, contraction over j.
  Tensor a = Make<float>({2, 1, 2}, {1, 2, 3, 4});
  Tensor b = Make<float>({3, 2}, {1, 0, 0, 1, 1, 1});
  ASSERT_TRUE(RunOp("Einsum", {a, b}, eq("...j,kj->...k", 2), &out).ok());
  ASSERT_EQ(out[0].shape(), TensorShape({2, 1, 3}));
  EXPECT_EQ(Vals<float>(out[0]), (std::vector<float>{1, 2, 3, 3, 4, 7}));
  // Output order that is not [batch, free_a, free_b]: "ij,jk->ki".
  Tensor c = Make<float>({2, 2}, {1, 2, 3, 4});
  ASSERT_TRUE(RunOp("Einsum", {c, c}, eq("ij,jk->ki", 2), &out).ok());
  EXPECT_EQ(Vals<float>(out[0]), (std::vector<float>{7, 15, 10, 22}));
  Status s = RunOp("Einsum", {c, Tensor(DT_FLOAT, {3, 2})}, eq("ij,jk->ik", 2), &out);
  EXPECT_EQ(s.code(), Code::INVALID_ARGUMENT);
}

}  // namespace
}  // namespace tfc
