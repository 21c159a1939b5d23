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

constexpr ConvPass PassOf(ConvKind k) {
  return k == ConvKind::kForward        ? ConvPass::kForward
         : k == ConvKind::kBackwardData ? ConvPass::kBackpropInput
                                        : ConvPass::kBackpropFilter;
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
    ConvProblem p;
    OP_REQUIRES_OK(ctx, PrepareConv(ctx, PassOf(K), 2, op_, attrs_, "GPU", &p));
    const Geometry& g = p.g;
    const Tensor* input_t = p.input;
    const Tensor* filter_t = p.filter;
    const Tensor* dout_t = p.dout;
    const int64_t batch = p.batch, in_depth = p.in_depth, out_depth = p.out_depth;
    Tensor* result = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, p.result_shape(), &result));
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
