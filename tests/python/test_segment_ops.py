"""Segment reductions, dynamic_stitch, setdiff1d and the special functions against NumPy, and
their bad-input errors."""
import math

import numpy as np
import pytest

import tensorflow as tf
from op_test_util import fresh_graph, run  # noqa: F401  (fixture)


def _np_unsorted(data, ids, n, op, init):
  data = np.asarray(data)
  ids = np.asarray(ids)
  out = np.full((n,) + data.shape[ids.ndim:], init, dtype=data.dtype)
  flat = data.reshape((-1,) + data.shape[ids.ndim:])
  for k, i in enumerate(ids.reshape(-1)):
    if i >= 0:
      out[i] = op(out[i], flat[k])
  return out


@pytest.mark.parametrize("dt", [np.float32, np.float64, np.int32, np.int64, np.float16])
def test_unsorted_segment_ops(dt):
  rng = np.random.RandomState(0)
  data = (rng.uniform(-5, 5, (6, 3)) * 2).astype(dt)
  ids = np.array([3, 0, 3, -1, 1, 0])
  n = 5
  info = np.finfo(dt) if np.issubdtype(dt, np.floating) else np.iinfo(dt)
  s, mx, mn, p = run([tf.math.unsorted_segment_sum(data, ids, n),
                      tf.math.unsorted_segment_max(data, ids, n),
                      tf.unsorted_segment_min(data, ids, n),
                      tf.math.unsorted_segment_prod(data, ids, n)])
  tol = dict(rtol=1e-2) if dt == np.float16 else dict(rtol=1e-6)
  np.testing.assert_allclose(s, _np_unsorted(data, ids, n, np.add, 0), **tol)
  np.testing.assert_allclose(mx, _np_unsorted(data, ids, n, np.maximum, info.min), **tol)
  np.testing.assert_allclose(mn, _np_unsorted(data, ids, n, np.minimum, info.max), **tol)
  np.testing.assert_allclose(p, _np_unsorted(data, ids, n, np.multiply, 1), **tol)
  assert s.dtype == dt


def test_unsorted_segment_multidim_ids_and_int64():
  data = np.arange(24, dtype=np.float64).reshape(2, 3, 4)
  ids = np.array([[0, 2, 0], [1, 1, 2]], dtype=np.int64)
  out = tf.math.unsorted_segment_sum(data, ids, tf.constant(3, tf.int64))
  assert out.shape.as_list() == [3, 4]
  np.testing.assert_allclose(run(out), _np_unsorted(data, ids, 3, np.add, 0))


def test_unsorted_segment_mean_sqrt_n():
  data = np.array([[1., 2.], [3., 4.], [5., 6.]], np.float32)
  ids = [0, 0, 2]
  m, q = run([tf.math.unsorted_segment_mean(data, ids, 3),
              tf.math.unsorted_segment_sqrt_n(data, ids, 3)])
  np.testing.assert_allclose(m, [[2, 3], [0, 0], [5, 6]])
  np.testing.assert_allclose(q, [[4 / math.sqrt(2), 6 / math.sqrt(2)], [0, 0], [5, 6]], rtol=1e-6)


def test_unsorted_segment_bad_ids():
  with pytest.raises(tf.errors.InvalidArgumentError, match=r"segment_ids\[1\] = 5 is out of range \[0, 3\)"):
    run(tf.math.unsorted_segment_sum(tf.constant([1., 2., 3.]), tf.constant([0, 5, 1]), 3))
  with pytest.raises(ValueError):
    tf.math.unsorted_segment_sum([1., 2., 3.], [0, 1], 3)  # ids not a prefix of data


def _np_sorted(data, ids, op, empty):
  n = ids[-1] + 1 if len(ids) else 0
  out = np.full((n,) + data.shape[1:], empty, dtype=data.dtype)
  for s in range(n):
    rows = data[ids == s]
    if len(rows):
      out[s] = op(rows, axis=0)
  return out


@pytest.mark.parametrize("dt", [np.float32, np.float64, np.int32, np.complex64])
def test_sorted_segment_ops(dt):
  rng = np.random.RandomState(1)
  data = rng.uniform(1, 4, (7, 2)).astype(dt)
  ids = np.array([0, 0, 1, 3, 3, 3, 5])
  fns = [(tf.math.segment_sum, np.sum, 0), (tf.segment_prod, np.prod, 1)]
  if dt != np.complex64:
    fns += [(tf.math.segment_max, np.max, 0), (tf.math.segment_min, np.min, 0)]
  outs = run([f(data, ids) for f, _, _ in fns] + [tf.math.segment_mean(data, ids)])
  for (_, npf, empty), got in zip(fns, outs):
    np.testing.assert_allclose(got, _np_sorted(data, ids, npf, empty), rtol=1e-5)
  mean = _np_sorted(data, ids, np.sum, 0)
  counts = np.bincount(ids, minlength=6).reshape(-1, 1)
  if np.issubdtype(dt, np.integer):
    mean = mean // np.maximum(counts, 1)
  else:
    mean = mean / np.maximum(counts, 1)
  np.testing.assert_allclose(outs[-1], mean, rtol=1e-5)


def test_sorted_segment_errors():
  with pytest.raises(tf.errors.InvalidArgumentError, match="segment ids are not increasing"):
    run(tf.math.segment_sum(tf.constant([1., 2., 3.]), tf.constant([0, 2, 1])))
  with pytest.raises(tf.errors.InvalidArgumentError, match=r"Segment id -1 out of range \[0, 2\)"):
    run(tf.math.segment_sum(tf.constant([1., 2., 3.]), tf.constant([-1, 0, 1])))
  with pytest.raises(ValueError):
    tf.math.segment_sum([1., 2., 3.], [0, 1])


def test_dynamic_stitch():
  idx = [tf.constant(6), tf.constant([4, 1]), tf.constant([[5, 2], [0, 3]])]
  data = [tf.constant([61., 62.]), tf.constant([[41., 42.], [11., 12.]]),
          tf.constant([[[51., 52.], [21., 22.]], [[1., 2.], [31., 32.]]])]
  out = tf.dynamic_stitch(idx, data)
  assert out.shape.as_list() == [7, 2]
  np.testing.assert_array_equal(
      run(out), [[1, 2], [11, 12], [21, 22], [31, 32], [41, 42], [51, 52], [61, 62]])
  # A repeated index takes the last value.
  np.testing.assert_array_equal(run(tf.dynamic_stitch([[0, 1], [1]], [[1, 2], [3]])), [1, 3])


def test_setdiff1d():
  x, i = run(tf.setdiff1d([1, 2, 3, 4, 5, 6], [1, 3, 5]))
  np.testing.assert_array_equal(x, [2, 4, 6])
  np.testing.assert_array_equal(i, [1, 3, 5])
  x, i = run(tf.setdiff1d(tf.constant([b"a", b"b"]), tf.constant([b"b"]), index_dtype=tf.int64))
  assert list(x) == [b"a"] and i.dtype == np.int64


def test_special_functions():
  # Reference values: zeta(2, 1) = pi^2/6, zeta(3, 2) = zeta(3) - 1, psi'(1) = pi^2/6,
  # psi''(2) = -2 (zeta(3) - 1), P(2, 3) = 1 - 4 e^-3.
  z3 = 1.2020569031595942
  got = run([tf.math.zeta(tf.constant([2., 3.], tf.float64), tf.constant([1., 2.], tf.float64)),
             tf.math.polygamma(tf.constant([0., 1., 2.], tf.float64),
                               tf.constant([1., 1., 2.], tf.float64)),
             tf.math.igamma(tf.constant([2., 0.5], tf.float64), tf.constant([3., 10.], tf.float64)),
             tf.math.igammac(tf.constant([2.], tf.float64), tf.constant([3.], tf.float64))])
  np.testing.assert_allclose(got[0], [math.pi ** 2 / 6, z3 - 1], rtol=1e-13)
  np.testing.assert_allclose(got[1], [-0.5772156649015329, math.pi ** 2 / 6, -2 * (z3 - 1)],
                             rtol=1e-12)
  np.testing.assert_allclose(got[2], [1 - 4 * math.exp(-3), math.erf(math.sqrt(10.))],
                             rtol=1e-13)
  np.testing.assert_allclose(got[3], [4 * math.exp(-3)], rtol=1e-13)
  nan = run(tf.math.polygamma(tf.constant(1.5), tf.constant(2.)))
  assert np.isnan(nan)
