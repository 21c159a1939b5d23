// Session on a real Graph: feeds, fetches, targets, errors, callables, concurrency, stateful
// kernels shared between executors, and the per-run overhead of a tiny graph.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "core/framework/op_kernel.h"
#include "core/framework/op_registry.h"
#include "core/framework/shape_inference.h"
#include "core/runtime/session.h"

namespace tfc {
namespace {

REGISTER_OP("TestSessAdd").Input("a: float").Input("b: float").Output("y: float").SetShapeFn(
    shape_inference::BroadcastBinaryOpShapeFn);
REGISTER_OP("TestSessCounter").Output("y: int64").SetIsStateful().SetShapeFn(
    shape_inference::ScalarShape);
REGISTER_OP("TestSessVar").Output("ref: Ref(float)").SetIsStateful().SetShapeFn(
    shape_inference::UnknownShape);
REGISTER_OP("TestSessAssign")
    .Input("ref: Ref(float)")
    .Input("value: float")
    .Output("output_ref: Ref(float)")
    .SetAllowsUninitializedInput()
    .SetShapeFn(shape_inference::UnknownShape);
REGISTER_OP("TestSessFail").Output("y: float").SetShapeFn(shape_inference::ScalarShape);

class AddOp : public OpKernel {
 public:
  explicit AddOp(OpKernelConstruction* c) : OpKernel(c) { expensive_ = false; }
  void Compute(OpKernelContext* ctx) override {
    ctx->set_output(0, Tensor::Scalar<float>(ctx->input(0).scalar<float>() +
                                             ctx->input(1).scalar<float>()));
  }
};
class CounterOp : public OpKernel {
 public:
  explicit CounterOp(OpKernelConstruction* c) : OpKernel(c) { expensive_ = false; }
  void Compute(OpKernelContext* ctx) override {
    ctx->set_output(0, Tensor::Scalar<int64_t>(++count_));
  }

 private:
  std::atomic<int64_t> count_{0};
};
class VarOp : public OpKernel {
 public:
  explicit VarOp(OpKernelConstruction* c) : OpKernel(c) { expensive_ = false; }
  void Compute(OpKernelContext* ctx) override { ctx->set_output_ref(0, &mu_, &value_); }

 private:
  std::mutex mu_;
  Tensor value_;
};
class AssignOp : public OpKernel {
 public:
  explicit AssignOp(OpKernelConstruction* c) : OpKernel(c) { expensive_ = false; }
  void Compute(OpKernelContext* ctx) override {
    {
      std::lock_guard<std::mutex> l(*ctx->input_ref_mutex(0));
      *ctx->mutable_input(0) = ctx->input(1).DeepCopy();
    }
    ctx->forward_ref_input_to_ref_output(0, 0);
  }
};
class FailOp : public OpKernel {
 public:
  explicit FailOp(OpKernelConstruction* c) : OpKernel(c) {}
  void Compute(OpKernelContext* ctx) override {
    ctx->SetStatus(errors::OutOfRange("TestSessFail failed"));
  }
};
REGISTER_KERNEL_BUILDER(Name("TestSessAdd").Device(DEVICE_CPU), AddOp);
REGISTER_KERNEL_BUILDER(Name("TestSessCounter").Device(DEVICE_CPU), CounterOp);
REGISTER_KERNEL_BUILDER(Name("TestSessVar").Device(DEVICE_CPU), VarOp);
REGISTER_KERNEL_BUILDER(Name("TestSessAssign").Device(DEVICE_CPU), AssignOp);
REGISTER_KERNEL_BUILDER(Name("TestSessFail").Device(DEVICE_CPU), FailOp);

class SessionTest : public ::testing::Test {
 protected:
  SessionTest() : graph_(std::make_shared<Graph>()) {}

  void Add(const std::string& name, const std::string& op, std::vector<std::string> inputs,
           std::function<void(::tensorflow::NodeDef*)> attrs = nullptr) {
    ::tensorflow::NodeDef d;
    d.set_name(name);
    d.set_op(op);
    for (auto& i : inputs) d.add_input(i);
    if (attrs) attrs(&d);
    Status s = graph_->AddNode(d);
    ASSERT_TRUE(s.ok()) << s.ToString();
  }
  void ConstF(const std::string& name, float v) {
    Add(name, "Const", {}, [v](::tensorflow::NodeDef* d) {
      AddNodeAttr("value", Tensor::Scalar<float>(v), d);
      AddNodeAttr("dtype", DT_FLOAT, d);
    });
  }
  void PlaceholderF(const std::string& name, PartialTensorShape shape) {
    Add(name, "Placeholder", {}, [shape](::tensorflow::NodeDef* d) {
      AddNodeAttr("dtype", DT_FLOAT, d);
      AddNodeAttr("shape", shape, d);
    });
  }
  // x: scalar placeholder, c = 2, y = x + c.
  void BuildTiny() {
    PlaceholderF("x", PartialTensorShape({}));
    ConstF("c", 2.0f);
    Add("y", "TestSessAdd", {"x", "c"});
  }

  std::shared_ptr<Graph> graph_;
};

TEST_F(SessionTest, FeedFetchAndTargets) {
  BuildTiny();
  Add("noop", "NoOp", {"^y"});
  Session sess(graph_, SessionOptions());
  std::vector<Tensor> out;
  Status s = sess.Run({{"x:0", Tensor::Scalar<float>(3.0f)}}, {"y:0", "c", "x:0"}, {}, &out);
  ASSERT_TRUE(s.ok()) << s.ToString();
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out[0].scalar<float>(), 5.0f);
  EXPECT_EQ(out[1].scalar<float>(), 2.0f);
  EXPECT_EQ(out[2].scalar<float>(), 3.0f);
  // Feeding c replaces the constant.
  ASSERT_TRUE(sess.Run({{"x", Tensor::Scalar<float>(1.0f)}, {"c:0", Tensor::Scalar<float>(10.0f)}},
                       {"y"}, {"noop"}, &out).ok());
  EXPECT_EQ(out[0].scalar<float>(), 11.0f);
  ASSERT_TRUE(sess.Run({{"x", Tensor::Scalar<float>(1.0f)}}, {}, {"noop"}, &out).ok());
  EXPECT_TRUE(out.empty());
  EXPECT_EQ(sess.DeviceNames(), std::vector<std::string>{"/job:localhost/replica:0/task:0/device:CPU:0"});
}

TEST_F(SessionTest, MissingFeedNamesThePlaceholder) {
  PlaceholderF("x", PartialTensorShape({-1, 3}));
  Add("y", "Identity", {"x"}, [](::tensorflow::NodeDef* d) { AddNodeAttr("T", DT_FLOAT, d); });
  PlaceholderF("u", PartialTensorShape());
  Session sess(graph_, SessionOptions());
  std::vector<Tensor> out;
  Status s = sess.Run({}, {"y:0"}, {}, &out);
  EXPECT_EQ(s.code(), Code::INVALID_ARGUMENT);
  EXPECT_EQ(s.message(),
            "You must feed a value for placeholder tensor 'x' with dtype float and shape [?,3]\n\t "
            "[[{{node x}}]]");
  s = sess.Run({}, {"u:0"}, {}, &out);
  EXPECT_EQ(s.message(),
            "You must feed a value for placeholder tensor 'u' with dtype float\n\t [[{{node u}}]]");
  Tensor v(DT_FLOAT, TensorShape({2, 3}));
  for (int i = 0; i < 6; ++i) v.data<float>()[i] = i;
  ASSERT_TRUE(sess.Run({{"x:0", v}}, {"y:0"}, {}, &out).ok());
  EXPECT_TRUE(out[0].SharesBufferWith(v));  // Identity hands the fed buffer through
}

TEST_F(SessionTest, BadNamesAndTypes) {
  BuildTiny();
  Session sess(graph_, SessionOptions());
  std::vector<Tensor> out;
  Status s = sess.Run({{"nope:0", Tensor::Scalar<float>(1)}}, {"y:0"}, {}, &out);
  EXPECT_EQ(s.code(), Code::NOT_FOUND);
  EXPECT_EQ(s.message(), "FeedInputs: unable to find feed output nope:0");
  s = sess.Run({{"x:0", Tensor::Scalar<float>(1)}}, {"y:7"}, {}, &out);
  EXPECT_EQ(s.code(), Code::NOT_FOUND);
  EXPECT_EQ(s.message(), "FetchOutputs node y:7: not found");
  s = sess.Run({{"x:0", Tensor::Scalar<float>(1)}}, {}, {"a", "y", "b"}, &out);
  EXPECT_EQ(s.code(), Code::NOT_FOUND);
  EXPECT_EQ(s.message(), "PruneForTargets: Some target nodes not found: a, b");
  s = sess.Run({{"x:0", Tensor::Scalar<int32_t>(1)}}, {"y:0"}, {}, &out);
  EXPECT_EQ(s.code(), Code::INVALID_ARGUMENT);
  EXPECT_EQ(s.message(), "Cannot feed value of type int32 for tensor 'x:0', which has type float");
}

TEST_F(SessionTest, ErrorsDoNotBreakTheSession) {
  BuildTiny();
  Add("f", "TestSessFail", {});
  Add("z", "TestSessAdd", {"y", "f"});
  Session sess(graph_, SessionOptions());
  std::vector<Tensor> out;
  for (int i = 0; i < 3; ++i) {
    Status s = sess.Run({{"x:0", Tensor::Scalar<float>(1)}}, {"z:0"}, {}, &out);
    EXPECT_EQ(s.code(), Code::OUT_OF_RANGE);
    EXPECT_EQ(s.message(), "TestSessFail failed\n\t [[{{node f}}]]");
    ASSERT_TRUE(sess.Run({{"x:0", Tensor::Scalar<float>(i)}}, {"y:0"}, {}, &out).ok());
    EXPECT_EQ(out[0].scalar<float>(), i + 2.0f);
  }
}

TEST_F(SessionTest, ClosedSession) {
  BuildTiny();
  Session sess(graph_, SessionOptions());
  int64_t h;
  ASSERT_TRUE(sess.MakeCallable({"x:0"}, {"y:0"}, {}, &h).ok());
  ASSERT_TRUE(sess.Close().ok());
  std::vector<Tensor> out;
  Status s = sess.Run({{"x:0", Tensor::Scalar<float>(1)}}, {"y:0"}, {}, &out);
  EXPECT_EQ(s.code(), Code::CANCELLED);
  EXPECT_EQ(s.message(), "Session has been closed.");
  EXPECT_EQ(sess.RunCallable(h, {Tensor::Scalar<float>(1)}, &out).code(), Code::CANCELLED);
}

TEST_F(SessionTest, Callables) {
  BuildTiny();
  Session sess(graph_, SessionOptions());
  int64_t h;
  ASSERT_TRUE(sess.MakeCallable({"x:0"}, {"y:0"}, {}, &h).ok());
  std::vector<Tensor> out;
  ASSERT_TRUE(sess.RunCallable(h, {Tensor::Scalar<float>(40)}, &out).ok());
  EXPECT_EQ(out[0].scalar<float>(), 42.0f);
  EXPECT_EQ(sess.RunCallable(h, {}, &out).code(), Code::INVALID_ARGUMENT);
  ASSERT_TRUE(sess.ReleaseCallable(h).ok());
  Status s = sess.RunCallable(h, {Tensor::Scalar<float>(40)}, &out);
  EXPECT_EQ(s.code(), Code::INVALID_ARGUMENT);
  EXPECT_EQ(s.message(), "No such callable handle: " + std::to_string(h));
}

TEST_F(SessionTest, ConcurrentRunsFromEightThreads) {
  BuildTiny();
  Session sess(graph_, SessionOptions());
  std::atomic<int> bad{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 500; ++i) {
        std::vector<Tensor> out;
        const float x = t * 1000 + i;
        Status s = sess.Run({{"x:0", Tensor::Scalar<float>(x)}}, {"y:0"}, {}, &out);
        if (!s.ok() || out.size() != 1 || out[0].scalar<float>() != x + 2) bad++;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(bad.load(), 0);
}

TEST_F(SessionTest, StatefulKernelsAreSharedAcrossSignatures) {
  Add("cnt", "TestSessCounter", {});
  ConstF("c", 1.0f);
  Session sess(graph_, SessionOptions());
  std::vector<Tensor> out;
  ASSERT_TRUE(sess.Run({}, {"cnt:0"}, {}, &out).ok());
  EXPECT_EQ(out[0].scalar<int64_t>(), 1);
  ASSERT_TRUE(sess.Run({}, {"c:0", "cnt:0"}, {}, &out).ok());
  EXPECT_EQ(out[1].scalar<int64_t>(), 2);
  ASSERT_TRUE(sess.Run({}, {"cnt:0"}, {}, &out).ok());
  EXPECT_EQ(out[0].scalar<int64_t>(), 3);
  // A new session starts over.
  Session other(graph_, SessionOptions());
  ASSERT_TRUE(other.Run({}, {"cnt:0"}, {}, &out).ok());
  EXPECT_EQ(out[0].scalar<int64_t>(), 1);
}

TEST_F(SessionTest, RefVariableFlow) {
  Add("v", "TestSessVar", {});
  ConstF("init", 7.0f);
  Add("assign", "TestSessAssign", {"v", "init"});
  Add("read", "Identity", {"v"}, [](::tensorflow::NodeDef* d) { AddNodeAttr("T", DT_FLOAT, d); });
  Session sess(graph_, SessionOptions());
  std::vector<Tensor> out;
  Status s = sess.Run({}, {"read:0"}, {}, &out);
  EXPECT_EQ(s.code(), Code::FAILED_PRECONDITION);
  EXPECT_EQ(s.message(), "Attempting to use uninitialized value v\n\t [[{{node read}}]]");
  s = sess.Run({}, {"init:0", "v:0"}, {}, &out);
  EXPECT_EQ(s.code(), Code::FAILED_PRECONDITION);
  EXPECT_EQ(s.message(), "Attempting to use uninitialized value v\n\t [[{{node _retval_v_0_1}}]]");
  ASSERT_TRUE(sess.Run({}, {}, {"assign"}, &out).ok());
  ASSERT_TRUE(sess.Run({}, {"read:0", "v:0"}, {}, &out).ok());
  EXPECT_EQ(out[0].scalar<float>(), 7.0f);
  EXPECT_EQ(out[1].scalar<float>(), 7.0f);
  EXPECT_TRUE(out[0].SharesBufferWith(out[1]));
}

TEST_F(SessionTest, RefSwitchForwardsTheReference) {
  Add("v", "TestSessVar", {});
  Add("pred", "Placeholder", {}, [](::tensorflow::NodeDef* d) { AddNodeAttr("dtype", DT_BOOL, d); });
  Add("sw", "RefSwitch", {"v", "pred"}, [](::tensorflow::NodeDef* d) { AddNodeAttr("T", DT_FLOAT, d); });
  ConstF("one", 1.0f);
  ConstF("two", 2.0f);
  Add("assign_f", "TestSessAssign", {"sw:0", "one"});
  Add("assign_t", "TestSessAssign", {"sw:1", "two"});
  Add("read", "Identity", {"v"}, [](::tensorflow::NodeDef* d) { AddNodeAttr("T", DT_FLOAT, d); });
  Session sess(graph_, SessionOptions());
  std::vector<Tensor> out;
  // The untaken assignment is dead and does not run.
  ASSERT_TRUE(sess.Run({{"pred:0", Tensor::Scalar<bool>(true)}}, {}, {"assign_f", "assign_t"}, &out).ok());
  ASSERT_TRUE(sess.Run({}, {"read:0"}, {}, &out).ok());
  EXPECT_EQ(out[0].scalar<float>(), 2.0f);
  ASSERT_TRUE(sess.Run({{"pred:0", Tensor::Scalar<bool>(false)}}, {}, {"assign_f", "assign_t"}, &out).ok());
  ASSERT_TRUE(sess.Run({}, {"read:0"}, {}, &out).ok());
  EXPECT_EQ(out[0].scalar<float>(), 1.0f);
}

TEST_F(SessionTest, GraphChangesRebuildTheExecutor) {
  BuildTiny();
  Add("f", "TestSessFail", {});
  Session sess(graph_, SessionOptions());
  std::vector<Tensor> out;
  ASSERT_TRUE(sess.Run({{"x:0", Tensor::Scalar<float>(1)}}, {"y:0"}, {}, &out).ok());
  ASSERT_TRUE(graph_->AddControlInput(graph_->FindNode("y")->id, graph_->FindNode("f")->id).ok());
  Status s = sess.Run({{"x:0", Tensor::Scalar<float>(1)}}, {"y:0"}, {}, &out);
  EXPECT_EQ(s.code(), Code::OUT_OF_RANGE);
}

TEST_F(SessionTest, LogDevicePlacement) {
  BuildTiny();
  SessionOptions opts;
  opts.log_device_placement = true;
  testing::internal::CaptureStdout();
  {
    Session sess(graph_, opts);
    std::vector<Tensor> out;
    ASSERT_TRUE(sess.Run({{"x:0", Tensor::Scalar<float>(1)}}, {"y:0"}, {}, &out).ok());
    ASSERT_TRUE(sess.Run({{"x:0", Tensor::Scalar<float>(1)}}, {"c:0"}, {}, &out).ok());
  }
  std::fflush(stdout);
  const std::string s = testing::internal::GetCapturedStdout();
  EXPECT_EQ(s,
            "Device mapping: no known devices.\n"
            "x: (Placeholder): /job:localhost/replica:0/task:0/device:CPU:0\n"
            "c: (Const): /job:localhost/replica:0/task:0/device:CPU:0\n"
            "y: (TestSessAdd): /job:localhost/replica:0/task:0/device:CPU:0\n");
}

TEST_F(SessionTest, PerRunOverheadOfATinyGraph) {
  BuildTiny();
  SessionOptions opts;
  Session sess(graph_, opts);
  std::vector<Tensor> out;
  const std::vector<std::pair<std::string, Tensor>> feeds = {{"x:0", Tensor::Scalar<float>(3)}};
  const std::vector<std::string> fetches = {"y:0"};
  ASSERT_TRUE(sess.Run(feeds, fetches, {}, &out).ok());
  constexpr int kRuns = 20000;
  auto t0 = std::chrono::steady_clock::now();
  for (int i = 0; i < kRuns; ++i) (void)sess.Run(feeds, fetches, {}, &out).ok();
  auto t1 = std::chrono::steady_clock::now();
  int64_t h;
  ASSERT_TRUE(sess.MakeCallable({"x:0"}, {"y:0"}, {}, &h).ok());
  const std::vector<Tensor> values = {Tensor::Scalar<float>(3)};
  for (int i = 0; i < kRuns; ++i) (void)sess.RunCallable(h, values, &out).ok();
  auto t2 = std::chrono::steady_clock::now();
  EXPECT_EQ(out[0].scalar<float>(), 5.0f);
  std::printf("[ overhead ] Session::Run %.2f us/run, RunCallable %.2f us/run\n",
              std::chrono::duration<double, std::micro>(t1 - t0).count() / kRuns,
              std::chrono::duration<double, std::micro>(t2 - t1).count() / kRuns);
}

}  // namespace
}  // namespace tfc
