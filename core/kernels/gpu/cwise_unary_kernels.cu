// LaunchUnary: one instantiation of the generic unary kernel per op and element type.
#include "core/kernels/gpu/cwise_device_loops.h"

namespace tfc {
namespace gpu {

cudaError_t LaunchUnary(cudaStream_t stream, UnaryOp op, CwiseType type, const void* x, void* y,
                        int64_t n) {
  switch (op) {
#define TFC_OP(CODE, FUNCTOR) \
  case UnaryOp::CODE:         \
    return DispatchUnary<dfn::FUNCTOR>(stream, type, x, y, n);
    TFC_OP(kNeg, Neg)
    TFC_OP(kAbs, Abs)
    TFC_OP(kSign, Sign)
    TFC_OP(kSquare, Square)
    TFC_OP(kSqrt, Sqrt)
    TFC_OP(kRsqrt, Rsqrt)
    TFC_OP(kReciprocal, Reciprocal)
    TFC_OP(kExp, Exp)
    TFC_OP(kExpm1, Expm1)
    TFC_OP(kLog, Log)
    TFC_OP(kLog1p, Log1p)
    TFC_OP(kSin, Sin)
    TFC_OP(kCos, Cos)
    TFC_OP(kTanh, Tanh)
    TFC_OP(kSigmoid, Sigmoid)
    TFC_OP(kRelu, Relu)
    TFC_OP(kRelu6, Relu6)
    TFC_OP(kElu, Elu)
    TFC_OP(kSelu, Selu)
    TFC_OP(kSoftplus, Softplus)
    TFC_OP(kSoftsign, Softsign)
    TFC_OP(kFloor, Floor)
    TFC_OP(kCeil, Ceil)
    TFC_OP(kRound, Round)
    TFC_OP(kRint, Rint)
    TFC_OP(kIsNan, IsNan)
    TFC_OP(kIsInf, IsInf)
    TFC_OP(kIsFinite, IsFinite)
    TFC_OP(kLogicalNot, LogicalNot)
#undef TFC_OP
  }
  return cudaErrorInvalidValue;
}

}  // namespace gpu
}  // namespace tfc
