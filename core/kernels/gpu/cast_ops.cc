// GPU Cast among float, double, half, int64 and bool. int32 stays on the host (TF's rule), so
// casts from or to int32 run on the CPU.
#include "core/kernels/gpu/cast_kernels.h"
#include "core/kernels/gpu/cwise_ops_common.h"

namespace tfc {
namespace gpu {
namespace {

class GpuCastOp : public OpKernel {
 public:
  explicit GpuCastOp(OpKernelConstruction* c) : OpKernel(c) {
    expensive_ = false;
    DataType src = DT_INVALID, dst = DT_INVALID;
    OP_REQUIRES_OK(c, c->GetAttr("SrcT", &src));
    OP_REQUIRES_OK(c, c->GetAttr("DstT", &dst));
    if (!c->GetAttr("Truncate", &truncate_).ok()) truncate_ = false;
    same_ = src == dst;
    OP_REQUIRES(c, ToCwiseType(src, &src_) && ToCwiseType(dst, &dst_),
                errors::Unimplemented("Cast ", DataTypeString(src), " to ", DataTypeString(dst),
                                      " is not supported"));
  }

  void Compute(OpKernelContext* ctx) override {
    const Tensor& in = ctx->input(0);
    if (same_) {
      ctx->set_output(0, in);
      return;
    }
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, in.shape(), &out));
    OP_REQUIRES_CUDA(ctx, LaunchCast(GpuStream(ctx), src_, dst_, truncate_, in.raw_data(),
                                     out->raw_data(), in.NumElements()));
  }

 private:
  CwiseType src_ = CwiseType::kFloat, dst_ = CwiseType::kFloat;
  bool truncate_ = false;
  bool same_ = false;
};

const DataTypeVector kGpuCastTypes = {DT_FLOAT, DT_DOUBLE, DT_HALF, DT_INT64, DT_BOOL};

REGISTER_KERNEL_BUILDER(Name("Cast")
                            .Device(DEVICE_GPU)
                            .TypeConstraint("SrcT", kGpuCastTypes)
                            .TypeConstraint("DstT", kGpuCastTypes),
                        GpuCastOp);

}  // namespace
}  // namespace gpu
}  // namespace tfc
