// SoftmaxCrossEntropyWithLogits (labels may broadcast against logits to a matrix) and
// SparseSoftmaxCrossEntropyWithLogits on the CPU. Half types compute in float.
#include <algorithm>
#include <cmath>
#include <limits>
#include <type_traits>
#include <vector>

#include "core/framework/op_kernel.h"
#include "core/framework/register_types.h"

namespace tfc {
namespace {

template <typename T>
using AccT = std::conditional_t<std::is_same_v<T, double>, double, float>;

// Element strides of a rank <= 2 input seen as a [rows, cols] matrix it broadcasts to.
struct MatStrides {
  int64_t row = 0, col = 0;
};

bool BroadcastToMatrix(const TensorShape& a, const TensorShape& b, TensorShape* out) {
  const int rank = std::max(a.dims(), b.dims());
  std::vector<int64_t> dims(rank);
  for (int i = 0; i < rank; ++i) {
    const int ia = a.dims() - rank + i, ib = b.dims() - rank + i;
    const int64_t da = ia >= 0 ? a.dim_size(ia) : 1, db = ib >= 0 ? b.dim_size(ib) : 1;
    if (da != db && da != 1 && db != 1) return false;
    dims[i] = da == 1 ? db : da;
  }
  *out = TensorShape(dims);
  return true;
}

MatStrides StridesFor(const TensorShape& s) {
  MatStrides m;
  const int n = s.dims();
  if (n >= 1 && s.dim_size(n - 1) != 1) m.col = 1;
  if (n >= 2 && s.dim_size(n - 2) != 1) m.row = s.dim_size(n - 1);
  return m;
}

template <typename T>
class SoftmaxXentOp : public OpKernel {
 public:
  using OpKernel::OpKernel;

  void Compute(OpKernelContext* ctx) override {
    using C = AccT<T>;
    const Tensor& logits = ctx->input(0);
    const Tensor& labels = ctx->input(1);
    TensorShape shape = logits.shape();
    if (!logits.shape().IsSameSize(labels.shape())) {
      OP_REQUIRES(ctx, BroadcastToMatrix(logits.shape(), labels.shape(), &shape),
                  errors::InvalidArgument("logits and labels must be broadcastable: logits_size=",
                                          logits.shape().DebugString(),
                                          " labels_size=", labels.shape().DebugString()));
    }
    OP_REQUIRES(ctx, shape.dims() == 2,
                errors::InvalidArgument("logits and labels must be either 2-dimensional, or "
                                        "broadcasted to be 2-dimensional"));
    Tensor *loss = nullptr, *backprop = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, TensorShape({shape.dim_size(0)}), &loss));
    OP_REQUIRES_OK(ctx, ctx->allocate_output(1, shape, &backprop));
    const int64_t rows = shape.dim_size(0), cols = shape.dim_size(1);
    if (rows == 0 || cols == 0) {
      // An empty class dimension gives a zero loss, as TF's reduction over nothing does.
      for (int64_t r = 0; r < rows; ++r) loss->data<T>()[r] = T(0);
      return;
    }
    const MatStrides ls = StridesFor(logits.shape()), bs = StridesFor(labels.shape());
    const T* x = logits.data<T>();
    const T* y = labels.data<T>();
    T* out_loss = loss->data<T>();
    T* out_bp = backprop->data<T>();
    ctx->ParallelFor(rows, cols * 30, [&](int64_t begin, int64_t end) {
      std::vector<C> shifted(cols);
      for (int64_t r = begin; r < end; ++r) {
        C mx = -std::numeric_limits<C>::infinity();
        for (int64_t j = 0; j < cols; ++j) {
          shifted[j] = static_cast<C>(x[r * ls.row + j * ls.col]);
          mx = std::max(mx, shifted[j]);
        }
        C sum = 0;
        for (int64_t j = 0; j < cols; ++j) {
          shifted[j] -= mx;
          sum += std::exp(shifted[j]);
        }
        const C log_sum = std::log(sum);
        C l = 0;
        T* bp = out_bp + r * cols;
        for (int64_t j = 0; j < cols; ++j) {
          const C lab = static_cast<C>(y[r * bs.row + j * bs.col]);
          l += lab * (log_sum - shifted[j]);
          bp[j] = static_cast<T>(std::exp(shifted[j]) / sum - lab);
        }
        out_loss[r] = static_cast<T>(l);
      }
    });
  }
};

template <typename T, typename Index>
class SparseSoftmaxXentOp : public OpKernel {
 public:
  using OpKernel::OpKernel;

  void Compute(OpKernelContext* ctx) override {
    using C = AccT<T>;
    const Tensor& logits = ctx->input(0);
    const Tensor& labels = ctx->input(1);
    OP_REQUIRES(ctx, logits.dims() == 2,
                errors::InvalidArgument("logits must be 2-D, but got shape ",
                                        logits.shape().DebugString()));
    OP_REQUIRES(ctx, labels.dims() == 1,
                errors::InvalidArgument("labels must be 1-D, but got shape ",
                                        labels.shape().DebugString()));
    OP_REQUIRES(ctx, logits.dim_size(0) == labels.dim_size(0),
                errors::InvalidArgument(
                    "logits and labels must have the same first dimension, got logits shape ",
                    logits.shape().DebugString(), " and labels shape ",
                    labels.shape().DebugString()));
    OP_REQUIRES(ctx, logits.dim_size(1) > 0,
                errors::InvalidArgument("Must have at least one class, but got logits shape ",
                                        logits.shape().DebugString()));
    const int64_t rows = logits.dim_size(0), cols = logits.dim_size(1);
    const Index* lab = labels.data<Index>();
    for (int64_t r = 0; r < rows; ++r) {
      if (lab[r] < 0 || lab[r] >= cols) {
        ctx->SetStatus(errors::InvalidArgument(
            "Received a label value of ", static_cast<int64_t>(lab[r]),
            " which is outside the valid range of [0, ", cols, ").  Label values: ",
            labels.SummarizeValue(labels.NumElements())));
        return;
      }
    }
    Tensor *loss = nullptr, *backprop = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, labels.shape(), &loss));
    OP_REQUIRES_OK(ctx, ctx->allocate_output(1, logits.shape(), &backprop));
    const T* x = logits.data<T>();
    T* out_loss = loss->data<T>();
    T* out_bp = backprop->data<T>();
    ctx->ParallelFor(rows, cols * 30, [&](int64_t begin, int64_t end) {
      std::vector<C> shifted(cols);
      for (int64_t r = begin; r < end; ++r) {
        const T* row = x + r * cols;
        C mx = -std::numeric_limits<C>::infinity();
        for (int64_t j = 0; j < cols; ++j) {
          shifted[j] = static_cast<C>(row[j]);
          mx = std::max(mx, shifted[j]);
        }
        C sum = 0;
        for (int64_t j = 0; j < cols; ++j) {
          shifted[j] -= mx;
          sum += std::exp(shifted[j]);
        }
        const int64_t label = static_cast<int64_t>(lab[r]);
        out_loss[r] = static_cast<T>(std::log(sum) - shifted[label]);
        T* bp = out_bp + r * cols;
        for (int64_t j = 0; j < cols; ++j) {
          bp[j] = static_cast<T>(std::exp(shifted[j]) / sum - (j == label ? C(1) : C(0)));
        }
      }
    });
  }
};

#define TFC_REGISTER_XENT(T)                                                              \
  REGISTER_KERNEL_BUILDER(                                                                \
      Name("SoftmaxCrossEntropyWithLogits").Device(DEVICE_CPU).TypeConstraint<T>("T"),    \
      SoftmaxXentOp<T>);                                                                  \
  REGISTER_KERNEL_BUILDER(Name("SparseSoftmaxCrossEntropyWithLogits")                     \
                              .Device(DEVICE_CPU)                                         \
                              .TypeConstraint<T>("T")                                     \
                              .TypeConstraint<int32_t>("Tlabels"),                        \
                          SparseSoftmaxXentOp<T, int32_t>);                               \
  REGISTER_KERNEL_BUILDER(Name("SparseSoftmaxCrossEntropyWithLogits")                     \
                              .Device(DEVICE_CPU)                                         \
                              .TypeConstraint<T>("T")                                     \
                              .TypeConstraint<int64_t>("Tlabels"),                        \
                          SparseSoftmaxXentOp<T, int64_t>);
TF_CALL_FLOAT_TYPES(TFC_REGISTER_XENT)
#undef TFC_REGISTER_XENT

}  // namespace
}  // namespace tfc
