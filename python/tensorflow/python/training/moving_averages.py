"""tf.train.ExponentialMovingAverage and assign_moving_average."""

from tensorflow.python.framework import dtypes
from tensorflow.python.framework import ops
from tensorflow.python.ops import control_flow_ops
from tensorflow.python.ops import init_ops
from tensorflow.python.ops import math_ops
from tensorflow.python.ops import state_ops
from tensorflow.python.ops import variable_scope
from tensorflow.python.ops import variables
from tensorflow.python.training import slot_creator
from tensorflow.python.util.tf_export import tf_export


@tf_export(v1=["train.assign_moving_average"])
def assign_moving_average(variable, value, decay, zero_debias=True, name=None):
  """variable -= (1 - decay) * (variable - value), optionally zero-debiased."""
  with ops.name_scope(name, "AssignMovingAvg", [variable, value, decay]) as scope:
    decay = ops.convert_to_tensor(1.0 - decay, name="decay")
    if decay.dtype != variable.dtype.base_dtype:
      decay = math_ops.cast(decay, variable.dtype.base_dtype)
    if zero_debias:
      return _zero_debias(variable, value, decay)
    return state_ops.assign_sub(variable, (variable - value) * decay, name=scope)


def _zero_debias(unbiased_var, value, decay):
  """The bias-corrected EMA: a `biased` EMA and a `local_step` counter beside the variable."""
  with variable_scope.variable_scope(unbiased_var.op.name, values=[unbiased_var, value, decay]):
    with ops.init_scope():
      biased_var = variable_scope.get_variable(
          "biased", initializer=init_ops.zeros_initializer(), shape=unbiased_var.get_shape(),
          dtype=unbiased_var.dtype.base_dtype, trainable=False)
      local_step = variable_scope.get_variable(
          "local_step", shape=[], dtype=unbiased_var.dtype.base_dtype,
          initializer=init_ops.zeros_initializer(), trainable=False)
    update_biased = state_ops.assign_sub(biased_var, (biased_var - value) * decay)
    update_local_step = local_step.assign_add(1)
    with ops.control_dependencies([update_biased, update_local_step]):
      # decay here is 1 - decay of the caller.
      unbiased_ema_delta = (unbiased_var - biased_var.read_value() /
                            (1 - math_ops.pow(1.0 - decay, local_step.read_value())))
    return state_ops.assign_sub(unbiased_var, unbiased_ema_delta)


def _initialized_value(var):
  """var.initialized_value(); its initial value where tf.cond (which that needs) is missing.

  The two agree whenever the average is initialized together with its variable, as
  global_variables_initializer() does.
  """
  try:
    return var.initialized_value()
  except NotImplementedError:
    return var.initial_value


@tf_export(v1=["train.ExponentialMovingAverage"])
class ExponentialMovingAverage(object):
  """Keeps shadow copies `<var>/ExponentialMovingAverage` updated by apply()."""

  def __init__(self, decay, num_updates=None, zero_debias=False,
               name="ExponentialMovingAverage"):
    self._decay = decay
    self._num_updates = num_updates
    self._zero_debias = zero_debias
    self._name = name
    self._averages = {}

  @property
  def name(self):
    return self._name

  def apply(self, var_list=None):
    if var_list is None:
      var_list = variables.trainable_variables()
    zero_debias_true = set()
    for var in var_list:
      if var.dtype.base_dtype not in [dtypes.bfloat16, dtypes.float16, dtypes.float32,
                                      dtypes.float64]:
        raise TypeError("The variables must be half, float, or double: %s" % var.name)
      if var in self._averages:
        continue
      with ops.init_scope():
        if isinstance(var, variables.Variable):
          avg = slot_creator.create_slot(var, _initialized_value(var), self.name,
                                         colocate_with_primary=True)
          ops.add_to_collection(ops.GraphKeys.MOVING_AVERAGE_VARIABLES, var)
        else:
          avg = slot_creator.create_zeros_slot(
              var, self.name,
              colocate_with_primary=(var.op.type in ["Variable", "VariableV2", "VarHandleOp"]))
          if self._zero_debias:
            zero_debias_true.add(avg)
      self._averages[var] = avg

    with ops.name_scope(self.name) as scope:
      decay = ops.convert_to_tensor(self._decay, name="decay")
      if self._num_updates is not None:
        num_updates = math_ops.cast(self._num_updates, dtypes.float32, name="num_updates")
        decay = math_ops.minimum(decay, (1.0 + num_updates) / (10.0 + num_updates))
      updates = []
      for var in var_list:
        avg = self._averages[var]
        updates.append(assign_moving_average(avg, var, decay,
                                             zero_debias=avg in zero_debias_true))
      return control_flow_ops.group(*updates, name=scope)

  def average(self, var):
    return self._averages.get(var, None)

  def average_name(self, var):
    if var in self._averages:
      return self._averages[var].op.name
    return ops.get_default_graph().unique_name(var.op.name + "/" + self.name,
                                               mark_as_used=False)

  def variables_to_restore(self, moving_avg_variables=None):
    """{name in checkpoint: variable}: moving-averaged variables restore from their averages."""
    name_map = {}
    if moving_avg_variables is None:
      moving_avg_variables = variables.trainable_variables()
      moving_avg_variables += variables.moving_average_variables()
    moving_avg_variables = set(moving_avg_variables)
    for v in moving_avg_variables:
      name_map[self.average_name(v)] = v
    for v in list(set(variables.global_variables()) - moving_avg_variables):
      if v.op.name not in name_map:
        name_map[v.op.name] = v
    return name_map
