"""GPU reductions against the CPU ones: Sum, Mean, Prod, Max, Min, All, Any (axes in host
memory, keep_dims, negative and empty axes, empty inputs), ArgMax/ArgMin (int64 output), and the
gradients of the float reductions."""
import numpy as np
import pytest
import tensorflow as tf

from device_util import assert_gpu_matches_cpu, random_array, requires_gpu, run_on_both

pytestmark = requires_gpu

FLOATS = [np.float32, np.float64, np.float16]

# (shape, axis): reduce-all, rows, columns, [outer, r, inner], several reduced groups, size-1
# dims, negative axes, no axis at all, and long axes that take the split (two-launch) path.
CASES = [
    ((1,), 0),
    ((7,), 0),
    ((1023,), [0]),
    ((7, 1023), 1),
    ((1023, 7), 0),
    ((3, 5, 7), 1),
    ((3, 5, 7), (0, 2)),
    ((3, 5, 7), (-1, -3)),
    ((2, 3, 1, 4, 5), (1, 3)),
    ((2, 3, 1, 4, 5), (0, 2, 4)),
    ((2, 3, 1, 4, 5), (2,)),
    ((3, 5, 7), []),
    ((3, 20001), 1),
    ((30001, 3), 0),
    ((100003,), 0),
]

REDUCERS = {
    "Sum": tf.reduce_sum,
    "Mean": tf.reduce_mean,
    "Max": tf.reduce_max,
    "Min": tf.reduce_min,
}


@pytest.mark.parametrize("keepdims", [False, True])
@pytest.mark.parametrize("dtype", FLOATS)
@pytest.mark.parametrize("op", sorted(REDUCERS))
def test_reduce(op, dtype, keepdims):
  fn = REDUCERS[op]
  for i, (shape, axis) in enumerate(CASES):
    x = random_array(shape, dtype, seed=i)
    assert_gpu_matches_cpu(lambda t: fn(t, axis=axis, keepdims=keepdims), [x])


@pytest.mark.parametrize("dtype", FLOATS)
def test_prod(dtype):
  # Values near 1 keep long products finite.
  for i, (shape, axis) in enumerate(CASES[:12]):
    x = random_array(shape, dtype, 0.9, 1.1, seed=i)
    assert_gpu_matches_cpu(lambda t: tf.reduce_prod(t, axis=axis), [x])


def test_int64_axes():
  x = random_array((3, 5, 7), np.float32, seed=1)
  assert_gpu_matches_cpu(
      lambda t: tf.reduce_sum(t, axis=tf.constant([0, -1], tf.int64), keepdims=True), [x])


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_empty(dtype):
  # Reducing an empty axis: Sum 0, Prod 1, Max -inf, Min +inf, Mean NaN, as on the CPU.
  x = np.zeros((3, 0), dtype)
  cpu, gpu = run_on_both(
      lambda t: [tf.reduce_sum(t, 1), tf.reduce_prod(t, 1), tf.reduce_max(t, 1),
                 tf.reduce_min(t, 1), tf.reduce_mean(t, 1), tf.reduce_sum(t, 0),
                 tf.reduce_max(t, 0, keepdims=True)], [x])
  for c, g in zip(cpu, gpu):
    assert c.shape == g.shape and c.dtype == g.dtype
    np.testing.assert_array_equal(g, c)
  np.testing.assert_array_equal(gpu[0], [0, 0, 0])
  np.testing.assert_array_equal(gpu[1], [1, 1, 1])
  np.testing.assert_array_equal(gpu[2], [-np.inf] * 3)
  np.testing.assert_array_equal(gpu[3], [np.inf] * 3)
  assert np.isnan(gpu[4]).all()
  assert gpu[5].shape == (0,) and gpu[6].shape == (1, 0)


@pytest.mark.parametrize("op", ["All", "Any"])
def test_bool(op):
  fn = tf.reduce_all if op == "All" else tf.reduce_any
  rng = np.random.default_rng(5)
  for i, (shape, axis) in enumerate(CASES):
    # Mostly one value, so that both results occur along long axes.
    x = rng.random(shape) < (0.999 if op == "All" else 0.001)
    assert_gpu_matches_cpu(lambda t: fn(t, axis=axis), [x])
    assert_gpu_matches_cpu(lambda t: fn(t, axis=axis, keepdims=True), [x])
  empty = np.zeros((3, 0), np.bool_)
  assert_gpu_matches_cpu(lambda t: fn(t, axis=1), [empty])


ARG_CASES = [((1,), 0), ((1023,), 0), ((7, 1023), 1), ((7, 1023), 0), ((3, 5, 7), 1),
             ((3, 5, 7), -1), ((2, 3, 1, 4, 5), 3), ((3, 20001), 1)]


@pytest.mark.parametrize("dtype", FLOATS)
@pytest.mark.parametrize("op", ["ArgMax", "ArgMin"])
def test_argminmax(op, dtype):
  fn = tf.argmax if op == "ArgMax" else tf.argmin
  for i, (shape, axis) in enumerate(ARG_CASES):
    x = random_array(shape, dtype, seed=i)
    assert_gpu_matches_cpu(lambda t: fn(t, axis=axis), [x])
    # Many ties: the first index wins on both devices.
    ties = np.floor(random_array(shape, np.float32, -3, 3, seed=i + 50)).astype(dtype)
    assert_gpu_matches_cpu(lambda t: fn(t, axis=axis), [ties])
    assert_gpu_matches_cpu(
        lambda t: fn(t, axis=tf.constant(axis, tf.int64), output_type=tf.int64), [ties])


def test_argmax_nan():
  # NaN is skipped unless it is an axis' first element, as in the CPU kernel's scan.
  x = random_array((4, 300), np.float32, seed=3)
  x[:, ::7] = np.nan
  x[1, 0] = 5.0
  assert_gpu_matches_cpu(lambda t: [tf.argmax(t, 1), tf.argmin(t, 1), tf.argmax(t, 0)], [x])


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_gradients(dtype):
  x = random_array((3, 5, 7), dtype, seed=1)
  dy = random_array((3, 7), dtype, seed=2)
  for fn in (tf.reduce_sum, tf.reduce_mean, tf.reduce_max):
    assert_gpu_matches_cpu(lambda t, g: tf.gradients(fn(t, axis=1), t, grad_ys=g), [x, dy])


# ---- bad input: the GPU kernels raise what the CPU ones raise ----------------------------------
def _error(dev, build, inputs):
  g = tf.Graph()
  with g.as_default():
    phs = [tf.compat.v1.placeholder(tf.as_dtype(a.dtype), None) for a in inputs]
    with tf.device(dev):
      out = build(*phs)
    with tf.compat.v1.Session(graph=g) as sess:
      with pytest.raises(tf.errors.InvalidArgumentError) as info:
        sess.run(out, dict(zip(phs, inputs)))
  return str(info.value)


@pytest.mark.parametrize("dev", ["/cpu:0", "/gpu:0"])
def test_errors(dev):
  x = random_array((2, 3), np.float32)
  assert "Invalid reduction dimension (2 for input with 2 dimension(s)" in _error(
      dev, lambda t: tf.reduce_sum(t, axis=2), [x])
  assert "Expected dimension in the range [-2, 2), but got 3" in _error(
      dev, lambda t: tf.argmax(t, axis=3), [x])
  assert "Reduction axis 1 is empty in shape [2,0]" in _error(
      dev, lambda t: tf.argmin(t, axis=1), [np.zeros((2, 0), np.float32)])
