// SoftmaxCrossEntropyWithLogits (labels may broadcast against logits to a matrix) and
// SparseSoftmaxCrossEntropyWithLogits on the CPU. Half types compute in float.
#include <algorithm>
#include <cmath>
#include <limits>
#include <type_traits>
#include <vector>

#include "core/framework/op_kernel.h"
#include "core/framework/register_types.h"
#include "core/kernels/nn/xent_util.h"

namespace tfc {
namespace {

template <typename T>
using AccT = std::conditional_t<std::is_same_v<T, double>, double, float>;

template <typename T>
class SoftmaxXentOp : public OpKernel {
 public:
  using OpKernel::OpKernel;

  void Compute(OpKernelContext* ctx) override {
    using C = AccT<T>;
    const Tensor& logits = ctx->input(0);
    const Tensor& labels = ctx->input(1);
    TensorShape shape;
    OP_REQUIRES_OK(ctx, xent::CheckDense(logits, labels, &shape));
    Tensor *loss = nullptr, *backprop = nullptr;
    OP_REQUIRES_OK(ctx, xent::AllocateOutputs(ctx, shape, &loss, &backprop));
    const int64_t rows = shape.dim_size(0), cols = shape.dim_size(1);
    if (rows == 0 || cols == 0) {
      // An empty class dimension gives a zero loss, as TF's reduction over nothing does.
      for (int64_t r = 0; r < rows; ++r) loss->data<T>()[r] = T(0);
      return;
    }
    const xent::MatStrides ls = xent::StridesFor(logits.shape()),
                           bs = xent::StridesFor(labels.shape());
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
    OP_REQUIRES_OK(ctx, xent::CheckSparse(logits, labels));
    const int64_t rows = logits.dim_size(0), cols = logits.dim_size(1);
    OP_REQUIRES_OK(ctx, xent::CheckSparseLabels<Index>(labels, cols));
    const Index* lab = labels.data<Index>();
    Tensor *loss = nullptr, *backprop = nullptr;
    OP_REQUIRES_OK(ctx, xent::AllocateOutputs(ctx, logits.shape(), &loss, &backprop));
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
