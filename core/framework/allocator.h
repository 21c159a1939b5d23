#pragma once
// Allocators hand out aligned memory and keep statistics (bytes in use, peak).
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <string>

namespace tfc {

constexpr size_t kAllocatorAlignment = 64;

struct AllocatorStats {
  int64_t num_allocs = 0;
  int64_t bytes_in_use = 0;
  int64_t peak_bytes_in_use = 0;
  int64_t largest_alloc_size = 0;
};

class Allocator {
 public:
  virtual ~Allocator() = default;
  virtual std::string Name() const = 0;
  // Returns nullptr when memory is exhausted; never throws.
  virtual void* AllocateRaw(size_t alignment, size_t num_bytes) = 0;
  virtual void DeallocateRaw(void* ptr, size_t num_bytes) = 0;
  virtual AllocatorStats GetStats() const = 0;
  virtual void ClearStats() = 0;
};

// The process-wide CPU allocator; statistics are always kept (they are cheap atomics).
Allocator* cpu_allocator();

}  // namespace tfc
