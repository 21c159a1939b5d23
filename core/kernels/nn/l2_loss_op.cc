// L2Loss: sum(t ** 2) / 2 as a scalar, accumulated in float (double for double inputs).
#include <algorithm>
#include <type_traits>
#include <vector>

#include <Eigen/Core>

#include "core/framework/op_kernel.h"
#include "core/framework/register_types.h"

namespace tfc {
namespace {

template <typename T>
class L2LossOp : public OpKernel {
 public:
  using OpKernel::OpKernel;

  void Compute(OpKernelContext* ctx) override {
    using C = std::conditional_t<std::is_same_v<T, double>, double, float>;
    const Tensor& t = ctx->input(0);
    const int64_t n = t.NumElements();
    const T* src = t.data<T>();
    // Partial sums per shard, added in shard order so the result does not depend on timing.
    constexpr int64_t kBlock = 1 << 14;
    const int64_t blocks = (n + kBlock - 1) / kBlock;
    std::vector<C> partial(blocks, C(0));
    ctx->ParallelFor(blocks, kBlock * 2, [&](int64_t b, int64_t e) {
      for (int64_t k = b; k < e; ++k) {
        const int64_t lo = k * kBlock, len = std::min(kBlock, n - lo);
        Eigen::Array<C, Eigen::Dynamic, 1> v(len);
        for (int64_t i = 0; i < len; ++i) v[i] = static_cast<C>(src[lo + i]);
        partial[k] = (v.square() * C(0.5)).sum();
      }
    });
    C total = C(0);
    for (C p : partial) total += p;
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, TensorShape({}), &out));
    out->scalar<T>() = static_cast<T>(total);
  }
};

#define TFC_REGISTER_L2LOSS(T) \
  REGISTER_KERNEL_BUILDER(Name("L2Loss").Device(DEVICE_CPU).TypeConstraint<T>("T"), L2LossOp<T>);
TF_CALL_FLOAT_TYPES(TFC_REGISTER_L2LOSS)
#undef TFC_REGISTER_L2LOSS

}  // namespace
}  // namespace tfc
