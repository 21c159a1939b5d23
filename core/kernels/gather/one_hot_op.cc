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
    const Tensor& on_value = ctx->input(2);
    const Tensor& off_value = ctx->input(3);
    int axis = 0;
    int64_t depth_v = 0;
    Tensor* out = nullptr;
    if (!gather_util::PrepareOneHot(ctx, axis_, &axis, &depth_v, &out)) return;

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
