"""tf.metrics against real TensorFlow: streaming values over several batches, variable names
and collections, and graphs (tests/goldens/cases_metrics.py)."""
import os

import numpy as np
import pytest
import tensorflow as tf

from layers_golden_util import GOLDEN_DIR, Goldens

G = Goldens("metrics")
_WANT = np.load(os.path.join(GOLDEN_DIR, "metrics_files", "streaming_values", "values.npz"))


@pytest.fixture(scope="module")
def streamed(tmp_path_factory):
  outdir = str(tmp_path_factory.mktemp("metrics"))
  with tf.Graph().as_default():
    G.mod.streaming_values(tf, outdir)
  return np.load(os.path.join(outdir, "values.npz"))


@pytest.mark.parametrize("key", sorted(k for k in _WANT.files if "/" in k))
def test_streaming_value_matches_tensorflow(streamed, key):
  np.testing.assert_allclose(streamed[key], _WANT[key], rtol=2e-5, atol=1e-6, err_msg=key)


def test_variable_names_and_collections(streamed):
  np.testing.assert_array_equal(streamed["local_variable_names"], _WANT["local_variable_names"])
  np.testing.assert_array_equal(streamed["metric_variable_names"],
                                _WANT["metric_variable_names"])
  assert "accuracy/total" in set(streamed["local_variable_names"])


@pytest.mark.parametrize("case", sorted(G.mod.CASES))
def test_values_match_tensorflow(case):
  G.check_values(case)


def _ignore(name):
  # TF's range asserts are tf.cond-guarded (AssertGuard); ours are plain Assert ops. TF 2.x
  # also renamed assert_rank_in's passed-check NoOp.
  return ("/assert_greater_equal/" in name or "/assert_less_equal/" in name or
          name.endswith("/static_checks_determined_all_ok") or
          name.endswith("false_negatives/NoOp"))


@pytest.mark.parametrize("case", sorted(G.mod.CASES))
def test_graph_matches_tensorflow(case):
  G.check_graph(case, ignore=_ignore)


def test_metric_variables_are_local_and_untrainable():
  with tf.Graph().as_default():
    value, update = tf.metrics.mean([1.0, 2.0], metrics_collections=["m"],
                                    updates_collections=[tf.GraphKeys.UPDATE_OPS])
    assert not tf.trainable_variables() and not tf.global_variables()
    assert [v.op.name for v in tf.local_variables()] == ["mean/total", "mean/count"]
    assert tf.get_collection("m") == [value]
    assert tf.get_collection(tf.GraphKeys.UPDATE_OPS) == [update]
    with tf.Session() as sess:
      sess.run(tf.local_variables_initializer())
      assert sess.run(value) == 0.0
      sess.run(update)
      np.testing.assert_allclose(sess.run(update), 1.5)
      np.testing.assert_allclose(sess.run(tf.get_collection(tf.GraphKeys.LOCAL_VARIABLES)),
                                 [6.0, 4.0])


def test_bad_arguments():
  with tf.Graph().as_default():
    with pytest.raises(ValueError, match="ROC or PR"):
      tf.metrics.auc([True], [0.5], curve="XX")
    with pytest.raises(ValueError, match="summation_method"):
      tf.metrics.auc([True], [0.5], summation_method="bogus")
    with pytest.raises(ValueError):
      tf.metrics.accuracy(tf.zeros([3]), tf.zeros([4]))


def test_auc_rejects_out_of_range_predictions():
  with tf.Graph().as_default():
    _, update = tf.metrics.auc([True, False], [0.5, 1.5])
    with tf.Session() as sess:
      sess.run(tf.local_variables_initializer())
      with pytest.raises(tf.errors.InvalidArgumentError, match=r"predictions must be in \[0, 1\]"):
        sess.run(update)


def test_confusion_matrix_and_mean_iou_bounds():
  with tf.Graph().as_default():
    cm = tf.math.confusion_matrix([0, 1, 2, 2], [0, 2, 2, 1])
    bad = tf.math.confusion_matrix([0, 5], [0, 1], num_classes=3)
    with tf.Session() as sess:
      np.testing.assert_array_equal(sess.run(cm), [[1, 0, 0], [0, 0, 1], [0, 1, 1]])
      with pytest.raises(tf.errors.InvalidArgumentError, match="`labels` out of bound"):
        sess.run(bad)
