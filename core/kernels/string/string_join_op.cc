// StringJoin: element-wise concatenation of string tensors, scalars broadcast.
#include <string>
#include <vector>

#include "core/framework/op_kernel.h"

namespace tfc {
namespace {

class StringJoinOp : public OpKernel {
 public:
  explicit StringJoinOp(OpKernelConstruction* ctx) : OpKernel(ctx) {
    OP_REQUIRES_OK(ctx, ctx->GetAttr("separator", &separator_));
  }

  void Compute(OpKernelContext* ctx) override {
    const int n = ctx->num_inputs();
    TensorShape shape;
    bool have_shape = false;
    std::vector<bool> is_scalar(n);
    for (int i = 0; i < n; ++i) {
      const Tensor& t = ctx->input(i);
      is_scalar[i] = t.dims() == 0;
      if (is_scalar[i]) continue;
      if (!have_shape) {
        shape = t.shape();
        have_shape = true;
      } else {
        OP_REQUIRES(ctx, shape == t.shape(),
                    errors::InvalidArgument("Inconsistent shapes: ", shape.DebugString(),
                                            " vs. ", t.shape().DebugString()));
      }
    }
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, shape, &out));
    tstring* dst = out->data<tstring>();
    const int64_t count = out->NumElements();
    for (int64_t j = 0; j < count; ++j) {
      std::string joined;
      for (int i = 0; i < n; ++i) {
        if (i > 0) joined += separator_;
        joined += ctx->input(i).data<tstring>()[is_scalar[i] ? 0 : j];
      }
      dst[j] = std::move(joined);
    }
  }

 private:
  std::string separator_;
};

}  // namespace

REGISTER_KERNEL_BUILDER(Name("StringJoin").Device(DEVICE_CPU), StringJoinOp);

}  // namespace tfc
