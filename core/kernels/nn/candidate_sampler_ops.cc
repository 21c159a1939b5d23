// The candidate-sampler kernels (Uniform/LogUniform/LearnedUnigram/ThreadUnsafeUnigram/
// FixedUnigram/AllCandidateSampler) and ComputeAccidentalHits. As in TF, each Compute reserves
// 2048 * num_sampled 32-bit words of the kernel's Philox stream and samples from a copy, so a
// fixed (seed, seed2) gives TF's candidates run after run.
#include <cfloat>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <type_traits>
#include <unordered_map>
#include <vector>

#include "core/framework/op_kernel.h"
#include "core/kernels/nn/range_sampler.h"
#include "core/kernels/random/random_op_util.h"

namespace tfc {
namespace {

class BaseCandidateSamplerOp : public OpKernel {
 public:
  explicit BaseCandidateSamplerOp(OpKernelConstruction* ctx) : OpKernel(ctx) {
    OP_REQUIRES_OK(ctx, ctx->GetAttr("num_sampled", &num_sampled_));
    OP_REQUIRES_OK(ctx, ctx->GetAttr("num_true", &num_true_));
    OP_REQUIRES_OK(ctx, ctx->GetAttr("unique", &unique_));
    OP_REQUIRES(ctx, num_sampled_ >= 1 && num_sampled_ <= std::numeric_limits<int32_t>::max(),
                errors::InvalidArgument("num_sampled must be in [1, 2^31), got ", num_sampled_));
    OP_REQUIRES_OK(ctx, random_util::InitGenerator(ctx, &generator_));
  }

  void Compute(OpKernelContext* ctx) override {
    OP_REQUIRES(ctx, sampler_ != nullptr,
                errors::Internal(name(), ": candidate sampler was not set"));
    const Tensor& true_classes = ctx->input(0);
    OP_REQUIRES(ctx, true_classes.dims() == 2,
                errors::InvalidArgument("true_classes must be a matrix"));
    const int64_t batch_size = true_classes.dim_size(0);
    OP_REQUIRES(ctx, true_classes.dim_size(1) == num_true_,
                errors::InvalidArgument("true_classes must have num_true columns, expected: ",
                                        true_classes.dim_size(1), " was: ", num_true_));
    if (unique_) {
      OP_REQUIRES(ctx, num_sampled_ <= sampler_->range(),
                  errors::InvalidArgument("Sampler's range is too small."));
      // TF would loop until a CHECK fails when zero-probability ids make the batch unreachable.
      OP_REQUIRES(ctx, num_sampled_ <= sampler_->NumReachable(),
                  errors::InvalidArgument("Sampler's range is too small: only ",
                                          sampler_->NumReachable(),
                                          " candidates have a nonzero probability, but ",
                                          num_sampled_, " unique samples were requested."));
    }
    const int64_t num_true_total = batch_size * num_true_;
    const int64_t* true_ids = true_classes.data<int64_t>();
    if (!sampler_->AcceptsOutOfRange()) {
      for (int64_t i = 0; i < num_true_total; ++i) {
        OP_REQUIRES(ctx, true_ids[i] >= 0 && true_ids[i] < sampler_->range(),
                    errors::InvalidArgument("`true_candidate` out of range [0, ",
                                            sampler_->range(), "), received ", true_ids[i]));
      }
    }
    Tensor *sampled = nullptr, *true_expected = nullptr, *sampled_expected = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, TensorShape({num_sampled_}), &sampled));
    OP_REQUIRES_OK(ctx, ctx->allocate_output(1, TensorShape({batch_size, num_true_}),
                                             &true_expected));
    OP_REQUIRES_OK(ctx, ctx->allocate_output(2, TensorShape({num_sampled_}),
                                             &sampled_expected));
    // TF's conservative reservation; rejection sampling may read past it (reusing words).
    random::PhiloxRandom local = generator_.ReserveSamples32(2048 * num_sampled_);
    random::SimplePhilox rnd(&local);
    sampler_->SampleBatchGetExpectedCount(&rnd, unique_, sampled->data<int64_t>(),
                                          static_cast<int>(num_sampled_),
                                          sampled_expected->data<float>(), true_ids,
                                          num_true_total, true_expected->data<float>());
    if (sampler_->NeedsUpdates()) sampler_->Update(true_ids, num_true_total);
  }

 protected:
  void set_sampler(RangeSampler* s) { sampler_.reset(s); }

 private:
  int64_t num_true_ = 0, num_sampled_ = 0;
  bool unique_ = false;
  std::unique_ptr<RangeSampler> sampler_;
  random::GuardedPhiloxRandom generator_;
};

template <class Sampler>
class SimpleCandidateSamplerOp : public BaseCandidateSamplerOp {
 public:
  explicit SimpleCandidateSamplerOp(OpKernelConstruction* ctx) : BaseCandidateSamplerOp(ctx) {
    int64_t range_max = 0;
    OP_REQUIRES_OK(ctx, ctx->GetAttr("range_max", &range_max));
    OP_REQUIRES(ctx, range_max > 0, errors::InvalidArgument("range_max must be positive"));
    if constexpr (std::is_same_v<Sampler, UnigramSampler> ||
                  std::is_same_v<Sampler, ThreadUnsafeUnigramSampler>) {
      OP_REQUIRES(ctx, range_max < std::numeric_limits<int32_t>::max(),
                  errors::InvalidArgument("range_max must be less than ",
                                          std::numeric_limits<int32_t>::max(),
                                          " for unigram samplers, got ", range_max));
    }
    set_sampler(new Sampler(range_max));
  }
};

class AllCandidateSamplerOp : public BaseCandidateSamplerOp {
 public:
  explicit AllCandidateSamplerOp(OpKernelConstruction* ctx) : BaseCandidateSamplerOp(ctx) {
    int64_t range = 0;
    OP_REQUIRES_OK(ctx, ctx->GetAttr("num_sampled", &range));
    set_sampler(new AllSampler(range));
  }
};

class FixedUnigramCandidateSamplerOp : public BaseCandidateSamplerOp {
 public:
  explicit FixedUnigramCandidateSamplerOp(OpKernelConstruction* ctx)
      : BaseCandidateSamplerOp(ctx) {
    int64_t range_max = 0, num_reserved_ids = 0, num_shards = 1, shard = 0;
    std::string vocab_file;
    std::vector<float> unigrams;
    float distortion = 1.0f;
    OP_REQUIRES_OK(ctx, ctx->GetAttr("range_max", &range_max));
    OP_REQUIRES_OK(ctx, ctx->GetAttr("vocab_file", &vocab_file));
    OP_REQUIRES_OK(ctx, ctx->GetAttr("unigrams", &unigrams));
    OP_REQUIRES(ctx, !vocab_file.empty() || !unigrams.empty(),
                errors::InvalidArgument("Must provide either vocab_file or unigrams."));
    OP_REQUIRES(ctx, vocab_file.empty() || unigrams.empty(),
                errors::InvalidArgument("Must only provide one of vocab_file and unigrams."));
    OP_REQUIRES_OK(ctx, ctx->GetAttr("distortion", &distortion));
    OP_REQUIRES_OK(ctx, ctx->GetAttr("num_reserved_ids", &num_reserved_ids));
    OP_REQUIRES_OK(ctx, ctx->GetAttr("num_shards", &num_shards));
    OP_REQUIRES_OK(ctx, ctx->GetAttr("shard", &shard));
    OP_REQUIRES(ctx, num_shards >= 1 && num_shards <= std::numeric_limits<int32_t>::max(),
                errors::InvalidArgument("num_shards must be in [1, 2^31), got ", num_shards));
    // TF builds one zero weight per reserved id of this shard; bound the table it would make.
    OP_REQUIRES(ctx, num_reserved_ids <= std::numeric_limits<int32_t>::max(),
                errors::InvalidArgument("num_reserved_ids must be less than 2^31, got ",
                                        num_reserved_ids));
    auto sampler = std::make_unique<FixedUnigramSampler>(range_max, distortion,
                                                         num_reserved_ids, num_shards, shard);
    if (!vocab_file.empty()) {
      OP_REQUIRES_OK(ctx, sampler->SetFromFile(vocab_file));
    } else {
      OP_REQUIRES_OK(ctx, sampler->SetFromUnigrams(unigrams));
    }
    set_sampler(sampler.release());
  }
};

class ComputeAccidentalHitsOp : public OpKernel {
 public:
  explicit ComputeAccidentalHitsOp(OpKernelConstruction* ctx) : OpKernel(ctx) {
    OP_REQUIRES_OK(ctx, ctx->GetAttr("num_true", &num_true_));
  }

  void Compute(OpKernelContext* ctx) override {
    const Tensor& true_classes = ctx->input(0);
    OP_REQUIRES(ctx, true_classes.dims() == 2 && true_classes.dim_size(1) == num_true_,
                errors::InvalidArgument(
                    "true_candidates must be a batch_size * num_true matrix"));
    const Tensor& sampled = ctx->input(1);
    OP_REQUIRES(ctx, sampled.dims() == 1,
                errors::InvalidArgument("sampled_candidates must be a vector, which is "
                                        "typically an output from CandidateSampler"));
    const int64_t num_sampled = sampled.dim_size(0);
    const int64_t* s = sampled.data<int64_t>();
    std::unordered_map<int64_t, int64_t> position;  // the last position of a repeated id wins
    position.reserve(num_sampled);
    for (int64_t i = 0; i < num_sampled; ++i) position[s[i]] = i;

    std::vector<int32_t> indices;
    std::vector<int64_t> ids;
    const int64_t batch_size = true_classes.dim_size(0);
    const int64_t* t = true_classes.data<int64_t>();
    for (int64_t i = 0; i < batch_size; ++i) {
      for (int64_t j = 0; j < num_true_; ++j) {
        const auto it = position.find(t[i * num_true_ + j]);
        if (it != position.end()) {
          indices.push_back(static_cast<int32_t>(i));
          ids.push_back(it->second);
        }
      }
    }
    const int64_t n = static_cast<int64_t>(indices.size());
    Tensor *out_indices = nullptr, *out_ids = nullptr, *out_weights = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, TensorShape({n}), &out_indices));
    OP_REQUIRES_OK(ctx, ctx->allocate_output(1, TensorShape({n}), &out_ids));
    OP_REQUIRES_OK(ctx, ctx->allocate_output(2, TensorShape({n}), &out_weights));
    for (int64_t i = 0; i < n; ++i) {
      out_indices->data<int32_t>()[i] = indices[i];
      out_ids->data<int64_t>()[i] = ids[i];
      out_weights->data<float>()[i] = -FLT_MAX;
    }
  }

 private:
  int64_t num_true_ = 0;
};

REGISTER_KERNEL_BUILDER(Name("UniformCandidateSampler").Device(DEVICE_CPU),
                        SimpleCandidateSamplerOp<UniformSampler>);
REGISTER_KERNEL_BUILDER(Name("LogUniformCandidateSampler").Device(DEVICE_CPU),
                        SimpleCandidateSamplerOp<LogUniformSampler>);
REGISTER_KERNEL_BUILDER(Name("LearnedUnigramCandidateSampler").Device(DEVICE_CPU),
                        SimpleCandidateSamplerOp<UnigramSampler>);
REGISTER_KERNEL_BUILDER(Name("ThreadUnsafeUnigramCandidateSampler").Device(DEVICE_CPU),
                        SimpleCandidateSamplerOp<ThreadUnsafeUnigramSampler>);
REGISTER_KERNEL_BUILDER(Name("AllCandidateSampler").Device(DEVICE_CPU), AllCandidateSamplerOp);
REGISTER_KERNEL_BUILDER(Name("FixedUnigramCandidateSampler").Device(DEVICE_CPU),
                        FixedUnigramCandidateSamplerOp);
REGISTER_KERNEL_BUILDER(Name("ComputeAccidentalHits").Device(DEVICE_CPU),
                        ComputeAccidentalHitsOp);

}  // namespace
}  // namespace tfc
