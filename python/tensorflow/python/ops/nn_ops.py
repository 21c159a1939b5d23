"""Activation functions, bias_add and the softmax wrappers of `tf.nn` (TF 1.15)."""

import numbers

import numpy as np

from tensorflow.python.framework import dtypes
from tensorflow.python.framework import ops
from tensorflow.python.ops import gen_nn_ops
from tensorflow.python.ops import math_ops
from tensorflow.python.util.tf_export import tf_export


@tf_export("nn.relu")
def relu(features, name=None):
  return gen_nn_ops.relu(features, name=name)


@tf_export("nn.relu6")
def relu6(features, name=None):
  with ops.name_scope(name, "Relu6", [features]) as name:
    features = ops.convert_to_tensor(features, name="features")
    return gen_nn_ops.relu6(features, name=name)


@tf_export("nn.elu")
def elu(features, name=None):
  return gen_nn_ops.elu(features, name=name)


@tf_export("nn.selu")
def selu(features, name=None):
  return gen_nn_ops.selu(features, name=name)


@tf_export("nn.softplus", "math.softplus")
def softplus(features, name=None):
  return gen_nn_ops.softplus(features, name=name)


@tf_export("nn.softsign", "math.softsign")
def softsign(features, name=None):
  return gen_nn_ops.softsign(features, name=name)


@tf_export("nn.leaky_relu")
def leaky_relu(features, alpha=0.2, name=None):
  """max(alpha * x, x); integer features are cast to float32 first, as TF does."""
  with ops.name_scope(name, "LeakyRelu", [features, alpha]) as name:
    features = ops.convert_to_tensor(features, name="features")
    if features.dtype.is_integer:
      features = math_ops.cast(features, dtypes.float32)
    if isinstance(alpha, np.ndarray):
      alpha = alpha.item()
    return gen_nn_ops.leaky_relu(features, alpha=alpha, name=name)


@tf_export("nn.bias_add")
def bias_add(value, bias, data_format=None, name=None):
  """Adds a 1-D bias along the channel dim ('N...C': last, 'NC...': second)."""
  with ops.name_scope(name, "BiasAdd", [value, bias]) as name:
    if data_format is not None:
      if data_format.startswith("NC"):
        data_format = "NCHW"
      elif data_format.startswith("N") and data_format.endswith("C"):
        data_format = "NHWC"
      else:
        raise ValueError("data_format must be of the form `N...C` or `NC...`")
    value = ops.convert_to_tensor(value, name="input")
    bias = ops.convert_to_tensor(bias, dtype=value.dtype, name="bias")
    if data_format is None:
      return gen_nn_ops.bias_add(value, bias, name=name)
    return gen_nn_ops.bias_add(value, bias, data_format=data_format, name=name)


def _softmax(logits, compute_op, axis, name):
  """Runs compute_op over `axis`, transposing it to the last dim and back when needed."""
  logits = ops.convert_to_tensor(logits)
  shape = logits.get_shape()
  ndims = shape.ndims
  if axis == -1 or (ndims is not None and axis == ndims - 1):
    return compute_op(logits, name=name)
  if isinstance(axis, ops.Tensor) or not isinstance(axis, numbers.Integral):
    raise NotImplementedError("softmax over a tensor-valued axis is not implemented in "
                              "tfclassic yet")
  if ndims is None:
    raise NotImplementedError("softmax over a non-last axis of a tensor of unknown rank is "
                              "not implemented in tfclassic yet")
  if not -ndims <= axis < ndims:
    from tensorflow.python.framework import errors_impl  # pylint: disable=g-import-not-at-top
    raise errors_impl.InvalidArgumentError(
        None, None,
        "Dimension (%d) must be in the range [%d, %d) where %d is the number of dimensions "
        "in the input." % (axis, -ndims, ndims, ndims))
  from tensorflow.python.ops import array_ops  # pylint: disable=g-import-not-at-top
  # The graph TF 1.15 builds: the permutation that swaps `axis` with the last dim is computed
  # in the graph from Rank (Rank, Rank_1, Sub, range, concat, transpose nodes).
  rank = array_ops.rank(logits)
  if axis < 0:
    axis = axis + rank  # a Tensor from here on, as in TF
  input_rank = array_ops.rank(logits)
  axis = axis % ndims

  def swap_axis(t, name=None):
    last = math_ops.subtract(input_rank, 1)
    perm = array_ops.concat([array_ops.range(axis), [last], array_ops.range(axis + 1, last),
                             [axis]], 0)
    return array_ops.transpose(t, perm, name=name)

  output = compute_op(swap_axis(logits))
  output = swap_axis(output, name=name)
  output.set_shape(shape)
  return output


def _axis_lookup(axis, dim):
  if axis is not None and dim is not None:
    raise ValueError("Cannot specify both 'axis' and 'dim'")
  if axis is None:
    axis = dim
  return -1 if axis is None else axis


@tf_export("nn.softmax", "math.softmax")
def softmax(logits, axis=None, name=None, dim=None):
  return _softmax(logits, gen_nn_ops.softmax, _axis_lookup(axis, dim), name)


@tf_export("nn.log_softmax", "math.log_softmax")
def log_softmax(logits, axis=None, name=None, dim=None):
  return _softmax(logits, gen_nn_ops.log_softmax, _axis_lookup(axis, dim), name)
