// FusedBatchNorm, FusedBatchNormV2 and FusedBatchNormV3 on the CPU (NHWC and NCHW).
// Training: batch statistics, the returned variance Bessel-corrected (n / (n - 1)) while the
// reserve spaces keep the biased one for the gradient; inference: the given population
// statistics pass through.
#include <cmath>
#include <vector>

#include "core/framework/op_kernel.h"
#include "core/framework/register_types.h"
#include "core/kernels/nn/fused_batch_norm_util.h"

namespace tfc {
namespace {

template <typename T, typename U>
class FusedBatchNormOp : public OpKernel {
 public:
  explicit FusedBatchNormOp(OpKernelConstruction* ctx) : OpKernel(ctx) {
    OP_REQUIRES_OK(ctx, attrs_.Read(ctx));
  }

  void Compute(OpKernelContext* ctx) override {
    const Tensor& x = ctx->input(0);
    const Tensor& scale = ctx->input(1);
    const Tensor& offset = ctx->input(2);
    const Tensor& est_mean = ctx->input(3);
    const Tensor& est_var = ctx->input(4);
    fbn::Layout l;
    OP_REQUIRES_OK(ctx, fbn::CheckForwardInputs(ctx, attrs_, &l));
    const int64_t c_n = l.channels;
    Tensor *y = nullptr, *reserve3 = nullptr;
    Tensor* outs[4] = {nullptr, nullptr, nullptr, nullptr};
    OP_REQUIRES_OK(ctx, fbn::AllocateForwardOutputs(ctx, x.shape(), c_n, &y, outs, &reserve3));
    if (reserve3 != nullptr) reserve3->data<U>()[0] = U(0);
    const T* xd = x.data<T>();
    std::vector<U> mean(c_n), var(c_n);
    const int64_t rest = l.rest();
    if (attrs_.is_training) {
      std::vector<double> s1[1];
      fbn::ChannelSums<1>(ctx, l, [&](int, int64_t off, int64_t) {
        return static_cast<double>(static_cast<float>(xd[off]));
      }, s1);
      std::vector<double> m(c_n);
      for (int64_t c = 0; c < c_n; ++c) m[c] = rest > 0 ? s1[0][c] / rest : 0.0;
      std::vector<double> s2[1];
      fbn::ChannelSums<1>(ctx, l, [&](int, int64_t off, int64_t c) {
        const double d = static_cast<double>(static_cast<float>(xd[off])) - m[c];
        return d * d;
      }, s2);
      const double rest_minus_one = rest > 1 ? static_cast<double>(rest - 1) : 1.0;
      for (int64_t c = 0; c < c_n; ++c) {
        mean[c] = static_cast<U>(m[c]);
        var[c] = static_cast<U>(rest > 0 ? s2[0][c] / rest : 0.0);
        outs[0]->data<U>()[c] = mean[c];
        outs[1]->data<U>()[c] = static_cast<U>(rest > 0 ? s2[0][c] / rest_minus_one : 0.0);
        outs[2]->data<U>()[c] = mean[c];
        outs[3]->data<U>()[c] = var[c];
      }
    } else {
      for (int64_t c = 0; c < c_n; ++c) {
        mean[c] = est_mean.data<U>()[c];
        var[c] = est_var.data<U>()[c];
        outs[0]->data<U>()[c] = mean[c];
        outs[1]->data<U>()[c] = var[c];
        outs[2]->data<U>()[c] = mean[c];
        outs[3]->data<U>()[c] = var[c];
      }
    }
    std::vector<U> mult(c_n);
    for (int64_t c = 0; c < c_n; ++c) {
      mult[c] = scale.data<U>()[c] / std::sqrt(var[c] + static_cast<U>(attrs_.epsilon));
    }
    T* yd = y->data<T>();
    fbn::ForEachElement(ctx, l, [&](int64_t off, int64_t c) {
      yd[off] = static_cast<T>((static_cast<U>(xd[off]) - mean[c]) * mult[c] +
                               offset.data<U>()[c]);
    });
  }

 private:
  fbn::Attrs attrs_;
};

REGISTER_KERNEL_BUILDER(Name("FusedBatchNorm").Device(DEVICE_CPU).TypeConstraint<float>("T"),
                        FusedBatchNormOp<float, float>);
#define TFC_REGISTER_FBN(T)                                                         \
  REGISTER_KERNEL_BUILDER(Name("FusedBatchNormV2")                                  \
                              .Device(DEVICE_CPU)                                   \
                              .TypeConstraint<T>("T")                               \
                              .TypeConstraint<float>("U"),                          \
                          FusedBatchNormOp<T, float>);                              \
  REGISTER_KERNEL_BUILDER(Name("FusedBatchNormV3")                                  \
                              .Device(DEVICE_CPU)                                   \
                              .TypeConstraint<T>("T")                               \
                              .TypeConstraint<float>("U"),                          \
                          FusedBatchNormOp<T, float>);
TF_CALL_half(TFC_REGISTER_FBN) TF_CALL_bfloat16(TFC_REGISTER_FBN) TF_CALL_float(TFC_REGISTER_FBN)
#undef TFC_REGISTER_FBN

}  // namespace
}  // namespace tfc
