"""tf.train.RMSPropOptimizer."""

from tensorflow.python.framework import ops
from tensorflow.python.ops import array_ops
from tensorflow.python.ops import init_ops
from tensorflow.python.ops import math_ops
from tensorflow.python.training import optimizer
from tensorflow.python.training import training_ops
from tensorflow.python.util.tf_export import tf_export


@tf_export(v1=["train.RMSPropOptimizer"])
class RMSPropOptimizer(optimizer.Optimizer):
  """RMSProp with momentum; `centered` also tracks the mean gradient (slot `mg`)."""

  def __init__(self, learning_rate, decay=0.9, momentum=0.0, epsilon=1e-10, use_locking=False,
               centered=False, name="RMSProp"):
    super(RMSPropOptimizer, self).__init__(use_locking, name)
    self._learning_rate = learning_rate
    self._decay = decay
    self._momentum = momentum
    self._epsilon = epsilon
    self._centered = centered

  def _create_slots(self, var_list):
    for v in var_list:
      if v.get_shape().is_fully_defined():
        init_rms = init_ops.ones_initializer(dtype=v.dtype.base_dtype)
      else:
        init_rms = array_ops.ones_like(v)
      self._get_or_make_slot_with_initializer(v, init_rms, v.get_shape(), v.dtype.base_dtype,
                                              "rms", self._name)
      if self._centered:
        self._zeros_slot(v, "mg", self._name)
      self._zeros_slot(v, "momentum", self._name)

  def _prepare(self):
    self._learning_rate_tensor = ops.convert_to_tensor(
        self._call_if_callable(self._learning_rate), name="learning_rate")
    self._decay_tensor = ops.convert_to_tensor(self._call_if_callable(self._decay), name="decay")
    self._momentum_tensor = ops.convert_to_tensor(self._call_if_callable(self._momentum),
                                                  name="momentum")
    self._epsilon_tensor = ops.convert_to_tensor(self._call_if_callable(self._epsilon),
                                                 name="epsilon")

  def _scalars(self, dtype):
    return (math_ops.cast(self._learning_rate_tensor, dtype),
            math_ops.cast(self._decay_tensor, dtype),
            math_ops.cast(self._momentum_tensor, dtype),
            math_ops.cast(self._epsilon_tensor, dtype))

  def _apply_dense(self, grad, var):
    rms = self.get_slot(var, "rms")
    mom = self.get_slot(var, "momentum")
    if self._centered:
      mg = self.get_slot(var, "mg")
      return training_ops.apply_centered_rms_prop(
          var, mg, rms, mom, *self._scalars(var.dtype.base_dtype), grad,
          use_locking=self._use_locking).op
    return training_ops.apply_rms_prop(var, rms, mom, *self._scalars(var.dtype.base_dtype),
                                       grad, use_locking=self._use_locking).op

  def _resource_apply_dense(self, grad, var):
    rms = self.get_slot(var, "rms")
    mom = self.get_slot(var, "momentum")
    if self._centered:
      mg = self.get_slot(var, "mg")
      return training_ops.resource_apply_centered_rms_prop(
          var.handle, mg.handle, rms.handle, mom.handle, *self._scalars(grad.dtype.base_dtype),
          grad, use_locking=self._use_locking)
    return training_ops.resource_apply_rms_prop(
        var.handle, rms.handle, mom.handle, *self._scalars(grad.dtype.base_dtype), grad,
        use_locking=self._use_locking)

  def _apply_sparse(self, grad, var):
    rms = self.get_slot(var, "rms")
    mom = self.get_slot(var, "momentum")
    if self._centered:
      mg = self.get_slot(var, "mg")
      return training_ops.sparse_apply_centered_rms_prop(
          var, mg, rms, mom, *self._scalars(var.dtype.base_dtype), grad.values, grad.indices,
          use_locking=self._use_locking)
    return training_ops.sparse_apply_rms_prop(
        var, rms, mom, *self._scalars(var.dtype.base_dtype), grad.values, grad.indices,
        use_locking=self._use_locking)

  def _resource_apply_sparse(self, grad, var, indices):
    rms = self.get_slot(var, "rms")
    mom = self.get_slot(var, "momentum")
    if self._centered:
      mg = self.get_slot(var, "mg")
      return training_ops.resource_sparse_apply_centered_rms_prop(
          var.handle, mg.handle, rms.handle, mom.handle, *self._scalars(grad.dtype), grad,
          indices, use_locking=self._use_locking)
    return training_ops.resource_sparse_apply_rms_prop(
        var.handle, rms.handle, mom.handle, *self._scalars(grad.dtype), grad, indices,
        use_locking=self._use_locking)
