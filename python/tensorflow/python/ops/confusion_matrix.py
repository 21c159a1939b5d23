"""tf.math.confusion_matrix and remove_squeezable_dimensions (TF 1.15's confusion_matrix.py).

The matrix is a ScatterNd of ones (or weights) at (label, prediction), as in TF. TF checks the
ranges with tf.debugging asserts; ours are Assert ops over the same conditions and messages.
"""

from tensorflow.python.framework import dtypes
from tensorflow.python.framework import ops
from tensorflow.python.ops import array_ops
from tensorflow.python.ops import control_flow_ops
from tensorflow.python.ops import logging_ops
from tensorflow.python.ops import math_ops
from tensorflow.python.util.tf_export import tf_export


def _needs_cond(what):
  return NotImplementedError("%s with tensors of unknown rank needs tf.cond, not supported "
                             "yet" % what)


def remove_squeezable_dimensions(labels, predictions, expected_rank_diff=0, name=None):
  """Squeezes a last dim of size 1 from labels or predictions when their ranks differ by one
  more (or less) than `expected_rank_diff`."""
  with ops.name_scope(name, "remove_squeezable_dimensions", [labels, predictions]):
    predictions = ops.convert_to_tensor(predictions)
    labels = ops.convert_to_tensor(labels)
    predictions_shape = predictions.get_shape()
    predictions_rank = predictions_shape.ndims
    labels_shape = labels.get_shape()
    labels_rank = labels_shape.ndims
    if labels_rank is None or predictions_rank is None:
      # TF decides at run time with tf.cond; nothing to do only if neither can be squeezed.
      if ((predictions_rank is None or predictions_shape.dims[-1].is_compatible_with(1)) or
          (labels_rank is None or labels_shape.dims[-1].is_compatible_with(1))):
        raise _needs_cond("remove_squeezable_dimensions")
      return labels, predictions
    rank_diff = predictions_rank - labels_rank
    if (rank_diff == expected_rank_diff + 1 and
        predictions_shape.dims[-1].is_compatible_with(1)):
      predictions = array_ops.squeeze(predictions, [-1])
    elif (rank_diff == expected_rank_diff - 1 and
          labels_shape.dims[-1].is_compatible_with(1)):
      labels = array_ops.squeeze(labels, [-1])
    return labels, predictions


def _check(condition_fn, x, message, name):
  with ops.name_scope(None, name, [x]):
    return control_flow_ops.with_dependencies(
        [logging_ops.Assert(math_ops.reduce_all(condition_fn(x)),
                            [message, "x (%s) = " % x.name, x])], x)


@tf_export("math.confusion_matrix", "confusion_matrix", "train.confusion_matrix")
def confusion_matrix(labels, predictions, num_classes=None, dtype=dtypes.int32, name=None,
                     weights=None):
  """[num_classes, num_classes] counts (or summed weights) of (label, prediction) pairs."""
  with ops.name_scope(name, "confusion_matrix",
                      (predictions, labels, num_classes, weights)) as name:
    labels, predictions = remove_squeezable_dimensions(
        ops.convert_to_tensor(labels, name="labels"),
        ops.convert_to_tensor(predictions, name="predictions"))
    predictions = math_ops.cast(predictions, dtypes.int64)
    labels = math_ops.cast(labels, dtypes.int64)
    labels = _check(lambda x: math_ops.greater_equal(x, 0), labels,
                    "`labels` contains negative values", "assert_non_negative")
    predictions = _check(lambda x: math_ops.greater_equal(x, 0), predictions,
                         "`predictions` contains negative values", "assert_non_negative")
    if num_classes is None:
      num_classes = math_ops.maximum(math_ops.reduce_max(predictions),
                                     math_ops.reduce_max(labels)) + 1
    else:
      num_classes_int64 = math_ops.cast(num_classes, dtypes.int64)
      labels = _check(lambda x: math_ops.less(x, num_classes_int64), labels,
                      "`labels` out of bound", "assert_less")
      predictions = _check(lambda x: math_ops.less(x, num_classes_int64), predictions,
                           "`predictions` out of bound", "assert_less")
    if weights is not None:
      weights = ops.convert_to_tensor(weights, name="weights")
      predictions.get_shape().assert_is_compatible_with(weights.get_shape())
      weights = math_ops.cast(weights, dtype)
    shape = array_ops.stack([num_classes, num_classes])
    indices = array_ops.stack([labels, predictions], axis=1)
    values = array_ops.ones_like(predictions, dtype) if weights is None else weights
    return array_ops.scatter_nd(indices=indices, updates=values,
                                shape=math_ops.cast(shape, dtypes.int64))
