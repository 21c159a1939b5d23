#pragma once
// Intrusive reference counting for resources shared between a ResourceMgr and the kernels that
// look them up (TF's core::RefCounted): a lookup hands out one reference the caller drops.
#include <atomic>
#include <cstdint>

namespace tfc {
namespace core {

class RefCounted {
 public:
  RefCounted() = default;
  RefCounted(const RefCounted&) = delete;
  RefCounted& operator=(const RefCounted&) = delete;

  void Ref() const { ref_.fetch_add(1, std::memory_order_relaxed); }
  // Drops one reference; deletes the object and returns true when it was the last.
  bool Unref() const {
    if (ref_.fetch_sub(1, std::memory_order_acq_rel) == 1) {
      delete this;
      return true;
    }
    return false;
  }
  bool RefCountIsOne() const { return ref_.load(std::memory_order_acquire) == 1; }

 protected:
  virtual ~RefCounted() = default;

 private:
  mutable std::atomic<int64_t> ref_{1};
};

// Drops the reference when the scope ends (null is allowed).
class ScopedUnref {
 public:
  explicit ScopedUnref(const RefCounted* o) : obj_(o) {}
  ~ScopedUnref() {
    if (obj_) obj_->Unref();
  }
  ScopedUnref(const ScopedUnref&) = delete;
  ScopedUnref& operator=(const ScopedUnref&) = delete;

 private:
  const RefCounted* obj_;
};

}  // namespace core
}  // namespace tfc
