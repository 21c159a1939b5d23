// ArgMax and ArgMin on the CPU: the first index wins ties, as in TensorFlow.
#include <vector>

#include "core/kernels/reduction/reduction_core.h"

namespace tfc {
namespace {

template <typename T, bool kMax>
class ArgOp : public OpKernel {
 public:
  explicit ArgOp(OpKernelConstruction* ctx) : OpKernel(ctx) {}

  void Compute(OpKernelContext* ctx) override {
    const Tensor& in = ctx->input(0);
    const Tensor& dim_t = ctx->input(1);
    OP_REQUIRES(ctx, dim_t.dims() == 0,
                errors::InvalidArgument("dim must be a scalar, but received tensor of shape: ",
                                        dim_t.shape().DebugString()));
    const int64_t dim_raw = dim_t.dtype() == DT_INT32 ? dim_t.scalar<int32_t>()
                                                      : dim_t.scalar<int64_t>();
    const int rank = in.dims();
    const int64_t dim = dim_raw < 0 ? dim_raw + rank : dim_raw;
    OP_REQUIRES(ctx, dim >= 0 && dim < rank,
                errors::InvalidArgument("Expected dimension in the range [", -rank, ", ", rank,
                                        "), but got ", dim_raw));
    OP_REQUIRES(ctx, in.dim_size(dim) > 0,
                errors::InvalidArgument("Reduction axis ", dim, " is empty in shape ",
                                        in.shape().DebugString()));
    TensorShape out_shape = in.shape();
    out_shape.RemoveDim(static_cast<int>(dim));
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, out_shape, &out));
    int64_t outer = 1, inner = 1;
    for (int i = 0; i < dim; ++i) outer *= in.dim_size(i);
    for (int i = dim + 1; i < rank; ++i) inner *= in.dim_size(i);
    const int64_t r = in.dim_size(dim);
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
