// TopK / TopKV2 (largest k along the last dim; ties keep the lower index first, NaN counts as
// the largest value) and InTopK / InTopKV2 on the CPU. Unsorted requests get the sorted order.
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <type_traits>
#include <vector>

#include "core/framework/op_kernel.h"
#include "core/framework/register_types.h"

namespace tfc {
namespace {

template <typename T>
bool IsNan(T v) {
  if constexpr (std::is_integral_v<T>) {
    return false;
  } else {
    return std::isnan(static_cast<float>(v));
  }
}

template <typename T>
class TopKOp : public OpKernel {
 public:
  explicit TopKOp(OpKernelConstruction* ctx) : OpKernel(ctx) {
    OP_REQUIRES_OK(ctx, ctx->GetAttr("sorted", &sorted_));
    if (num_inputs() < 2) OP_REQUIRES_OK(ctx, ctx->GetAttr("k", &k_));
  }

  void Compute(OpKernelContext* ctx) override {
    int64_t k = k_;
    if (num_inputs() >= 2) {
      const Tensor& k_in = ctx->input(1);
      OP_REQUIRES(ctx, k_in.dims() == 0,
                  errors::InvalidArgument("k must be 0-D, got shape ",
                                          k_in.shape().DebugString()));
      k = k_in.scalar<int32_t>();
    }
    OP_REQUIRES(ctx, k >= 0, errors::InvalidArgument("Need k >= 0, got ", k));
    const Tensor& input = ctx->input(0);
    OP_REQUIRES(ctx, input.dims() >= 1,
                errors::InvalidArgument("input must be >= 1-D, got shape ",
                                        input.shape().DebugString()));
    const int64_t cols = input.dim_size(input.dims() - 1);
    OP_REQUIRES(ctx, cols >= k,
                errors::InvalidArgument("input must have at least k columns. Had ", cols,
                                        ", needed ", k));
    TensorShape out_shape = input.shape();
    out_shape.set_dim(out_shape.dims() - 1, k);
    Tensor *values = nullptr, *indices = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, out_shape, &values));
    OP_REQUIRES_OK(ctx, ctx->allocate_output(1, out_shape, &indices));
    if (k == 0 || out_shape.num_elements() == 0) return;
    const int64_t rows = input.NumElements() / cols;
    const T* src = input.data<T>();
    T* vals = values->data<T>();
    int32_t* idx = indices->data<int32_t>();
    ctx->ParallelFor(rows, cols * 8 + k * 20, [&](int64_t b, int64_t e) {
      std::vector<int32_t> order(cols);
      for (int64_t r = b; r < e; ++r) {
        const T* row = src + r * cols;
        // Descending by value, NaN first, equal values by ascending index: a strict weak order.
        auto greater = [row](int32_t a, int32_t c) {
          const bool na = IsNan(row[a]), nc = IsNan(row[c]);
          if (na || nc) return na && (!nc || a < c);
          if (row[c] < row[a]) return true;
          if (row[a] < row[c]) return false;
          return a < c;
        };
        std::iota(order.begin(), order.end(), 0);
        std::partial_sort(order.begin(), order.begin() + k, order.end(), greater);
        for (int64_t j = 0; j < k; ++j) {
          vals[r * k + j] = row[order[j]];
          idx[r * k + j] = order[j];
        }
      }
    });
  }

 private:
  bool sorted_ = true;
  int64_t k_ = -1;
};

template <typename TargetT>
class InTopKOp : public OpKernel {
 public:
  explicit InTopKOp(OpKernelConstruction* ctx) : OpKernel(ctx) {
    if (num_inputs() < 3) OP_REQUIRES_OK(ctx, ctx->GetAttr("k", &k_));
  }

  void Compute(OpKernelContext* ctx) override {
    const Tensor& predictions = ctx->input(0);
    const Tensor& targets = ctx->input(1);
    int64_t k = k_;
    if (num_inputs() >= 3) {
      const Tensor& k_in = ctx->input(2);
      OP_REQUIRES(ctx, k_in.dims() == 0,
                  errors::InvalidArgument("k must be 0-D, got shape ",
                                          k_in.shape().DebugString()));
      k = static_cast<int64_t>(k_in.scalar<TargetT>());
    }
    OP_REQUIRES(ctx, predictions.dims() == 2,
                errors::InvalidArgument("predictions must be 2-dimensional"));
    OP_REQUIRES(ctx, targets.dims() == 1,
                errors::InvalidArgument("targets must be 1-dimensional"));
    OP_REQUIRES(ctx, predictions.dim_size(0) == targets.dim_size(0),
                errors::InvalidArgument("First dimension of predictions ",
                                        predictions.dim_size(0),
                                        " must match length of targets ", targets.dim_size(0)));
    const int64_t batch = targets.dim_size(0), classes = predictions.dim_size(1);
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, targets.shape(), &out));
    const float* pred = predictions.data<float>();
    const TargetT* tgt = targets.data<TargetT>();
    bool* res = out->data<bool>();
    for (int64_t b = 0; b < batch; ++b) {
      const int64_t t = static_cast<int64_t>(tgt[b]);
      const float* row = pred + b * classes;
      bool cannot_say = t < 0 || t >= classes || !std::isfinite(row[t]);
      int64_t more_probable = 0;
      if (!cannot_say) {
        for (int64_t i = 0; i < classes; ++i) {
          if (!std::isfinite(row[i])) {
            cannot_say = true;
            break;
          }
          if (row[i] > row[t] && ++more_probable > k) break;
        }
      }
      res[b] = !cannot_say && more_probable < k;
    }
  }

 private:
  int64_t k_ = 0;
};

#define TFC_REGISTER_TOPK(T)                                                              \
  REGISTER_KERNEL_BUILDER(Name("TopK").Device(DEVICE_CPU).TypeConstraint<T>("T"),         \
                          TopKOp<T>);                                                     \
  REGISTER_KERNEL_BUILDER(Name("TopKV2").Device(DEVICE_CPU).TypeConstraint<T>("T"),       \
                          TopKOp<T>);
TF_CALL_REAL_NUMBER_TYPES(TFC_REGISTER_TOPK)
#undef TFC_REGISTER_TOPK

REGISTER_KERNEL_BUILDER(Name("InTopK").Device(DEVICE_CPU).TypeConstraint<int32_t>("T"),
                        InTopKOp<int32_t>);
REGISTER_KERNEL_BUILDER(Name("InTopK").Device(DEVICE_CPU).TypeConstraint<int64_t>("T"),
                        InTopKOp<int64_t>);
REGISTER_KERNEL_BUILDER(Name("InTopKV2").Device(DEVICE_CPU).TypeConstraint<int32_t>("T"),
                        InTopKOp<int32_t>);
REGISTER_KERNEL_BUILDER(Name("InTopKV2").Device(DEVICE_CPU).TypeConstraint<int64_t>("T"),
                        InTopKOp<int64_t>);

}  // namespace
}  // namespace tfc
