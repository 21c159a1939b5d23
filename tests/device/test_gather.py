"""GPU kernels of Gather/GatherV2/ResourceGather, UnsortedSegment{Sum,Max,Min,Prod}, OneHot,
Cumsum/Cumprod and BatchMatMul/BatchMatMulV2 against the CPU kernels.

Where the devices differ on purpose, each side is checked on its own: an out-of-range gather index
or segment id is InvalidArgument on the CPU, while the GPU kernels (as TF's) never read indices
on the host: a gather writes zeros for that slice and a segment reduction skips that row.
"""
import numpy as np
import pytest
import tensorflow as tf
from tensorflow.python.ops import gen_array_ops
from tensorflow.python.ops import gen_math_ops
from tensorflow.python.ops import gen_resource_variable_ops

from device_util import assert_gpu_matches_cpu, random_array, requires_gpu

pytestmark = requires_gpu

DEVICES = ("/cpu:0", "/gpu:0")
FLOAT_DTYPES = [np.float32, np.float64, np.float16]
GATHER_DTYPES = FLOAT_DTYPES + [np.int64, np.bool_]
INDEX_DTYPES = [np.int32, np.int64]


def _values(shape, dtype, seed, low=-2.0, high=2.0):
  if np.issubdtype(np.dtype(dtype), np.integer):
    return random_array(shape, dtype, low=-100, high=100, seed=seed)
  return random_array(shape, dtype, low=low, high=high, seed=seed)


def _indices(shape, limit, dtype, seed, low=0):
  return np.asarray(random_array(shape, dtype, low=low, high=limit, seed=seed))


def _run(dev, build, inputs):
  g = tf.Graph()
  with g.as_default():
    phs = [tf.compat.v1.placeholder(tf.as_dtype(a.dtype), a.shape) for a in inputs]
    with tf.device(dev):
      out = build(*phs)
    with tf.compat.v1.Session(graph=g) as sess:
      return sess.run(out, dict(zip(phs, inputs)))


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


# ---- Gather / GatherV2 / ResourceGather ---------------------------------------------------------
@pytest.mark.parametrize("itype", INDEX_DTYPES)
@pytest.mark.parametrize("dtype", GATHER_DTYPES)
def test_gather_v2(dtype, itype):
  params = _values((7, 5), dtype, seed=1)
  for axis, ishape in [(0, (3,)), (1, (2, 4)), (-1, ()), (0, (1023,)), (1, (1,))]:
    idx = _indices(ishape, params.shape[axis], itype, seed=2)
    assert_gpu_matches_cpu(lambda p, i: tf.gather(p, i, axis=axis), [params, idx])


@pytest.mark.parametrize("itype", INDEX_DTYPES)
def test_gather_v1(itype):
  params = _values((6, 3, 2), np.float32, seed=3)
  idx = _indices((4, 2), 6, itype, seed=4)
  assert_gpu_matches_cpu(lambda p, i: gen_array_ops.gather(p, i), [params, idx])


def test_gather_shapes_batch_dims_and_empty():
  p3 = _values((4, 6, 3), np.float32, seed=5)
  assert_gpu_matches_cpu(lambda p, i: tf.gather(p, i, axis=1),
                         [p3, _indices((2, 5), 6, np.int32, seed=6)])
  p5 = _values((2, 3, 4, 5, 3), np.float64, seed=7)
  assert_gpu_matches_cpu(lambda p, i: tf.gather(p, i, axis=3),
                         [p5, _indices((7,), 5, np.int64, seed=8)])
  pb = _values((3, 4, 6, 2), np.float32, seed=9)
  assert_gpu_matches_cpu(lambda p, i: tf.gather(p, i, axis=2, batch_dims=2),
                         [pb, _indices((3, 4, 5), 6, np.int32, seed=10)])
  assert_gpu_matches_cpu(lambda p, i: tf.gather(p, i, axis=2, batch_dims=1),
                         [pb, _indices((3, 5), 6, np.int64, seed=11)])
  # Empty indices, empty params, complex64 (16-byte moves go through one kernel too).
  assert_gpu_matches_cpu(lambda p, i: tf.gather(p, i),
                         [_values((5, 3), np.float32, seed=12), np.zeros((0,), np.int32)])
  assert_gpu_matches_cpu(lambda p, i: tf.gather(p, i, axis=1),
                         [np.zeros((0, 4), np.float32), _indices((3,), 4, np.int32, seed=13)])
  c = (_values((5, 4), np.float64, seed=14) + 1j * _values((5, 4), np.float64, seed=15))
  ci = _indices((6,), 4, np.int32, seed=16)
  got = _run("/gpu:0", lambda p, i: tf.gather(p, i, axis=1), [c.astype(np.complex128), ci])
  np.testing.assert_array_equal(got, c[:, ci])


@pytest.mark.parametrize("dtype", [np.float32, np.float64, np.float16, np.int64])
def test_resource_gather(dtype):
  init = _values((6, 4), dtype, seed=17)
  idx = _indices((2, 3), 6, np.int32, seed=18)
  idx64 = _indices((5,), 6, np.int64, seed=19)
  gy = _values((2, 3, 4), dtype, seed=20)
  is_float = dtype != np.int64
  g = tf.Graph()
  with g.as_default():
    i = tf.compat.v1.placeholder(tf.int32, idx.shape)
    i64 = tf.compat.v1.placeholder(tf.int64, idx64.shape)
    gy_t = tf.compat.v1.placeholder(tf.as_dtype(dtype), gy.shape)
    outs = {}
    for dev in DEVICES:
      with tf.device(dev):
        v = tf.compat.v1.Variable(init, name="v_" + dev.strip("/").replace(":", ""),
                                  use_resource=True)
        r = [gen_resource_variable_ops.resource_gather(v.handle, i, dtype=tf.as_dtype(dtype)),
             tf.gather(v, i64)]
        if is_float:
          # IndexedSlices, densified by UnsortedSegmentSum.
          r.append(tf.convert_to_tensor(tf.gradients(tf.gather(v, i), v, grad_ys=gy_t)[0]))
      outs[dev] = r
    with tf.compat.v1.Session(graph=g) as sess:
      sess.run(tf.compat.v1.global_variables_initializer())
      feed = {i: idx, i64: idx64, gy_t: gy}
      cpu, gpu = sess.run([outs["/cpu:0"], outs["/gpu:0"]], feed)
  for c, d in zip(cpu, gpu):
    assert c.shape == d.shape and c.dtype == d.dtype
    if is_float:
      np.testing.assert_allclose(d.astype(np.float64), c.astype(np.float64),
                                 rtol=1e-2 if dtype == np.float16 else 1e-6, atol=1e-6)
    else:
      np.testing.assert_array_equal(d, c)
  np.testing.assert_array_equal(gpu[0], init[idx])


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_gather_gradients(dtype):
  p = _values((5, 6, 3), dtype, seed=21)
  idx = np.array([4, 0, 4, 2, 5, 4], np.int32)  # repeats: the segment sum adds them
  gy1 = _values((5, 6, 3), dtype, seed=22)
  gy0 = _values((6, 6, 3), dtype, seed=23)
  assert_gpu_matches_cpu(
      lambda t, i, g: tf.gradients(tf.gather(t, i, axis=1), t, grad_ys=g), [p, idx, gy1])
  assert_gpu_matches_cpu(
      lambda t, i, g: tf.convert_to_tensor(tf.gradients(tf.gather(t, i), t, grad_ys=g)[0]),
      [p, idx[:5] % 5, gy0[:5]])


def test_gather_out_of_range():
  params = _values((5, 3), np.float32, seed=24)
  idx = np.array([0, 7, -1, 2], np.int32)
  build = lambda p, i: tf.gather(p, i)
  assert "indices[1] = 7 is not in [0, 5)" in _error("/cpu:0", build, [params, idx])
  got = _run("/gpu:0", build, [params, idx])
  want = np.stack([params[0], np.zeros(3, np.float32), np.zeros(3, np.float32), params[2]])
  np.testing.assert_array_equal(got, want)
  got = _run("/gpu:0", lambda p, i: tf.gather(p, i, axis=1), [params, idx.astype(np.int64)])
  want = np.stack([params[:, 0], np.zeros(5, np.float32), np.zeros(5, np.float32),
                   params[:, 2]], axis=1)
  np.testing.assert_array_equal(got, want)


# ---- UnsortedSegment{Sum,Max,Min,Prod} ----------------------------------------------------------
SEGMENT_FNS = {
    "sum": tf.math.unsorted_segment_sum,
    "max": tf.math.unsorted_segment_max,
    "min": tf.math.unsorted_segment_min,
    "prod": tf.math.unsorted_segment_prod,
}
# (data shape, ids shape, num_segments): some segments empty, some ids -1 (dropped).
SEGMENT_CASES = [((10, 3), (10,), 6), ((4, 5, 3), (4, 5), 7), ((1023,), (1023,), 37),
                 ((7,), (7,), 1), ((2, 3, 2, 2, 3), (2, 3), 4), ((0, 2), (0,), 3),
                 ((3, 2), (3,), 0)]


@pytest.mark.parametrize("itype", INDEX_DTYPES)
@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
@pytest.mark.parametrize("op", sorted(SEGMENT_FNS))
def test_unsorted_segment(op, dtype, itype):
  fn = SEGMENT_FNS[op]
  low, high = (0.5, 1.5) if op == "prod" else (-2.0, 2.0)
  # Empty Max/Min segments hold the dtype's lowest/highest value: compare without a scale-based
  # absolute tolerance (those values would make it huge). Max/Min are exact.
  atol = 0 if op in ("max", "min") else None
  for k, (dshape, ishape, num) in enumerate(SEGMENT_CASES):
    data = _values(dshape, dtype, seed=30 + k, low=low, high=high)
    ids = _indices(ishape, num, itype, seed=40 + k, low=-1)
    assert_gpu_matches_cpu(lambda d, i: fn(d, i, num), [data, ids], atol=atol)


def test_unsorted_segment_num_segments_int64_and_gradient():
  data = _values((9, 4), np.float32, seed=50)
  ids = _indices((9,), 5, np.int32, seed=51)
  assert_gpu_matches_cpu(
      lambda d, i: tf.math.unsorted_segment_sum(d, i, tf.constant(5, tf.int64)), [data, ids])
  gy = _values((5, 4), np.float32, seed=52)
  assert_gpu_matches_cpu(
      lambda d, i, g: tf.gradients(tf.math.unsorted_segment_sum(d, i, 5), d, grad_ys=g),
      [data, ids, gy])


def test_unsorted_segment_out_of_range():
  data = _values((4, 2), np.float32, seed=53)
  ids = np.array([0, 5, 1, 0], np.int32)
  build = lambda d, i: tf.math.unsorted_segment_sum(d, i, 3)
  assert "segment_ids[1] = 5 is out of range [0, 3)" in _error("/cpu:0", build, [data, ids])
  got = _run("/gpu:0", build, [data, ids])
  want = np.stack([data[0] + data[3], data[2], np.zeros(2, np.float32)])
  np.testing.assert_allclose(got, want, rtol=1e-6)
  got = _run("/gpu:0", lambda d, i: tf.math.unsorted_segment_max(d, i, 3), [data, ids])
  lowest = np.finfo(np.float32).min
  want = np.stack([np.maximum(data[0], data[3]), data[2], np.full(2, lowest, np.float32)])
  np.testing.assert_array_equal(got, want)


# ---- OneHot -------------------------------------------------------------------------------------
ON_OFF = {np.float32: (1.5, -0.25), np.float64: (1.5, -0.25), np.float16: (1.5, -0.25),
          np.int64: (7, -3), np.bool_: (True, False)}


@pytest.mark.parametrize("itype", [np.int32, np.int64, np.uint8])
@pytest.mark.parametrize("dtype", GATHER_DTYPES)
def test_one_hot(dtype, itype):
  on, off = ON_OFF[dtype]
  on, off = np.array(on, dtype), np.array(off, dtype)
  low = 0 if itype == np.uint8 else -1
  # Index values run past depth (and below 0 where signed): those rows are all off_value.
  for k, (ishape, depth, axis) in enumerate([((6,), 5, -1), ((3, 4), 5, 0), ((3, 4), 5, 1),
                                             ((2, 3, 4), 5, -1), ((2, 3, 4), 3, 1),
                                             ((1023,), 7, 0), ((0, 3), 5, 1), ((), 5, -1),
                                             ((4,), 0, -1)]):
    idx = _indices(ishape, depth + 2, itype, seed=60 + k, low=low)
    assert_gpu_matches_cpu(
        lambda i, a, b: tf.one_hot(i, depth, on_value=a, off_value=b, axis=axis),
        [idx, on, off])


# ---- Cumsum / Cumprod ---------------------------------------------------------------------------
SCAN_CASES = [((7,), 0), ((1023,), 0), ((1,), 0), ((3, 7, 5), 1), ((3, 7, 5), -1),
              ((3, 7, 5), 0), ((2, 3, 1, 4, 5), 3), ((0, 4), 1)]


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
@pytest.mark.parametrize("op", ["cumsum", "cumprod"])
def test_scan(op, dtype):
  fn = tf.cumsum if op == "cumsum" else tf.math.cumprod
  low, high = (0.5, 1.5) if op == "cumprod" else (-2.0, 2.0)
  for k, (shape, axis) in enumerate(SCAN_CASES):
    x = _values(shape, dtype, seed=70 + k, low=low, high=high)
    assert_gpu_matches_cpu(
        lambda t: [fn(t, axis=axis, exclusive=e, reverse=r)
                   for e in (False, True) for r in (False, True)], [x])


def test_scan_int64_axis_and_gradients():
  x = _values((4, 6, 3), np.float32, seed=80)
  assert_gpu_matches_cpu(lambda t: [tf.cumsum(t, axis=tf.constant(1, tf.int64), reverse=True),
                                    tf.math.cumprod(t, axis=tf.constant(-1, tf.int64))], [x])
  for dtype in (np.float32, np.float64):
    x = _values((4, 6, 3), dtype, seed=81, low=0.5, high=1.5)
    gy = _values((4, 6, 3), dtype, seed=82)
    assert_gpu_matches_cpu(
        lambda t, g: tf.gradients(tf.cumsum(t, axis=1, exclusive=True), t, grad_ys=g), [x, gy])


# ---- BatchMatMul / BatchMatMulV2 ----------------------------------------------------------------
BMM_RTOL = {np.float32: 3e-3, np.float64: 1e-12, np.float16: 1e-2}  # float32: TF32 tensor cores


def _mat(batch, rows, cols, adj, dtype, seed):
  return _values(tuple(batch) + ((cols, rows) if adj else (rows, cols)), dtype, seed=seed)


@pytest.mark.parametrize("adj_x,adj_y", [(False, False), (True, False), (False, True),
                                         (True, True)])
@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
def test_batch_matmul(dtype, adj_x, adj_y):
  rtol = BMM_RTOL[dtype]
  # Same batch dims: BatchMatMul and BatchMatMulV2.
  for k, (batch, m, kk, n) in enumerate([((3,), 4, 5, 6), ((2, 3), 1, 7, 1), ((), 7, 3, 5),
                                         ((5,), 33, 17, 9), ((1,), 1, 1, 1)]):
    x = _mat(batch, m, kk, adj_x, dtype, seed=90 + k)
    y = _mat(batch, kk, n, adj_y, dtype, seed=100 + k)
    assert_gpu_matches_cpu(
        lambda a, b: [gen_math_ops.batch_mat_mul(a, b, adj_x=adj_x, adj_y=adj_y),
                      gen_math_ops.batch_mat_mul_v2(a, b, adj_x=adj_x, adj_y=adj_y)],
        [x, y], rtol=rtol)
  # Broadcast batch dims: BatchMatMulV2 only.
  for k, (xb, yb) in enumerate([((2, 1, 3), (4, 1)), ((3,), ()), ((), (4,)), ((1,), (5,)),
                                ((2, 1), (1, 3)), ((2, 3, 1, 2, 1), (1, 2, 3))]):
    x = _mat(xb, 4, 5, adj_x, dtype, seed=110 + k)
    y = _mat(yb, 5, 3, adj_y, dtype, seed=120 + k)
    assert_gpu_matches_cpu(
        lambda a, b: gen_math_ops.batch_mat_mul_v2(a, b, adj_x=adj_x, adj_y=adj_y), [x, y],
        rtol=rtol)


def test_batch_matmul_empty_and_gradients():
  for xs, ys in [((0, 2, 3), (0, 3, 4)), ((2, 3, 0), (2, 0, 4)), ((2, 0, 3), (2, 3, 4)),
                 ((3, 0, 2, 3), (1, 3, 4))]:
    x = np.ones(xs, np.float32) * 0.5
    y = np.ones(ys, np.float32) * 0.25
    assert_gpu_matches_cpu(lambda a, b: gen_math_ops.batch_mat_mul_v2(a, b), [x, y])
  x = _values((2, 3, 4, 5), np.float32, seed=130)
  y = _values((5, 6), np.float32, seed=131)
  gy = _values((2, 3, 4, 6), np.float32, seed=132)
  assert_gpu_matches_cpu(lambda a, b, g: tf.gradients(tf.matmul(a, b), [a, b], grad_ys=g),
                         [x, y, gy], rtol=3e-3)
  x = _values((3, 4, 5), np.float64, seed=133)
  y = _values((3, 6, 5), np.float64, seed=134)
  gy = _values((3, 4, 6), np.float64, seed=135)
  assert_gpu_matches_cpu(
      lambda a, b, g: tf.gradients(tf.matmul(a, b, transpose_b=True), [a, b], grad_ys=g),
      [x, y, gy], rtol=1e-12)


# ---- bad input: the GPU kernels raise what the CPU ones raise ------------------------------------
@pytest.mark.parametrize("dev", DEVICES)
def test_errors(dev):
  p = _values((4, 3), np.float32, seed=140)
  i = np.array([0, 1], np.int32)
  assert "Expected axis in the range [-2, 2), but got 3" in _error(
      dev, lambda a, b: tf.gather(a, b, axis=3), [p, i])
  assert "does not start with segment_ids.shape = [3]" in _error(
      dev, lambda a, b: tf.math.unsorted_segment_sum(a, b, 4), [p, np.array([0, 1, 2], np.int32)])
  assert "depth must be non-negative, got: -1" in _error(
      dev, lambda a, d: tf.one_hot(a, d), [i.astype(np.int64), np.array(-1, np.int32)])
  assert "ScanOp: Expected scan axis in the range [-2, 2), but got 2" in _error(
      dev, lambda a: tf.cumsum(a, axis=2), [p])
  assert "In[0] mismatch In[1] shape: 3 vs. 4" in _error(
      dev, lambda a, b: gen_math_ops.batch_mat_mul_v2(a, b),
      [_values((2, 4, 3), np.float32, seed=141), _values((2, 4, 5), np.float32, seed=142)])
  assert "must be the same" in _error(
      dev, lambda a, b: gen_math_ops.batch_mat_mul(a, b),
      [_values((2, 4, 3), np.float32, seed=143), _values((3, 3, 5), np.float32, seed=144)])
