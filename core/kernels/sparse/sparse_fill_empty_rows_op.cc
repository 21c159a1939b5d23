// SparseFillEmptyRows: adds a (row, 0, ..., 0) = default_value entry for each empty row of a
// SparseTensor, keeping the entries grouped by row (and, within a row, in input order); also
// returns which rows were empty and where each input entry went. SparseFillEmptyRowsGrad routes
// gradients back: to the entries through that map, the rest summed into default_value's.
// Checks and messages follow TF 1.15.
#include <algorithm>
#include <cstring>
#include <vector>

#include "core/framework/op_kernel.h"
#include "core/framework/register_types.h"
#include "core/kernels/array/array_copy.h"

namespace tfc {
namespace {

// dst[i] = src[j] for an element of any array type.
void CopyElement(const Tensor& src, int64_t j, Tensor* dst, int64_t i) {
  if (src.dtype() == DT_STRING) {
    dst->data<tstring>()[i] = src.data<tstring>()[j];
    return;
  }
  const size_t size = DataTypeSize(src.dtype());
  std::memcpy(static_cast<char*>(dst->raw_data()) + i * size,
              static_cast<const char*>(src.raw_data()) + j * size, size);
}

class SparseFillEmptyRowsOp : public OpKernel {
 public:
  explicit SparseFillEmptyRowsOp(OpKernelConstruction* c) : OpKernel(c) {}

  void Compute(OpKernelContext* ctx) override {
    const Tensor& indices = ctx->input(0);
    const Tensor& values = ctx->input(1);
    const Tensor& dense_shape = ctx->input(2);
    const Tensor& default_value = ctx->input(3);
    OP_REQUIRES(ctx, default_value.IsScalar(),
                errors::InvalidArgument("default_value must be a scalar, saw: ",
                                        default_value.shape().DebugString()));
    OP_REQUIRES(ctx, indices.dims() == 2,
                errors::InvalidArgument("indices must be a matrix, saw: ",
                                        indices.shape().DebugString()));
    OP_REQUIRES(ctx, values.dims() == 1,
                errors::InvalidArgument("values must be a vector, saw: ",
                                        values.shape().DebugString()));
    OP_REQUIRES(ctx, dense_shape.dims() == 1,
                errors::InvalidArgument("dense_shape must be a vector, saw: ",
                                        dense_shape.shape().DebugString()));
    OP_REQUIRES(ctx, dense_shape.NumElements() > 0,
                errors::InvalidArgument("dense_shape must not be empty"));
    const int64_t n = indices.dim_size(0);
    const int64_t rank = indices.dim_size(1);
    OP_REQUIRES(ctx, values.dim_size(0) == n,
                errors::InvalidArgument("The length of `values` (", values.dim_size(0),
                                        ") must match the first dimension of `indices` (", n,
                                        ")."));
    const int64_t dense_rows = dense_shape.data<int64_t>()[0];
    OP_REQUIRES(ctx, dense_rows >= 0,
                errors::InvalidArgument("dense_shape[0] must be non-negative, got ",
                                        dense_rows));
    Tensor* empty_rows = nullptr;
    Tensor* reverse_map = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(2, TensorShape({dense_rows}), &empty_rows));
    OP_REQUIRES_OK(ctx, ctx->allocate_output(3, TensorShape({n}), &reverse_map));
    bool* empty = empty_rows->data<bool>();
    int64_t* rmap = reverse_map->data<int64_t>();
    if (dense_rows == 0) {
      OP_REQUIRES(ctx, n == 0,
                  errors::InvalidArgument("Received SparseTensor with dense_shape[0] = 0 but "
                                          "indices.shape[0] = ", n));
      Tensor* unused = nullptr;
      OP_REQUIRES_OK(ctx, ctx->allocate_output(0, TensorShape({0, rank}), &unused));
      OP_REQUIRES_OK(ctx, ctx->allocate_output(1, TensorShape({0}), &unused));
      return;
    }
    const int64_t* ip = indices.data<int64_t>();
    bool rows_ordered = true;
    int64_t last_row = 0;
    std::vector<int64_t> offset(dense_rows, 0);  // entries per row, then running end offsets
    for (int64_t i = 0; i < n; ++i) {
      const int64_t row = ip[i * rank];
      OP_REQUIRES(ctx, row >= 0 && row < dense_rows,
                  errors::InvalidArgument("indices(", i, ", 0) is invalid: ", row, " >= ",
                                          dense_rows));
      ++offset[row];
      rows_ordered = rows_ordered && row >= last_row;
      last_row = row;
    }
    bool all_full = true;
    for (int64_t row = 0; row < dense_rows; ++row) {
      empty[row] = offset[row] == 0;
      all_full = all_full && !empty[row];
      offset[row] = std::max<int64_t>(offset[row], 1);
      if (row > 0) offset[row] += offset[row - 1];
    }
    if (all_full && rows_ordered) {
      ctx->set_output(0, indices);
      ctx->set_output(1, values);
      for (int64_t i = 0; i < n; ++i) rmap[i] = i;
      return;
    }
    const int64_t n_full = offset[dense_rows - 1];
    Tensor* out_ind = nullptr;
    Tensor* out_val = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, TensorShape({n_full, rank}), &out_ind));
    OP_REQUIRES_OK(ctx, ctx->allocate_output(1, TensorShape({n_full}), &out_val));
    int64_t* oi = out_ind->data<int64_t>();
    std::fill(oi, oi + n_full * rank, int64_t{0});
    std::vector<int64_t> filled(dense_rows, 0);
    for (int64_t i = 0; i < n; ++i) {
      const int64_t row = ip[i * rank];
      const int64_t out_i = (row == 0 ? 0 : offset[row - 1]) + filled[row]++;
      std::copy(ip + i * rank, ip + (i + 1) * rank, oi + out_i * rank);
      CopyElement(values, i, out_val, out_i);
      rmap[i] = out_i;
    }
    for (int64_t row = 0; row < dense_rows; ++row) {
      if (filled[row] != 0) continue;
      const int64_t start = row == 0 ? 0 : offset[row - 1];
      oi[start * rank] = row;
      CopyElement(default_value, 0, out_val, start);
    }
  }
};

template <typename T>
class SparseFillEmptyRowsGradOp : public OpKernel {
 public:
  explicit SparseFillEmptyRowsGradOp(OpKernelConstruction* c) : OpKernel(c) {}

  void Compute(OpKernelContext* ctx) override {
    const Tensor& rmap_t = ctx->input(0);
    const Tensor& grad_t = ctx->input(1);
    OP_REQUIRES(ctx, rmap_t.dims() == 1,
                errors::InvalidArgument("reverse_index_map must be a vector, saw: ",
                                        rmap_t.shape().DebugString()));
    OP_REQUIRES(ctx, grad_t.dims() == 1,
                errors::InvalidArgument("grad_values must be a vector, saw: ",
                                        grad_t.shape().DebugString()));
    const int64_t n = rmap_t.dim_size(0);
    const int64_t n_full = grad_t.dim_size(0);
    Tensor* d_values = nullptr;
    Tensor* d_default = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, TensorShape({n}), &d_values));
    OP_REQUIRES_OK(ctx, ctx->allocate_output(1, TensorShape({}), &d_default));
    const int64_t* rmap = rmap_t.data<int64_t>();
    const T* grad = grad_t.data<T>();
    T* dv = d_values->data<T>();
    std::vector<bool> visited(n_full, false);
    for (int64_t i = 0; i < n; ++i) {
      const int64_t j = rmap[i];
      OP_REQUIRES(ctx, j >= 0 && j < n_full,
                  errors::InvalidArgument("Elements in reverse index must be in [0, ", n_full,
                                          ") but got ", j));
      dv[i] = grad[j];
      visited[j] = true;
    }
    T sum = T(0);
    for (int64_t j = 0; j < n_full; ++j) {
      if (!visited[j]) sum += grad[j];
    }
    d_default->data<T>()[0] = sum;
  }
};

REGISTER_KERNEL_BUILDER(Name("SparseFillEmptyRows")
                            .Device(DEVICE_CPU)
                            .TypeConstraint("T", array::AllArrayTypes()),
                        SparseFillEmptyRowsOp);

#define REG(T)                                                                          \
  REGISTER_KERNEL_BUILDER(                                                              \
      Name("SparseFillEmptyRowsGrad").Device(DEVICE_CPU).TypeConstraint<T>("T"),         \
      SparseFillEmptyRowsGradOp<T>);
TF_CALL_float(REG) TF_CALL_double(REG) TF_CALL_int32(REG) TF_CALL_int64(REG)
TF_CALL_complex64(REG) TF_CALL_complex128(REG)
#undef REG

}  // namespace
}  // namespace tfc
