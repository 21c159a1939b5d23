// See qr_avx.h. The target pragma sets code generation; GCC's C++ front end does not update
// the ISA macros Eigen reads, so they are set by hand (and AVX2/FMA/AVX-512 hidden when the
// build targets a newer CPU). Eigen is renamed in this file so its AVX instantiations never
// merge with the other files' ones at link time.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define TFC_QR_AVX_BUILD 1
#pragma GCC target("avx,no-avx2,no-fma,no-avx512f")
#undef __AVX2__
#undef __FMA__
#undef __AVX512F__
#undef __AVX512CD__
#undef __AVX512DQ__
#undef __AVX512BW__
#undef __AVX512VL__
#undef __AVX512ER__
#undef __AVX512BF16__
#undef __AVX512FP16__
#undef __F16C__
#ifndef __AVX__
#define __AVX__ 1
#endif
#ifndef __SSE3__
#define __SSE3__ 1
#endif
#ifndef __SSSE3__
#define __SSSE3__ 1
#endif
#ifndef __SSE4_1__
#define __SSE4_1__ 1
#endif
#ifndef __SSE4_2__
#define __SSE4_2__ 1
#endif
#define Eigen tfc_qr_avx_eigen
#endif

#include <Eigen/QR>

#include "core/kernels/linalg/qr_avx.h"

namespace tfc {
namespace qr_avx {
namespace {

template <typename C>
using RowMatrix = Eigen::Matrix<C, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

// The same expressions as TF's kernel: thin Q = householderQ() * I(m, p).
template <typename C>
void Decompose(const C* a_data, int64_t m, int64_t n, bool full_matrices, C* q_data, C* r_data) {
  const int64_t p = m < n ? m : n;
  Eigen::Map<const RowMatrix<C>> a(a_data, m, n);
  Eigen::HouseholderQR<RowMatrix<C>> qr(a);
  if (full_matrices) {
    Eigen::Map<RowMatrix<C>> q(q_data, m, m), r(r_data, m, n);
    q = qr.householderQ();
    r = qr.matrixQR().template triangularView<Eigen::Upper>();
  } else {
    Eigen::Map<RowMatrix<C>> q(q_data, m, p), r(r_data, p, n);
    RowMatrix<C> eye = RowMatrix<C>::Identity(m, p);
    q = qr.householderQ() * eye;
    r = qr.matrixQR().topRows(p).template triangularView<Eigen::Upper>();
  }
}

}  // namespace

bool QrAvxAvailable() {
#ifdef TFC_QR_AVX_BUILD
  static const bool available = __builtin_cpu_supports("avx");
  return available;
#else
  return false;
#endif
}

void HouseholderQr(const float* a, int64_t m, int64_t n, bool full_matrices, float* q,
                   float* r) {
  Decompose(a, m, n, full_matrices, q, r);
}

void HouseholderQr(const double* a, int64_t m, int64_t n, bool full_matrices, double* q,
                   double* r) {
  Decompose(a, m, n, full_matrices, q, r);
}

}  // namespace qr_avx
}  // namespace tfc
