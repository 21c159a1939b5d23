import numpy as np
import pytest

import tensorflow as tf
from tensorflow.python.framework import dtypes
from tensorflow.python.framework import tensor_shape


def test_dtype_properties():
  assert tf.float32.name == "float32"
  assert tf.float32.as_datatype_enum == 1
  assert tf.float32.as_numpy_dtype is np.float32
  assert tf.half is tf.float16 and tf.double is tf.float64
  assert tf.float32.is_floating and not tf.float32.is_integer
  assert tf.int32.is_integer and not tf.uint8.is_floating and tf.uint8.is_unsigned
  assert tf.complex64.is_complex and tf.complex64.real_dtype == tf.float32
  assert tf.qint8.is_quantized and not tf.qint8.is_integer
  assert tf.bool.is_bool
  assert tf.int8.min == -128 and tf.int8.max == 127
  assert tf.uint16.max == 65535
  assert tf.float64.size == 8 and tf.bfloat16.size == 2
  with pytest.raises(TypeError):
    _ = tf.bool.min


def test_ref_types():
  ref = tf.float32._as_ref
  assert ref.name == "float32_ref"
  assert ref.as_datatype_enum == 101
  assert ref.base_dtype == tf.float32
  assert ref._is_ref_dtype and not tf.float32._is_ref_dtype
  assert tf.float32.is_compatible_with(ref)
  assert not ref.is_compatible_with(tf.float32)


def test_as_dtype():
  assert tf.as_dtype(np.float32) == tf.float32
  assert tf.as_dtype("float") == tf.float32
  assert tf.as_dtype("DT_INT64") == tf.int64
  assert tf.as_dtype(3) == tf.int32
  assert tf.as_dtype(np.dtype("int16")) == tf.int16
  assert tf.as_dtype(bool) == tf.bool
  assert tf.as_dtype(int) == tf.int64
  assert tf.as_dtype(np.dtype("U3")) == tf.string
  assert repr(tf.float32) == "tf.float32"
  assert str(tf.float32) == "<dtype: 'float32'>"
  assert tf.float32 == "float32"
  assert tf.float32 != tf.float64
  with pytest.raises(TypeError, match="Cannot convert value"):
    tf.as_dtype("nope")


def test_dimension():
  d = tensor_shape.Dimension(3)
  assert d.value == 3 and int(d) == 3
  assert (d + 2).value == 5 and (d * tensor_shape.Dimension(None)).value is None
  assert (tensor_shape.Dimension(None) == 3) is None
  assert d.merge_with(None).value == 3
  with pytest.raises(ValueError):
    d.merge_with(4)
  with pytest.raises(TypeError):
    tensor_shape.Dimension(1.5)
  with pytest.raises(ValueError):
    tensor_shape.Dimension(-1)
  assert tf.dimension_value(d) == 3 and tf.dimension_value(7) == 7


def test_tensor_shape():
  s = tf.TensorShape([2, None, 3])
  assert s.ndims == 3 and s.rank == 3
  assert isinstance(s.dims[0], tensor_shape.Dimension)
  assert isinstance(s[0], tensor_shape.Dimension) and s[0].value == 2
  assert s.as_list() == [2, None, 3]
  assert str(s) == "(2, ?, 3)"
  assert not s.is_fully_defined() and s.num_elements() is None
  assert s.merge_with([None, 4, 3]).as_list() == [2, 4, 3]
  with pytest.raises(ValueError):
    s.merge_with([3, None, 3])
  assert s.is_compatible_with([2, 5, 3]) and not s.is_compatible_with([2, 5])
  assert s.concatenate([1]).as_list() == [2, None, 3, 1]
  assert s[1:].as_list() == [None, 3]
  u = tensor_shape.unknown_shape()
  assert u.ndims is None and str(u) == "<unknown>"
  with pytest.raises(ValueError):
    u.as_list()
  assert u.merge_with([1, 2]).as_list() == [1, 2]
  assert tensor_shape.scalar().as_list() == []
  assert tensor_shape.vector(3).as_list() == [3]
  assert tensor_shape.matrix(2, 3).num_elements() == 6
  assert s.with_rank(3) is not None
  with pytest.raises(ValueError):
    s.with_rank(2)
  with pytest.raises(ValueError):
    s.with_rank_at_least(4)
  assert tf.TensorShape([1, 2]) == [1, 2]
  proto = s.as_proto()
  assert [d.size for d in proto.dim] == [2, -1, 3]
  assert tf.TensorShape(proto).as_list() == [2, None, 3]
  assert tensor_shape.unknown_shape().as_proto().unknown_rank
  assert tensor_shape.unknown_shape(rank=2).as_list() == [None, None]


def test_errors_module():
  e = tf.errors.InvalidArgumentError(None, None, "bad")
  assert e.error_code == tf.errors.INVALID_ARGUMENT == 3
  assert e.message == "bad" and str(e) == "bad"
  assert isinstance(e, tf.errors.OpError)
  assert tf.errors.exception_type_from_error_code(5) is tf.errors.NotFoundError
  assert tf.errors.error_code_from_exception_type(tf.errors.OutOfRangeError) == 11
  from tensorflow.python.framework import errors_impl
  exc = errors_impl._make_specific_exception(None, None, "m", 9)
  assert type(exc) is tf.errors.FailedPreconditionError
  from tfclassic import _native
  with pytest.raises(tf.errors.NotFoundError, match="gone"):
    errors_impl.raise_from_status_error(_native.StatusError(5, "gone"))
