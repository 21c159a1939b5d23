"""Element-wise math ops against NumPy: values over dtypes and broadcast shapes, TF 1.15's
division/rounding/cast semantics, operator overloads, op names and errors."""
import math

import numpy as np
import pytest

import tensorflow as tf
from op_test_util import assert_close, fresh_graph, random_values, run, tolerances  # noqa: F401

try:
  from scipy import special as sp_special  # optional: exact references for erf/lgamma/...
except ImportError:  # pragma: no cover
  sp_special = None

RNG = np.random.RandomState(1234)


tol = tolerances(float16=(2e-3, 2e-3), bfloat16=(2e-2, 2e-2), float32=(2e-5, 1e-6))


def np_dtype(dt):
  return tf.as_dtype(dt).as_numpy_dtype


def rand(shape, dt, lo=-3.0, hi=3.0):
  return random_values(RNG, shape, dt, lo, hi)


def check_close(got, want, dt):
  assert_close(got, want, dt, tol, equal_nan=True)


def _vec(f):
  return np.vectorize(f, otypes=[np.float64])


def _digamma(x):
  if sp_special is not None:
    return sp_special.digamma(x)
  def psi(v):
    if v <= 0 and v == math.floor(v):
      return float("nan")
    res = 0.0
    if v < 0:
      res -= math.pi / math.tan(math.pi * v)
      v = 1 - v
    while v < 10:
      res -= 1 / v
      v += 1
    t = 1 / (v * v)
    return res + math.log(v) - 0.5 / v - t * (1 / 12 - t * (1 / 120 - t * (1 / 252 - t * (
        1 / 240 - t * (1 / 132 - t * (691 / 32760 - t / 12))))))
  return _vec(psi)(x)


FLOATS = [tf.float16, tf.bfloat16, tf.float32, tf.float64]
FLOATS_C = FLOATS + [tf.complex64, tf.complex128]
NUMERIC_UNARY = FLOATS_C + [tf.int32, tf.int64]

# (function, numpy reference, dtypes, (lo, hi) input range)
UNARY = [
    (tf.negative, np.negative, NUMERIC_UNARY, (-5, 5)),
    (tf.abs, np.abs, FLOATS + [tf.int8, tf.int16, tf.int32, tf.int64], (-5, 5)),
    (tf.sign, np.sign, FLOATS + [tf.int32, tf.int64], (-5, 5)),
    (tf.square, np.square, NUMERIC_UNARY, (-5, 5)),
    (tf.sqrt, np.sqrt, FLOATS_C, (0.1, 5)),
    (tf.math.rsqrt, lambda x: 1 / np.sqrt(x), FLOATS_C, (0.1, 5)),
    (tf.exp, np.exp, FLOATS_C, (-3, 3)),
    (tf.math.expm1, np.expm1, FLOATS_C, (-3, 3)),
    (tf.log, np.log, FLOATS_C, (0.1, 5)),
    (tf.math.log1p, np.log1p, FLOATS_C, (-0.9, 5)),
    (tf.sin, np.sin, FLOATS_C, (-3, 3)),
    (tf.cos, np.cos, FLOATS_C, (-3, 3)),
    (tf.tan, np.tan, FLOATS, (-1.2, 1.2)),
    (tf.asin, np.arcsin, FLOATS, (-0.99, 0.99)),
    (tf.acos, np.arccos, FLOATS, (-0.99, 0.99)),
    (tf.atan, np.arctan, FLOATS, (-5, 5)),
    (tf.sinh, np.sinh, FLOATS_C, (-3, 3)),
    (tf.cosh, np.cosh, FLOATS_C, (-3, 3)),
    (tf.tanh, np.tanh, FLOATS_C, (-3, 3)),
    (tf.math.asinh, np.arcsinh, FLOATS, (-3, 3)),
    (tf.math.acosh, np.arccosh, FLOATS, (1.01, 4)),
    (tf.math.atanh, np.arctanh, FLOATS, (-0.9, 0.9)),
    (tf.sigmoid, lambda x: 1 / (1 + np.exp(-x)), FLOATS_C, (-8, 8)),
    (tf.math.reciprocal, np.reciprocal, FLOATS_C, (0.5, 5)),
    (tf.floor, np.floor, FLOATS, (-5, 5)),
    (tf.ceil, np.ceil, FLOATS, (-5, 5)),
    (tf.round, np.round, FLOATS, (-5, 5)),
    (tf.rint, np.rint, FLOATS, (-5, 5)),
    (tf.erf, _vec(math.erf), FLOATS, (-3, 3)),
    (tf.erfc, _vec(math.erfc), FLOATS, (-3, 3)),
    (tf.lgamma, _vec(math.lgamma), FLOATS, (0.1, 6)),
    (tf.digamma, _digamma, FLOATS, (-3.9, 6)),
    (tf.is_nan, np.isnan, FLOATS, (-5, 5)),
    (tf.is_inf, np.isinf, FLOATS, (-5, 5)),
    (tf.is_finite, np.isfinite, FLOATS, (-5, 5)),
    (tf.logical_not, np.logical_not, [tf.bool], (0, 1)),
]


@pytest.mark.parametrize("fn,ref,dts,rng", UNARY, ids=[u[0].__name__ for u in UNARY])
def test_unary_values(fn, ref, dts, rng):
  for dt in dts:
    x = rand((3, 5), dt, *rng)
    if fn in (tf.is_nan, tf.is_inf, tf.is_finite) and not tf.as_dtype(dt).is_integer:
      x[0, 0], x[1, 1], x[2, 2] = np.nan, np.inf, -np.inf
    # The reference sees what the op sees: the input rounded to dt.
    want = ref(x.astype(np.complex128 if np.iscomplexobj(x) else np.float64)) \
        if x.dtype != np.bool_ and not tf.as_dtype(dt).is_integer else ref(x)
    got = run(fn(tf.constant(x, dtype=dt)))
    assert got.dtype == np.asarray(want).astype(got.dtype).dtype
    check_close(got, want, dt)


def test_digamma_known_values():
  got = run(tf.digamma(tf.constant([1.0, 0.5, 10.0, -0.5], tf.float64)))
  np.testing.assert_allclose(got, [-0.5772156649015329, -1.9635100260214235,
                                   2.251752589066721, 0.03648997397857652], rtol=1e-13)


def test_round_is_bankers_and_keeps_ints():
  x = np.array([0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 2.4, -2.6, 3.5], np.float32)
  np.testing.assert_array_equal(run(tf.round(x)), np.round(x))
  np.testing.assert_array_equal(run(tf.rint(x)), np.rint(x))
  i = tf.constant([1, -2], tf.int32)
  assert tf.round(i) is i


def test_unary_edge_values():
  x = np.array([0.0, -0.0, np.nan, np.inf, -np.inf, -1.0, 50.0, -50.0], np.float32)
  np.testing.assert_array_equal(run(tf.sign(x)), np.sign(x))
  got = run(tf.sigmoid(x))
  np.testing.assert_allclose(got[np.isfinite(x)],
                             1 / (1 + np.exp(-x[np.isfinite(x)].astype(np.float64))), rtol=1e-6)
  assert got[3] == 1.0 and got[4] == 0.0
  np.testing.assert_array_equal(run(tf.negative(tf.constant([-2**31], tf.int32))), [-2**31])


# ---- binary ------------------------------------------------------------------------------------
SHAPES = [((3, 4), (3, 4)), ((3, 4), (4,)), ((2, 1, 3), (4, 1)), ((), (3,)), ((5,), ()),
          ((1, 4), (3, 1)), ((0, 3), (3,))]
INTS = [tf.uint8, tf.int8, tf.uint16, tf.int16, tf.int32, tf.int64]


def _nonzero(y):
  y = np.array(y)
  y[y == 0] = 1
  return y


def _np_trunc_div(x, y):
  if np.issubdtype(x.dtype, np.integer):
    q = np.abs(x.astype(np.int64)) // np.abs(y.astype(np.int64))
    return (np.sign(x.astype(np.int64)) * np.sign(y.astype(np.int64)) * q).astype(x.dtype)
  return np.trunc(x / y)


BINARY = [
    ("add", tf.add, np.add, FLOATS_C + [tf.uint8, tf.int8, tf.int16, tf.int32, tf.int64]),
    ("subtract", tf.subtract, np.subtract, FLOATS_C + INTS),
    ("multiply", tf.multiply, np.multiply, FLOATS_C + INTS),
    ("realdiv", tf.realdiv, np.divide, FLOATS_C),
    ("floordiv", tf.floordiv, np.floor_divide, FLOATS + INTS),
    ("floormod", tf.floormod, np.mod, FLOATS[2:] + [tf.int32, tf.int64]),
    ("truncatediv", tf.truncatediv, _np_trunc_div, INTS),
    ("truncatemod", tf.truncatemod, np.fmod, FLOATS[2:] + [tf.int32, tf.int64]),
    ("maximum", tf.maximum, np.maximum, FLOATS + [tf.int32, tf.int64]),
    ("minimum", tf.minimum, np.minimum, FLOATS + [tf.int32, tf.int64]),
    ("squared_difference", tf.squared_difference, lambda a, b: np.square(a - b),
     FLOATS + [tf.int32, tf.int64]),
    ("atan2", tf.atan2, np.arctan2, FLOATS),
    ("pow", tf.pow, np.power, [tf.float32, tf.float64, tf.int32, tf.int64]),
    ("less", tf.less, np.less, FLOATS + INTS),
    ("less_equal", tf.less_equal, np.less_equal, FLOATS + INTS),
    ("greater", tf.greater, np.greater, FLOATS + INTS),
    ("greater_equal", tf.greater_equal, np.greater_equal, FLOATS + INTS),
    ("equal", tf.equal, np.equal, FLOATS_C + [tf.uint8, tf.int8, tf.int16, tf.int32, tf.int64,
                                              tf.bool]),
    ("not_equal", tf.not_equal, np.not_equal, FLOATS_C + [tf.int32, tf.bool]),
    ("logical_and", tf.logical_and, np.logical_and, [tf.bool]),
    ("logical_or", tf.logical_or, np.logical_or, [tf.bool]),
    ("logical_xor", tf.logical_xor, np.logical_xor, [tf.bool]),
    ("div_no_nan", tf.div_no_nan, lambda a, b: np.where(b == 0, 0, a / np.where(b == 0, 1, b)),
     [tf.float16, tf.float32, tf.float64]),
]


@pytest.mark.parametrize("name,fn,ref,dts", BINARY, ids=[b[0] for b in BINARY])
def test_binary_values_broadcast(name, fn, ref, dts):
  for dt in dts:
    for sx, sy in SHAPES:
      lo, hi = (-6, 6)
      if tf.as_dtype(dt).is_unsigned:
        lo = 0
      x = rand(sx, dt, lo, hi)
      y = rand(sy, dt, lo, hi)
      if name in ("floordiv", "floormod", "truncatediv", "truncatemod", "realdiv"):
        y = _nonzero(y)
      if name == "pow":
        x = rand(sx, dt, 0.5 if tf.as_dtype(dt).is_floating else 0, 4)
        y = rand(sy, dt, 0, 3)
      if name in ("equal", "not_equal") and x.size and y.size:
        y = np.broadcast_to(y, np.broadcast(x, y).shape).copy() if y.ndim >= x.ndim else y
        x = x.copy()
        x.flat[0] = y.flat[0]  # make sure some elements compare equal
      if name == "div_no_nan" and y.size:
        y.flat[0] = 0
      xf = x.astype(np.float64) if tf.as_dtype(dt) in (tf.float16, tf.bfloat16) else x
      yf = y.astype(np.float64) if tf.as_dtype(dt) in (tf.float16, tf.bfloat16) else y
      with np.errstate(all="ignore"):
        want = ref(xf, yf)
      got = run(fn(tf.constant(x, dtype=dt), tf.constant(y, dtype=dt)))
      assert got.shape == np.broadcast(x, y).shape, (name, dt, sx, sy)
      if not np.asarray(want).dtype == np.bool_:
        want = np.asarray(want).astype(np_dtype(dt)) if tf.as_dtype(dt).is_integer else want
      check_close(got, want, dt)


def test_static_shape_is_broadcast_shape():
  a = tf.placeholder(tf.float32, [None, 1, 3])
  b = tf.placeholder(tf.float32, [4, 1])
  assert (a + b).shape.as_list() == [None, 4, 3]
  assert tf.equal(a, b).shape.as_list() == [None, 4, 3]


def test_incompatible_broadcast_is_value_error_at_build_time():
  with pytest.raises(ValueError, match="Dimensions must be equal|Incompatible shapes"):
    tf.add(tf.zeros([2, 3]), tf.zeros([4]))
  with pytest.raises(ValueError):
    tf.constant([1, 2, 3]) * tf.constant([1, 2])


def test_incompatible_runtime_shapes_are_invalid_argument():
  a = tf.placeholder(tf.float32)
  b = tf.placeholder(tf.float32)
  with pytest.raises(tf.errors.InvalidArgumentError, match=r"Incompatible shapes: \[2\] vs. \[3\]"):
    run(a + b, {a: np.ones(2), b: np.ones(3)})


@pytest.mark.parametrize("fn", [tf.floordiv, tf.floormod, tf.truncatediv, tf.truncatemod,
                                tf.div, lambda x, y: x // y, lambda x, y: x % y])
def test_integer_division_by_zero(fn):
  x = tf.placeholder(tf.int32, [3])
  y = tf.placeholder(tf.int32, [3])
  with pytest.raises(tf.errors.InvalidArgumentError, match="Integer division by zero"):
    run(fn(x, y), {x: [1, 2, 3], y: [1, 0, 2]})


def test_integer_division_extremes_do_not_trap():
  x = tf.constant([-2**31, 7, -7], tf.int32)
  y = tf.constant([-1, -2, 2], tf.int32)
  np.testing.assert_array_equal(run(tf.floordiv(x, y)), [-2**31, -4, -4])
  np.testing.assert_array_equal(run(tf.floormod(x, y)), [0, -1, 1])
  np.testing.assert_array_equal(run(tf.truncatediv(x, y)), [-2**31, -3, -3])
  np.testing.assert_array_equal(run(tf.truncatemod(x, y)), [0, 1, -1])


def test_negative_integer_power_is_invalid_argument():
  with pytest.raises(tf.errors.InvalidArgumentError, match="negative integer powers"):
    run(tf.pow(tf.constant([2, 3]), tf.constant([1, -1])))
  np.testing.assert_array_equal(run(tf.pow(tf.constant([2, 3, -2]), tf.constant([10, 0, 3]))),
                                [1024, 1, -8])


def test_division_semantics():
  xi = tf.constant([7, -7, 7, -7], tf.int32)
  yi = tf.constant([2, 2, -2, -2], tf.int32)
  q = tf.divide(xi, yi)
  assert q.dtype == tf.float64
  np.testing.assert_allclose(run(q), [3.5, -3.5, -3.5, 3.5])
  t = tf.truediv(tf.constant([1, 3], tf.int16), tf.constant([2, 2], tf.int16))
  assert t.dtype == tf.float32
  np.testing.assert_allclose(run(t), [0.5, 1.5])
  d = tf.div(xi, yi)  # Python 2 division: floor for integers
  assert d.op.type == "FloorDiv"
  np.testing.assert_array_equal(run(d), [3, -4, -4, 3])
  f = tf.div(tf.constant([7.0, -7.0]), tf.constant([2.0, 2.0]))
  assert f.op.type == "RealDiv"
  np.testing.assert_allclose(run(f), [3.5, -3.5])
  np.testing.assert_array_equal(run(xi // yi), [3, -4, -4, 3])
  np.testing.assert_array_equal(run(xi % yi), [1, 1, -1, -1])
  fx = tf.constant([7.5, -7.5, 7.5, -7.5])
  fy = tf.constant([2.0, 2.0, -2.0, -2.0])
  np.testing.assert_allclose(run(fx % fy), np.mod([7.5, -7.5, 7.5, -7.5], [2, 2, -2, -2]))
  np.testing.assert_allclose(run(fx // fy), np.floor_divide([7.5, -7.5, 7.5, -7.5], [2, 2, -2, -2]))
  # tf.divide of Python numbers is Python division.
  assert tf.divide(1, 2) == 0.5
  assert tf.divide(tf.constant(3.0), 2.0, name="mydiv").op.name == "mydiv"
  with pytest.raises(TypeError):
    tf.truediv(tf.constant([True]), tf.constant([True]))
  with pytest.raises(TypeError):
    tf.truediv(tf.constant([1]), tf.constant([1.0]))


def test_div_int_is_truncating_div_op():
  from tensorflow.python.ops import gen_math_ops
  r = gen_math_ops.div(tf.constant([7, -7]), tf.constant([2, 2]))
  np.testing.assert_array_equal(run(r), [3, -3])


def test_operator_overloads_and_names():
  a = tf.constant([[1.0, -2.0], [3.0, 4.0]])
  b = tf.constant([2.0, 5.0])
  an, bn = np.array([[1.0, -2.0], [3.0, 4.0]], np.float32), np.array([2.0, 5.0], np.float32)
  s = a + b
  assert s.op.type == "AddV2" and s.op.name == "add"
  d = a - b
  assert d.op.type == "Sub" and d.op.name == "sub"
  q = a / b
  assert q.op.type == "RealDiv" and q.op.name == "truediv"
  assert tf.add(a, b).op.type == "Add"
  cases = [(a + b, an + bn), (a - b, an - bn), (a * b, an * bn), (a / b, an / bn),
           (a // b, an // bn), (a % b, an % bn), (a ** 2, an ** 2), (-a, -an), (abs(a), abs(an)),
           (1 + a, 1 + an), (10 - a, 10 - an), (2 * a, 2 * an), (1 / a, 1 / an),
           (7 // b, 7 // bn), (7 % b, 7 % bn), (2 ** b, 2 ** bn), (an + b, an + bn)]
  got = run([c[0] for c in cases])
  for g, (_, w) in zip(got, cases):
    np.testing.assert_allclose(g, w, rtol=1e-6)
  assert (a * b).op.type == "Mul"
  assert (-a).op.type == "Neg" and abs(a).op.type == "Abs"
  cmp = run([a < b, a <= b, a > b, a >= b])
  for g, w in zip(cmp, [an < bn, an <= bn, an > bn, an >= bn]):
    np.testing.assert_array_equal(g, w)
  p = tf.constant([True, True, False, False])
  q = tf.constant([True, False, True, False])
  pn, qn = np.array([1, 1, 0, 0], bool), np.array([1, 0, 1, 0], bool)
  for g, w in zip(run([p & q, p | q, p ^ q, ~p]), [pn & qn, pn | qn, pn ^ qn, ~pn]):
    np.testing.assert_array_equal(g, w)
  assert (p & q).op.type == "LogicalAnd"
  # Integer operands of `/` divide in float64.
  assert (tf.constant([1, 2]) / tf.constant([2, 2])).dtype == tf.float64
  # == stays identity, as in TF 1.x.
  assert (a == a) is True and (a == b) is False


def test_string_add():
  a = tf.constant([b"ab", b"c"])
  got = run([tf.add(a, b"!"), a + tf.constant(b"x")])
  assert list(got[0]) == [b"ab!", b"c!"]
  assert list(got[1]) == [b"abx", b"cx"]
  assert (a + b"x").op.type == "Add"


def test_equal_strings_and_incompatible_shape_attr():
  a = tf.constant([b"x", b"y"])
  np.testing.assert_array_equal(run(tf.equal(a, b"y")), [False, True])
  from tensorflow.python.ops import gen_math_ops
  e = gen_math_ops.equal(tf.constant([1, 2]), tf.constant([1, 2, 3]),
                         incompatible_shape_error=False)
  n = gen_math_ops.not_equal(tf.constant([1, 2]), tf.constant([1, 2, 3]),
                             incompatible_shape_error=False)
  assert run(e) == False and run(n) == True  # noqa: E712


def test_add_n():
  xs = [rand((2, 3), tf.float32) for _ in range(4)]
  np.testing.assert_allclose(run(tf.add_n([tf.constant(x) for x in xs])), sum(xs), rtol=1e-6)
  ints = [tf.constant([1, 2]), tf.constant([3, 4]), tf.constant([5, 6])]
  np.testing.assert_array_equal(run(tf.add_n(ints)), [9, 12])
  one = tf.constant([1.0])
  assert tf.add_n([one]) is one
  assert tf.add_n([one], name="single").op.name == "single"
  with pytest.raises(ValueError):
    tf.add_n([])
  with pytest.raises(ValueError):
    tf.add_n([tf.zeros([2]), tf.zeros([3])])
  p = tf.placeholder(tf.float32)
  with pytest.raises(tf.errors.InvalidArgumentError, match="same size and shape"):
    run(tf.add_n([p, tf.zeros([2])]), {p: np.zeros(3)})


def test_cast():
  x = np.array([-2.7, -0.5, 0.0, 0.5, 2.7, 300.0], np.float32)
  got = run([tf.cast(x, tf.int32), tf.cast(x, tf.bool), tf.cast(x, tf.float16),
             tf.cast(x, tf.float64), tf.cast(x, tf.uint8), tf.to_int64(x), tf.to_double(x),
             tf.to_bfloat16(x), tf.cast(x, tf.complex64)])
  np.testing.assert_array_equal(got[0], x.astype(np.int32))
  assert tf.get_default_graph().get_operation_by_name("ToInt64").type == "Cast"
  np.testing.assert_array_equal(got[1], x != 0)
  np.testing.assert_array_equal(got[2], x.astype(np.float16))
  np.testing.assert_array_equal(got[3], x.astype(np.float64))
  np.testing.assert_array_equal(got[4][:5], [254, 0, 0, 0, 2])  # wraps like static_cast
  np.testing.assert_array_equal(got[5], x.astype(np.int64))
  assert got[7].dtype.name == "bfloat16"
  np.testing.assert_allclose(got[7].astype(np.float32), x, rtol=1e-2)
  np.testing.assert_array_equal(got[8], x.astype(np.complex64))
  c = tf.constant([1 + 2j, -3 - 4j], tf.complex64)
  np.testing.assert_array_equal(run(tf.cast(c, tf.float32)), [1, -3])
  b = tf.constant([True, False])
  np.testing.assert_array_equal(run(tf.to_float(b)), [1.0, 0.0])
  t = tf.constant([1.0])
  assert tf.cast(t, tf.float32) is t
  assert tf.cast(tf.constant([1]), tf.float32).op.type == "Cast"
  with pytest.raises((tf.errors.UnimplementedError, TypeError, ValueError)):
    run(tf.cast(tf.constant([b"1"]), tf.float32))


def test_cast_truncate_attr():
  from tensorflow.python.ops import gen_math_ops
  v = np.float32(1.0 + 2 ** -8 + 2 ** -9)  # rounds up to bfloat16 1.0078125, truncates to 1.0
  r = run([gen_math_ops.cast(tf.constant([v]), tf.bfloat16, Truncate=True),
           gen_math_ops.cast(tf.constant([v]), tf.bfloat16)])
  assert float(r[0][0]) == 1.0
  assert float(r[1][0]) == 1.0078125


def test_saturate_cast():
  x = tf.constant([-10.0, 100.0, 300.0])
  np.testing.assert_array_equal(run(tf.saturate_cast(x, tf.uint8)), [0, 100, 255])
  y = tf.constant([-70000, 5, 70000])
  np.testing.assert_array_equal(run(tf.saturate_cast(y, tf.int16)), [-32768, 5, 32767])


def test_where_select():
  c = np.array([[True, False, True], [False, True, False]])
  x = rand((2, 3), tf.float32)
  y = rand((2, 3), tf.float32)
  np.testing.assert_array_equal(run(tf.where(c, x, y)), np.where(c, x, y))
  assert tf.where(c, x, y).op.type == "Select"
  # TF1 Select: a vector condition picks rows.
  rows = np.array([True, False])
  np.testing.assert_array_equal(run(tf.where(rows, x, y)), np.where(rows[:, None], x, y))
  np.testing.assert_array_equal(run(tf.where(True, x, y)), x)
  sx = np.array([b"a", b"b"], object)
  assert list(run(tf.where([False, True], sx, np.array([b"c", b"d"], object)))) == [b"c", b"b"]
  with pytest.raises(ValueError):
    tf.where(c, x)
  with pytest.raises(ValueError):
    tf.where(np.array([True, False, True]), x, y)
  # where_v2 broadcasts all three.
  cond = np.array([[True], [False]])
  got = run(tf.where_v2(cond, np.float32(1.0), np.arange(3, dtype=np.float32)))
  np.testing.assert_array_equal(got, np.where(cond, 1.0, np.arange(3)))
  assert tf.where_v2(cond, 1.0, 2.0).op.type == "SelectV2"
  p = tf.placeholder(tf.bool)
  with pytest.raises(tf.errors.InvalidArgumentError):
    run(tf.where(p, x, y), {p: np.array([True, False, True])})


def test_clip_by_value():
  x = rand((3, 4), tf.float32, -5, 5)
  assert tf.clip_by_value(x, 0.0, 1.0).op.name == "clip_by_value"
  np.testing.assert_allclose(run(tf.clip_by_value(x, -1.0, 2.0)), np.clip(x, -1, 2))
  lo = np.array([-1, -2, -3, -4], np.float32)
  np.testing.assert_allclose(run(tf.clip_by_value(x, lo, 1.0)), np.clip(x, lo, 1))
  with pytest.raises(ValueError):
    tf.clip_by_value(tf.zeros([2]), tf.zeros([3, 2]), 1.0)


def test_math_namespace_aliases():
  assert tf.math.add is tf.add and tf.math.floormod is tf.floormod and tf.mod is tf.floormod
  assert tf.math.divide_no_nan is tf.div_no_nan
  assert tf.math.is_nan is tf.is_nan and tf.debugging.is_nan is tf.is_nan
  assert tf.nn.sigmoid is tf.sigmoid and tf.nn.tanh is tf.tanh
  assert tf.dtypes.cast is tf.cast and tf.dtypes.saturate_cast is tf.saturate_cast
  for n in ["subtract", "multiply", "divide", "truediv", "floordiv", "pow", "maximum",
            "minimum", "squared_difference", "atan2", "negative", "abs", "sign", "square",
            "sqrt", "rsqrt", "exp", "expm1", "log", "log1p", "sin", "cos", "tan", "asin",
            "acos", "atan", "sigmoid", "tanh", "reciprocal", "floor", "ceil", "round", "rint",
            "erf", "erfc", "lgamma", "digamma", "is_inf", "is_finite", "logical_not",
            "logical_and", "logical_or", "logical_xor", "equal", "not_equal", "less",
            "less_equal", "greater", "greater_equal", "add_n"]:
    assert getattr(tf.math, n) is getattr(tf, n), n


def test_integer_division_of_an_empty_tensor_checks_no_divisor():
  # No element is computed, so a zero divisor is not an error (as in TF).
  for op in (tf.floordiv, tf.floormod, tf.truncatediv, tf.truncatemod):
    out = run(op(tf.zeros([0, 3], tf.int32), tf.constant(0, tf.int32)))
    assert out.shape == (0, 3) and out.dtype == np.int32
  with pytest.raises(tf.errors.InvalidArgumentError, match="Integer division by zero"):
    run(tf.floordiv(tf.ones([2], tf.int32), tf.constant(0, tf.int32)))
