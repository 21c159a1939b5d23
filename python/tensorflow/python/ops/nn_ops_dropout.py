"""tf.nn.dropout (TF 1.15's v1 signature over its rate-based body, the same ops in the same
order, so seeded masks match TF's) and tf.nn.zero_fraction."""

import numbers

from tensorflow.python.framework import dtypes
from tensorflow.python.framework import ops
from tensorflow.python.framework import tensor_shape
from tensorflow.python.framework import tensor_util
from tensorflow.python.ops import array_ops
from tensorflow.python.ops import math_ops
from tensorflow.python.ops import random_ops
from tensorflow.python.util.tf_export import tf_export


def _get_noise_shape(x, noise_shape):
  """noise_shape with x's known dims filled in where noise_shape leaves them unknown."""
  if noise_shape is None:
    return array_ops.shape(x)
  try:
    noise_shape_ = tensor_shape.as_shape(noise_shape)
  except (TypeError, ValueError):
    return noise_shape
  if x.shape.dims is not None and len(x.shape.dims) == len(noise_shape_.dims):
    new_dims = []
    for i, dim in enumerate(x.shape.dims):
      if noise_shape_.dims[i].value is None and dim.value is not None:
        new_dims.append(dim.value)
      else:
        new_dims.append(noise_shape_.dims[i].value)
    return tensor_shape.TensorShape(new_dims)
  return noise_shape


def _dropout_v2(x, rate, noise_shape=None, seed=None, name=None):
  with ops.name_scope(name, "dropout", [x]) as name:
    x = ops.convert_to_tensor(x, name="x")
    if not x.dtype.is_floating:
      raise ValueError("x has to be a floating point tensor since it's going to"
                       " be scaled. Got a %s tensor instead." % x.dtype)
    if isinstance(rate, numbers.Real):
      if not (rate >= 0 and rate < 1):
        raise ValueError("rate must be a scalar tensor or a float in the "
                         "range [0, 1), got %g" % rate)
    if isinstance(rate, numbers.Real) and rate == 0:
      return x
    rate = ops.convert_to_tensor(rate, dtype=x.dtype, name="rate")
    rate.get_shape().assert_is_compatible_with(tensor_shape.TensorShape([]))
    if tensor_util.constant_value(rate) == 0:
      return x
    noise_shape = _get_noise_shape(x, noise_shape)
    # Values >= rate are kept: a float equal to rate after the [1, 2) - 1 mapping counts.
    random_tensor = random_ops.random_uniform(noise_shape, seed=seed, dtype=x.dtype)
    keep_prob = 1 - rate
    scale = 1 / keep_prob
    keep_mask = random_tensor >= rate
    ret = x * scale * math_ops.cast(keep_mask, x.dtype)
    ret.set_shape(x.get_shape())
    return ret


@tf_export("nn.dropout")
def dropout(x, keep_prob=None, noise_shape=None, seed=None, name=None, rate=None):  # pylint: disable=invalid-name
  """Zeroes elements with probability rate (= 1 - keep_prob), scaling the rest by 1/(1-rate)."""
  try:
    keep = 1. - keep_prob if keep_prob is not None else None
  except TypeError:
    raise ValueError("keep_prob must be a floating point number or Tensor "
                     "(got %r)" % keep_prob)
  if rate is not None and keep is not None:
    raise ValueError("Cannot specify both 'keep_prob' and 'rate'")
  rate = rate if rate is not None else keep
  if rate is None:
    raise ValueError("You must provide a rate to dropout.")
  return _dropout_v2(x, rate, noise_shape=noise_shape, seed=seed, name=name)


def _count_nonzero(input_tensor, dtype=dtypes.int64):
  with ops.name_scope("count_nonzero", values=[input_tensor]):
    zero = array_ops.zeros([], dtype=input_tensor.dtype)
    return math_ops.reduce_sum(
        math_ops.cast(math_ops.not_equal(input_tensor, zero), dtype=dtype),
        name="nonzero_count")


@tf_export("math.zero_fraction", "nn.zero_fraction")
def zero_fraction(value, name=None):
  """The fraction of zeros in value, as a float32 scalar (counted in int32 under a tf.cond
  when the size fits, as TF 1.15 does, else in int64)."""
  from tensorflow.python.ops import cond_v1  # pylint: disable=g-import-not-at-top
  with ops.name_scope(name, "zero_fraction", [value]):
    value = ops.convert_to_tensor(value, name="value")
    size = array_ops.size(value, out_type=dtypes.int64)
    num_nonzero = cond_v1.cond(
        size <= dtypes.int32.max,
        true_fn=lambda: math_ops.cast(_count_nonzero(value, dtype=dtypes.int32),
                                      dtype=dtypes.int64),
        false_fn=lambda: _count_nonzero(value, dtype=dtypes.int64))
    with ops.name_scope("counts_to_fraction"):
      num_zero = size - num_nonzero
      num_zero_float32 = math_ops.cast(num_zero, dtype=dtypes.float32)
      size_float32 = math_ops.cast(size, dtype=dtypes.float32)
      zero_fraction_float32 = num_zero_float32 / size_float32
    return array_ops.identity(zero_fraction_float32, "fraction")
