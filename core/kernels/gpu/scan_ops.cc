// Cumsum and Cumprod on the GPU: axis is a host scalar, checked as the CPU kernel does
// (core/kernels/scan/scan_op.cc); the scan itself is scan_kernels.cu.
#include <cuda_fp16.h>

#include "core/framework/op_kernel.h"
#include "core/framework/register_types.h"
#include "core/kernels/gpu/gpu_kernel_util.h"
#include "core/kernels/gpu/scan_kernels.h"

namespace tfc {
namespace {

template <typename T>
struct DeviceType { using type = T; };
template <>
struct DeviceType<half> { using type = __half; };
static_assert(sizeof(half) == sizeof(__half));

template <typename T, bool kProd>
class GpuScanOp : public OpKernel {
 public:
  explicit GpuScanOp(OpKernelConstruction* ctx) : OpKernel(ctx) {
    OP_REQUIRES_OK(ctx, ctx->GetAttr("exclusive", &exclusive_));
    OP_REQUIRES_OK(ctx, ctx->GetAttr("reverse", &reverse_));
  }

  void Compute(OpKernelContext* ctx) override {
    using D = typename DeviceType<T>::type;
    const Tensor& x = ctx->input(0);
    const Tensor& axis_t = ctx->input(1);
    OP_REQUIRES(ctx, axis_t.dims() == 0,
                errors::InvalidArgument("ScanOp: axis must be a scalar, not ",
                                        axis_t.shape().DebugString()));
    const int64_t axis_raw = axis_t.dtype() == DT_INT32 ? axis_t.scalar<int32_t>()
                                                        : axis_t.scalar<int64_t>();
    const int rank = x.dims();
    const int64_t axis = axis_raw < 0 ? axis_raw + rank : axis_raw;
    OP_REQUIRES(ctx, axis >= 0 && axis < rank,
                errors::InvalidArgument("ScanOp: Expected scan axis in the range [", -rank, ", ",
                                        rank, "), but got ", axis_raw));
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, x.shape(), &out));
    if (x.NumElements() == 0) return;
    int64_t outer = 1, inner = 1;
    for (int i = 0; i < axis; ++i) outer *= x.dim_size(i);
    for (int i = static_cast<int>(axis) + 1; i < rank; ++i) inner *= x.dim_size(i);
    const int64_t n = x.dim_size(static_cast<int>(axis));
    OP_REQUIRES_CUDA(ctx, gpu::LaunchScan<D>(GpuStream(ctx), kProd, exclusive_, reverse_,
                                             reinterpret_cast<const D*>(x.data<T>()), outer, n,
                                             inner, reinterpret_cast<D*>(out->data<T>())));
  }

 private:
  bool exclusive_ = false, reverse_ = false;
};

#define TFC_REGISTER_GPU_SCAN(T)                                               \
  REGISTER_KERNEL_BUILDER(Name("Cumsum")                                       \
                              .Device(DEVICE_GPU)                              \
                              .TypeConstraint<T>("T")                          \
                              .TypeConstraint("Tidx", {DT_INT32, DT_INT64})    \
                              .HostMemory("axis"),                             \
                          GpuScanOp<T, false>);                                \
  REGISTER_KERNEL_BUILDER(Name("Cumprod")                                      \
                              .Device(DEVICE_GPU)                              \
                              .TypeConstraint<T>("T")                          \
                              .TypeConstraint("Tidx", {DT_INT32, DT_INT64})    \
                              .HostMemory("axis"),                             \
                          GpuScanOp<T, true>);
TF_CALL_half(TFC_REGISTER_GPU_SCAN)
TF_CALL_float(TFC_REGISTER_GPU_SCAN)
TF_CALL_double(TFC_REGISTER_GPU_SCAN)
#undef TFC_REGISTER_GPU_SCAN

}  // namespace
}  // namespace tfc
