// Shape functions of the candidate-sampling ops and SparseToDense, and the random building
// blocks of the samplers (SimplePhilox's exact uniform integers, the weighted picker's tree,
// the alias table) on hand-checkable cases.
#include <gtest/gtest.h>

#include <vector>

#include "core/lib/random/distribution_sampler.h"
#include "core/lib/random/simple_philox.h"
#include "core/lib/random/weighted_picker.h"
#include "tests/cpp/shape_test_util.h"

namespace tfc {
namespace test {
namespace {

TEST(CandidateSamplingShapeTest, Samplers) {
  for (const char* name : {"UniformCandidateSampler", "LogUniformCandidateSampler",
                           "LearnedUnigramCandidateSampler", "FixedUnigramCandidateSampler"}) {
    ShapeInferenceTestOp op(name);
    op.Attr("num_true", int64_t{3});
    op.Attr("num_sampled", int64_t{5});
    op.Attr("unique", true);
    op.Attr("range_max", int64_t{10});
    INFER_OK(op, "?", "[5];[?,3];[5]");
    INFER_OK(op, "[7,3]", "[5];[7,3];[5]");
    INFER_ERROR("Shape must be rank 2 but is rank 1", op, "[3]");
  }
  ShapeInferenceTestOp learned("LearnedUnigramCandidateSampler");
  learned.Attr("num_true", int64_t{1});
  learned.Attr("num_sampled", int64_t{1});
  learned.Attr("unique", false);
  learned.Attr("range_max", int64_t{2147483647});
  INFER_ERROR("range_max must be less than 2147483647", learned, "?");
}

TEST(CandidateSamplingShapeTest, ComputeAccidentalHits) {
  ShapeInferenceTestOp op("ComputeAccidentalHits");
  op.Attr("num_true", int64_t{2});
  INFER_OK(op, "?;?", "[?];[?];[?]");
  INFER_OK(op, "[4,2];[6]", "[?];[?];[?]");
  INFER_ERROR("Dimension must be 2 but is 3", op, "[4,3];[6]");
  INFER_ERROR("Shape must be rank 1 but is rank 2", op, "[4,2];[6,1]");
}

TEST(CandidateSamplingShapeTest, SparseToDense) {
  ShapeInferenceTestOp op("SparseToDense");
  op.Attr("T", DT_FLOAT);
  op.Attr("Tindices", DT_INT32);
  INFER_OK(op, "?;?;?;?", "?");
  op.SetInputTensor(1, AsTensor<int32_t>({3, 4}));
  INFER_OK(op, "?;[2];?;[]", "[3,4]");
}

TEST(SimplePhiloxTest, ExactUniformIntRejectsTheBiasedBand) {
  std::vector<uint32_t> words = {0u, 1u, 5u, 0xFFFFFFFFu};
  size_t next = 0;
  auto draw = [&] { return words[next++]; };
  // n = 3: rem = (2^32 - 1) % 3 + 1 = 1, so 0 is rejected and 1 % 3 = 1 is taken.
  EXPECT_EQ(random::ExactUniformInt<uint32_t>(3u, draw), 1u);
  EXPECT_EQ(next, 2u);
  // A power of two masks the next word: 5 & 3.
  EXPECT_EQ(random::ExactUniformInt<uint32_t>(4u, draw), 1u);
  // n = 0 still consumes a draw.
  EXPECT_EQ(random::ExactUniformInt<uint32_t>(0u, draw), 0u);
  EXPECT_EQ(next, 4u);
}

TEST(SimplePhiloxTest, Rand64TakesTheLowWordFirst) {
  random::PhiloxRandom a(7, 9), b(7, 9);
  random::SimplePhilox s(&a);
  const auto block = b();
  EXPECT_EQ(s.Rand64(), block[0] | (uint64_t{block[1]} << 32));
  EXPECT_EQ(s.Rand32(), block[2]);
}

TEST(WeightedPickerTest, TreeDescentAndUpdates) {
  random::WeightedPicker p(5);  // leaves 1,1,1,1,1,0,0,0
  EXPECT_EQ(p.total_weight(), 5);
  for (int i = 0; i < 5; ++i) EXPECT_EQ(p.PickAt(i), i);
  EXPECT_EQ(p.PickAt(5), -1);
  p.set_weight(2, 4);  // leaves 1,1,4,1,1
  EXPECT_EQ(p.total_weight(), 8);
  EXPECT_EQ(p.PickAt(1), 1);
  EXPECT_EQ(p.PickAt(2), 2);
  EXPECT_EQ(p.PickAt(5), 2);
  EXPECT_EQ(p.PickAt(6), 3);
  EXPECT_EQ(p.PickAt(7), 4);
}

TEST(DistributionSamplerTest, AliasTableKeepsProbabilities) {
  // Weights 1,3 over n=2: buckets p = 0.5, 1.5; bucket 0 keeps 0.5 and aliases to 1.
  random::DistributionSampler d({1.0f, 3.0f});
  EXPECT_EQ(d.num(), 2);
  EXPECT_EQ(d.NumReachable(), 2);
  random::DistributionSampler zero({0.0f, 2.0f, 0.0f});
  EXPECT_EQ(zero.NumReachable(), 1);
  random::PhiloxRandom gen(1, 2);
  random::SimplePhilox rnd(&gen);
  int counts[2] = {0, 0};
  for (int i = 0; i < 4000; ++i) ++counts[d.Sample(&rnd)];
  EXPECT_NEAR(counts[1] / 4000.0, 0.75, 0.03);
}

}  // namespace
}  // namespace test
}  // namespace tfc
