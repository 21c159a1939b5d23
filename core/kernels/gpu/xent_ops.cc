// SoftmaxCrossEntropyWithLogits (labels may broadcast against logits to a matrix) and
// SparseSoftmaxCrossEntropyWithLogits on the GPU. Shapes are checked as on the CPU. The sparse
// labels live in device memory, so their range is not checked on the host: an out-of-range
// label gives a NaN loss and a NaN backprop row, as TensorFlow's GPU kernel does.
#include <cuda_fp16.h>

#include "core/framework/op_kernel.h"
#include "core/framework/register_types.h"
#include "core/kernels/gpu/gpu_kernel_util.h"
#include "core/kernels/gpu/xent_kernels.h"
#include "core/kernels/nn/xent_util.h"

namespace tfc {
namespace {

template <typename T>
struct DeviceType { using type = T; };
template <>
struct DeviceType<half> { using type = __half; };

// Strides of a rank <= 2 input inside the [rows, cols] matrix it broadcasts to.
gpu::XentStrides MatrixStrides(const TensorShape& s) {
  const xent::MatStrides m = xent::StridesFor(s);
  gpu::XentStrides g;
  g.row = m.row;
  g.col = m.col;
  return g;
}

template <typename T>
class GpuSoftmaxXentOp : public OpKernel {
 public:
  using OpKernel::OpKernel;

  void Compute(OpKernelContext* ctx) override {
    using D = typename DeviceType<T>::type;
    const Tensor& logits = ctx->input(0);
    const Tensor& labels = ctx->input(1);
    TensorShape shape;
    OP_REQUIRES_OK(ctx, xent::CheckDense(logits, labels, &shape));
    Tensor *loss = nullptr, *backprop = nullptr;
    OP_REQUIRES_OK(ctx, xent::AllocateOutputs(ctx, shape, &loss, &backprop));
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
    OP_REQUIRES_OK(ctx, xent::CheckSparse(logits, labels));
    Tensor *loss = nullptr, *backprop = nullptr;
    OP_REQUIRES_OK(ctx, xent::AllocateOutputs(ctx, logits.shape(), &loss, &backprop));
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
