#include "core/runtime/session.h"

#include <atomic>
#include <cstdio>
#include <map>
#include <mutex>
#include <shared_mutex>
#include <unordered_map>

#include "core/devices/cpu/cpu_device.h"
#include "core/framework/resource_mgr.h"
#include "core/runtime/executor.h"
#include "core/runtime/placer.h"

namespace tfc {

namespace {
// One compiled signature: its executor, the graph version it was built against and the
// dtype each feed must have.
struct CompiledRun {
  std::unique_ptr<Executor> executor;
  uint64_t graph_version = 0;
  std::vector<std::string> feed_names;
  DataTypeVector feed_types;
};

void AppendNames(const std::vector<std::string>& names, char sep, std::string* key) {
  for (const auto& n : names) {
    key->append(n);
    key->push_back(sep);
  }
  key->push_back('\x02');
}
}  // namespace

struct Session::Impl {
  std::shared_ptr<Graph> graph;
  SessionOptions options;
  std::unique_ptr<Device> device;  // CPU:0
  std::vector<Device*> devices;    // CPU:0, then the GPUs (process-wide)
  ThreadPool* inter_op_pool = nullptr;
  std::mutex placement_mu;
  std::vector<Device*> placement;  // by node id; grows with the graph
  std::atomic<bool> closed{false};
  std::atomic<int64_t> next_step_id{1};
  // Variables and other resources, shared by every executor of this session; cleared by Close
  // once no run is using them.
  ResourceMgr resource_mgr;
  std::mutex life_mu;  // guards in_flight against Close
  int in_flight = 0;

  std::mutex mu;  // guards runs, callables
  std::unordered_map<std::string, std::shared_ptr<CompiledRun>> runs;
  std::map<int64_t, std::shared_ptr<CompiledRun>> callables;
  int64_t next_handle = 1;

  // Kernels by node name, shared by every executor of this session. Stateful ones (variables,
  // random generators) must be shared so their state is; the others are shared so that new
  // signatures build fast, and are rebuilt once the graph's version moves on.
  struct CachedKernel {
    std::shared_ptr<OpKernel> kernel;
    uint64_t graph_version = 0;
    bool stateful = false;
  };
  std::mutex kernel_mu;
  std::unordered_map<std::string, CachedKernel> kernels;
  int logged_nodes = 0;  // log_device_placement: nodes already reported

  uint64_t GraphVersion() const {
    std::shared_lock<std::shared_mutex> l(graph->mutex());
    return graph->version();
  }

  Status CreateKernel(const Node& n, uint64_t version, std::shared_ptr<OpKernel>* out) {
    const bool stateful = n.op != nullptr && n.op->op_def.is_stateful();
    {
      std::lock_guard<std::mutex> l(kernel_mu);
      auto it = kernels.find(n.name());
      if (it != kernels.end() && it->second.kernel->type_string() == n.type_string() &&
          (it->second.stateful || it->second.graph_version == version)) {
        *out = it->second.kernel;
        return OkStatus();
      }
    }
    std::unique_ptr<OpKernel> k;
    Device* dev;
    {
      std::lock_guard<std::mutex> l(placement_mu);
      dev = n.id < static_cast<int>(placement.size()) ? placement[n.id] : device.get();
    }
    TFC_RETURN_IF_ERROR(CreateOpKernel(dev, n.def, n.input_types, n.output_types, &k));
    std::shared_ptr<OpKernel> shared(std::move(k));
    std::lock_guard<std::mutex> l(kernel_mu);
    CachedKernel& slot = kernels[n.name()];
    // Another executor may have made a stateful one meanwhile: the first one wins.
    if (slot.kernel && slot.stateful && stateful &&
        slot.kernel->type_string() == n.type_string()) {
      *out = slot.kernel;
      return OkStatus();
    }
    slot = CachedKernel{shared, version, stateful};
    *out = std::move(shared);
    return OkStatus();
  }

  // TF prints where each node was placed when the session first sees it.
  void LogPlacement() {
    std::lock_guard<std::mutex> l(placement_mu);
    for (; logged_nodes < static_cast<int>(placement.size()); ++logged_nodes) {
      const Node* n = graph->node(logged_nodes);
      const std::string& dev = placement[logged_nodes]->name();
      std::printf("%s: (%s): %s\n", n->name().c_str(), n->type_string().c_str(), dev.c_str());
      std::fprintf(stderr, "%s: (%s)%s\n", n->name().c_str(), n->type_string().c_str(),
                   dev.c_str());
    }
    std::fflush(stdout);
  }

  // Places the nodes added since the last call (under the graph's lock).
  Status Place() {
    std::lock_guard<std::mutex> l(placement_mu);
    return PlaceNodes(*graph, devices, options.allow_soft_placement, &placement);
  }

  Status Build(const std::vector<std::string>& feeds, const std::vector<std::string>& fetches,
               const std::vector<std::string>& targets, std::shared_ptr<CompiledRun>* out) {
    auto run = std::make_shared<CompiledRun>();
    ExecutorSignature sig;
    std::vector<const Node*> nodes;
    {
      std::shared_lock<std::shared_mutex> l(graph->mutex());
      run->graph_version = graph->version();
      for (const auto& f : feeds) {
        Endpoint e;
        if (!graph->FindEndpoint(f, &e).ok()) {
          return errors::NotFound("FeedInputs: unable to find feed output ", f);
        }
        sig.feeds.push_back(e);
        run->feed_names.push_back(f);
        run->feed_types.push_back(BaseType(graph->node(e.node)->output_types[e.index]));
      }
      for (const auto& f : fetches) {
        Endpoint e;
        if (!graph->FindEndpoint(f, &e).ok()) {
          return errors::NotFound("FetchOutputs node ", f, ": not found");
        }
        sig.fetches.push_back(e);
      }
      std::string missing;
      for (const auto& t : targets) {
        const Node* n = graph->FindNode(t);
        if (n == nullptr) {
          missing += (missing.empty() ? "" : ", ") + t;
        } else {
          sig.targets.push_back(n->id);
        }
      }
      if (!missing.empty()) {
        return errors::NotFound("PruneForTargets: Some target nodes not found: ", missing);
      }
      nodes.reserve(graph->num_nodes());
      for (int i = 0; i < graph->num_nodes(); ++i) nodes.push_back(graph->node(i));
      TFC_RETURN_IF_ERROR(Place());
      ExecutorOptions eo;
      eo.device = device.get();
      if (devices.size() > 1) {
        std::lock_guard<std::mutex> l(placement_mu);
        eo.node_devices = placement;
      }
      eo.inter_op_pool = inter_op_pool;
      eo.resource_manager = &resource_mgr;
      const uint64_t version = run->graph_version;
      eo.create_kernel = [this, version](const Node& n, std::shared_ptr<OpKernel>* k) {
        return CreateKernel(n, version, k);
      };
      if (options.log_device_placement) LogPlacement();
      TFC_RETURN_IF_ERROR(Executor::Create(eo, nodes, sig, &run->executor));
    }
    *out = std::move(run);
    return OkStatus();
  }

  // key identifies the (feeds, fetches, targets) lists; names() produces them on a miss.
  template <typename NamesFn>
  Status GetOrBuild(const std::string& key, NamesFn names, std::shared_ptr<CompiledRun>* out) {
    const uint64_t version = GraphVersion();
    {
      std::lock_guard<std::mutex> l(mu);
      auto it = runs.find(key);
      if (it != runs.end() && it->second->graph_version == version) {
        *out = it->second;
        return OkStatus();
      }
    }
    std::vector<std::string> feeds, fetches, targets;
    names(&feeds, &fetches, &targets);
    std::shared_ptr<CompiledRun> run;
    TFC_RETURN_IF_ERROR(Build(feeds, fetches, targets, &run));
    std::lock_guard<std::mutex> l(mu);
    runs[key] = run;
    *out = std::move(run);
    return OkStatus();
  }

  Status RunCompiled(CompiledRun* run, const std::vector<Tensor>& values,
                     std::vector<Tensor>* outputs) {
    for (size_t i = 0; i < values.size(); ++i) {
      if (values[i].dtype() != run->feed_types[i]) {
        return errors::InvalidArgument("Cannot feed value of type ",
                                       DataTypeString(values[i].dtype()), " for tensor '",
                                       run->feed_names[i], "', which has type ",
                                       DataTypeString(run->feed_types[i]));
      }
    }
    {
      std::lock_guard<std::mutex> l(life_mu);
      if (closed.load()) return errors::Cancelled("Session has been closed.");
      ++in_flight;
    }
    Status s = run->executor->Run(values, outputs,
                                  next_step_id.fetch_add(1, std::memory_order_relaxed));
    std::lock_guard<std::mutex> l(life_mu);
    if (--in_flight == 0 && closed.load()) resource_mgr.Clear();
    return s;
  }
};

Session::Session(std::shared_ptr<Graph> graph, const SessionOptions& options)
    : impl_(std::make_unique<Impl>()) {
  impl_->graph = std::move(graph);
  impl_->options = options;
  impl_->device = NewCpuDevice(options.intra_op_threads);
  impl_->devices.push_back(impl_->device.get());
  GpuBackend* gpus = RegisteredGpuBackend();
  if (gpus != nullptr && options.max_gpus != 0) {
    for (Device* d : gpus->Devices(options.gpu_options, nullptr)) {
      if (options.max_gpus >= 0 &&
          static_cast<int>(impl_->devices.size()) - 1 >= options.max_gpus) {
        break;
      }
      impl_->devices.push_back(d);
    }
  }
  impl_->inter_op_pool = SharedThreadPool("inter_op", options.inter_op_threads);
  // TF lists devices with a physical description (GPUs) here; a CPU has none.
  if (options.log_device_placement) {
    if (impl_->devices.size() == 1) {
      std::printf("Device mapping: no known devices.\n");
    } else {
      std::printf("Device mapping:\n");
      for (size_t i = 1; i < impl_->devices.size(); ++i) {
        std::printf("%s -> %s\n", impl_->devices[i]->name().c_str(),
                    gpus->PhysicalDescription(impl_->devices[i]).c_str());
      }
    }
    std::fflush(stdout);
  }
}

Session::~Session() = default;

Status Session::Run(const std::vector<std::pair<std::string, Tensor>>& feeds,
                    const std::vector<std::string>& fetches,
                    const std::vector<std::string>& targets, std::vector<Tensor>* outputs) {
  if (impl_->closed.load()) return errors::Cancelled("Session has been closed.");
  std::string key;
  std::vector<Tensor> values;
  values.reserve(feeds.size());
  for (const auto& [name, value] : feeds) {
    key.append(name);
    key.push_back('\x01');
    values.push_back(value);
  }
  key.push_back('\x02');
  AppendNames(fetches, '\x01', &key);
  AppendNames(targets, '\x01', &key);
  std::shared_ptr<CompiledRun> run;
  auto names = [&](std::vector<std::string>* fd, std::vector<std::string>* ft,
                   std::vector<std::string>* tg) {
    for (const auto& f : feeds) fd->push_back(f.first);
    *ft = fetches;
    *tg = targets;
  };
  TFC_RETURN_IF_ERROR(impl_->GetOrBuild(key, names, &run));
  return impl_->RunCompiled(run.get(), values, outputs);
}

Status Session::MakeCallable(const std::vector<std::string>& feeds,
                             const std::vector<std::string>& fetches,
                             const std::vector<std::string>& targets, int64_t* handle) {
  if (impl_->closed.load()) return errors::Cancelled("Session has been closed.");
  std::string key;
  AppendNames(feeds, '\x01', &key);
  AppendNames(fetches, '\x01', &key);
  AppendNames(targets, '\x01', &key);
  std::shared_ptr<CompiledRun> run;
  auto names = [&](std::vector<std::string>* fd, std::vector<std::string>* ft,
                   std::vector<std::string>* tg) {
    *fd = feeds;
    *ft = fetches;
    *tg = targets;
  };
  TFC_RETURN_IF_ERROR(impl_->GetOrBuild(key, names, &run));
  std::lock_guard<std::mutex> l(impl_->mu);
  *handle = impl_->next_handle++;
  impl_->callables[*handle] = std::move(run);
  return OkStatus();
}

Status Session::RunCallable(int64_t handle, const std::vector<Tensor>& feed_values,
                            std::vector<Tensor>* outputs) {
  if (impl_->closed.load()) return errors::Cancelled("Session has been closed.");
  std::shared_ptr<CompiledRun> run;
  {
    std::lock_guard<std::mutex> l(impl_->mu);
    auto it = impl_->callables.find(handle);
    if (it == impl_->callables.end()) {
      return errors::InvalidArgument("No such callable handle: ", handle);
    }
    run = it->second;
  }
  if (feed_values.size() != run->feed_types.size()) {
    return errors::InvalidArgument("Invalid number of feed values: expected ",
                                   run->feed_types.size(), ", got ", feed_values.size());
  }
  return impl_->RunCompiled(run.get(), feed_values, outputs);
}

Status Session::ReleaseCallable(int64_t handle) {
  std::lock_guard<std::mutex> l(impl_->mu);
  if (impl_->callables.erase(handle) == 0) {
    return errors::InvalidArgument("No such callable handle: ", handle);
  }
  return OkStatus();
}

Status Session::Close() {
  impl_->closed.store(true);
  {
    std::lock_guard<std::mutex> l(impl_->mu);
    impl_->runs.clear();
    impl_->callables.clear();
  }
  // Runs still in flight hold references into the resources: the last one clears them.
  std::lock_guard<std::mutex> l(impl_->life_mu);
  if (impl_->in_flight == 0) impl_->resource_mgr.Clear();
  return OkStatus();
}

std::vector<std::string> Session::DeviceNames() const {
  std::vector<std::string> names;
  for (const Device* d : impl_->devices) names.push_back(d->name());
  return names;
}

RunStats Session::Stats() const {
  RunStats s;
  s.peak_bytes_in_use = impl_->device->GetAllocator()->GetStats().peak_bytes_in_use;
  return s;
}

}  // namespace tfc
