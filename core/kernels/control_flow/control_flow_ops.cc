// Kernels of the TF1 control-flow ops. They only forward values (references stay references);
// deadness, frames and iterations are the executor's business.
#include "core/framework/op_kernel.h"

namespace tfc {
namespace {

void Forward(OpKernelContext* ctx, int in, int out) {
  if (ctx->input_is_ref(in)) {
    ctx->forward_ref_input_to_ref_output(in, out);
  } else {
    ctx->set_output(out, ctx->input(in));
  }
}

class SwitchOp : public OpKernel {
 public:
  explicit SwitchOp(OpKernelConstruction* ctx) : OpKernel(ctx) { expensive_ = false; }
  void Compute(OpKernelContext* ctx) override {
    const Tensor& pred = ctx->input(1);
    OP_REQUIRES(ctx, pred.dims() == 0 && pred.dtype() == DT_BOOL,
                errors::InvalidArgument("The second input must be a scalar, but it has shape ",
                                        pred.shape().DebugString()));
    // The port not taken stays unset: the executor makes it dead.
    Forward(ctx, 0, pred.scalar<bool>() ? 1 : 0);
  }
};

class MergeOp : public OpKernel {
 public:
  explicit MergeOp(OpKernelConstruction* ctx) : OpKernel(ctx) { expensive_ = false; }
  void Compute(OpKernelContext* ctx) override {
    for (int i = 0; i < ctx->num_inputs(); ++i) {
      if (!ctx->has_input(i)) continue;
      Forward(ctx, i, 0);
      ctx->set_output(1, Tensor::Scalar<int32_t>(i));
      return;
    }
    ctx->SetStatus(errors::Internal("Merge ", name(), " ran without a live input"));
  }
};

class ForwardOp : public OpKernel {
 public:
  explicit ForwardOp(OpKernelConstruction* ctx) : OpKernel(ctx) { expensive_ = false; }
  void Compute(OpKernelContext* ctx) override { Forward(ctx, 0, 0); }
};

class ControlTriggerOp : public OpKernel {
 public:
  explicit ControlTriggerOp(OpKernelConstruction* ctx) : OpKernel(ctx) { expensive_ = false; }
  void Compute(OpKernelContext*) override {}
};

}  // namespace

REGISTER_KERNEL_BUILDER(Name("Switch").Device(DEVICE_CPU), SwitchOp);
REGISTER_KERNEL_BUILDER(Name("RefSwitch").Device(DEVICE_CPU), SwitchOp);
REGISTER_KERNEL_BUILDER(Name("Merge").Device(DEVICE_CPU), MergeOp);
REGISTER_KERNEL_BUILDER(Name("RefMerge").Device(DEVICE_CPU), MergeOp);
REGISTER_KERNEL_BUILDER(Name("Enter").Device(DEVICE_CPU), ForwardOp);
REGISTER_KERNEL_BUILDER(Name("RefEnter").Device(DEVICE_CPU), ForwardOp);
REGISTER_KERNEL_BUILDER(Name("Exit").Device(DEVICE_CPU), ForwardOp);
REGISTER_KERNEL_BUILDER(Name("RefExit").Device(DEVICE_CPU), ForwardOp);
REGISTER_KERNEL_BUILDER(Name("NextIteration").Device(DEVICE_CPU), ForwardOp);
REGISTER_KERNEL_BUILDER(Name("RefNextIteration").Device(DEVICE_CPU), ForwardOp);
REGISTER_KERNEL_BUILDER(Name("LoopCond").Device(DEVICE_CPU), ForwardOp);
REGISTER_KERNEL_BUILDER(Name("ControlTrigger").Device(DEVICE_CPU), ControlTriggerOp);

}  // namespace tfc
