// Softmax and LogSoftmax over the last dimension on the GPU.
#include <cuda_fp16.h>

#include "core/framework/op_kernel.h"
#include "core/framework/register_types.h"
#include "core/kernels/gpu/gpu_kernel_util.h"
#include "core/kernels/gpu/softmax_kernels.h"

namespace tfc {
namespace {

template <typename T>
struct DeviceType { using type = T; };
template <>
struct DeviceType<half> { using type = __half; };

template <typename T, bool kLog>
class GpuSoftmaxOp : public OpKernel {
 public:
  explicit GpuSoftmaxOp(OpKernelConstruction* ctx) : OpKernel(ctx) {}

  void Compute(OpKernelContext* ctx) override {
    using D = typename DeviceType<T>::type;
    const Tensor& logits = ctx->input(0);
    OP_REQUIRES(ctx, logits.dims() >= 1,
                errors::InvalidArgument("logits must have >= 1 dimension, got ",
                                        logits.shape().DebugString()));
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, logits.shape(), &out));
    if (out->NumElements() == 0) return;
    const int64_t depth = logits.dim_size(logits.dims() - 1);
    const int64_t rows = logits.NumElements() / depth;
    OP_REQUIRES_CUDA(ctx, gpu::LaunchSoftmax<D>(GpuStream(ctx),
                                                reinterpret_cast<const D*>(logits.data<T>()),
                                                rows, depth, kLog,
                                                reinterpret_cast<D*>(out->data<T>())));
  }
};

#define TFC_GPU_SOFTMAX(T)                                                                \
  REGISTER_KERNEL_BUILDER(Name("Softmax").Device(DEVICE_GPU).TypeConstraint<T>("T"),      \
                          GpuSoftmaxOp<T, false>);                                        \
  REGISTER_KERNEL_BUILDER(Name("LogSoftmax").Device(DEVICE_GPU).TypeConstraint<T>("T"),   \
                          GpuSoftmaxOp<T, true>);
TF_CALL_half(TFC_GPU_SOFTMAX)
TF_CALL_float(TFC_GPU_SOFTMAX)
TF_CALL_double(TFC_GPU_SOFTMAX)
#undef TFC_GPU_SOFTMAX

}  // namespace
}  // namespace tfc
