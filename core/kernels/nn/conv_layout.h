#pragma once
// Moves conv/pool tensors into the compute form the cores use (channels last, in the compute
// type C) and back, copying only when the type or the layout differs.
#include <type_traits>

#include "core/framework/op_kernel.h"
#include "core/kernels/nn/conv_geometry.h"

namespace tfc {
namespace conv {

// float for half/bfloat16, the type itself otherwise.
template <typename T>
using ComputeType = std::conditional_t<std::is_same_v<T, half> || std::is_same_v<T, bfloat16>,
                                       float, T>;

// A channels-last view of t ([n, c, p] -> [n, p, c] when channels first) in type C.
template <typename T, typename C>
Status ToComputeForm(OpKernelContext* ctx, const Tensor& t, bool channels_last, int64_t n,
                     int64_t c, int64_t p, Tensor* holder, const C** out) {
  const int64_t total = n * c * p;
  if constexpr (std::is_same_v<T, C>) {
    if (channels_last) {
      *out = t.data<C>();
      return OkStatus();
    }
  }
  TFC_RETURN_IF_ERROR(
      ctx->allocate_temp(DataTypeToEnum<C>::value, TensorShape({total}), holder));
  C* dst = holder->data<C>();
  if constexpr (std::is_same_v<T, C>) {
    ChannelsFirstToLast<C>(ctx, t.data<C>(), n, c, p, dst);
  } else {
    const T* src = t.data<T>();
    if (channels_last) {
      for (int64_t i = 0; i < total; ++i) dst[i] = static_cast<C>(src[i]);
    } else {
      Tensor tmp;
      TFC_RETURN_IF_ERROR(
          ctx->allocate_temp(DataTypeToEnum<C>::value, TensorShape({total}), &tmp));
      C* mid = tmp.data<C>();
      for (int64_t i = 0; i < total; ++i) mid[i] = static_cast<C>(src[i]);
      ChannelsFirstToLast<C>(ctx, mid, n, c, p, dst);
    }
  }
  *out = dst;
  return OkStatus();
}

// Where the core should write output `t`: t itself when no conversion is needed, else a
// temporary that FinishOutput copies back.
template <typename T, typename C>
Status OutputBuffer(OpKernelContext* ctx, Tensor* t, bool channels_last, Tensor* holder,
                    C** out) {
  if constexpr (std::is_same_v<T, C>) {
    if (channels_last) {
      *out = t->data<C>();
      return OkStatus();
    }
  }
  TFC_RETURN_IF_ERROR(
      ctx->allocate_temp(DataTypeToEnum<C>::value, TensorShape({t->NumElements()}), holder));
  *out = holder->data<C>();
  return OkStatus();
}

template <typename T, typename C>
void FinishOutput(OpKernelContext* ctx, const C* buf, bool channels_last, int64_t n, int64_t c,
                  int64_t p, Tensor* t) {
  T* dst = t->data<T>();
  if (static_cast<const void*>(buf) == static_cast<const void*>(dst)) return;
  const int64_t total = n * c * p;
  if constexpr (std::is_same_v<T, C>) {
    ChannelsLastToFirst<C>(ctx, buf, n, c, p, dst);
  } else {
    if (channels_last) {
      for (int64_t i = 0; i < total; ++i) dst[i] = static_cast<T>(buf[i]);
    } else {
      std::vector<C> mid(total);
      ChannelsLastToFirst<C>(ctx, buf, n, c, p, mid.data());
      for (int64_t i = 0; i < total; ++i) dst[i] = static_cast<T>(mid[i]);
    }
  }
}

}  // namespace conv
}  // namespace tfc
