// SparseReshape: new index rows for a SparseTensor reshaped to new_shape (at most one -1), by
// way of each entry's row-major linear position. Checks and messages follow TF 1.15.
#include <vector>

#include "core/framework/op_kernel.h"

namespace tfc {
namespace {

class SparseReshapeOp : public OpKernel {
 public:
  explicit SparseReshapeOp(OpKernelConstruction* c) : OpKernel(c) {}

  void Compute(OpKernelContext* ctx) override {
    const Tensor& in_ind = ctx->input(0);
    const Tensor& in_shape = ctx->input(1);
    const Tensor& target = ctx->input(2);
    OP_REQUIRES(ctx, in_ind.dims() == 2,
                errors::InvalidArgument("Input indices should be a matrix but received shape ",
                                        in_ind.shape().DebugString()));
    OP_REQUIRES(ctx, in_shape.dims() == 1,
                errors::InvalidArgument("Input shape should be a vector but received shape ",
                                        in_shape.shape().DebugString()));
    OP_REQUIRES(ctx, target.dims() == 1,
                errors::InvalidArgument("Target shape should be a vector but received shape ",
                                        target.shape().DebugString()));
    const int64_t in_rank = in_shape.NumElements();
    const int64_t out_rank = target.NumElements();
    const int64_t nnz = in_ind.dim_size(0);
    OP_REQUIRES(ctx, in_ind.dim_size(1) == in_rank,
                errors::InvalidArgument("Input tensor rank must match input shape length."));
    const int64_t* isz = in_shape.data<int64_t>();
    std::vector<int64_t> in_dims(isz, isz + in_rank);
    int64_t dense_size = 1;
    for (int64_t d : in_dims) {
      OP_REQUIRES(ctx, d >= 0,
                  errors::InvalidArgument("Input shape dimensions must be non-negative, got ",
                                          TensorShape(in_dims).DebugString()));
      dense_size *= d;
    }
    const TensorShape input_shape(in_dims);
    const int64_t* tsz = target.data<int64_t>();
    std::vector<int64_t> out_dims;
    int64_t product = 1;
    int64_t unknown_index = -1;
    for (int64_t d = 0; d < out_rank; ++d) {
      const int64_t size = tsz[d];
      if (size == -1) {
        OP_REQUIRES(ctx, unknown_index == -1,
                    errors::InvalidArgument("only one output dimension may be -1, not both ",
                                            unknown_index, " and ", d));
        unknown_index = d;
        out_dims.push_back(1);
      } else {
        OP_REQUIRES(ctx, size >= 0,
                    errors::InvalidArgument("size ", d, " must be non-negative, not ", size));
        product *= size;
        out_dims.push_back(size);
      }
    }
    if (unknown_index != -1) {
      OP_REQUIRES(ctx, product > 0,
                  errors::InvalidArgument("reshape cannot infer the missing input size for an "
                                          "empty tensor unless all specified input sizes are "
                                          "non-zero"));
      const int64_t missing = dense_size / product;
      OP_REQUIRES(ctx, product * missing == dense_size,
                  errors::InvalidArgument(
                      "Input to reshape is a SparseTensor with ", dense_size,
                      " dense values, but the requested shape requires a multiple of ", product,
                      ". input_shape=", input_shape.DebugString(),
                      " output_shape=", TensorShape(out_dims).DebugString()));
      out_dims[unknown_index] = missing;
    }
    const TensorShape output_shape(out_dims);
    OP_REQUIRES(ctx, output_shape.num_elements() == dense_size,
                errors::InvalidArgument("Input to reshape is a tensor with ", dense_size,
                                        " dense values, but the requested shape has ",
                                        output_shape.num_elements(), ". input_shape=",
                                        input_shape.DebugString(),
                                        " output_shape=", output_shape.DebugString()));
    if (in_dims == out_dims) {
      ctx->set_output(0, in_ind);
      ctx->set_output(1, in_shape);
      return;
    }
    std::vector<int64_t> in_strides(in_rank, 1), out_strides(out_rank, 1);
    for (int64_t d = in_rank - 2; d >= 0; --d) in_strides[d] = in_strides[d + 1] * in_dims[d + 1];
    for (int64_t d = out_rank - 2; d >= 0; --d) {
      out_strides[d] = out_strides[d + 1] * out_dims[d + 1];
    }
    Tensor* out_ind = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, TensorShape({nnz, out_rank}), &out_ind));
    const int64_t* ip = in_ind.data<int64_t>();
    int64_t* op = out_ind->data<int64_t>();
    for (int64_t i = 0; i < nnz; ++i) {
      int64_t id = 0;
      for (int64_t j = 0; j < in_rank; ++j) id += ip[i * in_rank + j] * in_strides[j];
      for (int64_t j = 0; j < out_rank; ++j) {
        // A zero stride only occurs for a zero-sized shape, where there are no valid entries.
        op[i * out_rank + j] = out_strides[j] ? id / out_strides[j] : 0;
        if (out_strides[j]) id %= out_strides[j];
      }
    }
    Tensor* out_shape = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(1, TensorShape({out_rank}), &out_shape));
    for (int64_t j = 0; j < out_rank; ++j) out_shape->data<int64_t>()[j] = out_dims[j];
  }
};

REGISTER_KERNEL_BUILDER(Name("SparseReshape").Device(DEVICE_CPU), SparseReshapeOp);

}  // namespace
}  // namespace tfc
