#pragma once
// The CPU device: cpu_allocator() plus an intra-op thread pool shared by every session that asks
// for the same number of threads (TF keeps one process-wide pool too).
#include <memory>

#include "core/framework/device.h"

namespace tfc {

constexpr char kCpuDeviceName[] = "/job:localhost/replica:0/task:0/device:CPU:0";

// A process-wide pool of num_threads threads (0: DefaultNumThreads()), created on first use.
ThreadPool* SharedThreadPool(const char* name, int num_threads);

// CPU:0 with an intra-op pool of intra_op_threads threads (0: one per core).
std::unique_ptr<Device> NewCpuDevice(int intra_op_threads);

}  // namespace tfc
