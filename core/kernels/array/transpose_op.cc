// Transpose and ConjugateTranspose: a gather whose per-dimension maps are the input's strides
// taken in permuted order.
#include <algorithm>

#include "core/framework/op_kernel.h"
#include "core/kernels/array/array_copy.h"

namespace tfc {
namespace {

// Merges input dims that stay adjacent and in order under perm ([B,M,N] with perm [0,2,1]
// stays as is; [A,B,C,D] with perm [2,3,0,1] becomes [AB,CD] with perm [1,0]).
void CollapseDims(const std::vector<int64_t>& dims, const std::vector<int64_t>& perm,
                  std::vector<int64_t>* cdims, std::vector<int64_t>* cperm) {
  std::vector<std::vector<int64_t>> groups;  // runs of consecutive input dims, in output order
  for (int64_t p : perm) {
    if (dims[p] == 1) continue;  // size-1 dims do not affect the layout
    if (!groups.empty() && groups.back().back() + 1 == p) {
      groups.back().push_back(p);
    } else {
      groups.push_back({p});
    }
  }
  // Order the groups by their first input dim to get the collapsed input shape.
  std::vector<int> order(groups.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
  std::sort(order.begin(), order.end(),
            [&](int a, int b) { return groups[a][0] < groups[b][0]; });
  cdims->assign(groups.size(), 1);
  cperm->assign(groups.size(), 0);
  for (size_t k = 0; k < order.size(); ++k) {
    for (int64_t d : groups[order[k]]) (*cdims)[k] *= dims[d];
    (*cperm)[order[k]] = static_cast<int64_t>(k);
  }
}

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
    const Tensor& perm_t = ctx->input(1);
    OP_REQUIRES(ctx, perm_t.dims() == 1,
                errors::InvalidArgument("perm must be a vector, not ",
                                        perm_t.shape().DebugString()));
    const std::vector<int64_t> perm = array::IntTensorToVector(perm_t);
    const int dims = input.dims();
    OP_REQUIRES(ctx, static_cast<int64_t>(perm.size()) == dims,
                errors::InvalidArgument("transpose expects a vector of size ", dims,
                                        ". But input(1) is a vector of size ", perm.size()));
    std::vector<bool> seen(dims, false);
    for (int64_t d : perm) {
      OP_REQUIRES(ctx, 0 <= d && d < dims,
                  errors::InvalidArgument(d, " is out of range [0 .. ", dims, ")"));
      seen[d] = true;
    }
    for (int i = 0; i < dims; ++i) {
      OP_REQUIRES(ctx, seen[i],
                  errors::InvalidArgument(i, " is missing from {", array::JoinInts(perm), "}."));
    }
    const bool is_complex = DataTypeIsComplex(input.dtype());
    bool identity = true;
    for (int i = 0; i < dims; ++i) identity &= perm[i] == i;
    if (identity && !(conjugate_ && is_complex)) {
      ctx->set_output(0, input);
      return;
    }
    std::vector<int64_t> out_dims(dims);
    for (int i = 0; i < dims; ++i) out_dims[i] = input.dim_size(static_cast<int>(perm[i]));
    std::vector<int64_t> cdims, cperm;
    CollapseDims(input.shape().dim_sizes(), perm, &cdims, &cperm);
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
