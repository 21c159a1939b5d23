#pragma once
// DirectSession-like: runs pruned subgraphs of a Graph, caching one executor per
// (feeds, fetches, targets) signature. Thread-safe: several threads may Run at once.
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/framework/gpu_backend.h"
#include "core/framework/status.h"
#include "core/framework/tensor.h"
#include "core/graph/graph.h"

namespace tfc {

struct SessionOptions {
  int inter_op_threads = 0;   // 0: one per core
  int intra_op_threads = 0;   // 0: one per core
  bool log_device_placement = false;
  bool allow_soft_placement = false;
  int max_gpus = -1;  // ConfigProto.device_count["GPU"]; -1: all
  GpuOptions gpu_options;
};

struct RunStats {
  int64_t peak_bytes_in_use = 0;
};

class Session {
 public:
  Session(std::shared_ptr<Graph> graph, const SessionOptions& options);
  ~Session();

  // feeds: ("x:0", value); fetches: tensor names "n:k"; targets: node names. A fetch may also
  // be a fed tensor (its fed value comes back). Errors carry TF's codes; a missing feed is
  // InvalidArgument from the Placeholder naming it.
  Status Run(const std::vector<std::pair<std::string, Tensor>>& feeds,
             const std::vector<std::string>& fetches, const std::vector<std::string>& targets,
             std::vector<Tensor>* outputs);

  // A prepared signature for repeated runs (Session.make_callable and the Python fast path).
  Status MakeCallable(const std::vector<std::string>& feeds,
                      const std::vector<std::string>& fetches,
                      const std::vector<std::string>& targets, int64_t* handle);
  Status RunCallable(int64_t handle, const std::vector<Tensor>& feed_values,
                     std::vector<Tensor>* outputs);
  Status ReleaseCallable(int64_t handle);

  // After Close every Run fails with Cancelled("Session has been closed.").
  Status Close();
  // Devices this session places nodes on: CPU:0, then the GPUs.
  std::vector<std::string> DeviceNames() const;
  RunStats Stats() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tfc
