// MatrixDiag, MatrixDiagPart, MatrixSetDiag and MatrixBandPart on the CPU: batched matrices
// over the last two dims, moved element by element without knowing the dtype.
#include <algorithm>

#include "core/kernels/gather/gather_util.h"

namespace tfc {
namespace {

using gather_util::Mover;

class MatrixDiagOp : public OpKernel {
 public:
  explicit MatrixDiagOp(OpKernelConstruction* c) : OpKernel(c) {}
  void Compute(OpKernelContext* ctx) override {
    const Tensor& diag = ctx->input(0);
    OP_REQUIRES(ctx, diag.dims() >= 1,
                errors::InvalidArgument("input must be at least 1-dim, received shape: ",
                                        diag.shape().DebugString()));
    const int64_t k = diag.dim_size(diag.dims() - 1);
    TensorShape out_shape = diag.shape();
    out_shape.AddDim(k);
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, out_shape, &out));
    if (out_shape.num_elements() == 0) return;
    const Mover mover(diag.dtype());
    const int64_t batch = diag.NumElements() / k;
    ctx->ParallelFor(batch, k * k + 1, [&](int64_t begin, int64_t end) {
      for (int64_t b = begin; b < end; ++b) {
        mover.Zero(out->raw_data(), b * k * k, k * k);
        for (int64_t i = 0; i < k; ++i) {
          mover.Copy(diag.raw_data(), b * k + i, out->raw_data(), b * k * k + i * k + i, 1);
        }
      }
    });
  }
};

class MatrixDiagPartOp : public OpKernel {
 public:
  explicit MatrixDiagPartOp(OpKernelConstruction* c) : OpKernel(c) {}
  void Compute(OpKernelContext* ctx) override {
    const Tensor& input = ctx->input(0);
    OP_REQUIRES(ctx, input.dims() >= 2,
                errors::InvalidArgument("input must be at least 2-dim, received shape: ",
                                        input.shape().DebugString()));
    const int64_t m = input.dim_size(input.dims() - 2), n = input.dim_size(input.dims() - 1);
    const int64_t k = std::min(m, n);
    TensorShape out_shape;
    for (int d = 0; d + 2 < input.dims(); ++d) out_shape.AddDim(input.dim_size(d));
    out_shape.AddDim(k);
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, out_shape, &out));
    if (out_shape.num_elements() == 0) return;
    const Mover mover(input.dtype());
    const int64_t batch = out_shape.num_elements() / k;
    for (int64_t b = 0; b < batch; ++b) {
      for (int64_t i = 0; i < k; ++i) {
        mover.Copy(input.raw_data(), b * m * n + i * n + i, out->raw_data(), b * k + i, 1);
      }
    }
  }
};

class MatrixSetDiagOp : public OpKernel {
 public:
  explicit MatrixSetDiagOp(OpKernelConstruction* c) : OpKernel(c) {}
  void Compute(OpKernelContext* ctx) override {
    const Tensor& input = ctx->input(0);
    const Tensor& diag = ctx->input(1);
    OP_REQUIRES(ctx, input.dims() >= 2,
                errors::InvalidArgument("input must be at least 2-dim, received shape: ",
                                        input.shape().DebugString()));
    OP_REQUIRES(ctx, diag.dims() >= 1,
                errors::InvalidArgument("diagonal must be at least 1-dim, received shape: ",
                                        diag.shape().DebugString()));
    const int64_t m = input.dim_size(input.dims() - 2), n = input.dim_size(input.dims() - 1);
    const int64_t k = std::min(m, n);
    TensorShape expected;
    for (int d = 0; d + 2 < input.dims(); ++d) expected.AddDim(input.dim_size(d));
    expected.AddDim(k);
    OP_REQUIRES(ctx, expected == diag.shape(),
                errors::InvalidArgument(
                    "must have diagonal.shape == input.shape[:-2] + "
                    "min(input.shape[-2:]), but received input shape: ",
                    input.shape().DebugString(), " and diagonal shape: ",
                    diag.shape().DebugString()));
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, input.shape(), &out));
    const int64_t total = input.NumElements();
    if (total == 0) return;
    const Mover mover(input.dtype());
    mover.Copy(input.raw_data(), 0, out->raw_data(), 0, total);
    const int64_t batch = total / (m * n);
    for (int64_t b = 0; b < batch; ++b) {
      for (int64_t i = 0; i < k; ++i) {
        mover.Copy(diag.raw_data(), b * k + i, out->raw_data(), b * m * n + i * n + i, 1);
      }
    }
  }
};

class MatrixBandPartOp : public OpKernel {
 public:
  explicit MatrixBandPartOp(OpKernelConstruction* c) : OpKernel(c) {}
  void Compute(OpKernelContext* ctx) override {
    const Tensor& input = ctx->input(0);
    OP_REQUIRES(ctx, input.dims() >= 2,
                errors::InvalidArgument("input must be at least 2-dim, received shape: ",
                                        input.shape().DebugString()));
    const Tensor& lower_t = ctx->input(1);
    const Tensor& upper_t = ctx->input(2);
    OP_REQUIRES(ctx, lower_t.dims() == 0,
                errors::InvalidArgument("num_lower must be scalar, got shape ",
                                        lower_t.shape().DebugString()));
    OP_REQUIRES(ctx, upper_t.dims() == 0,
                errors::InvalidArgument("num_upper must be scalar, got shape ",
                                        upper_t.shape().DebugString()));
    const int64_t m = input.dim_size(input.dims() - 2), n = input.dim_size(input.dims() - 1);
    const int64_t lower = gather_util::AsInt64Vector(lower_t)[0];
    const int64_t upper = gather_util::AsInt64Vector(upper_t)[0];
    OP_REQUIRES(ctx, lower <= m,
                errors::InvalidArgument(
                    "num_lower must be negative or less or equal to number of rows (", m,
                    ") got: ", lower));
    OP_REQUIRES(ctx, upper <= n,
                errors::InvalidArgument(
                    "num_upper must be negative or less or equal to number of columns (", n,
                    ") got: ", upper));
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, input.shape(), &out));
    const int64_t total = input.NumElements();
    if (total == 0) return;
    const Mover mover(input.dtype());
    const int64_t rows = total / n;
    ctx->ParallelFor(rows, n + 1, [&](int64_t begin, int64_t end) {
      for (int64_t r = begin; r < end; ++r) {
        const int64_t i = r % m;
        // Columns kept in row i: [i - lower, i + upper] clipped to the matrix.
        const int64_t lo = lower < 0 ? 0 : std::max<int64_t>(0, i - lower);
        const int64_t hi = upper < 0 ? n : std::min<int64_t>(n, i + upper + 1);
        const int64_t base = r * n;
        if (hi <= lo) {
          mover.Zero(out->raw_data(), base, n);
          continue;
        }
        mover.Zero(out->raw_data(), base, lo);
        mover.Copy(input.raw_data(), base + lo, out->raw_data(), base + lo, hi - lo);
        mover.Zero(out->raw_data(), base + hi, n - hi);
      }
    });
  }
};

REGISTER_KERNEL_BUILDER(
    Name("MatrixDiag").Device(DEVICE_CPU).TypeConstraint("T", gather_util::AllTypes()),
    MatrixDiagOp);
REGISTER_KERNEL_BUILDER(
    Name("MatrixDiagPart").Device(DEVICE_CPU).TypeConstraint("T", gather_util::AllTypes()),
    MatrixDiagPartOp);
REGISTER_KERNEL_BUILDER(
    Name("MatrixSetDiag").Device(DEVICE_CPU).TypeConstraint("T", gather_util::AllTypes()),
    MatrixSetDiagOp);
REGISTER_KERNEL_BUILDER(Name("MatrixBandPart")
                            .Device(DEVICE_CPU)
                            .TypeConstraint("T", gather_util::AllTypes())
                            .TypeConstraint("Tindex", DataTypeVector{DT_INT32, DT_INT64})
                            .HostMemory("num_lower")
                            .HostMemory("num_upper"),
                        MatrixBandPartOp);

}  // namespace
}  // namespace tfc
