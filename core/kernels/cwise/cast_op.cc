// Cast between any two numeric/bool dtypes (TF's static_cast rules: complex -> real keeps the
// real part, x -> bool is x != 0). Truncate=true drops mantissa bits instead of rounding when
// narrowing to half/bfloat16.
#include <cstring>
#include <type_traits>

#include "core/framework/op_kernel.h"
#include "core/framework/register_types.h"
#include "core/kernels/cwise/cwise_common.h"

namespace tfc {
namespace {

template <typename T>
using RealPart = std::conditional_t<kIsComplex<T>, typename T::value_type, T>;

// Any numeric value as a wide real (complex: its real part).
template <typename S>
auto Widen(const S& x) {
  if constexpr (kIsComplex<S>) return static_cast<double>(x.real());
  else if constexpr (std::is_same_v<S, half> || std::is_same_v<S, bfloat16>)
    return static_cast<float>(x);
  else return x;
}

float TruncateMantissa(float f, int drop_bits) {
  uint32_t u;
  std::memcpy(&u, &f, 4);
  if ((u & 0x7f800000u) != 0x7f800000u) u &= ~((1u << drop_bits) - 1);  // keep inf/nan
  std::memcpy(&f, &u, 4);
  return f;
}

template <typename S, typename D>
D CastOne(const S& x, bool truncate) {
  if constexpr (std::is_same_v<D, bool>) {
    if constexpr (kIsComplex<S>) return x != S(0);
    else return Widen(x) != decltype(Widen(x))(0);
  } else if constexpr (kIsComplex<D>) {
    using R = typename D::value_type;
    if constexpr (kIsComplex<S>) return D(static_cast<R>(x.real()), static_cast<R>(x.imag()));
    else return D(static_cast<R>(Widen(x)), R(0));
  } else if constexpr (std::is_same_v<D, half> || std::is_same_v<D, bfloat16>) {
    float f = static_cast<float>(Widen(x));
    if (truncate && std::is_floating_point_v<decltype(Widen(x))>)
      f = TruncateMantissa(f, std::is_same_v<D, half> ? 13 : 16);
    return static_cast<D>(f);
  } else {
    return static_cast<D>(Widen(x));
  }
}

template <typename S, typename D>
void CastLoop(OpKernelContext* ctx, const Tensor& in, Tensor* out, bool truncate) {
  const S* src = in.data<S>();
  D* dst = out->data<D>();
  ctx->ParallelFor(in.NumElements(), kCwiseCost, [=](int64_t b, int64_t e) {
    for (int64_t i = b; i < e; ++i) dst[i] = CastOne<S, D>(src[i], truncate);
  });
}

bool Castable(DataType dt) {
  switch (dt) {
#define C(T) case DataTypeToEnum<T>::value:
    TF_CALL_POD_TYPES(C)
#undef C
    return true;
    default:
      return false;
  }
}

template <typename S>
void CastFrom(OpKernelContext* ctx, DataType dst, const Tensor& in, Tensor* out, bool truncate) {
  switch (dst) {
#define C(T)                                 \
  case DataTypeToEnum<T>::value:             \
    CastLoop<S, T>(ctx, in, out, truncate);  \
    return;
    TF_CALL_POD_TYPES(C)
#undef C
    default:
      return;
  }
}

class CastOp : public OpKernel {
 public:
  explicit CastOp(OpKernelConstruction* c) : OpKernel(c) {
    OP_REQUIRES_OK(c, c->GetAttr("SrcT", &src_));
    OP_REQUIRES_OK(c, c->GetAttr("DstT", &dst_));
    if (!c->GetAttr("Truncate", &truncate_).ok()) truncate_ = false;
    OP_REQUIRES(c, src_ == dst_ || (Castable(src_) && Castable(dst_)),
                errors::Unimplemented("Cast ", DataTypeString(src_), " to ",
                                      DataTypeString(dst_), " is not supported"));
    expensive_ = false;
  }

  void Compute(OpKernelContext* ctx) override {
    const Tensor& in = ctx->input(0);
    if (src_ == dst_) {
      ctx->set_output(0, in);
      return;
    }
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, in.shape(), &out));
    switch (src_) {
#define C(T)                                          \
  case DataTypeToEnum<T>::value:                      \
    CastFrom<T>(ctx, dst_, in, out, truncate_);       \
    return;
      TF_CALL_POD_TYPES(C)
#undef C
      default:
        return;
    }
  }

 private:
  DataType src_ = DT_INVALID, dst_ = DT_INVALID;
  bool truncate_ = false;
};

REGISTER_KERNEL_BUILDER(Name("Cast").Device(DEVICE_CPU), CastOp);

}  // namespace
}  // namespace tfc
