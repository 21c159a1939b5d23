#include "core/runtime/executor.h"

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <new>
#include <stdexcept>

#include "core/runtime/executor_graph.h"

namespace tfc {
namespace {

// One input slot or output of a node in one iteration: a value, a reference, or nothing (dead).
struct Entry {
  Tensor val;
  Tensor* ref = nullptr;
  std::mutex* ref_mu = nullptr;
  bool has_value = false;

  void Clear() {
    if (has_value) {
      val = Tensor();
      ref = nullptr;
      ref_mu = nullptr;
      has_value = false;
    }
  }
};

struct IterationState {
  std::vector<Entry> inputs;
  std::vector<int> pending;
  std::vector<int> dead;
  int64_t outstanding_ops = 0;
  int64_t outstanding_frames = 0;

  void Reset(const StaticFrame& sf) {
    if (inputs.size() != static_cast<size_t>(sf.total_inputs)) {
      inputs.assign(sf.total_inputs, Entry());
    } else {
      for (Entry& e : inputs) e.Clear();
    }
    pending = sf.initial_pending;
    dead.assign(sf.items.size(), 0);
    outstanding_ops = 0;
    outstanding_frames = 0;
  }
};

struct FrameState {
  int sf = 0;
  FrameState* parent = nullptr;
  int64_t parent_iter = 0;
  int max_parallel = 1;
  int64_t iteration_count = 0;
  int num_outstanding_iterations = 1;
  int num_pending_inputs = 0;
  int64_t first_iter = 0;
  std::deque<std::unique_ptr<IterationState>> iters;
  std::vector<std::pair<int, Entry>> inv_values;       // loop invariants (constant Enters)
  std::vector<std::pair<int, Entry>> next_iter_roots;  // NextIteration values over the limit
  std::vector<int> dead_exits;
  std::map<std::pair<int64_t, int>, std::unique_ptr<FrameState>> children;

  IterationState* iter(int64_t i) { return iters[i - first_iter].get(); }
};

struct TaggedNode {
  int item;
  FrameState* frame;
  IterationState* iter_state;
  int64_t iter;
  bool dead;
};

// FIFO of nodes to run on this thread; storage is kept between uses.
class NodeQueue {
 public:
  bool empty() const { return head_ == q_.size(); }
  void push_back(const TaggedNode& t) { q_.push_back(t); }
  TaggedNode pop_front() {
    TaggedNode t = q_[head_++];
    if (head_ == q_.size()) {
      q_.clear();
      head_ = 0;
    }
    return t;
  }

 private:
  std::vector<TaggedNode> q_;
  size_t head_ = 0;
};

// Per-thread working buffers of Process, reused so a warm step allocates little.
struct Scratch {
  NodeQueue inline_ready;
  std::vector<TaggedNode> ready;
  std::vector<TensorValue> inputs;
  std::vector<Entry> outs;
};

}  // namespace

class ExecutorImpl {
 public:
  ExecutorOptions options;
  ExecutorGraph graph;

  struct RunState;
  std::mutex pool_mu;
  std::vector<std::unique_ptr<RunState>> free_states;

  Status Run(const std::vector<Tensor>& feeds, std::vector<Tensor>* outputs, int64_t step_id);

 private:
  std::unique_ptr<RunState> GetState();
  // Runs the queued nodes and whatever inexpensive ones they make ready.
  void Process(RunState* s, Scratch* scratch);
  void ProcessOnPool(RunState* s, TaggedNode tn);
  void ScheduleReady(RunState* s, std::vector<TaggedNode>* ready, NodeQueue* inline_ready);
  bool NodeDone(RunState* s, const Status& status, std::vector<TaggedNode>* ready,
                NodeQueue* inline_ready);
  Status PrepareInputs(const ExecItem& item, Entry* first, std::vector<TensorValue>* inputs);
  // Under s->mu.
  void PropagateOutputs(RunState* s, const TaggedNode& tn, Entry* outs,
                        std::vector<TaggedNode>* ready);
  void ActivateNodes(const ExecItem& item, bool src_dead, const Entry* outs, FrameState* frame,
                     IterationState* st, int64_t iter, std::vector<TaggedNode>* ready);
  FrameState* FindOrCreateChildFrame(RunState* s, FrameState* frame, int64_t iter,
                                     const ExecItem& enter);
  void IncrementIteration(FrameState* f, std::vector<TaggedNode>* ready);
  bool IsIterationDone(FrameState* f, int64_t iter);
  void CleanupIterations(FrameState* f, int64_t iter, std::vector<TaggedNode>* ready);
  void MaybeFinishFrame(RunState* s, FrameState* f, int64_t iter,
                        std::vector<TaggedNode>* ready);
};

struct ExecutorImpl::RunState {
  std::mutex mu;  // guards frames, iterations and pending counts
  std::condition_variable cv;
  bool done = false;
  Status status;
  std::atomic<bool> aborted{false};
  std::atomic<int64_t> num_outstanding{0};
  FrameState root;
  const std::vector<Tensor>* feeds = nullptr;
  std::vector<Tensor>* outputs = nullptr;
  int64_t step_id = 0;
  bool dirty = false;  // a failed step may leave inputs behind
  Scratch caller_scratch;
};

std::unique_ptr<ExecutorImpl::RunState> ExecutorImpl::GetState() {
  {
    std::lock_guard<std::mutex> l(pool_mu);
    if (!free_states.empty()) {
      auto s = std::move(free_states.back());
      free_states.pop_back();
      return s;
    }
  }
  auto s = std::make_unique<RunState>();
  s->root.iters.push_back(std::make_unique<IterationState>());
  s->root.iters[0]->Reset(graph.frames[0]);
  return s;
}

Status ExecutorImpl::Run(const std::vector<Tensor>& feeds, std::vector<Tensor>* outputs,
                         int64_t step_id) {
  if (static_cast<int>(feeds.size()) != graph.num_feeds) {
    return errors::InvalidArgument("Expected ", graph.num_feeds, " feed values, got ",
                                   feeds.size());
  }
  const int first_arg = graph.num_graph_nodes;
  for (int i = 0; i < graph.num_feeds; ++i) {
    const DataType want = graph.items[first_arg + i].output_types[0];
    if (feeds[i].dtype() != want) {
      return errors::InvalidArgument("Feed ", i, " (", graph.items[first_arg + i].name,
                                     ") has type ", DataTypeString(feeds[i].dtype()),
                                     ", but the tensor it replaces has type ",
                                     DataTypeString(want));
    }
  }
  std::unique_ptr<RunState> s = GetState();
  IterationState* root_iter = s->root.iters[0].get();
  if (s->dirty) {
    root_iter->Reset(graph.frames[0]);
    s->root.children.clear();
  } else {
    root_iter->pending = graph.frames[0].initial_pending;
    std::fill(root_iter->dead.begin(), root_iter->dead.end(), 0);
    root_iter->outstanding_ops = 0;
    root_iter->outstanding_frames = 0;
  }
  s->done = false;
  s->status = OkStatus();
  s->aborted.store(false, std::memory_order_relaxed);
  s->feeds = &feeds;
  outputs->clear();
  outputs->resize(graph.num_fetches);
  s->outputs = outputs;
  s->step_id = step_id;

  const auto& roots = graph.root_items;
  if (!roots.empty()) {
    Scratch* scratch = &s->caller_scratch;
    std::vector<TaggedNode>& ready = scratch->ready;
    ready.clear();
    for (int r : roots) ready.push_back(TaggedNode{r, &s->root, root_iter, 0, false});
    root_iter->outstanding_ops = static_cast<int64_t>(roots.size());
    s->num_outstanding.store(static_cast<int64_t>(roots.size()), std::memory_order_relaxed);
    ScheduleReady(s.get(), &ready, &scratch->inline_ready);
    Process(s.get(), scratch);
    std::unique_lock<std::mutex> l(s->mu);
    s->cv.wait(l, [&] { return s->done; });
  }

  Status result = s->status;
  s->dirty = !result.ok() || !s->root.children.empty();
  if (result.ok()) {
    for (int i = 0; i < graph.num_fetches; ++i) {
      if ((*outputs)[i].dtype() == DT_INVALID) {
        result = errors::InvalidArgument("Retval[", i, "] does not have value");
        break;
      }
    }
  }
  s->feeds = nullptr;
  s->outputs = nullptr;
  {
    std::lock_guard<std::mutex> l(pool_mu);
    free_states.push_back(std::move(s));
  }
  return result;
}

void ExecutorImpl::ScheduleReady(RunState* s, std::vector<TaggedNode>* ready,
                                 NodeQueue* inline_ready) {
  ThreadPool* pool = options.inter_op_pool;
  const TaggedNode* curr_expensive = nullptr;
  for (const TaggedNode& tn : *ready) {
    const ExecItem& item = graph.items[tn.item];
    if (tn.dead || !item.expensive || pool == nullptr) {
      inline_ready->push_back(tn);
    } else {
      if (curr_expensive != nullptr) {
        TaggedNode t = *curr_expensive;
        pool->Schedule([this, s, t] { ProcessOnPool(s, t); });
      }
      curr_expensive = &tn;
    }
  }
  // Keep the last expensive node on this thread when nothing else is queued here.
  if (curr_expensive != nullptr) {
    if (inline_ready->empty()) {
      inline_ready->push_back(*curr_expensive);
    } else {
      TaggedNode t = *curr_expensive;
      pool->Schedule([this, s, t] { ProcessOnPool(s, t); });
    }
  }
  ready->clear();
}

// TFCLASSIC_LOG_DEVICE_COPIES=1 prints every copy between host and device the executor makes
// (to find host-side ops in the middle of GPU work).
bool LogCopies() {
  static const bool on = [] {
    const char* v = std::getenv("TFCLASSIC_LOG_DEVICE_COPIES");
    return v != nullptr && v[0] == '1';
  }();
  return on;
}

// Whether input i of a kernel item must be in its device's memory (GPU kernels, except the
// arguments they keep on the host and the types that only exist on the host).
bool WantsDeviceMemory(const ExecItem& item, int i, DataType dtype) {
  if (!item.device_memory || item.input_on_host[i]) return false;
  return dtype != DT_STRING && dtype != DT_RESOURCE && dtype != ::tensorflow::DT_VARIANT;
}

Status ExecutorImpl::PrepareInputs(const ExecItem& item, Entry* first,
                                   std::vector<TensorValue>* inputs) {
  inputs->resize(item.num_inputs);
  for (int i = 0; i < item.num_inputs; ++i) {
    Entry& e = first[i];
    TensorValue& in = (*inputs)[i];
    if (!e.has_value) {
      in = TensorValue{};
      continue;
    }
    if (e.ref != nullptr) {
      bool initialized;
      {
        std::lock_guard<std::mutex> l(*e.ref_mu);
        initialized = e.ref->IsInitialized();
      }
      if (!initialized && !item.allows_uninitialized_input) {
        std::string input_name = item.kernel ? item.kernel->def().input(i) : item.name;
        return errors::FailedPrecondition("Attempting to use uninitialized value ", input_name);
      }
      if (item.input_is_ref[i]) {
        if (initialized && e.ref->NumElements() > 0 &&
            e.ref->OnDevice() != WantsDeviceMemory(item, i, e.ref->dtype())) {
          return errors::Internal("Input ", i, " of node ", item.name,
                                  " is a reference to a tensor in another device's memory; "
                                  "a variable and the ops that update it must share a device");
        }
        in = TensorValue{e.ref, e.ref_mu};
        continue;
      }
      // A value consumer of a reference gets the tensor as it is now (sharing its buffer).
      {
        std::lock_guard<std::mutex> l(*e.ref_mu);
        e.val = *e.ref;
      }
      e.ref = nullptr;
      e.ref_mu = nullptr;
    } else if (item.input_is_ref[i]) {
      std::string input_name = item.kernel ? item.kernel->def().input(i) : item.name;
      return errors::InvalidArgument("Input ", i, " of node ", item.name,
                                     " expects a reference, but ", input_name,
                                     " was fed a value");
    }
    if (e.val.NumElements() > 0) {
      const bool want_device = WantsDeviceMemory(item, i, e.val.dtype());
      if (e.val.OnDevice() && !want_device) {
        if (LogCopies()) std::fprintf(stderr, "copy to host: input %d of %s\n", i, item.name.c_str());
        TFC_RETURN_IF_ERROR(CopyTensorToHost(e.val, &e.val));
      } else if (!e.val.OnDevice() && want_device) {
        if (LogCopies()) std::fprintf(stderr, "copy to GPU: input %d of %s\n", i, item.name.c_str());
        TFC_RETURN_IF_ERROR(CopyTensorToDevice(e.val, item.device->GetAllocator(), &e.val));
      }
    }
    in = TensorValue{&e.val, nullptr};
  }
  return OkStatus();
}

void ExecutorImpl::ProcessOnPool(RunState* s, TaggedNode tn) {
  Scratch scratch;
  scratch.inline_ready.push_back(tn);
  Process(s, &scratch);
}

void ExecutorImpl::Process(RunState* s, Scratch* scratch) {
  NodeQueue& inline_ready = scratch->inline_ready;
  std::vector<TaggedNode>& ready = scratch->ready;
  std::vector<TensorValue>& inputs = scratch->inputs;
  std::vector<Entry>& outs = scratch->outs;
  while (!inline_ready.empty()) {
    TaggedNode tn = inline_ready.pop_front();
    const ExecItem& item = graph.items[tn.item];
    if (s->aborted.load(std::memory_order_relaxed)) {
      ready.clear();
      if (NodeDone(s, OkStatus(), &ready, &inline_ready)) return;
      continue;
    }
    Entry* in_entries = tn.iter_state->inputs.data() + item.input_start;
    outs.resize(item.num_outputs);
    for (int i = 0; i < item.num_outputs; ++i) outs[i].Clear();
    Status status;
    if (item.is_control_trigger) tn.dead = false;

    if (item.kind == ExecItem::kArg) {
      const Tensor& fed = (*s->feeds)[item.index];
      if (item.device_memory && fed.NumElements() > 0) {
        if (LogCopies()) std::fprintf(stderr, "copy to GPU: fed %s\n", item.name.c_str());
        status = CopyTensorToDevice(fed, item.device->GetAllocator(), &outs[0].val);
      } else {
        outs[0].val = fed;
      }
      outs[0].has_value = status.ok();
    } else if (item.kind == ExecItem::kRetval) {
      if (!tn.dead) {
        Entry& e = in_entries[0];
        if (e.ref != nullptr) {
          std::lock_guard<std::mutex> l(*e.ref_mu);
          if (e.ref->IsInitialized()) {
            status = CopyTensorToHost(*e.ref, &(*s->outputs)[item.index]);
          } else {
            status = errors::FailedPrecondition("Attempting to use uninitialized value ",
                                                item.fetch_input, "\n\t [[{{node ", item.name,
                                                "}}]]");
          }
        } else if (e.val.OnDevice()) {
          status = CopyTensorToHost(e.val, &(*s->outputs)[item.index]);
        } else {
          (*s->outputs)[item.index] = std::move(e.val);
        }
      }
    } else if (!tn.dead) {
      status = PrepareInputs(item, in_entries, &inputs);
      if (status.ok()) {
        OpKernelContext::Params params;
        params.step_id = s->step_id;
        params.device = item.device;
        if (item.device_memory) params.output_on_host = &item.output_on_host;
        params.resource_manager = options.resource_manager;
        params.op_kernel = item.kernel;
        params.inputs = &inputs;
        params.frame_iter = &tn;
        OpKernelContext ctx(&params);
        // A kernel that throws (std::bad_alloc from a huge temporary, a stray bounds check)
        // would otherwise terminate the process when it runs on a pool thread.
        try {
          std::mutex* exclusive = item.device != nullptr ? item.device->compute_mutex() : nullptr;
          if (exclusive != nullptr) {
            std::lock_guard<std::mutex> l(*exclusive);
            item.kernel->Compute(&ctx);
          } else {
            item.kernel->Compute(&ctx);
          }
          status = ctx.status();
        } catch (const std::bad_alloc&) {
          status = errors::ResourceExhausted("OOM in kernel of node ", item.name,
                                             ": memory allocation failed");
        } catch (const std::exception& ex) {
          status = errors::Internal("Kernel of node ", item.name, " threw: ", ex.what());
        }
        if (status.ok()) {
          const auto& kouts = ctx.outputs();
          for (int i = 0; i < item.num_outputs; ++i) {
            const TensorValue& tv = kouts[i];
            if (tv.tensor == nullptr) continue;
            Entry& o = outs[i];
            o.has_value = true;
            if (tv.is_ref()) {
              o.ref = tv.tensor;
              o.ref_mu = tv.mutex_if_ref;
            } else {
              if (tv.tensor->dtype() != item.output_types[i]) {
                status = errors::Internal("Output ", i, " of type ",
                                          DataTypeString(tv.tensor->dtype()),
                                          " does not match declared output type ",
                                          DataTypeString(item.output_types[i]), " for node ",
                                          item.name);
                break;
              }
              o.val = std::move(ctx.output_storage()[i]);
              if (tv.tensor != &ctx.output_storage()[i]) o.val = *tv.tensor;
            }
          }
        }
      }
      if (!status.ok()) {
        status = Status(status.code(), status.message() + "\n\t [[{{node " + item.name + "}}]]");
      }
    }
    for (int i = 0; i < item.num_inputs; ++i) in_entries[i].Clear();

    ready.clear();
    if (status.ok()) {
      std::lock_guard<std::mutex> l(s->mu);
      PropagateOutputs(s, tn, outs.data(), &ready);
    }
    for (int i = 0; i < item.num_outputs; ++i) outs[i].Clear();
    if (NodeDone(s, status, &ready, &inline_ready)) return;
  }
}

bool ExecutorImpl::NodeDone(RunState* s, const Status& status, std::vector<TaggedNode>* ready,
                            NodeQueue* inline_ready) {
  if (!status.ok()) {
    {
      std::lock_guard<std::mutex> l(s->mu);
      s->status.Update(status);
    }
    s->aborted.store(true, std::memory_order_relaxed);
    ready->clear();
  }
  const int64_t n = static_cast<int64_t>(ready->size());
  bool completed = false;
  if (n == 0) {
    completed = s->num_outstanding.fetch_sub(1, std::memory_order_acq_rel) == 1;
  } else {
    if (n > 1) s->num_outstanding.fetch_add(n - 1, std::memory_order_relaxed);
    ScheduleReady(s, ready, inline_ready);
  }
  if (completed) {
    std::lock_guard<std::mutex> l(s->mu);
    s->done = true;
    s->cv.notify_all();
  }
  return completed;
}

void ExecutorImpl::ActivateNodes(const ExecItem& item, bool src_dead, const Entry* outs,
                                 FrameState* frame, IterationState* st, int64_t iter,
                                 std::vector<TaggedNode>* ready) {
  for (const ExecEdge& e : item.out_edges) {
    const ExecItem& dst = graph.items[e.dst];
    const int local = dst.local;
    const bool is_control = e.src_slot == kControlSlot;
    bool dst_ready = false, dst_dead = false, need_input = false;
    if (dst.is_merge) {
      if (is_control) {
        st->pending[local] -= 2;
        const int count = st->pending[local];
        dst_dead = st->dead[local] == dst.num_inputs;
        dst_ready = count == 0 || (count == 1 && dst_dead);
      } else if (outs[e.src_slot].has_value) {
        // Only the first live input is used; the low bit says none has come yet.
        const int count = st->pending[local];
        need_input = (count & 1) == 1;
        dst_ready = count == 1;
        st->pending[local] = count & ~1;
      } else {
        // A dead Enter kills the Merge at once: a loop on an untaken cond branch.
        const int dead = ++st->dead[local];
        dst_dead = dead == dst.num_inputs || item.is_enter;
        dst_ready = st->pending[local] == 1 && dst_dead;
      }
    } else {
      const bool input_dead = src_dead || (!is_control && !outs[e.src_slot].has_value);
      if (input_dead) ++st->dead[local];
      need_input = !is_control && !input_dead;
      dst_ready = --st->pending[local] == 0;
      dst_dead = st->dead[local] > 0;
    }
    if (need_input) {
      const Entry& src = outs[e.src_slot];
      Entry& slot = st->inputs[dst.input_start + e.dst_slot];
      slot.val = src.val;
      slot.ref = src.ref;
      slot.ref_mu = src.ref_mu;
      slot.has_value = true;
    }
    if (dst_ready) {
      ready->push_back(TaggedNode{e.dst, frame, st, iter, dst_dead});
      st->outstanding_ops++;
    }
  }
}

FrameState* ExecutorImpl::FindOrCreateChildFrame(RunState* s, FrameState* frame, int64_t iter,
                                                 const ExecItem& enter) {
  auto key = std::make_pair(iter, enter.child_frame);
  auto it = frame->children.find(key);
  if (it != frame->children.end()) return it->second.get();
  const StaticFrame& sf = graph.frames[enter.child_frame];
  auto child = std::make_unique<FrameState>();
  child->sf = enter.child_frame;
  child->parent = frame;
  child->parent_iter = iter;
  child->max_parallel = sf.parallel_iterations;
  child->num_pending_inputs = sf.num_enters;
  child->iters.push_back(std::make_unique<IterationState>());
  child->iters[0]->Reset(sf);
  frame->iter(iter)->outstanding_frames++;
  FrameState* raw = child.get();
  frame->children.emplace(key, std::move(child));
  return raw;
}

void ExecutorImpl::IncrementIteration(FrameState* f, std::vector<TaggedNode>* ready) {
  f->iteration_count++;
  const int64_t next = f->iteration_count;
  auto st = std::make_unique<IterationState>();
  st->Reset(graph.frames[f->sf]);
  IterationState* raw = st.get();
  f->iters.push_back(std::move(st));
  f->num_outstanding_iterations++;
  f->dead_exits.clear();
  std::vector<std::pair<int, Entry>> roots;
  roots.swap(f->next_iter_roots);
  for (auto& [item, entry] : roots) {
    ActivateNodes(graph.items[item], false, &entry, f, raw, next, ready);
  }
  for (auto& [item, entry] : f->inv_values) {
    ActivateNodes(graph.items[item], !entry.has_value, &entry, f, raw, next, ready);
  }
}

bool ExecutorImpl::IsIterationDone(FrameState* f, int64_t iter) {
  if (iter < f->first_iter || iter > f->iteration_count) return false;
  IterationState* st = f->iter(iter);
  if (st->outstanding_ops != 0 || st->outstanding_frames != 0) return false;
  if (iter == 0) return f->num_pending_inputs == 0;
  return iter == f->first_iter;  // the previous iteration is gone
}

void ExecutorImpl::CleanupIterations(FrameState* f, int64_t iter,
                                     std::vector<TaggedNode>* ready) {
  int64_t curr = iter;
  while (IsIterationDone(f, curr)) {
    f->iters.pop_front();
    f->first_iter++;
    f->num_outstanding_iterations--;
    ++curr;
    if (!f->next_iter_roots.empty()) IncrementIteration(f, ready);
  }
}

// Called under s->mu after something in (f, iter) finished: retires finished iterations, and
// when the whole frame is done hands its dead Exits to the parent and retires it there too.
void ExecutorImpl::MaybeFinishFrame(RunState* s, FrameState* f, int64_t iter,
                                    std::vector<TaggedNode>* ready) {
  while (f->parent != nullptr) {
    CleanupIterations(f, iter, ready);
    if (f->num_pending_inputs != 0 || f->num_outstanding_iterations != 0) return;
    FrameState* parent = f->parent;
    const int64_t piter = f->parent_iter;
    IterationState* pst = parent->iter(piter);
    std::vector<Entry> dead_outs;
    for (int exit_item : f->dead_exits) {
      const ExecItem& ex = graph.items[exit_item];
      dead_outs.assign(ex.num_outputs, Entry());
      ActivateNodes(ex, true, dead_outs.data(), parent, pst, piter, ready);
    }
    pst->outstanding_frames--;
    parent->children.erase(std::make_pair(piter, f->sf));
    f = parent;
    iter = piter;
  }
}

void ExecutorImpl::PropagateOutputs(RunState* s, const TaggedNode& tn, Entry* outs,
                                    std::vector<TaggedNode>* ready) {
  const ExecItem& item = graph.items[tn.item];
  FrameState* frame = tn.frame;
  const int64_t iter = tn.iter;
  if (item.is_enter) {
    FrameState* child = FindOrCreateChildFrame(s, frame, iter, item);
    if (item.is_constant_enter) {
      child->inv_values.emplace_back(tn.item, outs[0]);
      for (int64_t i = child->first_iter; i <= child->iteration_count; ++i) {
        ActivateNodes(item, tn.dead, outs, child, child->iter(i), i, ready);
      }
    } else {
      ActivateNodes(item, tn.dead, outs, child, child->iter(0), 0, ready);
    }
    child->num_pending_inputs--;
    MaybeFinishFrame(s, child, 0, ready);
  } else if (item.is_exit) {
    if (tn.dead) {
      if (iter == frame->iteration_count) frame->dead_exits.push_back(tn.item);
    } else {
      FrameState* parent = frame->parent;
      ActivateNodes(item, false, outs, parent, parent->iter(frame->parent_iter),
                    frame->parent_iter, ready);
    }
  } else if (item.is_next_iteration) {
    // A dead NextIteration ends deadness here: the next iteration never starts.
    if (!tn.dead && outs[0].has_value) {
      if (iter == frame->iteration_count &&
          frame->num_outstanding_iterations >= frame->max_parallel) {
        frame->next_iter_roots.emplace_back(tn.item, outs[0]);
      } else {
        if (iter == frame->iteration_count) IncrementIteration(frame, ready);
        ActivateNodes(item, false, outs, frame, frame->iter(iter + 1), iter + 1, ready);
      }
    }
  } else {
    ActivateNodes(item, tn.dead, outs, frame, tn.iter_state, iter, ready);
  }
  tn.iter_state->outstanding_ops--;
  if (frame->parent != nullptr) MaybeFinishFrame(s, frame, iter, ready);
}

// ---- Executor --------------------------------------------------------------------------------
Status Executor::Create(const ExecutorOptions& options, const std::vector<const Node*>& nodes,
                        const ExecutorSignature& signature, std::unique_ptr<Executor>* out) {
  if (options.device == nullptr) return errors::Internal("Executor needs a device");
  auto impl = std::make_unique<ExecutorImpl>();
  impl->options = options;
  TFC_RETURN_IF_ERROR(BuildExecutorGraph(options, nodes, signature, &impl->graph));
  std::unique_ptr<Executor> e(new Executor);
  e->impl_ = std::move(impl);
  *out = std::move(e);
  return OkStatus();
}

Executor::~Executor() = default;

Status Executor::Run(const std::vector<Tensor>& feeds, std::vector<Tensor>* outputs,
                     int64_t step_id) {
  return impl_->Run(feeds, outputs, step_id);
}

int Executor::num_graph_nodes() const { return impl_->graph.num_graph_nodes; }

}  // namespace tfc
