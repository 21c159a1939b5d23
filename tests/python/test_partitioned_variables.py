"""Partitioned variables against goldens from real TensorFlow (tests/goldens/cases_partitioned.py):
bit-identical initial values under graph seeds, concatenation, assign, optimizer steps, TF's
error messages, and the GraphDef that get_variable with a partitioner builds."""
import os
import sys

import numpy as np
import pytest
import tensorflow as tf

import golden_util
from tensorflow.python.ops import partitioned_variables
from tensorflow.python.ops import variable_scope

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "tools"))
import make_goldens  # noqa: E402  pylint: disable=g-import-not-at-top,wrong-import-position



MOD, META, GRAPHS, ARRAYS = golden_util.load("partitioned")
GRAPHS = GRAPHS["cases"]
# Float sums in a training step may round differently from TF's kernels: compare closely.
_TOLERANT = {"gradient_descent_step": 1e-6, "adam_steps": 1e-6}


@pytest.mark.parametrize("case", sorted(MOD.CASES))
def test_values_match_tensorflow(case):
  g = tf.Graph()
  with g.as_default():
    fetches = MOD.CASES[case](tf)
    with tf.Session(graph=g) as sess:
      values = sess.run(fetches)
  assert sorted(fetches) == sorted(META["cases"][case])
  for key in sorted(fetches):
    want = ARRAYS[case + "/" + key]
    got = np.asarray(values[key])
    assert fetches[key].dtype.name == META["cases"][case][key]["dtype"], key
    if got.dtype == object:
      assert got.tolist() == want.tolist(), key
    elif case in _TOLERANT:
      np.testing.assert_allclose(got, want, rtol=_TOLERANT[case], atol=1e-7, err_msg=key)
    else:
      assert got.dtype == want.dtype, key
      np.testing.assert_array_equal(got, want, err_msg=key)


@pytest.mark.parametrize("case", sorted(c for c in MOD.CASES if c.startswith("structure_")))
def test_graph_matches_tensorflow(case):
  g = tf.Graph()
  with g.as_default():
    MOD.CASES[case](tf)
  ours = [_strip(n) for n in make_goldens.graph_structure(g.as_graph_def())]
  want = [_strip(n) for n in GRAPHS[case]]
  assert [n["name"] for n in ours] == [n["name"] for n in want]
  diffs = [(got, exp) for got, exp in zip(ours, want) if got != exp]
  assert not diffs, diffs[:3]


# Attrs the reference (TF 2.x) adds that TF 1.15 did not have: on any op, and per op type.
_TF2_ONLY_ATTRS = ("_has_manual_control_dependencies",)
_TF2_ONLY_OP_ATTRS = {"VarHandleOp": ("allowed_devices", "debug_name"),
                      "AssignVariableOp": ("validate_shape",),
                      "MatMul": ("grad_a", "grad_b")}


def _strip(node):
  # TF 1.15's random_uniform/initializers add with math_ops.add (`Add`); TF 2.x makes AddV2.
  if node["op"] == "AddV2":
    node = dict(node, op="Add")
  drop = _TF2_ONLY_ATTRS + _TF2_ONLY_OP_ATTRS.get(node["op"], ())
  node = dict(node)
  node["attrs"] = [a for a in node["attrs"] if a not in drop]
  node["values"] = {k: v for k, v in node["values"].items() if k not in drop}
  return node


# ---- direct checks of the pieces ------------------------------------------------------------

def test_partition_info():
  info = variable_scope._PartitionInfo(full_shape=[10, 4], var_offset=[4, 0])
  assert info.full_shape == [10, 4] and info.var_offset == [4, 0]
  assert info.single_slice_dim([3, 4]) == 0
  assert info.single_offset([3, 4]) == 4
  assert variable_scope._PartitionInfo([10, 4], [0, 0]).single_slice_dim([10, 4]) is None
  assert variable_scope._PartitionInfo([10, 4], [0, 0]).single_offset([10, 4]) == 0
  with pytest.raises(TypeError, match="`full_shape` must be a sequence"):
    variable_scope._PartitionInfo(full_shape=5, var_offset=[0])
  with pytest.raises(ValueError, match="Expected equal length"):
    variable_scope._PartitionInfo([10, 4], [0])
  with pytest.raises(ValueError, match="Expected 0 <= offset < shape"):
    variable_scope._PartitionInfo([10, 4], [10, 0])
  with pytest.raises(ValueError, match="would exceed"):
    info.single_slice_dim([7, 4])
  with pytest.raises(ValueError, match="slice dim could be either dimension"):
    variable_scope._PartitionInfo([10, 4], [0, 0]).single_slice_dim([3, 2])


def test_partitioners_compute_tf_partitions():
  shape = tf.TensorShape([1024, 1024])
  assert tf.min_max_variable_partitioner(max_partitions=100)(shape, tf.float32) == [16, 1]
  assert tf.min_max_variable_partitioner(max_partitions=8)(shape, tf.float32) == [8, 1]
  assert tf.min_max_variable_partitioner(max_partitions=100, axis=1,
                                         bytes_per_string_element=4)(shape, tf.string) == [1, 16]
  assert tf.variable_axis_size_partitioner(4096 * 3)(shape, tf.float32) == [342, 1]
  assert tf.variable_axis_size_partitioner(1)(tf.TensorShape([6, 2]), tf.float32) == [6, 1]
  assert tf.fixed_size_partitioner(3, axis=1)(shape=tf.TensorShape([4, 2])) == [1, 2]
  with pytest.raises(ValueError, match="must be positive"):
    tf.variable_axis_size_partitioner(0)
  with pytest.raises(ValueError, match="max_shards must be positive"):
    tf.variable_axis_size_partitioner(10, max_shards=-1)
  with pytest.raises(ValueError, match="shape is not fully defined"):
    tf.variable_axis_size_partitioner(10)(tf.TensorShape([None, 2]), tf.float32)
  with pytest.raises(ValueError, match="along axis 2"):
    tf.min_max_variable_partitioner(axis=2)(tf.TensorShape([4, 2]), tf.float32)


def test_partitioned_variable_api():
  with tf.Graph().as_default():
    w = tf.get_variable("w", shape=[10, 4], partitioner=tf.fixed_size_partitioner(3))
    assert isinstance(w, partitioned_variables.PartitionedVariable)
    assert w.name == "w" and w.dtype == tf.float32
    assert w.get_shape().as_list() == [10, 4] and w.shape.as_list() == [10, 4]
    assert len(w) == 3 and w._get_partitions() == [3, 1]
    parts = list(w)
    assert parts == w._get_variable_list()
    assert [v.op.name for v in parts] == ["w/part_0", "w/part_1", "w/part_2"]
    infos = [v._save_slice_info for v in parts]
    assert [(i.full_name, i.full_shape, i.var_offset, i.var_shape) for i in infos] == [
        ("w", [10, 4], [0, 0], [4, 4]), ("w", [10, 4], [4, 0], [3, 4]),
        ("w", [10, 4], [7, 0], [3, 4])]
    assert [i.spec for i in infos] == ["10 4 0,4:0,4", "10 4 4,3:0,4", "10 4 7,3:0,4"]
    assert isinstance(infos[0], tf.Variable.SaveSliceInfo)
    assert infos[1].to_proto().var_offset == [4, 0]
    assert parts[1].to_proto().save_slice_info_def.full_name == "w"
    assert tf.global_variables() == parts and tf.trainable_variables() == parts
    t = tf.convert_to_tensor(w)
    assert t.op.name == "w" and t.op.type == "Identity"
    assert t.op.inputs[0].op.name == "w/ConcatPartitions/concat"
    with pytest.raises(NotImplementedError, match="used as a reference"):
      partitioned_variables.PartitionedVariable._TensorConversionFunction(w, as_ref=True)
    with tf.control_dependencies([tf.no_op(name="dep")]):
      assert not w.as_tensor().op.control_inputs
      concat = w._concat().op.inputs[0].op
      assert [op.name for op in concat.inputs[-1].op.control_inputs] == ["dep"]


def test_initializer_gets_partition_info_per_slice():
  calls = []

  def init(shape, dtype=None, partition_info=None):
    calls.append((list(shape), partition_info.full_shape, partition_info.var_offset,
                  partition_info.single_offset(shape)))
    return tf.fill(shape, tf.constant(float(len(calls)), dtype=dtype))

  with tf.Graph().as_default():
    w = tf.get_variable("w", shape=[2, 5], initializer=init,
                        partitioner=tf.fixed_size_partitioner(2, axis=1))
    with tf.Session() as sess:
      sess.run(tf.global_variables_initializer())
      value = sess.run(w.as_tensor())
  assert calls == [([2, 3], [2, 5], [0, 0], 0), ([2, 2], [2, 5], [0, 3], 3)]
  np.testing.assert_array_equal(value, [[1, 1, 1, 2, 2], [1, 1, 1, 2, 2]])


def test_regularizer_and_custom_getter_see_each_slice():
  seen = []

  def getter(getter, name, *args, **kwargs):
    seen.append((name, kwargs["partitioner"] is not None))
    return getter(name, *args, **kwargs)

  with tf.Graph().as_default():
    with tf.variable_scope("s", custom_getter=getter,
                           regularizer=lambda v: tf.reduce_sum(v, name="reg")):
      tf.get_variable("w", shape=[4, 2], initializer=tf.ones_initializer(),
                      partitioner=tf.fixed_size_partitioner(2))
    losses = tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES)
    assert [l.op.name for l in losses] == ["s/w/part_0/Regularizer/reg",
                                           "s/w/part_1/Regularizer/reg"]
    with tf.Session() as sess:
      sess.run(tf.global_variables_initializer())
      assert sess.run(losses) == [4.0, 4.0]
    assert seen == [("s/w", True)]
    with tf.variable_scope("c", custom_getter=getter):
      with pytest.raises(ValueError, match="Private access to _get_partitioned_variable"):
        tf.create_partitioned_variables([4], [2], tf.zeros_initializer())


def test_assign_forms():
  with tf.Graph().as_default():
    w = tf.get_variable("w", shape=[4, 2], partitioner=tf.fixed_size_partitioner(2),
                        initializer=tf.zeros_initializer())
    u = tf.get_variable("u", shape=[4, 2], partitioner=tf.fixed_size_partitioner(2),
                        initializer=tf.ones_initializer())
    from_list = w.assign([tf.fill([2, 2], 3.0), tf.fill([2, 2], 4.0)])
    from_pv = w.assign_add(u)
    ops_only = w.assign_sub(tf.ones([4, 2]), read_value=False)
    assert all(isinstance(o, tf.Operation) for o in ops_only)
    with pytest.raises(ValueError, match="one per partition"):
      w.assign([tf.ones([2, 2])])
    with tf.Session() as sess:
      sess.run(tf.global_variables_initializer())
      sess.run(from_list)
      sess.run(from_pv)
      sess.run(ops_only)
      np.testing.assert_array_equal(sess.run(w.as_tensor()), [[3, 3], [3, 3], [4, 4], [4, 4]])


def test_slot_variables_follow_parts():
  with tf.Graph().as_default():
    w = tf.get_variable("w", shape=[5, 2], partitioner=tf.fixed_size_partitioner(2))
    opt = tf.train.AdamOptimizer(0.1)
    opt.minimize(tf.reduce_sum(tf.convert_to_tensor(w)))
    names = sorted(v.op.name for v in tf.global_variables())
  assert names == ["beta1_power", "beta2_power", "w/part_0", "w/part_0/Adam", "w/part_0/Adam_1",
                   "w/part_1", "w/part_1/Adam", "w/part_1/Adam_1"]
