// Segment reductions: Segment{Sum,Mean,Prod,Min,Max} over sorted ids (the output has last id + 1
// rows) and UnsortedSegment{Sum,Prod,Min,Max} over num_segments rows (negative ids are dropped).
// Ids are read once into int64 so each kernel is instantiated per element type only.
#include <limits>
#include <string>
#include <vector>

#include "core/kernels/cwise/cwise_common.h"

namespace tfc {
namespace {

int64_t IntAt(const Tensor& t, int64_t i) {
  return t.dtype() == DT_INT32 ? static_cast<int64_t>(t.data<int32_t>()[i]) : t.data<int64_t>()[i];
}

template <typename C>
C LowestOf() {
  return std::numeric_limits<C>::lowest();
}
template <typename C>
C HighestOf() {
  return std::numeric_limits<C>::max();
}

// Initial value (of an unsorted output row), combine, and the value of an empty sorted segment.
struct SumR {
  template <typename C> static C Init() { return C(0); }
  template <typename C> static void Add(C& a, C v) { a += v; }
  template <typename C> static C Empty() { return C(0); }
};
struct ProdR {
  template <typename C> static C Init() { return C(1); }
  template <typename C> static void Add(C& a, C v) { a *= v; }
  template <typename C> static C Empty() { return C(1); }
};
struct MaxR {
  template <typename C> static C Init() { return LowestOf<C>(); }
  template <typename C> static void Add(C& a, C v) { if (v > a) a = v; }
  template <typename C> static C Empty() { return C(0); }
};
struct MinR {
  template <typename C> static C Init() { return HighestOf<C>(); }
  template <typename C> static void Add(C& a, C v) { if (v < a) a = v; }
  template <typename C> static C Empty() { return C(0); }
};
struct MeanR : SumR {};

// Lowest/highest of half and bfloat16 are those of the stored type, not float's.
template <typename T, typename R>
ComputeType<T> InitFor() {
  using C = ComputeType<T>;
  if constexpr (std::is_same_v<R, MaxR> && !std::is_same_v<C, T>) {
    return static_cast<C>(std::numeric_limits<T>::lowest());
  } else if constexpr (std::is_same_v<R, MinR> && !std::is_same_v<C, T>) {
    return static_cast<C>(std::numeric_limits<T>::max());
  } else {
    return R::template Init<C>();
  }
}

template <typename T, typename R>
class SegmentReductionOp : public OpKernel {
 public:
  explicit SegmentReductionOp(OpKernelConstruction* c) : OpKernel(c) {}
  void Compute(OpKernelContext* ctx) override {
    using C = ComputeType<T>;
    const Tensor& data = ctx->input(0);
    const Tensor& ids = ctx->input(1);
    OP_REQUIRES(ctx, ids.dims() == 1,
                errors::InvalidArgument("segment_ids should be a vector."));
    OP_REQUIRES(ctx, data.dims() >= 1,
                errors::InvalidArgument("input must be at least rank 1"));
    const int64_t n = ids.NumElements();
    OP_REQUIRES(ctx, n == data.dim_size(0),
                errors::InvalidArgument("segment_ids should be the same size as dimension 0 "
                                        "of input."));
    const int64_t rows = n > 0 ? IntAt(ids, n - 1) + 1 : 0;
    // As TF: where a segment ends, the next id must be larger, then the ended id in range.
    auto check_range = [&](int64_t id) {
      OP_REQUIRES(ctx, id >= 0 && id < rows,
                  errors::InvalidArgument("Segment id ", id, " out of range [0, ", rows,
                                          "), possibly because 'segment_ids' input is not "
                                          "sorted."));
    };
    for (int64_t i = 1; i < n; ++i) {
      const int64_t prev = IntAt(ids, i - 1), id = IntAt(ids, i);
      if (id == prev) continue;
      OP_REQUIRES(ctx, prev < id, errors::InvalidArgument("segment ids are not increasing"));
      check_range(prev);
      if (!ctx->status().ok()) return;
    }
    if (n > 0) check_range(IntAt(ids, n - 1));
    if (!ctx->status().ok()) return;
    std::vector<int64_t> out_dims = data.shape().dim_sizes();
    out_dims[0] = rows;
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, TensorShape(out_dims), &out));
    const int64_t inner = n > 0 ? data.NumElements() / n : 0;
    const T* dp = data.data<T>();
    T* op = out->data<T>();
    std::vector<C> acc(inner);
    int64_t start = 0, row = 0;
    while (row < rows) {
      // [start, end) holds the rows of segment `row` (possibly none).
      int64_t end = start;
      while (end < n && IntAt(ids, end) == row) ++end;
      T* dst = op + row * inner;
      if (end == start) {
        for (int64_t j = 0; j < inner; ++j) dst[j] = static_cast<T>(R::template Empty<C>());
      } else {
        for (int64_t j = 0; j < inner; ++j) acc[j] = static_cast<C>(dp[start * inner + j]);
        for (int64_t i = start + 1; i < end; ++i)
          for (int64_t j = 0; j < inner; ++j) R::Add(acc[j], static_cast<C>(dp[i * inner + j]));
        if constexpr (std::is_same_v<R, MeanR>) {
          const C count = static_cast<C>(end - start);
          for (int64_t j = 0; j < inner; ++j) acc[j] = acc[j] / count;
        }
        for (int64_t j = 0; j < inner; ++j) dst[j] = static_cast<T>(acc[j]);
      }
      start = end;
      ++row;
    }
  }
};

// "[i]" for a vector of ids, "[i,j]" for a matrix: the position of flat index k in `shape`.
std::string SlicePosition(const TensorShape& shape, int64_t k) {
  std::vector<int64_t> pos(shape.dims());
  for (int d = shape.dims() - 1; d >= 0; --d) {
    pos[d] = k % shape.dim_size(d);
    k /= shape.dim_size(d);
  }
  std::string s = "[";
  for (size_t i = 0; i < pos.size(); ++i) s += (i ? "," : "") + std::to_string(pos[i]);
  return s + "]";
}

template <typename T, typename R>
class UnsortedSegmentReductionOp : public OpKernel {
 public:
  explicit UnsortedSegmentReductionOp(OpKernelConstruction* c) : OpKernel(c) {}
  void Compute(OpKernelContext* ctx) override {
    using C = ComputeType<T>;
    const Tensor& data = ctx->input(0);
    const Tensor& ids = ctx->input(1);
    const Tensor& num_t = ctx->input(2);
    OP_REQUIRES(ctx, num_t.IsScalar(),
                errors::InvalidArgument("num_segments should be a scalar, not shape ",
                                        num_t.shape().DebugString()));
    bool prefix = data.dims() >= ids.dims();
    for (int d = 0; prefix && d < ids.dims(); ++d) prefix = data.dim_size(d) == ids.dim_size(d);
    OP_REQUIRES(ctx, prefix,
                errors::InvalidArgument("data.shape = ", data.shape().DebugString(),
                                        " does not start with segment_ids.shape = ",
                                        ids.shape().DebugString()));
    const int64_t rows = IntAt(num_t, 0);
    OP_REQUIRES(ctx, rows >= 0,
                errors::InvalidArgument("Input num_segments == ", rows, " must not be negative."));
    std::vector<int64_t> out_dims{rows};
    for (int d = ids.dims(); d < data.dims(); ++d) out_dims.push_back(data.dim_size(d));
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, TensorShape(out_dims), &out));
    const int64_t n = ids.NumElements();
    const int64_t inner = out->NumElements() / std::max<int64_t>(rows, 1);
    std::vector<C> acc(static_cast<size_t>(rows * inner), InitFor<T, R>());
    const T* dp = data.data<T>();
    for (int64_t i = 0; i < n; ++i) {
      const int64_t id = IntAt(ids, i);
      if (id < 0) continue;
      OP_REQUIRES(ctx, id < rows,
                  errors::InvalidArgument("segment_ids", SlicePosition(ids.shape(), i), " = ",
                                          id, " is out of range [0, ", rows, ")"));
      C* a = acc.data() + id * inner;
      const T* src = dp + i * inner;
      for (int64_t j = 0; j < inner; ++j) R::Add(a[j], static_cast<C>(src[j]));
    }
    T* op = out->data<T>();
    for (int64_t j = 0; j < rows * inner; ++j) op[j] = static_cast<T>(acc[j]);
  }
};

#define REG_SORTED(NAME, R, T)                                                       \
  REGISTER_KERNEL_BUILDER(Name(NAME).Device(DEVICE_CPU).TypeConstraint<T>("T"),      \
                          SegmentReductionOp<T, R>)
#define REG_UNSORTED(NAME, R, T)                                                     \
  REGISTER_KERNEL_BUILDER(Name(NAME).Device(DEVICE_CPU).TypeConstraint<T>("T"),      \
                          UnsortedSegmentReductionOp<T, R>)

#define R(T)                                           \
  REG_SORTED("SegmentSum", SumR, T);                   \
  REG_SORTED("SegmentMean", MeanR, T);                 \
  REG_SORTED("SegmentProd", ProdR, T);                 \
  REG_UNSORTED("UnsortedSegmentSum", SumR, T);         \
  REG_UNSORTED("UnsortedSegmentProd", ProdR, T);
TF_CALL_NUMBER_TYPES(R)
#undef R

#define R(T)                                           \
  REG_SORTED("SegmentMax", MaxR, T);                   \
  REG_SORTED("SegmentMin", MinR, T);                   \
  REG_UNSORTED("UnsortedSegmentMax", MaxR, T);         \
  REG_UNSORTED("UnsortedSegmentMin", MinR, T);
TF_CALL_REAL_NUMBER_TYPES(R)
#undef R
#undef REG_SORTED
#undef REG_UNSORTED

}  // namespace
}  // namespace tfc
