// FusedBatchNormGrad, FusedBatchNormGradV2 and FusedBatchNormGradV3 on the CPU.
// Training: reserve_space_1/2 are the batch mean and biased variance the forward op saved;
// inference (is_training=false): they are the population statistics, so x's gradient is
// a plain rescale of y's.
#include <cmath>
#include <vector>

#include "core/framework/op_kernel.h"
#include "core/framework/register_types.h"
#include "core/kernels/nn/fused_batch_norm_util.h"

namespace tfc {
namespace {

template <typename T, typename U>
class FusedBatchNormGradOp : public OpKernel {
 public:
  explicit FusedBatchNormGradOp(OpKernelConstruction* ctx) : OpKernel(ctx) {
    OP_REQUIRES_OK(ctx, attrs_.Read(ctx));
  }

  void Compute(OpKernelContext* ctx) override {
    const Tensor& dy = ctx->input(0);
    const Tensor& x = ctx->input(1);
    const Tensor& scale = ctx->input(2);
    const Tensor& saved_mean = ctx->input(3);
    const Tensor& saved_var = ctx->input(4);
    fbn::Layout l;
    OP_REQUIRES_OK(ctx, fbn::CheckGradInputs(ctx, attrs_, &l));
    const int64_t c_n = l.channels;
    Tensor *dx = nullptr, *dscale = nullptr, *doffset = nullptr;
    OP_REQUIRES_OK(ctx, fbn::AllocateGradOutputs(ctx, x.shape(), c_n, &dx, &dscale, &doffset));
    const T* dyd = dy.data<T>();
    const T* xd = x.data<T>();
    const U* mean = saved_mean.data<U>();
    const U* var = saved_var.data<U>();
    const U* sc = scale.data<U>();
    // Sums of dy and of dy * (x - mean).
    std::vector<double> sums[2];
    fbn::ChannelSums<2>(ctx, l, [&](int k, int64_t off, int64_t c) {
      const double g = static_cast<double>(static_cast<float>(dyd[off]));
      if (k == 0) return g;
      return g * (static_cast<double>(static_cast<float>(xd[off])) - mean[c]);
    }, sums);
    std::vector<double> inv_std(c_n);
    for (int64_t c = 0; c < c_n; ++c) {
      inv_std[c] = 1.0 / std::sqrt(static_cast<double>(var[c]) + attrs_.epsilon);
      doffset->data<U>()[c] = static_cast<U>(sums[0][c]);
      dscale->data<U>()[c] = static_cast<U>(sums[1][c] * inv_std[c]);
    }
    T* dxd = dx->data<T>();
    if (attrs_.is_training) {
      const double n = static_cast<double>(l.rest());
      std::vector<double> mean_dy(c_n), mean_dyx(c_n), coef(c_n), inv_var(c_n);
      for (int64_t c = 0; c < c_n; ++c) {
        mean_dy[c] = n > 0 ? sums[0][c] / n : 0.0;
        mean_dyx[c] = n > 0 ? sums[1][c] / n : 0.0;
        coef[c] = sc[c] * inv_std[c];
        inv_var[c] = 1.0 / (static_cast<double>(var[c]) + attrs_.epsilon);
      }
      fbn::ForEachElement(ctx, l, [&](int64_t off, int64_t c) {
        const double xc = static_cast<double>(static_cast<float>(xd[off])) - mean[c];
        const double g = static_cast<double>(static_cast<float>(dyd[off]));
        dxd[off] = static_cast<T>(
            static_cast<float>(coef[c] * (g - mean_dy[c] - xc * mean_dyx[c] * inv_var[c])));
      });
    } else {
      fbn::ForEachElement(ctx, l, [&](int64_t off, int64_t c) {
        const double g = static_cast<double>(static_cast<float>(dyd[off]));
        dxd[off] = static_cast<T>(static_cast<float>(g * sc[c] * inv_std[c]));
      });
    }
  }

 private:
  fbn::Attrs attrs_;
};

REGISTER_KERNEL_BUILDER(
    Name("FusedBatchNormGrad").Device(DEVICE_CPU).TypeConstraint<float>("T"),
    FusedBatchNormGradOp<float, float>);
#define TFC_REGISTER_FBN_GRAD(T)                                                    \
  REGISTER_KERNEL_BUILDER(Name("FusedBatchNormGradV2")                              \
                              .Device(DEVICE_CPU)                                   \
                              .TypeConstraint<T>("T")                               \
                              .TypeConstraint<float>("U"),                          \
                          FusedBatchNormGradOp<T, float>);                          \
  REGISTER_KERNEL_BUILDER(Name("FusedBatchNormGradV3")                              \
                              .Device(DEVICE_CPU)                                   \
                              .TypeConstraint<T>("T")                               \
                              .TypeConstraint<float>("U"),                          \
                          FusedBatchNormGradOp<T, float>);
TF_CALL_half(TFC_REGISTER_FBN_GRAD) TF_CALL_bfloat16(TFC_REGISTER_FBN_GRAD)
TF_CALL_float(TFC_REGISTER_FBN_GRAD)
#undef TFC_REGISTER_FBN_GRAD

}  // namespace
}  // namespace tfc
