// Softmax and LogSoftmax over the last dimension on the CPU, stabilised by the row maximum.
#include <algorithm>
#include <cmath>
#include <type_traits>

#include <Eigen/Core>

#include "core/framework/op_kernel.h"
#include "core/framework/register_types.h"

namespace tfc {
namespace {

template <typename T>
using ComputeT = std::conditional_t<std::is_same_v<T, double>, double, float>;

template <typename T, bool kLog>
class SoftmaxOp : public OpKernel {
 public:
  explicit SoftmaxOp(OpKernelConstruction* ctx) : OpKernel(ctx) {}

  void Compute(OpKernelContext* ctx) override {
    using C = ComputeT<T>;
    const Tensor& logits = ctx->input(0);
    OP_REQUIRES(ctx, logits.dims() >= 1,
                errors::InvalidArgument("logits must have >= 1 dimension, got ",
                                        logits.shape().DebugString()));
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, logits.shape(), &out));
    const int64_t depth = logits.dim_size(logits.dims() - 1);
    if (out->NumElements() == 0) return;
    const int64_t rows = logits.NumElements() / depth;
    const T* src = logits.data<T>();
    T* dst = out->data<T>();
    auto shard = [&](int64_t begin, int64_t end) {
      // Eigen arrays vectorise exp; the row is shifted by its max first.
      Eigen::Array<C, Eigen::Dynamic, 1> shifted(depth), e(depth);
      for (int64_t r = begin; r < end; ++r) {
        const T* x = src + r * depth;
        T* y = dst + r * depth;
        for (int64_t j = 0; j < depth; ++j) shifted[j] = static_cast<C>(x[j]);
        shifted -= shifted.maxCoeff();
        e = shifted.exp();
        const C sum = e.sum();
        if (kLog) {
          shifted -= std::log(sum);
          for (int64_t j = 0; j < depth; ++j) y[j] = static_cast<T>(shifted[j]);
        } else {
          e *= C(1) / sum;
          for (int64_t j = 0; j < depth; ++j) y[j] = static_cast<T>(e[j]);
        }
      }
    };
    ctx->ParallelFor(rows, std::max<int64_t>(1, depth * 20), shard);
  }
};

#define TFC_REGISTER_SOFTMAX(T)                                                           \
  REGISTER_KERNEL_BUILDER(Name("Softmax").Device(DEVICE_CPU).TypeConstraint<T>("T"),      \
                          SoftmaxOp<T, false>);                                           \
  REGISTER_KERNEL_BUILDER(Name("LogSoftmax").Device(DEVICE_CPU).TypeConstraint<T>("T"),   \
                          SoftmaxOp<T, true>);
TF_CALL_FLOAT_TYPES(TFC_REGISTER_SOFTMAX)
#undef TFC_REGISTER_SOFTMAX

}  // namespace
}  // namespace tfc
