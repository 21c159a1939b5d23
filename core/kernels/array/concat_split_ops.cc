// Joining and splitting along an axis: ConcatV2, Pack, Split, SplitV, Unpack. Every tensor is
// viewed as [outer, axis * inner]; a join copies each input's row chunk into the output row.
// Splits whose outer size is 1 share the input's buffer instead of copying.
#include "core/framework/op_kernel.h"
#include "core/kernels/array/array_copy.h"
#include "core/kernels/array/concat_split_util.h"

namespace tfc {
namespace {

// out[o, :] = concat_i(inputs[i][o, :]) where inputs[i] has row length row_len[i].
void ConcatRows(OpKernelContext* ctx, const std::vector<const Tensor*>& inputs,
                const std::vector<int64_t>& row_len, int64_t outer, Tensor* out) {
  int64_t out_row = 0;
  for (int64_t r : row_len) out_row += r;
  if (out_row == 0 || outer == 0) return;
  array::DispatchByElementSize(out->dtype(), [&](auto zero) {
    using U = decltype(zero);
    U* dst = out->data<U>();
    auto rows = [&](int64_t begin, int64_t end) {
      for (int64_t o = begin; o < end; ++o) {
        U* d = dst + o * out_row;
        for (size_t i = 0; i < inputs.size(); ++i) {
          array::CopyElements(d, inputs[i]->data<U>() + o * row_len[i], row_len[i]);
          d += row_len[i];
        }
      }
    };
    if (outer * out_row > 32768) {
      ctx->ParallelFor(outer, out_row + 10, rows);
    } else {
      rows(0, outer);
    }
  });
}

class ConcatV2Op : public OpKernel {
 public:
  explicit ConcatV2Op(OpKernelConstruction* c) : OpKernel(c) {}
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

class PackOp : public OpKernel {
 public:
  explicit PackOp(OpKernelConstruction* c) : OpKernel(c) {
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
  int64_t offset = 0, row = 0;
  for (size_t i = 0; i < sizes.size(); ++i) {
    const int64_t len = sizes[i] * inner;
    if (outer == 1 && inner > 0) {
      // Contiguous piece: a view of the input.
      Tensor flat;
      flat.CopyFrom(input, TensorShape({shape.dim_size(axis), inner}));
      Tensor piece = flat.Slice(row, row + sizes[i]);
      Tensor out;
      out.CopyFrom(piece, out_shapes[i]);
      ctx->set_output(static_cast<int>(i), out);
    } else {
      Tensor* out = nullptr;
      OP_REQUIRES_OK(ctx, ctx->allocate_output(static_cast<int>(i), out_shapes[i], &out));
      if (len > 0 && outer > 0) {
        array::DispatchByElementSize(input.dtype(), [&](auto zero) {
          using U = decltype(zero);
          const U* src = input.data<U>() + offset;
          U* dst = out->data<U>();
          for (int64_t o = 0; o < outer; ++o) array::CopyElements(dst + o * len, src + o * in_row, len);
        });
      }
    }
    offset += len;
    row += sizes[i];
  }
}

class SplitOp : public OpKernel {
 public:
  explicit SplitOp(OpKernelConstruction* c) : OpKernel(c) {}
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

class SplitVOp : public OpKernel {
 public:
  explicit SplitVOp(OpKernelConstruction* c) : OpKernel(c) {}
  void Compute(OpKernelContext* ctx) override {
    array::SplitPlan plan;
    OP_REQUIRES_OK(ctx, array::PlanSplitV(ctx, &plan));
    SplitAlongAxis(ctx, ctx->input(0), plan.axis, plan.sizes, plan.shapes);
  }
};

class UnpackOp : public OpKernel {
 public:
  explicit UnpackOp(OpKernelConstruction* c) : OpKernel(c) {
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

#define ARRAY_TYPES TypeConstraint("T", array::AllArrayTypes())
REGISTER_KERNEL_BUILDER(Name("ConcatV2").Device(DEVICE_CPU).ARRAY_TYPES, ConcatV2Op);
REGISTER_KERNEL_BUILDER(Name("Pack").Device(DEVICE_CPU).ARRAY_TYPES, PackOp);
REGISTER_KERNEL_BUILDER(Name("Split").Device(DEVICE_CPU).ARRAY_TYPES, SplitOp);
REGISTER_KERNEL_BUILDER(Name("SplitV").Device(DEVICE_CPU).ARRAY_TYPES, SplitVOp);
REGISTER_KERNEL_BUILDER(Name("Unpack").Device(DEVICE_CPU).ARRAY_TYPES, UnpackOp);
#undef ARRAY_TYPES

}  // namespace
}  // namespace tfc
