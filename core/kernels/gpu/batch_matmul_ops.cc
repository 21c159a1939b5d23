// BatchMatMul and BatchMatMulV2 on the GPU through cuBLAS. Shapes are checked as the CPU kernel
// does (core/kernels/linalg/matmul_op.cc). Like MatMul (matmul_ops.cc), each row-major product
// C = op(X) op(Y) is computed as the column-major product C^T = op(Y)^T op(X)^T, so no operand
// is transposed in memory; adj_x/adj_y are plain transposes for these real types.
//
// The output's batches are walked in runs over which both inputs' matrices are equally spaced
// (a stride of 0 where an input is broadcast): one strided-batched call per run. Without
// broadcasting that is a single call. float32 uses TF32 tensor cores unless
// NVIDIA_TF32_OVERRIDE=0 (the handle's math mode, set by the device), as MatMul does.
#include <cuda_fp16.h>

#include <algorithm>
#include <climits>
#include <vector>

#include "core/framework/op_kernel.h"
#include "core/framework/register_types.h"
#include "core/kernels/gpu/gpu_kernel_util.h"

namespace tfc {
namespace {

// Element offset of each output batch's matrix inside t, whose batch dims (all but the last
// two, right-aligned) broadcast to `batch`.
std::vector<int64_t> BatchOffsets(const Tensor& t, const std::vector<int64_t>& batch,
                                  int64_t matrix_size) {
  const int nb = static_cast<int>(batch.size());
  const int tb = t.dims() - 2;
  // stride[i]: how far t's matrix moves when output batch index i grows by one.
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
  std::vector<int64_t> offsets(total);
  std::vector<int64_t> idx(nb, 0);
  for (int64_t n = 0; n < total; ++n) {
    int64_t off = 0;
    for (int i = 0; i < nb; ++i) off += idx[i] * stride[i];
    offsets[n] = off;
    for (int i = nb - 1; i >= 0; --i) {
      if (++idx[i] < batch[i]) break;
      idx[i] = 0;
    }
  }
  return offsets;
}

template <typename T, bool kV2>
class GpuBatchMatMulOp : public OpKernel {
 public:
  explicit GpuBatchMatMulOp(OpKernelConstruction* ctx) : OpKernel(ctx) {
    expensive_ = false;
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
    const int64_t m = adj_x_ ? x_cols : x_rows;
    const int64_t n = adj_y_ ? y_rows : y_cols;
    const int64_t k = d1;
    TensorShape out_shape(batch_dims);
    out_shape.AddDim(m);
    out_shape.AddDim(n);
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, out_shape, &out));
    if (out->NumElements() == 0) return;
    if (k == 0) {
      OP_REQUIRES_CUDA(ctx, cudaMemsetAsync(out->raw_data(), 0, out->TotalBytes(),
                                            GpuStream(ctx)));
      return;
    }
    OP_REQUIRES(ctx, m <= INT_MAX && n <= INT_MAX && k <= INT_MAX && x_cols <= INT_MAX &&
                         y_cols <= INT_MAX,
                errors::InvalidArgument(name(), ": matrix dimensions too large for cuBLAS: ",
                                        x.shape().DebugString(), " x ",
                                        y.shape().DebugString()));

    const std::vector<int64_t> ox = BatchOffsets(x, batch_dims, x_rows * x_cols);
    const std::vector<int64_t> oy = BatchOffsets(y, batch_dims, y_rows * y_cols);
    const int64_t batches = static_cast<int64_t>(ox.size());

    const CublasApi* blas;
    OP_REQUIRES_OK(ctx, GetCublasApi(&blas));
    cublasHandle_t h;
    OP_REQUIRES_OK(ctx, GetGpuDevice(ctx)->cublas(&h));
    const cublasOperation_t op_x = adj_x_ ? CUBLAS_OP_T : CUBLAS_OP_N;
    const cublasOperation_t op_y = adj_y_ ? CUBLAS_OP_T : CUBLAS_OP_N;
    const int M = static_cast<int>(m), N = static_cast<int>(n), K = static_cast<int>(k);
    const int lda = static_cast<int>(x_cols), ldb = static_cast<int>(y_cols);
    const long long stride_c = m * n;
    const T* xp = x.data<T>();
    const T* yp = y.data<T>();
    T* cp = out->data<T>();

    for (int64_t start = 0; start < batches;) {
      // The longest run from `start` with constant non-negative input strides.
      int64_t count = 1;
      long long sx = 0, sy = 0;
      if (start + 1 < batches) {
        sx = ox[start + 1] - ox[start];
        sy = oy[start + 1] - oy[start];
        if (sx >= 0 && sy >= 0) {
          count = 2;
          while (start + count < batches && count < INT_MAX &&
                 ox[start + count] - ox[start + count - 1] == sx &&
                 oy[start + count] - oy[start + count - 1] == sy) {
            ++count;
          }
        } else {
          sx = sy = 0;
        }
      }
      const T* a = xp + ox[start];
      const T* b = yp + oy[start];
      T* c = cp + start * stride_c;
      const int cnt = static_cast<int>(count);
      if constexpr (std::is_same_v<T, float>) {
        const float one = 1.f, zero = 0.f;
        OP_REQUIRES_CUBLAS(ctx, blas->cublasSgemmStridedBatched(h, op_y, op_x, N, M, K, &one, b,
                                                                ldb, sy, a, lda, sx, &zero, c, N,
                                                                stride_c, cnt));
      } else if constexpr (std::is_same_v<T, double>) {
        const double one = 1.0, zero = 0.0;
        OP_REQUIRES_CUBLAS(ctx, blas->cublasDgemmStridedBatched(h, op_y, op_x, N, M, K, &one, b,
                                                                ldb, sy, a, lda, sx, &zero, c, N,
                                                                stride_c, cnt));
      } else {
        // float16: float accumulation, as TF's GPU kernel.
        const float one = 1.f, zero = 0.f;
        OP_REQUIRES_CUBLAS(ctx, blas->cublasGemmStridedBatchedEx(
                                    h, op_y, op_x, N, M, K, &one, b, CUDA_R_16F, ldb, sy, a,
                                    CUDA_R_16F, lda, sx, &zero, c, CUDA_R_16F, N, stride_c, cnt,
                                    CUBLAS_COMPUTE_32F, CUBLAS_GEMM_DEFAULT));
      }
      start += count;
    }
  }

 private:
  bool adj_x_ = false, adj_y_ = false;
};

#define TFC_REGISTER_GPU_BATCH_MATMUL(T)                                                   \
  REGISTER_KERNEL_BUILDER(Name("BatchMatMul").Device(DEVICE_GPU).TypeConstraint<T>("T"),   \
                          GpuBatchMatMulOp<T, false>);                                     \
  REGISTER_KERNEL_BUILDER(Name("BatchMatMulV2").Device(DEVICE_GPU).TypeConstraint<T>("T"), \
                          GpuBatchMatMulOp<T, true>);
TF_CALL_half(TFC_REGISTER_GPU_BATCH_MATMUL)
TF_CALL_float(TFC_REGISTER_GPU_BATCH_MATMUL)
TF_CALL_double(TFC_REGISTER_GPU_BATCH_MATMUL)
#undef TFC_REGISTER_GPU_BATCH_MATMUL

}  // namespace
}  // namespace tfc
