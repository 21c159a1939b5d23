// RegexFullMatch / StaticRegexFullMatch: whether each string matches a pattern as a whole.
// Patterns are ECMAScript regular expressions (std::regex); TF uses RE2, whose syntax agrees on
// the common subset (anchors, classes, repetition, alternation, groups).
#include <regex>
#include <string>

#include "core/framework/op_kernel.h"

namespace tfc {
namespace {

Status CompilePattern(const std::string& pattern, std::regex* out) {
  try {
    *out = std::regex(pattern, std::regex::ECMAScript);
  } catch (const std::regex_error& e) {
    return errors::InvalidArgument("Invalid pattern: ", pattern, ", error: ", e.what());
  }
  return OkStatus();
}

void MatchAll(OpKernelContext* ctx, const std::regex& re) {
  const Tensor& input = ctx->input(0);
  Tensor* out = nullptr;
  OP_REQUIRES_OK(ctx, ctx->allocate_output(0, input.shape(), &out));
  const tstring* in = input.data<tstring>();
  bool* dst = out->data<bool>();
  for (int64_t i = 0; i < input.NumElements(); ++i) dst[i] = std::regex_match(in[i], re);
}

class RegexFullMatchOp : public OpKernel {
 public:
  using OpKernel::OpKernel;
  void Compute(OpKernelContext* ctx) override {
    const Tensor& pattern = ctx->input(1);
    OP_REQUIRES(ctx, pattern.dims() == 0,
                errors::InvalidArgument("Pattern must be scalar, but received ",
                                        pattern.shape().DebugString()));
    std::regex re;
    OP_REQUIRES_OK(ctx, CompilePattern(pattern.scalar<tstring>(), &re));
    MatchAll(ctx, re);
  }
};

class StaticRegexFullMatchOp : public OpKernel {
 public:
  explicit StaticRegexFullMatchOp(OpKernelConstruction* ctx) : OpKernel(ctx) {
    std::string pattern;
    OP_REQUIRES_OK(ctx, ctx->GetAttr("pattern", &pattern));
    OP_REQUIRES_OK(ctx, CompilePattern(pattern, &re_));
  }
  void Compute(OpKernelContext* ctx) override { MatchAll(ctx, re_); }

 private:
  std::regex re_;
};

}  // namespace

REGISTER_KERNEL_BUILDER(Name("RegexFullMatch").Device(DEVICE_CPU), RegexFullMatchOp);
REGISTER_KERNEL_BUILDER(Name("StaticRegexFullMatch").Device(DEVICE_CPU), StaticRegexFullMatchOp);

}  // namespace tfc
