#include "core/kernels/nn/fused_batch_norm_util.h"

namespace tfc {
namespace fbn {

Status CheckForwardInputs(OpKernelContext* ctx, const Attrs& attrs, Layout* l) {
  const Tensor& x = ctx->input(0);
  const Tensor& scale = ctx->input(1);
  const Tensor& offset = ctx->input(2);
  const Tensor& est_mean = ctx->input(3);
  const Tensor& est_var = ctx->input(4);
  if (x.dims() != 4) {
    return errors::InvalidArgument("input must be 4-dimensional", x.shape().DebugString());
  }
  if (scale.dims() != 1) {
    return errors::InvalidArgument("scale must be 1-dimensional", scale.shape().DebugString());
  }
  if (offset.dims() != 1) {
    return errors::InvalidArgument("offset must be 1-dimensional", offset.shape().DebugString());
  }
  if (est_mean.dims() != 1) {
    return errors::InvalidArgument("estimated_mean must be 1-dimensional",
                                   est_mean.shape().DebugString());
  }
  if (est_var.dims() != 1) {
    return errors::InvalidArgument("estimated_variance must be 1-dimensional",
                                   est_var.shape().DebugString());
  }
  if (attrs.is_training) {
    if (est_mean.dim_size(0) != 0) {
      return errors::InvalidArgument("estimated_mean must be empty for training",
                                     est_mean.shape().DebugString());
    }
    if (est_var.dim_size(0) != 0) {
      return errors::InvalidArgument("estimated_variance must be empty for training",
                                     est_var.shape().DebugString());
    }
  }
  *l = MakeLayout(x.shape(), attrs.nchw);
  const int64_t c_n = l->channels;
  if (scale.NumElements() != c_n) {
    return errors::InvalidArgument("scale must have the same number of elements as the "
                                   "channels of x, got ", scale.NumElements(), " and ", c_n);
  }
  if (offset.NumElements() != c_n) {
    return errors::InvalidArgument("offset must have the same number of elements as the "
                                   "channels of x, got ", offset.NumElements(), " and ", c_n);
  }
  if (!attrs.is_training) {
    if (est_mean.NumElements() != c_n) {
      return errors::InvalidArgument("mean must have the same number of elements as the "
                                     "channels of x, got ", est_mean.NumElements(), " and ",
                                     c_n);
    }
    if (est_var.NumElements() != c_n) {
      return errors::InvalidArgument("variance must have the same number of elements as "
                                     "the channels of x, got ", est_var.NumElements(), " and ",
                                     c_n);
    }
  }
  return OkStatus();
}

Status AllocateForwardOutputs(OpKernelContext* ctx, const TensorShape& x_shape, int64_t channels,
                              Tensor** y, Tensor* (&stats)[4], Tensor** reserve3) {
  TFC_RETURN_IF_ERROR(ctx->allocate_output(0, x_shape, y));
  for (int i = 0; i < 4; ++i) {
    TFC_RETURN_IF_ERROR(ctx->allocate_output(i + 1, TensorShape({channels}), &stats[i]));
  }
  *reserve3 = nullptr;
  if (ctx->op_kernel().num_outputs() > 5) {
    TFC_RETURN_IF_ERROR(ctx->allocate_output(5, TensorShape({}), reserve3));
  }
  return OkStatus();
}

Status CheckGradInputs(OpKernelContext* ctx, const Attrs& attrs, Layout* l) {
  const Tensor& dy = ctx->input(0);
  const Tensor& x = ctx->input(1);
  const Tensor& scale = ctx->input(2);
  const Tensor& saved_mean = ctx->input(3);
  const Tensor& saved_var = ctx->input(4);
  if (dy.dims() != 4) {
    return errors::InvalidArgument("input must be 4-dimensional", dy.shape().DebugString());
  }
  if (x.dims() != 4) {
    return errors::InvalidArgument("input must be 4-dimensional", x.shape().DebugString());
  }
  if (scale.dims() != 1) {
    return errors::InvalidArgument("scale must be 1-dimensional", scale.shape().DebugString());
  }
  if (saved_mean.dims() != 1) {
    return errors::InvalidArgument("saved mean must be 1-dimensional",
                                   saved_mean.shape().DebugString());
  }
  if (saved_var.dims() != 1) {
    return errors::InvalidArgument("saved variance must be 1-dimensional",
                                   saved_var.shape().DebugString());
  }
  if (!(x.shape() == dy.shape())) {
    return errors::InvalidArgument("x and y_backprop must have same shape, but x has shape ",
                                   x.shape().DebugString(), " and y_backprop has shape ",
                                   dy.shape().DebugString());
  }
  *l = MakeLayout(x.shape(), attrs.nchw);
  const int64_t c_n = l->channels;
  if (scale.NumElements() != c_n) {
    return errors::InvalidArgument("scale must have the same number of elements as the "
                                   "channels of x, got ", scale.NumElements(), " and ", c_n);
  }
  if (saved_mean.NumElements() != c_n) {
    return errors::InvalidArgument("reserve_space_1 must have the same number of elements "
                                   "as the channels of x, got ", saved_mean.NumElements(),
                                   " and ", c_n);
  }
  if (saved_var.NumElements() != c_n) {
    return errors::InvalidArgument("reserve_space_2 must have the same number of elements "
                                   "as the channels of x, got ", saved_var.NumElements(),
                                   " and ", c_n);
  }
  return OkStatus();
}

Status AllocateGradOutputs(OpKernelContext* ctx, const TensorShape& x_shape, int64_t channels,
                           Tensor** dx, Tensor** dscale, Tensor** doffset) {
  Tensor *r3 = nullptr, *r4 = nullptr;
  TFC_RETURN_IF_ERROR(ctx->allocate_output(0, x_shape, dx));
  TFC_RETURN_IF_ERROR(ctx->allocate_output(1, TensorShape({channels}), dscale));
  TFC_RETURN_IF_ERROR(ctx->allocate_output(2, TensorShape({channels}), doffset));
  TFC_RETURN_IF_ERROR(ctx->allocate_output(3, TensorShape({0}), &r3));
  return ctx->allocate_output(4, TensorShape({0}), &r4);
}

}  // namespace fbn
}  // namespace tfc
