#pragma once
// The per-kernel Philox state of TF's stateful random ops: each Compute takes a copy of the
// generator and advances the shared one past what it may use, so successive runs differ yet
// are deterministic for a fixed (seed, seed2); a new session (new kernel) restarts the stream.
#include <cstdint>
#include <mutex>
#include <random>

#include "core/lib/random/philox_random.h"

namespace tfc {
namespace random {

// A nondeterministic 64-bit value (TF's random::New64).
inline uint64_t New64() {
  static std::mutex mu;
  static std::mt19937_64 engine{std::random_device{}()};
  std::lock_guard<std::mutex> lock(mu);
  return engine();
}

class GuardedPhiloxRandom {
 public:
  // Both zero means "seed me randomly".
  void Init(int64_t seed, int64_t seed2) {
    if (seed == 0 && seed2 == 0) {
      seed = static_cast<int64_t>(New64());
      seed2 = static_cast<int64_t>(New64());
    }
    std::lock_guard<std::mutex> lock(mu_);
    generator_ = PhiloxRandom(static_cast<uint64_t>(seed), static_cast<uint64_t>(seed2));
  }

  // A generator for `samples` 128-bit blocks; the shared state moves past them.
  PhiloxRandom ReserveSamples128(int64_t samples) {
    std::lock_guard<std::mutex> lock(mu_);
    PhiloxRandom local = generator_;
    generator_.Skip(static_cast<uint64_t>(samples));
    return local;
  }
  PhiloxRandom ReserveSamples32(int64_t samples) { return ReserveSamples128((samples + 3) / 4); }
  // TF reserves output_count * multiplier blocks (256 for its random kernels).
  PhiloxRandom ReserveRandomOutputs(int64_t output_count, int multiplier) {
    return ReserveSamples128(output_count * multiplier);
  }

 private:
  std::mutex mu_;
  PhiloxRandom generator_;
};

}  // namespace random
}  // namespace tfc
