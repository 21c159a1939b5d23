#pragma once
// TensorFlow's CPU sample distributions over Philox words. Each distribution turns one call's
// worth of generator output into kResultElementCount values; the bit recipes (mantissa
// filling, Box-Muller with float/double libm calls, the truncation retry loop) follow TF so
// results are bit-identical for the same stream.
#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <type_traits>

#include <Eigen/Core>

#include "core/lib/random/philox_random.h"

namespace tfc {
namespace random {

// A float in [0, 1) from the low 23 bits.
inline float Uint32ToFloat(uint32_t x) {
  const uint32_t bits = (127u << 23) | (x & 0x7fffffu);
  float f;
  std::memcpy(&f, &bits, sizeof(f));
  return f - 1.0f;
}

// A double in [0, 1) from 20 bits of x0 and all of x1.
inline double Uint64ToDouble(uint32_t x0, uint32_t x1) {
  const uint64_t bits = (uint64_t{1023} << 52) | (static_cast<uint64_t>(x0 & 0xfffffu) << 32) | x1;
  double d;
  std::memcpy(&d, &bits, sizeof(d));
  return d - 1.0;
}

inline Eigen::half Uint16ToHalf(uint16_t x) {
  const uint16_t bits = static_cast<uint16_t>((15u << 10) | (x & 0x3ffu));
  Eigen::half h = Eigen::numext::bit_cast<Eigen::half>(bits);
  return h - Eigen::half(1.0f);
}

inline Eigen::bfloat16 Uint16ToBfloat16(uint16_t x) {
  const uint16_t bits = static_cast<uint16_t>((127u << 7) | (x & 0x7fu));
  Eigen::bfloat16 b = Eigen::numext::bit_cast<Eigen::bfloat16>(bits);
  return b - Eigen::bfloat16(1.0f);
}

inline void BoxMullerFloat(uint32_t x0, uint32_t x1, float* f0, float* f1) {
  float u1 = Uint32ToFloat(x0);
  if (u1 < 1.0e-7f) u1 = 1.0e-7f;
  // 2*pi is a double, so the product is taken in double and then narrowed (as TF does).
  const float v1 = static_cast<float>(2.0 * M_PI * static_cast<double>(Uint32ToFloat(x1)));
  const float u2 = std::sqrt(-2.0f * std::log(u1));
  sincosf(v1, f0, f1);
  *f0 *= u2;
  *f1 *= u2;
}

inline void BoxMullerDouble(uint32_t x0, uint32_t x1, uint32_t x2, uint32_t x3, double* d0,
                            double* d1) {
  double u1 = Uint64ToDouble(x0, x1);
  if (u1 < 1.0e-7) u1 = 1.0e-7;
  const double v1 = 2 * M_PI * Uint64ToDouble(x2, x3);
  const double u2 = std::sqrt(-2.0 * std::log(u1));
  sincos(v1, d0, d1);
  *d0 *= u2;
  *d1 *= u2;
}

template <typename T>
struct UniformDistribution;

template <>
struct UniformDistribution<float> {
  static constexpr int kResultElementCount = 4;
  static constexpr bool kVariableSamplesPerOutput = false;
  using ResultElementType = float;
  std::array<float, 4> operator()(PhiloxRandom* gen) const {
    auto s = (*gen)();
    return {Uint32ToFloat(s[0]), Uint32ToFloat(s[1]), Uint32ToFloat(s[2]), Uint32ToFloat(s[3])};
  }
};

template <>
struct UniformDistribution<double> {
  static constexpr int kResultElementCount = 2;
  static constexpr bool kVariableSamplesPerOutput = false;
  using ResultElementType = double;
  std::array<double, 2> operator()(PhiloxRandom* gen) const {
    auto s = (*gen)();
    return {Uint64ToDouble(s[0], s[1]), Uint64ToDouble(s[2], s[3])};
  }
};

template <>
struct UniformDistribution<Eigen::half> {
  static constexpr int kResultElementCount = 4;
  static constexpr bool kVariableSamplesPerOutput = false;
  using ResultElementType = Eigen::half;
  std::array<Eigen::half, 4> operator()(PhiloxRandom* gen) const {
    auto s = (*gen)();
    std::array<Eigen::half, 4> r;
    for (int i = 0; i < 4; ++i) r[i] = Uint16ToHalf(static_cast<uint16_t>(s[i]));
    return r;
  }
};

template <>
struct UniformDistribution<Eigen::bfloat16> {
  static constexpr int kResultElementCount = 4;
  static constexpr bool kVariableSamplesPerOutput = false;
  using ResultElementType = Eigen::bfloat16;
  std::array<Eigen::bfloat16, 4> operator()(PhiloxRandom* gen) const {
    auto s = (*gen)();
    std::array<Eigen::bfloat16, 4> r;
    for (int i = 0; i < 4; ++i) r[i] = Uint16ToBfloat16(static_cast<uint16_t>(s[i]));
    return r;
  }
};

// Integers in [lo, hi): lo + bits % (hi - lo), the range taken unsigned.
template <>
struct UniformDistribution<int32_t> {
  static constexpr int kResultElementCount = 4;
  static constexpr bool kVariableSamplesPerOutput = false;
  using ResultElementType = int32_t;
  UniformDistribution(int32_t lo, int32_t hi)
      : lo_(lo), range_(static_cast<uint32_t>(hi) - static_cast<uint32_t>(lo)) {}
  std::array<int32_t, 4> operator()(PhiloxRandom* gen) const {
    auto s = (*gen)();
    std::array<int32_t, 4> r;
    for (int i = 0; i < 4; ++i) {
      r[i] = static_cast<int32_t>(static_cast<uint32_t>(lo_) + s[i] % range_);
    }
    return r;
  }
  int32_t lo_;
  uint32_t range_;
};

template <>
struct UniformDistribution<int64_t> {
  static constexpr int kResultElementCount = 2;
  static constexpr bool kVariableSamplesPerOutput = false;
  using ResultElementType = int64_t;
  UniformDistribution(int64_t lo, int64_t hi)
      : lo_(lo), range_(static_cast<uint64_t>(hi) - static_cast<uint64_t>(lo)) {}
  std::array<int64_t, 2> operator()(PhiloxRandom* gen) const {
    auto s = (*gen)();
    std::array<int64_t, 2> r;
    for (int i = 0; i < 2; ++i) {
      const uint64_t bits = s[2 * i] | (static_cast<uint64_t>(s[2 * i + 1]) << 32);
      r[i] = static_cast<int64_t>(static_cast<uint64_t>(lo_) + bits % range_);
    }
    return r;
  }
  int64_t lo_;
  uint64_t range_;
};

// Standard normal: float-family types use float Box-Muller on word pairs, then narrow.
template <typename T>
struct NormalDistribution {
  static constexpr int kResultElementCount = 4;
  static constexpr bool kVariableSamplesPerOutput = false;
  using ResultElementType = T;
  std::array<T, 4> operator()(PhiloxRandom* gen) const {
    auto s = (*gen)();
    float f[4];
    BoxMullerFloat(s[0], s[1], &f[0], &f[1]);
    BoxMullerFloat(s[2], s[3], &f[2], &f[3]);
    return {T(f[0]), T(f[1]), T(f[2]), T(f[3])};
  }
};

template <>
struct NormalDistribution<double> {
  static constexpr int kResultElementCount = 2;
  static constexpr bool kVariableSamplesPerOutput = false;
  using ResultElementType = double;
  std::array<double, 2> operator()(PhiloxRandom* gen) const {
    auto s = (*gen)();
    std::array<double, 2> r;
    BoxMullerDouble(s[0], s[1], s[2], s[3], &r[0], &r[1]);
    return r;
  }
};

// Truncated standard normal: draws Box-Muller pairs word by word and keeps |x| < 2 until a
// group is full. Uses a variable number of words, so each group gets its own 256-block window.
template <typename T>
struct TruncatedNormalDistribution {
  static constexpr int kResultElementCount = 4;
  static constexpr bool kVariableSamplesPerOutput = true;
  using ResultElementType = T;
  std::array<T, 4> operator()(SingleSampleAdapter<PhiloxRandom>* gen) const {
    std::array<T, 4> r;
    int n = 0;
    while (true) {
      const uint32_t x0 = (*gen)();
      const uint32_t x1 = (*gen)();
      float f[2];
      BoxMullerFloat(x0, x1, &f[0], &f[1]);
      for (int k = 0; k < 2; ++k) {
        if (std::fabs(f[k]) < 2.0f) {
          r[n++] = T(f[k]);
          if (n == 4) return r;
        }
      }
    }
  }
};

template <>
struct TruncatedNormalDistribution<double> {
  static constexpr int kResultElementCount = 2;
  static constexpr bool kVariableSamplesPerOutput = true;
  using ResultElementType = double;
  std::array<double, 2> operator()(SingleSampleAdapter<PhiloxRandom>* gen) const {
    std::array<double, 2> r;
    int n = 0;
    while (true) {
      const uint32_t x0 = (*gen)();
      const uint32_t x1 = (*gen)();
      const uint32_t x2 = (*gen)();
      const uint32_t x3 = (*gen)();
      double d[2];
      BoxMullerDouble(x0, x1, x2, x3, &d[0], &d[1]);
      for (int k = 0; k < 2; ++k) {
        if (std::fabs(d[k]) < 2.0) {
          r[n++] = d[k];
          if (n == 2) return r;
        }
      }
    }
  }
};

// A double in [0, 1) from two consecutive words of a single-sample stream (SimplePhilox).
inline double RandDouble(SingleSampleAdapter<PhiloxRandom>* single) {
  const uint32_t x0 = (*single)();
  const uint32_t x1 = (*single)();
  return Uint64ToDouble(x0, x1);
}

}  // namespace random
}  // namespace tfc
