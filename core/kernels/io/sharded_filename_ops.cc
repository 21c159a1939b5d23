// ShardedFilename ("<base>-00001-of-00004") and ShardedFilespec ("<base>-?????-of-00004").
#include <cstdio>
#include <string>

#include "core/framework/op_kernel.h"

namespace tfc {
namespace {

Status RequireScalars(OpKernelContext* ctx) {
  for (int i = 0; i < ctx->num_inputs(); ++i) {
    if (ctx->input(i).dims() != 0) {
      return errors::InvalidArgument("Input ", i, " should be a scalar, got shape ",
                                     ctx->input(i).shape().DebugString());
    }
  }
  return OkStatus();
}

void SetScalarOutput(OpKernelContext* ctx, std::string value) {
  Tensor* out = nullptr;
  OP_REQUIRES_OK(ctx, ctx->allocate_output(0, TensorShape({}), &out));
  out->scalar<tstring>() = std::move(value);
}

class ShardedFilenameOp : public OpKernel {
 public:
  using OpKernel::OpKernel;
  void Compute(OpKernelContext* ctx) override {
    OP_REQUIRES_OK(ctx, RequireScalars(ctx));
    const std::string& base = ctx->input(0).scalar<tstring>();
    const int32_t shard = ctx->input(1).scalar<int32_t>();
    const int32_t num_shards = ctx->input(2).scalar<int32_t>();
    char suffix[64];
    std::snprintf(suffix, sizeof(suffix), "-%05d-of-%05d", shard, num_shards);
    SetScalarOutput(ctx, base + suffix);
  }
};

class ShardedFilespecOp : public OpKernel {
 public:
  using OpKernel::OpKernel;
  void Compute(OpKernelContext* ctx) override {
    OP_REQUIRES_OK(ctx, RequireScalars(ctx));
    const std::string& base = ctx->input(0).scalar<tstring>();
    const int32_t num_shards = ctx->input(1).scalar<int32_t>();
    char suffix[64];
    std::snprintf(suffix, sizeof(suffix), "-?????-of-%05d", num_shards);
    SetScalarOutput(ctx, base + suffix);
  }
};

}  // namespace

REGISTER_KERNEL_BUILDER(Name("ShardedFilename").Device(DEVICE_CPU), ShardedFilenameOp);
REGISTER_KERNEL_BUILDER(Name("ShardedFilespec").Device(DEVICE_CPU), ShardedFilespecOp);

}  // namespace tfc
