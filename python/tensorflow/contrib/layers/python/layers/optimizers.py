"""contrib.layers.optimize_loss (TF 1.15): a training op from a loss, an optimizer given by
name, class, instance or factory, optional gradient noise, multipliers and clipping, and the
standard summaries."""

from tensorflow.python.framework import constant_op
from tensorflow.python.framework import dtypes
from tensorflow.python.framework import ops
from tensorflow.python.ops import api_aliases
from tensorflow.python.ops import control_flow_ops
from tensorflow.python.ops import init_ops
from tensorflow.python.ops import random_ops
from tensorflow.python.ops import variable_scope as vs
from tensorflow.python.ops import variables as vars_
from tensorflow.python.summary import summary
from tensorflow.python.training import adagrad
from tensorflow.python.training import adam
from tensorflow.python.training import ftrl
from tensorflow.python.training import gradient_descent
from tensorflow.python.training import momentum
from tensorflow.python.training import optimizer as optimizer_
from tensorflow.python.training import rmsprop
from tensorflow.python.training import training_util

__all__ = ["optimize_loss", "OPTIMIZER_CLS_NAMES", "OPTIMIZER_SUMMARIES"]

OPTIMIZER_CLS_NAMES = {
    "Adagrad": adagrad.AdagradOptimizer,
    "Adam": adam.AdamOptimizer,
    "Ftrl": ftrl.FtrlOptimizer,
    "Momentum": lambda learning_rate: momentum.MomentumOptimizer(learning_rate, momentum=0.9),
    "RMSProp": rmsprop.RMSPropOptimizer,
    "SGD": gradient_descent.GradientDescentOptimizer,
}

OPTIMIZER_SUMMARIES = ["learning_rate", "loss", "gradients", "gradient_norm",
                       "global_gradient_norm"]


def _assert_scalar(tensor):
  shape = tensor.get_shape()
  if shape.ndims != 0:
    raise ValueError("Expected scalar shape for %s, saw shape: %s." % (tensor.name, shape))


def _make_optimizer(optimizer, lr, learning_rate):
  if isinstance(optimizer, str):
    if lr is None:
      raise ValueError("Learning rate is None, but should be specified if optimizer is "
                       "string (%s)." % optimizer)
    if optimizer not in OPTIMIZER_CLS_NAMES:
      raise ValueError("Optimizer name should be one of [%s], you provided %s." %
                       (", ".join(OPTIMIZER_CLS_NAMES), optimizer))
    return OPTIMIZER_CLS_NAMES[optimizer](learning_rate=lr)
  if isinstance(optimizer, type) and issubclass(optimizer, optimizer_.Optimizer):
    if lr is None:
      raise ValueError("Learning rate is None, but should be specified if optimizer is "
                       "class (%s)." % optimizer)
    return optimizer(learning_rate=lr)
  if isinstance(optimizer, optimizer_.Optimizer):
    return optimizer
  if callable(optimizer):
    opt = optimizer(lr) if learning_rate is not None else optimizer()
    if not isinstance(opt, optimizer_.Optimizer):
      raise ValueError("Unrecognized optimizer: function should return subclass of "
                       "Optimizer. Got %s." % str(opt))
    return opt
  raise ValueError("Unrecognized optimizer: should be string, subclass of Optimizer, "
                   "instance of subclass of Optimizer or function with one argument. "
                   "Got %s." % str(optimizer))


def optimize_loss(loss, global_step, learning_rate, optimizer, gradient_noise_scale=None,
                  gradient_multipliers=None, clip_gradients=None, learning_rate_decay_fn=None,
                  update_ops=None, variables=None, name=None, summaries=None,
                  colocate_gradients_with_ops=False, increment_global_step=True):
  """`loss` with a control dependency on one optimizer step over `variables` (default: the
  trainable ones), which also increments `global_step` when given (or found in the graph)."""
  loss = ops.convert_to_tensor(loss)
  _assert_scalar(loss)
  if global_step is None:
    global_step = training_util.get_global_step()
  else:
    training_util.assert_global_step(global_step)
  with vs.variable_scope(name, "OptimizeLoss", [loss, global_step]):
    if update_ops is None:
      update_ops = set(ops.get_collection(ops.GraphKeys.UPDATE_OPS))
    if update_ops:
      loss = control_flow_ops.with_dependencies(list(update_ops), loss)

    lr = None
    if learning_rate is not None:
      if isinstance(learning_rate, ops.Tensor) and learning_rate.get_shape().ndims == 0:
        lr = learning_rate
      elif isinstance(learning_rate, float):
        if learning_rate < 0.0:
          raise ValueError("Invalid learning_rate %s." % learning_rate)
        lr = vs.get_variable("learning_rate", [], trainable=False,
                             initializer=init_ops.constant_initializer(learning_rate))
      else:
        raise ValueError("Learning rate should be 0d Tensor or float. Got %s of type %s" %
                         (str(learning_rate), str(type(learning_rate))))
    if summaries is None:
      summaries = ["loss", "learning_rate", "global_gradient_norm"]
    else:
      for summ in summaries:
        if summ not in OPTIMIZER_SUMMARIES:
          raise ValueError("Summaries should be one of [%s], you provided %s." %
                           (", ".join(OPTIMIZER_SUMMARIES), summ))
    if learning_rate is not None and learning_rate_decay_fn is not None:
      if global_step is None:
        raise ValueError("global_step is required for learning_rate_decay_fn.")
      lr = learning_rate_decay_fn(lr, global_step)
      if "learning_rate" in summaries:
        summary.scalar("learning_rate", lr)

    opt = _make_optimizer(optimizer, lr, learning_rate)
    if variables is None:
      variables = vars_.trainable_variables()
    gradients = opt.compute_gradients(loss, variables,
                                      colocate_gradients_with_ops=colocate_gradients_with_ops)
    if gradient_noise_scale is not None:
      gradients = _add_scaled_noise_to_gradients(gradients, gradient_noise_scale)
    if gradient_multipliers is not None:
      gradients = _multiply_gradients(gradients, gradient_multipliers)
      if not gradients:
        raise ValueError("Empty list of (gradient, var) pairs encountered. This is most "
                         "likely to be caused by an improper value of gradient_multipliers.")
    if "global_gradient_norm" in summaries or "gradient_norm" in summaries:
      summary.scalar("global_norm/gradient_norm",
                     api_aliases.global_norm(list(zip(*gradients))[0]))
    if isinstance(clip_gradients, float):
      gradients = _clip_gradients_by_norm(gradients, clip_gradients)
    elif callable(clip_gradients):
      gradients = clip_gradients(gradients)
    elif clip_gradients is not None:
      raise ValueError("Unknown type %s for clip_gradients" % type(clip_gradients))
    if "loss" in summaries:
      summary.scalar("loss", loss)
    for gradient, variable in gradients:
      grad_values = gradient.values if isinstance(gradient, ops.IndexedSlices) else gradient
      if grad_values is not None:
        var_name = variable.name.replace(":", "_")
        if "gradients" in summaries:
          summary.histogram("gradients/%s" % var_name, grad_values)
        if "gradient_norm" in summaries:
          summary.scalar("gradient_norm/%s" % var_name, api_aliases.global_norm([grad_values]))
    if clip_gradients is not None and ("global_gradient_norm" in summaries or
                                       "gradient_norm" in summaries):
      summary.scalar("global_norm/clipped_gradient_norm",
                     api_aliases.global_norm(list(zip(*gradients))[0]))
    grad_updates = opt.apply_gradients(
        gradients, global_step=global_step if increment_global_step else None, name="train")
    return control_flow_ops.with_dependencies([grad_updates], loss)


def _clip_gradients_by_norm(grads_and_vars, clip_gradients):
  gradients, variables = zip(*grads_and_vars)
  clipped, _ = api_aliases.clip_by_global_norm(list(gradients), clip_gradients)
  return list(zip(clipped, variables))


def _add_scaled_noise_to_gradients(grads_and_vars, gradient_noise_scale):
  """Each gradient plus truncated-normal noise times gradient_noise_scale."""
  noisy = []
  for gradient, variable in grads_and_vars:
    if gradient is None:
      noisy.append((None, variable))
      continue
    if isinstance(gradient, ops.IndexedSlices):
      raise NotImplementedError("optimize_loss(gradient_noise_scale=...) with sparse "
                                "(IndexedSlices) gradients is not supported in tfclassic yet")
    noise = random_ops.truncated_normal(gradient.get_shape()) * gradient_noise_scale
    noisy.append((gradient + noise, variable))
  return noisy


def _multiply_gradients(grads_and_vars, gradient_multipliers):
  result = []
  for grad, var in grads_and_vars:
    if grad is not None and (var in gradient_multipliers or var.name in gradient_multipliers):
      key = var if var in gradient_multipliers else var.name
      multiplier = constant_op.constant(gradient_multipliers[key], dtype=dtypes.float32)
      if isinstance(grad, ops.IndexedSlices):
        grad = ops.IndexedSlices(grad.values * multiplier, grad.indices, grad.dense_shape)
      else:
        grad *= multiplier
    result.append((grad, var))
  return result
