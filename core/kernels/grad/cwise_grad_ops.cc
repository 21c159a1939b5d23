// Element-wise backprop kernels: the "dy given y" ops (TanhGrad, SigmoidGrad, SqrtGrad,
// RsqrtGrad, ReciprocalGrad, InvGrad) and the activation grads (ReluGrad, Relu6Grad,
// LeakyReluGrad, EluGrad, SeluGrad, SoftplusGrad, SoftsignGrad). Both inputs must have the
// same shape, as in TF.
#include <cmath>
#include <complex>

#include "core/kernels/cwise/cwise_common.h"

namespace tfc {
namespace {

template <typename C>
C Conj(C v) {
  if constexpr (kIsComplex<C>) {
    return std::conj(v);
  } else {
    return v;
  }
}

// F is built from the kernel's attrs; F::operator()(a, b) sees compute-type values.
template <typename T, typename F>
class SameShapeBinaryOp : public OpKernel {
 public:
  explicit SameShapeBinaryOp(OpKernelConstruction* c) : OpKernel(c), f_(c) { expensive_ = false; }

  void Compute(OpKernelContext* ctx) override {
    const Tensor& a = ctx->input(0);
    const Tensor& b = ctx->input(1);
    OP_REQUIRES(ctx, a.shape() == b.shape(),
                errors::InvalidArgument("Inputs to operation ", name(), " of type ",
                                        type_string(), " must have the same size and shape.  "
                                        "Input 0: ", a.shape().DebugString(), " != input 1: ",
                                        b.shape().DebugString()));
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, a.shape(), &out));
    const T* ap = a.data<T>();
    const T* bp = b.data<T>();
    T* op = out->data<T>();
    const F f = f_;
    ctx->ParallelFor(a.NumElements(), kCwiseCost, [=](int64_t s, int64_t e) {
      using C = ComputeType<T>;
      for (int64_t i = s; i < e; ++i)
        op[i] = static_cast<T>(f(static_cast<C>(ap[i]), static_cast<C>(bp[i])));
    });
  }

 private:
  F f_;
};

struct NoAttrs {
  explicit NoAttrs(OpKernelConstruction*) {}
};

// ---- (y, dy) --------------------------------------------------------------------------------
struct TanhGrad : NoAttrs {
  using NoAttrs::NoAttrs;
  template <typename C>
  C operator()(C y, C dy) const { return dy * Conj(C(1) - y * y); }
};
struct SigmoidGrad : NoAttrs {
  using NoAttrs::NoAttrs;
  template <typename C>
  C operator()(C y, C dy) const { return dy * Conj(y * (C(1) - y)); }
};
struct SqrtGrad : NoAttrs {
  using NoAttrs::NoAttrs;
  template <typename C>
  C operator()(C y, C dy) const { return (C(0.5) * dy) / Conj(y); }
};
struct RsqrtGrad : NoAttrs {
  using NoAttrs::NoAttrs;
  template <typename C>
  C operator()(C y, C dy) const { return dy * Conj(C(-0.5) * y * y * y); }
};
struct ReciprocalGrad : NoAttrs {
  using NoAttrs::NoAttrs;
  template <typename C>
  C operator()(C y, C dy) const { return -dy * Conj(y * y); }
};

// ---- (gradients, features or outputs) -------------------------------------------------------
struct ReluGrad : NoAttrs {
  using NoAttrs::NoAttrs;
  template <typename C>
  C operator()(C g, C x) const { return x > C(0) ? g : C(0); }
};
struct Relu6Grad : NoAttrs {
  using NoAttrs::NoAttrs;
  template <typename C>
  C operator()(C g, C x) const { return (x > C(0) && x < C(6)) ? g : C(0); }
};
struct LeakyReluGrad {
  explicit LeakyReluGrad(OpKernelConstruction* c) {
    OP_REQUIRES_OK(c, c->GetAttr("alpha", &alpha));
  }
  template <typename C>
  C operator()(C g, C x) const { return x > C(0) ? g : g * static_cast<C>(alpha); }
  float alpha = 0.2f;
};
struct EluGrad : NoAttrs {
  using NoAttrs::NoAttrs;
  template <typename C>
  C operator()(C g, C y) const { return y < C(0) ? g * (y + C(1)) : g; }
};
struct SeluGrad : NoAttrs {
  using NoAttrs::NoAttrs;
  template <typename C>
  C operator()(C g, C y) const {
    const C scale = static_cast<C>(1.0507009873554804934193349852946);
    const C scale_alpha = static_cast<C>(1.7580993408473768599402175208123);
    return y < C(0) ? g * (y + scale_alpha) : g * scale;
  }
};
struct SoftplusGrad : NoAttrs {
  using NoAttrs::NoAttrs;
  template <typename C>
  C operator()(C g, C x) const { return g / (C(1) + std::exp(-x)); }
};
struct SoftsignGrad : NoAttrs {
  using NoAttrs::NoAttrs;
  template <typename C>
  C operator()(C g, C x) const {
    const C d = C(1) + std::abs(x);
    return g / (d * d);
  }
};

#define REG(OP, F, T)                                                        \
  REGISTER_KERNEL_BUILDER(Name(OP).Device(DEVICE_CPU).TypeConstraint<T>("T"), \
                          SameShapeBinaryOp<T, F>)

#define R(T)                                   \
  REG("TanhGrad", TanhGrad, T);                \
  REG("SigmoidGrad", SigmoidGrad, T);          \
  REG("SqrtGrad", SqrtGrad, T);                \
  REG("RsqrtGrad", RsqrtGrad, T);              \
  REG("ReciprocalGrad", ReciprocalGrad, T);    \
  REG("InvGrad", ReciprocalGrad, T);
TF_CALL_FLOAT_TYPES(R) TF_CALL_COMPLEX_TYPES(R)
#undef R

#define R(T) REG("ReluGrad", ReluGrad, T); REG("Relu6Grad", Relu6Grad, T);
TF_CALL_REAL_NUMBER_TYPES(R)
#undef R

#define R(T)                                  \
  REG("LeakyReluGrad", LeakyReluGrad, T);     \
  REG("EluGrad", EluGrad, T);                 \
  REG("SeluGrad", SeluGrad, T);               \
  REG("SoftplusGrad", SoftplusGrad, T);       \
  REG("SoftsignGrad", SoftsignGrad, T);
TF_CALL_FLOAT_TYPES(R)
#undef R
#undef REG

}  // namespace
}  // namespace tfc
