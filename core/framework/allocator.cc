#include "core/framework/allocator.h"

#include <cstdint>
#include <cstdlib>
#include <mutex>
#include <unordered_map>
#include <vector>

namespace tfc {
namespace {

class CpuAllocator final : public Allocator {
 public:
  std::string Name() const override { return "cpu"; }

  void* AllocateRaw(size_t alignment, size_t num_bytes) override {
    if (alignment < sizeof(void*)) alignment = sizeof(void*);
    if (num_bytes > SIZE_MAX - alignment) return nullptr;  // rounding up would wrap
    size_t rounded = (num_bytes + alignment - 1) / alignment * alignment;
    if (rounded == 0) rounded = alignment;
    void* p = nullptr;
    if (Cacheable(alignment, num_bytes)) {
      rounded = CachedSize(num_bytes);
      p = TakeCached(rounded);
      if (p == nullptr) p = std::aligned_alloc(kAllocatorAlignment, rounded);
    } else {
      p = std::aligned_alloc(alignment, rounded);
    }
    if (p == nullptr) return nullptr;
    num_allocs_.fetch_add(1, std::memory_order_relaxed);
    int64_t now = in_use_.fetch_add(num_bytes, std::memory_order_relaxed) + num_bytes;
    int64_t peak = peak_.load(std::memory_order_relaxed);
    while (now > peak && !peak_.compare_exchange_weak(peak, now, std::memory_order_relaxed)) {}
    int64_t largest = largest_.load(std::memory_order_relaxed);
    while (static_cast<int64_t>(num_bytes) > largest &&
           !largest_.compare_exchange_weak(largest, num_bytes, std::memory_order_relaxed)) {}
    return p;
  }

  void DeallocateRaw(void* ptr, size_t num_bytes) override {
    if (ptr == nullptr) return;
    in_use_.fetch_sub(num_bytes, std::memory_order_relaxed);
    if (num_bytes >= kCacheMin && PutCached(ptr, CachedSize(num_bytes))) return;
    std::free(ptr);
  }

  AllocatorStats GetStats() const override {
    AllocatorStats s;
    s.num_allocs = num_allocs_.load();
    s.bytes_in_use = in_use_.load();
    s.peak_bytes_in_use = peak_.load();
    s.largest_alloc_size = largest_.load();
    return s;
  }

  void ClearStats() override {
    num_allocs_ = 0;
    peak_ = in_use_.load();
    largest_ = 0;
  }

 private:
  // Large blocks (im2col buffers, activations) are kept for reuse up to a total of kCacheMax:
  // glibc maps blocks this size fresh and unmaps them on free, so each training step would
  // otherwise fault every page of them in again. Sizes are rounded so that blocks of nearly
  // the same size share a list.
  static constexpr size_t kCacheMin = size_t{1} << 20;
  static constexpr size_t kCacheMax = size_t{512} << 20;
  static bool Cacheable(size_t alignment, size_t n) {
    return n >= kCacheMin && alignment <= kAllocatorAlignment && n <= kCacheMax;
  }
  static size_t CachedSize(size_t n) {
    constexpr size_t kGrain = 64 << 10;
    return (n + kGrain - 1) / kGrain * kGrain;
  }
  void* TakeCached(size_t size) {
    std::lock_guard<std::mutex> l(cache_mu_);
    auto it = cache_.find(size);
    if (it == cache_.end() || it->second.empty()) return nullptr;
    void* p = it->second.back();
    it->second.pop_back();
    cached_bytes_ -= size;
    return p;
  }
  bool PutCached(void* p, size_t size) {
    if (size > kCacheMax) return false;
    std::lock_guard<std::mutex> l(cache_mu_);
    if (cached_bytes_ + size > kCacheMax) return false;
    cache_[size].push_back(p);
    cached_bytes_ += size;
    return true;
  }

  std::atomic<int64_t> num_allocs_{0}, in_use_{0}, peak_{0}, largest_{0};
  std::mutex cache_mu_;
  std::unordered_map<size_t, std::vector<void*>> cache_;
  size_t cached_bytes_ = 0;
};

}  // namespace

Allocator* cpu_allocator() {
  static Allocator* a = new CpuAllocator;
  return a;
}

}  // namespace tfc
