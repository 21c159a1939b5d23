#pragma once
// Generic element-wise kernels: one unary and one broadcasting binary kernel, each
// parameterised by a functor. A functor is a struct with
//   template <typename T> using Out = ...;                     // output element type
//   template <typename C> static auto Run(C x[, C y]);         // C = ComputeType<T>
// and optionally `static constexpr int kCheck = ...` naming an input check (integer division
// by zero, negative integer powers) done before computing.
#include <type_traits>

#include "core/framework/op_kernel.h"
#include "core/framework/register_types.h"
#include "core/kernels/cwise/bcast.h"

namespace tfc {

// half and bfloat16 are computed in float.
template <typename T>
struct ComputeTypeOf {
  using type = T;
};
template <>
struct ComputeTypeOf<half> {
  using type = float;
};
template <>
struct ComputeTypeOf<bfloat16> {
  using type = float;
};
template <typename T>
using ComputeType = typename ComputeTypeOf<T>::type;

template <typename T>
constexpr bool kIsComplex = std::is_same_v<T, complex64> || std::is_same_v<T, complex128>;

enum : int { kNoCheck = 0, kCheckIntDivByZero = 1, kCheckNegIntPow = 2 };

template <typename F>
constexpr int CheckOf() {
  if constexpr (requires { F::kCheck; }) {
    return F::kCheck;
  } else {
    return kNoCheck;
  }
}

// Roughly one element's cost in cycles for ParallelFor's sharding.
constexpr int64_t kCwiseCost = 8;

template <typename T, typename F>
class UnaryOp : public OpKernel {
 public:
  using Out = typename F::template Out<T>;
  explicit UnaryOp(OpKernelConstruction* c) : OpKernel(c) { expensive_ = false; }

  void Compute(OpKernelContext* ctx) override {
    const Tensor& x = ctx->input(0);
    Tensor* y = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, x.shape(), &y));
    const T* in = x.data<T>();
    Out* out = y->data<Out>();
    ctx->ParallelFor(x.NumElements(), kCwiseCost, [in, out](int64_t b, int64_t e) {
      using C = ComputeType<T>;
      for (int64_t i = b; i < e; ++i) out[i] = static_cast<Out>(F::Run(static_cast<C>(in[i])));
    });
  }
};

// Same as UnaryOp with a functor object built from the kernel's attrs (LeakyRelu's alpha).
template <typename T, typename F>
class UnaryAttrOp : public OpKernel {
 public:
  explicit UnaryAttrOp(OpKernelConstruction* c) : OpKernel(c), f_(c) { expensive_ = false; }

  void Compute(OpKernelContext* ctx) override {
    const Tensor& x = ctx->input(0);
    Tensor* y = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, x.shape(), &y));
    const T* in = x.data<T>();
    T* out = y->data<T>();
    const F f = f_;
    ctx->ParallelFor(x.NumElements(), kCwiseCost, [in, out, f](int64_t b, int64_t e) {
      using C = ComputeType<T>;
      for (int64_t i = b; i < e; ++i) out[i] = static_cast<T>(f(static_cast<C>(in[i])));
    });
  }

 private:
  F f_;
};

template <typename T, int kCheck>
Status CheckDivisor(const Tensor& y) {
  if constexpr (kCheck == kCheckIntDivByZero && std::is_integral_v<T>) {
    const T* p = y.data<T>();
    for (int64_t i = 0, n = y.NumElements(); i < n; ++i)
      if (p[i] == T(0)) return errors::InvalidArgument("Integer division by zero");
  } else if constexpr (kCheck == kCheckNegIntPow && std::is_integral_v<T>) {
    const T* p = y.data<T>();
    for (int64_t i = 0, n = y.NumElements(); i < n; ++i)
      if (p[i] < T(0))
        return errors::InvalidArgument("Integers to negative integer powers are not allowed");
  }
  return OkStatus();
}

// out[i] = F(x[bcast i], y[bcast i]) with NumPy broadcasting.
template <typename T, typename F>
class BinaryOp : public OpKernel {
 public:
  using Out = typename F::template Out<T>;
  explicit BinaryOp(OpKernelConstruction* c) : OpKernel(c) { expensive_ = false; }

  void Compute(OpKernelContext* ctx) override {
    const Tensor& x = ctx->input(0);
    const Tensor& y = ctx->input(1);
    BcastPlan plan;
    Status s = MakeBcastPlan({&x.shape(), &y.shape()}, &plan);
    if (!s.ok()) {
      // Equal/NotEqual with incompatible_shape_error=false answer a scalar instead.
      if constexpr (requires { F::kIncompatibleValue; }) {
        if (!incompatible_shape_error_) {
          Tensor* z = nullptr;
          OP_REQUIRES_OK(ctx, ctx->allocate_output(0, TensorShape({}), &z));
          z->scalar<bool>() = F::kIncompatibleValue;
          return;
        }
      }
      OP_REQUIRES_OK(ctx, s);
    }
    Tensor* z = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, plan.out_shape, &z));
    if (z->NumElements() == 0) return;  // as in TF, no element computed means no division error
    OP_REQUIRES_OK(ctx, (CheckDivisor<T, CheckOf<F>()>(y)));
    const T* xp = x.data<T>();
    const T* yp = y.data<T>();
    Out* zp = z->data<Out>();
    const int nd = static_cast<int>(plan.dims.size());
    const int64_t inner = plan.dims[nd - 1];
    const int64_t rows = z->NumElements() / inner;
    const int64_t sx = plan.strides[0][nd - 1], sy = plan.strides[1][nd - 1];
    ctx->ParallelFor(rows, kCwiseCost * inner, [&](int64_t rb, int64_t re) {
      ForEachRow<2>(plan, rb, re, [&](int64_t o, const int64_t* off, int64_t len) {
        const T* a = xp + off[0];
        const T* b = yp + off[1];
        Out* c = zp + o;
        // Separate loops per stride pattern let the compiler vectorise the common cases.
        if (sx == 1 && sy == 1) {
          for (int64_t i = 0; i < len; ++i) c[i] = Apply(a[i], b[i]);
        } else if (sx == 0 && sy == 1) {
          const T av = a[0];
          for (int64_t i = 0; i < len; ++i) c[i] = Apply(av, b[i]);
        } else if (sx == 1 && sy == 0) {
          const T bv = b[0];
          for (int64_t i = 0; i < len; ++i) c[i] = Apply(a[i], bv);
        } else {
          const Out v = Apply(a[0], b[0]);
          for (int64_t i = 0; i < len; ++i) c[i] = v;
        }
      });
    });
  }

 protected:
  bool incompatible_shape_error_ = true;

 private:
  static Out Apply(const T& a, const T& b) {
    using C = ComputeType<T>;
    if constexpr (std::is_same_v<C, T>) {
      return static_cast<Out>(F::Run(a, b));
    } else {
      return static_cast<Out>(F::Run(static_cast<C>(a), static_cast<C>(b)));
    }
  }
};

// Equal/NotEqual read incompatible_shape_error.
template <typename T, typename F>
class EqualityOp : public BinaryOp<T, F> {
 public:
  explicit EqualityOp(OpKernelConstruction* c) : BinaryOp<T, F>(c) {
    bool v = true;
    if (GetNodeAttr(c->def(), "incompatible_shape_error", &v).ok())
      this->incompatible_shape_error_ = v;
  }
};

}  // namespace tfc

#define TFC_REGISTER_UNARY(OP, FUNCTOR, T) \
  REGISTER_KERNEL_BUILDER(Name(OP).Device(DEVICE_CPU).TypeConstraint<T>("T"), UnaryOp<T, FUNCTOR>)
#define TFC_REGISTER_BINARY(OP, FUNCTOR, T) \
  REGISTER_KERNEL_BUILDER(Name(OP).Device(DEVICE_CPU).TypeConstraint<T>("T"), BinaryOp<T, FUNCTOR>)
