#pragma once
// TF's SimplePhilox: an imperative view of a Philox stream that hands out 32-bit words one at
// a time. The candidate samplers draw through it, so the word order here (lo word first for
// 64-bit values, rejection loops for exact uniform integers) fixes their random streams.
#include <cstdint>
#include <type_traits>

#include "core/lib/random/philox_random.h"
#include "core/lib/random/random_distributions.h"

namespace tfc {
namespace random {

// A uniform integer in [0, n): draws until the word is outside the biased low band, so every
// residue has the same number of preimages. n == 0 still consumes one draw and gives 0.
template <typename UInt, typename Draw>
UInt ExactUniformInt(UInt n, Draw&& draw) {
  static_assert(std::is_unsigned_v<UInt>);
  if (n == 0) return draw() * n;
  if ((n & (n - 1)) == 0) return draw() & (n - 1);
  const UInt rem = static_cast<UInt>(~UInt{0} % n) + 1;
  UInt r;
  do {
    r = draw();
  } while (r < rem);
  return r % n;
}

class SimplePhilox {
 public:
  explicit SimplePhilox(PhiloxRandom* gen) : single_(gen) {}

  uint32_t Rand32() { return single_(); }
  uint64_t Rand64() {
    const uint32_t lo = single_();
    const uint32_t hi = single_();
    return lo | (static_cast<uint64_t>(hi) << 32);
  }
  float RandFloat() { return Uint32ToFloat(single_()); }
  double RandDouble() {
    const uint32_t x0 = single_();
    const uint32_t x1 = single_();
    return Uint64ToDouble(x0, x1);
  }
  uint32_t Uniform(uint32_t n) {
    return ExactUniformInt<uint32_t>(n, [this] { return Rand32(); });
  }
  uint64_t Uniform64(uint64_t n) {
    return ExactUniformInt<uint64_t>(n, [this] { return Rand64(); });
  }

 private:
  SingleSampleAdapter<PhiloxRandom> single_;
};

}  // namespace random
}  // namespace tfc
