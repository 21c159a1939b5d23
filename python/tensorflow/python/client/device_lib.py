"""device_lib.list_local_devices: the devices this process can run on, as DeviceAttributes."""

import random
import threading

from tensorflow.core.framework import device_attributes_pb2
from tfclassic import _native

# TF's default memory_limit for a CPU device (256 MiB).
_CPU_MEMORY_LIMIT = 268435456

_lock = threading.Lock()
_incarnations = {}


def _incarnation(name):
  with _lock:
    if name not in _incarnations:
      _incarnations[name] = random.SystemRandom().getrandbits(63) | 1
    return _incarnations[name]


def gpu_devices(session_config=None):
  """The process's usable GPUs as dicts (see tfclassic._native.gpu_devices), and why none."""
  opts = session_config.gpu_options if session_config is not None else None
  return _native.gpu_devices(
      gpu_memory_fraction=opts.per_process_gpu_memory_fraction if opts else 0.0,
      allow_growth=opts.allow_growth if opts else False,
      visible_device_list=opts.visible_device_list if opts else "")


def list_local_devices(session_config=None):
  """Returns a list of DeviceAttributes protos for the local devices: CPU:0, then the GPUs."""
  result = []
  cpu = device_attributes_pb2.DeviceAttributes(
      name="/device:CPU:0", device_type="CPU", memory_limit=_CPU_MEMORY_LIMIT,
      incarnation=_incarnation("/device:CPU:0"))
  cpu.locality.SetInParent()
  result.append(cpu)
  gpus, _ = gpu_devices(session_config)
  for g in gpus:
    name = "/device:GPU:%d" % g["tf_index"]
    attrs = device_attributes_pb2.DeviceAttributes(
        name=name, device_type="GPU", memory_limit=g["memory_limit"],
        incarnation=_incarnation(name), physical_device_desc=g["description"])
    attrs.locality.bus_id = 1
    result.append(attrs)
  return result
