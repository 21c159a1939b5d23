"""tf.contrib.framework.assign_from_checkpoint(_fn) and assign_from_values(_fn): initializing
variables from a checkpoint or from values, by feeding placeholders or through a Saver."""
import numpy as np

from tensorflow.core.protobuf import saver_pb2
from tensorflow.python.ops import array_ops
from tensorflow.python.ops import control_flow_ops
from tensorflow.python.platform import tf_logging as logging
from tensorflow.python.training import py_checkpoint_reader
from tensorflow.python.training import saver as tf_saver
from tensorflow.contrib.framework.python.ops.variables import get_variable_full_name

__all__ = ["assign_from_checkpoint", "assign_from_checkpoint_fn", "assign_from_values",
           "assign_from_values_fn"]


def _slice_of(value, var):
  info = var._save_slice_info  # pylint: disable=protected-access
  index = tuple(slice(start, start + size) for start, size in zip(info.var_offset,
                                                                   info.var_shape))
  return value[index].reshape(info.var_shape)


def assign_from_checkpoint(model_path, var_list, ignore_missing_vars=False):
  """(assign op, feed dict) that loads `var_list` (a list, or {checkpoint name: variable or
  list of partitions}) from the checkpoint at `model_path`."""
  grouped_vars = {}
  if isinstance(var_list, (tuple, list)):
    for var in var_list:
      grouped_vars.setdefault(get_variable_full_name(var), []).append(var)
  else:
    for ckpt_name, value in var_list.items():
      grouped_vars[ckpt_name] = list(value) if isinstance(value, (tuple, list)) else [value]
  reader = py_checkpoint_reader.NewCheckpointReader(model_path)
  feed_dict = {}
  assign_ops = []
  for ckpt_name in grouped_vars:
    if not reader.has_tensor(ckpt_name):
      log_str = "Checkpoint is missing variable [%s]" % ckpt_name
      if ignore_missing_vars:
        logging.warning(log_str)
        continue
      raise ValueError(log_str)
    ckpt_value = np.asarray(reader.get_tensor(ckpt_name))
    for var in grouped_vars[ckpt_name]:
      placeholder = array_ops.placeholder(dtype=var.dtype.base_dtype, shape=var.get_shape(),
                                          name="placeholder/" + var.op.name)
      assign_ops.append(var.assign(placeholder))
      if not var._save_slice_info:  # pylint: disable=protected-access
        if var.get_shape() != ckpt_value.shape:
          raise ValueError("Total size of new array must be unchanged for %s lh_shape: [%s], "
                           "rh_shape: [%s]" % (ckpt_name, str(ckpt_value.shape),
                                               str(var.get_shape())))
        feed_dict[placeholder] = ckpt_value
      else:
        feed_dict[placeholder] = _slice_of(ckpt_value, var)
  return control_flow_ops.group(*assign_ops), feed_dict


def assign_from_checkpoint_fn(model_path, var_list, ignore_missing_vars=False,
                              reshape_variables=False):
  """A function fn(session) that restores `var_list` from `model_path` through a Saver."""
  if not var_list:
    raise ValueError("var_list cannot be empty")
  if ignore_missing_vars:
    reader = py_checkpoint_reader.NewCheckpointReader(model_path)
    var_dict = var_list if isinstance(var_list, dict) else {v.op.name: v for v in var_list}
    available = {}
    for name, var in var_dict.items():
      if reader.has_tensor(name):
        available[name] = var
      else:
        logging.warning("Variable %s missing in checkpoint %s", name, model_path)
    var_list = available
  if not var_list:
    logging.warning("No Variables to restore")
    return None
  saver = tf_saver.Saver(var_list, reshape=reshape_variables,
                         write_version=saver_pb2.SaverDef.V1)

  def callback(session):
    saver.restore(session, model_path)
  return callback


def assign_from_values(var_names_to_values):
  """(assign op, feed dict) that sets each named model variable to the given value."""
  from tensorflow.contrib.framework.python.ops import variables as contrib_variables  # pylint: disable=g-import-not-at-top
  feed_dict = {}
  assign_ops = []
  for var_name in var_names_to_values:
    var_value = var_names_to_values[var_name]
    var = contrib_variables.get_variables(var_name)
    if not var:
      raise ValueError("Variable %s wasn't found" % var_name)
    if len(var) > 1:
      found = [v for v in var if v.op.name == var_name]
      if len(found) != 1:
        raise ValueError("Ambiguous specification %s" % var_name)
      var = found
    var = var[0]
    placeholder = array_ops.placeholder(dtype=var.dtype.base_dtype, shape=var.get_shape(),
                                        name="placeholder/" + var.op.name)
    assign_ops.append(var.assign(placeholder))
    feed_dict[placeholder] = np.asarray(var_value).reshape(var.get_shape().as_list())
  return control_flow_ops.group(*assign_ops), feed_dict


def assign_from_values_fn(var_names_to_values):
  assign_op, feed_dict = assign_from_values(var_names_to_values)

  def callback(session):
    return session.run(assign_op, feed_dict)
  return callback
