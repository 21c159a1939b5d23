"""Checks that `weights` broadcast to `values` (TF 1.15's weights_broadcast_ops).

Static shapes are checked in Python as TF does (a NoOp stands for the passed check). TF's
dynamic check uses tf.cond and set ops; ours computes the same predicate with plain ops
(scalar weights, or equal ranks with every weights dim 1 or equal to the values dim).
"""

from tensorflow.python.framework import ops
from tensorflow.python.framework import tensor_util
from tensorflow.python.ops import array_ops
from tensorflow.python.ops import control_flow_ops
from tensorflow.python.ops import logging_ops
from tensorflow.python.ops import math_ops

_ERROR_PREFIX = "weights can not be broadcast to values."


def _dynamic_is_valid(weights_rank, weights_shape, values_rank, values_shape):
  is_scalar = math_ops.equal(0, weights_rank, name="is_scalar")
  same_rank = math_ops.equal(values_rank, weights_rank, name="is_same_rank")
  # Pad/cut weights' shape to values' rank so the element-wise test never fails on length.
  padded = array_ops.concat([weights_shape, array_ops.ones_like(values_shape)], 0)
  aligned = array_ops.slice(padded, [0], array_ops.reshape(values_rank, [1]))
  dims_ok = math_ops.reduce_all(math_ops.logical_or(math_ops.equal(aligned, 1),
                                                    math_ops.equal(aligned, values_shape)))
  return is_scalar, math_ops.logical_or(is_scalar, math_ops.logical_and(same_rank, dims_ok),
                                        name="is_valid_shape")


def assert_broadcastable(weights, values):
  """An op that checks `weights` can be broadcast to `values`; ValueError when known bad."""
  with ops.name_scope(None, "assert_broadcastable", (weights, values)) as scope:
    with ops.name_scope(None, "weights", (weights,)) as weights_scope:
      weights = ops.convert_to_tensor(weights, name=weights_scope)
      weights_shape = array_ops.shape(weights, name="shape")
      weights_rank = array_ops.rank(weights, name="rank")
    weights_rank_static = tensor_util.constant_value(weights_rank)
    with ops.name_scope(None, "values", (values,)) as values_scope:
      values = ops.convert_to_tensor(values, name=values_scope)
      values_shape = array_ops.shape(values, name="shape")
      values_rank = array_ops.rank(values, name="rank")
    values_rank_static = tensor_util.constant_value(values_rank)

    if weights_rank_static is not None and values_rank_static is not None:
      if weights_rank_static == 0:
        return control_flow_ops.no_op(name="static_scalar_check_success")
      if weights_rank_static != values_rank_static:
        raise ValueError("%s values.rank=%s. weights.rank=%s. values.shape=%s. "
                         "weights.shape=%s." % (_ERROR_PREFIX, values_rank_static,
                                                weights_rank_static, values.shape,
                                                weights.shape))
      weights_shape_static = tensor_util.constant_value(weights_shape)
      values_shape_static = tensor_util.constant_value(values_shape)
      if weights_shape_static is not None and values_shape_static is not None:
        for i in range(len(values_shape_static)):
          if weights_shape_static[i] not in (1, values_shape_static[i]):
            raise ValueError("%s Mismatch at dim %s. values.shape=%s weights.shape=%s." %
                             (_ERROR_PREFIX, i, values_shape_static, weights_shape_static))
        return control_flow_ops.no_op(name="static_dims_check_success")

    is_scalar, is_valid = _dynamic_is_valid(weights_rank, weights_shape, values_rank,
                                            values_shape)
    data = [_ERROR_PREFIX, "weights.shape=", weights.name, weights_shape, "values.shape=",
            values.name, values_shape, "is_scalar=", is_scalar]
    return logging_ops.Assert(is_valid, data, name=scope)


def broadcast_weights(weights, values):
  """`weights` broadcast to the shape of `values` (after checking that it can be)."""
  with ops.name_scope(None, "broadcast_weights", (weights, values)) as scope:
    values = ops.convert_to_tensor(values, name="values")
    weights = ops.convert_to_tensor(weights, dtype=values.dtype.base_dtype, name="weights")
    weights_shape = weights.get_shape()
    values_shape = values.get_shape()
    if (weights_shape.is_fully_defined() and values_shape.is_fully_defined() and
        weights_shape.is_compatible_with(values_shape)):
      return weights
    with ops.control_dependencies((assert_broadcastable(weights, values),)):
      return math_ops.multiply(weights, array_ops.ones_like(values), name=scope)

