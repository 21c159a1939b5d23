#pragma once
// Binary element functors for BinaryOp (cwise_common.h).
#include <cmath>
#include <complex>
#include <type_traits>

#include "core/kernels/cwise/cwise_common.h"

namespace tfc {
namespace functor {

struct SameOut2 {
  template <typename U>
  using Out = U;
};
struct BoolOut2 {
  template <typename U>
  using Out = bool;
};

template <typename C>
constexpr bool kSignedInt = std::is_integral_v<C> && std::is_signed_v<C>;

// Integer +, -, * wrap on overflow as TF's (two's complement) kernels do, without UB.
template <typename C>
C WrapAdd(C a, C b) {
  if constexpr (kSignedInt<C>) {
    using U = std::make_unsigned_t<C>;
    return static_cast<C>(static_cast<U>(a) + static_cast<U>(b));
  } else {
    return a + b;
  }
}
template <typename C>
C WrapSub(C a, C b) {
  if constexpr (kSignedInt<C>) {
    using U = std::make_unsigned_t<C>;
    return static_cast<C>(static_cast<U>(a) - static_cast<U>(b));
  } else {
    return a - b;
  }
}
template <typename C>
C WrapMul(C a, C b) {
  if constexpr (kSignedInt<C>) {
    using U = std::make_unsigned_t<C>;
    return static_cast<C>(static_cast<U>(a) * static_cast<U>(b));
  } else if constexpr (std::is_integral_v<C> && sizeof(C) < sizeof(int)) {
    return static_cast<C>(static_cast<unsigned>(a) * static_cast<unsigned>(b));
  } else {
    return a * b;
  }
}
// Truncating integer division; b == -1 is done as a negation so INT_MIN / -1 cannot trap.
template <typename C>
C TruncDivInt(C a, C b) {
  if constexpr (kSignedInt<C>) {
    if (b == C(-1)) return WrapSub(C(0), a);
  }
  return static_cast<C>(a / b);
}
template <typename C>
C TruncModInt(C a, C b) {
  if constexpr (kSignedInt<C>) {
    if (b == C(-1)) return C(0);
  }
  return static_cast<C>(a % b);
}

struct Add : SameOut2 {
  template <typename C>
  static C Run(const C& a, const C& b) { return WrapAdd(a, b); }
};
struct Sub : SameOut2 {
  template <typename C>
  static C Run(C a, C b) { return WrapSub(a, b); }
};
struct Mul : SameOut2 {
  template <typename C>
  static C Run(C a, C b) { return WrapMul(a, b); }
};
// Div: truncating for integers, true division otherwise.
struct Div : SameOut2 {
  static constexpr int kCheck = kCheckIntDivByZero;
  template <typename C>
  static C Run(C a, C b) {
    if constexpr (std::is_integral_v<C>) return TruncDivInt(a, b);
    else return a / b;
  }
};
struct TruncateDiv : Div {};
struct DivNoNan : SameOut2 {
  template <typename C>
  static C Run(C a, C b) { return b == C(0) ? C(0) : a / b; }
};
struct FloorDiv : SameOut2 {
  static constexpr int kCheck = kCheckIntDivByZero;
  template <typename C>
  static C Run(C a, C b) {
    if constexpr (std::is_integral_v<C>) {
      const C q = TruncDivInt(a, b);
      if constexpr (std::is_signed_v<C>) {
        // Round toward -inf when the signs differ and the division was inexact.
        if ((a < 0) != (b < 0) && WrapMul(q, b) != a) return static_cast<C>(q - 1);
      }
      return q;
    } else {
      return std::floor(a / b);
    }
  }
};
// Python's modulo: the result takes the divisor's sign.
struct FloorMod : SameOut2 {
  static constexpr int kCheck = kCheckIntDivByZero;
  template <typename C>
  static C Run(C a, C b) {
    if constexpr (std::is_integral_v<C>) {
      const C r = TruncModInt(a, b);
      if constexpr (std::is_signed_v<C>) {
        if (r != 0 && ((r < 0) != (b < 0))) return static_cast<C>(r + b);
      }
      return r;
    } else {
      const C r = std::fmod(a, b);
      if (r != C(0) && ((r < C(0)) != (b < C(0)))) return r + b;
      return r;
    }
  }
};
struct TruncateMod : SameOut2 {
  static constexpr int kCheck = kCheckIntDivByZero;
  template <typename C>
  static C Run(C a, C b) {
    if constexpr (std::is_integral_v<C>) return TruncModInt(a, b);
    else return std::fmod(a, b);
  }
};
struct Pow : SameOut2 {
  static constexpr int kCheck = kCheckNegIntPow;
  template <typename C>
  static C Run(C a, C b) {
    if constexpr (std::is_integral_v<C>) {
      // Exponentiation by squaring, wrapping on overflow.
      C result = 1;
      while (b != 0) {
        if (b & 1) result = WrapMul(result, a);
        b = static_cast<C>(b >> 1);
        a = WrapMul(a, a);
      }
      return result;
    } else {
      return std::pow(a, b);
    }
  }
};
struct Maximum : SameOut2 {
  template <typename C>
  static C Run(C a, C b) {
    if constexpr (std::is_floating_point_v<C>) {
      if (std::isnan(a)) return a;
      if (std::isnan(b)) return b;
    }
    return a < b ? b : a;
  }
};
struct Minimum : SameOut2 {
  template <typename C>
  static C Run(C a, C b) {
    if constexpr (std::is_floating_point_v<C>) {
      if (std::isnan(a)) return a;
      if (std::isnan(b)) return b;
    }
    return b < a ? b : a;
  }
};
struct SquaredDifference : SameOut2 {
  template <typename C>
  static C Run(C a, C b) {
    const C d = WrapSub(a, b);
    if constexpr (kIsComplex<C>) return d * std::conj(d);
    else return WrapMul(d, d);
  }
};
struct Atan2 : SameOut2 {
  template <typename C>
  static C Run(C a, C b) { return std::atan2(a, b); }
};

struct Less : BoolOut2 {
  template <typename C>
  static bool Run(C a, C b) { return a < b; }
};
struct LessEqual : BoolOut2 {
  template <typename C>
  static bool Run(C a, C b) { return a <= b; }
};
struct Greater : BoolOut2 {
  template <typename C>
  static bool Run(C a, C b) { return a > b; }
};
struct GreaterEqual : BoolOut2 {
  template <typename C>
  static bool Run(C a, C b) { return a >= b; }
};
struct Equal : BoolOut2 {
  static constexpr bool kIncompatibleValue = false;
  template <typename C>
  static bool Run(const C& a, const C& b) { return a == b; }
};
struct NotEqual : BoolOut2 {
  static constexpr bool kIncompatibleValue = true;
  template <typename C>
  static bool Run(const C& a, const C& b) { return a != b; }
};
struct LogicalAnd : BoolOut2 {
  static bool Run(bool a, bool b) { return a && b; }
};
struct LogicalOr : BoolOut2 {
  static bool Run(bool a, bool b) { return a || b; }
};

}  // namespace functor
}  // namespace tfc
