#include "core/kernels/linalg/matmul_core.h"

#include <algorithm>
#include <complex>
#include <map>
#include <type_traits>

#include <Eigen/Core>

#include "core/framework/device.h"
#include "core/framework/register_types.h"
#include "core/framework/thread_pool.h"

namespace tfc {
namespace linalg {
namespace {

// half and bfloat16 multiply in float: faster with Eigen on CPUs and more accurate.
template <typename T>
struct ComputeType { using type = T; };
template <>
struct ComputeType<half> { using type = float; };
template <>
struct ComputeType<bfloat16> { using type = float; };

// float and double read transposed operands in place (Eigen's packing handles either storage
// order); the other types are first copied into row-major form, which keeps their product
// instantiations to one layout each.
template <typename T>
constexpr bool kInPlaceTranspose = std::is_same_v<T, float> || std::is_same_v<T, double>;

template <typename T>
T Conj(const T& v) { return v; }
template <typename R>
std::complex<R> Conj(const std::complex<R>& v) { return std::conj(v); }

template <typename C>
using RowMat = Eigen::Matrix<C, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
template <typename C>
using ColMat = Eigen::Matrix<C, Eigen::Dynamic, Eigen::Dynamic, Eigen::ColMajor>;
using OuterStride = Eigen::OuterStride<>;

// Returns the operand in compute type, row-major after op(); `storage` owns new memory.
template <typename T, typename C = typename ComputeType<T>::type>
MatrixBatch<C> Prepare(const MatrixBatch<T>& in, bool trans, bool conj, std::vector<C>* storage) {
  MatrixBatch<C> out;
  out.rows = trans ? in.cols : in.rows;
  out.cols = trans ? in.rows : in.cols;
  constexpr bool kSame = std::is_same_v<T, C>;
  const bool conj_changes = conj && DataTypeIsComplex(DataTypeToEnum<T>::value);
  if (kSame && !trans && !conj_changes) {
    out.data = reinterpret_cast<const C*>(in.data);
    out.offsets = in.offsets;
    return out;
  }
  std::map<int64_t, int64_t> remap;
  for (int64_t off : in.offsets) remap.emplace(off, 0);
  const int64_t size = in.rows * in.cols;
  storage->resize(remap.size() * size);
  int64_t next = 0;
  for (auto& [src_off, dst_off] : remap) {
    dst_off = next;
    const T* src = in.data + src_off;
    C* dst = storage->data() + next;
    for (int64_t r = 0; r < in.rows; ++r) {
      for (int64_t c = 0; c < in.cols; ++c) {
        T v = src[r * in.cols + c];
        if (conj) v = Conj(v);
        const int64_t at = trans ? c * in.rows + r : r * in.cols + c;
        dst[at] = static_cast<C>(v);
      }
    }
    next += size;
  }
  out.data = storage->data();
  out.offsets.reserve(in.offsets.size());
  for (int64_t off : in.offsets) out.offsets.push_back(remap[off]);
  return out;
}

// Rows [r0, r0+rows) x cols [c0, c0+cols) of op(a) * op(b), op(a) m x k, op(b) k x n, written
// row-major to out with leading dimension ld. A transposed operand is the row-major stored
// matrix seen as column-major, so no copy is made.
template <typename C>
void ProductBlock(const C* a, bool ta, const C* b, bool tb, int64_t m, int64_t k, int64_t n,
                  int64_t r0, int64_t rows, int64_t c0, int64_t cols, C* out, int64_t ld) {
  Eigen::Map<RowMat<C>, 0, OuterStride> cm(out, rows, cols, OuterStride(ld));
  if (k == 0) {
    cm.setZero();
    return;
  }
  auto with_b = [&](const auto& am) {
    if constexpr (kInPlaceTranspose<C>) {
      if (tb) {
        Eigen::Map<const ColMat<C>> bm(b, k, n);
        cm.noalias() = am.middleRows(r0, rows) * bm.middleCols(c0, cols);
        return;
      }
    }
    {
      Eigen::Map<const RowMat<C>> bm(b, k, n);
      cm.noalias() = am.middleRows(r0, rows) * bm.middleCols(c0, cols);
    }
  };
  if constexpr (kInPlaceTranspose<C>) {
    if (ta) {
      with_b(Eigen::Map<const ColMat<C>>(a, m, k));
      return;
    }
  }
  with_b(Eigen::Map<const RowMat<C>>(a, m, k));
}

int IntraOpThreads(const OpKernelContext* ctx) {
  const Device* d = ctx->device();
  ThreadPool* pool = d ? d->intra_op_pool() : nullptr;
  return pool ? pool->NumThreads() : 1;
}

}  // namespace

template <typename T>
void BatchedMatMul(const OpKernelContext* ctx, const MatrixBatch<T>& a, bool trans_a,
                   bool conj_a, const MatrixBatch<T>& b, bool trans_b, bool conj_b, T* out) {
  using C = typename ComputeType<T>::type;
  constexpr bool in_place = kInPlaceTranspose<T>;  // real types: conj_* changes nothing
  std::vector<C> a_store, b_store;
  MatrixBatch<C> pa, pb;
  bool ta = false, tb = false;
  if constexpr (in_place) {
    pa.data = a.data, pa.offsets = a.offsets, pa.rows = trans_a ? a.cols : a.rows;
    pa.cols = trans_a ? a.rows : a.cols;
    pb.data = b.data, pb.offsets = b.offsets, pb.rows = trans_b ? b.cols : b.rows;
    pb.cols = trans_b ? b.rows : b.cols;
    ta = trans_a, tb = trans_b;
  } else {
    pa = Prepare(a, trans_a, conj_a, &a_store);
    pb = Prepare(b, trans_b, conj_b, &b_store);
  }
  const int64_t batch = static_cast<int64_t>(pa.offsets.size());
  const int64_t m = pa.rows, k = pa.cols, n = pb.cols;
  if (batch == 0 || m == 0 || n == 0) return;

  // Each Eigen product packs its whole right (or left) operand again, so a matrix is cut into
  // at most one part per thread, along the output dim whose cut repacks less: cutting rows
  // repacks op(b) (k x n) per part, cutting columns repacks op(a) (m x k).
  const double flops = 2.0 * m * n * k;
  constexpr double kMinPartFlops = 1 << 18;
  constexpr int64_t kAlign = 16;
  const int threads = IntraOpThreads(ctx);
  const bool cut_cols = n > m;
  const int64_t cut_dim = cut_cols ? n : m;
  int64_t parts = 1;
  if (batch < threads) {
    parts = std::min<int64_t>((threads + batch - 1) / batch, cut_dim / kAlign);
    parts = std::min<int64_t>(parts, static_cast<int64_t>(flops / kMinPartFlops));
    parts = std::max<int64_t>(parts, 1);
  }
  int64_t chunk = (cut_dim + parts - 1) / parts;
  if (parts > 1) chunk = (chunk + kAlign - 1) / kAlign * kAlign;
  parts = (cut_dim + chunk - 1) / chunk;

  auto unit = [&](int64_t u, std::vector<C>* tmp) {
    const int64_t i = u / parts, p = u % parts;
    const int64_t lo = p * chunk, len = std::min(cut_dim, lo + chunk) - lo;
    const int64_t r0 = cut_cols ? 0 : lo, rows = cut_cols ? m : len;
    const int64_t c0 = cut_cols ? lo : 0, cols = cut_cols ? len : n;
    T* dst = out + i * m * n + r0 * n + c0;
    const C* ap = pa.data + pa.offsets[i];
    const C* bp = pb.data + pb.offsets[i];
    if constexpr (std::is_same_v<T, C>) {
      ProductBlock<C>(ap, ta, bp, tb, m, k, n, r0, rows, c0, cols, dst, n);
    } else {
      tmp->resize(rows * cols);
      ProductBlock<C>(ap, ta, bp, tb, m, k, n, r0, rows, c0, cols, tmp->data(), cols);
      for (int64_t r = 0; r < rows; ++r)
        for (int64_t c = 0; c < cols; ++c) dst[r * n + c] = static_cast<T>((*tmp)[r * cols + c]);
    }
  };
  const int64_t units = batch * parts;
  const int64_t cost = std::max<int64_t>(1, static_cast<int64_t>(flops / parts));
  ctx->ParallelFor(units, cost, [&](int64_t begin, int64_t end) {
    std::vector<C> tmp;
    for (int64_t u = begin; u < end; ++u) unit(u, &tmp);
  });
}

#define TFC_INSTANTIATE_MATMUL(T)                                                        \
  template void BatchedMatMul<T>(const OpKernelContext*, const MatrixBatch<T>&, bool, bool, \
                                 const MatrixBatch<T>&, bool, bool, T*);
TF_CALL_half(TFC_INSTANTIATE_MATMUL)
TF_CALL_bfloat16(TFC_INSTANTIATE_MATMUL)
TF_CALL_float(TFC_INSTANTIATE_MATMUL)
TF_CALL_double(TFC_INSTANTIATE_MATMUL)
TF_CALL_int32(TFC_INSTANTIATE_MATMUL)
TF_CALL_int64(TFC_INSTANTIATE_MATMUL)
TF_CALL_complex64(TFC_INSTANTIATE_MATMUL)
TF_CALL_complex128(TFC_INSTANTIATE_MATMUL)
#undef TFC_INSTANTIATE_MATMUL

}  // namespace linalg
}  // namespace tfc
