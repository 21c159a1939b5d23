"""Shared by the GPU tests: whether a GPU is usable, and running one op on the GPU and the CPU.

Every GPU kernel is checked the same way: the same op built twice in one graph, once under
tf.device('/cpu:0') and once under tf.device('/gpu:0'), fed the same random inputs (never
zeros), run in one session, the results compared with a tolerance for the dtype.
"""
import numpy as np
import pytest
import tensorflow as tf

_gpu = None


def gpu_available():
  global _gpu
  if _gpu is None:
    _gpu = bool(tf.test.is_gpu_available())
  return _gpu


# Module-level marker for the device tests: they need a GPU, and skip where there is none.
requires_gpu = pytest.mark.skipif("not __import__('device_util').gpu_available()",
                                  reason="no usable GPU on this machine")

# Relative tolerances by dtype: float32 elementwise well under 1e-5; TF32 matrix units ~1e-3.
RTOL = {np.float16: 1e-2, tf.bfloat16.as_numpy_dtype: 2e-2, np.float32: 1e-5, np.float64: 1e-12}


def random_array(shape, dtype=np.float32, low=-2.0, high=2.0, seed=None):
  rng = np.random.default_rng(seed)
  if np.issubdtype(np.dtype(dtype), np.integer):
    return rng.integers(int(low), int(high), size=shape).astype(dtype)
  if dtype == np.bool_:
    return rng.random(shape) < 0.5
  a = rng.uniform(low, high, size=shape)
  # Never an exact zero: zeros hide unwritten outputs.
  a[a == 0] = 0.5
  return a.astype(dtype)


def run_on_both(build, inputs, config=None):
  """build(*tensors) -> tensor or list of tensors, built once per device from placeholders fed
  `inputs` (a list of numpy arrays). Returns (cpu_results, gpu_results) as lists of arrays."""
  g = tf.Graph()
  with g.as_default():
    phs = [tf.compat.v1.placeholder(tf.as_dtype(a.dtype), a.shape) for a in inputs]
    outs = {}
    for dev in ("/cpu:0", "/gpu:0"):
      with tf.device(dev):
        r = build(*phs)
      outs[dev] = list(r) if isinstance(r, (list, tuple)) else [r]
    with tf.compat.v1.Session(graph=g, config=config) as sess:
      feed = dict(zip(phs, inputs))
      cpu = sess.run(outs["/cpu:0"], feed)
      gpu = sess.run(outs["/gpu:0"], feed)
  return cpu, gpu


def assert_gpu_matches_cpu(build, inputs, rtol=None, atol=None):
  cpu, gpu = run_on_both(build, inputs)
  for c, d in zip(cpu, gpu):
    c = np.asarray(c)
    d = np.asarray(d)
    assert c.shape == d.shape and c.dtype == d.dtype, (c.shape, d.shape, c.dtype, d.dtype)
    if c.dtype.kind in "fc":
      tol = rtol if rtol is not None else RTOL.get(c.dtype.type, 1e-5)
      finite = np.abs(c.astype(np.float64))[np.isfinite(c)]
      scale = max(float(np.max(finite)), 1e-30) if finite.size else 1.0
      # NaN where the CPU has NaN (assert_allclose's equal_nan), nowhere else.
      np.testing.assert_allclose(d.astype(np.float64), c.astype(np.float64), rtol=tol,
                                 atol=atol if atol is not None else tol * scale)
    else:
      np.testing.assert_array_equal(d, c)
