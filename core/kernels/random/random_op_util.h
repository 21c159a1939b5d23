#pragma once
// Shared pieces of the stateful random kernels: seeding from the seed/seed2 attrs, turning a
// shape input into a TensorShape, and filling an output group by group as TF's CPU path does
// (group g of a fixed-sample distribution uses Philox block base+g; a variable-sample one gets
// a private window of groupsize*256/4 blocks), so any split of the work gives the same values.
#include <algorithm>
#include <cstdint>
#include <vector>

#include "core/framework/op_kernel.h"
#include "core/lib/random/guarded_philox_random.h"
#include "core/lib/random/random_distributions.h"

namespace tfc {
namespace random_util {

inline Status InitGenerator(OpKernelConstruction* c, random::GuardedPhiloxRandom* gen) {
  int64_t seed = 0, seed2 = 0;
  TFC_RETURN_IF_ERROR(c->GetAttr("seed", &seed));
  TFC_RETURN_IF_ERROR(c->GetAttr("seed2", &seed2));
  gen->Init(seed, seed2);
  return OkStatus();
}

// TF's MakeShape: a vector of int32/int64 with non-negative entries.
inline Status ShapeFromTensor(const Tensor& t, TensorShape* out) {
  if (t.dims() != 1 || (t.dtype() != DT_INT32 && t.dtype() != DT_INT64)) {
    return errors::InvalidArgument("shape must be a vector of {int32,int64}, got shape ",
                                   t.shape().DebugString());
  }
  std::vector<int64_t> dims(t.NumElements());
  for (size_t i = 0; i < dims.size(); ++i) {
    dims[i] = t.dtype() == DT_INT32 ? t.data<int32_t>()[i] : t.data<int64_t>()[i];
    if (dims[i] < 0) {
      return errors::InvalidArgument("Dimension ", dims[i], " must be >= 0");
    }
  }
  return TensorShape::Make(dims, out);
}

template <class Dist>
void FillGroups(random::PhiloxRandom base, typename Dist::ResultElementType* data, int64_t size,
                int64_t start_group, int64_t limit_group, const Dist& dist) {
  constexpr int kGroup = Dist::kResultElementCount;
  for (int64_t g = start_group; g < limit_group; ++g) {
    random::PhiloxRandom gen = base;
    std::array<typename Dist::ResultElementType, kGroup> samples;
    if constexpr (Dist::kVariableSamplesPerOutput) {
      gen.Skip(static_cast<uint64_t>(g) * (kGroup * 256 / 4));
      random::SingleSampleAdapter<random::PhiloxRandom> single(&gen);
      samples = dist(&single);
    } else {
      gen.Skip(static_cast<uint64_t>(g));
      samples = dist(&gen);
    }
    const int64_t n = std::min<int64_t>(kGroup, size - g * kGroup);
    std::copy(samples.begin(), samples.begin() + n, data + g * kGroup);
  }
}

template <class Dist>
void FillPhiloxRandom(OpKernelContext* ctx, random::PhiloxRandom gen,
                      typename Dist::ResultElementType* data, int64_t size, const Dist& dist) {
  constexpr int kGroup = Dist::kResultElementCount;
  const int64_t groups = (size + kGroup - 1) / kGroup;
  if (groups == 0) return;
  const int64_t cost = Dist::kVariableSamplesPerOutput ? 1000 : 100;
  if (groups < 1024) {
    FillGroups(gen, data, size, 0, groups, dist);
  } else {
    ctx->ParallelFor(groups, cost, [&](int64_t b, int64_t e) {
      FillGroups(gen, data, size, b, e, dist);
    });
  }
}

}  // namespace random_util
}  // namespace tfc
