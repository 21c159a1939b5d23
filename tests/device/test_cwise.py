"""GPU element-wise kernels against the CPU ones: unary, broadcasting binary, comparisons,
gradient ops, Cast, Fill/ZerosLike/OnesLike, AddN, Select/SelectV2, BiasAdd/BiasAddGrad."""
import numpy as np
import pytest
import tensorflow as tf
from tensorflow.python.ops import gen_array_ops
from tensorflow.python.ops import gen_math_ops
from tensorflow.python.ops import gen_nn_ops

from device_util import assert_gpu_matches_cpu, random_array, requires_gpu

pytestmark = requires_gpu

FLOATS = [np.float32, np.float64, np.float16]
SHAPES = [(1,), (7,), (1023,), (3, 5, 7), (2, 3, 1, 4, 5)]

# op name -> (builder, low, high): inputs drawn from [low, high) keep every op in its domain.
UNARY = {
    "Neg": (tf.negative, -2, 2),
    "Abs": (tf.abs, -2, 2),
    "Sign": (tf.sign, -2, 2),
    "Square": (tf.square, -2, 2),
    "Sqrt": (tf.sqrt, 0.1, 4),
    "Rsqrt": (tf.math.rsqrt, 0.1, 4),
    "Reciprocal": (tf.math.reciprocal, 0.5, 4),
    "Inv": (gen_math_ops.inv, 0.5, 4),
    "Exp": (tf.exp, -3, 3),
    "Expm1": (tf.math.expm1, -3, 3),
    "Log": (tf.math.log, 0.1, 4),
    "Log1p": (tf.math.log1p, -0.9, 3),
    "Sin": (tf.sin, -3, 3),
    "Cos": (tf.cos, -3, 3),
    "Tanh": (tf.tanh, -3, 3),
    "Sigmoid": (tf.sigmoid, -6, 6),
    "Relu": (tf.nn.relu, -2, 2),
    "Relu6": (tf.nn.relu6, -3, 9),
    "Elu": (tf.nn.elu, -3, 3),
    "Selu": (tf.nn.selu, -3, 3),
    "Softplus": (tf.nn.softplus, -20, 20),
    "Softsign": (tf.nn.softsign, -3, 3),
    "Floor": (tf.floor, -5, 5),
    "Ceil": (tf.math.ceil, -5, 5),
    "Round": (tf.round, -5, 5),
    "Rint": (tf.math.rint, -5, 5),
}


@pytest.mark.parametrize("dtype", FLOATS)
@pytest.mark.parametrize("op", sorted(UNARY))
def test_unary(op, dtype):
  fn, low, high = UNARY[op]
  for i, shape in enumerate(SHAPES):
    x = random_array(shape, dtype, low, high, seed=i)
    assert_gpu_matches_cpu(fn, [x])


@pytest.mark.parametrize("op", ["Neg", "Abs", "Sign", "Square"])
def test_unary_int64(op):
  fn = UNARY[op][0]
  x = random_array((1023,), np.int64, -1000, 1000, seed=1)
  assert_gpu_matches_cpu(fn, [x])


@pytest.mark.parametrize("dtype", FLOATS)
def test_round_half_to_even_and_special_values(dtype):
  x = np.array([0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 3.49, -0.0, np.inf, -np.inf, np.nan],
               dtype=dtype)
  for fn in (tf.round, tf.math.rint, tf.floor, tf.math.ceil, tf.sign, tf.abs, tf.nn.relu,
             tf.nn.relu6, tf.sigmoid, tf.tanh, tf.nn.softplus):
    assert_gpu_matches_cpu(fn, [x])


@pytest.mark.parametrize("dtype", FLOATS)
def test_is_nan_inf_finite(dtype):
  x = random_array((1023,), dtype, seed=3)
  x[::7] = np.nan
  x[3::11] = np.inf
  x[5::13] = -np.inf
  for fn in (tf.math.is_nan, tf.math.is_inf, tf.math.is_finite):
    assert_gpu_matches_cpu(fn, [x])


def test_unary_empty():
  x = np.zeros((0, 3), np.float32)
  assert_gpu_matches_cpu(tf.exp, [x])
  assert_gpu_matches_cpu(tf.math.is_nan, [x])


def test_logical_not():
  assert_gpu_matches_cpu(tf.logical_not, [random_array((1023,), np.bool_, seed=4)])


BINARY = {
    "Add": (tf.add, -2, 2),
    "AddV2": (gen_math_ops.add_v2, -2, 2),
    "Sub": (tf.subtract, -2, 2),
    "Mul": (tf.multiply, -2, 2),
    "RealDiv": (gen_math_ops.real_div, 0.5, 3),
    "Div": (gen_math_ops.div, 0.5, 3),
    "Maximum": (tf.maximum, -2, 2),
    "Minimum": (tf.minimum, -2, 2),
    "SquaredDifference": (tf.math.squared_difference, -2, 2),
    "Pow": (tf.pow, 0.5, 2),
    "FloorDiv": (gen_math_ops.floor_div, 0.5, 5),
    "FloorMod": (gen_math_ops.floor_mod, 0.5, 5),
    "DivNoNan": (gen_math_ops.div_no_nan, 0.5, 3),
}

# (x shape, y shape): same shape, scalar either side, trailing/inner broadcasts, 5-D, 6-D with
# alternating broadcast dims (does not collapse), empty.
BCAST_SHAPES = [
    ((7,), (7,)),
    ((1023,), (1023,)),
    ((3, 5, 7), (3, 5, 7)),
    ((1023,), ()),
    ((), (1023,)),
    ((1,), (7,)),
    ((3, 1, 5), (1, 4, 5)),
    ((4, 1), (1, 6)),
    ((2, 3, 4, 5, 6), (3, 1, 5, 1)),
    ((2, 1, 3, 1, 2, 1), (1, 2, 1, 3, 1, 2)),
    ((0, 3), (1, 3)),
]


@pytest.mark.parametrize("dtype", FLOATS)
@pytest.mark.parametrize("op", sorted(BINARY))
def test_binary(op, dtype):
  fn, low, high = BINARY[op]
  for i, (sx, sy) in enumerate(BCAST_SHAPES):
    x = random_array(sx, dtype, low, high, seed=2 * i)
    y = random_array(sy, dtype, low, high, seed=2 * i + 1)
    assert_gpu_matches_cpu(fn, [x, y])


def test_binary_signed_operands():
  # FloorDiv/FloorMod/DivNoNan with mixed signs and zeros in the divisor.
  x = random_array((4, 257), np.float32, -5, 5, seed=7)
  y = random_array((4, 257), np.float32, -5, 5, seed=8)
  y[:, ::9] = 0.0
  for fn in (gen_math_ops.floor_div, gen_math_ops.floor_mod, gen_math_ops.div_no_nan):
    assert_gpu_matches_cpu(fn, [x, y])


def test_maximum_minimum_nan():
  x = np.array([1.0, np.nan, 2.0, np.nan, -1.0], np.float32)
  y = np.array([np.nan, 1.0, 3.0, np.nan, -2.0], np.float32)
  assert_gpu_matches_cpu(tf.maximum, [x, y])
  assert_gpu_matches_cpu(tf.minimum, [x, y])


@pytest.mark.parametrize("op", ["Add", "Sub", "Mul", "Maximum", "Minimum"])
def test_binary_int64(op):
  fn = BINARY[op][0]
  x = random_array((3, 1, 5), np.int64, -1000, 1000, seed=1)
  y = random_array((1, 4, 5), np.int64, -1000, 1000, seed=2)
  assert_gpu_matches_cpu(fn, [x, y])
  assert_gpu_matches_cpu(fn, [x, np.array(7, np.int64)])


COMPARE = [tf.less, tf.less_equal, tf.greater, tf.greater_equal, tf.equal, tf.not_equal]


@pytest.mark.parametrize("dtype", FLOATS + [np.int64])
def test_comparisons(dtype):
  for i, (sx, sy) in enumerate(BCAST_SHAPES):
    x = random_array(sx, dtype, -3, 3, seed=i)
    y = random_array(sy, dtype, -3, 3, seed=i + 50)
    if dtype != np.int64:
      # Some exact ties, so the (in)equalities see equal operands too.
      x = np.round(x)
      y = np.round(y)
    for fn in COMPARE:
      assert_gpu_matches_cpu(fn, [x, y])


def test_logical_binary_and_bool_equality():
  for sx, sy in [((1023,), (1023,)), ((3, 1, 5), (1, 4, 5)), ((), (7,))]:
    x = random_array(sx, np.bool_, seed=1)
    y = random_array(sy, np.bool_, seed=2)
    for fn in (tf.logical_and, tf.logical_or, tf.equal, tf.not_equal):
      assert_gpu_matches_cpu(fn, [x, y])


# Gradient ops built directly (first input, second input domains).
GRADS = {
    "TanhGrad": (gen_math_ops.tanh_grad, (-0.9, 0.9)),
    "SigmoidGrad": (gen_math_ops.sigmoid_grad, (0.1, 0.9)),
    "SqrtGrad": (gen_math_ops.sqrt_grad, (0.5, 3)),
    "RsqrtGrad": (gen_math_ops.rsqrt_grad, (0.5, 3)),
    "ReciprocalGrad": (gen_math_ops.reciprocal_grad, (0.5, 3)),
    "InvGrad": (gen_math_ops.inv_grad, (0.5, 3)),
    "ReluGrad": (gen_nn_ops.relu_grad, (-2, 2)),
    "Relu6Grad": (gen_nn_ops.relu6_grad, (-3, 9)),
    "EluGrad": (gen_nn_ops.elu_grad, (-0.9, 2)),
    "SeluGrad": (gen_nn_ops.selu_grad, (-1.5, 2)),
    "SoftplusGrad": (gen_nn_ops.softplus_grad, (-5, 5)),
    "SoftsignGrad": (gen_nn_ops.softsign_grad, (-3, 3)),
}


@pytest.mark.parametrize("dtype", FLOATS)
@pytest.mark.parametrize("op", sorted(GRADS))
def test_grad_ops(op, dtype):
  fn, (low, high) = GRADS[op]
  for i, shape in enumerate([(1,), (1023,), (3, 5, 7), (2, 3, 1, 4, 5)]):
    if op in ("ReluGrad", "Relu6Grad", "SoftplusGrad", "SoftsignGrad"):
      # (gradients, features)
      a = random_array(shape, dtype, -2, 2, seed=i)
      b = random_array(shape, dtype, low, high, seed=i + 9)
    elif op in ("EluGrad", "SeluGrad"):
      # (gradients, outputs)
      a = random_array(shape, dtype, -2, 2, seed=i)
      b = random_array(shape, dtype, low, high, seed=i + 9)
    else:
      # (y, dy)
      a = random_array(shape, dtype, low, high, seed=i)
      b = random_array(shape, dtype, -2, 2, seed=i + 9)
    assert_gpu_matches_cpu(fn, [a, b])


ACTIVATIONS = [tf.nn.relu, tf.nn.relu6, tf.nn.elu, tf.nn.selu, tf.nn.softplus, tf.nn.softsign,
               tf.tanh, tf.sigmoid, tf.sqrt, tf.math.rsqrt, tf.math.reciprocal]


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_gradients_through_tf_gradients(dtype):
  x = random_array((5, 33), dtype, 0.2, 3, seed=1)
  x[:, ::2] *= -1  # negative inputs for the activations
  dy = random_array((5, 33), dtype, seed=2)
  xp = np.abs(x)  # sqrt / rsqrt / reciprocal want positive inputs
  for f in ACTIVATIONS:
    inp = xp if f in (tf.sqrt, tf.math.rsqrt, tf.math.reciprocal) else x
    assert_gpu_matches_cpu(lambda a, g, f=f: tf.gradients(f(a), a, grad_ys=g)[0], [inp, dy])


CAST_TYPES = [np.float32, np.float64, np.float16, np.int64, np.bool_]


def _cast_input(dtype):
  if dtype == np.bool_:
    return random_array((1023,), np.bool_, seed=5)
  if dtype == np.int64:
    return random_array((1023,), np.int64, -300, 300, seed=5)
  x = random_array((1023,), dtype, -300, 300, seed=5)
  x[:5] = [0.0, -0.0, 0.5, -1.5, 2.75]
  return x


@pytest.mark.parametrize("src", CAST_TYPES)
@pytest.mark.parametrize("dst", CAST_TYPES)
def test_cast(src, dst):
  x = _cast_input(src)
  assert_gpu_matches_cpu(lambda a: tf.cast(a, tf.as_dtype(dst)), [x], rtol=0, atol=0)


def test_cast_truncate_to_half():
  x = random_array((1023,), np.float32, -300, 300, seed=6)
  for truncate in (False, True):
    assert_gpu_matches_cpu(lambda a: gen_math_ops.cast(a, tf.float16, Truncate=truncate), [x],
                           rtol=0, atol=0)


def test_cast_empty():
  assert_gpu_matches_cpu(lambda a: tf.cast(a, tf.float16), [np.zeros((0, 4), np.float32)])


@pytest.mark.parametrize("dtype", FLOATS + [np.int64, np.bool_])
def test_fill_zeros_ones_like(dtype):
  v = random_array((), dtype, -5, 5, seed=3)
  assert_gpu_matches_cpu(lambda a: tf.fill([3, 1, 5], a), [v])
  assert_gpu_matches_cpu(lambda a: tf.fill(tf.constant([1023], tf.int64), a), [v])
  x = random_array((3, 5, 7), dtype, -5, 5, seed=4)
  assert_gpu_matches_cpu(tf.zeros_like, [x])
  assert_gpu_matches_cpu(tf.ones_like, [x])
  assert_gpu_matches_cpu(tf.ones_like, [random_array((0, 2), dtype, seed=4)])


@pytest.mark.parametrize("dtype", FLOATS)
def test_add_n(dtype):
  for count in (2, 3, 16, 17, 40):
    xs = [random_array((3, 5, 7), dtype, seed=i) for i in range(count)]
    assert_gpu_matches_cpu(lambda *a: tf.add_n(list(a)), xs)
  assert_gpu_matches_cpu(lambda *a: tf.add_n(list(a)),
                         [random_array((1023,), dtype, seed=i) for i in range(2)])


@pytest.mark.parametrize("dtype", FLOATS + [np.int64, np.bool_])
def test_select(dtype):
  t = random_array((4, 3, 5), dtype, seed=1)
  e = random_array((4, 3, 5), dtype, seed=2)
  for cshape in [(4, 3, 5), (4,), ()]:
    c = random_array(cshape, np.bool_, seed=3)
    assert_gpu_matches_cpu(gen_math_ops.select, [c, t, e])
  # 1-D then/else with a condition of the same shape.
  assert_gpu_matches_cpu(gen_math_ops.select, [random_array((1023,), np.bool_, seed=4),
                                               random_array((1023,), dtype, seed=5),
                                               random_array((1023,), dtype, seed=6)])


@pytest.mark.parametrize("dtype", FLOATS + [np.int64, np.bool_])
def test_select_v2(dtype):
  cases = [((1023,), (1023,), (1023,)), ((3, 1), (1, 4), (3, 4)), ((), (3, 4), (4,)),
           ((2, 1, 3, 1, 5), (1, 4, 1, 2, 1), (4, 3, 2, 5)), ((0, 3), (1, 3), (3,))]
  for i, (sc, st, se) in enumerate(cases):
    c = random_array(sc, np.bool_, seed=i)
    t = random_array(st, dtype, seed=i + 10)
    e = random_array(se, dtype, seed=i + 20)
    assert_gpu_matches_cpu(gen_math_ops.select_v2, [c, t, e])


@pytest.mark.parametrize("dtype", FLOATS)
def test_bias_add(dtype):
  for shape, fmt in [((5, 7), "NHWC"), ((2, 3, 4, 33), "NHWC"), ((2, 33, 4, 3), "NCHW"),
                     ((3, 5, 2, 2, 2), "NCHW"), ((0, 4), "NHWC")]:
    channels = shape[1] if fmt == "NCHW" else shape[-1]
    x = random_array(shape, dtype, seed=1)
    b = random_array((channels,), dtype, seed=2)
    assert_gpu_matches_cpu(lambda a, c, fmt=fmt: tf.nn.bias_add(a, c, data_format=fmt), [x, b])
  x = random_array((4, 9), dtype, seed=3)
  b = random_array((9,), dtype, seed=4)
  assert_gpu_matches_cpu(gen_nn_ops.bias_add_v1, [x, b])


@pytest.mark.parametrize("dtype", FLOATS)
def test_bias_add_grad(dtype):
  cases = [((5, 7), "NHWC"), ((2, 3, 4, 33), "NHWC"), ((2, 33, 4, 3), "NCHW"),
           ((16384, 40), "NHWC"), ((8, 3, 64, 64), "NCHW"), ((0, 6), "NHWC"),
           ((4, 1000), "NHWC"), ((3, 5, 2, 2, 2), "NCHW")]
  for shape, fmt in cases:
    g = random_array(shape, dtype, seed=5)
    # Sums of thousands of values: the CPU's order and the GPU's differ in the last bits.
    rtol = 1e-2 if dtype == np.float16 else (1e-4 if dtype == np.float32 else 1e-10)
    assert_gpu_matches_cpu(lambda a, fmt=fmt: gen_nn_ops.bias_add_grad(a, data_format=fmt), [g],
                           rtol=rtol)


def test_bias_add_gradient_via_tf_gradients():
  x = random_array((6, 5, 17), np.float32, seed=1)
  b = random_array((17,), np.float32, seed=2)
  dy = random_array((6, 5, 17), np.float32, seed=3)
  assert_gpu_matches_cpu(
      lambda a, c, g: tf.gradients(tf.nn.bias_add(a, c), [a, c], grad_ys=g), [x, b, dy])


# ---- bad input: the GPU kernels raise what the CPU ones raise -----------------------------------
def _gpu_error(build, inputs):
  """Runs build on the GPU from unknown-shape placeholders; returns the raised error."""
  g = tf.Graph()
  with g.as_default():
    phs = [tf.compat.v1.placeholder(tf.as_dtype(a.dtype), None) for a in inputs]
    with tf.device("/gpu:0"):
      out = build(*phs)
    with tf.compat.v1.Session(graph=g) as sess:
      with pytest.raises(tf.errors.InvalidArgumentError) as info:
        sess.run(out, dict(zip(phs, inputs)))
  return str(info.value)


def test_error_incompatible_broadcast():
  x = random_array((2, 3), np.float32)
  y = random_array((4,), np.float32)
  assert "Incompatible shapes: [2,3] vs. [4]" in _gpu_error(tf.add, [x, y])
  assert "Incompatible shapes" in _gpu_error(tf.less, [x, y])


def test_error_grad_shapes():
  a = random_array((2, 3), np.float32)
  b = random_array((3, 2), np.float32)
  msg = _gpu_error(gen_nn_ops.relu_grad, [a, b])
  assert "must have the same size and shape" in msg


def test_error_select_v2_and_select():
  c = random_array((3,), np.bool_)
  t = random_array((2, 4), np.float32)
  assert "Incompatible shapes" in _gpu_error(gen_math_ops.select_v2, [c, t, t])
  msg = _gpu_error(gen_math_ops.select, [c, t, t])
  assert "Number of batches of 'then' must match size of 'cond'" in msg


def test_error_add_n_shapes():
  a = random_array((2, 3), np.float32)
  b = random_array((3,), np.float32)
  assert "must have the same size and shape" in _gpu_error(lambda x, y: tf.add_n([x, y]), [a, b])


def test_error_bias_add():
  x = random_array((2, 3), np.float32)
  b = random_array((4,), np.float32)
  assert "Must provide as many biases" in _gpu_error(tf.nn.bias_add, [x, b])
  v = random_array((5,), np.float32)
  assert "Input tensor must be at least 2D" in _gpu_error(
      lambda a: gen_nn_ops.bias_add_grad(a), [v])


def test_error_fill_dims():
  dims = np.array([[2, 3]], np.int32)
  v = np.array(1.5, np.float32)
  assert "dims must be a vector" in _gpu_error(gen_array_ops.fill, [dims, v])
