#pragma once
// The base distributions behind TF's candidate-sampler ops (TF's kernels/range_sampler): each
// samples integers in [0, range) through a SimplePhilox stream and reports the probability of
// a value. SampleBatchGetExpectedCount is TF's batch loop: with unique=true it rejects repeats
// and turns the number of tries into inclusion probabilities 1 - (1 - p)^tries.
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/framework/status.h"
#include "core/lib/random/distribution_sampler.h"
#include "core/lib/random/simple_philox.h"
#include "core/lib/random/weighted_picker.h"

namespace tfc {

class RangeSampler {
 public:
  explicit RangeSampler(int64_t range) : range_(range) {}
  virtual ~RangeSampler() = default;

  virtual int64_t Sample(random::SimplePhilox* rnd) const = 0;
  virtual float Probability(int64_t value) const = 0;

  // Fills `batch` (with repeats unless `unique`) and the expected counts of the batch and of
  // `extras`; batch_expected may be empty. With unique, batch.size() must be <= range().
  virtual void SampleBatchGetExpectedCount(random::SimplePhilox* rnd, bool unique,
                                           int64_t* batch, int batch_size,
                                           float* batch_expected, const int64_t* extras,
                                           int64_t num_extras, float* extras_expected) const;

  virtual bool NeedsUpdates() const { return false; }
  virtual void Update(const int64_t* values, int64_t n) {}
  // Whether Probability(value) is defined for this out-of-range value (TF reads out of bounds
  // for the learned unigram samplers, so we refuse those values instead).
  virtual bool AcceptsOutOfRange() const { return true; }
  // How many distinct values Sample can return: unique sampling of more would never end.
  virtual int64_t NumReachable() const { return range_; }

  int64_t range() const { return range_; }

 protected:
  const int64_t range_;
};

// Returns the whole range [0, range) with expected counts 1.
class AllSampler : public RangeSampler {
 public:
  using RangeSampler::RangeSampler;
  int64_t Sample(random::SimplePhilox*) const override { return 0; }
  float Probability(int64_t) const override { return 1.0f; }
  void SampleBatchGetExpectedCount(random::SimplePhilox* rnd, bool unique, int64_t* batch,
                                   int batch_size, float* batch_expected,
                                   const int64_t* extras, int64_t num_extras,
                                   float* extras_expected) const override;
};

class UniformSampler : public RangeSampler {
 public:
  explicit UniformSampler(int64_t range)
      : RangeSampler(range), inv_range_(static_cast<float>(1.0 / range)) {}
  int64_t Sample(random::SimplePhilox* rnd) const override;
  float Probability(int64_t) const override { return inv_range_; }

 private:
  const float inv_range_;
};

// P(k) = log((k + 2) / (k + 1)) / log(range + 1).
class LogUniformSampler : public RangeSampler {
 public:
  explicit LogUniformSampler(int64_t range);
  int64_t Sample(random::SimplePhilox* rnd) const override;
  float Probability(int64_t value) const override;

 private:
  const double log_range_;
};

// Counts start at 1 per class and grow by one per true class seen (Update after each batch).
class ThreadUnsafeUnigramSampler : public RangeSampler {
 public:
  explicit ThreadUnsafeUnigramSampler(int64_t range) : RangeSampler(range), picker_(range) {}
  int64_t Sample(random::SimplePhilox* rnd) const override { return picker_.Pick(rnd); }
  float Probability(int64_t value) const override;
  bool NeedsUpdates() const override { return true; }
  void Update(const int64_t* values, int64_t n) override;
  bool AcceptsOutOfRange() const override { return false; }

 private:
  random::WeightedPicker picker_;
};

// The same distribution behind a lock, so concurrent runs of one kernel stay consistent.
class UnigramSampler : public RangeSampler {
 public:
  explicit UnigramSampler(int64_t range) : RangeSampler(range), unsafe_(range) {}
  int64_t Sample(random::SimplePhilox* rnd) const override;
  float Probability(int64_t value) const override;
  void SampleBatchGetExpectedCount(random::SimplePhilox* rnd, bool unique, int64_t* batch,
                                   int batch_size, float* batch_expected,
                                   const int64_t* extras, int64_t num_extras,
                                   float* extras_expected) const override;
  bool NeedsUpdates() const override { return true; }
  void Update(const int64_t* values, int64_t n) override;
  bool AcceptsOutOfRange() const override { return false; }

 private:
  mutable std::mutex mu_;
  ThreadUnsafeUnigramSampler unsafe_;
};

// A fixed distribution (weights^distortion) from a list or a CSV vocabulary file (last
// column = count), with reserved ids of weight 0 and TF's modulo sharding of ids.
class FixedUnigramSampler : public RangeSampler {
 public:
  FixedUnigramSampler(int64_t range, float distortion, int64_t num_reserved_ids,
                      int64_t num_shards, int64_t shard);
  Status SetFromUnigrams(const std::vector<float>& unigrams);
  Status SetFromFile(const std::string& path);
  int64_t Sample(random::SimplePhilox* rnd) const override;
  float Probability(int64_t value) const override;
  int64_t NumReachable() const override { return reachable_; }

 private:
  Status Finish();
  bool InShard(int64_t word_id) const { return word_id % num_shards_ == shard_; }

  std::unique_ptr<random::DistributionSampler> dist_;
  std::vector<float> weights_;
  float total_weight_ = 0.0f;
  int64_t reachable_ = 0;
  int64_t num_shards_, shard_;
  float distortion_;
};

}  // namespace tfc
