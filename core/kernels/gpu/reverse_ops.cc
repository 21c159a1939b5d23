// ReverseV2 on the GPU: the axes are checked on the host as the CPU kernel does, then the flip is
// one strided gather whose flipped dims step backwards from their last element. axis stays in
// host memory.
#include <vector>

#include "core/framework/op_kernel.h"
#include "core/kernels/array/array_copy.h"
#include "core/kernels/gpu/gpu_kernel_util.h"
#include "core/kernels/gpu/shape_kernels.h"
#include "core/kernels/gpu/shape_ops_util.h"
#include "core/kernels/gpu/strided_slice_util.h"

namespace tfc {
namespace {

class GpuReverseV2Op : public OpKernel {
 public:
  explicit GpuReverseV2Op(OpKernelConstruction* c) : OpKernel(c) {}

  void Compute(OpKernelContext* ctx) override {
    const Tensor& input = ctx->input(0);
    const Tensor& axis_t = ctx->input(1);
    OP_REQUIRES(ctx, axis_t.dims() == 1,
                errors::InvalidArgument("'dims' must be 1-dimension, not ", axis_t.dims()));
    const int rank = input.dims();
    std::vector<bool> flip(rank, false);
    const std::vector<int64_t> axes = array::IntTensorToVector(axis_t);
    for (size_t i = 0; i < axes.size(); ++i) {
      const int64_t a = axes[i] < 0 ? axes[i] + rank : axes[i];
      OP_REQUIRES(ctx, a >= 0 && a < rank,
                  errors::InvalidArgument("'axis'[", i, "] = ", axes[i],
                                          " is out of valid range [0, ", rank - 1));
      OP_REQUIRES(ctx, !flip[a],
                  errors::InvalidArgument("axis ", a, " specified more than once."));
      flip[a] = true;
    }
    OP_REQUIRES(ctx, rank <= 8,
                errors::Unimplemented("reverse is not implemented for tensors of rank > 8."));
    bool any_flip = false;
    for (int d = 0; d < rank; ++d) any_flip |= flip[d] && input.dim_size(d) > 1;
    if (!any_flip) {
      // Flipping only size-1 dims (or none) leaves every element in place.
      ctx->set_output(0, input);
      return;
    }
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, input.shape(), &out));
    const int64_t n = input.NumElements();
    if (n == 0) return;
    gpu::StridedView view;
    view.sizes = input.shape().dim_sizes();
    view.strides = array::RowMajorStrides(view.sizes);
    for (int d = 0; d < rank; ++d) {
      if (!flip[d]) continue;
      view.base += (view.sizes[d] - 1) * view.strides[d];
      view.strides[d] = -view.strides[d];
    }
    view = gpu::CollapseStridedView(view);
    OP_REQUIRES_OK(ctx, gpu::CheckViewRank("ReverseV2", view));
    const int elem = DataTypeSize(input.dtype());
    const char* src = static_cast<const char*>(input.raw_data()) + view.base * elem;
    OP_REQUIRES_CUDA(ctx, gpu::LaunchGather(GpuStream(ctx), elem, gpu::GatherSpecOf(view), src,
                                            out->raw_data(), n, nullptr));
  }
};

REGISTER_KERNEL_BUILDER(Name("ReverseV2")
                            .Device(DEVICE_GPU)
                            .TypeConstraint("T", gpu::ShapeOpTypes())
                            .TypeConstraint("Tidx", DataTypeVector{DT_INT32, DT_INT64})
                            .HostMemory("axis"),
                        GpuReverseV2Op);

}  // namespace
}  // namespace tfc
