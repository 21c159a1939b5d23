"""RandomPoissonV2 (tf.random.poisson): values bit-identical to TF's CPU kernel, under op seeds
and a graph seed, for small rates (Knuth) and large ones (transformed rejection), several rate
and output dtypes. Uses cases_random's session pattern and TF 1.15 seeding rule."""
import importlib.util
import os

import numpy as np


def _random_cases():
  path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases_random.py")
  spec = importlib.util.spec_from_file_location("_cases_random_for_poisson", path)
  mod = importlib.util.module_from_spec(spec)
  spec.loader.exec_module(mod)
  return mod


_RATES = [0.0, 0.3, 1.0, 4.5, 9.99, 10.0, 37.5, 1000.0, 123456.7]


def _build(tf, os_):
  lam32 = np.array(_RATES, np.float32)
  return {
      "f32_out": tf.random.poisson(lam32, [3], dtype=tf.float32, seed=os_),
      "f64_out": tf.random_poisson(np.array(_RATES, np.float64), [2, 2], dtype=tf.float64,
                                   seed=os_),
      "i64_out": tf.random_poisson(lam32.reshape(3, 3), [4], dtype=tf.int64, seed=os_),
      "i32_out": tf.random_poisson(np.array([2, 15, 300], np.int32), [5], dtype=tf.int32,
                                   seed=os_),
      "f16_out": tf.random_poisson(np.array([0.5, 12.0, 60.0], np.float16), [3],
                                   dtype=tf.float16, seed=os_),
      "py_rate": tf.random_poisson(3.5, [6], seed=os_),
      "many": tf.random_poisson([0.7, 25.0], [600], dtype=tf.float32, seed=os_),
  }


def poisson(tf):
  rc = _random_cases()
  out = {}
  for seeding, (gs, os_) in sorted(rc.SEEDINGS.items()):
    def build():
      return {seeding + "_" + k: v for k, v in _build(tf, os_).items()}
    out.update(rc._runs(tf, build, gs))
  return out


def graph_structure(tf):
  return {"poisson": tf.random_poisson([1.0, 20.0], [2, 3], dtype=tf.int64, seed=4)}


CASES = {"poisson": poisson, "graph_structure": graph_structure}
FEEDS = {}
