// LaunchBinary: the arithmetic ops here; comparisons and gradients are compiled in
// cwise_compare_kernels.cu and cwise_grad_kernels.cu.
#include "core/kernels/gpu/cwise_device_loops.h"

namespace tfc {
namespace gpu {

cudaError_t LaunchBinary(cudaStream_t stream, BinaryOp op, CwiseType type, BinaryLayout layout,
                         const BcastIndex& index, const void* x, const void* y, void* z,
                         int64_t n) {
  switch (op) {
#define TFC_OP(CODE, FUNCTOR) \
  case BinaryOp::CODE:        \
    return DispatchBinary<dfn::FUNCTOR>(stream, type, layout, index, x, y, z, n);
    TFC_OP(kAdd, Add)
    TFC_OP(kSub, Sub)
    TFC_OP(kMul, Mul)
    TFC_OP(kDiv, Div)
    TFC_OP(kMaximum, Maximum)
    TFC_OP(kMinimum, Minimum)
    TFC_OP(kSquaredDifference, SquaredDifference)
    TFC_OP(kPow, Pow)
    TFC_OP(kFloorDiv, FloorDiv)
    TFC_OP(kFloorMod, FloorMod)
    TFC_OP(kDivNoNan, DivNoNan)
#undef TFC_OP
    case BinaryOp::kLess:
    case BinaryOp::kLessEqual:
    case BinaryOp::kGreater:
    case BinaryOp::kGreaterEqual:
    case BinaryOp::kEqual:
    case BinaryOp::kNotEqual:
    case BinaryOp::kLogicalAnd:
    case BinaryOp::kLogicalOr:
      return LaunchCompareBinary(stream, op, type, layout, index, x, y, z, n);
    default:
      return LaunchGradBinary(stream, op, type, layout, index, x, y, z, n);
  }
}

}  // namespace gpu
}  // namespace tfc
