#include "core/runtime/executor_graph.h"

#include <map>
#include <unordered_map>

namespace tfc {
namespace {

struct EndpointHash {
  size_t operator()(const std::pair<int, int>& e) const {
    return std::hash<int64_t>()((static_cast<int64_t>(e.first) << 20) ^ e.second);
  }
};

Status CheckNode(const std::vector<const Node*>& nodes, int id, const std::string& what) {
  if (id < 0 || id >= static_cast<int>(nodes.size()) || nodes[id] == nullptr) {
    return errors::InvalidArgument("Executor: ", what, " refers to unknown node id ", id);
  }
  return OkStatus();
}

// Marks what the fetches and targets need, walking data and control inputs backwards and
// stopping at fed tensors.
Status Prune(const std::vector<const Node*>& nodes, const ExecutorSignature& sig,
             const std::unordered_map<std::pair<int, int>, int, EndpointHash>& fed,
             const std::unordered_map<int, int>& fed_placeholders, std::vector<uint8_t>* keep) {
  keep->assign(nodes.size(), 0);
  std::vector<int> stack;
  auto visit = [&](int id) {
    if (!(*keep)[id]) {
      (*keep)[id] = 1;
      stack.push_back(id);
    }
  };
  for (const Endpoint& e : sig.fetches) {
    TFC_RETURN_IF_ERROR(CheckNode(nodes, e.node, "fetch"));
    if (!fed.count({e.node, e.index})) visit(e.node);
  }
  for (int t : sig.targets) {
    TFC_RETURN_IF_ERROR(CheckNode(nodes, t, "target"));
    visit(t);
  }
  while (!stack.empty()) {
    const Node* n = nodes[stack.back()];
    stack.pop_back();
    for (int j = 0; j < n->num_inputs(); ++j) {
      const Endpoint& in = n->inputs[j];
      if (in.node < 0 && j < n->def.input_size()) {
        // Graph::AddNode accepts a Merge whose back edge names a node not added yet.
        return errors::InvalidArgument("Node '", n->name(), "' (op: '", n->type_string(),
                                       "'): input ", j, " '", n->def.input(j),
                                       "' names a node that is not in the graph (a while loop "
                                       "back edge whose source was never added)");
      }
      TFC_RETURN_IF_ERROR(CheckNode(nodes, in.node, "input of " + n->name()));
      if (!fed.count({in.node, in.index})) visit(in.node);
    }
    for (int c : n->control_inputs) {
      TFC_RETURN_IF_ERROR(CheckNode(nodes, c, "control input of " + n->name()));
      if (!fed_placeholders.count(c)) visit(c);
    }
  }
  return OkStatus();
}

Status MakeKernelItem(const ExecutorOptions& options, const Node& n, ExecItem* item) {
  item->kind = ExecItem::kKernel;
  item->name = n.name();
  Device* device = options.node_devices.empty() ? options.device : options.node_devices[n.id];
  item->device = device;
  if (options.create_kernel) {
    TFC_RETURN_IF_ERROR(options.create_kernel(n, &item->kernel_holder));
  } else {
    std::unique_ptr<OpKernel> k;
    TFC_RETURN_IF_ERROR(CreateOpKernel(device, n.def, n.input_types, n.output_types, &k));
    item->kernel_holder = std::move(k);
  }
  item->kernel = item->kernel_holder.get();
  item->expensive = item->kernel->IsExpensive();
  if (device->GetAllocator() != nullptr && device->GetAllocator()->IsDeviceMemory()) {
    item->device_memory = true;
    // GPU kernels only queue work: running them inline saves a thread hop per node.
    item->expensive = false;
    item->input_on_host.assign(n.num_inputs(), 0);
    item->output_on_host.assign(n.num_outputs(), 0);
    const KernelRegistration* reg = nullptr;
    TFC_RETURN_IF_ERROR(KernelRegistry::Global()->FindKernel(device->device_type(), n.def, &reg));
    TFC_RETURN_IF_ERROR(
        HostMemoryArgs(*reg, n.op->op_def, n.def, &item->input_on_host, &item->output_on_host));
  }
  const std::string& op = n.type_string();
  item->is_merge = op == "Merge" || op == "RefMerge";
  item->is_enter = op == "Enter" || op == "RefEnter";
  item->is_exit = op == "Exit" || op == "RefExit";
  item->is_next_iteration = op == "NextIteration" || op == "RefNextIteration";
  item->is_control_trigger = op == "ControlTrigger";
  item->allows_uninitialized_input = n.op && n.op->op_def.allows_uninitialized_input();
  item->num_inputs = n.num_inputs();
  item->num_outputs = n.num_outputs();
  item->num_control_inputs = static_cast<int>(n.control_inputs.size());
  for (DataType t : n.input_types) item->input_is_ref.push_back(IsRefType(t) ? 1 : 0);
  for (DataType t : n.output_types) item->output_types.push_back(BaseType(t));
  return OkStatus();
}

// Gives every item its static frame: Enter's successors are in the frame it names, Exit's in
// the parent of its own, everything else in its inputs' frame.
Status AssignFrames(ExecutorGraph* g, const std::vector<std::string>& enter_frame_names,
                    const std::vector<int>& enter_parallel) {
  auto& items = g->items;
  const int n = static_cast<int>(items.size());
  std::vector<int> frame(n, -1);
  std::map<std::string, int> frame_ids;
  g->frames.clear();
  g->frames.push_back(StaticFrame{});
  std::vector<int> queue;
  for (int r : g->root_items) {
    frame[r] = 0;
    queue.push_back(r);
  }
  for (size_t qi = 0; qi < queue.size(); ++qi) {
    const int u = queue[qi];
    const ExecItem& it = items[u];
    int out_frame = frame[u];
    if (it.is_enter) {
      const std::string& fname = enter_frame_names[u];
      auto f = frame_ids.find(fname);
      if (f == frame_ids.end()) {
        StaticFrame sf;
        sf.name = fname;
        sf.parent = frame[u];
        sf.parallel_iterations = enter_parallel[u] > 0 ? enter_parallel[u] : 1;
        f = frame_ids.emplace(fname, static_cast<int>(g->frames.size())).first;
        g->frames.push_back(std::move(sf));
      } else if (g->frames[f->second].parent != frame[u]) {
        return errors::InvalidArgument("The node '", it.name, "' enters frame '", fname,
                                       "' from two different parent frames.");
      }
      out_frame = f->second;
      items[u].child_frame = out_frame;
      g->frames[out_frame].num_enters++;
    } else if (it.is_exit) {
      out_frame = g->frames[frame[u]].parent;
      if (out_frame < 0) {
        return errors::InvalidArgument("The node '", it.name,
                                       "' is an Exit outside of any while loop frame.");
      }
    }
    for (const ExecEdge& e : it.out_edges) {
      if (frame[e.dst] < 0) {
        frame[e.dst] = out_frame;
        queue.push_back(e.dst);
      } else if (frame[e.dst] != out_frame) {
        return errors::InvalidArgument(
            "The node '", items[e.dst].name, "' has inputs from different frames. The input '",
            it.name, "' is in frame '", g->frames[out_frame].name, "'. Another input is in frame '",
            g->frames[frame[e.dst]].name, "'.");
      }
    }
  }
  for (int i = 0; i < n; ++i) {
    if (frame[i] < 0) {
      return errors::InvalidArgument("The node '", items[i].name,
                                     "' is on a cycle that no Enter node leads into.");
    }
    items[i].frame = frame[i];
  }
  // Per-frame layout: local ids, input slots and initial pending counts.
  for (int i = 0; i < n; ++i) {
    StaticFrame& sf = g->frames[frame[i]];
    ExecItem& it = items[i];
    it.local = static_cast<int>(sf.items.size());
    it.input_start = sf.total_inputs;
    sf.items.push_back(i);
    sf.total_inputs += it.num_inputs;
    // Merge: a low bit for "no live input yet" plus two per control input.
    sf.initial_pending.push_back(it.is_merge ? 2 * it.num_control_inputs + 1
                                             : it.num_inputs + it.num_control_inputs);
  }
  return OkStatus();
}

}  // namespace

Status BuildExecutorGraph(const ExecutorOptions& options, const std::vector<const Node*>& nodes,
                          const ExecutorSignature& sig, ExecutorGraph* g) {
  std::unordered_map<std::pair<int, int>, int, EndpointHash> fed;
  for (size_t i = 0; i < sig.feeds.size(); ++i) {
    const Endpoint& e = sig.feeds[i];
    TFC_RETURN_IF_ERROR(CheckNode(nodes, e.node, "feed"));
    if (e.index < 0 || e.index >= nodes[e.node]->num_outputs()) {
      return errors::InvalidArgument("Feed ", nodes[e.node]->name(), ":", e.index,
                                     " names an output the node does not have");
    }
    if (!fed.emplace(std::make_pair(e.node, e.index), static_cast<int>(i)).second) {
      return errors::InvalidArgument(nodes[e.node]->name(), ":", e.index,
                                     " is fed more than once.");
    }
  }
  for (const Endpoint& e : sig.fetches) {
    TFC_RETURN_IF_ERROR(CheckNode(nodes, e.node, "fetch"));
    if (e.index < 0 || e.index >= nodes[e.node]->num_outputs()) {
      return errors::InvalidArgument("Fetch ", nodes[e.node]->name(), ":", e.index,
                                     " names an output the node does not have");
    }
  }
  // As in TF, a fed Placeholder's control edges leave from its feed instead, so the
  // Placeholder itself never runs (e.g. tf.metrics.mean's control dependency on its input).
  std::unordered_map<int, int> fed_placeholders;
  for (size_t i = 0; i < sig.feeds.size(); ++i) {
    const Node& n = *nodes[sig.feeds[i].node];
    if (n.type_string() == "Placeholder" || n.type_string() == "PlaceholderV2") {
      fed_placeholders.emplace(sig.feeds[i].node, static_cast<int>(i));
    }
  }
  std::vector<uint8_t> keep;
  TFC_RETURN_IF_ERROR(Prune(nodes, sig, fed, fed_placeholders, &keep));

  // Items: kept nodes in id order, then one Arg per feed, then one Retval per fetch.
  std::vector<int> item_of(nodes.size(), -1);
  std::vector<std::string> enter_frame_names;
  std::vector<int> enter_parallel;
  g->items.clear();
  for (size_t id = 0; id < nodes.size(); ++id) {
    if (!keep[id]) continue;
    item_of[id] = static_cast<int>(g->items.size());
    g->items.emplace_back();
    const Node& n = *nodes[id];
    TFC_RETURN_IF_ERROR(MakeKernelItem(options, n, &g->items.back()));
    std::string fname;
    int64_t par = 10;
    if (g->items.back().is_enter) {
      TFC_RETURN_IF_ERROR(GetNodeAttr(n.def, "frame_name", &fname));
      bool is_const = false;
      TFC_RETURN_IF_ERROR(GetNodeAttr(n.def, "is_constant", &is_const));
      TFC_RETURN_IF_ERROR(GetNodeAttr(n.def, "parallel_iterations", &par));
      g->items.back().is_constant_enter = is_const;
    }
    enter_frame_names.push_back(std::move(fname));
    enter_parallel.push_back(static_cast<int>(par));
  }
  g->num_graph_nodes = static_cast<int>(g->items.size());
  const int first_arg = g->num_graph_nodes;
  for (size_t i = 0; i < sig.feeds.size(); ++i) {
    ExecItem a;
    a.kind = ExecItem::kArg;
    a.index = static_cast<int>(i);
    const Node& src = *nodes[sig.feeds[i].node];
    // TF's names for the feed and fetch nodes: _arg_<node>_<output>_<position>.
    a.name = "_arg_" + src.name() + "_" + std::to_string(sig.feeds[i].index) + "_" +
             std::to_string(i);
    a.num_outputs = 1;
    a.output_types = {BaseType(src.output_types[sig.feeds[i].index])};
    g->items.push_back(std::move(a));
    enter_frame_names.emplace_back();
    enter_parallel.push_back(0);
  }
  const int first_retval = static_cast<int>(g->items.size());
  for (size_t i = 0; i < sig.fetches.size(); ++i) {
    ExecItem r;
    r.kind = ExecItem::kRetval;
    r.index = static_cast<int>(i);
    const Node& src = *nodes[sig.fetches[i].node];
    r.name = "_retval_" + src.name() + "_" + std::to_string(sig.fetches[i].index) + "_" +
             std::to_string(i);
    r.fetch_input = sig.fetches[i].index == 0
                        ? src.name()
                        : src.name() + ":" + std::to_string(sig.fetches[i].index);
    r.num_inputs = 1;
    r.input_is_ref = {0};
    g->items.push_back(std::move(r));
    enter_frame_names.emplace_back();
    enter_parallel.push_back(0);
  }
  g->num_feeds = static_cast<int>(sig.feeds.size());
  g->num_fetches = static_cast<int>(sig.fetches.size());

  // Edges.
  auto source_of = [&](const Endpoint& e, int* src_item, int* src_slot) {
    auto f = fed.find({e.node, e.index});
    if (f != fed.end()) {
      *src_item = first_arg + f->second;
      *src_slot = 0;
    } else {
      *src_item = item_of[e.node];
      *src_slot = e.index;
    }
  };
  for (size_t id = 0; id < nodes.size(); ++id) {
    if (!keep[id]) continue;
    const Node& n = *nodes[id];
    const int dst = item_of[id];
    for (int j = 0; j < n.num_inputs(); ++j) {
      int src, slot;
      source_of(n.inputs[j], &src, &slot);
      g->items[src].out_edges.push_back(ExecEdge{dst, slot, j});
    }
    for (int c : n.control_inputs) {
      auto p = fed_placeholders.find(c);
      const int src = p == fed_placeholders.end() ? item_of[c] : first_arg + p->second;
      g->items[src].out_edges.push_back(ExecEdge{dst, kControlSlot, kControlSlot});
    }
  }
  for (size_t i = 0; i < sig.fetches.size(); ++i) {
    int src, slot;
    source_of(sig.fetches[i], &src, &slot);
    g->items[src].out_edges.push_back(ExecEdge{first_retval + static_cast<int>(i), slot, 0});
  }

  // A fed value that only GPU kernels read goes to the GPU once, at its Arg, instead of once per
  // reader.
  for (int a = first_arg; a < first_retval; ++a) {
    ExecItem& arg = g->items[a];
    Device* target = nullptr;
    bool all_on_target = !arg.out_edges.empty();
    for (const ExecEdge& e : arg.out_edges) {
      if (e.src_slot == kControlSlot) continue;
      const ExecItem& dst = g->items[e.dst];
      if (dst.kind != ExecItem::kKernel || !dst.device_memory || dst.input_on_host[e.dst_slot] ||
          dst.input_is_ref[e.dst_slot] || (target != nullptr && dst.device != target)) {
        all_on_target = false;
        break;
      }
      target = dst.device;
    }
    const DataType t = arg.output_types[0];
    if (all_on_target && target != nullptr && t != DT_STRING && t != DT_RESOURCE &&
        t != ::tensorflow::DT_VARIANT) {
      arg.device = target;
      arg.device_memory = true;
    }
  }

  g->root_items.clear();
  for (size_t i = 0; i < g->items.size(); ++i) {
    const ExecItem& it = g->items[i];
    if (it.num_inputs == 0 && it.num_control_inputs == 0) g->root_items.push_back(static_cast<int>(i));
  }
  return AssignFrames(g, enter_frame_names, enter_parallel);
}

}  // namespace tfc
