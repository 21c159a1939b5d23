"""Helpers shared by the op tests (tests/python has no __init__.py, so pytest puts this folder on
sys.path and `from op_test_util import ...` works from any test module here).

A test module that imports `fresh_graph` gets a new default graph for each of its tests."""
import numpy as np
import pytest

import tensorflow as tf


@pytest.fixture(autouse=True)
def fresh_graph():
  tf.reset_default_graph()
  yield


def run(fetches, feed_dict=None):
  """Runs `fetches` (any structure sess.run takes) in a new session."""
  with tf.Session() as sess:
    return sess.run(fetches, feed_dict=feed_dict)


def run_many(*fetches, feed_dict=None):
  """Runs several fetches in one new session: the value of the only one, else a list."""
  with tf.Session() as sess:
    out = sess.run(list(fetches), feed_dict=feed_dict)
  return out[0] if len(out) == 1 else out


def tolerances(float16, bfloat16, float32, other=(1e-12, 1e-12)):
  """A tol(dtype) -> dict(rtol=, atol=) from (rtol, atol) pairs; complex64 goes with float32,
  every other dtype (float64, complex128, ...) gets `other`."""
  table = {tf.float16: float16, tf.bfloat16: bfloat16, tf.float32: float32,
           tf.complex64: float32}

  def tol(dt):
    rtol, atol = table.get(tf.as_dtype(dt), other)
    return dict(rtol=rtol, atol=atol)

  return tol


def random_values(rng, shape, dt, lo=-3.0, hi=3.0):
  """Uniform values in [lo, hi] of dtype `dt` drawn from `rng` (a np.random.RandomState):
  integers are clipped to the dtype's range, complex values get a random imaginary part."""
  dt = tf.as_dtype(dt)
  if dt.is_bool:
    return np.asarray(rng.rand(*shape) > 0.5)
  if dt.is_integer:
    lo_i = max(int(lo), dt.min)
    return rng.randint(lo_i, int(hi) + 1, size=shape).astype(dt.as_numpy_dtype)
  if dt.is_complex:
    return (rng.uniform(lo, hi, shape) + 1j * rng.uniform(lo, hi, shape)).astype(
        dt.as_numpy_dtype)
  return rng.uniform(lo, hi, shape).astype(dt.as_numpy_dtype)


def sample_values(dtype, shape):
  """Deterministic, distinct-enough values of NumPy `dtype` (object: bytes) in `shape`."""
  n = int(np.prod(shape))
  if dtype == np.bool_:
    return (np.arange(n) % 3 == 0).reshape(shape)
  if dtype == object:
    return np.array([("s%d" % i).encode() for i in range(n)], dtype=object).reshape(shape)
  vals = np.arange(n) % 100
  if np.issubdtype(dtype, np.complexfloating):
    return (vals + 1j * vals).astype(dtype).reshape(shape)
  return vals.astype(dtype).reshape(shape)


def assert_close(got, want, dt, tol, equal_nan=False):
  """Exact for bool and integer results, else within tol(dt), compared in float64/complex128."""
  got = np.asarray(got)
  want = np.asarray(want)
  assert got.shape == want.shape, (got.shape, want.shape)
  dt = tf.as_dtype(dt)
  if got.dtype == np.bool_ or dt.is_integer or dt.is_bool:
    np.testing.assert_array_equal(got, want)
    return
  wide = np.complex128 if np.iscomplexobj(got) or np.iscomplexobj(want) else np.float64
  np.testing.assert_allclose(got.astype(wide), want.astype(wide), **tol(dt), equal_nan=equal_nan)


def np_softmax(x, axis=-1):
  e = np.exp(x - x.max(axis=axis, keepdims=True))
  return e / e.sum(axis=axis, keepdims=True)


def subprocess_env():
  """Environment for a child Python that must import the same `tensorflow` as these tests
  (the installed package, or the source tree a developer put on PYTHONPATH)."""
  import os  # pylint: disable=g-import-not-at-top
  package_parent = os.path.dirname(os.path.dirname(os.path.abspath(tf.__file__)))
  return dict(os.environ, PYTHONPATH=package_parent)
