// Conv2D, Conv3D and their input/filter backprops on the CPU (im2col + GEMM, conv_core.h).
#include <string>
#include <vector>

#include "core/framework/op_kernel.h"
#include "core/framework/register_types.h"
#include "core/kernels/nn/conv_core.h"
#include "core/kernels/nn/conv_layout.h"

namespace tfc {
namespace conv {
namespace {

int64_t Product(const std::vector<int64_t>& v) {
  int64_t p = 1;
  for (int64_t x : v) p *= x;
  return p;
}

template <typename T, int S, ConvPass K>
class ConvOp : public OpKernel {
 public:
  explicit ConvOp(OpKernelConstruction* ctx) : OpKernel(ctx) {
    op_ = ctx->def().op();
    const std::string what = S == 2 ? "Conv2D" : "Conv3D";
    OP_REQUIRES_OK(ctx, ParseConvAttrs(ctx->def(), what, S, &attrs_));
    OP_REQUIRES_OK(ctx, CheckKernelStridesDilations(attrs_, S + 2, true));
  }

  void Compute(OpKernelContext* ctx) override {
    using C = ComputeType<T>;
    const bool last = attrs_.layout.channels_last;
    ConvProblem p;
    OP_REQUIRES_OK(ctx, PrepareConv(ctx, K, S, op_, attrs_, "CPU", &p));
    const Geometry& g = p.g;
    const Tensor* input_t = p.input;
    const Tensor* filter_t = p.filter;
    const Tensor* dout_t = p.dout;
    const int64_t batch = p.batch, in_depth = p.in_depth, out_depth = p.out_depth;
    const std::vector<int64_t>& in_spatial = p.in_spatial;
    const std::vector<int64_t>& out_spatial = p.out_spatial;
    Tensor* result = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, p.result_shape(), &result));
    if (result->NumElements() == 0) return;
    const int64_t in_p = Product(in_spatial), out_p = Product(out_spatial);
    Tensor h_in, h_filter, h_dout, h_out;
    const C *in_c = nullptr, *filter_c = nullptr, *dout_c = nullptr;
    if (input_t) {
      OP_REQUIRES_OK(ctx, (ToComputeForm<T, C>(ctx, *input_t, last, batch, in_depth, in_p,
                                               &h_in, &in_c)));
    }
    if (filter_t) {
      OP_REQUIRES_OK(ctx, (ToComputeForm<T, C>(ctx, *filter_t, true, 1, 1,
                                               filter_t->NumElements(), &h_filter, &filter_c)));
    }
    if (dout_t) {
      OP_REQUIRES_OK(ctx, (ToComputeForm<T, C>(ctx, *dout_t, last, batch, out_depth, out_p,
                                               &h_dout, &dout_c)));
    }
    C* out_c = nullptr;
    const bool result_last = K == ConvPass::kBackpropFilter ? true : last;
    OP_REQUIRES_OK(ctx, (OutputBuffer<T, C>(ctx, result, result_last, &h_out, &out_c)));
    if constexpr (K == ConvPass::kForward) {
      OP_REQUIRES_OK(ctx, ConvForward<C>(ctx, g, in_c, filter_c, out_c));
      FinishOutput<T, C>(ctx, out_c, last, batch, out_depth, out_p, result);
    } else if constexpr (K == ConvPass::kBackpropInput) {
      OP_REQUIRES_OK(ctx, ConvBackpropInput<C>(ctx, g, filter_c, dout_c, out_c));
      FinishOutput<T, C>(ctx, out_c, last, batch, in_depth, in_p, result);
    } else {
      OP_REQUIRES_OK(ctx, ConvBackpropFilter<C>(ctx, g, in_c, dout_c, out_c));
      FinishOutput<T, C>(ctx, out_c, true, 1, 1, result->NumElements(), result);
    }
  }

 private:
  std::string op_;
  WindowAttrs attrs_;
};

#define TFC_REGISTER_CONV(T)                                                                  \
  REGISTER_KERNEL_BUILDER(Name("Conv2D").Device(DEVICE_CPU).TypeConstraint<T>("T"),           \
                          ConvOp<T, 2, ConvPass::kForward>);                                      \
  REGISTER_KERNEL_BUILDER(                                                                    \
      Name("Conv2DBackpropInput").Device(DEVICE_CPU).TypeConstraint<T>("T"),                  \
      ConvOp<T, 2, ConvPass::kBackpropInput>);                                                    \
  REGISTER_KERNEL_BUILDER(                                                                    \
      Name("Conv2DBackpropFilter").Device(DEVICE_CPU).TypeConstraint<T>("T"),                 \
      ConvOp<T, 2, ConvPass::kBackpropFilter>);                                                   \
  REGISTER_KERNEL_BUILDER(Name("Conv3D").Device(DEVICE_CPU).TypeConstraint<T>("T"),           \
                          ConvOp<T, 3, ConvPass::kForward>);                                      \
  REGISTER_KERNEL_BUILDER(                                                                    \
      Name("Conv3DBackpropInputV2").Device(DEVICE_CPU).TypeConstraint<T>("T"),                \
      ConvOp<T, 3, ConvPass::kBackpropInput>);                                                    \
  REGISTER_KERNEL_BUILDER(                                                                    \
      Name("Conv3DBackpropFilterV2").Device(DEVICE_CPU).TypeConstraint<T>("T"),               \
      ConvOp<T, 3, ConvPass::kBackpropFilter>);
TF_CALL_half(TFC_REGISTER_CONV)
TF_CALL_bfloat16(TFC_REGISTER_CONV)
TF_CALL_float(TFC_REGISTER_CONV)
TF_CALL_double(TFC_REGISTER_CONV)
#undef TFC_REGISTER_CONV

}  // namespace
}  // namespace conv
}  // namespace tfc
