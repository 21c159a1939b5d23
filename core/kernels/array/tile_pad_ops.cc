// Tile, Pad, PadV2 and MirrorPad: gathers whose per-dimension maps wrap around (Tile), step
// outside the input (Pad: the constant) or reflect at the borders (MirrorPad).
#include "core/framework/op_kernel.h"
#include "core/kernels/array/array_copy.h"
#include "core/kernels/array/array_shape_util.h"

namespace tfc {
namespace {

template <typename U>
void RunGather(OpKernelContext* ctx, const Tensor& input, const std::vector<std::vector<int64_t>>& maps,
               const U& pad, Tensor* out) {
  array::GatherByDimMaps<U>(ctx, input.data<U>(), maps, pad, out->data<U>());
}

void GatherAnyType(OpKernelContext* ctx, const Tensor& input,
                   const std::vector<std::vector<int64_t>>& maps, const Tensor* pad_value,
                   Tensor* out) {
  if (out->NumElements() == 0) return;
  array::DispatchByElementSize(input.dtype(), [&](auto zero) {
    using U = decltype(zero);
    RunGather<U>(ctx, input, maps, pad_value ? pad_value->data<U>()[0] : zero, out);
  });
}

class TileOp : public OpKernel {
 public:
  explicit TileOp(OpKernelConstruction* c) : OpKernel(c) {}
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
    // An empty output needs no index maps, which could be huge (a [0, 3] input, 2**31 pads).
    if (out->NumElements() == 0) return;
    const std::vector<int64_t> strides = array::RowMajorStrides(input.shape().dim_sizes());
    std::vector<std::vector<int64_t>> maps(rank);
    for (int i = 0; i < rank; ++i) {
      const int64_t dim = input.dim_size(i);
      maps[i].resize(out_dims[i]);
      for (int64_t j = 0; j < out_dims[i]; ++j) maps[i][j] = (j % dim) * strides[i];
    }
    GatherAnyType(ctx, input, maps, nullptr, out);
  }
};

class PadOp : public OpKernel {
 public:
  explicit PadOp(OpKernelConstruction* c) : OpKernel(c) {}
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
    // An empty output needs no index maps, which could be huge (a [0, 3] input, 2**31 pads).
    if (out->NumElements() == 0) return;
    const std::vector<int64_t> strides = array::RowMajorStrides(input.shape().dim_sizes());
    std::vector<std::vector<int64_t>> maps(rank);
    for (int i = 0; i < rank; ++i) {
      const int64_t before = pads[2 * i], dim = input.dim_size(i);
      maps[i].resize(out_dims[i]);
      for (int64_t j = 0; j < out_dims[i]; ++j) {
        const int64_t k = j - before;
        maps[i][j] = (k >= 0 && k < dim) ? k * strides[i] : -1;
      }
    }
    GatherAnyType(ctx, input, maps, pad_value, out);
  }
};

class MirrorPadOp : public OpKernel {
 public:
  explicit MirrorPadOp(OpKernelConstruction* c) : OpKernel(c) {
    std::string mode;
    c->SetStatus(c->GetAttr("mode", &mode));
    if (mode == "REFLECT") {
      offset_ = 1;
    } else if (mode == "SYMMETRIC") {
      offset_ = 0;
    } else if (c->status().ok()) {
      c->SetStatus(errors::InvalidArgument("mode must be either REFLECT or SYMMETRIC."));
    }
  }
  void Compute(OpKernelContext* ctx) override {
    const Tensor& input = ctx->input(0);
    std::vector<int64_t> pads;
    OP_REQUIRES_OK(ctx, array::ReadPaddings(input, ctx->input(1), &pads));
    const int rank = input.dims();
    std::vector<int64_t> out_dims(rank);
    for (int i = 0; i < rank; ++i) {
      const int64_t before = pads[2 * i], after = pads[2 * i + 1], dim = input.dim_size(i);
      OP_REQUIRES(ctx, before >= 0 && after >= 0,
                  errors::InvalidArgument("paddings must be non-negative: ", before, " ", after));
      if (offset_ == 0) {
        OP_REQUIRES(ctx, before <= dim && after <= dim,
                    errors::InvalidArgument("paddings must be no greater than the dimension "
                                            "size: ", before, ", ", after, " greater than ", dim));
      } else {
        OP_REQUIRES(ctx, before < dim && after < dim,
                    errors::InvalidArgument("paddings must be less than the dimension size: ",
                                            before, ", ", after, " not less than ", dim));
      }
      out_dims[i] = dim + before + after;  // no overflow: before, after < dim
    }
    TensorShape out_shape;
    OP_REQUIRES_OK(ctx, TensorShape::Make(out_dims, &out_shape));
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, out_shape, &out));
    // An empty output needs no index maps, which could be huge (a [0, 3] input, 2**31 pads).
    if (out->NumElements() == 0) return;
    const std::vector<int64_t> strides = array::RowMajorStrides(input.shape().dim_sizes());
    std::vector<std::vector<int64_t>> maps(rank);
    for (int i = 0; i < rank; ++i) {
      const int64_t before = pads[2 * i], dim = input.dim_size(i);
      maps[i].resize(out_dims[i]);
      for (int64_t j = 0; j < out_dims[i]; ++j) {
        int64_t k = j - before;
        if (k < 0) k = -k - 1 + offset_;
        if (k >= dim) k = 2 * dim - 1 - offset_ - k;
        maps[i][j] = k * strides[i];
      }
    }
    GatherAnyType(ctx, input, maps, nullptr, out);
  }

 private:
  int offset_ = 0;
};

#define ARRAY_TYPES TypeConstraint("T", array::AllArrayTypes())
REGISTER_KERNEL_BUILDER(Name("Tile").Device(DEVICE_CPU).ARRAY_TYPES, TileOp);
REGISTER_KERNEL_BUILDER(Name("Pad").Device(DEVICE_CPU).ARRAY_TYPES, PadOp);
REGISTER_KERNEL_BUILDER(Name("PadV2").Device(DEVICE_CPU).ARRAY_TYPES, PadOp);
REGISTER_KERNEL_BUILDER(Name("MirrorPad").Device(DEVICE_CPU).ARRAY_TYPES, MirrorPadOp);
#undef ARRAY_TYPES

}  // namespace
}  // namespace tfc
