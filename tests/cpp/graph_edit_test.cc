// Graph::RemoveControlInputs and Graph::SetAttr (Operation._remove_all_control_inputs and
// Operation._set_attr, which TF1 while loops use).
#include <gtest/gtest.h>

#include "core/framework/attr_value_util.h"
#include "core/framework/shape_inference.h"
#include "core/graph/graph.h"

namespace tfc {
namespace {

using ::tensorflow::AttrValue;
using ::tensorflow::NodeDef;

REGISTER_OP("TestGraphEditSource")
    .Output("y: T")
    .Attr("T: type = DT_FLOAT")
    .Attr("label: string = ''")
    .SetShapeFn(shape_inference::UnknownShape);

NodeDef Source(const std::string& name, std::vector<std::string> inputs = {}) {
  NodeDef d;
  d.set_name(name);
  d.set_op("TestGraphEditSource");
  for (auto& i : inputs) d.add_input(i);
  return d;
}

TEST(GraphEditTest, RemoveControlInputs) {
  Graph g;
  ASSERT_TRUE(g.AddNode(Source("a")).ok());
  ASSERT_TRUE(g.AddNode(Source("b")).ok());
  ASSERT_TRUE(g.AddNode(Source("c", {"^a", "^b"})).ok());
  EXPECT_EQ(g.node(2)->control_inputs, (std::vector<int>{0, 1}));
  const uint64_t v0 = g.version();
  ASSERT_TRUE(g.RemoveControlInputs(2).ok());
  EXPECT_GT(g.version(), v0);
  EXPECT_TRUE(g.node(2)->control_inputs.empty());
  EXPECT_EQ(g.node(2)->def.input_size(), 0);
  ASSERT_TRUE(g.AddControlInput(2, 1).ok());
  EXPECT_EQ(g.node(2)->def.input(0), "^b");
  ASSERT_TRUE(g.RemoveControlInputs(0).ok());  // nothing to remove
  EXPECT_EQ(g.RemoveControlInputs(7).code(), Code::INVALID_ARGUMENT);
}

TEST(GraphEditTest, SetAttr) {
  Graph g;
  ASSERT_TRUE(g.AddNode(Source("a")).ok());
  AttrValue label;
  label.set_s("renamed");
  const uint64_t v0 = g.version();
  ASSERT_TRUE(g.SetAttr(0, "label", label).ok());
  EXPECT_GT(g.version(), v0);
  EXPECT_EQ(g.node(0)->def.attr().at("label").s(), "renamed");
  AttrValue type;
  type.set_type(DT_INT32);
  EXPECT_EQ(g.SetAttr(0, "T", type).code(), Code::INVALID_ARGUMENT);  // would change dtypes
  EXPECT_EQ(g.node(0)->def.attr().at("T").type(), DT_FLOAT);
  EXPECT_EQ(g.SetAttr(0, "label", type).code(), Code::INVALID_ARGUMENT);  // wrong kind
  EXPECT_EQ(g.SetAttr(0, "nope", label).code(), Code::INVALID_ARGUMENT);
  EXPECT_EQ(g.SetAttr(3, "label", label).code(), Code::INVALID_ARGUMENT);
}

}  // namespace
}  // namespace tfc
