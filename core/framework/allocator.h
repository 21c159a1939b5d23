#pragma once
// Allocators hand out aligned memory and keep statistics (bytes in use, peak).
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/framework/status.h"

namespace tfc {

constexpr size_t kAllocatorAlignment = 64;

struct AllocatorStats {
  int64_t num_allocs = 0;
  int64_t bytes_in_use = 0;
  int64_t peak_bytes_in_use = 0;
  int64_t largest_alloc_size = 0;
  int64_t bytes_limit = 0;  // 0: no limit of its own
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

  // Device memory (a GPU's) cannot be touched on the host: the executor copies tensors in it
  // where a host-side kernel or a fetch needs them, through the copies below. They are ordered
  // after everything already queued on the device; CopyToHost returns once the bytes are there.
  virtual bool IsDeviceMemory() const { return false; }
  virtual Status CopyToHost(const void* src, void* dst, size_t n) {
    return errors::Unimplemented(Name(), " holds host memory");
  }
  virtual Status CopyFromHost(const void* src, void* dst, size_t n) {
    return errors::Unimplemented(Name(), " holds host memory");
  }
  virtual Status CopyWithinDevice(const void* src, void* dst, size_t n) {
    return errors::Unimplemented(Name(), " holds host memory");
  }
};

// The process-wide CPU allocator; statistics are always kept (they are cheap atomics).
Allocator* cpu_allocator();

}  // namespace tfc
