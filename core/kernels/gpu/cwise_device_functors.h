#pragma once
// Device-side element functors for the GPU element-wise kernels (nvcc only). Each mirrors the
// CPU functor of the same name in core/kernels/cwise/ (same formula, same NaN and edge-case
// rules) and computes in the CPU's compute type: float for half, the type itself otherwise.
//
// A functor is a struct with
//   static constexpr unsigned kTypes;   // TypeBit()s it is instantiated for
//   static constexpr bool kBoolOut;     // output is bool instead of the input type
//   template <typename C> __device__ static auto Run(C x[, C y]);
#include <cuda_fp16.h>
#include <cuda_runtime.h>

#include <cstdint>
#include <type_traits>

#include "core/kernels/gpu/cwise_kernels.h"

namespace tfc {
namespace gpu {

constexpr unsigned TypeBit(CwiseType t) { return 1u << static_cast<int>(t); }
constexpr unsigned kFloatBits =
    TypeBit(CwiseType::kFloat) | TypeBit(CwiseType::kDouble) | TypeBit(CwiseType::kHalf);
constexpr unsigned kInt64Bit = TypeBit(CwiseType::kInt64);
constexpr unsigned kBoolBit = TypeBit(CwiseType::kBool);

// Storage and compute types per CwiseType.
template <CwiseType>
struct TypeOf;
template <>
struct TypeOf<CwiseType::kFloat> {
  using T = float;
  using C = float;
};
template <>
struct TypeOf<CwiseType::kDouble> {
  using T = double;
  using C = double;
};
template <>
struct TypeOf<CwiseType::kHalf> {
  using T = __half;
  using C = float;
};
template <>
struct TypeOf<CwiseType::kInt64> {
  using T = int64_t;
  using C = int64_t;
};
template <>
struct TypeOf<CwiseType::kBool> {
  using T = bool;
  using C = bool;
};

template <typename C, typename T>
__device__ __forceinline__ C Load(T v) {
  if constexpr (std::is_same_v<T, __half>) {
    return __half2float(v);
  } else {
    return static_cast<C>(v);
  }
}
// Round-to-nearest-even into half, as Eigen::half's conversion from float does.
template <typename T, typename C>
__device__ __forceinline__ T Store(C v) {
  if constexpr (std::is_same_v<T, __half>) {
    return __float2half_rn(static_cast<float>(v));
  } else {
    return static_cast<T>(v);
  }
}

// ---- math overloads for float and double -----------------------------------------------------
#define TFC_GPU_MATH1(NAME, FN_F, FN_D)                                     \
  __device__ __forceinline__ float NAME(float x) { return FN_F(x); }       \
  __device__ __forceinline__ double NAME(double x) { return FN_D(x); }
TFC_GPU_MATH1(DSqrt, sqrtf, sqrt)
TFC_GPU_MATH1(DExp, expf, exp)
TFC_GPU_MATH1(DExpm1, expm1f, expm1)
TFC_GPU_MATH1(DLog, logf, log)
TFC_GPU_MATH1(DLog1p, log1pf, log1p)
TFC_GPU_MATH1(DSin, sinf, sin)
TFC_GPU_MATH1(DCos, cosf, cos)
TFC_GPU_MATH1(DTanh, tanhf, tanh)
TFC_GPU_MATH1(DFloor, floorf, floor)
TFC_GPU_MATH1(DCeil, ceilf, ceil)
TFC_GPU_MATH1(DRint, rintf, rint)
TFC_GPU_MATH1(DFabs, fabsf, fabs)
#undef TFC_GPU_MATH1
__device__ __forceinline__ float DPow(float a, float b) { return powf(a, b); }
__device__ __forceinline__ double DPow(double a, double b) { return pow(a, b); }
__device__ __forceinline__ float DFmod(float a, float b) { return fmodf(a, b); }
__device__ __forceinline__ double DFmod(double a, double b) { return fmod(a, b); }
__device__ __forceinline__ bool DIsNan(float x) { return isnan(x); }
__device__ __forceinline__ bool DIsNan(double x) { return isnan(x); }
__device__ __forceinline__ bool DIsInf(float x) { return isinf(x); }
__device__ __forceinline__ bool DIsInf(double x) { return isinf(x); }
__device__ __forceinline__ bool DIsFinite(float x) { return isfinite(x); }
__device__ __forceinline__ bool DIsFinite(double x) { return isfinite(x); }

// log(epsilon) + 2 for the type: past it Softplus is x (or exp(x)) to working precision.
template <typename C>
__device__ __forceinline__ C SoftplusThreshold() {
  if constexpr (std::is_same_v<C, float>) {
    return DLog(1.1920928955078125e-07f) + 2.0f;
  } else {
    return DLog(2.220446049250313080847e-16) + 2.0;
  }
}

// int64 +, -, * wrap on overflow (two's complement) without undefined behaviour, as on the CPU.
template <typename C>
__device__ __forceinline__ C WAdd(C a, C b) {
  if constexpr (std::is_integral_v<C>) {
    return static_cast<C>(static_cast<uint64_t>(a) + static_cast<uint64_t>(b));
  } else {
    return a + b;
  }
}
template <typename C>
__device__ __forceinline__ C WSub(C a, C b) {
  if constexpr (std::is_integral_v<C>) {
    return static_cast<C>(static_cast<uint64_t>(a) - static_cast<uint64_t>(b));
  } else {
    return a - b;
  }
}
template <typename C>
__device__ __forceinline__ C WMul(C a, C b) {
  if constexpr (std::is_integral_v<C>) {
    return static_cast<C>(static_cast<uint64_t>(a) * static_cast<uint64_t>(b));
  } else {
    return a * b;
  }
}

template <unsigned kTypeBits, bool kBool = false>
struct FunctorTraits {
  static constexpr unsigned kTypes = kTypeBits;
  static constexpr bool kBoolOut = kBool;
};

namespace dfn {

// ---- unary ------------------------------------------------------------------------------------
#define TFC_GPU_UNARY(NAME, TYPES, BOOL_OUT, EXPR)   \
  struct NAME : FunctorTraits<TYPES, BOOL_OUT> {     \
    template <typename C>                            \
    __device__ __forceinline__ static auto Run(C x) { \
      return EXPR;                                   \
    }                                                \
  };

TFC_GPU_UNARY(Neg, kFloatBits | kInt64Bit, false, WSub(C(0), x))
TFC_GPU_UNARY(Square, kFloatBits | kInt64Bit, false, WMul(x, x))
TFC_GPU_UNARY(Sqrt, kFloatBits, false, DSqrt(x))
// A true division, not rsqrt's approximation: same rounding as the CPU's 1 / sqrt(x).
TFC_GPU_UNARY(Rsqrt, kFloatBits, false, C(1) / DSqrt(x))
TFC_GPU_UNARY(Reciprocal, kFloatBits, false, C(1) / x)
TFC_GPU_UNARY(Exp, kFloatBits, false, DExp(x))
TFC_GPU_UNARY(Expm1, kFloatBits, false, DExpm1(x))
TFC_GPU_UNARY(Log, kFloatBits, false, DLog(x))
TFC_GPU_UNARY(Log1p, kFloatBits, false, DLog1p(x))
TFC_GPU_UNARY(Sin, kFloatBits, false, DSin(x))
TFC_GPU_UNARY(Cos, kFloatBits, false, DCos(x))
TFC_GPU_UNARY(Tanh, kFloatBits, false, DTanh(x))
TFC_GPU_UNARY(Relu, kFloatBits, false, x > C(0) ? x : C(0))
TFC_GPU_UNARY(Relu6, kFloatBits, false, x > C(0) ? (x < C(6) ? x : C(6)) : C(0))
TFC_GPU_UNARY(Elu, kFloatBits, false, x < C(0) ? DExpm1(x) : x)
TFC_GPU_UNARY(Softsign, kFloatBits, false, x / (C(1) + DFabs(x)))
TFC_GPU_UNARY(Floor, kFloatBits, false, DFloor(x))
TFC_GPU_UNARY(Ceil, kFloatBits, false, DCeil(x))
// rint rounds half to even, which is TF's Round; Rint is the same function.
TFC_GPU_UNARY(Round, kFloatBits, false, DRint(x))
TFC_GPU_UNARY(Rint, kFloatBits, false, DRint(x))
TFC_GPU_UNARY(IsNan, kFloatBits, true, DIsNan(x))
TFC_GPU_UNARY(IsInf, kFloatBits, true, DIsInf(x))
TFC_GPU_UNARY(IsFinite, kFloatBits, true, DIsFinite(x))
TFC_GPU_UNARY(LogicalNot, kBoolBit, true, !x)
#undef TFC_GPU_UNARY

struct Abs : FunctorTraits<kFloatBits | kInt64Bit> {
  template <typename C>
  __device__ __forceinline__ static C Run(C x) {
    if constexpr (std::is_integral_v<C>) {
      return x < 0 ? WSub(C(0), x) : x;
    } else {
      return DFabs(x);
    }
  }
};

struct Sign : FunctorTraits<kFloatBits | kInt64Bit> {
  template <typename C>
  __device__ __forceinline__ static C Run(C x) {
    if constexpr (!std::is_integral_v<C>) {
      if (DIsNan(x)) return x;
    }
    return x > C(0) ? C(1) : (x < C(0) ? C(-1) : C(0));
  }
};

struct Sigmoid : FunctorTraits<kFloatBits> {
  template <typename C>
  __device__ __forceinline__ static C Run(C x) {
    // Evaluated on the side where exp cannot overflow.
    if (x >= C(0)) return C(1) / (C(1) + DExp(-x));
    const C e = DExp(x);
    return e / (C(1) + e);
  }
};

struct Softplus : FunctorTraits<kFloatBits> {
  template <typename C>
  __device__ __forceinline__ static C Run(C x) {
    const C threshold = SoftplusThreshold<C>();
    if (x > -threshold) return x;
    if (x < threshold) return DExp(x);
    return DLog1p(DExp(x));
  }
};

struct Selu : FunctorTraits<kFloatBits> {
  template <typename C>
  __device__ __forceinline__ static C Run(C x) {
    const C scale = C(1.0507009873554804934193349852946);
    const C alpha = C(1.6732632423543772848170429916717);
    return x < C(0) ? scale * alpha * DExpm1(x) : scale * x;
  }
};

// ---- binary -----------------------------------------------------------------------------------
#define TFC_GPU_BINARY(NAME, TYPES, BOOL_OUT, EXPR)         \
  struct NAME : FunctorTraits<TYPES, BOOL_OUT> {            \
    template <typename C>                                   \
    __device__ __forceinline__ static auto Run(C a, C b) {  \
      return EXPR;                                          \
    }                                                       \
  };

TFC_GPU_BINARY(Add, kFloatBits | kInt64Bit, false, WAdd(a, b))
TFC_GPU_BINARY(Sub, kFloatBits | kInt64Bit, false, WSub(a, b))
TFC_GPU_BINARY(Mul, kFloatBits | kInt64Bit, false, WMul(a, b))
TFC_GPU_BINARY(Div, kFloatBits, false, a / b)
TFC_GPU_BINARY(DivNoNan, kFloatBits, false, b == C(0) ? C(0) : a / b)
TFC_GPU_BINARY(FloorDiv, kFloatBits, false, DFloor(a / b))
TFC_GPU_BINARY(Pow, kFloatBits, false, DPow(a, b))
TFC_GPU_BINARY(SquaredDifference, kFloatBits, false, (a - b) * (a - b))
TFC_GPU_BINARY(Less, kFloatBits | kInt64Bit, true, a < b)
TFC_GPU_BINARY(LessEqual, kFloatBits | kInt64Bit, true, a <= b)
TFC_GPU_BINARY(Greater, kFloatBits | kInt64Bit, true, a > b)
TFC_GPU_BINARY(GreaterEqual, kFloatBits | kInt64Bit, true, a >= b)
TFC_GPU_BINARY(Equal, kFloatBits | kInt64Bit | kBoolBit, true, a == b)
TFC_GPU_BINARY(NotEqual, kFloatBits | kInt64Bit | kBoolBit, true, a != b)
TFC_GPU_BINARY(LogicalAnd, kBoolBit, true, a && b)
TFC_GPU_BINARY(LogicalOr, kBoolBit, true, a || b)

// Gradients of y = f(x) given y (first input) and dy (second), as the CPU's cwise_grad_ops.
TFC_GPU_BINARY(TanhGrad, kFloatBits, false, b * (C(1) - a * a))
TFC_GPU_BINARY(SigmoidGrad, kFloatBits, false, b * (a * (C(1) - a)))
TFC_GPU_BINARY(SqrtGrad, kFloatBits, false, (C(0.5) * b) / a)
TFC_GPU_BINARY(RsqrtGrad, kFloatBits, false, b * (C(-0.5) * a * a * a))
TFC_GPU_BINARY(ReciprocalGrad, kFloatBits, false, -b * (a * a))
// Activation gradients given (gradients, features or outputs).
TFC_GPU_BINARY(ReluGrad, kFloatBits, false, b > C(0) ? a : C(0))
TFC_GPU_BINARY(Relu6Grad, kFloatBits, false, (b > C(0) && b < C(6)) ? a : C(0))
TFC_GPU_BINARY(EluGrad, kFloatBits, false, b < C(0) ? a * (b + C(1)) : a)
TFC_GPU_BINARY(SoftplusGrad, kFloatBits, false, a / (C(1) + DExp(-b)))
TFC_GPU_BINARY(SoftsignGrad, kFloatBits, false,
               a / ((C(1) + DFabs(b)) * (C(1) + DFabs(b))))
#undef TFC_GPU_BINARY

struct SeluGrad : FunctorTraits<kFloatBits> {
  template <typename C>
  __device__ __forceinline__ static C Run(C g, C y) {
    const C scale = C(1.0507009873554804934193349852946);
    const C scale_alpha = C(1.7580993408473768599402175208123);
    return y < C(0) ? g * (y + scale_alpha) : g * scale;
  }
};

struct Maximum : FunctorTraits<kFloatBits | kInt64Bit> {
  template <typename C>
  __device__ __forceinline__ static C Run(C a, C b) {
    if constexpr (!std::is_integral_v<C>) {
      if (DIsNan(a)) return a;
      if (DIsNan(b)) return b;
    }
    return a < b ? b : a;
  }
};

struct Minimum : FunctorTraits<kFloatBits | kInt64Bit> {
  template <typename C>
  __device__ __forceinline__ static C Run(C a, C b) {
    if constexpr (!std::is_integral_v<C>) {
      if (DIsNan(a)) return a;
      if (DIsNan(b)) return b;
    }
    return b < a ? b : a;
  }
};

// Python's modulo: the result takes the divisor's sign.
struct FloorMod : FunctorTraits<kFloatBits> {
  template <typename C>
  __device__ __forceinline__ static C Run(C a, C b) {
    const C r = DFmod(a, b);
    if (r != C(0) && ((r < C(0)) != (b < C(0)))) return r + b;
    return r;
  }
};

}  // namespace dfn
}  // namespace gpu
}  // namespace tfc
