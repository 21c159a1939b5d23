// ConcatV2, Pack, Split, SplitV and Unpack on the GPU. Every tensor is viewed as
// [outer, axis * inner]; a join copies each input's row chunk into the output's rows with one
// pitched copy per input, a split the reverse. axis, split_dim and size_splits stay in host
// memory. Host-side checks and messages follow the CPU kernels.
#include <vector>

#include "core/framework/op_kernel.h"
#include "core/kernels/array/concat_split_util.h"
#include "core/kernels/gpu/gpu_kernel_util.h"
#include "core/kernels/gpu/shape_kernels.h"
#include "core/kernels/gpu/shape_ops_util.h"

namespace tfc {
namespace {

// out[o, :] = concat_i(inputs[i][o, :]) where inputs[i] has row length row_len[i].
void ConcatRows(OpKernelContext* ctx, const std::vector<const Tensor*>& inputs,
                const std::vector<int64_t>& row_len, int64_t outer, Tensor* out) {
  int64_t out_row = 0;
  for (int64_t r : row_len) out_row += r;
  if (out_row == 0 || outer == 0) return;
  const int es = DataTypeSize(out->dtype());
  char* dst = static_cast<char*>(out->raw_data());
  int64_t col = 0;
  for (size_t i = 0; i < inputs.size(); ++i) {
    OP_REQUIRES_CUDA(ctx, gpu::LaunchCopyRows(GpuStream(ctx), es, inputs[i]->raw_data(),
                                              row_len[i], dst + col * es, out_row, outer,
                                              row_len[i]));
    col += row_len[i];
  }
}

class GpuConcatV2Op : public OpKernel {
 public:
  explicit GpuConcatV2Op(OpKernelConstruction* c) : OpKernel(c) {}

  void Compute(OpKernelContext* ctx) override {
    const int n = ctx->num_inputs() - 1;
    array::JoinPlan plan;
    OP_REQUIRES_OK(ctx, array::PlanConcatV2(ctx, &plan));
    if (n == 1) {
      ctx->set_output(0, ctx->input(0));
      return;
    }
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, plan.out_shape, &out));
    ConcatRows(ctx, plan.inputs, plan.row_len, plan.outer, out);
  }
};

class GpuPackOp : public OpKernel {
 public:
  explicit GpuPackOp(OpKernelConstruction* c) : OpKernel(c) {
    c->SetStatus(c->GetAttr("axis", &axis_));
  }

  void Compute(OpKernelContext* ctx) override {
    array::JoinPlan plan;
    OP_REQUIRES_OK(ctx, array::PlanPack(ctx, axis_, &plan));
    if (ctx->num_inputs() == 1) {
      Tensor out;
      out.CopyFrom(ctx->input(0), plan.out_shape);
      ctx->set_output(0, out);
      return;
    }
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, plan.out_shape, &out));
    ConcatRows(ctx, plan.inputs, plan.row_len, plan.outer, out);
  }

 private:
  int64_t axis_ = 0;
};

// Output i takes sizes[i] entries of `axis`; its shape is out_shapes[i].
void SplitAlongAxis(OpKernelContext* ctx, const Tensor& input, int axis,
                    const std::vector<int64_t>& sizes, const std::vector<TensorShape>& out_shapes) {
  const TensorShape& shape = input.shape();
  const int64_t outer = array::DimProduct(shape, 0, axis);
  const int64_t inner = array::DimProduct(shape, axis + 1, shape.dims());
  const int64_t in_row = shape.dim_size(axis) * inner;
  const int es = DataTypeSize(input.dtype());
  const char* src = static_cast<const char*>(input.raw_data());
  int64_t offset = 0;
  for (size_t i = 0; i < sizes.size(); ++i) {
    const int64_t len = sizes[i] * inner;
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(static_cast<int>(i), out_shapes[i], &out));
    OP_REQUIRES_CUDA(ctx, gpu::LaunchCopyRows(GpuStream(ctx), es, src + offset * es, in_row,
                                              out->raw_data(), len, outer, len));
    offset += len;
  }
}

class GpuSplitOp : public OpKernel {
 public:
  explicit GpuSplitOp(OpKernelConstruction* c) : OpKernel(c) {}

  void Compute(OpKernelContext* ctx) override {
    const Tensor& input = ctx->input(1);
    array::SplitPlan plan;
    OP_REQUIRES_OK(ctx, array::PlanSplit(ctx, &plan));
    if (ctx->num_outputs() == 1) {
      ctx->set_output(0, input);
      return;
    }
    SplitAlongAxis(ctx, input, plan.axis, plan.sizes, plan.shapes);
  }
};

class GpuSplitVOp : public OpKernel {
 public:
  explicit GpuSplitVOp(OpKernelConstruction* c) : OpKernel(c) {}

  void Compute(OpKernelContext* ctx) override {
    array::SplitPlan plan;
    OP_REQUIRES_OK(ctx, array::PlanSplitV(ctx, &plan));
    SplitAlongAxis(ctx, ctx->input(0), plan.axis, plan.sizes, plan.shapes);
  }
};

class GpuUnpackOp : public OpKernel {
 public:
  explicit GpuUnpackOp(OpKernelConstruction* c) : OpKernel(c) {
    c->SetStatus(c->GetAttr("axis", &axis_));
  }

  void Compute(OpKernelContext* ctx) override {
    array::SplitPlan plan;
    OP_REQUIRES_OK(ctx, array::PlanUnpack(ctx, axis_, &plan));
    SplitAlongAxis(ctx, ctx->input(0), plan.axis, plan.sizes, plan.shapes);
  }

 private:
  int64_t axis_ = 0;
};

REGISTER_KERNEL_BUILDER(Name("ConcatV2")
                            .Device(DEVICE_GPU)
                            .TypeConstraint("T", gpu::ShapeOpTypes())
                            .HostMemory("axis"),
                        GpuConcatV2Op);
REGISTER_KERNEL_BUILDER(Name("Pack").Device(DEVICE_GPU).TypeConstraint("T", gpu::ShapeOpTypes()),
                        GpuPackOp);
REGISTER_KERNEL_BUILDER(Name("Split")
                            .Device(DEVICE_GPU)
                            .TypeConstraint("T", gpu::ShapeOpTypes())
                            .HostMemory("split_dim"),
                        GpuSplitOp);
REGISTER_KERNEL_BUILDER(Name("SplitV")
                            .Device(DEVICE_GPU)
                            .TypeConstraint("T", gpu::ShapeOpTypes())
                            .HostMemory("size_splits")
                            .HostMemory("split_dim"),
                        GpuSplitVOp);
REGISTER_KERNEL_BUILDER(Name("Unpack")
                            .Device(DEVICE_GPU)
                            .TypeConstraint("T", gpu::ShapeOpTypes()),
                        GpuUnpackOp);

}  // namespace
}  // namespace tfc
