// Where (one input): the coordinates of the true / non-zero elements, as int64 [N, rank],
// in row-major order.
#include "core/framework/register_types.h"
#include "core/kernels/gather/gather_util.h"

namespace tfc {
namespace {

template <typename T>
class WhereOp : public OpKernel {
 public:
  explicit WhereOp(OpKernelConstruction* c) : OpKernel(c) {}

  void Compute(OpKernelContext* ctx) override {
    const Tensor& input = ctx->input(0);
    const T* in = input.data<T>();
    const int64_t n = input.NumElements();
    const T zero = T();
    int64_t count = 0;
    for (int64_t i = 0; i < n; ++i) count += (in[i] != zero) ? 1 : 0;
    const int rank = input.dims();
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, TensorShape({count, rank}), &out));
    int64_t* dst = out->data<int64_t>();
    std::vector<int64_t> coord(rank, 0);
    for (int64_t i = 0; i < n; ++i) {
      if (in[i] != zero) {
        for (int d = 0; d < rank; ++d) *dst++ = coord[d];
      }
      // Advance the row-major coordinate of element i to that of i + 1.
      for (int d = rank - 1; d >= 0; --d) {
        if (++coord[d] < input.dim_size(d)) break;
        coord[d] = 0;
      }
    }
  }
};

#define TFC_REGISTER_WHERE(T) \
  REGISTER_KERNEL_BUILDER(Name("Where").Device(DEVICE_CPU).TypeConstraint<T>("T"), WhereOp<T>);
TF_CALL_NUMBER_TYPES(TFC_REGISTER_WHERE)
TF_CALL_bool(TFC_REGISTER_WHERE)
#undef TFC_REGISTER_WHERE

}  // namespace
}  // namespace tfc
