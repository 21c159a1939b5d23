"""tf.train.ProximalGradientDescentOptimizer."""

from tensorflow.python.framework import ops
from tensorflow.python.ops import math_ops
from tensorflow.python.training import optimizer
from tensorflow.python.training import training_ops
from tensorflow.python.util.tf_export import tf_export


@tf_export(v1=["train.ProximalGradientDescentOptimizer"])
class ProximalGradientDescentOptimizer(optimizer.Optimizer):
  """Gradient descent followed by the FOBOS proximal step for l1/l2."""

  def __init__(self, learning_rate, l1_regularization_strength=0.0,
               l2_regularization_strength=0.0, use_locking=False,
               name="ProximalGradientDescent"):
    super(ProximalGradientDescentOptimizer, self).__init__(use_locking, name)
    self._learning_rate = learning_rate
    self._l1_regularization_strength = l1_regularization_strength
    self._l2_regularization_strength = l2_regularization_strength
    self._l1_regularization_strength_tensor = None
    self._l2_regularization_strength_tensor = None

  def _prepare(self):
    self._learning_rate_tensor = ops.convert_to_tensor(self._learning_rate,
                                                       name="learning_rate")
    self._l1_regularization_strength_tensor = ops.convert_to_tensor(
        self._l1_regularization_strength, name="l1_regularization_strength")
    self._l2_regularization_strength_tensor = ops.convert_to_tensor(
        self._l2_regularization_strength, name="l2_regularization_strength")

  def _scalars(self, dtype):
    return (math_ops.cast(self._learning_rate_tensor, dtype),
            math_ops.cast(self._l1_regularization_strength_tensor, dtype),
            math_ops.cast(self._l2_regularization_strength_tensor, dtype))

  def _apply_dense(self, grad, var):
    return training_ops.apply_proximal_gradient_descent(
        var, *self._scalars(var.dtype.base_dtype), grad, use_locking=self._use_locking).op

  def _resource_apply_dense(self, grad, var):
    return training_ops.resource_apply_proximal_gradient_descent(
        var.handle, *self._scalars(grad.dtype.base_dtype), grad, use_locking=self._use_locking)

  def _apply_sparse(self, grad, var):
    return training_ops.sparse_apply_proximal_gradient_descent(
        var, *self._scalars(var.dtype.base_dtype), grad.values, grad.indices,
        use_locking=self._use_locking).op

  def _resource_apply_sparse(self, grad, var, indices):
    return training_ops.resource_sparse_apply_proximal_gradient_descent(
        var.handle, *self._scalars(grad.dtype), grad, indices, use_locking=self._use_locking)
