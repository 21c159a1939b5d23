"""Compositions in api_aliases.py / nn_impl.py against NumPy (values, shapes, errors)."""
import math

import numpy as np
import pytest

import tensorflow as tf

RNG = np.random.RandomState(42)


@pytest.fixture(autouse=True)
def _fresh_graph():
  tf.reset_default_graph()
  yield


def run(fetches, feed_dict=None):
  with tf.Session() as sess:
    return sess.run(fetches, feed_dict=feed_dict)


def close(a, b, rtol=1e-5, atol=1e-6):
  np.testing.assert_allclose(np.asarray(a), np.asarray(b), rtol=rtol, atol=atol)


X = RNG.randn(3, 4).astype(np.float32)
X64 = RNG.randn(2, 3, 5)


# ---- tf.math -----------------------------------------------------------------------------

def test_log_sigmoid_is_stable_and_exported_twice():
  x = np.array([-100., -1., 0., 2., 100.], np.float32)
  close(run(tf.math.log_sigmoid(x)), -np.logaddexp(0, -x))
  assert tf.log_sigmoid is tf.math.log_sigmoid


def test_scalar_mul():
  close(run(tf.scalar_mul(3., tf.constant(X))), 3 * X)
  with pytest.raises(ValueError, match="Only scalar multiply works"):
    tf.math.scalar_mul([1., 2.], tf.constant(X[0, :2]))


@pytest.mark.parametrize("axis,keepdims", [(None, False), (0, False), (1, True), ([0, 1], True)])
def test_reduce_variance_std_euclidean_norm(axis, keepdims):
  np_axis = tuple(axis) if isinstance(axis, list) else axis
  v, s, n = run([tf.math.reduce_variance(X64, axis=axis, keepdims=keepdims),
                 tf.math.reduce_std(X64, axis=axis, keepdims=keepdims),
                 tf.math.reduce_euclidean_norm(X64, axis=axis, keepdims=keepdims)])
  close(v, np.var(X64, axis=np_axis, keepdims=keepdims))
  close(s, np.std(X64, axis=np_axis, keepdims=keepdims))
  close(n, np.sqrt(np.sum(X64 ** 2, axis=np_axis, keepdims=keepdims)))


def test_reduce_variance_complex_is_real():
  z = (RNG.randn(4) + 1j * RNG.randn(4)).astype(np.complex64)
  out = run(tf.math.reduce_variance(z))
  assert out.dtype == np.float32
  close(out, np.var(z), rtol=1e-5)


def test_multiply_no_nan_and_reciprocal_no_nan():
  x = np.array([np.inf, np.nan, 2., 3.], np.float32)
  y = np.array([0., 0., 4., 0.5], np.float32)
  close(run(tf.math.multiply_no_nan(x, y)), [0., 0., 8., 1.5])
  close(run(tf.math.reciprocal_no_nan(np.array([0., 2., -4.], np.float32))), [0., .5, -.25])


def test_xdivy_xlogy_broadcast():
  x = np.array([[0.], [2.]], np.float64)
  y = np.array([0., 1., 4.], np.float64)
  with np.errstate(divide="ignore", invalid="ignore"):
    want_div = np.where(x == 0, 0., x / y)
    want_log = np.where(x == 0, 0., x * np.log(y))
  d, l = run([tf.math.xdivy(x, y), tf.math.xlogy(x, y)])
  close(d, want_div)
  close(l, want_log)
  with pytest.raises(TypeError):
    tf.math.xdivy(np.array([1, 2]), np.array([1, 2]))


def test_polyval():
  x = np.array([0., 1., 2., -3.], np.float32)
  close(run(tf.math.polyval([2., -1., 3.], tf.constant(x))), np.polyval([2., -1., 3.], x))
  close(run(tf.math.polyval([], tf.constant(x))), np.zeros_like(x))


@pytest.mark.parametrize("name", ["math", "nn", "linalg"])
def test_l2_normalize(name):
  fn = getattr(tf, name).l2_normalize
  want = X / np.sqrt(np.maximum(np.sum(X ** 2, axis=1, keepdims=True), 1e-12))
  close(run(fn(X, axis=1)), want)
  close(run(fn(X, dim=1)), want)
  close(run(fn(np.zeros((2, 2), np.float32), 0)), np.zeros((2, 2)))


def test_zero_fraction():
  out = run(tf.nn.zero_fraction(np.array([[0, 1, 0], [3, 0, 0]], np.int32)))
  assert out.dtype == np.float32
  close(out, 4. / 6.)
  assert tf.math.zero_fraction is tf.nn.zero_fraction


def test_accumulate_n():
  a, b = X, 2 * X
  close(run(tf.accumulate_n([a, b, a])), 4 * X)
  t = tf.constant(X)
  assert tf.math.accumulate_n([t]) is t
  with pytest.raises(ValueError):
    tf.accumulate_n([])
  with pytest.raises(ValueError):
    tf.accumulate_n([tf.constant([1., 2.]), tf.constant([1, 2])])
  with pytest.raises(TypeError):
    tf.accumulate_n([tf.constant([1., 2.])] * 2, tensor_dtype=tf.float64)


def test_is_non_decreasing_strictly_increasing():
  cases = [[1, 2, 2, 3], [1, 2, 3], [3, 1], [5], [[1, 2], [3, 4]]]
  outs = run([tf.math.is_non_decreasing(c) for c in cases] +
             [tf.debugging.is_strictly_increasing(c) for c in cases])
  flat = [np.ravel(c) for c in cases]
  assert list(outs[:5]) == [bool(np.all(np.diff(f) >= 0)) for f in flat]
  assert list(outs[5:]) == [bool(np.all(np.diff(f) > 0)) for f in flat]
  with pytest.raises(TypeError):
    tf.is_non_decreasing(tf.constant([True, False]))
  assert tf.debugging.is_numeric_tensor(tf.constant(1.))
  assert not tf.is_numeric_tensor(tf.constant(True))
  assert not tf.is_numeric_tensor(3.)


def test_lbeta():
  x = np.array([[1., 2., 3.], [0.5, 0.5, 2.]], np.float64)
  want = np.sum([[math.lgamma(v) for v in r] for r in x], axis=1) - np.array(
      [math.lgamma(s) for s in x.sum(axis=1)])
  close(run(tf.lbeta(x)), want)


def test_arg_max_floor_div_to_complex():
  a, b, fd, c = run([tf.arg_max(X, 1), tf.arg_min(X, 0), tf.floor_div(np.int32(-7), 2),
                     tf.to_complex64(X)])
  np.testing.assert_array_equal(a, np.argmax(X, 1))
  assert a.dtype == np.int64
  np.testing.assert_array_equal(b, np.argmin(X, 0))
  assert fd == -4
  assert c.dtype == np.complex64
  close(c.real, X)


# ---- tf.linalg ---------------------------------------------------------------------------

def test_adjoint_trace_matvec():
  z = (RNG.randn(2, 3, 4) + 1j * RNG.randn(2, 3, 4)).astype(np.complex64)
  close(run(tf.linalg.adjoint(z)), np.conj(np.swapaxes(z, -1, -2)))
  close(run(tf.trace(X64)), np.trace(X64, axis1=-2, axis2=-1))
  assert tf.linalg.trace is tf.trace
  v = RNG.randn(4).astype(np.float32)
  close(run(tf.linalg.matvec(X, v)), X @ v, rtol=1e-5)
  close(run(tf.linalg.matvec(X, v[:3], transpose_a=True)), X.T @ v[:3], rtol=1e-5)


@pytest.mark.parametrize("axes", [1, 0, 2, [[1], [0]], [[0, 2], [2, 0]], ([2], [1])])
def test_tensordot(axes):
  a = RNG.randn(3, 4, 5)
  b = RNG.randn(5, 4, 3) if axes != 1 and axes != ([2], [1]) else RNG.randn(5, 4)
  if axes == 2:
    a, b = RNG.randn(3, 4, 5), RNG.randn(4, 5, 2)
  if axes == [[1], [0]]:
    b = RNG.randn(4, 2)
  if axes == ([2], [1]):
    b = RNG.randn(2, 5)
  out = run(tf.tensordot(a, b, axes))
  close(out, np.tensordot(a, b, axes), rtol=1e-10, atol=1e-10)


def test_tensordot_errors():
  with pytest.raises(ValueError):
    tf.tensordot(np.ones((2, 2)), np.ones((2, 2)), 3)
  with pytest.raises(ValueError):
    tf.linalg.tensordot(np.ones((2, 2)), np.ones((2, 2)), [[0, 1], [0]])


@pytest.mark.parametrize("ord_,axis", [("euclidean", None), (1, 1), (2, 0), (np.inf, -1),
                                       (3, 1), ("fro", (0, 1)), (1, (0, 1)),
                                       (np.inf, (0, 1)), ("euclidean", (0, 1))])
def test_norm(ord_, axis):
  out = run(tf.norm(X64[0], ord=ord_, axis=axis))
  if axis is None:
    want = np.linalg.norm(X64[0].ravel())
  elif isinstance(axis, tuple):
    want = np.linalg.norm(X64[0], ord="fro" if ord_ == "euclidean" else ord_, axis=axis)
  else:
    want = np.linalg.norm(X64[0], ord=ord_, axis=axis)
  close(out, want, rtol=1e-10)


def test_norm_keepdims_normalize_and_errors():
  n = run(tf.linalg.norm(X, axis=1, keepdims=True))
  assert n.shape == (3, 1)
  normed, nn_ = run(tf.linalg.normalize(X, axis=1))
  close(normed, X / np.linalg.norm(X, axis=1, keepdims=True), rtol=1e-5)
  close(nn_, np.linalg.norm(X, axis=1, keepdims=True), rtol=1e-5)
  with pytest.raises(ValueError):
    tf.norm(X, ord=-1)
  with pytest.raises(NotImplementedError):
    tf.norm(X, ord=2, axis=(0, 1))


# ---- clipping ----------------------------------------------------------------------------

def test_global_norm_and_clip_by_global_norm():
  a, b = RNG.randn(3).astype(np.float32), RNG.randn(2, 2).astype(np.float32)
  gn = np.sqrt(np.sum(a ** 2) + np.sum(b ** 2))
  close(run(tf.global_norm([a, None, b])), gn, rtol=1e-5)
  clipped, norm = run(tf.clip_by_global_norm([a, b], 0.5 * gn))
  close(norm, gn, rtol=1e-5)
  close(clipped[0], a * 0.5, rtol=1e-5)
  close(clipped[1], b * 0.5, rtol=1e-5)
  unclipped, _ = run(tf.clip_by_global_norm([a, b], 2 * gn))
  close(unclipped[0], a, rtol=1e-5)
  lst, _ = tf.clip_by_global_norm([a, None], 1.0)
  assert lst[1] is None
  with pytest.raises(TypeError):
    tf.global_norm(tf.constant(a))


def test_clip_by_norm_and_average_norm():
  t = np.array([[3., 4.], [0., 0.]], np.float32)
  close(run(tf.clip_by_norm(t, 1.0)), t / 5.)
  close(run(tf.clip_by_norm(t, 10.0)), t)
  close(run(tf.clip_by_norm(t, 1.0, axes=[1])), [[0.6, 0.8], [0., 0.]])
  want = t * 1.0 / max(5. / 4., 1.0)
  close(run(tf.clip_by_average_norm(t, 1.0)), want, rtol=1e-5)


# ---- tf.compat / constants ---------------------------------------------------------------

def test_forward_compatible():
  assert tf.compat.forward_compatible(2019, 1, 1)
  assert not tf.compat.forward_compatible(2030, 1, 1)
  with tf.compat.forward_compatibility_horizon(2031, 1, 1):
    assert tf.compat.forward_compatible(2030, 1, 1)
  assert not tf.compat.forward_compatible(2030, 1, 1)


def test_constants():
  assert tf.qint8 in tf.QUANTIZED_DTYPES and tf.float32 not in tf.QUANTIZED_DTYPES
  assert tf.dtypes.QUANTIZED_DTYPES is tf.QUANTIZED_DTYPES
  assert tf.sysconfig.CXX11_ABI_FLAG == tf.CXX11_ABI_FLAG


# ---- tf.nn -------------------------------------------------------------------------------

@pytest.mark.parametrize("keepdims", [False, True])
def test_moments(keepdims):
  m, v = run(tf.nn.moments(tf.constant(X64), axes=[0, 2], keepdims=keepdims))
  close(m, X64.mean(axis=(0, 2), keepdims=keepdims))
  close(v, X64.var(axis=(0, 2), keepdims=keepdims))
  m16, v16 = tf.nn.moments(tf.constant(X.astype(np.float16)), [0], keep_dims=True)
  assert m16.dtype == tf.float16 and m16.shape.as_list() == [1, 4]


def test_weighted_moments():
  w = RNG.rand(3, 1).astype(np.float32)
  m, v = run(tf.nn.weighted_moments(X, [0], w))
  wb = np.broadcast_to(w, X.shape)
  want_m = np.sum(wb * X, 0) / np.sum(wb, 0)
  close(m, want_m, rtol=1e-5)
  close(v, np.sum(wb * (X - want_m) ** 2, 0) / np.sum(wb, 0), rtol=1e-5)


def test_sufficient_statistics_normalize_moments():
  shift = np.float64(0.5)
  c, m_ss, v_ss, s = tf.nn.sufficient_statistics(tf.constant(X64), [0, 1], shift=shift)
  mean, var = tf.nn.normalize_moments(c, m_ss, v_ss, s)
  c_, mean_, var_ = run([c, mean, var])
  assert c_ == 6
  close(mean_, X64.mean(axis=(0, 1)))
  close(var_, X64.var(axis=(0, 1)))
  p = tf.placeholder(tf.float64, [None, 3, 5])
  c2, m2, v2, s2 = tf.nn.sufficient_statistics(p, [0, 1])
  assert s2 is None
  mean2, var2 = tf.nn.normalize_moments(c2, m2, v2, None)
  got = run([c2, mean2, var2], {p: X64})
  assert got[0] == 6
  close(got[1], X64.mean(axis=(0, 1)))
  close(got[2], X64.var(axis=(0, 1)))


def test_batch_normalization():
  mean, var = X.mean(0), X.var(0)
  offset, scale = RNG.randn(4).astype(np.float32), RNG.rand(4).astype(np.float32)
  out = run(tf.nn.batch_normalization(X, mean, var, offset, scale, 1e-3))
  close(out, scale * (X - mean) / np.sqrt(var + 1e-3) + offset, rtol=1e-4, atol=1e-5)
  out = run(tf.nn.batch_normalization(X, mean, var, None, None, 1e-3))
  close(out, (X - mean) / np.sqrt(var + 1e-3), rtol=1e-4, atol=1e-5)


def test_l2_loss_xw_plus_b_relu_layer():
  w = RNG.randn(4, 2).astype(np.float32)
  b = RNG.randn(2).astype(np.float32)
  l, xwb, rl = run([tf.nn.l2_loss(X), tf.nn.xw_plus_b(X, w, b), tf.nn.relu_layer(X, w, b)])
  close(l, np.sum(X ** 2) / 2, rtol=1e-5)
  close(xwb, X @ w + b, rtol=1e-5)
  close(rl, np.maximum(X @ w + b, 0), rtol=1e-5)


def test_swish_crelu():
  s, c = run([tf.nn.swish(X), tf.nn.crelu(X)])
  close(s, X / (1 + np.exp(-X)), rtol=1e-5)
  close(c, np.maximum(np.concatenate([X, -X], -1), 0))
  assert run(tf.nn.crelu(X, axis=0)).shape == (6, 4)


def test_sigmoid_cross_entropy_with_logits():
  z = RNG.rand(3, 4).astype(np.float32)
  x = X * 30
  want = np.maximum(x, 0) - x * z + np.log1p(np.exp(-np.abs(x)))
  close(run(tf.nn.sigmoid_cross_entropy_with_logits(labels=z, logits=x)), want, rtol=1e-5)
  with pytest.raises(ValueError, match="named arguments"):
    tf.nn.sigmoid_cross_entropy_with_logits(z, x)
  with pytest.raises(ValueError, match="same shape"):
    tf.nn.sigmoid_cross_entropy_with_logits(labels=z[0], logits=x)


def test_weighted_cross_entropy_with_logits():
  z = RNG.rand(3, 4).astype(np.float32)
  q = 2.5
  sig = 1 / (1 + np.exp(-X))
  want = -(q * z * np.log(sig) + (1 - z) * np.log(1 - sig))
  out = run(tf.nn.weighted_cross_entropy_with_logits(labels=z, logits=X, pos_weight=q))
  close(out, want, rtol=1e-4, atol=1e-5)
  out2 = run(tf.nn.weighted_cross_entropy_with_logits(targets=z, logits=X, pos_weight=q))
  close(out2, want, rtol=1e-4, atol=1e-5)


def test_log_poisson_loss():
  t = np.array([0., 0.5, 1., 3., 10.], np.float32)
  li = np.array([0.1, -0.2, 0.3, 1.0, 2.0], np.float32)
  base = np.exp(li) - li * t
  close(run(tf.nn.log_poisson_loss(t, li)), base, rtol=1e-5)
  with np.errstate(divide="ignore", invalid="ignore"):
    st = t * np.log(t) - t + 0.5 * np.log(2 * np.pi * t)
  st = np.where((t >= 0) & (t <= 1), 0., st)
  close(run(tf.nn.log_poisson_loss(t, li, compute_full_loss=True)), base + st, rtol=1e-5)


def test_real_export_wins_over_fallback():
  from tensorflow.python.util import tf_export as te
  def mine():
    pass
  def theirs():
    pass
  te.fallback_export("tfc_fallback_test.f")(mine)
  assert te.api_symbols()["tfc_fallback_test.f"] is mine
  te.tf_export("tfc_fallback_test.f")(theirs)
  assert te.api_symbols()["tfc_fallback_test.f"] is theirs
  del te._EXPORTS["tfc_fallback_test.f"], te._FALLBACKS["tfc_fallback_test.f"]


def test_reexport_keeps_all_names():
  from tensorflow.python.util import tf_export as te
  def f():
    pass
  te.tf_export("tfc_alias_test.a")(f)
  te.tf_export("tfc_alias_test.b", "tfc_alias_test.a")(f)
  assert te.get_v1_names(f) == ["tfc_alias_test.a", "tfc_alias_test.b"]
  del te._EXPORTS["tfc_alias_test.a"], te._EXPORTS["tfc_alias_test.b"]
