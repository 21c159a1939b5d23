// Slice and StridedSlice. Both reduce to per-dimension (begin, stride, size) and a gather;
// slices that cut only dimension 0 share the input's buffer.
#include "core/framework/op_kernel.h"
#include "core/kernels/array/array_copy.h"
#include "core/kernels/array/array_shape_util.h"
#include "core/kernels/array/strided_slice_spec.h"

namespace tfc {
namespace {

// out has shape `sizes` (over the input's dims), reshaped to final_shape.
void StridedGather(OpKernelContext* ctx, const Tensor& input, const std::vector<int64_t>& begin,
                   const std::vector<int64_t>& strides, const std::vector<int64_t>& sizes,
                   const TensorShape& final_shape) {
  const int rank = input.dims();
  bool dim0_only = rank > 0;
  for (int i = 0; i < rank && dim0_only; ++i) {
    if (strides[i] != 1) dim0_only = false;
    if (i > 0 && (begin[i] != 0 || sizes[i] != input.dim_size(i))) dim0_only = false;
  }
  if (dim0_only) {
    Tensor piece = input.Slice(begin[0], begin[0] + sizes[0]);
    Tensor out;
    out.CopyFrom(piece, final_shape);
    ctx->set_output(0, out);
    return;
  }
  Tensor* out = nullptr;
  OP_REQUIRES_OK(ctx, ctx->allocate_output(0, final_shape, &out));
  if (out->NumElements() == 0) return;
  const std::vector<int64_t> in_strides = array::RowMajorStrides(input.shape().dim_sizes());
  std::vector<std::vector<int64_t>> maps(rank);
  for (int i = 0; i < rank; ++i) {
    maps[i].resize(sizes[i]);
    for (int64_t j = 0; j < sizes[i]; ++j) maps[i][j] = (begin[i] + j * strides[i]) * in_strides[i];
  }
  array::DispatchByElementSize(input.dtype(), [&](auto zero) {
    using U = decltype(zero);
    array::GatherByDimMaps<U>(ctx, input.data<U>(), maps, zero, out->data<U>());
  });
}

class SliceOp : public OpKernel {
 public:
  explicit SliceOp(OpKernelConstruction* c) : OpKernel(c) {}
  void Compute(OpKernelContext* ctx) override {
    const Tensor& input = ctx->input(0);
    array::SlicePlan plan;
    OP_REQUIRES_OK(ctx, array::PlanSlice(input, ctx->input(1), ctx->input(2), &plan));
    if (plan.identity) {
      ctx->set_output(0, input);
      return;
    }
    StridedGather(ctx, input, plan.begin, std::vector<int64_t>(input.dims(), 1), plan.sizes,
                  TensorShape(plan.sizes));
  }
};

class StridedSliceOp : public OpKernel {
 public:
  explicit StridedSliceOp(OpKernelConstruction* c) : OpKernel(c) {
    for (auto [name, field] : {std::pair{"begin_mask", &begin_mask_}, {"end_mask", &end_mask_},
                               {"ellipsis_mask", &ellipsis_mask_},
                               {"new_axis_mask", &new_axis_mask_},
                               {"shrink_axis_mask", &shrink_axis_mask_}}) {
      c->SetStatus(c->GetAttr(name, field));
    }
  }
  void Compute(OpKernelContext* ctx) override {
    const Tensor& input = ctx->input(0);
    StridedSliceResult r;
    OP_REQUIRES_OK(ctx, ValidateStridedSliceOp(&ctx->input(1), &ctx->input(2), ctx->input(3),
                                               PartialTensorShape(input.shape()), begin_mask_,
                                               end_mask_, ellipsis_mask_, new_axis_mask_,
                                               shrink_axis_mask_, &r));
    TensorShape final_shape;
    OP_REQUIRES(ctx, r.final_shape.AsTensorShape(&final_shape),
                errors::Internal("StridedSlice produced a partial shape"));
    if (r.is_identity) {
      Tensor out;
      out.CopyFrom(input, final_shape);
      ctx->set_output(0, out);
      return;
    }
    StridedGather(ctx, input, r.begin, r.strides, r.processing_shape.dim_sizes(), final_shape);
  }

 private:
  int32_t begin_mask_ = 0, end_mask_ = 0, ellipsis_mask_ = 0, new_axis_mask_ = 0,
          shrink_axis_mask_ = 0;
};

REGISTER_KERNEL_BUILDER(
    Name("Slice").Device(DEVICE_CPU).TypeConstraint("T", array::AllArrayTypes()), SliceOp);
REGISTER_KERNEL_BUILDER(
    Name("StridedSlice").Device(DEVICE_CPU).TypeConstraint("T", array::AllArrayTypes()),
    StridedSliceOp);

}  // namespace
}  // namespace tfc
