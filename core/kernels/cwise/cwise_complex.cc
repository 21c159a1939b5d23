// Complex-number kernels: Complex, Real, Imag, Angle, ComplexAbs, Conj. Each pairs a complex
// type with its real part type (complex64 <-> float, complex128 <-> double), as TF registers.
#include <cmath>
#include <complex>

#include "core/kernels/cwise/cwise_common.h"

namespace tfc {
namespace {

template <typename T>
struct ComplexOf;
template <>
struct ComplexOf<float> {
  using type = complex64;
};
template <>
struct ComplexOf<double> {
  using type = complex128;
};

struct MakeComplex {
  template <typename U>
  using Out = typename ComplexOf<U>::type;
  template <typename C>
  static typename ComplexOf<C>::type Run(C re, C im) {
    return typename ComplexOf<C>::type(re, im);
  }
};

struct RealPartOut {
  template <typename U>
  using Out = typename U::value_type;
};

struct RealPart : RealPartOut {
  template <typename C>
  static auto Run(C x) { return x.real(); }
};
struct ImagPart : RealPartOut {
  template <typename C>
  static auto Run(C x) { return x.imag(); }
};
struct ArgOf : RealPartOut {
  template <typename C>
  static auto Run(C x) { return std::arg(x); }
};
struct AbsOf : RealPartOut {
  // std::abs on std::complex uses hypot: no overflow for large parts.
  template <typename C>
  static auto Run(C x) { return std::abs(x); }
};
struct Conjugate {
  template <typename U>
  using Out = U;
  template <typename C>
  static C Run(C x) { return std::conj(x); }
};

#define REGISTER_PAIR(R, C)                                                                  \
  REGISTER_KERNEL_BUILDER(Name("Complex").Device(DEVICE_CPU).TypeConstraint<R>("T")         \
                              .TypeConstraint<C>("Tout"),                                   \
                          BinaryOp<R, MakeComplex>);                                        \
  REGISTER_KERNEL_BUILDER(Name("Real").Device(DEVICE_CPU).TypeConstraint<C>("T")            \
                              .TypeConstraint<R>("Tout"),                                   \
                          UnaryOp<C, RealPart>);                                            \
  REGISTER_KERNEL_BUILDER(Name("Imag").Device(DEVICE_CPU).TypeConstraint<C>("T")            \
                              .TypeConstraint<R>("Tout"),                                   \
                          UnaryOp<C, ImagPart>);                                            \
  REGISTER_KERNEL_BUILDER(Name("Angle").Device(DEVICE_CPU).TypeConstraint<C>("T")           \
                              .TypeConstraint<R>("Tout"),                                   \
                          UnaryOp<C, ArgOf>);                                               \
  REGISTER_KERNEL_BUILDER(Name("ComplexAbs").Device(DEVICE_CPU).TypeConstraint<C>("T")      \
                              .TypeConstraint<R>("Tout"),                                   \
                          UnaryOp<C, AbsOf>);                                               \
  REGISTER_KERNEL_BUILDER(Name("Conj").Device(DEVICE_CPU).TypeConstraint<C>("T"),           \
                          UnaryOp<C, Conjugate>);

REGISTER_PAIR(float, complex64)
REGISTER_PAIR(double, complex128)
#undef REGISTER_PAIR

}  // namespace
}  // namespace tfc
