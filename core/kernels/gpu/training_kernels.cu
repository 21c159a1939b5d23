// The fused optimizer updates on the GPU: one grid-stride pass per step that updates the
// variable and all of its slots. The rules are training_algorithms.h's, statement by statement.
#include "core/kernels/gpu/training_kernels.h"

#include <algorithm>

namespace tfc {
namespace gpu_training {
namespace {

// ---- arithmetic in T, one rounding per operation ---------------------------------------------
// The _rn intrinsics are never contracted into FMAs (nvcc contracts a * b + c otherwise), so
// each operation rounds as the CPU kernels (built with -ffp-contract=off) do. __half computes
// each operation in float and rounds back, as Eigen::half does on the CPU.
__device__ __forceinline__ float Add(float a, float b) { return __fadd_rn(a, b); }
__device__ __forceinline__ float Sub(float a, float b) { return __fsub_rn(a, b); }
__device__ __forceinline__ float Mul(float a, float b) { return __fmul_rn(a, b); }
__device__ __forceinline__ float Div(float a, float b) { return __fdiv_rn(a, b); }
__device__ __forceinline__ float Sqrt(float a) { return __fsqrt_rn(a); }
// CUDA's powf is off by up to 2 ulp; in double and rounded once it almost always equals the
// CPU's (glibc's powf is within 0.52 ulp), which keeps Ftrl's cancellations from magnifying it.
__device__ __forceinline__ float Pow(float a, float b) {
  return static_cast<float>(pow(static_cast<double>(a), static_cast<double>(b)));
}
__device__ __forceinline__ float Neg(float a) { return -a; }
__device__ __forceinline__ float Abs(float a) { return fabsf(a); }
__device__ __forceinline__ float Wide(float a) { return a; }
__device__ __forceinline__ float FromFloat(float c, float) { return c; }

__device__ __forceinline__ double Add(double a, double b) { return __dadd_rn(a, b); }
__device__ __forceinline__ double Sub(double a, double b) { return __dsub_rn(a, b); }
__device__ __forceinline__ double Mul(double a, double b) { return __dmul_rn(a, b); }
__device__ __forceinline__ double Div(double a, double b) { return __ddiv_rn(a, b); }
__device__ __forceinline__ double Sqrt(double a) { return __dsqrt_rn(a); }
__device__ __forceinline__ double Pow(double a, double b) { return pow(a, b); }
__device__ __forceinline__ double Neg(double a) { return -a; }
__device__ __forceinline__ double Abs(double a) { return fabs(a); }
__device__ __forceinline__ double Wide(double a) { return a; }
__device__ __forceinline__ double FromFloat(float c, double) { return static_cast<double>(c); }

__device__ __forceinline__ float Wide(__half a) { return __half2float(a); }
__device__ __forceinline__ __half Narrow(float a) { return __float2half_rn(a); }
__device__ __forceinline__ __half Add(__half a, __half b) { return Narrow(Add(Wide(a), Wide(b))); }
__device__ __forceinline__ __half Sub(__half a, __half b) { return Narrow(Sub(Wide(a), Wide(b))); }
__device__ __forceinline__ __half Mul(__half a, __half b) { return Narrow(Mul(Wide(a), Wide(b))); }
__device__ __forceinline__ __half Div(__half a, __half b) { return Narrow(Div(Wide(a), Wide(b))); }
__device__ __forceinline__ __half Sqrt(__half a) { return Narrow(Sqrt(Wide(a))); }
__device__ __forceinline__ __half Pow(__half a, __half b) { return Narrow(Pow(Wide(a), Wide(b))); }
__device__ __forceinline__ __half Neg(__half a) { return Narrow(-Wide(a)); }
__device__ __forceinline__ __half Abs(__half a) { return Narrow(fabsf(Wide(a))); }
__device__ __forceinline__ __half FromFloat(float c, __half) { return Narrow(c); }

// A T whose operators round as above, so the rules below read like training_algorithms.h.
template <typename T>
struct Num {
  T x;
};
template <typename T>
__device__ __forceinline__ Num<T> operator+(Num<T> a, Num<T> b) { return {Add(a.x, b.x)}; }
template <typename T>
__device__ __forceinline__ Num<T> operator-(Num<T> a, Num<T> b) { return {Sub(a.x, b.x)}; }
template <typename T>
__device__ __forceinline__ Num<T> operator*(Num<T> a, Num<T> b) { return {Mul(a.x, b.x)}; }
template <typename T>
__device__ __forceinline__ Num<T> operator/(Num<T> a, Num<T> b) { return {Div(a.x, b.x)}; }
template <typename T>
__device__ __forceinline__ Num<T> operator-(Num<T> a) { return {Neg(a.x)}; }
template <typename T>
__device__ __forceinline__ bool operator>(Num<T> a, Num<T> b) { return Wide(a.x) > Wide(b.x); }
template <typename T>
__device__ __forceinline__ bool operator<(Num<T> a, Num<T> b) { return Wide(a.x) < Wide(b.x); }
template <typename T>
__device__ __forceinline__ bool operator==(Num<T> a, Num<T> b) { return Wide(a.x) == Wide(b.x); }

template <typename T>
__device__ __forceinline__ Num<T> K(float c) { return {FromFloat(c, T())}; }
template <typename T>
__device__ __forceinline__ Num<T> L(const T* p) { return {*p}; }
template <typename T>
__device__ __forceinline__ void St(T* p, Num<T> v) { *p = v.x; }
template <typename T>
__device__ __forceinline__ Num<T> SqrtN(Num<T> a) { return {Sqrt(a.x)}; }
template <typename T>
__device__ __forceinline__ Num<T> RsqrtN(Num<T> a) { return K<T>(1.0f) / SqrtN(a); }
template <typename T>
__device__ __forceinline__ Num<T> PowN(Num<T> a, Num<T> b) { return {Pow(a.x, b.x)}; }
template <typename T>
__device__ __forceinline__ Num<T> AbsN(Num<T> a) { return {Abs(a.x)}; }
template <typename T>
__device__ __forceinline__ Num<T> SignN(Num<T> a) {
  const Num<T> zero = K<T>(0.0f);
  return a > zero ? K<T>(1.0f) : (a < zero ? K<T>(-1.0f) : zero);
}

// ---- the rules: constructed once per thread (scalars read from the device), then applied to
// element i ----------------------------------------------------------------------------------

template <typename T>
struct GradientDescentRule {
  Num<T> lr;
  __device__ explicit GradientDescentRule(const DenseUpdateArgs<T>& a) : lr(L(a.s[0])) {}
  __device__ void operator()(const DenseUpdateArgs<T>& a, int64_t i) const {
    const Num<T> g = L(a.grad + i);
    St(a.v[0] + i, L(a.v[0] + i) - g * lr);
  }
};

template <typename T>
struct AdadeltaRule {
  Num<T> lr, rho, eps, one_minus_rho;
  __device__ explicit AdadeltaRule(const DenseUpdateArgs<T>& a)
      : lr(L(a.s[0])), rho(L(a.s[1])), eps(L(a.s[2])), one_minus_rho(K<T>(1.0f) - rho) {}
  __device__ void operator()(const DenseUpdateArgs<T>& a, int64_t i) const {
    const Num<T> g = L(a.grad + i);
    const Num<T> accum = L(a.v[1] + i) * rho + g * g * one_minus_rho;
    St(a.v[1] + i, accum);
    const Num<T> accum_update = L(a.v[2] + i);
    const Num<T> update = SqrtN(accum_update + eps) * RsqrtN(accum + eps) * g;
    St(a.v[0] + i, L(a.v[0] + i) - update * lr);
    St(a.v[2] + i, accum_update * rho + update * update * one_minus_rho);
  }
};

template <typename T>
struct AdagradRule {
  Num<T> lr;
  bool update_slots;
  __device__ explicit AdagradRule(const DenseUpdateArgs<T>& a)
      : lr(L(a.s[0])), update_slots(a.update_slots) {}
  __device__ void operator()(const DenseUpdateArgs<T>& a, int64_t i) const {
    const Num<T> g = L(a.grad + i);
    Num<T> accum = L(a.v[1] + i);
    if (update_slots) {
      accum = accum + g * g;
      St(a.v[1] + i, accum);
    }
    St(a.v[0] + i, L(a.v[0] + i) - g * lr * RsqrtN(accum));
  }
};

template <typename T>
struct AdagradV2Rule {
  Num<T> lr, eps;
  bool update_slots;
  __device__ explicit AdagradV2Rule(const DenseUpdateArgs<T>& a)
      : lr(L(a.s[0])), eps(L(a.s[1])), update_slots(a.update_slots) {}
  __device__ void operator()(const DenseUpdateArgs<T>& a, int64_t i) const {
    const Num<T> g = L(a.grad + i);
    Num<T> accum = L(a.v[1] + i);
    if (update_slots) {
      accum = accum + g * g;
      St(a.v[1] + i, accum);
    }
    St(a.v[0] + i, L(a.v[0] + i) - g * lr / (SqrtN(accum) + eps));
  }
};

template <typename T>
struct MomentumRule {
  Num<T> lr, momentum;
  bool use_nesterov;
  __device__ explicit MomentumRule(const DenseUpdateArgs<T>& a)
      : lr(L(a.s[0])), momentum(L(a.s[1])), use_nesterov(a.use_nesterov) {}
  __device__ void operator()(const DenseUpdateArgs<T>& a, int64_t i) const {
    const Num<T> g = L(a.grad + i);
    const Num<T> accum = L(a.v[1] + i) * momentum + g;
    St(a.v[1] + i, accum);
    const Num<T> var = L(a.v[0] + i);
    if (use_nesterov) {
      St(a.v[0] + i, var - (g * lr + accum * momentum * lr));
    } else {
      St(a.v[0] + i, var - accum * lr);
    }
  }
};

template <typename T>
struct AdamRule {
  Num<T> alpha, beta1, eps, one_minus_beta1, one_minus_beta2;
  bool use_nesterov;
  __device__ explicit AdamRule(const DenseUpdateArgs<T>& a)
      : beta1(L(a.s[3])), eps(L(a.s[5])), use_nesterov(a.use_nesterov) {
    const Num<T> beta1_power = L(a.s[0]), beta2_power = L(a.s[1]), lr = L(a.s[2]);
    const Num<T> beta2 = L(a.s[4]);
    const Num<T> one = K<T>(1.0f);
    alpha = lr * SqrtN(one - beta2_power) / (one - beta1_power);
    one_minus_beta1 = one - beta1;
    one_minus_beta2 = one - beta2;
  }
  __device__ void operator()(const DenseUpdateArgs<T>& a, int64_t i) const {
    const Num<T> g = L(a.grad + i);
    Num<T> m = L(a.v[1] + i);
    m = m + (g - m) * one_minus_beta1;
    St(a.v[1] + i, m);
    Num<T> v = L(a.v[2] + i);
    v = v + (g * g - v) * one_minus_beta2;
    St(a.v[2] + i, v);
    const Num<T> step = use_nesterov ? (g * one_minus_beta1 + beta1 * m) * alpha : m * alpha;
    St(a.v[0] + i, L(a.v[0] + i) - step / (SqrtN(v) + eps));
  }
};

template <typename T>
struct RMSPropRule {
  Num<T> lr, momentum, eps, one_minus_rho;
  __device__ explicit RMSPropRule(const DenseUpdateArgs<T>& a)
      : lr(L(a.s[0])), momentum(L(a.s[2])), eps(L(a.s[3])),
        one_minus_rho(K<T>(1.0f) - L(a.s[1])) {}
  __device__ void operator()(const DenseUpdateArgs<T>& a, int64_t i) const {
    const Num<T> g = L(a.grad + i);
    Num<T> ms = L(a.v[1] + i);
    ms = ms + (g * g - ms) * one_minus_rho;
    St(a.v[1] + i, ms);
    const Num<T> mom = L(a.v[2] + i) * momentum + g * lr / SqrtN(ms + eps);
    St(a.v[2] + i, mom);
    St(a.v[0] + i, L(a.v[0] + i) - mom);
  }
};

// Slots in input order: var, mg, ms, mom.
template <typename T>
struct CenteredRMSPropRule {
  Num<T> lr, momentum, eps, one_minus_rho;
  __device__ explicit CenteredRMSPropRule(const DenseUpdateArgs<T>& a)
      : lr(L(a.s[0])), momentum(L(a.s[2])), eps(L(a.s[3])),
        one_minus_rho(K<T>(1.0f) - L(a.s[1])) {}
  __device__ void operator()(const DenseUpdateArgs<T>& a, int64_t i) const {
    const Num<T> g = L(a.grad + i);
    Num<T> ms = L(a.v[2] + i);
    ms = ms + (g * g - ms) * one_minus_rho;
    St(a.v[2] + i, ms);
    Num<T> mg = L(a.v[1] + i);
    mg = mg + (g - mg) * one_minus_rho;
    St(a.v[1] + i, mg);
    const Num<T> denom = (ms - mg * mg) + eps;
    const Num<T> mom = L(a.v[3] + i) * momentum + g * lr / SqrtN(denom);
    St(a.v[3] + i, mom);
    St(a.v[0] + i, L(a.v[0] + i) - mom);
  }
};

// FTRL-proximal; kShrinkage is FtrlV2 (l2_shrinkage is scalar 3, lr_power scalar 4).
template <typename T, bool kShrinkage>
struct FtrlRuleBase {
  Num<T> lr, l1, two_l2, lr_power, two_shrink;
  __device__ explicit FtrlRuleBase(const DenseUpdateArgs<T>& a)
      : lr(L(a.s[0])), l1(L(a.s[1])), lr_power(L(a.s[kShrinkage ? 4 : 3])) {
    two_l2 = K<T>(2.0f) * L(a.s[2]);
    two_shrink = kShrinkage ? K<T>(2.0f) * L(a.s[3]) : K<T>(0.0f);
  }
  __device__ Num<T> Root(Num<T> x) const {
    return lr_power == K<T>(-0.5f) ? SqrtN(x) : PowN(x, -lr_power);
  }
  __device__ void operator()(const DenseUpdateArgs<T>& a, int64_t i) const {
    const Num<T> g = L(a.grad + i);
    const Num<T> var = L(a.v[0] + i);
    const Num<T> accum = L(a.v[1] + i);
    const Num<T> gs = kShrinkage ? g + two_shrink * var : g;
    const Num<T> new_accum = accum + g * g;
    const Num<T> sigma = (Root(new_accum) - Root(accum)) / lr;
    const Num<T> linear = L(a.v[2] + i) + (gs - sigma * var);
    St(a.v[2] + i, linear);
    const Num<T> x = l1 * SignN(linear) - linear;
    const Num<T> y = Root(new_accum) / lr + two_l2;
    St(a.v[0] + i, AbsN(linear) > l1 ? x / y : K<T>(0.0f));
    St(a.v[1] + i, accum + g * g);
  }
};
template <typename T>
using FtrlRule = FtrlRuleBase<T, false>;
template <typename T>
using FtrlV2Rule = FtrlRuleBase<T, true>;

// ---- launching --------------------------------------------------------------------------------
constexpr int kThreads = 256;

int BlocksFor(int64_t n) {
  const int64_t blocks = (n + kThreads - 1) / kThreads;
  return static_cast<int>(std::max<int64_t>(1, std::min<int64_t>(blocks, 65535LL * 8)));
}

template <typename T, template <typename> class Rule>
__global__ void DenseUpdateKernel(DenseUpdateArgs<T> a) {
  const Rule<T> rule(a);
  const int64_t stride = static_cast<int64_t>(blockDim.x) * gridDim.x;
  for (int64_t i = static_cast<int64_t>(blockIdx.x) * blockDim.x + threadIdx.x; i < a.n;
       i += stride) {
    rule(a, i);
  }
}

template <typename T, template <typename> class Rule>
cudaError_t LaunchRule(cudaStream_t stream, const DenseUpdateArgs<T>& a) {
  if (a.n <= 0) return cudaSuccess;
  DenseUpdateKernel<T, Rule><<<BlocksFor(a.n), kThreads, 0, stream>>>(a);
  return cudaGetLastError();
}

template <typename T, bool kAdd>
__global__ void AssignUpdateKernel(T* p, const T* u, int64_t n) {
  const int64_t stride = static_cast<int64_t>(blockDim.x) * gridDim.x;
  for (int64_t i = static_cast<int64_t>(blockIdx.x) * blockDim.x + threadIdx.x; i < n;
       i += stride) {
    p[i] = kAdd ? Add(p[i], u[i]) : Sub(p[i], u[i]);
  }
}

}  // namespace

template <typename T>
cudaError_t LaunchApplyGradientDescent(cudaStream_t stream, const DenseUpdateArgs<T>& a) {
  return LaunchRule<T, GradientDescentRule>(stream, a);
}
template <typename T>
cudaError_t LaunchApplyMomentum(cudaStream_t stream, const DenseUpdateArgs<T>& a) {
  return LaunchRule<T, MomentumRule>(stream, a);
}
template <typename T>
cudaError_t LaunchApplyAdam(cudaStream_t stream, const DenseUpdateArgs<T>& a) {
  return LaunchRule<T, AdamRule>(stream, a);
}
template <typename T>
cudaError_t LaunchApplyAdagrad(cudaStream_t stream, const DenseUpdateArgs<T>& a) {
  return LaunchRule<T, AdagradRule>(stream, a);
}
template <typename T>
cudaError_t LaunchApplyAdagradV2(cudaStream_t stream, const DenseUpdateArgs<T>& a) {
  return LaunchRule<T, AdagradV2Rule>(stream, a);
}
template <typename T>
cudaError_t LaunchApplyRMSProp(cudaStream_t stream, const DenseUpdateArgs<T>& a) {
  return LaunchRule<T, RMSPropRule>(stream, a);
}
template <typename T>
cudaError_t LaunchApplyCenteredRMSProp(cudaStream_t stream, const DenseUpdateArgs<T>& a) {
  return LaunchRule<T, CenteredRMSPropRule>(stream, a);
}
template <typename T>
cudaError_t LaunchApplyAdadelta(cudaStream_t stream, const DenseUpdateArgs<T>& a) {
  return LaunchRule<T, AdadeltaRule>(stream, a);
}
template <typename T>
cudaError_t LaunchApplyFtrl(cudaStream_t stream, const DenseUpdateArgs<T>& a) {
  return LaunchRule<T, FtrlRule>(stream, a);
}
template <typename T>
cudaError_t LaunchApplyFtrlV2(cudaStream_t stream, const DenseUpdateArgs<T>& a) {
  return LaunchRule<T, FtrlV2Rule>(stream, a);
}

template <typename T>
cudaError_t LaunchAssignUpdate(cudaStream_t stream, T* p, const T* u, int64_t n, bool add) {
  if (n <= 0) return cudaSuccess;
  if (add) {
    AssignUpdateKernel<T, true><<<BlocksFor(n), kThreads, 0, stream>>>(p, u, n);
  } else {
    AssignUpdateKernel<T, false><<<BlocksFor(n), kThreads, 0, stream>>>(p, u, n);
  }
  return cudaGetLastError();
}

#define TFC_INSTANTIATE_TRAINING(T)                                                          \
  template cudaError_t LaunchApplyGradientDescent<T>(cudaStream_t, const DenseUpdateArgs<T>&); \
  template cudaError_t LaunchApplyMomentum<T>(cudaStream_t, const DenseUpdateArgs<T>&);        \
  template cudaError_t LaunchApplyAdam<T>(cudaStream_t, const DenseUpdateArgs<T>&);            \
  template cudaError_t LaunchApplyAdagrad<T>(cudaStream_t, const DenseUpdateArgs<T>&);         \
  template cudaError_t LaunchApplyAdagradV2<T>(cudaStream_t, const DenseUpdateArgs<T>&);       \
  template cudaError_t LaunchApplyRMSProp<T>(cudaStream_t, const DenseUpdateArgs<T>&);         \
  template cudaError_t LaunchApplyCenteredRMSProp<T>(cudaStream_t, const DenseUpdateArgs<T>&); \
  template cudaError_t LaunchApplyAdadelta<T>(cudaStream_t, const DenseUpdateArgs<T>&);        \
  template cudaError_t LaunchApplyFtrl<T>(cudaStream_t, const DenseUpdateArgs<T>&);            \
  template cudaError_t LaunchApplyFtrlV2<T>(cudaStream_t, const DenseUpdateArgs<T>&);          \
  template cudaError_t LaunchAssignUpdate<T>(cudaStream_t, T*, const T*, int64_t, bool);
TFC_INSTANTIATE_TRAINING(float)
TFC_INSTANTIATE_TRAINING(double)
TFC_INSTANTIATE_TRAINING(__half)
#undef TFC_INSTANTIATE_TRAINING

}  // namespace gpu_training
}  // namespace tfc
