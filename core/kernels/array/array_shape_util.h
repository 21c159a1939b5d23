#pragma once
// Host-side part of Transpose, Tile, Pad/PadV2/MirrorPad and Slice shared by the CPU and GPU
// kernels: reading the host-memory arguments, checking them with TF's messages and computing
// the output dims. The data movement stays with each device's kernel.
#include <cstdint>
#include <vector>

#include "core/framework/op_kernel.h"

namespace tfc {
namespace array {

// Transpose's perm (input 1) checked against the input's rank.
struct TransposePlan {
  std::vector<int64_t> perm;
  std::vector<int64_t> out_dims;
  bool identity = false;  // perm is 0, 1, ..., rank - 1
};
Status PlanTranspose(const Tensor& input, const Tensor& perm_t, TransposePlan* plan);

// Merges input dims that stay adjacent and in order under perm ([B,M,N] with perm [0,2,1]
// stays as is; [A,B,C,D] with perm [2,3,0,1] becomes [AB,CD] with perm [1,0]); size-1 dims
// are dropped, so an empty or single-dim result means the layout does not change.
void CollapseTransposeDims(const std::vector<int64_t>& dims, const std::vector<int64_t>& perm,
                           std::vector<int64_t>* cdims, std::vector<int64_t>* cperm);

// Tile's multiples (input 1): out_dims[i] = dims[i] * multiples[i].
struct TilePlan {
  std::vector<int64_t> out_dims;
  TensorShape out_shape;
  bool identity = false;  // every multiple is 1
};
Status PlanTile(const Tensor& input, const Tensor& multiples_t, TilePlan* plan);

// paddings (a [rank, 2] matrix) as a flat vector: before_0, after_0, before_1, ...
Status ReadPaddings(const Tensor& input, const Tensor& paddings, std::vector<int64_t>* pads);

// Pad and PadV2 (constant mode): paddings is input 1, PadV2's constant_values input 2.
struct PadPlan {
  std::vector<int64_t> pads;
  std::vector<int64_t> out_dims;
  TensorShape out_shape;
  const Tensor* pad_value = nullptr;  // PadV2's scalar; nullptr for Pad (zero)
  bool identity = false;             // no padding at all
};
Status PlanPad(OpKernelContext* ctx, PadPlan* plan);

// Slice's begin and size (inputs 1 and 2); a size of -1 means "to the end".
struct SlicePlan {
  std::vector<int64_t> begin;
  std::vector<int64_t> sizes;
  bool identity = false;  // the whole input
};
Status PlanSlice(const Tensor& input, const Tensor& begin_t, const Tensor& size_t_,
                 SlicePlan* plan);

}  // namespace array
}  // namespace tfc
