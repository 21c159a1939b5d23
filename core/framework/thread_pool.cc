#include "core/framework/thread_pool.h"

#include <sched.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

#define EIGEN_USE_THREADS
#include <unsupported/Eigen/CXX11/ThreadPool>

namespace tfc {

struct ThreadPool::Impl {
  Impl(int n) : pool(n) {}
  Eigen::ThreadPool pool;
};

ThreadPool::ThreadPool(std::string /*name*/, int num_threads)
    : impl_(std::make_unique<Impl>(std::max(1, num_threads))) {}

ThreadPool::~ThreadPool() = default;

int ThreadPool::NumThreads() const { return impl_->pool.NumThreads(); }

void ThreadPool::Schedule(std::function<void()> fn) { impl_->pool.Schedule(std::move(fn)); }

int ThreadPool::CurrentThreadId() const { return impl_->pool.CurrentThreadId(); }

Eigen::ThreadPoolInterface* ThreadPool::AsEigenThreadPool() { return &impl_->pool; }

namespace {
// Below this much work (in cost units, roughly cycles) a shard is not worth a thread handoff.
constexpr int64_t kMinCostPerShard = 10000;

struct ShardState {
  std::atomic<int64_t> next{0};
  int64_t num_shards = 0;
  int64_t block = 0;
  int64_t total = 0;
  const std::function<void(int64_t, int64_t)>* fn = nullptr;
  std::mutex mu;
  std::condition_variable cv;
  int64_t done = 0;

  // Claims shards until none are left; fn is only touched after a successful claim, and the
  // caller waits for every claimed shard, so a late helper never sees a dangling fn.
  void Work() {
    int64_t finished = 0;
    for (;;) {
      int64_t s = next.fetch_add(1, std::memory_order_relaxed);
      if (s >= num_shards) break;
      int64_t b = s * block;
      int64_t e = std::min(total, b + block);
      (*fn)(b, e);
      ++finished;
    }
    if (finished > 0) {
      std::lock_guard<std::mutex> l(mu);
      done += finished;
      if (done == num_shards) cv.notify_all();
    }
  }
};
}  // namespace

void ThreadPool::ParallelFor(int64_t total, int64_t cost_per_unit,
                             const std::function<void(int64_t, int64_t)>& fn) {
  if (total <= 0) return;
  const int threads = NumThreads();
  const double work = static_cast<double>(total) * static_cast<double>(std::max<int64_t>(1, cost_per_unit));
  int64_t max_shards = static_cast<int64_t>(work / kMinCostPerShard);
  // A few shards per thread balance uneven work without much overhead.
  int64_t num_shards = std::min<int64_t>({total, max_shards, static_cast<int64_t>(threads) * 4});
  if (threads <= 1 || num_shards <= 1) {
    fn(0, total);
    return;
  }
  auto st = std::make_shared<ShardState>();
  st->block = (total + num_shards - 1) / num_shards;
  st->num_shards = (total + st->block - 1) / st->block;
  st->total = total;
  st->fn = &fn;
  const int64_t helpers = std::min<int64_t>(threads, st->num_shards - 1);
  for (int64_t i = 0; i < helpers; ++i) {
    impl_->pool.Schedule([st] { st->Work(); });
  }
  st->Work();
  std::unique_lock<std::mutex> l(st->mu);
  st->cv.wait(l, [&] { return st->done == st->num_shards; });
}

int DefaultNumThreads() {
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof(set), &set) == 0) {
    int n = CPU_COUNT(&set);
    if (n > 0) return n;
  }
  unsigned n = std::thread::hardware_concurrency();
  return n > 0 ? static_cast<int>(n) : 1;
}

}  // namespace tfc
