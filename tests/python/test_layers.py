"""tf.layers against real TensorFlow (tests/goldens/cases_layers.py): variable names and
initial values, outputs, graphs; plus reuse, collections and errors."""
import numpy as np
import pytest
import tensorflow as tf

from layers_golden_util import Goldens

G = Goldens("layers")


@pytest.mark.parametrize("case", sorted(G.mod.CASES))
def test_values_match_tensorflow(case):
  G.check_values(case)


def test_graph_matches_tensorflow():
  G.check_graph("dense_graph")


def test_reuse_and_scope_names():
  with tf.Graph().as_default():
    x = tf.ones([2, 3])
    y1 = tf.layers.dense(x, 4, name="fc")
    y2 = tf.layers.dense(x, 4, name="fc", reuse=True)
    assert [v.op.name for v in tf.global_variables()] == ["fc/kernel", "fc/bias"]
    with pytest.raises(ValueError, match="already exists"):
      tf.layers.dense(x, 4, name="fc")
    layer = tf.layers.Dense(2)
    with pytest.raises(ValueError, match="has not been used yet"):
      layer.scope_name  # pylint: disable=pointless-statement
    layer(x)
    layer(x)
    assert layer.scope_name == "dense" and len(layer.weights) == 2
    assert [v.op.name for v in layer.trainable_weights] == ["dense/kernel", "dense/bias"]
    with tf.Session() as sess:
      sess.run(tf.global_variables_initializer())
      a, b = sess.run([y1, y2])
      np.testing.assert_array_equal(a, b)


def test_untrainable_and_regularizers():
  with tf.Graph().as_default():
    x = tf.constant(np.ones([2, 3], np.float32))
    tf.layers.dense(x, 2, trainable=False)
    assert not tf.trainable_variables() and len(tf.global_variables()) == 2
    tf.layers.dense(x, 2, kernel_initializer=tf.ones_initializer(),
                    kernel_regularizer=lambda w: tf.reduce_sum(w) * 0.5,
                    activity_regularizer=lambda a: tf.reduce_sum(a))
    reg = tf.losses.get_regularization_losses()
    assert [r.op.name for r in reg] == ["dense_1/kernel/Regularizer/mul",
                                        "dense_1/ActivityRegularizer/truediv"]
    with tf.Session() as sess:
      sess.run(tf.global_variables_initializer())
      np.testing.assert_allclose(sess.run(reg), [3.0, 6.0])


def test_dropout_with_a_training_tensor_uses_cond():
  with tf.Graph().as_default():
    x = tf.ones([200, 50])
    training = tf.placeholder(tf.bool, [])
    y = tf.layers.dropout(x, rate=0.5, training=training, seed=3)
    assert y.op.type == "Merge" and y.op.name == "dropout/cond/Merge"
    with tf.Session() as sess:
      np.testing.assert_array_equal(sess.run(y, {training: False}), np.ones([200, 50]))
      dropped = sess.run(y, {training: True})
    assert set(np.unique(dropped)) == {0.0, 2.0}
    assert 0.4 < (dropped == 0).mean() < 0.6


def test_dropout_errors():
  with tf.Graph().as_default():
    x = tf.ones([2, 3])
    with pytest.raises(ValueError, match=r"range \[0, 1\)"):
      tf.layers.dropout(x, rate=1.0, training=True)
    with pytest.raises(ValueError, match="last dimension of the inputs to `Dense`"):
      tf.layers.dense(tf.placeholder(tf.float32, [2, None]), 3)
