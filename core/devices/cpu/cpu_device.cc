#include "core/devices/cpu/cpu_device.h"

#include <map>
#include <mutex>
#include <string>

namespace tfc {

ThreadPool* SharedThreadPool(const char* name, int num_threads) {
  static std::mutex mu;
  // Never destroyed: worker threads must outlive static destructors that may still run ops.
  static auto* pools = new std::map<std::pair<std::string, int>, std::unique_ptr<ThreadPool>>;
  if (num_threads <= 0) num_threads = DefaultNumThreads();
  std::lock_guard<std::mutex> l(mu);
  auto& slot = (*pools)[{name, num_threads}];
  if (!slot) slot = std::make_unique<ThreadPool>(name, num_threads);
  return slot.get();
}

std::unique_ptr<Device> NewCpuDevice(int intra_op_threads) {
  return std::make_unique<Device>(kCpuDeviceName, DEVICE_CPU, cpu_allocator(),
                                  SharedThreadPool("intra_op", intra_op_threads));
}

}  // namespace tfc
