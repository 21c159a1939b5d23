// Placeholder only runs when nobody fed it: that is the user's error, reported as TF does.
#include "core/framework/op_kernel.h"
#include "core/framework/register_types.h"

namespace tfc {
namespace {

class PlaceholderOp : public OpKernel {
 public:
  explicit PlaceholderOp(OpKernelConstruction* ctx) : OpKernel(ctx) {
    expensive_ = false;
    ctx->SetStatus(ctx->GetAttr("shape", &expected_shape_));
  }
  void Compute(OpKernelContext* ctx) override {
    if (expected_shape_.dims() > 0) {
      ctx->SetStatus(errors::InvalidArgument(
          "You must feed a value for placeholder tensor '", name(), "' with dtype ",
          DataTypeString(output_type(0)), " and shape ", expected_shape_.DebugString()));
    } else {
      ctx->SetStatus(errors::InvalidArgument("You must feed a value for placeholder tensor '",
                                             name(), "' with dtype ",
                                             DataTypeString(output_type(0))));
    }
  }

 private:
  PartialTensorShape expected_shape_;
};

class PlaceholderWithDefaultOp : public OpKernel {
 public:
  explicit PlaceholderWithDefaultOp(OpKernelConstruction* ctx) : OpKernel(ctx) {
    expensive_ = false;
  }
  void Compute(OpKernelContext* ctx) override { ctx->set_output(0, ctx->input(0)); }
};

}  // namespace

REGISTER_KERNEL_BUILDER(Name("Placeholder").Device(DEVICE_CPU), PlaceholderOp);
REGISTER_KERNEL_BUILDER(Name("PlaceholderWithDefault").Device(DEVICE_CPU),
                        PlaceholderWithDefaultOp);
// On a GPU the same kernels (a placeholder under tf.device('/gpu:0') is fed like any other).
REGISTER_KERNEL_BUILDER(
    Name("Placeholder").Device(DEVICE_GPU).TypeConstraint("dtype", GpuMemoryTypes()),
    PlaceholderOp);
REGISTER_KERNEL_BUILDER(
    Name("PlaceholderWithDefault").Device(DEVICE_GPU).TypeConstraint("dtype", GpuMemoryTypes()),
    PlaceholderWithDefaultOp);

}  // namespace tfc
