// RandomGammaGrad: the implicit reparameterization derivative of a Gamma(a, 1) sample x,
// dx/da = -(dP(a, x)/da) / (dP(a, x)/dx) with P the regularized lower incomplete gamma function
// (Figurnov et al. 2018), as TF computes it: d/da by forward-mode differentiation of Cephes'
// power series (x <= 1 or x <= a) or continued fraction (otherwise). Evaluated in double; where
// x^a e^-x / Gamma(a) underflows in the output type the result is 0, as in TF.
#include <cmath>
#include <limits>

#include "core/kernels/cwise/cwise_functors.h"

namespace tfc {
namespace {

constexpr double kMachEp = 1.11022302462515654042e-16;  // 2^-53
constexpr double kBig = 4.503599627370496e15;           // 2^52: rescale the convergents
constexpr double kBigInv = 2.22044604925031308085e-16;
constexpr int kMaxIterations = 500;

double LogGamma(double a) {
  int sign;
  return lgamma_r(a, &sign);
}

// dx/da with the power series P = x^a e^-x / Gamma(a + 1) * sum_k x^k / ((a+1)...(a+k)).
double SeriesSampleDerivative(double a, double x) {
  double r = a, term = 1, sum = 1;
  double dterm = 0, dsum = 0;  // d/da of the current term and of the sum
  for (int i = 0; i < kMaxIterations; ++i) {
    r += 1;
    const double ratio = x / r;
    dterm = dterm * ratio - term * ratio / r;
    term *= ratio;
    sum += term;
    dsum += dterm;
    if (std::fabs(dterm) <= kMachEp * std::fabs(dsum)) break;
  }
  const double dlog_prefactor = std::log(x) - functor::Digamma::Run(a + 1);
  return -(dsum + sum * dlog_prefactor) * x / a;
}

// dx/da with the continued fraction Q = x^a e^-x / Gamma(a) * K(a, x): the convergents p/q
// and their a-derivatives advance by the same three-term recurrence.
double ContinuedFractionSampleDerivative(double a, double x) {
  if (std::isinf(x)) return 0;
  double y = 1 - a, z = x + y + 1, c = 0;
  double p2 = 1, q2 = x, p1 = x + 1, q1 = z * x;
  double dp2 = 0, dq2 = 0, dp1 = 0, dq1 = -x;
  double frac = p1 / q1;
  double dfrac = (dp1 - frac * dq1) / q1;
  for (int i = 0; i < kMaxIterations; ++i) {
    c += 1;
    y += 1;
    z += 2;
    const double yc = y * c;
    const double p = p1 * z - p2 * yc;
    const double q = q1 * z - q2 * yc;
    // y and z both fall by 1 per unit of a.
    const double dp = dp1 * z - p1 - dp2 * yc + p2 * c;
    const double dq = dq1 * z - q1 - dq2 * yc + q2 * c;
    if (q != 0) {
      const double prev = dfrac;
      frac = p / q;
      dfrac = (dp - frac * dq) / q;
      if (std::fabs(dfrac - prev) <= kMachEp) break;
    }
    p2 = p1; p1 = p; q2 = q1; q1 = q;
    dp2 = dp1; dp1 = dp; dq2 = dq1; dq1 = dq;
    if (std::fabs(p) > kBig) {
      p2 *= kBigInv; p1 *= kBigInv; q2 *= kBigInv; q1 *= kBigInv;
      dp2 *= kBigInv; dp1 *= kBigInv; dq2 *= kBigInv; dq1 *= kBigInv;
    }
  }
  const double dlog_prefactor = std::log(x) - functor::Digamma::Run(a);
  return (dfrac + frac * dlog_prefactor) * x;
}

// log_max: log of the output type's largest value; below -log_max the prefactor underflows.
double GammaSampleDerivative(double a, double x, double log_max) {
  if (x == 0) return 0;
  if (x < 0 || a <= 0 || std::isnan(a) || std::isnan(x)) {
    return std::numeric_limits<double>::quiet_NaN();
  }
  const bool fraction = x > 1 && x > a;
  if (fraction && std::isinf(x)) return 0;
  const double log_prefactor = a * std::log(x) - x - LogGamma(a);
  if (std::isnan(log_prefactor) || log_prefactor < -log_max) return 0;
  return fraction ? ContinuedFractionSampleDerivative(a, x) : SeriesSampleDerivative(a, x);
}

struct GammaSampleDerAlpha : functor::SameOut<void> {
  template <typename C>
  static C Run(C a, C x) {
    static const double log_max = std::log(static_cast<double>(std::numeric_limits<C>::max()));
    return static_cast<C>(
        GammaSampleDerivative(static_cast<double>(a), static_cast<double>(x), log_max));
  }
};

#define R(T) TFC_REGISTER_BINARY("RandomGammaGrad", GammaSampleDerAlpha, T);
TF_CALL_float(R) TF_CALL_double(R)
#undef R

}  // namespace
}  // namespace tfc
