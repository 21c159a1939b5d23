// Shape functions of the element-wise ops (broadcasting, Select/SelectV2, AddN, BiasAdd), and
// their CPU kernels run directly.
#include <gtest/gtest.h>

#include "core/framework/shape_inference.h"
#include "tests/cpp/kernel_test_util.h"
#include "tests/cpp/shape_test_util.h"

namespace tfc {
namespace {

// Runs op's shape fn; returns output 0 as "[2,3]" or "error: <message>".
std::string Infer(const std::string& op, const std::vector<std::string>& inputs,
                  const std::map<std::string, ::tensorflow::AttrValue>& attrs = {}) {
  const OpRegistrationData* reg = OpRegistry::Global()->LookUp(op);
  if (reg == nullptr) return "error: no op " + op;
  ::tensorflow::NodeDef node;
  node.set_name("n");
  node.set_op(op);
  for (const auto& a : reg->op_def.attr())
    if (a.has_default_value()) (*node.mutable_attr())[a.name()] = a.default_value();
  for (const auto& [k, v] : attrs) (*node.mutable_attr())[k] = v;
  ShapeVec shapes;
  for (const auto& s : inputs) {
    shapes.emplace_back();
    if (!test::ParseTestShape(s, &shapes.back())) return "bad shape spec " + s;
  }
  InferenceContext c(&node, DataTypeVector(inputs.size(), DT_FLOAT), DataTypeVector(1, DT_FLOAT),
                     shapes, std::vector<const Tensor*>(inputs.size(), nullptr),
                     ShapeVec(inputs.size(), PartialTensorShape::Unknown()));
  Status s = reg->shape_fn(&c);
  if (!s.ok()) return "error: " + s.message();
  return c.output(0).DebugString();
}

::tensorflow::AttrValue StrAttr(const std::string& v) {
  ::tensorflow::AttrValue a;
  a.set_s(v);
  return a;
}

bool IsError(const std::string& r) { return r.rfind("error: ", 0) == 0; }

TEST(CwiseOpsShapeTest, UnaryKeepsShape) {
  for (const char* op : {"Neg", "Abs", "Sqrt", "Exp", "Tanh", "Sigmoid", "Floor", "Round",
                         "IsNan", "LogicalNot", "Relu", "Relu6", "Elu", "Selu", "Softplus",
                         "Softsign", "LeakyRelu", "Cast", "Erf", "Digamma", "Reciprocal"}) {
    EXPECT_EQ(Infer(op, {"[2,?,3]"}), "[2,?,3]") << op;
    EXPECT_EQ(Infer(op, {"?"}), "<unknown>") << op;
  }
}

TEST(CwiseOpsShapeTest, BinaryBroadcasts) {
  for (const char* op : {"Add", "AddV2", "Sub", "Mul", "Div", "RealDiv", "FloorDiv", "FloorMod",
                         "Pow", "Maximum", "Minimum", "SquaredDifference", "Less", "Equal",
                         "LogicalAnd", "Atan2", "DivNoNan", "TruncateDiv", "TruncateMod"}) {
    EXPECT_EQ(Infer(op, {"[2,3]", "[3]"}), "[2,3]") << op;
    EXPECT_EQ(Infer(op, {"[]", "[4,1]"}), "[4,1]") << op;
    EXPECT_EQ(Infer(op, {"[5,1,3]", "[4,1]"}), "[5,4,3]") << op;
    EXPECT_EQ(Infer(op, {"[?,3]", "[2,1]"}), "[2,3]") << op;
    EXPECT_EQ(Infer(op, {"?", "[3]"}), "<unknown>") << op;
    EXPECT_TRUE(IsError(Infer(op, {"[2,3]", "[4]"}))) << op;
  }
}

TEST(CwiseOpsShapeTest, EqualityWithoutShapeError) {
  ::tensorflow::AttrValue f;
  f.set_b(false);
  EXPECT_EQ(Infer("Equal", {"[2,3]", "[4]"}, {{"incompatible_shape_error", f}}), "<unknown>");
  EXPECT_EQ(Infer("NotEqual", {"[2,3]", "[3]"}, {{"incompatible_shape_error", f}}), "[2,3]");
  EXPECT_TRUE(IsError(Infer("NotEqual", {"[2,3]", "[4]"})));
}

TEST(CwiseOpsShapeTest, AddNMergesAll) {
  EXPECT_EQ(Infer("AddN", {"[2,?]", "[?,3]", "?"}), "[2,3]");
  EXPECT_EQ(Infer("AddN", {"?"}), "<unknown>");
  const std::string r = Infer("AddN", {"[2,3]", "[2,4]"});
  EXPECT_TRUE(IsError(r));
  EXPECT_NE(r.find("From merging shape 0 with other shapes."), std::string::npos) << r;
}

TEST(CwiseOpsShapeTest, Select) {
  EXPECT_EQ(Infer("Select", {"[2,3]", "[2,3]", "[2,?]"}), "[2,3]");
  EXPECT_EQ(Infer("Select", {"[]", "[2,3]", "[2,3]"}), "[2,3]");
  EXPECT_EQ(Infer("Select", {"[2]", "[?,3]", "[?,3]"}), "[?,3]");
  EXPECT_EQ(Infer("Select", {"[?,?]", "[2,3]", "[2,3]"}), "[2,3]");
  EXPECT_EQ(Infer("Select", {"?", "[2,3]", "?"}), "[2,3]");
  EXPECT_TRUE(IsError(Infer("Select", {"[4]", "[2,3]", "[2,3]"})));
  EXPECT_TRUE(IsError(Infer("Select", {"[2,3]", "[2,3]", "[2,4]"})));
  EXPECT_TRUE(IsError(Infer("Select", {"[3,2]", "[2,3]", "[2,3]"})));
}

TEST(CwiseOpsShapeTest, SelectV2Broadcasts) {
  EXPECT_EQ(Infer("SelectV2", {"[2,1]", "[3]", "[]"}), "[2,3]");
  EXPECT_EQ(Infer("SelectV2", {"[]", "[4,1]", "[1,5]"}), "[4,5]");
  EXPECT_TRUE(IsError(Infer("SelectV2", {"[2]", "[3]", "[3]"})));
}

TEST(CwiseOpsShapeTest, BiasAdd) {
  EXPECT_EQ(Infer("BiasAdd", {"[2,?]", "[5]"}), "[2,5]");
  EXPECT_EQ(Infer("BiasAdd", {"[2,3,4,?]", "[7]"}), "[2,3,4,7]");
  EXPECT_EQ(Infer("BiasAdd", {"[2,?,4,5]", "[7]"}, {{"data_format", StrAttr("NCHW")}}),
            "[2,7,4,5]");
  EXPECT_EQ(Infer("BiasAdd", {"?", "[7]"}), "<unknown>");
  EXPECT_TRUE(IsError(Infer("BiasAdd", {"[3]", "[3]"})));
  EXPECT_TRUE(IsError(Infer("BiasAdd", {"[2,3]", "[4]"})));
  EXPECT_TRUE(IsError(Infer("BiasAdd", {"[2,3]", "[3,1]"})));
  EXPECT_TRUE(IsError(Infer("BiasAdd", {"[2,3]", "[3]"}, {{"data_format", StrAttr("NCHW")}})));
  EXPECT_EQ(Infer("BiasAddV1", {"[2,3]", "[3]"}), "[2,3]");
}

TEST(CwiseOpsShapeTest, OpDefsMatchTf) {
  const ::tensorflow::OpDef* def = nullptr;
  ASSERT_TRUE(OpRegistry::Global()->LookUpOpDef("LeakyRelu", &def).ok());
  ASSERT_EQ(def->attr_size(), 2);
  EXPECT_EQ(def->attr(0).name(), "alpha");
  EXPECT_FLOAT_EQ(def->attr(0).default_value().f(), 0.2f);
  ASSERT_TRUE(OpRegistry::Global()->LookUpOpDef("AddV2", &def).ok());
  EXPECT_TRUE(def->is_aggregate());
  EXPECT_TRUE(def->is_commutative());
  ASSERT_TRUE(OpRegistry::Global()->LookUpOpDef("Cast", &def).ok());
  EXPECT_EQ(def->attr(2).name(), "Truncate");
  EXPECT_FALSE(def->attr(2).default_value().b());
}

}  // namespace
}  // namespace tfc

// ---- kernels, run directly (values here; the NumPy comparisons live in tests/python) --------
namespace tfc {
namespace {

using test::MakeTensor;
using test::Values;

struct KernelRun {
  Status status;
  std::vector<Tensor> outputs;
};

KernelRun RunOp(const std::string& op, std::vector<Tensor> inputs,
                const std::map<std::string, ::tensorflow::AttrValue>& attrs = {},
                ThreadPool* pool = nullptr) {
  KernelRun r;
  const test::KernelNode n = test::MakeNodeFromInputs(op, inputs, test::Attrs(attrs));
  r.status = test::RunKernel(n, std::move(inputs), &r.outputs, pool);
  return r;
}

::tensorflow::AttrValue TypeAttr(DataType t) {
  ::tensorflow::AttrValue a;
  a.set_type(t);
  return a;
}

TEST(CwiseKernelsTest, BroadcastAdd) {
  KernelRun r = RunOp("AddV2", {MakeTensor<float>({2, 1, 3}, {1, 2, 3, 4, 5, 6}),
                                MakeTensor<float>({4, 1}, {10, 20, 30, 40})});
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(r.outputs[0].shape().DebugString(), "[2,4,3]");
  std::vector<float> want;
  for (int a = 0; a < 2; ++a)
    for (int b = 0; b < 4; ++b)
      for (int c = 0; c < 3; ++c) want.push_back((a * 3 + c + 1) + 10 * (b + 1));
  EXPECT_EQ(Values<float>(r.outputs[0]), want);
}

TEST(CwiseKernelsTest, LargeBroadcastAcrossThreads) {
  ThreadPool* pool = SharedThreadPool("cwise_test", 4);
  const int64_t n = 257, m = 1031;
  Tensor x(DT_INT64, TensorShape({n, 1})), y(DT_INT64, TensorShape({m}));
  for (int64_t i = 0; i < n; ++i) x.data<int64_t>()[i] = i * 100000;
  for (int64_t j = 0; j < m; ++j) y.data<int64_t>()[j] = j;
  KernelRun r = RunOp("Sub", {x, y}, {}, pool);
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  const int64_t* z = r.outputs[0].data<int64_t>();
  for (int64_t i = 0; i < n; ++i)
    for (int64_t j = 0; j < m; ++j) ASSERT_EQ(z[i * m + j], i * 100000 - j);
}

TEST(CwiseKernelsTest, IncompatibleShapesAndDivByZero) {
  KernelRun r = RunOp("Add", {MakeTensor<float>({2}, {1, 2}), MakeTensor<float>({3}, {1, 2, 3})});
  EXPECT_EQ(r.status.code(), Code::INVALID_ARGUMENT);
  EXPECT_EQ(r.status.message(), "Incompatible shapes: [2] vs. [3]");
  r = RunOp("FloorDiv", {MakeTensor<int32_t>({2}, {1, 2}), MakeTensor<int32_t>({2}, {1, 0})});
  EXPECT_EQ(r.status.code(), Code::INVALID_ARGUMENT);
  EXPECT_EQ(r.status.message(), "Integer division by zero");
  r = RunOp("FloorMod",
            {MakeTensor<int32_t>({4}, {7, -7, 7, -7}), MakeTensor<int32_t>({4}, {2, 2, -2, -2})});
  ASSERT_TRUE(r.status.ok());
  EXPECT_EQ(Values<int32_t>(r.outputs[0]), (std::vector<int32_t>{1, 1, -1, -1}));
  r = RunOp("Div", {MakeTensor<int32_t>({2}, {7, -7}), MakeTensor<int32_t>({}, {2})});
  ASSERT_TRUE(r.status.ok());
  EXPECT_EQ(Values<int32_t>(r.outputs[0]), (std::vector<int32_t>{3, -3}));
}

TEST(CwiseKernelsTest, EqualWithoutShapeErrorIsScalar) {
  ::tensorflow::AttrValue f;
  f.set_b(false);
  KernelRun r =
      RunOp("NotEqual", {MakeTensor<int32_t>({2}, {1, 2}), MakeTensor<int32_t>({3}, {1, 2, 3})},
            {{"incompatible_shape_error", f}});
  ASSERT_TRUE(r.status.ok());
  EXPECT_EQ(r.outputs[0].dims(), 0);
  EXPECT_TRUE(r.outputs[0].scalar<bool>());
}

TEST(CwiseKernelsTest, RoundHalfToEvenAndHalfMath) {
  KernelRun r = RunOp("Round", {MakeTensor<float>({5}, {0.5f, 1.5f, 2.5f, -0.5f, -2.5f})});
  ASSERT_TRUE(r.status.ok());
  EXPECT_EQ(Values<float>(r.outputs[0]), (std::vector<float>{0, 2, 2, -0.f, -2}));
  r = RunOp("Sqrt", {MakeTensor<half>({2}, {half(4.0f), half(2.0f)})});
  ASSERT_TRUE(r.status.ok());
  EXPECT_EQ(static_cast<float>(r.outputs[0].data<half>()[0]), 2.0f);
  EXPECT_NEAR(static_cast<float>(r.outputs[0].data<half>()[1]), 1.41421f, 1e-3);
}

TEST(CwiseKernelsTest, SelectForms) {
  Tensor t = MakeTensor<float>({2, 2}, {1, 2, 3, 4}), e = MakeTensor<float>({2, 2}, {5, 6, 7, 8});
  KernelRun r = RunOp("Select", {MakeTensor<bool>({2}, {false, true}), t, e});
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(Values<float>(r.outputs[0]), (std::vector<float>{5, 6, 3, 4}));
  r = RunOp("Select", {MakeTensor<bool>({2, 2}, {true, false, false, true}), t, e});
  EXPECT_EQ(Values<float>(r.outputs[0]), (std::vector<float>{1, 6, 7, 4}));
  r = RunOp("Select", {MakeTensor<bool>({3}, {true, false, true}), t, e});
  EXPECT_EQ(r.status.code(), Code::INVALID_ARGUMENT);
  r = RunOp("SelectV2", {MakeTensor<bool>({2, 1}, {true, false}), MakeTensor<float>({}, {9}),
                         MakeTensor<float>({3}, {1, 2, 3})});
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(Values<float>(r.outputs[0]), (std::vector<float>{9, 9, 9, 1, 2, 3}));
}

TEST(CwiseKernelsTest, BiasAddAddNCast) {
  ::tensorflow::AttrValue nchw;
  nchw.set_s("NCHW");
  KernelRun r = RunOp(
      "BiasAdd", {MakeTensor<float>({1, 2, 1, 2}, {1, 2, 3, 4}), MakeTensor<float>({2}, {10, 20})},
      {{"data_format", nchw}});
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(Values<float>(r.outputs[0]), (std::vector<float>{11, 12, 23, 24}));
  r = RunOp("BiasAdd",
            {MakeTensor<float>({2, 2}, {1, 2, 3, 4}), MakeTensor<float>({3}, {1, 2, 3})});
  EXPECT_EQ(r.status.code(), Code::INVALID_ARGUMENT);
  r = RunOp("AddN", {MakeTensor<int32_t>({2}, {1, 2}), MakeTensor<int32_t>({2}, {3, 4}),
                     MakeTensor<int32_t>({2}, {5, 6})});
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(Values<int32_t>(r.outputs[0]), (std::vector<int32_t>{9, 12}));
  r = RunOp("Cast", {MakeTensor<float>({3}, {-1.5f, 0.f, 2.7f})},
            {{"SrcT", TypeAttr(DT_FLOAT)}, {"DstT", TypeAttr(DT_INT32)}});
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(Values<int32_t>(r.outputs[0]), (std::vector<int32_t>{-1, 0, 2}));
  r = RunOp("Cast", {MakeTensor<std::string>({1}, {"1"})},
            {{"SrcT", TypeAttr(DT_STRING)}, {"DstT", TypeAttr(DT_INT32)}});
  EXPECT_EQ(r.status.code(), Code::UNIMPLEMENTED);
}

}  // namespace
}  // namespace tfc
