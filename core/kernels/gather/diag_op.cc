// Diag and DiagPart on the CPU: a rank-k tensor <-> the rank-2k tensor with it on the
// "diagonal" out[i..., i...].
#include "core/kernels/gather/gather_util.h"

namespace tfc {
namespace {

class DiagOp : public OpKernel {
 public:
  explicit DiagOp(OpKernelConstruction* c) : OpKernel(c) {}
  void Compute(OpKernelContext* ctx) override {
    const Tensor& diag = ctx->input(0);
    OP_REQUIRES(ctx, diag.dims() != 0,
                errors::InvalidArgument("Input must be at least rank 1, got 0"));
    TensorShape out_shape = diag.shape();
    for (int d = 0; d < diag.dims(); ++d) out_shape.AddDim(diag.dim_size(d));
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, out_shape, &out));
    const int64_t n = diag.NumElements();
    if (n == 0) return;
    const gather_util::Mover mover(diag.dtype());
    mover.Zero(out->raw_data(), 0, n * n);
    for (int64_t i = 0; i < n; ++i) mover.Copy(diag.raw_data(), i, out->raw_data(), i * n + i, 1);
  }
};

class DiagPartOp : public OpKernel {
 public:
  explicit DiagPartOp(OpKernelConstruction* c) : OpKernel(c) {}
  void Compute(OpKernelContext* ctx) override {
    const Tensor& input = ctx->input(0);
    const int rank = input.dims();
    OP_REQUIRES(ctx, rank % 2 == 0 && rank > 0,
                errors::InvalidArgument("The rank of the tensor should be even and positive, got shape ",
                                        input.shape().DebugString()));
    const int half_rank = rank / 2;
    TensorShape out_shape;
    for (int i = 0; i < half_rank; ++i) {
      OP_REQUIRES(ctx, input.dim_size(i) == input.dim_size(i + half_rank),
                  errors::InvalidArgument("Invalid shape ", input.shape().DebugString(),
                                          ": dimensions ", i, " and ", i + half_rank,
                                          " do not match."));
      out_shape.AddDim(input.dim_size(i));
    }
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, out_shape, &out));
    const int64_t n = out_shape.num_elements();
    const gather_util::Mover mover(input.dtype());
    for (int64_t i = 0; i < n; ++i) mover.Copy(input.raw_data(), i * n + i, out->raw_data(), i, 1);
  }
};

REGISTER_KERNEL_BUILDER(Name("Diag").Device(DEVICE_CPU).TypeConstraint("T", gather_util::AllTypes()),
                        DiagOp);
REGISTER_KERNEL_BUILDER(
    Name("DiagPart").Device(DEVICE_CPU).TypeConstraint("T", gather_util::AllTypes()), DiagPartOp);

}  // namespace
}  // namespace tfc
