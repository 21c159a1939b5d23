"""tf.image resizing against real TensorFlow (tests/goldens/cases_image_resize.py): values,
static shapes, graphs and gradients; plus bad input."""
import numpy as np
import pytest
import tensorflow as tf

from op_test_util import fresh_graph  # noqa: F401

import golden_util

MOD, META, GRAPHS, ARRAYS = golden_util.load("image_resize")
META, GRAPHS = META["cases"], GRAPHS["cases"]


def _build(case):
  return golden_util.build(MOD, case, tf)


@pytest.mark.parametrize("case", sorted(MOD.CASES))
def test_values_and_shapes_match_tensorflow(case):
  g, fetches = _build(case)
  with tf.Session(graph=g) as sess:
    values = sess.run(fetches)
  assert sorted(fetches) == sorted(META[case])
  for key, tensor in fetches.items():
    want = META[case][key]
    shape = golden_util.static_shape(tensor)
    assert shape == want["shape"], (key, shape, want["shape"])
    assert tensor.dtype.name == want["dtype"], key
    expected = ARRAYS[case + "/" + key]
    got = np.asarray(values[key])
    assert got.shape == expected.shape, key
    if expected.dtype.kind == "f":
      tol = 1e-12 if expected.dtype == np.float64 else 1e-5
      np.testing.assert_allclose(got, expected, rtol=tol, atol=tol, err_msg=key)
    else:
      np.testing.assert_array_equal(got, expected, err_msg=key)


# (Gradient graphs are left out: TF 2.x builds grad_ys differently from 1.15; the gradient
# machinery's graphs are compared in test_graph_structure.py.)
@pytest.mark.parametrize("case", ["resize_images_wrapper", "unknown_size"])
def test_graphs_match_tensorflow(case):
  g, _ = _build(case)
  ours = [golden_util.without_attrs(n) for n in golden_util.graph_structure(g.as_graph_def())]
  want = [golden_util.without_attrs(n) for n in GRAPHS[case]]
  golden_util.assert_same_nodes(ours, want)


def test_bad_input(fresh_graph):
  img = tf.placeholder(tf.float32)
  size = tf.placeholder(tf.int32, [None])
  bilinear = tf.image.resize_bilinear(img, size)
  hpc = tf.image.resize_bilinear(img, size, align_corners=True, half_pixel_centers=True)
  with tf.Session() as sess:
    ok = np.ones([1, 2, 2, 1], np.float32)
    for x, s, msg in [(np.ones([2, 2, 1], np.float32), [3, 3], "input must be 4-dimensional"),
                      (ok, [3], "shape_t must have two elements"),
                      (ok, [0, 3], "output dimensions must be positive"),
                      (np.ones([1, 0, 2, 1], np.float32), [3, 3],
                       "input image must be of non-zero size")]:
      with pytest.raises(tf.errors.InvalidArgumentError, match=msg):
        sess.run(bilinear, {img: x, size: s})
    with pytest.raises(tf.errors.InvalidArgumentError,
                       match="If half_pixel_centers is True, align_corners must be False"):
      sess.run(hpc, {img: ok, size: [3, 3]})
  with pytest.raises(ValueError):
    tf.image.resize_images(tf.zeros([2, 2]), [3, 3])
  with pytest.raises(ValueError, match="must be a 1-D Tensor of 2 elements"):
    tf.image.resize_images(tf.zeros([1, 2, 2, 1]), [3, 3, 3])
  with pytest.raises(ValueError):
    tf.image.resize_bilinear(tf.zeros([1, 2, 2, 1]), [3, 3, 3])
  with pytest.raises(NotImplementedError, match="ResizeBicubic"):
    tf.image.resize_images(tf.zeros([1, 2, 2, 1]), [3, 3], method=tf.image.ResizeMethod.BICUBIC)


def test_resize_gradients_match_finite_differences(fresh_graph):
  x = tf.constant(np.random.RandomState(3).uniform(-1, 1, [1, 3, 4, 2]))
  for fn, kw in [(tf.image.resize_bilinear, {}), (tf.image.resize_bilinear, {"align_corners": True}),
                 (tf.image.resize_bilinear, {"half_pixel_centers": True}),
                 (tf.image.resize_nearest_neighbor, {"half_pixel_centers": True})]:
    y = tf.cast(fn(x, [5, 7], **kw), tf.float64)
    with tf.Session():
      err = tf.test.compute_gradient_error(x, [1, 3, 4, 2], y, [1, 5, 7, 2])
    # ResizeBilinear interpolates in float32 whatever the input type, as TF does.
    assert err < 1e-3, (fn.__name__, kw, err)
