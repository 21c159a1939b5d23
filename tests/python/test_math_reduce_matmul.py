"""Matrix products, reductions, arg-reductions, softmax, scans and einsum against NumPy:
values over dtypes and shapes, TF1 argument aliases, graph structure and errors."""
import numpy as np
import pytest

import tensorflow as tf
from op_test_util import (assert_close, fresh_graph, np_softmax, random_values, run,  # noqa: F401
                          tolerances)

RNG = np.random.RandomState(4321)


tol = tolerances(float16=(5e-3, 5e-3), bfloat16=(3e-2, 3e-2), float32=(1e-5, 1e-5))


def rand(shape, dt, lo=-3.0, hi=3.0):
  return random_values(RNG, shape, dt, lo, hi)


def close(got, want, dt):
  assert_close(got, want, dt, tol)


def f64(x):
  return np.asarray(x).astype(np.complex128 if np.iscomplexobj(x) else np.float64)


# ---- matmul ----------------------------------------------------------------------------------

MATMUL_DTYPES = [tf.float32, tf.float64, tf.float16, tf.bfloat16, tf.int32, tf.int64,
                 tf.complex64, tf.complex128]


@pytest.mark.parametrize("dt", MATMUL_DTYPES)
@pytest.mark.parametrize("ta,tb", [(False, False), (True, False), (False, True), (True, True)])
def test_matmul_dtypes_and_transposes(dt, ta, tb):
  a = rand((7, 5) if not ta else (5, 7), dt, -2, 2)
  b = rand((5, 9) if not tb else (9, 5), dt, -2, 2)
  c = tf.matmul(tf.constant(a), tf.constant(b), transpose_a=ta, transpose_b=tb)
  assert c.op.type == "MatMul"
  assert c.shape.as_list() == [7, 9]
  want = (f64(a).T if ta else f64(a)) @ (f64(b).T if tb else f64(b))
  close(run(c), want.astype(np.asarray(a).dtype) if tf.as_dtype(dt).is_integer else want, dt)


def test_matmul_large_parallel_and_empty_inner():
  a = rand((300, 200), tf.float32)
  b = rand((200, 150), tf.float32)
  np.testing.assert_allclose(run(tf.matmul(a, b)), f64(a) @ f64(b), rtol=1e-4, atol=1e-3)
  z = run(tf.matmul(np.zeros((3, 0), np.float32), np.zeros((0, 4), np.float32)))
  np.testing.assert_array_equal(z, np.zeros((3, 4), np.float32))


@pytest.mark.parametrize("dt", [tf.complex64, tf.complex128])
def test_matmul_adjoint(dt):
  a = rand((4, 3), dt)
  b = rand((5, 4), dt)
  c = tf.matmul(a, b, adjoint_a=True, adjoint_b=True)
  close(run(c), f64(a).conj().T @ f64(b).conj().T, dt)
  with pytest.raises(ValueError, match="Only one of transpose_a and adjoint_a"):
    tf.matmul(a, a, transpose_a=True, adjoint_a=True)


def test_matmul_sparse_hint_and_linalg_alias():
  a = rand((3, 4), tf.float32)
  b = rand((4, 2), tf.float32)
  close(run(tf.linalg.matmul(a, b, a_is_sparse=True)), f64(a) @ f64(b), tf.float32)
  assert tf.linalg.matmul is tf.matmul


@pytest.mark.parametrize("dt", [tf.float32, tf.float64, tf.int32, tf.complex64])
def test_batch_matmul_broadcast(dt):
  a = rand((2, 1, 3, 4), dt, -2, 2)
  b = rand((5, 4, 6), dt, -2, 2)
  c = tf.matmul(a, b)
  assert c.op.type == "BatchMatMulV2"
  assert c.shape.as_list() == [2, 5, 3, 6]
  close(run(c), np.matmul(a, b), dt)


def test_batch_matmul_transpose_uses_adjoint():
  a = rand((3, 4, 2), tf.float32)
  b = rand((3, 5, 4), tf.float32)
  c = tf.matmul(a, b, transpose_a=True, transpose_b=True)
  assert c.op.type == "BatchMatMulV2"
  assert c.op.get_attr("adj_x") and c.op.get_attr("adj_y")
  close(run(c), np.matmul(np.swapaxes(a, -1, -2), np.swapaxes(b, -1, -2)), tf.float32)


def test_batch_matmul_v1_op():
  a = rand((3, 2, 4), tf.float64)
  b = rand((3, 4, 5), tf.float64)
  from tensorflow.python.ops import gen_math_ops
  c = gen_math_ops.batch_mat_mul(a, b, adj_x=False, adj_y=False)
  close(run(c), np.matmul(a, b), tf.float64)
  with pytest.raises(ValueError, match="Dimension 0 in both shapes must be equal"):
    gen_math_ops.batch_mat_mul(rand((3, 2, 4), tf.float64), rand((2, 4, 5), tf.float64))


def test_matmul_shape_error_at_build():
  with pytest.raises(ValueError) as e:
    tf.matmul(tf.zeros([2, 3]), tf.zeros([4, 5]))
  msg = str(e.value)
  assert "Dimensions must be equal, but are 3 and 4" in msg
  assert "(op: 'MatMul')" in msg and "[2,3], [4,5]" in msg


def test_matmul_runtime_error_for_fed_shapes():
  a = tf.placeholder(tf.float32, [None, None])
  b = tf.placeholder(tf.float32, [None, None])
  c = tf.matmul(a, b)
  with pytest.raises(tf.errors.InvalidArgumentError, match=r"Matrix size-incompatible: "
                     r"In\[0\]: \[2,3\], In\[1\]: \[4,5\]"):
    run(c, {a: np.zeros((2, 3)), b: np.zeros((4, 5))})
  x = tf.placeholder(tf.float32)
  y = tf.placeholder(tf.float32)
  z = tf.matmul(x, y)
  assert z.op.type == "BatchMatMulV2"  # unknown rank -> batch matmul
  with pytest.raises(tf.errors.InvalidArgumentError, match="compatible batch dimensions"):
    run(z, {x: np.zeros((2, 2, 3)), y: np.zeros((3, 3, 4))})


def test_matmul_operator():
  a = rand((3, 4), tf.float32)
  b = rand((4, 2), tf.float32)
  close(run(tf.constant(a) @ tf.constant(b)), f64(a) @ f64(b), tf.float32)


# ---- reductions -----------------------------------------------------------------------------

REDUCTIONS = [
    (tf.reduce_sum, np.sum), (tf.reduce_mean, np.mean), (tf.reduce_prod, np.prod),
    (tf.reduce_max, np.max), (tf.reduce_min, np.min),
]
AXES = [None, 0, 1, -1, [0, 2], [1, -1], (0, 1, 2), [], [2, 0]]


REAL_DTYPES = [tf.float32, tf.float64, tf.float16, tf.bfloat16, tf.int32, tf.int64, tf.int8]
COMPLEX_DTYPES = [tf.complex64, tf.complex128]
# Max/Min are real-only ops, so complex types are paired with Sum/Mean/Prod only.
REDUCTION_CASES = [(dt, tf_fn, np_fn) for tf_fn, np_fn in REDUCTIONS for dt in REAL_DTYPES] + [
    (dt, tf_fn, np_fn) for tf_fn, np_fn in REDUCTIONS if np_fn not in (np.max, np.min)
    for dt in COMPLEX_DTYPES]


@pytest.mark.parametrize("dt,tf_fn,np_fn", REDUCTION_CASES)
def test_reductions(dt, tf_fn, np_fn):
  x = rand((3, 4, 5), dt, -2, 2) if np_fn is not np.prod else rand((3, 4, 5), dt, 0.5, 1.5)
  if tf.as_dtype(dt).is_integer and np_fn is np.prod:
    x = rand((3, 4, 5), dt, -1, 1)
  t = tf.constant(x)
  for axis in AXES:
    for keepdims in (False, True):
      got = run(tf_fn(t, axis=axis, keepdims=keepdims))
      np_axis = tuple(axis) if isinstance(axis, list) else axis
      if tf.as_dtype(dt).is_integer and np_fn is np.mean:
        s = np.sum(x.astype(np.int64), axis=np_axis, keepdims=keepdims)
        n = x.size // np.asarray(s).size  # elements folded into each output
        want = np.trunc(s / n).astype(x.dtype)
      else:
        want = np_fn(f64(x), axis=np_axis, keepdims=keepdims)
      close(got, np.asarray(want).astype(f64(x).dtype), dt)


def test_reduce_tf1_aliases_and_names():
  x = rand((2, 3), tf.float32)
  close(run(tf.reduce_sum(x, reduction_indices=[1], keep_dims=True)),
        f64(x).sum(1, keepdims=True), tf.float32)
  close(run(tf.math.reduce_mean(x, 0)), f64(x).mean(0), tf.float32)
  with pytest.raises(ValueError, match="Cannot specify both"):
    tf.reduce_sum(x, axis=0, reduction_indices=0)
  s = tf.reduce_sum(tf.constant(x), name="total")
  assert s.op.name == "total" and s.op.type == "Sum"
  assert s.op.inputs[1].op.type == "Const"
  assert tf.reduce_max(tf.constant(x)).op.type == "Max"


def test_reduce_unknown_rank_is_scalar():
  p = tf.placeholder(tf.float32)
  s = tf.reduce_sum(p)
  assert s.shape.ndims == 0
  assert run(s, {p: np.ones((2, 3, 4))}) == 24.0


def test_reduce_int_mean_truncates():
  x = np.array([[1, 2], [2, 2], [-3, -4]], np.int32)
  np.testing.assert_array_equal(run(tf.reduce_mean(x, 1)), [1, 2, -3])
  np.testing.assert_array_equal(run(tf.reduce_mean(x)), 0)


def test_reduce_empty_identity():
  e = np.zeros((0, 3), np.float32)
  np.testing.assert_array_equal(run(tf.reduce_sum(e, 0)), [0, 0, 0])
  np.testing.assert_array_equal(run(tf.reduce_prod(e, 0)), [1, 1, 1])
  np.testing.assert_array_equal(run(tf.reduce_max(e, 0)), [-np.inf] * 3)
  np.testing.assert_array_equal(run(tf.reduce_min(e, 0)), [np.inf] * 3)
  assert np.all(np.isnan(run(tf.reduce_mean(e, 0))))
  ei = np.zeros((0, 2), np.int32)
  np.testing.assert_array_equal(run(tf.reduce_max(ei, 0)), [np.iinfo(np.int32).min] * 2)
  np.testing.assert_array_equal(run(tf.reduce_all(np.zeros((0,), bool))), True)
  np.testing.assert_array_equal(run(tf.reduce_any(np.zeros((0,), bool))), False)


def test_reduce_all_any():
  x = RNG.rand(4, 5, 6) > 0.3
  for axis in (None, 0, [1, 2], -1):
    np_axis = tuple(axis) if isinstance(axis, list) else axis
    np.testing.assert_array_equal(run(tf.reduce_all(x, axis)), np.all(x, np_axis))
    np.testing.assert_array_equal(run(tf.reduce_any(x, axis)), np.any(x, np_axis))


def test_reduce_int64_axis_and_large_parallel():
  x = rand((64, 300, 7), tf.float32)
  got = run(tf.reduce_sum(x, axis=tf.constant([0, 2], tf.int64)))
  close(got, f64(x).sum((0, 2)), tf.float32)
  close(run(tf.reduce_max(x, 1)), f64(x).max(1), tf.float32)


def test_reduce_bad_axis():
  with pytest.raises(ValueError, match="Invalid reduction dimension"):
    tf.reduce_sum(tf.zeros([2, 3]), axis=2)
  p = tf.placeholder(tf.float32)
  ax = tf.placeholder(tf.int32)
  with pytest.raises(tf.errors.InvalidArgumentError, match="Invalid reduction dimension"):
    run(tf.reduce_sum(p, ax), {p: np.ones((2, 3)), ax: 5})


def test_reduce_logsumexp():
  x = rand((3, 4), tf.float64)
  want = np.log(np.exp(x).sum(1))
  close(run(tf.reduce_logsumexp(x, 1)), want, tf.float64)
  close(run(tf.reduce_logsumexp(x, keepdims=True)), np.log(np.exp(x).sum()).reshape(1, 1),
        tf.float64)
  big = np.array([1000.0, 1000.0], np.float32)
  close(run(tf.reduce_logsumexp(big)), 1000.0 + np.log(2.0), tf.float32)


def test_count_nonzero():
  x = np.array([[0, 1, 2], [0, 0, 3]], np.int32)
  r = tf.count_nonzero(x)
  assert r.dtype == tf.int64
  assert run(r) == 3
  np.testing.assert_array_equal(run(tf.count_nonzero(x, axis=1, keepdims=True)), [[2], [1]])
  r32 = tf.math.count_nonzero(x, 0, dtype=tf.int32)
  assert r32.dtype == tf.int32
  np.testing.assert_array_equal(run(r32), [0, 1, 2])
  np.testing.assert_array_equal(run(tf.count_nonzero(np.array([True, False, True]))), 2)
  np.testing.assert_array_equal(
      run(tf.count_nonzero(np.array([0.5, 0.0, -1.0]), reduction_indices=0, keep_dims=True)),
      [2])


# ---- argmax / argmin ------------------------------------------------------------------------

@pytest.mark.parametrize("dt", [tf.float32, tf.float64, tf.float16, tf.int32, tf.int64,
                                tf.uint8, tf.int8])
def test_argmax_argmin(dt):
  x = rand((4, 5, 6), dt, 0, 9)
  for axis in (0, 1, 2, -1, -3):
    close(run(tf.argmax(x, axis)), np.argmax(x, axis), tf.int64)
    close(run(tf.argmin(x, axis)), np.argmin(x, axis), tf.int64)


def test_argmax_ties_aliases_output_type():
  x = np.array([[1, 3, 3, 0], [2, 2, 2, 2]], np.float32)
  np.testing.assert_array_equal(run(tf.argmax(x, 1)), [1, 0])
  np.testing.assert_array_equal(run(tf.argmin(x, 1)), [3, 0])
  r = tf.argmax(x, dimension=0, output_type=tf.int32)
  assert r.dtype == tf.int32 and r.op.type == "ArgMax"
  np.testing.assert_array_equal(run(r), [1, 0, 0, 1])
  np.testing.assert_array_equal(run(tf.math.argmin([5, 1, 1])), 1)  # axis defaults to 0
  with pytest.raises(ValueError, match="Cannot specify both"):
    tf.argmax(x, axis=0, dimension=0)


def test_argmax_errors():
  with pytest.raises(ValueError, match="must be in the range"):
    tf.argmax(tf.zeros([2, 3]), 2)
  p = tf.placeholder(tf.float32)
  with pytest.raises(tf.errors.InvalidArgumentError, match="Reduction axis 1 is empty"):
    run(tf.argmax(p, 1), {p: np.zeros((3, 0))})


# ---- softmax ---------------------------------------------------------------------------------

@pytest.mark.parametrize("dt", [tf.float32, tf.float64, tf.float16, tf.bfloat16])
def test_softmax_values(dt):
  x = rand((3, 4, 7), dt, -5, 5)
  x64 = np.asarray(x).astype(np.float64)
  close(run(tf.nn.softmax(x)), np_softmax(x64), dt)
  close(run(tf.nn.log_softmax(x)), np.log(np_softmax(x64)), dt)


def test_softmax_axis_and_stability():
  x = rand((3, 4, 5), tf.float32)
  close(run(tf.nn.softmax(x, axis=1)), np_softmax(f64(x), 1), tf.float32)
  close(run(tf.nn.softmax(x, dim=0)), np_softmax(f64(x), 0), tf.float32)
  close(run(tf.nn.log_softmax(x, axis=0)), np.log(np_softmax(f64(x), 0)), tf.float32)
  big = np.array([[1000.0, 1000.0, -1000.0]], np.float32)
  close(run(tf.nn.softmax(big)), [[0.5, 0.5, 0.0]], tf.float32)
  assert tf.nn.softmax(tf.constant(x)).op.type == "Softmax"


def test_softmax_rank0_error():
  from tensorflow.python.ops import gen_nn_ops
  with pytest.raises(ValueError, match="at least rank 1"):
    gen_nn_ops.softmax(tf.constant(1.0))


# ---- scans -----------------------------------------------------------------------------------

def np_scan(x, axis, exclusive, reverse, prod):
  fn = np.cumprod if prod else np.cumsum
  y = np.flip(x, axis) if reverse else x
  r = fn(y, axis=axis)
  if exclusive:
    ident = np.ones_like(np.take(r, [0], axis)) if prod else np.zeros_like(np.take(r, [0], axis))
    r = np.concatenate([ident, np.take(r, np.arange(r.shape[axis] - 1), axis)], axis)
  return np.flip(r, axis) if reverse else r


@pytest.mark.parametrize("dt", [tf.float32, tf.float64, tf.int32, tf.int64, tf.complex64,
                                tf.float16])
@pytest.mark.parametrize("prod", [False, True])
def test_scans(dt, prod):
  x = rand((3, 4, 5), dt, 0.5, 1.5) if prod else rand((3, 4, 5), dt)
  if prod and tf.as_dtype(dt).is_integer:
    x = rand((3, 4, 5), dt, -2, 2)
  fn = tf.cumprod if prod else tf.cumsum
  for axis in (0, 1, -1):
    for exclusive in (False, True):
      for reverse in (False, True):
        got = run(fn(x, axis=axis, exclusive=exclusive, reverse=reverse))
        want = np_scan(f64(x) if not tf.as_dtype(dt).is_integer else x, axis, exclusive,
                       reverse, prod)
        close(got, want, dt)


def test_scan_names_and_errors():
  c = tf.math.cumsum([1, 2, 3], name="cs")
  assert c.op.type == "Cumsum" and c.op.name == "cs"
  np.testing.assert_array_equal(run(c), [1, 3, 6])
  np.testing.assert_array_equal(run(tf.math.cumprod([1, 2, 3], exclusive=True)), [1, 1, 2])
  p = tf.placeholder(tf.float32)
  with pytest.raises(tf.errors.InvalidArgumentError, match="scan axis in the range"):
    run(tf.cumsum(p, axis=3), {p: np.zeros((2, 2))})


# ---- einsum ----------------------------------------------------------------------------------

EINSUM_CASES = [
    ("ij,jk->ik", [(3, 4), (4, 5)]),
    ("ij,jk", [(3, 4), (4, 5)]),
    ("bij,bjk->bik", [(2, 3, 4), (2, 4, 5)]),
    ("ij->ji", [(3, 4)]),
    ("ij->", [(3, 4)]),
    ("ii->i", [(4, 4)]),
    ("ii", [(4, 4)]),
    ("i,i->", [(5,), (5,)]),
    ("i,j->ij", [(3,), (4,)]),
    ("abc,cd->abd", [(2, 3, 4), (4, 5)]),
    ("bhqd,bhkd->bhqk", [(2, 3, 4, 5), (2, 3, 6, 5)]),
    ("ij,kj->ikj", [(2, 3), (4, 3)]),
    ("ijk,ik->j", [(2, 3, 4), (2, 4)]),
    ("...ij,...jk->...ik", [(2, 1, 3, 4), (5, 4, 6)]),
    ("...ij,jk->...ik", [(2, 3, 4), (4, 5)]),
    ("i...->...", [(3, 2, 4)]),
    ("ab,bc,cd->ad", [(2, 3), (3, 4), (4, 5)]),
    ("aij,ajk,akl->ail", [(2, 3, 4), (2, 4, 5), (2, 5, 3)]),
]


@pytest.mark.parametrize("eq,shapes", EINSUM_CASES)
@pytest.mark.parametrize("dt", [tf.float32, tf.float64])
def test_einsum(eq, shapes, dt):
  xs = [rand(s, dt) for s in shapes]
  got = run(tf.einsum(eq, *xs))
  close(got, np.einsum(eq, *[f64(x) for x in xs]), dt)


def test_einsum_dtypes_and_graph():
  for dt in (tf.int32, tf.complex64, tf.float16):
    a = rand((3, 4), dt, -2, 2)
    b = rand((4, 2), dt, -2, 2)
    close(run(tf.einsum("ij,jk->ik", a, b)),
          np.einsum("ij,jk->ik", f64(a), f64(b)).astype(np.asarray(a).dtype), dt)
  e = tf.einsum("ij,jk->ik", tf.zeros([2, 3]), tf.zeros([3, 4]), name="my_einsum")
  assert e.op.type == "Einsum"
  assert e.op.get_attr("equation") in (b"ij,jk->ik", "ij,jk->ik")
  assert e.shape.as_list() == [2, 4]
  assert tf.linalg.einsum is tf.einsum


def test_einsum_errors():
  with pytest.raises(ValueError, match="Dimensions must be equal"):
    tf.einsum("ij,jk->ik", tf.zeros([2, 3]), tf.zeros([4, 5]))
  with pytest.raises(ValueError, match="incorrect format"):
    tf.einsum("ij;jk->ik", tf.zeros([2, 3]), tf.zeros([3, 5]))
  with pytest.raises(ValueError, match="expecting 2"):
    tf.einsum("ij,jk->ik", tf.zeros([2, 3]))
  with pytest.raises(TypeError, match="invalid keyword"):
    tf.einsum("ij->ji", tf.zeros([2, 3]), foo=1)
  a = tf.placeholder(tf.float32, [None, None])
  b = tf.placeholder(tf.float32, [None, None])
  with pytest.raises(tf.errors.InvalidArgumentError, match="Expected dimension"):
    run(tf.einsum("ij,jk->ik", a, b), {a: np.zeros((2, 3)), b: np.zeros((4, 5))})
