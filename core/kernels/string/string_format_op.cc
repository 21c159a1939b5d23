// StringFormat: the template with each placeholder replaced by the print_v2 summary of the
// matching input tensor (tf.strings.format, and the formatting half of tf.print).
#include <string>
#include <vector>

#include "core/framework/op_kernel.h"
#include "core/kernels/string/string_format_summary.h"

namespace tfc {
namespace {

class StringFormatOp : public OpKernel {
 public:
  explicit StringFormatOp(OpKernelConstruction* ctx) : OpKernel(ctx) {
    std::string tmpl, placeholder;
    OP_REQUIRES_OK(ctx, ctx->GetAttr("template", &tmpl));
    OP_REQUIRES_OK(ctx, ctx->GetAttr("placeholder", &placeholder));
    OP_REQUIRES_OK(ctx, ctx->GetAttr("summarize", &summarize_));
    pieces_ = SplitFormatTemplate(tmpl, placeholder);
    const int64_t num_placeholders = static_cast<int64_t>(pieces_.size()) - 1;
    OP_REQUIRES(ctx, num_placeholders == ctx->num_inputs(),
                errors::InvalidArgument(
                    "num placeholders in template and num inputs must match: ",
                    num_placeholders, " vs. ", ctx->num_inputs()));
  }

  void Compute(OpKernelContext* ctx) override {
    std::string msg = pieces_[0];
    for (int i = 0; i < ctx->num_inputs(); ++i) {
      msg += SummarizeTensorV2(ctx->input(i), summarize_);
      msg += pieces_[i + 1];
    }
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, TensorShape({}), &out));
    out->scalar<tstring>() = std::move(msg);
  }

 private:
  std::vector<std::string> pieces_;
  int64_t summarize_ = 3;
};

}  // namespace

REGISTER_KERNEL_BUILDER(Name("StringFormat").Device(DEVICE_CPU), StringFormatOp);

}  // namespace tfc
