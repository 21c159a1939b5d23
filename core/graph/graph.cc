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

// TF's wording; AddNode quotes the node name, as TF's graph constructor does, and the
// run-time check behind _update_input does not.
Status TypeMismatch(const std::string& node, int input, const Node& src, int src_output,
                    DataType expected, bool quote) {
  const char* q = quote ? "'" : "";
  return errors::InvalidArgument("Input ", input, " of node ", q, node, q, " was passed ",
                                 DataTypeString(src.output_types[src_output]), " from ",
                                 src.name(), ":", src_output, " incompatible with expected ",
                                 DataTypeString(expected), ".");
}

// Whether `src:src_output` may feed input `input` of `dst` (a back edge being connected).
Status CheckInputSource(const Node& dst, int input, const Node& src, int src_output) {
  if (src_output < 0 || src_output >= src.num_outputs()) {
    return errors::InvalidArgument("Node '", dst.name(), "': Connecting to invalid output ",
                                   src_output, " of source node ", src.name(), " which has ",
                                   src.num_outputs(), " outputs");
  }
  if (!TypesCompatible(dst.input_types[input], src.output_types[src_output])) {
    return TypeMismatch(dst.name(), input, src, src_output, dst.input_types[input], true);
  }
  return OkStatus();
}

// "x" for output 0, else "x:k", as TF writes NodeDef inputs.
std::string InputString(const std::string& node, int index) {
  return index == 0 ? node : StrCat(node, ":", index);
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

  const bool is_merge = def.op() == "Merge" || def.op() == "RefMerge";
  std::vector<std::pair<std::string, PendingInput>> new_pending;
  for (const std::string& in : def.input()) {
    TensorId id;
    Status s = ParseTensorName(in, &id);
    if (!s.ok()) return errors::InvalidArgument("Node '", def.name(), "': ", s.message());
    auto it = by_name_.find(id.node);
    if (it == by_name_.end()) {
      if (is_merge && !id.is_control() && id.node != def.name()) {
        // A while loop's back edge: connected when its source is added.
        const int i = node->num_inputs();
        new_pending.emplace_back(id.node, PendingInput{-1, i, id.index});
        node->inputs.push_back(Endpoint{-1, id.index});
        continue;
      }
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
      return TypeMismatch(def.name(), i, *src, id.index, expected, true);
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
    if (e.node < 0) {  // a pending back edge: nothing is known about it yet
      in_shapes.emplace_back();
      known.push_back(nullptr);
      in_tensors.push_back(nullptr);
      in_as_shapes.emplace_back();
      continue;
    }
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

  // Back edges of earlier Merges that wait for this node: check them all before connecting any.
  auto waiting = pending_.find(node->name());
  if (waiting != pending_.end()) {
    for (const PendingInput& p : waiting->second) {
      TFC_RETURN_IF_ERROR(CheckInputSource(*nodes_[p.node], p.input, *node, p.src_output));
    }
  }

  node->id = static_cast<int>(nodes_.size());
  by_name_[node->name()] = node->id;
  if (waiting != pending_.end()) {
    for (const PendingInput& p : waiting->second) {
      nodes_[p.node]->inputs[p.input] = Endpoint{node->id, p.src_output};
    }
    pending_.erase(waiting);
    ++version_;  // existing Merge nodes changed
  }
  for (auto& [src_name, p] : new_pending) {
    p.node = node->id;
    pending_[src_name].push_back(p);
  }
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

Status Graph::UpdateInput(int node, int input_index, Endpoint src) {
  std::unique_lock<std::shared_mutex> lock(mu_);
  if (node < 0 || node >= num_nodes() || src.node < 0 || src.node >= num_nodes()) {
    return errors::InvalidArgument("Invalid node id in UpdateInput: ", node, ", ", src.node);
  }
  Node* n = nodes_[node].get();
  const Node* s = nodes_[src.node].get();
  if (src.index < 0 || src.index >= s->num_outputs()) {
    return errors::OutOfRange("Cannot update edge. Output index [", src.index,
                              "] is greater than the number of total outputs [",
                              s->num_outputs(), "].");
  }
  if (input_index < 0 || input_index >= n->num_inputs()) {
    return errors::OutOfRange("Cannot update edge. Input index [", input_index,
                              "] is greater than the number of total inputs [", n->num_inputs(),
                              "].");
  }
  if (!TypesCompatible(n->input_types[input_index], s->output_types[src.index])) {
    return TypeMismatch(n->name(), input_index, *s, src.index, n->input_types[input_index],
                        false);
  }
  const Endpoint old = n->inputs[input_index];
  const PartialTensorShape current =
      old.node >= 0 ? nodes_[old.node]->output_shapes[old.index] : PartialTensorShape();
  const PartialTensorShape& incoming = s->output_shapes[src.index];
  if (!current.IsCompatibleWith(incoming)) {
    return errors::InvalidArgument("Cannot update edge, incompatible shapes: ",
                                   ContextShapeString(incoming), " and ",
                                   ContextShapeString(current), ".");
  }
  // Data inputs come first in the NodeDef, in order.
  std::string* in_str = n->def.mutable_input(input_index);
  if (old.node < 0) {
    TensorId id;
    if (ParseTensorName(*in_str, &id).ok()) {
      auto it = pending_.find(id.node);
      if (it != pending_.end()) {
        auto& v = it->second;
        v.erase(std::remove_if(v.begin(), v.end(),
                               [&](const PendingInput& p) {
                                 return p.node == node && p.input == input_index;
                               }),
                v.end());
        if (v.empty()) pending_.erase(it);
      }
    }
  }
  n->inputs[input_index] = src;
  *in_str = InputString(s->name(), src.index);
  ++version_;
  return OkStatus();
}

int Graph::num_pending_back_edges() const {
  std::shared_lock<std::shared_mutex> lock(mu_);
  int n = 0;
  for (const auto& [name, v] : pending_) n += static_cast<int>(v.size());
  return n;
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

Status Graph::RemoveControlInputs(int node) {
  std::unique_lock<std::shared_mutex> lock(mu_);
  if (node < 0 || node >= num_nodes()) {
    return errors::InvalidArgument("Invalid node id in RemoveControlInputs: ", node);
  }
  Node* n = nodes_[node].get();
  if (n->control_inputs.empty()) return OkStatus();
  n->control_inputs.clear();
  auto* inputs = n->def.mutable_input();
  inputs->erase(std::remove_if(inputs->begin(), inputs->end(),
                               [](const std::string& in) { return !in.empty() && in[0] == '^'; }),
                inputs->end());
  ++version_;
  return OkStatus();
}

Status Graph::SetAttr(int node, const std::string& attr_name,
                      const ::tensorflow::AttrValue& value) {
  std::unique_lock<std::shared_mutex> lock(mu_);
  if (node < 0 || node >= num_nodes()) {
    return errors::InvalidArgument("Invalid node id in SetAttr: ", node);
  }
  Node* n = nodes_[node].get();
  ::tensorflow::NodeDef def = n->def;
  (*def.mutable_attr())[attr_name] = value;
  TFC_RETURN_IF_ERROR(ValidateNodeDef(def, n->op->op_def));
  DataTypeVector in_types, out_types;
  TFC_RETURN_IF_ERROR(InOutTypesForNode(def, n->op->op_def, &in_types, &out_types));
  if (in_types != n->input_types || out_types != n->output_types) {
    return errors::InvalidArgument("Node '", n->name(), "': setting attr '", attr_name,
                                   "' would change the node's input or output types");
  }
  n->def = std::move(def);
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
