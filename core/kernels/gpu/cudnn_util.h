#pragma once
// cuDNN descriptors that destroy themselves (through the run-time loaded table) and the TF32
// switch (NVIDIA_TF32_OVERRIDE=0 turns TF32 off, as in TF). Free of the kernel framework, so the
// cuDNN code can be exercised on its own.
#include <cudnn.h>

#include <cstdint>
#include <mutex>

#include "core/devices/gpu/cuda_libs.h"
#include "core/framework/status.h"

namespace tfc {

// Internal "cuDNN call failed: <why> in <what>" unless st is success.
Status CudnnStatusToStatus(const CudnnApi* dnn, cudnnStatus_t st, const char* what);

#define TFC_RETURN_IF_CUDNN(DNN, EXPR) \
  TFC_RETURN_IF_ERROR(::tfc::CudnnStatusToStatus((DNN), (EXPR), #EXPR))

// One descriptor of each kind cuDNN has; Create() before use, destroyed with the object.
template <typename Handle, cudnnStatus_t (*CudnnApi::*Create)(Handle*),
          cudnnStatus_t (*CudnnApi::*Destroy)(Handle)>
class CudnnDescriptor {
 public:
  CudnnDescriptor() = default;
  CudnnDescriptor(const CudnnDescriptor&) = delete;
  CudnnDescriptor& operator=(const CudnnDescriptor&) = delete;
  ~CudnnDescriptor() {
    if (handle_ != nullptr) (dnn_->*Destroy)(handle_);
  }
  Status Init(const CudnnApi* dnn) {
    dnn_ = dnn;
    return CudnnStatusToStatus(dnn, (dnn->*Create)(&handle_), "creating a cuDNN descriptor");
  }
  Handle get() const { return handle_; }

 private:
  const CudnnApi* dnn_ = nullptr;
  Handle handle_ = nullptr;
};

using CudnnTensorDesc =
    CudnnDescriptor<cudnnTensorDescriptor_t, &CudnnApi::cudnnCreateTensorDescriptor,
                    &CudnnApi::cudnnDestroyTensorDescriptor>;
using CudnnFilterDesc =
    CudnnDescriptor<cudnnFilterDescriptor_t, &CudnnApi::cudnnCreateFilterDescriptor,
                    &CudnnApi::cudnnDestroyFilterDescriptor>;
using CudnnConvDesc =
    CudnnDescriptor<cudnnConvolutionDescriptor_t, &CudnnApi::cudnnCreateConvolutionDescriptor,
                    &CudnnApi::cudnnDestroyConvolutionDescriptor>;
using CudnnPoolingDesc =
    CudnnDescriptor<cudnnPoolingDescriptor_t, &CudnnApi::cudnnCreatePoolingDescriptor,
                    &CudnnApi::cudnnDestroyPoolingDescriptor>;

// False when the environment sets NVIDIA_TF32_OVERRIDE=0 (read once per process).
bool Tf32Allowed();

// True when a dimension fits cuDNN's int descriptors.
inline bool FitsInt(int64_t v) { return v >= 0 && v <= 0x7fffffff; }

// cuDNN handles are not thread-safe and one handle serves each GPU: kernels hold this while they
// call cuDNN (the calls only queue work, so it is held briefly).
std::mutex& CudnnCallMutex();

}  // namespace tfc
