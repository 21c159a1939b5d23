"""Turning what a Saver is given (variables, partitions, tensors, saveables; a list or a dict)
into SaveableObjects sorted by checkpoint key, as TF 1.15 does."""
from tensorflow.python.framework import ops
from tensorflow.python.ops import array_ops
from tensorflow.python.ops import resource_variable_ops
from tensorflow.python.ops import state_ops
from tensorflow.python.ops import variables
from tensorflow.python.training.saving import saveable_object

_VARIABLE_OPS = frozenset(["Variable", "VariableV2", "AutoReloadVariable", "VarHandleOp",
                           "ReadVariableOp"])
_REF_VARIABLE_OPS = ("Variable", "VariableV2", "AutoReloadVariable")


def set_cpu0(device_string):
  """The CPU:0 device of the same job/replica/task as `device_string`."""
  from tensorflow.python.framework import device as pydev  # pylint: disable=g-import-not-at-top
  parsed = pydev.DeviceSpec.from_string(device_string)
  parsed.device_type = "CPU"
  parsed.device_index = 0
  return parsed.to_string()


def _is_partitioned(obj):
  from tensorflow.python.ops import partitioned_variables  # pylint: disable=g-import-not-at-top
  return isinstance(obj, partitioned_variables.PartitionedVariable)


def _tensor_comes_from_variable(v):
  return isinstance(v, ops.Tensor) and v.op.type in _VARIABLE_OPS


class ReferenceVariableSaveable(saveable_object.SaveableObject):
  """A ref variable (VariableV2): saved from its ref tensor, restored with Assign."""

  def __init__(self, var, slice_spec, name):
    spec = saveable_object.SaveSpec(var, slice_spec, name, dtype=var.dtype)
    super(ReferenceVariableSaveable, self).__init__(var, [spec], name)

  def restore(self, restored_tensors, restored_shapes):
    restored_tensor = restored_tensors[0]
    if restored_shapes is not None:
      restored_tensor = array_ops.reshape(restored_tensor, restored_shapes[0])
    return state_ops.assign(
        self.op, restored_tensor,
        validate_shape=restored_shapes is None and self.op.get_shape().is_fully_defined())


class ResourceVariableSaveable(saveable_object.SaveableObject):
  """A resource variable: saved from its read tensor, restored with AssignVariableOp on the
  variable's device."""

  def __init__(self, var, slice_spec, name):
    self._var_device = var.device
    self._var_shape = var.shape
    if isinstance(var, ops.Tensor):
      self.handle_op = var.op.inputs[0]
      tensor = var
    elif resource_variable_ops.is_resource_variable(var):
      def _read_variable_closure(v):
        def f():
          with ops.device(v.device):
            x = v.read_value()
            with ops.device("/device:CPU:0"):
              return array_ops.identity(x)
        return f
      self.handle_op = var.handle
      tensor = _read_variable_closure(var)
    else:
      raise ValueError("Saveable is neither a resource variable nor a read operation. Got: %s"
                       % repr(var))
    spec = saveable_object.SaveSpec(tensor, slice_spec, name, dtype=var.dtype,
                                    device=var.device)
    super(ResourceVariableSaveable, self).__init__(var, [spec], name)

  def restore(self, restored_tensors, restored_shapes):
    restored_tensor = restored_tensors[0]
    if restored_shapes is not None:
      restored_tensor = array_ops.reshape(restored_tensor, restored_shapes[0])
    with ops.device(self._var_device):
      restored_tensor = array_ops.identity(restored_tensor)
      return resource_variable_ops.shape_safe_assign_variable_handle(
          self.handle_op, self._var_shape, restored_tensor)


def op_list_to_dict(op_list, convert_variable_to_tensor=True):
  """Checkpoint key -> object for a list of variables: `var.op.name`, or the full name of a
  partitioned variable (its parts collected in a list)."""
  if not isinstance(op_list, (list, tuple, set)):
    raise TypeError("Variables to save should be passed in a dict or a list: %s" % op_list)
  # Sorted so that the read ops resource variables add come out in the same order every time.
  op_list = sorted(op_list, key=lambda x: x.name)
  names_to_saveables = {}
  for var in op_list:
    if isinstance(var, saveable_object.SaveableObject):
      names_to_saveables[var.name] = var
    elif _is_partitioned(var):
      if var.name in names_to_saveables:
        raise ValueError("At least two variables have the same name: %s" % var.name)
      names_to_saveables[var.name] = var
    elif isinstance(var, variables.Variable) and var._save_slice_info:  # pylint: disable=protected-access
      name = var._save_slice_info.full_name  # pylint: disable=protected-access
      if name in names_to_saveables:
        if not isinstance(names_to_saveables[name], list):
          raise ValueError("Mixing slices and non-slices with the same name: %s" % name)
        names_to_saveables[name].append(var)
      else:
        names_to_saveables[name] = [var]
    else:
      if convert_variable_to_tensor:
        if resource_variable_ops.is_resource_variable(var):
          var = var._graph_element  # pylint: disable=protected-access
        else:
          var = ops.internal_convert_to_tensor(var, as_ref=True)
        if not _tensor_comes_from_variable(var):
          raise TypeError("Variable to save is not a Variable: %s" % var)
      if var.op.type == "ReadVariableOp":
        name = var.op.inputs[0].op.name
      else:
        name = var.op.name
      if name in names_to_saveables:
        raise ValueError("At least two variables have the same name: %s" % name)
      names_to_saveables[name] = var
  return names_to_saveables


def saveable_objects_for_op(op, name):
  """The SaveableObjects for one entry of a names-to-saveables dict."""
  if not isinstance(name, str):
    raise TypeError("names_to_saveables must be a dict mapping string names to trackable "
                    "operations. Name is not a string: %s" % name)
  if isinstance(op, saveable_object.SaveableObject):
    yield op
  elif isinstance(op, (list, tuple)) or _is_partitioned(op):
    if _is_partitioned(op):
      op = list(op)
    slice_name = None
    for variable in op:
      if isinstance(variable, saveable_object.SaveableObject):
        yield variable
        continue
      if not isinstance(variable, variables.Variable):
        raise ValueError("Slices must all be Variables: %s" % variable)
      info = variable._save_slice_info  # pylint: disable=protected-access
      if not info:
        raise ValueError("Slices must all be slices: %s" % variable)
      if slice_name is None:
        slice_name = info.full_name
      elif slice_name != info.full_name:
        raise ValueError("Slices must all be from the same tensor: %s != %s"
                         % (slice_name, info.full_name))
      if variable.op.type in _REF_VARIABLE_OPS:
        yield ReferenceVariableSaveable(variable, info.spec, name)
      else:
        yield ResourceVariableSaveable(variable, info.spec, name)
  elif resource_variable_ops.is_resource_variable(op):
    yield ResourceVariableSaveable(op._graph_element, "", name)  # pylint: disable=protected-access
  else:
    variable = ops.internal_convert_to_tensor(op, as_ref=True)
    if not _tensor_comes_from_variable(variable):
      raise TypeError("names_to_saveables must be a dict mapping string names to "
                      "Tensors/Variables. Not a variable: %s" % variable)
    if variable.op.type in _REF_VARIABLE_OPS:
      yield ReferenceVariableSaveable(variable, "", name)
    else:
      yield ResourceVariableSaveable(variable, "", name)


def validate_and_slice_inputs(names_to_saveables):
  """SaveableObjects sorted by checkpoint key; one object may not be saved under two names."""
  if not isinstance(names_to_saveables, dict):
    names_to_saveables = op_list_to_dict(names_to_saveables)
  saveables = []
  seen_ops = set()
  for name, op in sorted(names_to_saveables.items(), key=lambda x: x[0]):
    for saveable in saveable_objects_for_op(op, name):
      if id(saveable.op) in seen_ops:
        raise ValueError("The same saveable will be restored with two names: %s"
                         % saveable.name)
      saveables.append(saveable)
      seen_ops.add(id(saveable.op))
  return saveables
