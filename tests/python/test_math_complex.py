"""Complex-number ops (Complex, Real, Imag, Angle, ComplexAbs, Conj) against NumPy: values,
dtypes, broadcasting, the real-input shortcuts of tf.real/imag/angle/conj and errors."""
import numpy as np
import pytest

import tensorflow as tf
from op_test_util import fresh_graph, random_values, run  # noqa: F401

RNG = np.random.RandomState(77)


def crand(shape, np_dtype):
  return random_values(RNG, shape, np_dtype)


PAIRS = [(np.float32, np.complex64, tf.complex64), (np.float64, np.complex128, tf.complex128)]


@pytest.mark.parametrize("real_np,complex_np,complex_tf", PAIRS)
def test_complex_builds_and_broadcasts(real_np, complex_np, complex_tf):
  re = RNG.uniform(-2, 2, (3, 4)).astype(real_np)
  im = RNG.uniform(-2, 2, (4,)).astype(real_np)
  c = tf.complex(re, im)
  assert c.dtype == complex_tf
  assert c.op.type == "Complex" and c.op.get_attr("Tout") == complex_tf
  assert c.shape.as_list() == [3, 4]
  got = run(c)
  assert got.dtype == complex_np
  np.testing.assert_array_equal(got, re + 1j * im.astype(complex_np))


def test_complex_rejects_mixed_or_integer_types():
  with pytest.raises(TypeError, match="real and imag have incorrect types: float32 float64"):
    tf.complex(tf.constant(1.0), tf.constant(1.0, tf.float64))
  with pytest.raises(TypeError, match="incorrect types: int32 int32"):
    tf.complex(tf.constant(1), tf.constant(2))


@pytest.mark.parametrize("real_np,complex_np,complex_tf", PAIRS)
def test_parts_angle_abs_conj(real_np, complex_np, complex_tf):
  x = crand((2, 3, 5), complex_np)
  x[0, 0, 0] = 0
  x[0, 0, 1] = -2.5  # on the negative real axis: angle pi
  t = tf.constant(x)
  re, im, ang, mag, cj = run([tf.real(t), tf.imag(t), tf.angle(t), tf.abs(t), tf.conj(t)])
  for v in (re, im, ang, mag):
    assert v.dtype == real_np and v.shape == x.shape
  rt = 1e-6 if real_np is np.float32 else 1e-14
  np.testing.assert_array_equal(re, x.real)
  np.testing.assert_array_equal(im, x.imag)
  np.testing.assert_allclose(ang, np.angle(x), rtol=rt)
  np.testing.assert_allclose(mag, np.abs(x), rtol=rt)
  assert cj.dtype == complex_np
  np.testing.assert_array_equal(cj, np.conj(x))
  assert tf.abs(t).op.type == "ComplexAbs"
  assert tf.abs(t).op.get_attr("Tout") == complex_tf.real_dtype


def test_math_namespace_aliases():
  assert tf.math.real is tf.real and tf.math.imag is tf.imag
  assert tf.math.angle is tf.angle and tf.math.conj is tf.conj
  assert tf.dtypes.complex is tf.complex


def test_real_inputs_take_shortcuts():
  x = tf.constant([[-1.5, 2.0]], tf.float32)
  assert tf.real(x) is x
  assert tf.conj(x) is x
  i = tf.constant([1, -2])
  assert tf.conj(i) is i
  np.testing.assert_array_equal(run(tf.imag(x)), np.zeros((1, 2), np.float32))
  np.testing.assert_array_equal(run(tf.angle(x)), np.zeros((1, 2), np.float32))
  # Python values are converted first.
  np.testing.assert_array_equal(run(tf.real([1.0, 2.0])), [1.0, 2.0])
  with pytest.raises(TypeError, match="Expected numeric or variant tensor"):
    tf.conj(tf.constant([True]))


def test_abs_operator_and_large_parts():
  big = np.array([3e30 + 4e30j, -1e-30 + 0j], np.complex64)
  got = run(abs(tf.constant(big)))
  np.testing.assert_allclose(got, [5e30, 1e-30], rtol=1e-6)


def test_unknown_shape_and_feed():
  p = tf.placeholder(tf.complex128, [None, 2])
  r = tf.real(p)
  assert r.shape.as_list() == [None, 2]
  x = crand((3, 2), np.complex128)
  np.testing.assert_array_equal(run(r, {p: x}), x.real)


def test_gen_wrappers_attr_checks():
  from tensorflow.python.ops import gen_math_ops
  c = gen_math_ops.complex(tf.constant([1.0]), tf.constant([2.0]))  # Tout defaults to complex64
  assert c.dtype == tf.complex64
  np.testing.assert_array_equal(run(c), [1 + 2j])
  with pytest.raises(TypeError):
    gen_math_ops.real(tf.constant([1.0]))
  # float -> complex128 is a valid OpDef combination but has no kernel, as in TF.
  bad = gen_math_ops.complex(tf.constant([1.0]), tf.constant([2.0]), Tout=tf.complex128)
  with pytest.raises(tf.errors.NotFoundError):
    run(bad)


def test_matmul_adjoint_uses_conj():
  a = crand((3, 2), np.complex64)
  b = crand((3, 4), np.complex64)
  c = tf.matmul(a, b, adjoint_a=True)
  np.testing.assert_allclose(run(c), a.conj().T @ b, rtol=1e-5, atol=1e-5)
