"""Candidate samplers, compute_accidental_hits, nce_loss and sampled_softmax_loss against
goldens from real TensorFlow (tests/goldens/cases_samplers.py): sampled ids and expected counts
bit-identical for the same seeds, losses and gradients to float tolerance, the graph the losses
build, plus SparseToDense and TF's errors for bad input."""

import os
import tempfile

import numpy as np
import pytest
import tensorflow as tf

import golden_util
from tensorflow.python.ops import gen_candidate_sampling_ops
from tensorflow.python.ops import gradient_checker

MOD, META, GRAPHS, ARRAYS = golden_util.load("samplers")

_FLOAT_CASES = {"nce_losses", "nce_losses_remove_hits", "sampled_softmax_losses",
                "sampled_softmax_keep_hits", "given_samples", "graph_structure"}


@pytest.fixture(autouse=True)
def _fresh_graph():
  with tf.Graph().as_default() as g:
    yield g


@pytest.mark.parametrize("case", sorted(MOD.CASES))
def test_matches_tensorflow(case):
  g = tf.Graph()
  with g.as_default():
    fetches = MOD.CASES[case](tf)
    with tf.Session(graph=g) as sess:
      values = sess.run(fetches)
  assert sorted(fetches) == sorted(META["cases"][case])
  for key in sorted(fetches):
    want = META["cases"][case][key]
    got_shape = [-1 if d is None else d for d in fetches[key].shape.as_list()]
    assert got_shape == want["shape"], key
    assert fetches[key].dtype.name == want["dtype"], key
    expected = ARRAYS[case + "/" + key]
    if case in _FLOAT_CASES and expected.dtype.kind == "f":
      np.testing.assert_allclose(values[key], expected, rtol=2e-5, atol=2e-5, err_msg=key)
    else:
      np.testing.assert_array_equal(values[key], expected, err_msg=key)


def test_loss_graph_structure_matches_tensorflow():
  g = tf.Graph()
  with g.as_default():
    MOD.CASES["graph_structure"](tf)
  # `+` emits AddV2 in TF 1.15 as in 2.x; explicit math_ops.add differs between them (Add in
  # 1.15), so the two are not told apart here.
  # TF 2.x's ones() names its shape constant ".../Shape/shape_as_tensor" (1.15: ".../Shape").
  add = lambda t: "Add" if t == "AddV2" else t
  nm = lambda n: n.replace("/Shape/shape_as_tensor", "/Shape")
  ours = [(op.name, add(op.type), [t.name.replace(":0", "") for t in op.inputs] +
           ["^" + c.name for c in op.control_inputs]) for op in g.get_operations()]
  theirs = [(nm(n["name"]), add(n["op"]), [nm(i) for i in n["inputs"]])
            for n in GRAPHS["cases"]["graph_structure"]]
  assert ours == theirs


def test_sampler_seeds_follow_get_seed():
  tf.set_random_seed(5)
  r = tf.nn.uniform_candidate_sampler(np.zeros([2, 1], np.int64), 1, 3, False, 7, seed=9)
  assert r[0].op.get_attr("seed") == 5 and r[0].op.get_attr("seed2") == 9
  assert r[0].op.type == "UniformCandidateSampler"


def test_static_shapes_and_namedtuple():
  tc = tf.placeholder(tf.int64, [None, 3])
  r = tf.nn.log_uniform_candidate_sampler(tc, 3, 4, True, 50)
  assert r.sampled_candidates.shape.as_list() == [4]
  assert r.true_expected_count.shape.as_list() == [None, 3]
  assert r.sampled_expected_count.shape.as_list() == [4]
  h = tf.nn.compute_accidental_hits(tc, r.sampled_candidates, num_true=3)
  assert [t.shape.as_list() for t in h] == [[None], [None], [None]]
  assert h[0].dtype == tf.int32 and h[1].dtype == tf.int64 and h[2].dtype == tf.float32


def test_public_aliases():
  assert tf.random.uniform_candidate_sampler is tf.nn.uniform_candidate_sampler
  assert tf.random.log_uniform_candidate_sampler is tf.nn.log_uniform_candidate_sampler
  assert tf.random.learned_unigram_candidate_sampler is tf.nn.learned_unigram_candidate_sampler
  assert tf.random.fixed_unigram_candidate_sampler is tf.nn.fixed_unigram_candidate_sampler
  assert tf.random.all_candidate_sampler is tf.nn.all_candidate_sampler
  assert callable(tf.nn.compute_accidental_hits)
  assert callable(tf.nn.nce_loss) and callable(tf.nn.sampled_softmax_loss)
  assert callable(tf.sparse_to_dense)


def test_unique_samples_are_distinct_and_in_range():
  r = tf.nn.uniform_candidate_sampler(np.array([[1]], np.int64), 1, 30, True, 30, seed=4)
  with tf.Session() as s:
    sampled, true_e, samp_e = s.run(r)
  assert sorted(sampled.tolist()) == list(range(30))
  # Every count is 1 - (1 - 1/30)^tries for the one number of tries the batch took.
  assert len(set(samp_e.tolist())) == 1 and true_e[0, 0] == samp_e[0]
  tries = np.log1p(-samp_e[0]) / np.log1p(-1.0 / 30)
  assert tries >= 30 and abs(tries - round(tries)) < 1e-2


def test_expected_counts_without_rejection_are_p_times_batch():
  r = tf.nn.log_uniform_candidate_sampler(np.array([[0, 5]], np.int64), 2, 6, False, 100,
                                          seed=2)
  with tf.Session() as s:
    sampled, true_e, samp_e = s.run(r)
  p = lambda k: np.log((k + 2.0) / (k + 1.0)) / np.log(101.0)
  np.testing.assert_allclose(true_e, [[p(0) * 6, p(5) * 6]], rtol=1e-6)
  np.testing.assert_allclose(samp_e, p(sampled.astype(np.float64)) * 6, rtol=1e-6)


def test_unseeded_samplers_differ_between_sessions():
  r = tf.nn.uniform_candidate_sampler(np.zeros([1, 1], np.int64), 1, 40, False, 1000)
  with tf.Session() as s:
    a = s.run(r.sampled_candidates)
  with tf.Session() as s:
    b = s.run(r.sampled_candidates)
  assert not np.array_equal(a, b)


def test_samplers_have_no_gradient():
  x = tf.constant([[1.0, 2.0]])
  tc = tf.cast(x, tf.int64)
  r = tf.nn.learned_unigram_candidate_sampler(tc, 2, 2, False, 5, seed=1)
  y = tf.reduce_sum(r.true_expected_count) + tf.reduce_sum(x)
  g, = tf.gradients(y, x)
  with tf.Session() as s:
    np.testing.assert_array_equal(s.run(g), [[1.0, 1.0]])


def test_nce_loss_gradient_matches_finite_differences():
  rng = np.random.RandomState(0)
  w = tf.constant(rng.randn(6, 3).astype(np.float64))
  b = tf.constant(rng.randn(6).astype(np.float64))
  x = tf.constant(rng.randn(2, 3).astype(np.float64))
  sampled = (tf.constant([1, 4, 5], tf.int64), tf.constant([[0.3], [0.6]], tf.float64),
             tf.constant([0.2, 0.4, 0.7], tf.float64))
  loss = tf.nn.nce_loss(w, b, tf.constant([[1], [2]], tf.int64), x, 3, 6, sampled_values=sampled,
                        remove_accidental_hits=True)
  with tf.Session():
    for t, shape in ((x, [2, 3]), (w, [6, 3]), (b, [6])):
      err = gradient_checker.compute_gradient_error(t, shape, loss, [2])
      assert err < 1e-6


def test_sampled_softmax_removes_accidental_hits():
  w = tf.constant(np.eye(4, dtype=np.float32))
  b = tf.zeros([4])
  x = tf.constant([[1.0, 0.0, 0.0, 0.0]])
  sampled = (tf.constant([0, 2], tf.int64), tf.constant([[1.0]]), tf.constant([1.0, 1.0]))
  kept = tf.nn.sampled_softmax_loss(w, b, tf.constant([[0]], tf.int64), x, 2, 4, sampled_values=sampled,
                                    remove_accidental_hits=False)
  removed = tf.nn.sampled_softmax_loss(w, b, tf.constant([[0]], tf.int64), x, 2, 4, sampled_values=sampled)
  with tf.Session() as s:
    k, r = s.run([kept, removed])
  # logits [1 | 1, 0]: the hit at sample 0 is a second copy of the true logit unless removed.
  np.testing.assert_allclose(k, [-np.log(np.e / (2 * np.e + 1))], rtol=1e-6)
  np.testing.assert_allclose(r, [-np.log(np.e / (np.e + 1))], rtol=1e-6)


# ---- SparseToDense -------------------------------------------------------------------------
def test_sparse_to_dense_values_and_gradient():
  vals = tf.constant([5.0, 6.0])
  d = tf.sparse_to_dense([[0, 1], [2, 0]], [3, 2], vals, default_value=-1.0)
  s1 = tf.sparse_to_dense([1, 3], [5], 7)
  g = tf.gradients(tf.reduce_sum(d * [[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]), vals)[0]
  with tf.Session() as s:
    dv, sv, gv = s.run([d, s1, g])
  np.testing.assert_array_equal(dv, [[-1, 5], [-1, -1], [6, -1]])
  np.testing.assert_array_equal(sv, [0, 7, 0, 7, 0])
  np.testing.assert_array_equal(gv, [2.0, 5.0])


@pytest.mark.parametrize("indices,validate,message", [
    ([[2, 0], [0, 1]], True, "is out of order"),
    ([[0, 1], [0, 1]], True, "is repeated"),
    ([[0, 1], [3, 0]], True, "is out of bounds"),
    ([[0, 1], [3, 0]], False, "Indices are not valid (out of bounds)"),
])
def test_sparse_to_dense_bad_indices(indices, validate, message):
  d = tf.sparse_to_dense(tf.constant(indices), [3, 2], [1, 2], validate_indices=validate)
  with tf.Session() as s:
    with pytest.raises(tf.errors.InvalidArgumentError, match=message.replace("(", r"\(")
                       .replace(")", r"\)")):
      s.run(d)


def test_sparse_to_dense_shape_errors():
  p = tf.placeholder(tf.int32)
  d = tf.sparse_to_dense(p, [3, 2], [1, 2])
  with tf.Session() as s:
    with pytest.raises(tf.errors.InvalidArgumentError, match="output_shape has incorrect"):
      s.run(d, {p: [0, 1]})
    with pytest.raises(tf.errors.InvalidArgumentError, match="sparse_values has incorrect"):
      s.run(d, {p: [[0, 1]]})


# ---- bad input -----------------------------------------------------------------------------
def _run(t, feed=None):
  with tf.Session() as s:
    return s.run(t, feed)


def test_range_max_must_be_positive():
  with pytest.raises(ValueError):
    tf.nn.uniform_candidate_sampler(np.zeros([1, 1], np.int64), 1, 1, False, 0)
  with pytest.raises(ValueError):
    tf.nn.log_uniform_candidate_sampler(np.zeros([1, 1], np.int64), 1, 0, False, 5)


def test_unique_needs_enough_range():
  r = tf.nn.uniform_candidate_sampler(np.zeros([1, 1], np.int64), 1, 6, True, 5)
  with pytest.raises(tf.errors.InvalidArgumentError, match="Sampler's range is too small."):
    _run(r)


def test_unique_over_zero_weight_ids_does_not_hang():
  # Two reserved ids of weight 0 leave only 3 reachable ids; TF would spin until a CHECK.
  r = tf.nn.fixed_unigram_candidate_sampler(np.zeros([1, 1], np.int64), 1, 4, True, 5,
                                            num_reserved_ids=2, unigrams=[1.0, 2.0, 3.0])
  with pytest.raises(tf.errors.InvalidArgumentError, match="range is too small"):
    _run(r)


def test_true_classes_shape_errors():
  with pytest.raises(ValueError, match="must be rank 2"):
    tf.nn.uniform_candidate_sampler(np.zeros([3], np.int64), 1, 2, False, 5)
  p = tf.placeholder(tf.int64)
  r = tf.nn.uniform_candidate_sampler(p, 2, 2, False, 5)
  with pytest.raises(tf.errors.InvalidArgumentError, match="true_classes must be a matrix"):
    _run(r, {p: [1, 2]})
  with pytest.raises(tf.errors.InvalidArgumentError, match="num_true columns"):
    _run(r, {p: [[1, 2, 3]]})


def test_learned_unigram_rejects_out_of_range_true_classes():
  r = tf.nn.learned_unigram_candidate_sampler(np.array([[7]], np.int64), 1, 2, False, 5)
  with pytest.raises(tf.errors.InvalidArgumentError, match="out of range"):
    _run(r)
  with pytest.raises(ValueError, match="less than 2147483647"):
    tf.nn.learned_unigram_candidate_sampler(np.array([[1]], np.int64), 1, 2, False, 2**31 - 1)


def test_fixed_unigram_argument_errors():
  tc = np.zeros([1, 1], np.int64)
  cases = [
      (dict(), "Must provide either vocab_file or unigrams."),
      (dict(unigrams=[1.0, 2.0], vocab_file="/tmp/x.csv"),
       "Must only provide one of vocab_file and unigrams."),
      (dict(unigrams=[1.0, 2.0, 3.0]), "must be equal to weights size"),
  ]
  for kw, msg in cases:
    with tf.Graph().as_default():
      r = tf.nn.fixed_unigram_candidate_sampler(tc, 1, 1, False, 2, **kw)
      with pytest.raises(tf.errors.InvalidArgumentError, match=msg):
        _run(r)


def test_fixed_unigram_vocab_file_errors():
  tc = np.zeros([1, 1], np.int64)
  r = tf.nn.fixed_unigram_candidate_sampler(tc, 1, 1, False, 2,
                                            vocab_file="/nonexistent/vocab.csv")
  with pytest.raises(tf.errors.NotFoundError):
    _run(r)
  path = os.path.join(tempfile.mkdtemp(), "bad.csv")
  with open(path, "w") as f:
    f.write("a,1\nb,oops\n")
  with tf.Graph().as_default():
    r = tf.nn.fixed_unigram_candidate_sampler(tc, 1, 1, False, 2, vocab_file=path)
    with pytest.raises(tf.errors.InvalidArgumentError, match="Wrong vocabulary format at line: b,oops"):
      _run(r)


def test_compute_accidental_hits_errors():
  with pytest.raises(ValueError):
    tf.nn.compute_accidental_hits(np.zeros([2, 2], np.int64), np.zeros([3], np.int64), 3)
  p, q = tf.placeholder(tf.int64), tf.placeholder(tf.int64)
  h = tf.nn.compute_accidental_hits(p, q, num_true=2)
  with pytest.raises(tf.errors.InvalidArgumentError, match="batch_size \\* num_true matrix"):
    _run(h, {p: [[1, 2, 3]], q: [1]})
  with pytest.raises(tf.errors.InvalidArgumentError, match="sampled_candidates must be a vector"):
    _run(h, {p: [[1, 2]], q: [[1]]})


def test_thread_unsafe_sampler_via_gen_wrapper():
  r = gen_candidate_sampling_ops.thread_unsafe_unigram_candidate_sampler(
      np.array([[0]], np.int64), 1, 3, True, 3, seed=1, seed2=2)
  sampled = _run(r.sampled_candidates)
  assert sorted(sampled.tolist()) == [0, 1, 2]
