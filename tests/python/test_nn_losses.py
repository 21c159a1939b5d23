"""Cross-entropy, FusedBatchNorm, LRN, top-k, dropout, l2_normalize, zero_fraction and
embedding_lookup: values and gradients against goldens from real TensorFlow
(tests/goldens/cases_nn_losses.py), the wrappers' graphs, finite-difference gradient checks
and TF's errors for bad input."""

import numpy as np
import pytest
import tensorflow as tf

import golden_util
from tensorflow.python.ops import gen_nn_ops
from tensorflow.python.ops import gradient_checker




MOD, META, GRAPHS, ARRAYS = golden_util.load("nn_losses")


@pytest.fixture(autouse=True)
def _fresh_graph():
  with tf.Graph().as_default() as g:
    yield g
_TOL = {"float16": dict(rtol=2e-3, atol=2e-3), "float32": dict(rtol=2e-5, atol=2e-5),
        "float64": dict(rtol=1e-10, atol=1e-10)}


@pytest.mark.parametrize("case", sorted(c for c in MOD.CASES))
def test_matches_tensorflow(case):
  g = tf.Graph()
  with g.as_default():
    fetches = MOD.CASES[case](tf)
    with tf.Session(graph=g) as sess:
      values = sess.run(fetches)
  assert sorted(fetches) == sorted(META["cases"][case])
  for key in sorted(fetches):
    want_meta = META["cases"][case][key]
    got_shape = [-1 if d is None else d for d in fetches[key].shape.as_list()]
    if key.startswith(("emb_div_grad", "emb_mod_grad")):
      # Gather's gradient over dynamically sized ids loses the row width in our Reshape/
      # ConcatV2 partial-shape inference (TF keeps it): compare what is known.
      assert all(g in (-1, w) for g, w in zip(got_shape, want_meta["shape"])), key
    else:
      assert got_shape == want_meta["shape"], (key, got_shape)
    assert fetches[key].dtype.name == want_meta["dtype"], key
    want = ARRAYS[case + "/" + key]
    got = np.asarray(values[key])
    assert got.shape == want.shape, key
    if want.dtype.kind in "fc":
      tol = _TOL[want_meta["dtype"]]
      if case == "batch_norm" and want_meta["dtype"] == "float32":
        tol = dict(rtol=1e-4, atol=1e-4)  # TF sums in float, we in double
      np.testing.assert_allclose(got.astype(want.dtype), want, err_msg=key, **tol)
    else:
      np.testing.assert_array_equal(got, want, err_msg=key)


def _structure(case, prefix):
  return [(n["name"], n["op"], [i for i in n["inputs"]])
          for n in GRAPHS["cases"][case] if n["name"].startswith(prefix)]


def test_xent_and_fused_batch_norm_graphs_are_tfs():
  g = tf.Graph()
  with g.as_default():
    MOD.graph_structure(tf)
  ours = [(op.name, op.type, [t.name[:-2] if t.name.endswith(":0") else t.name
                              for t in op.inputs])
          for op in g.get_operations()]
  theirs = [(n["name"], n["op"], n["inputs"]) for n in GRAPHS["cases"]["graph_structure"]]
  assert ours == theirs
  fbn = g.get_operation_by_name("FusedBatchNormV3")
  want_attrs = [n for n in GRAPHS["cases"]["graph_structure"] if n["name"] == "FusedBatchNormV3"]
  assert sorted(fbn.node_def.attr) == sorted(
      a for a in want_attrs[0]["attrs"] if a != "exponential_avg_factor")
  assert fbn.get_attr("epsilon") == pytest.approx(0.001)


def test_dropout_builds_tf115_ops_in_order():
  x = tf.placeholder(tf.float32, [3, 4])
  y = tf.nn.dropout(x, keep_prob=0.5, seed=3)
  ops_ = [(op.name, op.type) for op in tf.get_default_graph().get_operations()][1:]
  assert ops_ == [
      ("dropout/rate", "Const"), ("dropout/Shape", "Const"),
      ("dropout/random_uniform/min", "Const"), ("dropout/random_uniform/max", "Const"),
      ("dropout/random_uniform/RandomUniform", "RandomUniform"),
      ("dropout/random_uniform/sub", "Sub"), ("dropout/random_uniform/mul", "Mul"),
      ("dropout/random_uniform", "Add"), ("dropout/sub/x", "Const"), ("dropout/sub", "Sub"),
      ("dropout/truediv/x", "Const"), ("dropout/truediv", "RealDiv"),
      ("dropout/GreaterEqual", "GreaterEqual"), ("dropout/mul", "Mul"),
      ("dropout/Cast", "Cast"), ("dropout/mul_1", "Mul")]
  assert y.shape.as_list() == [3, 4]


def test_dropout_graph_seed_only_is_deterministic_and_scaled():
  tf.set_random_seed(5)
  x = tf.ones([50, 40])
  y = tf.nn.dropout(x, rate=0.25)
  with tf.Session() as sess:
    a = sess.run(y)
    b = sess.run(y)
  kept = a != 0
  np.testing.assert_allclose(a[kept], 1 / 0.75, rtol=1e-6)
  assert 0.65 < kept.mean() < 0.85
  assert not np.array_equal(a, b)  # a new mask each step


def test_dropout_bad_rate():
  with pytest.raises(ValueError, match=r"rate must be a scalar tensor or a float in the range "
                                        r"\[0, 1\), got 1"):
    tf.nn.dropout(tf.ones([2]), rate=1.0)
  with pytest.raises(ValueError, match="You must provide a rate to dropout"):
    tf.nn.dropout(tf.ones([2]))
  with pytest.raises(ValueError, match="x has to be a floating point tensor"):
    tf.nn.dropout(tf.ones([2], tf.int32), rate=0.5)
  x = tf.ones([2])
  assert tf.nn.dropout(x, rate=0.0) is x


def _check_grad(x_value, fn, delta=1e-6, tol=1e-6):
  with tf.Graph().as_default(), tf.Session():
    x = tf.constant(x_value)
    y = fn(x)
    err = gradient_checker.compute_gradient_error(x, x_value.shape, y, y.shape.as_list(),
                                                  x_init_value=x_value, delta=delta)
  assert err < tol, err


def test_xent_gradients_numeric_float64():
  _check_grad(MOD.LOGITS, lambda x: tf.nn.softmax_cross_entropy_with_logits_v2(
      labels=tf.constant(MOD.LABELS), logits=x))
  _check_grad(MOD.LABELS, lambda y: tf.nn.softmax_cross_entropy_with_logits_v2(
      labels=y, logits=tf.constant(MOD.LOGITS)))
  _check_grad(MOD.LOGITS3, lambda x: tf.nn.sparse_softmax_cross_entropy_with_logits(
      labels=tf.constant(MOD.SPARSE3), logits=x))
  # The second-order path (grad of the grad) through BatchMatMulV2.
  _check_grad(MOD.LOGITS, lambda x: tf.gradients(tf.nn.softmax_cross_entropy_with_logits_v2(
      labels=tf.constant(MOD.LABELS), logits=x), x)[0] * tf.constant(MOD.LABELS))


def test_topk_l2n_gradients_numeric_float64():
  _check_grad(MOD.X4, lambda x: tf.nn.top_k(x, 3).values)
  _check_grad(MOD.X4, lambda x: tf.nn.l2_normalize(x, axis=[1, 3]))


def test_fused_batch_norm_and_lrn_gradients_numeric_float32():
  x_value = MOD.X4.astype(np.float32)
  _check_grad(x_value, lambda x: tf.nn.fused_batch_norm(
      x, tf.constant(MOD.SCALE, tf.float32), tf.constant(MOD.OFFSET, tf.float32))[0] *
              tf.constant(MOD.DY4, tf.float32), delta=1e-2, tol=2e-2)
  _check_grad(x_value.transpose(0, 3, 1, 2).copy(), lambda x: tf.nn.fused_batch_norm(
      x, tf.constant(MOD.SCALE, tf.float32), tf.constant(MOD.OFFSET, tf.float32),
      data_format="NCHW")[0] * tf.constant(MOD.DY4.transpose(0, 3, 1, 2), tf.float32),
              delta=1e-2, tol=2e-2)
  _check_grad(x_value, lambda x: tf.nn.lrn(x, 2, 1.0, 0.5, 0.75), delta=1e-2, tol=2e-2)


def test_fused_batch_norm_variance_is_bessel_corrected():
  x = np.random.RandomState(3).randn(4, 2, 3, 6).astype(np.float32)
  y, m, v = tf.nn.fused_batch_norm(x, np.ones(6, np.float32), np.zeros(6, np.float32),
                                   epsilon=0.0)
  with tf.Session() as sess:
    y, m, v = sess.run([y, m, v])
  flat = x.reshape(-1, 6)
  np.testing.assert_allclose(m, flat.mean(0), rtol=1e-5, atol=1e-6)
  np.testing.assert_allclose(v, flat.var(0, ddof=1), rtol=1e-5)
  # Normalised with the biased variance (and epsilon raised to cuDNN's 1.001e-5).
  np.testing.assert_allclose(y, ((flat - flat.mean(0)) / np.sqrt(flat.var(0) + 1.001e-5))
                             .reshape(x.shape), rtol=1e-4, atol=1e-4)
  with pytest.raises(ValueError, match="must be None if is_training is True"):
    tf.nn.fused_batch_norm(x, np.ones(6, np.float32), np.zeros(6, np.float32),
                           mean=np.zeros(6, np.float32))


def _run(t):
  with tf.Session() as sess:
    return sess.run(t)


def test_sparse_xent_label_out_of_range():
  loss = tf.nn.sparse_softmax_cross_entropy_with_logits(
      labels=tf.constant([0, 7, 1]), logits=tf.ones([3, 5]))
  with pytest.raises(tf.errors.InvalidArgumentError,
                     match=r"Received a label value of 7 which is outside the valid range of "
                           r"\[0, 5\)\.  Label values: 0 7 1"):
    _run(loss)
  neg = tf.nn.sparse_softmax_cross_entropy_with_logits(
      labels=tf.constant([-1], tf.int64), logits=tf.ones([1, 2]))
  with pytest.raises(tf.errors.InvalidArgumentError, match="Received a label value of -1"):
    _run(neg)


def test_xent_bad_shapes():
  with pytest.raises(ValueError, match="Shape mismatch"):
    tf.nn.sparse_softmax_cross_entropy_with_logits(labels=tf.constant([0, 1]),
                                                   logits=tf.ones([3, 5]))
  with pytest.raises(ValueError, match="Rank mismatch"):
    tf.nn.sparse_softmax_cross_entropy_with_logits(labels=tf.constant([[0]]),
                                                   logits=tf.ones([3, 5]))
  with pytest.raises(ValueError, match="Only call `softmax_cross_entropy_with_logits` with "
                                       "named arguments"):
    tf.nn.softmax_cross_entropy_with_logits(tf.ones([2, 2]), tf.ones([2, 2]))
  with pytest.raises(ValueError, match="Shape must be broadcasted with rank 2"):
    gen_nn_ops.softmax_cross_entropy_with_logits(tf.ones([2, 3, 4]), tf.ones([3, 4]))
  a = tf.placeholder(tf.float32)
  b = tf.placeholder(tf.float32)
  l, _ = gen_nn_ops.softmax_cross_entropy_with_logits(a, b)
  with tf.Session() as sess:
    with pytest.raises(tf.errors.InvalidArgumentError,
                       match=r"logits and labels must be broadcastable: logits_size=\[2,3\] "
                             r"labels_size=\[2,4\]"):
      sess.run(l, {a: np.ones((2, 3)), b: np.ones((2, 4))})
    with pytest.raises(tf.errors.InvalidArgumentError,
                       match="logits and labels must be either 2-dimensional, or broadcasted"):
      sess.run(l, {a: np.ones((2, 3, 1)), b: np.ones((2, 3, 1))})
  # Dynamic shapes: the rank-3 path asserts labels' shape at run time.
  lp = tf.placeholder(tf.int32, [None, None])
  sl = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=lp, logits=tf.ones([2, 3, 4]))
  with tf.Session() as sess:
    np.testing.assert_allclose(sess.run(sl, {lp: [[0, 1, 2], [3, 0, 1]]}), np.log(4.0) *
                               np.ones((2, 3)), rtol=1e-6)
    with pytest.raises(tf.errors.InvalidArgumentError, match="Condition x == y"):
      sess.run(sl, {lp: [[0, 1], [3, 0]]})


def test_second_derivative_of_sparse_xent_is_prevented():
  logits = tf.constant(MOD.LOGITS)
  loss = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=MOD.SPARSE, logits=logits)
  g = tf.gradients(loss, logits)[0]
  with pytest.raises(LookupError, match="Currently there is no way to take the second "
                                        "derivative of sparse_softmax_cross_entropy"):
    tf.gradients(g, logits)


def test_batch_norm_lrn_topk_bad_input():
  x = tf.placeholder(tf.float32)
  s = tf.placeholder(tf.float32)
  y = gen_nn_ops.fused_batch_norm_v3(x, s, s, [], [])[0]
  with tf.Session() as sess:
    with pytest.raises(tf.errors.InvalidArgumentError, match="input must be 4-dimensional"):
      sess.run(y, {x: np.ones((2, 3)), s: np.ones(3)})
    with pytest.raises(tf.errors.InvalidArgumentError,
                       match="scale must have the same number of elements"):
      sess.run(y, {x: np.ones((1, 2, 2, 3)), s: np.ones(4)})
  with pytest.raises(ValueError, match="Shape must be rank 4 but is rank 3"):
    tf.nn.lrn(tf.ones([2, 3, 4]))
  with pytest.raises(ValueError, match="input must have last dimension >= k = 5 but is 4"):
    tf.nn.top_k(tf.ones([3, 4]), 5)
  k = tf.placeholder(tf.int32)
  v = tf.nn.top_k(tf.ones([3, 4]), k).values
  with tf.Session() as sess:
    with pytest.raises(tf.errors.InvalidArgumentError,
                       match="input must have at least k columns. Had 4, needed 6"):
      sess.run(v, {k: 6})
    with pytest.raises(tf.errors.InvalidArgumentError, match="Need k >= 0, got -1"):
      sess.run(v, {k: -1})
  p = tf.placeholder(tf.float32)
  r = tf.nn.in_top_k(p, tf.constant([1, 2]), 1)
  with tf.Session() as sess:
    with pytest.raises(tf.errors.InvalidArgumentError,
                       match="First dimension of predictions 3 must match length of targets 2"):
      sess.run(r, {p: np.ones((3, 4))})
    # Out-of-range targets and non-finite predictions are simply "not in top k".
    np.testing.assert_array_equal(
        sess.run(r, {p: [[0.0, 1.0, 0.5], [np.nan, 0.0, 1.0]]}), [True, False])


def test_topk_nan_and_ties():
  v, i = tf.nn.top_k([[1.0, np.nan, 2.0, 2.0, np.nan]], k=4)
  v, i = _run([v, i])
  np.testing.assert_array_equal(i, [[1, 4, 2, 3]])
  assert np.isnan(v[0, :2]).all() and (v[0, 2:] == 2.0).all()
  assert _run(tf.nn.top_k(tf.ones([2, 0]), 0).indices).shape == (2, 0)


def test_embedding_lookup_partitioned_variable_and_errors():
  with tf.variable_scope("emb_test"):
    v = tf.get_variable("w", initializer=tf.random_normal_initializer(seed=1), shape=[10, 3],
                        dtype=tf.float64, partitioner=tf.fixed_size_partitioner(3))
  ids = tf.constant([9, 0, 4, 4, 7])
  e = tf.nn.embedding_lookup(v, ids, partition_strategy="div")
  with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    emb, got = sess.run([tf.concat(list(v), 0), e])
    np.testing.assert_array_equal(got, emb[[9, 0, 4, 4, 7]])
  with pytest.raises(ValueError, match="Unrecognized partition strategy: foo"):
    tf.nn.embedding_lookup([tf.ones([2, 2]), tf.ones([2, 2])], [0], partition_strategy="foo")
  with pytest.raises(ValueError, match="Need at least one param"):
    tf.nn.embedding_lookup([], [0])
  from tensorflow.python.ops import gen_data_flow_ops
  parts = gen_data_flow_ops.dynamic_partition(tf.constant([1, 2, 3]), tf.constant([0, 2, 0]), 2)
  assert [p.shape.as_list() for p in parts] == [[None], [None]]
  rows = gen_data_flow_ops.dynamic_partition(tf.ones([4, 3]), tf.constant([1, 0, 1, 1]), 2)
  assert rows[1].shape.as_list() == [None, 3]
  with tf.Session() as sess:
    np.testing.assert_array_equal([r.shape for r in sess.run(rows)], [(1, 3), (3, 3)])
  with tf.Session() as sess:
    with pytest.raises(tf.errors.InvalidArgumentError, match=r"partitions\[1\] = 2 is not in "
                                                             r"\[0, 2\)"):
      sess.run(parts)


def test_zero_fraction_and_l2_normalize_values():
  x = np.array([[0.0, 3.0, 0.0, 4.0]], np.float32)
  with tf.Session() as sess:
    zf, l2 = sess.run([tf.nn.zero_fraction(x), tf.nn.l2_normalize(x, 1)])
  assert zf == pytest.approx(0.5)
  np.testing.assert_allclose(l2, [[0.0, 0.6, 0.0, 0.8]], rtol=1e-6)
