// Qr on the CPU: Eigen's HouseholderQR per matrix on row-major storage, as TF's CPU kernel
// does. The thin Q is the Householder sequence applied to the first min(m, n) columns of the
// identity. half is decomposed in float. Real types go through qr_avx (TF's bits) when the CPU
// has AVX; complex types and older CPUs use the build's own Eigen code here.
#include <Eigen/QR>
#include <algorithm>
#include <type_traits>
#include <vector>

#include "core/framework/op_kernel.h"
#include "core/framework/register_types.h"
#include "core/kernels/linalg/qr_avx.h"

namespace tfc {
namespace {

template <typename T>
using RowMatrix = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

// T is the tensor's element type, C the type the decomposition runs in.
template <typename T, typename C>
class QrOp : public OpKernel {
 public:
  explicit QrOp(OpKernelConstruction* c) : OpKernel(c) {
    OP_REQUIRES_OK(c, c->GetAttr("full_matrices", &full_matrices_));
  }

  void Compute(OpKernelContext* ctx) override {
    const Tensor& input = ctx->input(0);
    const int rank = input.dims();
    OP_REQUIRES(ctx, rank >= 2,
                errors::InvalidArgument("Input tensor 0 must have rank >= 2"));
    const int64_t m = input.dim_size(rank - 2), n = input.dim_size(rank - 1);
    const int64_t p = std::min(m, n);
    std::vector<int64_t> batch_dims = input.shape().dim_sizes();
    batch_dims.resize(rank - 2);
    const int64_t q_cols = full_matrices_ ? m : p, r_rows = full_matrices_ ? m : p;
    TensorShape q_shape, r_shape;
    std::vector<int64_t> dims = batch_dims;
    dims.insert(dims.end(), {m, q_cols});
    OP_REQUIRES_OK(ctx, TensorShape::Make(dims, &q_shape));
    dims = batch_dims;
    dims.insert(dims.end(), {r_rows, n});
    OP_REQUIRES_OK(ctx, TensorShape::Make(dims, &r_shape));
    Tensor* q = nullptr;
    Tensor* r = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, q_shape, &q));
    OP_REQUIRES_OK(ctx, ctx->allocate_output(1, r_shape, &r));
    int64_t batch = 1;
    for (int64_t d : batch_dims) batch *= d;
    if (batch == 0) return;
    const double lo = static_cast<double>(p), hi = static_cast<double>(std::max(m, n));
    const double cost = 2 * hi * lo * lo - 2 * lo * lo * lo / 3 + m * q_cols + r_rows * n;
    const int64_t unit_cost = cost > 1e15 ? int64_t{1000000000000000} : static_cast<int64_t>(cost) + 1;
    const T* in = input.data<T>();
    T* q_data = q->data<T>();
    T* r_data = r->data<T>();
    ctx->ParallelFor(batch, unit_cost, [&](int64_t begin, int64_t end) {
      for (int64_t b = begin; b < end; ++b) {
        Decompose(in + b * m * n, m, n, q_data + b * m * q_cols, r_data + b * r_rows * n);
      }
    });
  }

 private:
  void Decompose(const T* in, int64_t m, int64_t n, T* q_out, T* r_out) const {
    const int64_t p = std::min(m, n);
    const int64_t q_cols = full_matrices_ ? m : p, r_rows = full_matrices_ ? m : p;
    if constexpr (std::is_same_v<C, float> || std::is_same_v<C, double>) {
      if (qr_avx::QrAvxAvailable()) {
        if constexpr (std::is_same_v<T, C>) {
          qr_avx::HouseholderQr(in, m, n, full_matrices_, q_out, r_out);
        } else {
          std::vector<C> a_c(m * n), q_c(m * q_cols), r_c(r_rows * n);
          std::transform(in, in + m * n, a_c.begin(), [](T v) { return static_cast<C>(v); });
          qr_avx::HouseholderQr(a_c.data(), m, n, full_matrices_, q_c.data(), r_c.data());
          std::transform(q_c.begin(), q_c.end(), q_out, [](C v) { return static_cast<T>(v); });
          std::transform(r_c.begin(), r_c.end(), r_out, [](C v) { return static_cast<T>(v); });
        }
        return;
      }
    }
    Eigen::Map<const RowMatrix<T>> a(in, m, n);
    Eigen::Map<RowMatrix<T>> q(q_out, m, q_cols);
    Eigen::Map<RowMatrix<T>> r(r_out, r_rows, n);
    Eigen::HouseholderQR<RowMatrix<C>> qr(m, n);
    if constexpr (std::is_same_v<T, C>) {
      qr.compute(a);
    } else {
      qr.compute(a.template cast<C>());
    }
    RowMatrix<C> q_c, r_c;
    if (full_matrices_) {
      q_c = qr.householderQ();
      r_c = qr.matrixQR().template triangularView<Eigen::Upper>();
    } else {
      RowMatrix<C> eye = RowMatrix<C>::Identity(m, p);
      q_c = qr.householderQ() * eye;
      r_c = qr.matrixQR().topRows(p).template triangularView<Eigen::Upper>();
    }
    if constexpr (std::is_same_v<T, C>) {
      q = q_c;
      r = r_c;
    } else {
      q = q_c.template cast<T>();
      r = r_c.template cast<T>();
    }
  }

  bool full_matrices_ = false;
};

#define REGISTER(T, C) \
  REGISTER_KERNEL_BUILDER(Name("Qr").Device(DEVICE_CPU).TypeConstraint<T>("T"), QrOp<T, C>);
REGISTER(float, float)
REGISTER(double, double)
REGISTER(::tfc::half, float)
REGISTER(::tfc::complex64, ::tfc::complex64)
REGISTER(::tfc::complex128, ::tfc::complex128)
#undef REGISTER

}  // namespace
}  // namespace tfc
