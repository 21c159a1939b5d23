// Kernels that read or change only the shape: Shape, ShapeN, Size, Rank, Reshape, ExpandDims,
// Squeeze. The last three share the input's buffer; all are cheap enough to run inline.
#include <algorithm>
#include <limits>

#include "core/framework/register_types.h"
#include "core/framework/op_kernel.h"
#include "core/kernels/array/array_copy.h"

namespace tfc {
namespace {

Status WriteIntVector(OpKernelContext* ctx, int out_index, const std::vector<int64_t>& v) {
  Tensor* out = nullptr;
  TFC_RETURN_IF_ERROR(
      ctx->allocate_output(out_index, TensorShape({static_cast<int64_t>(v.size())}), &out));
  if (out->dtype() == DT_INT32) {
    for (size_t i = 0; i < v.size(); ++i) {
      if (v[i] > std::numeric_limits<int32_t>::max()) {
        return errors::InvalidArgument("Shape output type is 32-bit but dim ", i, " is ", v[i]);
      }
      out->data<int32_t>()[i] = static_cast<int32_t>(v[i]);
    }
  } else {
    for (size_t i = 0; i < v.size(); ++i) out->data<int64_t>()[i] = v[i];
  }
  return OkStatus();
}

Status WriteIntScalar(OpKernelContext* ctx, int64_t v, const char* what) {
  Tensor* out = nullptr;
  TFC_RETURN_IF_ERROR(ctx->allocate_output(0, TensorShape({}), &out));
  if (out->dtype() == DT_INT32) {
    if (v > std::numeric_limits<int32_t>::max()) {
      return errors::InvalidArgument("Number of elements was larger than representable by 32-bit ",
                                     "output type");
    }
    out->scalar<int32_t>() = static_cast<int32_t>(v);
  } else {
    out->scalar<int64_t>() = v;
  }
  return OkStatus();
}

class ShapeOp : public OpKernel {
 public:
  explicit ShapeOp(OpKernelConstruction* c) : OpKernel(c) { expensive_ = false; }
  void Compute(OpKernelContext* ctx) override {
    for (int i = 0; i < ctx->num_inputs(); ++i) {
      OP_REQUIRES_OK(ctx, WriteIntVector(ctx, i, ctx->input(i).shape().dim_sizes()));
    }
  }
};

class SizeOp : public OpKernel {
 public:
  explicit SizeOp(OpKernelConstruction* c) : OpKernel(c) { expensive_ = false; }
  void Compute(OpKernelContext* ctx) override {
    OP_REQUIRES_OK(ctx, WriteIntScalar(ctx, ctx->input(0).NumElements(), "Size"));
  }
};

class RankOp : public OpKernel {
 public:
  explicit RankOp(OpKernelConstruction* c) : OpKernel(c) { expensive_ = false; }
  void Compute(OpKernelContext* ctx) override {
    OP_REQUIRES_OK(ctx, WriteIntScalar(ctx, ctx->input(0).dims(), "Rank"));
  }
};

// Shares the input's buffer under a new shape.
void ForwardWithShape(OpKernelContext* ctx, const TensorShape& shape) {
  Tensor out;
  if (!out.CopyFrom(ctx->input(0), shape)) {
    ctx->SetStatus(errors::Internal("Could not reshape ", ctx->input(0).shape().DebugString(),
                                    " to ", shape.DebugString()));
    return;
  }
  ctx->set_output(0, out);
}

class ReshapeOp : public OpKernel {
 public:
  explicit ReshapeOp(OpKernelConstruction* c) : OpKernel(c) { expensive_ = false; }
  void Compute(OpKernelContext* ctx) override {
    const Tensor& input = ctx->input(0);
    const Tensor& sizes = ctx->input(1);
    OP_REQUIRES(ctx, sizes.dims() == 1,
                errors::InvalidArgument("sizes input must be 1-D, not ",
                                        sizes.shape().DebugString()));
    const std::vector<int64_t> want = array::IntTensorToVector(sizes);
    std::vector<int64_t> dims(want.size());
    int64_t product = 1;
    int unknown_index = -1;
    bool sizes_has_zero = false;
    for (size_t d = 0; d < want.size(); ++d) {
      const int64_t size = want[d];
      if (size == -1) {
        OP_REQUIRES(ctx, unknown_index == -1,
                    errors::InvalidArgument("Only one input size may be -1, not both ",
                                            unknown_index, " and ", d));
        unknown_index = static_cast<int>(d);
        dims[d] = 1;
      } else {
        OP_REQUIRES(ctx, size >= 0,
                    errors::InvalidArgument("Size ", d, " must be non-negative, not ", size));
        if (size == 0) {
          sizes_has_zero = true;
        } else {
          product *= size;
        }
        dims[d] = size;
      }
    }
    if (unknown_index != -1) {
      // Zero dims of the input are left out of the count only when sizes has a zero too, so
      // the other dims can still be inferred.
      int64_t input_elems = 1;
      bool input_has_zero = false;
      for (int64_t d : input.shape().dim_sizes()) {
        if (d > 0 || !sizes_has_zero) {
          input_elems *= d;
        } else {
          input_has_zero = true;
        }
      }
      const int64_t missing = product == 0 ? 0 : input_elems / product;
      if (!input_has_zero) {
        OP_REQUIRES(ctx, product * missing == input_elems,
                    errors::InvalidArgument("Input to reshape is a tensor with ",
                                            input.NumElements(),
                                            " values, but the requested shape requires a "
                                            "multiple of ",
                                            product));
      }
      dims[unknown_index] = missing;
    }
    TensorShape shape;
    OP_REQUIRES_OK(ctx, TensorShape::Make(dims, &shape));
    OP_REQUIRES(ctx, shape.num_elements() == input.NumElements(),
                errors::InvalidArgument("Input to reshape is a tensor with ", input.NumElements(),
                                        " values, but the requested shape has ",
                                        shape.num_elements()));
    ForwardWithShape(ctx, shape);
  }
};

class ExpandDimsOp : public OpKernel {
 public:
  explicit ExpandDimsOp(OpKernelConstruction* c) : OpKernel(c) { expensive_ = false; }
  void Compute(OpKernelContext* ctx) override {
    OP_REQUIRES(ctx, ctx->input(1).NumElements() == 1,
                errors::InvalidArgument("'dim' must be a tensor with a single value"));
    int64_t dim = array::IntTensorToVector(ctx->input(1))[0];
    const int rank = ctx->input(0).dims();
    OP_REQUIRES(ctx, dim >= -1 - rank && dim <= rank,
                errors::InvalidArgument("Tried to expand dim index ", dim, " for tensor with ",
                                        rank, " dimensions."));
    if (dim < 0) dim += rank + 1;
    std::vector<int64_t> dims = ctx->input(0).shape().dim_sizes();
    dims.insert(dims.begin() + dim, 1);
    ForwardWithShape(ctx, TensorShape(dims));
  }
};

class SqueezeOp : public OpKernel {
 public:
  explicit SqueezeOp(OpKernelConstruction* c) : OpKernel(c) {
    expensive_ = false;
    std::vector<int64_t> dims;
    Status s = c->GetAttr("squeeze_dims", &dims);
    if (!s.ok()) {
      c->SetStatus(s);
      return;
    }
    squeeze_dims_ = dims;
  }
  void Compute(OpKernelContext* ctx) override {
    const Tensor& input = ctx->input(0);
    const int rank = input.dims();
    std::vector<bool> wanted(rank, false);
    for (int64_t d : squeeze_dims_) {
      OP_REQUIRES(ctx, d >= -rank && d < rank,
                  errors::InvalidArgument("Tried to squeeze dim index ", d, " for tensor with ",
                                          rank, " dimensions."));
      wanted[d < 0 ? d + rank : d] = true;
    }
    std::vector<int64_t> out;
    for (int i = 0; i < rank; ++i) {
      const int64_t existing = input.dim_size(i);
      if (!squeeze_dims_.empty()) {
        if (wanted[i]) {
          OP_REQUIRES(ctx, existing == 1,
                      errors::InvalidArgument("Can not squeeze dim[", i,
                                              "], expected a dimension of 1, got ", existing));
          continue;
        }
      } else if (existing == 1) {
        continue;
      }
      out.push_back(existing);
    }
    ForwardWithShape(ctx, TensorShape(out));
  }

 private:
  std::vector<int64_t> squeeze_dims_;
};

REGISTER_KERNEL_BUILDER(Name("Shape").Device(DEVICE_CPU), ShapeOp);
REGISTER_KERNEL_BUILDER(Name("ShapeN").Device(DEVICE_CPU), ShapeOp);
REGISTER_KERNEL_BUILDER(Name("Size").Device(DEVICE_CPU), SizeOp);
REGISTER_KERNEL_BUILDER(Name("Rank").Device(DEVICE_CPU), RankOp);
REGISTER_KERNEL_BUILDER(Name("Reshape").Device(DEVICE_CPU), ReshapeOp);
REGISTER_KERNEL_BUILDER(Name("ExpandDims").Device(DEVICE_CPU), ExpandDimsOp);
REGISTER_KERNEL_BUILDER(Name("Squeeze").Device(DEVICE_CPU), SqueezeOp);

// On a GPU the same kernels: they read shapes only, or share the input's buffer.
REGISTER_KERNEL_BUILDER(Name("Shape").Device(DEVICE_GPU).HostMemory("output"), ShapeOp);
REGISTER_KERNEL_BUILDER(Name("ShapeN").Device(DEVICE_GPU).HostMemory("output"), ShapeOp);
REGISTER_KERNEL_BUILDER(Name("Size").Device(DEVICE_GPU).HostMemory("output"), SizeOp);
REGISTER_KERNEL_BUILDER(Name("Rank").Device(DEVICE_GPU).HostMemory("output"), RankOp);
REGISTER_KERNEL_BUILDER(
    Name("Reshape").Device(DEVICE_GPU).TypeConstraint("T", GpuMemoryTypes()).HostMemory("shape"),
    ReshapeOp);
REGISTER_KERNEL_BUILDER(
    Name("ExpandDims").Device(DEVICE_GPU).TypeConstraint("T", GpuMemoryTypes()).HostMemory("dim"),
    ExpandDimsOp);
REGISTER_KERNEL_BUILDER(Name("Squeeze").Device(DEVICE_GPU).TypeConstraint("T", GpuMemoryTypes()),
                        SqueezeOp);

}  // namespace
}  // namespace tfc
