// MaxPool(V2), AvgPool and their gradients on the GPU: direct kernels (pool_kernels.h) that follow
// the CPU kernels' window rules, so results match them exactly (the max gradient goes to the
// first maximum of each window, the average excludes padding).
#include <string>
#include <type_traits>
#include <vector>

#include "core/framework/op_kernel.h"
#include "core/framework/register_types.h"
#include "core/kernels/gpu/gpu_kernel_util.h"
#include "core/kernels/gpu/pool_kernels.h"
#include "core/kernels/nn/conv_geometry.h"

namespace tfc {
namespace conv {
namespace {

enum class Pool { kMax, kMaxGrad, kAvg, kAvgGrad };

template <typename T>
using DeviceType = std::conditional_t<std::is_same_v<T, half>, __half, T>;

template <typename T>
const DeviceType<T>* Dev(const Tensor& t) {
  return reinterpret_cast<const DeviceType<T>*>(t.data<T>());
}
template <typename T>
DeviceType<T>* Dev(Tensor* t) {
  return reinterpret_cast<DeviceType<T>*>(t->data<T>());
}

Status ReadIntList(const Tensor& t, const char* name, std::vector<int64_t>* out) {
  if (t.dims() != 1 || t.dtype() != DT_INT32) {
    return errors::InvalidArgument(name, " must be a 1-D int32 tensor, got shape ",
                                   t.shape().DebugString());
  }
  out->assign(t.data<int32_t>(), t.data<int32_t>() + t.NumElements());
  return OkStatus();
}

template <typename T, Pool K, bool V2>
class PoolGpuOp : public OpKernel {
 public:
  explicit PoolGpuOp(OpKernelConstruction* ctx) : OpKernel(ctx) {
    OP_REQUIRES_OK(ctx, ParsePoolAttrs(ctx->def(), ctx->def().op(), 2, !V2, &attrs_));
    OP_REQUIRES(ctx, attrs_.layout.rank() == 4,
                errors::InvalidArgument(ctx->def().op(), " on the GPU supports 4-D tensors"));
  }

  void Compute(OpKernelContext* ctx) override {
    WindowAttrs a = attrs_;
    if constexpr (V2) {
      std::vector<int64_t> ksize, strides;
      const int n = ctx->num_inputs();
      OP_REQUIRES_OK(ctx, ReadIntList(ctx->input(n - 2), "ksize", &ksize));
      OP_REQUIRES_OK(ctx, ReadIntList(ctx->input(n - 1), "strides", &strides));
      OP_REQUIRES_OK(ctx, SetPoolWindow(ksize, strides, def().op(), &a));
    }
    const Layout& L = a.layout;
    TensorShape in_shape;
    if constexpr (K == Pool::kAvgGrad) {
      const Tensor& sizes = ctx->input(0);
      OP_REQUIRES(ctx, sizes.dims() == 1 && sizes.NumElements() == 4,
                  errors::InvalidArgument("out_backprop must be 1-dimensional and 4 elements"));
      std::vector<int64_t> dims(sizes.data<int32_t>(), sizes.data<int32_t>() + 4);
      OP_REQUIRES_OK(ctx, TensorShape::Make(dims, &in_shape));
    } else {
      in_shape = ctx->input(0).shape();
      OP_REQUIRES(ctx, in_shape.dims() == 4,
                  errors::InvalidArgument(K == Pool::kMax || K == Pool::kAvg ? "input"
                                                                             : "orig_input",
                                          " must be 4-dimensional"));
    }
    int64_t batch = 0, depth = 0;
    std::vector<int64_t> in_spatial;
    SplitShape(L, in_shape, &batch, &in_spatial, &depth);
    Geometry g;
    OP_REQUIRES_OK(ctx, MakeGeometry(in_spatial, a.ksize, a, &g));
    const std::vector<int64_t> out_spatial(g.out + 1, g.out + 3);
    const TensorShape out_shape = ShapeInLayout(L, batch, out_spatial, depth);
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
    } else if constexpr (K == Pool::kAvgGrad) {
      OP_REQUIRES_OK(ctx, expect(1, out_shape, "grad"));
    }
    const bool to_input = K == Pool::kMaxGrad || K == Pool::kAvgGrad;
    Tensor* result = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, to_input ? in_shape : out_shape, &result));
    if (result->NumElements() == 0) return;

    PoolDims d;
    d.batch = batch;
    d.depth = depth;
    d.in_h = g.in[1];
    d.in_w = g.in[2];
    d.out_h = g.out[1];
    d.out_w = g.out[2];
    d.k_h = g.k[1];
    d.k_w = g.k[2];
    d.stride_h = g.stride[1];
    d.stride_w = g.stride[2];
    d.pad_h = g.pad[1];
    d.pad_w = g.pad[2];
    d.nhwc = L.channels_last;
    cudaStream_t stream = GpuStream(ctx);
    if constexpr (K == Pool::kMax) {
      OP_REQUIRES_CUDA(ctx, LaunchMaxPool(stream, d, Dev<T>(ctx->input(0)), Dev<T>(result)));
    } else if constexpr (K == Pool::kAvg) {
      OP_REQUIRES_CUDA(ctx, LaunchAvgPool(stream, d, Dev<T>(ctx->input(0)), Dev<T>(result)));
    } else if constexpr (K == Pool::kMaxGrad) {
      OP_REQUIRES_CUDA(ctx, LaunchMaxPoolGrad(stream, d, Dev<T>(ctx->input(0)),
                                              Dev<T>(ctx->input(2)), Dev<T>(result)));
    } else {
      OP_REQUIRES_CUDA(ctx,
                       LaunchAvgPoolGrad(stream, d, Dev<T>(ctx->input(1)), Dev<T>(result)));
    }
  }

 private:
  WindowAttrs attrs_;
};

#define TFC_REGISTER_POOL_GPU(T)                                                            \
  REGISTER_KERNEL_BUILDER(Name("MaxPool").Device(DEVICE_GPU).TypeConstraint<T>("T"),        \
                          PoolGpuOp<T, Pool::kMax, false>);                                 \
  REGISTER_KERNEL_BUILDER(Name("MaxPoolV2")                                                 \
                              .Device(DEVICE_GPU)                                           \
                              .TypeConstraint<T>("T")                                       \
                              .HostMemory("ksize")                                          \
                              .HostMemory("strides"),                                       \
                          PoolGpuOp<T, Pool::kMax, true>);                                  \
  REGISTER_KERNEL_BUILDER(Name("MaxPoolGrad").Device(DEVICE_GPU).TypeConstraint<T>("T"),    \
                          PoolGpuOp<T, Pool::kMaxGrad, false>);                             \
  REGISTER_KERNEL_BUILDER(Name("MaxPoolGradV2")                                             \
                              .Device(DEVICE_GPU)                                           \
                              .TypeConstraint<T>("T")                                       \
                              .HostMemory("ksize")                                          \
                              .HostMemory("strides"),                                       \
                          PoolGpuOp<T, Pool::kMaxGrad, true>);                              \
  REGISTER_KERNEL_BUILDER(Name("AvgPool").Device(DEVICE_GPU).TypeConstraint<T>("T"),        \
                          PoolGpuOp<T, Pool::kAvg, false>);                                 \
  REGISTER_KERNEL_BUILDER(Name("AvgPoolGrad")                                               \
                              .Device(DEVICE_GPU)                                           \
                              .TypeConstraint<T>("T")                                       \
                              .HostMemory("orig_input_shape"),                              \
                          PoolGpuOp<T, Pool::kAvgGrad, false>);
TF_CALL_half(TFC_REGISTER_POOL_GPU)
TF_CALL_float(TFC_REGISTER_POOL_GPU)
TF_CALL_double(TFC_REGISTER_POOL_GPU)
#undef TFC_REGISTER_POOL_GPU

}  // namespace
}  // namespace conv
}  // namespace tfc
