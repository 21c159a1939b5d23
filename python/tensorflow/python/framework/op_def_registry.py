"""The OpDefs of every registered op, by name (TF's op_def_registry module)."""

from tensorflow.python.framework import op_def_library


def get(name):
  """The OpDef of op `name`, or None if no such op is registered."""
  return op_def_library.get_op_def(name)


def get_registered_ops():
  """{op name: OpDef} for every registered op (TF 1.15's accessor)."""
  return {name: info.op_def for name, info in op_def_library._LIBRARY._ops.items()}  # pylint: disable=protected-access


def sync():
  """Ops register once, when the native library loads: nothing to refresh."""
