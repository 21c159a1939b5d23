#pragma once
// Host-side part of ConcatV2, Pack, Split, SplitV and Unpack shared by the CPU and GPU kernels:
// reading the axis, checking the inputs with TF's messages and computing the output shapes.
// Every tensor is viewed as [outer, axis * inner]. No device code here.
#include <cstdint>
#include <vector>

#include "core/framework/op_kernel.h"

namespace tfc {
namespace array {

// Product of s's dims in [begin, end).
int64_t DimProduct(const TensorShape& s, int begin, int end);

// A join: output row o is the concatenation of inputs[i]'s row o (row_len[i] elements each).
struct JoinPlan {
  std::vector<const Tensor*> inputs;
  std::vector<int64_t> row_len;
  int64_t outer = 0;
  TensorShape out_shape;
};

// ConcatV2: inputs 0..n-1 are the values, input n the axis (host memory).
Status PlanConcatV2(OpKernelContext* ctx, JoinPlan* plan);
// Pack with its `axis` attr.
Status PlanPack(OpKernelContext* ctx, int64_t axis_attr, JoinPlan* plan);

// A split along `axis`: output i takes sizes[i] entries of it and has shape shapes[i].
struct SplitPlan {
  int axis = 0;
  std::vector<int64_t> sizes;
  std::vector<TensorShape> shapes;
};

// Split: input 0 is split_dim (host memory), input 1 the value.
Status PlanSplit(OpKernelContext* ctx, SplitPlan* plan);
// SplitV: input 0 the value, 1 size_splits, 2 split_dim (both host memory).
Status PlanSplitV(OpKernelContext* ctx, SplitPlan* plan);
// Unpack with its `axis` attr.
Status PlanUnpack(OpKernelContext* ctx, int64_t axis_attr, SplitPlan* plan);

}  // namespace array
}  // namespace tfc
