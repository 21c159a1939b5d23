// ListDiff (tf.setdiff1d): the values of x not in y, in x's order, and their positions in x.
#include <set>
#include <type_traits>
#include <vector>

#include "core/framework/op_kernel.h"
#include "core/framework/register_types.h"

namespace tfc {
namespace {

template <typename T>
using KeyOf = std::conditional_t<std::is_same_v<T, half> || std::is_same_v<T, bfloat16>, float, T>;

template <typename T>
class ListDiffOp : public OpKernel {
 public:
  explicit ListDiffOp(OpKernelConstruction* c) : OpKernel(c) {}
  void Compute(OpKernelContext* ctx) override {
    const Tensor& x = ctx->input(0);
    const Tensor& y = ctx->input(1);
    OP_REQUIRES(ctx, x.dims() == 1,
                errors::InvalidArgument("x should be a 1D vector.", x.shape().DebugString()));
    OP_REQUIRES(ctx, y.dims() == 1,
                errors::InvalidArgument("y should be a 1D vector.", y.shape().DebugString()));
    using K = KeyOf<T>;
    std::set<K> ys;
    for (int64_t i = 0; i < y.NumElements(); ++i) ys.insert(static_cast<K>(y.data<T>()[i]));
    std::vector<int64_t> keep;
    for (int64_t i = 0; i < x.NumElements(); ++i)
      if (!ys.count(static_cast<K>(x.data<T>()[i]))) keep.push_back(i);
    const int64_t m = static_cast<int64_t>(keep.size());
    Tensor* out = nullptr;
    Tensor* idx = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, TensorShape({m}), &out));
    OP_REQUIRES_OK(ctx, ctx->allocate_output(1, TensorShape({m}), &idx));
    for (int64_t k = 0; k < m; ++k) {
      out->data<T>()[k] = x.data<T>()[keep[k]];
      if (idx->dtype() == DT_INT32) {
        idx->data<int32_t>()[k] = static_cast<int32_t>(keep[k]);
      } else {
        idx->data<int64_t>()[k] = keep[k];
      }
    }
  }
};

#define R(T)                                                                          \
  REGISTER_KERNEL_BUILDER(Name("ListDiff").Device(DEVICE_CPU).TypeConstraint<T>("T"), \
                          ListDiffOp<T>);
TF_CALL_REAL_NUMBER_TYPES(R) TF_CALL_tstring(R) TF_CALL_bool(R)
#undef R

}  // namespace
}  // namespace tfc
