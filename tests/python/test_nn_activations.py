"""tf.nn activations, bias_add and the softmax wrappers against NumPy."""
import numpy as np
import pytest

import tensorflow as tf
from op_test_util import fresh_graph, np_softmax, run  # noqa: F401

RNG = np.random.RandomState(7)
FLOATS = [tf.float16, tf.bfloat16, tf.float32, tf.float64]
TOL = {tf.float16: 2e-3, tf.bfloat16: 2e-2, tf.float32: 1e-5, tf.float64: 1e-12}


SELU_SCALE = 1.0507009873554804934193349852946
SELU_ALPHA = 1.6732632423543772848170429916717

ACTIVATIONS = [
    (tf.nn.relu, lambda x: np.maximum(x, 0)),
    (tf.nn.relu6, lambda x: np.minimum(np.maximum(x, 0), 6)),
    (tf.nn.elu, lambda x: np.where(x < 0, np.expm1(x), x)),
    (tf.nn.selu, lambda x: SELU_SCALE * np.where(x < 0, SELU_ALPHA * np.expm1(x), x)),
    (tf.nn.softplus, lambda x: np.logaddexp(0, x)),
    (tf.nn.softsign, lambda x: x / (1 + np.abs(x))),
    # alpha is a float attr, so float64 inputs see float32(0.2), as in TF.
    (tf.nn.leaky_relu, lambda x: np.where(x < 0, float(np.float32(0.2)) * x, x)),
    (tf.nn.sigmoid, lambda x: 1 / (1 + np.exp(-x))),
    (tf.nn.tanh, np.tanh),
]


@pytest.mark.parametrize("fn,ref", ACTIVATIONS, ids=[a[0].__name__ for a in ACTIVATIONS])
def test_activation_values(fn, ref):
  for dt in FLOATS:
    x = RNG.uniform(-8, 8, (4, 6)).astype(dt.as_numpy_dtype)
    got = run(fn(tf.constant(x)))
    assert got.dtype == x.dtype
    np.testing.assert_allclose(got.astype(np.float64), ref(x.astype(np.float64)),
                               rtol=TOL[dt], atol=TOL[dt])


def test_relu_integer_types():
  for dt in [tf.int8, tf.uint8, tf.int32, tf.int64]:
    x = np.array([-3, 0, 5, 9], dt.as_numpy_dtype) if not dt.is_unsigned else \
        np.array([0, 3, 5, 9], dt.as_numpy_dtype)
    np.testing.assert_array_equal(run(tf.nn.relu(x)), np.maximum(x, 0))
    np.testing.assert_array_equal(run(tf.nn.relu6(x)), np.clip(x, 0, 6))


def test_softplus_extremes():
  x = np.array([-100.0, -20.0, 0.0, 20.0, 100.0], np.float32)
  got = run(tf.nn.softplus(x))
  np.testing.assert_allclose(got, np.logaddexp(0, x.astype(np.float64)), rtol=1e-6,
                             atol=1e-38)  # e^-100 is denormal in float32
  assert np.all(np.isfinite(got))


def test_leaky_relu_alpha_and_ints():
  x = np.array([-2.0, -0.5, 0.0, 3.0], np.float32)
  np.testing.assert_allclose(run(tf.nn.leaky_relu(x, alpha=0.1)), [-0.2, -0.05, 0, 3],
                             rtol=1e-6)
  y = tf.nn.leaky_relu(tf.constant([-4, 2]), alpha=np.float32(0.5))
  assert y.dtype == tf.float32
  np.testing.assert_allclose(run(y), [-2.0, 2.0])
  assert tf.nn.leaky_relu(x).op.get_attr("alpha") == pytest.approx(0.2)


def test_bias_add():
  x = RNG.randn(2, 3, 4, 5).astype(np.float32)
  b = RNG.randn(5).astype(np.float32)
  np.testing.assert_allclose(run(tf.nn.bias_add(x, b)), x + b, rtol=1e-6)
  bc = RNG.randn(3).astype(np.float32)
  got = run(tf.nn.bias_add(x, bc, data_format="NCHW"))
  np.testing.assert_allclose(got, x + bc[None, :, None, None], rtol=1e-6)
  xi = np.arange(6, dtype=np.int32).reshape(2, 3)
  np.testing.assert_array_equal(run(tf.nn.bias_add(xi, [10, 20, 30])), xi + [10, 20, 30])
  op = tf.nn.bias_add(x, b).op
  assert op.type == "BiasAdd" and op.get_attr("data_format") in (b"NHWC", "NHWC")
  with pytest.raises(ValueError):
    tf.nn.bias_add(x, np.zeros(4, np.float32))
  with pytest.raises(ValueError):
    tf.nn.bias_add(np.zeros(3, np.float32), np.zeros(3, np.float32))
  with pytest.raises(ValueError, match="data_format"):
    tf.nn.bias_add(x, b, data_format="HWNC")
  p = tf.placeholder(tf.float32)
  with pytest.raises(tf.errors.InvalidArgumentError, match="Must provide as many biases"):
    run(tf.nn.bias_add(p, b), {p: np.zeros((2, 4), np.float32)})


def test_softmax_and_log_softmax():
  x = RNG.randn(2, 3, 4).astype(np.float32)
  for axis in [-1, 2, 1, 0, -3]:
    np.testing.assert_allclose(run(tf.nn.softmax(x, axis=axis)), np_softmax(x, axis),
                               rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(run(tf.nn.log_softmax(x, axis=axis)),
                               np.log(np_softmax(x, axis)), rtol=1e-5, atol=1e-5)
  np.testing.assert_allclose(run(tf.nn.softmax(x, dim=1)), np_softmax(x, 1), rtol=1e-5)
  assert tf.nn.softmax(x, axis=0).shape.as_list() == [2, 3, 4]
  assert tf.nn.softmax(x).op.type == "Softmax"
  with pytest.raises(tf.errors.InvalidArgumentError):
    tf.nn.softmax(x, axis=3)
  assert tf.math.softmax is tf.nn.softmax and tf.math.log_softmax is tf.nn.log_softmax
  assert tf.math.softplus is tf.nn.softplus and tf.math.softsign is tf.nn.softsign


@pytest.mark.parametrize("dtype", FLOATS, ids=lambda d: d.name)
@pytest.mark.parametrize("shape", [[], [0], [7], [3, 5], [40000]])
def test_l2_loss(fresh_graph, dtype, shape):
  x = RNG.uniform(-2, 2, shape).astype(np.float64)
  t = tf.constant(x, dtype=dtype)
  y = tf.nn.l2_loss(t)
  assert y.op.type == "L2Loss" and y.op.name == "L2Loss" and y.shape.ndims == 0
  xd = np.asarray(run(t), np.float64)
  got = run(y)
  assert got.dtype == dtype.as_numpy_dtype
  np.testing.assert_allclose(float(got), (xd ** 2).sum() / 2, rtol=max(TOL[dtype], 1e-6))


def test_l2_loss_rejects_integers(fresh_graph):
  with pytest.raises(TypeError):
    tf.nn.l2_loss(tf.constant([1, 2]))
