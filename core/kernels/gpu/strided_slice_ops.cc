// StridedSlice and StridedSliceGrad on the GPU. The index spec (masks, ellipsis, new and shrunk
// axes, negative strides) is computed on the host by the CPU kernels' ValidateStridedSliceOp;
// the slice is then one strided gather, and the gradient a zero fill plus one strided scatter.
// begin, end, strides (and the gradient's shape) stay in host memory.
#include <vector>

#include "core/framework/op_kernel.h"
#include "core/kernels/array/array_copy.h"
#include "core/kernels/array/strided_slice_spec.h"
#include "core/kernels/gpu/gpu_kernel_util.h"
#include "core/kernels/gpu/shape_kernels.h"
#include "core/kernels/gpu/shape_ops_util.h"
#include "core/kernels/gpu/strided_slice_kernels.h"
#include "core/kernels/gpu/strided_slice_util.h"

namespace tfc {
namespace {

void ReadMasks(OpKernelConstruction* c, int32_t* masks) {
  const char* names[5] = {"begin_mask", "end_mask", "ellipsis_mask", "new_axis_mask",
                          "shrink_axis_mask"};
  for (int i = 0; i < 5; ++i) c->SetStatus(c->GetAttr(names[i], &masks[i]));
}

class GpuStridedSliceOp : public OpKernel {
 public:
  explicit GpuStridedSliceOp(OpKernelConstruction* c) : OpKernel(c) { ReadMasks(c, masks_); }

  void Compute(OpKernelContext* ctx) override {
    const Tensor& input = ctx->input(0);
    StridedSliceResult r;
    OP_REQUIRES_OK(ctx, ValidateStridedSliceOp(&ctx->input(1), &ctx->input(2), ctx->input(3),
                                               PartialTensorShape(input.shape()), masks_[0],
                                               masks_[1], masks_[2], masks_[3], masks_[4], &r));
    TensorShape final_shape;
    OP_REQUIRES(ctx, r.final_shape.AsTensorShape(&final_shape),
                errors::Internal("StridedSlice produced a partial shape"));
    if (r.is_identity) {
      Tensor out;
      out.CopyFrom(input, final_shape);
      ctx->set_output(0, out);
      return;
    }
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, final_shape, &out));
    if (out->NumElements() == 0) return;
    const gpu::StridedView view = gpu::SliceView(input.shape().dim_sizes(), r.begin, r.strides,
                                                 r.processing_shape.dim_sizes());
    OP_REQUIRES_OK(ctx, gpu::CheckViewRank("StridedSlice", view));
    const int elem = DataTypeSize(input.dtype());
    const char* src = static_cast<const char*>(input.raw_data()) + view.base * elem;
    OP_REQUIRES_CUDA(ctx, gpu::LaunchGather(GpuStream(ctx), elem, gpu::GatherSpecOf(view), src,
                                            out->raw_data(), out->NumElements(), nullptr));
  }

 private:
  int32_t masks_[5] = {0, 0, 0, 0, 0};
};

class GpuStridedSliceGradOp : public OpKernel {
 public:
  explicit GpuStridedSliceGradOp(OpKernelConstruction* c) : OpKernel(c) { ReadMasks(c, masks_); }

  void Compute(OpKernelContext* ctx) override {
    const Tensor& shape_t = ctx->input(0);
    const Tensor& dy = ctx->input(4);
    OP_REQUIRES(ctx, shape_t.dims() == 1,
                errors::InvalidArgument("shape must be 1-D, got ", shape_t.shape().DebugString()));
    const std::vector<int64_t> dims = array::IntTensorToVector(shape_t);
    for (int64_t d : dims)
      OP_REQUIRES(ctx, d >= 0, errors::InvalidArgument("Dimension ", d, " must be >= 0"));
    TensorShape in_shape;
    OP_REQUIRES_OK(ctx, TensorShape::Make(dims, &in_shape));
    StridedSliceResult r;
    OP_REQUIRES_OK(ctx, ValidateStridedSliceOp(&ctx->input(1), &ctx->input(2), ctx->input(3),
                                               PartialTensorShape(in_shape), masks_[0], masks_[1],
                                               masks_[2], masks_[3], masks_[4], &r));
    TensorShape final_shape;
    OP_REQUIRES(ctx, r.final_shape.AsTensorShape(&final_shape),
                errors::Internal("StridedSliceGrad produced a partial shape"));
    OP_REQUIRES(ctx, final_shape == dy.shape(),
                errors::InvalidArgument("shape of dy was ", dy.shape().DebugString(),
                                        " instead of ", final_shape.DebugString()));
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, in_shape, &out));
    if (out->NumElements() == 0) return;
    cudaStream_t stream = GpuStream(ctx);
    // All-zero bytes are zero for every registered type (bool, integers, IEEE floats, complex).
    OP_REQUIRES_CUDA(ctx, cudaMemsetAsync(out->raw_data(), 0, out->TotalBytes(), stream));
    if (dy.NumElements() == 0) return;
    const gpu::StridedView view =
        gpu::SliceView(dims, r.begin, r.strides, r.processing_shape.dim_sizes());
    OP_REQUIRES_OK(ctx, gpu::CheckViewRank("StridedSliceGrad", view));
    const int elem = DataTypeSize(dy.dtype());
    char* dst = static_cast<char*>(out->raw_data()) + view.base * elem;
    OP_REQUIRES_CUDA(ctx, gpu::LaunchStridedScatter(stream, elem, gpu::ScatterSpecOf(view),
                                                    dy.raw_data(), dst, dy.NumElements()));
  }

 private:
  int32_t masks_[5] = {0, 0, 0, 0, 0};
};

REGISTER_KERNEL_BUILDER(Name("StridedSlice")
                            .Device(DEVICE_GPU)
                            .TypeConstraint("T", gpu::ShapeOpTypes())
                            .HostMemory("begin")
                            .HostMemory("end")
                            .HostMemory("strides"),
                        GpuStridedSliceOp);
REGISTER_KERNEL_BUILDER(Name("StridedSliceGrad")
                            .Device(DEVICE_GPU)
                            .TypeConstraint("T", gpu::ShapeOpTypes())
                            .HostMemory("shape")
                            .HostMemory("begin")
                            .HostMemory("end")
                            .HostMemory("strides"),
                        GpuStridedSliceGradOp);

}  // namespace
}  // namespace tfc
