// Assert fails the step with its data summarized; Print passes its input through and writes a
// message plus its data to stderr; CheckNumerics passes a tensor through unless it holds NaN or
// Inf.
#include <cmath>
#include <iostream>
#include <mutex>
#include <string>

#include "core/framework/op_kernel.h"
#include "core/framework/register_types.h"

namespace tfc {
namespace {

class AssertOp : public OpKernel {
 public:
  explicit AssertOp(OpKernelConstruction* ctx) : OpKernel(ctx) {
    ctx->SetStatus(ctx->GetAttr("summarize", &summarize_));
  }

  void Compute(OpKernelContext* ctx) override {
    const Tensor& cond = ctx->input(0);
    OP_REQUIRES(ctx, cond.IsScalar(),
                errors::InvalidArgument("In[0] expects a scalar, got ",
                                        cond.shape().DebugString()));
    if (cond.scalar<bool>()) return;
    std::string msg = "assertion failed: ";
    for (int i = 1; i < ctx->num_inputs(); ++i) {
      msg += "[" + ctx->input(i).SummarizeValue(summarize_) + "]";
      if (i < ctx->num_inputs() - 1) msg += " ";
    }
    ctx->SetStatus(errors::InvalidArgument(msg));
  }

 private:
  int64_t summarize_ = 3;
};

class PrintOp : public OpKernel {
 public:
  explicit PrintOp(OpKernelConstruction* ctx) : OpKernel(ctx) {
    ctx->SetStatus(ctx->GetAttr("message", &message_));
    ctx->SetStatus(ctx->GetAttr("first_n", &first_n_));
    ctx->SetStatus(ctx->GetAttr("summarize", &summarize_));
  }

  void Compute(OpKernelContext* ctx) override {
    if (ctx->input_is_ref(0)) {
      ctx->forward_ref_input_to_ref_output(0, 0);
    } else {
      ctx->set_output(0, ctx->input(0));
    }
    if (first_n_ >= 0) {
      std::lock_guard<std::mutex> l(mu_);
      if (calls_ >= first_n_) return;
      ++calls_;
    }
    std::string msg = message_;
    for (int i = 1; i < ctx->num_inputs(); ++i) {
      msg += "[" + ctx->input(i).SummarizeValue(summarize_) + "]";
    }
    std::cerr << msg << std::endl;
  }

 private:
  std::mutex mu_;
  int64_t calls_ = 0;
  std::string message_;
  int64_t first_n_ = -1;
  int64_t summarize_ = 3;
};

template <typename T>
class CheckNumericsOp : public OpKernel {
 public:
  explicit CheckNumericsOp(OpKernelConstruction* ctx) : OpKernel(ctx) {
    ctx->SetStatus(ctx->GetAttr("message", &message_));
  }

  void Compute(OpKernelContext* ctx) override {
    const Tensor& in = ctx->input(0);
    const T* data = in.data<T>();
    bool has_nan = false, has_inf = false;
    for (int64_t i = 0; i < in.NumElements(); ++i) {
      const float x = static_cast<float>(data[i]);
      if (std::isnan(x)) has_nan = true;
      if (std::isinf(x)) has_inf = true;
    }
    if (has_nan || has_inf) {
      const char* what = has_nan && has_inf ? "Inf and NaN" : (has_inf ? "Inf" : "NaN");
      ctx->SetStatus(errors::InvalidArgument(message_, " : Tensor had ", what, " values"));
      return;
    }
    ctx->set_output(0, in);
  }

 private:
  std::string message_;
};

// double keeps its own precision: a float cast could overflow to Inf.
template <>
void CheckNumericsOp<double>::Compute(OpKernelContext* ctx) {
  const Tensor& in = ctx->input(0);
  const double* data = in.data<double>();
  bool has_nan = false, has_inf = false;
  for (int64_t i = 0; i < in.NumElements(); ++i) {
    if (std::isnan(data[i])) has_nan = true;
    if (std::isinf(data[i])) has_inf = true;
  }
  if (has_nan || has_inf) {
    const char* what = has_nan && has_inf ? "Inf and NaN" : (has_inf ? "Inf" : "NaN");
    ctx->SetStatus(errors::InvalidArgument(message_, " : Tensor had ", what, " values"));
    return;
  }
  ctx->set_output(0, in);
}

}  // namespace

REGISTER_KERNEL_BUILDER(Name("Assert").Device(DEVICE_CPU), AssertOp);
REGISTER_KERNEL_BUILDER(Name("Print").Device(DEVICE_CPU), PrintOp);
#define TFC_REGISTER_CHECK_NUMERICS(T) \
  REGISTER_KERNEL_BUILDER(Name("CheckNumerics").Device(DEVICE_CPU).TypeConstraint<T>("T"), \
                          CheckNumericsOp<T>);
TF_CALL_FLOAT_TYPES(TFC_REGISTER_CHECK_NUMERICS)
#undef TFC_REGISTER_CHECK_NUMERICS

}  // namespace tfc
