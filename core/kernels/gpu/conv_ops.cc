// Conv2D, Conv2DBackpropInput and Conv2DBackpropFilter on the GPU: the CPU kernel's checks and
// geometry, then cuDNN through conv_cudnn.h.
#include <algorithm>
#include <string>
#include <type_traits>
#include <vector>

#include "core/framework/op_kernel.h"
#include "core/framework/register_types.h"
#include "core/kernels/gpu/conv_cudnn.h"
#include "core/kernels/gpu/gpu_kernel_util.h"
#include "core/kernels/nn/conv_geometry.h"

namespace tfc {
namespace conv {
namespace {

Status ShapeFromSizes(const Tensor& t, const std::string& op, const std::string& what,
                      TensorShape* out) {
  if (t.dims() != 1) {
    return errors::InvalidArgument(op, ": ", what, " input must be 1-dim, not ", t.dims());
  }
  if (t.NumElements() != 4) {
    return errors::InvalidArgument(op, ": ", what, " must have 4 elements, got ",
                                   t.NumElements());
  }
  std::vector<int64_t> dims;
  for (int64_t i = 0; i < 4; ++i) {
    dims.push_back(t.dtype() == DT_INT64 ? t.data<int64_t>()[i] : t.data<int32_t>()[i]);
  }
  return TensorShape::Make(dims, out);
}

template <typename T, ConvKind K>
class Conv2DGpuOp : public OpKernel {
 public:
  explicit Conv2DGpuOp(OpKernelConstruction* ctx) : OpKernel(ctx) {
    op_ = ctx->def().op();
    OP_REQUIRES_OK(ctx, ParseConvAttrs(ctx->def(), "Conv2D", 2, &attrs_));
    OP_REQUIRES_OK(ctx, CheckKernelStridesDilations(attrs_, 4, true));
  }

  void Compute(OpKernelContext* ctx) override {
    const Layout& L = attrs_.layout;
    TensorShape in_shape, filter_shape;
    const Tensor* input_t = nullptr;
    const Tensor* filter_t = nullptr;
    const Tensor* dout_t = nullptr;
    const std::string prefix = K == ConvKind::kForward ? "" : op_ + ": ";
    if constexpr (K == ConvKind::kForward) {
      input_t = &ctx->input(0);
      filter_t = &ctx->input(1);
      in_shape = input_t->shape();
      filter_shape = filter_t->shape();
    } else if constexpr (K == ConvKind::kBackwardData) {
      OP_REQUIRES_OK(ctx, ShapeFromSizes(ctx->input(0), op_, "input_sizes", &in_shape));
      filter_t = &ctx->input(1);
      dout_t = &ctx->input(2);
      filter_shape = filter_t->shape();
    } else {
      input_t = &ctx->input(0);
      OP_REQUIRES_OK(ctx, ShapeFromSizes(ctx->input(1), op_, "filter_sizes", &filter_shape));
      dout_t = &ctx->input(2);
      in_shape = input_t->shape();
    }
    OP_REQUIRES(ctx, in_shape.dims() == 4,
                errors::InvalidArgument(prefix, "input must be 4-dimensional",
                                        K == ConvKind::kForward ? in_shape.DebugString() : ""));
    OP_REQUIRES(ctx, filter_shape.dims() == 4,
                errors::InvalidArgument(prefix, "filter must be 4-dimensional: ",
                                        filter_shape.DebugString()));
    int64_t batch = 0, in_depth = 0;
    std::vector<int64_t> in_spatial;
    SplitShape(L, in_shape, &batch, &in_spatial, &in_depth);
    const int64_t f_in = filter_shape.dim_size(2), out_depth = filter_shape.dim_size(3);
    if (K == ConvKind::kForward) {
      OP_REQUIRES(ctx, f_in > 0 && in_depth % f_in == 0,
                  errors::InvalidArgument("input depth must be evenly divisible by filter depth: ",
                                          in_depth, " vs ", f_in));
      OP_REQUIRES(ctx, in_depth == f_in,
                  errors::Unimplemented(
                      "The ", op_, " op currently does not support grouped convolutions on the "
                      "GPU. A grouped convolution was attempted to be run because the input "
                      "depth of ", in_depth, " does not match the filter input depth of ", f_in));
    } else {
      OP_REQUIRES(ctx, in_depth == f_in,
                  errors::InvalidArgument(prefix, "input and filter must have the same depth"));
    }
    const std::vector<int64_t> window = {filter_shape.dim_size(0), filter_shape.dim_size(1)};
    Geometry g;
    OP_REQUIRES_OK(ctx, MakeGeometry(in_spatial, window, attrs_, &g));
    const std::vector<int64_t> out_spatial = {g.out[1], g.out[2]};
    const TensorShape out_shape = ShapeInLayout(L, batch, out_spatial, out_depth);
    if (K != ConvKind::kForward) {
      const TensorShape& got = dout_t->shape();
      OP_REQUIRES(ctx, got.dims() == 4,
                  errors::InvalidArgument(prefix, "out_backprop must be 4-dimensional"));
      OP_REQUIRES(ctx, got.dim_size(L.batch_dim()) == batch,
                  errors::InvalidArgument(prefix, "input and out_backprop must have the same "
                                          "batch size"));
      OP_REQUIRES(ctx, got.dim_size(L.feature_dim()) == out_depth,
                  errors::InvalidArgument(prefix, "filter and out_backprop must have the same "
                                          "out_depth"));
      for (int i = 0; i < 2; ++i) {
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
    const TensorShape& result_shape = K == ConvKind::kForward        ? out_shape
                                      : K == ConvKind::kBackwardData ? in_shape
                                                                     : filter_shape;
    Tensor* result = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, result_shape, &result));
    if (result->NumElements() == 0) return;
    // TF's padding on each side; SAME pads the odd row/column at the bottom/right.
    int64_t before[2], after[2];
    for (int i = 0; i < 2; ++i) {
      const int j = i + 1;
      if (attrs_.padding == Padding::kExplicit) {
        before[i] = attrs_.pad_before[i];
        after[i] = attrs_.pad_after[i];
      } else {
        const int64_t eff = (g.k[j] - 1) * g.dil[j] + 1;
        const int64_t total =
            std::max<int64_t>(0, (g.out[j] - 1) * g.stride[j] + eff - g.in[j]);
        before[i] = g.pad[j];
        after[i] = std::max<int64_t>(0, total - before[i]);
      }
    }
    Conv2DSpec spec;
    spec.kind = K;
    spec.dtype = std::is_same_v<T, half> ? CUDNN_DATA_HALF : CUDNN_DATA_FLOAT;
    spec.elem_bytes = static_cast<int>(sizeof(T));
    spec.nhwc = L.channels_last;
    spec.batch = batch;
    spec.in_depth = in_depth;
    spec.in_h = g.in[1];
    spec.in_w = g.in[2];
    spec.out_depth = out_depth;
    spec.k_h = g.k[1];
    spec.k_w = g.k[2];
    spec.out_h = g.out[1];
    spec.out_w = g.out[2];
    spec.stride_h = g.stride[1];
    spec.stride_w = g.stride[2];
    spec.dil_h = g.dil[1];
    spec.dil_w = g.dil[2];
    spec.pad_top = before[0];
    spec.pad_bottom = after[0];
    spec.pad_left = before[1];
    spec.pad_right = after[1];

    CudnnCall call;
    OP_REQUIRES_OK(ctx, GetCudnnApi(&call.dnn));
    GpuDevice* device = GetGpuDevice(ctx);
    OP_REQUIRES_OK(ctx, device->cudnn(&call.handle));
    call.stream = device->stream();
    call.device_index = device->tf_index();
    std::vector<Tensor> scratch;  // freed in stream order once the work is queued
    call.scratch = [&](size_t bytes, void** out) -> Status {
      scratch.emplace_back();
      TFC_RETURN_IF_ERROR(ctx->allocate_temp(
          DT_INT8, TensorShape({static_cast<int64_t>(bytes)}), &scratch.back()));
      *out = scratch.back().raw_data();
      return OkStatus();
    };
    OP_REQUIRES_OK(ctx, RunConv2D(call, spec, input_t ? input_t->raw_data() : nullptr,
                                  filter_t ? filter_t->raw_data() : nullptr,
                                  dout_t ? dout_t->raw_data() : nullptr, result->raw_data()));
  }

 private:
  std::string op_;
  WindowAttrs attrs_;
};

#define TFC_REGISTER_CONV_GPU(T)                                                            \
  REGISTER_KERNEL_BUILDER(Name("Conv2D").Device(DEVICE_GPU).TypeConstraint<T>("T"),         \
                          Conv2DGpuOp<T, ConvKind::kForward>);                              \
  REGISTER_KERNEL_BUILDER(Name("Conv2DBackpropInput")                                       \
                              .Device(DEVICE_GPU)                                           \
                              .TypeConstraint<T>("T")                                       \
                              .HostMemory("input_sizes"),                                   \
                          Conv2DGpuOp<T, ConvKind::kBackwardData>);                         \
  REGISTER_KERNEL_BUILDER(Name("Conv2DBackpropFilter")                                      \
                              .Device(DEVICE_GPU)                                           \
                              .TypeConstraint<T>("T")                                       \
                              .HostMemory("filter_sizes"),                                  \
                          Conv2DGpuOp<T, ConvKind::kBackwardFilter>);
TF_CALL_half(TFC_REGISTER_CONV_GPU)
TF_CALL_float(TFC_REGISTER_CONV_GPU)
#undef TFC_REGISTER_CONV_GPU

}  // namespace
}  // namespace conv
}  // namespace tfc
