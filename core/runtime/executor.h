#pragma once
// The TF1 dataflow executor: runs a pruned graph once per call with per-node pending counts, a
// ready queue, frames and iterations for while loops and dead tensors for Switch/Merge.
// Inexpensive kernels run inline on the thread that made them ready; expensive ones go to the
// inter-op pool. Built once per (feeds, fetches, targets) signature and then reused.
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "core/framework/device.h"
#include "core/framework/op_kernel.h"
#include "core/framework/status.h"
#include "core/framework/tensor.h"
#include "core/framework/thread_pool.h"
#include "core/graph/graph.h"

namespace tfc {

struct ExecutorSignature {
  std::vector<Endpoint> feeds;    // each replaces every use of that tensor in the graph
  std::vector<Endpoint> fetches;  // may name a fed tensor (the fed value comes back)
  std::vector<int> targets;       // node ids run for their side effects
};

// Returns the kernel for a node. Sessions share the kernels of stateful nodes between their
// executors (variables keep their value); others belong to one executor.
using KernelCreator = std::function<Status(const Node& node, std::shared_ptr<OpKernel>* out)>;

struct ExecutorOptions {
  Device* device = nullptr;
  ThreadPool* inter_op_pool = nullptr;  // null: every node runs on the calling thread
  KernelCreator create_kernel;          // empty: a fresh CreateOpKernel per node
  ResourceMgr* resource_manager = nullptr;  // the session's; kernels see it as ctx->resource_manager()
  // The device of each node, by node id; empty: every node runs on `device`. Values move
  // between host and device memory where a node's kernel needs them elsewhere.
  std::vector<Device*> node_devices;
};

class ExecutorImpl;

class Executor {
 public:
  // nodes[i] must be the node whose id is i; inputs may point forward (loop back edges).
  // Only what the fetches and targets need is kept, and nothing upstream of a fed tensor.
  static Status Create(const ExecutorOptions& options, const std::vector<const Node*>& nodes,
                       const ExecutorSignature& signature, std::unique_ptr<Executor>* out);
  ~Executor();

  // feeds are in signature order; outputs get one tensor per fetch. Thread-safe.
  Status Run(const std::vector<Tensor>& feeds, std::vector<Tensor>* outputs,
             int64_t step_id = 0);
  // Graph nodes kept after pruning.
  int num_graph_nodes() const;

 private:
  Executor() = default;
  std::unique_ptr<ExecutorImpl> impl_;
};

}  // namespace tfc
