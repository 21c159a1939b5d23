#pragma once
// Host-side part of SoftmaxCrossEntropyWithLogits and SparseSoftmaxCrossEntropyWithLogits
// shared by the CPU and GPU kernels: shape checks with TF's messages and the outputs.
#include <cstdint>

#include "core/framework/op_kernel.h"

namespace tfc {
namespace xent {

// Element strides of a rank <= 2 input inside the [rows, cols] matrix it broadcasts to
// (0 along a broadcast dim).
struct MatStrides {
  int64_t row = 0, col = 0;
};
MatStrides StridesFor(const TensorShape& s);

// SoftmaxCrossEntropyWithLogits: logits and labels must broadcast to a [rows, cols] *shape.
Status CheckDense(const Tensor& logits, const Tensor& labels, TensorShape* shape);

// SparseSoftmaxCrossEntropyWithLogits: logits [rows, cols] with cols > 0 and labels [rows]
// (their values are not read here).
Status CheckSparse(const Tensor& logits, const Tensor& labels);

// Both ops' outputs for a [rows, cols] problem: loss ([rows]) and backprop ([rows, cols]).
Status AllocateOutputs(OpKernelContext* ctx, const TensorShape& matrix, Tensor** loss,
                       Tensor** backprop);

// The CPU's check of the label values (host memory), with TF's message.
template <typename Index>
Status CheckSparseLabels(const Tensor& labels, int64_t cols) {
  const Index* lab = labels.data<Index>();
  const int64_t rows = labels.NumElements();
  for (int64_t r = 0; r < rows; ++r) {
    if (lab[r] < 0 || lab[r] >= cols) {
      return errors::InvalidArgument("Received a label value of ", static_cast<int64_t>(lab[r]),
                                     " which is outside the valid range of [0, ", cols,
                                     ").  Label values: ",
                                     labels.SummarizeValue(labels.NumElements()));
    }
  }
  return OkStatus();
}

}  // namespace xent
}  // namespace tfc
