"""contrib.framework variable helpers (TF 1.15): global step, model/local variables and
look-ups of variables by scope, name and suffix."""

import functools

from tensorflow.contrib.framework.python.ops.arg_scope import add_arg_scope
from tensorflow.python.framework import dtypes
from tensorflow.python.framework import ops
from tensorflow.python.ops import variable_scope
from tensorflow.python.ops import variables
from tensorflow.python.training import training_util

__all__ = ["add_model_variable", "assert_global_step", "assert_or_get_global_step",
           "create_global_step", "get_global_step", "get_or_create_global_step",
           "get_local_variables", "get_model_variables", "get_trainable_variables",
           "get_unique_variable", "get_variables_by_name", "get_variables_by_suffix",
           "get_variable_full_name", "get_variables_to_restore", "get_variables",
           "global_variable", "local_variable", "model_variable", "variable",
           "filter_variables"]


def assert_global_step(global_step_tensor):
  training_util.assert_global_step(global_step_tensor)


def assert_or_get_global_step(graph=None, global_step_tensor=None):
  """`global_step_tensor` checked, or the graph's global step when it is None."""
  if global_step_tensor is None:
    return get_global_step(graph)
  assert_global_step(global_step_tensor)
  return global_step_tensor


def get_global_step(graph=None):
  return training_util.get_global_step(graph)


def create_global_step(graph=None):
  return training_util.create_global_step(graph)


def get_or_create_global_step(graph=None):
  return training_util.get_or_create_global_step(graph)


def local_variable(initial_value, validate_shape=True, name=None, use_resource=None):
  """A non-trainable variable in LOCAL_VARIABLES only."""
  return variables.VariableV1(initial_value, trainable=False,
                              collections=[ops.GraphKeys.LOCAL_VARIABLES],
                              validate_shape=validate_shape, use_resource=use_resource,
                              name=name)


def global_variable(initial_value, validate_shape=True, name=None, use_resource=None):
  """A non-trainable variable in GLOBAL_VARIABLES only."""
  return variables.VariableV1(initial_value, trainable=False,
                              collections=[ops.GraphKeys.GLOBAL_VARIABLES],
                              validate_shape=validate_shape, use_resource=use_resource,
                              name=name)


@add_arg_scope
def variable(name, shape=None, dtype=None, initializer=None, regularizer=None, trainable=True,
             collections=None, caching_device=None, device=None, partitioner=None,
             custom_getter=None, use_resource=None,
             synchronization=variables.VariableSynchronization.AUTO,
             aggregation=variables.VariableAggregation.NONE):
  """tf.get_variable on `device`, in `collections` (default GLOBAL_VARIABLES)."""
  collections = list(collections if collections is not None else
                     [ops.GraphKeys.GLOBAL_VARIABLES])
  collections = list(set(collections))  # TF drops duplicates this way too.
  getter = variable_scope.get_variable
  if custom_getter is not None:
    getter = functools.partial(custom_getter,
                               reuse=variable_scope.get_variable_scope().reuse)
  with ops.device(device or ""):
    return getter(name, shape=shape, dtype=dtype, initializer=initializer,
                  regularizer=regularizer, trainable=trainable, collections=collections,
                  caching_device=caching_device, partitioner=partitioner,
                  use_resource=use_resource, synchronization=synchronization,
                  aggregation=aggregation)


@add_arg_scope
def model_variable(name, shape=None, dtype=dtypes.float32, initializer=None, regularizer=None,
                   trainable=True, collections=None, caching_device=None, device=None,
                   partitioner=None, custom_getter=None, use_resource=None,
                   synchronization=variables.VariableSynchronization.AUTO,
                   aggregation=variables.VariableAggregation.NONE):
  """`variable`, also in GLOBAL_VARIABLES and MODEL_VARIABLES."""
  collections = list(collections or [])
  collections += [ops.GraphKeys.GLOBAL_VARIABLES, ops.GraphKeys.MODEL_VARIABLES]
  return variable(name, shape=shape, dtype=dtype, initializer=initializer,
                  regularizer=regularizer, trainable=trainable, collections=collections,
                  caching_device=caching_device, device=device, partitioner=partitioner,
                  custom_getter=custom_getter, use_resource=use_resource,
                  synchronization=synchronization, aggregation=aggregation)


def add_model_variable(var):
  if var not in ops.get_collection(ops.GraphKeys.MODEL_VARIABLES):
    ops.add_to_collection(ops.GraphKeys.MODEL_VARIABLES, var)


def get_variables(scope=None, suffix=None, collection=ops.GraphKeys.GLOBAL_VARIABLES):
  """Variables of `collection` whose names match `scope` (a regex prefix) and `suffix`."""
  if isinstance(scope, variable_scope.VariableScope):
    scope = scope.name
  if suffix is not None:
    if ":" not in suffix:
      suffix += ":"
    scope = (scope or "") + ".*" + suffix
  return ops.get_collection(collection, scope)


def get_model_variables(scope=None, suffix=None):
  return get_variables(scope, suffix, ops.GraphKeys.MODEL_VARIABLES)


def get_local_variables(scope=None, suffix=None):
  return get_variables(scope, suffix, ops.GraphKeys.LOCAL_VARIABLES)


def get_trainable_variables(scope=None, suffix=None):
  return get_variables(scope, suffix, ops.GraphKeys.TRAINABLE_VARIABLES)


def get_variables_to_restore(include=None, exclude=None):
  """Global variables under any `include` scope (all by default), minus `exclude`'s."""
  if include is None:
    vars_to_include = get_variables()
  else:
    if not isinstance(include, (list, tuple)):
      raise TypeError("include is provided but is not a list or a tuple.")
    vars_to_include = []
    for scope in include:
      vars_to_include += get_variables(scope)
  vars_to_exclude = set()
  if exclude is not None:
    if not isinstance(exclude, (list, tuple)):
      raise TypeError("exclude is provided but is not a list or a tuple.")
    for scope in exclude:
      vars_to_exclude |= set(get_variables(scope))
  return [v for v in vars_to_include if v not in vars_to_exclude]


def get_variables_by_suffix(suffix, scope=None):
  return get_variables(scope=scope, suffix=suffix)


def get_variables_by_name(given_name, scope=None):
  """Variables whose last name component is `given_name`."""
  suffix = "/" + given_name + ":|^" + given_name + ":"
  return get_variables(scope=scope, suffix=suffix)


def get_unique_variable(var_op_name):
  """The one variable whose op is named `var_op_name`."""
  candidates = get_variables(scope=var_op_name)
  if not candidates:
    raise ValueError("Couldn't find variable %s" % var_op_name)
  for candidate in candidates:
    if candidate.op.name == var_op_name:
      return candidate
  raise ValueError("Variable %s does not uniquely identify a variable" % var_op_name)


def get_variable_full_name(var):
  """The checkpoint name: the full variable's for a slice of a partitioned one."""
  save_slice_info = getattr(var, "_save_slice_info", None)
  if save_slice_info:
    return save_slice_info.full_name
  return var.op.name


def filter_variables(var_list, include_patterns=None, exclude_patterns=None,
                     reg_search=True):
  """Variables whose names match any include pattern (all if None) and no exclude one."""
  import re  # pylint: disable=g-import-not-at-top
  reg_exp_func = re.search if reg_search else re.match
  if include_patterns is None:
    included = list(var_list)
  else:
    included = [v for v in var_list
                if any(reg_exp_func(p, v.name) for p in include_patterns)]
  if exclude_patterns is None:
    return included
  return [v for v in included if not any(reg_exp_func(p, v.name) for p in exclude_patterns)]
