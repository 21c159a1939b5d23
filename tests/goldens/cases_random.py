"""Random ops and initializers: values that must be bit-identical to TensorFlow's CPU kernels.

Each case builds its random graph in a fresh inner graph, runs it twice in one session and once
in a new session, and returns the results as constants (half/bfloat16 as their uint16 bits).
Real TF 2.x picks a graph-seeded op's missing op seed from a per-graph counter; TF 1.15 (our
spec) takes the graph's last op id. tools/make_goldens.py restores the 1.15 rule under real TF
(use_tf115_op_seeds), so the goldens are TF 1.15's numbers.
"""

import numpy as np


def _bits(v):
  v = np.asarray(v)
  if v.dtype.itemsize == 2 and v.dtype.kind not in "iu":
    return v.view(np.uint16)
  return v


SEEDINGS = {"graph": (7, None), "op": (None, 11), "both": (3, 5)}


def _runs(tf, build, graph_seed):
  """{key/run1, key/run2, key/new_session} of build's tensors, as constants."""
  g = tf.Graph()
  with g.as_default():
    if graph_seed is not None:
      tf.set_random_seed(graph_seed)
    fetches = build()
    with tf.Session(graph=g) as sess:
      first = sess.run(fetches)
      second = sess.run(fetches)
    with tf.Session(graph=g) as sess:
      third = sess.run(fetches)
  out = {}
  for k in sorted(fetches):
    out[k + "/run1"] = tf.constant(_bits(first[k]))
    out[k + "/run2"] = tf.constant(_bits(second[k]))
    out[k + "/new_session"] = tf.constant(_bits(third[k]))
  return out


FLOATS = ("float32", "float64", "float16", "bfloat16")


def _float_case(fn_name, **kw):
  def case(tf):
    out = {}
    for seeding, (gs, os_) in sorted(SEEDINGS.items()):
      def build():
        fn = getattr(tf, fn_name)
        r = {}
        for dt in FLOATS:
          for shape in ([5], [2, 3, 3]):
            key = "%s_%s_%s" % (seeding, dt, "x".join(map(str, shape)))
            r[key] = fn(shape, dtype=getattr(tf, dt), seed=os_, **kw)
        return r
      out.update(_runs(tf, build, gs))
    return out
  return case


def uniform_int(tf):
  out = {}
  for seeding, (gs, os_) in sorted(SEEDINGS.items()):
    def build():
      return {
          seeding + "_int32": tf.random_uniform([9], -5, 17, dtype=tf.int32, seed=os_),
          seeding + "_int64": tf.random_uniform([2, 5], -2**40, 2**40 + 3, dtype=tf.int64,
                                                seed=os_),
          seeding + "_int32_wide": tf.random_uniform([6], -2**31, 2**31 - 1, dtype=tf.int32,
                                                     seed=os_),
      }
    out.update(_runs(tf, build, gs))
  return out


def shuffle_and_multinomial(tf):
  out = {}
  logits = np.array([[0.1, 2.0, -1.0, 0.5], [3.0, 3.0, -np.inf, 0.0]], np.float32)
  for seeding, (gs, os_) in sorted(SEEDINGS.items()):
    def build():
      return {
          seeding + "_shuffle1d": tf.random_shuffle(np.arange(10, dtype=np.int32), seed=os_),
          seeding + "_shuffle2d": tf.random_shuffle(
              np.arange(18, dtype=np.float32).reshape(6, 3), seed=os_),
          seeding + "_multinomial": tf.multinomial(logits, 7, seed=os_),
          seeding + "_multinomial64": tf.multinomial(logits.astype(np.float64), 9, seed=os_,
                                                     output_dtype=tf.int32),
          seeding + "_categorical": tf.random.categorical(logits, 5, seed=os_),
      }
    out.update(_runs(tf, build, gs))
  return out


def default_ranges_with_op_seed(tf):
  def build():
    return {"uniform01": tf.random_uniform([6], seed=4),
            "normal": tf.random_normal([6], seed=4),
            "big_truncated": tf.truncated_normal([1030], seed=9),
            "big_uniform": tf.random_uniform([2049], -3.0, 3.0, seed=9)}
  return _runs(tf, build, None)


def gamma_with_op_seed(tf):
  # Op seeds only: TF 2.x's random_gamma builds a different broadcast than 1.15's.
  def build():
    return {"gamma32": tf.random_gamma([5], [0.3, 1.0, 2.5, 9.0], seed=3),
            "gamma64": tf.random_gamma([2, 3], 0.7, beta=2.0, dtype=tf.float64, seed=4),
            "gamma16": tf.random_gamma([7], [1.5, 0.2], dtype=tf.float16, seed=5)}
  return _runs(tf, build, None)


def seed_rules(tf):
  """The (seed, seed2) attrs TF puts on random ops."""
  rows = []
  for gs, os_ in ((None, 5), (0, 0), (2**33 + 7, None), (1, 2**31 - 1), (12, 3)):
    g = tf.Graph()
    with g.as_default():
      if gs is not None:
        tf.set_random_seed(gs)
      tf.constant(1.0)
      x = tf.random_normal([2], seed=os_)
      op = x.op.inputs[0].op.inputs[0].op
      rows.append([op.get_attr("seed"), op.get_attr("seed2")])
  return {"seeds": tf.constant(np.array(rows, np.int64))}


def graph_structure(tf):
  """Ops, names and wiring that the public functions build (see the _graphs golden)."""
  return {
      "normal": tf.random_normal([2, 3], mean=1.0, stddev=2.0, seed=1),
      "truncated": tf.truncated_normal([4], stddev=0.5, seed=2),
      "uniform": tf.random_uniform([3], -1.0, 2.0, seed=3),
      "uniform_int": tf.random_uniform([3], 0, 9, dtype=tf.int32, seed=4),
      "shuffle": tf.random_shuffle([1, 2, 3], seed=5),
      "multinomial": tf.multinomial([[0.0, 1.0]], 3, seed=6),
  }


_INITIALIZERS = {
    "zeros": lambda tf: tf.zeros_initializer(),
    "ones": lambda tf: tf.ones_initializer(),
    "constant": lambda tf: tf.constant_initializer(0.25),
    "constant_list": lambda tf: tf.constant_initializer(list(range(12))),
    "random_normal": lambda tf: tf.random_normal_initializer(1.0, 2.0),
    "truncated_normal": lambda tf: tf.truncated_normal_initializer(0.5, 0.3),
    "random_uniform": lambda tf: tf.random_uniform_initializer(-1.0, 3.0),
    "uniform_unit_scaling": lambda tf: tf.uniform_unit_scaling_initializer(1.5),
    "glorot_uniform": lambda tf: tf.glorot_uniform_initializer(),
    "glorot_normal": lambda tf: tf.glorot_normal_initializer(),
    "identity": lambda tf: tf.initializers.identity(2.0),
    "he_normal": lambda tf: tf.initializers.he_normal(),
    "lecun_uniform": lambda tf: tf.initializers.lecun_uniform(),
    "seeded_uniform_default_range": lambda tf: tf.random_uniform_initializer(seed=3),
}
for _mode in ("fan_in", "fan_out", "fan_avg"):
  for _dist in ("normal", "truncated_normal", "untruncated_normal", "uniform"):
    _INITIALIZERS["vs_%s_%s" % (_mode, _dist)] = (
        lambda tf, m=_mode, d=_dist: tf.variance_scaling_initializer(2.0, m, d))


def initializers(tf):
  out = {}
  for name, make in sorted(_INITIALIZERS.items()):
    for dt in ("float32", "float64"):
      shape = [3, 4] if name in ("identity", "constant_list") else [3, 4, 5]
      def build():
        return {"%s_%s" % (name, dt): make(tf)(shape, dtype=getattr(tf, dt))}
      out.update(_runs(tf, build, 17))
  return out


CASES = {
    "uniform_float": _float_case("random_uniform", minval=-2.0, maxval=3.0),
    "normal": _float_case("random_normal", mean=0.5, stddev=2.0),
    "truncated_normal": _float_case("truncated_normal", mean=-1.0, stddev=0.5),
    "uniform_int": uniform_int,
    "shuffle_and_multinomial": shuffle_and_multinomial,
    "default_ranges_with_op_seed": default_ranges_with_op_seed,
    "gamma_with_op_seed": gamma_with_op_seed,
    "seed_rules": seed_rules,
    "graph_structure": graph_structure,
    "initializers": initializers,
}
FEEDS = {}
