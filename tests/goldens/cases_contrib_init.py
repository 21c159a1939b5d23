"""tf.contrib.layers initializers and regularizers against real TensorFlow.

TF 2.x dropped tf.contrib, so under real TF these cases rebuild what TF 1.15's
tensorflow/contrib/layers/python/layers/{initializers,regularizers}.py creates, with core ops and
contrib's formulas: variance_scaling_initializer(factor, mode, uniform) takes the fans from the
shape it is called with (last two dims in/out, earlier dims multiply both; fan 1 for a scalar),
n = fan_in | fan_out | (fan_in + fan_out) / 2, then tf.random_uniform(shape, -l, l, dtype, seed)
with l = sqrt(3 * factor / n), or tf.truncated_normal(shape, 0.0, sqrt(1.3 * factor / n), dtype,
seed); xavier_initializer is factor 1, FAN_AVG. The regularizers are a multiply by a `scale`
constant named after their name scope, L1 over reduce_sum(abs(w)), L2 over l2_loss, sums as
add_n. Under tfclassic the same cases call tf.contrib.layers, so the goldens check that our
contrib functions create the same ops (GraphDef) and the same values (bit-identical randoms).
Seeding follows TF 1.15 under real TF too (tools/make_goldens.py).
"""
import math
import sys

import numpy as np


def _tfclassic():
  return "tfclassic" in sys.modules


# ---- contrib, or its TF 1.15 formulas on core ops under real TF -----------------------------

def _ref_variance_scaling(tf, factor=2.0, mode="FAN_IN", uniform=False, seed=None,
                          dtype=None):
  dtype = dtype or tf.float32

  def init(shape, dtype=dtype, partition_info=None):
    del partition_info  # contrib ignores it: fans come from the slice's own shape
    if shape:
      fan_in = float(shape[-2]) if len(shape) > 1 else float(shape[-1])
      fan_out = float(shape[-1])
    else:
      fan_in = fan_out = 1.0
    for dim in shape[:-2]:
      fan_in *= float(dim)
      fan_out *= float(dim)
    n = {"FAN_IN": fan_in, "FAN_OUT": fan_out, "FAN_AVG": (fan_in + fan_out) / 2.0}[mode]
    if uniform:
      limit = math.sqrt(3.0 * factor / n)
      return tf.random_uniform(shape, -limit, limit, dtype, seed=seed)
    return tf.truncated_normal(shape, 0.0, math.sqrt(1.3 * factor / n), dtype, seed=seed)

  return init


def _vs(tf, **kwargs):
  if _tfclassic():
    return tf.contrib.layers.variance_scaling_initializer(**kwargs)
  return _ref_variance_scaling(tf, **kwargs)


def _xavier(tf, uniform=True, seed=None, dtype=None, conv2d=False):
  dtype = dtype or tf.float32
  if _tfclassic():
    fn = (tf.contrib.layers.xavier_initializer_conv2d if conv2d else
          tf.contrib.layers.xavier_initializer)
    return fn(uniform=uniform, seed=seed, dtype=dtype)
  return _ref_variance_scaling(tf, factor=1.0, mode="FAN_AVG", uniform=uniform, seed=seed,
                               dtype=dtype)


def _scaled(tf, scope, default, w, value_fn, scale):
  with tf.name_scope(scope, default, [w]) as name:
    my_scale = tf.convert_to_tensor(scale, dtype=w.dtype.base_dtype, name="scale")
    return tf.multiply(my_scale, value_fn(w), name=name)


def _l1(tf, scale, scope=None):
  if _tfclassic():
    return tf.contrib.layers.l1_regularizer(scale, scope)
  return lambda w: _scaled(tf, scope, "l1_regularizer", w,
                           lambda x: tf.reduce_sum(tf.abs(x)), scale)


def _l2(tf, scale, scope=None):
  if _tfclassic():
    return tf.contrib.layers.l2_regularizer(scale, scope)
  return lambda w: _scaled(tf, scope, "l2_regularizer", w, tf.nn.l2_loss, scale)


def _sum(tf, regs, scope=None):
  if _tfclassic():
    return tf.contrib.layers.sum_regularizer(regs, scope)
  regs = [r for r in regs if r is not None]

  def sum_reg(w):
    with tf.name_scope(scope, "sum_regularizer", [w]) as name:
      return tf.add_n([r(w) for r in regs], name=name)
  return sum_reg


def _l1_l2(tf, scale_l1, scale_l2, scope=None):
  if _tfclassic():
    return tf.contrib.layers.l1_l2_regularizer(scale_l1, scale_l2, scope)
  scope = scope or "l1_l2_regularizer"
  if scale_l1 == 0.:
    return _l2(tf, scale_l2, scope)
  if scale_l2 == 0.:
    return _l1(tf, scale_l1, scope)
  return _sum(tf, [_l1(tf, scale_l1), _l2(tf, scale_l2)], scope)


def _apply(tf, reg, weights_list=None):
  if _tfclassic():
    return tf.contrib.layers.apply_regularization(reg, weights_list)
  if not weights_list:
    weights_list = tf.get_collection(tf.GraphKeys.WEIGHTS)
  with tf.name_scope("get_regularization_penalty", values=weights_list) as scope:
    penalties = [reg(w) for w in weights_list]
    penalties = [p if p is not None else tf.constant(0.0) for p in penalties]
    summed = tf.add_n(penalties, name=scope)
    tf.add_to_collection(tf.GraphKeys.REGULARIZATION_LOSSES, summed)
    return summed


# ---- cases ----------------------------------------------------------------------------------

def _run_vars(tf, build, graph_seed):
  """Initializes the variables build(tf) makes; returns their values (and any tensors) as
  constants."""
  g = tf.Graph()
  with g.as_default():
    tf.set_random_seed(graph_seed)
    fetches = build(tf)
    init = tf.global_variables_initializer()
    with tf.Session(graph=g) as sess:
      sess.run(init)
      values = sess.run(fetches)
  return {k: tf.constant(v) for k, v in values.items()}


def variance_scaling_modes(tf):
  def build(tf):
    out = {}
    for mode in ("FAN_IN", "FAN_OUT", "FAN_AVG"):
      for uniform in (False, True):
        for shape, tag in (([4, 6], "mat"), ([3, 3, 4, 8], "conv"), ([7], "vec"), ([], "s")):
          name = "%s_%s_%s" % (mode.lower(), "u" if uniform else "n", tag)
          v = tf.get_variable(name, shape=shape,
                              initializer=_vs(tf, factor=1.5, mode=mode, uniform=uniform))
          out[name] = v.read_value()
    out["default"] = tf.get_variable("default", shape=[5, 3],
                                     initializer=_vs(tf)).read_value()
    return out
  return _run_vars(tf, build, graph_seed=13)


def xavier(tf):
  def build(tf):
    out = {}
    out["uniform"] = tf.get_variable("u", shape=[6, 4], initializer=_xavier(tf)).read_value()
    out["normal"] = tf.get_variable("n", shape=[6, 4],
                                    initializer=_xavier(tf, uniform=False)).read_value()
    out["conv2d"] = tf.get_variable("c", shape=[3, 3, 2, 4],
                                    initializer=_xavier(tf, conv2d=True)).read_value()
    out["f64"] = tf.get_variable("d", shape=[4, 4], dtype=tf.float64,
                                 initializer=_xavier(tf, dtype=tf.float64)).read_value()
    out["op_seeded"] = tf.get_variable("o", shape=[4, 4],
                                       initializer=_xavier(tf, seed=42)).read_value()
    # Partitioned: contrib scales by each slice's own shape.
    p = tf.get_variable("p", shape=[9, 4], initializer=_xavier(tf),
                        partitioner=tf.fixed_size_partitioner(2))
    out["partitioned"] = p.as_tensor()
    return out
  return _run_vars(tf, build, graph_seed=21)


def direct_calls(tf):
  """Initializers called directly (no variable): op-seeded, so no init step is needed."""
  out = {}
  out["vs_in_n"] = _vs(tf, seed=3)([5, 5])
  out["vs_out_u"] = _vs(tf, factor=1.0, mode="FAN_OUT", uniform=True, seed=4)([2, 3, 6])
  out["xavier"] = _xavier(tf, seed=5)([8, 2])
  out["xavier_f64"] = _xavier(tf, seed=6, uniform=False, dtype=tf.float64)([3, 7])
  return out


def regularizers(tf):
  w = tf.constant(np.linspace(-2.0, 1.5, 12, dtype=np.float32).reshape(3, 4), name="w")
  v = tf.constant(np.arange(-3.0, 3.0, dtype=np.float64), name="v")
  out = {}
  out["l1"] = _l1(tf, 0.5)(w)
  out["l2"] = _l2(tf, 0.25)(w)
  out["l1_scoped"] = _l1(tf, 0.1, scope="my_l1")(v)
  out["l2_f64"] = _l2(tf, 0.3)(v)
  out["l1_l2"] = _l1_l2(tf, 0.1, 0.2)(w)
  out["l1_l2_only_l2"] = _l1_l2(tf, 0.0, 0.3)(w)
  out["l1_l2_only_l1"] = _l1_l2(tf, 0.4, 0.0)(w)
  out["sum"] = _sum(tf, [_l1(tf, 0.2), None, _l2(tf, 0.7)], scope="both")(w)
  out["apply"] = _apply(tf, _l2(tf, 0.5), [w, tf.ones([2, 2])])
  tf.add_to_collection(tf.GraphKeys.WEIGHTS, w)
  out["apply_weights"] = _apply(tf, _l1(tf, 0.05))
  out["losses"] = tf.add_n(tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES))
  return out


CASES = {
    "variance_scaling_modes": variance_scaling_modes,
    "xavier": xavier,
    "direct_calls": direct_calls,
    "regularizers": regularizers,
}
