// TF's range samplers; the float/double mix of every formula matches TF so the expected counts
// are bit-identical (ExpectedCountHelper works in float).
#include "core/kernels/nn/range_sampler.h"

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <unordered_set>

namespace tfc {
namespace {

// Expected count of a value of probability p in a batch: p * batch_size without rejection,
// else the chance of at least one hit in num_tries draws.
float ExpectedCount(float p, int batch_size, int num_tries) {
  if (num_tries == batch_size) return p * batch_size;
  return -std::expm1(num_tries * std::log1p(-p));
}

}  // namespace

void RangeSampler::SampleBatchGetExpectedCount(random::SimplePhilox* rnd, bool unique,
                                               int64_t* batch, int batch_size,
                                               float* batch_expected, const int64_t* extras,
                                               int64_t num_extras,
                                               float* extras_expected) const {
  int num_tries = 0;
  if (unique) {
    std::unordered_set<int64_t> used(batch_size);
    int picked = 0;
    while (picked < batch_size) {
      ++num_tries;
      const int64_t value = Sample(rnd);
      if (used.insert(value).second) batch[picked++] = value;
    }
  } else {
    for (int i = 0; i < batch_size; ++i) batch[i] = Sample(rnd);
    num_tries = batch_size;
  }
  if (batch_expected != nullptr) {
    for (int i = 0; i < batch_size; ++i) {
      batch_expected[i] = ExpectedCount(Probability(batch[i]), batch_size, num_tries);
    }
  }
  for (int64_t i = 0; i < num_extras; ++i) {
    extras_expected[i] = ExpectedCount(Probability(extras[i]), batch_size, num_tries);
  }
}

void AllSampler::SampleBatchGetExpectedCount(random::SimplePhilox*, bool, int64_t* batch,
                                             int batch_size, float* batch_expected,
                                             const int64_t*, int64_t num_extras,
                                             float* extras_expected) const {
  for (int i = 0; i < batch_size; ++i) batch[i] = i;
  if (batch_expected != nullptr) {
    for (int i = 0; i < batch_size; ++i) batch_expected[i] = 1.0f;
  }
  for (int64_t i = 0; i < num_extras; ++i) extras_expected[i] = 1.0f;
}

int64_t UniformSampler::Sample(random::SimplePhilox* rnd) const {
  return static_cast<int64_t>(rnd->Uniform64(static_cast<uint64_t>(range_)));
}

LogUniformSampler::LogUniformSampler(int64_t range)
    : RangeSampler(range), log_range_(std::log1p(static_cast<double>(range))) {}

int64_t LogUniformSampler::Sample(random::SimplePhilox* rnd) const {
  const int64_t value = static_cast<int64_t>(std::exp(rnd->RandDouble() * log_range_)) - 1;
  // Rounding could in principle reach range_; TF folds it back the same way.
  return value % range_;
}

float LogUniformSampler::Probability(int64_t value) const {
  return static_cast<float>(std::log((value + 2.0) / (value + 1.0)) / log_range_);
}

float ThreadUnsafeUnigramSampler::Probability(int64_t value) const {
  return static_cast<float>(picker_.get_weight(value)) / picker_.total_weight();
}

void ThreadUnsafeUnigramSampler::Update(const int64_t* values, int64_t n) {
  const int64_t room = std::numeric_limits<int32_t>::max() - int64_t{picker_.total_weight()};
  const int64_t updates = std::min(n, room);
  for (int64_t i = 0; i < updates; ++i) {
    picker_.set_weight(values[i], picker_.get_weight(values[i]) + 1);
  }
}

int64_t UnigramSampler::Sample(random::SimplePhilox* rnd) const {
  std::lock_guard<std::mutex> lock(mu_);
  return unsafe_.Sample(rnd);
}

float UnigramSampler::Probability(int64_t value) const {
  std::lock_guard<std::mutex> lock(mu_);
  return unsafe_.Probability(value);
}

void UnigramSampler::SampleBatchGetExpectedCount(random::SimplePhilox* rnd, bool unique,
                                                 int64_t* batch, int batch_size,
                                                 float* batch_expected, const int64_t* extras,
                                                 int64_t num_extras,
                                                 float* extras_expected) const {
  std::lock_guard<std::mutex> lock(mu_);
  unsafe_.SampleBatchGetExpectedCount(rnd, unique, batch, batch_size, batch_expected, extras,
                                      num_extras, extras_expected);
}

void UnigramSampler::Update(const int64_t* values, int64_t n) {
  std::lock_guard<std::mutex> lock(mu_);
  unsafe_.Update(values, n);
}

FixedUnigramSampler::FixedUnigramSampler(int64_t range, float distortion,
                                         int64_t num_reserved_ids, int64_t num_shards,
                                         int64_t shard)
    : RangeSampler(range),
      num_shards_(static_cast<int32_t>(num_shards)),
      shard_(static_cast<int32_t>(shard)),
      distortion_(distortion) {
  // TF keeps these as int32.
  if (num_shards_ <= 0) num_shards_ = 1;
  const int32_t reserved = static_cast<int32_t>(num_reserved_ids);
  for (int32_t id = 0; id < reserved; ++id) {
    if (InShard(id)) weights_.push_back(0.0f);
  }
}

Status FixedUnigramSampler::SetFromUnigrams(const std::vector<float>& unigrams) {
  // TF continues numbering from the weights kept so far (not from num_reserved_ids).
  int32_t word_id = static_cast<int32_t>(weights_.size());
  for (float w : unigrams) {
    if (InShard(word_id)) {
      w = std::pow(w, distortion_);
      total_weight_ += w;
      weights_.push_back(w);
    }
    ++word_id;
  }
  return Finish();
}

Status FixedUnigramSampler::SetFromFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return errors::NotFound(path, "; No such file or directory");
  int32_t word_id = static_cast<int32_t>(weights_.size());
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (InShard(word_id)) {
      const std::string last = line.substr(line.rfind(',') == std::string::npos
                                               ? 0
                                               : line.rfind(',') + 1);
      const char* begin = last.c_str();
      while (std::isspace(static_cast<unsigned char>(*begin))) ++begin;
      char* end = nullptr;
      float w = std::strtof(begin, &end);
      while (end != nullptr && std::isspace(static_cast<unsigned char>(*end))) ++end;
      if (*begin == '\0' || end == begin || *end != '\0') {
        return errors::InvalidArgument("Wrong vocabulary format at line: ", line);
      }
      w = std::pow(w, distortion_);
      total_weight_ += w;
      weights_.push_back(w);
    }
    ++word_id;
  }
  return Finish();
}

Status FixedUnigramSampler::Finish() {
  if (static_cast<int64_t>(weights_.size()) != range_) {
    return errors::InvalidArgument("range is ", range_, " must be equal to weights size  ",
                                   weights_.size());
  }
  dist_ = std::make_unique<random::DistributionSampler>(weights_);
  reachable_ = dist_->NumReachable();
  return OkStatus();
}

float FixedUnigramSampler::Probability(int64_t value) const {
  if (value < 0 || value >= static_cast<int64_t>(weights_.size())) return 0.0f;
  return weights_[value] / total_weight_;
}

int64_t FixedUnigramSampler::Sample(random::SimplePhilox* rnd) const {
  return dist_->Sample(rnd);
}

}  // namespace tfc
