// Zeta (Hurwitz), Polygamma, Igamma and Igammac on the broadcasting binary kernel. Everything
// is evaluated in double and rounded to the output type.
#include <cmath>
#include <limits>

#include "core/kernels/cwise/cwise_functors.h"

namespace tfc {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kEps = 1.1102230246251565e-16;

// zeta(x, q) = sum_k (q + k)^-x: a direct sum over the first terms, then the Euler-Maclaurin
// tail with Bernoulli numbers B_2j / (2j)!.
double HurwitzZeta(double x, double q) {
  if (std::isnan(x) || std::isnan(q)) return kNaN;
  if (x == 1) return kInf;
  if (x < 1) return kNaN;
  if (q <= 0) {
    if (q == std::floor(q)) return kInf;
    if (x != std::floor(x)) return kNaN;  // (q + k)^-x is complex
  }
  static constexpr double kB2jOverFact[] = {
      1.0 / 12, -1.0 / 720, 1.0 / 30240, -1.0 / 1209600, 1.0 / 47900160,
      -691.0 / 1307674368000.0, 1.0 / 74724249600.0, -3617.0 / 10670622842880000.0,
      43867.0 / 5109094217170944000.0, -174611.0 / 802857662698291200000.0,
      77683.0 / 14101100039391805440000.0, -236364091.0 / 1693824136731743669452800000.0};
  double a = q;
  double term = std::pow(a, -x);
  double sum = term;
  int steps = 0;
  while (steps < 9 || a <= 9) {
    ++steps;
    a += 1;
    term = std::pow(a, -x);
    sum += term;
    if (std::fabs(term / sum) < kEps) return sum;
  }
  // sum already holds f(a) = a^-x; the tail adds the integral and corrections at a.
  sum += term * a / (x - 1) - 0.5 * term;
  double rising = 1;  // x (x+1) ... (x+2j-2)
  double power = term;  // a^-(x + 2j - 1)
  double k = 0;
  for (double c : kB2jOverFact) {
    rising *= x + k;
    power /= a;
    const double t = c * rising * power;
    sum += t;
    if (std::fabs(t / sum) < kEps) break;
    k += 1;
    rising *= x + k;
    power /= a;
    k += 1;
  }
  return sum;
}

double Polygamma(double n, double x) {
  if (std::isnan(n) || std::isnan(x)) return kNaN;
  if (n != std::floor(n) || n < 0) return kNaN;
  if (n == 0) return functor::Digamma::Run(x);
  const double sign = std::fmod(n, 2.0) == 0 ? -1.0 : 1.0;  // (-1)^(n+1)
  return sign * std::exp(std::lgamma(n + 1)) * HurwitzZeta(n + 1, x);
}

// log(x^a e^-x / Gamma(a)), the prefactor of both incomplete gamma expansions.
double LogGammaPrefactor(double a, double x) { return a * std::log(x) - x - std::lgamma(a); }

// P(a, x) by its power series; converges fast for x < a + 1.
double LowerGammaSeries(double a, double x) {
  double r = a, c = 1, sum = 1;
  for (int i = 0; i < 2000; ++i) {
    r += 1;
    c *= x / r;
    sum += c;
    if (c <= sum * kEps) break;
  }
  return std::exp(LogGammaPrefactor(a, x)) * sum / a;
}

// Q(a, x) by its continued fraction (modified Lentz); converges fast for x >= a + 1.
double UpperGammaFraction(double a, double x) {
  constexpr double kTiny = 1e-300;
  double b = x + 1 - a, c = 1 / kTiny, d = 1 / b, h = d;
  for (int i = 1; i < 2000; ++i) {
    const double an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = b + an / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1 / d;
    const double delta = d * c;
    h *= delta;
    if (std::fabs(delta - 1) < kEps) break;
  }
  return std::exp(LogGammaPrefactor(a, x)) * h;
}

double Igamma(double a, double x) {
  if (std::isnan(a) || std::isnan(x) || x < 0 || a <= 0) return kNaN;
  if (x == 0) return 0;
  if (std::isinf(x)) return 1;
  if (std::isinf(a)) return 0;
  return x < a + 1 ? LowerGammaSeries(a, x) : 1 - UpperGammaFraction(a, x);
}

double Igammac(double a, double x) {
  if (std::isnan(a) || std::isnan(x) || x < 0 || a <= 0) return kNaN;
  if (x == 0) return 1;
  if (std::isinf(x)) return 0;
  if (std::isinf(a)) return 1;
  return x < a + 1 ? 1 - LowerGammaSeries(a, x) : UpperGammaFraction(a, x);
}

#define TFC_SPECIAL_FUNCTOR(NAME, FN)                                            \
  struct NAME##F : functor::SameOut<void> {                                      \
    template <typename C>                                                        \
    static C Run(C a, C b) {                                                     \
      return static_cast<C>(FN(static_cast<double>(a), static_cast<double>(b))); \
    }                                                                            \
  };
TFC_SPECIAL_FUNCTOR(Zeta, HurwitzZeta)
TFC_SPECIAL_FUNCTOR(Polygamma, Polygamma)
TFC_SPECIAL_FUNCTOR(Igamma, Igamma)
TFC_SPECIAL_FUNCTOR(Igammac, Igammac)
#undef TFC_SPECIAL_FUNCTOR

#define R(T)                                           \
  TFC_REGISTER_BINARY("Zeta", ZetaF, T);               \
  TFC_REGISTER_BINARY("Polygamma", PolygammaF, T);     \
  TFC_REGISTER_BINARY("Igamma", IgammaF, T);           \
  TFC_REGISTER_BINARY("Igammac", IgammacF, T);
TF_CALL_float(R) TF_CALL_double(R)
#undef R

}  // namespace
}  // namespace tfc
