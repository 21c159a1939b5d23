// BroadcastTo and BroadcastArgs on the CPU.
#include <algorithm>

#include "core/kernels/gather/gather_util.h"

namespace tfc {
namespace {

// NumPy broadcasting of two shapes; false if they are incompatible.
bool BroadcastShapes(const std::vector<int64_t>& a, const std::vector<int64_t>& b,
                     std::vector<int64_t>* out) {
  const size_t n = std::max(a.size(), b.size());
  out->assign(n, 1);
  for (size_t i = 0; i < n; ++i) {
    const int64_t x = i < a.size() ? a[a.size() - 1 - i] : 1;
    const int64_t y = i < b.size() ? b[b.size() - 1 - i] : 1;
    if (x != y && x != 1 && y != 1) return false;
    (*out)[n - 1 - i] = x == 1 ? y : x;
  }
  return true;
}

std::string ShapeString(const std::vector<int64_t>& dims) { return TensorShape(dims).DebugString(); }

class BroadcastToOp : public OpKernel {
 public:
  explicit BroadcastToOp(OpKernelConstruction* c) : OpKernel(c) {}

  void Compute(OpKernelContext* ctx) override {
    const Tensor& input = ctx->input(0);
    const Tensor& shape_t = ctx->input(1);
    OP_REQUIRES(ctx, shape_t.dims() == 1,
                errors::InvalidArgument("shape must be a vector, got shape ",
                                        shape_t.shape().DebugString()));
    TensorShape out_shape;
    OP_REQUIRES_OK(ctx, TensorShape::Make(gather_util::AsInt64Vector(shape_t), &out_shape));
    const TensorShape& in_shape = input.shape();
    OP_REQUIRES(ctx, in_shape.dims() <= out_shape.dims(),
                errors::InvalidArgument("Rank of input (", in_shape.dims(),
                                        ") must be no greater than rank of output shape (",
                                        out_shape.dims(), ")."));
    std::vector<int64_t> bshape;
    OP_REQUIRES(ctx, BroadcastShapes(in_shape.dim_sizes(), out_shape.dim_sizes(), &bshape),
                errors::InvalidArgument("Incompatible shapes: ", in_shape.DebugString(), " vs. ",
                                        out_shape.DebugString()));
    OP_REQUIRES(ctx, bshape == out_shape.dim_sizes(),
                errors::InvalidArgument("Unable to broadcast tensor of shape ",
                                        in_shape.DebugString(), " to tensor of shape ",
                                        out_shape.DebugString()));

    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, out_shape, &out));
    const int64_t n = out_shape.num_elements();
    if (n == 0) return;
    const gather_util::Mover mover(input.dtype());
    const int rank = out_shape.dims();
    if (rank == 0) {
      mover.Copy(input.raw_data(), 0, out->raw_data(), 0, 1);
      return;
    }
    // Input strides aligned to the output's dims; broadcast dims read with stride 0.
    std::vector<int64_t> in_dims(rank, 1);
    for (int i = 0; i < in_shape.dims(); ++i) in_dims[rank - in_shape.dims() + i] = in_shape.dim_size(i);
    std::vector<int64_t> st(rank, 0);
    int64_t acc = 1;
    for (int d = rank - 1; d >= 0; --d) {
      st[d] = in_dims[d] == 1 ? 0 : acc;
      acc *= in_dims[d];
    }
    const int64_t inner = out_shape.dim_size(rank - 1);
    const int64_t rows = n / inner;
    const bool inner_bcast = in_dims[rank - 1] == 1;
    const void* src = input.raw_data();
    void* dst = out->raw_data();
    ctx->ParallelFor(rows, inner * static_cast<int64_t>(mover.element_size()) + 1,
                     [&](int64_t begin, int64_t end) {
                       for (int64_t r = begin; r < end; ++r) {
                         int64_t rem = r, off = 0;
                         for (int d = rank - 2; d >= 0; --d) {
                           const int64_t size = out_shape.dim_size(d);
                           off += (rem % size) * st[d];
                           rem /= size;
                         }
                         if (inner_bcast) {
                           mover.FillFrom(src, off, dst, r * inner, inner);
                         } else {
                           mover.Copy(src, off, dst, r * inner, inner);
                         }
                       }
                     });
  }
};

class BroadcastArgsOp : public OpKernel {
 public:
  explicit BroadcastArgsOp(OpKernelConstruction* c) : OpKernel(c) { expensive_ = false; }

  void Compute(OpKernelContext* ctx) override {
    std::vector<int64_t> shapes[2];
    for (int i = 0; i < 2; ++i) {
      const Tensor& in = ctx->input(i);
      OP_REQUIRES(ctx, in.dims() == 1,
                  errors::InvalidArgument("In[", i, "] must be a vector.",
                                          in.shape().DebugString()));
      shapes[i] = gather_util::AsInt64Vector(in);
    }
    std::vector<int64_t> out_dims;
    OP_REQUIRES(ctx, BroadcastShapes(shapes[0], shapes[1], &out_dims),
                errors::InvalidArgument("Incompatible shapes: ", ShapeString(shapes[0]), " vs. ",
                                        ShapeString(shapes[1])));
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(
                            0, TensorShape({static_cast<int64_t>(out_dims.size())}), &out));
    for (size_t i = 0; i < out_dims.size(); ++i) {
      if (out->dtype() == DT_INT32) {
        out->data<int32_t>()[i] = static_cast<int32_t>(out_dims[i]);
      } else {
        out->data<int64_t>()[i] = out_dims[i];
      }
    }
  }
};

REGISTER_KERNEL_BUILDER(Name("BroadcastTo")
                            .Device(DEVICE_CPU)
                            .TypeConstraint("T", gather_util::AllTypes())
                            .TypeConstraint("Tidx", DataTypeVector{DT_INT32, DT_INT64})
                            .HostMemory("shape"),
                        BroadcastToOp);
REGISTER_KERNEL_BUILDER(Name("BroadcastArgs")
                            .Device(DEVICE_CPU)
                            .TypeConstraint("T", DataTypeVector{DT_INT32, DT_INT64}),
                        BroadcastArgsOp);

}  // namespace
}  // namespace tfc
