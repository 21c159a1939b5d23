// Variables through a Session: ref variables (VariableV2, Assign*, Scatter*, ScatterNd*) and
// resource variables (VarHandleOp & co.), their lifetime per session, TF's error codes and
// messages, copy-on-write reads and locked concurrent updates.
#include <gtest/gtest.h>

#include <thread>

#include "core/framework/attr_value_util.h"
#include "core/framework/resource_handle.h"
#include "core/runtime/session.h"

namespace tfc {
namespace {

using Attrs = std::function<void(::tensorflow::NodeDef*)>;

Tensor Vec(std::vector<float> v) {
  Tensor t(DT_FLOAT, TensorShape({static_cast<int64_t>(v.size())}));
  for (size_t i = 0; i < v.size(); ++i) t.data<float>()[i] = v[i];
  return t;
}

Tensor Mat(int64_t rows, int64_t cols, std::vector<float> v) {
  Tensor t(DT_FLOAT, TensorShape({rows, cols}));
  for (size_t i = 0; i < v.size(); ++i) t.data<float>()[i] = v[i];
  return t;
}

Tensor Ints(std::vector<int32_t> v, std::vector<int64_t> shape = {}) {
  if (shape.empty()) shape = {static_cast<int64_t>(v.size())};
  Tensor t(DT_INT32, TensorShape(shape));
  for (size_t i = 0; i < v.size(); ++i) t.data<int32_t>()[i] = v[i];
  return t;
}

std::vector<float> Values(const Tensor& t) {
  return std::vector<float>(t.data<float>(), t.data<float>() + t.NumElements());
}

class VariableOpsTest : public ::testing::Test {
 protected:
  VariableOpsTest() : graph_(std::make_shared<Graph>()) {}

  void Add(const std::string& name, const std::string& op, std::vector<std::string> inputs,
           Attrs attrs = nullptr) {
    ::tensorflow::NodeDef d;
    d.set_name(name);
    d.set_op(op);
    for (auto& i : inputs) d.add_input(i);
    if (attrs) attrs(&d);
    Status s = graph_->AddNode(d);
    ASSERT_TRUE(s.ok()) << s.ToString();
  }
  void Const(const std::string& name, const Tensor& value) {
    Add(name, "Const", {}, [value](::tensorflow::NodeDef* d) {
      AddNodeAttr("value", value, d);
      AddNodeAttr("dtype", value.dtype(), d);
    });
  }
  void Placeholder(const std::string& name, DataType dt) {
    Add(name, "Placeholder", {}, [dt](::tensorflow::NodeDef* d) { AddNodeAttr("dtype", dt, d); });
  }
  void RefVar(const std::string& name, PartialTensorShape shape, std::string shared = "") {
    Add(name, "VariableV2", {}, [=](::tensorflow::NodeDef* d) {
      AddNodeAttr("dtype", DT_FLOAT, d);
      AddNodeAttr("shape", shape, d);
      if (!shared.empty()) AddNodeAttr("shared_name", shared, d);
    });
  }
  void ResVar(const std::string& name, PartialTensorShape shape, std::string shared) {
    Add(name, "VarHandleOp", {}, [=](::tensorflow::NodeDef* d) {
      AddNodeAttr("dtype", DT_FLOAT, d);
      AddNodeAttr("shape", shape, d);
      AddNodeAttr("shared_name", shared, d);
    });
  }
  static Attrs T(DataType t, Attrs more = nullptr) {
    return [t, more](::tensorflow::NodeDef* d) {
      AddNodeAttr("T", t, d);
      if (more) more(d);
    };
  }
  static Attrs Dtype(DataType t) {
    return [t](::tensorflow::NodeDef* d) { AddNodeAttr("dtype", t, d); };
  }
  static Attrs Scatter(DataType t, const char* type_attr = "T") {
    return [t, type_attr](::tensorflow::NodeDef* d) {
      AddNodeAttr(type_attr, t, d);
      AddNodeAttr("Tindices", DT_INT32, d);
    };
  }
  Status Run(Session* s, std::vector<std::string> fetches, std::vector<std::string> targets,
             std::vector<Tensor>* out, std::vector<std::pair<std::string, Tensor>> feeds = {}) {
    return s->Run(feeds, fetches, targets, out);
  }
  void MustRun(Session* s, std::vector<std::string> targets) {
    std::vector<Tensor> out;
    Status st = s->Run({}, {}, targets, &out);
    ASSERT_TRUE(st.ok()) << st.ToString();
  }

  std::shared_ptr<Graph> graph_;
};

TEST_F(VariableOpsTest, RefVariableLifecycle) {
  RefVar("v", PartialTensorShape({2}));
  Const("init_value", Vec({1, 2}));
  Add("v/Assign", "Assign", {"v", "init_value"}, T(DT_FLOAT));
  Add("v/read", "Identity", {"v"}, T(DT_FLOAT));
  Const("inc", Vec({10, 10}));
  Add("add", "AssignAdd", {"v", "inc"}, T(DT_FLOAT));
  Add("sub", "AssignSub", {"v", "inc"}, T(DT_FLOAT));
  Add("is_init", "IsVariableInitialized", {"v"}, Dtype(DT_FLOAT));

  Session sess(graph_, SessionOptions());
  std::vector<Tensor> out;
  ASSERT_TRUE(Run(&sess, {"is_init"}, {}, &out).ok());
  EXPECT_FALSE(out[0].scalar<bool>());
  Status s = Run(&sess, {"v/read"}, {}, &out);
  EXPECT_EQ(s.code(), Code::FAILED_PRECONDITION);
  EXPECT_NE(s.message().find("Attempting to use uninitialized value v"), std::string::npos)
      << s.message();

  MustRun(&sess, {"v/Assign"});
  ASSERT_TRUE(Run(&sess, {"v/read", "is_init"}, {}, &out).ok());
  EXPECT_EQ(Values(out[0]), std::vector<float>({1, 2}));
  EXPECT_TRUE(out[1].scalar<bool>());
  // Values persist across runs and across the executors of other signatures.
  for (int i = 0; i < 3; ++i) MustRun(&sess, {"add"});
  MustRun(&sess, {"sub"});
  ASSERT_TRUE(Run(&sess, {"v:0"}, {}, &out).ok());
  EXPECT_EQ(Values(out[0]), std::vector<float>({21, 22}));
  ASSERT_TRUE(Run(&sess, {"add:0"}, {}, &out).ok());  // the op's output is the updated ref
  EXPECT_EQ(Values(out[0]), std::vector<float>({31, 32}));

  // A new session starts from scratch.
  Session fresh(graph_, SessionOptions());
  s = Run(&fresh, {"v/read"}, {}, &out);
  EXPECT_EQ(s.code(), Code::FAILED_PRECONDITION);
  ASSERT_TRUE(Run(&sess, {"v/read"}, {}, &out).ok());
  EXPECT_EQ(Values(out[0]), std::vector<float>({31, 32}));
  // Close drops the session's variables.
  ASSERT_TRUE(sess.Close().ok());
  EXPECT_EQ(Run(&sess, {"v/read"}, {}, &out).code(), Code::CANCELLED);
}

TEST_F(VariableOpsTest, AssignShapeValidation) {
  RefVar("v", PartialTensorShape({2}));
  Placeholder("x", DT_FLOAT);  // unknown shape: the mismatch surfaces at run time
  Add("assign", "Assign", {"v", "x"}, T(DT_FLOAT));
  Add("assign_any", "Assign", {"v", "x"}, T(DT_FLOAT, [](::tensorflow::NodeDef* d) {
        AddNodeAttr("validate_shape", false, d);
      }));
  Session sess(graph_, SessionOptions());
  std::vector<Tensor> out;
  // Even the first assignment is checked against the declared shape.
  Status s = Run(&sess, {}, {"assign"}, &out, {{"x", Vec({1, 2, 3})}});
  EXPECT_EQ(s.code(), Code::INVALID_ARGUMENT);
  EXPECT_NE(s.message().find("Assign requires shapes of both tensors to match. lhs shape= [2] "
                             "rhs shape= [3]"),
            std::string::npos)
      << s.message();
  ASSERT_TRUE(Run(&sess, {}, {"assign"}, &out, {{"x", Vec({1, 2})}}).ok());
  s = Run(&sess, {}, {"assign"}, &out, {{"x", Vec({1, 2, 3})}});
  EXPECT_EQ(s.code(), Code::INVALID_ARGUMENT);
  // validate_shape=false takes the new shape.
  ASSERT_TRUE(Run(&sess, {"assign_any:0"}, {}, &out, {{"x", Vec({4, 5, 6})}}).ok());
  EXPECT_EQ(Values(out[0]), std::vector<float>({4, 5, 6}));
  ASSERT_TRUE(Run(&sess, {"v"}, {}, &out).ok());
  EXPECT_EQ(out[0].shape().DebugString(), "[3]");
}

TEST_F(VariableOpsTest, AssignKeepsEarlierReadsIntact) {
  RefVar("v", PartialTensorShape({2}));
  Placeholder("x", DT_FLOAT);
  Add("assign", "Assign", {"v", "x"}, T(DT_FLOAT));
  Add("read", "Identity", {"v"}, T(DT_FLOAT));
  Session sess(graph_, SessionOptions());
  std::vector<Tensor> out, before;
  ASSERT_TRUE(Run(&sess, {}, {"assign"}, &out, {{"x", Vec({1, 2})}}).ok());
  ASSERT_TRUE(Run(&sess, {"read"}, {}, &before).ok());
  ASSERT_TRUE(Run(&sess, {}, {"assign"}, &out, {{"x", Vec({7, 8})}}).ok());
  EXPECT_EQ(Values(before[0]), std::vector<float>({1, 2}));
  ASSERT_TRUE(Run(&sess, {"read"}, {}, &out).ok());
  EXPECT_EQ(Values(out[0]), std::vector<float>({7, 8}));
}

TEST_F(VariableOpsTest, SharedNameSharesState) {
  RefVar("a", PartialTensorShape({1}), "shared");
  RefVar("b", PartialTensorShape({1}), "shared");
  Const("one", Vec({1}));
  Add("init", "Assign", {"a", "one"}, T(DT_FLOAT));
  Add("read_b", "Identity", {"b"}, T(DT_FLOAT));
  Session sess(graph_, SessionOptions());
  MustRun(&sess, {"init"});
  std::vector<Tensor> out;
  ASSERT_TRUE(Run(&sess, {"read_b"}, {}, &out).ok());
  EXPECT_EQ(Values(out[0]), std::vector<float>({1}));
}

TEST_F(VariableOpsTest, CountUpTo) {
  Add("c", "VariableV2", {}, [](::tensorflow::NodeDef* d) {
    AddNodeAttr("dtype", DT_INT32, d);
    AddNodeAttr("shape", PartialTensorShape({}), d);
  });
  Const("zero", Tensor::Scalar<int32_t>(0));
  Add("init", "Assign", {"c", "zero"}, T(DT_INT32));
  Add("count", "CountUpTo", {"c"}, T(DT_INT32, [](::tensorflow::NodeDef* d) {
        AddNodeAttr("limit", int64_t{2}, d);
      }));
  Session sess(graph_, SessionOptions());
  MustRun(&sess, {"init"});
  std::vector<Tensor> out;
  ASSERT_TRUE(Run(&sess, {"count"}, {}, &out).ok());
  EXPECT_EQ(out[0].scalar<int32_t>(), 0);
  ASSERT_TRUE(Run(&sess, {"count"}, {}, &out).ok());
  EXPECT_EQ(out[0].scalar<int32_t>(), 1);
  Status s = Run(&sess, {"count"}, {}, &out);
  EXPECT_EQ(s.code(), Code::OUT_OF_RANGE);
  EXPECT_NE(s.message().find("Reached limit of 2"), std::string::npos);
}

TEST_F(VariableOpsTest, RefScatterOps) {
  RefVar("v", PartialTensorShape({3, 2}));
  Const("init_value", Mat(3, 2, {1, 2, 3, 4, 5, 6}));
  Add("init", "Assign", {"v", "init_value"}, T(DT_FLOAT));
  Placeholder("idx", DT_INT32);
  Placeholder("upd", DT_FLOAT);
  for (const char* op : {"ScatterUpdate", "ScatterAdd", "ScatterSub", "ScatterMul", "ScatterDiv",
                         "ScatterMin", "ScatterMax"}) {
    Add(op, op, {"v", "idx", "upd"}, Scatter(DT_FLOAT));
  }
  Session sess(graph_, SessionOptions());
  std::vector<Tensor> out;
  auto run = [&](const char* op, Tensor idx, Tensor upd) {
    return Run(&sess, {std::string(op) + ":0"}, {}, &out, {{"idx", idx}, {"upd", upd}});
  };
  MustRun(&sess, {"init"});
  ASSERT_TRUE(run("ScatterAdd", Ints({2, 0}), Mat(2, 2, {10, 20, 30, 40})).ok());
  EXPECT_EQ(Values(out[0]), std::vector<float>({31, 42, 3, 4, 15, 26}));
  ASSERT_TRUE(run("ScatterSub", Ints({1}), Mat(1, 2, {1, 1})).ok());
  EXPECT_EQ(Values(out[0]), std::vector<float>({31, 42, 2, 3, 15, 26}));
  ASSERT_TRUE(run("ScatterMul", Ints({1}), Mat(1, 2, {3, 2})).ok());
  EXPECT_EQ(Values(out[0]), std::vector<float>({31, 42, 6, 6, 15, 26}));
  ASSERT_TRUE(run("ScatterDiv", Ints({1}), Mat(1, 2, {2, 3})).ok());
  EXPECT_EQ(Values(out[0]), std::vector<float>({31, 42, 3, 2, 15, 26}));
  ASSERT_TRUE(run("ScatterMin", Ints({0}), Mat(1, 2, {40, 40})).ok());
  EXPECT_EQ(Values(out[0]), std::vector<float>({31, 40, 3, 2, 15, 26}));
  ASSERT_TRUE(run("ScatterMax", Ints({0}), Mat(1, 2, {40, 40})).ok());
  EXPECT_EQ(Values(out[0]), std::vector<float>({40, 40, 3, 2, 15, 26}));
  // Scalar updates apply to every picked row.
  ASSERT_TRUE(run("ScatterUpdate", Ints({0, 2}), Tensor::Scalar<float>(0)).ok());
  EXPECT_EQ(Values(out[0]), std::vector<float>({0, 0, 3, 2, 0, 0}));

  // A bad index fails before anything changes.
  Status s = run("ScatterUpdate", Ints({1, 5}), Mat(2, 2, {9, 9, 9, 9}));
  EXPECT_EQ(s.code(), Code::INVALID_ARGUMENT);
  EXPECT_NE(s.message().find("indices[1] = 5 is not in [0, 3)"), std::string::npos)
      << s.message();
  s = run("ScatterAdd", Ints({-1}), Mat(1, 2, {9, 9}));
  EXPECT_EQ(s.code(), Code::INVALID_ARGUMENT);
  s = run("ScatterAdd", Ints({0}), Mat(1, 3, {9, 9, 9}));
  EXPECT_EQ(s.code(), Code::INVALID_ARGUMENT);
  EXPECT_NE(s.message().find("Must have updates.shape = indices.shape + params.shape[1:]"),
            std::string::npos);
  ASSERT_TRUE(Run(&sess, {"v"}, {}, &out).ok());
  EXPECT_EQ(Values(out[0]), std::vector<float>({0, 0, 3, 2, 0, 0}));
}

TEST_F(VariableOpsTest, RefScatterNdOps) {
  RefVar("v", PartialTensorShape({4}));
  Const("init_value", Vec({1, 2, 3, 4}));
  Add("init", "Assign", {"v", "init_value"}, T(DT_FLOAT));
  Placeholder("idx", DT_INT32);
  Placeholder("upd", DT_FLOAT);
  for (const char* op : {"ScatterNdUpdate", "ScatterNdAdd", "ScatterNdSub"}) {
    Add(op, op, {"v", "idx", "upd"}, Scatter(DT_FLOAT));
  }
  Session sess(graph_, SessionOptions());
  std::vector<Tensor> out;
  auto run = [&](const char* op, Tensor idx, Tensor upd) {
    return Run(&sess, {std::string(op) + ":0"}, {}, &out, {{"idx", idx}, {"upd", upd}});
  };
  MustRun(&sess, {"init"});
  ASSERT_TRUE(run("ScatterNdAdd", Ints({3, 1}, {2, 1}), Vec({10, 20})).ok());
  EXPECT_EQ(Values(out[0]), std::vector<float>({1, 22, 3, 14}));
  ASSERT_TRUE(run("ScatterNdSub", Ints({0}, {1, 1}), Vec({1})).ok());
  EXPECT_EQ(Values(out[0]), std::vector<float>({0, 22, 3, 14}));
  ASSERT_TRUE(run("ScatterNdUpdate", Ints({2}, {1, 1}), Vec({-5})).ok());
  EXPECT_EQ(Values(out[0]), std::vector<float>({0, 22, -5, 14}));
  Status s = run("ScatterNdUpdate", Ints({1, 4}, {2, 1}), Vec({7, 7}));
  EXPECT_EQ(s.code(), Code::INVALID_ARGUMENT);
  EXPECT_NE(s.message().find("= [4] does not index into shape [4]"), std::string::npos)
      << s.message();
  s = run("ScatterNdAdd", Ints({1}, {1, 1}), Vec({7, 7}));
  EXPECT_EQ(s.code(), Code::INVALID_ARGUMENT);
  ASSERT_TRUE(Run(&sess, {"v"}, {}, &out).ok());
  EXPECT_EQ(Values(out[0]), std::vector<float>({0, 22, -5, 14}));
}

TEST_F(VariableOpsTest, ConcurrentLockedAssignAddIsExact) {
  RefVar("v", PartialTensorShape({256}));
  Const("zeros", Vec(std::vector<float>(256, 0.0f)));
  Const("ones", Vec(std::vector<float>(256, 1.0f)));
  Add("init", "Assign", {"v", "zeros"}, T(DT_FLOAT));
  Add("add", "AssignAdd", {"v", "ones"}, T(DT_FLOAT, [](::tensorflow::NodeDef* d) {
        AddNodeAttr("use_locking", true, d);
      }));
  ResVar("r", PartialTensorShape({256}), "r");
  Add("r_init", "AssignVariableOp", {"r", "zeros"}, Dtype(DT_FLOAT));
  Add("r_add", "AssignAddVariableOp", {"r", "ones"}, Dtype(DT_FLOAT));
  Add("r_read", "ReadVariableOp", {"r"}, Dtype(DT_FLOAT));
  Session sess(graph_, SessionOptions());
  MustRun(&sess, {"init", "r_init"});
  constexpr int kThreads = 8, kSteps = 500;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      std::vector<Tensor> out;
      for (int i = 0; i < kSteps; ++i) {
        if (!sess.Run({}, {}, {"add", "r_add"}, &out).ok()) ++failures;
        // Reads race with the updates: each must see one whole value, never a torn one.
        if (i % 50 == 0) {
          if (!sess.Run({}, {"r_read"}, {}, &out).ok()) ++failures;
          const float first = out[0].data<float>()[0];
          for (float x : Values(out[0])) {
            if (x != first) ++failures;
          }
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  std::vector<Tensor> out;
  ASSERT_TRUE(Run(&sess, {"v", "r_read"}, {}, &out).ok());
  for (float x : Values(out[0])) ASSERT_EQ(x, kThreads * kSteps);
  for (float x : Values(out[1])) ASSERT_EQ(x, kThreads * kSteps);
}

TEST_F(VariableOpsTest, ResourceVariableLifecycle) {
  ResVar("v", PartialTensorShape({2}), "v");
  Const("init_value", Vec({1, 2}));
  Add("v/Assign", "AssignVariableOp", {"v", "init_value"}, Dtype(DT_FLOAT));
  Add("v/Read", "ReadVariableOp", {"v"}, Dtype(DT_FLOAT));
  Add("v/IsInitialized", "VarIsInitializedOp", {"v"});
  Const("inc", Vec({10, 10}));
  Add("add", "AssignAddVariableOp", {"v", "inc"}, Dtype(DT_FLOAT));
  Add("sub", "AssignSubVariableOp", {"v", "inc"}, Dtype(DT_FLOAT));
  Add("shape", "VariableShape", {"v"});
  Add("destroy", "DestroyResourceOp", {"v"});
  ResVar("w", PartialTensorShape({}), "w");
  Const("w_value", Tensor::Scalar<float>(3));
  Add("w/Assign", "AssignVariableOp", {"w", "w_value"}, Dtype(DT_FLOAT));

  Session sess(graph_, SessionOptions());
  std::vector<Tensor> out;
  ASSERT_TRUE(Run(&sess, {"v/IsInitialized"}, {}, &out).ok());
  EXPECT_FALSE(out[0].scalar<bool>());
  Status s = Run(&sess, {"v/Read"}, {}, &out);
  EXPECT_EQ(s.code(), Code::FAILED_PRECONDITION);
  EXPECT_NE(s.message().find("Error while reading resource variable v from Container: "
                             "localhost. This could mean that the variable was uninitialized. "
                             "Not found: Container localhost does not exist. (Could not find "
                             "resource: localhost/v)"),
            std::string::npos)
      << s.message();
  MustRun(&sess, {"w/Assign"});  // now the container exists: TF's other wording
  s = Run(&sess, {"v/Read"}, {}, &out);
  EXPECT_NE(s.message().find("Error while reading resource variable v from Container: "
                             "localhost. This could mean that the variable was uninitialized. "
                             "Not found: Resource localhost/v/N10tensorflow3VarE does not "
                             "exist."),
            std::string::npos)
      << s.message();
  EXPECT_EQ(Run(&sess, {}, {"add"}, &out).code(), Code::NOT_FOUND);

  MustRun(&sess, {"v/Assign"});
  ASSERT_TRUE(Run(&sess, {"v/Read", "v/IsInitialized", "shape"}, {}, &out).ok());
  EXPECT_EQ(Values(out[0]), std::vector<float>({1, 2}));
  EXPECT_TRUE(out[1].scalar<bool>());
  ASSERT_EQ(out[2].NumElements(), 1);
  EXPECT_EQ(out[2].data<int32_t>()[0], 2);
  Tensor first_read = out[0];
  for (int i = 0; i < 3; ++i) MustRun(&sess, {"add"});
  MustRun(&sess, {"sub"});
  ASSERT_TRUE(Run(&sess, {"v/Read"}, {}, &out).ok());
  EXPECT_EQ(Values(out[0]), std::vector<float>({21, 22}));
  // Copy-on-write: the value read earlier did not change under the in-place updates.
  EXPECT_EQ(Values(first_read), std::vector<float>({1, 2}));

  // Handles resolve per session.
  Session fresh(graph_, SessionOptions());
  EXPECT_EQ(Run(&fresh, {"v/Read"}, {}, &out).code(), Code::FAILED_PRECONDITION);

  MustRun(&sess, {"destroy"});
  EXPECT_EQ(Run(&sess, {"v/Read"}, {}, &out).code(), Code::FAILED_PRECONDITION);
  ASSERT_TRUE(Run(&sess, {"v/IsInitialized"}, {}, &out).ok());
  EXPECT_FALSE(out[0].scalar<bool>());
  MustRun(&sess, {"destroy"});  // ignore_lookup_error defaults to true
}

TEST_F(VariableOpsTest, ResourceHandleFetchAndDtypeErrors) {
  ResVar("v", PartialTensorShape({2}), "v");
  Const("init_value", Vec({1, 2}));
  Const("int_value", Ints({1, 2}));
  Add("assign", "AssignVariableOp", {"v", "init_value"}, Dtype(DT_FLOAT));
  Add("read_int", "ReadVariableOp", {"v"}, Dtype(DT_INT32));
  Add("add_int", "AssignAddVariableOp", {"v", "int_value"}, Dtype(DT_INT32));
  Session sess(graph_, SessionOptions());
  std::vector<Tensor> out;
  ASSERT_TRUE(Run(&sess, {"v"}, {"assign"}, &out).ok());
  ASSERT_EQ(out[0].dtype(), DT_RESOURCE);
  const ResourceHandle& h = out[0].scalar<ResourceHandle>();
  EXPECT_EQ(h.container(), "localhost");
  EXPECT_EQ(h.name(), "v");
  EXPECT_EQ(h.maybe_type_name(), "N10tensorflow3VarE");
  EXPECT_EQ(h.device(), "/job:localhost/replica:0/task:0/device:CPU:0");
  ASSERT_EQ(h.dtypes_and_shapes().size(), 1u);
  EXPECT_EQ(h.dtypes_and_shapes()[0].dtype, DT_FLOAT);

  Status s = Run(&sess, {"read_int"}, {}, &out);
  EXPECT_EQ(s.code(), Code::INVALID_ARGUMENT);
  EXPECT_NE(s.message().find("Trying to read variable with wrong dtype. Expected int32 got "
                             "float"),
            std::string::npos)
      << s.message();
  EXPECT_EQ(Run(&sess, {}, {"add_int"}, &out).code(), Code::INVALID_ARGUMENT);
}

TEST_F(VariableOpsTest, ResourceGatherAndScatter) {
  ResVar("v", PartialTensorShape({3, 2}), "v");
  Const("init_value", Mat(3, 2, {1, 2, 3, 4, 5, 6}));
  Add("init", "AssignVariableOp", {"v", "init_value"}, Dtype(DT_FLOAT));
  Add("read", "ReadVariableOp", {"v"}, Dtype(DT_FLOAT));
  Placeholder("idx", DT_INT32);
  Placeholder("upd", DT_FLOAT);
  Add("gather", "ResourceGather", {"v", "idx"}, [](::tensorflow::NodeDef* d) {
    AddNodeAttr("dtype", DT_FLOAT, d);
    AddNodeAttr("Tindices", DT_INT32, d);
  });
  for (const char* op : {"ResourceScatterUpdate", "ResourceScatterAdd", "ResourceScatterSub",
                         "ResourceScatterMul", "ResourceScatterDiv", "ResourceScatterMin",
                         "ResourceScatterMax"}) {
    Add(op, op, {"v", "idx", "upd"}, Scatter(DT_FLOAT, "dtype"));
  }
  Session sess(graph_, SessionOptions());
  std::vector<Tensor> out;
  auto scatter = [&](const char* op, Tensor idx, Tensor upd) {
    return Run(&sess, {}, {op}, &out, {{"idx", idx}, {"upd", upd}});
  };
  MustRun(&sess, {"init"});
  ASSERT_TRUE(Run(&sess, {"gather"}, {}, &out, {{"idx", Ints({2, 0, 2})}}).ok());
  EXPECT_EQ(out[0].shape().DebugString(), "[3,2]");
  EXPECT_EQ(Values(out[0]), std::vector<float>({5, 6, 1, 2, 5, 6}));
  Status s = Run(&sess, {"gather"}, {}, &out, {{"idx", Ints({3})}});
  EXPECT_EQ(s.code(), Code::INVALID_ARGUMENT);
  EXPECT_NE(s.message().find("indices[0] = 3 is not in [0, 3)"), std::string::npos);

  ASSERT_TRUE(Run(&sess, {"read"}, {}, &out).ok());
  Tensor before = out[0];
  ASSERT_TRUE(scatter("ResourceScatterAdd", Ints({1}), Mat(1, 2, {10, 10})).ok());
  ASSERT_TRUE(scatter("ResourceScatterSub", Ints({0}), Mat(1, 2, {1, 1})).ok());
  ASSERT_TRUE(scatter("ResourceScatterMul", Ints({2}), Mat(1, 2, {2, 2})).ok());
  ASSERT_TRUE(scatter("ResourceScatterDiv", Ints({1}), Mat(1, 2, {13, 2})).ok());
  ASSERT_TRUE(scatter("ResourceScatterMin", Ints({2}), Mat(1, 2, {11, 11})).ok());
  ASSERT_TRUE(scatter("ResourceScatterMax", Ints({0}), Mat(1, 2, {0.5, 1.5})).ok());
  ASSERT_TRUE(Run(&sess, {"read"}, {}, &out).ok());
  EXPECT_EQ(Values(out[0]), std::vector<float>({0.5, 1.5, 1, 7, 10, 11}));
  EXPECT_EQ(Values(before), std::vector<float>({1, 2, 3, 4, 5, 6}));  // copy-on-write

  s = scatter("ResourceScatterUpdate", Ints({0, 3}), Mat(2, 2, {9, 9, 9, 9}));
  EXPECT_EQ(s.code(), Code::INVALID_ARGUMENT);
  EXPECT_NE(s.message().find("indices[1] = 3 is not in [0, 3)"), std::string::npos)
      << s.message();
  ASSERT_TRUE(Run(&sess, {"read"}, {}, &out).ok());
  EXPECT_EQ(Values(out[0]), std::vector<float>({0.5, 1.5, 1, 7, 10, 11}));
}

}  // namespace
}  // namespace tfc
