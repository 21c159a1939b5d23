"""tf.SparseTensor / SparseTensorValue, sparse placeholders (feeding and fetching),
tf.sparse.to_dense, the SparseSegment ops and tf.nn.embedding_lookup_sparse: values and
gradients against real TensorFlow (tests/goldens/cases_sparse.py), and TF's errors."""
import numpy as np
import pytest
import tensorflow as tf

import golden_util
from tensorflow.python.ops import gen_math_ops
from tensorflow.python.ops import gen_sparse_ops

MOD, META, _, ARRAYS = golden_util.load("sparse")
META = META["cases"]


@pytest.mark.parametrize("case", sorted(MOD.CASES))
def test_values_and_shapes_match_tensorflow(case):
  g, fetches = golden_util.build(MOD, case, tf)
  with tf.Session(graph=g) as sess:
    values = sess.run(fetches)
  assert sorted(fetches) == sorted(META[case])
  for key, tensor in fetches.items():
    if tensor.op.type == "SparseReduceSum":
      # TF 1.15's SparseReduceSum has no static shape; later TF sets one in Python.
      assert golden_util.static_shape(tensor) is None, key
    else:
      assert golden_util.static_shape(tensor) == META[case][key]["shape"], key
    assert tensor.dtype.name == META[case][key]["dtype"], key
    np.testing.assert_allclose(values[key], ARRAYS[case + "/" + key], rtol=2e-5, atol=2e-6,
                               err_msg=key)


def _value():
  return tf.SparseTensorValue(np.array([[0, 1], [2, 0]], np.int64),
                              np.array([1.5, -2.0], np.float32), np.array([3, 2], np.int64))


def test_sparse_tensor_properties():
  with tf.Graph().as_default() as g:
    sp = tf.SparseTensor([[0, 1], [2, 0]], [1.5, -2.0], [3, 2])
    assert sp.indices.dtype == tf.int64 and sp.dense_shape.dtype == tf.int64
    assert sp.dtype == tf.float32 and sp.values.dtype == tf.float32
    assert sp.shape.as_list() == [3, 2] and sp.get_shape().as_list() == [3, 2]
    assert sp.op is sp.values.op and sp.graph is g
    assert "SparseTensor(indices=" in str(sp)
    assert isinstance(sp, tf.sparse.SparseTensor)
    assert tf.convert_to_tensor_or_sparse_tensor(sp) is sp
    from_value = tf.convert_to_tensor_or_sparse_tensor(_value())
    assert isinstance(from_value, tf.SparseTensor)
    assert isinstance(tf.convert_to_tensor_or_sparse_tensor([1, 2]), tf.Tensor)
    with pytest.raises(RuntimeError, match="Sparse dtype: requested = int32, actual = float32"):
      tf.convert_to_tensor_or_sparse_tensor(sp, dtype=tf.int32)
    with tf.Session() as sess:
      v = sp.eval(session=sess)
      assert isinstance(v, tf.SparseTensorValue)
      np.testing.assert_array_equal(v.indices, [[0, 1], [2, 0]])
      np.testing.assert_array_equal(v.values, [1.5, -2.0])
      np.testing.assert_array_equal(v.dense_shape, [3, 2])


def test_sparse_tensor_static_checks():
  with tf.Graph().as_default():
    with pytest.raises(ValueError, match="Dimensions 2 and 3 are not compatible"):
      tf.SparseTensor([[0, 0], [1, 1]], [1.0, 2.0, 3.0], [3, 3])
    with pytest.raises(ValueError):
      tf.SparseTensor([0, 1], [1.0, 2.0], [3, 3])


def test_placeholder_feed_and_fetch():
  with tf.Graph().as_default():
    sp = tf.sparse.placeholder(tf.float32, name="sp")
    assert sp.values.name == "sp/values:0" and sp.indices.name == "sp/indices:0"
    assert sp.dense_shape.name == "sp/shape:0"
    dense = tf.sparse.to_dense(sp)
    doubled = sp.values * 2.0
    with tf.Session() as sess:
      want = [[0, 1.5], [0, 0], [-2.0, 0]]
      np.testing.assert_array_equal(sess.run(dense, {sp: _value()}), want)
      v = _value()
      np.testing.assert_array_equal(
          sess.run(dense, {sp: (v.indices, v.values, v.dense_shape)}), want)
      out = sess.run(sp, {sp: v})
      assert isinstance(out, tf.SparseTensorValue)
      np.testing.assert_array_equal(out.values, v.values)
      both = sess.run({"sp": sp, "d": doubled, "l": [sp, dense]}, {sp: v})
      assert isinstance(both["sp"], tf.SparseTensorValue)
      assert isinstance(both["l"][0], tf.SparseTensorValue)
      np.testing.assert_array_equal(both["d"], [3.0, -4.0])
      np.testing.assert_array_equal(both["l"][1], want)
      np.testing.assert_array_equal(dense.eval({sp: v}, session=sess), want)


def test_placeholder_with_shape():
  with tf.Graph().as_default():
    sp = tf.sparse_placeholder(tf.int32, shape=[3, 2])
    assert sp.shape.as_list() == [3, 2]
    assert sp.indices.shape.as_list() == [None, 2]
    part = tf.sparse.placeholder(tf.float32, shape=[None, 4])
    assert part.dense_shape.op.type == "Placeholder"
    assert part.indices.shape.as_list() == [None, 2]
    with tf.Session() as sess:
      # As in TF 1.15, reading the static shape makes the constant dense_shape unfeedable:
      # such placeholders are fed (indices, values).
      out = sess.run(tf.sparse.to_dense(sp, default_value=-1), {sp: ([[1, 1]], [7])})
      np.testing.assert_array_equal(out, [[-1, -1], [-1, 7], [-1, -1]])


def test_to_dense_errors():
  with tf.Graph().as_default():
    indices = tf.placeholder(tf.int64, [None, 2])
    values = tf.placeholder(tf.float32, [None])
    dense = tf.sparse.to_dense(tf.SparseTensor(indices, values, [3, 3]))
    with tf.Session() as sess:
      with pytest.raises(tf.errors.InvalidArgumentError,
                         match=r"sparse_values has incorrect shape \[3\], should be \[\] or \[2\]"):
        sess.run(dense, {indices: [[0, 0], [1, 1]], values: [1, 2, 3]})
      with pytest.raises(tf.errors.InvalidArgumentError,
                         match=r"indices\[1\] = \[0,0\] is out of order"):
        sess.run(dense, {indices: [[1, 1], [0, 0]], values: [1, 2]})
      with pytest.raises(tf.errors.InvalidArgumentError,
                         match=r"indices\[1\] = \[3,0\] is out of bounds: need 0 <= index < \[3,3\]"):
        sess.run(dense, {indices: [[1, 1], [3, 0]], values: [1, 2]})
    with pytest.raises(TypeError, match="Input must be a SparseTensor"):
      tf.sparse.to_dense(tf.constant([1.0]))


def _run_error(fetch, feeds=None):
  with tf.Session() as sess:
    sess.run(fetch, feeds)


def test_sparse_segment_errors():
  with tf.Graph().as_default():
    data = tf.constant(np.arange(12.0).reshape(4, 3))
    ind = tf.placeholder(tf.int32, [None])
    seg = tf.placeholder(tf.int32, [None])
    y = tf.sparse.segment_sum(data, ind, seg)
    m = tf.sparse.segment_mean(data, ind, seg)
    n = tf.sparse.segment_sum(data, ind, seg, num_segments=2)
    cases = [
        (y, [0, 5], [0, 1], r"Bad: indices\[1\] == 5 out of range \[0, 4\)"),
        (m, [0, 1], [1, 0], "segment ids are not increasing"),
        (y, [0, 1], [-1, 0], r"Segment id -1 out of range \[0, 1\), possibly because "
                             "'segment_ids' input is not sorted."),
        (n, [0, 1], [0, 2], "segment ids must be < num_segments"),
        (y, [0, 1, 2], [0, 1], "segment_ids and indices should have same size."),
    ]
    for fetch, i, s, msg in cases:
      with pytest.raises(tf.errors.InvalidArgumentError, match=msg):
        _run_error(fetch, {ind: i, seg: s})
    with pytest.raises(ValueError):
      tf.sparse.segment_sum(data, [0, 1, 2], [0, 1])
    g = gen_math_ops.sparse_segment_mean_grad(data, ind, seg, 5)
    with pytest.raises(tf.errors.InvalidArgumentError, match=r"Index 7 out of range \[0, 5\)\."):
      _run_error(g, {ind: [0, 7], seg: [0, 1]})
    with pytest.raises(tf.errors.InvalidArgumentError, match="Invalid number of segments"):
      _run_error(g, {ind: [0, 1], seg: [0, 7]})


def test_embedding_lookup_sparse_errors():
  with tf.Graph().as_default():
    params = tf.constant(np.ones([10, 2], np.float32))
    ids = tf.SparseTensor([[0, 0], [1, 0]], tf.constant([1, 12], tf.int64), [2, 1])
    with pytest.raises(ValueError, match="combiner must be one of 'mean', 'sqrtn' or 'sum'"):
      tf.nn.embedding_lookup_sparse(params, ids, None, combiner="max")
    with pytest.raises(TypeError, match="sp_ids must be SparseTensor"):
      tf.nn.embedding_lookup_sparse(params, tf.constant([1]), None)
    with pytest.raises(TypeError, match="sp_weights must be either None or SparseTensor"):
      tf.nn.embedding_lookup_sparse(params, ids, tf.constant([1.0, 2.0]))
    y = tf.nn.embedding_lookup_sparse(params, ids, None, combiner="sum")
    with pytest.raises(tf.errors.InvalidArgumentError, match=r"indices\[1\] = 12 is not in \[0, 10\)"):
      _run_error(y)
    unsorted = tf.SparseTensor([[1, 0], [0, 0]], tf.constant([1, 2], tf.int64), [2, 1])
    with pytest.raises(tf.errors.InvalidArgumentError, match="segment ids are not increasing"):
      _run_error(tf.nn.embedding_lookup_sparse(params, unsorted, None))


def test_reorder_errors():
  with tf.Graph().as_default():
    ind = tf.placeholder(tf.int64)
    val = tf.placeholder(tf.float32)
    shp = tf.placeholder(tf.int64)
    r = gen_sparse_ops.sparse_reorder(ind, val, shp)
    cases = [
        ({ind: [[0, 0], [1, 1]], val: [1, 2, 3], shp: [2, 2]},
         r"Number of elements in indices \(2\) and values \(3\) do not match"),
        ({ind: [[0, 0], [1, 1]], val: [1, 2], shp: [2, 2, 2]},
         r"Index rank \(2\) and shape rank \(3\) do not match"),
        ({ind: [0, 1], val: [1, 2], shp: [2]},
         r"Input indices should be a matrix but received shape \[2\]"),
    ]
    for feeds, msg in cases:
      with pytest.raises(tf.errors.InvalidArgumentError, match=msg):
        _run_error(r, feeds)
    with pytest.raises(TypeError, match="Input must be a SparseTensor"):
      tf.sparse.reorder(tf.constant([1.0]))


def test_sparse_dense_matmul_errors():
  with tf.Graph().as_default():
    ind = tf.placeholder(tf.int64)
    val = tf.placeholder(tf.float32)
    shp = tf.placeholder(tf.int64)
    b = tf.placeholder(tf.float32)
    r = gen_sparse_ops.sparse_tensor_dense_mat_mul(ind, val, shp, b)
    ones = np.ones([3, 2], np.float32)
    cases = [
        ({ind: [[0, 0], [1, 1]], val: [1, 2, 3], shp: [2, 3], b: ones},
         "Number of rows of a_indices does not match number of entries in a_values"),
        ({ind: [[0, 0], [1, 1]], val: [1, 2], shp: [2, 4], b: ones},
         r"Cannot multiply A and B because inner dimension does not match: 4 vs. 3.  Did you "
         r"forget a transpose\?  Dimensions of A: \[2, 4\).  Dimensions of B: \[3,2\]"),
        ({ind: [[0, 0], [1, 3]], val: [1, 2], shp: [2, 3], b: ones},
         r"k \(3\) from index\[1,1\] out of bounds \(>=3\)"),
        ({ind: [[0, 0], [2, 1]], val: [1, 2], shp: [2, 3], b: ones},
         r"m \(2\) from index\[1,0\] out of bounds \(>=2\)"),
        ({ind: [[0, 0], [1, 1]], val: [1, 2], shp: [2, 3, 1], b: ones},
         "Tensor 'a_shape' must have 2 elements"),
    ]
    for feeds, msg in cases:
      with pytest.raises(tf.errors.InvalidArgumentError, match=msg):
        _run_error(r, feeds)
    sp = tf.SparseTensor([[0, 0]], [1.0], [2, 3])
    with pytest.raises(ValueError):
      tf.sparse.sparse_dense_matmul(sp, tf.ones([4, 2]))


def test_reshape_and_fill_empty_rows_errors():
  with tf.Graph().as_default():
    ind = tf.placeholder(tf.int64)
    shp = tf.placeholder(tf.int64)
    new = tf.placeholder(tf.int64)
    val = tf.placeholder(tf.float32)
    r = gen_sparse_ops.sparse_reshape(ind, shp, new)
    f = gen_sparse_ops.sparse_fill_empty_rows(ind, val, shp, 0.0)
    cases = [
        (r, {ind: [[0, 1]], shp: [2, 3], new: [-1, -1]},
         "only one output dimension may be -1, not both 0 and 1"),
        (r, {ind: [[0, 1]], shp: [2, 3], new: [4, -1]},
         r"Input to reshape is a SparseTensor with 6 dense values, but the requested shape "
         r"requires a multiple of 4. input_shape=\[2,3\] output_shape=\[4,1\]"),
        (r, {ind: [[0, 1]], shp: [2, 3], new: [4, 2]},
         r"Input to reshape is a tensor with 6 dense values, but the requested shape has 8. "
         r"input_shape=\[2,3\] output_shape=\[4,2\]"),
        (r, {ind: [[0, 1]], shp: [2, 3], new: [-2, 3]}, "size 0 must be non-negative, not -2"),
        (r, {ind: [[0, 1]], shp: [2, 3, 1], new: [6]},
         "Input tensor rank must match input shape length."),
        (f, {ind: [[0, 1], [5, 0]], val: [1, 2], shp: [3, 3]},
         r"indices\(1, 0\) is invalid: 5 >= 3"),
        (f, {ind: [[0, 1], [1, 0]], val: [1, 2, 3], shp: [3, 3]},
         r"The length of `values` \(3\) must match the first dimension of `indices` \(2\)."),
        (f, {ind: [[0, 1]], val: [1], shp: [0, 3]},
         r"Received SparseTensor with dense_shape\[0\] = 0 but indices.shape\[0\] = 1"),
    ]
    for fetch, feeds, msg in cases:
      with pytest.raises(tf.errors.InvalidArgumentError, match=msg):
        _run_error(fetch, feeds)
    sp = tf.SparseTensor([[0, 1]], [1.0], [2, 3])
    with pytest.raises(ValueError, match=r"Cannot reshape a tensor with 6 elements to shape "
                                         r"\[4, 2\] \(8 elements\)."):
      tf.sparse.reshape(sp, [4, 2])
    with pytest.raises(ValueError, match="At most one dimension can be inferred"):
      tf.sparse.reshape(sp, [-1, -1])


def test_reduce_sum_errors():
  with tf.Graph().as_default():
    ind = tf.placeholder(tf.int64)
    val = tf.placeholder(tf.float32)
    shp = tf.placeholder(tf.int64)
    axes = tf.placeholder(tf.int32)
    r = gen_sparse_ops.sparse_reduce_sum(ind, val, shp, axes)
    cases = [
        ({ind: [[0, 1]], val: [1.0], shp: [2, 3], axes: [2]},
         "Invalid reduction dimension 2, for input with 2 dimensions."),
        ({ind: [[0, 1]], val: [1.0], shp: [2, 3], axes: [[1]]},
         r"Expected reduction_axes to be a scalar or a vector; got shape: \[1,1\]"),
        ({ind: [[0, 1]], val: [1.0, 2.0], shp: [2, 3], axes: [0]},
         r"indices and values rows \(indexing dimension\) must match. \(indices = 1, "
         r"values = 2\)"),
        ({ind: [[0, 1]], val: [1.0], shp: [[2, 3]], axes: [0]},
         r"Expected input_shape to be a vector; got shape: \[1,2\]"),
        ({ind: [[0, 5]], val: [1.0], shp: [2, 3], axes: [0]},
         r"indices\[0\] = \[0,5\] is out of bounds: need 0 <= index < \[2,3\]"),
    ]
    for feeds, msg in cases:
      with pytest.raises(tf.errors.InvalidArgumentError, match=msg):
        _run_error(r, feeds)
