// Tile, Pad, PadV2 and MirrorPad: gathers whose per-dimension maps wrap around (Tile), step
// outside the input (Pad: the constant) or reflect at the borders (MirrorPad).
#include "core/framework/op_kernel.h"
#include "core/kernels/array/array_copy.h"

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
    const Tensor& multiples_t = ctx->input(1);
    const int rank = input.dims();
    OP_REQUIRES(ctx, multiples_t.dims() == 1 && multiples_t.NumElements() == rank,
                errors::InvalidArgument("Expected multiples argument to be a vector of length ",
                                        rank, " but got length ",
                                        multiples_t.dims() > 0 ? multiples_t.dim_size(0) : 0));
    const std::vector<int64_t> multiples = array::IntTensorToVector(multiples_t);
    std::vector<int64_t> out_dims(rank);
    bool identity = true;
    for (int i = 0; i < rank; ++i) {
      OP_REQUIRES(ctx, multiples[i] >= 0,
                  errors::InvalidArgument("Expected multiples[", i, "] >= 0, but got ",
                                          multiples[i]));
      OP_REQUIRES(ctx, !__builtin_mul_overflow(input.dim_size(i), multiples[i], &out_dims[i]),
                  errors::InvalidArgument("Tile: output dimension ", i, " (", input.dim_size(i),
                                          " * ", multiples[i], ") overflows int64"));
      identity &= multiples[i] == 1;
    }
    if (identity) {
      ctx->set_output(0, input);
      return;
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
      const int64_t dim = input.dim_size(i);
      maps[i].resize(out_dims[i]);
      for (int64_t j = 0; j < out_dims[i]; ++j) maps[i][j] = (j % dim) * strides[i];
    }
    GatherAnyType(ctx, input, maps, nullptr, out);
  }
};

Status ReadPaddings(const Tensor& input, const Tensor& paddings, std::vector<int64_t>* pads) {
  if (paddings.dims() != 2 || paddings.dim_size(1) != 2) {
    return errors::InvalidArgument("paddings must be a matrix with 2 columns: ",
                                   paddings.shape().DebugString());
  }
  if (paddings.dim_size(0) != input.dims()) {
    return errors::InvalidArgument("The first dimension of paddings must be the rank of inputs",
                                   paddings.shape().DebugString(), " ",
                                   input.shape().DebugString());
  }
  *pads = array::IntTensorToVector(paddings);
  return OkStatus();
}

bool AddDims(int64_t dim, int64_t before, int64_t after, int64_t* out) {
  return !__builtin_add_overflow(dim, before, out) && !__builtin_add_overflow(*out, after, out);
}

class PadOp : public OpKernel {
 public:
  explicit PadOp(OpKernelConstruction* c) : OpKernel(c) {}
  void Compute(OpKernelContext* ctx) override {
    const Tensor& input = ctx->input(0);
    std::vector<int64_t> pads;
    OP_REQUIRES_OK(ctx, ReadPaddings(input, ctx->input(1), &pads));
    const Tensor* pad_value = nullptr;
    if (ctx->num_inputs() == 3) {
      pad_value = &ctx->input(2);
      OP_REQUIRES(ctx, pad_value->dims() == 0,
                  errors::InvalidArgument("constant_values must be a scalar. Found: ",
                                          pad_value->shape().DebugString()));
    }
    const int rank = input.dims();
    std::vector<int64_t> out_dims(rank);
    bool identity = true;
    for (int i = 0; i < rank; ++i) {
      const int64_t before = pads[2 * i], after = pads[2 * i + 1];
      OP_REQUIRES(ctx, before >= 0 && after >= 0,
                  errors::InvalidArgument("Paddings must be non-negative: ", before, " ", after));
      OP_REQUIRES(ctx, AddDims(input.dim_size(i), before, after, &out_dims[i]),
                  errors::InvalidArgument("Pad: output dimension ", i, " overflows int64"));
      identity &= before == 0 && after == 0;
    }
    if (identity) {
      ctx->set_output(0, input);
      return;
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
    OP_REQUIRES_OK(ctx, ReadPaddings(input, ctx->input(1), &pads));
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
