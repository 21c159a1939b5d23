#include "core/graph/graph.h"

#include <algorithm>
#include <mutex>

#include "core/framework/attr_value_util.h"
#include "core/framework/node_def_util.h"
#include "core/framework/shape_inference.h"
#include "core/graph/known_values.h"

namespace tfc {
namespace {

// Shapes as TF's InferenceContext prints them in error context: "?" for unknown rank.
std::string ContextShapeString(const PartialTensorShape& s) {
  return s.unknown_rank() ? "?" : s.DebugString();
}

bool TypesCompatible(DataType expected, DataType actual) {
  if (expected == actual) return true;
  // A ref output may feed an input that wants the plain value.
  return !IsRefType(expected) && IsRefType(actual) && BaseType(actual) == expected;
}

}  // namespace

Graph::Graph() = default;

Status Graph::AddNode(::tensorflow::NodeDef def, const Node** out) {
  std::unique_lock<std::shared_mutex> lock(mu_);
  if (def.name().empty()) return errors::InvalidArgument("Node has an empty name");
  if (by_name_.count(def.name())) {
    return errors::InvalidArgument("Duplicate node name in graph: '", def.name(), "'");
  }
  const OpRegistrationData* reg = OpRegistry::Global()->LookUp(def.op());
  if (reg == nullptr) {
    const ::tensorflow::OpDef* unused;
    return OpRegistry::Global()->LookUpOpDef(def.op(), &unused);
  }
  const ::tensorflow::OpDef& op_def = reg->op_def;
  AddDefaultsToNodeDef(op_def, &def);
  TFC_RETURN_IF_ERROR(ValidateNodeDef(def, op_def));

  auto node = std::make_unique<Node>();
  node->op = reg;
  TFC_RETURN_IF_ERROR(InOutTypesForNode(def, op_def, &node->input_types, &node->output_types));

  for (const std::string& in : def.input()) {
    TensorId id;
    Status s = ParseTensorName(in, &id);
    if (!s.ok()) return errors::InvalidArgument("Node '", def.name(), "': ", s.message());
    auto it = by_name_.find(id.node);
    if (it == by_name_.end()) {
      return errors::InvalidArgument("Node '", def.name(), "': Unknown input node '", in, "'");
    }
    const Node* src = nodes_[it->second].get();
    if (id.is_control()) {
      node->control_inputs.push_back(src->id);
      continue;
    }
    if (id.index >= src->num_outputs()) {
      return errors::InvalidArgument("Node '", def.name(), "': Connecting to invalid output ",
                                     id.index, " of source node ", src->name(), " which has ",
                                     src->num_outputs(), " outputs");
    }
    const int i = node->num_inputs();
    const DataType actual = src->output_types[id.index];
    const DataType expected = node->input_types[i];
    if (!TypesCompatible(expected, actual)) {
      return errors::InvalidArgument("Input ", i, " of node '", def.name(), "' was passed ",
                                     DataTypeString(actual), " from ", src->name(), ":",
                                     id.index, " incompatible with expected ",
                                     DataTypeString(expected), ".");
    }
    node->inputs.push_back(Endpoint{src->id, id.index});
  }

  if (def.op() == "Const") {
    const ::tensorflow::AttrValue* v = FindAttr(def, "value");
    if (v != nullptr && v->has_tensor()) {
      auto t = std::make_shared<Tensor>();
      Status s = Tensor::FromProto(v->tensor(), t.get());
      if (!s.ok()) {
        return errors::InvalidArgument("Node '", def.name(), "': invalid value: ", s.message());
      }
      node->const_value = std::move(t);
    }
  }

  // Shape inference with what is known about the inputs.
  ShapeVec in_shapes;
  std::vector<std::shared_ptr<const Tensor>> known;  // keeps computed values alive
  std::vector<const Tensor*> in_tensors;
  ShapeVec in_as_shapes;
  for (const Endpoint& e : node->inputs) {
    const Node* src = nodes_[e.node].get();
    in_shapes.push_back(src->output_shapes[e.index]);
    known.push_back(EvaluateKnownValue(*this, e));
    in_tensors.push_back(known.back().get());
    const DataType dt = BaseType(src->output_types[e.index]);
    in_as_shapes.push_back((dt == DT_INT32 || dt == DT_INT64) ? EvaluateTensorAsShape(*this, e)
                                                              : PartialTensorShape());
  }
  node->def = std::move(def);
  InferenceContext ctx(&node->def, node->input_types, node->output_types, in_shapes, in_tensors,
                       in_as_shapes);
  Status s = reg->shape_fn(&ctx);
  if (!s.ok()) {
    std::string shapes;
    for (size_t i = 0; i < in_shapes.size(); ++i) {
      shapes += (i ? ", " : "") + ContextShapeString(in_shapes[i]);
    }
    return Status(s.code(), StrCat(s.message(), " for '", node->name(), "' (op: '",
                                   node->type_string(), "') with input shapes: ", shapes, "."));
  }
  node->output_shapes = ctx.outputs();

  node->id = static_cast<int>(nodes_.size());
  by_name_[node->name()] = node->id;
  if (out != nullptr) *out = node.get();
  nodes_.push_back(std::move(node));
  return OkStatus();
}

const Node* Graph::FindNode(const std::string& name) const {
  auto it = by_name_.find(name);
  return it == by_name_.end() ? nullptr : nodes_[it->second].get();
}

Status Graph::FindEndpoint(const std::string& tensor_name, Endpoint* out) const {
  TensorId id;
  Status s = ParseTensorName(tensor_name, &id);
  if (!s.ok() || id.is_control()) {
    return errors::InvalidArgument("Invalid tensor name '", tensor_name,
                                   "': expected 'op_name:output_index'");
  }
  const Node* n = FindNode(id.node);
  if (n == nullptr) {
    return errors::NotFound("The name '", tensor_name,
                            "' refers to a Tensor which does not exist. The operation, '",
                            id.node, "', does not exist in the graph.");
  }
  if (id.index >= n->num_outputs()) {
    return errors::NotFound("The name '", tensor_name,
                            "' refers to a Tensor which does not exist. The operation, '",
                            id.node, "', exists but only has ", n->num_outputs(), " outputs.");
  }
  out->node = n->id;
  out->index = id.index;
  return OkStatus();
}

Status Graph::MergeOutputShape(int node, int index, const PartialTensorShape& shape) {
  std::unique_lock<std::shared_mutex> lock(mu_);
  if (node < 0 || node >= num_nodes()) return errors::InvalidArgument("Invalid node id ", node);
  Node* n = nodes_[node].get();
  if (index < 0 || index >= n->num_outputs()) {
    return errors::InvalidArgument("Node '", n->name(), "' has no output ", index);
  }
  PartialTensorShape merged;
  const PartialTensorShape& current = n->output_shapes[index];
  if (!current.IsCompatibleWith(shape)) {
    return errors::InvalidArgument("Shapes ", current.DebugString(), " and ", shape.DebugString(),
                                   " are incompatible");
  }
  TFC_RETURN_IF_ERROR(current.MergeWith(shape, &merged));
  n->output_shapes[index] = std::move(merged);
  return OkStatus();
}

Status Graph::AddControlInput(int node, int control_node) {
  std::unique_lock<std::shared_mutex> lock(mu_);
  if (node < 0 || node >= num_nodes() || control_node < 0 || control_node >= num_nodes()) {
    return errors::InvalidArgument("Invalid node id in AddControlInput: ", node, ", ",
                                   control_node);
  }
  if (node == control_node) {
    return errors::InvalidArgument("Node '", nodes_[node]->name(),
                                   "' cannot be a control input of itself");
  }
  Node* n = nodes_[node].get();
  auto& ci = n->control_inputs;
  if (std::find(ci.begin(), ci.end(), control_node) != ci.end()) return OkStatus();
  ci.push_back(control_node);
  n->def.add_input("^" + nodes_[control_node]->name());
  ++version_;
  return OkStatus();
}

void Graph::ToGraphDef(::tensorflow::GraphDef* out, bool add_shapes) const {
  out->Clear();
  for (const auto& n : nodes_) {
    ::tensorflow::NodeDef* d = out->add_node();
    *d = n->def;
    if (add_shapes) {
      auto* list = (*d->mutable_attr())["_output_shapes"].mutable_list();
      list->Clear();
      for (const auto& s : n->output_shapes) s.AsProto(list->add_shape());
    }
  }
  out->mutable_versions()->set_producer(kGraphDefProducer);
  out->mutable_versions()->set_min_consumer(kGraphDefMinConsumer);
}

}  // namespace tfc
