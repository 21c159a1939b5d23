// ConcatV2, Pack, Split, SplitV and Unpack on the GPU. Every tensor is viewed as
// [outer, axis * inner]; a join copies each input's row chunk into the output's rows with one
// pitched copy per input, a split the reverse. axis, split_dim and size_splits stay in host
// memory. Host-side checks and messages follow the CPU kernels.
#include <vector>

#include "core/framework/op_kernel.h"
#include "core/kernels/array/array_copy.h"
#include "core/kernels/gpu/gpu_kernel_util.h"
#include "core/kernels/gpu/shape_kernels.h"
#include "core/kernels/gpu/shape_ops_util.h"

namespace tfc {
namespace {

int64_t Prod(const TensorShape& s, int begin, int end) {
  int64_t p = 1;
  for (int i = begin; i < end; ++i) p *= s.dim_size(i);
  return p;
}

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
    const Tensor& axis_t = ctx->input(n);
    OP_REQUIRES(ctx, axis_t.dims() == 0,
                errors::InvalidArgument("Concat dim tensor should be a scalar, but got shape ",
                                        axis_t.shape().DebugString()));
    const int64_t concat_dim = array::IntTensorToVector(axis_t)[0];
    const TensorShape& shape0 = ctx->input(0).shape();
    const int rank = shape0.dims();
    const int64_t axis = concat_dim < 0 ? concat_dim + rank : concat_dim;
    OP_REQUIRES(ctx, 0 <= axis && axis < rank,
                errors::InvalidArgument("ConcatOp : Expected concatenating dimensions in the range [",
                                        -rank, ", ", rank, "), but got ", concat_dim));
    std::vector<const Tensor*> inputs;
    std::vector<int64_t> row_len;
    int64_t out_axis = 0;
    const int64_t outer = Prod(shape0, 0, static_cast<int>(axis));
    for (int i = 0; i < n; ++i) {
      const Tensor& in = ctx->input(i);
      OP_REQUIRES(ctx, in.dims() == rank,
                  errors::InvalidArgument("ConcatOp : Ranks of all input tensors should match: "
                                          "shape[0] = ", shape0.DebugString(), " vs. shape[", i,
                                          "] = ", in.shape().DebugString()));
      for (int j = 0; j < rank; ++j) {
        if (j == axis) continue;
        OP_REQUIRES(ctx, in.dim_size(j) == shape0.dim_size(j),
                    errors::InvalidArgument("ConcatOp : Dimensions of inputs should match: "
                                            "shape[0] = ", shape0.DebugString(), " vs. shape[", i,
                                            "] = ", in.shape().DebugString()));
      }
      out_axis += in.dim_size(static_cast<int>(axis));
      inputs.push_back(&in);
      row_len.push_back(Prod(in.shape(), static_cast<int>(axis), rank));
    }
    TensorShape out_shape = shape0;
    out_shape.set_dim(static_cast<int>(axis), out_axis);
    if (n == 1) {
      ctx->set_output(0, ctx->input(0));
      return;
    }
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, out_shape, &out));
    ConcatRows(ctx, inputs, row_len, outer, out);
  }
};

class GpuPackOp : public OpKernel {
 public:
  explicit GpuPackOp(OpKernelConstruction* c) : OpKernel(c) {
    c->SetStatus(c->GetAttr("axis", &axis_));
  }

  void Compute(OpKernelContext* ctx) override {
    const int n = ctx->num_inputs();
    const TensorShape& shape0 = ctx->input(0).shape();
    const int expanded = shape0.dims() + 1;
    const int64_t axis = axis_ < 0 ? axis_ + expanded : axis_;
    OP_REQUIRES(ctx, 0 <= axis && axis < expanded,
                errors::InvalidArgument("axis = ", axis_, " not in [", -expanded, ", ", expanded,
                                        ")"));
    std::vector<const Tensor*> inputs;
    std::vector<int64_t> row_len;
    for (int i = 0; i < n; ++i) {
      const Tensor& in = ctx->input(i);
      OP_REQUIRES(ctx, in.shape().IsSameSize(shape0),
                  errors::InvalidArgument("Shapes of all inputs must match: values[0].shape = ",
                                          shape0.DebugString(), " != values[", i, "].shape = ",
                                          in.shape().DebugString()));
      inputs.push_back(&in);
      row_len.push_back(Prod(shape0, static_cast<int>(axis), shape0.dims()));
    }
    TensorShape out_shape = shape0;
    out_shape.InsertDim(static_cast<int>(axis), n);
    if (n == 1) {
      Tensor out;
      out.CopyFrom(ctx->input(0), out_shape);
      ctx->set_output(0, out);
      return;
    }
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, out_shape, &out));
    ConcatRows(ctx, inputs, row_len, Prod(shape0, 0, static_cast<int>(axis)), out);
  }

 private:
  int64_t axis_ = 0;
};

// Output i takes sizes[i] entries of `axis`; its shape is out_shapes[i].
void SplitAlongAxis(OpKernelContext* ctx, const Tensor& input, int axis,
                    const std::vector<int64_t>& sizes, const std::vector<TensorShape>& out_shapes) {
  const TensorShape& shape = input.shape();
  const int64_t outer = Prod(shape, 0, axis);
  const int64_t inner = Prod(shape, axis + 1, shape.dims());
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

Status CanonicalSplitDim(const Tensor& split_dim_t, int rank, int* out) {
  if (split_dim_t.NumElements() != 1) {
    return errors::InvalidArgument("split_dim must be a scalar but has rank ", split_dim_t.dims());
  }
  const int64_t orig = array::IntTensorToVector(split_dim_t)[0];
  const int64_t d = orig < 0 ? orig + rank : orig;
  if (!(0 <= d && d < rank)) {
    return errors::InvalidArgument("-input rank(-", rank, ") <= split_dim < input rank (", rank,
                                   "), but got ", orig);
  }
  *out = static_cast<int>(d);
  return OkStatus();
}

class GpuSplitOp : public OpKernel {
 public:
  explicit GpuSplitOp(OpKernelConstruction* c) : OpKernel(c) {}

  void Compute(OpKernelContext* ctx) override {
    const Tensor& input = ctx->input(1);
    const int num_split = ctx->num_outputs();
    int axis;
    OP_REQUIRES_OK(ctx, CanonicalSplitDim(ctx->input(0), input.dims(), &axis));
    OP_REQUIRES(ctx, num_split > 0,
                errors::InvalidArgument("Number of ways to split should be > 0, but got ",
                                        num_split));
    const int64_t size = input.dim_size(axis);
    OP_REQUIRES(ctx, size % num_split == 0,
                errors::InvalidArgument("Number of ways to split should evenly divide the split "
                                        "dimension, but got split_dim ", axis, " (size = ", size,
                                        ") and num_split ", num_split));
    if (num_split == 1) {
      ctx->set_output(0, input);
      return;
    }
    TensorShape piece = input.shape();
    piece.set_dim(axis, size / num_split);
    SplitAlongAxis(ctx, input, axis, std::vector<int64_t>(num_split, size / num_split),
                   std::vector<TensorShape>(num_split, piece));
  }
};

class GpuSplitVOp : public OpKernel {
 public:
  explicit GpuSplitVOp(OpKernelConstruction* c) : OpKernel(c) {}

  void Compute(OpKernelContext* ctx) override {
    const Tensor& input = ctx->input(0);
    const Tensor& sizes_t = ctx->input(1);
    const int num_split = ctx->num_outputs();
    OP_REQUIRES(ctx, sizes_t.dims() == 1 && sizes_t.NumElements() == num_split,
                errors::InvalidArgument("size of the split_tensor must be 1-D and have the same "
                                        "elements as outputs got ", sizes_t.dims(), " -D and ",
                                        sizes_t.NumElements(), " elements"));
    int axis;
    OP_REQUIRES_OK(ctx, CanonicalSplitDim(ctx->input(2), input.dims(), &axis));
    std::vector<int64_t> sizes = array::IntTensorToVector(sizes_t);
    const int64_t dim_size = input.dim_size(axis);
    int neg_one = -1;
    int64_t determined = 0;
    for (int i = 0; i < num_split; ++i) {
      if (sizes[i] == -1) {
        OP_REQUIRES(ctx, neg_one == -1,
                    errors::InvalidArgument("There can only be one -1 in the input."));
        neg_one = i;
      } else {
        OP_REQUIRES(ctx, sizes[i] >= 0,
                    errors::InvalidArgument("Split size at index ", i, " must be >= 0. Got: ",
                                            sizes[i]));
        determined += sizes[i];
      }
    }
    OP_REQUIRES(ctx, (neg_one == -1 && determined == dim_size) ||
                         (neg_one >= 0 && determined <= dim_size),
                errors::InvalidArgument("Determined shape must either match input shape along "
                                        "split_dim exactly if fully specified, or be less than "
                                        "the size of the input along split_dim if not fully "
                                        "specified.  Got: ", determined));
    if (neg_one >= 0) sizes[neg_one] = dim_size - determined;
    std::vector<TensorShape> shapes;
    for (int i = 0; i < num_split; ++i) {
      TensorShape s = input.shape();
      s.set_dim(axis, sizes[i]);
      shapes.push_back(s);
    }
    SplitAlongAxis(ctx, input, axis, sizes, shapes);
  }
};

class GpuUnpackOp : public OpKernel {
 public:
  explicit GpuUnpackOp(OpKernelConstruction* c) : OpKernel(c) {
    c->SetStatus(c->GetAttr("axis", &axis_));
  }

  void Compute(OpKernelContext* ctx) override {
    const Tensor& input = ctx->input(0);
    const int num = ctx->num_outputs();
    const int rank = input.dims();
    const int64_t axis = axis_ < 0 ? axis_ + rank : axis_;
    OP_REQUIRES(ctx, 0 <= axis && axis < rank,
                errors::InvalidArgument("axis = ", axis_, " not in [", -rank, ", ", rank, ")"));
    OP_REQUIRES(ctx, rank > 0 && input.dim_size(static_cast<int>(axis)) == num,
                errors::InvalidArgument("Input shape axis ", axis, " must equal ", num,
                                        ", got shape ", input.shape().DebugString()));
    TensorShape piece = input.shape();
    piece.RemoveDim(static_cast<int>(axis));
    SplitAlongAxis(ctx, input, static_cast<int>(axis), std::vector<int64_t>(num, 1),
                   std::vector<TensorShape>(num, piece));
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
