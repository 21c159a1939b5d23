"""Qr and the orthogonal initializer: TF's CPU Qr runs Eigen's HouseholderQR, which we run too
(compiled for AVX without FMA, as TF's wheels are), so real-typed values are bit-identical;
complex ones are compared within float tolerance (keys starting with "complex").
The seeded cases reuse cases_random's session pattern (two runs, a new session) and its
TF 1.15 seeding rule."""
import importlib.util
import os

import numpy as np


def _random_cases():
  path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases_random.py")
  spec = importlib.util.spec_from_file_location("_cases_random_for_linalg", path)
  mod = importlib.util.module_from_spec(spec)
  spec.loader.exec_module(mod)
  return mod


def _matrix(seed, shape, dtype):
  rs = np.random.RandomState(seed)
  return rs.uniform(-2, 2, size=shape).astype(dtype)


_SHAPES = {"5x3": [5, 3], "3x5": [3, 5], "4x4": [4, 4], "batch2x3x4x2": [2, 3, 4, 2],
           "40x33": [40, 33], "17x70": [17, 70], "1x1": [1, 1]}


def qr_fixed(tf):
  out = {}
  for i, (name, shape) in enumerate(sorted(_SHAPES.items())):
    for dt in ("float32", "float64"):
      a = _matrix(i, shape, dt)
      for full in (False, True):
        q, r = tf.linalg.qr(tf.constant(a), full_matrices=full)
        key = "%s_%s_%s" % (dt, name, "full" if full else "thin")
        out[key + "/q"] = q
        out[key + "/r"] = r
  for dt in ("complex64", "complex128"):
    a = (_matrix(7, [4, 3], "float64") + 1j * _matrix(8, [4, 3], "float64")).astype(dt)
    q, r = tf.qr(tf.constant(a))
    out["complex_%s/q" % dt] = q
    out["complex_%s/r" % dt] = r
  return out


def orthogonal_op_seed(tf):
  rc = _random_cases()
  def build():
    out = {}
    for shape in ([4, 6], [6, 4], [3, 4, 5], [64, 64], [2, 3]):
      for dt in ("float32", "float64"):
        key = "%s_%s" % (dt, "x".join(map(str, shape)))
        out[key] = tf.orthogonal_initializer(seed=5)(shape, dtype=getattr(tf, dt))
    out["gain"] = tf.initializers.orthogonal(gain=2.5, seed=9)([5, 5])
    return out
  return rc._runs(tf, build, None)


def orthogonal_graph_seed(tf):
  rc = _random_cases()
  def build():
    return {"float32_8x3": tf.orthogonal_initializer()([8, 3]),
            "float64_3x8": tf.orthogonal_initializer(dtype=tf.float64)([3, 8])}
  return rc._runs(tf, build, 21)


def orthogonal_variable(tf):
  rc = _random_cases()
  def build():
    v = tf.get_variable("w", [7, 5], initializer=tf.orthogonal_initializer(seed=2))
    return {"w": tf.identity(v.initial_value)}
  return rc._runs(tf, build, None)


CASES = {
    "qr_fixed": qr_fixed,
    "orthogonal_op_seed": orthogonal_op_seed,
    "orthogonal_graph_seed": orthogonal_graph_seed,
    "orthogonal_variable": orthogonal_variable,
}
FEEDS = {}
