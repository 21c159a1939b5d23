#include "core/kernels/gpu/cudnn_util.h"

#include <cstdlib>
#include <cstring>

namespace tfc {

Status CudnnStatusToStatus(const CudnnApi* dnn, cudnnStatus_t st, const char* what) {
  if (st == CUDNN_STATUS_SUCCESS) return OkStatus();
  const char* why = dnn != nullptr && dnn->cudnnGetErrorString != nullptr
                        ? dnn->cudnnGetErrorString(st)
                        : "unknown cuDNN error";
  return errors::Internal("cuDNN call failed: ", why, " in ", what);
}

bool Tf32Allowed() {
  static const bool allowed = [] {
    const char* v = std::getenv("NVIDIA_TF32_OVERRIDE");
    return v == nullptr || std::strcmp(v, "0") != 0;
  }();
  return allowed;
}

std::mutex& CudnnCallMutex() {
  static std::mutex* mu = new std::mutex;
  return *mu;
}
}  // namespace tfc
