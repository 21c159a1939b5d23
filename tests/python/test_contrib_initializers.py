"""tf.contrib.layers initializers/regularizers and tf.contrib.framework variable helpers.

Values and GraphDefs against goldens from real TensorFlow (tests/goldens/cases_contrib_init.py,
which rebuilds TF 1.15's contrib formulas with core ops since TF 2.x has no contrib)."""
import os
import subprocess
import sys

import numpy as np
import pytest
import tensorflow as tf

import golden_util

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "tools"))
import make_goldens  # noqa: E402  pylint: disable=g-import-not-at-top,wrong-import-position



MOD, META, GRAPHS, ARRAYS = golden_util.load("contrib_init")
GRAPHS = GRAPHS["cases"]


@pytest.mark.parametrize("case", sorted(MOD.CASES))
def test_values_bit_identical_to_tensorflow(case):
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
    assert got.dtype == want.dtype, key
    np.testing.assert_array_equal(got, want, err_msg=key)


# The cases whose graphs are the contrib ops themselves (the others hold constants only).
@pytest.mark.parametrize("case", ["direct_calls", "regularizers"])
def test_graph_matches_tensorflow(case):
  g = tf.Graph()
  with g.as_default():
    MOD.CASES[case](tf)
  ours = [_strip(n) for n in make_goldens.graph_structure(g.as_graph_def())]
  want = [_strip(n) for n in GRAPHS[case]]
  assert [n["name"] for n in ours] == [n["name"] for n in want]
  diffs = [(got, exp) for got, exp in zip(ours, want) if got != exp]
  assert not diffs, diffs[:3]


def _strip(node):
  # TF 1.15's random_uniform adds with math_ops.add (`Add`); TF 2.x makes AddV2.
  if node["op"] == "AddV2":
    node = dict(node, op="Add")
  node = dict(node)
  node["attrs"] = [a for a in node["attrs"] if a != "_has_manual_control_dependencies"]
  node["values"] = {k: v for k, v in node["values"].items()
                    if k != "_has_manual_control_dependencies"}
  return node


# ---- the package ----------------------------------------------------------------------------

def test_contrib_is_a_lazy_package():
  code = ("import sys, tensorflow as tf\n"
          "assert 'tensorflow.contrib' not in sys.modules\n"
          "import tensorflow.contrib\n"
          "assert 'tensorflow.contrib.layers' not in sys.modules\n"
          "assert 'tensorflow.contrib.framework' not in sys.modules\n"
          "f = tf.contrib.layers.xavier_initializer\n"
          "from tensorflow.contrib import layers\n"
          "from tensorflow.contrib.layers import xavier_initializer\n"
          "assert f is layers.xavier_initializer is xavier_initializer\n"
          "print(tf.contrib.framework.get_or_create_global_step.__name__)\n")
  out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                       env=dict(os.environ), check=True)
  assert out.stdout.strip() == "get_or_create_global_step"
  with pytest.raises(AttributeError, match="not implemented in tfclassic"):
    tf.contrib.no_such_module  # pylint: disable=pointless-statement


def test_initializer_errors():
  with pytest.raises(TypeError, match="non-floating point type"):
    tf.contrib.layers.variance_scaling_initializer(dtype=tf.int32)
  with pytest.raises(TypeError, match="Unknown mode"):
    tf.contrib.layers.variance_scaling_initializer(mode="fan_in")
  init = tf.contrib.layers.xavier_initializer()
  with tf.Graph().as_default():
    with pytest.raises(TypeError, match="non-floating point type"):
      init([2, 2], dtype=tf.int32)
    assert tf.contrib.layers.xavier_initializer_conv2d is tf.contrib.layers.xavier_initializer
    t = init([3, 4])
    assert t.dtype == tf.float32 and t.op.name == "random_uniform"
    n = tf.contrib.layers.variance_scaling_initializer()([3, 4])
    assert n.op.name == "truncated_normal" and n.op.type == "Add"


def test_regularizer_errors_and_disabled():
  layers = tf.contrib.layers
  with pytest.raises(ValueError, match="scale cannot be an integer: 1"):
    layers.l1_regularizer(1)
  with pytest.raises(ValueError, match="scale less than 0 on a regularizer: -0.5"):
    layers.l2_regularizer(-0.5)
  with pytest.raises(ValueError, match="scale_l2 cannot be an integer"):
    layers.l1_l2_regularizer(1.0, 2)
  assert layers.l1_regularizer(0.0)(tf.constant(1.0)) is None
  assert layers.sum_regularizer([None]) is None
  with tf.Graph().as_default():
    with pytest.raises(ValueError, match="No weights to regularize."):
      layers.apply_regularization(layers.l2_regularizer(0.1))
    with pytest.raises(ValueError, match="must return a scalar Tensor instead of a Tensor "
                       "with rank 1"):
      layers.apply_regularization(lambda w: w, [tf.ones([2])])
    zero = layers.apply_regularization(layers.l1_regularizer(0.0), [tf.ones([2])])
    w = tf.get_variable("w", shape=[2], initializer=tf.ones_initializer(),
                        regularizer=layers.l2_regularizer(0.5))
    losses = tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES)
    assert [l.op.name for l in losses] == ["get_regularization_penalty_1",
                                             "w/Regularizer/l2_regularizer"]
    with tf.Session() as sess:
      sess.run(w.initializer)
      assert sess.run(zero) == 0.0
      assert sess.run(losses[1]) == 0.5


# ---- contrib.framework ----------------------------------------------------------------------

def test_framework_variables():
  fw = tf.contrib.framework
  with tf.Graph().as_default():
    gs = fw.get_or_create_global_step()
    assert fw.get_global_step() is gs and fw.get_or_create_global_step() is gs
    assert fw.assert_or_get_global_step() is gs
    with tf.variable_scope("net"):
      w = fw.model_variable("weights", shape=[2, 3], initializer=tf.ones_initializer())
      b = fw.variable("biases", shape=[3], initializer=tf.zeros_initializer())
      loc = fw.local_variable(tf.constant(1.0), name="count")
    with tf.variable_scope("head"):
      hw = fw.model_variable("weights", shape=[3], device="/cpu:0")
    assert fw.get_model_variables() == [w, hw]
    assert fw.get_model_variables("net") == [w]
    assert fw.get_variables("net") == [w, b]
    assert fw.get_variables_by_name("weights") == [w, hw]
    assert fw.get_variables_by_suffix("ases") == [b]
    assert fw.get_unique_variable("net/weights") is w
    assert fw.get_local_variables() == [loc]
    assert fw.get_trainable_variables("head") == [hw]
    assert fw.get_variables_to_restore(exclude=["head", "global_step"]) == [w, b]
    assert fw.filter_variables([w, b, hw], include_patterns=["weights"],
                               exclude_patterns=["head"]) == [w]
    assert hw.device == "/device:CPU:0"
    with pytest.raises(ValueError, match="Couldn't find variable nope"):
      fw.get_unique_variable("nope")
    p = fw.variable("p", shape=[4, 2], partitioner=tf.fixed_size_partitioner(2))
    assert [fw.get_variable_full_name(v) for v in p] == ["p", "p"]
    assert fw.get_variable_full_name(w) == "net/weights"


def test_arg_scope():
  fw = tf.contrib.framework

  @fw.add_arg_scope
  def f(a, b=1, c=2):
    return (a, b, c)

  assert fw.has_arg_scope(f) and not fw.has_arg_scope(lambda: 0)
  assert tuple(fw.arg_scoped_arguments(f)) == ("b", "c")
  with fw.arg_scope([f], b=10) as sc:
    assert f(0) == (0, 10, 2)
    with fw.arg_scope([f], c=20):
      assert f(0) == (0, 10, 20)
      assert f(0, b=5) == (0, 5, 20)
  assert f(0) == (0, 1, 2)
  with fw.arg_scope(sc):
    assert f(0) == (0, 10, 2)
  with pytest.raises(ValueError, match="kwargs must be empty"):
    with fw.arg_scope(sc, b=1):
      pass
  with pytest.raises(ValueError, match="is not decorated with @add_arg_scope"):
    with fw.arg_scope([lambda: 0], b=1):
      pass
  with tf.Graph().as_default():
    with fw.arg_scope([fw.model_variable], initializer=tf.constant_initializer(3.0)):
      v = fw.model_variable("v", shape=[2])
    with tf.Session() as sess:
      sess.run(v.initializer)
      np.testing.assert_array_equal(sess.run(v), [3.0, 3.0])
