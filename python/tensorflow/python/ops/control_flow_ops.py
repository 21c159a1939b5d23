"""Graph plumbing from control_flow_ops: tf.group, tf.no_op, tf.tuple, with_dependencies.

tf.cond, tf.while_loop and tf.case are built in cond_v1, while_v1 and control_flow_case.
"""

from tensorflow.python.framework import op_def_library
from tensorflow.python.framework import ops
from tensorflow.python.util import nest
from tensorflow.python.util.tf_export import tf_export


@tf_export("no_op")
def no_op(name=None):
  return op_def_library.apply_op("NoOp", name=name)


def _identity(data, name=None):
  if data.dtype._is_ref_dtype:
    return op_def_library.apply_op("RefIdentity", input=data, name=name)
  return op_def_library.apply_op("Identity", input=data, name=name)


def with_dependencies(dependencies, output_tensor, name=None):
  """`output_tensor` passed through an Identity that runs after `dependencies`."""
  with ops.name_scope(name, "control_dependency",
                      list(dependencies) + [output_tensor]) as name:
    with ops.colocate_with(output_tensor):
      with ops.control_dependencies(dependencies):
        output_tensor = ops.convert_to_tensor_or_indexed_slices(output_tensor)
        if isinstance(output_tensor, ops.Tensor):
          return _identity(output_tensor, name=name)
        return ops.IndexedSlices(_identity(output_tensor.values, name=name),
                                 output_tensor.indices, output_tensor.dense_shape)


def _group_control_deps(dev, deps, name=None):
  with ops.control_dependencies(deps):
    if dev is None:
      return no_op(name=name)
    with ops.device(dev):
      return no_op(name=name)


@tf_export("group")
def group(*inputs, **kwargs):
  """A NoOp that runs after all `inputs`; one NoOp per device first when they differ."""
  name = kwargs.pop("name", None)
  if kwargs:
    raise ValueError("Unknown keyword arguments: " + ", ".join(kwargs.keys()))
  with ops.name_scope(name, "group_deps", inputs) as name:
    if not inputs:
      return no_op(name=name)
    ops_on_device = {}
    for inp in nest.flatten(inputs):
      if not hasattr(inp, "device"):
        raise TypeError("Expected tf.group() expected Tensor arguments not '%s' with type '%s'"
                        % (inp, type(inp)))
      ops_on_device.setdefault(inp.device, []).append(inp)
    if len(ops_on_device) == 1:
      (dev, deps), = ops_on_device.items()
      return _group_control_deps(dev, deps, name=name)
    deps = []
    for dev in sorted(ops_on_device, key=lambda d: "" if d is None else d):
      deps.append(_group_control_deps(dev, ops_on_device[dev]))
    with ops.control_dependencies(deps):
      return no_op(name=name)


@tf_export("tuple")
def tuple(tensors, name=None, control_inputs=None):  # pylint: disable=redefined-builtin
  """The same tensors, each gated on all of them (and on `control_inputs`)."""
  with ops.name_scope(name, "tuple", tensors) as name:
    tensors = [t if (isinstance(t, (ops.Operation, ops._TensorLike)) or t is None)
               else ops.convert_to_tensor(t) for t in tensors]
    gating_ops = [t if isinstance(t, ops.Operation) else t.op for t in tensors if t is not None]
    if control_inputs:
      for c in control_inputs:
        if isinstance(c, ops.Tensor):
          c = c.op
        elif not isinstance(c, ops.Operation):
          raise TypeError("Control input must be Operation or Tensor: %s" % c)
        gating_ops.append(c)
    gating_ops = sorted(set(gating_ops), key=lambda op: op._id)
    if not gating_ops:
      raise ValueError("Must have at least one Tensor: %s" % tensors)
    gate = group(*gating_ops)
    result = []
    for t in tensors:
      if isinstance(t, ops._TensorLike):
        result.append(with_dependencies([gate], t))
      elif isinstance(t, ops.Operation):
        with ops.control_dependencies([gate]):
          result.append(group(t))
      else:
        result.append(None)
    return result


def cond(*args, **kwargs):
  """tf.cond (built in cond_v1; kept here for code that reaches it as control_flow_ops.cond)."""
  from tensorflow.python.ops import cond_v1  # pylint: disable=g-import-not-at-top
  return cond_v1.cond(*args, **kwargs)


def while_loop(*args, **kwargs):
  """tf.while_loop (built in while_v1; kept here for code that reaches it here)."""
  from tensorflow.python.ops import while_v1  # pylint: disable=g-import-not-at-top
  return while_v1.while_loop(*args, **kwargs)


def case(*args, **kwargs):
  """tf.case (built in control_flow_case; kept here for code that reaches it here)."""
  from tensorflow.python.ops import control_flow_case  # pylint: disable=g-import-not-at-top
  return control_flow_case.case(*args, **kwargs)
