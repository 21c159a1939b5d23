#pragma once
// The update rule of each fused optimizer op, written element by element in TensorFlow's order
// of operations (so float rounding matches TF's CPU kernels). Each rule names its layout: the
// variable-like inputs, the scalar inputs (dense input indices) and the gradient's index.
// Dense() updates elements [b, e); Sparse() updates one row of n elements (v[k] point at the
// row of each variable, g at the gradient row).
#include "core/kernels/training/training_op_util.h"

namespace tfc {
namespace training {

struct Flags {
  bool use_nesterov = false;
  bool update_slots = true;
};

struct ScalarArg {
  int index;
  const char* what;  // as TF's "... is not a scalar: " messages name it
};

// Optional value checks that TF's CPU kernels make on the scalars.
struct NoScalarCheck {
  template <typename T>
  static Status Check(const T*, bool) { return OkStatus(); }
};

struct GradientDescentAlgo : NoScalarCheck {
  static constexpr int kNumVars = 1;
  static constexpr const char* kVarNames[] = {"var"};
  static constexpr ScalarArg kScalars[] = {{1, "alpha"}};
  static constexpr int kGrad = 2;
  static constexpr const char* kGradName = "delta";
  template <typename T>
  static void Dense(T* const* v, const T* s, const T* g, int64_t b, int64_t e, const Flags&) {
    T* var = v[0];
    const T lr = s[0];
    for (int64_t i = b; i < e; ++i) var[i] = var[i] - g[i] * lr;
  }
};

struct AdadeltaAlgo : NoScalarCheck {
  static constexpr int kNumVars = 3;
  static constexpr const char* kVarNames[] = {"var", "accum", "accum_update"};
  static constexpr ScalarArg kScalars[] = {{3, "lr"}, {4, "rho"}, {5, "epsilon"}};
  static constexpr int kGrad = 6;
  static constexpr const char* kGradName = "grad";
  template <typename T>
  static void Dense(T* const* v, const T* s, const T* g, int64_t b, int64_t e, const Flags&) {
    T *var = v[0], *accum = v[1], *accum_update = v[2];
    const T lr = s[0], rho = s[1], eps = s[2], one_minus_rho = T(1) - rho;
    for (int64_t i = b; i < e; ++i) {
      accum[i] = accum[i] * rho + g[i] * g[i] * one_minus_rho;
      const T update = Sqrt<T>(accum_update[i] + eps) * Rsqrt<T>(accum[i] + eps) * g[i];
      var[i] = var[i] - update * lr;
      accum_update[i] = accum_update[i] * rho + update * update * one_minus_rho;
    }
  }
  template <typename T>
  static void Sparse(T* const* v, const T* s, const T* g, int64_t n, const Flags& f) {
    Dense(v, s, g, 0, n, f);
  }
};

struct AdagradAlgo : NoScalarCheck {
  static constexpr int kNumVars = 2;
  static constexpr const char* kVarNames[] = {"var", "accum"};
  static constexpr ScalarArg kScalars[] = {{2, "lr"}};
  static constexpr int kGrad = 3;
  static constexpr const char* kGradName = "grad";
  template <typename T>
  static void Dense(T* const* v, const T* s, const T* g, int64_t b, int64_t e, const Flags& f) {
    T *var = v[0], *accum = v[1];
    const T lr = s[0];
    for (int64_t i = b; i < e; ++i) {
      if (f.update_slots) accum[i] = accum[i] + g[i] * g[i];
      var[i] = var[i] - g[i] * lr * Rsqrt<T>(accum[i]);
    }
  }
  template <typename T>
  static void Sparse(T* const* v, const T* s, const T* g, int64_t n, const Flags& f) {
    T *var = v[0], *accum = v[1];
    const T lr = s[0];
    for (int64_t i = 0; i < n; ++i) {
      if (f.update_slots) accum[i] = accum[i] + g[i] * g[i];
      // TF's one-element rows divide by the root; wider rows multiply by its inverse.
      if (n > 1) {
        var[i] = var[i] - lr * g[i] * Rsqrt<T>(accum[i]);
      } else {
        var[i] = var[i] - lr * g[i] / Sqrt<T>(accum[i]);
      }
    }
  }
};

struct AdagradV2Algo : NoScalarCheck {
  static constexpr int kNumVars = 2;
  static constexpr const char* kVarNames[] = {"var", "accum"};
  static constexpr ScalarArg kScalars[] = {{2, "lr"}, {3, "epsilon"}};
  static constexpr int kGrad = 4;
  static constexpr const char* kGradName = "grad";
  template <typename T>
  static void Dense(T* const* v, const T* s, const T* g, int64_t b, int64_t e, const Flags& f) {
    T *var = v[0], *accum = v[1];
    const T lr = s[0], eps = s[1];
    for (int64_t i = b; i < e; ++i) {
      if (f.update_slots) accum[i] = accum[i] + g[i] * g[i];
      var[i] = var[i] - g[i] * lr / (Sqrt<T>(accum[i]) + eps);
    }
  }
  template <typename T>
  static void Sparse(T* const* v, const T* s, const T* g, int64_t n, const Flags& f) {
    T *var = v[0], *accum = v[1];
    const T lr = s[0], eps = s[1];
    for (int64_t i = 0; i < n; ++i) {
      if (f.update_slots) accum[i] = accum[i] + g[i] * g[i];
      var[i] = var[i] - lr * g[i] / (Sqrt<T>(accum[i]) + eps);
    }
  }
};

// Proximal (FOBOS) step of var toward prox = var - lr * grad, shrunk by l1 and scaled by l2.
template <typename T>
inline T ProximalStep(T prox, T lr, T l1, T l2) {
  if (l1 > T(0)) return Sign(prox) * Max<T>(Abs(prox) - lr * l1, T(0)) / (T(1) + l2 * lr);
  return prox / (T(1) + l2 * lr);
}
// The one-element-row form TF writes with a double `1.0` in the denominator.
template <typename T>
inline T ProximalStepScalarRow(T prox, T lr, T l1, T l2) {
  const double denom = 1.0 + static_cast<double>(l2 * lr);
  if (l1 > T(0)) {
    return static_cast<T>(static_cast<double>(Sign(prox) * Max<T>(Abs(prox) - lr * l1, T(0))) /
                          denom);
  }
  return static_cast<T>(static_cast<double>(prox) / denom);
}

struct ProximalGradientDescentAlgo : NoScalarCheck {
  static constexpr int kNumVars = 1;
  static constexpr const char* kVarNames[] = {"var"};
  static constexpr ScalarArg kScalars[] = {
      {1, "alpha"}, {2, "l1 regularization strength"}, {3, "l2 regularization strength"}};
  static constexpr int kGrad = 4;
  static constexpr const char* kGradName = "delta";
  template <typename T>
  static void Dense(T* const* v, const T* s, const T* g, int64_t b, int64_t e, const Flags&) {
    T* var = v[0];
    const T lr = s[0], l1 = s[1], l2 = s[2];
    const T shrink = lr * l1, scale = T(1) + l2 * lr;
    for (int64_t i = b; i < e; ++i) {
      const T prox = var[i] - g[i] * lr;
      var[i] = l1 > T(0) ? Sign(prox) * Max<T>(Abs(prox) - shrink, T(0)) / scale : prox / scale;
    }
  }
  template <typename T>
  static void Sparse(T* const* v, const T* s, const T* g, int64_t n, const Flags&) {
    T* var = v[0];
    const T lr = s[0], l1 = s[1], l2 = s[2];
    for (int64_t i = 0; i < n; ++i) {
      if (n > 1) {
        var[i] = ProximalStep<T>(var[i] - g[i] * lr, lr, l1, l2);
      } else {
        var[i] = ProximalStepScalarRow<T>(var[i] - lr * g[i], lr, l1, l2);
      }
    }
  }
};

struct ProximalAdagradAlgo {
  static constexpr int kNumVars = 2;
  static constexpr const char* kVarNames[] = {"var", "accum"};
  static constexpr ScalarArg kScalars[] = {
      {2, "lr"}, {3, "l1 regularization strength"}, {4, "l2 regularization strength"}};
  static constexpr int kGrad = 5;
  static constexpr const char* kGradName = "grad";
  template <typename T>
  static Status Check(const T* s, bool) {
    if (!(s[0] > T(0))) return errors::InvalidArgument("lr is not a positive scalar: []");
    if (!(s[1] >= T(0))) {
      return errors::InvalidArgument(
          "l1 regularization strength is not a non-negative scalar: []");
    }
    if (!(s[2] >= T(0))) {
      return errors::InvalidArgument(
          "l2 regularization strength is not a non-negative scalar: []");
    }
    return OkStatus();
  }
  template <typename T>
  static void Dense(T* const* v, const T* s, const T* g, int64_t b, int64_t e, const Flags&) {
    T *var = v[0], *accum = v[1];
    const T lr = s[0], l1 = s[1], l2 = s[2];
    for (int64_t i = b; i < e; ++i) {
      accum[i] = accum[i] + g[i] * g[i];
      const T rate = lr * Rsqrt<T>(accum[i]);
      const T prox = var[i] - g[i] * rate;
      var[i] = l1 > T(0) ? Sign(prox) * Max<T>(Abs(prox) - rate * l1, T(0)) / (T(1) + l2 * rate)
                         : prox / (T(1) + l2 * rate);
    }
  }
  template <typename T>
  static void Sparse(T* const* v, const T* s, const T* g, int64_t n, const Flags& f) {
    if (n > 1) return Dense(v, s, g, 0, n, f);
    T *var = v[0], *accum = v[1];
    const T lr = s[0], l1 = s[1], l2 = s[2];
    accum[0] = accum[0] + g[0] * g[0];
    const T rate = lr / Sqrt<T>(accum[0]);
    var[0] = ProximalStepScalarRow<T>(var[0] - rate * g[0], rate, l1, l2);
  }
};

// FTRL-proximal. kShrinkage: FtrlV2's l2_shrinkage input (index 7, before lr_power).
template <bool kShrinkage>
struct FtrlAlgoBase {
  static constexpr int kNumVars = 3;
  static constexpr const char* kVarNames[] = {"var", "accum", "linear"};
  static constexpr int kGrad = 3;
  static constexpr const char* kGradName = "grad";
  static constexpr int kLrPower = kShrinkage ? 4 : 3;  // position in kScalars

  template <typename T>
  static T Root(T x, T lr_power) {
    return lr_power == T(-0.5) ? Sqrt<T>(x) : Pow<T>(x, -lr_power);
  }
  template <typename T>
  static void Dense(T* const* v, const T* s, const T* g, int64_t b, int64_t e, const Flags&) {
    T *var = v[0], *accum = v[1], *linear = v[2];
    const T lr = s[0], l1 = s[1], l2 = s[2], lr_power = s[kLrPower];
    const T two_l2 = T(2) * l2;
    const T two_shrink = kShrinkage ? T(2) * s[3] : T(0);
    for (int64_t i = b; i < e; ++i) {
      const T gs = kShrinkage ? g[i] + two_shrink * var[i] : g[i];
      const T new_accum = accum[i] + g[i] * g[i];
      const T sigma = (Root(new_accum, lr_power) - Root(accum[i], lr_power)) / lr;
      linear[i] = linear[i] + (gs - sigma * var[i]);
      const T x = l1 * Sign(linear[i]) - linear[i];
      const T y = Root(new_accum, lr_power) / lr + two_l2;
      var[i] = Abs(linear[i]) > l1 ? x / y : T(0);
      accum[i] = accum[i] + g[i] * g[i];
    }
  }
  template <typename T>
  static void Sparse(T* const* v, const T* s, const T* g, int64_t n, const Flags& f) {
    if (n > 1) return Dense(v, s, g, 0, n, f);
    // One-element rows: TF's scalar path takes pow() even for lr_power = -0.5.
    T &var = v[0][0], &accum = v[1][0], &linear = v[2][0];
    const T lr = s[0], l1 = s[1], l2 = s[2], lr_power = s[kLrPower];
    const T gs = kShrinkage ? g[0] + T(2) * s[3] * var : g[0];
    const T new_accum = accum + g[0] * g[0];
    T sigma = Pow<T>(new_accum, -lr_power) - Pow<T>(accum, -lr_power);
    sigma = sigma / lr;
    const T new_linear = linear + gs - sigma * var;
    const T quadratic = Root(new_accum, lr_power) / lr + T(2) * l2;
    const T adjust = Max<T>(Min<T>(new_linear, l1), -l1);
    var = (adjust - new_linear) / quadratic;
    accum = new_accum;
    linear = new_linear;
  }
  template <typename T>
  static Status Check(const T* s, bool sparse) {
    if (!sparse) return OkStatus();
    if (!(s[0] > T(0))) return errors::InvalidArgument("lr is not a positive scalar: []");
    if (!(s[1] >= T(0))) {
      return errors::InvalidArgument(
          "l1 regularization strength is not a non-negative scalar: []");
    }
    if (!(s[2] >= T(0))) {
      return errors::InvalidArgument(
          "l2 regularization strength is not a non-negative scalar: []");
    }
    if (kShrinkage && !(s[3] >= T(0))) {
      return errors::InvalidArgument(
          "l2 shrinkage regularization strength is not a non-negative scalar: []");
    }
    if (!(s[kLrPower] <= T(0))) {
      return errors::InvalidArgument("lr_power is not a non-positive scalar: []");
    }
    return OkStatus();
  }
};

struct FtrlAlgo : FtrlAlgoBase<false> {
  static constexpr ScalarArg kScalars[] = {{4, "lr"},
                                           {5, "l1 regularization strength"},
                                           {6, "l2 regularization strength"},
                                           {7, "lr_power"}};
};
struct FtrlV2Algo : FtrlAlgoBase<true> {
  static constexpr ScalarArg kScalars[] = {{4, "lr"},
                                           {5, "l1 regularization strength"},
                                           {6, "l2 regularization strength"},
                                           {7, "l2 shrinkage regularization strength"},
                                           {8, "lr_power"}};
};

struct MomentumAlgo : NoScalarCheck {
  static constexpr int kNumVars = 2;
  static constexpr const char* kVarNames[] = {"var", "accum"};
  static constexpr ScalarArg kScalars[] = {{2, "lr"}, {4, "momentum"}};
  static constexpr int kGrad = 3;
  static constexpr const char* kGradName = "grad";
  template <typename T>
  static void Dense(T* const* v, const T* s, const T* g, int64_t b, int64_t e, const Flags& f) {
    T *var = v[0], *accum = v[1];
    const T lr = s[0], momentum = s[1];
    for (int64_t i = b; i < e; ++i) {
      accum[i] = accum[i] * momentum + g[i];
      if (f.use_nesterov) {
        var[i] = var[i] - (g[i] * lr + accum[i] * momentum * lr);
      } else {
        var[i] = var[i] - accum[i] * lr;
      }
    }
  }
  template <typename T>
  static void Sparse(T* const* v, const T* s, const T* g, int64_t n, const Flags& f) {
    T *var = v[0], *accum = v[1];
    const T lr = s[0], momentum = s[1];
    for (int64_t i = 0; i < n; ++i) {
      accum[i] = accum[i] * momentum + g[i];
      if (f.use_nesterov) {
        var[i] = var[i] - (lr * g[i] + lr * momentum * accum[i]);
      } else {
        var[i] = var[i] - lr * accum[i];
      }
    }
  }
};

struct AdamAlgo : NoScalarCheck {
  static constexpr int kNumVars = 3;
  static constexpr const char* kVarNames[] = {"var", "m", "v"};
  static constexpr ScalarArg kScalars[] = {{3, "beta1_power"}, {4, "beta2_power"}, {5, "lr"},
                                           {6, "beta1"},       {7, "beta2"},       {8, "epsilon"}};
  static constexpr int kGrad = 9;
  static constexpr const char* kGradName = "grad";
  template <typename T>
  static void Dense(T* const* vars, const T* s, const T* g, int64_t b, int64_t e, const Flags& f) {
    T *var = vars[0], *m = vars[1], *v = vars[2];
    const T beta1_power = s[0], beta2_power = s[1], lr = s[2], beta1 = s[3], beta2 = s[4],
            eps = s[5];
    const T alpha = lr * Sqrt<T>(T(1) - beta2_power) / (T(1) - beta1_power);
    const T one_minus_beta1 = T(1) - beta1, one_minus_beta2 = T(1) - beta2;
    for (int64_t i = b; i < e; ++i) {
      m[i] = m[i] + (g[i] - m[i]) * one_minus_beta1;
      v[i] = v[i] + (g[i] * g[i] - v[i]) * one_minus_beta2;
      const T step = f.use_nesterov ? (g[i] * one_minus_beta1 + beta1 * m[i]) * alpha
                                    : m[i] * alpha;
      var[i] = var[i] - step / (Sqrt<T>(v[i]) + eps);
    }
  }
};

struct RMSPropAlgo : NoScalarCheck {
  static constexpr int kNumVars = 3;
  static constexpr const char* kVarNames[] = {"var", "ms", "mom"};
  static constexpr ScalarArg kScalars[] = {{3, "lr"}, {4, "rho"}, {5, "momentum"}, {6, "epsilon"}};
  static constexpr int kGrad = 7;
  static constexpr const char* kGradName = "grad";
  template <typename T>
  static void Dense(T* const* v, const T* s, const T* g, int64_t b, int64_t e, const Flags&) {
    T *var = v[0], *ms = v[1], *mom = v[2];
    const T lr = s[0], rho = s[1], momentum = s[2], eps = s[3], one_minus_rho = T(1) - rho;
    for (int64_t i = b; i < e; ++i) {
      ms[i] = ms[i] + (g[i] * g[i] - ms[i]) * one_minus_rho;
      mom[i] = mom[i] * momentum + g[i] * lr / Sqrt<T>(ms[i] + eps);
      var[i] = var[i] - mom[i];
    }
  }
  template <typename T>
  static void Sparse(T* const* v, const T* s, const T* g, int64_t n, const Flags&) {
    T *var = v[0], *ms = v[1], *mom = v[2];
    const T lr = s[0], rho = s[1], momentum = s[2], eps = s[3], one_minus_rho = T(1) - rho;
    for (int64_t i = 0; i < n; ++i) {
      ms[i] = ms[i] * rho + g[i] * g[i] * one_minus_rho;
      mom[i] = mom[i] * momentum + Rsqrt<T>(ms[i] + eps) * lr * g[i];
      var[i] = var[i] - mom[i];
    }
  }
};

struct CenteredRMSPropAlgo : NoScalarCheck {
  static constexpr int kNumVars = 4;
  static constexpr const char* kVarNames[] = {"var", "mg", "ms", "mom"};
  static constexpr ScalarArg kScalars[] = {{4, "lr"}, {5, "rho"}, {6, "momentum"}, {7, "epsilon"}};
  static constexpr int kGrad = 8;
  static constexpr const char* kGradName = "grad";
  template <typename T>
  static void Dense(T* const* v, const T* s, const T* g, int64_t b, int64_t e, const Flags&) {
    T *var = v[0], *mg = v[1], *ms = v[2], *mom = v[3];
    const T lr = s[0], rho = s[1], momentum = s[2], eps = s[3], one_minus_rho = T(1) - rho;
    for (int64_t i = b; i < e; ++i) {
      ms[i] = ms[i] + (g[i] * g[i] - ms[i]) * one_minus_rho;
      mg[i] = mg[i] + (g[i] - mg[i]) * one_minus_rho;
      const T denom = (ms[i] - mg[i] * mg[i]) + eps;
      mom[i] = mom[i] * momentum + g[i] * lr / Sqrt<T>(denom);
      var[i] = var[i] - mom[i];
    }
  }
  template <typename T>
  static void Sparse(T* const* v, const T* s, const T* g, int64_t n, const Flags&) {
    T *var = v[0], *mg = v[1], *ms = v[2], *mom = v[3];
    const T lr = s[0], rho = s[1], momentum = s[2], eps = s[3], one_minus_rho = T(1) - rho;
    for (int64_t i = 0; i < n; ++i) {
      ms[i] = ms[i] * rho + g[i] * g[i] * one_minus_rho;
      mg[i] = mg[i] * rho + g[i] * one_minus_rho;
      const T denom = ms[i] + eps - mg[i] * mg[i];
      mom[i] = mom[i] * momentum + Rsqrt<T>(denom) * lr * g[i];
      var[i] = var[i] - mom[i];
    }
  }
};

}  // namespace training
}  // namespace tfc
