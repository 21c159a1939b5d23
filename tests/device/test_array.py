"""GPU data movement against the CPU kernels: Transpose, ConjugateTranspose (real types), Tile,
Pad/PadV2, ConcatV2, Slice, Split/SplitV, Pack/Unpack, for every dtype they are registered for
on the GPU, with empty tensors, up to 6-D shapes and the gradients that use them."""
import numpy as np
import pytest
import tensorflow as tf
from tensorflow.python.ops import gen_array_ops

from device_util import assert_gpu_matches_cpu, random_array, requires_gpu, run_on_both

pytestmark = requires_gpu

DTYPES = [np.float32, np.float64, np.float16, tf.bfloat16.as_numpy_dtype, np.int64, np.bool_,
          np.complex64, np.complex128]
REAL_DTYPES = DTYPES[:6]


def _array(shape, dtype, seed=0):
  if np.dtype(dtype).kind == "c":
    re = random_array(shape, np.float64, seed=seed)
    im = random_array(shape, np.float64, seed=seed + 1000)
    return (re + 1j * im).astype(dtype)
  if np.dtype(dtype).kind == "i":
    return random_array(shape, dtype, -1000, 1000, seed=seed)
  return random_array(shape, dtype, seed=seed)


def _same(build, inputs):
  """Data movement is exact: the GPU's bytes equal the CPU's (imaginary parts included)."""
  cpu, gpu = run_on_both(build, inputs)
  for c, d in zip(cpu, gpu):
    c, d = np.asarray(c), np.asarray(d)
    assert c.shape == d.shape and c.dtype == d.dtype, (c.shape, d.shape, c.dtype, d.dtype)
    assert c.tobytes() == d.tobytes()


TRANSPOSES = [((7, 1023), (1, 0)), ((3, 5, 7), (2, 0, 1)), ((3, 5, 7), (0, 2, 1)),
              ((3, 5, 7), (1, 0, 2)), ((2, 3, 1, 4, 5), (4, 2, 0, 3, 1)),
              ((2, 3, 2, 3, 2, 3), (5, 3, 1, 0, 2, 4)), ((1, 5), (1, 0)), ((3, 4), (0, 1)),
              ((0, 4), (1, 0)), ((), ())]


@pytest.mark.parametrize("dtype", DTYPES)
def test_transpose(dtype):
  for i, (shape, perm) in enumerate(TRANSPOSES):
    x = _array(shape, dtype, seed=i)
    _same(lambda t: tf.transpose(t, perm), [x])
  x = _array((3, 5, 7), dtype, seed=1)
  _same(lambda t: tf.transpose(t, tf.constant([2, 1, 0], tf.int64)), [x])


@pytest.mark.parametrize("dtype", REAL_DTYPES)
def test_conjugate_transpose_real(dtype):
  for i, (shape, perm) in enumerate(TRANSPOSES[:6]):
    x = _array(shape, dtype, seed=i)
    _same(lambda t: gen_array_ops.conjugate_transpose(t, perm), [x])


@pytest.mark.parametrize("dtype", DTYPES)
def test_tile(dtype):
  for i, (shape, mult) in enumerate([((7,), (3,)), ((2, 7), (3, 2)), ((3, 5, 7), (1, 2, 1)),
                                     ((2, 3, 1, 4, 5), (2, 1, 3, 1, 2)), ((3, 4), (1, 1)),
                                     ((3, 4), (0, 2)), ((0, 4), (2, 2))]):
    x = _array(shape, dtype, seed=i)
    _same(lambda t: tf.tile(t, mult), [x])


PADS = [((7,), [[2, 3]]), ((3, 5), [[1, 0], [0, 2]]), ((3, 5, 7), [[0, 0], [1, 1], [2, 0]]),
        ((2, 3, 1, 4, 5), [[1, 0], [0, 1], [2, 2], [0, 0], [1, 3]]), ((3, 4), [[0, 0], [0, 0]]),
        ((0, 4), [[1, 1], [0, 0]])]


@pytest.mark.parametrize("dtype", DTYPES)
def test_pad(dtype):
  for i, (shape, pads) in enumerate(PADS):
    x = _array(shape, dtype, seed=i)
    _same(lambda t: tf.pad(t, pads), [x])
    _same(lambda t: tf.pad(t, tf.constant(pads, tf.int64)), [x])


@pytest.mark.parametrize("dtype", [np.float32, np.float64, np.float16, np.int64])
def test_pad_v2(dtype):
  for i, (shape, pads) in enumerate(PADS):
    x = _array(shape, dtype, seed=i)
    _same(lambda t: tf.pad(t, pads, constant_values=3), [x])


@pytest.mark.parametrize("dtype", DTYPES)
def test_concat(dtype):
  a = _array((3, 5, 7), dtype, seed=1)
  for axis, other in [(0, (2, 5, 7)), (1, (3, 1, 7)), (2, (3, 5, 1023)), (-1, (3, 5, 2)),
                      (1, (3, 0, 7))]:
    b = _array(other, dtype, seed=2)
    _same(lambda x, y: tf.concat([x, y, x], axis), [a, b])
  e = _array((0, 4), dtype)
  _same(lambda x, y: tf.concat([x, y], 1), [e, _array((0, 3), dtype)])
  _same(lambda x: tf.concat([x, x], tf.constant(0, tf.int64)), [a])


@pytest.mark.parametrize("dtype", DTYPES)
def test_slice(dtype):
  x = _array((4, 5, 6), dtype, seed=1)
  for begin, size in [([1, 0, 2], [2, 5, 3]), ([0, 0, 0], [-1, -1, -1]), ([3, 4, 5], [1, 1, 1]),
                      ([1, 2, 0], [2, 0, 6]), ([2, 0, 0], [2, -1, -1])]:
    _same(lambda t: tf.slice(t, begin, size), [x])
  y = _array((2, 3, 1, 4, 5), dtype, seed=2)
  _same(lambda t: tf.slice(t, [1, 1, 0, 1, 2], [1, 2, 1, 3, -1]), [y])
  _same(
      lambda t: tf.slice(t, tf.constant([1, 1, 1], tf.int64), tf.constant([2, 2, 2], tf.int64)),
      [x])


@pytest.mark.parametrize("dtype", DTYPES)
def test_split(dtype):
  x = _array((6, 9, 4), dtype, seed=1)
  for axis in [0, 1, 2, -1]:
    n = x.shape[axis] // 2 if x.shape[axis] % 3 else 3
    _same(lambda t: tf.split(t, n, axis), [x])
  _same(lambda t: tf.split(t, [2, -1, 0, 1], 1), [x])
  _same(lambda t: tf.split(t, [1, 5], 0), [x])
  _same(lambda t: tf.split(t, 2, 0), [_array((4, 0), dtype)])


@pytest.mark.parametrize("dtype", DTYPES)
def test_pack_unpack(dtype):
  a, b, c = (_array((3, 5), dtype, seed=i) for i in range(3))
  for axis in [0, 1, 2, -1]:
    _same(lambda x, y, z: tf.stack([x, y, z], axis), [a, b, c])
  x = _array((2, 3, 1, 4, 5), dtype, seed=4)
  for axis in [0, 1, 2, 4, -2]:
    _same(lambda t: tf.unstack(t, axis=axis), [x])
  _same(lambda t: tf.stack([t, t]), [_array((0, 3), dtype)])


def test_gradients():
  x = random_array((3, 5, 7), np.float32, seed=1)
  dy = random_array((7, 3, 5), np.float32, seed=2)
  assert_gpu_matches_cpu(
      lambda t, g: tf.gradients(tf.transpose(t, (2, 0, 1)), t, grad_ys=g), [x, dy])
  dy = random_array((3, 10, 7), np.float32, seed=3)
  assert_gpu_matches_cpu(lambda t, g: tf.gradients(tf.concat([t, t], 1), t, grad_ys=g), [x, dy])
  dy = random_array((4, 5, 10), np.float32, seed=4)
  assert_gpu_matches_cpu(
      lambda t, g: tf.gradients(tf.pad(t, [[1, 0], [0, 0], [1, 2]]), t, grad_ys=g), [x, dy])
  dy = random_array((2, 3, 4), np.float32, seed=5)
  assert_gpu_matches_cpu(
      lambda t, g: tf.gradients(tf.slice(t, [1, 1, 2], [2, 3, 4]), t, grad_ys=g), [x, dy])
  dy = random_array((2, 3, 5, 7), np.float32, seed=6)
  assert_gpu_matches_cpu(lambda t, g: tf.gradients(tf.stack([t, t]), t, grad_ys=g), [x, dy])
  dy = random_array((6, 10, 14), np.float32, seed=7)
  assert_gpu_matches_cpu(lambda t, g: tf.gradients(tf.tile(t, (2, 2, 2)), t, grad_ys=g), [x, dy])


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
  # The index arguments are fed, so that only the kernels (not shape inference) see them.
  x = random_array((3, 4), np.float32)
  i32 = lambda v: np.array(v, np.int32)
  assert "1 is missing from {0,0}." in _error(dev, tf.transpose, [x, i32([0, 0])])
  assert "Expected begin[0] in [0, 3], but got 5" in _error(
      dev, tf.slice, [x, i32([5, 0]), i32([1, 1])])
  assert "ConcatOp : Dimensions of inputs should match" in _error(
      dev, lambda a, b: tf.concat([a, b], 0), [x, random_array((3, 5), np.float32)])
  assert "Paddings must be non-negative" in _error(dev, tf.pad, [x, i32([[-1, 0], [0, 0]])])
  assert "Expected multiples[0] >= 0" in _error(dev, tf.tile, [x, i32([-1, 1])])
  assert "Number of ways to split should evenly divide" in _error(
      dev, lambda t, d: tf.split(t, 3, d), [x, i32(1)])
