// Identity and its gradient-blocking twins share the input's buffer; NoOp does nothing.
#include "core/framework/register_types.h"
#include "core/framework/op_kernel.h"

namespace tfc {
namespace {

class IdentityOp : public OpKernel {
 public:
  explicit IdentityOp(OpKernelConstruction* ctx) : OpKernel(ctx) { expensive_ = false; }
  void Compute(OpKernelContext* ctx) override {
    if (ctx->input_is_ref(0)) {
      ctx->forward_ref_input_to_ref_output(0, 0);
    } else {
      ctx->set_output(0, ctx->input(0));
    }
  }
};

class IdentityNOp : public OpKernel {
 public:
  explicit IdentityNOp(OpKernelConstruction* ctx) : OpKernel(ctx) { expensive_ = false; }
  void Compute(OpKernelContext* ctx) override {
    for (int i = 0; i < ctx->num_inputs(); ++i) ctx->set_output(i, ctx->input(i));
  }
};

class NoOp : public OpKernel {
 public:
  explicit NoOp(OpKernelConstruction* ctx) : OpKernel(ctx) { expensive_ = false; }
  void Compute(OpKernelContext*) override {}
};

}  // namespace

REGISTER_KERNEL_BUILDER(Name("Identity").Device(DEVICE_CPU), IdentityOp);
REGISTER_KERNEL_BUILDER(Name("StopGradient").Device(DEVICE_CPU), IdentityOp);
REGISTER_KERNEL_BUILDER(Name("PreventGradient").Device(DEVICE_CPU), IdentityOp);
REGISTER_KERNEL_BUILDER(Name("IdentityN").Device(DEVICE_CPU), IdentityNOp);
REGISTER_KERNEL_BUILDER(Name("NoOp").Device(DEVICE_CPU), NoOp);

// On a GPU the same kernels: they pass the input's buffer on.
REGISTER_KERNEL_BUILDER(Name("Identity").Device(DEVICE_GPU).TypeConstraint("T", GpuMemoryTypes()),
                        IdentityOp);
REGISTER_KERNEL_BUILDER(
    Name("StopGradient").Device(DEVICE_GPU).TypeConstraint("T", GpuMemoryTypes()), IdentityOp);
REGISTER_KERNEL_BUILDER(
    Name("PreventGradient").Device(DEVICE_GPU).TypeConstraint("T", GpuMemoryTypes()), IdentityOp);
REGISTER_KERNEL_BUILDER(Name("NoOp").Device(DEVICE_GPU), NoOp);

}  // namespace tfc
