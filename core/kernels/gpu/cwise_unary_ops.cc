// GPU registrations of the unary element-wise ops (float, double, half; int64 where noted).
#include "core/kernels/gpu/cwise_ops_common.h"

namespace tfc {
namespace gpu {
namespace {

#define REG(OP, CODE, T)                                                         \
  REGISTER_KERNEL_BUILDER(Name(OP).Device(DEVICE_GPU).TypeConstraint<T>("T"),    \
                          GpuUnaryOp<UnaryOp::CODE>);
#define FLOATS(m) m(float) m(double) m(::tfc::half)

#define R(T) REG("Neg", kNeg, T) REG("Abs", kAbs, T) REG("Sign", kSign, T) \
  REG("Square", kSquare, T)
FLOATS(R) R(int64_t)
#undef R

#define R(T)                                                                           \
  REG("Sqrt", kSqrt, T) REG("Rsqrt", kRsqrt, T) REG("Reciprocal", kReciprocal, T)      \
  REG("Inv", kReciprocal, T) REG("Exp", kExp, T) REG("Expm1", kExpm1, T)               \
  REG("Log", kLog, T) REG("Log1p", kLog1p, T) REG("Sin", kSin, T) REG("Cos", kCos, T)  \
  REG("Tanh", kTanh, T) REG("Sigmoid", kSigmoid, T) REG("Relu", kRelu, T)              \
  REG("Relu6", kRelu6, T) REG("Elu", kElu, T) REG("Selu", kSelu, T)                    \
  REG("Softplus", kSoftplus, T) REG("Softsign", kSoftsign, T) REG("Floor", kFloor, T)  \
  REG("Ceil", kCeil, T) REG("Round", kRound, T) REG("Rint", kRint, T)                  \
  REG("IsNan", kIsNan, T) REG("IsInf", kIsInf, T) REG("IsFinite", kIsFinite, T)
FLOATS(R)
#undef R
#undef REG

REGISTER_KERNEL_BUILDER(Name("LogicalNot").Device(DEVICE_GPU), GpuUnaryOp<UnaryOp::kLogicalNot>);

}  // namespace
}  // namespace gpu
}  // namespace tfc
