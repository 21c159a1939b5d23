// SparseSegment{Sum,Mean,SqrtN}[WithNumSegments]: output[s] = reduce of data[indices[i]] over the
// i with segment_ids[i] == s (ids sorted; rows of unnamed segments are zero). Mean divides by the
// segment's count, SqrtN by its square root. SparseSegment{Mean,SqrtN}Grad scatter the incoming
// gradient rows back to data's rows with the same scaling. Checks and messages follow TF 1.15.
#include <cmath>
#include <vector>

#include "core/kernels/cwise/cwise_common.h"

namespace tfc {
namespace {

enum class Combine { kSum, kMean, kSqrtN };

int64_t IdAt(const Tensor& t, int64_t i) {
  return t.dtype() == DT_INT32 ? static_cast<int64_t>(t.data<int32_t>()[i]) : t.data<int64_t>()[i];
}

template <typename T, Combine K>
class SparseSegmentReductionOp : public OpKernel {
 public:
  SparseSegmentReductionOp(OpKernelConstruction* c, bool has_num_segments)
      : OpKernel(c), has_num_segments_(has_num_segments) {}

  void Compute(OpKernelContext* ctx) override {
    using C = ComputeType<T>;
    const Tensor& data = ctx->input(0);
    const Tensor& indices = ctx->input(1);
    const Tensor& segment_ids = ctx->input(2);
    int64_t output_rows = 0;
    if (has_num_segments_) {
      const Tensor& num_t = ctx->input(3);
      OP_REQUIRES(ctx, num_t.NumElements() == 1 && num_t.dims() <= 1,
                  errors::InvalidArgument("num_segments should be a scalar, not shape ",
                                          num_t.shape().DebugString()));
      output_rows = IdAt(num_t, 0);
    }
    OP_REQUIRES(ctx, indices.dims() == 1, errors::InvalidArgument("indices should be a vector."));
    OP_REQUIRES(ctx, segment_ids.dims() == 1,
                errors::InvalidArgument("segment_ids should be a vector."));
    OP_REQUIRES(ctx, data.dims() >= 1,
                errors::InvalidArgument("data must be at least rank 1, but is shape ",
                                        data.shape().DebugString()));
    const int64_t n = indices.NumElements();
    OP_REQUIRES(ctx, n == segment_ids.NumElements(),
                errors::InvalidArgument("segment_ids and indices should have same size."));
    const int32_t* seg = segment_ids.data<int32_t>();
    const int64_t last_plus_one = n > 0 ? static_cast<int64_t>(seg[n - 1]) + 1 : 0;
    if (has_num_segments_) {
      OP_REQUIRES(ctx, output_rows >= last_plus_one,
                  errors::InvalidArgument("segment ids must be < num_segments"));
    } else {
      output_rows = last_plus_one;
    }
    OP_REQUIRES(ctx, output_rows >= 0, errors::InvalidArgument("segment ids must be >= 0"));
    std::vector<int64_t> out_dims = data.shape().dim_sizes();
    out_dims[0] = output_rows;
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, TensorShape(out_dims), &out));
    T* op = out->data<T>();
    const int64_t data_rows = data.dim_size(0);
    int64_t inner = 1;
    for (int d = 1; d < data.dims(); ++d) inner *= data.dim_size(d);
    for (int64_t j = 0; j < out->NumElements(); ++j) op[j] = T(0);
    if (n == 0) return;
    OP_REQUIRES(ctx, output_rows > 0, errors::InvalidArgument("segment ids must be >= 0"));
    const T* dp = data.data<T>();
    std::vector<C> acc(inner);
    int64_t start = 0;
    while (start < n) {
      const int64_t id = seg[start];
      int64_t end = start + 1;
      while (end < n && seg[end] == id) ++end;
      // As TF: the next segment must start with a larger id, then this id must be in range.
      if (end < n) {
        OP_REQUIRES(ctx, id < seg[end], errors::InvalidArgument("segment ids are not increasing"));
      }
      OP_REQUIRES(ctx, id >= 0 && id < output_rows,
                  errors::InvalidArgument("Segment id ", id, " out of range [0, ", output_rows,
                                          "), possibly because 'segment_ids' input is not "
                                          "sorted."));
      for (int64_t j = 0; j < inner; ++j) acc[j] = C(0);
      for (int64_t i = start; i < end; ++i) {
        const int64_t row = IdAt(indices, i);
        OP_REQUIRES(ctx, row >= 0 && row < data_rows,
                    errors::InvalidArgument("Bad: indices[", i, "] == ", row,
                                            " out of range [0, ", data_rows, ")"));
        const T* src = dp + row * inner;
        for (int64_t j = 0; j < inner; ++j) acc[j] += static_cast<C>(src[j]);
      }
      const int64_t count = end - start;
      if constexpr (K == Combine::kMean) {
        for (int64_t j = 0; j < inner; ++j) acc[j] /= static_cast<C>(count);
      } else if constexpr (K == Combine::kSqrtN) {
        const C root = std::sqrt(static_cast<C>(count));
        for (int64_t j = 0; j < inner; ++j) acc[j] /= root;
      }
      T* dst = op + id * inner;
      for (int64_t j = 0; j < inner; ++j) dst[j] = static_cast<T>(acc[j]);
      start = end;
    }
  }

 private:
  bool has_num_segments_;
};

template <typename T, Combine K>
class SparseSegmentOp : public SparseSegmentReductionOp<T, K> {
 public:
  explicit SparseSegmentOp(OpKernelConstruction* c) : SparseSegmentReductionOp<T, K>(c, false) {}
};

template <typename T, Combine K>
class SparseSegmentWithNumSegmentsOp : public SparseSegmentReductionOp<T, K> {
 public:
  explicit SparseSegmentWithNumSegmentsOp(OpKernelConstruction* c)
      : SparseSegmentReductionOp<T, K>(c, true) {}
};

// output[indices[i]] += grad[segment_ids[i]] * scale(segment_ids[i]); output has output_dim0 rows.
template <typename T, Combine K>
class SparseSegmentGradOp : public OpKernel {
 public:
  explicit SparseSegmentGradOp(OpKernelConstruction* c) : OpKernel(c) {}

  void Compute(OpKernelContext* ctx) override {
    const Tensor& grad = ctx->input(0);
    const Tensor& indices = ctx->input(1);
    const Tensor& segment_ids = ctx->input(2);
    const Tensor& dim0_t = ctx->input(3);
    OP_REQUIRES(ctx, indices.dims() == 1, errors::InvalidArgument("indices should be a vector."));
    OP_REQUIRES(ctx, segment_ids.dims() == 1,
                errors::InvalidArgument("segment_ids should be a vector."));
    OP_REQUIRES(ctx, dim0_t.NumElements() == 1 && dim0_t.dims() <= 1,
                errors::InvalidArgument("output_dim0 should be a scalar."));
    OP_REQUIRES(ctx, grad.dims() >= 1,
                errors::InvalidArgument("grad must be at least rank 1, but is shape ",
                                        grad.shape().DebugString()));
    const int64_t n = indices.NumElements();
    OP_REQUIRES(ctx, n == segment_ids.NumElements(),
                errors::InvalidArgument("segment_ids and indices should have same size."));
    const int64_t m = dim0_t.data<int32_t>()[0];
    OP_REQUIRES(ctx, m >= 0,
                errors::InvalidArgument("output_dim0 must be non-negative but is ", m));
    std::vector<int64_t> out_dims = grad.shape().dim_sizes();
    out_dims[0] = m;
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, TensorShape(out_dims), &out));
    T* op = out->data<T>();
    for (int64_t j = 0; j < out->NumElements(); ++j) op[j] = T(0);
    if (m == 0 || n == 0) return;
    const int32_t* seg = segment_ids.data<int32_t>();
    const int64_t num_segments = grad.dim_size(0);
    OP_REQUIRES(ctx, static_cast<int64_t>(seg[n - 1]) + 1 <= num_segments,
                errors::InvalidArgument("Invalid number of segments"));
    std::vector<double> scale(num_segments, 0.0);
    for (int64_t i = 0; i < n; ++i) {
      const int64_t id = seg[i];
      OP_REQUIRES(ctx, id >= 0 && id < num_segments,
                  errors::InvalidArgument("Segment id ", id, " out of range [0, ", num_segments,
                                          ")."));
      scale[id] += 1;
    }
    for (double& s : scale) {
      s = K == Combine::kMean ? 1.0 / std::max(s, 1.0) : 1.0 / std::sqrt(std::max(s, 1.0));
    }
    const int64_t inner = out->NumElements() / m;
    const T* gp = grad.data<T>();
    for (int64_t i = 0; i < n; ++i) {
      const int64_t row = IdAt(indices, i);
      OP_REQUIRES(ctx, row >= 0 && row < m,
                  errors::InvalidArgument("Index ", row, " out of range [0, ", m, ")."));
      const int64_t id = seg[i];
      const T s = static_cast<T>(scale[id]);
      const T* src = gp + id * inner;
      T* dst = op + row * inner;
      for (int64_t j = 0; j < inner; ++j) dst[j] += src[j] * s;
    }
  }
};

#define REG(NAME, KERNEL, K, T)                                                   \
  REGISTER_KERNEL_BUILDER(Name(NAME).Device(DEVICE_CPU).TypeConstraint<T>("T"),   \
                          KERNEL<T, K>)

#define R(T)                                                                      \
  REG("SparseSegmentSum", SparseSegmentOp, Combine::kSum, T);                     \
  REG("SparseSegmentSumWithNumSegments", SparseSegmentWithNumSegmentsOp, Combine::kSum, T);
TF_CALL_REAL_NUMBER_TYPES(R)
#undef R

#define R(T)                                                                          \
  REG("SparseSegmentMean", SparseSegmentOp, Combine::kMean, T);                       \
  REG("SparseSegmentSqrtN", SparseSegmentOp, Combine::kSqrtN, T);                     \
  REG("SparseSegmentMeanWithNumSegments", SparseSegmentWithNumSegmentsOp,             \
      Combine::kMean, T);                                                             \
  REG("SparseSegmentSqrtNWithNumSegments", SparseSegmentWithNumSegmentsOp,            \
      Combine::kSqrtN, T);                                                            \
  REG("SparseSegmentMeanGrad", SparseSegmentGradOp, Combine::kMean, T);               \
  REG("SparseSegmentSqrtNGrad", SparseSegmentGradOp, Combine::kSqrtN, T);
TF_CALL_float(R) TF_CALL_double(R)
#undef R
#undef REG

}  // namespace
}  // namespace tfc
