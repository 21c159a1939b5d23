// Philox4x32-10 against known answers, TF's distribution recipes, the reservation rule, and
// the random kernels' shapes and errors. Bit-exactness against TF itself is in the Python
// goldens (tests/python/test_random_goldens.py).
#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "core/lib/random/guarded_philox_random.h"
#include "core/lib/random/random_distributions.h"
#include "tests/cpp/kernel_test_util.h"

namespace tfc {
namespace {

using random::PhiloxRandom;

TEST(RandomPhiloxTest, Random123KnownAnswers) {
  // Random123's kat_vectors for philox4x32 with 10 rounds.
  PhiloxRandom zero(PhiloxRandom::ResultType{0, 0, 0, 0}, PhiloxRandom::Key{0, 0});
  EXPECT_EQ(zero(), (PhiloxRandom::ResultType{0x6627e8d5u, 0xe169c58du, 0xbc57ac4cu, 0x9b00dbd8u}));
  PhiloxRandom ones(PhiloxRandom::ResultType{0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu},
                    PhiloxRandom::Key{0xffffffffu, 0xffffffffu});
  EXPECT_EQ(ones(), (PhiloxRandom::ResultType{0x408f276du, 0x41c83b0eu, 0xa20bc7c6u, 0x6d5451fdu}));
  PhiloxRandom pi(PhiloxRandom::ResultType{0x243f6a88u, 0x85a308d3u, 0x13198a2eu, 0x03707344u},
                  PhiloxRandom::Key{0xa4093822u, 0x299f31d0u});
  EXPECT_EQ(pi(), (PhiloxRandom::ResultType{0xd16cfe09u, 0x94fdccebu, 0x5001e420u, 0x24126ea1u}));
}

TEST(RandomPhiloxTest, SeedLayoutAndCounter) {
  PhiloxRandom g(0x1122334455667788ull, 0x99aabbccddeeff00ull);
  EXPECT_EQ(g.key(), (PhiloxRandom::Key{0x55667788u, 0x11223344u}));
  EXPECT_EQ(g.counter(), (PhiloxRandom::ResultType{0, 0, 0xddeeff00u, 0x99aabbccu}));
  PhiloxRandom a(7, 9), b(7, 9);
  a();
  a();
  a();
  b.Skip(3);
  EXPECT_EQ(a(), b());
  PhiloxRandom c(PhiloxRandom::ResultType{0xffffffffu, 0xffffffffu, 5, 0}, PhiloxRandom::Key{1, 2});
  c.Skip(1);
  EXPECT_EQ(c.counter(), (PhiloxRandom::ResultType{0, 0, 6, 0}));
  PhiloxRandom d(PhiloxRandom::ResultType{0xfffffff0u, 3, 0, 0}, PhiloxRandom::Key{1, 2});
  d.Skip(0x100000020ull);
  EXPECT_EQ(d.counter(), (PhiloxRandom::ResultType{0x10u, 5, 0, 0}));
}

TEST(RandomPhiloxTest, GuardedReservesBlocks) {
  random::GuardedPhiloxRandom g;
  g.Init(1, 2);
  PhiloxRandom first = g.ReserveRandomOutputs(3, 256);
  PhiloxRandom second = g.ReserveRandomOutputs(1, 256);
  PhiloxRandom expect(1, 2);
  EXPECT_EQ(first(), expect());
  expect = PhiloxRandom(1, 2);
  expect.Skip(3 * 256);
  EXPECT_EQ(second(), expect());
  random::GuardedPhiloxRandom r1, r2;  // both zero: random seeds
  r1.Init(0, 0);
  r2.Init(0, 0);
  EXPECT_NE(r1.ReserveSamples128(1)(), r2.ReserveSamples128(1)());
}

TEST(RandomDistributionTest, UniformBitRecipes) {
  EXPECT_EQ(random::Uint32ToFloat(0), 0.0f);
  EXPECT_EQ(random::Uint32ToFloat(0xffffffffu), 1.0f - std::ldexp(1.0f, -23));
  EXPECT_EQ(random::Uint64ToDouble(0xfff00000u, 0), 0.0);
  EXPECT_EQ(random::Uint64ToDouble(0xffffffffu, 0xffffffffu), 1.0 - std::ldexp(1.0, -52));
  EXPECT_EQ(static_cast<float>(random::Uint16ToHalf(0x200)), 0.5f);
  EXPECT_EQ(static_cast<float>(random::Uint16ToBfloat16(0x40)), 0.5f);
  random::UniformDistribution<int32_t> d(-5, 5);
  PhiloxRandom g(3, 4), h(3, 4);
  auto v = d(&g);
  auto w = h();
  for (int i = 0; i < 4; ++i) EXPECT_EQ(v[i], -5 + static_cast<int32_t>(w[i] % 10u));
}

TEST(RandomDistributionTest, NormalAndTruncatedStatistics) {
  PhiloxRandom g(11, 0);
  random::NormalDistribution<float> normal;
  double sum = 0, sq = 0;
  const int n = 40000;
  for (int i = 0; i < n / 4; ++i) {
    for (float x : normal(&g)) {
      sum += x;
      sq += double(x) * x;
    }
  }
  EXPECT_NEAR(sum / n, 0.0, 0.03);
  EXPECT_NEAR(sq / n, 1.0, 0.03);
  random::SingleSampleAdapter<PhiloxRandom> single(&g);
  random::TruncatedNormalDistribution<double> trunc;
  for (int i = 0; i < 1000; ++i) {
    for (double x : trunc(&single)) EXPECT_LT(std::fabs(x), 2.0);
  }
}

Tensor ShapeVec(std::vector<int32_t> dims) {
  return test::MakeTensor<int32_t>(TensorShape({static_cast<int64_t>(dims.size())}), dims);
}

test::AttrSetter Seeded(DataType dtype, const char* attr = "dtype") {
  return [dtype, attr](::tensorflow::NodeDef* d) {
    AddNodeAttr(attr, dtype, d);
    AddNodeAttr("T", DT_INT32, d);
    AddNodeAttr("seed", int64_t{5}, d);
    AddNodeAttr("seed2", int64_t{6}, d);
  };
}

TEST(RandomKernelTest, UniformFloatFirstValues) {
  std::vector<Tensor> out;
  ASSERT_TRUE(test::RunOp("RandomUniform", {ShapeVec({2, 3})}, Seeded(DT_FLOAT), &out).ok());
  ASSERT_EQ(out[0].shape(), TensorShape({2, 3}));
  PhiloxRandom g(5, 6);
  auto b0 = g(), b1 = g();
  const float* p = out[0].data<float>();
  for (int i = 0; i < 4; ++i) EXPECT_EQ(p[i], random::Uint32ToFloat(b0[i]));
  EXPECT_EQ(p[4], random::Uint32ToFloat(b1[0]));
  EXPECT_EQ(p[5], random::Uint32ToFloat(b1[1]));
}

TEST(RandomKernelTest, UniformIntRangeAndErrors) {
  std::vector<Tensor> out;
  auto set = Seeded(DT_INT64, "Tout");
  ASSERT_TRUE(test::RunOp("RandomUniformInt",
                          {ShapeVec({1000}), Tensor::Scalar<int64_t>(-3), Tensor::Scalar<int64_t>(4)},
                          set, &out)
                  .ok());
  std::set<int64_t> seen(out[0].data<int64_t>(), out[0].data<int64_t>() + 1000);
  EXPECT_EQ(*seen.begin(), -3);
  EXPECT_EQ(*seen.rbegin(), 3);
  Status s = test::RunOp("RandomUniformInt",
                         {ShapeVec({2}), Tensor::Scalar<int64_t>(4), Tensor::Scalar<int64_t>(4)},
                         set, &out);
  EXPECT_EQ(s.code(), Code::INVALID_ARGUMENT);
  EXPECT_NE(s.message().find("Need minval < maxval, got 4 >= 4"), std::string::npos);
  s = test::RunOp("RandomUniformInt",
                  {ShapeVec({0}), Tensor::Scalar<int64_t>(4), Tensor::Scalar<int64_t>(4)}, set, &out);
  EXPECT_TRUE(s.ok());
  s = test::RunOp("RandomStandardNormal", {ShapeVec({2, -1})}, Seeded(DT_FLOAT), &out);
  EXPECT_EQ(s.code(), Code::INVALID_ARGUMENT);
}

TEST(RandomKernelTest, ShuffleIsPermutation) {
  std::vector<int32_t> v(100);
  for (int i = 0; i < 100; ++i) v[i] = i;
  std::vector<Tensor> out;
  auto set = [](::tensorflow::NodeDef* d) {
    AddNodeAttr("T", DT_INT32, d);
    AddNodeAttr("seed", int64_t{1}, d);
  };
  ASSERT_TRUE(test::RunOp("RandomShuffle", {test::MakeTensor<int32_t>(TensorShape({50, 2}), v)},
                          set, &out)
                  .ok());
  std::set<int32_t> rows;
  const int32_t* p = out[0].data<int32_t>();
  for (int i = 0; i < 50; ++i) {
    EXPECT_EQ(p[2 * i] + 1, p[2 * i + 1]);
    rows.insert(p[2 * i]);
  }
  EXPECT_EQ(rows.size(), 50u);
}

TEST(RandomKernelTest, MultinomialPicksOnlyFiniteClasses) {
  const float inf = std::numeric_limits<float>::infinity();
  std::vector<Tensor> out;
  auto set = [](::tensorflow::NodeDef* d) {
    AddNodeAttr("T", DT_FLOAT, d);
    AddNodeAttr("seed", int64_t{3}, d);
  };
  ASSERT_TRUE(test::RunOp("Multinomial",
                          {test::MakeTensor<float>(TensorShape({2, 3}), {-inf, 0.f, -inf, 1.f, 1.f, -inf}),
                           Tensor::Scalar<int32_t>(20)},
                          set, &out)
                  .ok());
  ASSERT_EQ(out[0].shape(), TensorShape({2, 20}));
  const int64_t* p = out[0].data<int64_t>();
  for (int j = 0; j < 20; ++j) {
    EXPECT_EQ(p[j], 1);
    EXPECT_TRUE(p[20 + j] == 0 || p[20 + j] == 1);
  }
  Status s = test::RunOp("Multinomial",
                         {test::MakeTensor<float>(TensorShape({2, 0}), {}), Tensor::Scalar<int32_t>(2)},
                         set, &out);
  EXPECT_EQ(s.code(), Code::INVALID_ARGUMENT);
}

}  // namespace
}  // namespace tfc
