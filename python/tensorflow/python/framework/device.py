"""Device strings: DeviceSpec parsing, printing and merging (TF 1.x, mutable spec)."""

import copy

from tensorflow.python.util.tf_export import tf_export


@tf_export("DeviceSpec")
class DeviceSpec(object):
  """A (possibly partial) device: /job:<j>/replica:<r>/task:<t>/device:<type>:<index>."""

  def __init__(self, job=None, replica=None, task=None, device_type=None, device_index=None):
    self.job = job
    self.replica = replica
    self.task = task
    if device_type == "cpu" or device_type == "gpu":
      self.device_type = device_type.upper()
    else:
      self.device_type = device_type
    self.device_index = device_index

  @property
  def job(self):
    return self._job

  @job.setter
  def job(self, job):
    self._job = None if job is None else str(job)

  @property
  def replica(self):
    return self._replica

  @replica.setter
  def replica(self, replica):
    self._replica = None if replica is None else int(replica)

  @property
  def task(self):
    return self._task

  @task.setter
  def task(self, task):
    self._task = None if task is None else int(task)

  def _clear(self):
    self._job = None
    self._replica = None
    self._task = None
    self.device_type = None
    self.device_index = None

  def parse_from_string(self, spec):
    """Parses `spec` into this object (fields cleared first); raises ValueError on junk."""
    self._clear()
    for part in (spec or "").split("/"):
      if not part:
        continue
      fields = part.split(":")
      n = len(fields)
      key = fields[0]
      if n == 2 and key == "job":
        self.job = fields[1]
      elif n == 2 and key == "replica":
        self.replica = fields[1]
      elif n == 2 and key == "task":
        self.task = fields[1]
      elif (n == 1 or n == 2) and key.upper() in ("CPU", "GPU"):
        if self.device_type is not None:
          raise ValueError("Cannot specify multiple device types: %s" % spec)
        self.device_type = key.upper()
        if n == 2 and fields[1] != "*":
          self.device_index = int(fields[1])
      elif n == 3 and key == "device":
        if self.device_type is not None:
          raise ValueError("Cannot specify multiple device types: %s" % spec)
        self.device_type = fields[1]
        if fields[2] != "*":
          self.device_index = int(fields[2])
      elif n == 2 and key == "device":
        if self.device_type is not None:
          raise ValueError("Cannot specify multiple device types: %s" % spec)
        self.device_type = fields[1]
      else:
        raise ValueError("Unknown attribute: '%s' in '%s'" % (key, spec))
    return self

  def merge_from(self, dev):
    """Fields set in `dev` override ours."""
    if dev.job is not None:
      self.job = dev.job
    if dev.replica is not None:
      self.replica = dev.replica
    if dev.task is not None:
      self.task = dev.task
    if dev.device_type is not None:
      self.device_type = dev.device_type
    if dev.device_index is not None:
      self.device_index = dev.device_index

  def make_merged_spec(self, dev):
    spec = copy.copy(self)
    spec.merge_from(dev)
    return spec

  def to_string(self):
    out = ""
    if self.job is not None:
      out += "/job:" + self.job
    if self.replica is not None:
      out += "/replica:" + str(self.replica)
    if self.task is not None:
      out += "/task:" + str(self.task)
    if self.device_type is not None:
      index = "*" if self.device_index is None else str(self.device_index)
      out += "/device:%s:%s" % (self.device_type, index)
    return out

  @staticmethod
  def from_string(spec):
    return DeviceSpec().parse_from_string(spec)

  def __eq__(self, other):
    return isinstance(other, DeviceSpec) and self.to_string() == other.to_string()

  def __hash__(self):
    return hash(self.to_string())

  def __repr__(self):
    return "<DeviceSpec %s>" % self.to_string()


def check_valid(spec):
  DeviceSpec.from_string(spec)


def canonical_name(device):
  if device is None:
    return ""
  if isinstance(device, DeviceSpec):
    return device.to_string()
  return DeviceSpec.from_string(device).to_string()


class MergeDevice(object):
  """A device function that fills the op's unset device fields from a fixed spec."""

  def __init__(self, spec):
    if isinstance(spec, DeviceSpec):
      self._spec = copy.copy(spec)
    else:
      self._spec = DeviceSpec.from_string(spec or "")
    self._string = self._spec.to_string()

  def __call__(self, node_def):
    current = DeviceSpec.from_string(node_def.device or "")
    merged = copy.copy(self._spec)
    merged.merge_from(current)
    return merged

  def shortcut_string_merge(self, node_def):
    current = node_def.device
    if not current:
      return self._string
    if current == self._string:
      return current
    return self(node_def).to_string()

  @property
  def is_null_merge(self):
    return not self._string

  def __repr__(self):
    return "{}(spec={})".format(type(self).__name__, self._string)


def merge_device(spec):
  return MergeDevice(spec)
