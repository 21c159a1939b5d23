// Slice and StridedSlice. Both reduce to per-dimension (begin, stride, size) and a gather;
// slices that cut only dimension 0 share the input's buffer.
#include "core/framework/op_kernel.h"
#include "core/kernels/array/array_copy.h"
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
    const Tensor& begin_t = ctx->input(1);
    const Tensor& size_t_ = ctx->input(2);
    const int rank = input.dims();
    OP_REQUIRES(ctx, begin_t.dims() == 1 && size_t_.dims() == 1 &&
                         begin_t.NumElements() == rank && size_t_.NumElements() == rank,
                errors::InvalidArgument("Expected begin and size arguments to be 1-D tensors of "
                                        "size ", rank, ", but got shapes ",
                                        begin_t.shape().DebugString(), " and ",
                                        size_t_.shape().DebugString(), " instead."));
    const std::vector<int64_t> begin = array::IntTensorToVector(begin_t);
    std::vector<int64_t> sizes = array::IntTensorToVector(size_t_);
    for (int i = 0; i < rank; ++i) {
      const int64_t dim = input.dim_size(i);
      const int64_t b = begin[i];
      int64_t s = sizes[i];
      if (s == -1) s = dim - b;
      if (dim == 0) {
        OP_REQUIRES(ctx, b == 0 && s == 0,
                    errors::InvalidArgument("Expected begin[", i, "] == 0 (got ", b, ") and size[",
                                            i, "] == 0 (got ", s, ") when input.dim_size(", i,
                                            ") == 0"));
      } else {
        OP_REQUIRES(ctx, 0 <= b && b <= dim,
                    errors::InvalidArgument("Expected begin[", i, "] in [0, ", dim,
                                            "], but got ", b));
        OP_REQUIRES(ctx, 0 <= s && b + s <= dim,
                    errors::InvalidArgument("Expected size[", i, "] in [0, ", dim - b,
                                            "], but got ", s));
      }
      sizes[i] = s;
    }
    bool identity = true;
    for (int i = 0; i < rank; ++i) identity &= begin[i] == 0 && sizes[i] == input.dim_size(i);
    if (identity) {
      ctx->set_output(0, input);
      return;
    }
    StridedGather(ctx, input, begin, std::vector<int64_t>(rank, 1), sizes, TensorShape(sizes));
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
