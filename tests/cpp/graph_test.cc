#include "core/graph/graph.h"

#include <gtest/gtest.h>

#include "core/framework/attr_value_util.h"
#include "core/framework/shape_inference.h"

namespace tfc {
namespace {

using ::tensorflow::NodeDef;

Status ShapeFromAttr(InferenceContext* c) {
  PartialTensorShape s;
  TFC_RETURN_IF_ERROR(c->GetAttr("shape", &s));
  c->set_output(0, s);
  return OkStatus();
}

REGISTER_OP("TestGraphSource")
    .Output("y: T")
    .Attr("T: type = DT_FLOAT")
    .Attr("shape: shape = { unknown_rank: true }")
    .SetShapeFn(ShapeFromAttr);

REGISTER_OP("TestGraphRefSource")
    .Output("r: Ref(T)")
    .Attr("T: type = DT_FLOAT")
    .Attr("shape: shape = { unknown_rank: true }")
    .SetIsStateful()
    .SetShapeFn(ShapeFromAttr);

REGISTER_OP("TestGraphAdd")
    .Input("x: T")
    .Input("y: T")
    .Output("z: T")
    .Attr("T: {float, double, int32}")
    .SetShapeFn(shape_inference::BroadcastBinaryOpShapeFn);

REGISTER_OP("TestGraphFloatSink").Input("x: float").SetShapeFn(shape_inference::NoOutputs);
REGISTER_OP("TestGraphRefSink").Input("x: Ref(float)").SetShapeFn(shape_inference::NoOutputs);

REGISTER_OP("TestGraphReshape")
    .Input("tensor: T")
    .Input("shape: int32")
    .Output("output: T")
    .Attr("T: type")
    .SetShapeFn([](InferenceContext* c) -> Status {
      PartialTensorShape s;
      TFC_RETURN_IF_ERROR(c->MakeShapeFromShapeTensor(1, &s));
      c->set_output(0, s);
      return OkStatus();
    });

NodeDef Def(const std::string& name, const std::string& op, std::vector<std::string> inputs = {}) {
  NodeDef d;
  d.set_name(name);
  d.set_op(op);
  for (auto& i : inputs) d.add_input(i);
  return d;
}

NodeDef Source(const std::string& name, PartialTensorShape shape, DataType dt = DT_FLOAT) {
  NodeDef d = Def(name, "TestGraphSource");
  AddNodeAttr("T", dt, &d);
  AddNodeAttr("shape", shape, &d);
  return d;
}

NodeDef Add(const std::string& name, const std::string& a, const std::string& b,
            DataType dt = DT_FLOAT) {
  NodeDef d = Def(name, "TestGraphAdd", {a, b});
  AddNodeAttr("T", dt, &d);
  return d;
}

TEST(GraphTest, AddNodeResolvesInputsAndShapes) {
  Graph g;
  const Node* a = nullptr;
  ASSERT_TRUE(g.AddNode(Source("a", PartialTensorShape({2, 3})), &a).ok());
  EXPECT_EQ(a->id, 0);
  EXPECT_EQ(a->output_types, DataTypeVector{DT_FLOAT});
  ASSERT_TRUE(g.AddNode(Source("b", PartialTensorShape({3}))).ok());
  ASSERT_TRUE(g.AddNode(Source("c", PartialTensorShape())).ok());
  const Node* sum = nullptr;
  Status s = g.AddNode(Add("sum", "a", "b:0"), &sum);
  ASSERT_TRUE(s.ok()) << s.ToString();
  ASSERT_EQ(sum->num_inputs(), 2);
  EXPECT_EQ(sum->inputs[1].node, 1);
  EXPECT_EQ(sum->output_shapes[0].DebugString(), "[2,3]");
  const Node* ctl = nullptr;
  ASSERT_TRUE(g.AddNode(Add("ctl", "sum", "c"), &ctl).ok());
  EXPECT_TRUE(ctl->output_shapes[0].unknown_rank());

  NodeDef with_ctl = Add("with_ctl", "a", "a");
  with_ctl.add_input("^c");
  const Node* wc = nullptr;
  ASSERT_TRUE(g.AddNode(with_ctl, &wc).ok());
  EXPECT_EQ(wc->num_inputs(), 2);
  EXPECT_EQ(wc->control_inputs, std::vector<int>{2});

  EXPECT_EQ(g.FindNode("sum"), sum);
  EXPECT_EQ(g.FindNode("nope"), nullptr);
  Endpoint e;
  ASSERT_TRUE(g.FindEndpoint("sum:0", &e).ok());
  EXPECT_EQ(e.node, sum->id);
  EXPECT_EQ(g.FindEndpoint("sum:1", &e).code(), Code::NOT_FOUND);
  EXPECT_EQ(g.FindEndpoint("missing:0", &e).code(), Code::NOT_FOUND);
  EXPECT_EQ(g.FindEndpoint("sum:x", &e).code(), Code::INVALID_ARGUMENT);
  EXPECT_EQ(g.FindEndpoint("^sum", &e).code(), Code::INVALID_ARGUMENT);
}

TEST(GraphTest, AddNodeErrors) {
  Graph g;
  ASSERT_TRUE(g.AddNode(Source("a", PartialTensorShape({2}))).ok());
  ASSERT_TRUE(g.AddNode(Source("i", PartialTensorShape({2}), DT_INT32)).ok());
  ASSERT_TRUE(g.AddNode(Source("b", PartialTensorShape({3}))).ok());

  Status s = g.AddNode(Def("x", "TestNoSuchGraphOp"));
  EXPECT_EQ(s.code(), Code::NOT_FOUND);
  EXPECT_NE(s.message().find("Op type not registered 'TestNoSuchGraphOp' in binary"),
            std::string::npos);

  s = g.AddNode(Source("a", PartialTensorShape({2})));
  EXPECT_EQ(s.code(), Code::INVALID_ARGUMENT);
  EXPECT_NE(s.message().find("Duplicate node name"), std::string::npos);

  s = g.AddNode(Add("x", "a", "zz"));
  EXPECT_EQ(s.code(), Code::INVALID_ARGUMENT);
  EXPECT_NE(s.message().find("Unknown input node 'zz'"), std::string::npos) << s.message();

  s = g.AddNode(Add("x", "a", "a:3"));
  EXPECT_EQ(s.code(), Code::INVALID_ARGUMENT);
  EXPECT_NE(s.message().find("Connecting to invalid output 3 of source node a"),
            std::string::npos);

  s = g.AddNode(Add("x", "a", "i"));
  EXPECT_EQ(s.code(), Code::INVALID_ARGUMENT);
  EXPECT_EQ(s.message(),
            "Input 1 of node 'x' was passed int32 from i:0 incompatible with expected float.");

  s = g.AddNode(Def("x", "TestGraphAdd", {"a", "a"}));  // T missing, no default
  EXPECT_EQ(s.code(), Code::INVALID_ARGUMENT);
  EXPECT_NE(s.message().find("NodeDef missing attr 'T'"), std::string::npos);

  NodeDef bad_attr = Add("x", "a", "a");
  AddNodeAttr("bogus", int64_t{1}, &bad_attr);
  s = g.AddNode(bad_attr);
  EXPECT_NE(s.message().find("NodeDef mentions attr 'bogus' not in Op<name=TestGraphAdd;"),
            std::string::npos);

  s = g.AddNode(Add("x", "a", "b"));
  EXPECT_EQ(s.code(), Code::INVALID_ARGUMENT);
  EXPECT_EQ(s.message(),
            "Dimensions must be equal, but are 2 and 3 for 'x' (op: 'TestGraphAdd') with input "
            "shapes: [2], [3].");

  NodeDef late_data = Def("x", "TestGraphAdd", {"a", "^b", "a"});
  AddNodeAttr("T", DT_FLOAT, &late_data);
  EXPECT_EQ(g.AddNode(late_data).code(), Code::INVALID_ARGUMENT);

  // Nothing was added by the failures.
  EXPECT_EQ(g.num_nodes(), 3);
  EXPECT_EQ(g.FindNode("x"), nullptr);
}

TEST(GraphTest, RefInputs) {
  Graph g;
  NodeDef v = Def("v", "TestGraphRefSource");
  AddNodeAttr("shape", PartialTensorShape({2}), &v);
  const Node* vn = nullptr;
  ASSERT_TRUE(g.AddNode(v, &vn).ok());
  EXPECT_EQ(vn->output_types, DataTypeVector{DT_FLOAT_REF});
  EXPECT_TRUE(vn->IsStateful());
  // A ref output feeds a plain input, and a ref input.
  EXPECT_TRUE(g.AddNode(Def("read", "TestGraphFloatSink", {"v"})).ok());
  EXPECT_TRUE(g.AddNode(Def("assign", "TestGraphRefSink", {"v"})).ok());
  ASSERT_TRUE(g.AddNode(Source("plain", PartialTensorShape({2}))).ok());
  Status s = g.AddNode(Def("bad", "TestGraphRefSink", {"plain"}));
  EXPECT_EQ(s.message(),
            "Input 0 of node 'bad' was passed float from plain:0 incompatible with expected "
            "float_ref.");
}

TEST(GraphTest, MergeOutputShapeControlInputsAndGraphDef) {
  Graph g;
  const Node* a = nullptr;
  ASSERT_TRUE(g.AddNode(Source("a", PartialTensorShape({-1, 3})), &a).ok());
  ASSERT_TRUE(g.AddNode(Source("b", PartialTensorShape())).ok());
  ASSERT_TRUE(g.MergeOutputShape(0, 0, PartialTensorShape({5, -1})).ok());
  EXPECT_EQ(a->output_shapes[0].DebugString(), "[5,3]");
  EXPECT_EQ(g.MergeOutputShape(0, 0, PartialTensorShape({5, 4})).code(),
            Code::INVALID_ARGUMENT);
  EXPECT_EQ(g.MergeOutputShape(0, 1, PartialTensorShape({5, 4})).code(),
            Code::INVALID_ARGUMENT);

  const uint64_t v0 = g.version();
  ASSERT_TRUE(g.AddControlInput(1, 0).ok());
  EXPECT_GT(g.version(), v0);
  ASSERT_TRUE(g.AddControlInput(1, 0).ok());  // no duplicate edge
  EXPECT_EQ(g.node(1)->control_inputs, std::vector<int>{0});
  EXPECT_EQ(g.AddControlInput(1, 1).code(), Code::INVALID_ARGUMENT);

  ::tensorflow::GraphDef gd;
  g.ToGraphDef(&gd, /*add_shapes=*/true);
  ASSERT_EQ(gd.node_size(), 2);
  EXPECT_EQ(gd.versions().producer(), kGraphDefProducer);
  EXPECT_EQ(gd.node(1).input_size(), 1);
  EXPECT_EQ(gd.node(1).input(0), "^a");
  const auto& shapes = gd.node(0).attr().at("_output_shapes").list();
  ASSERT_EQ(shapes.shape_size(), 1);
  EXPECT_EQ(shapes.shape(0).dim(0).size(), 5);
  EXPECT_TRUE(gd.node(1).attr().at("_output_shapes").list().shape(0).unknown_rank());
  // Default attrs were filled in.
  EXPECT_EQ(gd.node(1).attr().at("T").type(), DT_FLOAT);

  // The GraphDef loads back into an equivalent graph.
  Graph g2;
  for (const auto& n : gd.node()) ASSERT_TRUE(g2.AddNode(n).ok());
  EXPECT_EQ(g2.node(1)->control_inputs, std::vector<int>{0});
  ::tensorflow::GraphDef plain;
  g.ToGraphDef(&plain);
  EXPECT_EQ(plain.node(0).attr().count("_output_shapes"), 0u);
}

// Known values reach shape functions through Const, Shape and Pack when those ops exist.
TEST(GraphTest, KnownInputValues) {
  if (!OpRegistry::Global()->LookUp("Const")) GTEST_SKIP() << "Const not registered";
  Graph g;
  NodeDef c = Def("shape", "Const");
  AddNodeAttr("dtype", DT_INT32, &c);
  Tensor t(DT_INT32, TensorShape({2}));
  t.data<int32_t>()[0] = 3;
  t.data<int32_t>()[1] = -1;
  AddNodeAttr("value", t, &c);
  const Node* cn = nullptr;
  ASSERT_TRUE(g.AddNode(c, &cn).ok());
  ASSERT_TRUE(cn->const_value != nullptr);
  EXPECT_EQ(cn->const_value->data<int32_t>()[0], 3);
  ASSERT_TRUE(g.AddNode(Source("x", PartialTensorShape({3, 4}))).ok());
  NodeDef r = Def("r", "TestGraphReshape", {"x", "shape"});
  AddNodeAttr("T", DT_FLOAT, &r);
  const Node* rn = nullptr;
  ASSERT_TRUE(g.AddNode(r, &rn).ok());
  EXPECT_EQ(rn->output_shapes[0].DebugString(), "[3,?]");

  if (!OpRegistry::Global()->LookUp("Shape")) GTEST_SKIP() << "Shape not registered";
  ASSERT_TRUE(g.AddNode(Source("p", PartialTensorShape({-1, 7}))).ok());
  NodeDef shape_of_p = Def("p_shape", "Shape", {"p"});
  AddNodeAttr("T", DT_FLOAT, &shape_of_p);
  ASSERT_TRUE(g.AddNode(shape_of_p).ok());
  NodeDef r2 = Def("r2", "TestGraphReshape", {"x", "p_shape"});
  AddNodeAttr("T", DT_FLOAT, &r2);
  ASSERT_TRUE(g.AddNode(r2, &rn).ok());
  EXPECT_EQ(rn->output_shapes[0].DebugString(), "[?,7]");
}

NodeDef IntConst(const std::string& name, std::vector<int32_t> values, bool scalar = false) {
  NodeDef c = Def(name, "Const");
  AddNodeAttr("dtype", DT_INT32, &c);
  Tensor t(DT_INT32, scalar ? TensorShape({}) : TensorShape({static_cast<int64_t>(values.size())}));
  for (size_t i = 0; i < values.size(); ++i) t.data<int32_t>()[i] = values[i];
  AddNodeAttr("value", t, &c);
  return c;
}

// tf.reshape(x, [-1, tf.shape(x)[1]]) and tf.concat([[-1], tf.shape(x)[1:]], 0): the shape
// function sees what Shape/StridedSlice/Pack/ConcatV2 tell about the target shape.
TEST(GraphTest, ShapeTensorsThroughSliceAndPack) {
  for (const char* op : {"Const", "Shape", "StridedSlice", "Pack", "ConcatV2"}) {
    if (!OpRegistry::Global()->LookUp(op)) GTEST_SKIP() << op << " not registered";
  }
  Graph g;
  ASSERT_TRUE(g.AddNode(Source("x", PartialTensorShape({-1, 4, 5}))).ok());
  NodeDef shape = Def("s", "Shape", {"x"});
  AddNodeAttr("T", DT_FLOAT, &shape);
  ASSERT_TRUE(g.AddNode(shape).ok());
  ASSERT_TRUE(g.AddNode(IntConst("one", {1})).ok());
  ASSERT_TRUE(g.AddNode(IntConst("two", {2})).ok());
  ASSERT_TRUE(g.AddNode(IntConst("zero", {0})).ok());
  ASSERT_TRUE(g.AddNode(IntConst("minus_one", {-1}, true)).ok());
  ASSERT_TRUE(g.AddNode(IntConst("minus_one_vec", {-1})).ok());
  ASSERT_TRUE(g.AddNode(IntConst("axis", {0}, true)).ok());

  NodeDef dim1 = Def("dim1", "StridedSlice", {"s", "one", "two", "one"});
  AddNodeAttr("T", DT_INT32, &dim1);
  AddNodeAttr("Index", DT_INT32, &dim1);
  AddNodeAttr("shrink_axis_mask", int64_t{1}, &dim1);
  Status st = g.AddNode(dim1);
  ASSERT_TRUE(st.ok()) << st.ToString();
  NodeDef pack = Def("pack", "Pack", {"minus_one", "dim1"});
  AddNodeAttr("T", DT_INT32, &pack);
  AddNodeAttr("N", int64_t{2}, &pack);
  ASSERT_TRUE(g.AddNode(pack).ok());
  NodeDef r = Def("r", "TestGraphReshape", {"x", "pack"});
  AddNodeAttr("T", DT_FLOAT, &r);
  const Node* rn = nullptr;
  ASSERT_TRUE(g.AddNode(r, &rn).ok());
  EXPECT_EQ(rn->output_shapes[0].DebugString(), "[?,4]");

  NodeDef tail = Def("tail", "StridedSlice", {"s", "one", "zero", "one"});
  AddNodeAttr("T", DT_INT32, &tail);
  AddNodeAttr("Index", DT_INT32, &tail);
  AddNodeAttr("end_mask", int64_t{1}, &tail);
  ASSERT_TRUE(g.AddNode(tail).ok());
  NodeDef cat = Def("cat", "ConcatV2", {"minus_one_vec", "tail", "axis"});
  AddNodeAttr("T", DT_INT32, &cat);
  AddNodeAttr("N", int64_t{2}, &cat);
  st = g.AddNode(cat);
  ASSERT_TRUE(st.ok()) << st.ToString();
  NodeDef r2 = Def("r2", "TestGraphReshape", {"x", "cat"});
  AddNodeAttr("T", DT_FLOAT, &r2);
  ASSERT_TRUE(g.AddNode(r2, &rn).ok());
  EXPECT_EQ(rn->output_shapes[0].DebugString(), "[?,4,5]");
}

}  // namespace
}  // namespace tfc

namespace tfc {
namespace {

NodeDef IntBinary(const std::string& name, const std::string& op, const std::string& a,
                  const std::string& b) {
  NodeDef d = Def(name, op, {a, b});
  AddNodeAttr("T", DT_INT32, &d);
  return d;
}

// tf.reshape(x, tf.constant([2, 3]) * 2): TF's shape refiner runs small constant subgraphs
// through their kernels; so do we, but not over big constants, placeholders or stateful ops.
TEST(GraphTest, SmallConstantSubgraphsAreFoldedForShapeInference) {
  Graph g;
  ASSERT_TRUE(g.AddNode(Source("x", PartialTensorShape({-1, 24}))).ok());
  ASSERT_TRUE(g.AddNode(IntConst("a", {2, 3})).ok());
  ASSERT_TRUE(g.AddNode(IntConst("two", {2}, true)).ok());
  ASSERT_TRUE(g.AddNode(IntBinary("m", "Mul", "a", "two")).ok());
  NodeDef r = Def("r", "TestGraphReshape", {"x", "m"});
  AddNodeAttr("T", DT_FLOAT, &r);
  const Node* rn = nullptr;
  ASSERT_TRUE(g.AddNode(r, &rn).ok());
  EXPECT_EQ(rn->output_shapes[0].DebugString(), "[4,6]");

  std::vector<int32_t> big(300, 1);  // 1200 bytes: more than TF folds
  ASSERT_TRUE(g.AddNode(IntConst("big", big)).ok());
  ASSERT_TRUE(g.AddNode(IntBinary("bm", "Mul", "big", "two")).ok());
  NodeDef r2 = Def("r2", "TestGraphReshape", {"x", "bm"});
  AddNodeAttr("T", DT_FLOAT, &r2);
  ASSERT_TRUE(g.AddNode(r2, &rn).ok());
  EXPECT_EQ(rn->output_shapes[0].dims(), 300);
  EXPECT_EQ(rn->output_shapes[0].dim_size(0), -1);

  NodeDef p = Def("p", "Placeholder");
  AddNodeAttr("dtype", DT_INT32, &p);
  AddNodeAttr("shape", PartialTensorShape({2}), &p);
  ASSERT_TRUE(g.AddNode(p).ok());
  ASSERT_TRUE(g.AddNode(IntBinary("pm", "Mul", "p", "two")).ok());
  NodeDef r3 = Def("r3", "TestGraphReshape", {"x", "pm"});
  AddNodeAttr("T", DT_FLOAT, &r3);
  ASSERT_TRUE(g.AddNode(r3, &rn).ok());
  EXPECT_EQ(rn->output_shapes[0].DebugString(), "[?,?]");
}

}  // namespace
}  // namespace tfc
