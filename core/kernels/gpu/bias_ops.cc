// GPU BiasAdd, BiasAddV1 and BiasAddGrad (float, double, half), with the CPU kernels' checks and
// messages (core/kernels/cwise/bias_add_op.cc, core/kernels/grad/array_grad_ops.cc).
#include "core/kernels/cwise/bias_add_util.h"
#include "core/kernels/gpu/bias_kernels.h"
#include "core/kernels/gpu/cwise_ops_common.h"

namespace tfc {
namespace gpu {
namespace {

using bias_add::BiasLayout;
using bias_add::CheckBiasAdd;
using bias_add::MakeLayout;

class GpuBiasAddOp : public OpKernel {
 public:
  explicit GpuBiasAddOp(OpKernelConstruction* c) : OpKernel(c) {
    expensive_ = false;
    OP_REQUIRES_OK(c, bias_add::ReadDataFormat(c, &nchw_));
    OP_REQUIRES_OK(c, CwiseTypeFor(c->input_type(0), &type_));
  }

  void Compute(OpKernelContext* ctx) override {
    const Tensor& x = ctx->input(0);
    const Tensor& bias = ctx->input(1);
    BiasLayout layout;
    OP_REQUIRES_OK(ctx, CheckBiasAdd(x, bias, nchw_, &layout));
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, x.shape(), &out));
    if (out->NumElements() == 0) return;
    const int64_t inner = layout.inner;
    OP_REQUIRES_CUDA(ctx, LaunchBiasAdd(GpuStream(ctx), type_, x.raw_data(), bias.raw_data(),
                                        out->raw_data(), x.NumElements(), bias.dim_size(0),
                                        inner));
  }

 private:
  bool nchw_ = false;
  CwiseType type_ = CwiseType::kFloat;
};

class GpuBiasAddGradOp : public OpKernel {
 public:
  explicit GpuBiasAddGradOp(OpKernelConstruction* c) : OpKernel(c) {
    expensive_ = false;
    OP_REQUIRES_OK(c, bias_add::ReadDataFormat(c, &nchw_));
    OP_REQUIRES_OK(c, CwiseTypeFor(c->input_type(0), &type_));
  }

  void Compute(OpKernelContext* ctx) override {
    const Tensor& g = ctx->input(0);
    BiasLayout layout;
    OP_REQUIRES_OK(ctx, MakeLayout(g, nchw_, &layout));
    const int64_t channels = layout.channels, inner = layout.inner, outer = layout.outer;
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, TensorShape({channels}), &out));
    if (channels == 0) return;
    cudaStream_t stream = GpuStream(ctx);
    if (outer == 0 || inner == 0) {  // nothing to sum: zeros (all-zero bytes for these types)
      OP_REQUIRES_CUDA(ctx, cudaMemsetAsync(out->raw_data(), 0,
                                            channels * DataTypeSize(g.dtype()), stream));
      return;
    }
    const int rows = BiasGradPartialRows(outer, channels, inner);
    Tensor partial;
    OP_REQUIRES_OK(ctx, ctx->allocate_temp(type_ == CwiseType::kDouble ? DT_DOUBLE : DT_FLOAT,
                                           TensorShape({rows, channels}), &partial));
    OP_REQUIRES_CUDA(ctx, LaunchBiasAddGrad(stream, type_, g.raw_data(), partial.raw_data(), rows,
                                            out->raw_data(), outer, channels, inner));
  }

 private:
  bool nchw_ = false;
  CwiseType type_ = CwiseType::kFloat;
};

#define R(T)                                                                               \
  REGISTER_KERNEL_BUILDER(Name("BiasAdd").Device(DEVICE_GPU).TypeConstraint<T>("T"),       \
                          GpuBiasAddOp);                                                   \
  REGISTER_KERNEL_BUILDER(Name("BiasAddV1").Device(DEVICE_GPU).TypeConstraint<T>("T"),     \
                          GpuBiasAddOp);                                                   \
  REGISTER_KERNEL_BUILDER(Name("BiasAddGrad").Device(DEVICE_GPU).TypeConstraint<T>("T"),   \
                          GpuBiasAddGradOp);
R(float) R(double) R(::tfc::half)
#undef R

}  // namespace
}  // namespace gpu
}  // namespace tfc
