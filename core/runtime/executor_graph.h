#pragma once
// The executor's compiled, immutable view of a pruned graph: one item per kept node plus one
// per feed (Arg) and fetch (Retval), out-edges per item, and the static frame of every item.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/framework/op_kernel.h"
#include "core/runtime/executor.h"

namespace tfc {

constexpr int kControlSlot = -1;

struct ExecEdge {
  int dst = 0;
  int src_slot = 0;  // kControlSlot for control edges
  int dst_slot = 0;
};

struct ExecItem {
  enum Kind : uint8_t { kKernel, kArg, kRetval };
  Kind kind = kKernel;
  int index = 0;  // feed index (Arg) or fetch index (Retval)
  std::shared_ptr<OpKernel> kernel_holder;
  OpKernel* kernel = nullptr;
  Device* device = nullptr;
  // Kernels on a device with its own memory (GPUs): the inputs/outputs their registration keeps
  // in host memory. Empty for host devices.
  std::vector<uint8_t> input_on_host, output_on_host;
  bool device_memory = false;  // the device has its own memory
  std::string name;
  bool expensive = false;
  bool is_merge = false, is_enter = false, is_constant_enter = false, is_exit = false,
       is_next_iteration = false, is_control_trigger = false;
  bool allows_uninitialized_input = false;
  int num_inputs = 0, num_outputs = 0, num_control_inputs = 0;
  std::vector<uint8_t> input_is_ref;
  DataTypeVector output_types;  // base types the outputs must have
  std::vector<ExecEdge> out_edges;
  int frame = 0;        // static frame id
  int local = 0;        // index of the item within its frame
  int input_start = 0;  // first input slot within its frame's per-iteration input array
  int child_frame = -1; // Enter: the frame it enters
  std::string fetch_input;  // Retval: the fetched tensor as its NodeDef input would name it
};

struct StaticFrame {
  std::string name;  // "" for the root frame
  int parent = -1;
  int parallel_iterations = 10;
  int num_enters = 0;  // Enter items that feed this frame: all must arrive before it can end
  int total_inputs = 0;
  std::vector<int> items;
  std::vector<int> initial_pending;  // by local index
};

struct ExecutorGraph {
  std::vector<ExecItem> items;
  std::vector<StaticFrame> frames;  // frames[0] is the root
  std::vector<int> root_items;      // ready at the start of a step
  int num_feeds = 0, num_fetches = 0, num_graph_nodes = 0;
};

Status BuildExecutorGraph(const ExecutorOptions& options, const std::vector<const Node*>& nodes,
                          const ExecutorSignature& signature, ExecutorGraph* out);

}  // namespace tfc
