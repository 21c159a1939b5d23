"""Values, static shapes and errors of tf.gather / gather_nd / scatter_nd / one_hot / reverse /
broadcast_to / unique / invert_permutation and the diagonal functions, against NumPy."""

import numpy as np
import pytest

import tensorflow as tf
from op_test_util import fresh_graph, run_many, sample_values  # noqa: F401
from tensorflow.python.ops import gen_array_ops

NUMERIC = [np.float32, np.float64, np.float16, np.int8, np.int16, np.int32, np.int64, np.uint8,
           np.uint16, np.complex64, np.complex128]


def _placeholder(dtype, shape):
  # The raw Placeholder op, so these tests need nothing beyond this module's functions.
  return gen_array_ops.placeholder(dtype=dtype, shape=shape)


# ---- gather ----------------------------------------------------------------------------------

@pytest.mark.parametrize("dtype", NUMERIC + [np.bool_, object])
def test_gather_dtypes(dtype):
  params = sample_values(dtype, (5, 3))
  idx = np.array([[4, 0], [2, 2]], np.int32)
  out = tf.gather(tf.constant(params), idx)
  assert out.op.type == "GatherV2"
  assert out.shape.as_list() == [2, 2, 3]
  np.testing.assert_array_equal(run_many(out), params[idx])


@pytest.mark.parametrize("axis", [0, 1, 2, -1, -3])
def test_gather_axis(axis):
  params = np.arange(60, dtype=np.float32).reshape(3, 4, 5)
  idx = np.array([2, 0, 1, 1], np.int64)
  out = tf.gather(params, idx, axis=axis)
  expected = np.take(params, idx, axis=axis)
  assert out.shape.as_list() == list(expected.shape)
  np.testing.assert_array_equal(run_many(out), expected)


def test_gather_batch_dims_and_legacy_args():
  params = np.arange(24, dtype=np.int32).reshape(2, 3, 4)
  idx = np.array([[0, 2], [1, 1]], np.int32)
  out = tf.gather(params, idx, axis=1, batch_dims=1)
  expected = np.stack([params[b][idx[b]] for b in range(2)])
  assert out.shape.as_list() == [2, 2, 4]
  np.testing.assert_array_equal(run_many(out), expected)
  # TF1's validate_indices is accepted and ignored.
  np.testing.assert_array_equal(run_many(tf.gather(params, [1], validate_indices=False)), params[[1]])
  legacy = gen_array_ops.gather(params, [1, 0])
  assert legacy.op.type == "Gather"
  np.testing.assert_array_equal(run_many(legacy), params[[1, 0]])


def test_gather_unknown_axis_gives_rank():
  axis = _placeholder(tf.int32, [])
  out = tf.gather(np.zeros([3, 4], np.float32), np.zeros([2, 5], np.int32), axis=axis)
  assert out.shape.ndims == 3


def test_gather_bad_index_is_invalid_argument_and_session_survives():
  params = tf.constant(np.arange(5, dtype=np.float32))
  idx = _placeholder(tf.int32, [None])
  out = tf.gather(params, idx)
  with tf.Session() as sess:
    with pytest.raises(tf.errors.InvalidArgumentError, match=r"indices\[1\] = 7 is not in \[0, 5\)"):
      sess.run(out, {idx: [0, 7]})
    with pytest.raises(tf.errors.InvalidArgumentError, match=r"is not in \[0, 5\)"):
      sess.run(out, {idx: [-1]})
    np.testing.assert_array_equal(sess.run(out, {idx: [4, 1]}), [4.0, 1.0])


def test_gather_static_axis_error():
  with pytest.raises(ValueError):
    tf.gather(np.zeros([3], np.float32), [0], axis=2)


# ---- gather_nd / scatter_nd ------------------------------------------------------------------

@pytest.mark.parametrize("dtype", [np.float32, np.int64, np.bool_, object, np.complex64])
def test_gather_nd_values(dtype):
  params = sample_values(dtype, (3, 4, 2))
  idx = np.array([[[0, 1], [2, 3]], [[1, 0], [0, 0]]], np.int32)
  out = tf.gather_nd(params, idx)
  expected = params[idx[..., 0], idx[..., 1]]
  assert out.shape.as_list() == [2, 2, 2]
  np.testing.assert_array_equal(run_many(out), expected)
  full = tf.gather_nd(params, np.array([[2, 3, 1]], np.int64))
  np.testing.assert_array_equal(run_many(full), params[[2], [3], [1]])


def test_gather_nd_errors():
  with pytest.raises(ValueError):
    tf.gather_nd(np.zeros([2, 2], np.float32), np.zeros([1, 3], np.int32))
  idx = _placeholder(tf.int32, [None, 2])
  out = tf.gather_nd(tf.constant(np.arange(6.0).reshape(2, 3)), idx)
  with tf.Session() as sess:
    with pytest.raises(tf.errors.InvalidArgumentError,
                       match=r"indices\[1\] = \[1, 3\] does not index into param shape \[2,3\]"):
      sess.run(out, {idx: [[0, 0], [1, 3]]})
    np.testing.assert_array_equal(sess.run(out, {idx: [[1, 2]]}), [5.0])


@pytest.mark.parametrize("dtype", [np.float32, np.float64, np.int32, np.int64, np.complex64])
def test_scatter_nd_values(dtype):
  idx = np.array([[4], [3], [1], [7], [1]], np.int32)
  upd = np.array([9, 10, 11, 12, 13]).astype(dtype)
  out = tf.scatter_nd(idx, upd, [8])
  expected = np.zeros(8, dtype)
  np.add.at(expected, idx[:, 0], upd)
  assert out.shape.as_list() == [8]
  np.testing.assert_array_equal(run_many(out), expected)


def test_scatter_nd_slices_and_errors():
  idx = np.array([[0], [2]], np.int64)
  upd = np.ones([2, 4, 4], np.float32)
  out = tf.scatter_nd(idx, upd, tf.constant([4, 4, 4], tf.int64))
  assert out.shape.as_list() == [4, 4, 4]
  res = run_many(out)
  assert res[0].sum() == 16 and res[1].sum() == 0 and res[2].sum() == 16
  with pytest.raises(ValueError):
    tf.scatter_nd(idx, np.ones([3, 4, 4], np.float32), [4, 4, 4])
  pidx = _placeholder(tf.int32, [None, 1])
  bad = tf.scatter_nd(pidx, tf.constant([1.0, 2.0]), [6])
  with tf.Session() as sess:
    with pytest.raises(tf.errors.InvalidArgumentError,
                       match=r"indices\[1\] = \[6\] does not index into shape \[6\]"):
      sess.run(bad, {pidx: [[1], [6]]})
    np.testing.assert_array_equal(sess.run(bad, {pidx: [[1], [5]]}), [0, 1, 0, 0, 0, 2])


# ---- one_hot ---------------------------------------------------------------------------------

def test_one_hot_defaults_and_out_of_range():
  out = tf.one_hot([0, 2, -1, 5], 3)
  assert out.dtype == tf.float32
  assert out.shape.as_list() == [4, 3]
  expected = np.zeros([4, 3], np.float32)
  expected[0, 0] = expected[1, 2] = 1
  np.testing.assert_array_equal(run_many(out), expected)


def test_one_hot_dtype_inference_and_axis():
  out = tf.one_hot(np.array([[1, 0]], np.int64), 2, on_value=5, off_value=-1, axis=0)
  assert out.dtype == tf.int32
  assert out.shape.as_list() == [2, 1, 2]
  np.testing.assert_array_equal(run_many(out), [[[-1, 5]], [[5, -1]]])
  b = tf.one_hot([1], 2, on_value=True, off_value=False)
  assert b.dtype == tf.bool
  np.testing.assert_array_equal(run_many(b), [[False, True]])
  d = tf.one_hot([1], 2, dtype=tf.float64)
  assert d.dtype == tf.float64
  s = tf.one_hot([1, 0], 2, on_value=b"y", off_value=b"n")
  np.testing.assert_array_equal(run_many(s), [[b"n", b"y"], [b"y", b"n"]])
  with pytest.raises(TypeError):
    tf.one_hot([1], 2, on_value=1.0, dtype=tf.int32)
  with pytest.raises(TypeError):
    tf.one_hot([1], 2, on_value=1.0, off_value=0)


def test_one_hot_runtime_depth_error():
  depth = _placeholder(tf.int32, [])
  out = tf.one_hot([0], depth)
  with tf.Session() as sess:
    with pytest.raises(tf.errors.InvalidArgumentError, match="depth must be non-negative"):
      sess.run(out, {depth: -2})
    np.testing.assert_array_equal(sess.run(out, {depth: 2}), [[1.0, 0.0]])


# ---- reverse / broadcast ---------------------------------------------------------------------

@pytest.mark.parametrize("dtype", [np.float32, np.int8, np.uint16, np.bool_, object, np.complex128])
def test_reverse(dtype):
  x = sample_values(dtype, (2, 3, 4))
  for axes in ([0], [1, 2], [-1], [0, 1, 2]):
    out = tf.reverse(x, axes)
    assert out.shape.as_list() == [2, 3, 4]
    np.testing.assert_array_equal(run_many(out), np.flip(x, axes))
  assert tf.reverse_v2 is tf.reverse


def test_reverse_errors():
  with pytest.raises(ValueError):
    tf.reverse(np.zeros([2, 3], np.float32), [2])
  with pytest.raises(ValueError):
    tf.reverse(np.zeros([2, 3], np.float32), [1, -1])


@pytest.mark.parametrize("dtype", [np.float32, np.int64, np.bool_, object])
def test_broadcast_to(dtype):
  x = sample_values(dtype, (3, 1))
  out = tf.broadcast_to(x, [2, 3, 4])
  assert out.shape.as_list() == [2, 3, 4]
  np.testing.assert_array_equal(run_many(out), np.broadcast_to(x, [2, 3, 4]))
  with pytest.raises(ValueError):
    tf.broadcast_to(np.zeros([3], np.float32), [4])
  shape = _placeholder(tf.int32, [2])
  dyn = tf.broadcast_to(np.zeros([3], np.float32), shape)
  with tf.Session() as sess:
    with pytest.raises(tf.errors.InvalidArgumentError):
      sess.run(dyn, {shape: [2, 4]})
    assert sess.run(dyn, {shape: [2, 3]}).shape == (2, 3)


def test_broadcast_shapes():
  np.testing.assert_array_equal(run_many(tf.broadcast_dynamic_shape([2, 1, 3], [4, 1])), [2, 4, 3])
  s = tf.broadcast_static_shape(tf.TensorShape([None, 1, 3]), tf.TensorShape([4, 1]))
  assert s.as_list() == [None, 4, 3]
  with pytest.raises(ValueError, match="Incompatible shapes for broadcasting"):
    tf.broadcast_static_shape(tf.TensorShape([2]), tf.TensorShape([3]))
  assert tf.broadcast_static_shape(tf.TensorShape(None), tf.TensorShape([3])).ndims is None
  a = _placeholder(tf.int64, [None])
  with tf.Session() as sess:
    with pytest.raises(tf.errors.InvalidArgumentError, match="Incompatible shapes"):
      sess.run(tf.broadcast_dynamic_shape(a, tf.constant([3], tf.int64)), {a: [2]})


# ---- unique / invert_permutation -------------------------------------------------------------

@pytest.mark.parametrize("dtype", [np.float32, np.int32, np.int64, np.uint8, object, np.bool_])
def test_unique(dtype):
  x = np.array([3, 1, 3, 0, 1, 7, 7]).astype(dtype) if dtype != object else \
      np.array([b"b", b"a", b"b", b"c"], dtype=object)
  y, idx = tf.unique(x)
  assert y.shape.as_list() == [None]
  assert idx.dtype == tf.int32
  yv, iv = run_many(y, idx)
  _, first = np.unique(x, return_index=True)
  expected = x[np.sort(first)]
  np.testing.assert_array_equal(yv, expected)
  np.testing.assert_array_equal(yv[iv], x)
  y64, idx64 = tf.unique(x, out_idx=tf.int64)
  assert idx64.dtype == tf.int64
  with pytest.raises(ValueError):
    tf.unique(np.zeros([2, 2], np.float32))


def test_invert_permutation():
  perm = np.array([3, 0, 2, 1], np.int32)
  out = tf.invert_permutation(perm)
  np.testing.assert_array_equal(run_many(out), np.argsort(perm))
  p = _placeholder(tf.int64, [None])
  inv = tf.invert_permutation(p)
  with tf.Session() as sess:
    with pytest.raises(tf.errors.InvalidArgumentError, match="1 is duplicated in the input"):
      sess.run(inv, {p: [1, 1, 0]})
    with pytest.raises(tf.errors.InvalidArgumentError, match="3 is not between 0 and 3"):
      sess.run(inv, {p: [3, 1, 0]})
    np.testing.assert_array_equal(sess.run(inv, {p: [2, 0, 1]}), [1, 2, 0])


# ---- diagonals -------------------------------------------------------------------------------

@pytest.mark.parametrize("dtype", [np.float32, np.int32, np.complex64, np.bool_, np.float16])
def test_matrix_diag_family(dtype):
  d = sample_values(dtype, (2, 3))
  m = tf.matrix_diag(d)
  assert m.shape.as_list() == [2, 3, 3]
  expected = np.zeros([2, 3, 3], dtype)
  for b in range(2):
    np.fill_diagonal(expected[b], d[b])
  np.testing.assert_array_equal(run_many(m), expected)
  assert tf.linalg.diag is tf.matrix_diag

  x = sample_values(dtype, (2, 3, 4))
  part = tf.matrix_diag_part(x)
  assert part.shape.as_list() == [2, 3]
  np.testing.assert_array_equal(run_many(part), np.stack([np.diagonal(x[b]) for b in range(2)]))

  new_diag = sample_values(dtype, (2, 3))[:, ::-1].copy()
  s = tf.matrix_set_diag(x, new_diag)
  expected = x.copy()
  for b in range(2):
    for i in range(3):
      expected[b, i, i] = new_diag[b, i]
  np.testing.assert_array_equal(run_many(s), expected)


@pytest.mark.parametrize("lower,upper", [(0, 0), (1, 0), (0, -1), (-1, 1), (2, 3), (-1, -1)])
def test_matrix_band_part(lower, upper):
  x = np.arange(1, 1 + 2 * 4 * 5, dtype=np.float32).reshape(2, 4, 5)
  out = tf.linalg.band_part(x, lower, upper)
  i = np.arange(4)[:, None]
  j = np.arange(5)[None, :]
  keep = ((lower < 0) | (i - j <= lower)) & ((upper < 0) | (j - i <= upper))
  np.testing.assert_array_equal(run_many(out), np.where(keep, x, 0))
  assert tf.matrix_band_part is tf.linalg.band_part


def test_tensor_diag():
  d = np.array([[1, 2], [3, 4]], np.float64)
  out = tf.diag(d)
  assert out.shape.as_list() == [2, 2, 2, 2]
  res = run_many(out)
  expected = np.diag(d.ravel()).reshape(2, 2, 2, 2)
  np.testing.assert_array_equal(res, expected)
  back = tf.diag_part(res)
  np.testing.assert_array_equal(run_many(back), d)
  assert tf.linalg.tensor_diag is tf.diag
  with pytest.raises(ValueError):
    tf.diag_part(np.zeros([2, 3, 4], np.float32))


def test_diag_static_errors():
  with pytest.raises(ValueError):
    tf.matrix_diag_part(np.zeros([3], np.float32))
  with pytest.raises(ValueError):
    tf.matrix_set_diag(np.zeros([2, 3, 3], np.float32), np.zeros([2, 4], np.float32))
