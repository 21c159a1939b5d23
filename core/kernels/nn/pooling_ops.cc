// MaxPool(V2), AvgPool, MaxPool3D, AvgPool3D with their gradients and the max pools' second
// gradients on the CPU (pooling_core.h).
#include <string>
#include <vector>

#include "core/framework/op_kernel.h"
#include "core/framework/register_types.h"
#include "core/kernels/nn/conv_layout.h"
#include "core/kernels/nn/pooling_core.h"

namespace tfc {
namespace conv {
namespace {

enum class Pool { kMax, kMaxGrad, kMaxGradGrad, kAvg, kAvgGrad };

int64_t Product(const std::vector<int64_t>& v) {
  int64_t p = 1;
  for (int64_t x : v) p *= x;
  return p;
}

Status ReadIntList(const Tensor& t, const char* name, std::vector<int64_t>* out) {
  if (t.dims() != 1 || t.dtype() != DT_INT32) {
    return errors::InvalidArgument(name, " must be a 1-D int32 tensor, got shape ",
                                   t.shape().DebugString());
  }
  out->assign(t.data<int32_t>(), t.data<int32_t>() + t.NumElements());
  return OkStatus();
}

template <typename T, int S, Pool K, bool V2>
class PoolOp : public OpKernel {
 public:
  explicit PoolOp(OpKernelConstruction* ctx) : OpKernel(ctx) {
    OP_REQUIRES_OK(ctx, ParsePoolAttrs(ctx->def(), ctx->def().op(), S, !V2, &attrs_));
  }

  void Compute(OpKernelContext* ctx) override {
    using C = ComputeType<T>;
    const int rank = S + 2;
    WindowAttrs a = attrs_;
    if constexpr (V2) {
      std::vector<int64_t> ksize, strides;
      const int n = ctx->num_inputs();
      OP_REQUIRES_OK(ctx, ReadIntList(ctx->input(n - 2), "ksize", &ksize));
      OP_REQUIRES_OK(ctx, ReadIntList(ctx->input(n - 1), "strides", &strides));
      OP_REQUIRES_OK(ctx, SetPoolWindow(ksize, strides, def().op(), &a));
    }
    const Layout& L = a.layout;
    const bool last = L.channels_last;
    TensorShape in_shape;
    if constexpr (K == Pool::kAvgGrad) {
      const Tensor& sizes = ctx->input(0);
      OP_REQUIRES(ctx, sizes.dims() == 1 && sizes.NumElements() == rank,
                  errors::InvalidArgument("out_backprop must be 1-dimensional and ", rank,
                                          " elements"));
      std::vector<int64_t> dims(sizes.data<int32_t>(), sizes.data<int32_t>() + rank);
      OP_REQUIRES_OK(ctx, TensorShape::Make(dims, &in_shape));
    } else {
      in_shape = ctx->input(0).shape();
      OP_REQUIRES(ctx, in_shape.dims() == rank,
                  errors::InvalidArgument(K == Pool::kMax || K == Pool::kAvg ? "input" : "orig_input",
                                          " must be ", rank, "-dimensional"));
    }
    int64_t batch = 0, depth = 0;
    std::vector<int64_t> in_spatial;
    SplitShape(L, in_shape, &batch, &in_spatial, &depth);
    Geometry g;
    OP_REQUIRES_OK(ctx, MakeGeometry(in_spatial, a.ksize, a, &g));
    g.batch = batch;
    g.in_depth = g.out_depth = depth;
    const std::vector<int64_t> out_spatial(g.out + 3 - S, g.out + 3);
    const TensorShape out_shape = ShapeInLayout(L, batch, out_spatial, depth);
    const int64_t in_p = Product(in_spatial), out_p = Product(out_spatial);
    // Which tensor holds what, and the shape each must have.
    auto expect = [&](int i, const TensorShape& want, const char* name) -> Status {
      if (ctx->input(i).shape() != want) {
        return errors::InvalidArgument("Expected ", name, " shape to be ", want.DebugString(),
                                       ", but got ", ctx->input(i).shape().DebugString());
      }
      return OkStatus();
    };
    if constexpr (K == Pool::kMaxGrad) {
      OP_REQUIRES_OK(ctx, expect(1, out_shape, "orig_output"));
      OP_REQUIRES_OK(ctx, expect(2, out_shape, "grad"));
    } else if constexpr (K == Pool::kMaxGradGrad) {
      OP_REQUIRES_OK(ctx, expect(1, out_shape, "orig_output"));
      OP_REQUIRES_OK(ctx, expect(2, in_shape, "grad"));
    } else if constexpr (K == Pool::kAvgGrad) {
      OP_REQUIRES_OK(ctx, expect(1, out_shape, "grad"));
    }
    const bool to_input = K == Pool::kMaxGrad || K == Pool::kAvgGrad;
    Tensor* result = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, to_input ? in_shape : out_shape, &result));
    if (result->NumElements() == 0) return;
    Tensor h0, h1, h2, h_out, arg_t;
    const C *x = nullptr, *y = nullptr, *dy = nullptr;
    C* out = nullptr;
    OP_REQUIRES_OK(ctx, (OutputBuffer<T, C>(ctx, result, last, &h_out, &out)));
    auto need_argmax = [&]() -> Status {
      TFC_RETURN_IF_ERROR(ctx->allocate_temp(DT_INT64, TensorShape({batch * out_p * depth}),
                                             &arg_t));
      Tensor pooled;
      TFC_RETURN_IF_ERROR(ctx->allocate_temp(DataTypeToEnum<C>::value,
                                             TensorShape({batch * out_p * depth}), &pooled));
      MaxPoolForward<C>(ctx, g, x, pooled.data<C>(), arg_t.data<int64_t>());
      return OkStatus();
    };
    if constexpr (K == Pool::kAvgGrad) {
      OP_REQUIRES_OK(ctx, (ToComputeForm<T, C>(ctx, ctx->input(1), last, batch, depth, out_p,
                                               &h1, &dy)));
      AvgPoolBackward<C>(ctx, g, dy, out);
      FinishOutput<T, C>(ctx, out, last, batch, depth, in_p, result);
      return;
    }
    OP_REQUIRES_OK(ctx, (ToComputeForm<T, C>(ctx, ctx->input(0), last, batch, depth, in_p,
                                             &h0, &x)));
    if constexpr (K == Pool::kMax) {
      MaxPoolForward<C>(ctx, g, x, out, nullptr);
      FinishOutput<T, C>(ctx, out, last, batch, depth, out_p, result);
    } else if constexpr (K == Pool::kAvg) {
      AvgPoolForward<C>(ctx, g, x, out);
      FinishOutput<T, C>(ctx, out, last, batch, depth, out_p, result);
    } else if constexpr (K == Pool::kMaxGrad) {
      OP_REQUIRES_OK(ctx, (ToComputeForm<T, C>(ctx, ctx->input(2), last, batch, depth, out_p,
                                               &h2, &dy)));
      if constexpr (S == 3) {
        OP_REQUIRES_OK(ctx, (ToComputeForm<T, C>(ctx, ctx->input(1), last, batch, depth, out_p,
                                                 &h1, &y)));
        MaxPoolGradTolerance<C>(ctx, g, x, y, dy, out);
      } else {
        OP_REQUIRES_OK(ctx, need_argmax());
        MaxPoolScatter<C>(ctx, g, arg_t.data<int64_t>(), dy, out);
      }
      FinishOutput<T, C>(ctx, out, last, batch, depth, in_p, result);
    } else if constexpr (K == Pool::kMaxGradGrad) {
      OP_REQUIRES_OK(ctx, (ToComputeForm<T, C>(ctx, ctx->input(2), last, batch, depth, in_p,
                                               &h2, &dy)));
      OP_REQUIRES_OK(ctx, need_argmax());
      MaxPoolGather<C>(ctx, g, arg_t.data<int64_t>(), dy, out);
      FinishOutput<T, C>(ctx, out, last, batch, depth, out_p, result);
    }
    (void)y;
  }

 private:
  WindowAttrs attrs_;
};

#define TFC_REG(NAME, T, S, K, V2) \
  REGISTER_KERNEL_BUILDER(Name(NAME).Device(DEVICE_CPU).TypeConstraint<T>("T"), \
                          PoolOp<T, S, K, V2>);

#define TFC_REGISTER_MAXPOOL(T)                     \
  TFC_REG("MaxPool", T, 2, Pool::kMax, false)       \
  TFC_REG("MaxPoolV2", T, 2, Pool::kMax, true)
TF_CALL_FLOAT_TYPES(TFC_REGISTER_MAXPOOL)
TF_CALL_int32(TFC_REGISTER_MAXPOOL)
TF_CALL_int64(TFC_REGISTER_MAXPOOL)
TF_CALL_uint8(TFC_REGISTER_MAXPOOL)
TF_CALL_int16(TFC_REGISTER_MAXPOOL)
TF_CALL_int8(TFC_REGISTER_MAXPOOL)
TF_CALL_uint16(TFC_REGISTER_MAXPOOL)
#undef TFC_REGISTER_MAXPOOL

#define TFC_REGISTER_MAXPOOL_GRAD(T)                             \
  TFC_REG("MaxPoolGrad", T, 2, Pool::kMaxGrad, false)            \
  TFC_REG("MaxPoolGradV2", T, 2, Pool::kMaxGrad, true)           \
  TFC_REG("MaxPoolGradGrad", T, 2, Pool::kMaxGradGrad, false)    \
  TFC_REG("MaxPoolGradGradV2", T, 2, Pool::kMaxGradGrad, true)
TF_CALL_FLOAT_TYPES(TFC_REGISTER_MAXPOOL_GRAD)
TF_CALL_int32(TFC_REGISTER_MAXPOOL_GRAD)
TF_CALL_int64(TFC_REGISTER_MAXPOOL_GRAD)
#undef TFC_REGISTER_MAXPOOL_GRAD

#define TFC_REGISTER_AVGPOOL(T)                          \
  TFC_REG("AvgPool", T, 2, Pool::kAvg, false)            \
  TFC_REG("AvgPoolGrad", T, 2, Pool::kAvgGrad, false)    \
  TFC_REG("AvgPool3D", T, 3, Pool::kAvg, false)          \
  TFC_REG("AvgPool3DGrad", T, 3, Pool::kAvgGrad, false)  \
  TFC_REG("MaxPool3DGradGrad", T, 3, Pool::kMaxGradGrad, false)
TF_CALL_FLOAT_TYPES(TFC_REGISTER_AVGPOOL)
#undef TFC_REGISTER_AVGPOOL

#define TFC_REGISTER_POOL3D(T)                   \
  TFC_REG("MaxPool3D", T, 3, Pool::kMax, false)  \
  REGISTER_KERNEL_BUILDER(Name("MaxPool3DGrad")  \
                              .Device(DEVICE_CPU) \
                              .TypeConstraint<T>("T") \
                              .TypeConstraint<T>("TInput"), \
                          PoolOp<T, 3, Pool::kMaxGrad, false>);
TF_CALL_half(TFC_REGISTER_POOL3D)
TF_CALL_bfloat16(TFC_REGISTER_POOL3D)
TF_CALL_float(TFC_REGISTER_POOL3D)
#undef TFC_REGISTER_POOL3D
#undef TFC_REG

}  // namespace
}  // namespace conv
}  // namespace tfc
