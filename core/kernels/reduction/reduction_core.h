#pragma once
// Generic reductions (Sum, Mean, Prod, Max, Min, All, Any): the input's dims are collapsed
// into alternating kept/reduced groups and each reduced group is folded away in one pass over
// (outer, reduced, inner), parallel over the outputs of the pass.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <type_traits>
#include <vector>

#include "core/framework/op_kernel.h"
#include "core/framework/register_types.h"

namespace tfc {
namespace reduction {

// half and bfloat16 accumulate in float, as TensorFlow's mean does, to keep precision.
template <typename T>
struct AccType { using type = T; };
template <>
struct AccType<half> { using type = float; };
template <>
struct AccType<bfloat16> { using type = float; };

// Reads the int32/int64 scalar or vector `axes` and marks the reduced dims of a rank-`rank`
// input; negative axes count from the end and duplicates are allowed.
inline Status ParseReductionAxes(const Tensor& axes, int rank, std::vector<bool>* reduced) {
  if (axes.dims() > 1) {
    return errors::InvalidArgument("Expected reduction indices to be a scalar or vector, got ",
                                   axes.shape().DebugString());
  }
  reduced->assign(rank, false);
  for (int64_t i = 0; i < axes.NumElements(); ++i) {
    const int64_t index = axes.dtype() == DT_INT32 ? axes.data<int32_t>()[i]
                                                   : axes.data<int64_t>()[i];
    if (index < -rank || index >= rank) {
      return errors::InvalidArgument("Invalid reduction dimension (", index, " for input with ",
                                     rank, " dimension(s)");
    }
    (*reduced)[index < 0 ? index + rank : index] = true;
  }
  return OkStatus();
}

inline TensorShape ReducedShape(const TensorShape& in, const std::vector<bool>& reduced,
                                bool keep_dims) {
  std::vector<int64_t> dims;
  for (int i = 0; i < in.dims(); ++i) {
    if (!reduced[i]) {
      dims.push_back(in.dim_size(i));
    } else if (keep_dims) {
      dims.push_back(1);
    }
  }
  return TensorShape(dims);
}

// Reducer concept: Acc, Init(), Combine(Acc&, Acc), Finalize(Acc, count) -> T.
template <typename T>
struct SumReducer {
  using Acc = typename AccType<T>::type;
  static Acc Init() { return Acc(0); }
  static void Combine(Acc& a, const Acc& b) { a += b; }
  static T Finalize(const Acc& a, int64_t) { return static_cast<T>(a); }
};

template <typename T>
struct ProdReducer {
  using Acc = typename AccType<T>::type;
  static Acc Init() { return Acc(1); }
  static void Combine(Acc& a, const Acc& b) { a *= b; }
  static T Finalize(const Acc& a, int64_t) { return static_cast<T>(a); }
};

template <typename T>
struct MeanReducer {
  using Acc = typename AccType<T>::type;
  static Acc Init() { return Acc(0); }
  static void Combine(Acc& a, const Acc& b) { a += b; }
  static T Finalize(const Acc& a, int64_t n) {
    // Integer means truncate like TensorFlow's; an empty integer mean is 0 instead of a trap.
    if constexpr (std::is_integral_v<Acc>) {
      if (n == 0) return T(0);
    }
    return static_cast<T>(a / static_cast<Acc>(n));
  }
};

template <typename Acc>
Acc LowestValue() {
  if constexpr (std::numeric_limits<Acc>::has_infinity) {
    return -std::numeric_limits<Acc>::infinity();
  } else {
    return std::numeric_limits<Acc>::lowest();
  }
}
template <typename Acc>
Acc HighestValue() {
  if constexpr (std::numeric_limits<Acc>::has_infinity) {
    return std::numeric_limits<Acc>::infinity();
  } else {
    return std::numeric_limits<Acc>::max();
  }
}

// An empty max is -inf for floats (lowest for integers), as in TensorFlow.
template <typename T>
struct MaxReducer {
  using Acc = typename AccType<T>::type;
  static Acc Init() { return LowestValue<Acc>(); }
  static void Combine(Acc& a, const Acc& b) {
    if (b > a) a = b;
  }
  static T Finalize(const Acc& a, int64_t) { return static_cast<T>(a); }
};

template <typename T>
struct MinReducer {
  using Acc = typename AccType<T>::type;
  static Acc Init() { return HighestValue<Acc>(); }
  static void Combine(Acc& a, const Acc& b) {
    if (b < a) a = b;
  }
  static T Finalize(const Acc& a, int64_t) { return static_cast<T>(a); }
};

struct AllReducer {
  using Acc = bool;
  static bool Init() { return true; }
  static void Combine(bool& a, bool b) { a = a && b; }
  static bool Finalize(bool a, int64_t) { return a; }
};

struct AnyReducer {
  using Acc = bool;
  static bool Init() { return false; }
  static void Combine(bool& a, bool b) { a = a || b; }
  static bool Finalize(bool a, int64_t) { return a; }
};

// dst[o, i] = fold over j of src[o, j, i] (src: outer x r x inner), parallel over (o, i).
template <typename R, typename In>
void ReducePass(const OpKernelContext* ctx, const In* src, int64_t outer, int64_t r,
                int64_t inner, typename R::Acc* dst) {
  using Acc = typename R::Acc;
  auto shard = [&](int64_t begin, int64_t end) {
    while (begin < end) {
      const int64_t o = begin / inner;
      const int64_t i0 = begin % inner;
      const int64_t i1 = std::min<int64_t>(inner, i0 + (end - begin));
      Acc* d = dst + o * inner;
      for (int64_t i = i0; i < i1; ++i) d[i] = R::Init();
      const In* s = src + o * r * inner;
      if (inner == 1) {
        Acc acc = R::Init();
        for (int64_t j = 0; j < r; ++j) R::Combine(acc, static_cast<Acc>(s[j]));
        d[0] = acc;
      } else {
        for (int64_t j = 0; j < r; ++j) {
          const In* row = s + j * inner;
          for (int64_t i = i0; i < i1; ++i) R::Combine(d[i], static_cast<Acc>(row[i]));
        }
      }
      begin += i1 - i0;
    }
  };
  ctx->ParallelFor(outer * inner, std::max<int64_t>(1, r), shard);
}

// Reduces `in` over the marked dims into `out` (whose element count matches the kept dims).
template <typename T, typename R>
void Reduce(const OpKernelContext* ctx, const Tensor& in, const std::vector<bool>& reduced,
            Tensor* out) {
  using Acc = typename R::Acc;
  T* dst = out->data<T>();
  const int64_t n_out = out->NumElements();
  if (n_out == 0) return;
  // Collapse: drop size-1 dims, merge neighbours of the same kind.
  std::vector<std::pair<int64_t, bool>> groups;
  int64_t count = 1;
  for (int i = 0; i < in.dims(); ++i) {
    const int64_t d = in.dim_size(i);
    if (reduced[i]) count *= d;
    if (d == 1) continue;
    if (!groups.empty() && groups.back().second == reduced[i]) {
      groups.back().first *= d;
    } else {
      groups.emplace_back(d, reduced[i]);
    }
  }
  const T* src = in.data<T>();
  // unique_ptr rather than vector: vector<bool> has no data().
  std::unique_ptr<Acc[]> cur, next;
  bool have_acc = false;
  for (int g = static_cast<int>(groups.size()) - 1; g >= 0; --g) {
    if (!groups[g].second) continue;
    int64_t outer = 1, inner = 1;
    for (int i = 0; i < g; ++i) outer *= groups[i].first;
    for (size_t i = g + 1; i < groups.size(); ++i) inner *= groups[i].first;
    next.reset(new Acc[outer * inner]);
    if (have_acc) {
      ReducePass<R, Acc>(ctx, cur.get(), outer, groups[g].first, inner, next.get());
    } else {
      ReducePass<R, T>(ctx, src, outer, groups[g].first, inner, next.get());
    }
    cur.swap(next);
    have_acc = true;
    groups.erase(groups.begin() + g);
  }
  if (!have_acc) {
    for (int64_t i = 0; i < n_out; ++i) dst[i] = R::Finalize(static_cast<Acc>(src[i]), count);
    return;
  }
  for (int64_t i = 0; i < n_out; ++i) dst[i] = R::Finalize(cur[i], count);
}

// Sum, Mean, ... : input, reduction_indices (int32 or int64), keep_dims.
template <typename T, typename R>
class ReductionOp : public OpKernel {
 public:
  explicit ReductionOp(OpKernelConstruction* ctx) : OpKernel(ctx) {
    OP_REQUIRES_OK(ctx, ctx->GetAttr("keep_dims", &keep_dims_));
  }

  void Compute(OpKernelContext* ctx) override {
    const Tensor& in = ctx->input(0);
    std::vector<bool> reduced;
    OP_REQUIRES_OK(ctx, ParseReductionAxes(ctx->input(1), in.dims(), &reduced));
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, ReducedShape(in.shape(), reduced, keep_dims_),
                                             &out));
    Reduce<T, R>(ctx, in, reduced, out);
  }

 private:
  bool keep_dims_ = false;
};

}  // namespace reduction
}  // namespace tfc

#define TFC_REGISTER_REDUCTION(OP, T, REDUCER)                                      \
  REGISTER_KERNEL_BUILDER(Name(OP)                                                  \
                              .Device(DEVICE_CPU)                                   \
                              .TypeConstraint<T>("T")                               \
                              .TypeConstraint("Tidx", {DT_INT32, DT_INT64})         \
                              .HostMemory("reduction_indices"),                     \
                          ::tfc::reduction::ReductionOp<T, REDUCER>)
