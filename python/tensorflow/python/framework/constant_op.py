"""tf.constant and the conversion of Python/NumPy values (and shapes) to Const ops."""

import numpy as np

from tensorflow.core.framework import attr_value_pb2
from tensorflow.python.framework import dtypes
from tensorflow.python.framework import ops
from tensorflow.python.framework import tensor_conversion_registry
from tensorflow.python.framework import tensor_shape
from tensorflow.python.framework import tensor_util
from tensorflow.python.util.tf_export import tf_export


def _constant_impl(value, dtype, shape, name, verify_shape, allow_broadcast):
  g = ops.get_default_graph()
  tensor_value = attr_value_pb2.AttrValue()
  tensor_value.tensor.CopyFrom(tensor_util.make_tensor_proto(
      value, dtype=dtype, shape=shape, verify_shape=verify_shape,
      allow_broadcast=allow_broadcast))
  dtype_value = attr_value_pb2.AttrValue(type=tensor_value.tensor.dtype)
  return g.create_op("Const", [], [dtypes.as_dtype(dtype_value.type)],
                     attrs={"value": tensor_value, "dtype": dtype_value},
                     name=name).outputs[0]


@tf_export("constant")
def constant(value, dtype=None, shape=None, name="Const", verify_shape=False):
  return _constant_impl(value, dtype, shape, name, verify_shape=verify_shape,
                        allow_broadcast=False)


def constant_v2(value, dtype=None, shape=None, name="Const"):
  return _constant_impl(value, dtype, shape, name, verify_shape=False, allow_broadcast=True)


def is_constant(tensor_or_op):
  op = tensor_or_op.op if isinstance(tensor_or_op, ops.Tensor) else tensor_or_op
  return op.type == "Const"


def _constant_tensor_conversion_function(v, dtype=None, name=None, as_ref=False):
  del as_ref
  return constant(v, dtype=dtype, name=name)


tensor_conversion_registry.register_tensor_conversion_function(
    (list, tuple), _constant_tensor_conversion_function, 100)
tensor_conversion_registry.register_tensor_conversion_function(
    object, _constant_tensor_conversion_function, 200)


def _tensor_shape_tensor_conversion_function(s, dtype=None, name=None, as_ref=False):
  del as_ref
  if not s.is_fully_defined():
    raise ValueError("Cannot convert a partially known TensorShape to a Tensor: %s" % s)
  s_list = s.as_list()
  int64_value = 0
  for dim in s_list:
    if dim >= 2**31:
      int64_value = dim
      break
  if dtype is not None:
    if dtype not in (dtypes.int32, dtypes.int64):
      raise TypeError("Cannot convert a TensorShape to dtype: %s" % dtype)
    if dtype == dtypes.int32 and int64_value:
      raise ValueError("Cannot convert a TensorShape to dtype int32; a dimension is too large "
                       "(%s)" % int64_value)
  else:
    dtype = dtypes.int64 if int64_value else dtypes.int32
  if name is None:
    name = "shape_as_tensor"
  return constant(s_list, dtype=dtype, name=name)


tensor_conversion_registry.register_tensor_conversion_function(
    tensor_shape.TensorShape, _tensor_shape_tensor_conversion_function, 100)


def _dimension_tensor_conversion_function(d, dtype=None, name=None, as_ref=False):
  del as_ref
  if d.value is None:
    raise ValueError("Cannot convert an unknown Dimension to a Tensor: %s" % d)
  if dtype is not None:
    if dtype not in (dtypes.int32, dtypes.int64):
      raise TypeError("Cannot convert a TensorShape to dtype: %s" % dtype)
  else:
    dtype = dtypes.int32
  if name is None:
    name = "shape_as_tensor"
  return constant(d.value, dtype=dtype, name=name)


tensor_conversion_registry.register_tensor_conversion_function(
    tensor_shape.Dimension, _dimension_tensor_conversion_function, 100)
del np
