// L2Loss on the GPU for float, double and half: sum(t ** 2) / 2 as a scalar, accumulated in
// float (double for double) as the CPU kernel does.
#include <cuda_fp16.h>

#include <type_traits>

#include "core/framework/op_kernel.h"
#include "core/framework/register_types.h"
#include "core/kernels/gpu/gpu_kernel_util.h"
#include "core/kernels/gpu/l2loss_kernels.h"

namespace tfc {
namespace {

template <typename T>
class GpuL2LossOp : public OpKernel {
 public:
  using OpKernel::OpKernel;

  void Compute(OpKernelContext* ctx) override {
    using D = std::conditional_t<std::is_same_v<T, half>, __half, T>;
    const Tensor& t = ctx->input(0);
    const int64_t n = t.NumElements();
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, TensorShape({}), &out));
    Tensor partials;
    OP_REQUIRES_OK(ctx, ctx->allocate_temp(DT_DOUBLE, TensorShape({gpu::L2LossBlocks(n)}),
                                           &partials));
    OP_REQUIRES_CUDA(ctx, gpu::LaunchL2Loss<D>(GpuStream(ctx),
                                               reinterpret_cast<const D*>(t.data<T>()), n,
                                               partials.raw_data(),
                                               reinterpret_cast<D*>(out->data<T>())));
  }
};

#define TFC_REGISTER_GPU_L2LOSS(T)                                                  \
  REGISTER_KERNEL_BUILDER(Name("L2Loss").Device(DEVICE_GPU).TypeConstraint<T>("T"), \
                          GpuL2LossOp<T>);
TF_CALL_half(TFC_REGISTER_GPU_L2LOSS)
TF_CALL_float(TFC_REGISTER_GPU_L2LOSS)
TF_CALL_double(TFC_REGISTER_GPU_L2LOSS)
#undef TFC_REGISTER_GPU_L2LOSS

}  // namespace
}  // namespace tfc
