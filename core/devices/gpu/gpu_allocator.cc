#include "core/devices/gpu/gpu_allocator.h"

#include <cstring>

#include "core/devices/gpu/gpu_device.h"

namespace tfc {

cudaError_t UseCudaDevice(int cuda_ordinal) {
  thread_local int current = -1;
  if (current == cuda_ordinal) return cudaSuccess;
  cudaError_t err = cudaSetDevice(cuda_ordinal);
  if (err == cudaSuccess) current = cuda_ordinal;
  return err;
}

bool PinnedStaging::Copy(const void* src, void* dst, size_t n, cudaStream_t stream) {
  if (n > kCapacity / 4) return false;
  std::lock_guard<std::mutex> l(mu_);
  if (!tried_) {
    tried_ = true;
    if (cudaHostAlloc(reinterpret_cast<void**>(&base_), kCapacity, cudaHostAllocPortable) !=
        cudaSuccess) {
      cudaGetLastError();
      base_ = nullptr;
    }
  }
  if (base_ == nullptr) return false;
  const size_t size = (n + 255) / 256 * 256;
  if (head_ + size > kCapacity) head_ = 0;
  const size_t begin = head_, end = head_ + size;
  // Regions still being copied that overlap [begin, end) must finish first; finished ones at
  // the front are recycled on the way.
  for (auto it = pending_.begin(); it != pending_.end();) {
    const bool overlaps = it->begin < end && begin < it->end;
    if (overlaps) cudaEventSynchronize(it->done);
    if (overlaps || cudaEventQuery(it->done) == cudaSuccess) {
      spare_events_.push_back(it->done);
      it = pending_.erase(it);
    } else {
      ++it;
    }
  }
  cudaGetLastError();  // cudaEventQuery's cudaErrorNotReady is not an error
  cudaEvent_t done;
  if (!spare_events_.empty()) {
    done = spare_events_.back();
    spare_events_.pop_back();
  } else if (cudaEventCreateWithFlags(&done, cudaEventDisableTiming) != cudaSuccess) {
    cudaGetLastError();
    return false;
  }
  std::memcpy(base_ + begin, src, n);
  if (cudaMemcpyAsync(dst, base_ + begin, n, cudaMemcpyHostToDevice, stream) != cudaSuccess ||
      cudaEventRecord(done, stream) != cudaSuccess) {
    cudaGetLastError();
    // The copy may still be queued: wait for it before anyone reuses the region.
    cudaStreamSynchronize(stream);
    spare_events_.push_back(done);
    return false;
  }
  pending_.push_back(Region{begin, end, done});
  head_ = end;
  return true;
}

GpuAllocator::GpuAllocator(int tf_index, int cuda_ordinal, cudaStream_t stream,
                           cudaMemPool_t pool, int64_t limit)
    : name_("GPU_" + std::to_string(tf_index) + "_bfc"), cuda_ordinal_(cuda_ordinal),
      stream_(stream), pool_(pool), limit_(limit) {}

namespace {
// Sizes are rounded so that blocks of nearly the same size share a free list.
size_t RoundedSize(size_t n) {
  if (n <= 512) return 512;
  if (n <= (1 << 20)) return (n + 511) / 512 * 512;
  return (n + (64 << 10) - 1) / (64 << 10) * (64 << 10);
}
}  // namespace

void* GpuAllocator::TakeCached(size_t size) {
  std::lock_guard<std::mutex> l(cache_mu_);
  auto it = cached_.find(size);
  if (it == cached_.end() || it->second.empty()) return nullptr;
  void* p = it->second.back();
  it->second.pop_back();
  return p;
}

void GpuAllocator::ReleaseCached() {
  std::lock_guard<std::mutex> l(cache_mu_);
  for (auto& [size, blocks] : cached_) {
    for (void* p : blocks) cudaFreeAsync(p, stream_);
    blocks.clear();
  }
}

void* GpuAllocator::AllocateRaw(size_t alignment, size_t num_bytes) {
  // Blocks from the pool are at least 256-byte aligned, more than any kernel asks for.
  const size_t n = RoundedSize(num_bytes);
  const int64_t now = in_use_.fetch_add(static_cast<int64_t>(num_bytes)) +
                      static_cast<int64_t>(num_bytes);
  if (now > limit_ || UseCudaDevice(cuda_ordinal_) != cudaSuccess) {
    in_use_.fetch_sub(static_cast<int64_t>(num_bytes));
    return nullptr;
  }
  void* p = TakeCached(n);
  if (p == nullptr && cudaMallocFromPoolAsync(&p, n, pool_, stream_) != cudaSuccess) {
    cudaGetLastError();  // out of memory is not sticky: clear it
    ReleaseCached();
    p = nullptr;
    if (cudaMallocFromPoolAsync(&p, n, pool_, stream_) != cudaSuccess) {
      cudaGetLastError();
      p = nullptr;
    }
  }
  if (p == nullptr) {
    in_use_.fetch_sub(static_cast<int64_t>(num_bytes));
    return nullptr;
  }
  num_allocs_.fetch_add(1, std::memory_order_relaxed);
  int64_t peak = peak_.load(std::memory_order_relaxed);
  while (now > peak && !peak_.compare_exchange_weak(peak, now, std::memory_order_relaxed)) {}
  int64_t largest = largest_.load(std::memory_order_relaxed);
  while (static_cast<int64_t>(num_bytes) > largest &&
         !largest_.compare_exchange_weak(largest, num_bytes, std::memory_order_relaxed)) {}
  return p;
}

void GpuAllocator::DeallocateRaw(void* ptr, size_t num_bytes) {
  if (ptr == nullptr) return;
  in_use_.fetch_sub(static_cast<int64_t>(num_bytes), std::memory_order_relaxed);
  // Kernels still queued may read the block: it is reused only by work queued after them on
  // the same stream, which is every use this allocator serves.
  std::lock_guard<std::mutex> l(cache_mu_);
  cached_[RoundedSize(num_bytes)].push_back(ptr);
}

AllocatorStats GpuAllocator::GetStats() const {
  AllocatorStats s;
  s.num_allocs = num_allocs_.load();
  s.bytes_in_use = in_use_.load();
  s.peak_bytes_in_use = peak_.load();
  s.largest_alloc_size = largest_.load();
  s.bytes_limit = limit_;
  return s;
}

void GpuAllocator::ClearStats() {
  num_allocs_ = 0;
  peak_ = in_use_.load();
  largest_ = 0;
}

Status GpuAllocator::CopyToHost(const void* src, void* dst, size_t n) {
  if (n == 0) return OkStatus();
  cudaError_t err = UseCudaDevice(cuda_ordinal_);
  if (err == cudaSuccess) err = cudaMemcpyAsync(dst, src, n, cudaMemcpyDeviceToHost, stream_);
  if (err == cudaSuccess) err = cudaStreamSynchronize(stream_);
  return err == cudaSuccess ? OkStatus() : CudaErrorStatus(err, "copying a tensor to the host");
}

Status GpuAllocator::CopyFromHost(const void* src, void* dst, size_t n) {
  if (n == 0) return OkStatus();
  cudaError_t err = UseCudaDevice(cuda_ordinal_);
  if (err == cudaSuccess && staging_.Copy(src, dst, n, stream_)) return OkStatus();
  // From pageable memory the call returns once the bytes are staged: src may be freed after.
  if (err == cudaSuccess) err = cudaMemcpyAsync(dst, src, n, cudaMemcpyHostToDevice, stream_);
  return err == cudaSuccess ? OkStatus() : CudaErrorStatus(err, "copying a tensor to the GPU");
}

Status GpuAllocator::CopyWithinDevice(const void* src, void* dst, size_t n) {
  if (n == 0) return OkStatus();
  cudaError_t err = UseCudaDevice(cuda_ordinal_);
  if (err == cudaSuccess) err = cudaMemcpyAsync(dst, src, n, cudaMemcpyDeviceToDevice, stream_);
  return err == cudaSuccess ? OkStatus() : CudaErrorStatus(err, "copying a tensor on the GPU");
}

}  // namespace tfc
