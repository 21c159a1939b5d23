#pragma once
// TF's DistributionSampler: Walker's alias table over float weights, built with TF's exact
// arithmetic (float weight*n, double sum, LIFO pairing of low and high buckets) so a draw of
// (RandFloat, Uniform(n)) lands on the same index as in TensorFlow.
#include <cstdint>
#include <utility>
#include <vector>

#include "core/lib/random/simple_philox.h"

namespace tfc {
namespace random {

class DistributionSampler {
 public:
  explicit DistributionSampler(const std::vector<float>& weights) {
    const int n = static_cast<int>(weights.size());
    table_.assign(n, {0.0f, -1});
    double sum = 0.0;
    for (int i = 0; i < n; ++i) sum += weights[i];
    std::vector<double> pr(n);
    std::vector<int> high, low;
    high.reserve(n);
    low.reserve(n);
    for (int i = 0; i < n; ++i) {
      const double p = (weights[i] * n) / sum;  // the product is float in TF too
      pr[i] = p;
      (p < 1.0 ? low : high).push_back(i);
    }
    while (!high.empty() && !low.empty()) {
      const int l = low.back();
      low.pop_back();
      const int h = high.back();
      high.pop_back();
      table_[l].second = h;
      const double remaining = pr[h] - (1.0 - pr[l]);
      pr[h] = remaining;
      (remaining < 1.0 ? low : high).push_back(h);
    }
    for (int i = 0; i < n; ++i) table_[i].first = static_cast<float>(pr[i]);
    // Rounding can leave buckets unpaired; they keep themselves.
    for (int idx : high) table_[idx] = {1.0f, idx};
    for (int idx : low) table_[idx] = {1.0f, idx};
  }

  int num() const { return static_cast<int>(table_.size()); }

  // Buckets Sample can return: a bucket's own index needs a positive probability, its alias
  // needs a probability below 1.
  int64_t NumReachable() const {
    std::vector<bool> hit(table_.size(), false);
    for (size_t i = 0; i < table_.size(); ++i) {
      if (table_[i].first > 0.0f) hit[i] = true;
      if (!(table_[i].first >= 1.0f) && table_[i].second >= 0) hit[table_[i].second] = true;
    }
    int64_t n = 0;
    for (bool b : hit) n += b;
    return n;
  }

  int Sample(SimplePhilox* rnd) const {
    const float r = rnd->RandFloat();
    const int idx = static_cast<int>(rnd->Uniform(static_cast<uint32_t>(table_.size())));
    if (r < table_[idx].first) return idx;
    return table_[idx].second;
  }

 private:
  std::vector<std::pair<float, int>> table_;
};

}  // namespace random
}  // namespace tfc
