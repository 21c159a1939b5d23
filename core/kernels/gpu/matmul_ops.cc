// MatMul on a GPU through cuBLAS. Row-major C = op(A) op(B) is computed as the column-major
// product C^T = op(B)^T op(A)^T, so no operand is transposed in memory. float32 uses TF32 tensor
// cores unless NVIDIA_TF32_OVERRIDE=0 (the handle's math mode, set by the device).
#include <cuda_fp16.h>

#include "core/framework/register_types.h"
#include "core/kernels/gpu/gpu_kernel_util.h"

namespace tfc {
namespace {

template <typename T>
class GpuMatMulOp : public OpKernel {
 public:
  explicit GpuMatMulOp(OpKernelConstruction* ctx) : OpKernel(ctx) {
    expensive_ = false;
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
    const int64_t k = a.dim_size(transpose_a_ ? 0 : 1);
    OP_REQUIRES(ctx, k == b.dim_size(transpose_b_ ? 1 : 0),
                errors::InvalidArgument("Matrix size-incompatible: In[0]: ",
                                        a.shape().DebugString(), ", In[1]: ",
                                        b.shape().DebugString()));
    const int64_t m = a.dim_size(transpose_a_ ? 1 : 0);
    const int64_t n = b.dim_size(transpose_b_ ? 0 : 1);
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, TensorShape({m, n}), &out));
    if (out->NumElements() == 0) return;
    if (k == 0) {
      OP_REQUIRES_CUDA(ctx, cudaMemsetAsync(out->raw_data(), 0, out->TotalBytes(),
                                            GpuStream(ctx)));
      return;
    }
    OP_REQUIRES(ctx, m <= INT32_MAX && n <= INT32_MAX && k <= INT32_MAX,
                errors::InvalidArgument("MatMul dimensions too large for cuBLAS: ",
                                        a.shape().DebugString(), " x ", b.shape().DebugString()));
    const CublasApi* blas;
    OP_REQUIRES_OK(ctx, GetCublasApi(&blas));
    cublasHandle_t h;
    OP_REQUIRES_OK(ctx, GetGpuDevice(ctx)->cublas(&h));
    const cublasOperation_t op_a = transpose_a_ ? CUBLAS_OP_T : CUBLAS_OP_N;
    const cublasOperation_t op_b = transpose_b_ ? CUBLAS_OP_T : CUBLAS_OP_N;
    const int lda = static_cast<int>(a.dim_size(1));
    const int ldb = static_cast<int>(b.dim_size(1));
    const int M = static_cast<int>(m), N = static_cast<int>(n), K = static_cast<int>(k);
    if constexpr (std::is_same_v<T, float>) {
      const float one = 1.f, zero = 0.f;
      OP_REQUIRES_CUBLAS(ctx, blas->cublasSgemm_v2(h, op_b, op_a, N, M, K, &one, b.data<float>(),
                                                   ldb, a.data<float>(), lda, &zero,
                                                   out->data<float>(), N));
    } else if constexpr (std::is_same_v<T, double>) {
      const double one = 1.0, zero = 0.0;
      OP_REQUIRES_CUBLAS(ctx, blas->cublasDgemm_v2(h, op_b, op_a, N, M, K, &one,
                                                   b.data<double>(), ldb, a.data<double>(), lda,
                                                   &zero, out->data<double>(), N));
    } else {
      // float16: float accumulation, as TF's GPU kernel.
      const float one = 1.f, zero = 0.f;
      OP_REQUIRES_CUBLAS(ctx, blas->cublasGemmEx(h, op_b, op_a, N, M, K, &one, b.raw_data(),
                                                 CUDA_R_16F, ldb, a.raw_data(), CUDA_R_16F, lda,
                                                 &zero, out->raw_data(), CUDA_R_16F, N,
                                                 CUBLAS_COMPUTE_32F, CUBLAS_GEMM_DEFAULT));
    }
  }

 private:
  bool transpose_a_ = false, transpose_b_ = false;
};

REGISTER_KERNEL_BUILDER(Name("MatMul").Device(DEVICE_GPU).TypeConstraint<float>("T"),
                        GpuMatMulOp<float>);
REGISTER_KERNEL_BUILDER(Name("MatMul").Device(DEVICE_GPU).TypeConstraint<double>("T"),
                        GpuMatMulOp<double>);
REGISTER_KERNEL_BUILDER(Name("MatMul").Device(DEVICE_GPU).TypeConstraint<Eigen::half>("T"),
                        GpuMatMulOp<Eigen::half>);

}  // namespace
}  // namespace tfc
