// Cumsum and Cumprod on the GPU: axis is a host scalar, checked as the CPU kernel does
// (core/kernels/scan/scan_op.cc); the scan itself is scan_kernels.cu.
#include <cuda_fp16.h>

#include "core/framework/op_kernel.h"
#include "core/framework/register_types.h"
#include "core/kernels/gpu/gpu_kernel_util.h"
#include "core/kernels/gpu/scan_kernels.h"
#include "core/kernels/scan/scan_geometry.h"

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
    Tensor* out = nullptr;
    scan::Geometry g;
    if (!scan::Prepare(ctx, &out, &g)) return;
    const int64_t outer = g.outer, n = g.n, inner = g.inner;
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
