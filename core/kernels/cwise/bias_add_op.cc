// BiasAdd / BiasAddV1: adds a 1-D bias along the channel dim (last for NHWC, dim 1 for NCHW).
#include "core/kernels/cwise/bias_add_util.h"
#include "core/kernels/cwise/cwise_binary_functors.h"

namespace tfc {
namespace {

template <typename T>
class BiasAddOp : public OpKernel {
 public:
  explicit BiasAddOp(OpKernelConstruction* c) : OpKernel(c) {
    OP_REQUIRES_OK(c, bias_add::ReadDataFormat(c, &nchw_));
    expensive_ = false;
  }

  void Compute(OpKernelContext* ctx) override {
    const Tensor& x = ctx->input(0);
    const Tensor& bias = ctx->input(1);
    bias_add::BiasLayout layout;
    OP_REQUIRES_OK(ctx, bias_add::CheckBiasAdd(x, bias, nchw_, &layout));
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, x.shape(), &out));
    const int64_t channels = layout.channels;
    if (out->NumElements() == 0) return;
    const int64_t inner = layout.inner;
    const T* xp = x.data<T>();
    const T* bp = bias.data<T>();
    T* o = out->data<T>();
    const int64_t row = channels * inner;
    ctx->ParallelFor(x.NumElements() / row, kCwiseCost * row, [=](int64_t b, int64_t e) {
      using C = ComputeType<T>;
      if (inner == 1) {  // channels last: one contiguous row per r, vectorizes
        for (int64_t r = b; r < e; ++r) {
          const T* xr = xp + r * channels;
          T* orow = o + r * channels;
          for (int64_t ch = 0; ch < channels; ++ch)
            orow[ch] = static_cast<T>(
                functor::WrapAdd(static_cast<C>(xr[ch]), static_cast<C>(bp[ch])));
        }
        return;
      }
      for (int64_t r = b; r < e; ++r) {
        for (int64_t ch = 0; ch < channels; ++ch) {
          const C bv = static_cast<C>(bp[ch]);
          const int64_t base = (r * channels + ch) * inner;
          for (int64_t i = 0; i < inner; ++i)
            o[base + i] = static_cast<T>(functor::WrapAdd(static_cast<C>(xp[base + i]), bv));
        }
      }
    });
  }

 private:
  bool nchw_ = false;
};

#define R(T)                                                                             \
  REGISTER_KERNEL_BUILDER(Name("BiasAdd").Device(DEVICE_CPU).TypeConstraint<T>("T"),     \
                          BiasAddOp<T>);                                                 \
  REGISTER_KERNEL_BUILDER(Name("BiasAddV1").Device(DEVICE_CPU).TypeConstraint<T>("T"),   \
                          BiasAddOp<T>);
TF_CALL_NUMBER_TYPES(R)
#undef R

}  // namespace
}  // namespace tfc
