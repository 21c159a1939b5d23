"""Device placement as TF 1.15 does it, on whatever this machine has (the CPU alone in CI):
explicit devices that do not exist, soft placement, device_count, and the placement log."""
import numpy as np
import pytest
import tensorflow as tf

HAS_GPU = tf.test.is_gpu_available()
CPU0 = "/job:localhost/replica:0/task:0/device:CPU:0"


def _graph_on(device):
  g = tf.Graph()
  with g.as_default():
    a, b = tf.ones([2, 3]), tf.ones([3, 2])
    with tf.device(device):
      y = tf.matmul(a, b, name="prod")
  return g, y


def test_explicit_gpu_without_one_is_invalid_argument():
  g, y = _graph_on("/device:GPU:0")
  with tf.Session(graph=g) as sess:
    if HAS_GPU:
      np.testing.assert_array_equal(sess.run(y), np.full((2, 2), 3.0, np.float32))
    else:
      with pytest.raises(tf.errors.InvalidArgumentError) as e:
        sess.run(y)
      assert ("Cannot assign a device for operation prod: {{node prod}} was explicitly assigned "
              "to /device:GPU:0 but available devices are [ %s ]. Make sure the device "
              "specification refers to a valid device." % CPU0) in str(e.value)


def test_a_device_index_past_the_last_fails():
  g, y = _graph_on("/cpu:3")
  with tf.Session(graph=g) as sess:
    with pytest.raises(tf.errors.InvalidArgumentError, match="explicitly assigned to /device:CPU:3"):
      sess.run(y)


@pytest.mark.parametrize("device", ["/gpu:0", "/device:GPU:3", "/cpu:3"])
def test_soft_placement_falls_back(device):
  g, y = _graph_on(device)
  config = tf.ConfigProto(allow_soft_placement=True)
  with tf.Session(graph=g, config=config) as sess:
    np.testing.assert_array_equal(sess.run(y), np.full((2, 2), 3.0, np.float32))


def test_device_count_zero_and_the_placement_log(capfd):
  g, y = _graph_on("")
  config = tf.ConfigProto(device_count={"GPU": 0}, log_device_placement=True)
  with tf.Session(graph=g, config=config) as sess:
    sess.run(y)
  out = capfd.readouterr().out
  assert "Device mapping: no known devices." in out
  assert "prod: (MatMul): " + CPU0 in out


def test_device_queries_match_the_machine():
  from tensorflow.python.client import device_lib
  devices = device_lib.list_local_devices()
  assert devices[0].name == "/device:CPU:0" and devices[0].device_type == "CPU"
  gpus = [d for d in devices if d.device_type == "GPU"]
  assert bool(gpus) == HAS_GPU
  assert tf.test.gpu_device_name() == ("/device:GPU:0" if HAS_GPU else "")
  assert len(tf.config.experimental.list_physical_devices("GPU")) == len(gpus)
  cpu = tf.config.experimental.list_physical_devices("CPU")[0]
  with pytest.raises(ValueError, match="Cannot set memory growth on non-GPU devices"):
    tf.config.experimental.set_memory_growth(cpu, True)
