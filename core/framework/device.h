#pragma once
// A device kernels run on: its TF-style name, type, allocator and intra-op thread pool.
#include <mutex>
#include <string>

#include "core/framework/allocator.h"
#include "core/framework/status.h"
#include "core/framework/thread_pool.h"

namespace tfc {

constexpr char DEVICE_CPU[] = "CPU";
constexpr char DEVICE_GPU[] = "GPU";

class Device {
 public:
  Device(std::string name, std::string type, Allocator* allocator, ThreadPool* intra_op_pool)
      : name_(std::move(name)), type_(std::move(type)), allocator_(allocator),
        intra_op_pool_(intra_op_pool) {}
  virtual ~Device() = default;

  // "/job:localhost/replica:0/task:0/device:CPU:0"
  const std::string& name() const { return name_; }
  const std::string& device_type() const { return type_; }
  Allocator* GetAllocator() const { return allocator_; }
  ThreadPool* intra_op_pool() const { return intra_op_pool_; }
  // Waits until all work queued on the device has finished.
  virtual Status Sync() { return OkStatus(); }
  // Held by the executor around each kernel of a device whose library handles (cuBLAS, cuDNN)
  // must not be used from two threads at once; null where kernels may run concurrently.
  virtual std::mutex* compute_mutex() { return nullptr; }

 protected:
  void set_allocator(Allocator* a) { allocator_ = a; }

 private:
  std::string name_, type_;
  Allocator* allocator_;
  ThreadPool* intra_op_pool_;
};

}  // namespace tfc
