#pragma once
// TF's WeightedPicker: integer weights kept in a complete binary sum tree (level l holds 2^l
// nodes), so one pick is a root-to-leaf descent over a uniform draw in [0, total). The learned
// unigram samplers use it; the tree shape and descent order fix which index a draw maps to.
#include <cstdint>
#include <vector>

#include "core/lib/random/simple_philox.h"

namespace tfc {
namespace random {

class WeightedPicker {
 public:
  // n elements, each of weight 1.
  explicit WeightedPicker(int64_t n) : n_(n) {
    int levels = 1;
    while ((int64_t{1} << (levels - 1)) < n) ++levels;
    level_.resize(levels);
    for (int l = 0; l < levels; ++l) level_[l].assign(size_t{1} << l, 0);
    auto& leaves = level_.back();
    for (int64_t i = 0; i < n; ++i) leaves[i] = 1;
    for (int l = levels - 2; l >= 0; --l) {
      for (size_t i = 0; i < level_[l].size(); ++i) {
        level_[l][i] = level_[l + 1][2 * i] + level_[l + 1][2 * i + 1];
      }
    }
  }

  int64_t num_elements() const { return n_; }
  int32_t total_weight() const { return level_[0][0]; }
  int32_t get_weight(int64_t index) const { return level_.back()[index]; }

  void set_weight(int64_t index, int32_t weight) {
    const int32_t delta = weight - get_weight(index);
    for (int l = static_cast<int>(level_.size()) - 1; l >= 0; --l) {
      level_[l][index] += delta;
      index >>= 1;
    }
  }

  // -1 when every weight is zero.
  int64_t Pick(SimplePhilox* rnd) const {
    if (total_weight() == 0) return -1;
    return PickAt(static_cast<int32_t>(rnd->Uniform(static_cast<uint32_t>(total_weight()))));
  }

  int64_t PickAt(int32_t weight_index) const {
    if (weight_index < 0 || weight_index >= total_weight()) return -1;
    int32_t position = weight_index;
    int64_t index = 0;
    for (size_t l = 1; l < level_.size(); ++l) {
      const int32_t left = level_[l][2 * index];
      if (position < left) {
        index = 2 * index;
      } else {
        index = 2 * index + 1;
        position -= left;
      }
    }
    return index;
  }

 private:
  int64_t n_;
  std::vector<std::vector<int32_t>> level_;
};

}  // namespace random
}  // namespace tfc
