// Candidate-sampling op interfaces (TF 1.15 core/ops/candidate_sampling_ops.cc): the six
// *CandidateSampler ops and ComputeAccidentalHits.
#include <cstdint>
#include <limits>

#include "core/framework/op_registry.h"
#include "core/framework/shape_inference.h"

namespace tfc {
namespace {

Status CandidateSamplerShapeFn(InferenceContext* c) {
  int64_t num_sampled = 0, num_true = 0;
  TFC_RETURN_IF_ERROR(c->GetAttr("num_sampled", &num_sampled));
  TFC_RETURN_IF_ERROR(c->GetAttr("num_true", &num_true));
  PartialTensorShape true_classes;
  TFC_RETURN_IF_ERROR(c->WithRank(c->input(0), 2, &true_classes));
  c->set_output(0, PartialTensorShape({num_sampled}));
  c->set_output(1, PartialTensorShape({true_classes.dim_size(0), num_true}));
  c->set_output(2, PartialTensorShape({num_sampled}));
  return OkStatus();
}

// The learned unigram samplers keep int32 counts per class.
Status UnigramCandidateSamplerShapeFn(InferenceContext* c) {
  int64_t range_max = 0;
  TFC_RETURN_IF_ERROR(c->GetAttr("range_max", &range_max));
  if (range_max >= std::numeric_limits<int32_t>::max()) {
    return errors::InvalidArgument("range_max must be less than 2147483647 for unigram samplers");
  }
  return CandidateSamplerShapeFn(c);
}

Status ComputeAccidentalHitsShapeFn(InferenceContext* c) {
  int64_t num_true = 0;
  TFC_RETURN_IF_ERROR(c->GetAttr("num_true", &num_true));
  PartialTensorShape true_classes, sampled;
  TFC_RETURN_IF_ERROR(c->WithRank(c->input(0), 2, &true_classes));
  int64_t unused = 0;
  TFC_RETURN_IF_ERROR(c->WithValue(true_classes.dim_size(1), num_true, &unused));
  TFC_RETURN_IF_ERROR(c->WithRank(c->input(1), 1, &sampled));
  for (int i = 0; i < 3; ++i) c->set_output(i, PartialTensorShape({-1}));
  return OkStatus();
}

}  // namespace

#define TFC_SIMPLE_CANDIDATE_SAMPLER(NAME, SHAPE_FN) \
  REGISTER_OP(NAME)                                  \
      .Input("true_classes: int64")                  \
      .Output("sampled_candidates: int64")           \
      .Output("true_expected_count: float")          \
      .Output("sampled_expected_count: float")       \
      .Attr("num_true: int >= 1")                    \
      .Attr("num_sampled: int >= 1")                 \
      .Attr("unique: bool")                          \
      .Attr("range_max: int >= 1")                   \
      .Attr("seed: int = 0")                         \
      .Attr("seed2: int = 0")                        \
      .SetShapeFn(SHAPE_FN)                          \
      .SetIsStateful()

TFC_SIMPLE_CANDIDATE_SAMPLER("UniformCandidateSampler", CandidateSamplerShapeFn);
TFC_SIMPLE_CANDIDATE_SAMPLER("LogUniformCandidateSampler", CandidateSamplerShapeFn);
TFC_SIMPLE_CANDIDATE_SAMPLER("LearnedUnigramCandidateSampler", UnigramCandidateSamplerShapeFn);
TFC_SIMPLE_CANDIDATE_SAMPLER("ThreadUnsafeUnigramCandidateSampler",
                             UnigramCandidateSamplerShapeFn);
#undef TFC_SIMPLE_CANDIDATE_SAMPLER

REGISTER_OP("FixedUnigramCandidateSampler")
    .Input("true_classes: int64")
    .Output("sampled_candidates: int64")
    .Output("true_expected_count: float")
    .Output("sampled_expected_count: float")
    .Attr("num_true: int >= 1")
    .Attr("num_sampled: int >= 1")
    .Attr("unique: bool")
    .Attr("range_max: int >= 1")
    .Attr("vocab_file: string = ''")
    .Attr("distortion: float = 1.0")
    .Attr("num_reserved_ids: int = 0")
    .Attr("num_shards: int >= 1 = 1")
    .Attr("shard: int >= 0 = 0")
    .Attr("unigrams: list(float) = []")
    .Attr("seed: int = 0")
    .Attr("seed2: int = 0")
    .SetShapeFn(CandidateSamplerShapeFn)
    .SetIsStateful();

REGISTER_OP("AllCandidateSampler")
    .Input("true_classes: int64")
    .Output("sampled_candidates: int64")
    .Output("true_expected_count: float")
    .Output("sampled_expected_count: float")
    .Attr("num_true: int >= 1")
    .Attr("num_sampled: int >= 1")
    .Attr("unique: bool")
    .Attr("seed: int = 0")
    .Attr("seed2: int = 0")
    .SetShapeFn(CandidateSamplerShapeFn)
    .SetIsStateful();

REGISTER_OP("ComputeAccidentalHits")
    .Input("true_classes: int64")
    .Input("sampled_candidates: int64")
    .Output("indices: int32")
    .Output("ids: int64")
    .Output("weights: float")
    .Attr("num_true: int")
    .Attr("seed: int = 0")
    .Attr("seed2: int = 0")
    .SetShapeFn(ComputeAccidentalHitsShapeFn);

}  // namespace tfc
