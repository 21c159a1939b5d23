// Transpose, ConjugateTranspose (real types), Tile, Pad, PadV2 and Slice on the GPU: host-side
// checks as in the CPU kernels, then one strided gather over up to 8 dims. perm, multiples,
// paddings, constant_values, begin and size stay in host memory.
#include <vector>

#include "core/framework/op_kernel.h"
#include "core/kernels/array/array_copy.h"
#include "core/kernels/array/array_shape_util.h"
#include "core/kernels/gpu/gpu_kernel_util.h"
#include "core/kernels/gpu/shape_kernels.h"
#include "core/kernels/gpu/shape_ops_util.h"

namespace tfc {
namespace {

using gpu::GatherSpec;
using gpu::kMaxGatherDims;

Status CheckGatherRank(const char* op, int rank) {
  if (rank > kMaxGatherDims) {
    return errors::Unimplemented(op, " on the GPU supports up to ", kMaxGatherDims,
                                 " dimensions, got ", rank);
  }
  return OkStatus();
}

void RunGather(OpKernelContext* ctx, const Tensor& input, const GatherSpec& spec, Tensor* out,
               const void* pad_value) {
  OP_REQUIRES_CUDA(ctx, gpu::LaunchGather(GpuStream(ctx), DataTypeSize(input.dtype()), spec,
                                          input.raw_data(), out->raw_data(), out->NumElements(),
                                          pad_value));
}

class GpuTransposeOp : public OpKernel {
 public:
  explicit GpuTransposeOp(OpKernelConstruction* c) : OpKernel(c) {}

  void Compute(OpKernelContext* ctx) override {
    const Tensor& input = ctx->input(0);
    array::TransposePlan plan;
    OP_REQUIRES_OK(ctx, array::PlanTranspose(input, ctx->input(1), &plan));
    if (plan.identity) {
      ctx->set_output(0, input);
      return;
    }
    const std::vector<int64_t>& out_dims = plan.out_dims;
    std::vector<int64_t> cdims, cperm;
    array::CollapseTransposeDims(input.shape().dim_sizes(), plan.perm, &cdims, &cperm);
    if (cperm.size() <= 1) {
      // Only size-1 dims moved: the layout is unchanged, so share the buffer.
      Tensor same;
      same.CopyFrom(input, TensorShape(out_dims));
      ctx->set_output(0, same);
      return;
    }
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, TensorShape(out_dims), &out));
    if (out->NumElements() == 0) return;
    const int rank = static_cast<int>(cdims.size());
    OP_REQUIRES_OK(ctx, CheckGatherRank("Transpose", rank));
    const std::vector<int64_t> in_strides = array::RowMajorStrides(cdims);
    GatherSpec spec;
    spec.rank = rank;
    for (int k = 0; k < rank; ++k) {
      spec.out_dims[k] = cdims[cperm[k]];
      spec.in_dims[k] = cdims[cperm[k]];
      spec.in_strides[k] = in_strides[cperm[k]];
    }
    RunGather(ctx, input, spec, out, nullptr);
  }
};

class GpuTileOp : public OpKernel {
 public:
  explicit GpuTileOp(OpKernelConstruction* c) : OpKernel(c) {}

  void Compute(OpKernelContext* ctx) override {
    const Tensor& input = ctx->input(0);
    array::TilePlan plan;
    OP_REQUIRES_OK(ctx, array::PlanTile(input, ctx->input(1), &plan));
    if (plan.identity) {
      ctx->set_output(0, input);
      return;
    }
    const int rank = input.dims();
    const std::vector<int64_t>& out_dims = plan.out_dims;
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, plan.out_shape, &out));
    if (out->NumElements() == 0) return;
    OP_REQUIRES_OK(ctx, CheckGatherRank("Tile", rank));
    const std::vector<int64_t> strides = array::RowMajorStrides(input.shape().dim_sizes());
    GatherSpec spec;
    spec.rank = rank;
    spec.wrap = true;
    for (int k = 0; k < rank; ++k) {
      spec.out_dims[k] = out_dims[k];
      spec.in_dims[k] = input.dim_size(k);
      spec.in_strides[k] = strides[k];
    }
    RunGather(ctx, input, spec, out, nullptr);
  }
};

// Pad and PadV2 (constant mode); constant_values is a host scalar.
class GpuPadOp : public OpKernel {
 public:
  explicit GpuPadOp(OpKernelConstruction* c) : OpKernel(c) {}

  void Compute(OpKernelContext* ctx) override {
    const Tensor& input = ctx->input(0);
    array::PadPlan plan;
    OP_REQUIRES_OK(ctx, array::PlanPad(ctx, &plan));
    if (plan.identity) {
      ctx->set_output(0, input);
      return;
    }
    const int rank = input.dims();
    const std::vector<int64_t>& pads = plan.pads;
    const std::vector<int64_t>& out_dims = plan.out_dims;
    const Tensor* pad_value = plan.pad_value;
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, plan.out_shape, &out));
    if (out->NumElements() == 0) return;
    OP_REQUIRES_OK(ctx, CheckGatherRank("Pad", rank));
    const std::vector<int64_t> strides = array::RowMajorStrides(input.shape().dim_sizes());
    GatherSpec spec;
    spec.rank = rank;
    spec.pad = true;
    for (int k = 0; k < rank; ++k) {
      spec.out_dims[k] = out_dims[k];
      spec.in_dims[k] = input.dim_size(k);
      spec.in_strides[k] = strides[k];
      spec.start[k] = -pads[2 * k];
    }
    RunGather(ctx, input, spec, out, pad_value ? pad_value->raw_data() : nullptr);
  }
};

class GpuSliceOp : public OpKernel {
 public:
  explicit GpuSliceOp(OpKernelConstruction* c) : OpKernel(c) {}

  void Compute(OpKernelContext* ctx) override {
    const Tensor& input = ctx->input(0);
    array::SlicePlan plan;
    OP_REQUIRES_OK(ctx, array::PlanSlice(input, ctx->input(1), ctx->input(2), &plan));
    if (plan.identity) {
      ctx->set_output(0, input);
      return;
    }
    const int rank = input.dims();
    const std::vector<int64_t>& begin = plan.begin;
    const std::vector<int64_t>& sizes = plan.sizes;
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, TensorShape(sizes), &out));
    if (out->NumElements() == 0) return;
    OP_REQUIRES_OK(ctx, CheckGatherRank("Slice", rank));
    const std::vector<int64_t> strides = array::RowMajorStrides(input.shape().dim_sizes());
    GatherSpec spec;
    spec.rank = rank;
    for (int k = 0; k < rank; ++k) {
      spec.out_dims[k] = sizes[k];
      spec.in_dims[k] = input.dim_size(k);
      spec.in_strides[k] = strides[k];
      spec.start[k] = begin[k];
    }
    RunGather(ctx, input, spec, out, nullptr);
  }
};

REGISTER_KERNEL_BUILDER(Name("Transpose")
                            .Device(DEVICE_GPU)
                            .TypeConstraint("T", gpu::ShapeOpTypes())
                            .HostMemory("perm"),
                        GpuTransposeOp);
// Conjugation is the identity on real types; complex ConjugateTranspose stays on the CPU.
REGISTER_KERNEL_BUILDER(Name("ConjugateTranspose")
                            .Device(DEVICE_GPU)
                            .TypeConstraint("T", gpu::ShapeOpRealTypes())
                            .HostMemory("perm"),
                        GpuTransposeOp);
REGISTER_KERNEL_BUILDER(Name("Tile")
                            .Device(DEVICE_GPU)
                            .TypeConstraint("T", gpu::ShapeOpTypes())
                            .HostMemory("multiples"),
                        GpuTileOp);
REGISTER_KERNEL_BUILDER(Name("Pad")
                            .Device(DEVICE_GPU)
                            .TypeConstraint("T", gpu::ShapeOpTypes())
                            .HostMemory("paddings"),
                        GpuPadOp);
REGISTER_KERNEL_BUILDER(Name("PadV2")
                            .Device(DEVICE_GPU)
                            .TypeConstraint("T", gpu::ShapeOpTypes())
                            .HostMemory("paddings")
                            .HostMemory("constant_values"),
                        GpuPadOp);
REGISTER_KERNEL_BUILDER(Name("Slice")
                            .Device(DEVICE_GPU)
                            .TypeConstraint("T", gpu::ShapeOpTypes())
                            .HostMemory("begin")
                            .HostMemory("size"),
                        GpuSliceOp);

}  // namespace
}  // namespace tfc
