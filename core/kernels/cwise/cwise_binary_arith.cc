// Broadcasting arithmetic kernels: Add, AddV2, Sub, Mul, Maximum, Minimum, SquaredDifference,
// Pow, Atan2.
#include "core/kernels/cwise/cwise_binary_functors.h"

namespace tfc {
namespace {
using namespace functor;  // NOLINT

#define FLOATS(m) TF_CALL_half(m) TF_CALL_bfloat16(m) TF_CALL_float(m) TF_CALL_double(m)
#define COMPLEX(m) TF_CALL_complex64(m) TF_CALL_complex128(m)
#define ADD_TYPES(m) FLOATS(m) COMPLEX(m) TF_CALL_uint8(m) TF_CALL_int8(m) TF_CALL_int16(m) \
  TF_CALL_int32(m) TF_CALL_int64(m)

#define R(T) TFC_REGISTER_BINARY("Add", Add, T); TFC_REGISTER_BINARY("AddV2", Add, T);
ADD_TYPES(R)
#undef R
TFC_REGISTER_BINARY("Add", Add, tstring);

#define R(T) TFC_REGISTER_BINARY("Sub", Sub, T); TFC_REGISTER_BINARY("Mul", Mul, T);
ADD_TYPES(R) TF_CALL_uint16(R)
#undef R

#define R(T) TFC_REGISTER_BINARY("Maximum", Maximum, T); TFC_REGISTER_BINARY("Minimum", Minimum, T);
FLOATS(R) TF_CALL_int32(R) TF_CALL_int64(R)
#undef R

#define R(T) TFC_REGISTER_BINARY("SquaredDifference", SquaredDifference, T); \
  TFC_REGISTER_BINARY("Pow", Pow, T);
FLOATS(R) COMPLEX(R) TF_CALL_int32(R) TF_CALL_int64(R)
#undef R

#define R(T) TFC_REGISTER_BINARY("Atan2", Atan2, T);
FLOATS(R)
#undef R

}  // namespace
}  // namespace tfc
