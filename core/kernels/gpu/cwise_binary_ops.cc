// GPU registrations of the broadcasting binary ops and the element-wise gradient ops.
#include "core/kernels/gpu/cwise_ops_common.h"

namespace tfc {
namespace gpu {
namespace {

#define REG(OP, CODE, T)                                                         \
  REGISTER_KERNEL_BUILDER(Name(OP).Device(DEVICE_GPU).TypeConstraint<T>("T"),    \
                          GpuBinaryOp<BinaryOp::CODE>);
#define FLOATS(m) m(float) m(double) m(::tfc::half)

#define R(T)                                                                             \
  REG("Add", kAdd, T) REG("AddV2", kAdd, T) REG("Sub", kSub, T) REG("Mul", kMul, T)      \
  REG("Maximum", kMaximum, T) REG("Minimum", kMinimum, T) REG("Less", kLess, T)          \
  REG("LessEqual", kLessEqual, T) REG("Greater", kGreater, T)                            \
  REG("GreaterEqual", kGreaterEqual, T)
FLOATS(R) R(int64_t)
#undef R

// Integer division needs a zero-divisor check the CPU does on host data: floats only here.
#define R(T)                                                                             \
  REG("RealDiv", kDiv, T) REG("Div", kDiv, T) REG("SquaredDifference", kSquaredDifference, T) \
  REG("Pow", kPow, T) REG("FloorDiv", kFloorDiv, T) REG("FloorMod", kFloorMod, T)        \
  REG("Mod", kFloorMod, T) REG("DivNoNan", kDivNoNan, T)
FLOATS(R)
#undef R
#undef REG

#define R(T)                                                                             \
  REGISTER_KERNEL_BUILDER(Name("Equal").Device(DEVICE_GPU).TypeConstraint<T>("T"),       \
                          GpuBinaryOp<BinaryOp::kEqual, 0>);                             \
  REGISTER_KERNEL_BUILDER(Name("NotEqual").Device(DEVICE_GPU).TypeConstraint<T>("T"),    \
                          GpuBinaryOp<BinaryOp::kNotEqual, 1>);
FLOATS(R) R(int64_t) R(bool)
#undef R

REGISTER_KERNEL_BUILDER(Name("LogicalAnd").Device(DEVICE_GPU), GpuBinaryOp<BinaryOp::kLogicalAnd>);
REGISTER_KERNEL_BUILDER(Name("LogicalOr").Device(DEVICE_GPU), GpuBinaryOp<BinaryOp::kLogicalOr>);

#define REG(OP, CODE, T)                                                         \
  REGISTER_KERNEL_BUILDER(Name(OP).Device(DEVICE_GPU).TypeConstraint<T>("T"),    \
                          GpuSameShapeBinaryOp<BinaryOp::CODE>);
#define R(T)                                                                             \
  REG("TanhGrad", kTanhGrad, T) REG("SigmoidGrad", kSigmoidGrad, T)                      \
  REG("SqrtGrad", kSqrtGrad, T) REG("RsqrtGrad", kRsqrtGrad, T)                          \
  REG("ReciprocalGrad", kReciprocalGrad, T) REG("InvGrad", kReciprocalGrad, T)           \
  REG("ReluGrad", kReluGrad, T) REG("Relu6Grad", kRelu6Grad, T) REG("EluGrad", kEluGrad, T) \
  REG("SeluGrad", kSeluGrad, T) REG("SoftplusGrad", kSoftplusGrad, T)                    \
  REG("SoftsignGrad", kSoftsignGrad, T)
FLOATS(R)
#undef R
#undef REG

}  // namespace
}  // namespace gpu
}  // namespace tfc
