// RandomGamma on the CPU with TF's sample layout: output index o = alpha_idx * num_samples +
// sample_idx draws from its own window of 256 Philox blocks (Marsaglia-Tsang with the squeeze
// test; alpha < 1 boosts by one and scales by U^(1/alpha); alpha == 1 is -log1p(-U)). Normal and
// uniform doubles are consumed from the end of each generated pair, as TF does.
#include <cmath>

#include "core/framework/op_kernel.h"
#include "core/framework/register_types.h"
#include "core/kernels/random/random_op_util.h"

namespace tfc {
namespace {

constexpr int64_t kReservedSamplesPerOutput = 256;

double GammaSample(random::PhiloxRandom gen, double alpha) {
  random::UniformDistribution<double> uniform;
  random::NormalDistribution<double> normal;
  std::array<double, 2> uni{}, nor{};
  int uni_left = 0, nor_left = 0;
  auto next_uniform = [&]() {
    if (uni_left == 0) {
      uni = uniform(&gen);
      uni_left = 2;
    }
    return uni[--uni_left];
  };
  if (alpha == 1.0) return -std::log1p(-next_uniform());
  const bool boost = alpha < 1;
  const double d = alpha + (boost ? 2.0 / 3 : -1.0 / 3);
  const double c = 1.0 / 3 / std::sqrt(d);
  while (true) {
    if (nor_left == 0) {
      nor = normal(&gen);
      nor_left = 2;
    }
    const double x = nor[--nor_left];
    double v = 1 + c * x;
    if (v <= 0) continue;
    v = v * v * v;
    const double u = next_uniform();
    if ((u < 1 - 0.0331 * (x * x) * (x * x)) || (std::log(u) < 0.5 * x * x + d * (1 - v + std::log(v)))) {
      double res = d * v;
      if (boost) res *= std::pow(next_uniform(), 1 / alpha);
      return res;
    }
  }
}

template <typename T>
class RandomGammaOp : public OpKernel {
 public:
  explicit RandomGammaOp(OpKernelConstruction* c) : OpKernel(c) {
    OP_REQUIRES_OK(c, random_util::InitGenerator(c, &generator_));
  }
  void Compute(OpKernelContext* ctx) override {
    const Tensor& shape_t = ctx->input(0);
    const Tensor& alpha_t = ctx->input(1);
    OP_REQUIRES(ctx, shape_t.dims() == 1 && (shape_t.dtype() == DT_INT32 || shape_t.dtype() == DT_INT64),
                errors::InvalidArgument("shape must be a vector of {int32,int64}, got shape: ",
                                        shape_t.shape().DebugString()));
    TensorShape samples_shape;
    OP_REQUIRES_OK(ctx, random_util::ShapeFromTensor(shape_t, &samples_shape));
    const int64_t num_samples = samples_shape.num_elements();
    std::vector<int64_t> dims = samples_shape.dim_sizes();
    for (int64_t d : alpha_t.shape().dim_sizes()) dims.push_back(d);
    TensorShape out_shape;
    OP_REQUIRES_OK(ctx, TensorShape::Make(dims, &out_shape));
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, out_shape, &out));
    if (num_samples == 0) return;
    const int64_t num_alphas = alpha_t.NumElements();
    if (num_alphas == 0) return;
    random::PhiloxRandom rng =
        generator_.ReserveRandomOutputs(num_samples * num_alphas, kReservedSamplesPerOutput);
    const T* alpha = alpha_t.data<T>();
    T* o = out->data<T>();
    ctx->ParallelFor(num_samples * num_alphas, 200, [&](int64_t b, int64_t e) {
      for (int64_t idx = b; idx < e; ++idx) {
        const int64_t a = idx / num_samples, s = idx % num_samples;
        random::PhiloxRandom gen = rng;
        gen.Skip(static_cast<uint64_t>(kReservedSamplesPerOutput * idx));
        o[s * num_alphas + a] = static_cast<T>(GammaSample(gen, static_cast<double>(alpha[a])));
      }
    });
  }

 private:
  random::GuardedPhiloxRandom generator_;
};

#define REGISTER(T)                                                                   \
  REGISTER_KERNEL_BUILDER(Name("RandomGamma").Device(DEVICE_CPU).TypeConstraint<T>("T"), \
                          RandomGammaOp<T>);
TF_CALL_half(REGISTER)
TF_CALL_float(REGISTER)
TF_CALL_double(REGISTER)
#undef REGISTER

}  // namespace
}  // namespace tfc
