// Kernel lookup by device and type constraints, and TF's NotFound wording when nothing fits.
#include <gtest/gtest.h>

#include "core/framework/op_kernel.h"
#include "core/framework/op_registry.h"
#include "core/framework/shape_inference.h"
#include "tests/cpp/kernel_test_util.h"

namespace tfc {
namespace {

REGISTER_OP("TestRegTyped").Input("x: T").Output("y: T").Attr("T: type").SetShapeFn(
    shape_inference::UnchangedShape);
REGISTER_OP("TestRegNoKernel").Output("y: float").SetShapeFn(shape_inference::UnknownShape);

template <int kTag>
class TaggedOp : public OpKernel {
 public:
  explicit TaggedOp(OpKernelConstruction* c) : OpKernel(c) {}
  void Compute(OpKernelContext* ctx) override { ctx->set_output(0, Tensor::Scalar<int32_t>(kTag)); }
};

class FailingConstructionOp : public OpKernel {
 public:
  explicit FailingConstructionOp(OpKernelConstruction* c) : OpKernel(c) {
    c->SetStatus(errors::InvalidArgument("bad attr"));
  }
  void Compute(OpKernelContext*) override {}
};

REGISTER_KERNEL_BUILDER(Name("TestRegTyped").Device(DEVICE_CPU).TypeConstraint<float>("T"),
                        TaggedOp<1>);
REGISTER_KERNEL_BUILDER(Name("TestRegTyped").Device(DEVICE_CPU).TypeConstraint("T", {DT_INT32, DT_INT64}),
                        TaggedOp<2>);
REGISTER_KERNEL_BUILDER(
    Name("TestRegTyped").Device(DEVICE_CPU).TypeConstraint<int64_t>("T").Priority(5), TaggedOp<3>);
REGISTER_KERNEL_BUILDER(Name("TestRegTyped").Device(DEVICE_GPU).TypeConstraint<float>("T"),
                        TaggedOp<4>);
REGISTER_KERNEL_BUILDER(Name("TestRegTyped").Device(DEVICE_CPU).TypeConstraint<bool>("T"),
                        FailingConstructionOp);

::tensorflow::NodeDef Typed(DataType t) {
  ::tensorflow::NodeDef n;
  n.set_name("x");
  n.set_op("TestRegTyped");
  n.add_input("in");
  AddNodeAttr("T", t, &n);
  return n;
}

// The tag of the CPU kernel that runs for T = t.
int RunTag(DataType t) {
  Tensor out;
  Status s = test::RunOp("TestRegTyped", {Tensor(t, TensorShape({}))}, test::TypeAttr(t), &out);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return s.ok() ? out.scalar<int32_t>() : -1;
}

TEST(KernelRegistryTest, MatchesTypeConstraints) {
  EXPECT_EQ(RunTag(DT_FLOAT), 1);
  EXPECT_EQ(RunTag(DT_INT32), 2);
  EXPECT_EQ(RunTag(DT_INT64), 3);  // the higher priority wins
}

TEST(KernelRegistryTest, AttrMismatchMessage) {
  const KernelRegistration* reg = nullptr;
  Status s = KernelRegistry::Global()->FindKernel(DEVICE_CPU, Typed(DT_UINT8), &reg);
  EXPECT_EQ(s.code(), Code::NOT_FOUND);
  EXPECT_EQ(reg, nullptr);
  const std::string& m = s.message();
  EXPECT_EQ(m.rfind("No registered 'TestRegTyped' OpKernel for CPU devices compatible with node "
                    "{{node x}}\n\t (OpKernel was found, but attributes didn't match) Requested "
                    "Attributes: T=DT_UINT8\n\t.  Registered:",
                    0),
            0u)
      << m;
  EXPECT_NE(m.find("  device='CPU'; T in [DT_FLOAT]\n"), std::string::npos) << m;
  EXPECT_NE(m.find("  device='CPU'; T in [DT_INT32, DT_INT64]\n"), std::string::npos) << m;
  EXPECT_NE(m.find("  device='GPU'; T in [DT_FLOAT]\n"), std::string::npos) << m;
}

TEST(KernelRegistryTest, NoKernelAtAll) {
  ::tensorflow::NodeDef n;
  n.set_name("nk");
  n.set_op("TestRegNoKernel");
  const KernelRegistration* reg = nullptr;
  Status s = KernelRegistry::Global()->FindKernel(DEVICE_CPU, n, &reg);
  EXPECT_EQ(s.code(), Code::NOT_FOUND);
  EXPECT_EQ(s.message(),
            "No registered 'TestRegNoKernel' OpKernel for CPU devices compatible with node "
            "{{node nk}}\n\t.  Registered:  <no registered kernels>\n");
}

TEST(KernelRegistryTest, SupportedDeviceTypes) {
  auto f = KernelRegistry::Global()->SupportedDeviceTypes(Typed(DT_FLOAT));
  EXPECT_EQ(f, (std::vector<std::string>{"GPU", "CPU"}));
  auto i = KernelRegistry::Global()->SupportedDeviceTypes(Typed(DT_INT32));
  EXPECT_EQ(i, (std::vector<std::string>{"CPU"}));
}

TEST(KernelRegistryTest, ConstructionErrorNamesTheNode) {
  Device device("/job:localhost/replica:0/task:0/device:CPU:0", DEVICE_CPU, cpu_allocator(), nullptr);
  std::unique_ptr<OpKernel> k;
  Status s = CreateOpKernel(&device, Typed(DT_BOOL), {DT_BOOL}, {DT_BOOL}, &k);
  EXPECT_EQ(s.code(), Code::INVALID_ARGUMENT);
  EXPECT_EQ(s.message(), "bad attr\n\t [[{{node x}}]]");
}

TEST(KernelRegistryTest, CoreOpsHaveCpuKernels) {
  for (const char* op : {"Const", "Placeholder", "PlaceholderWithDefault", "Identity", "IdentityN",
                         "NoOp", "StopGradient", "PreventGradient", "Switch", "RefSwitch", "Merge",
                         "RefMerge", "Enter", "RefEnter", "Exit", "RefExit", "NextIteration",
                         "RefNextIteration", "LoopCond", "ControlTrigger"}) {
    ::tensorflow::NodeDef n;
    n.set_name("n");
    n.set_op(op);
    AddNodeAttr("T", DT_FLOAT, &n);
    AddNodeAttr("dtype", DT_FLOAT, &n);
    const KernelRegistration* reg = nullptr;
    EXPECT_TRUE(KernelRegistry::Global()->FindKernel(DEVICE_CPU, n, &reg).ok()) << op;
    EXPECT_NE(OpRegistry::Global()->LookUp(op), nullptr) << op;
  }
}

TEST(ThreadPoolTest, ParallelForCoversEveryIndexOnce) {
  ThreadPool pool("t", 4);
  std::vector<std::atomic<int>> hits(100000);
  pool.ParallelFor(100000, 1000, [&](int64_t b, int64_t e) {
    for (int64_t i = b; i < e; ++i) hits[i]++;
  });
  for (auto& h : hits) ASSERT_EQ(h.load(), 1);
  int calls = 0;
  pool.ParallelFor(10, 1, [&](int64_t b, int64_t e) { calls++; EXPECT_EQ(e - b, 10); });
  EXPECT_EQ(calls, 1);  // cheap work stays on the caller
  EXPECT_GE(DefaultNumThreads(), 1);
  EXPECT_EQ(pool.NumThreads(), 4);
  EXPECT_EQ(pool.CurrentThreadId(), -1);
}

}  // namespace
}  // namespace tfc
