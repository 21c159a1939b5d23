#pragma once
// Householder QR of one row-major matrix, compiled for AVX without FMA: the instruction set
// TF's x86 CPU wheels are built for, which fixes Eigen's packet width and summation order, so
// float/double results are bit-identical to TF's Qr kernel. Callers check QrAvxAvailable().
#include <cstdint>

namespace tfc {
namespace qr_avx {

bool QrAvxAvailable();
// a: m x n; q: m x m (full) or m x min(m, n); r: m x n (full) or min(m, n) x n.
void HouseholderQr(const float* a, int64_t m, int64_t n, bool full_matrices, float* q, float* r);
void HouseholderQr(const double* a, int64_t m, int64_t n, bool full_matrices, double* q,
                   double* r);

}  // namespace qr_avx
}  // namespace tfc
