"""tf.nn functions that are compositions of ops we already have (TF keeps them in nn_impl).

Registered with `fallback_export`, so a later @tf_export of the same name wins.
"""

import math

from tensorflow.python.framework import constant_op
from tensorflow.python.framework import dtypes
from tensorflow.python.framework import ops
from tensorflow.python.ops import array_ops
from tensorflow.python.ops import gen_nn_ops
from tensorflow.python.ops import math_ops
from tensorflow.python.ops import nn_ops
from tensorflow.python.util.tf_export import fallback_export


def _keepdims(keepdims, keep_dims):
  if keep_dims is not None:
    if keepdims is not None:
      raise ValueError("Cannot specify both 'keep_dims' and 'keepdims'")
    keepdims = keep_dims
  return bool(keepdims)


def _upcast_half(x):
  # Moments of float16 inputs are accumulated in float32, as TF does.
  return math_ops.cast(x, dtypes.float32) if x.dtype == dtypes.float16 else x


@fallback_export("nn.moments")
def moments(x, axes, shift=None, name=None, keep_dims=None, keepdims=None):  # pylint: disable=unused-argument
  """Mean and variance of x over axes (shift is accepted and unused, as in TF 1.15)."""
  keepdims = _keepdims(keepdims, keep_dims)
  with ops.name_scope(name, "moments", [x, axes]):
    x = ops.convert_to_tensor(x, name="x")
    y = _upcast_half(x)
    mean = math_ops.reduce_mean(y, axes, keepdims=True, name="mean")
    variance = math_ops.reduce_mean(
        math_ops.squared_difference(y, array_ops.stop_gradient(mean)), axes, keepdims=True,
        name="variance")
    if not keepdims:
      mean = array_ops.squeeze(mean, axes)
      variance = array_ops.squeeze(variance, axes)
    if x.dtype == dtypes.float16:
      return math_ops.cast(mean, dtypes.float16), math_ops.cast(variance, dtypes.float16)
    return mean, variance


@fallback_export("nn.weighted_moments")
def weighted_moments(x, axes, frequency_weights, name=None, keep_dims=None, keepdims=None):
  """Frequency-weighted mean and variance of x over axes."""
  keepdims = _keepdims(keepdims, keep_dims)
  with ops.name_scope(name, "weighted_moments", [x, frequency_weights, axes]):
    x = ops.convert_to_tensor(x, name="x")
    frequency_weights = ops.convert_to_tensor(frequency_weights, name="frequency_weights")
    needs_cast = x.dtype == dtypes.float16
    x = _upcast_half(x)
    if frequency_weights.dtype != x.dtype:
      frequency_weights = math_ops.cast(frequency_weights, x.dtype)
    weighted_input_sum = math_ops.reduce_sum(frequency_weights * x, axes, keepdims=True,
                                             name="weighted_input_sum")
    broadcasted_weights = frequency_weights + array_ops.zeros_like(x)
    sum_of_weights = math_ops.reduce_sum(broadcasted_weights, axes, keepdims=True,
                                         name="sum_of_weights")
    divisor = math_ops.reciprocal(sum_of_weights, name="inv_weight_sum")
    weighted_mean = math_ops.multiply(weighted_input_sum, divisor)
    weighted_distsq = math_ops.reduce_sum(
        frequency_weights * math_ops.squared_difference(x, weighted_mean), axes,
        keepdims=True, name="weighted_distsq")
    weighted_variance = math_ops.multiply(weighted_distsq, divisor)
    if not keepdims:
      weighted_mean = array_ops.squeeze(weighted_mean, axes)
      weighted_variance = array_ops.squeeze(weighted_variance, axes)
    if needs_cast:
      weighted_mean = math_ops.cast(weighted_mean, dtypes.float16)
      weighted_variance = math_ops.cast(weighted_variance, dtypes.float16)
    return weighted_mean, weighted_variance


@fallback_export("nn.sufficient_statistics")
def sufficient_statistics(x, axes, shift=None, keep_dims=None, name=None, keepdims=None):
  """(count, sum(x - shift), sum((x - shift)**2), shift) over axes."""
  keepdims = _keepdims(keepdims, keep_dims)
  axes = list(axes)
  with ops.name_scope(name, "sufficient_statistics", [x, shift]):
    x = ops.convert_to_tensor(x, name="x")
    x_shape = x.get_shape()
    if x_shape.ndims is not None and all(
        x_shape.dims[d].value is not None for d in axes):
      counts = 1
      for d in axes:
        counts *= x_shape.dims[d].value
      counts = constant_op.constant(counts, dtype=x.dtype)
    else:
      x_dims = array_ops.gather(math_ops.cast(array_ops.shape(x), x.dtype), axes)
      counts = math_ops.reduce_prod(x_dims, name="count")
    if shift is not None:
      shift = ops.convert_to_tensor(shift, name="shift")
      m_ss = math_ops.subtract(x, shift)
      v_ss = math_ops.squared_difference(x, shift)
    else:
      m_ss = x
      v_ss = math_ops.square(x)
    m_ss = math_ops.reduce_sum(m_ss, axes, keepdims=keepdims, name="mean_ss")
    v_ss = math_ops.reduce_sum(v_ss, axes, keepdims=keepdims, name="var_ss")
  return counts, m_ss, v_ss, shift


@fallback_export("nn.normalize_moments")
def normalize_moments(counts, mean_ss, variance_ss, shift, name=None):
  """Mean and variance from sufficient statistics."""
  with ops.name_scope(name, "normalize", [counts, mean_ss, variance_ss, shift]):
    divisor = math_ops.reciprocal(counts, name="divisor")
    if shift is not None:
      shifted_mean = math_ops.multiply(mean_ss, divisor, name="shifted_mean")
      mean = math_ops.add(shifted_mean, shift, name="mean")
    else:
      shifted_mean = math_ops.multiply(mean_ss, divisor, name="mean")
      mean = shifted_mean
    variance = math_ops.subtract(math_ops.multiply(variance_ss, divisor),
                                 math_ops.square(shifted_mean), name="variance")
  return mean, variance


@fallback_export("nn.batch_normalization")
def batch_normalization(x, mean, variance, offset, scale, variance_epsilon, name=None):
  """scale * (x - mean) / sqrt(variance + variance_epsilon) + offset."""
  with ops.name_scope(name, "batchnorm", [x, mean, variance, scale, offset]):
    inv = math_ops.rsqrt(variance + variance_epsilon)
    if scale is not None:
      inv *= scale
    x = ops.convert_to_tensor(x)
    # TF builds x * inv before the shift (node names mul_1, mul_2, sub follow that order).
    scaled = x * math_ops.cast(inv, x.dtype)
    shift = offset - mean * inv if offset is not None else -mean * inv
    return scaled + math_ops.cast(shift, x.dtype)


@fallback_export("nn.l2_loss")
def l2_loss(t, name=None):
  """sum(t ** 2) / 2 (the L2Loss op)."""
  return gen_nn_ops.l2_loss(t, name=name)


@fallback_export("nn.xw_plus_b")
def xw_plus_b(x, weights, biases, name=None):
  """matmul(x, weights) + biases."""
  with ops.name_scope(name, "xw_plus_b", [x, weights, biases]) as name:
    x = ops.convert_to_tensor(x, name="x")
    weights = ops.convert_to_tensor(weights, name="weights")
    biases = ops.convert_to_tensor(biases, name="biases")
    mm = math_ops.matmul(x, weights)
    return nn_ops.bias_add(mm, biases, name=name)


@fallback_export("nn.relu_layer")
def relu_layer(x, weights, biases, name=None):
  """relu(matmul(x, weights) + biases)."""
  with ops.name_scope(name, "relu_layer", [x, weights, biases]) as name:
    x = ops.convert_to_tensor(x, name="x")
    weights = ops.convert_to_tensor(weights, name="weights")
    biases = ops.convert_to_tensor(biases, name="biases")
    xw_plus_b_ = nn_ops.bias_add(math_ops.matmul(x, weights), biases)
    return nn_ops.relu(xw_plus_b_, name=name)


@fallback_export("nn.swish")
def swish(features):
  """features * sigmoid(features)."""
  features = ops.convert_to_tensor(features, name="features")
  return features * math_ops.sigmoid(features)


@fallback_export("nn.crelu")
def crelu(features, name=None, axis=-1):
  """relu(concat([features, -features], axis))."""
  with ops.name_scope(name, "CRelu", [features]) as name:
    features = ops.convert_to_tensor(features, name="features")
    c = array_ops.concat([features, -features], axis, name="concat")
    return nn_ops.relu(c, name=name)


def _same_shape(labels, logits):
  try:
    labels.get_shape().merge_with(logits.get_shape())
  except ValueError:
    raise ValueError("logits and labels must have the same shape (%s vs %s)" %
                     (logits.get_shape(), labels.get_shape()))


@fallback_export("nn.sigmoid_cross_entropy_with_logits")
def sigmoid_cross_entropy_with_logits(_sentinel=None, labels=None, logits=None, name=None):  # pylint: disable=invalid-name
  """max(x, 0) - x * z + log(1 + exp(-|x|)) for logits x and labels z."""
  if _sentinel is not None:
    raise ValueError("Only call `sigmoid_cross_entropy_with_logits` with named arguments "
                     "(labels=..., logits=..., ...)")
  if labels is None or logits is None:
    raise ValueError("Both labels and logits must be provided.")
  with ops.name_scope(name, "logistic_loss", [logits, labels]) as name:
    logits = ops.convert_to_tensor(logits, name="logits")
    labels = ops.convert_to_tensor(labels, name="labels", dtype=logits.dtype.base_dtype)
    _same_shape(labels, logits)
    zeros = array_ops.zeros_like(logits, dtype=logits.dtype)
    cond = logits >= zeros
    relu_logits = math_ops.where(cond, logits, zeros)
    neg_abs_logits = math_ops.where(cond, -logits, logits)
    return math_ops.add(relu_logits - logits * labels,
                        math_ops.log1p(math_ops.exp(neg_abs_logits)), name=name)


@fallback_export("nn.weighted_cross_entropy_with_logits")
def weighted_cross_entropy_with_logits(labels=None, logits=None, pos_weight=None, name=None,
                                       targets=None):
  """(1 - z) * x + (1 + (q - 1) * z) * log(1 + exp(-x)), computed stably."""
  if targets is not None:
    if labels is not None:
      raise ValueError("Cannot specify both 'targets' and 'labels'")
    labels = targets
  if labels is None or logits is None or pos_weight is None:
    raise ValueError("labels, logits and pos_weight must be provided.")
  with ops.name_scope(name, "logistic_loss", [logits, labels]) as name:
    logits = ops.convert_to_tensor(logits, name="logits")
    labels = ops.convert_to_tensor(labels, name="labels", dtype=logits.dtype.base_dtype)
    _same_shape(labels, logits)
    log_weight = 1 + (pos_weight - 1) * labels
    return math_ops.add(
        (1 - labels) * logits,
        log_weight * (math_ops.log1p(math_ops.exp(-math_ops.abs(logits))) +
                      nn_ops.relu(-logits)),
        name=name)


@fallback_export("nn.log_poisson_loss")
def log_poisson_loss(targets, log_input, compute_full_loss=False, name=None):
  """exp(log_input) - log_input * targets (+ Stirling's term when compute_full_loss)."""
  with ops.name_scope(name, "log_poisson_loss", [log_input, targets]) as name:
    log_input = ops.convert_to_tensor(log_input, name="log_input")
    targets = ops.convert_to_tensor(targets, name="targets")
    try:
      targets.get_shape().merge_with(log_input.get_shape())
    except ValueError:
      raise ValueError("log_input and targets must have the same shape (%s vs %s)" %
                       (log_input.get_shape(), targets.get_shape()))
    result = math_ops.exp(log_input) - log_input * targets
    if compute_full_loss:
      dt = targets.dtype
      point_five = constant_op.constant(0.5, dtype=dt)
      two_pi = constant_op.constant(2 * math.pi, dtype=dt)
      stirling_approx = (targets * math_ops.log(targets)) - targets + (
          point_five * math_ops.log(two_pi * targets))
      zeros = array_ops.zeros_like(targets, dtype=dt)
      ones = array_ops.ones_like(targets, dtype=dt)
      cond = math_ops.logical_and(targets >= zeros, targets <= ones)
      result += math_ops.where(cond, zeros, stirling_approx)
    return result
