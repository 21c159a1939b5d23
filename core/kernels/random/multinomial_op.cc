// Multinomial on the CPU as TF computes it: per row, an unnormalized CDF of exp(logit - max)
// over the finite logits, then upper_bound of RandDouble()*total for each sample. One
// continuous word stream serves all rows (TF's single-shard layout); the kernel reserves
// batch*ceil4(num_samples)*2*256 blocks per run.
#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "core/framework/op_kernel.h"
#include "core/framework/register_types.h"
#include "core/kernels/random/random_op_util.h"

namespace tfc {
namespace {

template <typename T, typename OutT>
class MultinomialOp : public OpKernel {
 public:
  explicit MultinomialOp(OpKernelConstruction* c) : OpKernel(c) {
    OP_REQUIRES_OK(c, random_util::InitGenerator(c, &generator_));
  }
  void Compute(OpKernelContext* ctx) override {
    const Tensor& logits = ctx->input(0);
    const Tensor& num_samples_t = ctx->input(1);
    OP_REQUIRES(ctx, logits.dims() == 2,
                errors::InvalidArgument("logits should be a matrix, got shape ",
                                        logits.shape().DebugString()));
    OP_REQUIRES(ctx, num_samples_t.dims() == 0,
                errors::InvalidArgument("num_samples should be a scalar, got shape ",
                                        num_samples_t.shape().DebugString()));
    const int num_samples = num_samples_t.scalar<int32_t>();
    OP_REQUIRES(ctx, num_samples >= 0,
                errors::InvalidArgument("num_samples should be non-negative, got ",
                                        num_samples));
    const int64_t batch = logits.dim_size(0);
    const int64_t classes = logits.dim_size(1);
    OP_REQUIRES(ctx, batch <= std::numeric_limits<int>::max(),
                errors::InvalidArgument("batch_size cannot exceed max int"));
    OP_REQUIRES(ctx, classes <= std::numeric_limits<int>::max(),
                errors::InvalidArgument("num_classes cannot exceed max int"));
    OP_REQUIRES(ctx, classes > 0,
                errors::InvalidArgument("num_classes should be positive, got ", classes));
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, TensorShape({batch, num_samples}), &out));
    if (out->NumElements() == 0) return;

    const int64_t ceil4 = (num_samples + 3) / 4 * 4 * 2;  // doubles use 2 words each
    random::PhiloxRandom gen = generator_.ReserveRandomOutputs(batch * ceil4, 256);
    random::SingleSampleAdapter<random::PhiloxRandom> single(&gen);
    const T* in = logits.data<T>();
    OutT* o = out->data<OutT>();
    std::vector<double> cdf(classes);
    for (int64_t b = 0; b < batch; ++b) {
      const T* row = in + b * classes;
      double max_logit = -std::numeric_limits<double>::infinity();
      bool any_finite = false;
      for (int64_t j = 0; j < classes; ++j) {
        const double v = static_cast<double>(row[j]);
        if (std::isfinite(v)) {
          max_logit = any_finite ? std::max(max_logit, v) : v;
          any_finite = true;
        }
      }
      if (!any_finite) max_logit = static_cast<double>(std::numeric_limits<T>::lowest());
      double total = 0;
      for (int64_t j = 0; j < classes; ++j) {
        const double v = static_cast<double>(row[j]);
        if (std::isfinite(v)) total += std::exp(v - max_logit);
        cdf[j] = total;
      }
      for (int j = 0; j < num_samples; ++j) {
        const double to_find = random::RandDouble(&single) * total;
        o[b * num_samples + j] =
            static_cast<OutT>(std::upper_bound(cdf.begin(), cdf.end(), to_find) - cdf.begin());
      }
    }
  }

 private:
  random::GuardedPhiloxRandom generator_;
};

#define REGISTER(T)                                                                \
  REGISTER_KERNEL_BUILDER(Name("Multinomial")                                      \
                              .Device(DEVICE_CPU)                                  \
                              .TypeConstraint<T>("T")                              \
                              .TypeConstraint("output_dtype", DT_INT32),           \
                          MultinomialOp<T, int32_t>);                              \
  REGISTER_KERNEL_BUILDER(Name("Multinomial")                                      \
                              .Device(DEVICE_CPU)                                  \
                              .TypeConstraint<T>("T")                              \
                              .TypeConstraint("output_dtype", DT_INT64),           \
                          MultinomialOp<T, int64_t>);
TF_CALL_half(REGISTER)
TF_CALL_bfloat16(REGISTER)
TF_CALL_float(REGISTER)
TF_CALL_double(REGISTER)
#undef REGISTER

}  // namespace
}  // namespace tfc
