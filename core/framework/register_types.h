#pragma once
// Type lists for instantiating kernels, named as TensorFlow names them.
#include "core/framework/types.h"

#define TF_CALL_float(m) m(float)
#define TF_CALL_double(m) m(double)
#define TF_CALL_half(m) m(::tfc::half)
#define TF_CALL_bfloat16(m) m(::tfc::bfloat16)
#define TF_CALL_int32(m) m(int32_t)
#define TF_CALL_int64(m) m(int64_t)
#define TF_CALL_uint8(m) m(uint8_t)
#define TF_CALL_int8(m) m(int8_t)
#define TF_CALL_int16(m) m(int16_t)
#define TF_CALL_uint16(m) m(uint16_t)
#define TF_CALL_uint32(m) m(uint32_t)
#define TF_CALL_uint64(m) m(uint64_t)
#define TF_CALL_bool(m) m(bool)
#define TF_CALL_complex64(m) m(::tfc::complex64)
#define TF_CALL_complex128(m) m(::tfc::complex128)
#define TF_CALL_tstring(m) m(::tfc::tstring)

#define TF_CALL_INTEGRAL_TYPES(m) \
  TF_CALL_uint64(m) TF_CALL_int64(m) TF_CALL_uint32(m) TF_CALL_int32(m) TF_CALL_uint16(m) \
  TF_CALL_int16(m) TF_CALL_uint8(m) TF_CALL_int8(m)
#define TF_CALL_FLOAT_TYPES(m) TF_CALL_half(m) TF_CALL_bfloat16(m) TF_CALL_float(m) TF_CALL_double(m)
#define TF_CALL_REAL_NUMBER_TYPES(m) TF_CALL_INTEGRAL_TYPES(m) TF_CALL_FLOAT_TYPES(m)
#define TF_CALL_COMPLEX_TYPES(m) TF_CALL_complex64(m) TF_CALL_complex128(m)
#define TF_CALL_NUMBER_TYPES(m) TF_CALL_REAL_NUMBER_TYPES(m) TF_CALL_COMPLEX_TYPES(m)
#define TF_CALL_POD_TYPES(m) TF_CALL_NUMBER_TYPES(m) TF_CALL_bool(m)
#define TF_CALL_ALL_TYPES(m) TF_CALL_POD_TYPES(m) TF_CALL_tstring(m)

namespace tfc {
// Types whose data-movement kernels (Identity, Reshape, Const, variables ...) are registered on
// GPUs: TF keeps int32 tensors of GPU kernels in host memory, so int32 ops stay on the CPU.
inline DataTypeVector GpuMemoryTypes() {
  return {DT_FLOAT, DT_DOUBLE, DT_HALF, DT_BFLOAT16, DT_INT64, DT_BOOL, DT_COMPLEX64,
          DT_COMPLEX128};
}
}  // namespace tfc
