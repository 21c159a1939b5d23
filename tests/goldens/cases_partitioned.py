"""Partitioned variables (get_variable with a partitioner) against real TensorFlow.

Value cases build their program in an inner graph, initialize it, run any update steps, and
return what they read as constants (so the harness needs no init step): the initial value of
every slice under a graph-level seed (bit-identical only if we create the same ops in the same
order as TF), the concatenated tensor, assign results, optimizer steps and error messages.
`structure_*` cases build straight into the harness's graph, whose GraphDef is compared node by
node (tests/python/test_partitioned_variables.py).

Real TF 2.x derives a graph-seeded op's missing op seed from a per-graph counter; TF 1.15 (our
spec) from the graph's last op id; tools/make_goldens.py restores the 1.15 rule under real TF.
"""

import numpy as np


def _run(tf, build, graph_seed=None):
  """build(tf) -> (fetches, steps); runs init, then each step, then fetches; constants."""
  g = tf.Graph()
  with g.as_default():
    if graph_seed is not None:
      tf.set_random_seed(graph_seed)
    fetches, steps = build(tf)
    init = tf.global_variables_initializer()
    with tf.Session(graph=g) as sess:
      sess.run(init)
      for step in steps:
        sess.run(step)
      values = sess.run(fetches)
  return {k: tf.constant(v) for k, v in values.items()}


def _parts(prefix, pv):
  return {"%s/part_%d" % (prefix, i): v.read_value() for i, v in enumerate(pv)}


def _spec_info(pv):
  """The slices' names, save-slice specs and shapes as one string."""
  return ";".join("%s|%s|%s|%s" % (v.op.name, v._save_slice_info.full_name,
                                   v._save_slice_info.spec, v.get_shape().as_list())
                  for v in pv)


def glorot_default(tf):
  def build(tf):
    w = tf.get_variable("w", shape=[10, 4], partitioner=tf.fixed_size_partitioner(3))
    out = _parts("w", w)
    out["concat"] = tf.convert_to_tensor(w)
    out["as_tensor"] = w.as_tensor()
    out["specs"] = tf.constant(_spec_info(w))
    return out, []
  return _run(tf, build, graph_seed=7)


def initializers_under_scope_partitioner(tf):
  def build(tf):
    out = {}
    with tf.variable_scope("layer", partitioner=tf.fixed_size_partitioner(2)):
      inits = {
          "normal": tf.random_normal_initializer(0.5, 2.0),
          "truncated": tf.truncated_normal_initializer(stddev=0.5),
          "uniform": tf.random_uniform_initializer(-1.0, 2.0),
          "vs_fan_out_uniform": tf.variance_scaling_initializer(
              scale=2.0, mode="fan_out", distribution="uniform"),
          "vs_fan_avg_normal": tf.variance_scaling_initializer(mode="fan_avg"),
          "glorot_normal": tf.glorot_normal_initializer(),
          "unit_scaling": tf.uniform_unit_scaling_initializer(1.5),
          "op_seeded": tf.random_uniform_initializer(seed=5),
          "ones": tf.ones_initializer(),
      }
      for name in sorted(inits):
        v = tf.get_variable(name, shape=[6, 3], initializer=inits[name])
        out.update(_parts(name, v))
      z = tf.get_variable("zeros_int", shape=[5], dtype=tf.int32)
      out.update(_parts("zeros_int", z))
    return out, []
  return _run(tf, build, graph_seed=3)


def value_initializers(tf):
  def build(tf):
    part = tf.fixed_size_partitioner(3)
    t = tf.get_variable("from_tensor", initializer=tf.constant(np.arange(14.0).reshape(7, 2)),
                        partitioner=part)
    n = tf.get_variable("from_numpy", shape=[5, 2], dtype=tf.float32,
                        initializer=np.arange(10, dtype=np.float32).reshape(5, 2),
                        partitioner=part)
    out = _parts("t", t)
    out.update(_parts("n", n))
    out["t_concat"] = t.as_tensor()
    out["t_dtype"] = tf.constant(t.dtype.name)
    out["n_concat"] = n.as_tensor()
    return out, []
  return _run(tf, build)


def axis1_and_partitioners(tf):
  def build(tf):
    a = tf.get_variable("a", shape=[3, 5], partitioner=tf.fixed_size_partitioner(2, axis=1),
                        initializer=tf.random_uniform_initializer())
    mm = tf.get_variable("mm", shape=[20, 8], partitioner=tf.min_max_variable_partitioner(
        max_partitions=4, min_slice_size=64))
    ax = tf.get_variable("ax", shape=[10, 6], partitioner=tf.variable_axis_size_partitioner(
        max_shard_bytes=100))
    cap = tf.get_variable("cap", shape=[10, 6], partitioner=tf.variable_axis_size_partitioner(
        max_shard_bytes=100, max_shards=2))
    many = tf.get_variable("many", shape=[2, 3], partitioner=tf.fixed_size_partitioner(5))
    out = {"a_concat": tf.convert_to_tensor(a), "mm_concat": mm.as_tensor(),
           "ax_concat": ax.as_tensor(), "cap_concat": cap.as_tensor(),
           "many_concat": many.as_tensor()}
    for name, v in (("a", a), ("mm", mm), ("ax", ax), ("cap", cap), ("many", many)):
      out[name + "_partitions"] = tf.constant(v._get_partitions())
      out[name + "_specs"] = tf.constant(_spec_info(v))
    return out, []
  return _run(tf, build, graph_seed=11)


def resource_and_create_partitioned(tf):
  def build(tf):
    r = tf.get_variable("r", shape=[7, 2], use_resource=True,
                        partitioner=tf.fixed_size_partitioner(3))
    vs = tf.create_partitioned_variables([7, 3], [3, 1], tf.random_normal_initializer())
    with tf.variable_scope("outer"):
      vs2 = tf.create_partitioned_variables([4], [2], tf.ones_initializer(), name="named")
    out = _parts("r", r)
    out["r_concat"] = r.as_tensor()
    out["created"] = tf.concat(vs, 0)
    out["names"] = tf.constant(";".join(v.op.name for v in vs + vs2))
    out["specs"] = tf.constant(_spec_info(vs + vs2))
    return out, []
  return _run(tf, build, graph_seed=5)


def reuse_and_collections(tf):
  def build(tf):
    with tf.variable_scope("s", partitioner=tf.fixed_size_partitioner(2)):
      w = tf.get_variable("w", shape=[4, 3])
    with tf.variable_scope("s", reuse=True):
      w2 = tf.get_variable("w", shape=[4, 3])  # partitioner not needed on reuse
    with tf.variable_scope("s", reuse=tf.AUTO_REUSE, partitioner=tf.fixed_size_partitioner(2)):
      w3 = tf.get_variable("w", shape=[4, 3])
    with tf.variable_scope("s", reuse=True):
      w4 = tf.get_variable("w")
    scalar = tf.get_variable("scalar", shape=[], partitioner=tf.fixed_size_partitioner(2))
    names = lambda key: ";".join(v.op.name for v in tf.get_collection(key))
    out = {"same": tf.constant([w is w2, w is w3, w is w4]),
           "global": tf.constant(names(tf.GraphKeys.GLOBAL_VARIABLES)),
           "trainable": tf.constant(names(tf.GraphKeys.TRAINABLE_VARIABLES)),
           "scalar_name": tf.constant(scalar.op.name),
           "w": w.as_tensor(), "w_again": tf.convert_to_tensor(w2)}
    return out, []
  return _run(tf, build, graph_seed=2)


def assign_ops(tf):
  def build(tf):
    w = tf.get_variable("w", shape=[5, 2], partitioner=tf.fixed_size_partitioner(2),
                        initializer=tf.zeros_initializer())
    u = tf.get_variable("u", shape=[2, 4], partitioner=tf.fixed_size_partitioner(3, axis=1),
                        initializer=tf.ones_initializer())
    a1 = w.assign(tf.constant(np.arange(10.0, dtype=np.float32).reshape(5, 2)))
    a2 = w.assign_add(tf.ones([5, 2]))
    a3 = u.assign_sub(tf.constant(np.arange(8.0, dtype=np.float32).reshape(2, 4)))
    return {"w": w.as_tensor(), "u": u.as_tensor()}, [a1, a2, a3]
  return _run(tf, build)


def _train(tf, make_opt, steps):
  def build(tf):
    x = tf.constant(np.linspace(-1.0, 1.0, 12, dtype=np.float32).reshape(2, 6))
    w = tf.get_variable("w", shape=[6, 3], partitioner=tf.fixed_size_partitioner(2))
    b = tf.get_variable("b", shape=[3], initializer=tf.zeros_initializer())
    loss = tf.reduce_sum(tf.square(tf.matmul(x, w) + b - 0.5))
    train = make_opt(tf).minimize(loss)
    out = _parts("w", w)
    out["b"] = b.read_value()
    out["loss"] = tf.identity(loss)
    return out, [train] * steps
  return _run(tf, build, graph_seed=9)


def gradient_descent_step(tf):
  return _train(tf, lambda tf: tf.train.GradientDescentOptimizer(0.1), 1)


def adam_steps(tf):
  return _train(tf, lambda tf: tf.train.AdamOptimizer(0.01), 3)


def errors(tf):
  """TF's error type and message for each misuse, as strings."""
  msgs = {}

  def attempt(key, fn):
    g = tf.Graph()
    with g.as_default():
      try:
        fn()
        msgs[key] = "no error"
      except Exception as e:  # pylint: disable=broad-except
        msgs[key] = "%s: %s" % (type(e).__name__, e)

  def reuse_other_partitioner():
    with tf.variable_scope("s"):
      tf.get_variable("w", shape=[4, 4], partitioner=tf.fixed_size_partitioner(2))
    with tf.variable_scope("s", reuse=True):
      tf.get_variable("w", shape=[4, 4], partitioner=tf.fixed_size_partitioner(4))

  def reuse_other_shape():
    tf.get_variable("w", shape=[4, 4], partitioner=tf.fixed_size_partitioner(2))
    with tf.variable_scope("", reuse=True):
      tf.get_variable("w", shape=[5, 4], partitioner=tf.fixed_size_partitioner(2))

  def reuse_other_dtype():
    tf.get_variable("w", shape=[4, 4], partitioner=tf.fixed_size_partitioner(2))
    with tf.variable_scope("", reuse=True):
      tf.get_variable("w", shape=[4, 4], dtype=tf.float64,
                      partitioner=tf.fixed_size_partitioner(2))

  def unpartitioned_after_partitioned():
    tf.get_variable("w", shape=[4, 4], partitioner=tf.fixed_size_partitioner(2))
    tf.get_variable("w", shape=[4, 4])

  def partitioned_after_unpartitioned():
    tf.get_variable("w", shape=[4, 4])
    tf.get_variable("w", shape=[4, 4], partitioner=tf.fixed_size_partitioner(2))

  def reuse_missing():
    with tf.variable_scope("s", reuse=True):
      tf.get_variable("nope", shape=[4, 4], partitioner=tf.fixed_size_partitioner(2))

  def scalar_shape():
    tf.get_variable("s", shape=tf.TensorShape([]), partitioner=tf.fixed_size_partitioner(2))

  def unknown_shape():
    tf.get_variable("u", initializer=tf.random_normal_initializer(),
                    partitioner=tf.fixed_size_partitioner(2))

  def two_axes():
    tf.get_variable("t", shape=[4, 4], partitioner=lambda shape, dtype: [2, 2])

  def wrong_rank():
    tf.get_variable("t", shape=[4, 4], partitioner=lambda shape, dtype: [2])

  def zero_parts():
    tf.get_variable("t", shape=[4, 4], partitioner=lambda shape, dtype: [0, 1])

  def not_callable():
    tf.get_variable("t", shape=[4, 4], partitioner=3)

  def as_ref():
    w = tf.get_variable("w", shape=[4, 2], partitioner=tf.fixed_size_partitioner(2))
    tf.assign(w, tf.zeros([4, 2]))

  def wrong_dtype_conversion():
    w = tf.get_variable("w", shape=[4, 2], partitioner=tf.fixed_size_partitioner(2))
    tf.convert_to_tensor(w, dtype=tf.int32)

  def create_partitioned_bad():
    tf.create_partitioned_variables([4, 2], [2], tf.zeros_initializer())

  for key, fn in sorted(locals().items()):
    if callable(fn) and key != "attempt":
      attempt(key, fn)
  return {k: tf.constant(v) for k, v in msgs.items()}


def structure_get_variable(tf):
  tf.set_random_seed(4)
  with tf.variable_scope("dense", partitioner=tf.fixed_size_partitioner(2)):
    k = tf.get_variable("kernel", shape=[5, 3])
    b = tf.get_variable("bias", shape=[3], initializer=tf.random_normal_initializer(stddev=0.1))
  with tf.variable_scope("emb"):
    e = tf.get_variable("table", initializer=tf.constant(np.ones([6, 2], np.float32)),
                        partitioner=tf.fixed_size_partitioner(3))
  with tf.name_scope("use"):
    y = tf.matmul(tf.ones([2, 5]), k) + b
    k.as_tensor()
    k.assign(tf.zeros([5, 3]))
  with tf.control_dependencies([y]):
    tf.identity(e)
  tf.global_variables_initializer()
  return {"n": tf.constant(len(list(k)))}


def structure_resource(tf):
  tf.set_random_seed(6)
  r = tf.get_variable("r", shape=[4, 2], use_resource=True,
                      partitioner=tf.fixed_size_partitioner(2))
  r.as_tensor()
  tf.create_partitioned_variables([4], [2], tf.zeros_initializer(), name="c")
  return {"n": tf.constant(len(list(r)))}


CASES = {
    "glorot_default": glorot_default,
    "initializers_under_scope_partitioner": initializers_under_scope_partitioner,
    "value_initializers": value_initializers,
    "axis1_and_partitioners": axis1_and_partitioners,
    "resource_and_create_partitioned": resource_and_create_partitioned,
    "reuse_and_collections": reuse_and_collections,
    "assign_ops": assign_ops,
    "gradient_descent_step": gradient_descent_step,
    "adam_steps": adam_steps,
    "errors": errors,
    "structure_get_variable": structure_get_variable,
    "structure_resource": structure_resource,
}
