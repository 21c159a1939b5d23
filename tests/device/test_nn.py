"""GPU vs CPU: Conv2D and its two gradients (cuDNN), max/avg pooling and their gradients, and
FusedBatchNorm forward and backward."""
import itertools

import numpy as np
import pytest
import tensorflow as tf
from tensorflow.python.ops import gen_nn_ops

from device_util import assert_gpu_matches_cpu, random_array, requires_gpu

pytestmark = requires_gpu

# TF32 tensor cores are on for float32 convolutions, as in TF.
CONV_RTOL = 2e-3


def _out_size(n, k, stride, dilation, padding):
  eff = (k - 1) * dilation + 1
  if padding == "SAME":
    return -(-n // stride)
  if padding == "VALID":
    return (n - eff + stride) // stride
  before, after = padding
  return (n + before + after - eff + stride) // stride


def _layout(shape_nhwc, data_format):
  n, h, w, c = shape_nhwc
  return (n, h, w, c) if data_format == "NHWC" else (n, c, h, w)


def _conv_case(data_format, padding, stride, dilation, in_hw=(7, 9), k_hw=(3, 2), depth=(3, 5),
               batch=2, dtype=np.float32, rtol=CONV_RTOL):
  h, w = in_hw
  kh, kw = k_hw
  if isinstance(padding, str):
    tf_padding = padding
    pads = (padding, padding)
  else:
    pads = padding
    spatial = [[0, 0], list(pads[0]), list(pads[1])]
    tf_padding = ([[0, 0]] + spatial[1:] + [[0, 0]] if data_format == "NHWC" else
                  [[0, 0], [0, 0]] + spatial[1:])
  oh = _out_size(h, kh, stride, dilation, pads[0])
  ow = _out_size(w, kw, stride, dilation, pads[1])
  x = random_array(_layout((batch, h, w, depth[0]), data_format), dtype, seed=1)
  f = random_array((kh, kw, depth[0], depth[1]), dtype, seed=2)
  g = random_array(_layout((batch, oh, ow, depth[1]), data_format), dtype, seed=3)
  if data_format == "NHWC":
    strides, dilations = [1, stride, stride, 1], [1, dilation, dilation, 1]
  else:
    strides, dilations = [1, 1, stride, stride], [1, 1, dilation, dilation]

  def build(x, f, g):
    y = tf.nn.conv2d(x, f, strides=strides, padding=tf_padding, data_format=data_format,
                     dilations=dilations)
    dx, df = tf.gradients(y, [x, f], grad_ys=g)
    return [y, dx, df]

  assert_gpu_matches_cpu(build, [x, f, g], rtol=rtol)


@pytest.mark.parametrize("data_format,padding,stride,dilation",
                         list(itertools.product(["NHWC", "NCHW"], ["SAME", "VALID"], [1, 2],
                                                [1, 2])))
def test_conv2d_and_grads(data_format, padding, stride, dilation):
  _conv_case(data_format, padding, stride, dilation)


@pytest.mark.parametrize("data_format", ["NHWC", "NCHW"])
def test_conv2d_odd_same_padding_even_input(data_format):
  # SAME with an even input and an even filter pads one more row/column at the bottom/right.
  _conv_case(data_format, "SAME", 2, 1, in_hw=(8, 6), k_hw=(2, 4), depth=(4, 3), batch=1)
  _conv_case(data_format, "SAME", 1, 1, in_hw=(6, 5), k_hw=(4, 2), depth=(2, 6), batch=3)


@pytest.mark.parametrize("data_format", ["NHWC", "NCHW"])
def test_conv2d_explicit_padding(data_format):
  _conv_case(data_format, ((1, 2), (3, 0)), 1, 1)
  _conv_case(data_format, ((0, 1), (2, 2)), 2, 1, in_hw=(6, 7))
  _conv_case(data_format, ((2, 0), (1, 1)), 1, 2, in_hw=(9, 8))


def test_conv2d_one_by_one_and_single_pixel():
  _conv_case("NHWC", "VALID", 1, 1, in_hw=(1, 1), k_hw=(1, 1), depth=(1, 1), batch=1)
  _conv_case("NCHW", "SAME", 1, 1, in_hw=(1, 7), k_hw=(1, 3), depth=(7, 1), batch=1)
  _conv_case("NHWC", "SAME", 2, 1, in_hw=(33, 31), k_hw=(5, 5), depth=(16, 32), batch=2)


def test_conv2d_half():
  _conv_case("NHWC", "SAME", 2, 1, dtype=np.float16, rtol=1e-2)
  _conv_case("NCHW", "VALID", 1, 2, dtype=np.float16, rtol=1e-2)


def test_conv2d_empty_batch():
  x = np.zeros((0, 5, 5, 3), np.float32)
  f = random_array((3, 3, 3, 4), seed=4)
  g = np.zeros((0, 5, 5, 4), np.float32)

  def build(x, f, g):
    y = tf.nn.conv2d(x, f, strides=[1, 1, 1, 1], padding="SAME")
    return [y] + tf.gradients(y, [x, f], grad_ys=g)

  assert_gpu_matches_cpu(build, [x, f, g], rtol=CONV_RTOL)


def test_conv2d_bad_depth_on_gpu():
  g = tf.Graph()
  with g.as_default():
    x = tf.compat.v1.placeholder(tf.float32, None)
    f = tf.compat.v1.placeholder(tf.float32, None)
    with tf.device("/gpu:0"):
      y = tf.nn.conv2d(x, f, strides=[1, 1, 1, 1], padding="VALID")
    with tf.compat.v1.Session(graph=g) as sess:
      with pytest.raises(tf.errors.InvalidArgumentError, match="evenly divisible"):
        sess.run(y, {x: random_array((1, 4, 4, 5)), f: random_array((2, 2, 3, 2))})


# ---- pooling -------------------------------------------------------------------------------


def _pool_case(kind, data_format, padding, ksize, stride, shape=(2, 7, 9, 3), dtype=np.float32,
               x=None, rtol=None):
  n, h, w, c = shape
  oh = _out_size(h, ksize, stride, 1, padding)
  ow = _out_size(w, ksize, stride, 1, padding)
  if x is None:
    x = random_array(_layout(shape, data_format), dtype, seed=5)
  g = random_array(_layout((n, oh, ow, c), data_format), dtype, seed=6)
  if data_format == "NHWC":
    k, s = [1, ksize, ksize, 1], [1, stride, stride, 1]
  else:
    k, s = [1, 1, ksize, ksize], [1, 1, stride, stride]

  def build(x, g):
    if kind == "max":
      y = tf.nn.max_pool(x, k, s, padding, data_format=data_format)
    elif kind == "avg":
      y = tf.nn.avg_pool(x, k, s, padding, data_format=data_format)
    else:
      y = gen_nn_ops.max_pool_v2(x, tf.constant(k), tf.constant(s), padding,
                                 data_format=data_format)
    return [y, tf.gradients(y, x, grad_ys=g)[0]]

  assert_gpu_matches_cpu(build, [x, g], rtol=rtol)


@pytest.mark.parametrize("kind,data_format,padding,window",
                         list(itertools.product(["max", "avg"], ["NHWC", "NCHW"],
                                                ["SAME", "VALID"], [(3, 2), (2, 2), (3, 1)])))
def test_pool_and_grad(kind, data_format, padding, window):
  _pool_case(kind, data_format, padding, *window)


@pytest.mark.parametrize("dtype", [np.float16, np.float64])
def test_pool_other_dtypes(dtype):
  _pool_case("max", "NHWC", "SAME", 3, 2, dtype=dtype)
  _pool_case("avg", "NCHW", "SAME", 3, 2, dtype=dtype)


def test_max_pool_v2():
  _pool_case("max_v2", "NHWC", "SAME", 2, 2)
  _pool_case("max_v2", "NCHW", "VALID", 3, 1)


def test_max_pool_grad_ties_go_to_first_max():
  # Few distinct values: most windows hold several maxima, and the CPU's rule (the first in
  # row-major window order wins) must be the GPU's.
  rng = np.random.default_rng(7)
  for data_format, padding in [("NHWC", "SAME"), ("NCHW", "VALID")]:
    x = rng.integers(0, 3, size=_layout((2, 8, 7, 3), data_format)).astype(np.float32)
    _pool_case("max", data_format, padding, 3, 1, shape=(2, 8, 7, 3), x=x)
    _pool_case("max", data_format, padding, 2, 2, shape=(2, 8, 7, 3), x=x)


def test_pool_large_and_single():
  _pool_case("avg", "NHWC", "SAME", 3, 2, shape=(1, 1, 1, 1023))
  _pool_case("max", "NCHW", "SAME", 5, 3, shape=(3, 31, 29, 4))
  _pool_case("avg", "NHWC", "VALID", 7, 7, shape=(2, 7, 7, 5))


def test_max_pool_grad_bad_shape_on_gpu():
  g = tf.Graph()
  with g.as_default():
    x = tf.compat.v1.placeholder(tf.float32, None)
    y = tf.compat.v1.placeholder(tf.float32, None)
    dy = tf.compat.v1.placeholder(tf.float32, None)
    with tf.device("/gpu:0"):
      r = gen_nn_ops.max_pool_grad(x, y, dy, [1, 2, 2, 1], [1, 2, 2, 1], "VALID")
    with tf.compat.v1.Session(graph=g) as sess:
      with pytest.raises(tf.errors.InvalidArgumentError, match="orig_output shape"):
        sess.run(r, {x: random_array((1, 4, 4, 2)), y: random_array((1, 3, 3, 2)),
                     dy: random_array((1, 2, 2, 2))})


# ---- fused batch norm ----------------------------------------------------------------------


def _bn_case(data_format, is_training, version, shape=(2, 5, 7, 3), dtype=np.float32,
             rtol=1e-4):
  n, h, w, c = shape
  x = random_array(_layout(shape, data_format), dtype, seed=8)
  scale = random_array((c,), np.float32, 0.5, 1.5, seed=9)
  offset = random_array((c,), np.float32, seed=10)
  mean = random_array((c,), np.float32, seed=11)
  var = random_array((c,), np.float32, 0.5, 2.0, seed=12)
  dy = random_array(_layout(shape, data_format), dtype, seed=13)
  op = {1: gen_nn_ops.fused_batch_norm, 2: gen_nn_ops.fused_batch_norm_v2,
        3: gen_nn_ops.fused_batch_norm_v3}[version]

  def build(x, scale, offset, mean, var, dy):
    if is_training:
      empty = tf.constant([], tf.float32)
      outs = op(x, scale, offset, empty, empty, epsilon=0.001, data_format=data_format,
                is_training=True)
    else:
      outs = op(x, scale, offset, mean, var, epsilon=0.001, data_format=data_format,
                is_training=False)
    grads = tf.gradients(outs[0], [x, scale, offset], grad_ys=dy)
    return list(outs[:5]) + grads

  assert_gpu_matches_cpu(build, [x, scale, offset, mean, var, dy], rtol=rtol)


@pytest.mark.parametrize("data_format,is_training,version",
                         list(itertools.product(["NHWC", "NCHW"], [True, False], [1, 2, 3])))
def test_fused_batch_norm_and_grad(data_format, is_training, version):
  _bn_case(data_format, is_training, version)


def test_fused_batch_norm_half_and_large():
  _bn_case("NHWC", True, 3, dtype=np.float16, rtol=1e-2)
  _bn_case("NCHW", False, 3, dtype=np.float16, rtol=1e-2)
  _bn_case("NHWC", True, 3, shape=(4, 33, 17, 70))
  _bn_case("NCHW", True, 2, shape=(3, 1, 1023, 5))


def test_fused_batch_norm_bad_scale_on_gpu():
  g = tf.Graph()
  with g.as_default():
    x = tf.compat.v1.placeholder(tf.float32, None)
    s = tf.compat.v1.placeholder(tf.float32, None)
    with tf.device("/gpu:0"):
      empty = tf.constant([], tf.float32)
      y = gen_nn_ops.fused_batch_norm_v3(x, s, s, empty, empty, is_training=True)[0]
    with tf.compat.v1.Session(graph=g) as sess:
      with pytest.raises(tf.errors.InvalidArgumentError, match="scale must have the same"):
        sess.run(y, {x: random_array((1, 2, 2, 3)), s: random_array((4,))})
