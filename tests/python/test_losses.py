"""tf.losses against real TensorFlow's values and graphs (tests/goldens/cases_losses.py), and
error cases."""
import numpy as np
import pytest
import tensorflow as tf

from layers_golden_util import Goldens

G = Goldens("losses")


@pytest.mark.parametrize("case", sorted(G.mod.CASES))
def test_values_match_tensorflow(case):
  G.check_values(case)


@pytest.mark.parametrize("case", ["mse_graph", "elementwise_losses", "cosine_and_pairwise",
                                  "sigmoid_xent", "collections", "softmax_xent",
                                  "sparse_softmax_xent"])
def test_graph_matches_tensorflow(case):
  G.check_graph(case)


def test_reduction_validate_and_none_args():
  with tf.Graph().as_default():
    with pytest.raises(ValueError, match="Invalid Reduction Key"):
      tf.losses.mean_squared_error([1.0], [2.0], reduction="bogus")
    with pytest.raises(ValueError, match="labels must not be None"):
      tf.losses.absolute_difference(None, [1.0])
    with pytest.raises(ValueError, match="axis"):
      tf.losses.cosine_distance([[1.0]], [[1.0]])
    with pytest.raises(ValueError, match="Cannot specify both"):
      tf.losses.cosine_distance([[1.0]], [[1.0]], axis=1, dim=1)


def test_incompatible_shapes_and_weights():
  with tf.Graph().as_default():
    with pytest.raises(ValueError):
      tf.losses.mean_squared_error(tf.zeros([2, 3]), tf.zeros([2, 4]))
    with pytest.raises(ValueError, match="weights can not be broadcast to values"):
      tf.losses.mean_squared_error(tf.zeros([2, 3]), tf.zeros([2, 3]), weights=tf.ones([3]))
    with pytest.raises(ValueError, match="Mismatch at dim 1"):
      tf.losses.mean_squared_error(tf.zeros([2, 3]), tf.zeros([2, 3]),
                                   weights=tf.ones([2, 2]))


def test_dynamic_weights_checked_at_run_time():
  with tf.Graph().as_default():
    w = tf.placeholder(tf.float32, [None, None])
    loss = tf.losses.mean_squared_error(tf.ones([2, 3]), tf.zeros([2, 3]), weights=w)
    with tf.Session() as sess:
      np.testing.assert_allclose(sess.run(loss, {w: [[1.0], [0.0]]}), 1.0)
      np.testing.assert_allclose(sess.run(loss, {w: [[2.0, 0.0, 1.0], [1.0, 1.0, 1.0]]}),
                                 6.0 / 5.0)
      with pytest.raises(tf.errors.InvalidArgumentError, match="weights can not be broadcast"):
        sess.run(loss, {w: [[1.0, 2.0]]})


def test_total_loss_without_losses_raises():
  with tf.Graph().as_default():
    with pytest.raises(ValueError):
      tf.losses.get_total_loss()
    assert tf.losses.get_regularization_loss().op.type == "Const"
