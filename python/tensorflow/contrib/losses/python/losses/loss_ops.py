"""contrib.losses loss functions (TF 1.15's own implementation, not tf.losses').

Every loss is a weighted mean: sum(losses * weights) / (number of elements the non-zero
weights cover), 0 when nothing is covered, added to the LOSSES collection.
"""

from tensorflow.contrib.framework.python.ops.arg_scope import add_arg_scope
from tensorflow.python.framework import ops
from tensorflow.python.ops import array_ops
from tensorflow.python.ops import math_ops
from tensorflow.python.ops import nn_impl
from tensorflow.python.ops import nn_ops
from tensorflow.python.ops import nn_ops_losses
from tensorflow.python.platform import tf_logging as logging

__all__ = ["absolute_difference", "add_loss", "cosine_distance", "compute_weighted_loss",
           "get_losses", "get_regularization_losses", "get_total_loss", "hinge_loss",
           "log_loss", "mean_pairwise_squared_error", "mean_squared_error",
           "sigmoid_cross_entropy", "softmax_cross_entropy", "sparse_softmax_cross_entropy"]

_WARNED = set()


def _deprecated(name):
  if name not in _WARNED:
    _WARNED.add(name)
    logging.warning("contrib.losses.%s (from tensorflow.contrib.losses) is deprecated and "
                    "will be removed after 2016-12-30. Use tf.losses.%s instead.", name, name)


def _scale_losses(losses, weights):
  """sum(losses reduced to weights' rank * weights)."""
  start_index = max(0, weights.get_shape().ndims)
  axes = list(range(start_index, losses.get_shape().ndims))
  reduced = math_ops.reduce_sum(losses, axis=axes)
  return math_ops.reduce_sum(math_ops.multiply(reduced, weights))


def _safe_div(numerator, denominator, name="value"):
  return math_ops.where(
      math_ops.greater(denominator, 0),
      math_ops.div(numerator, math_ops.where(math_ops.equal(denominator, 0),
                                              array_ops.ones_like(denominator), denominator)),
      array_ops.zeros_like(numerator), name=name)


def _safe_mean(losses, num_present):
  return _safe_div(math_ops.reduce_sum(losses), num_present)


def _num_present(losses, weights, per_batch=False):
  """How many elements of `losses` the non-zero `weights` (broadcast) cover."""
  if weights.get_shape().ndims == 0:
    batch_size = array_ops.reshape(array_ops.slice(array_ops.shape(losses), [0], [1]), [])
    num_per_batch = math_ops.div(math_ops.to_float(array_ops.size(losses)),
                                 math_ops.to_float(batch_size))
    num_per_batch = math_ops.where(math_ops.equal(weights, 0), 0.0, num_per_batch)
    num_per_batch = math_ops.multiply(array_ops.ones(array_ops.reshape(batch_size, [1])),
                                      num_per_batch)
    return num_per_batch if per_batch else math_ops.reduce_sum(num_per_batch)
  axes = list(range(1, weights.get_shape().ndims))
  num_nonzero_per_batch = math_ops.reduce_sum(
      math_ops.to_float(math_ops.not_equal(weights, 0)), axis=axes)
  broadcast_dims = array_ops.slice(array_ops.shape(losses), [weights.get_shape().ndims], [-1])
  num_to_broadcast = math_ops.to_float(math_ops.reduce_prod(broadcast_dims))
  num_per_batch = math_ops.multiply(num_nonzero_per_batch, num_to_broadcast)
  return num_per_batch if per_batch else math_ops.reduce_sum(num_per_batch)


def compute_weighted_loss(losses, weights=1.0, scope=None):
  """The weighted mean of `losses` (weights: scalar or [batch, d1, ... dK], K < N)."""
  _deprecated("compute_weighted_loss")
  with ops.name_scope(scope, "weighted_loss", [losses, weights]):
    losses = ops.convert_to_tensor(losses)
    input_dtype = losses.dtype
    losses = math_ops.to_float(losses)
    weights = math_ops.to_float(ops.convert_to_tensor(weights))
    if losses.get_shape().ndims is None:
      raise ValueError("losses.get_shape().ndims cannot be None")
    weights_shape = weights.get_shape()
    if weights_shape.ndims is None:
      raise ValueError("weights.get_shape().ndims cannot be None")
    if weights_shape.ndims > 1 and weights_shape.dims[-1].is_compatible_with(1):
      weights = array_ops.squeeze(weights, [-1])
    total_loss = _scale_losses(losses, weights)
    num_present = _num_present(losses, weights)
    mean_loss = _safe_mean(total_loss, num_present)
    mean_loss = math_ops.cast(mean_loss, input_dtype)
    add_loss(mean_loss)
    return mean_loss


@add_arg_scope
def add_loss(loss, loss_collection=ops.GraphKeys.LOSSES):
  if loss_collection:
    ops.add_to_collection(loss_collection, loss)


def get_losses(scope=None, loss_collection=ops.GraphKeys.LOSSES):
  return ops.get_collection(loss_collection, scope)


def get_regularization_losses(scope=None):
  return ops.get_collection(ops.GraphKeys.REGULARIZATION_LOSSES, scope)


def get_total_loss(add_regularization_losses=True, name="total_loss"):
  """AddN of the LOSSES collection (and of the regularization losses)."""
  losses = get_losses()
  if add_regularization_losses:
    losses += get_regularization_losses()
  return math_ops.add_n(losses, name=name)


def absolute_difference(predictions, labels=None, weights=1.0, scope=None):
  _deprecated("absolute_difference")
  with ops.name_scope(scope, "absolute_difference",
                      [predictions, labels, weights]) as scope:
    predictions.get_shape().assert_is_compatible_with(labels.get_shape())
    predictions = math_ops.to_float(predictions)
    labels = math_ops.to_float(labels)
    losses = math_ops.abs(math_ops.subtract(predictions, labels))
    return compute_weighted_loss(losses, weights, scope=scope)


def sigmoid_cross_entropy(logits, multi_class_labels, weights=1.0, label_smoothing=0,
                          scope=None):
  """Note the TF 1.x contrib argument order: logits first."""
  _deprecated("sigmoid_cross_entropy")
  with ops.name_scope(scope, "sigmoid_cross_entropy_loss",
                      [logits, multi_class_labels, weights]) as scope:
    logits.get_shape().assert_is_compatible_with(multi_class_labels.get_shape())
    multi_class_labels = math_ops.cast(multi_class_labels, logits.dtype)
    if label_smoothing > 0:
      multi_class_labels = (multi_class_labels * (1 - label_smoothing) +
                            0.5 * label_smoothing)
    losses = nn_impl.sigmoid_cross_entropy_with_logits(labels=multi_class_labels,
                                                       logits=logits, name="xentropy")
    return compute_weighted_loss(losses, weights, scope=scope)


def softmax_cross_entropy(logits, onehot_labels, weights=1.0, label_smoothing=0, scope=None):
  """Note the TF 1.x contrib argument order: logits first."""
  _deprecated("softmax_cross_entropy")
  with ops.name_scope(scope, "softmax_cross_entropy_loss",
                      [logits, onehot_labels, weights]) as scope:
    logits.get_shape().assert_is_compatible_with(onehot_labels.get_shape())
    onehot_labels = math_ops.cast(onehot_labels, logits.dtype)
    if label_smoothing > 0:
      num_classes = math_ops.cast(array_ops.shape(onehot_labels)[1], logits.dtype)
      smooth_positives = 1.0 - label_smoothing
      smooth_negatives = label_smoothing / num_classes
      onehot_labels = onehot_labels * smooth_positives + smooth_negatives
    losses = nn_ops_losses.softmax_cross_entropy_with_logits(labels=onehot_labels,
                                                             logits=logits, name="xentropy")
    return compute_weighted_loss(losses, weights, scope=scope)


def sparse_softmax_cross_entropy(logits, labels, weights=1.0, scope=None):
  _deprecated("sparse_softmax_cross_entropy")
  with ops.name_scope(scope, "sparse_softmax_cross_entropy_loss",
                      [logits, labels, weights]) as scope:
    labels = array_ops.reshape(labels, shape=[array_ops.shape(labels)[0]])
    losses = nn_ops_losses.sparse_softmax_cross_entropy_with_logits(
        labels=labels, logits=logits, name="xentropy")
    return compute_weighted_loss(losses, weights, scope=scope)


def log_loss(predictions, labels=None, weights=1.0, epsilon=1e-7, scope=None):
  _deprecated("log_loss")
  with ops.name_scope(scope, "log_loss", [predictions, labels, weights]) as scope:
    predictions.get_shape().assert_is_compatible_with(labels.get_shape())
    predictions = math_ops.to_float(predictions)
    labels = math_ops.to_float(labels)
    losses = -math_ops.multiply(labels, math_ops.log(predictions + epsilon)) - \
        math_ops.multiply((1 - labels), math_ops.log(1 - predictions + epsilon))
    return compute_weighted_loss(losses, weights, scope=scope)


def hinge_loss(logits, labels=None, scope=None):
  """The unweighted, unreduced relu(1 - (2 * labels - 1) * logits)."""
  _deprecated("hinge_loss")
  with ops.name_scope(scope, "hinge_loss", [logits, labels]) as scope:
    logits.get_shape().assert_is_compatible_with(labels.get_shape())
    labels = math_ops.to_float(labels)
    all_ones = array_ops.ones_like(labels)
    labels = math_ops.subtract(2 * labels, all_ones)
    return nn_ops.relu(math_ops.subtract(all_ones, math_ops.multiply(labels, logits)))


def mean_squared_error(predictions, labels=None, weights=1.0, scope=None):
  _deprecated("mean_squared_error")
  with ops.name_scope(scope, "mean_squared_error", [predictions, labels, weights]) as scope:
    predictions.get_shape().assert_is_compatible_with(labels.get_shape())
    predictions = math_ops.to_float(predictions)
    labels = math_ops.to_float(labels)
    losses = math_ops.square(math_ops.subtract(predictions, labels))
    return compute_weighted_loss(losses, weights, scope=scope)


def mean_pairwise_squared_error(predictions, labels=None, weights=1.0, scope=None):
  """Mean over each sample's element pairs of ((p_i - p_j) - (l_i - l_j))^2, weighted."""
  _deprecated("mean_pairwise_squared_error")
  with ops.name_scope(scope, "mean_pairwise_squared_error",
                      [predictions, labels, weights]) as scope:
    predictions.get_shape().assert_is_compatible_with(labels.get_shape())
    predictions = math_ops.to_float(predictions)
    labels = math_ops.to_float(labels)
    weights = math_ops.to_float(ops.convert_to_tensor(weights))
    diffs = math_ops.subtract(predictions, labels)
    if diffs.get_shape().ndims is None:
      raise ValueError("diffs.get_shape().ndims cannot be None")
    if weights.get_shape().ndims is None:
      raise ValueError("weights.get_shape().ndims cannot be None")
    axes = list(range(1, diffs.get_shape().ndims))
    sum_squares_diff_per_batch = math_ops.reduce_sum(math_ops.square(diffs), axis=axes)
    num_present_per_batch = _num_present(diffs, weights, per_batch=True)
    term1 = 2.0 * _safe_div(sum_squares_diff_per_batch, num_present_per_batch)
    sum_diff = math_ops.reduce_sum(diffs, axis=axes)
    term2 = 2.0 * _safe_div(math_ops.square(sum_diff), math_ops.square(num_present_per_batch))
    loss = _scale_losses(term1 - term2, weights)
    mean_loss = math_ops.where(math_ops.reduce_sum(num_present_per_batch) > 0, loss,
                                array_ops.zeros_like(loss), name="value")
    add_loss(mean_loss)
    return mean_loss


def cosine_distance(predictions, labels=None, axis=None, weights=1.0, scope=None, dim=None):
  """1 - sum(predictions * labels, axis), weighted (inputs assumed unit-normalized)."""
  _deprecated("cosine_distance")
  if dim is not None:
    if axis is not None:
      raise ValueError("Cannot specify both 'axis' and 'dim'")
    axis = dim
  if axis is None:
    raise ValueError("`axis` and `dim` cannot both be None.")
  with ops.name_scope(scope, "cosine_distance_loss",
                      [predictions, labels, weights]) as scope:
    predictions.get_shape().assert_is_compatible_with(labels.get_shape())
    predictions = math_ops.to_float(predictions)
    labels = math_ops.to_float(labels)
    radial_diffs = math_ops.multiply(predictions, labels)
    losses = 1 - math_ops.reduce_sum(radial_diffs, axis=[axis])
    return compute_weighted_loss(losses, weights, scope=scope)
