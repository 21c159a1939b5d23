"""Gradients of the random ops (TF 1.15's random_grad.py): RandomGamma w.r.t. alpha by
implicit reparameterization (Figurnov et al., 2018)."""

from tensorflow.python.framework import dtypes
from tensorflow.python.framework import ops
from tensorflow.python.ops import array_ops
from tensorflow.python.ops import gen_random_ops
from tensorflow.python.ops import math_ops


def add_leading_unit_dimensions(x, num_dimensions):
  """`x` reshaped to [1] * num_dimensions + shape(x)."""
  new_shape = array_ops.concat(
      [array_ops.ones([num_dimensions], dtype=dtypes.int32), array_ops.shape(x)], axis=0)
  return array_ops.reshape(x, new_shape)


@ops.RegisterGradient("RandomGamma")
def _RandomGammaGrad(op, grad):  # pylint: disable=invalid-name
  """None for `shape`; for `alpha`, grad * d sample / d alpha summed over the sample dims."""
  shape = op.inputs[0]
  alpha = op.inputs[1]
  sample = op.outputs[0]
  with ops.control_dependencies([grad]):
    num_sample_dimensions = array_ops.shape(shape)[0]
    alpha_broadcastable = add_leading_unit_dimensions(alpha, num_sample_dimensions)
    partial_a = gen_random_ops.random_gamma_grad(alpha_broadcastable, sample)
    return (None, math_ops.reduce_sum(grad * partial_a,
                                      axis=array_ops.range(num_sample_dimensions)))
