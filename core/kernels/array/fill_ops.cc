// Value generators: Fill, ZerosLike, OnesLike, Range, LinSpace.
#include <cmath>
#include <cstdlib>
#include <type_traits>

#include "core/framework/op_kernel.h"
#include "core/framework/register_types.h"
#include "core/kernels/array/array_copy.h"

namespace tfc {
namespace {

template <typename U>
void FillWith(OpKernelContext* ctx, U* out, int64_t n, const U& v) {
  auto fill = [&](int64_t b, int64_t e) {
    for (int64_t i = b; i < e; ++i) out[i] = v;
  };
  if (n > 65536) {
    ctx->ParallelFor(n, 2, fill);
  } else {
    fill(0, n);
  }
}

class FillOp : public OpKernel {
 public:
  explicit FillOp(OpKernelConstruction* c) : OpKernel(c) {}
  void Compute(OpKernelContext* ctx) override {
    const Tensor& dims = ctx->input(0);
    const Tensor& value = ctx->input(1);
    OP_REQUIRES(ctx, dims.dims() == 1,
                errors::InvalidArgument("dims must be a vector, got shape ",
                                        dims.shape().DebugString()));
    OP_REQUIRES(ctx, value.dims() == 0,
                errors::InvalidArgument("value must be a scalar, got shape ",
                                        value.shape().DebugString()));
    TensorShape shape;
    OP_REQUIRES_OK(ctx, TensorShape::Make(array::IntTensorToVector(dims), &shape));
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, shape, &out));
    array::DispatchByElementSize(value.dtype(), [&](auto zero) {
      using U = decltype(zero);
      FillWith<U>(ctx, out->data<U>(), out->NumElements(), value.data<U>()[0]);
    });
  }
};

class ZerosLikeOp : public OpKernel {
 public:
  explicit ZerosLikeOp(OpKernelConstruction* c) : OpKernel(c) {}
  void Compute(OpKernelContext* ctx) override {
    const Tensor& x = ctx->input(0);
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, x.shape(), &out));
    // Zero of every POD dtype is all-zero bytes; strings start out empty.
    if (x.dtype() != DT_STRING && out->NumElements() > 0) {
      std::memset(out->raw_data(), 0, out->NumElements() * DataTypeSize(x.dtype()));
    }
  }
};

template <typename T>
class OnesLikeOp : public OpKernel {
 public:
  explicit OnesLikeOp(OpKernelConstruction* c) : OpKernel(c) {}
  void Compute(OpKernelContext* ctx) override {
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, ctx->input(0).shape(), &out));
    FillWith<T>(ctx, out->data<T>(), out->NumElements(), T(1));
  }
};

template <typename T>
double AsDouble(const T& v) {
  return static_cast<double>(static_cast<std::conditional_t<std::is_integral_v<T>, T, double>>(v));
}

template <typename T>
class RangeOp : public OpKernel {
 public:
  explicit RangeOp(OpKernelConstruction* c) : OpKernel(c) {}
  void Compute(OpKernelContext* ctx) override {
    const char* names[3] = {"start", "limit", "delta"};
    for (int i = 0; i < 3; ++i) {
      OP_REQUIRES(ctx, ctx->input(i).dims() == 0,
                  errors::InvalidArgument(names[i], " must be a scalar, not shape ",
                                          ctx->input(i).shape().DebugString()));
    }
    const T start = ctx->input(0).scalar<T>();
    const T limit = ctx->input(1).scalar<T>();
    const T delta = ctx->input(2).scalar<T>();
    const double ds = AsDouble(start), dl = AsDouble(limit), dd = AsDouble(delta);
    OP_REQUIRES(ctx, dd != 0, errors::InvalidArgument("Requires delta != 0: ", dd));
    if (dd > 0) {
      OP_REQUIRES(ctx, ds <= dl,
                  errors::InvalidArgument("Requires start <= limit when delta > 0: ", ds, "/", dl));
    } else {
      OP_REQUIRES(ctx, ds >= dl,
                  errors::InvalidArgument("Requires start >= limit when delta < 0: ", ds, "/", dl));
    }
    int64_t size;
    if constexpr (std::is_integral_v<T>) {
      // In 128 bits: limit - start overflows int64 for ranges like [-2**63, 2**63 - 1).
      const __int128 span = static_cast<__int128>(limit) - static_cast<__int128>(start);
      const __int128 step = delta < 0 ? -static_cast<__int128>(delta) : delta;
      const __int128 n = ((span < 0 ? -span : span) + step - 1) / step;
      OP_REQUIRES(ctx, n <= INT64_MAX,
                  errors::InvalidArgument("Requires ((limit - start) / delta) <= ", INT64_MAX));
      size = static_cast<int64_t>(n);
    } else {
      // In the element type's precision, as TF computes it (float ranges round in float).
      using C = std::conditional_t<std::is_same_v<T, double>, double, float>;
      const C s = static_cast<C>(start), l = static_cast<C>(limit), d = static_cast<C>(delta);
      const C n = std::ceil(std::abs((l - s) / d));
      OP_REQUIRES(ctx, std::isfinite(n) && n < C(9.2e18),
                  errors::InvalidArgument("Requires finite start, limit and delta: ", ds, "/", dl,
                                          "/", dd));
      size = static_cast<int64_t>(n);
    }
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, TensorShape({size}), &out));
    T* o = out->data<T>();
    if constexpr (std::is_integral_v<T>) {
      // start + i * delta stays in T's range for every emitted i; a running sum would overflow
      // one step past the last element.
      for (int64_t i = 0; i < size; ++i) {
        o[i] = static_cast<T>(static_cast<__int128>(start) + static_cast<__int128>(i) * delta);
      }
    } else {
      T val = start;
      for (int64_t i = 0; i < size; ++i) {
        o[i] = val;
        val = static_cast<T>(val + delta);
      }
    }
  }
};

template <typename T>
class LinSpaceOp : public OpKernel {
 public:
  explicit LinSpaceOp(OpKernelConstruction* c) : OpKernel(c) {}
  void Compute(OpKernelContext* ctx) override {
    const char* names[3] = {"start", "stop", "num"};
    for (int i = 0; i < 3; ++i) {
      OP_REQUIRES(ctx, ctx->input(i).dims() == 0,
                  errors::InvalidArgument(names[i], " must be a scalar, not shape ",
                                          ctx->input(i).shape().DebugString()));
    }
    const T start = ctx->input(0).scalar<T>();
    const T stop = ctx->input(1).scalar<T>();
    const int64_t num = array::IntTensorToVector(ctx->input(2))[0];
    OP_REQUIRES(ctx, num > 0, errors::InvalidArgument("Requires num > 0: ", num));
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, TensorShape({num}), &out));
    T* o = out->data<T>();
    if (num == 1) {
      o[0] = start;
      return;
    }
    const T step = static_cast<T>((stop - start) / static_cast<T>(num - 1));
    for (int64_t i = 0; i < num; ++i) o[i] = static_cast<T>(start + step * static_cast<T>(i));
  }
};

REGISTER_KERNEL_BUILDER(
    Name("Fill").Device(DEVICE_CPU).TypeConstraint("T", array::AllArrayTypes()), FillOp);
REGISTER_KERNEL_BUILDER(
    Name("ZerosLike").Device(DEVICE_CPU).TypeConstraint("T", array::AllArrayTypes()), ZerosLikeOp);

#define REGISTER_ONES_LIKE(T) \
  REGISTER_KERNEL_BUILDER(Name("OnesLike").Device(DEVICE_CPU).TypeConstraint<T>("T"), OnesLikeOp<T>);
TF_CALL_POD_TYPES(REGISTER_ONES_LIKE)
#undef REGISTER_ONES_LIKE

#define REGISTER_RANGE(T) \
  REGISTER_KERNEL_BUILDER(Name("Range").Device(DEVICE_CPU).TypeConstraint<T>("Tidx"), RangeOp<T>);
TF_CALL_float(REGISTER_RANGE) TF_CALL_double(REGISTER_RANGE) TF_CALL_bfloat16(REGISTER_RANGE)
TF_CALL_int32(REGISTER_RANGE) TF_CALL_int64(REGISTER_RANGE)
#undef REGISTER_RANGE

#define REGISTER_LINSPACE(T) \
  REGISTER_KERNEL_BUILDER(Name("LinSpace").Device(DEVICE_CPU).TypeConstraint<T>("T"), LinSpaceOp<T>);
TF_CALL_float(REGISTER_LINSPACE) TF_CALL_double(REGISTER_LINSPACE)
TF_CALL_bfloat16(REGISTER_LINSPACE)
#undef REGISTER_LINSPACE

}  // namespace
}  // namespace tfc
