#pragma once
// A thread pool (Eigen's non-blocking pool underneath) with TF-style ParallelFor sharding.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace Eigen {
class ThreadPoolInterface;
}

namespace tfc {

class ThreadPool {
 public:
  ThreadPool(std::string name, int num_threads);
  ~ThreadPool();
  int NumThreads() const;
  void Schedule(std::function<void()> fn);
  // Splits [0, total) into shards sized by cost_per_unit (roughly, cycles per unit) and runs
  // fn(begin, end) on them, the calling thread included; returns when all are done.
  void ParallelFor(int64_t total, int64_t cost_per_unit,
                   const std::function<void(int64_t, int64_t)>& fn);
  // Index of the current thread in this pool, or -1 for a thread outside it.
  int CurrentThreadId() const;
  Eigen::ThreadPoolInterface* AsEigenThreadPool();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Default thread count: the number of cores this process may use.
int DefaultNumThreads();

}  // namespace tfc
