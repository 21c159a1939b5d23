"""Values, static shapes, graph structure and errors of the core array functions (tf.reshape,
tf.shape, tf.concat, tf.stack, tf.split, tf.slice, tf.strided_slice and `[]`, tf.zeros/ones,
tf.fill, tf.range, tf.linspace, tf.tile, tf.pad, ...), against NumPy."""

import numpy as np
import pytest

import tensorflow as tf
from op_test_util import fresh_graph, run_many, sample_values  # noqa: F401

ALL_DTYPES = [np.float32, np.float64, np.float16, np.int8, np.int16, np.int32, np.int64,
              np.uint8, np.uint16, np.uint32, np.uint64, np.complex64, np.complex128, np.bool_,
              object]


def _tf_dtype(dtype):
  return tf.string if dtype == object else tf.as_dtype(dtype)


def _check(actual, expected):
  expected = np.asarray(expected)
  assert actual.shape == expected.shape, (actual.shape, expected.shape)
  if expected.dtype == object:
    assert actual.tolist() == expected.tolist()
  else:
    assert actual.dtype == expected.dtype, (actual.dtype, expected.dtype)
    np.testing.assert_array_equal(actual, expected)


# ---- data movement over every dtype ----------------------------------------------------------

@pytest.mark.parametrize("dtype", ALL_DTYPES)
def test_movement_ops_all_dtypes(dtype):
  v = sample_values(dtype, (2, 3, 4))
  x = tf.placeholder(_tf_dtype(dtype), [None, 3, 4])
  fetches = {
      "reshape": (tf.reshape(x, [-1, 4]), v.reshape(-1, 4)),
      "transpose": (tf.transpose(x, [2, 0, 1]), v.transpose(2, 0, 1)),
      "concat": (tf.concat([x, x], axis=1), np.concatenate([v, v], axis=1)),
      "stack": (tf.stack([x, x], axis=2), np.stack([v, v], axis=2)),
      "slice": (tf.slice(x, [0, 1, 1], [-1, 2, 2]), v[:, 1:3, 1:3]),
      "getitem": (x[::-1, 1, ::-2], v[::-1, 1, ::-2]),
      "tile": (tf.tile(x, [1, 2, 1]), np.tile(v, [1, 2, 1])),
      "expand": (tf.expand_dims(x, -1), v[..., None]),
      "squeeze": (tf.squeeze(x[:, :1], [1]), v[:, 0]),
      "reflect": (tf.pad(x, [[0, 0], [1, 2], [0, 1]], "REFLECT"),
                  np.pad(v, [[0, 0], [1, 2], [0, 1]], "reflect")),
      "symmetric": (tf.pad(x, [[1, 1], [0, 0], [2, 0]], mode="symmetric"),
                    np.pad(v, [[1, 1], [0, 0], [2, 0]], "symmetric")),
  }
  if dtype != object:
    fetches["pad"] = (tf.pad(x, [[1, 0], [0, 1], [2, 2]]), np.pad(v, [[1, 0], [0, 1], [2, 2]]))
    fetches["zeros_like"] = (tf.zeros_like(x), np.zeros_like(v))
  names = sorted(fetches)
  values = run_many(*[fetches[k][0] for k in names], feed_dict={x: v})
  for name, got in zip(names, values):
    _check(got, fetches[name][1])
  pieces = run_many(*tf.split(x, [1, 3], axis=2), *tf.unstack(x, axis=1), feed_dict={x: v})
  _check(pieces[0], v[:, :, :1])
  _check(pieces[1], v[:, :, 1:])
  for i in range(3):
    _check(pieces[2 + i], v[:, i])


@pytest.mark.parametrize("shape,perm", [
    ((37, 70), (1, 0)), ((3, 33, 65), (0, 2, 1)), ((2, 3, 4, 5), (2, 3, 0, 1)),
    ((4, 5, 6), (1, 2, 0)), ((4, 1, 6), (1, 0, 2)), ((2, 3, 4, 5), (3, 1, 0, 2)),
    ((1, 1), (1, 0)), ((0, 3), (1, 0)),
])
@pytest.mark.parametrize("dtype", [np.float32, np.int8, np.complex128, object])
def test_transpose_layouts(shape, perm, dtype):
  v = sample_values(dtype, shape)
  x = tf.placeholder(_tf_dtype(dtype), shape)
  _check(run_many(tf.transpose(x, perm), feed_dict={x: v}), v.transpose(perm))


def test_fill_zeros_ones_values_and_graph():
  _check(run_many(tf.fill([2, 3], 7.5)), np.full((2, 3), 7.5, np.float32))
  _check(run_many(tf.fill([2], "ab")), np.array([b"ab", b"ab"], dtype=object))
  z = tf.zeros([2, 3], dtype=tf.int64)
  assert z.op.type == "Const" and z.op.name == "zeros"
  big = tf.ones([40, 50])
  assert big.op.type == "Fill" and big.op.name == "ones"
  _check(run_many(z), np.zeros((2, 3), np.int64))
  _check(run_many(big), np.ones((40, 50), np.float32))
  _check(run_many(tf.zeros([2], tf.bool)), np.zeros(2, bool))
  _check(run_many(tf.ones([2], tf.bool)), np.ones(2, bool))
  _check(run_many(tf.zeros([1], tf.string)), np.array([b""], dtype=object))
  p = tf.placeholder(tf.float32, [None, 2])
  ol = tf.ones_like(p, dtype=tf.int32)
  assert ol.shape.as_list() == [None, 2]
  _check(run_many(ol, feed_dict={p: np.zeros((3, 2))}), np.ones((3, 2), np.int32))
  zl = tf.zeros_like(tf.constant([[1, 2]]))
  assert zl.op.type == "Const"
  dyn = tf.zeros(tf.shape(p))
  assert dyn.op.type == "Fill" and dyn.shape.as_list() == [None, 2]
  _check(run_many(tf.ones_like(tf.placeholder_with_default([True, False], [2]))), [True, True])


# ---- shapes ------------------------------------------------------------------------------------

def test_shape_size_rank_constant_folding_and_runtime():
  full = tf.constant(np.zeros((2, 3), np.float32))
  s = tf.shape(full)
  assert s.op.type == "Const" and s.op.name == "Shape"
  p = tf.placeholder(tf.float32, [None, 3])
  ps = tf.shape(p, out_type=tf.int64)
  assert ps.op.type == "Shape" and ps.dtype == tf.int64
  assert tf.size(full).op.type == "Const"
  assert tf.rank(p).op.type == "Const"
  u = tf.placeholder(tf.float32)
  assert tf.rank(u).op.type == "Rank" and tf.size(u).op.type == "Size"
  zero = tf.placeholder(tf.float32, [None, 0])
  assert tf.size(zero).op.type == "Const"
  sn = tf.shape_n([p, u])
  v = np.zeros((4, 3), np.float32)
  out = run_many(ps, tf.size(u), tf.rank(u), sn[0], sn[1], feed_dict={p: v, u: v[:1]})
  _check(out[0], np.array([4, 3], np.int64))
  assert out[1] == 3 and out[2] == 2
  _check(out[3], np.array([4, 3], np.int32))
  _check(out[4], np.array([1, 3], np.int32))


def test_static_shapes_partial():
  p = tf.placeholder(tf.float32, [None, 3])
  assert tf.reshape(p, [-1, 3]).shape.as_list() == [None, 3]
  assert tf.reshape(p, [tf.shape(p)[0], 3, 1]).shape.as_list() == [None, 3, 1]
  assert tf.reshape(p, [-1]).shape.as_list() == [None]
  q = tf.placeholder(tf.float32, [2, None, 4])
  assert tf.reshape(q, [2, -1]).shape.as_list() == [2, None]
  assert tf.reshape(tf.zeros([4, 6]), [-1, 3]).shape.as_list() == [8, 3]
  assert tf.transpose(q).shape.as_list() == [4, None, 2]
  assert tf.transpose(tf.placeholder(tf.float32)).shape.ndims is None
  assert tf.concat([q, q], 1).shape.as_list() == [2, None, 4]
  assert tf.concat([q, tf.zeros([2, 5, 4])], 1).shape.as_list() == [2, None, 4]
  assert tf.concat([tf.zeros([2, 5]), tf.zeros([2, 1])], -1).shape.as_list() == [2, 6]
  assert tf.stack([p, p], 1).shape.as_list() == [None, 2, 3]
  assert [t.shape.as_list() for t in tf.unstack(q)] == [[None, 4], [None, 4]]
  assert [t.shape.as_list() for t in tf.split(q, 2, axis=2)] == [[2, None, 2]] * 2
  assert [t.shape.as_list() for t in tf.split(q, [1, -1], 2)] == [[2, None, 1], [2, None, 3]]
  assert tf.slice(q, [0, 0, 1], [1, -1, 2]).shape.as_list() == [1, None, 2]
  assert tf.expand_dims(q, 1).shape.as_list() == [2, 1, None, 4]
  assert tf.expand_dims(q, dim=-1).shape.as_list() == [2, None, 4, 1]
  assert tf.squeeze(tf.placeholder(tf.float32, [1, None, 1])).shape.ndims is None
  assert tf.squeeze(tf.placeholder(tf.float32, [1, 2, 1]), axis=[0]).shape.as_list() == [2, 1]
  assert tf.squeeze(tf.zeros([1, 2, 1]), squeeze_dims=2).shape.as_list() == [1, 2]
  assert tf.tile(q, [2, 1, 3]).shape.as_list() == [4, None, 12]
  assert tf.pad(q, [[1, 1], [0, 0], [2, 0]]).shape.as_list() == [4, None, 6]
  assert tf.fill([2, tf.shape(p)[0]], 1.0).shape.as_list() == [2, None]
  assert tf.range(10).shape.as_list() == [10]
  assert tf.range(1.0, 2.0, 0.3).shape.as_list() == [4]
  assert tf.range(tf.shape(p)[0]).shape.as_list() == [None]
  assert tf.linspace(0.0, 1.0, 5).shape.as_list() == [5]
  assert tf.eye(3, 4).shape.as_list() == [3, 4]


# ---- strided slice / getitem ---------------------------------------------------------------------

GETITEM_CASES = [
    (1,), (-1,), (slice(1, 3),), (slice(None, None, -1),), (slice(3, 0, -2),),
    (slice(-2, None),), (slice(None, -1), 2), (Ellipsis, 1), (Ellipsis, None, slice(0, 2)),
    (None, 0), (slice(None), None, slice(None, None, 2)), (1, Ellipsis, -1),
    (slice(10, 20),), (slice(-10, 2),), (slice(None, None, 3), slice(None, None, -2), 0),
    (0, 1, 2), (Ellipsis,), (slice(4, 1, -1), Ellipsis, None), (None, None, 1),
]


@pytest.mark.parametrize("spec", GETITEM_CASES)
def test_getitem_matches_numpy(spec):
  v = np.arange(4 * 5 * 6, dtype=np.int32).reshape(4, 5, 6)
  x = tf.placeholder(tf.int32, [4, 5, 6])
  y = x[spec]
  expected = v[spec]
  assert y.shape.as_list() == list(expected.shape)
  _check(run_many(y, feed_dict={x: v}), expected)
  # Same values when the static shape is unknown.
  u = tf.placeholder(tf.int32)
  _check(run_many(u[spec], feed_dict={u: v}), expected)


def test_getitem_with_tensor_indices_and_int64():
  v = np.arange(12, dtype=np.float32).reshape(3, 4)
  x = tf.placeholder(tf.float32, [3, 4])
  i = tf.placeholder(tf.int32, [])
  j = tf.constant(1, tf.int64)
  y = x[i, 1:]
  # begin is not a constant, so (as in TF) only the rank is known.
  assert y.shape.as_list() == [None]
  z = x[:, j]
  assert z.op.inputs[1].dtype == tf.int64
  out = run_many(y, z, x[i:i + 2], feed_dict={x: v, i: 1})
  _check(out[0], v[1, 1:])
  _check(out[1], v[:, 1])
  _check(out[2], v[1:3])
  with pytest.raises(TypeError, match="Only integers, slices"):
    x[1.5]
  with pytest.raises(TypeError, match="Only integers, slices"):
    x[tf.constant([1, 2])]


def test_getitem_graph_structure():
  x = tf.placeholder(tf.float32, [3, 4], name="x")
  y = x[1:, tf.newaxis, ..., ::-1]
  assert y.op.type == "StridedSlice" and y.op.name == "strided_slice"
  assert y.op.inputs[1].op.name == "strided_slice/stack"
  assert y.op.get_attr("begin_mask") == 0b1000 and y.op.get_attr("end_mask") == 0b1001
  assert y.op.get_attr("new_axis_mask") == 0b10 and y.op.get_attr("ellipsis_mask") == 0b100
  assert y.shape.as_list() == [2, 1, 4]
  s = tf.strided_slice(x, [0], [2])
  assert s.op.inputs[3].op.type == "Fill"  # ones_like of the begin Const, as in TF
  _check(run_many(s, feed_dict={x: np.ones((3, 4))}), np.ones((2, 4), np.float32))
  # A bool index goes to boolean_mask, which rejects scalar masks.
  with pytest.raises(ValueError, match="mask cannot be scalar"):
    tf.zeros([3])[tf.constant(True)]


def test_boolean_mask_and_sequence_mask():
  v = np.arange(12, dtype=np.float32).reshape(3, 4)
  m = np.array([True, False, True])
  x = tf.placeholder(tf.float32, [3, 4])
  y = tf.boolean_mask(x, m)
  assert y.shape.as_list() == [None, 4]
  _check(run_many(y, feed_dict={x: v}), v[m])
  m2 = v > 4
  _check(run_many(tf.boolean_mask(x, m2), feed_dict={x: v}), v[m2])
  _check(run_many(x[tf.constant(m)], feed_dict={x: v}), v[m])
  with pytest.raises(ValueError, match="mask cannot be scalar"):
    tf.boolean_mask(x, True)
  sm = tf.sequence_mask([1, 3, 0], 4)
  assert sm.shape.as_list() == [3, 4]
  _check(run_many(sm), np.arange(4)[None, :] < np.array([1, 3, 0])[:, None])
  _check(run_many(tf.sequence_mask(tf.constant([2, 1]), dtype=tf.float32)),
         np.array([[1, 1], [1, 0]], np.float32))


# ---- generators ----------------------------------------------------------------------------------

def test_range_dtypes_and_values():
  assert tf.range(5).dtype == tf.int32
  assert tf.range(1, 5, dtype=tf.int64).dtype == tf.int64
  assert tf.range(1, 5.0).dtype == tf.float32
  assert tf.range(tf.constant(3, tf.int64)).dtype == tf.int64
  assert tf.range(0.0, 1.0, tf.constant(0.5, tf.float64)).dtype == tf.float64
  out = run_many(tf.range(5), tf.range(10, 0, -3), tf.range(1.0, 2.0, 0.3), tf.range(0))
  _check(out[0], np.arange(5, dtype=np.int32))
  _check(out[1], np.arange(10, 0, -3, dtype=np.int32))
  np.testing.assert_allclose(out[2], np.arange(1.0, 2.0, 0.3), rtol=1e-6)
  assert out[3].shape == (0,)
  np.testing.assert_allclose(run_many(tf.linspace(1.0, 2.0, 5)), np.linspace(1, 2, 5), rtol=1e-6)
  np.testing.assert_allclose(run_many(tf.lin_space(tf.constant(0.0, tf.float64), 1.0, 3)),
                             [0.0, 0.5, 1.0])
  _check(run_many(tf.eye(3, dtype=tf.int32)), np.eye(3, dtype=np.int32))
  _check(run_many(tf.eye(2, 3)), np.eye(2, 3, dtype=np.float32))
  _check(run_many(tf.eye(2, batch_shape=[2])), np.stack([np.eye(2, dtype=np.float32)] * 2))


def test_meshgrid():
  a, b, c = np.arange(3, dtype=np.int32), np.arange(4, dtype=np.int32) * 10, np.array([5, 6], np.int32)
  for indexing in ("xy", "ij"):
    grids = tf.meshgrid(a, b, c, indexing=indexing)
    expected = np.meshgrid(a, b, c, indexing=indexing)
    for g, e in zip(run_many(*grids), expected):
      _check(g, e)
    assert [g.shape.as_list() for g in grids] == [list(e.shape) for e in expected]
  with pytest.raises(ValueError, match="indexing parameter"):
    tf.meshgrid(a, indexing="yx")


def test_pad_constant_values_and_transpose_default():
  v = np.arange(6, dtype=np.int32).reshape(2, 3)
  p = tf.pad(v, [[1, 0], [0, 2]], constant_values=9)
  assert p.op.type == "PadV2"
  _check(run_many(p), np.pad(v, [[1, 0], [0, 2]], constant_values=9))
  assert tf.pad(v, [[1, 0], [0, 2]]).op.type == "Pad"
  with pytest.raises(ValueError, match="Unknown padding mode"):
    tf.pad(v, [[1, 0], [0, 2]], mode="WRAP")
  _check(run_many(tf.transpose(v)), v.T)
  c = np.array([[1 + 2j, 3 - 1j]], np.complex64)
  _check(run_many(tf.transpose(c, conjugate=True)), np.conj(c.T))
  _check(run_many(tf.linalg.transpose(np.zeros((2, 3, 4), np.float32))), np.zeros((2, 4, 3), np.float32))
  u = tf.placeholder(tf.float32)
  _check(run_many(tf.transpose(u), feed_dict={u: np.zeros((2, 3, 4))}), np.zeros((4, 3, 2), np.float32))


def test_identity_stop_gradient_placeholder_with_default():
  x = tf.constant([1.0, 2.0])
  ident = tf.identity(x, name="same")
  assert ident.op.name == "same" and ident.op.type == "Identity"
  a, b = tf.identity_n([x, tf.constant(3)])
  sg = tf.stop_gradient(x)
  assert sg.op.type == "StopGradient"
  d = tf.placeholder_with_default(x, [None])
  assert d.shape.as_list() == [None]
  out = run_many(ident, a, b, sg, d)
  _check(out[0], np.array([1.0, 2.0], np.float32))
  assert out[2] == 3
  _check(run_many(d, feed_dict={d: np.array([5.0], np.float32)}), np.array([5.0], np.float32))


def test_concat_single_and_autopacking():
  x = tf.constant([[1, 2]])
  one = tf.concat([x], 0)
  assert one.op.type == "Identity"
  p = tf.placeholder(tf.int32, [])
  packed = tf.convert_to_tensor([p, 2, [3][0]])
  assert packed.op.type == "Pack" and packed.shape.as_list() == [3]
  _check(run_many(packed, feed_dict={p: 7}), np.array([7, 2, 3], np.int32))
  nested = tf.convert_to_tensor([[p, 1], [2, 3]])
  assert nested.shape.as_list() == [2, 2]
  _check(run_many(nested, feed_dict={p: 0}), np.array([[0, 1], [2, 3]], np.int32))
  assert tf.stack([1, 2]).op.type == "Const"


# ---- errors --------------------------------------------------------------------------------------

def test_build_time_errors():
  with pytest.raises(ValueError, match="Cannot reshape a tensor with 6 elements to shape"):
    tf.reshape(tf.zeros([2, 3]), [4])
  with pytest.raises(ValueError, match="slice index 5 of dimension 0 out of bounds"):
    tf.zeros([3])[5]
  with pytest.raises(ValueError, match="Dimension size must be evenly divisible by 4 but is 6"):
    tf.split(tf.zeros([6]), 4)
  with pytest.raises(ValueError, match="Shapes must be equal rank|Shape must be rank"):
    tf.concat([tf.zeros([2, 3]), tf.zeros([3])], 0)
  with pytest.raises(ValueError, match="axis = 3 not in"):
    tf.stack([tf.zeros([2])], axis=3)
  with pytest.raises(ValueError, match="Cannot infer num from shape"):
    tf.unstack(tf.placeholder(tf.float32, [None, 2]))
  with pytest.raises(ValueError, match="Can not squeeze dim\\[0\\]"):
    tf.squeeze(tf.zeros([2, 1]), [0])
  with pytest.raises(ValueError, match="Cannot specify both 'dim' and 'axis'"):
    tf.expand_dims(tf.zeros([2]), axis=0, dim=0)
  with pytest.raises(ValueError, match="Must specify an axis"):
    tf.expand_dims(tf.zeros([2]))
  with pytest.raises(ValueError, match="Requires start <= limit when delta > 0"):
    tf.range(5, 1)


def test_runtime_errors_name_the_op():
  u = tf.placeholder(tf.float32, name="u")
  i = tf.placeholder(tf.int32, [], name="i")
  v = np.zeros((2, 3), np.float32)
  cases = [
      (tf.reshape(u, [4], name="r"), "Input to reshape is a tensor with 6 values, but the "
       "requested shape has 4", "r"),
      (u[i], "slice index 5 of dimension 0 out of bounds.", "strided_slice"),
      (tf.concat([u, tf.zeros([2])], 0, name="c"), "ConcatOp : Ranks of all input tensors "
       "should match", "c"),
      (tf.slice(u, [0, 2], [1, 2], name="s"), "Expected size[1] in [0, 1], but got 2", "s"),
      (tf.transpose(u, [0, 0], name="t"), "1 is missing from {0,0}.", "t"),
      (tf.split(u, 4, axis=1, name="sp")[0], "Number of ways to split should evenly divide "
       "the split dimension", "sp"),
      (tf.tile(u, [1, -1], name="tl"), "Expected multiples[1] >= 0, but got -1", "tl"),
      (tf.pad(u, [[0, 0], [3, 0]], "REFLECT", name="mp"), "paddings must be less than the "
       "dimension size: 3, 0 not less than 3", "mp"),
      (tf.fill(tf.shape(u), u, name="f"), "value must be a scalar", "f"),
  ]
  with tf.Session() as sess:
    for tensor, message, op_name in cases:
      with pytest.raises(tf.errors.InvalidArgumentError) as info:
        sess.run(tensor, feed_dict={u: v, i: 5})
      assert message in str(info.value), (message, str(info.value))
      assert op_name in str(info.value)


def test_bad_sizes_fail_cleanly():
  u = tf.placeholder(tf.float32, name="u")
  big = tf.tile(u, tf.constant([2 ** 40, 2 ** 40], tf.int64))
  r = tf.placeholder(tf.int64, [2])
  huge = tf.reshape(u, r)
  f = tf.placeholder(tf.float32, [])
  nan_range = tf.range(0.0, f, 1.0)
  with tf.Session() as sess:
    with pytest.raises((tf.errors.InvalidArgumentError, tf.errors.ResourceExhaustedError)):
      sess.run(big, {u: np.zeros((4, 4), np.float32)})
    with pytest.raises(tf.errors.InvalidArgumentError):
      sess.run(huge, {u: np.zeros((2,), np.float32), r: [2 ** 62, 2 ** 62]})
    with pytest.raises(tf.errors.InvalidArgumentError):
      sess.run(nan_range, {f: np.inf})
