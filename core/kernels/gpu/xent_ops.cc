// SoftmaxCrossEntropyWithLogits (labels may broadcast against logits to a matrix) and
// SparseSoftmaxCrossEntropyWithLogits on the GPU. Shapes are checked as on the CPU. The sparse
// labels live in device memory, so their range is not checked on the host: an out-of-range
// label gives a NaN loss and a NaN backprop row, as TensorFlow's GPU kernel does.
#include <cuda_fp16.h>

#include <algorithm>
#include <vector>

#include "core/framework/op_kernel.h"
#include "core/framework/register_types.h"
#include "core/kernels/gpu/gpu_kernel_util.h"
#include "core/kernels/gpu/xent_kernels.h"

namespace tfc {
namespace {

template <typename T>
struct DeviceType { using type = T; };
template <>
struct DeviceType<half> { using type = __half; };

bool BroadcastShapes(const TensorShape& a, const TensorShape& b, TensorShape* out) {
  const int rank = std::max(a.dims(), b.dims());
  std::vector<int64_t> dims(rank);
  for (int i = 0; i < rank; ++i) {
    const int ia = a.dims() - rank + i, ib = b.dims() - rank + i;
    const int64_t da = ia >= 0 ? a.dim_size(ia) : 1, db = ib >= 0 ? b.dim_size(ib) : 1;
    if (da != db && da != 1 && db != 1) return false;
    dims[i] = da == 1 ? db : da;
  }
  *out = TensorShape(dims);
  return true;
}

// Strides of a rank <= 2 input inside the [rows, cols] matrix it broadcasts to.
gpu::XentStrides MatrixStrides(const TensorShape& s) {
  gpu::XentStrides m;
  const int n = s.dims();
  if (n >= 1 && s.dim_size(n - 1) != 1) m.col = 1;
  if (n >= 2 && s.dim_size(n - 2) != 1) m.row = s.dim_size(n - 1);
  return m;
}

template <typename T>
class GpuSoftmaxXentOp : public OpKernel {
 public:
  using OpKernel::OpKernel;

  void Compute(OpKernelContext* ctx) override {
    using D = typename DeviceType<T>::type;
    const Tensor& logits = ctx->input(0);
    const Tensor& labels = ctx->input(1);
    TensorShape shape = logits.shape();
    if (!logits.shape().IsSameSize(labels.shape())) {
      OP_REQUIRES(ctx, BroadcastShapes(logits.shape(), labels.shape(), &shape),
                  errors::InvalidArgument("logits and labels must be broadcastable: logits_size=",
                                          logits.shape().DebugString(),
                                          " labels_size=", labels.shape().DebugString()));
    }
    OP_REQUIRES(ctx, shape.dims() == 2,
                errors::InvalidArgument("logits and labels must be either 2-dimensional, or "
                                        "broadcasted to be 2-dimensional"));
    Tensor *loss = nullptr, *backprop = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, TensorShape({shape.dim_size(0)}), &loss));
    OP_REQUIRES_OK(ctx, ctx->allocate_output(1, shape, &backprop));
    const int64_t rows = shape.dim_size(0), cols = shape.dim_size(1);
    cudaStream_t stream = GpuStream(ctx);
    if (rows == 0) return;
    if (cols == 0) {
      // An empty class dimension gives a zero loss, as on the CPU (all-zero bits are 0.0).
      OP_REQUIRES_CUDA(ctx, cudaMemsetAsync(loss->raw_data(), 0, rows * sizeof(T), stream));
      return;
    }
    OP_REQUIRES_CUDA(ctx, gpu::LaunchSoftmaxXent<D>(
                              stream, reinterpret_cast<const D*>(logits.data<T>()),
                              MatrixStrides(logits.shape()),
                              reinterpret_cast<const D*>(labels.data<T>()),
                              MatrixStrides(labels.shape()), rows, cols,
                              reinterpret_cast<D*>(loss->data<T>()),
                              reinterpret_cast<D*>(backprop->data<T>())));
  }
};

template <typename T, typename Index>
class GpuSparseSoftmaxXentOp : public OpKernel {
 public:
  using OpKernel::OpKernel;

  void Compute(OpKernelContext* ctx) override {
    using D = typename DeviceType<T>::type;
    const Tensor& logits = ctx->input(0);
    const Tensor& labels = ctx->input(1);
    OP_REQUIRES(ctx, logits.dims() == 2,
                errors::InvalidArgument("logits must be 2-D, but got shape ",
                                        logits.shape().DebugString()));
    OP_REQUIRES(ctx, labels.dims() == 1,
                errors::InvalidArgument("labels must be 1-D, but got shape ",
                                        labels.shape().DebugString()));
    OP_REQUIRES(ctx, logits.dim_size(0) == labels.dim_size(0),
                errors::InvalidArgument(
                    "logits and labels must have the same first dimension, got logits shape ",
                    logits.shape().DebugString(), " and labels shape ",
                    labels.shape().DebugString()));
    OP_REQUIRES(ctx, logits.dim_size(1) > 0,
                errors::InvalidArgument("Must have at least one class, but got logits shape ",
                                        logits.shape().DebugString()));
    Tensor *loss = nullptr, *backprop = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, labels.shape(), &loss));
    OP_REQUIRES_OK(ctx, ctx->allocate_output(1, logits.shape(), &backprop));
    const int64_t rows = logits.dim_size(0), cols = logits.dim_size(1);
    if (rows == 0) return;
    OP_REQUIRES_CUDA(ctx, (gpu::LaunchSparseSoftmaxXent<D, Index>(
                              GpuStream(ctx), reinterpret_cast<const D*>(logits.data<T>()),
                              labels.data<Index>(), rows, cols,
                              reinterpret_cast<D*>(loss->data<T>()),
                              reinterpret_cast<D*>(backprop->data<T>()))));
  }
};

#define TFC_GPU_XENT(T)                                                                   \
  REGISTER_KERNEL_BUILDER(                                                                \
      Name("SoftmaxCrossEntropyWithLogits").Device(DEVICE_GPU).TypeConstraint<T>("T"),    \
      GpuSoftmaxXentOp<T>);                                                               \
  REGISTER_KERNEL_BUILDER(Name("SparseSoftmaxCrossEntropyWithLogits")                     \
                              .Device(DEVICE_GPU)                                         \
                              .TypeConstraint<T>("T")                                     \
                              .TypeConstraint<int32_t>("Tlabels"),                        \
                          GpuSparseSoftmaxXentOp<T, int32_t>);                            \
  REGISTER_KERNEL_BUILDER(Name("SparseSoftmaxCrossEntropyWithLogits")                     \
                              .Device(DEVICE_GPU)                                         \
                              .TypeConstraint<T>("T")                                     \
                              .TypeConstraint<int64_t>("Tlabels"),                        \
                          GpuSparseSoftmaxXentOp<T, int64_t>);
TF_CALL_half(TFC_GPU_XENT)
TF_CALL_float(TFC_GPU_XENT)
TF_CALL_double(TFC_GPU_XENT)
#undef TFC_GPU_XENT

}  // namespace
}  // namespace tfc
