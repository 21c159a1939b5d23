// Cumsum and Cumprod on the CPU, with TensorFlow's exclusive and reverse flags.
#include <algorithm>
#include <vector>

#include "core/framework/op_kernel.h"
#include "core/framework/register_types.h"

namespace tfc {
namespace {

template <typename T>
struct ScanAcc { using type = T; };
template <>
struct ScanAcc<half> { using type = float; };
template <>
struct ScanAcc<bfloat16> { using type = float; };

template <typename T, bool kProd>
class ScanOp : public OpKernel {
 public:
  explicit ScanOp(OpKernelConstruction* ctx) : OpKernel(ctx) {
    OP_REQUIRES_OK(ctx, ctx->GetAttr("exclusive", &exclusive_));
    OP_REQUIRES_OK(ctx, ctx->GetAttr("reverse", &reverse_));
  }

  void Compute(OpKernelContext* ctx) override {
    using Acc = typename ScanAcc<T>::type;
    const Tensor& x = ctx->input(0);
    const Tensor& axis_t = ctx->input(1);
    OP_REQUIRES(ctx, axis_t.dims() == 0,
                errors::InvalidArgument("ScanOp: axis must be a scalar, not ",
                                        axis_t.shape().DebugString()));
    const int64_t axis_raw = axis_t.dtype() == DT_INT32 ? axis_t.scalar<int32_t>()
                                                        : axis_t.scalar<int64_t>();
    const int rank = x.dims();
    const int64_t axis = axis_raw < 0 ? axis_raw + rank : axis_raw;
    OP_REQUIRES(ctx, axis >= 0 && axis < rank,
                errors::InvalidArgument("ScanOp: Expected scan axis in the range [", -rank, ", ",
                                        rank, "), but got ", axis_raw));
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, x.shape(), &out));
    if (x.NumElements() == 0) return;
    int64_t outer = 1, inner = 1;
    for (int i = 0; i < axis; ++i) outer *= x.dim_size(i);
    for (int i = axis + 1; i < rank; ++i) inner *= x.dim_size(i);
    const int64_t n = x.dim_size(axis);
    const T* src = x.data<T>();
    T* dst = out->data<T>();
    const bool exclusive = exclusive_, reverse = reverse_;
    // Shards cover (outer, inner) positions; each contiguous run of inner positions walks the
    // scan axis together so memory is read row by row.
    auto shard = [&](int64_t begin, int64_t end) {
      std::vector<Acc> acc;
      while (begin < end) {
        const int64_t o = begin / inner, i0 = begin % inner;
        const int64_t i1 = std::min<int64_t>(inner, i0 + (end - begin));
        acc.assign(i1 - i0, kProd ? Acc(1) : Acc(0));
        const T* s = src + o * n * inner;
        T* d = dst + o * n * inner;
        for (int64_t step = 0; step < n; ++step) {
          const int64_t j = reverse ? n - 1 - step : step;
          const T* srow = s + j * inner;
          T* drow = d + j * inner;
          for (int64_t i = i0; i < i1; ++i) {
            Acc& a = acc[i - i0];
            const Acc v = static_cast<Acc>(srow[i]);
            if (exclusive) {
              drow[i] = static_cast<T>(a);
              a = kProd ? a * v : a + v;
            } else {
              a = kProd ? a * v : a + v;
              drow[i] = static_cast<T>(a);
            }
          }
        }
        begin += i1 - i0;
      }
    };
    ctx->ParallelFor(outer * inner, std::max<int64_t>(1, n * 2), shard);
  }

 private:
  bool exclusive_ = false, reverse_ = false;
};

#define TFC_REGISTER_SCAN(T)                                                   \
  REGISTER_KERNEL_BUILDER(Name("Cumsum")                                       \
                              .Device(DEVICE_CPU)                              \
                              .TypeConstraint<T>("T")                          \
                              .TypeConstraint("Tidx", {DT_INT32, DT_INT64})    \
                              .HostMemory("axis"),                             \
                          ScanOp<T, false>);                                   \
  REGISTER_KERNEL_BUILDER(Name("Cumprod")                                      \
                              .Device(DEVICE_CPU)                              \
                              .TypeConstraint<T>("T")                          \
                              .TypeConstraint("Tidx", {DT_INT32, DT_INT64})    \
                              .HostMemory("axis"),                             \
                          ScanOp<T, true>);
TF_CALL_NUMBER_TYPES(TFC_REGISTER_SCAN)
#undef TFC_REGISTER_SCAN

}  // namespace
}  // namespace tfc
