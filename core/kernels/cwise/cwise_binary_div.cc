// Broadcasting division kernels: Div, RealDiv, DivNoNan, FloorDiv, FloorMod, Mod,
// TruncateDiv, TruncateMod. Integer divisors are checked for zero before computing.
#include "core/kernels/cwise/cwise_binary_functors.h"

namespace tfc {
namespace {
using namespace functor;  // NOLINT

#define FLOATS(m) TF_CALL_half(m) TF_CALL_bfloat16(m) TF_CALL_float(m) TF_CALL_double(m)
#define COMPLEX(m) TF_CALL_complex64(m) TF_CALL_complex128(m)
#define INTS(m) TF_CALL_uint8(m) TF_CALL_int8(m) TF_CALL_uint16(m) TF_CALL_int16(m) \
  TF_CALL_int32(m) TF_CALL_int64(m)

#define R(T) TFC_REGISTER_BINARY("Div", Div, T);
FLOATS(R) COMPLEX(R) INTS(R)
#undef R

#define R(T) TFC_REGISTER_BINARY("RealDiv", Div, T);
FLOATS(R) COMPLEX(R)
#undef R

#define R(T) TFC_REGISTER_BINARY("DivNoNan", DivNoNan, T);
TF_CALL_half(R) TF_CALL_float(R) TF_CALL_double(R) COMPLEX(R)
#undef R

#define R(T) TFC_REGISTER_BINARY("FloorDiv", FloorDiv, T);
FLOATS(R) INTS(R)
#undef R

#define R(T) TFC_REGISTER_BINARY("TruncateDiv", TruncateDiv, T);
INTS(R)
#undef R

#define R(T) TFC_REGISTER_BINARY("FloorMod", FloorMod, T); TFC_REGISTER_BINARY("Mod", FloorMod, T); \
  TFC_REGISTER_BINARY("TruncateMod", TruncateMod, T);
FLOATS(R) TF_CALL_int32(R) TF_CALL_int64(R)
#undef R

}  // namespace
}  // namespace tfc
