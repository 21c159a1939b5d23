"""Slot variables (an optimizer's per-variable state, e.g. `w/Adam`), as TF 1.15 makes them.

A slot for variable `w` is created inside variable_scope(None, default_name="w/<op_name>"), so
a second slot with the same op name becomes `w/<op_name>_1`; it is a non-trainable variable of
the same kind (ref or resource) as its primary, colocated with it.
"""

from tensorflow.python.framework import ops
from tensorflow.python.ops import array_ops
from tensorflow.python.ops import init_ops
from tensorflow.python.ops import resource_variable_ops
from tensorflow.python.ops import variable_scope
from tensorflow.python.ops import variables


def _create_slot_var(primary, val, scope, validate_shape, shape, dtype):
  """Makes the slot variable `scope` (usually "") in the current variable scope."""
  current_partitioner = variable_scope.get_variable_scope().partitioner
  variable_scope.get_variable_scope().set_partitioner(None)
  shape = shape if callable(val) else None
  if resource_variable_ops.is_resource_variable(primary):
    use_resource = True
  elif isinstance(primary, variables.Variable):
    use_resource = False
  else:
    use_resource = None
  try:
    slot = variable_scope.get_variable(
        scope, initializer=val, trainable=False, use_resource=use_resource, shape=shape,
        dtype=dtype, validate_shape=validate_shape)
  finally:
    variable_scope.get_variable_scope().set_partitioner(current_partitioner)
  return slot


def _prefix(primary):
  return primary.op.name


def create_slot(primary, val, name, colocate_with_primary=True):
  """A slot for `primary` initialized to the tensor `val`."""
  validate_shape = val.get_shape().is_fully_defined()
  with variable_scope.variable_scope(None, _prefix(primary) + "/" + name):
    if colocate_with_primary:
      with ops.colocate_with(primary):
        return _create_slot_var(primary, val, "", validate_shape, None, None)
    return _create_slot_var(primary, val, "", validate_shape, None, None)


def create_slot_with_initializer(primary, initializer, shape, dtype, name,
                                 colocate_with_primary=True):
  """A slot for `primary` of `shape` and `dtype` made by `initializer`."""
  validate_shape = shape.is_fully_defined()
  with variable_scope.variable_scope(None, _prefix(primary) + "/" + name):
    if colocate_with_primary:
      with ops.colocate_with(primary):
        return _create_slot_var(primary, initializer, "", validate_shape, shape, dtype)
    return _create_slot_var(primary, initializer, "", validate_shape, shape, dtype)


def create_zeros_slot(primary, name, dtype=None, colocate_with_primary=True):
  """A slot of zeros shaped (and by default typed) like `primary`."""
  if dtype is None:
    dtype = primary.dtype
  slot_shape = primary.get_shape()
  if slot_shape.is_fully_defined():
    initializer = init_ops.zeros_initializer()
    return create_slot_with_initializer(primary, initializer, slot_shape, dtype, name,
                                        colocate_with_primary=colocate_with_primary)
  if isinstance(primary, variables.Variable):
    slot_shape = array_ops.shape(primary.initialized_value())
  else:
    slot_shape = array_ops.shape(primary)
  val = array_ops.zeros(slot_shape, dtype=dtype)
  return create_slot(primary, val, name, colocate_with_primary=colocate_with_primary)
