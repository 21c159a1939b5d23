"""tf.metrics: streaming metrics over local variables (TF 1.15's metrics_impl.py).

Each metric makes its accumulators with `metric_variable` (non-trainable, in LOCAL_VARIABLES and
METRIC_VARIABLES, zero-initialised) under a variable scope named after the metric, and returns
(value, update_op): `value` reads the accumulators, `update_op` adds the current batch and
yields the updated value. Values go to `metrics_collections`, update ops to
`updates_collections`.
"""

from tensorflow.python.framework import dtypes
from tensorflow.python.framework import ops
from tensorflow.python.framework import tensor_util
from tensorflow.python.ops import array_ops
from tensorflow.python.ops import confusion_matrix
from tensorflow.python.ops import control_flow_ops
from tensorflow.python.ops import logging_ops
from tensorflow.python.ops import math_ops
from tensorflow.python.ops import state_ops
from tensorflow.python.ops import variable_scope
from tensorflow.python.ops import variables
from tensorflow.python.ops import weights_broadcast_ops
from tensorflow.python.util.tf_export import tf_export


def metric_variable(shape, dtype, validate_shape=True, name=None):
  """A zero-initialised local variable for a metric's accumulator."""
  return variables.VariableV1(
      lambda: array_ops.zeros(shape, dtype), trainable=False,
      collections=[ops.GraphKeys.LOCAL_VARIABLES, ops.GraphKeys.METRIC_VARIABLES],
      validate_shape=validate_shape,
      synchronization=variables.VariableSynchronization.ON_READ,
      aggregation=variables.VariableAggregation.SUM, name=name)


def _remove_squeezable_dimensions(predictions, labels, weights):
  """Squeezes labels/predictions to the same rank and weights to the predictions' rank (one
  trailing dim squeezed or added), from static shapes."""
  predictions = ops.convert_to_tensor(predictions)
  if labels is not None:
    labels, predictions = confusion_matrix.remove_squeezable_dimensions(labels, predictions)
    predictions.get_shape().assert_is_compatible_with(labels.get_shape())
  if weights is None:
    return predictions, labels, None
  weights = ops.convert_to_tensor(weights)
  weights_shape = weights.get_shape()
  weights_rank = weights_shape.ndims
  if weights_rank == 0:
    return predictions, labels, weights
  predictions_rank = predictions.get_shape().ndims
  if predictions_rank is None or weights_rank is None:
    raise NotImplementedError("metric weights or predictions of unknown rank need tf.cond, "
                              "not supported yet")
  if weights_rank - predictions_rank == 1:
    weights = array_ops.squeeze(weights, [-1])
  elif predictions_rank - weights_rank == 1:
    weights = array_ops.expand_dims(weights, [-1])
  return predictions, labels, weights


def _aggregate_across_replicas(metrics_collections, metric_value_fn, *args):
  # One replica: the value is computed directly, as TF's default strategy's merge_call does.
  metric_value = metric_value_fn(None, *args)
  if metrics_collections:
    ops.add_to_collections(metrics_collections, metric_value)
  return metric_value


def _aggregate_variable(v, collections):
  return _aggregate_across_replicas(collections, lambda _, value: array_ops.identity(value), v)


def _add_update(updates_collections, update_op):
  if updates_collections:
    ops.add_to_collections(updates_collections, update_op)


@tf_export("metrics.mean")
def mean(values, weights=None, metrics_collections=None, updates_collections=None, name=None):
  """The (weighted) mean of all `values` seen: total / count."""
  with variable_scope.variable_scope(name, "mean", (values, weights)):
    values = math_ops.cast(values, dtypes.float32)
    total = metric_variable([], dtypes.float32, name="total")
    count = metric_variable([], dtypes.float32, name="count")
    if weights is None:
      num_values = math_ops.cast(array_ops.size(values), dtypes.float32)
    else:
      values, _, weights = _remove_squeezable_dimensions(predictions=values, labels=None,
                                                         weights=weights)
      weights = weights_broadcast_ops.broadcast_weights(math_ops.cast(weights, dtypes.float32),
                                                        values)
      values = math_ops.multiply(values, weights)
      num_values = math_ops.reduce_sum(weights)
    update_total_op = state_ops.assign_add(total, math_ops.reduce_sum(values))
    with ops.control_dependencies([values]):
      update_count_op = state_ops.assign_add(count, num_values)

    def compute_mean(_, t, c):
      return math_ops.div_no_nan(t, math_ops.maximum(c, 0), name="value")

    mean_t = _aggregate_across_replicas(metrics_collections, compute_mean, total, count)
    update_op = math_ops.div_no_nan(update_total_op, math_ops.maximum(update_count_op, 0),
                                    name="update_op")
    _add_update(updates_collections, update_op)
    return mean_t, update_op


@tf_export("metrics.accuracy")
def accuracy(labels, predictions, weights=None, metrics_collections=None,
             updates_collections=None, name=None):
  """How often `predictions` equals `labels` (the mean of the matches)."""
  predictions, labels, weights = _remove_squeezable_dimensions(
      predictions=predictions, labels=labels, weights=weights)
  predictions.get_shape().assert_is_compatible_with(labels.get_shape())
  if labels.dtype != predictions.dtype:
    predictions = math_ops.cast(predictions, labels.dtype)
  is_correct = math_ops.cast(math_ops.equal(predictions, labels), dtypes.float32)
  return mean(is_correct, weights, metrics_collections, updates_collections,
              name or "accuracy")


@tf_export("metrics.mean_tensor")
def mean_tensor(values, weights=None, metrics_collections=None, updates_collections=None,
                name=None):
  """The element-wise (weighted) mean of all `values` seen."""
  with variable_scope.variable_scope(name, "mean", (values, weights)):
    values = math_ops.cast(values, dtypes.float32)
    total = metric_variable(values.get_shape(), dtypes.float32, name="total_tensor")
    count = metric_variable(values.get_shape(), dtypes.float32, name="count_tensor")
    num_values = array_ops.ones_like(values)
    if weights is not None:
      values, _, weights = _remove_squeezable_dimensions(predictions=values, labels=None,
                                                         weights=weights)
      weights = weights_broadcast_ops.broadcast_weights(math_ops.cast(weights, dtypes.float32),
                                                        values)
      values = math_ops.multiply(values, weights)
      num_values = math_ops.multiply(num_values, weights)
    update_total_op = state_ops.assign_add(total, values)
    with ops.control_dependencies([values]):
      update_count_op = state_ops.assign_add(count, num_values)

    def compute_mean(_, t, c):
      return math_ops.div_no_nan(t, math_ops.maximum(c, 0), name="value")

    mean_t = _aggregate_across_replicas(metrics_collections, compute_mean, total, count)
    update_op = math_ops.div_no_nan(update_total_op, math_ops.maximum(update_count_op, 0),
                                    name="update_op")
    _add_update(updates_collections, update_op)
    return mean_t, update_op


def _range_assert(predictions):
  """Checks predictions lie in [0, 1] (TF's assert_greater_equal/assert_less_equal pair)."""
  checks = []
  for op_name, fn, bound in (("assert_greater_equal", math_ops.greater_equal, 0.0),
                             ("assert_less_equal", math_ops.less_equal, 1.0)):
    bound = math_ops.cast(bound, dtype=predictions.dtype)
    with ops.name_scope(None, op_name, [predictions, bound]):
      ok = math_ops.reduce_all(fn(predictions, bound))
      checks.append(logging_ops.Assert(ok, ["predictions must be in [0, 1]", predictions]))
  return checks


def _confusion_matrix_at_thresholds(labels, predictions, thresholds, weights=None,
                                    includes=None):
  """tp/fn/tn/fp accumulators (one entry per threshold; positive means prediction >
  threshold) and their update ops, for the `includes` keys."""
  all_includes = ("tp", "fn", "tn", "fp")
  if includes is None:
    includes = all_includes
  else:
    for include in includes:
      if include not in all_includes:
        raise ValueError("Invalid key: %s." % include)
  predictions = ops.convert_to_tensor(predictions)
  with ops.control_dependencies(_range_assert(predictions)):
    predictions, labels, weights = _remove_squeezable_dimensions(
        predictions=math_ops.cast(predictions, dtypes.float32),
        labels=math_ops.cast(labels, dtype=dtypes.bool), weights=weights)
  num_thresholds = len(thresholds)
  predictions_2d = array_ops.reshape(predictions, [-1, 1])
  labels_2d = array_ops.reshape(math_ops.cast(labels, dtype=dtypes.bool), [1, -1])
  num_predictions = predictions_2d.get_shape().as_list()[0]
  if num_predictions is None:
    num_predictions = array_ops.shape(predictions_2d)[0]
  thresh_tiled = array_ops.tile(
      array_ops.expand_dims(array_ops.constant(thresholds), [1]),
      array_ops.stack([1, num_predictions]))
  pred_is_pos = math_ops.greater(
      array_ops.tile(array_ops.transpose(predictions_2d), [num_thresholds, 1]), thresh_tiled)
  if "fn" in includes or "tn" in includes:
    pred_is_neg = math_ops.logical_not(pred_is_pos)
  label_is_pos = array_ops.tile(labels_2d, [num_thresholds, 1])
  if "fp" in includes or "tn" in includes:
    label_is_neg = math_ops.logical_not(label_is_pos)
  if weights is not None:
    weights = weights_broadcast_ops.broadcast_weights(math_ops.cast(weights, dtypes.float32),
                                                      predictions)
    weights_tiled = array_ops.tile(array_ops.reshape(weights, [1, -1]), [num_thresholds, 1])
    thresh_tiled.get_shape().assert_is_compatible_with(weights_tiled.get_shape())
  else:
    weights_tiled = None

  values, update_ops = {}, {}
  parts = (("tp", "true_positives", lambda: (label_is_pos, pred_is_pos)),
           ("fn", "false_negatives", lambda: (label_is_pos, pred_is_neg)),
           ("tn", "true_negatives", lambda: (label_is_neg, pred_is_neg)),
           ("fp", "false_positives", lambda: (label_is_neg, pred_is_pos)))
  for key, var_name, operands in parts:
    if key not in includes:
      continue
    acc = metric_variable([num_thresholds], dtypes.float32, name=var_name)
    hit = math_ops.cast(math_ops.logical_and(*operands()), dtypes.float32)
    if weights_tiled is not None:
      hit *= weights_tiled
    update_ops[key] = state_ops.assign_add(acc, math_ops.reduce_sum(hit, 1))
    values[key] = acc
  return values, update_ops


_SUMMATION_METHODS = ("trapezoidal", "careful_interpolation", "minoring", "majoring")


@tf_export("metrics.auc")
def auc(labels, predictions, weights=None, num_thresholds=200, metrics_collections=None,
        updates_collections=None, curve="ROC", name=None, summation_method="trapezoidal",
        thresholds=None):
  """Area under the ROC or PR curve, as a Riemann sum over `num_thresholds` thresholds."""
  with variable_scope.variable_scope(name, "auc", (labels, predictions, weights)):
    if curve != "ROC" and curve != "PR":
      raise ValueError("curve must be either ROC or PR, %s unknown" % curve)
    kepsilon = 1e-7
    if thresholds is not None:
      thresholds = sorted(thresholds)
      num_thresholds = len(thresholds) + 2
    else:
      thresholds = [(i + 1) * 1.0 / (num_thresholds - 1) for i in range(num_thresholds - 2)]
    thresholds = [0.0 - kepsilon] + thresholds + [1.0 + kepsilon]
    values, update_ops = _confusion_matrix_at_thresholds(labels, predictions, thresholds,
                                                         weights)
    epsilon = 1.0e-6
    n = num_thresholds

    def interpolate_pr_auc(tp, fp, fn):
      dtp = tp[:n - 1] - tp[1:]
      p = tp + fp
      prec_slope = math_ops.div_no_nan(dtp, math_ops.maximum(p[:n - 1] - p[1:], 0),
                                       name="prec_slope")
      intercept = tp[1:] - math_ops.multiply(prec_slope, p[1:])
      safe_p_ratio = math_ops.where(
          math_ops.logical_and(p[:n - 1] > 0, p[1:] > 0),
          math_ops.div_no_nan(p[:n - 1], math_ops.maximum(p[1:], 0),
                              name="recall_relative_ratio"),
          array_ops.ones_like(p[1:]))
      return math_ops.reduce_sum(
          math_ops.div_no_nan(prec_slope * (dtp + intercept * math_ops.log(safe_p_ratio)),
                              math_ops.maximum(tp[1:] + fn[1:], 0), name="pr_auc_increment"),
          name="interpolate_pr_auc")

    def compute_auc(tp, fn, tn, fp, name):
      if curve == "PR" and summation_method == "careful_interpolation":
        return interpolate_pr_auc(tp, fp, fn)
      rec = math_ops.divide(tp + epsilon, tp + fn + epsilon)
      if curve == "ROC":
        fp_rate = math_ops.divide(fp, fp + tn + epsilon)
        x, y = fp_rate, rec
      else:
        prec = math_ops.divide(tp + epsilon, tp + fp + epsilon)
        x, y = rec, prec
      if summation_method in ("trapezoidal", "careful_interpolation"):
        return math_ops.reduce_sum(
            math_ops.multiply(x[:n - 1] - x[1:], (y[:n - 1] + y[1:]) / 2.), name=name)
      if summation_method == "minoring":
        return math_ops.reduce_sum(
            math_ops.multiply(x[:n - 1] - x[1:], math_ops.minimum(y[:n - 1], y[1:])),
            name=name)
      if summation_method == "majoring":
        return math_ops.reduce_sum(
            math_ops.multiply(x[:n - 1] - x[1:], math_ops.maximum(y[:n - 1], y[1:])),
            name=name)
      raise ValueError("Invalid summation_method: %s" % summation_method)

    def compute_auc_value(_, values):
      return compute_auc(values["tp"], values["fn"], values["tn"], values["fp"], "value")

    auc_value = _aggregate_across_replicas(metrics_collections, compute_auc_value, values)
    update_op = compute_auc(update_ops["tp"], update_ops["fn"], update_ops["tn"],
                            update_ops["fp"], "update_op")
    _add_update(updates_collections, update_op)
    return auc_value, update_op


@tf_export("metrics.mean_absolute_error")
def mean_absolute_error(labels, predictions, weights=None, metrics_collections=None,
                        updates_collections=None, name=None):
  predictions, labels, weights = _remove_squeezable_dimensions(
      predictions=predictions, labels=labels, weights=weights)
  absolute_errors = math_ops.abs(predictions - labels)
  return mean(absolute_errors, weights, metrics_collections, updates_collections,
              name or "mean_absolute_error")


@tf_export("metrics.mean_cosine_distance")
def mean_cosine_distance(labels, predictions, dim, weights=None, metrics_collections=None,
                         updates_collections=None, name=None):
  """1 - the mean of the dot products along `dim` (inputs are unit-normalized)."""
  predictions, labels, weights = _remove_squeezable_dimensions(
      predictions=predictions, labels=labels, weights=weights)
  radial_diffs = math_ops.multiply(predictions, labels)
  radial_diffs = math_ops.reduce_sum(radial_diffs, axis=[dim], keepdims=True)
  mean_distance, update_op = mean(radial_diffs, weights, None, None,
                                  name or "mean_cosine_distance")
  mean_distance = math_ops.subtract(1.0, mean_distance)
  update_op = math_ops.subtract(1.0, update_op)
  if metrics_collections:
    ops.add_to_collections(metrics_collections, mean_distance)
  _add_update(updates_collections, update_op)
  return mean_distance, update_op


@tf_export("metrics.mean_per_class_accuracy")
def mean_per_class_accuracy(labels, predictions, num_classes, weights=None,
                            metrics_collections=None, updates_collections=None, name=None):
  """The mean over classes of each class's accuracy (per-class totals by scatter_add)."""
  with variable_scope.variable_scope(name, "mean_accuracy", (predictions, labels, weights)):
    labels = math_ops.cast(labels, dtypes.int64)
    predictions = ops.convert_to_tensor(predictions)
    if labels.get_shape().ndims > 1:
      labels = array_ops.reshape(labels, [-1])
    if predictions.get_shape().ndims > 1:
      predictions = array_ops.reshape(predictions, [-1])
    predictions.get_shape().assert_is_compatible_with(labels.get_shape())
    total = metric_variable([num_classes], dtypes.float32, name="total")
    count = metric_variable([num_classes], dtypes.float32, name="count")
    ones = array_ops.ones([array_ops.size(labels)], dtypes.float32)
    if labels.dtype != predictions.dtype:
      predictions = math_ops.cast(predictions, labels.dtype)
    is_correct = math_ops.cast(math_ops.equal(predictions, labels), dtypes.float32)
    if weights is not None:
      weights = ops.convert_to_tensor(weights)
      if weights.get_shape().ndims > 1:
        weights = array_ops.reshape(weights, [-1])
      weights = math_ops.cast(weights, dtypes.float32)
      is_correct *= weights
      ones *= weights
    update_total_op = state_ops.scatter_add(total, labels, ones)
    update_count_op = state_ops.scatter_add(count, labels, is_correct)

    def compute_mean_accuracy(_, count, total):
      per_class_accuracy = math_ops.div_no_nan(count, math_ops.maximum(total, 0), name=None)
      return math_ops.reduce_mean(per_class_accuracy, name="mean_accuracy")

    mean_accuracy_v = _aggregate_across_replicas(metrics_collections, compute_mean_accuracy,
                                                 count, total)
    update_op = math_ops.div_no_nan(update_count_op, math_ops.maximum(update_total_op, 0),
                                    name="update_op")
    _add_update(updates_collections, update_op)
    return mean_accuracy_v, update_op


def _streaming_confusion_matrix(labels, predictions, num_classes, weights=None):
  total_cm = metric_variable([num_classes, num_classes], dtypes.float64,
                             name="total_confusion_matrix")
  predictions = math_ops.cast(predictions, dtypes.int64)
  labels = math_ops.cast(labels, dtypes.int64)
  num_classes = math_ops.cast(num_classes, dtypes.int64)
  if predictions.get_shape().ndims > 1:
    predictions = array_ops.reshape(predictions, [-1])
  if labels.get_shape().ndims > 1:
    labels = array_ops.reshape(labels, [-1])
  if weights is not None:
    weights = ops.convert_to_tensor(weights)
    if weights.get_shape().ndims > 1:
      weights = array_ops.reshape(weights, [-1])
  current_cm = confusion_matrix.confusion_matrix(labels, predictions, num_classes,
                                                 weights=weights, dtype=dtypes.float64)
  update_op = state_ops.assign_add(total_cm, current_cm)
  return total_cm, update_op


@tf_export("metrics.mean_iou")
def mean_iou(labels, predictions, num_classes, weights=None, metrics_collections=None,
             updates_collections=None, name=None):
  """The mean over classes present of intersection / union, from a streaming confusion
  matrix; the update op returns the updated matrix."""
  with variable_scope.variable_scope(name, "mean_iou", (predictions, labels, weights)):
    predictions = ops.convert_to_tensor(predictions)
    labels = ops.convert_to_tensor(labels)
    predictions.get_shape().assert_is_compatible_with(labels.get_shape())
    total_cm, update_op = _streaming_confusion_matrix(labels, predictions, num_classes,
                                                      weights)

    def compute_mean_iou(_, total_cm):
      sum_over_row = math_ops.cast(math_ops.reduce_sum(total_cm, 0), dtypes.float32)
      sum_over_col = math_ops.cast(math_ops.reduce_sum(total_cm, 1), dtypes.float32)
      cm_diag = math_ops.cast(array_ops.diag_part(total_cm), dtypes.float32)
      denominator = sum_over_row + sum_over_col - cm_diag
      num_valid_entries = math_ops.reduce_sum(
          math_ops.cast(math_ops.not_equal(denominator, 0), dtype=dtypes.float32))
      denominator = math_ops.where(math_ops.greater(denominator, 0), denominator,
                                   array_ops.ones_like(denominator))
      iou = math_ops.divide(cm_diag, denominator)
      return math_ops.where(math_ops.greater(num_valid_entries, 0),
                            math_ops.reduce_sum(iou, name="mean_iou") / num_valid_entries, 0)

    mean_iou_v = _aggregate_across_replicas(metrics_collections, compute_mean_iou, total_cm)
    _add_update(updates_collections, update_op)
    return mean_iou_v, update_op


@tf_export("metrics.mean_relative_error")
def mean_relative_error(labels, predictions, normalizer, weights=None,
                        metrics_collections=None, updates_collections=None, name=None):
  """The mean of |labels - predictions| / normalizer (0 where normalizer is 0)."""
  predictions, labels, weights = _remove_squeezable_dimensions(
      predictions=predictions, labels=labels, weights=weights)
  predictions, normalizer = confusion_matrix.remove_squeezable_dimensions(predictions,
                                                                          normalizer)
  predictions.get_shape().assert_is_compatible_with(normalizer.get_shape())
  relative_errors = math_ops.where(
      math_ops.equal(normalizer, 0.0), array_ops.zeros_like(labels),
      math_ops.divide(math_ops.abs(labels - predictions), normalizer))
  return mean(relative_errors, weights, metrics_collections, updates_collections,
              name or "mean_relative_error")


@tf_export("metrics.mean_squared_error")
def mean_squared_error(labels, predictions, weights=None, metrics_collections=None,
                       updates_collections=None, name=None):
  predictions, labels, weights = _remove_squeezable_dimensions(
      predictions=predictions, labels=labels, weights=weights)
  squared_error = math_ops.squared_difference(labels, predictions)
  return mean(squared_error, weights, metrics_collections, updates_collections,
              name or "mean_squared_error")


@tf_export("metrics.root_mean_squared_error")
def root_mean_squared_error(labels, predictions, weights=None, metrics_collections=None,
                            updates_collections=None, name=None):
  predictions, labels, weights = _remove_squeezable_dimensions(
      predictions=predictions, labels=labels, weights=weights)
  mse, update_mse_op = mean_squared_error(labels, predictions, weights, None, None,
                                          name or "root_mean_squared_error")
  rmse = _aggregate_across_replicas(metrics_collections, lambda _, m: math_ops.sqrt(m), mse)
  update_rmse_op = math_ops.sqrt(update_mse_op)
  _add_update(updates_collections, update_rmse_op)
  return rmse, update_rmse_op


@tf_export("metrics.percentage_below")
def percentage_below(values, threshold, weights=None, metrics_collections=None,
                     updates_collections=None, name=None):
  is_below_threshold = math_ops.cast(math_ops.less(values, threshold), dtypes.float32)
  return mean(is_below_threshold, weights, metrics_collections, updates_collections,
              name or "percentage_below_threshold")


def _assert_rank_in(x, ranks):
  """TF's check_ops.assert_rank_in: a NoOp when the ranks are known and fine, ValueError
  when known and wrong, else an Assert."""
  with ops.name_scope(None, "assert_rank_in", (x,) + tuple(ranks)):
    x = ops.convert_to_tensor(x, name="x")
    ranks = tuple(ops.convert_to_tensor(r, name="rank") for r in ranks)
    shape = array_ops.shape(x)
    for r in ranks:
      _assert_type(r, dtypes.int32)
    static = [tensor_util.constant_value(r) for r in ranks]
    x_rank = x.get_shape().ndims
    if x_rank is None or any(s is None for s in static):
      ok = math_ops.reduce_any(math_ops.equal(array_ops.rank(x), array_ops.stack(ranks)))
      return logging_ops.Assert(ok, ["Tensor %s must have rank in" % x.name] + list(ranks) +
                                ["Received shape: ", shape])
    if x_rank not in [int(s) for s in static]:
      raise ValueError("Tensor %s must have rank in %s. Received rank %d, shape %s" %
                       (x.name, tuple(int(s) for s in static), x_rank, x.get_shape()))
  return control_flow_ops.no_op()


def _assert_type(tensor, tf_type):
  """TF's check_ops.assert_type: TypeError now, or a NoOp standing for the passed check."""
  with ops.name_scope(None, "assert_type", [tensor]):
    tensor = ops.convert_to_tensor(tensor, name="tensor")
    if tensor.dtype != tf_type:
      raise TypeError("%s must be of type %s; got %s" % (tensor.name, tf_type.name,
                                                          tensor.dtype.name))
    return control_flow_ops.no_op("statically_determined_correct_type")


def _count_condition(values, weights=None, metrics_collections=None,
                     updates_collections=None):
  _assert_type(values, dtypes.bool)
  count = metric_variable([], dtypes.float32, name="count")
  values = math_ops.cast(values, dtypes.float32)
  if weights is not None:
    with ops.control_dependencies((_assert_rank_in(weights, (0, array_ops.rank(values))),)):
      weights = math_ops.cast(weights, dtypes.float32)
      values = math_ops.multiply(values, weights)
  value_tensor = _aggregate_variable(count, metrics_collections)
  update_op = state_ops.assign_add(count, math_ops.reduce_sum(values))
  _add_update(updates_collections, update_op)
  return value_tensor, update_op


def _count_metric(scope_name, label_value, prediction_value):
  def metric(labels, predictions, weights=None, metrics_collections=None,
             updates_collections=None, name=None):
    with variable_scope.variable_scope(name, scope_name, (predictions, labels, weights)):
      predictions, labels, weights = _remove_squeezable_dimensions(
          predictions=math_ops.cast(predictions, dtype=dtypes.bool),
          labels=math_ops.cast(labels, dtype=dtypes.bool), weights=weights)
      hit = math_ops.logical_and(math_ops.equal(labels, label_value),
                                 math_ops.equal(predictions, prediction_value))
      return _count_condition(hit, weights, metrics_collections, updates_collections)
  metric.__name__ = scope_name
  metric.__doc__ = "The (weighted) number of %s." % scope_name.replace("_", " ")
  return metric


true_positives = tf_export("metrics.true_positives")(
    _count_metric("true_positives", True, True))
false_positives = tf_export("metrics.false_positives")(
    _count_metric("false_positives", False, True))
true_negatives = tf_export("metrics.true_negatives")(
    _count_metric("true_negatives", False, False))
false_negatives = tf_export("metrics.false_negatives")(
    _count_metric("false_negatives", True, False))


def _at_thresholds_metric(scope_name, key):
  def metric(labels, predictions, thresholds, weights=None, metrics_collections=None,
             updates_collections=None, name=None):
    with variable_scope.variable_scope(name, scope_name, (predictions, labels, weights)):
      values, update_ops = _confusion_matrix_at_thresholds(labels, predictions, thresholds,
                                                           weights=weights, includes=(key,))
      value = _aggregate_variable(values[key], metrics_collections)
      _add_update(updates_collections, update_ops[key])
      return value, update_ops[key]
  metric.__name__ = scope_name + "_at_thresholds"
  metric.__doc__ = "The (weighted) number of %s per threshold." % scope_name.replace("_", " ")
  return metric


true_positives_at_thresholds = tf_export("metrics.true_positives_at_thresholds")(
    _at_thresholds_metric("true_positives", "tp"))
false_positives_at_thresholds = tf_export("metrics.false_positives_at_thresholds")(
    _at_thresholds_metric("false_positives", "fp"))
true_negatives_at_thresholds = tf_export("metrics.true_negatives_at_thresholds")(
    _at_thresholds_metric("true_negatives", "tn"))
false_negatives_at_thresholds = tf_export("metrics.false_negatives_at_thresholds")(
    _at_thresholds_metric("false_negatives", "fn"))


def _ratio_metric(scope_name, other_fn):
  """precision (tp / (tp + fp)) or recall (tp / (tp + fn)); 0 when the denominator is 0."""
  def metric(labels, predictions, weights=None, metrics_collections=None,
             updates_collections=None, name=None):
    with variable_scope.variable_scope(name, scope_name, (predictions, labels, weights)):
      predictions, labels, weights = _remove_squeezable_dimensions(
          predictions=math_ops.cast(predictions, dtype=dtypes.bool),
          labels=math_ops.cast(labels, dtype=dtypes.bool), weights=weights)
      true_p, true_p_update = true_positives(labels, predictions, weights,
                                             metrics_collections=None,
                                             updates_collections=None, name=None)
      other, other_update = other_fn()(labels, predictions, weights,
                                       metrics_collections=None, updates_collections=None,
                                       name=None)

      def compute(tp, o, name):
        return math_ops.where(math_ops.greater(tp + o, 0), math_ops.divide(tp, tp + o), 0, name)

      value = _aggregate_across_replicas(metrics_collections,
                                         lambda _, tp, o: compute(tp, o, "value"),
                                         true_p, other)
      update_op = compute(true_p_update, other_update, "update_op")
      _add_update(updates_collections, update_op)
      return value, update_op
  metric.__name__ = scope_name
  return metric


precision = tf_export("metrics.precision")(_ratio_metric("precision", lambda: false_positives))
recall = tf_export("metrics.recall")(_ratio_metric("recall", lambda: false_negatives))


def _ratio_at_thresholds(scope_name, other_key):
  def metric(labels, predictions, thresholds, weights=None, metrics_collections=None,
             updates_collections=None, name=None):
    with variable_scope.variable_scope(name, scope_name, (predictions, labels, weights)):
      values, update_ops = _confusion_matrix_at_thresholds(
          labels, predictions, thresholds, weights, includes=("tp", other_key))
      epsilon = 1e-7
      prefix = scope_name.split("_")[0] + "_"

      def compute(tp, o, name):
        return math_ops.divide(tp, epsilon + tp + o, name=prefix + name)

      value = _aggregate_across_replicas(
          metrics_collections, lambda _, v: compute(v["tp"], v[other_key], "value"), values)
      update_op = compute(update_ops["tp"], update_ops[other_key], "update_op")
      _add_update(updates_collections, update_op)
      return value, update_op
  metric.__name__ = scope_name
  return metric


precision_at_thresholds = tf_export("metrics.precision_at_thresholds")(
    _ratio_at_thresholds("precision_at_thresholds", "fp"))
recall_at_thresholds = tf_export("metrics.recall_at_thresholds")(
    _ratio_at_thresholds("recall_at_thresholds", "fn"))
