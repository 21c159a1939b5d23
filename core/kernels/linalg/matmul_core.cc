#include "core/kernels/linalg/matmul_core.h"

#include <algorithm>
#include <complex>
#include <map>
#include <type_traits>

#include <Eigen/Core>

#include "core/framework/register_types.h"

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

template <typename T>
T Conj(const T& v) { return v; }
template <typename R>
std::complex<R> Conj(const std::complex<R>& v) { return std::conj(v); }

template <typename C>
using RowMat = Eigen::Matrix<C, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

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

}  // namespace

template <typename T>
void BatchedMatMul(const OpKernelContext* ctx, const MatrixBatch<T>& a, bool trans_a,
                   bool conj_a, const MatrixBatch<T>& b, bool trans_b, bool conj_b, T* out) {
  using C = typename ComputeType<T>::type;
  std::vector<C> a_store, b_store;
  const MatrixBatch<C> pa = Prepare(a, trans_a, conj_a, &a_store);
  const MatrixBatch<C> pb = Prepare(b, trans_b, conj_b, &b_store);
  const int64_t batch = static_cast<int64_t>(pa.offsets.size());
  const int64_t m = pa.rows, k = pa.cols, n = pb.cols;
  if (batch == 0 || m == 0 || n == 0) return;

  auto shard = [&](int64_t begin, int64_t end) {
    std::vector<C> tmp;
    while (begin < end) {
      const int64_t i = begin / m;
      const int64_t r0 = begin % m;
      const int64_t r1 = std::min<int64_t>(m, r0 + (end - begin));
      const int64_t rows = r1 - r0;
      T* dst = out + i * m * n + r0 * n;
      C* cdst;
      if constexpr (std::is_same_v<T, C>) {
        cdst = dst;
      } else {
        tmp.resize(rows * n);
        cdst = tmp.data();
      }
      Eigen::Map<RowMat<C>> cm(cdst, rows, n);
      if (k == 0) {
        cm.setZero();
      } else {
        Eigen::Map<const RowMat<C>> am(pa.data + pa.offsets[i] + r0 * k, rows, k);
        Eigen::Map<const RowMat<C>> bm(pb.data + pb.offsets[i], k, n);
        cm.noalias() = am * bm;
      }
      if constexpr (!std::is_same_v<T, C>) {
        for (int64_t j = 0; j < rows * n; ++j) dst[j] = static_cast<T>(cdst[j]);
      }
      begin += rows;
    }
  };
  ctx->ParallelFor(batch * m, std::max<int64_t>(1, 2 * k * n), shard);
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
