// RandomPoisson and RandomPoissonV2 on the CPU with TF's sample layout: output index
// o = rate_idx * num_samples + sample_idx draws from its own window of 256 Philox blocks and is
// stored at sample_idx * num_rate + rate_idx. Everything is computed in double (TF's compute
// type for every rate dtype): Knuth's product of uniforms for rate < 10, Hormann's transformed
// rejection (PTRS) above. Uniform doubles come in pairs and are used from the end of each pair.
#include <cmath>
#include <limits>
#include <type_traits>

#include "core/framework/op_kernel.h"
#include "core/framework/register_types.h"
#include "core/kernels/random/random_op_util.h"

namespace tfc {
namespace {

constexpr int64_t kReservedSamplesPerOutput = 256;
// TF retries forever when every candidate overflows the output type (e.g. half output with
// rate 1e6); a valid draw is accepted with probability > 0.7 per try, so after this many tries
// we give up and saturate instead of hanging.
constexpr int64_t kMaxTries = int64_t{1} << 20;

template <typename U>
double Highest() {
  if constexpr (std::is_same_v<U, half>) {
    return 65504.0;
  } else {
    return static_cast<double>(std::numeric_limits<U>::max());
  }
}

// The value TF stores for an infinite rate: +inf, or 0 for integer outputs (Eigen's
// NumTraits<int>::infinity()).
template <typename U>
U InfiniteSample() {
  if constexpr (std::is_integral_v<U>) {
    return U(0);
  } else {
    return U(std::numeric_limits<float>::infinity());
  }
}

template <typename U>
U NanSample() {
  if constexpr (std::is_integral_v<U>) {
    return U(0);
  } else {
    return U(std::numeric_limits<float>::quiet_NaN());
  }
}

class UniformStream {
 public:
  explicit UniformStream(random::PhiloxRandom gen) : gen_(gen) {}
  double Next() {
    if (left_ == 0) {
      pair_ = dist_(&gen_);
      left_ = 2;
    }
    return pair_[--left_];
  }

 private:
  random::PhiloxRandom gen_;
  random::UniformDistribution<double> dist_;
  std::array<double, 2> pair_{};
  int left_ = 0;
};

// A rounded product. TF's x86 build has no FMA; where ours does (-march=native), the compiler
// would otherwise fuse x * y + z and change which candidate a draw accepts.
inline double Product(double x, double y) {
  volatile double p = x * y;
  return p;
}

// Per-rate constants of the transformed rejection sampler.
struct PtrsConstants {
  explicit PtrsConstants(double rate)
      : log_rate(std::log(rate)),
        b(0.931 + Product(2.53, std::sqrt(rate))),
        a(-0.059 + Product(0.02483, b)),
        inv_alpha(1.1239 + 1.1328 / (b - 3.4)),
        v_r(0.9277 - 3.6224 / (b - 2)) {}
  double log_rate, b, a, inv_alpha, v_r;
};

template <typename U>
U KnuthSample(UniformStream* uniform, double exp_neg_rate) {
  const double highest = Highest<U>();
  double prod = 1, x = 0;
  for (int64_t tries = 0; tries < kMaxTries; ++tries) {
    prod = prod * uniform->Next();
    if (prod <= exp_neg_rate && x <= highest) return U(x);
    x += 1;
  }
  return U(highest);
}

template <typename U>
U PtrsSample(UniformStream* uniform, double rate, const PtrsConstants& k_) {
  const double highest = Highest<U>();
  for (int64_t tries = 0; tries < kMaxTries; ++tries) {
    const double u = uniform->Next() - 0.5;
    const double v = uniform->Next();
    const double u_shifted = 0.5 - std::abs(u);
    const double k = std::floor(Product(2 * k_.a / u_shifted + k_.b, u) + rate + 0.43);
    if (k > highest) continue;
    if (u_shifted >= 0.07 && v <= k_.v_r) return U(k);
    if (k < 0 || (u_shifted < 0.013 && v > u_shifted)) continue;
    const double s = std::log(v * k_.inv_alpha / (k_.a / (u_shifted * u_shifted) + k_.b));
    int sign = 0;
    const double t = -rate + Product(k, k_.log_rate) - lgamma_r(k + 1, &sign);
    if (s <= t) return U(k);
  }
  return U(highest);
}

// T: rate dtype, U: output dtype.
template <typename T, typename U>
class RandomPoissonOp : public OpKernel {
 public:
  explicit RandomPoissonOp(OpKernelConstruction* c) : OpKernel(c) {
    OP_REQUIRES_OK(c, random_util::InitGenerator(c, &generator_));
  }

  void Compute(OpKernelContext* ctx) override {
    const Tensor& shape_t = ctx->input(0);
    const Tensor& rate_t = ctx->input(1);
    TensorShape samples_shape;
    OP_REQUIRES_OK(ctx, random_util::ShapeFromTensor(shape_t, &samples_shape));
    const int64_t num_samples = samples_shape.num_elements();
    std::vector<int64_t> dims = samples_shape.dim_sizes();
    for (int64_t d : rate_t.shape().dim_sizes()) dims.push_back(d);
    TensorShape out_shape;
    OP_REQUIRES_OK(ctx, TensorShape::Make(dims, &out_shape));
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, out_shape, &out));
    if (num_samples == 0) return;
    const int64_t num_rate = rate_t.NumElements();
    random::PhiloxRandom rng =
        generator_.ReserveRandomOutputs(num_samples * num_rate, kReservedSamplesPerOutput);
    if (num_rate == 0) return;
    const T* rates = rate_t.data<T>();
    U* samples = out->data<U>();
    ctx->ParallelFor(num_samples * num_rate, 300, [&](int64_t begin, int64_t end) {
      int64_t cached_rate_idx = -1;
      double rate = 0, exp_neg_rate = 0;
      PtrsConstants ptrs(10.0);
      for (int64_t o = begin; o < end; ++o) {
        const int64_t rate_idx = o / num_samples, sample_idx = o % num_samples;
        if (rate_idx != cached_rate_idx) {
          cached_rate_idx = rate_idx;
          rate = static_cast<double>(rates[rate_idx]);
          if (rate < 10) {
            exp_neg_rate = std::exp(-rate);
          } else if (std::isfinite(rate)) {
            ptrs = PtrsConstants(rate);
          }
        }
        U* dst = samples + sample_idx * num_rate + rate_idx;
        if (std::isnan(rate)) {  // TF never terminates here
          *dst = NanSample<U>();
          continue;
        }
        if (std::isinf(rate) && rate > 0) {
          *dst = InfiniteSample<U>();
          continue;
        }
        random::PhiloxRandom gen = rng;
        gen.Skip(static_cast<uint64_t>(kReservedSamplesPerOutput * o));
        UniformStream uniform(gen);
        *dst = rate < 10 ? KnuthSample<U>(&uniform, exp_neg_rate)
                         : PtrsSample<U>(&uniform, rate, ptrs);
      }
    });
  }

 private:
  random::GuardedPhiloxRandom generator_;
};

#define REGISTER_V1(T)                                                                  \
  REGISTER_KERNEL_BUILDER(Name("RandomPoisson").Device(DEVICE_CPU).TypeConstraint<T>("dtype"), \
                          RandomPoissonOp<T, T>);
TF_CALL_half(REGISTER_V1)
TF_CALL_float(REGISTER_V1)
TF_CALL_double(REGISTER_V1)
#undef REGISTER_V1

#define REGISTER_V2(R, U)                                                       \
  REGISTER_KERNEL_BUILDER(Name("RandomPoissonV2")                               \
                              .Device(DEVICE_CPU)                               \
                              .TypeConstraint<R>("R")                           \
                              .TypeConstraint<U>("dtype"),                      \
                          RandomPoissonOp<R, U>);
#define REGISTER_V2_ALL_OUTPUTS(R) \
  REGISTER_V2(R, ::tfc::half)      \
  REGISTER_V2(R, float)            \
  REGISTER_V2(R, double)           \
  REGISTER_V2(R, int32_t)          \
  REGISTER_V2(R, int64_t)
REGISTER_V2_ALL_OUTPUTS(::tfc::half)
REGISTER_V2_ALL_OUTPUTS(float)
REGISTER_V2_ALL_OUTPUTS(double)
REGISTER_V2_ALL_OUTPUTS(int32_t)
REGISTER_V2_ALL_OUTPUTS(int64_t)
#undef REGISTER_V2_ALL_OUTPUTS
#undef REGISTER_V2

}  // namespace
}  // namespace tfc
