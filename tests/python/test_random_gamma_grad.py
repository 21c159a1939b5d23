"""The RandomGamma gradient w.r.t. alpha and RandomGammaGrad, against goldens from real
TensorFlow (tests/goldens/cases_random_gamma_grad.py), plus the gradient graph TF 1.15 builds."""

import numpy as np
import pytest
import tensorflow as tf

import golden_util
from tensorflow.python.ops import gen_random_ops

from op_test_util import fresh_graph, run  # pylint: disable=unused-import




MOD, META, GRAPHS, ARRAYS = golden_util.load("random_gamma_grad")
_TOL = {"float32": dict(rtol=2e-5, atol=1e-30), "float64": dict(rtol=1e-9, atol=1e-300)}


@pytest.mark.parametrize("case", sorted(MOD.CASES))
def test_matches_tensorflow(case):
  g = tf.Graph()
  with g.as_default():
    fetches = MOD.CASES[case](tf)
    with tf.Session(graph=g) as sess:
      values = sess.run(fetches)
  assert sorted(fetches) == sorted(META["cases"][case])
  for key in sorted(fetches):
    want_meta = META["cases"][case][key]
    assert [-1 if d is None else d for d in fetches[key].shape.as_list()] == want_meta["shape"]
    assert fetches[key].dtype.name == want_meta["dtype"], key
    want = ARRAYS[case + "/" + key]
    if key.endswith("_beta_sample"):
      # Real TF's graph optimizer turns `/ beta` (a constant) into a reciprocal multiply: 1 ulp.
      np.testing.assert_allclose(values[key], want, rtol=3e-7, err_msg=key)
    elif key.endswith("_sample"):  # RandomGamma itself is bit-identical to TF's
      np.testing.assert_array_equal(values[key], want, err_msg=key)
    else:
      np.testing.assert_allclose(values[key], want, err_msg=key, **_TOL[want_meta["dtype"]])


def test_gradient_graph_is_tf115s():
  alpha = tf.constant([1.0, 2.0])
  s = tf.random_gamma([3], alpha, seed=1)
  tf.gradients(s, alpha)
  g = tf.get_default_graph()
  scope = "gradients/random_gamma/RandomGamma_grad/"

  def local(name):
    return name if name.startswith(scope) or name == "random_gamma/RandomGamma" else "<outer>"

  theirs = [(n["name"], n["op"], [local(i) for i in n["inputs"] if not i.startswith("^")])
            for n in GRAPHS["cases"]["graph_structure"] if n["name"].startswith(scope)]
  ours = [(op.name, op.type, [local(t.op.name) for t in op.inputs])
          for op in g.get_operations() if op.name.startswith(scope)]
  assert ours == theirs
  # Everything the gradient builds waits for the incoming gradient.
  consts = [op for op in g.get_operations() if op.name.startswith(scope) and op.type == "Const"]
  assert consts and all(op.control_inputs for op in consts)


def test_shape_input_gets_no_gradient():
  shape = tf.constant([4], dtype=tf.int32)
  alpha = tf.constant([1.5, 3.0])
  s = gen_random_ops.random_gamma(shape, alpha, seed=2, seed2=3)
  g_shape, g_alpha = tf.gradients(tf.reduce_sum(s), [shape, alpha])
  assert g_shape is None
  got_s, got_g = run([s, g_alpha])
  direct = run(gen_random_ops.random_gamma_grad(tf.reshape(alpha, [1, 2]), got_s))
  np.testing.assert_allclose(got_g, direct.sum(axis=0), rtol=1e-6)


def test_random_gamma_grad_bad_input():
  with pytest.raises(TypeError):
    gen_random_ops.random_gamma_grad(tf.constant([1], tf.int32), tf.constant([1], tf.int32))
  with pytest.raises(ValueError, match="Dimensions must be equal"):
    gen_random_ops.random_gamma_grad(tf.constant([1.0, 2.0]), tf.constant([1.0, 2.0, 3.0]))
  a = tf.placeholder(tf.float32)
  out = gen_random_ops.random_gamma_grad(a, tf.constant([1.0, 2.0, 3.0]))
  with pytest.raises(tf.errors.InvalidArgumentError, match="Incompatible shapes"):
    run(out, feed_dict={a: np.ones([2], np.float32)})
  np.testing.assert_array_equal(
      np.isnan(run(gen_random_ops.random_gamma_grad([-1.0, 0.0, 2.0], [1.0, 1.0, -1.0]))),
      [True, True, True])
