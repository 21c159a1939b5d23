"""TF 1.x state ops: variable creation ops, assign/assign_add/assign_sub, scatter updates.

Each public function works on ref tensors (a RefVariable or its `_ref()`) through the ref ops
(`Assign`, `ScatterAdd` ...), and on resource variables through the variable's own methods, as
TF 1.15 dispatches them.
"""

from tensorflow.python.framework import ops
from tensorflow.python.framework import tensor_shape
from tensorflow.python.ops import gen_resource_variable_ops
from tensorflow.python.ops import gen_state_ops
from tensorflow.python.util.tf_export import tf_export


def variable_op(shape, dtype, name="Variable", set_shape=True, container="", shared_name=""):
  """The deprecated `Variable` op; `set_shape=False` leaves the shape unknown."""
  if not set_shape:
    shape = tensor_shape.unknown_shape()
  ret = gen_state_ops.variable(shape=shape, dtype=dtype, name=name, container=container,
                               shared_name=shared_name)
  if set_shape:
    ret.set_shape(shape)
  return ret


def variable_op_v2(shape, dtype, name="Variable", container="", shared_name=""):
  """A `VariableV2` op: the ref-typed storage of a RefVariable."""
  return gen_state_ops.variable_v2(shape=shape, dtype=dtype, name=name, container=container,
                                   shared_name=shared_name)


def init_variable(v, init, name="init"):
  """An Assign of `init` (a value, or a callable taking (shape, dtype)) to ref tensor `v`."""
  with ops.name_scope(None, v.op.name + "/", [v, init]):
    with ops.name_scope(name) as scope:
      with ops.colocate_with(v):
        if callable(init):
          if not v.get_shape().is_fully_defined():
            raise ValueError("Variable shape unknown.")
          value = init(v.get_shape().as_list(), v.dtype.base_dtype)
          value = ops.convert_to_tensor(value, name="value")
          return gen_state_ops.assign(v, value, name=scope)
        init = ops.convert_to_tensor(init, name="init")
        return gen_state_ops.assign(v, init, name=scope)


def _is_ref(x):
  dtype = getattr(x, "dtype", None)
  return dtype is not None and getattr(dtype, "_is_ref_dtype", False)


def is_variable_initialized(ref, name=None):
  if _is_ref(ref):
    return gen_state_ops.is_variable_initialized(ref=ref, name=name)
  return ref.is_initialized(name=name)


@tf_export("assign")
def assign(ref, value, validate_shape=None, use_locking=None, name=None):
  if _is_ref(ref):
    return gen_state_ops.assign(ref, value, use_locking=use_locking, name=name,
                                validate_shape=validate_shape)
  return ref.assign(value, name=name)


@tf_export("assign_add")
def assign_add(ref, value, use_locking=None, name=None):
  if _is_ref(ref):
    return gen_state_ops.assign_add(ref, value, use_locking=use_locking, name=name)
  return ref.assign_add(value, name=name)


@tf_export("assign_sub")
def assign_sub(ref, value, use_locking=None, name=None):
  if _is_ref(ref):
    return gen_state_ops.assign_sub(ref, value, use_locking=use_locking, name=name)
  return ref.assign_sub(value, name=name)


@tf_export("count_up_to")
def count_up_to(ref, limit, name=None):
  if _is_ref(ref):
    return gen_state_ops.count_up_to(ref=ref, limit=limit, name=name)
  return gen_state_ops.resource_count_up_to(ref.handle, limit, T=ref.dtype, name=name)


def _resource_scatter(ref, gen_fn, indices, updates, name):
  return ref._lazy_read(gen_fn(  # pylint: disable=protected-access
      ref.handle, indices, ops.convert_to_tensor(updates, ref.dtype), name=name))


@tf_export("scatter_update")
def scatter_update(ref, indices, updates, use_locking=True, name=None):
  if _is_ref(ref):
    return gen_state_ops.scatter_update(ref, indices, updates, use_locking=use_locking,
                                        name=name)
  return _resource_scatter(ref, gen_resource_variable_ops.resource_scatter_update, indices,
                           updates, name)


@tf_export("scatter_add")
def scatter_add(ref, indices, updates, use_locking=False, name=None):
  if _is_ref(ref):
    return gen_state_ops.scatter_add(ref, indices, updates, use_locking=use_locking, name=name)
  return _resource_scatter(ref, gen_resource_variable_ops.resource_scatter_add, indices,
                           updates, name)


@tf_export("scatter_sub")
def scatter_sub(ref, indices, updates, use_locking=False, name=None):
  if _is_ref(ref):
    return gen_state_ops.scatter_sub(ref, indices, updates, use_locking=use_locking, name=name)
  return _resource_scatter(ref, gen_resource_variable_ops.resource_scatter_sub, indices,
                           updates, name)


@tf_export("scatter_mul")
def scatter_mul(ref, indices, updates, use_locking=False, name=None):
  if _is_ref(ref):
    return gen_state_ops.scatter_mul(ref, indices, updates, use_locking=use_locking, name=name)
  return _resource_scatter(ref, gen_resource_variable_ops.resource_scatter_mul, indices,
                           updates, name)


@tf_export("scatter_div")
def scatter_div(ref, indices, updates, use_locking=False, name=None):
  if _is_ref(ref):
    return gen_state_ops.scatter_div(ref, indices, updates, use_locking=use_locking, name=name)
  return _resource_scatter(ref, gen_resource_variable_ops.resource_scatter_div, indices,
                           updates, name)


@tf_export("scatter_max")
def scatter_max(ref, indices, updates, use_locking=False, name=None):
  if _is_ref(ref):
    return gen_state_ops.scatter_max(ref, indices, updates, use_locking=use_locking, name=name)
  return _resource_scatter(ref, gen_resource_variable_ops.resource_scatter_max, indices,
                           updates, name)


@tf_export("scatter_min")
def scatter_min(ref, indices, updates, use_locking=False, name=None):
  if _is_ref(ref):
    return gen_state_ops.scatter_min(ref, indices, updates, use_locking=use_locking, name=name)
  return _resource_scatter(ref, gen_resource_variable_ops.resource_scatter_min, indices,
                           updates, name)


@tf_export("scatter_nd_update")
def scatter_nd_update(ref, indices, updates, use_locking=True, name=None):
  if _is_ref(ref):
    return gen_state_ops.scatter_nd_update(ref, indices, updates, use_locking=use_locking,
                                           name=name)
  return ref._lazy_read(gen_state_ops.resource_scatter_nd_update(  # pylint: disable=protected-access
      ref.handle, indices, ops.convert_to_tensor(updates, ref.dtype), name=name))


@tf_export("scatter_nd_add")
def scatter_nd_add(ref, indices, updates, use_locking=False, name=None):
  if _is_ref(ref):
    return gen_state_ops.scatter_nd_add(ref, indices, updates, use_locking=use_locking, name=name)
  return ref._lazy_read(gen_state_ops.resource_scatter_nd_add(  # pylint: disable=protected-access
      ref.handle, indices, ops.convert_to_tensor(updates, ref.dtype), name=name))


@tf_export("scatter_nd_sub")
def scatter_nd_sub(ref, indices, updates, use_locking=False, name=None):
  if _is_ref(ref):
    return gen_state_ops.scatter_nd_sub(ref, indices, updates, use_locking=use_locking, name=name)
  return ref._lazy_read(gen_state_ops.resource_scatter_nd_sub(  # pylint: disable=protected-access
      ref.handle, indices, ops.convert_to_tensor(updates, ref.dtype), name=name))
