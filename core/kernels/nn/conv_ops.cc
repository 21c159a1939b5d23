// Conv2D, Conv3D and their input/filter backprops on the CPU (im2col + GEMM, conv_core.h).
#include <string>
#include <vector>

#include "core/framework/op_kernel.h"
#include "core/framework/register_types.h"
#include "core/kernels/nn/conv_core.h"
#include "core/kernels/nn/conv_layout.h"

namespace tfc {
namespace conv {
namespace {

enum class Kind { kForward, kBackpropInput, kBackpropFilter };

int64_t Product(const std::vector<int64_t>& v) {
  int64_t p = 1;
  for (int64_t x : v) p *= x;
  return p;
}

// Reads a shape given as a 1-D int32/int64 tensor of `rank` non-negative values.
Status ShapeFromSizes(const Tensor& t, const std::string& op, const std::string& what, int rank,
                      TensorShape* out) {
  if (t.dims() != 1) {
    return errors::InvalidArgument(op, ": ", what, " input must be 1-dim, not ", t.dims());
  }
  if (t.NumElements() != rank) {
    return errors::InvalidArgument(op, ": ", what, " must have ", rank, " elements, got ",
                                   t.NumElements());
  }
  std::vector<int64_t> dims;
  for (int64_t i = 0; i < rank; ++i) {
    dims.push_back(t.dtype() == DT_INT64 ? t.data<int64_t>()[i] : t.data<int32_t>()[i]);
  }
  return TensorShape::Make(dims, out);
}

template <typename T, int S, Kind K>
class ConvOp : public OpKernel {
 public:
  explicit ConvOp(OpKernelConstruction* ctx) : OpKernel(ctx) {
    op_ = ctx->def().op();
    const std::string what = S == 2 ? "Conv2D" : "Conv3D";
    OP_REQUIRES_OK(ctx, ParseConvAttrs(ctx->def(), what, S, &attrs_));
    OP_REQUIRES_OK(ctx, CheckKernelStridesDilations(attrs_, S + 2, true));
  }

  void Compute(OpKernelContext* ctx) override {
    using C = ComputeType<T>;
    const int rank = S + 2;
    const Layout& L = attrs_.layout;
    const bool last = L.channels_last;
    TensorShape in_shape, filter_shape, out_shape;
    const Tensor* filter_t = nullptr;
    const Tensor* input_t = nullptr;
    const Tensor* dout_t = nullptr;
    const std::string prefix = K == Kind::kForward ? "" : op_ + ": ";
    if constexpr (K == Kind::kForward) {
      input_t = &ctx->input(0);
      filter_t = &ctx->input(1);
      in_shape = input_t->shape();
      filter_shape = filter_t->shape();
    } else if constexpr (K == Kind::kBackpropInput) {
      OP_REQUIRES_OK(ctx, ShapeFromSizes(ctx->input(0), op_, "input_sizes", rank, &in_shape));
      filter_t = &ctx->input(1);
      dout_t = &ctx->input(2);
      filter_shape = filter_t->shape();
    } else {
      input_t = &ctx->input(0);
      OP_REQUIRES_OK(ctx, ShapeFromSizes(ctx->input(1), op_, "filter_sizes", rank, &filter_shape));
      dout_t = &ctx->input(2);
      in_shape = input_t->shape();
    }
    OP_REQUIRES(ctx, in_shape.dims() == rank,
                errors::InvalidArgument(prefix, "input must be ", rank, "-dimensional",
                                        K == Kind::kForward ? in_shape.DebugString() : ""));
    OP_REQUIRES(ctx, filter_shape.dims() == rank,
                errors::InvalidArgument(prefix, "filter must be ", rank, "-dimensional: ",
                                        filter_shape.DebugString()));
    int64_t batch = 0, in_depth = 0;
    std::vector<int64_t> in_spatial;
    SplitShape(L, in_shape, &batch, &in_spatial, &in_depth);
    const int64_t f_in = filter_shape.dim_size(S), out_depth = filter_shape.dim_size(S + 1);
    if (K == Kind::kForward) {
      OP_REQUIRES(ctx, f_in > 0 && in_depth % f_in == 0,
                  errors::InvalidArgument("input depth must be evenly divisible by filter depth: ",
                                          in_depth, " vs ", f_in));
      OP_REQUIRES(ctx, in_depth == f_in,
                  errors::Unimplemented(
                      "The ", op_, " op currently does not support grouped convolutions on the "
                      "CPU. A grouped convolution was attempted to be run because the input "
                      "depth of ", in_depth, " does not match the filter input depth of ", f_in));
    } else {
      OP_REQUIRES(ctx, in_depth == f_in,
                  errors::InvalidArgument(prefix, "input and filter must have the same depth"));
    }
    std::vector<int64_t> window;
    for (int i = 0; i < S; ++i) window.push_back(filter_shape.dim_size(i));
    Geometry g;
    OP_REQUIRES_OK(ctx, MakeGeometry(in_spatial, window, attrs_, &g));
    g.batch = batch;
    g.in_depth = in_depth;
    g.out_depth = out_depth;
    std::vector<int64_t> out_spatial(g.out + 3 - S, g.out + 3);
    out_shape = ShapeInLayout(L, batch, out_spatial, out_depth);
    if (K != Kind::kForward) {
      const TensorShape& got = dout_t->shape();
      OP_REQUIRES(ctx, got.dims() == rank,
                  errors::InvalidArgument(prefix, "out_backprop must be ", rank, "-dimensional"));
      OP_REQUIRES(ctx, got.dim_size(L.batch_dim()) == batch,
                  errors::InvalidArgument(prefix, "input and out_backprop must have the same "
                                          "batch size"));
      OP_REQUIRES(ctx, got.dim_size(L.feature_dim()) == out_depth,
                  errors::InvalidArgument(prefix, "filter and out_backprop must have the same "
                                          "out_depth"));
      for (int i = 0; i < S; ++i) {
        const int64_t actual = got.dim_size(L.spatial_dim(i));
        OP_REQUIRES(ctx, actual == out_spatial[i],
                    errors::InvalidArgument(
                        prefix, "Size of out_backprop doesn't match computed: actual = ", actual,
                        ", computed = ", out_spatial[i], " spatial_dim: ", L.spatial_dim(i),
                        " input: ", in_spatial[i], " filter: ", window[i],
                        " output: ", actual, " stride: ", attrs_.strides[i],
                        " dilation: ", attrs_.dilations[i]));
      }
    }
    const TensorShape& result_shape =
        K == Kind::kForward ? out_shape : K == Kind::kBackpropInput ? in_shape : filter_shape;
    Tensor* result = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, result_shape, &result));
    if (result->NumElements() == 0) return;
    const int64_t in_p = Product(in_spatial), out_p = Product(out_spatial);
    Tensor h_in, h_filter, h_dout, h_out;
    const C *in_c = nullptr, *filter_c = nullptr, *dout_c = nullptr;
    if (input_t) {
      OP_REQUIRES_OK(ctx, (ToComputeForm<T, C>(ctx, *input_t, last, batch, in_depth, in_p,
                                               &h_in, &in_c)));
    }
    if (filter_t) {
      OP_REQUIRES_OK(ctx, (ToComputeForm<T, C>(ctx, *filter_t, true, 1, 1,
                                               filter_t->NumElements(), &h_filter, &filter_c)));
    }
    if (dout_t) {
      OP_REQUIRES_OK(ctx, (ToComputeForm<T, C>(ctx, *dout_t, last, batch, out_depth, out_p,
                                               &h_dout, &dout_c)));
    }
    C* out_c = nullptr;
    const bool result_last = K == Kind::kBackpropFilter ? true : last;
    OP_REQUIRES_OK(ctx, (OutputBuffer<T, C>(ctx, result, result_last, &h_out, &out_c)));
    if constexpr (K == Kind::kForward) {
      OP_REQUIRES_OK(ctx, ConvForward<C>(ctx, g, in_c, filter_c, out_c));
      FinishOutput<T, C>(ctx, out_c, last, batch, out_depth, out_p, result);
    } else if constexpr (K == Kind::kBackpropInput) {
      OP_REQUIRES_OK(ctx, ConvBackpropInput<C>(ctx, g, filter_c, dout_c, out_c));
      FinishOutput<T, C>(ctx, out_c, last, batch, in_depth, in_p, result);
    } else {
      OP_REQUIRES_OK(ctx, ConvBackpropFilter<C>(ctx, g, in_c, dout_c, out_c));
      FinishOutput<T, C>(ctx, out_c, true, 1, 1, result->NumElements(), result);
    }
  }

 private:
  std::string op_;
  WindowAttrs attrs_;
};

#define TFC_REGISTER_CONV(T)                                                                  \
  REGISTER_KERNEL_BUILDER(Name("Conv2D").Device(DEVICE_CPU).TypeConstraint<T>("T"),           \
                          ConvOp<T, 2, Kind::kForward>);                                      \
  REGISTER_KERNEL_BUILDER(                                                                    \
      Name("Conv2DBackpropInput").Device(DEVICE_CPU).TypeConstraint<T>("T"),                  \
      ConvOp<T, 2, Kind::kBackpropInput>);                                                    \
  REGISTER_KERNEL_BUILDER(                                                                    \
      Name("Conv2DBackpropFilter").Device(DEVICE_CPU).TypeConstraint<T>("T"),                 \
      ConvOp<T, 2, Kind::kBackpropFilter>);                                                   \
  REGISTER_KERNEL_BUILDER(Name("Conv3D").Device(DEVICE_CPU).TypeConstraint<T>("T"),           \
                          ConvOp<T, 3, Kind::kForward>);                                      \
  REGISTER_KERNEL_BUILDER(                                                                    \
      Name("Conv3DBackpropInputV2").Device(DEVICE_CPU).TypeConstraint<T>("T"),                \
      ConvOp<T, 3, Kind::kBackpropInput>);                                                    \
  REGISTER_KERNEL_BUILDER(                                                                    \
      Name("Conv3DBackpropFilterV2").Device(DEVICE_CPU).TypeConstraint<T>("T"),               \
      ConvOp<T, 3, Kind::kBackpropFilter>);
TF_CALL_half(TFC_REGISTER_CONV)
TF_CALL_bfloat16(TFC_REGISTER_CONV)
TF_CALL_float(TFC_REGISTER_CONV)
TF_CALL_double(TFC_REGISTER_CONV)
#undef TFC_REGISTER_CONV

}  // namespace
}  // namespace conv
}  // namespace tfc
