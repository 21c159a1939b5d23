"""tf.train.init_from_checkpoint: variables whose initializers read their values from a
checkpoint (RestoreV2 on the CPU, then the variable's usual restore op), as TF 1.15 does."""
from tensorflow.python.framework import ops
from tensorflow.python.ops import gen_io_ops
from tensorflow.python.ops import resource_variable_ops
from tensorflow.python.ops import variable_scope as vs
from tensorflow.python.ops import variables
from tensorflow.python.platform import tf_logging as logging
from tensorflow.python.training import checkpoint_utils
from tensorflow.python.training.saving import saveable_object_util
from tensorflow.python.util.tf_export import tf_export


def _is_variable(x):
  return isinstance(x, variables.Variable) or resource_variable_ops.is_resource_variable(x)


def _collect_partitioned_variable(name, all_vars):
  if name + "/part_0" not in all_vars:
    return None
  parts = []
  i = 0
  while name + "/part_%d" % i in all_vars:
    parts.append(all_vars[name + "/part_%d" % i])
    i += 1
  return parts


def _set_checkpoint_initializer(variable, ckpt_file, tensor_name, slice_spec,
                                name="checkpoint_initializer"):
  base_type = variable.dtype.base_dtype
  # The restore runs on the CPU; the variable itself may live elsewhere.
  with ops.device(variable.device), ops.device("/cpu:0"):
    restore_op = gen_io_ops.restore_v2(ckpt_file, [tensor_name], [slice_spec], [base_type],
                                       name=name)[0]
    names_to_saveables = saveable_object_util.op_list_to_dict([variable])
    saveables = [s for n, op in names_to_saveables.items()
                 for s in saveable_object_util.saveable_objects_for_op(op, n)]
    assert len(saveables) == 1
  init_op = saveables[0].restore([restore_op], restored_shapes=None)
  variable._initializer_op = init_op  # pylint: disable=protected-access
  restore_op.set_shape(variable.shape)
  variable._initial_value = restore_op  # pylint: disable=protected-access


def _set_variable_or_list_initializer(variable_or_list, ckpt_file, tensor_name):
  if isinstance(variable_or_list, (list, tuple)):
    slice_name = None
    for v in variable_or_list:
      info = v._save_slice_info  # pylint: disable=protected-access
      if slice_name is None:
        slice_name = info.full_name
      elif slice_name != info.full_name:
        raise ValueError("Slices must all be from the same tensor: %s != %s"
                         % (slice_name, info.full_name))
      _set_checkpoint_initializer(v, ckpt_file, tensor_name, info.spec)
  else:
    _set_checkpoint_initializer(variable_or_list, ckpt_file, tensor_name, "")


@tf_export(v1=["train.init_from_checkpoint"])
def init_from_checkpoint(ckpt_dir_or_file, assignment_map):
  """Makes the initializers of the variables named in `assignment_map` ({checkpoint name or
  scope: variable, list of partitions, variable name or scope}) load from the checkpoint."""
  ckpt_file = checkpoint_utils._get_checkpoint_filename(ckpt_dir_or_file)  # pylint: disable=protected-access
  reader = checkpoint_utils.load_checkpoint(ckpt_dir_or_file)
  variable_map = reader.get_variable_to_shape_map()
  store_vars = vs._get_default_variable_store()._vars  # pylint: disable=protected-access
  for tensor_name_in_ckpt, current in sorted(assignment_map.items()):
    var = None
    if _is_variable(current) or (isinstance(current, list)
                                 and all(_is_variable(v) for v in current)):
      var = current
    else:
      var = store_vars.get(current, None)
      if var is None:
        var = _collect_partitioned_variable(current, store_vars)
    if var is not None:
      if tensor_name_in_ckpt not in variable_map:
        raise ValueError("Tensor %s is not found in %s checkpoint %s"
                         % (tensor_name_in_ckpt, ckpt_dir_or_file, variable_map))
      if _is_variable(var):
        if not var.get_shape().is_compatible_with(variable_map[tensor_name_in_ckpt]):
          raise ValueError(
              "Shape of variable %s (%s) doesn't match with shape of tensor %s (%s) from "
              "checkpoint reader." % (var.name, str(var.get_shape()), tensor_name_in_ckpt,
                                      str(variable_map[tensor_name_in_ckpt])))
      _set_variable_or_list_initializer(var, ckpt_file, tensor_name_in_ckpt)
      continue
    # A scope-to-scope mapping: every variable under `current` from `tensor_name_in_ckpt`.
    scopes = current[:current.rindex("/")] if "/" in current else ""
    if not tensor_name_in_ckpt.endswith("/"):
      raise ValueError("Assignment map with scope only name {} should map to scope only {}. "
                       "Should be 'scope/': 'other_scope/'.".format(scopes, tensor_name_in_ckpt))
    scope_variables = set()
    for var_name in store_vars:
      if not scopes or var_name.startswith(scopes + "/"):
        if "/part_" in var_name:
          var_name = var_name[:var_name.index("/part_")]
        scope_variables.add(var_name)
    for var_name in sorted(scope_variables):
      full_tensor_name = var_name[len(scopes):]
      if current != "/":
        full_tensor_name = full_tensor_name[1:]
      if tensor_name_in_ckpt != "/":
        full_tensor_name = tensor_name_in_ckpt + full_tensor_name
      if full_tensor_name.endswith("/"):
        full_tensor_name = full_tensor_name[:-1]
      if full_tensor_name not in variable_map:
        raise ValueError("Tensor %s (%s in %s) is not found in %s checkpoint"
                         % (full_tensor_name, var_name[len(scopes) + 1:], tensor_name_in_ckpt,
                            ckpt_dir_or_file))
      var = store_vars.get(var_name, None)
      if var is None:
        var = _collect_partitioned_variable(var_name, store_vars)
      _set_variable_or_list_initializer(var, ckpt_file, full_tensor_name)
      logging.debug("Initialize variable %s from checkpoint %s with %s", var_name,
                    ckpt_dir_or_file, full_tensor_name)
