// Unary math kernels: Neg, Abs, Sign, Square, Sqrt, ..., IsNan, LogicalNot.
#include "core/kernels/cwise/cwise_functors.h"

namespace tfc {
namespace {
using namespace functor;  // NOLINT

#define FLOATS(m) TF_CALL_half(m) TF_CALL_bfloat16(m) TF_CALL_float(m) TF_CALL_double(m)
#define FLOATS_COMPLEX(m) FLOATS(m) TF_CALL_complex64(m) TF_CALL_complex128(m)
#define UNARY_TYPES(m) FLOATS_COMPLEX(m) TF_CALL_int32(m) TF_CALL_int64(m)

#define R(T) TFC_REGISTER_UNARY("Neg", Neg, T); TFC_REGISTER_UNARY("Square", Square, T); \
  TFC_REGISTER_UNARY("Sign", Sign, T);
UNARY_TYPES(R)
#undef R

#define R(T) TFC_REGISTER_UNARY("Abs", Abs, T);
FLOATS(R) TF_CALL_int8(R) TF_CALL_int16(R) TF_CALL_int32(R) TF_CALL_int64(R)
#undef R

#define R(T)                                                                               \
  TFC_REGISTER_UNARY("Sqrt", Sqrt, T); TFC_REGISTER_UNARY("Rsqrt", Rsqrt, T);              \
  TFC_REGISTER_UNARY("Exp", Exp, T); TFC_REGISTER_UNARY("Expm1", Expm1, T);                \
  TFC_REGISTER_UNARY("Log", Log, T); TFC_REGISTER_UNARY("Log1p", Log1p, T);                \
  TFC_REGISTER_UNARY("Sin", Sin, T); TFC_REGISTER_UNARY("Cos", Cos, T);                    \
  TFC_REGISTER_UNARY("Tan", Tan, T); TFC_REGISTER_UNARY("Asin", Asin, T);                  \
  TFC_REGISTER_UNARY("Acos", Acos, T); TFC_REGISTER_UNARY("Atan", Atan, T);                \
  TFC_REGISTER_UNARY("Sinh", Sinh, T); TFC_REGISTER_UNARY("Cosh", Cosh, T);                \
  TFC_REGISTER_UNARY("Tanh", Tanh, T); TFC_REGISTER_UNARY("Asinh", Asinh, T);              \
  TFC_REGISTER_UNARY("Acosh", Acosh, T); TFC_REGISTER_UNARY("Atanh", Atanh, T);            \
  TFC_REGISTER_UNARY("Sigmoid", Sigmoid, T); TFC_REGISTER_UNARY("Reciprocal", Reciprocal, T); \
  TFC_REGISTER_UNARY("Inv", Reciprocal, T);
FLOATS_COMPLEX(R)
#undef R

#define R(T)                                                                               \
  TFC_REGISTER_UNARY("Floor", Floor, T); TFC_REGISTER_UNARY("Ceil", Ceil, T);              \
  TFC_REGISTER_UNARY("Rint", Rint, T); TFC_REGISTER_UNARY("Erf", Erf, T);                  \
  TFC_REGISTER_UNARY("Erfc", Erfc, T); TFC_REGISTER_UNARY("Lgamma", Lgamma, T);            \
  TFC_REGISTER_UNARY("Digamma", Digamma, T); TFC_REGISTER_UNARY("IsNan", IsNan, T);        \
  TFC_REGISTER_UNARY("IsInf", IsInf, T); TFC_REGISTER_UNARY("IsFinite", IsFinite, T);
FLOATS(R)
#undef R

#define R(T) TFC_REGISTER_UNARY("Round", Round, T);
FLOATS(R) TF_CALL_int32(R) TF_CALL_int64(R)
#undef R

REGISTER_KERNEL_BUILDER(Name("LogicalNot").Device(DEVICE_CPU), UnaryOp<bool, LogicalNot>);

}  // namespace
}  // namespace tfc
