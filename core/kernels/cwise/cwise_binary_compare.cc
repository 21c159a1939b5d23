// Broadcasting comparison and logical kernels.
#include "core/kernels/cwise/cwise_binary_functors.h"

namespace tfc {
namespace {
using namespace functor;  // NOLINT

#define R(T) TFC_REGISTER_BINARY("Less", Less, T); TFC_REGISTER_BINARY("LessEqual", LessEqual, T); \
  TFC_REGISTER_BINARY("Greater", Greater, T);                                                  \
  TFC_REGISTER_BINARY("GreaterEqual", GreaterEqual, T);
TF_CALL_REAL_NUMBER_TYPES(R)
#undef R

#define R(T)                                                                            \
  REGISTER_KERNEL_BUILDER(Name("Equal").Device(DEVICE_CPU).TypeConstraint<T>("T"),      \
                          EqualityOp<T, Equal>);                                        \
  REGISTER_KERNEL_BUILDER(Name("NotEqual").Device(DEVICE_CPU).TypeConstraint<T>("T"),   \
                          EqualityOp<T, NotEqual>);
TF_CALL_half(R) TF_CALL_bfloat16(R) TF_CALL_float(R) TF_CALL_double(R) TF_CALL_uint8(R)
TF_CALL_int8(R) TF_CALL_int16(R) TF_CALL_int32(R) TF_CALL_int64(R) TF_CALL_complex64(R)
TF_CALL_complex128(R) TF_CALL_tstring(R) TF_CALL_bool(R)
#undef R

REGISTER_KERNEL_BUILDER(Name("LogicalAnd").Device(DEVICE_CPU), BinaryOp<bool, LogicalAnd>);
REGISTER_KERNEL_BUILDER(Name("LogicalOr").Device(DEVICE_CPU), BinaryOp<bool, LogicalOr>);

}  // namespace
}  // namespace tfc
