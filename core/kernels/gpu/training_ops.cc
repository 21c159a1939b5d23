// GPU kernels of the fused optimizer updates (ApplyAdam, ResourceApplyAdam, ...) and of the
// dense variable updates (AssignAdd/AssignSub, AssignAddVariableOp/AssignSubVariableOp).
// Validation, locking and messages are the CPU kernels' (core/kernels/training/apply_ops.cc,
// core/kernels/variables/); the updates run in training_kernels.cu, which reads the scalar
// hyper-parameters on the device.
#include <cuda_fp16.h>

#include <mutex>
#include <optional>
#include <vector>

#include "core/framework/register_types.h"
#include "core/framework/resource_var.h"
#include "core/kernels/gpu/gpu_kernel_util.h"
#include "core/kernels/gpu/training_kernels.h"
#include "core/kernels/training/training_algorithms.h"
#include "core/kernels/variables/dense_update_util.h"
#include "core/kernels/variables/training_op_helpers.h"

namespace tfc {
namespace {

namespace gt = gpu_training;

template <typename T>
struct GpuType {
  using type = T;
};
template <>
struct GpuType<Eigen::half> {
  using type = __half;
};
static_assert(sizeof(Eigen::half) == sizeof(__half));

template <typename T>
const typename GpuType<T>::type* DevicePtr(const Tensor& t) {
  return reinterpret_cast<const typename GpuType<T>::type*>(t.data<T>());
}
template <typename T>
typename GpuType<T>::type* MutableDevicePtr(const Tensor& t) {
  return reinterpret_cast<typename GpuType<T>::type*>(t.data<T>());
}

// A host tensor handed to a GPU kernel would be read as a device address: fail instead.
Status CheckOnGpu(OpKernelContext* ctx, const Tensor& t, int input) {
  if (t.NumElements() == 0 || t.OnDevice()) return OkStatus();
  return errors::Internal(ctx->op_kernel().name(), ": input ", input,
                          " is in host memory, but its GPU kernel reads it on the device");
}

// training::VariableInputs for GPU kernels: the variable-like inputs, locked when use_locking,
// each initialized and of dtype T. A shared resource variable is copied first on the device
// (PrepareToUpdateVariable copies through the buffer's device allocator).
template <typename T>
class GpuVariableInputs {
 public:
  Status Acquire(OpKernelContext* ctx, const OpKernel& kernel, int num_vars, bool use_locking) {
    std::vector<int> ids;
    for (int i = 0; i < num_vars; ++i) ids.push_back(i);
    locks_.emplace(MaybeLockVariableInputMutexesInOrder(ctx, use_locking, ids));
    tensors_.resize(num_vars);
    for (int i = 0; i < num_vars; ++i) {
      TFC_RETURN_IF_ERROR(GetInputTensorFromVariable(ctx, i, use_locking, &tensors_[i]));
      if (!tensors_[i].IsInitialized()) {
        return errors::FailedPrecondition("Attempting to use uninitialized variables: ",
                                          kernel.def().input(i));
      }
      // A resource variable holds whatever was assigned: reading it as another T would run
      // past its buffer on the device.
      if (tensors_[i].dtype() != DataTypeToEnum<T>::value) {
        return errors::InvalidArgument("Trying to update variable ", kernel.def().input(i),
                                       " of type ", DataTypeString(tensors_[i].dtype()),
                                       " with a ", DataTypeString(DataTypeToEnum<T>::value),
                                       " update in ", kernel.name());
      }
    }
    return OkStatus();
  }
  const Tensor& operator[](int i) const { return tensors_[i]; }

 private:
  std::optional<VariableInputLockHolder> locks_;
  std::vector<Tensor> tensors_;
};

template <typename Algo>
constexpr int NumScalars() {
  return static_cast<int>(sizeof(Algo::kScalars) / sizeof(Algo::kScalars[0]));
}

// The dense update of Algo (training_algorithms.h gives the input layout and names), on Ref or
// resource variables. The algorithms registered here make no checks on the scalars' values in
// their dense forms (Algo::Check is OK for them), so the scalars are never read on the host.
template <typename T, typename Algo, gt::DenseUpdateLauncher<typename GpuType<T>::type> kLaunch>
class GpuApplyDenseOp : public OpKernel {
 public:
  explicit GpuApplyDenseOp(OpKernelConstruction* c) : OpKernel(c) {
    use_locking_ = training::BoolAttr(c, "use_locking");
    use_nesterov_ = training::BoolAttr(c, "use_nesterov");
    update_slots_ =
        c->def().attr().count("update_slots") ? training::BoolAttr(c, "update_slots") : true;
  }

  void Compute(OpKernelContext* ctx) override {
    static_assert(Algo::kNumVars <= 4 && NumScalars<Algo>() <= 6);
    GpuVariableInputs<T> vars;
    OP_REQUIRES_OK(ctx, vars.Acquire(ctx, *this, Algo::kNumVars, use_locking_));
    gt::DenseUpdateArgs<typename GpuType<T>::type> args;
    for (int k = 0; k < NumScalars<Algo>(); ++k) {
      const int index = Algo::kScalars[k].index;
      const Tensor& t = ctx->input(index);
      OP_REQUIRES_OK(ctx, training::CheckScalar(t, Algo::kScalars[k].what));
      OP_REQUIRES_OK(ctx, CheckOnGpu(ctx, t, index));
      args.s[k] = DevicePtr<T>(t);
    }
    for (int k = 1; k < Algo::kNumVars; ++k) {
      OP_REQUIRES_OK(ctx, training::CheckSameShape(vars[0], vars[k], "var", Algo::kVarNames[k]));
    }
    const Tensor& grad = ctx->input(Algo::kGrad);
    OP_REQUIRES_OK(ctx, training::CheckSameShape(vars[0], grad, "var", Algo::kGradName));
    OP_REQUIRES_OK(ctx, CheckOnGpu(ctx, grad, Algo::kGrad));
    for (int k = 0; k < Algo::kNumVars; ++k) {
      OP_REQUIRES_OK(ctx, CheckOnGpu(ctx, vars[k], k));
      args.v[k] = MutableDevicePtr<T>(vars[k]);
    }
    args.grad = DevicePtr<T>(grad);
    args.n = grad.NumElements();
    args.use_nesterov = use_nesterov_;
    args.update_slots = update_slots_;
    if (args.n > 0) OP_REQUIRES_CUDA(ctx, kLaunch(GpuStream(ctx), args));
    if (ctx->num_outputs() > 0) ctx->forward_ref_input_to_ref_output(0, 0);
  }

 private:
  bool use_locking_ = false;
  bool use_nesterov_ = false;
  bool update_slots_ = true;
};

// AssignAdd / AssignSub on a Ref variable (core/kernels/variables/variable_ops.cc).
template <typename T, bool kAdd>
class GpuDenseUpdateOp : public OpKernel {
 public:
  explicit GpuDenseUpdateOp(OpKernelConstruction* ctx) : OpKernel(ctx) {
    OP_REQUIRES_OK(ctx, ctx->GetAttr("use_locking", &use_locking_));
  }

  void Compute(OpKernelContext* ctx) override {
    variable_util::RunRefDenseUpdate(ctx, use_locking_, [ctx](Tensor* params,
                                                              const Tensor& update) {
      LaunchUpdate(ctx, params, update);
    });
  }

  static void LaunchUpdate(OpKernelContext* ctx, Tensor* params, const Tensor& update) {
    OP_REQUIRES_OK(ctx, CheckOnGpu(ctx, *params, 0));
    OP_REQUIRES_OK(ctx, CheckOnGpu(ctx, update, 1));
    const int64_t n = params->NumElements();
    if (n == 0) return;
    OP_REQUIRES_CUDA(ctx, gt::LaunchAssignUpdate(GpuStream(ctx), MutableDevicePtr<T>(*params),
                                                 DevicePtr<T>(update), n, kAdd));
  }

 private:
  bool use_locking_ = false;
};

// AssignAddVariableOp / AssignSubVariableOp (core/kernels/variables/resource_variable_ops.cc).
template <typename T, bool kAdd>
class GpuAssignUpdateVariableOp : public OpKernel {
 public:
  explicit GpuAssignUpdateVariableOp(OpKernelConstruction* ctx) : OpKernel(ctx) {}

  void Compute(OpKernelContext* ctx) override {
    variable_util::RunResourceDenseUpdate(ctx, [ctx](Tensor* t, const Tensor& value) {
      GpuDenseUpdateOp<T, kAdd>::LaunchUpdate(ctx, t, value);
    });
  }
};

// The Resource form of an update keeps its handles (the variable-like inputs) in host memory,
// as TensorFlow registers them.
template <typename Algo>
KernelDefBuilder ResourceApplyGpuKernel(const char* op) {
  KernelDefBuilder b(op);
  b.Device(DEVICE_GPU);
  for (int k = 0; k < Algo::kNumVars; ++k) b.HostMemory(Algo::kVarNames[k]);
  return b;
}

#define TFC_REGISTER_GPU_DENSE(OP, ALGO, LAUNCH, T)                                       \
  REGISTER_KERNEL_BUILDER(Name(OP).Device(DEVICE_GPU).TypeConstraint<T>("T"),             \
                          GpuApplyDenseOp<T, training::ALGO,                              \
                                          &gt::LAUNCH<typename GpuType<T>::type>>);       \
  REGISTER_KERNEL_BUILDER(                                                                \
      ResourceApplyGpuKernel<training::ALGO>("Resource" OP).TypeConstraint<T>("T"),       \
      GpuApplyDenseOp<T, training::ALGO, &gt::LAUNCH<typename GpuType<T>::type>>);

#define TFC_REGISTER_GPU_TRAINING(T)                                                          \
  TFC_REGISTER_GPU_DENSE("ApplyGradientDescent", GradientDescentAlgo,                         \
                         LaunchApplyGradientDescent, T)                                       \
  TFC_REGISTER_GPU_DENSE("ApplyMomentum", MomentumAlgo, LaunchApplyMomentum, T)               \
  TFC_REGISTER_GPU_DENSE("ApplyAdam", AdamAlgo, LaunchApplyAdam, T)                           \
  TFC_REGISTER_GPU_DENSE("ApplyAdagrad", AdagradAlgo, LaunchApplyAdagrad, T)                  \
  TFC_REGISTER_GPU_DENSE("ApplyAdagradV2", AdagradV2Algo, LaunchApplyAdagradV2, T)            \
  TFC_REGISTER_GPU_DENSE("ApplyRMSProp", RMSPropAlgo, LaunchApplyRMSProp, T)                  \
  TFC_REGISTER_GPU_DENSE("ApplyCenteredRMSProp", CenteredRMSPropAlgo,                         \
                         LaunchApplyCenteredRMSProp, T)                                       \
  TFC_REGISTER_GPU_DENSE("ApplyAdadelta", AdadeltaAlgo, LaunchApplyAdadelta, T)               \
  TFC_REGISTER_GPU_DENSE("ApplyFtrl", FtrlAlgo, LaunchApplyFtrl, T)                           \
  TFC_REGISTER_GPU_DENSE("ApplyFtrlV2", FtrlV2Algo, LaunchApplyFtrlV2, T)                     \
  REGISTER_KERNEL_BUILDER(Name("AssignAdd").Device(DEVICE_GPU).TypeConstraint<T>("T"),        \
                          GpuDenseUpdateOp<T, true>);                                         \
  REGISTER_KERNEL_BUILDER(Name("AssignSub").Device(DEVICE_GPU).TypeConstraint<T>("T"),        \
                          GpuDenseUpdateOp<T, false>);                                        \
  REGISTER_KERNEL_BUILDER(Name("AssignAddVariableOp")                                         \
                              .Device(DEVICE_GPU)                                             \
                              .HostMemory("resource")                                         \
                              .TypeConstraint<T>("dtype"),                                    \
                          GpuAssignUpdateVariableOp<T, true>);                                \
  REGISTER_KERNEL_BUILDER(Name("AssignSubVariableOp")                                         \
                              .Device(DEVICE_GPU)                                             \
                              .HostMemory("resource")                                         \
                              .TypeConstraint<T>("dtype"),                                    \
                          GpuAssignUpdateVariableOp<T, false>);

TF_CALL_half(TFC_REGISTER_GPU_TRAINING)
TF_CALL_float(TFC_REGISTER_GPU_TRAINING)
TF_CALL_double(TFC_REGISTER_GPU_TRAINING)

#undef TFC_REGISTER_GPU_TRAINING
#undef TFC_REGISTER_GPU_DENSE

}  // namespace
}  // namespace tfc
