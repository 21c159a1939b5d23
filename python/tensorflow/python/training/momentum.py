"""tf.train.MomentumOptimizer."""

from tensorflow.python.framework import ops
from tensorflow.python.ops import math_ops
from tensorflow.python.training import optimizer
from tensorflow.python.training import training_ops
from tensorflow.python.util.tf_export import tf_export


@tf_export(v1=["train.MomentumOptimizer"])
class MomentumOptimizer(optimizer.Optimizer):
  """accum = accum * momentum + grad; var -= lr * accum (ApplyMomentum), optionally Nesterov."""

  def __init__(self, learning_rate, momentum, use_locking=False, name="Momentum",
               use_nesterov=False):
    super(MomentumOptimizer, self).__init__(use_locking, name)
    self._learning_rate = learning_rate
    self._momentum = momentum
    self._use_nesterov = use_nesterov

  def _create_slots(self, var_list):
    for v in var_list:
      self._zeros_slot(v, "momentum", self._name)

  def _prepare(self):
    learning_rate = self._call_if_callable(self._learning_rate)
    self._learning_rate_tensor = ops.convert_to_tensor(learning_rate, name="learning_rate")
    momentum = self._call_if_callable(self._momentum)
    self._momentum_tensor = ops.convert_to_tensor(momentum, name="momentum")

  def _apply_dense(self, grad, var):
    mom = self.get_slot(var, "momentum")
    return training_ops.apply_momentum(
        var, mom, math_ops.cast(self._learning_rate_tensor, var.dtype.base_dtype), grad,
        math_ops.cast(self._momentum_tensor, var.dtype.base_dtype),
        use_locking=self._use_locking, use_nesterov=self._use_nesterov).op

  def _resource_apply_dense(self, grad, var):
    mom = self.get_slot(var, "momentum")
    return training_ops.resource_apply_momentum(
        var.handle, mom.handle, math_ops.cast(self._learning_rate_tensor, grad.dtype.base_dtype),
        grad, math_ops.cast(self._momentum_tensor, grad.dtype.base_dtype),
        use_locking=self._use_locking, use_nesterov=self._use_nesterov)

  def _apply_sparse(self, grad, var):
    mom = self.get_slot(var, "momentum")
    return training_ops.sparse_apply_momentum(
        var, mom, math_ops.cast(self._learning_rate_tensor, var.dtype.base_dtype), grad.values,
        grad.indices, math_ops.cast(self._momentum_tensor, var.dtype.base_dtype),
        use_locking=self._use_locking, use_nesterov=self._use_nesterov).op

  def _resource_apply_sparse(self, grad, var, indices):
    mom = self.get_slot(var, "momentum")
    return training_ops.resource_sparse_apply_momentum(
        var.handle, mom.handle, math_ops.cast(self._learning_rate_tensor, grad.dtype),
        grad, indices, math_ops.cast(self._momentum_tensor, grad.dtype),
        use_locking=self._use_locking, use_nesterov=self._use_nesterov)
