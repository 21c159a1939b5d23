// Const: the value is parsed once, when the kernel is built, and shared by every output.
#include "core/framework/op_kernel.h"
#include "core/framework/register_types.h"

namespace tfc {
namespace {

class ConstOp : public OpKernel {
 public:
  explicit ConstOp(OpKernelConstruction* ctx) : OpKernel(ctx) {
    expensive_ = false;
    DataType dtype;
    Status s = ctx->GetAttr("value", &value_);
    if (s.ok()) s = ctx->GetAttr("dtype", &dtype);
    if (!s.ok()) {
      ctx->SetStatus(s);
      return;
    }
    if (value_.dtype() != dtype) {
      ctx->SetStatus(errors::InvalidArgument("Type mismatch between value (",
                                             DataTypeString(value_.dtype()), ") and dtype (",
                                             DataTypeString(dtype), ")"));
      return;
    }
    // On a GPU the value moves to device memory once, here.
    Allocator* a = ctx->device() ? ctx->device()->GetAllocator() : nullptr;
    if (a != nullptr && a->IsDeviceMemory()) {
      Status copied = CopyTensorToDevice(value_, a, &value_);
      if (!copied.ok()) ctx->SetStatus(copied);
    }
  }
  void Compute(OpKernelContext* ctx) override { ctx->set_output(0, value_); }

 private:
  Tensor value_;
};

}  // namespace

REGISTER_KERNEL_BUILDER(Name("Const").Device(DEVICE_CPU), ConstOp);
REGISTER_KERNEL_BUILDER(Name("Const").Device(DEVICE_GPU).TypeConstraint("dtype", GpuMemoryTypes()),
                        ConstOp);

}  // namespace tfc
