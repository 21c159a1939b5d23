// SparseToDense on the CPU. Index rows are checked the way TF's SparseTensor::IndicesValid
// does (bounds, then strict lexicographic order) when validate_indices is set; without it an
// out-of-bounds row is still an InvalidArgument, never a stray write.
#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include "core/framework/op_kernel.h"
#include "core/framework/register_types.h"

namespace tfc {
namespace {

template <typename Index>
std::string RowString(const Index* row, int64_t n) {
  std::ostringstream s;
  for (int64_t d = 0; d < n; ++d) s << (d ? "," : "") << static_cast<int64_t>(row[d]);
  return s.str();
}

template <typename T, typename Index>
class SparseToDenseOp : public OpKernel {
 public:
  explicit SparseToDenseOp(OpKernelConstruction* ctx) : OpKernel(ctx) {
    OP_REQUIRES_OK(ctx, ctx->GetAttr("validate_indices", &validate_indices_));
  }

  void Compute(OpKernelContext* ctx) override {
    const Tensor& indices = ctx->input(0);
    OP_REQUIRES(ctx, indices.dims() <= 2,
                errors::InvalidArgument(
                    "sparse_indices should be a scalar, vector, or matrix, got shape ",
                    indices.shape().DebugString()));
    const int64_t num_elems = indices.dims() > 0 ? indices.dim_size(0) : 1;
    const int64_t num_dims = indices.dims() > 1 ? indices.dim_size(1) : 1;
    const Tensor& output_shape = ctx->input(1);
    OP_REQUIRES(ctx, output_shape.dims() <= 1,
                errors::InvalidArgument("output_shape should be a vector, got shape ",
                                        output_shape.shape().DebugString()));
    OP_REQUIRES(ctx, output_shape.NumElements() == num_dims,
                errors::InvalidArgument("output_shape has incorrect number of elements: ",
                                        output_shape.NumElements(), " should be: ", num_dims));
    const Tensor& values = ctx->input(2);
    OP_REQUIRES(ctx,
                values.dims() == 0 || (values.dims() == 1 && values.NumElements() == num_elems),
                errors::InvalidArgument("sparse_values has incorrect shape ",
                                        values.shape().DebugString(), ", should be [] or [",
                                        num_elems, "]"));
    const Tensor& default_value = ctx->input(3);
    OP_REQUIRES(ctx, default_value.dims() == 0,
                errors::InvalidArgument("default_value should be a scalar."));
    std::vector<int64_t> dims(output_shape.NumElements());
    for (size_t d = 0; d < dims.size(); ++d) {
      dims[d] = static_cast<int64_t>(output_shape.data<Index>()[d]);
      OP_REQUIRES(ctx, dims[d] >= 0,
                  errors::InvalidArgument("Dimension ", dims[d], " must be >= 0"));
    }
    TensorShape shape;
    OP_REQUIRES_OK(ctx, TensorShape::Make(dims, &shape));
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, shape, &out));
    T* dst = out->data<T>();
    const T fill = default_value.data<T>()[0];
    for (int64_t i = 0; i < shape.num_elements(); ++i) dst[i] = fill;

    const Index* ix = indices.data<Index>();
    const T* src = values.data<T>();
    for (int64_t n = 0; n < num_elems; ++n) {
      const Index* row = ix + n * num_dims;
      int64_t offset = 0;
      bool in_bounds = true;
      for (int64_t d = 0; d < num_dims; ++d) {
        if (row[d] < 0 || static_cast<int64_t>(row[d]) >= dims[d]) in_bounds = false;
        offset = offset * dims[d] + static_cast<int64_t>(row[d]);
      }
      if (validate_indices_) {
        OP_REQUIRES(ctx, in_bounds,
                    errors::InvalidArgument("indices[", n, "] = [", RowString(row, num_dims),
                                            "] is out of bounds: need 0 <= index < [",
                                            RowString(dims.data(), num_dims), "]"));
        if (n > 0) {
          const Index* prev = row - num_dims;
          int cmp = 0;
          for (int64_t d = 0; d < num_dims && cmp == 0; ++d) {
            cmp = prev[d] < row[d] ? -1 : (prev[d] > row[d] ? 1 : 0);
          }
          OP_REQUIRES(ctx, cmp != 1,
                      errors::InvalidArgument("indices[", n, "] = [",
                                              RowString(row, num_dims), "] is out of order"));
          OP_REQUIRES(ctx, cmp != 0,
                      errors::InvalidArgument("indices[", n, "] = [",
                                              RowString(row, num_dims), "] is repeated"));
        }
      }
      OP_REQUIRES(ctx, in_bounds,
                  errors::InvalidArgument("Indices are not valid (out of bounds).  Shape: ",
                                          shape.DebugString()));
      dst[offset] = values.dims() == 0 ? src[0] : src[n];
    }
  }

 private:
  bool validate_indices_ = true;
};

#define REGISTER_SPARSE_TO_DENSE(T)                                                  \
  REGISTER_KERNEL_BUILDER(Name("SparseToDense")                                      \
                              .Device(DEVICE_CPU)                                    \
                              .TypeConstraint<T>("T")                                \
                              .TypeConstraint<int32_t>("Tindices"),                  \
                          SparseToDenseOp<T, int32_t>);                              \
  REGISTER_KERNEL_BUILDER(Name("SparseToDense")                                      \
                              .Device(DEVICE_CPU)                                    \
                              .TypeConstraint<T>("T")                                \
                              .TypeConstraint<int64_t>("Tindices"),                  \
                          SparseToDenseOp<T, int64_t>);
TF_CALL_ALL_TYPES(REGISTER_SPARSE_TO_DENSE)
#undef REGISTER_SPARSE_TO_DENSE

}  // namespace
}  // namespace tfc
