// Transpose and ConjugateTranspose: a gather whose per-dimension maps are the input's strides
// taken in permuted order.
#include <algorithm>

#include "core/framework/op_kernel.h"
#include "core/kernels/array/array_copy.h"
#include "core/kernels/array/array_shape_util.h"

namespace tfc {
namespace {

// out[b, j, i] = in[b, i, j] for `batch` matrices of rows x cols, in cache-sized tiles.
template <typename U>
void BatchTranspose2D(const OpKernelContext* ctx, const U* in, int64_t batch, int64_t rows,
                      int64_t cols, U* out) {
  constexpr int64_t kTile = 32;
  const int64_t row_tiles = (rows + kTile - 1) / kTile;
  auto work = [&](int64_t begin, int64_t end) {
    for (int64_t t = begin; t < end; ++t) {
      const int64_t b = t / row_tiles, r0 = (t % row_tiles) * kTile;
      const int64_t r1 = std::min(rows, r0 + kTile);
      const U* src = in + b * rows * cols;
      U* dst = out + b * rows * cols;
      for (int64_t c0 = 0; c0 < cols; c0 += kTile) {
        const int64_t c1 = std::min(cols, c0 + kTile);
        for (int64_t r = r0; r < r1; ++r) {
          for (int64_t c = c0; c < c1; ++c) dst[c * rows + r] = src[r * cols + c];
        }
      }
    }
  };
  ctx->ParallelFor(batch * row_tiles, kTile * cols * 2, work);
}

class TransposeOp : public OpKernel {
 public:
  TransposeOp(OpKernelConstruction* c, bool conjugate) : OpKernel(c), conjugate_(conjugate) {}
  explicit TransposeOp(OpKernelConstruction* c)
      : TransposeOp(c, c->def().op() == "ConjugateTranspose") {}

  void Compute(OpKernelContext* ctx) override {
    const Tensor& input = ctx->input(0);
    array::TransposePlan plan;
    OP_REQUIRES_OK(ctx, array::PlanTranspose(input, ctx->input(1), &plan));
    const std::vector<int64_t>& perm = plan.perm;
    const std::vector<int64_t>& out_dims = plan.out_dims;
    const bool is_complex = DataTypeIsComplex(input.dtype());
    if (plan.identity && !(conjugate_ && is_complex)) {
      ctx->set_output(0, input);
      return;
    }
    std::vector<int64_t> cdims, cperm;
    array::CollapseTransposeDims(input.shape().dim_sizes(), perm, &cdims, &cperm);
    if (cperm.size() <= 1 && !(conjugate_ && is_complex)) {
      // Only size-1 dims moved: same layout, so share the buffer.
      Tensor same;
      same.CopyFrom(input, TensorShape(out_dims));
      ctx->set_output(0, same);
      return;
    }
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, TensorShape(out_dims), &out));
    if (out->NumElements() == 0) return;
    const bool is_2d = cperm == std::vector<int64_t>{1, 0};
    const bool is_batch_2d = cperm == std::vector<int64_t>{0, 2, 1};
    if (is_2d || is_batch_2d) {
      const int64_t batch = is_2d ? 1 : cdims[0];
      const int64_t rows = cdims[cdims.size() - 2], cols = cdims.back();
      array::DispatchByElementSize(input.dtype(), [&](auto zero) {
        using U = decltype(zero);
        BatchTranspose2D<U>(ctx, input.data<U>(), batch, rows, cols, out->data<U>());
      });
    } else if (cperm.size() <= 1) {
      array::DispatchByElementSize(input.dtype(), [&](auto zero) {
        using U = decltype(zero);
        array::CopyElements(out->data<U>(), input.data<U>(), input.NumElements());
      });
    } else {
      Gather(ctx, input, perm, out_dims, out);
    }
    if (conjugate_ && is_complex) Conjugate(out);
  }

 private:
  static void Gather(OpKernelContext* ctx, const Tensor& input, const std::vector<int64_t>& perm,
                     const std::vector<int64_t>& out_dims, Tensor* out) {
    const int dims = input.dims();
    const std::vector<int64_t> in_strides = array::RowMajorStrides(input.shape().dim_sizes());
    std::vector<std::vector<int64_t>> maps(dims);
    for (int i = 0; i < dims; ++i) {
      maps[i].resize(out_dims[i]);
      for (int64_t j = 0; j < out_dims[i]; ++j) maps[i][j] = j * in_strides[perm[i]];
    }
    array::DispatchByElementSize(input.dtype(), [&](auto zero) {
      using U = decltype(zero);
      array::GatherByDimMaps<U>(ctx, input.data<U>(), maps, zero, out->data<U>());
    });
  }

  static void Conjugate(Tensor* out) {
    const int64_t n = out->NumElements();
    if (out->dtype() == DT_COMPLEX64) {
      complex64* p = out->data<complex64>();
      for (int64_t i = 0; i < n; ++i) p[i] = std::conj(p[i]);
    } else {
      complex128* p = out->data<complex128>();
      for (int64_t i = 0; i < n; ++i) p[i] = std::conj(p[i]);
    }
  }

  bool conjugate_;
};

REGISTER_KERNEL_BUILDER(
    Name("Transpose").Device(DEVICE_CPU).TypeConstraint("T", array::AllArrayTypes()), TransposeOp);
REGISTER_KERNEL_BUILDER(
    Name("ConjugateTranspose").Device(DEVICE_CPU).TypeConstraint("T", array::AllArrayTypes()),
    TransposeOp);

}  // namespace
}  // namespace tfc
