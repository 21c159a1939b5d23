// Unique and InvertPermutation on the CPU.
#include <cmath>
#include <limits>
#include <unordered_map>

#include "core/framework/register_types.h"
#include "core/kernels/gather/gather_util.h"

namespace tfc {
namespace {

// Hashes through a type std::hash knows; half/bfloat16 go through float so that values that
// compare equal (0.0 and -0.0) hash equal.
template <typename T>
struct ValueHash {
  size_t operator()(const T& v) const { return std::hash<T>()(v); }
};
template <>
struct ValueHash<half> {
  size_t operator()(const half& v) const { return std::hash<float>()(static_cast<float>(v)); }
};
template <>
struct ValueHash<bfloat16> {
  size_t operator()(const bfloat16& v) const { return std::hash<float>()(static_cast<float>(v)); }
};

template <typename T>
class UniqueOp : public OpKernel {
 public:
  explicit UniqueOp(OpKernelConstruction* c) : OpKernel(c) {}

  void Compute(OpKernelContext* ctx) override {
    const Tensor& input = ctx->input(0);
    OP_REQUIRES(ctx, input.dims() == 1,
                errors::InvalidArgument("unique expects a 1D vector."));
    const int64_t n = input.NumElements();
    const bool idx32 = output_type(1) == DT_INT32;
    OP_REQUIRES(ctx, !idx32 || n <= std::numeric_limits<int32_t>::max(),
                errors::InvalidArgument("unique does not support input tensors larger than ",
                                        std::numeric_limits<int32_t>::max(), " elements"));
    const T* in = input.data<T>();
    // First occurrence order, as TensorFlow returns it.
    std::unordered_map<T, int64_t, ValueHash<T>> seen;
    seen.reserve(n);
    std::vector<int64_t> idx(n);
    std::vector<int64_t> first;
    for (int64_t i = 0; i < n; ++i) {
      auto it = seen.find(in[i]);
      if (it == seen.end()) {
        it = seen.emplace(in[i], static_cast<int64_t>(first.size())).first;
        first.push_back(i);
      }
      idx[i] = it->second;
    }
    Tensor* y = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(
                            0, TensorShape({static_cast<int64_t>(first.size())}), &y));
    for (size_t k = 0; k < first.size(); ++k) y->data<T>()[k] = in[first[k]];
    Tensor* idx_out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(1, input.shape(), &idx_out));
    for (int64_t i = 0; i < n; ++i) {
      if (idx32) {
        idx_out->data<int32_t>()[i] = static_cast<int32_t>(idx[i]);
      } else {
        idx_out->data<int64_t>()[i] = idx[i];
      }
    }
  }
};

#define TFC_REGISTER_UNIQUE(T)                                                        \
  REGISTER_KERNEL_BUILDER(Name("Unique")                                             \
                              .Device(DEVICE_CPU)                                    \
                              .TypeConstraint<T>("T")                                \
                              .TypeConstraint("out_idx", DataTypeVector{DT_INT32, DT_INT64}), \
                          UniqueOp<T>);
TF_CALL_REAL_NUMBER_TYPES(TFC_REGISTER_UNIQUE)
TF_CALL_bool(TFC_REGISTER_UNIQUE)
TF_CALL_tstring(TFC_REGISTER_UNIQUE)
#undef TFC_REGISTER_UNIQUE

class InvertPermutationOp : public OpKernel {
 public:
  explicit InvertPermutationOp(OpKernelConstruction* c) : OpKernel(c) {}

  void Compute(OpKernelContext* ctx) override {
    const Tensor& input = ctx->input(0);
    OP_REQUIRES(ctx, input.dims() == 1,
                errors::InvalidArgument("invert_permutation expects a 1D vector."));
    const int64_t n = input.NumElements();
    const bool is32 = input.dtype() == DT_INT32;
    OP_REQUIRES(ctx, !is32 || n <= std::numeric_limits<int32_t>::max(),
                errors::InvalidArgument("permutation of nonnegative int32s too large"));
    const std::vector<int64_t> x = gather_util::AsInt64Vector(input);
    std::vector<int64_t> y(n, -1);
    for (int64_t i = 0; i < n; ++i) {
      const int64_t d = x[i];
      OP_REQUIRES(ctx, d >= 0 && d < n,
                  errors::InvalidArgument(d, " is not between 0 and ", n));
      OP_REQUIRES(ctx, y[d] == -1, errors::InvalidArgument(d, " is duplicated in the input."));
      y[d] = i;
    }
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, input.shape(), &out));
    for (int64_t i = 0; i < n; ++i) {
      if (is32) {
        out->data<int32_t>()[i] = static_cast<int32_t>(y[i]);
      } else {
        out->data<int64_t>()[i] = y[i];
      }
    }
  }
};

REGISTER_KERNEL_BUILDER(Name("InvertPermutation")
                            .Device(DEVICE_CPU)
                            .TypeConstraint("T", DataTypeVector{DT_INT32, DT_INT64}),
                        InvertPermutationOp);

}  // namespace
}  // namespace tfc
