// While loops in the real Graph: back edges into Merge recorded while pending and connected
// when their NextIteration arrives, Graph::UpdateInput (TF's _update_input), and Sessions
// running such graphs (pruning and the executor see inputs with larger node ids).
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>

#include "core/framework/attr_value_util.h"
#include "core/graph/graph.h"
#include "core/runtime/session.h"

namespace tfc {
namespace {

using ::tensorflow::NodeDef;

class GraphLoopTest : public ::testing::Test {
 protected:
  Status Add(const std::string& name, const std::string& op, std::vector<std::string> inputs,
             std::function<void(NodeDef*)> attrs = nullptr) {
    NodeDef d;
    d.set_name(name);
    d.set_op(op);
    for (auto& i : inputs) d.add_input(i);
    if (attrs) attrs(&d);
    return graph_->AddNode(d);
  }
  void MustAdd(const std::string& name, const std::string& op, std::vector<std::string> inputs,
               std::function<void(NodeDef*)> attrs = nullptr) {
    Status s = Add(name, op, std::move(inputs), std::move(attrs));
    ASSERT_TRUE(s.ok()) << name << ": " << s.ToString();
  }
  static std::function<void(NodeDef*)> T(DataType dt) {
    return [dt](NodeDef* d) { AddNodeAttr("T", dt, d); };
  }
  static std::function<void(NodeDef*)> MergeAttrs(DataType dt, int n) {
    return [dt, n](NodeDef* d) {
      AddNodeAttr("T", dt, d);
      AddNodeAttr("N", static_cast<int64_t>(n), d);
    };
  }
  static std::function<void(NodeDef*)> EnterAttrs(const std::string& frame, bool is_const) {
    return [frame, is_const](NodeDef* d) {
      AddNodeAttr("T", DT_INT32, d);
      AddNodeAttr("frame_name", frame, d);
      AddNodeAttr("is_constant", is_const, d);
    };
  }
  void ConstI(const std::string& name, int v, std::vector<std::string> inputs = {}) {
    MustAdd(name, "Const", std::move(inputs), [v](NodeDef* d) {
      AddNodeAttr("value", Tensor::Scalar<int32_t>(v), d);
      AddNodeAttr("dtype", DT_INT32, d);
    });
  }
  void PlaceholderI(const std::string& name) {
    MustAdd(name, "Placeholder", {}, [](NodeDef* d) {
      AddNodeAttr("dtype", DT_INT32, d);
      AddNodeAttr("shape", PartialTensorShape({}), d);
    });
  }

  // i = 0; while i < limit: i += 1, as TF's GraphDef lists it: the Merge names "next" before
  // "next" exists. With merge_first_input_twice the loop is built the way Python's
  // tf.while_loop does it instead: Merge(enter, enter), then UpdateInput(merge, 1, next).
  void BuildCountingLoop(const std::string& p, const std::string& limit,
                         bool merge_first_input_twice = false) {
    ConstI(p + "zero", 0);
    ConstI(p + "one", 1);
    MustAdd(p + "enter_i", "Enter", {p + "zero"}, EnterAttrs(p + "frame", false));
    MustAdd(p + "enter_lim", "Enter", {limit}, EnterAttrs(p + "frame", true));
    MustAdd(p + "enter_one", "Enter", {p + "one"}, EnterAttrs(p + "frame", true));
    MustAdd(p + "merge", "Merge",
            {p + "enter_i", merge_first_input_twice ? p + "enter_i" : p + "next"},
            MergeAttrs(DT_INT32, 2));
    MustAdd(p + "less", "Less", {p + "merge", p + "enter_lim"}, T(DT_INT32));
    MustAdd(p + "cond", "LoopCond", {p + "less"});
    MustAdd(p + "sw", "Switch", {p + "merge", p + "cond"}, T(DT_INT32));
    MustAdd(p + "exit", "Exit", {p + "sw"}, T(DT_INT32));
    MustAdd(p + "ident", "Identity", {p + "sw:1"}, T(DT_INT32));
    MustAdd(p + "add", "AddV2", {p + "ident", p + "enter_one"}, T(DT_INT32));
    MustAdd(p + "next", "NextIteration", {p + "add"}, T(DT_INT32));
    if (merge_first_input_twice) {
      Endpoint next;
      ASSERT_TRUE(graph_->FindEndpoint(p + "next", &next).ok());
      Status s = graph_->UpdateInput(graph_->FindNode(p + "merge")->id, 1, next);
      ASSERT_TRUE(s.ok()) << s.ToString();
    }
  }

  Status Run(Session* sess, const std::vector<std::pair<std::string, Tensor>>& feeds,
             const std::vector<std::string>& fetches, std::vector<Tensor>* out) {
    return sess->Run(feeds, fetches, {}, out);
  }

  std::shared_ptr<Graph> graph_ = std::make_shared<Graph>();
};

TEST_F(GraphLoopTest, MergeBackEdgeIsPendingUntilItsSourceIsAdded) {
  ConstI("zero", 0);
  MustAdd("enter", "Enter", {"zero"}, EnterAttrs("f", false));
  const uint64_t v0 = graph_->version();
  MustAdd("merge", "Merge", {"enter", "next"}, MergeAttrs(DT_INT32, 2));
  const Node* merge = graph_->FindNode("merge");
  ASSERT_EQ(merge->num_inputs(), 2);
  EXPECT_EQ(merge->inputs[0].node, graph_->FindNode("enter")->id);
  EXPECT_EQ(merge->inputs[1].node, -1);
  EXPECT_EQ(graph_->num_pending_back_edges(), 1);
  // The back edge's shape is unknown, so the Merge's is too (as TF's importer infers it).
  EXPECT_TRUE(merge->output_shapes[0].unknown_rank());
  EXPECT_EQ(merge->output_shapes[1].DebugString(), "[]");
  EXPECT_EQ(graph_->version(), v0);

  MustAdd("next", "NextIteration", {"merge"}, T(DT_INT32));
  const Node* next = graph_->FindNode("next");
  EXPECT_EQ(merge->inputs[1].node, next->id);
  EXPECT_EQ(merge->inputs[1].index, 0);
  EXPECT_GT(next->id, merge->id);  // ids are topological except for this edge
  EXPECT_EQ(graph_->num_pending_back_edges(), 0);
  EXPECT_GT(graph_->version(), v0);
  EXPECT_EQ(merge->def.input(1), "next");

  ::tensorflow::GraphDef gd;
  graph_->ToGraphDef(&gd);
  ASSERT_EQ(gd.node_size(), 4);
  EXPECT_EQ(gd.node(2).name(), "merge");
  EXPECT_EQ(gd.node(2).input(1), "next");
}

TEST_F(GraphLoopTest, BackEdgeErrors) {
  ConstI("zero", 0);
  MustAdd("enter", "Enter", {"zero"}, EnterAttrs("f", false));
  // Only a Merge's data inputs may wait.
  Status s = Add("ident", "Identity", {"later"}, T(DT_INT32));
  EXPECT_EQ(s.code(), Code::INVALID_ARGUMENT);
  EXPECT_NE(s.message().find("Unknown input node 'later'"), std::string::npos) << s.message();
  s = Add("m_ctl", "Merge", {"enter", "enter", "^later"}, MergeAttrs(DT_INT32, 2));
  EXPECT_EQ(s.code(), Code::INVALID_ARGUMENT);
  EXPECT_EQ(graph_->FindNode("m_ctl"), nullptr);

  // The back edge's dtype is checked when its source arrives; a failing source is not added.
  MustAdd("merge", "Merge", {"enter", "next:0"}, MergeAttrs(DT_INT32, 2));
  MustAdd("fzero", "Const", {}, [](NodeDef* d) {
    AddNodeAttr("value", Tensor::Scalar<float>(0.f), d);
    AddNodeAttr("dtype", DT_FLOAT, d);
  });
  s = Add("next", "NextIteration", {"fzero"}, T(DT_FLOAT));
  EXPECT_EQ(s.code(), Code::INVALID_ARGUMENT);
  EXPECT_NE(s.message().find("Input 1 of node 'merge' was passed float from next:0 incompatible "
                             "with expected int32."),
            std::string::npos)
      << s.message();
  EXPECT_EQ(graph_->FindNode("next"), nullptr);
  EXPECT_EQ(graph_->num_pending_back_edges(), 1);

  // A Merge naming an output its source lacks.
  MustAdd("merge2", "Merge", {"enter", "next2:1"}, MergeAttrs(DT_INT32, 2));
  s = Add("next2", "NextIteration", {"merge2"}, T(DT_INT32));
  EXPECT_EQ(s.code(), Code::INVALID_ARGUMENT);
  EXPECT_NE(s.message().find("Connecting to invalid output 1 of source node next2"),
            std::string::npos)
      << s.message();

  MustAdd("next", "NextIteration", {"merge"}, T(DT_INT32));
  EXPECT_EQ(graph_->num_pending_back_edges(), 1);  // merge2's is still waiting
}

TEST_F(GraphLoopTest, SessionRunsImportStyleLoop) {
  PlaceholderI("limit");
  BuildCountingLoop("", "limit");
  // Every Merge input id above the Merge's own is a back edge.
  const Node* merge = graph_->FindNode("merge");
  EXPECT_GT(merge->inputs[1].node, merge->id);
  Session sess(graph_, SessionOptions{});
  std::vector<Tensor> out;
  for (int limit : {10, 1, 0, -4, 37}) {
    Status s = Run(&sess, {{"limit", Tensor::Scalar<int32_t>(limit)}}, {"exit"}, &out);
    ASSERT_TRUE(s.ok()) << s.ToString();
    EXPECT_EQ(out[0].scalar<int32_t>(), std::max(limit, 0));
  }
  ASSERT_TRUE(sess.Close().ok());
}

TEST_F(GraphLoopTest, SessionRunsUpdateInputStyleLoop) {
  ConstI("limit", 6);
  BuildCountingLoop("", "limit", /*merge_first_input_twice=*/true);
  const Node* merge = graph_->FindNode("merge");
  EXPECT_EQ(merge->def.input(1), "next");
  EXPECT_EQ(merge->inputs[1].node, graph_->FindNode("next")->id);
  Session sess(graph_, SessionOptions{});
  std::vector<Tensor> out;
  Status s = Run(&sess, {}, {"exit"}, &out);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(out[0].scalar<int32_t>(), 6);
}

TEST_F(GraphLoopTest, SessionRunsNestedLoops) {
  // for i in range(3): for j in range(4): acc += 1
  ConstI("zero", 0);
  ConstI("one", 1);
  ConstI("three", 3);
  MustAdd("oi_enter", "Enter", {"zero"}, EnterAttrs("outer", false));
  MustAdd("oacc_enter", "Enter", {"zero"}, EnterAttrs("outer", false));
  MustAdd("o_lim", "Enter", {"three"}, EnterAttrs("outer", true));
  MustAdd("o_one", "Enter", {"one"}, EnterAttrs("outer", true));
  MustAdd("om_i", "Merge", {"oi_enter", "o_next_i"}, MergeAttrs(DT_INT32, 2));
  MustAdd("om_acc", "Merge", {"oacc_enter", "o_next_acc"}, MergeAttrs(DT_INT32, 2));
  MustAdd("o_less", "Less", {"om_i", "o_lim"}, T(DT_INT32));
  MustAdd("o_cond", "LoopCond", {"o_less"});
  MustAdd("osw_i", "Switch", {"om_i", "o_cond"}, T(DT_INT32));
  MustAdd("osw_acc", "Switch", {"om_acc", "o_cond"}, T(DT_INT32));
  MustAdd("o_exit_acc", "Exit", {"osw_acc:0"}, T(DT_INT32));
  MustAdd("o_id_i", "Identity", {"osw_i:1"}, T(DT_INT32));
  MustAdd("o_id_acc", "Identity", {"osw_acc:1"}, T(DT_INT32));
  ConstI("zero_in", 0, {"^o_id_i"});
  ConstI("four_in", 4, {"^o_id_i"});
  MustAdd("ij_enter", "Enter", {"zero_in"}, EnterAttrs("inner", false));
  MustAdd("iacc_enter", "Enter", {"o_id_acc"}, EnterAttrs("inner", false));
  MustAdd("i_lim", "Enter", {"four_in"}, EnterAttrs("inner", true));
  MustAdd("i_one", "Enter", {"o_one"}, EnterAttrs("inner", true));
  MustAdd("im_j", "Merge", {"ij_enter", "i_next_j"}, MergeAttrs(DT_INT32, 2));
  MustAdd("im_acc", "Merge", {"iacc_enter", "i_next_acc"}, MergeAttrs(DT_INT32, 2));
  MustAdd("i_less", "Less", {"im_j", "i_lim"}, T(DT_INT32));
  MustAdd("i_cond", "LoopCond", {"i_less"});
  MustAdd("isw_j", "Switch", {"im_j", "i_cond"}, T(DT_INT32));
  MustAdd("isw_acc", "Switch", {"im_acc", "i_cond"}, T(DT_INT32));
  MustAdd("i_exit_acc", "Exit", {"isw_acc:0"}, T(DT_INT32));
  MustAdd("i_id_j", "Identity", {"isw_j:1"}, T(DT_INT32));
  MustAdd("i_id_acc", "Identity", {"isw_acc:1"}, T(DT_INT32));
  MustAdd("i_add_j", "AddV2", {"i_id_j", "i_one"}, T(DT_INT32));
  MustAdd("i_add_acc", "AddV2", {"i_id_acc", "i_one"}, T(DT_INT32));
  MustAdd("i_next_j", "NextIteration", {"i_add_j"}, T(DT_INT32));
  MustAdd("i_next_acc", "NextIteration", {"i_add_acc"}, T(DT_INT32));
  MustAdd("o_add_i", "AddV2", {"o_id_i", "o_one"}, T(DT_INT32));
  MustAdd("o_next_i", "NextIteration", {"o_add_i"}, T(DT_INT32));
  MustAdd("o_next_acc", "NextIteration", {"i_exit_acc"}, T(DT_INT32));
  EXPECT_EQ(graph_->num_pending_back_edges(), 0);
  Session sess(graph_, SessionOptions{});
  std::vector<Tensor> out;
  for (int i = 0; i < 3; ++i) {
    Status s = Run(&sess, {}, {"o_exit_acc"}, &out);
    ASSERT_TRUE(s.ok()) << s.ToString();
    EXPECT_EQ(out[0].scalar<int32_t>(), 12);
  }
}

TEST_F(GraphLoopTest, UnresolvedBackEdgeIsAnErrorAtRunNotACrash) {
  ConstI("zero", 0);
  ConstI("other", 5);
  MustAdd("enter", "Enter", {"zero"}, EnterAttrs("f", false));
  MustAdd("merge", "Merge", {"enter", "never_added"}, MergeAttrs(DT_INT32, 2));
  MustAdd("after", "Identity", {"merge"}, T(DT_INT32));
  Session sess(graph_, SessionOptions{});
  std::vector<Tensor> out;
  for (const char* fetch : {"merge", "after:0", "merge:1"}) {
    Status s = Run(&sess, {}, {fetch}, &out);
    EXPECT_EQ(s.code(), Code::INVALID_ARGUMENT) << fetch << ": " << s.ToString();
    EXPECT_NE(s.message().find("'merge'"), std::string::npos) << s.message();
    EXPECT_NE(s.message().find("'never_added'"), std::string::npos) << s.message();
  }
  // What does not need the Merge still runs.
  Status s = Run(&sess, {}, {"other"}, &out);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(out[0].scalar<int32_t>(), 5);
}

TEST_F(GraphLoopTest, UpdateInputChecksAndRewires) {
  auto const2d = [&](const std::string& name, int rows, int cols, int v) {
    MustAdd(name, "Const", {}, [=](NodeDef* d) {
      Tensor t(DT_INT32, TensorShape({rows, cols}));
      for (int i = 0; i < rows * cols; ++i) t.data<int32_t>()[i] = v;
      AddNodeAttr("value", t, d);
      AddNodeAttr("dtype", DT_INT32, d);
    });
  };
  const2d("w", 3, 1, 2);
  const2d("x", 3, 1, 1);
  const2d("y", 2, 2, 7);
  const2d("x2", 3, 1, 10);
  MustAdd("s", "Const", {}, [](NodeDef* d) {
    AddNodeAttr("value", Tensor::Scalar<float>(1.f), d);
    AddNodeAttr("dtype", DT_FLOAT, d);
  });
  MustAdd("z", "AddV2", {"w", "x"}, T(DT_INT32));
  const int z = graph_->FindNode("z")->id;
  Endpoint y, x2, s_ep, x;
  ASSERT_TRUE(graph_->FindEndpoint("y", &y).ok());
  ASSERT_TRUE(graph_->FindEndpoint("x2:0", &x2).ok());
  ASSERT_TRUE(graph_->FindEndpoint("s", &s_ep).ok());
  ASSERT_TRUE(graph_->FindEndpoint("x", &x).ok());

  Session sess(graph_, SessionOptions{});
  std::vector<Tensor> out;
  ASSERT_TRUE(Run(&sess, {}, {"z"}, &out).ok());
  EXPECT_EQ(out[0].data<int32_t>()[0], 3);

  const uint64_t v0 = graph_->version();
  Status st = graph_->UpdateInput(z, 0, y);
  EXPECT_EQ(st.code(), Code::INVALID_ARGUMENT);
  EXPECT_EQ(st.message(), "Cannot update edge, incompatible shapes: [2,2] and [3,1].");
  st = graph_->UpdateInput(z, 2, x2);
  EXPECT_EQ(st.code(), Code::OUT_OF_RANGE);
  EXPECT_EQ(st.message(),
            "Cannot update edge. Input index [2] is greater than the number of total inputs [2].");
  st = graph_->UpdateInput(z, 1, s_ep);
  EXPECT_EQ(st.code(), Code::INVALID_ARGUMENT);
  EXPECT_EQ(st.message(),
            "Input 1 of node z was passed float from s:0 incompatible with expected int32.");
  st = graph_->UpdateInput(z, 0, Endpoint{x.node, 1});
  EXPECT_EQ(st.code(), Code::OUT_OF_RANGE);
  EXPECT_EQ(graph_->version(), v0);  // failed updates change nothing

  ASSERT_TRUE(graph_->UpdateInput(z, 1, x2).ok());
  EXPECT_GT(graph_->version(), v0);
  const Node* zn = graph_->FindNode("z");
  EXPECT_EQ(zn->def.input(1), "x2");
  EXPECT_EQ(zn->inputs[1].node, x2.node);
  // The session notices the change (the graph's version moved on).
  ASSERT_TRUE(Run(&sess, {}, {"z"}, &out).ok());
  EXPECT_EQ(out[0].data<int32_t>()[0], 12);
}

TEST_F(GraphLoopTest, UpdateInputResolvesAPendingBackEdge) {
  ConstI("zero", 0);
  ConstI("limit", 3);
  MustAdd("enter", "Enter", {"zero"}, EnterAttrs("f", false));
  MustAdd("merge", "Merge", {"enter", "ghost"}, MergeAttrs(DT_INT32, 2));
  EXPECT_EQ(graph_->num_pending_back_edges(), 1);
  Endpoint enter;
  ASSERT_TRUE(graph_->FindEndpoint("enter", &enter).ok());
  // Pointing the slot elsewhere drops the pending edge; a later "ghost" connects nothing.
  ASSERT_TRUE(graph_->UpdateInput(graph_->FindNode("merge")->id, 1, enter).ok());
  EXPECT_EQ(graph_->num_pending_back_edges(), 0);
  EXPECT_EQ(graph_->FindNode("merge")->def.input(1), "enter");
  ConstI("ghost", 1);
  EXPECT_EQ(graph_->FindNode("merge")->inputs[1].node, enter.node);
}

}  // namespace
}  // namespace tfc
