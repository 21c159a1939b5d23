#pragma once
// Launchers for the GPU element-wise kernels (unary, broadcasting binary, SelectV2 ...). This
// header is shared by nvcc (the .cu files) and g++ (cwise_*_ops.cc), so it holds only plain
// types: tensors travel as void* plus a CwiseType, ops as an enum code, and a broadcast as a
// small struct passed to the kernel by value.
#include <cuda_runtime_api.h>

#include <cstdint>

namespace tfc {
namespace gpu {

// Element types the GPU element-wise kernels handle (int32 stays on the host).
enum class CwiseType : int { kFloat, kDouble, kHalf, kInt64, kBool };

// Collapsed broadcast dims: MakeBcastPlan merges neighbouring dims with the same broadcast
// pattern, so real programs need far fewer than this.
constexpr int kMaxBcastDims = 8;
constexpr int kMaxBcastInputs = 3;

// Output dims (row-major) and each input's element stride per dim; 0 where it broadcasts.
struct BcastIndex {
  int ndims = 0;
  int64_t dims[kMaxBcastDims] = {};
  int64_t strides[kMaxBcastInputs][kMaxBcastDims] = {};
};

// How the inputs of a binary op map onto the output: the fast paths need no index math.
enum class BinaryLayout : int {
  kSameShape,  // both inputs have the output's shape
  kScalarX,    // x is one element, y has the output's shape
  kScalarY,    // y is one element, x has the output's shape
  kGeneral,    // broadcast through a BcastIndex
};

enum class UnaryOp : int {
  kNeg, kAbs, kSign, kSquare, kSqrt, kRsqrt, kReciprocal, kExp, kExpm1, kLog, kLog1p, kSin,
  kCos, kTanh, kSigmoid, kRelu, kRelu6, kElu, kSelu, kSoftplus, kSoftsign, kFloor, kCeil,
  kRound, kRint, kIsNan, kIsInf, kIsFinite, kLogicalNot,
};

enum class BinaryOp : int {
  // Arithmetic
  kAdd, kSub, kMul, kDiv, kMaximum, kMinimum, kSquaredDifference, kPow, kFloorDiv, kFloorMod,
  kDivNoNan,
  // Comparisons and logic (bool output)
  kLess, kLessEqual, kGreater, kGreaterEqual, kEqual, kNotEqual, kLogicalAnd, kLogicalOr,
  // Gradients (same-shape inputs): (y, dy) and (gradients, features/outputs)
  kTanhGrad, kSigmoidGrad, kSqrtGrad, kRsqrtGrad, kReciprocalGrad, kReluGrad, kRelu6Grad,
  kEluGrad, kSeluGrad, kSoftplusGrad, kSoftsignGrad,
};

// y[i] = op(x[i]) for n elements. An op/type pair the kernels do not implement answers
// cudaErrorInvalidValue (registrations never ask for one).
cudaError_t LaunchUnary(cudaStream_t stream, UnaryOp op, CwiseType type, const void* x, void* y,
                        int64_t n);

// z = op(x, y) over n output elements; `index` is read only for BinaryLayout::kGeneral.
cudaError_t LaunchBinary(cudaStream_t stream, BinaryOp op, CwiseType type, BinaryLayout layout,
                         const BcastIndex& index, const void* x, const void* y, void* z,
                         int64_t n);

// out = cond ? t : e with three-way broadcasting (SelectV2); same_shape skips the index math.
cudaError_t LaunchSelectV2(cudaStream_t stream, CwiseType type, bool same_shape,
                           const BcastIndex& index, const bool* cond, const void* t,
                           const void* e, void* out, int64_t n);

// TF1 Select: out[i] = cond[i / inner] ? t[i] : e[i] (inner >= 1).
cudaError_t LaunchSelect(cudaStream_t stream, CwiseType type, const bool* cond, int64_t inner,
                         const void* t, const void* e, void* out, int64_t n);

// out[i] = *value (value is a device pointer to one element).
cudaError_t LaunchFill(cudaStream_t stream, CwiseType type, const void* value, void* out,
                       int64_t n);
// out[i] = 1.
cudaError_t LaunchFillOnes(cudaStream_t stream, CwiseType type, void* out, int64_t n);

// Inputs of one AddN launch; longer lists are summed in several launches.
constexpr int kAddNMaxInputs = 16;
struct AddNInputs {
  const void* ptr[kAddNMaxInputs] = {};
  int count = 0;
};
// s = (prev ? prev[i] + in[0][i] : in[0][i]) + in[1][i] + ..., added in list order in the compute
// type (float for half). prev and acc are compute-type buffers and may alias; s goes to acc[i]
// when acc is set, else to out[i] in the element type.
cudaError_t LaunchAddN(cudaStream_t stream, CwiseType type, const AddNInputs& inputs,
                       const void* prev, void* acc, void* out, int64_t n);

}  // namespace gpu
}  // namespace tfc
