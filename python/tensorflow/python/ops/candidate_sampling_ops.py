"""Candidate samplers (TF 1.15 python/ops/candidate_sampling_ops.py): thin wrappers over the
*CandidateSampler ops that turn an op seed into the (seed, seed2) attrs, plus
compute_accidental_hits. The samplers have no gradient, as in TF."""

from tensorflow.python.framework import ops
from tensorflow.python.framework import random_seed
from tensorflow.python.ops import gen_candidate_sampling_ops
from tensorflow.python.util.tf_export import tf_export


@tf_export("random.uniform_candidate_sampler", "nn.uniform_candidate_sampler")
def uniform_candidate_sampler(true_classes, num_true, num_sampled, unique, range_max, seed=None,
                              name=None):
  """Samples num_sampled classes uniformly from [0, range_max) (without repeats if unique);
  returns (sampled_candidates, true_expected_count, sampled_expected_count)."""
  seed1, seed2 = random_seed.get_seed(seed)
  return gen_candidate_sampling_ops.uniform_candidate_sampler(
      true_classes, num_true, num_sampled, unique, range_max, seed=seed1, seed2=seed2,
      name=name)


@tf_export("random.log_uniform_candidate_sampler", "nn.log_uniform_candidate_sampler")
def log_uniform_candidate_sampler(true_classes, num_true, num_sampled, unique, range_max,
                                  seed=None, name=None):
  """Samples classes from the log-uniform (Zipfian) distribution
  P(k) = log((k + 2) / (k + 1)) / log(range_max + 1)."""
  seed1, seed2 = random_seed.get_seed(seed)
  return gen_candidate_sampling_ops.log_uniform_candidate_sampler(
      true_classes, num_true, num_sampled, unique, range_max, seed=seed1, seed2=seed2,
      name=name)


@tf_export("random.learned_unigram_candidate_sampler", "nn.learned_unigram_candidate_sampler")
def learned_unigram_candidate_sampler(true_classes, num_true, num_sampled, unique, range_max,
                                      seed=None, name=None):
  """Samples classes from the unigram distribution of the true classes seen so far (every
  class starts with count 1)."""
  seed1, seed2 = random_seed.get_seed(seed)
  return gen_candidate_sampling_ops.learned_unigram_candidate_sampler(
      true_classes, num_true, num_sampled, unique, range_max, seed=seed1, seed2=seed2,
      name=name)


@tf_export("random.fixed_unigram_candidate_sampler", "nn.fixed_unigram_candidate_sampler")
def fixed_unigram_candidate_sampler(true_classes, num_true, num_sampled, unique, range_max,
                                    vocab_file="", distortion=1.0, num_reserved_ids=0,
                                    num_shards=1, shard=0, unigrams=(), seed=None, name=None):
  """Samples classes from a fixed distribution (a unigrams list or a CSV vocab_file whose last
  column is the count), raised to the power `distortion`."""
  seed1, seed2 = random_seed.get_seed(seed)
  return gen_candidate_sampling_ops.fixed_unigram_candidate_sampler(
      true_classes, num_true, num_sampled, unique, range_max, vocab_file=vocab_file,
      distortion=distortion, num_reserved_ids=num_reserved_ids, num_shards=num_shards,
      shard=shard, unigrams=list(unigrams), seed=seed1, seed2=seed2, name=name)


@tf_export("random.all_candidate_sampler", "nn.all_candidate_sampler")
def all_candidate_sampler(true_classes, num_true, num_sampled, unique, seed=None, name=None):
  """Returns every class [0, num_sampled) with expected counts of 1."""
  seed1, seed2 = random_seed.get_seed(seed)
  return gen_candidate_sampling_ops.all_candidate_sampler(
      true_classes, num_true, num_sampled, unique, seed=seed1, seed2=seed2, name=name)


@tf_export("nn.compute_accidental_hits")
def compute_accidental_hits(true_classes, sampled_candidates, num_true, seed=None, name=None):
  """(indices, ids, weights) of the sampled candidates that equal a true class of a row;
  weights are -FLT_MAX, for adding to the sampled logits."""
  seed1, seed2 = random_seed.get_seed(seed)
  return gen_candidate_sampling_ops.compute_accidental_hits(
      true_classes, sampled_candidates, num_true, seed=seed1, seed2=seed2, name=name)


for _op_type in ("UniformCandidateSampler", "LogUniformCandidateSampler",
                 "LearnedUnigramCandidateSampler", "ThreadUnsafeUnigramCandidateSampler",
                 "FixedUnigramCandidateSampler", "AllCandidateSampler",
                 "ComputeAccidentalHits"):
  ops.NotDifferentiable(_op_type)
del _op_type
