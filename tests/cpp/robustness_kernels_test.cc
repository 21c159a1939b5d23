// Regression tests for crashes the adversarial sweep (tests/python/test_robustness.py) found:
// each runs a real op through a Session with fed values and expects TF's error (or the right
// value), after which the session still works.
#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <new>

#include "core/framework/attr_value_util.h"
#include "core/framework/op_kernel.h"
#include "core/framework/op_registry.h"
#include "core/framework/shape_inference.h"
#include "core/graph/graph.h"
#include "core/runtime/session.h"

namespace tfc {
namespace {

using ::tensorflow::NodeDef;

// A kernel that throws, standing in for any C++ exception escaping a kernel.
REGISTER_OP("TestRobustThrow").Output("y: float").SetShapeFn(shape_inference::ScalarShape);
class ThrowOp : public OpKernel {
 public:
  explicit ThrowOp(OpKernelConstruction* c) : OpKernel(c) {}
  void Compute(OpKernelContext*) override { throw std::bad_alloc(); }
};
REGISTER_KERNEL_BUILDER(Name("TestRobustThrow").Device(DEVICE_CPU), ThrowOp);

template <typename T>
Tensor Vec(DataType dt, std::vector<T> v) {
  Tensor t(dt, TensorShape({static_cast<int64_t>(v.size())}));
  for (size_t i = 0; i < v.size(); ++i) t.data<T>()[i] = v[i];
  return t;
}

template <typename T>
Tensor Scalar(T v) {
  return Tensor::Scalar<T>(v);
}

class RobustKernelsTest : public ::testing::Test {
 protected:
  void SetUp() override { graph_ = std::make_shared<Graph>(); }

  void Ph(const std::string& name, DataType dt) {
    NodeDef d;
    d.set_name(name);
    d.set_op("Placeholder");
    AddNodeAttr("dtype", dt, &d);
    ASSERT_TRUE(graph_->AddNode(d).ok());
  }

  void Op(const std::string& name, const std::string& op, std::vector<std::string> inputs,
          std::vector<std::pair<std::string, DataType>> types) {
    NodeDef d;
    d.set_name(name);
    d.set_op(op);
    for (auto& i : inputs) d.add_input(i);
    for (auto& [k, v] : types) AddNodeAttr(k, v, &d);
    Status s = graph_->AddNode(d);
    ASSERT_TRUE(s.ok()) << s.message();
  }

  Status Run(const std::vector<std::pair<std::string, Tensor>>& feeds, const std::string& fetch,
             std::vector<Tensor>* out) {
    if (!sess_) sess_ = std::make_unique<Session>(graph_, SessionOptions());
    return sess_->Run(feeds, {fetch}, {}, out);
  }

  std::shared_ptr<Graph> graph_;
  std::unique_ptr<Session> sess_;
};

TEST_F(RobustKernelsTest, FillWhoseByteCountOverflowsIsResourceExhausted) {
  Ph("dims", DT_INT64);
  Ph("v", DT_FLOAT);
  Op("f", "Fill", {"dims", "v"}, {{"T", DT_FLOAT}, {"index_type", DT_INT64}});
  std::vector<Tensor> out;
  // 2**62 elements fit int64; 2**64 bytes used to wrap to a 0-byte buffer and segfault.
  Status s = Run({{"dims:0", Vec<int64_t>(DT_INT64, {int64_t{1} << 31, int64_t{1} << 31})},
                  {"v:0", Scalar<float>(1.0f)}},
                 "f:0", &out);
  EXPECT_EQ(s.code(), Code::RESOURCE_EXHAUSTED) << s.message();
  EXPECT_NE(s.message().find("OOM when allocating tensor with shape[2147483648,2147483648]"),
            std::string::npos)
      << s.message();
  // Element count overflow is InvalidArgument.
  s = Run({{"dims:0", Vec<int64_t>(DT_INT64, {int64_t{1} << 40, int64_t{1} << 40})},
           {"v:0", Scalar<float>(1.0f)}},
          "f:0", &out);
  EXPECT_EQ(s.code(), Code::INVALID_ARGUMENT) << s.message();
  ASSERT_TRUE(Run({{"dims:0", Vec<int64_t>(DT_INT64, {2})}, {"v:0", Scalar<float>(3.0f)}}, "f:0",
                  &out).ok());
  EXPECT_EQ(out[0].data<float>()[1], 3.0f);
}

TEST_F(RobustKernelsTest, LinSpaceHugeNumIsResourceExhausted) {
  Ph("a", DT_FLOAT);
  Ph("n", DT_INT64);
  Op("l", "LinSpace", {"a", "a", "n"}, {{"T", DT_FLOAT}, {"Tidx", DT_INT64}});
  std::vector<Tensor> out;
  Status s = Run({{"a:0", Scalar<float>(0.0f)}, {"n:0", Scalar<int64_t>(int64_t{1} << 62)}},
                 "l:0", &out);
  EXPECT_EQ(s.code(), Code::RESOURCE_EXHAUSTED) << s.message();
}

TEST_F(RobustKernelsTest, TileOfEmptyInputWithHugeMultiplesIsEmpty) {
  Ph("x", DT_FLOAT);
  Ph("m", DT_INT32);
  Op("t", "Tile", {"x", "m"}, {{"T", DT_FLOAT}, {"Tmultiples", DT_INT32}});
  std::vector<Tensor> out;
  // Used to build a 6e9-entry index map for a [0, 6442450941] output and throw bad_alloc.
  Status s = Run({{"x:0", Tensor(DT_FLOAT, TensorShape({0, 3}))},
                  {"m:0", Vec<int32_t>(DT_INT32, {2, INT32_MAX})}},
                 "t:0", &out);
  ASSERT_TRUE(s.ok()) << s.message();
  EXPECT_EQ(out[0].shape(), TensorShape({0, int64_t{3} * INT32_MAX}));
}

TEST_F(RobustKernelsTest, TileAndPadDimensionOverflowIsInvalidArgument) {
  Ph("x", DT_FLOAT);
  Ph("m", DT_INT64);
  Op("t", "Tile", {"x", "m"}, {{"T", DT_FLOAT}, {"Tmultiples", DT_INT64}});
  Op("p", "Pad", {"x", "m"}, {{"T", DT_FLOAT}, {"Tpaddings", DT_INT64}});
  std::vector<Tensor> out;
  Tensor x(DT_FLOAT, TensorShape({3}));
  Status s = Run({{"x:0", x}, {"m:0", Vec<int64_t>(DT_INT64, {int64_t{1} << 62})}}, "t:0", &out);
  EXPECT_EQ(s.code(), Code::INVALID_ARGUMENT) << s.message();
  Tensor pads(DT_INT64, TensorShape({1, 2}));
  pads.data<int64_t>()[0] = INT64_MAX - 1;
  pads.data<int64_t>()[1] = INT64_MAX - 1;
  s = Run({{"x:0", x}, {"m:0", pads}}, "p:0", &out);
  EXPECT_EQ(s.code(), Code::INVALID_ARGUMENT) << s.message();
}

TEST_F(RobustKernelsTest, RangeSizeIsComputedWithoutOverflow) {
  Ph("s", DT_INT64);
  Ph("l", DT_INT64);
  Ph("d", DT_INT64);
  Op("r", "Range", {"s", "l", "d"}, {{"Tidx", DT_INT64}});
  std::vector<Tensor> out;
  // limit - start = 2**64 - 1 used to wrap to -1 and give a 1-element result.
  Status s = Run({{"s:0", Scalar<int64_t>(INT64_MIN)},
                  {"l:0", Scalar<int64_t>(INT64_MAX)},
                  {"d:0", Scalar<int64_t>(1)}},
                 "r:0", &out);
  EXPECT_EQ(s.code(), Code::INVALID_ARGUMENT) << s.message();
  // Large steps near the ends of the range: exact values, no overflow past the last one.
  s = Run({{"s:0", Scalar<int64_t>(INT64_MIN)},
           {"l:0", Scalar<int64_t>(INT64_MAX)},
           {"d:0", Scalar<int64_t>(INT64_MAX)}},
          "r:0", &out);
  ASSERT_TRUE(s.ok()) << s.message();
  ASSERT_EQ(out[0].NumElements(), 3);
  EXPECT_EQ(out[0].data<int64_t>()[0], INT64_MIN);
  EXPECT_EQ(out[0].data<int64_t>()[1], -1);
  EXPECT_EQ(out[0].data<int64_t>()[2], INT64_MAX - 1);
}

TEST_F(RobustKernelsTest, KernelExceptionsBecomeErrors) {
  Op("t", "TestRobustThrow", {}, {});
  Ph("x", DT_FLOAT);
  Op("i", "Identity", {"x"}, {{"T", DT_FLOAT}});
  std::vector<Tensor> out;
  Status s = Run({}, "t:0", &out);
  EXPECT_EQ(s.code(), Code::RESOURCE_EXHAUSTED) << s.message();
  ASSERT_TRUE(Run({{"x:0", Scalar<float>(2.0f)}}, "i:0", &out).ok());
  EXPECT_EQ(out[0].scalar<float>(), 2.0f);
}

}  // namespace
}  // namespace tfc
