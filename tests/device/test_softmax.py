"""GPU Softmax, LogSoftmax, SoftmaxCrossEntropyWithLogits and SparseSoftmaxCrossEntropyWithLogits
against the CPU kernels, with their gradients. Out-of-range sparse labels: the CPU raises
InvalidArgument, the GPU (as TensorFlow's GPU kernel) returns NaN for those rows."""
import numpy as np
import pytest
import tensorflow as tf
from tensorflow.python.ops import gen_nn_ops

from device_util import assert_gpu_matches_cpu, random_array, requires_gpu, run_on_both

pytestmark = requires_gpu

FLOATS = [np.float32, np.float64, np.float16]
SHAPES = [(1,), (7,), (1023,), (3, 5, 7), (2, 3, 1, 4, 5), (1000, 1), (4, 10000)]


def _labels(shape, dtype, seed):
  # Rows of non-negative weights that sum to one.
  p = random_array(shape, np.float64, 0.01, 1.0, seed=seed)
  return (p / p.sum(axis=-1, keepdims=True)).astype(dtype)


@pytest.mark.parametrize("dtype", FLOATS)
@pytest.mark.parametrize("op", ["Softmax", "LogSoftmax"])
def test_softmax(op, dtype):
  fn = tf.nn.softmax if op == "Softmax" else tf.nn.log_softmax
  for i, shape in enumerate(SHAPES):
    x = random_array(shape, dtype, -5, 5, seed=i)
    assert_gpu_matches_cpu(fn, [x])
  # Large logits: the max shift keeps exp finite.
  big = random_array((3, 17), dtype, 50, 60, seed=9)
  assert_gpu_matches_cpu(fn, [big])
  assert_gpu_matches_cpu(fn, [np.zeros((0, 5), dtype)])
  assert_gpu_matches_cpu(fn, [np.zeros((4, 0), dtype)])


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_softmax_gradients(dtype):
  x = random_array((7, 33), dtype, -3, 3, seed=1)
  dy = random_array((7, 33), dtype, seed=2)
  for fn in (tf.nn.softmax, tf.nn.log_softmax):
    assert_gpu_matches_cpu(lambda t, g: tf.gradients(fn(t), t, grad_ys=g), [x, dy])


@pytest.mark.parametrize("dtype", FLOATS)
def test_xent(dtype):
  for i, (ls, bs) in enumerate([((7, 1023), (7, 1023)), ((1, 1), (1, 1)), ((64, 10), (64, 10)),
                                ((5, 11), (1, 11)), ((1, 11), (5, 11)), ((5, 1), (5, 11)),
                                ((3, 4000), (3, 4000))]):
    x = random_array(ls, dtype, -3, 3, seed=i)
    y = _labels(bs, dtype, seed=i + 20)
    assert_gpu_matches_cpu(
        lambda a, b: list(gen_nn_ops.softmax_cross_entropy_with_logits(a, b)), [x, y])


def test_xent_empty():
  for shape in [(0, 5), (3, 0)]:
    x = np.zeros(shape, np.float32)
    assert_gpu_matches_cpu(
        lambda a, b: list(gen_nn_ops.softmax_cross_entropy_with_logits(a, b)), [x, x])


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_xent_gradient(dtype):
  x = random_array((9, 17), dtype, -3, 3, seed=1)
  y = _labels((9, 17), dtype, seed=2)
  dy = random_array((9,), dtype, seed=3)

  def build(a, b, g):
    loss = tf.nn.softmax_cross_entropy_with_logits_v2(labels=b, logits=a)
    return tf.gradients(loss, [a, b], grad_ys=g)
  assert_gpu_matches_cpu(build, [x, y, dy])


@pytest.mark.parametrize("label_dtype", [np.int32, np.int64])
@pytest.mark.parametrize("dtype", FLOATS)
def test_sparse_xent(dtype, label_dtype):
  for i, (rows, cols) in enumerate([(1, 1), (7, 1023), (64, 10), (3, 4000), (0, 5)]):
    x = random_array((rows, cols), dtype, -3, 3, seed=i)
    lab = random_array((rows,), label_dtype, 0, cols, seed=i + 10)
    assert_gpu_matches_cpu(
        lambda a, b: list(gen_nn_ops.sparse_softmax_cross_entropy_with_logits(a, b)), [x, lab])


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_sparse_xent_gradient(dtype):
  x = random_array((9, 17), dtype, -3, 3, seed=1)
  lab = random_array((9,), np.int64, 0, 17, seed=2)
  dy = random_array((9,), dtype, seed=3)

  def build(a, b, g):
    loss = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=b, logits=a)
    return [loss] + tf.gradients(loss, a, grad_ys=g)
  assert_gpu_matches_cpu(build, [x, lab, dy])


def _run(dev, build, inputs):
  g = tf.Graph()
  with g.as_default():
    phs = [tf.compat.v1.placeholder(tf.as_dtype(a.dtype), None) for a in inputs]
    with tf.device(dev):
      out = build(*phs)
    with tf.compat.v1.Session(graph=g) as sess:
      return sess.run(out, dict(zip(phs, inputs)))


@pytest.mark.parametrize("label_dtype", [np.int32, np.int64])
def test_sparse_xent_bad_label(label_dtype):
  x = random_array((4, 5), np.float32, seed=1)
  lab = np.array([0, 5, -1, 4], label_dtype)
  build = lambda a, b: list(gen_nn_ops.sparse_softmax_cross_entropy_with_logits(a, b))
  with pytest.raises(tf.errors.InvalidArgumentError, match="Received a label value of 5"):
    _run("/cpu:0", build, [x, lab])
  loss, backprop = _run("/gpu:0", build, [x, lab])
  assert np.isnan(loss[1]) and np.isnan(loss[2])
  assert np.isnan(backprop[1]).all() and np.isnan(backprop[2]).all()
  good = np.array([0, 4], label_dtype)
  ref_loss, ref_bp = _run("/cpu:0", build, [x[[0, 3]], good])
  np.testing.assert_allclose(loss[[0, 3]], ref_loss, rtol=1e-5, atol=1e-6)
  np.testing.assert_allclose(backprop[[0, 3]], ref_bp, rtol=1e-5, atol=1e-6)


def _error(dev, build, inputs):
  with pytest.raises(tf.errors.InvalidArgumentError) as info:
    _run(dev, build, inputs)
  return str(info.value)


@pytest.mark.parametrize("dev", ["/cpu:0", "/gpu:0"])
def test_errors(dev):
  x = random_array((2, 3), np.float32)
  assert "logits and labels must be broadcastable" in _error(
      dev, lambda a, b: gen_nn_ops.softmax_cross_entropy_with_logits(a, b)[0],
      [x, random_array((4,), np.float32)])
  assert "logits must be 2-D" in _error(
      dev, lambda a, b: gen_nn_ops.sparse_softmax_cross_entropy_with_logits(a, b)[0],
      [random_array((2, 3, 4), np.float32), np.zeros((2,), np.int32)])
  assert "must have the same first dimension" in _error(
      dev, lambda a, b: gen_nn_ops.sparse_softmax_cross_entropy_with_logits(a, b)[0],
      [x, np.zeros((3,), np.int64)])
