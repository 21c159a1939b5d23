// Malformed NodeDefs on real ops: Graph::AddNode returns an error (never crashes), adds nothing,
// and the graph and a session over it keep working afterwards. Also the allocation guards:
// byte counts that overflow size_t and shapes built unchecked fail cleanly.
#include <gtest/gtest.h>

#include <cstdint>
#include <memory>

#include "core/framework/allocator.h"
#include "core/framework/attr_value_util.h"
#include "core/framework/tensor.h"
#include "core/graph/graph.h"
#include "core/runtime/session.h"

namespace tfc {
namespace {

using ::tensorflow::AttrValue;
using ::tensorflow::NodeDef;

NodeDef Def(const std::string& name, const std::string& op, std::vector<std::string> inputs = {}) {
  NodeDef d;
  d.set_name(name);
  d.set_op(op);
  for (auto& i : inputs) d.add_input(i);
  return d;
}

NodeDef Placeholder(const std::string& name, DataType dt = DT_FLOAT) {
  NodeDef d = Def(name, "Placeholder");
  AddNodeAttr("dtype", dt, &d);
  return d;
}

NodeDef AddV2(const std::string& name, const std::string& a, const std::string& b) {
  NodeDef d = Def(name, "AddV2", {a, b});
  AddNodeAttr("T", DT_FLOAT, &d);
  return d;
}

class MalformedNodeDefTest : public ::testing::Test {
 protected:
  void SetUp() override {
    graph_ = std::make_shared<Graph>();
    ASSERT_TRUE(graph_->AddNode(Placeholder("x")).ok());
    ASSERT_TRUE(graph_->AddNode(Placeholder("y")).ok());
    ASSERT_TRUE(graph_->AddNode(Placeholder("i", DT_INT32)).ok());
    base_nodes_ = graph_->num_nodes();
  }

  // The node is rejected with `code`, nothing is added, and a valid node still goes in.
  void ExpectRejected(const NodeDef& def, Code code, const std::string& fragment) {
    SCOPED_TRACE(def.DebugString());
    Status s = graph_->AddNode(def);
    EXPECT_EQ(s.code(), code) << s.message();
    EXPECT_NE(s.message().find(fragment), std::string::npos) << s.message();
    EXPECT_EQ(graph_->num_nodes(), base_nodes_);
    EXPECT_EQ(graph_->FindNode(def.name()), nullptr);
  }

  std::shared_ptr<Graph> graph_;
  int base_nodes_ = 0;
};

TEST_F(MalformedNodeDefTest, AttrOfTheWrongType) {
  NodeDef d = Def("z", "AddV2", {"x", "y"});
  AttrValue v;
  v.set_i(1);  // T must be a type
  (*d.mutable_attr())["T"] = v;
  ExpectRejected(d, Code::INVALID_ARGUMENT, "attr 'T'");

  NodeDef p = Placeholder("p");
  (*p.mutable_attr())["shape"].set_s("not a shape");
  ExpectRejected(p, Code::INVALID_ARGUMENT, "attr 'shape'");

  NodeDef sq = Def("sq", "Squeeze", {"x"});
  AddNodeAttr("T", DT_FLOAT, &sq);
  (*sq.mutable_attr())["squeeze_dims"].set_f(1.5f);  // list(int) given a float
  ExpectRejected(sq, Code::INVALID_ARGUMENT, "attr 'squeeze_dims'");

  NodeDef split = Def("sp", "Split", {"i", "x"});
  AddNodeAttr("T", DT_FLOAT, &split);
  (*split.mutable_attr())["num_split"].set_s("two");  // int given a string
  ExpectRejected(split, Code::INVALID_ARGUMENT, "attr 'num_split'");

  NodeDef c = Def("c", "Const");
  AddNodeAttr("dtype", DT_FLOAT, &c);
  (*c.mutable_attr())["value"].set_type(DT_FLOAT);  // tensor given a type
  ExpectRejected(c, Code::INVALID_ARGUMENT, "attr 'value'");
}

TEST_F(MalformedNodeDefTest, AttrOutOfRangeOrDisallowed) {
  NodeDef d = AddV2("z", "x", "y");
  (*d.mutable_attr())["T"].set_type(static_cast<::tensorflow::DataType>(999));
  Status s = graph_->AddNode(d);
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(graph_->num_nodes(), base_nodes_);

  NodeDef str = AddV2("z", "x", "y");
  (*str.mutable_attr())["T"].set_type(::tensorflow::DT_RESOURCE);
  EXPECT_FALSE(graph_->AddNode(str).ok());

  NodeDef split = Def("sp", "Split", {"i", "x"});
  AddNodeAttr("T", DT_FLOAT, &split);
  AddNodeAttr("num_split", int64_t{0}, &split);  // num_split: int >= 1
  ExpectRejected(split, Code::INVALID_ARGUMENT, "must be at least minimum 1");

  NodeDef pad = Def("mp", "MirrorPad", {"x", "i"});
  AddNodeAttr("T", DT_FLOAT, &pad);
  AddNodeAttr("mode", std::string("WRAP"), &pad);
  ExpectRejected(pad, Code::INVALID_ARGUMENT, "not in the list of allowed values");

  NodeDef p = Placeholder("p");
  ::tensorflow::TensorShapeProto* shape = (*p.mutable_attr())["shape"].mutable_shape();
  shape->add_dim()->set_size(-5);
  EXPECT_FALSE(graph_->AddNode(p).ok());
  EXPECT_EQ(graph_->num_nodes(), base_nodes_);
}

TEST_F(MalformedNodeDefTest, MissingAndUnknownAttrs) {
  ExpectRejected(Def("z", "AddV2", {"x", "y"}), Code::INVALID_ARGUMENT, "NodeDef missing attr 'T'");
  ExpectRejected(Def("p", "Placeholder"), Code::INVALID_ARGUMENT, "missing attr 'dtype'");

  NodeDef d = AddV2("z", "x", "y");
  AddNodeAttr("no_such_attr", int64_t{3}, &d);
  ExpectRejected(d, Code::INVALID_ARGUMENT, "NodeDef mentions attr 'no_such_attr'");
}

TEST_F(MalformedNodeDefTest, WrongInputCount) {
  NodeDef few = Def("z", "AddV2", {"x"});
  AddNodeAttr("T", DT_FLOAT, &few);
  ExpectRejected(few, Code::INVALID_ARGUMENT, "1 inputs specified");

  NodeDef many = Def("z", "AddV2", {"x", "y", "x"});
  AddNodeAttr("T", DT_FLOAT, &many);
  ExpectRejected(many, Code::INVALID_ARGUMENT, "3 inputs specified");

  NodeDef none = Def("z", "Identity");
  AddNodeAttr("T", DT_FLOAT, &none);
  ExpectRejected(none, Code::INVALID_ARGUMENT, "0 inputs specified");

  // A number attr that disagrees with the inputs given.
  NodeDef addn = Def("z", "AddN", {"x", "y"});
  AddNodeAttr("T", DT_FLOAT, &addn);
  AddNodeAttr("N", int64_t{3}, &addn);
  ExpectRejected(addn, Code::INVALID_ARGUMENT, "2 inputs specified");

  NodeDef addn_neg = Def("z", "AddN", {"x", "y"});
  AddNodeAttr("T", DT_FLOAT, &addn_neg);
  AddNodeAttr("N", int64_t{-1}, &addn_neg);
  EXPECT_FALSE(graph_->AddNode(addn_neg).ok());

  NodeDef noop_with_input = Def("z", "NoOp", {"x"});
  ExpectRejected(noop_with_input, Code::INVALID_ARGUMENT, "1 inputs specified");
}

TEST_F(MalformedNodeDefTest, BadInputNames) {
  ExpectRejected(AddV2("z", "x", "missing"), Code::INVALID_ARGUMENT, "Unknown input node");
  ExpectRejected(AddV2("z", "x", "^missing"), Code::INVALID_ARGUMENT, "");
  ExpectRejected(AddV2("z", "x", "y:7"), Code::INVALID_ARGUMENT, "invalid output 7");
  ExpectRejected(AddV2("z", "x", "y:-1"), Code::INVALID_ARGUMENT, "");
  ExpectRejected(AddV2("z", "x", "y:abc"), Code::INVALID_ARGUMENT, "");
  ExpectRejected(AddV2("z", "x", "y:99999999999999999999"), Code::INVALID_ARGUMENT, "");
  ExpectRejected(AddV2("z", "x", ""), Code::INVALID_ARGUMENT, "");
  ExpectRejected(AddV2("z", "x", ":0"), Code::INVALID_ARGUMENT, "");
  ExpectRejected(AddV2("z", "x", "^"), Code::INVALID_ARGUMENT, "");
  ExpectRejected(AddV2("z", "x", "z"), Code::INVALID_ARGUMENT, "");  // itself: not yet added
  ExpectRejected(AddV2("z", "x", "i"), Code::INVALID_ARGUMENT, "incompatible with expected float");
}

TEST_F(MalformedNodeDefTest, BadNamesAndOps) {
  ExpectRejected(Def("z", ""), Code::NOT_FOUND, "");
  ExpectRejected(Def("z", "NoSuchOpAnywhere"), Code::NOT_FOUND, "Op type not registered");
  EXPECT_FALSE(graph_->AddNode(AddV2("", "x", "y")).ok());
  EXPECT_FALSE(graph_->AddNode(AddV2("x", "x", "y")).ok());  // duplicate name
  EXPECT_EQ(graph_->num_nodes(), base_nodes_);
}

TEST_F(MalformedNodeDefTest, BadConstTensors) {
  NodeDef c = Def("c", "Const");
  AddNodeAttr("dtype", DT_FLOAT, &c);
  ::tensorflow::TensorProto* t = (*c.mutable_attr())["value"].mutable_tensor();
  t->set_dtype(::tensorflow::DT_FLOAT);
  t->mutable_tensor_shape()->add_dim()->set_size(int64_t{1} << 40);
  t->mutable_tensor_shape()->add_dim()->set_size(int64_t{1} << 40);
  Status s = graph_->AddNode(c);
  EXPECT_EQ(s.code(), Code::INVALID_ARGUMENT) << s.message();

  NodeDef big = Def("c", "Const");
  AddNodeAttr("dtype", DT_FLOAT, &big);
  t = (*big.mutable_attr())["value"].mutable_tensor();
  t->set_dtype(::tensorflow::DT_FLOAT);
  // 2**62 floats: the element count fits int64, the byte count does not fit size_t.
  t->mutable_tensor_shape()->add_dim()->set_size(int64_t{1} << 31);
  t->mutable_tensor_shape()->add_dim()->set_size(int64_t{1} << 31);
  s = graph_->AddNode(big);
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(graph_->num_nodes(), base_nodes_);
}

TEST_F(MalformedNodeDefTest, SessionKeepsWorkingAfterRejectedNodes) {
  for (int k = 0; k < 3; ++k) {
    EXPECT_FALSE(graph_->AddNode(Def("z", "AddV2", {"x", "nope"})).ok());
  }
  ASSERT_TRUE(graph_->AddNode(AddV2("z", "x", "y")).ok());
  Session sess(graph_, SessionOptions());
  std::vector<Tensor> out;
  Tensor a(DT_FLOAT, TensorShape({2}));
  a.data<float>()[0] = 1.0f;
  a.data<float>()[1] = 2.0f;
  // Missing feed for y: an error, then the same session runs fine.
  Status s = sess.Run({{"x:0", a}}, {"z:0"}, {}, &out);
  EXPECT_EQ(s.code(), Code::INVALID_ARGUMENT);
  EXPECT_NE(s.message().find("You must feed a value for placeholder tensor 'y'"),
            std::string::npos)
      << s.message();
  ASSERT_TRUE(sess.Run({{"x:0", a}, {"y:0", a}}, {"z:0"}, {}, &out).ok());
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].data<float>()[1], 4.0f);
}

// ---- allocation guards --------------------------------------------------------------------------
TEST(AllocationGuardTest, ByteCountOverflowIsAFailedAllocation) {
  // 2**62 float elements: num_elements fits int64, bytes (2**64) would wrap to 0.
  TensorShape shape({int64_t{1} << 31, int64_t{1} << 31});
  Tensor t(DT_FLOAT, shape);
  EXPECT_FALSE(t.IsInitialized());
  Tensor c(DT_COMPLEX128, TensorShape({int64_t{1} << 60}));
  EXPECT_FALSE(c.IsInitialized());
  Tensor s(DT_STRING, TensorShape({int64_t{1} << 60}));
  EXPECT_FALSE(s.IsInitialized());
}

TEST(AllocationGuardTest, AllocatorRejectsSizesThatWrapWhenRounded) {
  Allocator* a = cpu_allocator();
  EXPECT_EQ(a->AllocateRaw(64, SIZE_MAX), nullptr);
  EXPECT_EQ(a->AllocateRaw(64, SIZE_MAX - 10), nullptr);
}

TEST(AllocationGuardTest, UncheckedShapesHaveNoElementCount) {
  EXPECT_EQ(TensorShape({2, -3}).num_elements(), -1);
  EXPECT_EQ(TensorShape({-1, -1}).num_elements(), -1);
  EXPECT_EQ(TensorShape({int64_t{1} << 40, int64_t{1} << 40}).num_elements(), -1);
  TensorShape ok({0, int64_t{1} << 62});
  EXPECT_EQ(ok.num_elements(), 0);
  TensorShape grow({2});
  grow.AddDim(int64_t{1} << 62);
  EXPECT_EQ(grow.num_elements(), -1);
  Tensor t(DT_FLOAT, TensorShape({-1, -1}));
  EXPECT_FALSE(t.IsInitialized());
}

}  // namespace
}  // namespace tfc
