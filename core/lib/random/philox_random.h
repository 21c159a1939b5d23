#pragma once
// Philox4x32-10 counter-based generator (Salmon et al., SC 2011) with TensorFlow's state
// layout, so that the same (seed, seed2) gives the same stream as TF's CPU kernels.
#include <array>
#include <cstdint>

namespace tfc {
namespace random {

class PhiloxRandom {
 public:
  static constexpr int kResultElementCount = 4;
  using ResultType = std::array<uint32_t, 4>;
  using Key = std::array<uint32_t, 2>;

  PhiloxRandom() = default;
  explicit PhiloxRandom(uint64_t seed) {
    key_ = {static_cast<uint32_t>(seed), static_cast<uint32_t>(seed >> 32)};
  }
  // seed_lo keys the cipher; seed_hi fills the high half of the 128-bit counter.
  PhiloxRandom(uint64_t seed_lo, uint64_t seed_hi) : PhiloxRandom(seed_lo) {
    counter_[2] = static_cast<uint32_t>(seed_hi);
    counter_[3] = static_cast<uint32_t>(seed_hi >> 32);
  }
  PhiloxRandom(ResultType counter, Key key) : counter_(counter), key_(key) {}

  const ResultType& counter() const { return counter_; }
  const Key& key() const { return key_; }

  // Advances by `count` 128-bit blocks.
  void Skip(uint64_t count) {
    const uint32_t lo = static_cast<uint32_t>(count);
    uint32_t hi = static_cast<uint32_t>(count >> 32);
    counter_[0] += lo;
    if (counter_[0] < lo) ++hi;
    counter_[1] += hi;
    if (counter_[1] < hi) {
      if (++counter_[2] == 0) ++counter_[3];
    }
  }

  ResultType operator()() {
    ResultType c = counter_;
    Key k = key_;
    for (int round = 0; round < 10; ++round) {
      c = Round(c, k);
      k[0] += kWeylA;
      k[1] += kWeylB;
    }
    SkipOne();
    return c;
  }

 private:
  static constexpr uint32_t kMulA = 0xD2511F53u;
  static constexpr uint32_t kMulB = 0xCD9E8D57u;
  static constexpr uint32_t kWeylA = 0x9E3779B9u;
  static constexpr uint32_t kWeylB = 0xBB67AE85u;

  static ResultType Round(const ResultType& c, const Key& k) {
    const uint64_t p0 = static_cast<uint64_t>(kMulA) * c[0];
    const uint64_t p1 = static_cast<uint64_t>(kMulB) * c[2];
    return {static_cast<uint32_t>(p1 >> 32) ^ c[1] ^ k[0], static_cast<uint32_t>(p1),
            static_cast<uint32_t>(p0 >> 32) ^ c[3] ^ k[1], static_cast<uint32_t>(p0)};
  }
  void SkipOne() {
    if (++counter_[0] == 0 && ++counter_[1] == 0 && ++counter_[2] == 0) ++counter_[3];
  }

  ResultType counter_{0, 0, 0, 0};
  Key key_{0, 0};
};

// Hands out a generator's 32-bit words one at a time.
template <class Gen>
class SingleSampleAdapter {
 public:
  static constexpr int kNativeElementCount = Gen::kResultElementCount;
  explicit SingleSampleAdapter(Gen* gen) : gen_(gen) {}
  uint32_t operator()() {
    if (used_ == kNativeElementCount) {
      buf_ = (*gen_)();
      used_ = 0;
    }
    return buf_[used_++];
  }

 private:
  Gen* gen_;
  typename Gen::ResultType buf_{};
  int used_ = kNativeElementCount;
};

}  // namespace random
}  // namespace tfc
