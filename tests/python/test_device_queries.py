"""Device queries on a machine without a usable GPU (CI): device_lib, tf.config, tf.test, the
tfclassic CLI, for CPU-only and CUDA builds alike."""

import os
import subprocess
import sys

import tensorflow as tf
from op_test_util import subprocess_env
from tensorflow.core.framework import device_attributes_pb2
from tensorflow.python.client import device_lib

_ENV = subprocess_env()


def test_list_local_devices():
  devices = device_lib.list_local_devices()
  assert all(isinstance(d, device_attributes_pb2.DeviceAttributes) for d in devices)
  cpu = [d for d in devices if d.device_type == "CPU"]
  assert len(cpu) == 1
  assert cpu[0].name == "/device:CPU:0"
  assert cpu[0].memory_limit == 268435456
  assert cpu[0].incarnation != 0
  assert device_lib.list_local_devices()[0].incarnation == cpu[0].incarnation


def test_physical_devices():
  cpus = tf.config.experimental.list_physical_devices("CPU")
  assert len(cpus) == 1
  assert cpus[0].name == "/physical_device:CPU:0" and cpus[0].device_type == "CPU"
  assert tf.config.experimental.list_physical_devices("GPU") == []
  assert tf.config.experimental.list_physical_devices("XLA_GPU") == []
  assert tf.config.experimental.list_physical_devices() == cpus
  logical = tf.config.experimental.list_logical_devices("CPU")
  assert logical[0].name == "/job:localhost/replica:0/task:0/device:CPU:0"


def test_gpu_queries_without_a_gpu():
  """This machine has no usable GPU (CI's has none); the build may or may not carry CUDA."""
  from tfclassic import _build_info
  from tensorflow.python.client import device_lib
  if device_lib.gpu_devices()[0]:
    return  # a GPU machine: tests/device checks the GPU answers
  assert tf.test.is_gpu_available() is False
  assert tf.test.is_gpu_available(cuda_only=True, min_cuda_compute_capability=(3, 5)) is False
  assert tf.test.gpu_device_name() == ""
  assert tf.test.is_built_with_cuda() is _build_info.is_cuda_build
  assert tf.test.is_built_with_gpu_support() is _build_info.is_cuda_build


class _Case(tf.test.TestCase):

  def test_session_helpers(self):
    c = tf.constant([1.0, 2.0])
    with self.cached_session() as sess:
      self.assertAllClose(sess.run(c), [1.0, 2.0])
      self.assertAllEqual(self.evaluate(c), [1.0, 2.0])
    self.assertAllClose({"a": [1.0], "b": (2.0, 3.0)}, {"a": [1.0], "b": (2.0, 3.0)})
    self.assertNotAllClose([1.0], [2.0])
    self.assertAllInRange([1, 2], 1, 2)
    self.assertTrue(os.path.isdir(self.get_temp_dir()))
    with self.test_session() as sess:
      self.assertEqual(sess.run(tf.constant(3)), 3)


def test_testcase_runs():
  import unittest  # pylint: disable=g-import-not-at-top
  result = unittest.TextTestRunner(stream=open(os.devnull, "w")).run(
      unittest.defaultTestLoader.loadTestsFromTestCase(_Case))
  assert result.wasSuccessful(), result.failures + result.errors
  assert result.testsRun == 1  # test_session is a helper, not a test


def test_cli_version_and_doctor():
  out = subprocess.run([sys.executable, "-m", "tfclassic.cli", "version"], capture_output=True,
                       text=True, env=_ENV, timeout=120)
  assert out.returncode == 0, out.stderr
  assert "tfclassic " in out.stdout and "1.15.5" in out.stdout
  assert "Python" in out.stdout and "NumPy" in out.stdout
  out = subprocess.run([sys.executable, "-m", "tfclassic.cli", "doctor"], capture_output=True,
                       text=True, env=_ENV, timeout=120)
  assert out.returncode == 0, out.stdout + out.stderr
  assert "import tensorflow and a test Session.run: OK" in out.stdout
  from tfclassic import _build_info
  if _build_info.is_cuda_build:
    assert "built with the CUDA backend (nvcc " in out.stdout
    assert "machine code for sm_" in out.stdout
  else:
    assert "CPU-only build" in out.stdout
  assert "No problems found." in out.stdout
