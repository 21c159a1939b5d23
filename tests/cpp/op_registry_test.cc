#include <gtest/gtest.h>

#include "core/framework/attr_value_util.h"
#include "core/framework/node_def_util.h"
#include "core/framework/op_registry.h"
#include "core/framework/shape_inference.h"

namespace tfc {
namespace {

using ::tensorflow::AttrValue;
using ::tensorflow::NodeDef;
using ::tensorflow::OpDef;

REGISTER_OP("TestEveryForm")
    .Input("a: T")
    .Input("b: N * T")
    .Input("c: Ref(float)")
    .Input("d: Tlist")
    .Input("e: int32")
    .Output("o: T")
    .Output("p: M * int64")
    .Output("q: Tout")
    .Output("r: Ref(T)")
    .Attr("T: {float, double} = DT_FLOAT")
    .Attr("N: int >= 2")
    .Attr("M: int")
    .Attr("Tlist: list(type)")
    .Attr("Tout: list(type) >= 0")
    .Attr("s: string = 'hello'")
    .Attr("padding: {'SAME', 'VALID'} = 'SAME'")
    .Attr("eps: float = 1e-4")
    .Attr("neg: float = -6")
    .Attr("flag: bool = true")
    .Attr("strides: list(int) = [1, 1, 1, 1]")
    .Attr("names: list(string) = []")
    .Attr("shp: shape = { unknown_rank: true }")
    .Attr("shp2: shape = { dim { size: 2 } dim { size: -1 } }")
    .Attr("nt: numbertype = DT_INT32")
    .Attr("rt: realnumbertype")
    .Attr("qt: quantizedtype")
    .Attr("mixed: {numbertype, bool}")
    .Attr("types: list(type) = [DT_FLOAT, DT_INT32]")
    .Attr("shapes: list(shape) = []")
    .Attr("value: tensor")
    .Attr("fn: func")
    .SetIsStateful();

const OpDef::AttrDef* FindAttrDef(const OpDef& def, const std::string& name) {
  for (const auto& a : def.attr()) {
    if (a.name() == name) return &a;
  }
  return nullptr;
}

TEST(OpRegistryTest, ParsesEverySpecForm) {
  const OpDef* def = nullptr;
  ASSERT_TRUE(OpRegistry::Global()->LookUpOpDef("TestEveryForm", &def).ok());
  EXPECT_TRUE(def->is_stateful());
  ASSERT_EQ(def->input_arg_size(), 5);
  EXPECT_EQ(def->input_arg(0).type_attr(), "T");
  EXPECT_EQ(def->input_arg(1).number_attr(), "N");
  EXPECT_EQ(def->input_arg(1).type_attr(), "T");
  EXPECT_TRUE(def->input_arg(2).is_ref());
  EXPECT_EQ(def->input_arg(2).type(), DT_FLOAT);
  EXPECT_EQ(def->input_arg(3).type_list_attr(), "Tlist");
  EXPECT_EQ(def->input_arg(4).type(), DT_INT32);
  ASSERT_EQ(def->output_arg_size(), 4);
  EXPECT_EQ(def->output_arg(1).number_attr(), "M");
  EXPECT_EQ(def->output_arg(1).type(), DT_INT64);
  EXPECT_EQ(def->output_arg(2).type_list_attr(), "Tout");
  EXPECT_TRUE(def->output_arg(3).is_ref());

  const auto* t = FindAttrDef(*def, "T");
  EXPECT_EQ(t->type(), "type");
  EXPECT_EQ(t->default_value().type(), DT_FLOAT);
  ASSERT_EQ(t->allowed_values().list().type_size(), 2);
  EXPECT_EQ(t->allowed_values().list().type(1), DT_DOUBLE);

  EXPECT_TRUE(FindAttrDef(*def, "N")->has_minimum());
  EXPECT_EQ(FindAttrDef(*def, "N")->minimum(), 2);
  // Implicit minimum 1 for a number attr and for a list(type) attr used by an arg.
  EXPECT_EQ(FindAttrDef(*def, "M")->minimum(), 1);
  EXPECT_EQ(FindAttrDef(*def, "Tlist")->minimum(), 1);
  EXPECT_EQ(FindAttrDef(*def, "Tout")->minimum(), 0);

  EXPECT_EQ(FindAttrDef(*def, "s")->default_value().s(), "hello");
  const auto* pad = FindAttrDef(*def, "padding");
  EXPECT_EQ(pad->type(), "string");
  ASSERT_EQ(pad->allowed_values().list().s_size(), 2);
  EXPECT_EQ(pad->allowed_values().list().s(1), "VALID");
  EXPECT_FLOAT_EQ(FindAttrDef(*def, "eps")->default_value().f(), 1e-4f);
  EXPECT_FLOAT_EQ(FindAttrDef(*def, "neg")->default_value().f(), -6.f);
  EXPECT_TRUE(FindAttrDef(*def, "flag")->default_value().b());
  const auto& strides = FindAttrDef(*def, "strides")->default_value();
  EXPECT_EQ(FindAttrDef(*def, "strides")->type(), "list(int)");
  ASSERT_EQ(strides.list().i_size(), 4);
  EXPECT_EQ(strides.list().i(3), 1);
  const auto& names = FindAttrDef(*def, "names")->default_value();
  EXPECT_TRUE(names.has_list());
  EXPECT_EQ(names.list().s_size(), 0);
  EXPECT_TRUE(FindAttrDef(*def, "shp")->default_value().shape().unknown_rank());
  const auto& shp2 = FindAttrDef(*def, "shp2")->default_value().shape();
  ASSERT_EQ(shp2.dim_size(), 2);
  EXPECT_EQ(shp2.dim(1).size(), -1);

  const auto& nt = FindAttrDef(*def, "nt")->allowed_values().list();
  EXPECT_EQ(nt.type_size(), 17);
  EXPECT_EQ(nt.type(0), DT_FLOAT);
  EXPECT_EQ(nt.type(16), DT_UINT64);
  EXPECT_EQ(FindAttrDef(*def, "rt")->allowed_values().list().type_size(), 12);
  EXPECT_EQ(FindAttrDef(*def, "qt")->allowed_values().list().type_size(), 5);
  const auto& mixed = FindAttrDef(*def, "mixed")->allowed_values().list();
  EXPECT_EQ(mixed.type_size(), 18);
  EXPECT_EQ(mixed.type(17), DT_BOOL);
  const auto& types = FindAttrDef(*def, "types")->default_value().list();
  ASSERT_EQ(types.type_size(), 2);
  EXPECT_EQ(types.type(1), DT_INT32);
  EXPECT_EQ(FindAttrDef(*def, "shapes")->type(), "list(shape)");
  EXPECT_EQ(FindAttrDef(*def, "value")->type(), "tensor");
  EXPECT_EQ(FindAttrDef(*def, "fn")->type(), "func");

  // The default shape function leaves outputs unknown.
  const OpRegistrationData* reg = OpRegistry::Global()->LookUp("TestEveryForm");
  ASSERT_TRUE(reg != nullptr && reg->shape_fn);
}

TEST(OpRegistryTest, UnknownOpAndExportSorted) {
  const OpDef* def = nullptr;
  Status s = OpRegistry::Global()->LookUpOpDef("TestNoSuchOp", &def);
  EXPECT_EQ(s.code(), Code::NOT_FOUND);
  EXPECT_NE(s.message().find("Op type not registered 'TestNoSuchOp'"), std::string::npos);
  ::tensorflow::OpList list;
  OpRegistry::Global()->Export(&list);
  ASSERT_GT(list.op_size(), 0);
  for (int i = 1; i < list.op_size(); ++i) EXPECT_LT(list.op(i - 1).name(), list.op(i).name());
}

Status BuildError(const OpDefBuilder& b) {
  OpRegistrationData data;
  return b.Finalize(&data);
}

TEST(OpRegistryTest, SpecErrors) {
  Status s = BuildError(OpDefBuilder("TestBad").Input("x: T"));
  EXPECT_NE(s.message().find("Reference to unknown attr 'T'"), std::string::npos) << s.message();
  s = BuildError(OpDefBuilder("TestBad").Attr("T: complexity"));
  EXPECT_FALSE(s.ok());
  s = BuildError(OpDefBuilder("TestBad").Attr("T: {float, bogus}"));
  EXPECT_NE(s.message().find("Unrecognized type string 'bogus'"), std::string::npos);
  s = BuildError(OpDefBuilder("TestBad").Attr("x: int = abc"));
  EXPECT_NE(s.message().find("Could not parse default value 'abc'"), std::string::npos);
  s = BuildError(OpDefBuilder("TestBad").Attr("T: {float, double} = DT_INT32"));
  EXPECT_FALSE(s.ok());
  s = BuildError(OpDefBuilder("TestBad").Attr("x: int").Attr("x: float"));
  EXPECT_NE(s.message().find("Duplicate name"), std::string::npos);
  s = BuildError(OpDefBuilder("TestBad").Attr("x: int").Input("a: x"));
  EXPECT_NE(s.message().find("that isn't type or list(type)"), std::string::npos);
  s = BuildError(OpDefBuilder("TestBad").Attr("T: type").Input("a: Ref(T"));
  EXPECT_NE(s.message().find("closing ')'"), std::string::npos);
  s = BuildError(OpDefBuilder("TestBad").Attr("N: int >= x"));
  EXPECT_NE(s.message().find("lower limit"), std::string::npos);
  EXPECT_TRUE(BuildError(OpDefBuilder("TestGood").Output("h: resource")).ok());
  OpRegistrationData data;
  ASSERT_TRUE(OpDefBuilder("TestGood").Output("h: resource").Finalize(&data).ok());
  EXPECT_TRUE(data.op_def.is_stateful());  // resource args make an op stateful
}

TEST(OpRegistryDeathTest, BadRegistrationAborts) {
  EXPECT_DEATH(OpRegistry::Global()->Register(OpDefBuilder("TestDies").Input("x: T")),
               "Reference to unknown attr 'T'");
  EXPECT_DEATH(OpRegistry::Global()->Register(OpDefBuilder("TestEveryForm")),
               "already registered");
}

REGISTER_OP("TestSameIn").Input("i: N * T").Attr("N: int >= 2").Attr("T: {float, double}");
REGISTER_OP("TestNumberOut").Output("o: T").Attr("T: numbertype");
REGISTER_OP("TestEnum").Attr("e: {'apple', 'orange'} = 'apple'");
REGISTER_OP("TestAnyIn").Input("i: T").Attr("T: list(type)");
REGISTER_OP("TestRefOut").Output("o: Ref(T)").Attr("T: type");

NodeDef MakeNode(const std::string& op) {
  NodeDef n;
  n.set_name("n");
  n.set_op(op);
  return n;
}

Status Validate(NodeDef n) {
  const OpDef* def = nullptr;
  TFC_RETURN_IF_ERROR(OpRegistry::Global()->LookUpOpDef(n.op(), &def));
  AddDefaultsToNodeDef(*def, &n);
  return ValidateNodeDef(n, *def);
}

void ExpectError(const Status& s, const std::string& substr) {
  EXPECT_EQ(s.code(), Code::INVALID_ARGUMENT) << s.ToString();
  EXPECT_NE(s.message().find(substr), std::string::npos) << s.message();
}

TEST(NodeDefUtilTest, ValidateNodeDef) {
  NodeDef n = MakeNode("TestSameIn");
  n.add_input("a");
  n.add_input("b");
  AddNodeAttr("N", int64_t{2}, &n);
  AddNodeAttr("T", DT_DOUBLE, &n);
  EXPECT_TRUE(Validate(n).ok()) << Validate(n).ToString();
  EXPECT_EQ(SummarizeNodeDef(n), "{{node n}} = TestSameIn[N=2, T=DT_DOUBLE](a, b)");

  NodeDef bad = n;
  AddNodeAttr("T", DT_STRING, &bad);
  ExpectError(Validate(bad),
              "Value for attr 'T' of string is not in the list of allowed values: float, double");
  bad = n;
  AddNodeAttr("N", int64_t{1}, &bad);
  bad.mutable_input()->RemoveLast();
  ExpectError(Validate(bad), "Value for attr 'N' of 1 must be at least minimum 2");
  bad = n;
  AddNodeAttr("bogus", int64_t{1}, &bad);
  ExpectError(Validate(bad), "NodeDef mentions attr 'bogus' not in Op<name=TestSameIn;");
  bad = n;
  bad.mutable_attr()->erase("N");
  ExpectError(Validate(bad), "NodeDef missing attr 'N' from Op<name=TestSameIn;");
  bad = n;
  AddNodeAttr("T", int64_t{3}, &bad);
  ExpectError(Validate(bad), "AttrValue had value with type 'int' when 'type' expected");
  bad = n;
  bad.add_input("c");
  ExpectError(Validate(bad), "NodeDef expected inputs 'double, double' do not match 3 inputs");
  bad = n;
  bad.clear_input();
  bad.add_input("^c");
  bad.add_input("a");
  ExpectError(Validate(bad), "Non-control input 'a' after control input");
  // Internal attrs are not checked.
  NodeDef internal = n;
  AddNodeAttr("_class", std::vector<std::string>{"loc:@a"}, &internal);
  EXPECT_TRUE(Validate(internal).ok());

  NodeDef out = MakeNode("TestNumberOut");
  AddNodeAttr("T", DT_STRING, &out);
  ExpectError(Validate(out),
              "Value for attr 'T' of string is not in the list of allowed values: float, double, "
              "int32, uint8, int16, int8, complex64, int64, qint8, quint8, qint32, bfloat16, "
              "uint16, complex128, half, uint32, uint64");
  NodeDef e = MakeNode("TestEnum");
  EXPECT_TRUE(Validate(e).ok());
  AddNodeAttr("e", "foo", &e);
  ExpectError(Validate(e),
              "Value for attr 'e' of \"foo\" is not in the list of allowed values: \"apple\", "
              "\"orange\"");
  NodeDef any = MakeNode("TestAnyIn");
  any.add_input("a");
  (*any.mutable_attr())["T"].mutable_list();
  ExpectError(Validate(any), "Length for attr 'T' of 0 must be at least minimum 1");
}

TEST(NodeDefUtilTest, InOutTypes) {
  const OpDef* def = nullptr;
  ASSERT_TRUE(OpRegistry::Global()->LookUpOpDef("TestEveryForm", &def).ok());
  NodeDef n = MakeNode("TestEveryForm");
  AddDefaultsToNodeDef(*def, &n);
  AddNodeAttr("N", int64_t{2}, &n);
  AddNodeAttr("M", int64_t{3}, &n);
  AddNodeAttr("Tlist", DataTypeVector{DT_STRING, DT_BOOL}, &n);
  AddNodeAttr("Tout", DataTypeVector{}, &n);
  AddNodeAttr("T", DT_DOUBLE, &n);
  DataTypeVector in, out;
  ASSERT_TRUE(InOutTypesForNode(n, *def, &in, &out).ok());
  EXPECT_EQ(in, (DataTypeVector{DT_DOUBLE, DT_DOUBLE, DT_DOUBLE, DT_FLOAT_REF, DT_STRING, DT_BOOL,
                                DT_INT32}));
  EXPECT_EQ(out, (DataTypeVector{DT_DOUBLE, DT_INT64, DT_INT64, DT_INT64, DT_DOUBLE_REF}));
  n.mutable_attr()->erase("M");
  EXPECT_FALSE(InOutTypesForNode(n, *def, &in, &out).ok());
  AddNodeAttr("M", int64_t{1} << 40, &n);
  EXPECT_FALSE(InOutTypesForNode(n, *def, &in, &out).ok());
}

TEST(NodeDefUtilTest, ParseTensorName) {
  TensorId id;
  ASSERT_TRUE(ParseTensorName("x", &id).ok());
  EXPECT_EQ(id.node, "x");
  EXPECT_EQ(id.index, 0);
  ASSERT_TRUE(ParseTensorName("scope/x:12", &id).ok());
  EXPECT_EQ(id.node, "scope/x");
  EXPECT_EQ(id.index, 12);
  ASSERT_TRUE(ParseTensorName("^ctl", &id).ok());
  EXPECT_TRUE(id.is_control());
  EXPECT_EQ(id.node, "ctl");
  EXPECT_FALSE(ParseTensorName("", &id).ok());
  EXPECT_FALSE(ParseTensorName("x:", &id).ok());
  EXPECT_FALSE(ParseTensorName("x:a", &id).ok());
  EXPECT_FALSE(ParseTensorName("x:-1", &id).ok());
  EXPECT_FALSE(ParseTensorName("^x:0", &id).ok());
}

TEST(AttrValueUtilTest, GetAndSet) {
  NodeDef n = MakeNode("TestAny");
  AddNodeAttr("i", int64_t{7}, &n);
  AddNodeAttr("f", 2.5f, &n);
  AddNodeAttr("b", true, &n);
  AddNodeAttr("s", "str", &n);
  AddNodeAttr("t", DT_HALF, &n);
  AddNodeAttr("shape", PartialTensorShape({-1, 3}), &n);
  AddNodeAttr("ints", std::vector<int64_t>{1, 2, 3}, &n);
  AddNodeAttr("strs", std::vector<std::string>{"a", "b"}, &n);
  AddNodeAttr("types", DataTypeVector{DT_FLOAT, DT_INT32}, &n);
  AddNodeAttr("big", int64_t{1} << 40, &n);
  AddNodeAttr("value", Tensor::Scalar<float>(1.5f), &n);
  (*n.mutable_attr())["empty"].mutable_list();

  int64_t i64;
  int32_t i32;
  float f;
  bool b;
  std::string s;
  DataType dt;
  PartialTensorShape ps;
  TensorShape ts;
  std::vector<int32_t> v32;
  std::vector<std::string> vs;
  DataTypeVector types;
  Tensor t;
  ASSERT_TRUE(GetNodeAttr(n, "i", &i64).ok());
  EXPECT_EQ(i64, 7);
  ASSERT_TRUE(GetNodeAttr(n, "i", &i32).ok());
  EXPECT_EQ(i32, 7);
  ASSERT_TRUE(GetNodeAttr(n, "f", &f).ok());
  EXPECT_EQ(f, 2.5f);
  ASSERT_TRUE(GetNodeAttr(n, "b", &b).ok());
  EXPECT_TRUE(b);
  ASSERT_TRUE(GetNodeAttr(n, "s", &s).ok());
  EXPECT_EQ(s, "str");
  ASSERT_TRUE(GetNodeAttr(n, "t", &dt).ok());
  EXPECT_EQ(dt, DT_HALF);
  ASSERT_TRUE(GetNodeAttr(n, "shape", &ps).ok());
  EXPECT_EQ(ps.DebugString(), "[?,3]");
  EXPECT_EQ(GetNodeAttr(n, "shape", &ts).code(), Code::INVALID_ARGUMENT);
  ASSERT_TRUE(GetNodeAttr(n, "ints", &v32).ok());
  EXPECT_EQ(v32, (std::vector<int32_t>{1, 2, 3}));
  ASSERT_TRUE(GetNodeAttr(n, "strs", &vs).ok());
  EXPECT_EQ(vs, (std::vector<std::string>{"a", "b"}));
  ASSERT_TRUE(GetNodeAttr(n, "types", &types).ok());
  EXPECT_EQ(types, (DataTypeVector{DT_FLOAT, DT_INT32}));
  ASSERT_TRUE(GetNodeAttr(n, "empty", &types).ok());
  EXPECT_TRUE(types.empty());
  ASSERT_TRUE(GetNodeAttr(n, "value", &t).ok());
  EXPECT_EQ(t.scalar<float>(), 1.5f);
  EXPECT_EQ(GetNodeAttr(n, "big", &i32).code(), Code::INVALID_ARGUMENT);

  Status st = GetNodeAttr(n, "T", &dt);
  EXPECT_EQ(st.code(), Code::NOT_FOUND);
  EXPECT_NE(st.message().find("No attr named 'T' in NodeDef:"), std::string::npos);
  st = GetNodeAttr(n, "i", &dt);
  EXPECT_EQ(st.code(), Code::INVALID_ARGUMENT);
  EXPECT_NE(st.message().find("Attr 'i' of NodeDef 'n' has type int, expected type type"),
            std::string::npos)
      << st.message();

  EXPECT_EQ(AttrValueTypeName(n.attr().at("ints")), "list(int)");
  EXPECT_EQ(AttrValueTypeName(n.attr().at("shape")), "shape");
  EXPECT_EQ(SummarizeAttrValue(n.attr().at("ints")), "[1, 2, 3]");
  EXPECT_EQ(SummarizeAttrValue(n.attr().at("t")), "DT_HALF");
  EXPECT_EQ(SummarizeAttrValue(n.attr().at("s")), "\"str\"");
  EXPECT_EQ(SummarizeAttrValue(n.attr().at("f")), "2.5");
  EXPECT_EQ(SummarizeAttrValue(n.attr().at("shape")), "[?,3]");
}

}  // namespace
}  // namespace tfc
