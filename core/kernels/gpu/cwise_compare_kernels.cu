// Comparison and logical binary ops (bool output) for LaunchBinary.
#include "core/kernels/gpu/cwise_device_loops.h"

namespace tfc {
namespace gpu {

cudaError_t LaunchCompareBinary(cudaStream_t stream, BinaryOp op, CwiseType type,
                                BinaryLayout layout, const BcastIndex& index, const void* x,
                                const void* y, void* z, int64_t n) {
  switch (op) {
#define TFC_OP(CODE, FUNCTOR) \
  case BinaryOp::CODE:        \
    return DispatchBinary<dfn::FUNCTOR>(stream, type, layout, index, x, y, z, n);
    TFC_OP(kLess, Less)
    TFC_OP(kLessEqual, LessEqual)
    TFC_OP(kGreater, Greater)
    TFC_OP(kGreaterEqual, GreaterEqual)
    TFC_OP(kEqual, Equal)
    TFC_OP(kNotEqual, NotEqual)
    TFC_OP(kLogicalAnd, LogicalAnd)
    TFC_OP(kLogicalOr, LogicalOr)
#undef TFC_OP
    default:
      return cudaErrorInvalidValue;
  }
}

}  // namespace gpu
}  // namespace tfc
