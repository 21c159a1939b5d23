#include "core/framework/allocator.h"

#include <cstdint>
#include <cstdlib>

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
    void* p = std::aligned_alloc(alignment, rounded);
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
  std::atomic<int64_t> num_allocs_{0}, in_use_{0}, peak_{0}, largest_{0};
};

}  // namespace

Allocator* cpu_allocator() {
  static Allocator* a = new CpuAllocator;
  return a;
}

}  // namespace tfc
