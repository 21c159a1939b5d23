#pragma once
// The histogram behind HistogramSummary: TF's default bucket limits (±1e-12·1.1^k up to 1e20,
// then ±DBL_MAX, and 0) and its HistogramProto encoding, where runs of empty buckets collapse
// into one bucket ending at the run's last limit.
#include <vector>

#include "tensorflow/core/framework/summary.pb.h"

namespace tfc::histogram {

// The default limits, ascending: -DBL_MAX, ..., -1e-12, 0, 1e-12, ..., DBL_MAX.
const std::vector<double>& DefaultBucketLimits();

class Histogram {
 public:
  Histogram();  // default limits
  explicit Histogram(std::vector<double> bucket_limits);  // strictly increasing

  void Add(double value);
  // preserve_zero_buckets=false collapses runs of empty buckets (what the summary op writes).
  void EncodeToProto(::tensorflow::HistogramProto* proto, bool preserve_zero_buckets) const;

  double num() const { return num_; }

 private:
  void Clear();

  std::vector<double> limits_;
  std::vector<double> buckets_;
  double min_, max_, num_, sum_, sum_squares_;
};

}  // namespace tfc::histogram
