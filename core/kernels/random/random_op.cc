// RandomUniform, RandomStandardNormal, TruncatedNormal and RandomUniformInt on the CPU,
// bit-identical to TF: each Compute reserves N*256 Philox blocks from the kernel's generator.
#include "core/framework/op_kernel.h"
#include "core/framework/register_types.h"
#include "core/kernels/random/random_op_util.h"

namespace tfc {
namespace {

template <class Dist>
class PhiloxRandomOp : public OpKernel {
 public:
  explicit PhiloxRandomOp(OpKernelConstruction* c) : OpKernel(c) {
    OP_REQUIRES_OK(c, random_util::InitGenerator(c, &generator_));
  }
  void Compute(OpKernelContext* ctx) override {
    TensorShape shape;
    OP_REQUIRES_OK(ctx, random_util::ShapeFromTensor(ctx->input(0), &shape));
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, shape, &out));
    using T = typename Dist::ResultElementType;
    const int64_t n = out->NumElements();
    random_util::FillPhiloxRandom(ctx, generator_.ReserveRandomOutputs(n, 256), out->data<T>(),
                                  n, Dist());
  }

 private:
  random::GuardedPhiloxRandom generator_;
};

template <typename IntType>
class RandomUniformIntOp : public OpKernel {
 public:
  explicit RandomUniformIntOp(OpKernelConstruction* c) : OpKernel(c) {
    OP_REQUIRES_OK(c, random_util::InitGenerator(c, &generator_));
  }
  void Compute(OpKernelContext* ctx) override {
    const Tensor& minval = ctx->input(1);
    const Tensor& maxval = ctx->input(2);
    OP_REQUIRES(ctx, minval.dims() == 0,
                errors::InvalidArgument("minval must be 0-D, got shape ",
                                        minval.shape().DebugString()));
    OP_REQUIRES(ctx, maxval.dims() == 0,
                errors::InvalidArgument("maxval must be 0-D, got shape ",
                                        maxval.shape().DebugString()));
    TensorShape shape;
    OP_REQUIRES_OK(ctx, random_util::ShapeFromTensor(ctx->input(0), &shape));
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, shape, &out));
    const int64_t n = out->NumElements();
    // An empty output never draws, so (as in TF) it neither checks the range nor advances.
    if (n == 0) return;
    const IntType lo = minval.scalar<IntType>();
    const IntType hi = maxval.scalar<IntType>();
    OP_REQUIRES(ctx, lo < hi,
                errors::InvalidArgument("Need minval < maxval, got ", lo, " >= ", hi));
    random_util::FillPhiloxRandom(ctx, generator_.ReserveRandomOutputs(n, 256),
                                  out->data<IntType>(), n,
                                  random::UniformDistribution<IntType>(lo, hi));
  }

 private:
  random::GuardedPhiloxRandom generator_;
};

#define REGISTER_FLOAT(T)                                                                    \
  REGISTER_KERNEL_BUILDER(Name("RandomUniform").Device(DEVICE_CPU).TypeConstraint<T>("dtype"), \
                          PhiloxRandomOp<random::UniformDistribution<T>>);                    \
  REGISTER_KERNEL_BUILDER(                                                                   \
      Name("RandomStandardNormal").Device(DEVICE_CPU).TypeConstraint<T>("dtype"),            \
      PhiloxRandomOp<random::NormalDistribution<T>>);                                        \
  REGISTER_KERNEL_BUILDER(                                                                   \
      Name("TruncatedNormal").Device(DEVICE_CPU).TypeConstraint<T>("dtype"),                 \
      PhiloxRandomOp<random::TruncatedNormalDistribution<T>>);
TF_CALL_half(REGISTER_FLOAT)
TF_CALL_bfloat16(REGISTER_FLOAT)
TF_CALL_float(REGISTER_FLOAT)
TF_CALL_double(REGISTER_FLOAT)
#undef REGISTER_FLOAT

#define REGISTER_INT(T)                                                                   \
  REGISTER_KERNEL_BUILDER(                                                                \
      Name("RandomUniformInt").Device(DEVICE_CPU).TypeConstraint<T>("Tout"),              \
      RandomUniformIntOp<T>);
TF_CALL_int32(REGISTER_INT)
TF_CALL_int64(REGISTER_INT)
#undef REGISTER_INT

}  // namespace
}  // namespace tfc
