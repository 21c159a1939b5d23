"""tf.train.AdadeltaOptimizer."""

from tensorflow.python.framework import ops
from tensorflow.python.ops import math_ops
from tensorflow.python.training import optimizer
from tensorflow.python.training import training_ops
from tensorflow.python.util.tf_export import tf_export


@tf_export(v1=["train.AdadeltaOptimizer"])
class AdadeltaOptimizer(optimizer.Optimizer):
  """Adadelta (Zeiler): slots `accum` and `accum_update`."""

  def __init__(self, learning_rate=0.001, rho=0.95, epsilon=1e-8, use_locking=False,
               name="Adadelta"):
    super(AdadeltaOptimizer, self).__init__(use_locking, name)
    self._lr = learning_rate
    self._rho = rho
    self._epsilon = epsilon

  def _create_slots(self, var_list):
    for v in var_list:
      self._zeros_slot(v, "accum", self._name)
      self._zeros_slot(v, "accum_update", self._name)

  def _prepare(self):
    self._lr_t = ops.convert_to_tensor(self._call_if_callable(self._lr), name="lr")
    self._rho_t = ops.convert_to_tensor(self._call_if_callable(self._rho), name="rho")
    self._epsilon_t = ops.convert_to_tensor(self._call_if_callable(self._epsilon),
                                            name="epsilon")

  def _scalars(self, dtype):
    return (math_ops.cast(self._lr_t, dtype), math_ops.cast(self._rho_t, dtype),
            math_ops.cast(self._epsilon_t, dtype))

  def _apply_dense(self, grad, var):
    accum = self.get_slot(var, "accum")
    accum_update = self.get_slot(var, "accum_update")
    return training_ops.apply_adadelta(var, accum, accum_update,
                                       *self._scalars(var.dtype.base_dtype), grad,
                                       use_locking=self._use_locking)

  def _resource_apply_dense(self, grad, var):
    accum = self.get_slot(var, "accum")
    accum_update = self.get_slot(var, "accum_update")
    return training_ops.resource_apply_adadelta(var.handle, accum.handle, accum_update.handle,
                                                *self._scalars(grad.dtype.base_dtype), grad,
                                                use_locking=self._use_locking)

  def _apply_sparse(self, grad, var):
    accum = self.get_slot(var, "accum")
    accum_update = self.get_slot(var, "accum_update")
    return training_ops.sparse_apply_adadelta(var, accum, accum_update,
                                              *self._scalars(var.dtype.base_dtype), grad.values,
                                              grad.indices, use_locking=self._use_locking)

  def _resource_apply_sparse(self, grad, var, indices):
    accum = self.get_slot(var, "accum")
    accum_update = self.get_slot(var, "accum_update")
    return training_ops.resource_sparse_apply_adadelta(
        var.handle, accum.handle, accum_update.handle, *self._scalars(grad.dtype), grad,
        indices, use_locking=self._use_locking)
