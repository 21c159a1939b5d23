"""tf.config: device queries (TF 1.15's tf.config.experimental.list_physical_devices ...)."""

import collections

from tensorflow.python.client import device_lib
from tensorflow.python.util.tf_export import tf_export


class PhysicalDevice(collections.namedtuple("PhysicalDevice", ["name", "device_type"])):
  """A physical device: name '/physical_device:CPU:0', device_type 'CPU'."""
  __slots__ = ()


class LogicalDevice(collections.namedtuple("LogicalDevice", ["name", "device_type"])):
  """A device the runtime places ops on: name '/job:localhost/replica:0/task:0/device:CPU:0'."""
  __slots__ = ()


def _physical_devices():
  return [PhysicalDevice("/physical_device:" + d.name.split("device:")[-1], d.device_type)
          for d in device_lib.list_local_devices()]


_visible = None  # None: all physical devices are visible


@tf_export("config.experimental.list_physical_devices")
def list_physical_devices(device_type=None):
  """Physical devices of `device_type` ('CPU', 'GPU', 'XLA_GPU' ...), all when None."""
  return [d for d in _physical_devices()
          if device_type is None or d.device_type == device_type]


@tf_export("config.experimental.list_logical_devices")
def list_logical_devices(device_type=None):
  return [LogicalDevice("/job:localhost/replica:0/task:0/device:" + d.name.split(":", 1)[1],
                        d.device_type)
          for d in get_visible_devices(device_type)]


@tf_export("config.experimental.get_visible_devices")
def get_visible_devices(device_type=None):
  devices = _physical_devices() if _visible is None else list(_visible)
  return [d for d in devices if device_type is None or d.device_type == device_type]


@tf_export("config.experimental.set_visible_devices")
def set_visible_devices(devices, device_type=None):
  """Restricts the visible devices of `device_type`; CPUs always stay visible (as in TF)."""
  global _visible
  if isinstance(devices, PhysicalDevice):
    devices = [devices]
  known = _physical_devices()
  for d in devices:
    if d not in known:
      raise ValueError("Unrecognized device: %s" % repr(d))
  kept = [d for d in (_visible if _visible is not None else known)
          if device_type is not None and d.device_type != device_type]
  chosen = [d for d in devices if device_type is None or d.device_type == device_type]
  new = kept + [d for d in chosen if d not in kept]
  if not any(d.device_type == "CPU" for d in new):
    raise ValueError("CPU must always be visible")
  _visible = new


_memory_growth = {}


@tf_export("config.experimental.get_memory_growth")
def get_memory_growth(device):
  if device not in _physical_devices():
    raise ValueError("Unrecognized device: %s" % repr(device))
  if device.device_type != "GPU":
    raise ValueError("Cannot get memory growth on non-GPU devices")
  return _memory_growth.get(device, False)


@tf_export("config.experimental.set_memory_growth")
def set_memory_growth(device, enable):
  """Recorded for get_memory_growth. GPU memory is always taken as needed (and cached), which is
  what memory growth asks for."""
  if device not in _physical_devices():
    raise ValueError("Unrecognized device: %s" % repr(device))
  if device.device_type != "GPU":
    raise ValueError("Cannot set memory growth on non-GPU devices")
  _memory_growth[device] = bool(enable)
