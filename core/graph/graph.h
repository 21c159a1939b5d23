#pragma once
// The graph: TF NodeDefs plus what was derived from them when they were added (resolved
// inputs, input/output dtypes, inferred output shapes). Nodes are only appended; a node's
// inputs must exist when it is added, so ids are a topological order except for back edges
// into Merge/RefMerge (a while loop's NextIteration, which is added after its Merge) and
// inputs rewired later by UpdateInput (TF's Operation._update_input). Consumers of the graph
// (executor, pruning) must not assume an input's id is smaller than its node's.
#include <deque>
#include <memory>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/framework/op_registry.h"
#include "core/framework/status.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_shape.h"
#include "core/framework/types.h"
#include "tensorflow/core/framework/graph.pb.h"
#include "tensorflow/core/framework/node_def.pb.h"

namespace tfc {

// TF 1.15's GraphDef producer version, written into every GraphDef we export.
constexpr int kGraphDefProducer = 134;
constexpr int kGraphDefMinConsumer = 0;

struct Endpoint {
  int node = -1;
  int index = 0;  // output index of `node`
};

struct Node {
  int id = -1;
  ::tensorflow::NodeDef def;           // default attrs filled in
  const OpRegistrationData* op = nullptr;
  DataTypeVector input_types, output_types;
  // Data inputs, in order. node == -1 marks a pending back edge into a Merge: its source,
  // named by def.input(i), has not been added yet.
  std::vector<Endpoint> inputs;
  std::vector<int> control_inputs;     // node ids
  std::vector<PartialTensorShape> output_shapes;
  std::shared_ptr<const Tensor> const_value;  // for Const nodes: the parsed value

  const std::string& name() const { return def.name(); }
  const std::string& type_string() const { return def.op(); }
  int num_inputs() const { return static_cast<int>(inputs.size()); }
  int num_outputs() const { return static_cast<int>(output_types.size()); }
  bool IsStateful() const { return op->op_def.is_stateful(); }
};

class Graph {
 public:
  Graph();

  // Validates and appends a node: the op must be registered (NotFound otherwise), inputs
  // ("x", "x:1", "^x") must name existing nodes, attrs must match the OpDef's names, types and
  // allowed values (missing ones get their defaults), input dtypes must match what the op
  // expects, and the shape function must accept the input shapes (InvalidArgument with TF's
  // " for 'name' (op: 'Op') with input shapes: ..." suffix). On error nothing is added.
  // Exception, as TF's GraphDef import allows: a data input of a Merge/RefMerge may name a node
  // that does not exist yet (a while loop's back edge). Its shape counts as unknown, and it is
  // connected, after a dtype check, when a node of that name is added (which fails if the
  // check does).
  Status AddNode(::tensorflow::NodeDef def, const Node** out = nullptr);
  // TF's Operation._update_input (TF_UpdateEdge): data input `input_index` of `node` reads
  // `src` from now on. OutOfRange for a bad index, InvalidArgument when src's dtype does not fit
  // or its shape is incompatible with the input's current shape ("Cannot update edge,
  // incompatible shapes: ..."). The node's output shapes are not re-inferred (TF does not
  // either). Bumps version().
  Status UpdateInput(int node, int input_index, Endpoint src);
  // Back edges into Merge nodes whose source has not been added; a session refuses to run a
  // Merge that still has one.
  int num_pending_back_edges() const;

  const Node* FindNode(const std::string& name) const;
  const Node* node(int id) const { return nodes_[id].get(); }
  int num_nodes() const { return static_cast<int>(nodes_.size()); }
  // Parses "name:index" (index defaults to 0) and checks that it exists.
  Status FindEndpoint(const std::string& tensor_name, Endpoint* out) const;

  // Tensor.set_shape: refines a node's output shape (InvalidArgument if incompatible).
  Status MergeOutputShape(int node, int index, const PartialTensorShape& shape);
  // Operation._add_control_input. Bumps version().
  Status AddControlInput(int node, int control_node);
  // Operation._remove_all_control_inputs (TF_RemoveAllControlInputs): drops every control
  // input of `node` (a while loop moves external control edges onto its pivot). Bumps version().
  Status RemoveControlInputs(int node);
  // Operation._set_attr (TF_SetAttr...): replaces one attr after validating the NodeDef again.
  // An attr that would change the node's input or output dtypes is refused (InvalidArgument).
  // Output shapes are not re-inferred. Bumps version().
  Status SetAttr(int node, const std::string& attr_name, const ::tensorflow::AttrValue& value);
  // Changes when an existing node changes (appending nodes does not); executors built for an
  // older version are rebuilt.
  uint64_t version() const { return version_; }

  // add_shapes writes each node's "_output_shapes" attr, as TF's as_graph_def(add_shapes=True).
  void ToGraphDef(::tensorflow::GraphDef* out, bool add_shapes = false) const;
  // Shared lock for readers (sessions building executors) while Python may append nodes.
  std::shared_mutex& mutex() const { return mu_; }

 private:
  mutable std::shared_mutex mu_;
  std::deque<std::unique_ptr<Node>> nodes_;
  std::unordered_map<std::string, int> by_name_;
  // Pending back edges by the name of their missing source node.
  struct PendingInput {
    int node;          // the Merge
    int input;         // its input index
    int src_output;    // output index of the missing node
  };
  std::unordered_map<std::string, std::vector<PendingInput>> pending_;
  uint64_t version_ = 0;
};

}  // namespace tfc
