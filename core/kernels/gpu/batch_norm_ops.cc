// FusedBatchNorm(V2, V3) and FusedBatchNormGrad(V2, V3) on the GPU (batch_norm_kernels.h). The
// outputs mean what the CPU kernels' do, so either device's gradient reads either device's
// forward: reserve_space_1/2 hold the batch mean and the biased batch variance (the population
// statistics when not training), batch_variance is Bessel-corrected.
#include <type_traits>

#include "core/framework/op_kernel.h"
#include "core/framework/register_types.h"
#include "core/kernels/gpu/batch_norm_kernels.h"
#include "core/kernels/gpu/gpu_kernel_util.h"
#include "core/kernels/nn/fused_batch_norm_util.h"

namespace tfc {
namespace {

template <typename T>
using DeviceType = std::conditional_t<std::is_same_v<T, half>, __half, T>;

template <typename T>
DeviceType<T>* Dev(const Tensor& t) {
  return reinterpret_cast<DeviceType<T>*>(t.data<T>());
}

BnLayout ToBnLayout(const fbn::Layout& f) {
  BnLayout l;
  l.outer = f.outer;
  l.channels = f.channels;
  l.inner = f.inner;
  return l;
}

template <typename T>
class FusedBatchNormGpuOp : public OpKernel {
 public:
  explicit FusedBatchNormGpuOp(OpKernelConstruction* ctx) : OpKernel(ctx) {
    OP_REQUIRES_OK(ctx, attrs_.Read(ctx));
  }

  void Compute(OpKernelContext* ctx) override {
    const Tensor& x = ctx->input(0);
    const Tensor& scale = ctx->input(1);
    const Tensor& offset = ctx->input(2);
    const Tensor& est_mean = ctx->input(3);
    const Tensor& est_var = ctx->input(4);
    fbn::Layout fl;
    OP_REQUIRES_OK(ctx, fbn::CheckForwardInputs(ctx, attrs_, &fl));
    const BnLayout l = ToBnLayout(fl);
    const int64_t c_n = l.channels;
    Tensor *y = nullptr, *reserve3 = nullptr;
    Tensor* outs[4] = {nullptr, nullptr, nullptr, nullptr};
    OP_REQUIRES_OK(ctx, fbn::AllocateForwardOutputs(ctx, x.shape(), c_n, &y, outs, &reserve3));
    cudaStream_t stream = GpuStream(ctx);
    if (reserve3 != nullptr) {
      OP_REQUIRES_CUDA(ctx,
                       cudaMemsetAsync(reserve3->raw_data(), 0, reserve3->TotalBytes(), stream));
    }
    if (c_n == 0) return;
    float* out_f[4];
    for (int i = 0; i < 4; ++i) out_f[i] = outs[i]->data<float>();
    if (attrs_.is_training) {
      OP_REQUIRES_CUDA(ctx, LaunchBnTrainingStats(stream, l, Dev<T>(x), out_f[0], out_f[1],
                                                  out_f[2], out_f[3]));
    } else {
      const size_t bytes = static_cast<size_t>(c_n) * sizeof(float);
      for (int i = 0; i < 4; ++i) {
        const Tensor& src = i % 2 == 0 ? est_mean : est_var;
        OP_REQUIRES_CUDA(ctx, cudaMemcpyAsync(out_f[i], src.raw_data(), bytes,
                                              cudaMemcpyDeviceToDevice, stream));
      }
    }
    OP_REQUIRES_CUDA(ctx, LaunchBnApply(stream, l, Dev<T>(x), scale.data<float>(),
                                        offset.data<float>(), out_f[2], out_f[3],
                                        static_cast<float>(attrs_.epsilon), Dev<T>(*y)));
  }

 private:
  fbn::Attrs attrs_;
};

template <typename T>
class FusedBatchNormGradGpuOp : public OpKernel {
 public:
  explicit FusedBatchNormGradGpuOp(OpKernelConstruction* ctx) : OpKernel(ctx) {
    OP_REQUIRES_OK(ctx, attrs_.Read(ctx));
  }

  void Compute(OpKernelContext* ctx) override {
    const Tensor& dy = ctx->input(0);
    const Tensor& x = ctx->input(1);
    const Tensor& scale = ctx->input(2);
    const Tensor& saved_mean = ctx->input(3);
    const Tensor& saved_var = ctx->input(4);
    fbn::Layout fl;
    OP_REQUIRES_OK(ctx, fbn::CheckGradInputs(ctx, attrs_, &fl));
    const BnLayout l = ToBnLayout(fl);
    const int64_t c_n = l.channels;
    Tensor *dx = nullptr, *dscale = nullptr, *doffset = nullptr;
    OP_REQUIRES_OK(ctx, fbn::AllocateGradOutputs(ctx, x.shape(), c_n, &dx, &dscale, &doffset));
    if (c_n == 0) return;
    Tensor coef;
    OP_REQUIRES_OK(ctx, ctx->allocate_temp(DT_DOUBLE, TensorShape({4 * c_n}), &coef));
    OP_REQUIRES_CUDA(ctx, LaunchBnGrad(GpuStream(ctx), l, Dev<T>(dy), Dev<T>(x),
                                       scale.data<float>(), saved_mean.data<float>(),
                                       saved_var.data<float>(), attrs_.epsilon,
                                       attrs_.is_training, coef.data<double>(), Dev<T>(*dx),
                                       dscale->data<float>(), doffset->data<float>()));
  }

 private:
  fbn::Attrs attrs_;
};

REGISTER_KERNEL_BUILDER(Name("FusedBatchNorm").Device(DEVICE_GPU).TypeConstraint<float>("T"),
                        FusedBatchNormGpuOp<float>);
REGISTER_KERNEL_BUILDER(
    Name("FusedBatchNormGrad").Device(DEVICE_GPU).TypeConstraint<float>("T"),
    FusedBatchNormGradGpuOp<float>);
#define TFC_REGISTER_FBN_GPU(T)                                                              \
  REGISTER_KERNEL_BUILDER(Name("FusedBatchNormV2")                                           \
                              .Device(DEVICE_GPU)                                            \
                              .TypeConstraint<T>("T")                                        \
                              .TypeConstraint<float>("U"),                                   \
                          FusedBatchNormGpuOp<T>);                                           \
  REGISTER_KERNEL_BUILDER(Name("FusedBatchNormV3")                                           \
                              .Device(DEVICE_GPU)                                            \
                              .TypeConstraint<T>("T")                                        \
                              .TypeConstraint<float>("U"),                                   \
                          FusedBatchNormGpuOp<T>);                                           \
  REGISTER_KERNEL_BUILDER(Name("FusedBatchNormGradV2")                                       \
                              .Device(DEVICE_GPU)                                            \
                              .TypeConstraint<T>("T")                                        \
                              .TypeConstraint<float>("U"),                                   \
                          FusedBatchNormGradGpuOp<T>);                                       \
  REGISTER_KERNEL_BUILDER(Name("FusedBatchNormGradV3")                                       \
                              .Device(DEVICE_GPU)                                            \
                              .TypeConstraint<T>("T")                                        \
                              .TypeConstraint<float>("U"),                                   \
                          FusedBatchNormGradGpuOp<T>);
TF_CALL_half(TFC_REGISTER_FBN_GPU)
TF_CALL_float(TFC_REGISTER_FBN_GPU)
#undef TFC_REGISTER_FBN_GPU

}  // namespace
}  // namespace tfc
