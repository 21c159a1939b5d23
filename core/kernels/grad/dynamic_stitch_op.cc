// DynamicStitch / ParallelDynamicStitch: merged[indices[m][i]] = data[m][i]; a later entry wins
// for a repeated index and rows no index names are zero.
#include <string>
#include <vector>

#include "core/kernels/array/array_copy.h"

namespace tfc {
namespace {

class DynamicStitchOp : public OpKernel {
 public:
  explicit DynamicStitchOp(OpKernelConstruction* c) : OpKernel(c) {}
  void Compute(OpKernelContext* ctx) override {
    const int n = ctx->num_inputs() / 2;
    const Tensor& data0 = ctx->input(n);
    const Tensor& idx0 = ctx->input(0);
    OP_REQUIRES(ctx, data0.dims() >= idx0.dims(),
                errors::InvalidArgument("data[0].shape = ", data0.shape().DebugString(),
                                        " does not start with indices[0].shape = ",
                                        idx0.shape().DebugString()));
    std::vector<int64_t> tail(data0.shape().dim_sizes().begin() + idx0.dims(),
                              data0.shape().dim_sizes().end());
    int64_t max_index = -1;
    for (int m = 0; m < n; ++m) {
      const Tensor& idx = ctx->input(m);
      const Tensor& data = ctx->input(n + m);
      bool prefix = data.dims() >= idx.dims();
      for (int d = 0; prefix && d < idx.dims(); ++d) prefix = data.dim_size(d) == idx.dim_size(d);
      OP_REQUIRES(ctx, prefix,
                  errors::InvalidArgument("data[", m, "].shape = ", data.shape().DebugString(),
                                          " does not start with indices[", m, "].shape = ",
                                          idx.shape().DebugString()));
      std::vector<int64_t> t(data.shape().dim_sizes().begin() + idx.dims(),
                             data.shape().dim_sizes().end());
      OP_REQUIRES(ctx, t == tail,
                  errors::InvalidArgument(
                      "Need data[0].shape[", idx0.dims(), ":] = data[", m, "].shape[",
                      idx.dims(), ":], got data[0].shape = ", data0.shape().DebugString(),
                      ", data[", m, "].shape = ", data.shape().DebugString(),
                      ", indices[0].shape = ", idx0.shape().DebugString(), ", indices[", m,
                      "].shape = ", idx.shape().DebugString()));
      const int32_t* ip = idx.data<int32_t>();
      for (int64_t i = 0; i < idx.NumElements(); ++i) {
        OP_REQUIRES(ctx, ip[i] >= 0,
                    errors::InvalidArgument("indices[", i, "] is out of range"));
        max_index = std::max<int64_t>(max_index, ip[i]);
      }
    }
    std::vector<int64_t> out_dims{max_index + 1};
    out_dims.insert(out_dims.end(), tail.begin(), tail.end());
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, TensorShape(out_dims), &out));
    int64_t inner = 1;
    for (int64_t d : tail) inner *= d;
    array::DispatchByElementSize(out->dtype(), [&](auto zero) {
      using U = decltype(zero);
      U* o = out->data<U>();
      const U z{};
      for (int64_t i = 0; i < out->NumElements(); ++i) o[i] = z;
      for (int m = 0; m < n; ++m) {
        const int32_t* ip = ctx->input(m).data<int32_t>();
        const U* src = ctx->input(n + m).data<U>();
        for (int64_t i = 0; i < ctx->input(m).NumElements(); ++i)
          array::CopyElements(o + ip[i] * inner, src + i * inner, inner);
      }
    });
  }
};

REGISTER_KERNEL_BUILDER(
    Name("DynamicStitch").Device(DEVICE_CPU).TypeConstraint("T", array::AllArrayTypes()),
    DynamicStitchOp);
REGISTER_KERNEL_BUILDER(
    Name("ParallelDynamicStitch").Device(DEVICE_CPU).TypeConstraint("T", array::AllArrayTypes()),
    DynamicStitchOp);

}  // namespace
}  // namespace tfc
