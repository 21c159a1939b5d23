// GPU BiasAdd, BiasAddV1 and BiasAddGrad (float, double, half), with the CPU kernels' checks and
// messages (core/kernels/cwise/bias_add_op.cc, core/kernels/grad/array_grad_ops.cc).
#include <string>

#include "core/kernels/gpu/bias_kernels.h"
#include "core/kernels/gpu/cwise_ops_common.h"

namespace tfc {
namespace gpu {
namespace {

class GpuBiasAddOp : public OpKernel {
 public:
  explicit GpuBiasAddOp(OpKernelConstruction* c) : OpKernel(c) {
    expensive_ = false;
    std::string fmt = "NHWC";
    if (c->GetAttr("data_format", &fmt).ok()) {
      OP_REQUIRES(c, fmt == "NHWC" || fmt == "NCHW",
                  errors::InvalidArgument("Invalid data format"));
    }
    nchw_ = fmt == "NCHW";
    OP_REQUIRES_OK(c, CwiseTypeFor(c->input_type(0), &type_));
  }

  void Compute(OpKernelContext* ctx) override {
    const Tensor& x = ctx->input(0);
    const Tensor& bias = ctx->input(1);
    OP_REQUIRES(ctx, x.dims() >= 2,
                errors::InvalidArgument("Input tensor must be at least 2D: ",
                                        x.shape().DebugString()));
    OP_REQUIRES(ctx, bias.dims() == 1,
                errors::InvalidArgument("Biases must be 1D: ", bias.shape().DebugString()));
    const int channel_dim = nchw_ ? 1 : x.dims() - 1;
    OP_REQUIRES(ctx, bias.dim_size(0) == x.dim_size(channel_dim),
                errors::InvalidArgument("Must provide as many biases as the ",
                                        nchw_ ? "channel" : "last",
                                        " dimension of the input tensor: ",
                                        bias.shape().DebugString(), " vs. ",
                                        x.shape().DebugString()));
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, x.shape(), &out));
    if (out->NumElements() == 0) return;
    int64_t inner = 1;
    for (int d = channel_dim + 1; d < x.dims(); ++d) inner *= x.dim_size(d);
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
    std::string fmt = "NHWC";
    c->GetAttr("data_format", &fmt).IgnoreError();
    OP_REQUIRES(c, fmt == "NHWC" || fmt == "NCHW", errors::InvalidArgument("Invalid data format"));
    nchw_ = fmt == "NCHW";
    OP_REQUIRES_OK(c, CwiseTypeFor(c->input_type(0), &type_));
  }

  void Compute(OpKernelContext* ctx) override {
    const Tensor& g = ctx->input(0);
    OP_REQUIRES(ctx, g.dims() >= 2,
                errors::InvalidArgument("Input tensor must be at least 2D: ",
                                        g.shape().DebugString()));
    const int cdim = nchw_ ? 1 : g.dims() - 1;
    const int64_t channels = g.dim_size(cdim);
    int64_t inner = 1;
    for (int d = cdim + 1; d < g.dims(); ++d) inner *= g.dim_size(d);
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, TensorShape({channels}), &out));
    if (channels == 0) return;
    const int64_t outer = inner == 0 ? 0 : g.NumElements() / (channels * inner);
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
