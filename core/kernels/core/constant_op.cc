// Const: the value is parsed once, when the kernel is built, and shared by every output.
#include "core/framework/op_kernel.h"

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
    }
  }
  void Compute(OpKernelContext* ctx) override { ctx->set_output(0, value_); }

 private:
  Tensor value_;
};

}  // namespace

REGISTER_KERNEL_BUILDER(Name("Const").Device(DEVICE_CPU), ConstOp);

}  // namespace tfc
