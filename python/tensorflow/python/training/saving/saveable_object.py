"""What a Saver writes for one object: SaveSpec (one tensor under one checkpoint key) and
SaveableObject (the specs of an object plus how to restore it)."""


class SaveSpec(object):
  """One tensor to save: `tensor` (or a callable making it on demand), its checkpoint key
  `name`, and `slice_spec` ("" for a whole tensor, "full shape + slice" for a partition)."""

  def __init__(self, tensor, slice_spec, name, dtype=None, device=None):
    self._tensor = tensor
    self.slice_spec = slice_spec
    self.name = name
    if callable(self._tensor):
      if dtype is None or device is None:
        raise AssertionError("When passing a callable `tensor` to a SaveSpec, an explicit "
                             "dtype and device must be provided.")
      self.dtype = dtype
      self.device = device
    else:
      self.dtype = tensor.dtype
      self.device = tensor.device if device is None else device

  @property
  def tensor(self):
    return self._tensor() if callable(self._tensor) else self._tensor


class SaveableObject(object):
  """An object the Saver can save (its `specs`) and restore (`restore`)."""

  def __init__(self, op, specs, name):
    self.op = op
    self.specs = specs
    self.name = name

  @property
  def optional_restore(self):
    return False

  @property
  def device(self):
    return self.specs[0].device

  def restore(self, restored_tensors, restored_shapes):
    raise NotImplementedError("%s does not implement restore()" % type(self).__name__)
