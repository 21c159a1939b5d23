"""SpaceToBatchND / BatchToSpaceND / SpaceToBatch / BatchToSpace / SpaceToDepth / DepthToSpace
and the dilated convolutions built on them: values against NumPy and against real TF
(tests/goldens/cases_space_batch.py), graph structure of with_space_to_batch, finite-difference
gradients, and TF's errors for bad input."""
import importlib.util
import os

import numpy as np
import pytest
import tensorflow as tf

import golden_util

MOD, META, GRAPHS, ARRAYS = golden_util.load("space_batch")


def _np_space_to_batch(x, block, pads):
  m = len(block)
  xp = np.pad(x, [(0, 0)] + [tuple(p) for p in pads] + [(0, 0)] * (x.ndim - 1 - m))
  b = x.shape[0]
  shape = [b]
  for i in range(m):
    shape += [xp.shape[i + 1] // block[i], block[i]]
  r = xp.reshape(shape + list(x.shape[m + 1:]))
  perm = ([2 * i + 2 for i in range(m)] + [0] + [2 * i + 1 for i in range(m)] +
          list(range(2 * m + 1, r.ndim)))
  return r.transpose(perm).reshape([b * int(np.prod(block))] +
                                   [xp.shape[i + 1] // block[i] for i in range(m)] +
                                   list(x.shape[m + 1:]))


def _np_batch_to_space(x, block, crops):
  m = len(block)
  nb = x.shape[0] // int(np.prod(block))
  r = x.reshape(list(block) + [nb] + list(x.shape[1:]))
  perm = [m]
  for i in range(m):
    perm += [m + 1 + i, i]
  perm += list(range(2 * m + 1, r.ndim))
  r = r.transpose(perm).reshape([nb] + [x.shape[i + 1] * block[i] for i in range(m)] +
                                list(x.shape[m + 1:]))
  idx = tuple([slice(None)] + [slice(c[0], r.shape[i + 1] - c[1]) for i, c in enumerate(crops)])
  return r[idx]


def _np_space_to_depth(x, bs):
  n, h, w, c = x.shape
  return x.reshape(n, h // bs, bs, w // bs, bs, c).transpose(0, 1, 3, 2, 4, 5).reshape(
      n, h // bs, w // bs, bs * bs * c)


def _run(fetches, feeds=None):
  with tf.Session() as sess:
    return sess.run(fetches, feed_dict=feeds)


@pytest.mark.parametrize("dtype", [np.float32, np.float64, np.int32, np.int64, np.uint8,
                                   np.float16, np.bool_, np.complex64])
def test_space_batch_round_trip_vs_numpy(dtype):
  rng = np.random.RandomState(0)
  x = (rng.uniform(0, 50, [3, 5, 4, 2, 3]) + 1).astype(dtype)
  cases = [([2, 3], [[1, 0], [0, 2]]), ([5], [[0, 0]]), ([1, 2, 2], [[0, 1], [1, 1], [0, 0]]),
           ([], np.zeros([0, 2], np.int32))]
  with tf.Graph().as_default():
    outs = []
    for block, pads in cases:
      y = tf.space_to_batch_nd(x, block, pads)
      outs.append((y, tf.batch_to_space_nd(y, block, pads)))
    got = _run(outs)
  for (block, pads), (y, back) in zip(cases, got):
    np.testing.assert_array_equal(y, _np_space_to_batch(x, block, pads))
    np.testing.assert_array_equal(back, x)
    np.testing.assert_array_equal(_np_batch_to_space(y, block, pads), x)


def test_v1_ops_and_raw_wrappers():
  x = np.arange(2 * 6 * 4 * 3, dtype=np.float32).reshape(2, 6, 4, 3)
  from tensorflow.python.ops import gen_array_ops  # pylint: disable=g-import-not-at-top
  with tf.Graph().as_default():
    raw = gen_array_ops.space_to_batch(x, [[1, 1], [0, 2]], block_size=2)
    back = gen_array_ops.batch_to_space(raw, [[1, 1], [0, 2]], block_size=2)
    v1 = tf.space_to_batch(x, [[1, 1], [0, 2]], block_size=2)
    v1b = tf.batch_to_space(v1, [[1, 1], [0, 2]], 2)
    assert v1.op.type == "SpaceToBatchND"
    # TF 1.15 converts the int64 NumPy block shape with the attr's default type first (int32);
    # TF >= 2.4 keeps int64.
    assert v1.op.inputs[1].dtype == tf.int32
    assert raw.op.type == "SpaceToBatch" and raw.shape.as_list() == [8, 4, 3, 3]
    r, b, v, vb = _run([raw, back, v1, v1b])
  want = _np_space_to_batch(x, [2, 2], [[1, 1], [0, 2]])
  np.testing.assert_array_equal(r, want)
  np.testing.assert_array_equal(v, want)
  np.testing.assert_array_equal(b, x)
  np.testing.assert_array_equal(vb, x)


@pytest.mark.parametrize("dtype", [np.float32, np.int8, np.float64, np.bool_])
def test_depth_space_vs_numpy_both_layouts(dtype):
  x = (np.arange(2 * 6 * 4 * 3) % 7).astype(dtype).reshape(2, 6, 4, 3)
  with tf.Graph().as_default():
    s = tf.space_to_depth(x, 2)
    d = tf.depth_to_space(s, 2)
    xc = np.ascontiguousarray(x.transpose(0, 3, 1, 2))
    sc = tf.nn.space_to_depth(xc, 2, data_format="NCHW")
    dc = tf.nn.depth_to_space(sc, 2, data_format="NCHW")
    assert sc.shape.as_list() == [2, 12, 3, 2]
    sv, dv, scv, dcv = _run([s, d, sc, dc])
  np.testing.assert_array_equal(sv, _np_space_to_depth(x, 2))
  np.testing.assert_array_equal(dv, x)
  np.testing.assert_array_equal(scv, sv.transpose(0, 3, 1, 2))
  np.testing.assert_array_equal(dcv, xc)


def test_strings_depth_to_space():
  x = np.array([b"a", b"bb", b"c", b"dd"], dtype=object).reshape(1, 1, 1, 4)
  with tf.Graph().as_default():
    y = _run(tf.depth_to_space(tf.constant(x), 2))
  assert y.reshape(-1).tolist() == [b"a", b"bb", b"c", b"dd"]


def test_static_shapes():
  with tf.Graph().as_default():
    p = tf.placeholder(tf.float32, [None, 6, None, 3])
    assert tf.space_to_batch_nd(p, [2, 3], [[0, 0], [0, 0]]).shape.as_list() == [None, 3,
                                                                                  None, 3]
    q = tf.placeholder(tf.float32, [4, 6, 4, 3])
    assert tf.space_to_batch_nd(q, [2, 2], tf.placeholder(tf.int32, [2, 2])).shape.as_list() == [
        16, None, None, 3]
    assert tf.space_to_batch_nd(q, tf.placeholder(tf.int32, [2]),
                                [[0, 0], [0, 0]]).shape.as_list() == [None, None, None, 3]
    assert tf.batch_to_space_nd(q, [2, 2], [[1, 0], [0, 3]]).shape.as_list() == [1, 11, 5, 3]
    assert tf.space_to_batch_nd(tf.placeholder(tf.float32), [2],
                                [[0, 0]]).shape.ndims is None
    assert tf.depth_to_space(tf.placeholder(tf.float32, [None, 2, None, 8]),
                             2).shape.as_list() == [None, 4, None, 2]


def _shape_error(fn, text):
  with tf.Graph().as_default():
    with pytest.raises(ValueError, match=text):
      fn()


def test_shape_function_errors():
  x = np.zeros([1, 5, 4, 1], np.float32)
  _shape_error(lambda: tf.space_to_batch_nd(x, [2, 2], [[0, 0], [0, 0]]),
               "Dimension size must be evenly divisible by 2 but is 5")
  _shape_error(lambda: tf.space_to_batch_nd(x, [2, 0], [[0, 1], [0, 0]]),
               "block_shape must be positive")
  _shape_error(lambda: tf.space_to_batch_nd(x, [2, 2], [[-1, 0], [0, 0]]),
               "paddings cannot be negative")
  _shape_error(lambda: tf.space_to_batch_nd(x, [[2, 2]], [[0, 1], [0, 0]]),
               "block_shape must have rank 1.")
  _shape_error(lambda: tf.space_to_batch_nd(x, tf.placeholder(tf.int32, [None]),
                                            [[0, 1], [0, 0]]),
               "block_shape must have known size.")
  _shape_error(lambda: tf.space_to_batch_nd(x, [2, 2], [[0, 1]]),
               "Dimension 0 in both shapes must be equal, but are 1 and 2")
  _shape_error(lambda: tf.space_to_batch_nd(np.zeros([2], np.float32), [2, 2], [[0, 1], [0, 0]]),
               "Shape must be at least rank 3 but is rank 1")
  _shape_error(lambda: tf.batch_to_space_nd(x, [2, 2], [[0, 0], [0, 0]]),
               "Dimension size must be evenly divisible by 2 but is 1")
  _shape_error(lambda: tf.batch_to_space_nd(np.zeros([4, 1, 1, 1], np.float32), [2, 2],
                                            [[0, 3], [0, 0]]),
               "Negative dimension size caused by subtracting 3 from 2")
  _shape_error(lambda: tf.batch_to_space_nd(np.zeros([4, 1, 1, 1], np.float32), [2, 2],
                                            [[-1, 0], [0, 0]]), "crops cannot be negative")
  _shape_error(lambda: tf.space_to_depth(x, 2),
               "Dimension size must be evenly divisible by 2 but is 5")
  _shape_error(lambda: tf.space_to_depth(x, 1), "less than minimum 2")
  _shape_error(lambda: tf.depth_to_space(np.zeros([1, 4, 4, 3], np.float32), 2),
               "Dimension size must be evenly divisible by 4 but is 3")
  _shape_error(lambda: tf.space_to_depth(np.zeros([1, 4, 4], np.float32), 2),
               "Shape must be rank 4 but is rank 3")


def _kernel_error(fn, feeds, text):
  with tf.Graph().as_default():
    phs = [tf.placeholder(tf.as_dtype(v.dtype),
                          v.shape if v.dtype in (np.int32, np.int64) else [None] * v.ndim)
           for v in feeds]
    y = fn(*phs)
    with tf.Session() as sess:
      with pytest.raises(tf.errors.InvalidArgumentError, match=text):
        sess.run(y, dict(zip(phs, feeds)))
      # The session still works after the error.
      assert sess.run(tf.constant(3.0)) == 3.0


def test_kernel_errors():
  x = np.zeros([1, 5, 4, 1], np.float32)
  i32 = lambda v: np.array(v, np.int32)  # pylint: disable=unnecessary-lambda-assignment
  s2b, b2s = tf.space_to_batch_nd, tf.batch_to_space_nd
  _kernel_error(s2b, [x, i32([2, 2]), i32([[0, 0], [0, 0]])],
                r"padded_shape\[0\]=5 is not divisible by block_shape\[0\]=2")
  _kernel_error(s2b, [x, i32([2, 0]), i32([[0, 1], [0, 0]])],
                "All values in block_shape must be positive, got value, 0 at index 1.")
  _kernel_error(s2b, [x, i32([2, 2]), i32([[-1, 0], [0, 0]])], "Paddings must be non-negative")
  _kernel_error(b2s, [x, i32([2, 2]), i32([[0, 0], [0, 0]])],
                r"Input batch dimension \(1\) is not divisible by product of block sizes \(4\)")
  z = np.zeros([4, 1, 1, 1], np.float32)
  _kernel_error(b2s, [z, i32([2, 2]), i32([[0, 3], [0, 0]])],
                r"cropped_shape\[0\]=-1 must be non-negative")
  _kernel_error(b2s, [z, i32([2, 2]), i32([[-1, 0], [0, 0]])], "Crops must be non-negative")
  _kernel_error(b2s, [z, i32([2, 0]), i32([[0, 0], [0, 0]])],
                "Product of block sizes must be positive, got 0")
  _kernel_error(b2s, [z, i32([2, -2]), i32([[0, 0], [0, 0]])],
                "Product of block sizes must be positive, got -4")
  _kernel_error(lambda a: tf.space_to_depth(a, 2), [x],
                "Image width 4 and height 5 should be divisible by block_size: 2")
  _kernel_error(lambda a: tf.depth_to_space(a, 2), [np.zeros([1, 4, 4, 3], np.float32)],
                "Input depth dimension 3 should be divisible by: 4")
  big = np.array([2 ** 40, 2 ** 40], np.int64)
  _kernel_error(lambda a, b, c: s2b(a, b, c),
                [np.zeros([1, 0, 0, 1], np.float32), big, np.zeros([2, 2], np.int64)],
                "overflows")


@pytest.mark.parametrize("case", sorted(MOD.CASES))
def test_case_matches_tensorflow(case):
  g = tf.Graph()
  with g.as_default():
    fetches = MOD.CASES[case](tf)
    feeds = {g.get_tensor_by_name(k): v for k, v in getattr(MOD, "FEEDS", {}).get(case, {}).items()}
    with tf.Session(graph=g) as sess:
      values = sess.run(fetches, feed_dict=feeds)
  want_meta = META["cases"][case]
  assert sorted(fetches) == sorted(want_meta)
  for key, tensor in fetches.items():
    want = want_meta[key]
    got_shape = None if tensor.shape.ndims is None else [
        -1 if d is None else d for d in tensor.shape.as_list()]
    assert got_shape == want["shape"], (key, got_shape, want["shape"])
    assert tensor.dtype.name == want["dtype"], key
    expected = ARRAYS[case + "/" + key]
    got = np.asarray(values[key])
    assert got.shape == expected.shape, key
    if expected.dtype.kind == "f":
      tol = 2e-3 if want["dtype"] == "float16" else 1e-4 if want["dtype"] == "float32" else 1e-10
      np.testing.assert_allclose(got, expected, rtol=tol, atol=tol, err_msg=key)
    else:
      np.testing.assert_array_equal(got, expected, err_msg=key)


def _graph_compare():
  path = os.path.join(os.path.dirname(__file__), "test_graph_structure.py")
  spec = importlib.util.spec_from_file_location("_graph_structure_for_space_batch", path)
  mod = importlib.util.module_from_spec(spec)
  spec.loader.exec_module(mod)
  return mod


def _tf_1_15_difference(problem):
  """Differences between TF 2.21's graph (the golden) and TF 1.15's (ours), by design."""
  return (
      # TF 1.15 names the default grad_ys Fill "gradients/Fill"; TF 2.21 "grad_ys_0".
      "grad_ys_0" in problem or "gradients/Fill" in problem or "gradients_1/Fill" in problem
      or problem.endswith("/Fill (Fill): extra node")
      # DepthwiseConv2dNative has no explicit_paddings attr in TF 1.15.
      or ("explicit_paddings" in problem and "got None" in problem)
      # TF 1.15 converts the int64 NumPy block shape of space_to_batch / batch_to_space (v1)
      # to the attr's default int32 first; TF >= 2.4 keeps int64.
      or ("{'type': 9} got {'type': 3}" in problem and "mul_" not in problem))


@pytest.mark.parametrize("case", ["dilated_graph", "dynamic_graph", "gradient_values"])
def test_graph_structure_matches_tensorflow(case):
  gs = _graph_compare()
  golden = gs._load_golden("space_batch")[case]  # pylint: disable=protected-access
  matched, total, problems = gs.compare("space_batch", case, golden)
  problems = [p for p in problems if not _tf_1_15_difference(p) and p != "node order differs"]
  if case == "gradient_values":
    # Only the rearrangement gradients are this test's business (TF 2.21's Mul gradient skips
    # BroadcastGradientArgs for a scalar factor; 1.15's does not).
    problems = [p for p in problems if "mul_7_grad" not in p]
  assert not problems, "%d/%d nodes match:\n  %s" % (matched, total, "\n  ".join(problems))


def test_dilated_graph_is_the_space_to_batch_sandwich():
  with tf.Graph().as_default() as g:
    x = tf.constant(np.zeros([1, 7, 6, 2], np.float32))
    w = tf.constant(np.zeros([3, 3, 2, 2], np.float32))
    tf.nn.atrous_conv2d(x, w, 2, "SAME", name="at")
    types = [op.type for op in g.get_operations() if op.name.startswith("at")]
    assert types.index("SpaceToBatchND") < types.index("Conv2D") < types.index("BatchToSpaceND")
    conv = g.get_operation_by_name("at")
    assert conv.type == "Conv2D" and conv.get_attr("padding") in (b"VALID", "VALID")


@pytest.mark.parametrize("which", ["s2b", "b2s", "s2d", "d2s", "atrous", "depthwise"])
def test_finite_difference_gradients(which):
  rng = np.random.RandomState(1)
  with tf.Graph().as_default():
    if which == "s2b":
      x = tf.constant(rng.randn(2, 3, 4, 2))
      y = tf.space_to_batch_nd(x, [2, 2], [[1, 0], [1, 1]])
    elif which == "b2s":
      x = tf.constant(rng.randn(4, 3, 2, 2))
      y = tf.batch_to_space_nd(x, [2, 2], [[1, 0], [0, 1]])
    elif which == "s2d":
      x = tf.constant(rng.randn(1, 4, 2, 3))
      y = tf.space_to_depth(x, 2)
    elif which == "d2s":
      x = tf.constant(rng.randn(1, 2, 1, 8))
      y = tf.depth_to_space(x, 2)
    elif which == "atrous":
      x = tf.constant(rng.randn(1, 5, 4, 2))
      y = tf.nn.atrous_conv2d(x, tf.constant(rng.randn(2, 2, 2, 3)), 2, "SAME")
    else:
      x = tf.constant(rng.randn(1, 5, 5, 2))
      y = tf.nn.depthwise_conv2d(x, tf.constant(rng.randn(2, 2, 2, 2)), [1, 1, 1, 1], "VALID",
                                 rate=[2, 1])
    with tf.Session():
      err = tf.test.compute_gradient_error(x, x.shape.as_list(), y, y.shape.as_list())
  assert err < 1e-8


def test_with_space_to_batch_public_and_required_paddings():
  with tf.Graph().as_default():
    x = tf.constant(np.arange(1 * 5 * 5 * 1, dtype=np.float32).reshape(1, 5, 5, 1))
    calls = []

    def op(inp, num_spatial_dims, padding):
      calls.append((inp.shape.as_list(), num_spatial_dims, padding))
      return tf.nn.max_pool(inp, [1, 2, 2, 1], [1, 1, 1, 1], padding)

    y = tf.nn.with_space_to_batch(x, [2, 2], "VALID", op)
    p, c = tf.required_space_to_batch_paddings([5, 7], [2, 3], base_paddings=[[1, 1], [0, 2]])
    yv, p, c = _run([y, p, c])
  assert calls == [([4, 3, 3, 1], 2, "VALID")]
  # A 2x2 max pool dilated by 2 over VALID positions.
  xv = np.arange(25, dtype=np.float32).reshape(5, 5)
  want = np.maximum(np.maximum(xv[:3, :3], xv[2:, :3]), np.maximum(xv[:3, 2:], xv[2:, 2:]))
  np.testing.assert_array_equal(yv[0, :, :, 0], want)
  np.testing.assert_array_equal(p, [[1, 2], [0, 2]])
  np.testing.assert_array_equal(c, [[0, 1], [0, 0]])


def test_dilation_errors_match_tf():
  with tf.Graph().as_default():
    x = tf.zeros([1, 8, 8, 2])
    w = tf.zeros([3, 3, 2, 2])
    with pytest.raises(ValueError, match="dilation_rate must be positive"):
      tf.nn.depthwise_conv2d(x, w, [1, 1, 1, 1], "SAME", rate=[0, 1])
    with pytest.raises(ValueError, match="strides > 1 not supported in conjunction with "
                       "dilation_rate > 1"):
      tf.nn.convolution(x, w, "SAME", strides=[2, 2], dilation_rate=[2, 2])
    with pytest.raises(ValueError, match="rate 0 cannot be less than one"):
      tf.nn.atrous_conv2d_transpose(x, w, [1, 8, 8, 2], 0, "SAME")
    with pytest.raises(ValueError, match="Invalid padding method"):
      tf.nn.depthwise_conv2d(x, w, [1, 1, 1, 1], "FULL", rate=[2, 2])


def test_dilated_nchw_matches_nhwc_and_keeps_channels():
  rng = np.random.RandomState(3)
  x = rng.randn(2, 7, 6, 3).astype(np.float32)
  w = rng.randn(3, 2, 3, 4).astype(np.float32)
  with tf.Graph().as_default():
    y = tf.nn.convolution(x, w, "SAME", dilation_rate=[2, 3])
    yc = tf.nn.convolution(x.transpose(0, 3, 1, 2), w, "SAME", dilation_rate=[2, 3],
                           data_format="NCHW")
    ref = tf.nn.conv2d(x, w, [1, 1, 1, 1], "SAME", dilations=[1, 2, 3, 1])
    assert yc.shape.as_list() == [2, 4, 7, 6]
    yv, ycv, rv = _run([y, yc, ref])
  np.testing.assert_allclose(yv, rv, rtol=1e-5, atol=1e-5)
  np.testing.assert_allclose(ycv.transpose(0, 2, 3, 1), rv, rtol=1e-5, atol=1e-5)


def test_contrib_dilated_convolutions():
  from tensorflow.contrib import layers  # pylint: disable=g-import-not-at-top
  rng = np.random.RandomState(4)
  x = rng.randn(2, 10, 3).astype(np.float32)
  with tf.Graph().as_default() as g:
    y = layers.convolution1d(tf.constant(x), 4, 3, rate=3, activation_fn=None,
                             biases_initializer=None, scope="c1")
    assert any(op.type == "SpaceToBatchND" for op in g.get_operations())
    w = g.get_tensor_by_name("c1/weights:0")
    ref = tf.nn.conv1d(tf.constant(x), w, 1, "SAME", dilations=3)
    with tf.Session() as sess:
      sess.run(tf.global_variables_initializer())
      yv, rv = sess.run([y, ref])
  np.testing.assert_allclose(yv, rv, rtol=1e-5, atol=1e-5)
