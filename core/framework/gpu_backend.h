#pragma once
// The seam between the CUDA-free core and the CUDA backend. A build with CUDA links
// core/devices/gpu/, which registers a GpuBackend from a static initializer; without it (or on a
// machine where it finds no usable GPU) sessions run on the CPU alone.
#include <cstdint>
#include <string>
#include <vector>

#include "core/framework/device.h"

namespace tfc {

// TF's GPUOptions that the backend honours.
struct GpuOptions {
  double per_process_gpu_memory_fraction = 0;  // 0: all of it
  bool allow_growth = false;
  std::string visible_device_list;  // "1,0": TF's GPU:i is CUDA device list[i]
};

// One GPU as device_lib and doctor describe it.
struct GpuDescription {
  int tf_index = 0;
  int cuda_ordinal = 0;
  std::string name;        // "NVIDIA H100 80GB HBM3"
  std::string pci_bus_id;  // "0000:00:05.0"
  int cc_major = 0, cc_minor = 0;
  int multiprocessors = 0;
  int64_t total_memory = 0;
  int64_t memory_limit = 0;  // what the allocator will hand out
};

class GpuBackend {
 public:
  virtual ~GpuBackend() = default;
  // The process's GPU devices, created on the first call (the first caller's options win, as in
  // TF). Empty where none is usable; then *why says why (no driver, no device ...).
  virtual std::vector<Device*> Devices(const GpuOptions& options, std::string* why) = 0;
  virtual GpuDescription Describe(const Device* gpu) const = 0;
  // "device: 0, name: ..., pci bus id: ..., compute capability: 9.0"
  virtual std::string PhysicalDescription(const Device* gpu) const = 0;
};

// Null in a CPU-only build.
GpuBackend* RegisteredGpuBackend();
void RegisterGpuBackend(GpuBackend* backend);

}  // namespace tfc
