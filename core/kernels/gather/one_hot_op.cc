// OneHot on the CPU. Indices outside [0, depth) (negative ones included) select no position,
// so their whole row is off_value, as in TensorFlow.
#include "core/kernels/gather/gather_util.h"

namespace tfc {
namespace {

class OneHotOp : public OpKernel {
 public:
  explicit OneHotOp(OpKernelConstruction* c) : OpKernel(c) {
    c->SetStatus(c->GetAttr("axis", &axis_));
  }

  void Compute(OpKernelContext* ctx) override {
    const Tensor& indices = ctx->input(0);
    const Tensor& depth = ctx->input(1);
    const Tensor& on_value = ctx->input(2);
    const Tensor& off_value = ctx->input(3);
    OP_REQUIRES(ctx, depth.dims() == 0,
                errors::InvalidArgument("depth must be a scalar, but got: ",
                                        depth.shape().DebugString()));
    OP_REQUIRES(ctx, on_value.dims() == 0,
                errors::InvalidArgument("on_value must be a scalar, but got: ",
                                        on_value.shape().DebugString()));
    OP_REQUIRES(ctx, off_value.dims() == 0,
                errors::InvalidArgument("off_value must be a scalar, but got: ",
                                        off_value.shape().DebugString()));
    const int out_dims = indices.dims() + 1;
    OP_REQUIRES(ctx, axis_ == -1 || (axis_ >= 0 && axis_ < out_dims),
                errors::InvalidArgument("Expected axis to be -1 or between [0, ", out_dims,
                                        ").  But received: ", axis_));
    const int64_t depth_v = depth.scalar<int32_t>();
    OP_REQUIRES(ctx, depth_v >= 0,
                errors::InvalidArgument("depth must be non-negative, got: ", depth_v));

    const int axis = axis_ == -1 ? indices.dims() : static_cast<int>(axis_);
    TensorShape out_shape = indices.shape();
    out_shape.InsertDim(axis, depth_v);
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, out_shape, &out));
    if (out_shape.num_elements() == 0) return;

    const int64_t prefix = gather_util::DimProduct(indices.shape(), 0, axis);
    const int64_t suffix = gather_util::DimProduct(indices.shape(), axis, indices.dims());
    const std::vector<int64_t> idx = gather_util::AsInt64Vector(indices);
    const gather_util::Mover mover(out->dtype());
    const void* on = on_value.raw_data();
    const void* off = off_value.raw_data();
    void* dst = out->raw_data();
    ctx->ParallelFor(prefix, depth_v * suffix + 1, [&](int64_t begin, int64_t end) {
      for (int64_t p = begin; p < end; ++p) {
        const int64_t base = p * depth_v * suffix;
        mover.Fill(off, dst, base, depth_v * suffix);
        for (int64_t s = 0; s < suffix; ++s) {
          const int64_t v = idx[p * suffix + s];
          if (v >= 0 && v < depth_v) mover.Copy(on, 0, dst, base + v * suffix + s, 1);
        }
      }
    });
  }

 private:
  int64_t axis_ = -1;
};

REGISTER_KERNEL_BUILDER(Name("OneHot")
                            .Device(DEVICE_CPU)
                            .TypeConstraint("T", gather_util::AllTypes())
                            .TypeConstraint("TI", DataTypeVector{DT_UINT8, DT_INT32, DT_INT64})
                            .HostMemory("depth"),
                        OneHotOp);

}  // namespace
}  // namespace tfc
