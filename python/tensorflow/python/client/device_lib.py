"""device_lib.list_local_devices: the devices this process can run on, as DeviceAttributes."""

import random
import threading

from tensorflow.core.framework import device_attributes_pb2
from tfclassic import _native

# TF's default memory_limit for a CPU device (256 MiB).
_CPU_MEMORY_LIMIT = 268435456

_lock = threading.Lock()
_devices = None  # [(short name "/device:CPU:0", type, incarnation)] once queried


def _local_device_names():
  """The runtime's devices, asked once from a session over an empty graph."""
  global _devices
  with _lock:
    if _devices is None:
      sess = _native.Session(_native.Graph())
      try:
        names = sess.device_names()
      finally:
        sess.close()
      rng = random.SystemRandom()
      out = []
      for name in names:
        short = "/device:" + name.split("device:")[-1].lstrip("/")
        device_type = short.split(":")[1]
        out.append((short, device_type, rng.getrandbits(63) | 1))
      _devices = out
    return list(_devices)


def list_local_devices(session_config=None):
  """Returns a list of DeviceAttributes protos for the local devices."""
  del session_config  # TF uses it for GPU visibility; a CPU-only build has nothing to filter.
  result = []
  for name, device_type, incarnation in _local_device_names():
    attrs = device_attributes_pb2.DeviceAttributes(
        name=name, device_type=device_type, incarnation=incarnation)
    if device_type == "CPU":
      attrs.memory_limit = _CPU_MEMORY_LIMIT
    attrs.locality.SetInParent()
    result.append(attrs)
  return result
