#pragma once
// Element functors for the generic kernels in cwise_common.h. Each Run sees the compute type
// (float for half/bfloat16).
#include <cmath>
#include <complex>
#include <limits>
#include <type_traits>

#include "core/kernels/cwise/cwise_common.h"

namespace tfc {
namespace functor {

template <typename T>
struct SameOut {
  template <typename U>
  using Out = U;
};
struct BoolOut {
  template <typename U>
  using Out = bool;
};

// ---- unary -----------------------------------------------------------------------------------
#define TFC_UNARY_FUNCTOR(NAME, EXPR)        \
  struct NAME : SameOut<void> {              \
    template <typename C>                    \
    static C Run(C x) {                      \
      using std::abs, std::exp, std::log;    \
      return EXPR;                           \
    }                                        \
  };

template <typename C>
C WrapNeg(C x) {
  // Negating the most negative integer wraps, as TF's two's-complement kernels do.
  if constexpr (std::is_integral_v<C> && std::is_signed_v<C>) {
    return static_cast<C>(-static_cast<std::make_unsigned_t<C>>(x));
  } else {
    return -x;
  }
}

TFC_UNARY_FUNCTOR(Neg, WrapNeg(x))
TFC_UNARY_FUNCTOR(Square, x* x)
TFC_UNARY_FUNCTOR(Sqrt, std::sqrt(x))
TFC_UNARY_FUNCTOR(Rsqrt, C(1) / std::sqrt(x))
TFC_UNARY_FUNCTOR(Exp, exp(x))
TFC_UNARY_FUNCTOR(Log, log(x))
TFC_UNARY_FUNCTOR(Sin, std::sin(x))
TFC_UNARY_FUNCTOR(Cos, std::cos(x))
TFC_UNARY_FUNCTOR(Tan, std::tan(x))
TFC_UNARY_FUNCTOR(Asin, std::asin(x))
TFC_UNARY_FUNCTOR(Acos, std::acos(x))
TFC_UNARY_FUNCTOR(Atan, std::atan(x))
TFC_UNARY_FUNCTOR(Sinh, std::sinh(x))
TFC_UNARY_FUNCTOR(Cosh, std::cosh(x))
TFC_UNARY_FUNCTOR(Tanh, std::tanh(x))
TFC_UNARY_FUNCTOR(Asinh, std::asinh(x))
TFC_UNARY_FUNCTOR(Acosh, std::acosh(x))
TFC_UNARY_FUNCTOR(Atanh, std::atanh(x))
TFC_UNARY_FUNCTOR(Reciprocal, C(1) / x)
TFC_UNARY_FUNCTOR(Floor, std::floor(x))
TFC_UNARY_FUNCTOR(Ceil, std::ceil(x))
TFC_UNARY_FUNCTOR(Rint, std::nearbyint(x))
TFC_UNARY_FUNCTOR(Erf, std::erf(x))
TFC_UNARY_FUNCTOR(Erfc, std::erfc(x))
TFC_UNARY_FUNCTOR(Lgamma, std::lgamma(x))
TFC_UNARY_FUNCTOR(Softsign, x / (C(1) + std::abs(x)))
TFC_UNARY_FUNCTOR(Relu, x > C(0) ? x : C(0))
TFC_UNARY_FUNCTOR(Relu6, x > C(0) ? (x < C(6) ? x : C(6)) : C(0))
TFC_UNARY_FUNCTOR(Elu, x < C(0) ? std::expm1(x) : x)
#undef TFC_UNARY_FUNCTOR

struct Abs : SameOut<void> {
  template <typename C>
  static C Run(C x) {
    if constexpr (std::is_integral_v<C>) return x < 0 ? WrapNeg(x) : x;
    else return std::abs(x);
  }
};

struct Expm1 : SameOut<void> {
  template <typename C>
  static C Run(C x) {
    if constexpr (kIsComplex<C>) {
      // exp(x) - 1 loses precision near 0; expm1 of the real part keeps it for real inputs.
      using R = typename C::value_type;
      const R re = x.real(), im = x.imag();
      const R em1 = std::expm1(re);
      // exp(x) - 1 = (e^re cos im - 1) + i e^re sin im, with cos im - 1 = -2 sin^2(im/2).
      const R s = std::sin(im / 2);
      return C(em1 * std::cos(im) - R(2) * s * s, (em1 + R(1)) * std::sin(im));
    } else {
      return std::expm1(x);
    }
  }
};

struct Log1p : SameOut<void> {
  template <typename C>
  static C Run(C x) {
    if constexpr (kIsComplex<C>) return std::log(C(1) + x);
    else return std::log1p(x);
  }
};

struct Sigmoid : SameOut<void> {
  template <typename C>
  static C Run(C x) {
    if constexpr (kIsComplex<C>) {
      return C(1) / (C(1) + std::exp(-x));
    } else {
      // Evaluated on the side where exp cannot overflow.
      if (x >= C(0)) return C(1) / (C(1) + std::exp(-x));
      const C e = std::exp(x);
      return e / (C(1) + e);
    }
  }
};

struct Sign : SameOut<void> {
  template <typename C>
  static C Run(C x) {
    if constexpr (kIsComplex<C>) {
      const auto a = std::abs(x);
      return a == 0 ? C(0) : x / a;
    } else if constexpr (std::is_floating_point_v<C>) {
      if (std::isnan(x)) return x;
      return x > 0 ? C(1) : (x < 0 ? C(-1) : C(0));
    } else {
      return x > 0 ? C(1) : (x < 0 ? C(-1) : C(0));
    }
  }
};

// Round half to even, as TF's Round does.
struct Round : SameOut<void> {
  template <typename C>
  static C Run(C x) {
    if constexpr (std::is_integral_v<C>) {
      return x;
    } else {
      const C f = std::floor(x);
      const C d = x - f;
      if (d > C(0.5)) return f + C(1);
      if (d < C(0.5)) return f;
      return std::fmod(f, C(2)) == C(0) ? f : f + C(1);
    }
  }
};

// Psi via the recurrence up to x >= 10 and the asymptotic series; reflection for x <= 0.
struct Digamma : SameOut<void> {
  template <typename C>
  static C Run(C x0) {
    using D = double;
    D x = static_cast<D>(x0);
    if (std::isnan(x)) return x0;
    if (x == -std::numeric_limits<D>::infinity()) return std::numeric_limits<C>::quiet_NaN();
    D result = 0;
    if (x <= 0) {
      if (x == std::floor(x)) return std::numeric_limits<C>::quiet_NaN();
      // psi(1 - x) - psi(x) = pi cot(pi x)
      const D pi = 3.14159265358979323846;
      result = -pi / std::tan(pi * (x - std::floor(x)));
      x = 1 - x;
    }
    while (x < 10) {
      result -= 1 / x;
      x += 1;
    }
    // Asymptotic series in Bernoulli numbers; at x >= 10 the next term is below 1e-16.
    const D inv = 1 / x, t = inv * inv;
    result += std::log(x) - 0.5 * inv -
              t * (1.0 / 12 -
                   t * (1.0 / 120 -
                        t * (1.0 / 252 -
                             t * (1.0 / 240 -
                                  t * (1.0 / 132 - t * (691.0 / 32760 - t * (1.0 / 12)))))));
    return static_cast<C>(result);
  }
};

struct IsNan : BoolOut {
  template <typename C>
  static bool Run(C x) { return std::isnan(x); }
};
struct IsInf : BoolOut {
  template <typename C>
  static bool Run(C x) { return std::isinf(x); }
};
struct IsFinite : BoolOut {
  template <typename C>
  static bool Run(C x) { return std::isfinite(x); }
};
struct LogicalNot : BoolOut {
  static bool Run(bool x) { return !x; }
};

struct Softplus : SameOut<void> {
  template <typename C>
  static C Run(C x) {
    // Past these bounds log(1 + e^x) is x (or e^x) to working precision.
    const C threshold = std::log(std::numeric_limits<C>::epsilon()) + C(2);
    if (x > -threshold) return x;
    if (x < threshold) return std::exp(x);
    return std::log1p(std::exp(x));
  }
};

struct Selu : SameOut<void> {
  template <typename C>
  static C Run(C x) {
    const C scale = C(1.0507009873554804934193349852946);
    const C alpha = C(1.6732632423543772848170429916717);
    return x < C(0) ? scale * alpha * std::expm1(x) : scale * x;
  }
};

struct LeakyRelu {
  explicit LeakyRelu(OpKernelConstruction* c) {
    if (!c->GetAttr("alpha", &alpha).ok()) alpha = 0.2f;
  }
  template <typename C>
  C operator()(C x) const {
    return x < C(0) ? x * static_cast<C>(alpha) : x;
  }
  float alpha = 0.2f;
};

}  // namespace functor
}  // namespace tfc
