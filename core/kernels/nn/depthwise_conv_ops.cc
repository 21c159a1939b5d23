// DepthwiseConv2dNative and its input/filter backprops: direct channels-last loops.
// out[n, p, c * M + m] = sum over taps of in[n, q, c] * filter[k, c, m].
#include <algorithm>
#include <string>
#include <vector>

#include "core/framework/op_kernel.h"
#include "core/framework/register_types.h"
#include "core/kernels/nn/conv_layout.h"

namespace tfc {
namespace conv {
namespace {

enum class Kind { kForward, kBackpropInput, kBackpropFilter };

// fn(kk, q) for each kernel tap kk of output position (oh, ow) that lands inside the input.
template <typename Fn>
void ForEachTap(const Geometry& g, int64_t p, Fn&& fn) {
  const int64_t oh = p / g.out[2], ow = p % g.out[2];
  for (int64_t kh = 0; kh < g.k[1]; ++kh) {
    const int64_t ih = oh * g.stride[1] - g.pad[1] + kh * g.dil[1];
    if (ih < 0 || ih >= g.in[1]) continue;
    for (int64_t kw = 0; kw < g.k[2]; ++kw) {
      const int64_t iw = ow * g.stride[2] - g.pad[2] + kw * g.dil[2];
      if (iw < 0 || iw >= g.in[2]) continue;
      fn(kh * g.k[2] + kw, ih * g.in[2] + iw);
    }
  }
}

template <typename C>
void Forward(const OpKernelContext* ctx, const Geometry& g, int64_t M, const C* in,
             const C* filter, C* out) {
  const int64_t P = g.out_size(), D = g.in_depth, OD = D * M;
  ctx->ParallelFor(g.batch * P, g.k_size() * OD + 1, [&](int64_t b, int64_t e) {
    for (int64_t r = b; r < e; ++r) {
      const int64_t n = r / P;
      C* dst = out + r * OD;
      std::fill(dst, dst + OD, C(0));
      const C* src = in + n * g.in_size() * D;
      ForEachTap(g, r % P, [&](int64_t kk, int64_t q) {
        const C* x = src + q * D;
        const C* f = filter + kk * OD;
        for (int64_t c = 0; c < D; ++c)
          for (int64_t m = 0; m < M; ++m) dst[c * M + m] += x[c] * f[c * M + m];
      });
    }
  });
}

template <typename C>
void BackpropInput(const OpKernelContext* ctx, const Geometry& g, int64_t M, const C* filter,
                   const C* dout, C* din) {
  const int64_t P = g.out_size(), D = g.in_depth, OD = D * M, image = g.in_size() * D;
  ctx->ParallelFor(g.batch, P * g.k_size() * OD + 1, [&](int64_t b, int64_t e) {
    for (int64_t n = b; n < e; ++n) {
      C* dst = din + n * image;
      std::fill(dst, dst + image, C(0));
      for (int64_t p = 0; p < P; ++p) {
        const C* dy = dout + (n * P + p) * OD;
        ForEachTap(g, p, [&](int64_t kk, int64_t q) {
          C* dx = dst + q * D;
          const C* f = filter + kk * OD;
          for (int64_t c = 0; c < D; ++c) {
            C s = C(0);
            for (int64_t m = 0; m < M; ++m) s += dy[c * M + m] * f[c * M + m];
            dx[c] += s;
          }
        });
      }
    }
  });
}

template <typename C>
void BackpropFilter(const OpKernelContext* ctx, const Geometry& g, int64_t M, const C* in,
                    const C* dout, C* dfilter) {
  const int64_t P = g.out_size(), D = g.in_depth, OD = D * M, K = g.k_size();
  std::fill(dfilter, dfilter + K * OD, C(0));
  // Each kernel tap's slice of the filter gradient is summed by one thread.
  ctx->ParallelFor(K, g.batch * P * OD + 1, [&](int64_t b, int64_t e) {
    for (int64_t n = 0; n < g.batch; ++n) {
      const C* src = in + n * g.in_size() * D;
      for (int64_t p = 0; p < P; ++p) {
        const C* dy = dout + (n * P + p) * OD;
        ForEachTap(g, p, [&](int64_t kk, int64_t q) {
          if (kk < b || kk >= e) return;
          C* df = dfilter + kk * OD;
          const C* x = src + q * D;
          for (int64_t c = 0; c < D; ++c)
            for (int64_t m = 0; m < M; ++m) df[c * M + m] += x[c] * dy[c * M + m];
        });
      }
    }
  });
}

Status ShapeFromSizes(const Tensor& t, const std::string& op, const std::string& what,
                      TensorShape* out) {
  if (t.dims() != 1 || t.NumElements() != 4) {
    return errors::InvalidArgument(op, ": ", what, " input must be 1-dim with 4 elements, got ",
                                   t.shape().DebugString());
  }
  std::vector<int64_t> dims(t.data<int32_t>(), t.data<int32_t>() + 4);
  return TensorShape::Make(dims, out);
}

template <typename T, Kind K>
class DepthwiseOp : public OpKernel {
 public:
  explicit DepthwiseOp(OpKernelConstruction* ctx) : OpKernel(ctx) {
    op_ = ctx->def().op();
    OP_REQUIRES_OK(ctx, ParseConvAttrs(ctx->def(), "DepthwiseConv2D", 2, &attrs_));
    OP_REQUIRES_OK(ctx, CheckKernelStridesDilations(attrs_, 4, true));
    OP_REQUIRES(ctx, attrs_.strides[0] == attrs_.strides[1],
                errors::InvalidArgument("Current implementation only supports equal length "
                                        "strides in the row and column dimensions."));
  }

  void Compute(OpKernelContext* ctx) override {
    using C = ComputeType<T>;
    const Layout& L = attrs_.layout;
    const bool last = L.channels_last;
    TensorShape in_shape, f_shape;
    const Tensor *x_t = nullptr, *f_t = nullptr, *dy_t = nullptr;
    if constexpr (K == Kind::kForward) {
      x_t = &ctx->input(0);
      f_t = &ctx->input(1);
      in_shape = x_t->shape();
      f_shape = f_t->shape();
    } else if constexpr (K == Kind::kBackpropInput) {
      OP_REQUIRES_OK(ctx, ShapeFromSizes(ctx->input(0), op_, "input_sizes", &in_shape));
      f_t = &ctx->input(1);
      dy_t = &ctx->input(2);
      f_shape = f_t->shape();
    } else {
      x_t = &ctx->input(0);
      OP_REQUIRES_OK(ctx, ShapeFromSizes(ctx->input(1), op_, "filter_sizes", &f_shape));
      dy_t = &ctx->input(2);
      in_shape = x_t->shape();
    }
    OP_REQUIRES(ctx, in_shape.dims() == 4,
                errors::InvalidArgument("input must be 4-dimensional",
                                        in_shape.DebugString()));
    OP_REQUIRES(ctx, f_shape.dims() == 4,
                errors::InvalidArgument("filter must be 4-dimensional: ",
                                        f_shape.DebugString()));
    int64_t batch = 0, depth = 0;
    std::vector<int64_t> in_spatial;
    SplitShape(L, in_shape, &batch, &in_spatial, &depth);
    OP_REQUIRES(ctx, depth == f_shape.dim_size(2),
                errors::InvalidArgument("input and filter must have the same depth: ", depth,
                                        " vs ", f_shape.dim_size(2)));
    const int64_t M = f_shape.dim_size(3), out_depth = depth * M;
    Geometry g;
    OP_REQUIRES_OK(ctx, MakeGeometry(in_spatial, {f_shape.dim_size(0), f_shape.dim_size(1)},
                                     attrs_, &g));
    g.batch = batch;
    g.in_depth = depth;
    g.out_depth = out_depth;
    const std::vector<int64_t> out_spatial = {g.out[1], g.out[2]};
    const TensorShape out_shape = ShapeInLayout(L, batch, out_spatial, out_depth);
    if (dy_t) {
      OP_REQUIRES(ctx, dy_t->shape() == out_shape,
                  errors::InvalidArgument(op_, ": out_backprop has shape ",
                                          dy_t->shape().DebugString(), " but should be ",
                                          out_shape.DebugString()));
    }
    const TensorShape& result_shape =
        K == Kind::kForward ? out_shape : K == Kind::kBackpropInput ? in_shape : f_shape;
    Tensor* result = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, result_shape, &result));
    if (result->NumElements() == 0) return;
    const int64_t in_p = g.in_size(), out_p = g.out_size();
    Tensor h_x, h_f, h_dy, h_out;
    const C *x = nullptr, *f = nullptr, *dy = nullptr;
    if (x_t) {
      OP_REQUIRES_OK(ctx, (ToComputeForm<T, C>(ctx, *x_t, last, batch, depth, in_p, &h_x, &x)));
    }
    if (f_t) {
      OP_REQUIRES_OK(ctx, (ToComputeForm<T, C>(ctx, *f_t, true, 1, 1, f_t->NumElements(), &h_f,
                                               &f)));
    }
    if (dy_t) {
      OP_REQUIRES_OK(ctx, (ToComputeForm<T, C>(ctx, *dy_t, last, batch, out_depth, out_p,
                                               &h_dy, &dy)));
    }
    C* out = nullptr;
    const bool result_last = K == Kind::kBackpropFilter ? true : last;
    OP_REQUIRES_OK(ctx, (OutputBuffer<T, C>(ctx, result, result_last, &h_out, &out)));
    if constexpr (K == Kind::kForward) {
      Forward<C>(ctx, g, M, x, f, out);
      FinishOutput<T, C>(ctx, out, last, batch, out_depth, out_p, result);
    } else if constexpr (K == Kind::kBackpropInput) {
      BackpropInput<C>(ctx, g, M, f, dy, out);
      FinishOutput<T, C>(ctx, out, last, batch, depth, in_p, result);
    } else {
      BackpropFilter<C>(ctx, g, M, x, dy, out);
      FinishOutput<T, C>(ctx, out, true, 1, 1, result->NumElements(), result);
    }
  }

 private:
  std::string op_;
  WindowAttrs attrs_;
};

#define TFC_REGISTER_DEPTHWISE(T)                                                             \
  REGISTER_KERNEL_BUILDER(                                                                    \
      Name("DepthwiseConv2dNative").Device(DEVICE_CPU).TypeConstraint<T>("T"),                \
      DepthwiseOp<T, Kind::kForward>);                                                        \
  REGISTER_KERNEL_BUILDER(                                                                    \
      Name("DepthwiseConv2dNativeBackpropInput").Device(DEVICE_CPU).TypeConstraint<T>("T"),   \
      DepthwiseOp<T, Kind::kBackpropInput>);                                                  \
  REGISTER_KERNEL_BUILDER(                                                                    \
      Name("DepthwiseConv2dNativeBackpropFilter").Device(DEVICE_CPU).TypeConstraint<T>("T"),  \
      DepthwiseOp<T, Kind::kBackpropFilter>);
TF_CALL_FLOAT_TYPES(TFC_REGISTER_DEPTHWISE)
#undef TFC_REGISTER_DEPTHWISE

}  // namespace
}  // namespace conv
}  // namespace tfc
