"""contrib.layers regularizers (TF 1.15): functions weights -> scalar penalty tensor."""

import numbers

from tensorflow.python.framework import constant_op
from tensorflow.python.framework import ops
from tensorflow.python.ops import math_ops
from tensorflow.python.ops import nn_impl
from tensorflow.python.platform import tf_logging as logging

__all__ = ["l1_regularizer", "l2_regularizer", "l1_l2_regularizer", "sum_regularizer",
           "apply_regularization"]


def _check_scale(scale, what, message):
  """None when `scale` is a valid Tensor or positive real; the no-op regularizer for 0."""
  if isinstance(scale, numbers.Integral):
    raise ValueError("%s cannot be an integer: %s" % (what, scale))
  if isinstance(scale, numbers.Real):
    if scale < 0.:
      raise ValueError(message % scale)
    if scale == 0.:
      logging.info("Scale of 0 disables regularizer.")
      return lambda _: None
  return None


def l1_regularizer(scale, scope=None):
  """scale * sum(|w|)."""
  disabled = _check_scale(scale, "scale", "Setting a scale less than 0 on a regularizer: %g")
  if disabled is not None:
    return disabled

  def l1(weights, name=None):
    del name  # The op is named after the scope, as in TF.
    with ops.name_scope(scope, "l1_regularizer", [weights]) as name:
      my_scale = ops.convert_to_tensor(scale, dtype=weights.dtype.base_dtype, name="scale")
      return math_ops.multiply(my_scale, math_ops.reduce_sum(math_ops.abs(weights)),
                               name=name)

  return l1


def l2_regularizer(scale, scope=None):
  """scale * sum(w^2) / 2 (the L2Loss op)."""
  disabled = _check_scale(scale, "scale", "Setting a scale less than 0 on a regularizer: %g.")
  if disabled is not None:
    return disabled

  def l2(weights):
    with ops.name_scope(scope, "l2_regularizer", [weights]) as name:
      my_scale = ops.convert_to_tensor(scale, dtype=weights.dtype.base_dtype, name="scale")
      return math_ops.multiply(my_scale, nn_impl.l2_loss(weights), name=name)

  return l2


def l1_l2_regularizer(scale_l1=1.0, scale_l2=1.0, scope=None):
  """The sum of an L1 and an L2 regularizer (just one of them when the other scale is 0)."""
  if isinstance(scale_l1, numbers.Integral):
    raise ValueError("scale_l1 cannot be an integer: %s" % (scale_l1,))
  if isinstance(scale_l2, numbers.Integral):
    raise ValueError("scale_l2 cannot be an integer: %s" % (scale_l2,))
  scope = scope or "l1_l2_regularizer"
  if scale_l1 == 0.:
    return l2_regularizer(scale_l2, scope)
  if scale_l2 == 0.:
    return l1_regularizer(scale_l1, scope)
  return sum_regularizer([l1_regularizer(scale_l1), l2_regularizer(scale_l2)], scope=scope)


def sum_regularizer(regularizer_list, scope=None):
  """The sum (AddN) of the given regularizers' penalties; None when there are none."""
  regularizer_list = [reg for reg in regularizer_list if reg is not None]
  if not regularizer_list:
    return None

  def sum_reg(weights):
    with ops.name_scope(scope, "sum_regularizer", [weights]) as name:
      tensors = [t for t in (reg(weights) for reg in regularizer_list) if t is not None]
      return math_ops.add_n(tensors, name=name) if tensors else None

  return sum_reg


def apply_regularization(regularizer, weights_list=None):
  """The summed penalty of `regularizer` over `weights_list` (default: the WEIGHTS
  collection), also added to REGULARIZATION_LOSSES."""
  if not weights_list:
    weights_list = ops.get_collection(ops.GraphKeys.WEIGHTS)
  if not weights_list:
    raise ValueError("No weights to regularize.")
  with ops.name_scope("get_regularization_penalty", values=weights_list) as scope:
    penalties = [regularizer(w) for w in weights_list]
    penalties = [p if p is not None else constant_op.constant(0.0) for p in penalties]
    for p in penalties:
      if p.get_shape().ndims != 0:
        raise ValueError("regularizer must return a scalar Tensor instead of a Tensor with "
                         "rank %d." % p.get_shape().ndims)
    summed_penalty = math_ops.add_n(penalties, name=scope)
    ops.add_to_collection(ops.GraphKeys.REGULARIZATION_LOSSES, summed_penalty)
    return summed_penalty
