// MatMul, BatchMatMul and BatchMatMulV2 on the CPU.
#include <algorithm>

#include "core/framework/op_kernel.h"
#include "core/framework/register_types.h"
#include "core/kernels/linalg/matmul_core.h"

namespace tfc {
namespace {

template <typename T>
linalg::MatrixBatch<T> SingleMatrix(const Tensor& t) {
  linalg::MatrixBatch<T> m;
  m.data = t.data<T>();
  m.rows = t.dim_size(0);
  m.cols = t.dim_size(1);
  m.offsets = {0};
  return m;
}

template <typename T>
class MatMulOp : public OpKernel {
 public:
  explicit MatMulOp(OpKernelConstruction* ctx) : OpKernel(ctx) {
    OP_REQUIRES_OK(ctx, ctx->GetAttr("transpose_a", &transpose_a_));
    OP_REQUIRES_OK(ctx, ctx->GetAttr("transpose_b", &transpose_b_));
  }

  void Compute(OpKernelContext* ctx) override {
    const Tensor& a = ctx->input(0);
    const Tensor& b = ctx->input(1);
    OP_REQUIRES(ctx, a.dims() == 2,
                errors::InvalidArgument("In[0] is not a matrix. Instead it has shape ",
                                        a.shape().DebugString()));
    OP_REQUIRES(ctx, b.dims() == 2,
                errors::InvalidArgument("In[1] is not a matrix. Instead it has shape ",
                                        b.shape().DebugString()));
    const int64_t k_a = a.dim_size(transpose_a_ ? 0 : 1);
    const int64_t k_b = b.dim_size(transpose_b_ ? 1 : 0);
    OP_REQUIRES(ctx, k_a == k_b,
                errors::InvalidArgument("Matrix size-incompatible: In[0]: ",
                                        a.shape().DebugString(), ", In[1]: ",
                                        b.shape().DebugString()));
    const TensorShape out_shape({a.dim_size(transpose_a_ ? 1 : 0),
                                 b.dim_size(transpose_b_ ? 0 : 1)});
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, out_shape, &out));
    if (out->NumElements() == 0) return;
    // MatMul transposes without conjugating, as TensorFlow's does.
    linalg::BatchedMatMul<T>(ctx, SingleMatrix<T>(a), transpose_a_, false, SingleMatrix<T>(b),
                             transpose_b_, false, out->data<T>());
  }

 private:
  bool transpose_a_ = false, transpose_b_ = false;
};

template <typename T, bool kV2>
class BatchMatMulOp : public OpKernel {
 public:
  explicit BatchMatMulOp(OpKernelConstruction* ctx) : OpKernel(ctx) {
    OP_REQUIRES_OK(ctx, ctx->GetAttr("adj_x", &adj_x_));
    OP_REQUIRES_OK(ctx, ctx->GetAttr("adj_y", &adj_y_));
  }

  void Compute(OpKernelContext* ctx) override {
    const Tensor& x = ctx->input(0);
    const Tensor& y = ctx->input(1);
    std::vector<int64_t> batch_dims;
    if (!kV2) {
      OP_REQUIRES(ctx, x.dims() == y.dims(),
                  errors::InvalidArgument("In[0] and In[1] has different ndims: ",
                                          x.shape().DebugString(), " vs. ",
                                          y.shape().DebugString()));
      OP_REQUIRES(ctx, x.dims() >= 2,
                  errors::InvalidArgument("In[0] and In[1] ndims must be >= 2: ", x.dims()));
      for (int i = 0; i < x.dims() - 2; ++i) {
        OP_REQUIRES(ctx, x.dim_size(i) == y.dim_size(i),
                    errors::InvalidArgument("In[0].dim(", i, ") and In[1].dim(", i,
                                            ") must be the same: ", x.shape().DebugString(),
                                            " vs ", y.shape().DebugString()));
        batch_dims.push_back(x.dim_size(i));
      }
    } else {
      OP_REQUIRES(ctx, x.dims() >= 2,
                  errors::InvalidArgument("In[0] ndims must be >= 2: ", x.dims()));
      OP_REQUIRES(ctx, y.dims() >= 2,
                  errors::InvalidArgument("In[1] ndims must be >= 2: ", y.dims()));
      const int nb = std::max(x.dims(), y.dims()) - 2;
      for (int i = 0; i < nb; ++i) {
        const int xi = i - (nb - (x.dims() - 2)), yi = i - (nb - (y.dims() - 2));
        const int64_t dx = xi >= 0 ? x.dim_size(xi) : 1;
        const int64_t dy = yi >= 0 ? y.dim_size(yi) : 1;
        OP_REQUIRES(ctx, dx == dy || dx == 1 || dy == 1,
                    errors::InvalidArgument(
                        "In[0] and In[1] must have compatible batch dimensions: ",
                        x.shape().DebugString(), " vs. ", y.shape().DebugString()));
        batch_dims.push_back(dx == 1 ? dy : dx);
      }
    }
    const int64_t x_rows = x.dim_size(x.dims() - 2), x_cols = x.dim_size(x.dims() - 1);
    const int64_t y_rows = y.dim_size(y.dims() - 2), y_cols = y.dim_size(y.dims() - 1);
    const int64_t d1 = adj_x_ ? x_rows : x_cols;
    const int64_t d2 = adj_y_ ? y_cols : y_rows;
    OP_REQUIRES(ctx, d1 == d2,
                errors::InvalidArgument("In[0] mismatch In[1] shape: ", d1, " vs. ", d2, ": ",
                                        x.shape().DebugString(), " ", y.shape().DebugString(),
                                        " ", adj_x_, " ", adj_y_));
    TensorShape out_shape(batch_dims);
    out_shape.AddDim(adj_x_ ? x_cols : x_rows);
    out_shape.AddDim(adj_y_ ? y_rows : y_cols);
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, out_shape, &out));
    if (out->NumElements() == 0) return;

    linalg::MatrixBatch<T> a, b;
    a.data = x.data<T>();
    a.rows = x_rows;
    a.cols = x_cols;
    b.data = y.data<T>();
    b.rows = y_rows;
    b.cols = y_cols;
    BroadcastOffsets(x, batch_dims, x_rows * x_cols, &a.offsets);
    BroadcastOffsets(y, batch_dims, y_rows * y_cols, &b.offsets);
    linalg::BatchedMatMul<T>(ctx, a, adj_x_, adj_x_, b, adj_y_, adj_y_, out->data<T>());
  }

 private:
  // Offset of each output batch's matrix inside t, where t's batch dims broadcast to `batch`.
  static void BroadcastOffsets(const Tensor& t, const std::vector<int64_t>& batch,
                               int64_t matrix_size, std::vector<int64_t>* offsets) {
    const int nb = static_cast<int>(batch.size());
    const int tb = t.dims() - 2;
    std::vector<int64_t> stride(nb, 0);
    int64_t s = matrix_size;
    for (int i = nb - 1; i >= 0; --i) {
      const int ti = i - (nb - tb);
      if (ti < 0) break;
      if (t.dim_size(ti) != 1) stride[i] = s;
      s *= t.dim_size(ti);
    }
    int64_t total = 1;
    for (int64_t d : batch) total *= d;
    offsets->resize(total);
    std::vector<int64_t> idx(nb, 0);
    int64_t off = 0;
    for (int64_t n = 0; n < total; ++n) {
      (*offsets)[n] = off;
      for (int i = nb - 1; i >= 0; --i) {
        if (++idx[i] < batch[i]) {
          off += stride[i];
          break;
        }
        off -= stride[i] * (batch[i] - 1);
        idx[i] = 0;
      }
    }
  }

  bool adj_x_ = false, adj_y_ = false;
};

#define TFC_REGISTER_MATMUL(T)                                                             \
  REGISTER_KERNEL_BUILDER(Name("MatMul").Device(DEVICE_CPU).TypeConstraint<T>("T"),        \
                          MatMulOp<T>);                                                    \
  REGISTER_KERNEL_BUILDER(Name("BatchMatMul").Device(DEVICE_CPU).TypeConstraint<T>("T"),   \
                          BatchMatMulOp<T, false>);                                        \
  REGISTER_KERNEL_BUILDER(Name("BatchMatMulV2").Device(DEVICE_CPU).TypeConstraint<T>("T"), \
                          BatchMatMulOp<T, true>);
TF_CALL_half(TFC_REGISTER_MATMUL)
TF_CALL_bfloat16(TFC_REGISTER_MATMUL)
TF_CALL_float(TFC_REGISTER_MATMUL)
TF_CALL_double(TFC_REGISTER_MATMUL)
TF_CALL_int32(TFC_REGISTER_MATMUL)
TF_CALL_int64(TFC_REGISTER_MATMUL)
TF_CALL_complex64(TFC_REGISTER_MATMUL)
TF_CALL_complex128(TFC_REGISTER_MATMUL)
#undef TFC_REGISTER_MATMUL

}  // namespace
}  // namespace tfc
