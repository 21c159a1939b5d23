// SparseReduceSum: the dense sum of a SparseTensor over reduction_axes (kept as size-1 dims with
// keep_dims). Each entry adds into the output element named by its kept coordinates; elements
// no entry reaches are zero. Checks and messages follow TF.
#include <string>
#include <vector>

#include "core/kernels/cwise/cwise_common.h"

namespace tfc {
namespace {

std::string IndexRow(const int64_t* row, int64_t n) {
  std::string s;
  for (int64_t d = 0; d < n; ++d) s += (d ? "," : "") + std::to_string(row[d]);
  return s;
}

template <typename T>
class SparseReduceSumOp : public OpKernel {
 public:
  explicit SparseReduceSumOp(OpKernelConstruction* c) : OpKernel(c) {
    OP_REQUIRES_OK(c, c->GetAttr("keep_dims", &keep_dims_));
  }

  void Compute(OpKernelContext* ctx) override {
    using C = ComputeType<T>;
    const Tensor& indices = ctx->input(0);
    const Tensor& values = ctx->input(1);
    const Tensor& shape_t = ctx->input(2);
    const Tensor& axes_t = ctx->input(3);
    OP_REQUIRES(ctx, shape_t.dims() == 1,
                errors::InvalidArgument("Expected input_shape to be a vector; got shape: ",
                                        shape_t.shape().DebugString()));
    OP_REQUIRES(ctx, axes_t.dims() <= 1,
                errors::InvalidArgument("Expected reduction_axes to be a scalar or a vector; "
                                        "got shape: ", axes_t.shape().DebugString()));
    const int64_t ndims = shape_t.NumElements();
    OP_REQUIRES(ctx, indices.dims() == 2,
                errors::InvalidArgument("Input indices should be a matrix but received shape ",
                                        indices.shape().DebugString()));
    OP_REQUIRES(ctx, values.dims() == 1,
                errors::InvalidArgument("vals must be a vec, but got: ",
                                        values.shape().DebugString()));
    const int64_t n = indices.dim_size(0);
    OP_REQUIRES(ctx, n == values.dim_size(0),
                errors::InvalidArgument("indices and values rows (indexing dimension) must "
                                        "match. (indices = ", n, ", values = ",
                                        values.dim_size(0), ")"));
    OP_REQUIRES(ctx, indices.dim_size(1) == ndims,
                errors::InvalidArgument("Index rank (", indices.dim_size(1), ") and shape rank (",
                                        ndims, ") do not match"));
    const int64_t* dims = shape_t.data<int64_t>();
    for (int64_t d = 0; d < ndims; ++d) {
      OP_REQUIRES(ctx, dims[d] >= 0,
                  errors::InvalidArgument("Dimension ", d, " of input_shape is negative: ",
                                          dims[d]));
    }
    std::vector<bool> reduced(ndims, false);
    const int32_t* axes = axes_t.data<int32_t>();
    for (int64_t i = 0; i < axes_t.NumElements(); ++i) {
      const int64_t axis = axes[i];
      OP_REQUIRES(ctx, axis >= -ndims && axis < ndims,
                  errors::InvalidArgument("Invalid reduction dimension ", axis, ", for input with ",
                                          ndims, " dimensions."));
      reduced[axis < 0 ? axis + ndims : axis] = true;
    }
    std::vector<int64_t> out_dims, kept;  // kept: the input dims that index the output
    for (int64_t d = 0; d < ndims; ++d) {
      if (!reduced[d]) {
        out_dims.push_back(dims[d]);
        kept.push_back(d);
      } else if (keep_dims_) {
        out_dims.push_back(1);
      }
    }
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, TensorShape(out_dims), &out));
    std::vector<C> acc(out->NumElements(), C(0));
    const int64_t* ip = indices.data<int64_t>();
    const T* vp = values.data<T>();
    for (int64_t i = 0; i < n; ++i) {
      const int64_t* row = ip + i * ndims;
      int64_t pos = 0;
      bool in_bounds = true;
      for (int64_t d = 0; d < ndims; ++d) in_bounds = in_bounds && row[d] >= 0 && row[d] < dims[d];
      OP_REQUIRES(ctx, in_bounds,
                  errors::InvalidArgument("indices[", i, "] = [", IndexRow(row, ndims),
                                          "] is out of bounds: need 0 <= index < [",
                                          IndexRow(dims, ndims), "]"));
      for (int64_t d : kept) pos = pos * dims[d] + row[d];
      acc[pos] += static_cast<C>(vp[i]);
    }
    T* op = out->data<T>();
    for (size_t j = 0; j < acc.size(); ++j) op[j] = static_cast<T>(acc[j]);
  }

 private:
  bool keep_dims_ = false;
};

#define REG(T)                                                                      \
  REGISTER_KERNEL_BUILDER(                                                          \
      Name("SparseReduceSum").Device(DEVICE_CPU).TypeConstraint<T>("T"),            \
      SparseReduceSumOp<T>);
TF_CALL_NUMBER_TYPES(REG)
#undef REG

}  // namespace
}  // namespace tfc
