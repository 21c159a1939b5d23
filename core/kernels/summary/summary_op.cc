// ScalarSummary, HistogramSummary and MergeSummary: serialized tensorflow.Summary outputs.
#include <cmath>
#include <string>
#include <unordered_set>

#include "core/framework/op_kernel.h"
#include "core/framework/register_types.h"
#include "core/kernels/summary/histogram.h"
#include "core/kernels/summary/summary_util.h"
#include "tensorflow/core/framework/summary.pb.h"

namespace tfc {
namespace {

using summary::WriteSummary;

template <typename T>
class ScalarSummaryOp : public OpKernel {
 public:
  explicit ScalarSummaryOp(OpKernelConstruction* ctx) : OpKernel(ctx) { expensive_ = false; }

  void Compute(OpKernelContext* ctx) override {
    const Tensor& tags = ctx->input(0);
    const Tensor& values = ctx->input(1);
    OP_REQUIRES(ctx, tags.shape().IsSameSize(values.shape()),
                errors::InvalidArgument("tags and values not the same shape: ",
                                        tags.shape().DebugString(), " != ",
                                        values.shape().DebugString(), SingleTag(tags)));
    const tstring* t = tags.data<tstring>();
    const T* v = values.data<T>();
    ::tensorflow::Summary s;
    for (int64_t i = 0; i < tags.NumElements(); ++i) {
      auto* value = s.add_value();
      value->set_tag(t[i]);
      value->set_simple_value(static_cast<float>(v[i]));
    }
    OP_REQUIRES_OK(ctx, WriteSummary(ctx, s));
  }

 private:
  static std::string SingleTag(const Tensor& tags) {
    if (tags.NumElements() == 1) return " (tag '" + tags.data<tstring>()[0] + "')";
    return "";
  }
};

template <typename T>
class HistogramSummaryOp : public OpKernel {
 public:
  explicit HistogramSummaryOp(OpKernelConstruction* ctx) : OpKernel(ctx) {}

  void Compute(OpKernelContext* ctx) override {
    const Tensor& tags = ctx->input(0);
    const Tensor& values = ctx->input(1);
    OP_REQUIRES(ctx, tags.dims() == 0, errors::InvalidArgument("tags must be scalar"));
    const T* v = values.data<T>();
    histogram::Histogram histo;
    for (int64_t i = 0; i < values.NumElements(); ++i) {
      const double d = static_cast<double>(v[i]);
      OP_REQUIRES(ctx, !std::isnan(d),
                  errors::InvalidArgument("Nan in summary histogram for: ", name()));
      OP_REQUIRES(ctx, !std::isinf(d),
                  errors::InvalidArgument("Infinity in summary histogram for: ", name()));
      histo.Add(d);
    }
    ::tensorflow::Summary s;
    auto* value = s.add_value();
    value->set_tag(tags.scalar<tstring>());
    histo.EncodeToProto(value->mutable_histo(), /*preserve_zero_buckets=*/false);
    OP_REQUIRES_OK(ctx, WriteSummary(ctx, s));
  }
};

#define REGISTER(T)                                                                         \
  REGISTER_KERNEL_BUILDER(Name("ScalarSummary").Device(DEVICE_CPU).TypeConstraint<T>("T"), \
                          ScalarSummaryOp<T>);                                              \
  REGISTER_KERNEL_BUILDER(                                                                  \
      Name("HistogramSummary").Device(DEVICE_CPU).TypeConstraint<T>("T"),                   \
      HistogramSummaryOp<T>);
TF_CALL_REAL_NUMBER_TYPES(REGISTER)
#undef REGISTER

class MergeSummaryOp : public OpKernel {
 public:
  explicit MergeSummaryOp(OpKernelConstruction* ctx) : OpKernel(ctx) {}

  void Compute(OpKernelContext* ctx) override {
    ::tensorflow::Summary merged;
    std::unordered_set<std::string> tags;
    for (int k = 0; k < ctx->num_inputs(); ++k) {
      const Tensor& in = ctx->input(k);
      const tstring* s = in.data<tstring>();
      for (int64_t i = 0; i < in.NumElements(); ++i) {
        ::tensorflow::Summary one;
        OP_REQUIRES(ctx, one.ParseFromString(s[i]),
                    errors::InvalidArgument("Could not parse one of the summary inputs"));
        for (const auto& v : one.value()) {
          // Untagged values (the deprecated TensorSummary) may repeat.
          OP_REQUIRES(ctx, v.tag().empty() || tags.insert(v.tag()).second,
                      errors::InvalidArgument("Duplicate tag ", v.tag(),
                                              " found in summary inputs"));
          *merged.add_value() = v;
        }
      }
    }
    OP_REQUIRES_OK(ctx, WriteSummary(ctx, merged));
  }
};

REGISTER_KERNEL_BUILDER(Name("MergeSummary").Device(DEVICE_CPU), MergeSummaryOp);

}  // namespace
}  // namespace tfc
