// UnsortedSegment{Sum,Prod,Max,Min} on the GPU (the gradients of Gather and of the segment
// reductions use them). num_segments is a host scalar; data and segment_ids stay in device
// memory. Shapes are checked as the CPU kernel does (core/kernels/segment/); the ids are never
// read on the host, so, as in TF's GPU kernel, an id >= num_segments is skipped rather than
// raised (the CPU raises InvalidArgument). Empty segments hold the CPU kernel's initial values:
// 0 (Sum), 1 (Prod), the lowest value of T (Max), the highest value of T (Min).
//
// Sum and Prod use atomics, so for floating types the order of additions varies from run to run
// and results may differ in the last bit or so between runs and from the CPU.
#include <cuda_fp16.h>

#include <limits>
#include <vector>

#include "core/framework/op_kernel.h"
#include "core/framework/register_types.h"
#include "core/kernels/gpu/gpu_kernel_util.h"
#include "core/kernels/gpu/segment_kernels.h"

namespace tfc {
namespace {

using gpu::SegmentReduce;

template <typename T>
struct DeviceType {
  using type = T;  // element type on the device
  using acc = T;   // accumulator type
};
template <>
struct DeviceType<half> {
  using type = __half;
  using acc = float;
};
static_assert(sizeof(half) == sizeof(__half));

template <typename T, SegmentReduce kOp>
typename DeviceType<T>::acc InitValue() {
  using A = typename DeviceType<T>::acc;
  switch (kOp) {
    case SegmentReduce::kSum: return A(0);
    case SegmentReduce::kProd: return A(1);
    case SegmentReduce::kMax: return static_cast<A>(std::numeric_limits<T>::lowest());
    case SegmentReduce::kMin: return static_cast<A>(std::numeric_limits<T>::max());
  }
  return A(0);
}

template <typename T, SegmentReduce kOp>
class GpuUnsortedSegmentOp : public OpKernel {
 public:
  explicit GpuUnsortedSegmentOp(OpKernelConstruction* c) : OpKernel(c) {}

  void Compute(OpKernelContext* ctx) override {
    using D = typename DeviceType<T>::type;
    using A = typename DeviceType<T>::acc;
    const Tensor& data = ctx->input(0);
    const Tensor& ids = ctx->input(1);
    const Tensor& num_t = ctx->input(2);
    OP_REQUIRES(ctx, num_t.IsScalar(),
                errors::InvalidArgument("num_segments should be a scalar, not shape ",
                                        num_t.shape().DebugString()));
    bool prefix = data.dims() >= ids.dims();
    for (int d = 0; prefix && d < ids.dims(); ++d) prefix = data.dim_size(d) == ids.dim_size(d);
    OP_REQUIRES(ctx, prefix,
                errors::InvalidArgument("data.shape = ", data.shape().DebugString(),
                                        " does not start with segment_ids.shape = ",
                                        ids.shape().DebugString()));
    const int64_t rows = num_t.dtype() == DT_INT32 ? static_cast<int64_t>(num_t.scalar<int32_t>())
                                                   : num_t.scalar<int64_t>();
    OP_REQUIRES(ctx, rows >= 0,
                errors::InvalidArgument("Input num_segments == ", rows, " must not be negative."));
    std::vector<int64_t> out_dims{rows};
    for (int d = ids.dims(); d < data.dims(); ++d) out_dims.push_back(data.dim_size(d));
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, TensorShape(out_dims), &out));
    const int64_t n_out = out->NumElements();
    if (n_out == 0) return;
    const int64_t inner = n_out / rows;
    const int64_t n_ids = ids.NumElements();

    A* acc = nullptr;
    Tensor acc_t;
    if constexpr (std::is_same_v<A, T>) {
      acc = out->data<T>();
    } else {
      OP_REQUIRES_OK(ctx, ctx->allocate_temp(DT_FLOAT, TensorShape({n_out}), &acc_t));
      acc = acc_t.data<float>();
    }
    cudaStream_t stream = GpuStream(ctx);
    OP_REQUIRES_CUDA(ctx, gpu::LaunchSegmentInit<A>(stream, InitValue<T, kOp>(), acc, n_out));
    const D* dp = reinterpret_cast<const D*>(data.data<T>());
    if (ids.dtype() == DT_INT32) {
      OP_REQUIRES_CUDA(ctx, (gpu::LaunchUnsortedSegment<D, A, int32_t>(
                                stream, kOp, dp, ids.data<int32_t>(), n_ids, inner, rows, acc)));
    } else {
      OP_REQUIRES_CUDA(ctx, (gpu::LaunchUnsortedSegment<D, A, int64_t>(
                                stream, kOp, dp, ids.data<int64_t>(), n_ids, inner, rows, acc)));
    }
    if constexpr (!std::is_same_v<A, T>) {
      OP_REQUIRES_CUDA(ctx, gpu::LaunchFloatToHalf(
                                stream, acc, reinterpret_cast<__half*>(out->data<T>()), n_out));
    }
  }
};

#define TFC_REGISTER_GPU_SEGMENT(NAME, T, OP)                                          \
  REGISTER_KERNEL_BUILDER(Name(NAME)                                                   \
                              .Device(DEVICE_GPU)                                      \
                              .TypeConstraint<T>("T")                                  \
                              .TypeConstraint("Tindices", {DT_INT32, DT_INT64})        \
                              .TypeConstraint("Tnumsegments", {DT_INT32, DT_INT64})    \
                              .HostMemory("num_segments"),                             \
                          GpuUnsortedSegmentOp<T, OP>);
#define TFC_REGISTER_GPU_SEGMENTS(T)                                       \
  TFC_REGISTER_GPU_SEGMENT("UnsortedSegmentSum", T, SegmentReduce::kSum)   \
  TFC_REGISTER_GPU_SEGMENT("UnsortedSegmentProd", T, SegmentReduce::kProd) \
  TFC_REGISTER_GPU_SEGMENT("UnsortedSegmentMax", T, SegmentReduce::kMax)   \
  TFC_REGISTER_GPU_SEGMENT("UnsortedSegmentMin", T, SegmentReduce::kMin)
TF_CALL_half(TFC_REGISTER_GPU_SEGMENTS)
TF_CALL_float(TFC_REGISTER_GPU_SEGMENTS)
TF_CALL_double(TFC_REGISTER_GPU_SEGMENTS)
#undef TFC_REGISTER_GPU_SEGMENTS
#undef TFC_REGISTER_GPU_SEGMENT

}  // namespace
}  // namespace tfc
