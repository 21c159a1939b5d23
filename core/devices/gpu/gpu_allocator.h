#pragma once
// A GPU's allocator: blocks from CUDA's stream-ordered memory pool (cudaMallocFromPoolAsync),
// kept on free lists by size once freed and handed out again without a CUDA call (a training
// step frees and allocates the same sizes every time), under a byte limit of our own (TF's
// per_process_gpu_memory_fraction). When the pool runs dry the free lists go back to it first.
// Allocation and free are ordered on the device's compute stream, which every kernel of the
// device uses: a block freed while kernels that read it are still queued is reused only by work
// queued after them.
#include <cuda_runtime_api.h>

#include <atomic>
#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/framework/allocator.h"

namespace tfc {

// A ring of pinned host memory for small host-to-device copies. From pageable memory a copy may
// wait for everything queued on the stream first; staged through pinned memory it is queued
// like a kernel. A region is reused once the event recorded after its copy has passed.
class PinnedStaging {
 public:
  // Copies n bytes of host memory at src to the device at dst on `stream`; false when the copy
  // is too large for the ring (or pinned memory is unavailable) and must go the plain way.
  bool Copy(const void* src, void* dst, size_t n, cudaStream_t stream);

 private:
  struct Region {
    size_t begin, end;
    cudaEvent_t done;
  };
  static constexpr size_t kCapacity = 32 << 20;
  std::mutex mu_;
  bool tried_ = false;
  char* base_ = nullptr;
  size_t head_ = 0;
  std::deque<Region> pending_;
  std::vector<cudaEvent_t> spare_events_;
};

class GpuAllocator final : public Allocator {
 public:
  GpuAllocator(int tf_index, int cuda_ordinal, cudaStream_t stream, cudaMemPool_t pool,
               int64_t limit);
  std::string Name() const override { return name_; }
  void* AllocateRaw(size_t alignment, size_t num_bytes) override;
  void DeallocateRaw(void* ptr, size_t num_bytes) override;
  AllocatorStats GetStats() const override;
  void ClearStats() override;

  bool IsDeviceMemory() const override { return true; }
  Status CopyToHost(const void* src, void* dst, size_t n) override;
  Status CopyFromHost(const void* src, void* dst, size_t n) override;
  Status CopyWithinDevice(const void* src, void* dst, size_t n) override;

  int64_t limit() const { return limit_; }

 private:
  std::string name_;
  int cuda_ordinal_;
  cudaStream_t stream_;
  cudaMemPool_t pool_;
  int64_t limit_;
  PinnedStaging staging_;
  // Freed blocks by rounded size, for reuse on the same stream.
  void* TakeCached(size_t size);
  void ReleaseCached();
  std::mutex cache_mu_;
  std::unordered_map<size_t, std::vector<void*>> cached_;
  std::atomic<int64_t> num_allocs_{0}, in_use_{0}, peak_{0}, largest_{0};
};

// Makes `cuda_ordinal` current on the calling thread; remembers it per thread.
cudaError_t UseCudaDevice(int cuda_ordinal);

}  // namespace tfc
