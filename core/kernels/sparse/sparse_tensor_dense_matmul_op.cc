// SparseTensorDenseMatMul: product = op(A) * op(B) for a [m, k] SparseTensor A (rank-2 indices,
// values, shape) and a dense matrix B, op() the conjugate transpose where adjoint_* is set.
// Each entry of A adds a_value * (row of op(B)) into one output row. Checks and messages
// follow TF 1.15.
#include <complex>
#include <type_traits>
#include <vector>

#include "core/framework/op_kernel.h"
#include "core/framework/register_types.h"

namespace tfc {
namespace {

template <typename T>
T Conj(T v) {
  if constexpr (std::is_same_v<T, complex64> || std::is_same_v<T, complex128>) {
    return std::conj(v);
  } else {
    return v;
  }
}

template <typename T, typename Index>
class SparseTensorDenseMatMulOp : public OpKernel {
 public:
  explicit SparseTensorDenseMatMulOp(OpKernelConstruction* c) : OpKernel(c) {
    OP_REQUIRES_OK(c, c->GetAttr("adjoint_a", &adjoint_a_));
    OP_REQUIRES_OK(c, c->GetAttr("adjoint_b", &adjoint_b_));
  }

  void Compute(OpKernelContext* ctx) override {
    const Tensor& a_indices = ctx->input(0);
    const Tensor& a_values = ctx->input(1);
    const Tensor& a_shape = ctx->input(2);
    const Tensor& b = ctx->input(3);
    OP_REQUIRES(ctx, b.dims() == 2, errors::InvalidArgument("Tensor 'b' is not a matrix"));
    OP_REQUIRES(ctx, a_shape.dims() == 1,
                errors::InvalidArgument("Tensor 'a_shape' is not a vector"));
    OP_REQUIRES(ctx, a_shape.NumElements() == 2,
                errors::InvalidArgument("Tensor 'a_shape' must have 2 elements"));
    OP_REQUIRES(ctx, a_values.dims() == 1,
                errors::InvalidArgument("Tensor 'a_values' is not a vector"));
    OP_REQUIRES(ctx, a_indices.dims() == 2,
                errors::InvalidArgument("Tensor 'a_indices' is not a matrix"));
    const int64_t nnz = a_indices.dim_size(0);
    OP_REQUIRES(ctx, nnz == a_values.NumElements(),
                errors::InvalidArgument("Number of rows of a_indices does not match number of "
                                        "entries in a_values"));
    OP_REQUIRES(ctx, a_indices.dim_size(1) == a_shape.NumElements(),
                errors::InvalidArgument("Number of columns of a_indices does not match number "
                                        "of entries in a_shape"));
    const int64_t* shape = a_shape.data<int64_t>();
    const int64_t outer_left = adjoint_a_ ? shape[1] : shape[0];
    const int64_t outer_right = adjoint_b_ ? b.dim_size(0) : b.dim_size(1);
    const int64_t inner_left = adjoint_a_ ? shape[0] : shape[1];
    const int64_t inner_right = adjoint_b_ ? b.dim_size(1) : b.dim_size(0);
    OP_REQUIRES(ctx, inner_right == inner_left,
                errors::InvalidArgument(
                    "Cannot multiply A and B because inner dimension does not match: ",
                    inner_left, " vs. ", inner_right,
                    ".  Did you forget a transpose?  Dimensions of A: [", shape[0], ", ",
                    shape[1], ").  Dimensions of B: ", b.shape().DebugString()));
    OP_REQUIRES(ctx, outer_left >= 0,
                errors::InvalidArgument("Dimension of A must be non-negative, got ", outer_left));
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, TensorShape({outer_left, outer_right}), &out));
    T* op = out->data<T>();
    for (int64_t j = 0; j < out->NumElements(); ++j) op[j] = T(0);
    if (nnz == 0 || b.NumElements() == 0) return;
    const Index* ip = a_indices.data<Index>();
    const T* vp = a_values.data<T>();
    const T* bp = b.data<T>();
    const int lhs_col = adjoint_a_ ? 1 : 0;  // the index column naming the output row
    const int rhs_col = adjoint_a_ ? 0 : 1;  // the one naming the row of op(B)
    const int64_t b_cols = b.dim_size(1);
    for (int64_t i = 0; i < nnz; ++i) {
      const int64_t m = ip[i * 2 + lhs_col];
      const int64_t k = ip[i * 2 + rhs_col];
      OP_REQUIRES(ctx, k >= 0 && k < inner_right,
                  errors::InvalidArgument("k (", k, ") from index[", i, ",", rhs_col,
                                          "] out of bounds (>=", inner_right, ")"));
      OP_REQUIRES(ctx, m >= 0 && m < outer_left,
                  errors::InvalidArgument("m (", m, ") from index[", i, ",", lhs_col,
                                          "] out of bounds (>=", outer_left, ")"));
      const T a = adjoint_a_ ? Conj(vp[i]) : vp[i];
      T* dst = op + m * outer_right;
      if (adjoint_b_) {
        for (int64_t j = 0; j < outer_right; ++j) dst[j] += a * Conj(bp[j * b_cols + k]);
      } else {
        const T* src = bp + k * b_cols;
        for (int64_t j = 0; j < outer_right; ++j) dst[j] += a * src[j];
      }
    }
  }

 private:
  bool adjoint_a_ = false;
  bool adjoint_b_ = false;
};

#define REG(T)                                                                         \
  REGISTER_KERNEL_BUILDER(Name("SparseTensorDenseMatMul")                              \
                              .Device(DEVICE_CPU)                                      \
                              .TypeConstraint<T>("T")                                  \
                              .TypeConstraint<int64_t>("Tindices"),                    \
                          SparseTensorDenseMatMulOp<T, int64_t>);                      \
  REGISTER_KERNEL_BUILDER(Name("SparseTensorDenseMatMul")                              \
                              .Device(DEVICE_CPU)                                      \
                              .TypeConstraint<T>("T")                                  \
                              .TypeConstraint<int32_t>("Tindices"),                    \
                          SparseTensorDenseMatMulOp<T, int32_t>);
TF_CALL_float(REG) TF_CALL_double(REG) TF_CALL_int32(REG)
TF_CALL_complex64(REG) TF_CALL_complex128(REG)
#undef REG

}  // namespace
}  // namespace tfc
