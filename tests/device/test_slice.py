"""GPU slicing and friends against the CPU kernels: StridedSlice (every mask, negative strides,
more than 8 dims) and StridedSliceGrad for every dtype they are registered for on the GPU,
ReverseV2, L2Loss (float, double, half) and Where (bool and numeric inputs, with zeros, -0 and
NaN), with empty tensors and the gradients that use them."""
import numpy as np
import pytest
import tensorflow as tf
from tensorflow.python.ops import gen_array_ops

from device_util import assert_gpu_matches_cpu, random_array, requires_gpu, run_on_both

pytestmark = requires_gpu

BF16 = tf.bfloat16.as_numpy_dtype
DTYPES = [np.float32, np.float64, np.float16, BF16, np.int64, np.bool_, np.complex64,
          np.complex128]


def _array(shape, dtype, seed=0):
  if np.dtype(dtype).kind == "c":
    re = random_array(shape, np.float64, seed=seed)
    im = random_array(shape, np.float64, seed=seed + 1000)
    return (re + 1j * im).astype(dtype)
  if np.dtype(dtype).kind in "iu":
    lo = -1000 if np.dtype(dtype).kind == "i" else 0
    return random_array(shape, dtype, lo, 100, seed=seed)
  return random_array(shape, dtype, seed=seed)


def _same(build, inputs):
  """Data movement is exact: the GPU's bytes equal the CPU's (imaginary parts included)."""
  cpu, gpu = run_on_both(build, inputs)
  for c, d in zip(cpu, gpu):
    c, d = np.asarray(c), np.asarray(d)
    assert c.shape == d.shape and c.dtype == d.dtype, (c.shape, d.shape, c.dtype, d.dtype)
    assert c.tobytes() == d.tobytes()


# (input shape, slicing function): Python slices cover begin/end masks (omitted bounds),
# ellipsis, new axes (None) and shrunk axes (integers), with negative indices and strides.
SLICES = [
    ((7,), lambda t: t[1:5]),
    ((7,), lambda t: t[::-1]),
    ((7,), lambda t: t[5:1:-2]),
    ((7,), lambda t: t[-3:]),
    ((7,), lambda t: t[1:1]),
    ((7,), lambda t: t[4]),
    ((1023,), lambda t: t[::7]),
    ((1023,), lambda t: t[1000:-1000:-13]),
    ((3, 5), lambda t: t[:, 1:3]),
    ((3, 5), lambda t: t[::-1, ::-2]),
    ((7, 1023), lambda t: t[:]),
    ((7, 1023), lambda t: t[3]),
    ((7, 1023), lambda t: t[2:5]),
    ((7, 1023), lambda t: t[:, -1]),
    ((3, 5, 7), lambda t: t[..., ::2]),
    ((3, 5, 7), lambda t: t[1, :, ::-3]),
    ((3, 5, 7), lambda t: t[None, 1:, ..., -1]),
    ((3, 5, 7), lambda t: t[..., None]),
    ((3, 5, 7), lambda t: t[-1, -1, -1]),
    ((2, 3, 4, 5, 6), lambda t: t[-1:, :, None, 1:4:2, ::-2, 3]),
    ((2, 3, 4, 5, 6), lambda t: t[:, ::-1, 1:3, ..., 2:]),
    ((2,) * 9, lambda t: t[..., ::-1]),
    ((2,) * 9, lambda t: t[1, :, ::-1, :, 0, :, 1:, :, ::-1]),
    ((0, 4), lambda t: t[:, 1:3]),
    ((4, 0), lambda t: t[1:3, ::-1]),
]


@pytest.mark.parametrize("dtype", DTYPES)
def test_strided_slice(dtype):
  for i, (shape, fn) in enumerate(SLICES):
    _same(fn, [_array(shape, dtype, seed=i)])


def test_strided_slice_explicit_masks_and_int64():
  x = _array((4, 5, 6), np.float32)
  i64 = lambda v: tf.constant(v, tf.int64)
  _same(lambda t: tf.strided_slice(t, i64([3, 0, 1]), i64([0, 9, 5]), i64([-1, 2, 1]),
                                   begin_mask=2, end_mask=1), [x])
  _same(lambda t: tf.strided_slice(t, [0, 2, 0], [0, 3, 0], [1, 1, 1], ellipsis_mask=1,
                                   new_axis_mask=4, shrink_axis_mask=2), [x])
  _same(lambda t: tf.strided_slice(t, [1, -2], [3, -6], [1, -1]), [x])
  _same(lambda t: tf.strided_slice(t, [9, -9], [-9, 9], [-2, 3]), [x])


def _grad_build(fn):
  """dy is the slice of a second input, so both devices scatter the same values."""
  def build(t, y):
    dy = fn(y)
    op = dy.op
    assert op.type == "StridedSlice", op.type
    return gen_array_ops.strided_slice_grad(
        tf.shape(t, out_type=op.inputs[1].dtype), op.inputs[1], op.inputs[2], op.inputs[3], dy,
        begin_mask=op.get_attr("begin_mask"), end_mask=op.get_attr("end_mask"),
        ellipsis_mask=op.get_attr("ellipsis_mask"), new_axis_mask=op.get_attr("new_axis_mask"),
        shrink_axis_mask=op.get_attr("shrink_axis_mask"))
  return build


@pytest.mark.parametrize("dtype", DTYPES)
def test_strided_slice_grad_op(dtype):
  for i, (shape, fn) in enumerate(SLICES):
    x = _array(shape, dtype, seed=i)
    y = _array(shape, dtype, seed=i + 100)
    _same(_grad_build(fn), [x, y])


def test_strided_slice_gradients():
  # Up to 5-D and non-empty: the other kernels in the gradient's graph need no more.
  for i, (shape, fn) in enumerate(SLICES):
    if len(shape) > 5 or 0 in shape:
      continue
    x = random_array(shape, np.float32, seed=i)
    for dtype in (np.float32, np.float64):
      xd = x.astype(dtype)
      assert_gpu_matches_cpu(lambda t: tf.gradients(tf.reduce_sum(fn(t) * 3.0), t), [xd])


# ---- ReverseV2 ---------------------------------------------------------------------------------
REVERSES = [((7,), [0]), ((1023,), [-1]), ((3, 5), [1]), ((3, 5), [0, 1]), ((3, 5), []),
            ((3, 5, 7), [0, 2]), ((3, 5, 7), [1]), ((3, 5, 7), [-1, -2]), ((3, 1, 7), [1]),
            ((2, 3, 1, 4, 5), [0, 1, 3]), ((2, 3, 2, 3, 2, 3, 2, 3), [1, 2, 5, 6, 7]),
            ((0, 4), [1]), ((), [])]


@pytest.mark.parametrize("dtype", DTYPES)
def test_reverse(dtype):
  for i, (shape, axes) in enumerate(REVERSES):
    x = _array(shape, dtype, seed=i)
    _same(lambda t: tf.reverse(t, tf.constant(axes, tf.int32)), [x])
  x = _array((3, 5, 7), dtype, seed=1)
  _same(lambda t: tf.reverse(t, tf.constant([2, 0], tf.int64)), [x])


def test_reverse_gradient():
  x = random_array((3, 5, 7), np.float32)
  dy = random_array((3, 5, 7), np.float32, seed=1)
  assert_gpu_matches_cpu(lambda t, g: tf.gradients(tf.reverse(t, [0, 2]), t, grad_ys=g), [x, dy])


# ---- L2Loss ------------------------------------------------------------------------------------
@pytest.mark.parametrize("dtype", [np.float32, np.float64, np.float16])
def test_l2_loss(dtype):
  shapes = [(1,), (7,), (1023,), (3, 5, 7), (2, 3, 1, 4, 5), (0,), (4, 0)]
  if dtype != np.float16:  # half's range ends at 65504
    shapes.append((300, 1000))
  for i, shape in enumerate(shapes):
    x = random_array(shape, dtype, low=-1.0, high=1.0, seed=i)
    # Sums in a different order than the CPU: float32 rounding grows with the element count.
    rtol = {np.float32: 1e-5 if x.size < 10000 else 1e-4, np.float64: 1e-12,
            np.float16: 1e-2}[dtype]
    assert_gpu_matches_cpu(tf.nn.l2_loss, [x], rtol=rtol)


def test_l2_loss_gradient():
  x = random_array((3, 5, 7), np.float32)
  assert_gpu_matches_cpu(lambda t: tf.gradients(tf.nn.l2_loss(t), t), [x])


# ---- Where -------------------------------------------------------------------------------------
WHERE_DTYPES = DTYPES + [np.int8, np.uint8, np.int16, np.uint16]


def _with_zeros(shape, dtype, seed, frac=0.4):
  x = _array(shape, dtype, seed=seed)
  if x.size == 0 or dtype == np.bool_:
    return x
  rng = np.random.default_rng(seed + 7)
  x[rng.random(shape) < frac] = 0
  return x


@pytest.mark.parametrize("dtype", WHERE_DTYPES)
def test_where(dtype):
  # 70001 elements span many chunks of the GPU kernel (and a partial last one).
  for i, shape in enumerate([(1,), (7,), (1023,), (3, 5), (3, 5, 7), (2, 3, 1, 4, 5),
                             (70001,), (7, 1023), (0,), (4, 0, 3)]):
    _same(tf.where, [_with_zeros(shape, dtype, seed=i)])
  _same(tf.where, [np.zeros((5, 7), dtype)])
  _same(tf.where, [np.ones((5, 7), dtype)])


def test_where_scalar_and_special_floats():
  for v in (True, False):
    _same(tf.where, [np.array(v)])
  _same(tf.where, [np.array(2.5, np.float32)])
  _same(tf.where, [np.array(0.0, np.float32)])
  # -0 is zero, NaN is not (as on the CPU).
  specials = np.array([0.0, -0.0, np.nan, 1.0, -np.inf, -0.0, 1e-30], np.float32)
  for dtype in (np.float32, np.float64, np.float16, BF16):
    _same(tf.where, [specials.astype(dtype)])
  c = np.array([0, -0.0 + 0j, 1j, -0.0 - 0.0j, 2 + 0j], np.complex64)
  _same(tf.where, [c])
  _same(tf.where, [c.astype(np.complex128)])
  # A large sparse input: the rows of many chunks, most of them empty.
  x = np.zeros((1 << 20) + 3, np.float32)
  x[[0, 5, 4096, 70000, 123457, (1 << 20) + 2]] = 1.0
  _same(tf.where, [x.reshape(-1, 1)])


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
  assert "slice index 7 of dimension 0 out of bounds." in _error(
      dev, lambda t, b, e, s: tf.strided_slice(t, b, e, s, shrink_axis_mask=1),
      [x, i32([7]), i32([8]), i32([1])])
  assert "strides[1] must be non-zero" in _error(
      dev, tf.strided_slice, [x, i32([0, 0]), i32([2, 2]), i32([1, 0])])
  assert "shape of dy was" in _error(
      dev, lambda s, b, e, st, dy: gen_array_ops.strided_slice_grad(s, b, e, st, dy),
      [i32([3, 4]), i32([0]), i32([2]), i32([1]), random_array((3, 4), np.float32)])
  assert "is out of valid range [0, 1" in _error(dev, tf.reverse, [x, i32([2])])
  assert "specified more than once." in _error(dev, tf.reverse, [x, i32([1, -1])])
