#pragma once
// What GPU kernels share: the device and stream of a kernel context, CUDA/cuBLAS/cuDNN error
// checks that set the context's status, and launch shapes for grid-stride loops.
//
// A GPU kernel is an OpKernel registered with .Device(DEVICE_GPU). Its inputs and outputs are in
// the GPU's memory (Tensor::data() is a device pointer) except the arguments registered with
// .HostMemory("name"), which stay in host memory. Everything it does goes on GpuStream(ctx):
// launches, cuBLAS/cuDNN calls and copies are ordered there, so a kernel returns as soon as its
// work is queued; the executor copies values to the host where a CPU kernel or a fetch needs them.
#include <cuda_runtime_api.h>

#include <algorithm>
#include <cstdint>

#include "core/devices/gpu/gpu_device.h"
#include "core/framework/op_kernel.h"

namespace tfc {

inline GpuDevice* GetGpuDevice(OpKernelContext* ctx) {
  return static_cast<GpuDevice*>(ctx->device());
}
inline cudaStream_t GpuStream(OpKernelContext* ctx) { return GetGpuDevice(ctx)->stream(); }

// Blocks for a grid-stride loop over n elements: enough to fill the GPU, never more than needed.
inline int GridFor(int64_t n, int threads = 256) {
  const int64_t blocks = (n + threads - 1) / threads;
  return static_cast<int>(std::max<int64_t>(1, std::min<int64_t>(blocks, 65535LL * 8)));
}
constexpr int kThreadsPerBlock = 256;

}  // namespace tfc

// Sets an Internal (or ResourceExhausted) status on CTX and returns when a CUDA call fails.
#define OP_REQUIRES_CUDA(CTX, EXPR)                                                  \
  do {                                                                              \
    cudaError_t tfc_cuda_err_ = (EXPR);                                             \
    if (tfc_cuda_err_ != cudaSuccess) {                                             \
      (CTX)->SetStatus(::tfc::CudaErrorStatus(tfc_cuda_err_, #EXPR));               \
      return;                                                                       \
    }                                                                               \
  } while (0)

// After a <<<...>>> launch: reports a bad launch configuration at once.
#define OP_REQUIRES_LAUNCH_OK(CTX) OP_REQUIRES_CUDA(CTX, cudaGetLastError())

#define OP_REQUIRES_CUBLAS(CTX, EXPR)                                                     \
  do {                                                                                   \
    cublasStatus_t tfc_blas_st_ = (EXPR);                                                \
    if (tfc_blas_st_ != CUBLAS_STATUS_SUCCESS) {                                         \
      (CTX)->SetStatus(::tfc::errors::Internal("cuBLAS call failed: ",                   \
                                               ::tfc::CublasStatusName(tfc_blas_st_),    \
                                               " in ", #EXPR));                          \
      return;                                                                            \
    }                                                                                    \
  } while (0)

// DNN is the CudnnApi table (for cudnnGetErrorString).
#define OP_REQUIRES_CUDNN(CTX, DNN, EXPR)                                                 \
  do {                                                                                   \
    cudnnStatus_t tfc_dnn_st_ = (EXPR);                                                  \
    if (tfc_dnn_st_ != CUDNN_STATUS_SUCCESS) {                                           \
      (CTX)->SetStatus(::tfc::errors::Internal("cuDNN call failed: ",                    \
                                               (DNN)->cudnnGetErrorString(tfc_dnn_st_),  \
                                               " in ", #EXPR));                          \
      return;                                                                            \
    }                                                                                    \
  } while (0)
