"""tf.nn cross-entropy functions over the fused kernels, building TF 1.15's graphs:
softmax_cross_entropy_with_logits (v1: no gradient into labels), _v2, and
sparse_softmax_cross_entropy_with_logits (rank != 2 inputs reshaped to matrices)."""

from tensorflow.python.framework import dtypes
from tensorflow.python.framework import ops
from tensorflow.python.framework import tensor_shape
from tensorflow.python.ops import array_ops
from tensorflow.python.ops import gen_nn_ops
from tensorflow.python.ops import math_ops
from tensorflow.python.util.tf_export import tf_export


def _ensure_xent_args(name, sentinel, labels, logits):
  if sentinel is not None:
    raise ValueError("Only call `%s` with named arguments (labels=..., logits=..., ...)" % name)
  if labels is None or logits is None:
    raise ValueError("Both labels and logits must be provided.")


def _lookup(new_name, new_value, old_name, old_value):
  if new_value is not None:
    if old_value is not None:
      raise ValueError("Cannot specify both '%s' and '%s'" % (old_name, new_name))
    return new_value
  return old_value


def _flatten_outer_dims(logits):
  """Reshapes to [-1, last dim] (the last dim read in the graph), keeping the static shape."""
  rank = array_ops.rank(logits)
  last_dim_size = array_ops.slice(array_ops.shape(logits), [math_ops.subtract(rank, 1)], [1])
  output = array_ops.reshape(logits, array_ops.concat([[-1], last_dim_size], 0))
  shape = logits.get_shape()
  if shape is not None and shape.dims is not None:
    shape = shape.as_list()
    product = 1
    product_valid = True
    for d in shape[:-1]:
      if d is None:
        product_valid = False
        break
      product *= d
    if product_valid:
      output.set_shape([product, shape[-1]])
  return output


def _move_dim_to_end(tensor, dim_index, rank):
  return array_ops.transpose(
      tensor, array_ops.concat([array_ops.range(dim_index),
                                array_ops.range(dim_index + 1, rank), [dim_index]], 0))


@tf_export("nn.softmax_cross_entropy_with_logits_v2")
def softmax_cross_entropy_with_logits_v2(labels, logits, axis=None, name=None, dim=None):
  """Softmax cross entropy between logits and labels along `axis`; gradients reach both."""
  axis = _lookup("axis", axis, "dim", dim)
  if axis is None:
    axis = -1
  with ops.name_scope(name, "softmax_cross_entropy_with_logits", [logits, labels]) as name:
    logits = ops.convert_to_tensor(logits, name="logits")
    labels = ops.convert_to_tensor(labels, name="labels")
    convert_to_float32 = logits.dtype in (dtypes.float16, dtypes.bfloat16)
    precise_logits = math_ops.cast(logits, dtypes.float32) if convert_to_float32 else logits
    labels = math_ops.cast(labels, precise_logits.dtype)
    input_rank = array_ops.rank(precise_logits)
    shape = logits.get_shape()
    if axis != -1:
      precise_logits = _move_dim_to_end(precise_logits, axis, input_rank)
      labels = _move_dim_to_end(labels, axis, input_rank)
    input_shape = array_ops.shape(precise_logits)
    precise_logits = _flatten_outer_dims(precise_logits)
    labels = _flatten_outer_dims(labels)
    cost, _ = gen_nn_ops.softmax_cross_entropy_with_logits(precise_logits, labels, name=name)
    output_shape = array_ops.slice(input_shape, [0], [math_ops.subtract(input_rank, 1)])
    cost = array_ops.reshape(cost, output_shape)
    if shape is not None and shape.dims is not None:
      shape = shape.as_list()
      del shape[axis]
      cost.set_shape(shape)
    if convert_to_float32:
      return math_ops.cast(cost, logits.dtype)
    return cost


@tf_export("nn.softmax_cross_entropy_with_logits")
def softmax_cross_entropy_with_logits(_sentinel=None, labels=None, logits=None, dim=-1,  # pylint: disable=invalid-name
                                      name=None, axis=None):
  """The deprecated TF1 form: like _v2, but no gradient flows into labels."""
  dim = _lookup("axis", axis, "dim", dim)
  _ensure_xent_args("softmax_cross_entropy_with_logits", _sentinel, labels, logits)
  with ops.name_scope(name, "softmax_cross_entropy_with_logits_sg", [logits, labels]) as name:
    labels = array_ops.stop_gradient(labels, name="labels_stop_gradient")
  return softmax_cross_entropy_with_logits_v2(labels=labels, logits=logits, axis=dim,
                                              name=name)


def _assert_equal_shapes(a, b):
  """The dynamic check TF 1.15 adds when static shapes are not fully known."""
  from tensorflow.python.ops import logging_ops  # pylint: disable=g-import-not-at-top
  with ops.name_scope(None, "assert_equal", [a, b]) as name:
    condition = math_ops.reduce_all(math_ops.equal(a, b))
    return logging_ops.Assert(
        condition, ["Condition x == y did not hold element-wise:", "x (%s) = " % a.name, a,
                    "y (%s) = " % b.name, b], name=name)


@tf_export("nn.sparse_softmax_cross_entropy_with_logits")
def sparse_softmax_cross_entropy_with_logits(_sentinel=None, labels=None, logits=None,  # pylint: disable=invalid-name
                                             name=None):
  """Softmax cross entropy with integer class labels; labels has logits' shape minus the last
  dim. An out-of-range label fails at run time with InvalidArgumentError (CPU)."""
  _ensure_xent_args("sparse_softmax_cross_entropy_with_logits", _sentinel, labels, logits)
  with ops.name_scope(name, "SparseSoftmaxCrossEntropyWithLogits", [labels, logits]):
    labels = ops.convert_to_tensor(labels)
    logits = ops.convert_to_tensor(logits)
    precise_logits = (math_ops.cast(logits, dtypes.float32)
                      if logits.dtype == dtypes.float16 else logits)
    labels_static_shape = labels.get_shape()
    labels_shape = array_ops.shape(labels)
    static_shapes_fully_defined = (labels_static_shape.is_fully_defined() and
                                   logits.get_shape()[:-1].is_fully_defined())
    if logits.get_shape().ndims is not None and logits.get_shape().ndims == 0:
      raise ValueError("Logits cannot be scalars - received shape %s." % logits.get_shape())
    if logits.get_shape().ndims is not None and (
        labels_static_shape.ndims is not None and
        labels_static_shape.ndims != logits.get_shape().ndims - 1):
      raise ValueError("Rank mismatch: Rank of labels (received %s) should equal rank of "
                       "logits minus 1 (received %s)." %
                       (labels_static_shape.ndims, logits.get_shape().ndims))
    if (static_shapes_fully_defined and
        labels_static_shape != logits.get_shape()[:-1]):
      raise ValueError("Shape mismatch: The shape of labels (received %s) should equal the "
                       "shape of logits except for the last dimension (received %s)." %
                       (labels_static_shape, logits.get_shape()))
    if logits.get_shape().ndims == 2:
      cost, _ = gen_nn_ops.sparse_softmax_cross_entropy_with_logits(precise_logits, labels,
                                                                     name=name)
      if logits.dtype == dtypes.float16:
        return math_ops.cast(cost, dtypes.float16)
      return cost
    shape_checks = []
    if not static_shapes_fully_defined:
      shape_checks.append(_assert_equal_shapes(array_ops.shape(labels),
                                               array_ops.shape(logits)[:-1]))
    with ops.control_dependencies(shape_checks):
      num_classes = array_ops.shape(logits)[array_ops.rank(logits) - 1]
      precise_logits = array_ops.reshape(precise_logits, [-1, num_classes])
      labels = array_ops.reshape(labels, [-1])
      cost, _ = gen_nn_ops.sparse_softmax_cross_entropy_with_logits(precise_logits, labels,
                                                                     name=name)
      cost = array_ops.reshape(cost, labels_shape)
      cost.set_shape(labels_static_shape)
      if logits.dtype == dtypes.float16:
        return math_ops.cast(cost, dtypes.float16)
      return cost


del tensor_shape
