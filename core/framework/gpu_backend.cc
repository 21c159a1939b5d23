#include "core/framework/gpu_backend.h"

namespace tfc {
namespace {
GpuBackend*& Slot() {
  static GpuBackend* backend = nullptr;
  return backend;
}
}  // namespace

GpuBackend* RegisteredGpuBackend() { return Slot(); }
void RegisterGpuBackend(GpuBackend* backend) { Slot() = backend; }

}  // namespace tfc
