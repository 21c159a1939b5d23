"""contrib.layers weight initializers (TF 1.15): contrib's own variance-scaling rule.

Unlike tf.variance_scaling_initializer, contrib's version takes `factor` and an upper-case
`mode`, computes the fans from the shape it is called with (a partition's own shape, not the
full variable's), draws a uniform with limit sqrt(3 * factor / n) or a truncated normal with
stddev sqrt(1.3 * factor / n), and builds them with tf.random_uniform/tf.truncated_normal.
"""

import math

from tensorflow.python.framework import dtypes
from tensorflow.python.ops import random_ops

__all__ = ["xavier_initializer", "xavier_initializer_conv2d", "variance_scaling_initializer"]

_MODES = ("FAN_IN", "FAN_OUT", "FAN_AVG")


def xavier_initializer(uniform=True, seed=None, dtype=dtypes.float32):
  """Glorot/Xavier: variance scaling with factor 1 over the mean of the fans."""
  return variance_scaling_initializer(factor=1.0, mode="FAN_AVG", uniform=uniform, seed=seed,
                                      dtype=dtype)


xavier_initializer_conv2d = xavier_initializer


def _fans(shape):
  """contrib's estimate: last two dims are (in, out), earlier dims multiply both."""
  if shape:
    fan_in = float(shape[-2]) if len(shape) > 1 else float(shape[-1])
    fan_out = float(shape[-1])
  else:
    fan_in = fan_out = 1.0
  for dim in shape[:-2]:
    fan_in *= float(dim)
    fan_out *= float(dim)
  return fan_in, fan_out


def variance_scaling_initializer(factor=2.0, mode="FAN_IN", uniform=False, seed=None,
                                 dtype=dtypes.float32):
  """Draws with variance factor / n, n the fan chosen by `mode` (He et al. by default)."""
  if not dtype.is_floating:
    raise TypeError("Cannot create initializer for non-floating point type.")
  if mode not in _MODES:
    raise TypeError("Unknown mode %s [FAN_IN, FAN_OUT, FAN_AVG]", mode)

  def _initializer(shape, dtype=dtype, partition_info=None):  # pylint: disable=unused-argument
    if not dtype.is_floating:
      raise TypeError("Cannot create initializer for non-floating point type.")
    fan_in, fan_out = _fans(shape)
    if mode == "FAN_IN":
      n = fan_in
    elif mode == "FAN_OUT":
      n = fan_out
    else:
      n = (fan_in + fan_out) / 2.0
    if uniform:
      # A uniform on [-l, l] has variance l^2 / 3.
      limit = math.sqrt(3.0 * factor / n)
      return random_ops.random_uniform(shape, -limit, limit, dtype, seed=seed)
    # A normal truncated at two stddevs keeps about 1/1.3 of its variance.
    trunc_stddev = math.sqrt(1.3 * factor / n)
    return random_ops.truncated_normal(shape, 0.0, trunc_stddev, dtype, seed=seed)

  return _initializer
