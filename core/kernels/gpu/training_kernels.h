#pragma once
// Launchers of the fused optimizer updates on the GPU (ApplyAdam, ApplyMomentum, ...) and of the
// dense variable updates (AssignAdd/AssignSub). Each rule follows training_algorithms.h
// operation by operation, rounding to T after each one and never fusing a multiply-add, so a
// GPU step matches the CPU kernel's to the last bit (Ftrl's pow() with lr_power != -0.5 aside).
// Compiled by nvcc: nothing here may include protobuf or op_kernel headers.
#include <cuda_fp16.h>
#include <cuda_runtime.h>

#include <cstdint>

namespace tfc {
namespace gpu_training {

// One dense update, every pointer in device memory. v[]: var then its slots in the op's input
// order (Adam: var, m, v). s[]: the 0-d scalar inputs in the order training_algorithms.h lists
// them in kScalars (Adam: beta1_power, beta2_power, lr, beta1, beta2, epsilon); the kernels read
// them on the device so the host never waits for them.
template <typename T>
struct DenseUpdateArgs {
  T* v[4] = {nullptr, nullptr, nullptr, nullptr};
  const T* s[6] = {nullptr, nullptr, nullptr, nullptr, nullptr, nullptr};
  const T* grad = nullptr;
  int64_t n = 0;
  bool use_nesterov = false;
  bool update_slots = true;
};

template <typename T>
using DenseUpdateLauncher = cudaError_t (*)(cudaStream_t, const DenseUpdateArgs<T>&);

// One launcher per algorithm; T is float, double or __half. n == 0 launches nothing.
template <typename T>
cudaError_t LaunchApplyGradientDescent(cudaStream_t stream, const DenseUpdateArgs<T>& a);
template <typename T>
cudaError_t LaunchApplyMomentum(cudaStream_t stream, const DenseUpdateArgs<T>& a);
template <typename T>
cudaError_t LaunchApplyAdam(cudaStream_t stream, const DenseUpdateArgs<T>& a);
template <typename T>
cudaError_t LaunchApplyAdagrad(cudaStream_t stream, const DenseUpdateArgs<T>& a);
template <typename T>
cudaError_t LaunchApplyAdagradV2(cudaStream_t stream, const DenseUpdateArgs<T>& a);
template <typename T>
cudaError_t LaunchApplyRMSProp(cudaStream_t stream, const DenseUpdateArgs<T>& a);
template <typename T>
cudaError_t LaunchApplyCenteredRMSProp(cudaStream_t stream, const DenseUpdateArgs<T>& a);
template <typename T>
cudaError_t LaunchApplyAdadelta(cudaStream_t stream, const DenseUpdateArgs<T>& a);
template <typename T>
cudaError_t LaunchApplyFtrl(cudaStream_t stream, const DenseUpdateArgs<T>& a);
template <typename T>
cudaError_t LaunchApplyFtrlV2(cudaStream_t stream, const DenseUpdateArgs<T>& a);

// p[i] += u[i] (add) or p[i] -= u[i] for i < n.
template <typename T>
cudaError_t LaunchAssignUpdate(cudaStream_t stream, T* p, const T* u, int64_t n, bool add);

}  // namespace gpu_training
}  // namespace tfc
