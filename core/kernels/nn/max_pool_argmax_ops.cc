// MaxPoolWithArgmax and the two gradient ops that consume its argmax (NHWC only, as in TF).
// argmax = ((b * height + y) * width + x) * channels + c, the batch term only with
// include_batch_in_index; ties go to the first maximum in window order.
#include <string>
#include <vector>

#include "core/framework/op_kernel.h"
#include "core/framework/register_types.h"
#include "core/kernels/nn/conv_layout.h"
#include "core/kernels/nn/pooling_core.h"

namespace tfc {
namespace conv {
namespace {

enum class ArgKind { kForward, kGrad, kGradGrad };

template <typename T, ArgKind K>
class MaxPoolArgmaxOp : public OpKernel {
 public:
  explicit MaxPoolArgmaxOp(OpKernelConstruction* ctx) : OpKernel(ctx) {
    OP_REQUIRES_OK(ctx, ParsePoolAttrs(ctx->def(), ctx->def().op(), 2, true, &attrs_));
    OP_REQUIRES_OK(ctx, ctx->GetAttr("include_batch_in_index", &include_batch_));
  }

  void Compute(OpKernelContext* ctx) override {
    using C = ComputeType<T>;
    const Tensor& input = ctx->input(0);
    OP_REQUIRES(ctx, input.dims() == 4,
                errors::InvalidArgument("input must be 4-dimensional"));
    int64_t batch = 0, depth = 0;
    std::vector<int64_t> in_spatial;
    SplitShape(attrs_.layout, input.shape(), &batch, &in_spatial, &depth);
    Geometry g;
    OP_REQUIRES_OK(ctx, MakeGeometry(in_spatial, attrs_.ksize, attrs_, &g));
    g.batch = batch;
    g.in_depth = g.out_depth = depth;
    const TensorShape out_shape({batch, g.out[1], g.out[2], depth});
    const int64_t image = g.in_size() * depth, pooled = g.out_size() * depth;
    Tensor h_in;
    const C* x = nullptr;
    if constexpr (K == ArgKind::kForward) {
      Tensor *out = nullptr, *arg = nullptr;
      OP_REQUIRES_OK(ctx, ctx->allocate_output(0, out_shape, &out));
      OP_REQUIRES_OK(ctx, ctx->allocate_output(1, out_shape, &arg));
      if (out->NumElements() == 0) return;
      OP_REQUIRES_OK(ctx, (ToComputeForm<T, C>(ctx, input, true, batch, depth, g.in_size(),
                                               &h_in, &x)));
      Tensor h_out;
      C* y = nullptr;
      OP_REQUIRES_OK(ctx, (OutputBuffer<T, C>(ctx, out, true, &h_out, &y)));
      int64_t* a = arg->data<int64_t>();
      MaxPoolForward<C>(ctx, g, x, y, a);
      if (include_batch_) {
        for (int64_t i = 0; i < arg->NumElements(); ++i) a[i] += (i / pooled) * image;
      }
      FinishOutput<T, C>(ctx, y, true, batch, depth, g.out_size(), out);
    } else {
      const Tensor& grad = ctx->input(1);
      const Tensor& argmax = ctx->input(2);
      const TensorShape& grad_want = K == ArgKind::kGrad ? out_shape : input.shape();
      OP_REQUIRES(ctx, grad.shape() == grad_want,
                  errors::InvalidArgument("Expected grad shape to be ", grad_want.DebugString(),
                                          ", but got ", grad.shape().DebugString()));
      OP_REQUIRES(ctx, argmax.shape() == out_shape,
                  errors::InvalidArgument("Expected argmax shape to be ",
                                          out_shape.DebugString(), ", but got ",
                                          argmax.shape().DebugString()));
      Tensor* out = nullptr;
      OP_REQUIRES_OK(ctx, ctx->allocate_output(0, K == ArgKind::kGrad ? input.shape() : out_shape,
                                               &out));
      if (out->NumElements() == 0) return;
      const int64_t n_arg = argmax.NumElements();
      const int64_t total_in = batch * image;
      // Flat input index of each pooled element, checked so a bad argmax cannot write outside.
      std::vector<int64_t> idx(n_arg);
      for (int64_t i = 0; i < n_arg; ++i) {
        int64_t v = argmax.dtype() == DT_INT64 ? argmax.data<int64_t>()[i]
                                               : argmax.data<int32_t>()[i];
        if (!include_batch_) v += (i / pooled) * image;
        OP_REQUIRES(ctx, v >= 0 && v < total_in,
                    errors::InvalidArgument("Received argmax value ", v,
                                            " that is out of range for an input of ", total_in,
                                            " elements"));
        idx[i] = v;
      }
      const T* gr = grad.data<T>();
      T* dst = out->data<T>();
      if constexpr (K == ArgKind::kGrad) {
        std::vector<C> acc(total_in, C(0));
        for (int64_t i = 0; i < n_arg; ++i) acc[idx[i]] += static_cast<C>(gr[i]);
        for (int64_t i = 0; i < total_in; ++i) dst[i] = static_cast<T>(acc[i]);
      } else {
        for (int64_t i = 0; i < n_arg; ++i) dst[i] = gr[idx[i]];
      }
    }
  }

 private:
  WindowAttrs attrs_;
  bool include_batch_ = false;
};

#define TFC_REGISTER_ARGMAX(T)                                                           \
  REGISTER_KERNEL_BUILDER(Name("MaxPoolWithArgmax")                                      \
                              .Device(DEVICE_CPU)                                        \
                              .TypeConstraint<int64_t>("Targmax")                        \
                              .TypeConstraint<T>("T"),                                   \
                          MaxPoolArgmaxOp<T, ArgKind::kForward>);                        \
  REGISTER_KERNEL_BUILDER(Name("MaxPoolGradWithArgmax")                                  \
                              .Device(DEVICE_CPU)                                        \
                              .TypeConstraint("Targmax", {DT_INT32, DT_INT64})           \
                              .TypeConstraint<T>("T"),                                   \
                          MaxPoolArgmaxOp<T, ArgKind::kGrad>);                           \
  REGISTER_KERNEL_BUILDER(Name("MaxPoolGradGradWithArgmax")                              \
                              .Device(DEVICE_CPU)                                        \
                              .TypeConstraint("Targmax", {DT_INT32, DT_INT64})           \
                              .TypeConstraint<T>("T"),                                   \
                          MaxPoolArgmaxOp<T, ArgKind::kGradGrad>);
TF_CALL_FLOAT_TYPES(TFC_REGISTER_ARGMAX)
TF_CALL_int32(TFC_REGISTER_ARGMAX)
TF_CALL_int64(TFC_REGISTER_ARGMAX)
#undef TFC_REGISTER_ARGMAX

}  // namespace
}  // namespace conv
}  // namespace tfc
