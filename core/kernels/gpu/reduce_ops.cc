// Sum, Mean, Prod, Max, Min, All, Any, ArgMax and ArgMin on the GPU. Axes are read and checked
// on the host exactly as the CPU kernels do; the input's dims are collapsed into alternating
// kept/reduced groups and each reduced group is folded away by one pass (innermost first), the
// intermediate results kept in the accumulation type.
#include <cuda_fp16.h>

#include <utility>
#include <vector>

#include "core/framework/op_kernel.h"
#include "core/framework/register_types.h"
#include "core/kernels/gpu/gpu_kernel_util.h"
#include "core/kernels/gpu/reduce_kernels.h"
#include "core/kernels/reduction/argminmax_util.h"
#include "core/kernels/reduction/reduction_core.h"

namespace tfc {
namespace {

using gpu::ReduceKind;

template <typename T>
struct DeviceType { using type = T; };
template <>
struct DeviceType<half> { using type = __half; };

// The accumulation dtype: float for half, T otherwise.
template <typename T>
constexpr DataType AccDataType() {
  if constexpr (std::is_same_v<T, half>) {
    return DT_FLOAT;
  } else {
    return DataTypeToEnum<T>::value;
  }
}

template <typename T, ReduceKind kKind>
class GpuReductionOp : public OpKernel {
 public:
  explicit GpuReductionOp(OpKernelConstruction* ctx) : OpKernel(ctx) {
    OP_REQUIRES_OK(ctx, ctx->GetAttr("keep_dims", &keep_dims_));
  }

  void Compute(OpKernelContext* ctx) override {
    using D = typename DeviceType<T>::type;
    const Tensor& in = ctx->input(0);
    std::vector<bool> reduced;
    OP_REQUIRES_OK(ctx, reduction::ParseReductionAxes(ctx->input(1), in.dims(), &reduced));
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(
                            0, reduction::ReducedShape(in.shape(), reduced, keep_dims_), &out));
    const int64_t n_out = out->NumElements();
    if (n_out == 0) return;
    // Size-1 dims dropped, neighbours of the same kind merged: (size, reduced).
    std::vector<std::pair<int64_t, bool>> groups;
    int64_t count = 1;
    for (int i = 0; i < in.dims(); ++i) {
      const int64_t d = in.dim_size(i);
      if (reduced[i]) count *= d;
      if (d == 1) continue;
      if (!groups.empty() && groups.back().second == reduced[i]) {
        groups.back().first *= d;
      } else {
        groups.emplace_back(d, reduced[i]);
      }
    }
    cudaStream_t stream = GpuStream(ctx);
    const D* src = reinterpret_cast<const D*>(in.data<T>());
    D* dst = reinterpret_cast<D*>(out->data<T>());
    int passes_left = 0;
    for (const auto& g : groups) passes_left += g.second ? 1 : 0;
    if (passes_left == 0) {
      OP_REQUIRES_CUDA(ctx, gpu::LaunchReduceCopy<D>(stream, kKind, src, n_out, count, dst));
      return;
    }
    Tensor cur;  // the previous pass's accumulators
    for (int g = static_cast<int>(groups.size()) - 1; g >= 0; --g) {
      if (!groups[g].second) continue;
      --passes_left;
      gpu::ReducePassArgs args;
      for (int i = 0; i < g; ++i) args.outer *= groups[i].first;
      for (size_t i = g + 1; i < groups.size(); ++i) args.inner *= groups[i].first;
      args.r = groups[g].first;
      args.src_is_acc = cur.dtype() != DT_INVALID;
      args.src = args.src_is_acc ? cur.raw_data() : static_cast<const void*>(src);
      args.final = passes_left == 0;
      args.count = count;
      Tensor next, partials;
      if (args.final) {
        args.dst = dst;
      } else {
        OP_REQUIRES_OK(ctx, ctx->allocate_temp(AccDataType<T>(),
                                               TensorShape({args.outer * args.inner}), &next));
        args.dst = next.raw_data();
      }
      const int64_t n_partials = gpu::ReducePartialsCount(args.outer, args.r, args.inner);
      if (n_partials > 0) {
        OP_REQUIRES_OK(ctx, ctx->allocate_temp(AccDataType<T>(), TensorShape({n_partials}),
                                               &partials));
        args.partials = partials.raw_data();
      }
      OP_REQUIRES_CUDA(ctx, gpu::LaunchReducePass<D>(stream, kKind, args));
      cur = next;
      groups.erase(groups.begin() + g);
    }
  }

 private:
  bool keep_dims_ = false;
};

// Only the int64 output runs here; an int32 output stays on the CPU like TF's int32 kernels.
template <typename T, bool kMax>
class GpuArgOp : public OpKernel {
 public:
  explicit GpuArgOp(OpKernelConstruction* ctx) : OpKernel(ctx) {}

  void Compute(OpKernelContext* ctx) override {
    using D = typename DeviceType<T>::type;
    const Tensor& in = ctx->input(0);
    reduction::ArgReducePlan plan;
    OP_REQUIRES_OK(ctx, reduction::PlanArgReduce(in, ctx->input(1), &plan));
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, plan.out_shape, &out));
    if (out->NumElements() == 0) return;
    OP_REQUIRES_CUDA(ctx, gpu::LaunchArgReduce<D>(GpuStream(ctx), kMax,
                                                  reinterpret_cast<const D*>(in.data<T>()),
                                                  plan.outer, plan.r, plan.inner,
                                                  out->data<int64_t>()));
  }
};

#define TFC_GPU_REDUCTION(OP, T, KIND)                                     \
  REGISTER_KERNEL_BUILDER(Name(OP)                                         \
                              .Device(DEVICE_GPU)                          \
                              .TypeConstraint<T>("T")                      \
                              .TypeConstraint("Tidx", {DT_INT32, DT_INT64}) \
                              .HostMemory("reduction_indices"),            \
                          GpuReductionOp<T, KIND>)

#define TFC_GPU_REDUCTIONS(T)                               \
  TFC_GPU_REDUCTION("Sum", T, ReduceKind::kSum);            \
  TFC_GPU_REDUCTION("Mean", T, ReduceKind::kMean);          \
  TFC_GPU_REDUCTION("Prod", T, ReduceKind::kProd);          \
  TFC_GPU_REDUCTION("Max", T, ReduceKind::kMax);            \
  TFC_GPU_REDUCTION("Min", T, ReduceKind::kMin);            \
  REGISTER_KERNEL_BUILDER(Name("ArgMax")                    \
                              .Device(DEVICE_GPU)           \
                              .TypeConstraint<T>("T")       \
                              .TypeConstraint("Tidx", {DT_INT32, DT_INT64}) \
                              .TypeConstraint<int64_t>("output_type")     \
                              .HostMemory("dimension"),     \
                          GpuArgOp<T, true>);               \
  REGISTER_KERNEL_BUILDER(Name("ArgMin")                    \
                              .Device(DEVICE_GPU)           \
                              .TypeConstraint<T>("T")       \
                              .TypeConstraint("Tidx", {DT_INT32, DT_INT64}) \
                              .TypeConstraint<int64_t>("output_type")     \
                              .HostMemory("dimension"),     \
                          GpuArgOp<T, false>);
TF_CALL_half(TFC_GPU_REDUCTIONS)
TF_CALL_float(TFC_GPU_REDUCTIONS)
TF_CALL_double(TFC_GPU_REDUCTIONS)
#undef TFC_GPU_REDUCTIONS

// All/Any have no T attr: their input is always bool.
REGISTER_KERNEL_BUILDER(Name("All")
                            .Device(DEVICE_GPU)
                            .TypeConstraint("Tidx", {DT_INT32, DT_INT64})
                            .HostMemory("reduction_indices"),
                        GpuReductionOp<bool, ReduceKind::kAll>);
REGISTER_KERNEL_BUILDER(Name("Any")
                            .Device(DEVICE_GPU)
                            .TypeConstraint("Tidx", {DT_INT32, DT_INT64})
                            .HostMemory("reduction_indices"),
                        GpuReductionOp<bool, ReduceKind::kAny>);
#undef TFC_GPU_REDUCTION

}  // namespace
}  // namespace tfc
