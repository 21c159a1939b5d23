"""The GPU runtime: device queries, placement, copies between host and device, variables on the
GPU, out-of-memory, and MatMul through cuBLAS. Skipped where no GPU is usable."""
import numpy as np
import pytest
import tensorflow as tf

from device_util import assert_gpu_matches_cpu, random_array, requires_gpu

pytestmark = requires_gpu

GPU0 = "/job:localhost/replica:0/task:0/device:GPU:0"


def test_device_queries():
  from tensorflow.python.client import device_lib
  devices = device_lib.list_local_devices()
  assert [d.device_type for d in devices][:2] == ["CPU", "GPU"]
  gpu = devices[1]
  assert gpu.name == "/device:GPU:0"
  assert gpu.memory_limit > 1 << 30
  assert gpu.physical_device_desc.startswith("device: 0, name: ")
  assert "compute capability: " in gpu.physical_device_desc
  assert tf.test.is_gpu_available()
  assert tf.test.is_gpu_available(cuda_only=True, min_cuda_compute_capability=(8, 0))
  assert not tf.test.is_gpu_available(min_cuda_compute_capability=(99, 0))
  assert tf.test.gpu_device_name() == "/device:GPU:0"
  assert tf.test.is_built_with_cuda() and tf.test.is_built_with_gpu_support()
  gpus = tf.config.experimental.list_physical_devices("GPU")
  assert [(d.name, d.device_type) for d in gpus][0] == ("/physical_device:GPU:0", "GPU")
  tf.config.experimental.set_memory_growth(gpus[0], True)
  assert tf.config.experimental.get_memory_growth(gpus[0])


def test_default_placement_and_log(capfd):
  with tf.Graph().as_default():
    a = tf.constant(random_array((4, 3), seed=1), name="a")
    b = tf.constant(random_array((3, 5), seed=2), name="b")
    y = tf.matmul(a, b, name="prod")
    s = tf.math.erf(y, name="erf")  # no GPU kernel: runs on the CPU
    config = tf.ConfigProto(log_device_placement=True)
    with tf.Session(config=config) as sess:
      yv, sv = sess.run([y, s])
  out = capfd.readouterr().out
  assert "Device mapping:\n" + GPU0 + " -> device: 0, name: " in out
  assert "prod: (MatMul): " + GPU0 in out
  assert "erf: (Erf): /job:localhost/replica:0/task:0/device:CPU:0" in out
  ref = random_array((4, 3), seed=1) @ random_array((3, 5), seed=2)
  # TF32: about 1e-3 of the operands' scale, not of each (possibly cancelling) result.
  np.testing.assert_allclose(yv, ref, rtol=0, atol=1e-2)
  from math import erf
  np.testing.assert_allclose(sv, np.vectorize(erf)(yv.astype(np.float64)), rtol=1e-6, atol=1e-7)


def test_device_count_zero_keeps_everything_on_the_cpu(capfd):
  with tf.Graph().as_default():
    y = tf.matmul(tf.ones([2, 2]), tf.ones([2, 2]), name="prod")
    config = tf.ConfigProto(device_count={"GPU": 0}, log_device_placement=True)
    with tf.Session(config=config) as sess:
      np.testing.assert_array_equal(sess.run(y), np.full((2, 2), 2.0, np.float32))
  assert "prod: (MatMul): /job:localhost/replica:0/task:0/device:CPU:0" in capfd.readouterr().out


def test_missing_device_and_soft_placement():
  with tf.Graph().as_default():
    a = tf.ones([2, 2])
    with tf.device("/gpu:7"):
      y = tf.matmul(a, a, name="far")
    with tf.Session() as sess:
      with pytest.raises(tf.errors.InvalidArgumentError, match="Cannot assign a device for "
                         "operation far"):
        sess.run(y)
    with tf.Session(config=tf.ConfigProto(allow_soft_placement=True)) as sess:
      np.testing.assert_array_equal(sess.run(y), np.full((2, 2), 2.0, np.float32))


def test_no_gpu_kernel_without_soft_placement():
  with tf.Graph().as_default():
    c = tf.constant([1.5, 2.5])
    with tf.device("/gpu:0"):
      s = tf.math.erf(c, name="erf")
    with tf.Session() as sess:
      with pytest.raises(tf.errors.InvalidArgumentError,
                         match="operation erf: Could not satisfy explicit device "
                               "specification '/device:GPU:0' because no supported kernel for "
                               "GPU devices is available"):
        sess.run(s)


@pytest.mark.parametrize("use_resource", [False, True])
def test_variables_live_on_the_gpu(tmp_path, use_resource, capfd):
  init = random_array((3, 4), seed=3)
  with tf.Graph().as_default():
    v = tf.get_variable("v", initializer=tf.constant(init), use_resource=use_resource)
    upd = tf.assign(v, v * 2.0) if not use_resource else v.assign(v * 2.0)
    saver = tf.train.Saver()
    with tf.Session(config=tf.ConfigProto(log_device_placement=True)) as sess:
      sess.run(tf.global_variables_initializer())
      sess.run(upd)
      np.testing.assert_array_equal(sess.run(v), init * 2)
      path = saver.save(sess, str(tmp_path / "model"))
      sess.run(upd)
      saver.restore(sess, path)
      np.testing.assert_array_equal(sess.run(v), init * 2)
  out = capfd.readouterr().out
  op = "VarHandleOp" if use_resource else "VariableV2"
  assert "v: (%s): %s" % (op, GPU0) in out
  assert tf.train.load_variable(str(tmp_path / "model"), "v").tolist() == (init * 2).tolist()


def test_out_of_memory_is_an_error_and_the_session_survives():
  with tf.Graph().as_default():
    x = tf.compat.v1.placeholder(tf.float32, [None, None])
    with tf.device("/gpu:0"):
      y = tf.matmul(x, x, transpose_b=True, name="outer")
    with tf.Session() as sess:
      # 400000 x 400000 floats = 640 GB: more than any GPU has.
      with pytest.raises(tf.errors.ResourceExhaustedError,
                         match=r"OOM when allocating tensor with shape\[400000,400000\].*"
                               r"GPU_0_bfc"):
        sess.run(y, {x: np.ones((400000, 1), np.float32)})
      np.testing.assert_array_equal(sess.run(y, {x: np.ones((2, 3), np.float32)}),
                                    np.full((2, 2), 3.0, np.float32))


def test_many_sessions_return_their_memory():
  from tensorflow.python.client import device_lib
  for _ in range(20):
    with tf.Graph().as_default():
      x = tf.compat.v1.placeholder(tf.float32, [256, 256])
      y = tf.matmul(x, x)
      with tf.Session() as sess:
        sess.run(y, {x: random_array((256, 256), seed=4)})
  assert device_lib.list_local_devices()[1].memory_limit > 0


@pytest.mark.parametrize("ta,tb", [(False, False), (True, False), (False, True), (True, True)])
@pytest.mark.parametrize("m,k,n", [(1, 1, 1), (7, 13, 5), (128, 64, 256), (33, 1, 17)])
def test_matmul_float32(ta, tb, m, k, n):
  a = random_array((k, m) if ta else (m, k), seed=5)
  b = random_array((n, k) if tb else (k, n), seed=6)
  # TF32 tensor cores: about 1e-3 relative.
  assert_gpu_matches_cpu(lambda x, y: tf.matmul(x, y, transpose_a=ta, transpose_b=tb), [a, b],
                         rtol=3e-3)


@pytest.mark.parametrize("dtype,rtol", [(np.float64, 1e-12), (np.float16, 1e-2)])
def test_matmul_other_types(dtype, rtol):
  a = random_array((9, 31), dtype, seed=7)
  b = random_array((31, 4), dtype, seed=8)
  assert_gpu_matches_cpu(lambda x, y: tf.matmul(x, y), [a, b], rtol=rtol)


def test_matmul_empty_and_bad_shapes():
  assert_gpu_matches_cpu(lambda x, y: tf.matmul(x, y),
                         [random_array((0, 3), seed=9), random_array((3, 4), seed=10)])
  assert_gpu_matches_cpu(lambda x, y: tf.matmul(x, y),
                         [np.ones((2, 0), np.float32), np.ones((0, 4), np.float32)])
  with tf.Graph().as_default():
    x = tf.compat.v1.placeholder(tf.float32, [None, None])
    with tf.device("/gpu:0"):
      y = tf.matmul(x, x)
    with tf.Session() as sess:
      with pytest.raises(tf.errors.InvalidArgumentError, match="Matrix size-incompatible"):
        sess.run(y, {x: np.ones((2, 3), np.float32)})


def test_tf32_can_be_turned_off(monkeypatch):
  """NVIDIA_TF32_OVERRIDE=0 is read when the cuBLAS handle is made (once per process), so
  this runs a child process."""
  import subprocess
  import sys
  code = ("import numpy as np, tensorflow as tf\n"
          "a = np.random.default_rng(0).standard_normal((256, 256)).astype(np.float32)\n"
          "with tf.device('/gpu:0'):\n"
          "  y = tf.matmul(tf.constant(a), tf.constant(a))\n"
          "r = tf.Session().run(y)\n"
          "ref = a.astype(np.float64) @ a.astype(np.float64)\n"
          "print(float(np.linalg.norm(r - ref) / np.linalg.norm(ref)))\n")
  env = dict(__import__("os").environ, NVIDIA_TF32_OVERRIDE="0")
  err = float(subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                             text=True, check=True).stdout.strip().splitlines()[-1])
  assert err < 1e-5


def test_training_on_the_gpu_matches_the_cpu():
  rng = np.random.default_rng(11)
  xs = rng.standard_normal((64, 10)).astype(np.float32)
  ys = rng.integers(0, 3, 64)

  def losses(device):
    with tf.Graph().as_default():
      tf.set_random_seed(1)
      with tf.device(device):
        x = tf.compat.v1.placeholder(tf.float32, [None, 10])
        y = tf.compat.v1.placeholder(tf.int64, [None])
        h = tf.layers.dense(x, 16, activation=tf.nn.relu)
        logits = tf.layers.dense(h, 3)
        loss = tf.losses.sparse_softmax_cross_entropy(y, logits)
        train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
      with tf.Session(config=tf.ConfigProto(allow_soft_placement=True)) as sess:
        sess.run(tf.global_variables_initializer())
        return [sess.run([train, loss], {x: xs, y: ys})[1] for _ in range(10)]

  np.testing.assert_allclose(losses("/gpu:0"), losses("/cpu:0"), rtol=5e-3)


def test_cached_blocks_go_back_under_memory_pressure():
  """Freed blocks stay cached for reuse; when the GPU runs out, the cache is returned to the
  pool and the allocation retried. Four tensors of different sizes that together need ~1.5x
  the memory, one after another."""
  from tensorflow.python.client import device_lib
  limit = device_lib.list_local_devices()[1].memory_limit
  with tf.Graph().as_default():
    n = tf.compat.v1.placeholder(tf.int64, [])  # more than 2**31 elements
    with tf.device("/gpu:0"):
      biggest = tf.reduce_max(tf.fill(tf.reshape(n, [1]), 1.5))
    with tf.Session() as sess:
      for fraction in (0.3, 0.31, 0.45, 0.5):
        assert sess.run(biggest, {n: int(limit * fraction) // 4}) == 1.5
