// OneHot on the GPU: depth is a host scalar, checked as the CPU kernel does
// (core/kernels/gather/one_hot_op.cc); indices, on_value and off_value stay in device memory and
// are read by the kernel.
#include "core/framework/op_kernel.h"
#include "core/framework/register_types.h"
#include "core/kernels/gather/gather_util.h"
#include "core/kernels/gpu/gpu_kernel_util.h"
#include "core/kernels/gpu/onehot_kernels.h"

namespace tfc {
namespace {

class GpuOneHotOp : public OpKernel {
 public:
  explicit GpuOneHotOp(OpKernelConstruction* c) : OpKernel(c) {
    c->SetStatus(c->GetAttr("axis", &axis_));
  }

  void Compute(OpKernelContext* ctx) override {
    const Tensor& indices = ctx->input(0);
    const Tensor& on_value = ctx->input(2);
    const Tensor& off_value = ctx->input(3);
    int axis = 0;
    int64_t depth_v = 0;
    Tensor* out = nullptr;
    if (!gather_util::PrepareOneHot(ctx, axis_, &axis, &depth_v, &out)) return;

    const int64_t suffix = gather_util::DimProduct(indices.shape(), axis, indices.dims());
    gpu::OneHotIndex index_type = gpu::OneHotIndex::kInt64;
    if (indices.dtype() == DT_UINT8) index_type = gpu::OneHotIndex::kUint8;
    if (indices.dtype() == DT_INT32) index_type = gpu::OneHotIndex::kInt32;
    OP_REQUIRES_CUDA(ctx, gpu::LaunchOneHot(GpuStream(ctx), DataTypeSize(out->dtype()),
                                            index_type, indices.raw_data(), depth_v, suffix,
                                            out->NumElements(), on_value.raw_data(),
                                            off_value.raw_data(), out->raw_data()));
  }

 private:
  int64_t axis_ = -1;
};

REGISTER_KERNEL_BUILDER(Name("OneHot")
                            .Device(DEVICE_GPU)
                            .TypeConstraint("T", GpuMemoryTypes())
                            .TypeConstraint("TI", DataTypeVector{DT_UINT8, DT_INT32, DT_INT64})
                            .HostMemory("depth"),
                        GpuOneHotOp);

}  // namespace
}  // namespace tfc
