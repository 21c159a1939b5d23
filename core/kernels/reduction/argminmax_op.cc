// ArgMax and ArgMin on the CPU: the first index wins ties, as in TensorFlow.
#include <vector>

#include "core/kernels/reduction/argminmax_util.h"
#include "core/kernels/reduction/reduction_core.h"

namespace tfc {
namespace {

template <typename T, bool kMax>
class ArgOp : public OpKernel {
 public:
  explicit ArgOp(OpKernelConstruction* ctx) : OpKernel(ctx) {}

  void Compute(OpKernelContext* ctx) override {
    const Tensor& in = ctx->input(0);
    reduction::ArgReducePlan plan;
    OP_REQUIRES_OK(ctx, reduction::PlanArgReduce(in, ctx->input(1), &plan));
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, plan.out_shape, &out));
    const int64_t outer = plan.outer, r = plan.r, inner = plan.inner;
    if (output_type(0) == DT_INT32) {
      Run<int32_t>(ctx, in.data<T>(), outer, r, inner, out->data<int32_t>());
    } else {
      Run<int64_t>(ctx, in.data<T>(), outer, r, inner, out->data<int64_t>());
    }
  }

 private:
  template <typename Index>
  static void Run(const OpKernelContext* ctx, const T* src, int64_t outer, int64_t r,
                  int64_t inner, Index* dst) {
    // Runs of neighbouring inner positions advance along the axis together, reading memory
    // row by row; strict comparison keeps the first index on ties.
    auto shard = [&](int64_t begin, int64_t end) {
      std::vector<T> best;
      while (begin < end) {
        const int64_t o = begin / inner, i0 = begin % inner;
        const int64_t i1 = std::min<int64_t>(inner, i0 + (end - begin));
        const T* s = src + o * r * inner;
        Index* d = dst + o * inner;
        best.assign(s + i0, s + i1);
        for (int64_t i = i0; i < i1; ++i) d[i] = 0;
        for (int64_t j = 1; j < r; ++j) {
          const T* row = s + j * inner;
          for (int64_t i = i0; i < i1; ++i) {
            const T v = row[i];
            if (kMax ? (v > best[i - i0]) : (v < best[i - i0])) {
              best[i - i0] = v;
              d[i] = static_cast<Index>(j);
            }
          }
        }
        begin += i1 - i0;
      }
    };
    ctx->ParallelFor(outer * inner, std::max<int64_t>(1, r), shard);
  }
};

#define TFC_REGISTER_ARG(T)                                                             \
  REGISTER_KERNEL_BUILDER(Name("ArgMax")                                                \
                              .Device(DEVICE_CPU)                                       \
                              .TypeConstraint<T>("T")                                   \
                              .TypeConstraint("Tidx", {DT_INT32, DT_INT64})             \
                              .TypeConstraint("output_type", {DT_INT32, DT_INT64})      \
                              .HostMemory("dimension"),                                 \
                          ArgOp<T, true>);                                              \
  REGISTER_KERNEL_BUILDER(Name("ArgMin")                                                \
                              .Device(DEVICE_CPU)                                       \
                              .TypeConstraint<T>("T")                                   \
                              .TypeConstraint("Tidx", {DT_INT32, DT_INT64})             \
                              .TypeConstraint("output_type", {DT_INT32, DT_INT64})      \
                              .HostMemory("dimension"),                                 \
                          ArgOp<T, false>);
TF_CALL_REAL_NUMBER_TYPES(TFC_REGISTER_ARG)
#undef TFC_REGISTER_ARG

}  // namespace
}  // namespace tfc
