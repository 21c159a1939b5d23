// The dataflow executor on hand-built graphs: diamonds, parallel fan-out, errors, dead tensors,
// Switch/Merge, while loops (plain and nested) and ControlTrigger.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <set>
#include <thread>
#include <unordered_map>

#include "core/framework/node_def_util.h"
#include "core/framework/op_kernel.h"
#include "core/framework/op_registry.h"
#include "core/framework/shape_inference.h"
#include "core/runtime/executor.h"

namespace tfc {
namespace {

// ---- test ops --------------------------------------------------------------------------------
REGISTER_OP("TestExecAddOne").Input("x: int32").Output("y: int32").SetShapeFn(
    shape_inference::UnchangedShape);
REGISTER_OP("TestExecAdd").Input("a: int32").Input("b: int32").Output("y: int32").SetShapeFn(
    shape_inference::UnchangedShape);
REGISTER_OP("TestExecLess").Input("x: int32").Input("y: int32").Output("z: bool").SetShapeFn(
    shape_inference::ScalarShape);
REGISTER_OP("TestExecSleep").Input("x: int32").Output("y: int32").Attr("ms: int = 20").SetShapeFn(
    shape_inference::UnchangedShape);
REGISTER_OP("TestExecFail").Input("x: int32").Output("y: int32").SetShapeFn(
    shape_inference::UnchangedShape);
REGISTER_OP("TestExecCount").Input("x: T").Output("y: T").Attr("T: type").SetShapeFn(
    shape_inference::UnchangedShape);

std::atomic<int> g_count_runs{0};
std::mutex g_threads_mu;
std::set<std::thread::id> g_threads;

class AddOneOp : public OpKernel {
 public:
  explicit AddOneOp(OpKernelConstruction* c) : OpKernel(c) { expensive_ = false; }
  void Compute(OpKernelContext* ctx) override {
    ctx->set_output(0, Tensor::Scalar<int32_t>(ctx->input(0).scalar<int32_t>() + 1));
  }
};
class AddOp : public OpKernel {
 public:
  explicit AddOp(OpKernelConstruction* c) : OpKernel(c) { expensive_ = false; }
  void Compute(OpKernelContext* ctx) override {
    ctx->set_output(0, Tensor::Scalar<int32_t>(ctx->input(0).scalar<int32_t>() +
                                               ctx->input(1).scalar<int32_t>()));
  }
};
class LessOp : public OpKernel {
 public:
  explicit LessOp(OpKernelConstruction* c) : OpKernel(c) { expensive_ = false; }
  void Compute(OpKernelContext* ctx) override {
    ctx->set_output(0, Tensor::Scalar<bool>(ctx->input(0).scalar<int32_t>() <
                                            ctx->input(1).scalar<int32_t>()));
  }
};
class SleepOp : public OpKernel {
 public:
  explicit SleepOp(OpKernelConstruction* c) : OpKernel(c) { c->SetStatus(c->GetAttr("ms", &ms_)); }
  void Compute(OpKernelContext* ctx) override {
    {
      std::lock_guard<std::mutex> l(g_threads_mu);
      g_threads.insert(std::this_thread::get_id());
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(ms_));
    ctx->set_output(0, ctx->input(0));
  }

 private:
  int64_t ms_ = 0;
};
class FailOp : public OpKernel {
 public:
  explicit FailOp(OpKernelConstruction* c) : OpKernel(c) {}
  void Compute(OpKernelContext* ctx) override {
    ctx->SetStatus(errors::InvalidArgument("TestExecFail always fails"));
  }
};
class CountOp : public OpKernel {
 public:
  explicit CountOp(OpKernelConstruction* c) : OpKernel(c) { expensive_ = false; }
  void Compute(OpKernelContext* ctx) override {
    g_count_runs++;
    ctx->set_output(0, ctx->input(0));
  }
};
REGISTER_KERNEL_BUILDER(Name("TestExecAddOne").Device(DEVICE_CPU), AddOneOp);
REGISTER_KERNEL_BUILDER(Name("TestExecAdd").Device(DEVICE_CPU), AddOp);
REGISTER_KERNEL_BUILDER(Name("TestExecLess").Device(DEVICE_CPU), LessOp);
REGISTER_KERNEL_BUILDER(Name("TestExecSleep").Device(DEVICE_CPU), SleepOp);
REGISTER_KERNEL_BUILDER(Name("TestExecFail").Device(DEVICE_CPU), FailOp);
REGISTER_KERNEL_BUILDER(Name("TestExecCount").Device(DEVICE_CPU), CountOp);

// ---- a graph builder that allows back edges (what GraphDef import needs) ----------------------
class TestGraph {
 public:
  using AttrFn = std::function<void(::tensorflow::NodeDef*)>;
  void Add(const std::string& name, const std::string& op, std::vector<std::string> inputs,
           AttrFn attrs = nullptr) {
    auto n = std::make_unique<Node>();
    n->id = static_cast<int>(nodes_.size());
    n->def.set_name(name);
    n->def.set_op(op);
    for (auto& i : inputs) n->def.add_input(i);
    if (attrs) attrs(&n->def);
    ids_[name] = n->id;
    nodes_.push_back(std::move(n));
  }
  void Const(const std::string& name, int32_t v, std::vector<std::string> ctrl = {}) {
    Add(name, "Const", std::move(ctrl), [v](::tensorflow::NodeDef* d) {
      AddNodeAttr("value", Tensor::Scalar<int32_t>(v), d);
      AddNodeAttr("dtype", DT_INT32, d);
    });
  }
  static AttrFn T(DataType t) {
    return [t](::tensorflow::NodeDef* d) { AddNodeAttr("T", t, d); };
  }
  static AttrFn EnterAttrs(const std::string& frame, bool is_const, int par = 10) {
    return [=](::tensorflow::NodeDef* d) {
      AddNodeAttr("T", DT_INT32, d);
      AddNodeAttr("frame_name", frame, d);
      AddNodeAttr("is_constant", is_const, d);
      AddNodeAttr("parallel_iterations", static_cast<int64_t>(par), d);
    };
  }
  static AttrFn MergeAttrs(int n) {
    return [n](::tensorflow::NodeDef* d) {
      AddNodeAttr("T", DT_INT32, d);
      AddNodeAttr("N", static_cast<int64_t>(n), d);
    };
  }

  // Resolves names (forward references included) and dtypes.
  Status Finalize() {
    for (auto& n : nodes_) {
      n->op = OpRegistry::Global()->LookUp(n->def.op());
      if (n->op == nullptr) return errors::NotFound("op ", n->def.op());
      AddDefaultsToNodeDef(n->op->op_def, &n->def);
      TFC_RETURN_IF_ERROR(InOutTypesForNode(n->def, n->op->op_def, &n->input_types,
                                            &n->output_types));
      for (const auto& in : n->def.input()) {
        TensorId t;
        TFC_RETURN_IF_ERROR(ParseTensorName(in, &t));
        if (!ids_.count(t.node)) return errors::NotFound("input ", in);
        if (t.is_control()) {
          n->control_inputs.push_back(ids_[t.node]);
        } else {
          n->inputs.push_back(Endpoint{ids_[t.node], t.index});
        }
      }
    }
    return OkStatus();
  }
  std::vector<const Node*> nodes() const {
    std::vector<const Node*> r;
    for (auto& n : nodes_) r.push_back(n.get());
    return r;
  }
  Endpoint E(const std::string& name, int index = 0) { return Endpoint{ids_.at(name), index}; }
  int Id(const std::string& name) { return ids_.at(name); }

 private:
  std::vector<std::unique_ptr<Node>> nodes_;
  std::unordered_map<std::string, int> ids_;
};

class ExecutorTest : public ::testing::Test {
 protected:
  ExecutorTest()
      : pool_("test_inter_op", 8),
        device_("/job:localhost/replica:0/task:0/device:CPU:0", DEVICE_CPU, cpu_allocator(),
                nullptr) {}

  Status Build(const ExecutorSignature& sig) {
    TFC_RETURN_IF_ERROR(g_.Finalize());
    ExecutorOptions o;
    o.device = &device_;
    o.inter_op_pool = &pool_;
    return Executor::Create(o, g_.nodes(), sig, &exec_);
  }
  int32_t RunScalar(std::vector<Tensor> feeds = {}) {
    std::vector<Tensor> out;
    Status s = exec_->Run(feeds, &out);
    EXPECT_TRUE(s.ok()) << s.ToString();
    if (!s.ok() || out.empty()) return -12345;
    return out[0].scalar<int32_t>();
  }

  ThreadPool pool_;
  Device device_;
  TestGraph g_;
  std::unique_ptr<Executor> exec_;
};

TEST_F(ExecutorTest, Diamond) {
  g_.Const("c", 2);
  g_.Add("a", "TestExecAddOne", {"c"});
  g_.Add("b", "TestExecAddOne", {"c"});
  g_.Add("d", "TestExecAdd", {"a", "b"});
  g_.Add("unused", "TestExecFail", {"c"});
  ASSERT_TRUE(Build({{}, {g_.E("d")}, {}}).ok());
  EXPECT_EQ(exec_->num_graph_nodes(), 4);  // "unused" was pruned
  for (int i = 0; i < 3; ++i) EXPECT_EQ(RunScalar(), 6);
}

TEST_F(ExecutorTest, FeedReplacesEdgeAndFetchOfFedTensor) {
  g_.Const("c", 2);
  g_.Add("a", "TestExecAddOne", {"c"});
  g_.Add("b", "TestExecAddOne", {"a"});
  g_.Add("fail", "TestExecFail", {"c"});
  g_.Add("x", "TestExecAdd", {"fail", "b"});
  // Feeding fail:0 keeps the failing node out of the step.
  ASSERT_TRUE(Build({{g_.E("fail"), g_.E("a")}, {g_.E("x"), g_.E("a")}, {}}).ok());
  std::vector<Tensor> out;
  ASSERT_TRUE(exec_->Run({Tensor::Scalar<int32_t>(100), Tensor::Scalar<int32_t>(10)}, &out).ok());
  EXPECT_EQ(out[0].scalar<int32_t>(), 111);
  EXPECT_EQ(out[1].scalar<int32_t>(), 10);
  Status s = exec_->Run({Tensor::Scalar<float>(1), Tensor::Scalar<int32_t>(10)}, &out);
  EXPECT_EQ(s.code(), Code::INVALID_ARGUMENT);
}

TEST_F(ExecutorTest, WideFanOutRunsInParallel) {
  g_.Const("c", 7);
  std::vector<Endpoint> fetches;
  for (int i = 0; i < 64; ++i) {
    std::string name = "s" + std::to_string(i);
    g_.Add(name, "TestExecSleep", {"c"}, [](::tensorflow::NodeDef* d) {
      AddNodeAttr("ms", static_cast<int64_t>(20), d);
    });
  }
  for (int i = 0; i < 64; ++i) fetches.push_back(g_.E("s" + std::to_string(i)));
  ASSERT_TRUE(Build({{}, fetches, {}}).ok());
  g_threads.clear();
  auto t0 = std::chrono::steady_clock::now();
  std::vector<Tensor> out;
  ASSERT_TRUE(exec_->Run({}, &out).ok());
  double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  ASSERT_EQ(out.size(), 64u);
  for (auto& t : out) EXPECT_EQ(t.scalar<int32_t>(), 7);
  // Serial would take 64 * 20 ms = 1280 ms; 8 threads need about 160 ms.
  EXPECT_LT(ms, 640.0);
  EXPECT_GE(g_threads.size(), 4u);
  std::printf("[ fan-out ] 64 x 20 ms sleeps took %.1f ms on %zu threads\n", ms, g_threads.size());
}

TEST_F(ExecutorTest, ErrorIsAnnotatedAndExecutorStillWorks) {
  g_.Const("c", 1);
  g_.Add("s", "TestExecSleep", {"c"});
  g_.Add("f", "TestExecFail", {"c"});
  g_.Add("d", "TestExecAdd", {"s", "f"});
  ASSERT_TRUE(Build({{g_.E("c")}, {g_.E("d")}, {}}).ok());
  for (int i = 0; i < 3; ++i) {
    std::vector<Tensor> out;
    Status s = exec_->Run({Tensor::Scalar<int32_t>(1)}, &out);
    EXPECT_EQ(s.code(), Code::INVALID_ARGUMENT);
    EXPECT_EQ(s.message(), "TestExecFail always fails\n\t [[{{node f}}]]");
  }
}

TEST_F(ExecutorTest, SwitchMergeAndDeadTensors) {
  // cond(pred, lambda: x + 1, lambda: x) built as tf.cond does.
  g_.Const("x", 5);
  g_.Add("pred", "Placeholder", {}, [](::tensorflow::NodeDef* d) { AddNodeAttr("dtype", DT_BOOL, d); });
  g_.Add("sw", "Switch", {"x", "pred"}, TestGraph::T(DT_INT32));
  g_.Add("t", "TestExecCount", {"sw:1"}, TestGraph::T(DT_INT32));
  g_.Add("t1", "TestExecAddOne", {"t"});
  g_.Add("f", "Identity", {"sw:0"}, TestGraph::T(DT_INT32));
  g_.Add("m", "Merge", {"f", "t1"}, TestGraph::MergeAttrs(2));
  ASSERT_TRUE(Build({{g_.E("pred")}, {g_.E("m"), g_.E("m", 1)}, {}}).ok());
  std::vector<Tensor> out;
  g_count_runs = 0;
  ASSERT_TRUE(exec_->Run({Tensor::Scalar<bool>(true)}, &out).ok());
  EXPECT_EQ(out[0].scalar<int32_t>(), 6);
  EXPECT_EQ(out[1].scalar<int32_t>(), 1);
  ASSERT_TRUE(exec_->Run({Tensor::Scalar<bool>(false)}, &out).ok());
  EXPECT_EQ(out[0].scalar<int32_t>(), 5);
  EXPECT_EQ(out[1].scalar<int32_t>(), 0);
  EXPECT_EQ(g_count_runs.load(), 1);  // the untaken branch never ran
}

TEST_F(ExecutorTest, DeadFetchHasNoValue) {
  g_.Const("x", 5);
  g_.Add("pred", "Placeholder", {}, [](::tensorflow::NodeDef* d) { AddNodeAttr("dtype", DT_BOOL, d); });
  g_.Add("sw", "Switch", {"x", "pred"}, TestGraph::T(DT_INT32));
  g_.Add("t", "TestExecAddOne", {"sw:1"});
  g_.Const("after", 3, {"^t"});  // a control edge from a dead node kills it too
  ASSERT_TRUE(Build({{g_.E("pred")}, {g_.E("after"), g_.E("t")}, {}}).ok());
  std::vector<Tensor> out;
  Status s = exec_->Run({Tensor::Scalar<bool>(false)}, &out);
  EXPECT_EQ(s.code(), Code::INVALID_ARGUMENT);
  EXPECT_EQ(s.message(), "Retval[0] does not have value");
  ASSERT_TRUE(exec_->Run({Tensor::Scalar<bool>(true)}, &out).ok());
  EXPECT_EQ(out[0].scalar<int32_t>(), 3);
  EXPECT_EQ(out[1].scalar<int32_t>(), 6);
}

TEST_F(ExecutorTest, ControlTriggerIsLiveEvenWhenItsInputsAreDead) {
  g_.Const("x", 5);
  g_.Add("pred", "Placeholder", {}, [](::tensorflow::NodeDef* d) { AddNodeAttr("dtype", DT_BOOL, d); });
  g_.Add("sw", "Switch", {"x", "pred"}, TestGraph::T(DT_INT32));
  g_.Add("t", "TestExecAddOne", {"sw:1"});
  g_.Add("trigger", "ControlTrigger", {"^t"});
  g_.Const("after", 3, {"^trigger"});
  ASSERT_TRUE(Build({{g_.E("pred")}, {g_.E("after")}, {}}).ok());
  EXPECT_EQ(RunScalar({Tensor::Scalar<bool>(false)}), 3);
}

// i = 0; while i < limit: i += 1, as tf.while_loop builds it.
void BuildCountingLoop(TestGraph* g, int limit, int parallel_iterations) {
  g->Const("zero", 0);
  g->Const("limit", limit);
  g->Add("enter_i", "Enter", {"zero"}, TestGraph::EnterAttrs("loop", false, parallel_iterations));
  g->Add("enter_lim", "Enter", {"limit"}, TestGraph::EnterAttrs("loop", true, parallel_iterations));
  g->Add("merge", "Merge", {"enter_i", "next"}, TestGraph::MergeAttrs(2));
  g->Add("less", "TestExecLess", {"merge", "enter_lim"});
  g->Add("cond", "LoopCond", {"less"});
  g->Add("sw", "Switch", {"merge", "cond"}, TestGraph::T(DT_INT32));
  g->Add("exit", "Exit", {"sw:0"}, TestGraph::T(DT_INT32));
  g->Add("ident", "Identity", {"sw:1"}, TestGraph::T(DT_INT32));
  g->Add("body", "TestExecCount", {"ident"}, TestGraph::T(DT_INT32));
  g->Add("add", "TestExecAddOne", {"body"});
  g->Add("next", "NextIteration", {"add"}, TestGraph::T(DT_INT32));
}

TEST_F(ExecutorTest, WhileLoopCountsToTen) {
  BuildCountingLoop(&g_, 10, 10);
  ASSERT_TRUE(Build({{}, {g_.E("exit")}, {}}).ok());
  g_count_runs = 0;
  EXPECT_EQ(RunScalar(), 10);
  EXPECT_EQ(g_count_runs.load(), 10);
  EXPECT_EQ(RunScalar(), 10);  // the executor is reusable
}

TEST_F(ExecutorTest, WhileLoopWithOneParallelIteration) {
  BuildCountingLoop(&g_, 25, 1);
  ASSERT_TRUE(Build({{}, {g_.E("exit")}, {}}).ok());
  EXPECT_EQ(RunScalar(), 25);
}

TEST_F(ExecutorTest, WhileLoopThatNeverIterates) {
  BuildCountingLoop(&g_, -3, 10);
  ASSERT_TRUE(Build({{}, {g_.E("exit")}, {}}).ok());
  g_count_runs = 0;
  EXPECT_EQ(RunScalar(), 0);
  EXPECT_EQ(g_count_runs.load(), 0);
}

TEST_F(ExecutorTest, NestedWhileLoops) {
  // for i in range(3): for j in range(4): acc += 1
  auto& g = g_;
  g.Const("zero", 0);
  g.Const("three", 3);
  g.Add("oi_enter", "Enter", {"zero"}, TestGraph::EnterAttrs("outer", false));
  g.Add("oacc_enter", "Enter", {"zero"}, TestGraph::EnterAttrs("outer", false));
  g.Add("o_lim", "Enter", {"three"}, TestGraph::EnterAttrs("outer", true));
  g.Add("om_i", "Merge", {"oi_enter", "o_next_i"}, TestGraph::MergeAttrs(2));
  g.Add("om_acc", "Merge", {"oacc_enter", "o_next_acc"}, TestGraph::MergeAttrs(2));
  g.Add("o_less", "TestExecLess", {"om_i", "o_lim"});
  g.Add("o_cond", "LoopCond", {"o_less"});
  g.Add("osw_i", "Switch", {"om_i", "o_cond"}, TestGraph::T(DT_INT32));
  g.Add("osw_acc", "Switch", {"om_acc", "o_cond"}, TestGraph::T(DT_INT32));
  g.Add("o_exit_acc", "Exit", {"osw_acc:0"}, TestGraph::T(DT_INT32));
  g.Add("o_id_i", "Identity", {"osw_i:1"}, TestGraph::T(DT_INT32));
  g.Add("o_id_acc", "Identity", {"osw_acc:1"}, TestGraph::T(DT_INT32));
  g.Const("zero_in", 0, {"^o_id_i"});
  g.Const("four_in", 4, {"^o_id_i"});
  g.Add("ij_enter", "Enter", {"zero_in"}, TestGraph::EnterAttrs("inner", false));
  g.Add("iacc_enter", "Enter", {"o_id_acc"}, TestGraph::EnterAttrs("inner", false));
  g.Add("i_lim", "Enter", {"four_in"}, TestGraph::EnterAttrs("inner", true));
  g.Add("im_j", "Merge", {"ij_enter", "i_next_j"}, TestGraph::MergeAttrs(2));
  g.Add("im_acc", "Merge", {"iacc_enter", "i_next_acc"}, TestGraph::MergeAttrs(2));
  g.Add("i_less", "TestExecLess", {"im_j", "i_lim"});
  g.Add("i_cond", "LoopCond", {"i_less"});
  g.Add("isw_j", "Switch", {"im_j", "i_cond"}, TestGraph::T(DT_INT32));
  g.Add("isw_acc", "Switch", {"im_acc", "i_cond"}, TestGraph::T(DT_INT32));
  g.Add("i_exit_acc", "Exit", {"isw_acc:0"}, TestGraph::T(DT_INT32));
  g.Add("i_id_j", "Identity", {"isw_j:1"}, TestGraph::T(DT_INT32));
  g.Add("i_id_acc", "Identity", {"isw_acc:1"}, TestGraph::T(DT_INT32));
  g.Add("i_add_j", "TestExecAddOne", {"i_id_j"});
  g.Add("i_add_acc", "TestExecAddOne", {"i_id_acc"});
  g.Add("i_next_j", "NextIteration", {"i_add_j"}, TestGraph::T(DT_INT32));
  g.Add("i_next_acc", "NextIteration", {"i_add_acc"}, TestGraph::T(DT_INT32));
  g.Add("o_add_i", "TestExecAddOne", {"o_id_i"});
  g.Add("o_next_i", "NextIteration", {"o_add_i"}, TestGraph::T(DT_INT32));
  g.Add("o_next_acc", "NextIteration", {"i_exit_acc"}, TestGraph::T(DT_INT32));
  ASSERT_TRUE(Build({{}, {g.E("o_exit_acc")}, {}}).ok());
  for (int i = 0; i < 5; ++i) EXPECT_EQ(RunScalar(), 12);
}

TEST_F(ExecutorTest, WhileLoopOnUntakenCondBranchIsDead) {
  // The loop's inputs come through a Switch whose branch is not taken: the dead Enter must
  // kill the loop's Merge instead of waiting for a NextIteration that never comes.
  g_.Add("pred", "Placeholder", {}, [](::tensorflow::NodeDef* d) { AddNodeAttr("dtype", DT_BOOL, d); });
  g_.Const("x", 0);
  g_.Const("limit", 4);
  g_.Add("sw_x", "Switch", {"x", "pred"}, TestGraph::T(DT_INT32));
  g_.Add("sw_lim", "Switch", {"limit", "pred"}, TestGraph::T(DT_INT32));
  g_.Add("enter_i", "Enter", {"sw_x:1"}, TestGraph::EnterAttrs("loop", false));
  g_.Add("enter_lim", "Enter", {"sw_lim:1"}, TestGraph::EnterAttrs("loop", true));
  g_.Add("merge", "Merge", {"enter_i", "next"}, TestGraph::MergeAttrs(2));
  g_.Add("less", "TestExecLess", {"merge", "enter_lim"});
  g_.Add("cond", "LoopCond", {"less"});
  g_.Add("sw", "Switch", {"merge", "cond"}, TestGraph::T(DT_INT32));
  g_.Add("exit", "Exit", {"sw:0"}, TestGraph::T(DT_INT32));
  g_.Add("ident", "Identity", {"sw:1"}, TestGraph::T(DT_INT32));
  g_.Add("add", "TestExecAddOne", {"ident"});
  g_.Add("next", "NextIteration", {"add"}, TestGraph::T(DT_INT32));
  g_.Add("other", "Identity", {"sw_x:0"}, TestGraph::T(DT_INT32));
  g_.Add("m", "Merge", {"other", "exit"}, TestGraph::MergeAttrs(2));
  ASSERT_TRUE(Build({{g_.E("pred")}, {g_.E("m"), g_.E("m", 1)}, {}}).ok());
  std::vector<Tensor> out;
  ASSERT_TRUE(exec_->Run({Tensor::Scalar<bool>(true)}, &out).ok());
  EXPECT_EQ(out[0].scalar<int32_t>(), 4);
  EXPECT_EQ(out[1].scalar<int32_t>(), 1);
  Status s = exec_->Run({Tensor::Scalar<bool>(false)}, &out);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(out[0].scalar<int32_t>(), 0);
  EXPECT_EQ(out[1].scalar<int32_t>(), 0);
}

TEST_F(ExecutorTest, LoopIterationsOverlapUpToParallelIterations) {
  // acc = sum(sleep_10ms(i) for i in range(20)); each iteration's sleep only needs its own i,
  // so up to parallel_iterations of them run at once on the pool.
  auto& g = g_;
  g.Const("zero", 0);
  g.Const("limit", 20);
  g.Add("enter_i", "Enter", {"zero"}, TestGraph::EnterAttrs("loop", false, 10));
  g.Add("enter_acc", "Enter", {"zero"}, TestGraph::EnterAttrs("loop", false, 10));
  g.Add("enter_lim", "Enter", {"limit"}, TestGraph::EnterAttrs("loop", true, 10));
  g.Add("m_i", "Merge", {"enter_i", "next_i"}, TestGraph::MergeAttrs(2));
  g.Add("m_acc", "Merge", {"enter_acc", "next_acc"}, TestGraph::MergeAttrs(2));
  g.Add("less", "TestExecLess", {"m_i", "enter_lim"});
  g.Add("cond", "LoopCond", {"less"});
  g.Add("sw_i", "Switch", {"m_i", "cond"}, TestGraph::T(DT_INT32));
  g.Add("sw_acc", "Switch", {"m_acc", "cond"}, TestGraph::T(DT_INT32));
  g.Add("exit_acc", "Exit", {"sw_acc:0"}, TestGraph::T(DT_INT32));
  g.Add("id_i", "Identity", {"sw_i:1"}, TestGraph::T(DT_INT32));
  g.Add("id_acc", "Identity", {"sw_acc:1"}, TestGraph::T(DT_INT32));
  g.Add("add_i", "TestExecAddOne", {"id_i"});
  g.Add("next_i", "NextIteration", {"add_i"}, TestGraph::T(DT_INT32));
  g.Add("slept", "TestExecSleep", {"id_i"}, [](::tensorflow::NodeDef* d) {
    AddNodeAttr("ms", static_cast<int64_t>(10), d);
  });
  g.Add("acc2", "TestExecAdd", {"id_acc", "slept"});
  g.Add("next_acc", "NextIteration", {"acc2"}, TestGraph::T(DT_INT32));
  ASSERT_TRUE(Build({{}, {g.E("exit_acc")}, {}}).ok());
  auto t0 = std::chrono::steady_clock::now();
  EXPECT_EQ(RunScalar(), 190);
  double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  EXPECT_LT(ms, 150.0);  // 20 x 10 ms one after another would be 200 ms
  for (int i = 0; i < 3; ++i) EXPECT_EQ(RunScalar(), 190);
}

TEST_F(ExecutorTest, PerNodeOverheadOfALongChain) {
  g_.Const("n0", 0);
  for (int i = 1; i <= 1000; ++i) {
    g_.Add("n" + std::to_string(i), "TestExecAddOne", {"n" + std::to_string(i - 1)});
  }
  ASSERT_TRUE(Build({{}, {g_.E("n1000")}, {}}).ok());
  EXPECT_EQ(RunScalar(), 1000);
  constexpr int kRuns = 200;
  auto t0 = std::chrono::steady_clock::now();
  for (int i = 0; i < kRuns; ++i) EXPECT_EQ(RunScalar(), 1000);
  double ns = std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - t0).count();
  std::printf("[ chain ] %.0f ns per inexpensive node\n", ns / kRuns / 1001);
}

TEST_F(ExecutorTest, InputsFromDifferentFramesAreRejected) {
  g_.Const("zero", 0);
  g_.Add("enter", "Enter", {"zero"}, TestGraph::EnterAttrs("loop", false));
  g_.Add("bad", "TestExecAdd", {"enter", "zero"});
  Status s = Build({{}, {g_.E("bad")}, {}});
  EXPECT_EQ(s.code(), Code::INVALID_ARGUMENT);
  EXPECT_NE(s.message().find("has inputs from different frames"), std::string::npos) << s.message();
}

TEST_F(ExecutorTest, ConcurrentRunsOfOneExecutor) {
  BuildCountingLoop(&g_, 50, 10);
  ASSERT_TRUE(Build({{}, {g_.E("exit")}, {}}).ok());
  std::atomic<int> bad{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 50; ++i) {
        std::vector<Tensor> out;
        Status s = exec_->Run({}, &out);
        if (!s.ok() || out[0].scalar<int32_t>() != 50) bad++;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(bad.load(), 0);
}

}  // namespace
}  // namespace tfc
