// Cumsum and Cumprod on the CPU, with TensorFlow's exclusive and reverse flags.
#include <algorithm>
#include <vector>

#include "core/framework/op_kernel.h"
#include "core/framework/register_types.h"
#include "core/kernels/scan/scan_geometry.h"

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
    Tensor* out = nullptr;
    scan::Geometry g;
    if (!scan::Prepare(ctx, &out, &g)) return;
    const int64_t outer = g.outer, n = g.n, inner = g.inner;
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
