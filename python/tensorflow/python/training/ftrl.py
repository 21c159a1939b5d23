"""tf.train.FtrlOptimizer (FTRL-proximal; ApplyFtrlV2 when l2 shrinkage is on)."""

from tensorflow.python.framework import constant_op
from tensorflow.python.framework import ops
from tensorflow.python.ops import math_ops
from tensorflow.python.training import optimizer
from tensorflow.python.training import training_ops
from tensorflow.python.util.tf_export import tf_export


@tf_export(v1=["train.FtrlOptimizer"])
class FtrlOptimizer(optimizer.Optimizer):
  """FTRL-proximal with slots `accum` and `linear`."""

  def __init__(self, learning_rate, learning_rate_power=-0.5, initial_accumulator_value=0.1,
               l1_regularization_strength=0.0, l2_regularization_strength=0.0,
               use_locking=False, name="Ftrl", accum_name=None, linear_name=None,
               l2_shrinkage_regularization_strength=0.0):
    super(FtrlOptimizer, self).__init__(use_locking, name)
    if initial_accumulator_value < 0.0:
      raise ValueError("initial_accumulator_value %f needs to be positive or zero" %
                       initial_accumulator_value)
    if learning_rate_power > 0.0:
      raise ValueError("learning_rate_power %f needs to be negative or zero" %
                       learning_rate_power)
    if l1_regularization_strength < 0.0:
      raise ValueError("l1_regularization_strength %f needs to be positive or zero" %
                       l1_regularization_strength)
    if l2_regularization_strength < 0.0:
      raise ValueError("l2_regularization_strength %f needs to be positive or zero" %
                       l2_regularization_strength)
    if l2_shrinkage_regularization_strength < 0.0:
      raise ValueError("l2_shrinkage_regularization_strength %f needs to be positive or zero" %
                       l2_shrinkage_regularization_strength)
    self._learning_rate = learning_rate
    self._learning_rate_power = learning_rate_power
    self._initial_accumulator_value = initial_accumulator_value
    self._l1_regularization_strength = l1_regularization_strength
    self._l2_regularization_strength = l2_regularization_strength
    self._l2_shrinkage_regularization_strength = l2_shrinkage_regularization_strength
    self._accum_name = accum_name
    self._linear_name = linear_name

  def _create_slots(self, var_list):
    for v in var_list:
      val = constant_op.constant(self._initial_accumulator_value, dtype=v.dtype,
                                 shape=v.get_shape())
      self._get_or_make_slot(v, val, "accum", self._accum_name or self._name)
      self._zeros_slot(v, "linear", self._linear_name or self._name)

  def _prepare(self):
    self._learning_rate_tensor = ops.convert_to_tensor(self._learning_rate,
                                                       name="learning_rate")
    self._l1_regularization_strength_tensor = ops.convert_to_tensor(
        self._l1_regularization_strength, name="l1_regularization_strength")
    self._l2_regularization_strength_tensor = ops.convert_to_tensor(
        self._l2_regularization_strength, name="l2_regularization_strength")
    self._l2_shrinkage_regularization_strength_tensor = ops.convert_to_tensor(
        self._l2_shrinkage_regularization_strength, name="l2_shrinkage_regularization_strength")
    self._learning_rate_power_tensor = ops.convert_to_tensor(self._learning_rate_power,
                                                             name="learning_rate_power")

  def _args(self, dtype):
    """(lr, l1, l2[, l2_shrinkage], lr_power) cast to dtype, and whether V2 is needed."""
    head = [math_ops.cast(self._learning_rate_tensor, dtype),
            math_ops.cast(self._l1_regularization_strength_tensor, dtype),
            math_ops.cast(self._l2_regularization_strength_tensor, dtype)]
    power = math_ops.cast(self._learning_rate_power_tensor, dtype)
    if self._l2_shrinkage_regularization_strength <= 0.0:
      return head + [power], False
    return head + [math_ops.cast(self._l2_shrinkage_regularization_strength_tensor, dtype),
                   power], True

  def _apply_dense(self, grad, var):
    accum = self.get_slot(var, "accum")
    linear = self.get_slot(var, "linear")
    args, v2 = self._args(var.dtype.base_dtype)
    fn = training_ops.apply_ftrl_v2 if v2 else training_ops.apply_ftrl
    return fn(var, accum, linear, grad, *args, use_locking=self._use_locking)

  def _resource_apply_dense(self, grad, var):
    accum = self.get_slot(var, "accum")
    linear = self.get_slot(var, "linear")
    args, v2 = self._args(grad.dtype.base_dtype)
    fn = training_ops.resource_apply_ftrl_v2 if v2 else training_ops.resource_apply_ftrl
    return fn(var.handle, accum.handle, linear.handle, grad, *args,
              use_locking=self._use_locking)

  def _apply_sparse(self, grad, var):
    accum = self.get_slot(var, "accum")
    linear = self.get_slot(var, "linear")
    args, v2 = self._args(var.dtype.base_dtype)
    fn = training_ops.sparse_apply_ftrl_v2 if v2 else training_ops.sparse_apply_ftrl
    return fn(var, accum, linear, grad.values, grad.indices, *args,
              use_locking=self._use_locking)

  def _resource_apply_sparse(self, grad, var, indices):
    accum = self.get_slot(var, "accum")
    linear = self.get_slot(var, "linear")
    args, v2 = self._args(grad.dtype)
    fn = (training_ops.resource_sparse_apply_ftrl_v2 if v2
          else training_ops.resource_sparse_apply_ftrl)
    return fn(var.handle, accum.handle, linear.handle, grad, indices, *args,
              use_locking=self._use_locking)
