#include "core/kernels/summary/histogram.h"

#include <algorithm>
#include <cfloat>

namespace tfc::histogram {

const std::vector<double>& DefaultBucketLimits() {
  static const std::vector<double> limits = [] {
    std::vector<double> pos;
    // Repeated multiplication (not pow) so every limit equals TF's bit for bit.
    for (double v = 1.0e-12; v < 1.0e20; v *= 1.1) pos.push_back(v);
    pos.push_back(DBL_MAX);
    std::vector<double> all;
    all.reserve(2 * pos.size() + 1);
    for (auto it = pos.rbegin(); it != pos.rend(); ++it) all.push_back(-*it);
    all.push_back(0.0);
    all.insert(all.end(), pos.begin(), pos.end());
    return all;
  }();
  return limits;
}

Histogram::Histogram() : limits_(DefaultBucketLimits()) { Clear(); }

Histogram::Histogram(std::vector<double> bucket_limits) : limits_(std::move(bucket_limits)) {
  Clear();
}

void Histogram::Clear() {
  min_ = limits_.back();
  max_ = -DBL_MAX;
  num_ = sum_ = sum_squares_ = 0;
  buckets_.assign(limits_.size(), 0.0);
}

void Histogram::Add(double value) {
  // As TF counts: a value goes to the bucket of the first limit above it, [limit[i-1], limit[i]).
  size_t b = std::upper_bound(limits_.begin(), limits_.end(), value) - limits_.begin();
  if (b >= buckets_.size()) b = buckets_.size() - 1;  // only +DBL_MAX itself lands past the end
  buckets_[b] += 1.0;
  if (min_ > value) min_ = value;
  if (max_ < value) max_ = value;
  num_ += 1;
  sum_ += value;
  sum_squares_ += value * value;
}

void Histogram::EncodeToProto(::tensorflow::HistogramProto* proto,
                              bool preserve_zero_buckets) const {
  proto->Clear();
  proto->set_min(min_);
  proto->set_max(max_);
  proto->set_num(num_);
  proto->set_sum(sum_);
  proto->set_sum_squares(sum_squares_);
  for (size_t i = 0; i < buckets_.size();) {
    double end = limits_[i];
    double count = buckets_[i];
    ++i;
    if (!preserve_zero_buckets && count <= 0.0) {
      while (i < buckets_.size() && buckets_[i] <= 0.0) {
        end = limits_[i];
        count = buckets_[i];
        ++i;
      }
    }
    proto->add_bucket_limit(end);
    proto->add_bucket(count);
  }
  if (proto->bucket_size() == 0) {
    proto->add_bucket_limit(DBL_MAX);
    proto->add_bucket(0.0);
  }
}

}  // namespace tfc::histogram
