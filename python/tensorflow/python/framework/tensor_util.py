"""TensorProto <-> NumPy conversion and static constant folding (tf.make_tensor_proto...)."""

import numpy as np

from tensorflow.core.framework import tensor_pb2
from tensorflow.python.framework import dtypes
from tensorflow.python.framework import tensor_shape
from tensorflow.python.util import compat
from tensorflow.python.util.tf_export import tf_export

# Types whose multi-element protos carry raw bytes in tensor_content.
_TENSOR_CONTENT_TYPES = frozenset([
    dtypes.float32, dtypes.float64, dtypes.int32, dtypes.uint8, dtypes.int16, dtypes.int8,
    dtypes.int64, dtypes.qint8, dtypes.quint8, dtypes.qint16, dtypes.quint16, dtypes.qint32,
    dtypes.uint32, dtypes.uint64,
])


def _flatten(values):
  if isinstance(values, (list, tuple)):
    for v in values:
      for x in _flatten(v):
        yield x
  else:
    yield values


def _dense_dims(values):
  if not isinstance(values, (list, tuple)):
    return []
  if not values:
    return [0]
  return [len(values)] + _dense_dims(values[0])


def _compatible(v, dtype):
  """Whether Python scalar `v` may be stored as `dtype` (TF's literal type checks)."""
  from tensorflow.python.framework import ops  # pylint: disable=g-import-not-at-top
  if isinstance(v, ops.Tensor):
    return False
  if v is None:
    return False
  base = dtype.base_dtype
  if base == dtypes.string:
    return isinstance(v, (bytes, str, np.bytes_, np.str_))
  if isinstance(v, (bytes, str)):
    return False
  if base == dtypes.bool:
    return isinstance(v, (bool, np.bool_))
  if base.is_integer or base.is_quantized:
    return isinstance(v, (int, np.integer)) and not isinstance(v, np.bool_)
  if base.is_floating:
    return isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, np.bool_)
  if base.is_complex:
    return isinstance(v, (int, float, complex, np.number)) and not isinstance(v, np.bool_)
  return True


def _assert_compatible(values, dtype):
  from tensorflow.python.framework import ops  # pylint: disable=g-import-not-at-top
  if dtype is None:
    for v in _flatten(values):
      if isinstance(v, ops.Tensor):
        raise TypeError("Expected any non-tensor type, got a tensor instead.")
    return
  for v in _flatten(values):
    if isinstance(v, np.ndarray):
      continue
    if not _compatible(v, dtype) or not _fits(v, dtype):
      raise TypeError("Expected %s, got %s of type '%s' instead." %
                      (dtype.name, repr(v), type(v).__name__))


def _fits(v, dtype):
  """A Python int must lie in an integer dtype's range, so that convert_to_tensor with a
  preferred int32 falls back to int64 instead of wrapping."""
  base = dtype.base_dtype
  if (isinstance(v, int) and not isinstance(v, bool) and base.is_integer and
      not base.is_quantized):
    return base.min <= v <= base.max
  return True


def _half_bits(arr):
  return arr.view(np.uint16).astype(np.int32)


@tf_export("make_tensor_proto")
def make_tensor_proto(values, dtype=None, shape=None, verify_shape=False,
                      allow_broadcast=False):
  """Creates a TensorProto; Python ints become int32 (int64 when out of range), floats
  float32, NumPy arrays keep their dtype."""
  if allow_broadcast and verify_shape:
    raise ValueError("allow_broadcast and verify_shape are not both allowed.")
  if isinstance(values, tensor_pb2.TensorProto):
    return values
  if dtype is not None:
    dtype = dtypes.as_dtype(dtype)
  is_quantized = dtype is not None and dtype.is_quantized

  if isinstance(values, (np.ndarray, np.generic)):
    if dtype is not None and dtype.is_numpy_compatible and not is_quantized:
      nparray = values.astype(dtype.as_numpy_dtype)
    else:
      nparray = np.asarray(values)
  else:
    if values is None:
      raise ValueError("None values not supported.")
    np_dt = None
    if dtype is not None and not is_quantized:
      np_dt = dtype.as_numpy_dtype
    if shape is not None and np.prod(shape, dtype=np.int64) == 0:
      nparray = np.empty(shape, dtype=np_dt)
    else:
      _assert_compatible(values, dtype)
      if is_quantized:
        nparray = np.array(values, dtype=dtype.as_numpy_dtype.fields[dtype.name][0])
      elif dtype is not None and dtype.base_dtype == dtypes.string:
        nparray = np.array(values, dtype=object)
      else:
        try:
          nparray = np.array(values, dtype=np_dt)
        except ValueError as e:
          raise ValueError("Argument must be a dense tensor: %s - got shape %s, but wanted "
                           "%s." % (values, "?", _dense_dims(values))) from e
      if list(nparray.shape) != _dense_dims(values) and not is_quantized:
        raise ValueError("Argument must be a dense tensor: %s - got shape %s, but wanted %s."
                         % (values, list(nparray.shape), _dense_dims(values)))
    if dtype is None:
      if nparray.dtype == np.float64:
        nparray = nparray.astype(np.float32)
      elif nparray.dtype == np.int64:
        narrowed = nparray.astype(np.int32)
        if np.array_equal(narrowed, nparray):
          nparray = narrowed
      elif nparray.dtype.kind in ("U", "S"):
        nparray = nparray.astype(object)

  if is_quantized:
    numpy_dtype = dtype
  else:
    try:
      numpy_dtype = dtypes.as_dtype(nparray.dtype)
    except TypeError:
      raise TypeError("Unrecognized data type: %s" % nparray.dtype)
    if nparray.dtype == object and numpy_dtype == dtypes.string:
      for v in nparray.flat:
        if not isinstance(v, (bytes, str, np.bytes_, np.str_)):
          raise TypeError("Failed to convert object of type %s to Tensor. Contents: %s. "
                          "Consider casting elements to a supported type." %
                          (type(values), values))
  if dtype is not None and dtype.base_dtype != numpy_dtype.base_dtype:
    raise TypeError("Incompatible types: %s vs. %s. Value is %s" % (dtype, nparray.dtype,
                                                                     values))

  if shape is None:
    shape = nparray.shape
    is_same_size = True
    shape_size = nparray.size
  else:
    shape = [int(dim) for dim in shape]
    shape_size = int(np.prod(shape, dtype=np.int64))
    is_same_size = shape_size == nparray.size
    if allow_broadcast:
      if nparray.shape == (1,) or nparray.shape == tuple():
        pass
      elif nparray.size != shape_size:
        raise TypeError("Expected Tensor's shape: %s, got %s." % (tuple(shape), nparray.shape))
    else:
      if verify_shape and nparray.shape != tuple(shape):
        raise TypeError("Expected Tensor's shape: %s, got %s." % (tuple(shape), nparray.shape))
      if nparray.size > shape_size:
        raise ValueError("Too many elements provided. Needed at most %d, but received %d" %
                         (shape_size, nparray.size))

  proto = tensor_pb2.TensorProto(
      dtype=numpy_dtype.as_datatype_enum,
      tensor_shape=tensor_shape.as_shape(shape).as_proto())

  if is_same_size and numpy_dtype in _TENSOR_CONTENT_TYPES and shape_size > 1:
    if nparray.size * nparray.itemsize >= (1 << 31):
      raise ValueError("Cannot create a tensor proto whose content is larger than 2GB.")
    proto.tensor_content = np.ascontiguousarray(nparray).astype(
        nparray.dtype.newbyteorder("<")).tobytes()
    return proto

  flat = nparray.ravel()
  base = numpy_dtype.base_dtype
  if base == dtypes.string:
    proto.string_val.extend(compat.as_bytes(x) if not isinstance(x, np.bytes_) else bytes(x)
                            for x in flat)
  elif base == dtypes.float32:
    proto.float_val.extend(flat.tolist())
  elif base == dtypes.float64:
    proto.double_val.extend(flat.tolist())
  elif base in (dtypes.float16, dtypes.bfloat16):
    proto.half_val.extend(_half_bits(flat).tolist())
  elif base in (dtypes.int32, dtypes.int16, dtypes.int8, dtypes.uint8, dtypes.uint16):
    proto.int_val.extend(flat.tolist())
  elif base in (dtypes.qint8, dtypes.quint8, dtypes.qint16, dtypes.quint16, dtypes.qint32):
    vals = flat[flat.dtype.names[0]] if flat.dtype.names else flat
    proto.int_val.extend(vals.tolist())
  elif base == dtypes.int64:
    proto.int64_val.extend(flat.tolist())
  elif base == dtypes.uint32:
    proto.uint32_val.extend(flat.tolist())
  elif base == dtypes.uint64:
    proto.uint64_val.extend(flat.tolist())
  elif base == dtypes.bool:
    proto.bool_val.extend(flat.tolist())
  elif base == dtypes.complex64:
    proto.scomplex_val.extend(np.stack([flat.real, flat.imag], -1).ravel().tolist())
  elif base == dtypes.complex128:
    proto.dcomplex_val.extend(np.stack([flat.real, flat.imag], -1).ravel().tolist())
  else:
    raise TypeError("Unsupported dtype for a TensorProto: %s" % numpy_dtype)
  return proto


@tf_export("make_ndarray")
def MakeNdarray(tensor):  # pylint: disable=invalid-name
  """TensorProto -> NumPy array (the last value repeats to fill, as in TF)."""
  shape = [d.size for d in tensor.tensor_shape.dim]
  num_elements = int(np.prod(shape, dtype=np.int64))
  tensor_dtype = dtypes.as_dtype(tensor.dtype)
  if tensor_dtype.base_dtype == dtypes.string:
    vals = list(tensor.string_val)
    dtype = np.dtype(object)
  else:
    dtype = tensor_dtype.as_numpy_dtype
    if tensor.tensor_content:
      return np.frombuffer(tensor.tensor_content,
                           dtype=np.dtype(dtype).newbyteorder("<")).astype(dtype).copy() \
          .reshape(shape)
    base = tensor_dtype.base_dtype
    if base in (dtypes.float16, dtypes.bfloat16):
      vals = np.array(tensor.half_val, dtype=np.uint16).view(dtype)
    elif base == dtypes.float32:
      vals = tensor.float_val
    elif base == dtypes.float64:
      vals = tensor.double_val
    elif base in (dtypes.int32, dtypes.uint8, dtypes.uint16, dtypes.int16, dtypes.int8,
                  dtypes.qint32, dtypes.quint8, dtypes.qint8, dtypes.qint16,
                  dtypes.quint16):
      vals = tensor.int_val
    elif base == dtypes.int64:
      vals = tensor.int64_val
    elif base == dtypes.uint32:
      vals = tensor.uint32_val
    elif base == dtypes.uint64:
      vals = tensor.uint64_val
    elif base == dtypes.bool:
      vals = tensor.bool_val
    elif base == dtypes.complex64:
      it = iter(tensor.scomplex_val)
      vals = [complex(x[0], x[1]) for x in zip(it, it)]
    elif base == dtypes.complex128:
      it = iter(tensor.dcomplex_val)
      vals = [complex(x[0], x[1]) for x in zip(it, it)]
    else:
      raise TypeError("Unsupported tensor type: %s" % tensor.dtype)
  if tensor_dtype.is_quantized:
    out = np.zeros(num_elements, dtype=dtype)
    field = dtype.names[0] if hasattr(dtype, "names") and dtype.names else None
    src = np.array(list(vals))
    if len(src):
      filled = np.concatenate([src, np.repeat(src[-1:], max(0, num_elements - len(src)))])
      out[field] = filled[:num_elements]
    return out.reshape(shape)
  vals = np.array(list(vals) if not isinstance(vals, np.ndarray) else vals, dtype=dtype)
  if len(vals) == 0:
    return np.zeros(shape, dtype=dtype) if dtype != np.dtype(object) else \
        np.full(shape, b"", dtype=object)
  if len(vals) < num_elements:
    vals = np.concatenate([vals, np.repeat(vals[-1:], num_elements - len(vals))])
  return vals[:num_elements].reshape(shape)


def _constant_value(tensor, partial):
  op = tensor.op
  t = op.type
  if t == "Const":
    return MakeNdarray(op.get_attr("value"))
  if t == "Shape":
    shape = op.inputs[0].get_shape()
    if shape.is_fully_defined():
      return np.array(shape.as_list(), dtype=tensor.dtype.as_numpy_dtype)
    return None
  if t == "Size":
    shape = op.inputs[0].get_shape()
    if shape.is_fully_defined():
      return np.array(shape.num_elements(), dtype=tensor.dtype.as_numpy_dtype)
    return None
  if t == "Rank":
    shape = op.inputs[0].get_shape()
    if shape.ndims is not None:
      return np.array(shape.ndims, dtype=np.int32)
    return None
  if t == "Range":
    start = constant_value(op.inputs[0])
    limit = constant_value(op.inputs[1])
    delta = constant_value(op.inputs[2])
    if start is None or limit is None or delta is None:
      return None
    return np.arange(start, limit, delta, dtype=tensor.dtype.as_numpy_dtype)
  if t == "Cast":
    pre = constant_value(op.inputs[0])
    if pre is None:
      return None
    return pre.astype(op.get_attr("DstT").as_numpy_dtype)
  if t in ("Concat", "ConcatV2"):
    if t == "Concat":
      dim_t, values = op.inputs[0], op.inputs[1:]
    else:
      dim_t, values = op.inputs[-1], op.inputs[:-1]
    dim = constant_value(dim_t)
    if dim is None:
      return None
    vals = [constant_value(x) for x in values]
    if any(v is None for v in vals):
      return None
    return np.concatenate(vals, axis=int(dim))
  if t == "Pack":
    vals = [constant_value(x) for x in op.inputs]
    if any(v is None for v in vals):
      return None
    return np.stack(vals, axis=op.get_attr("axis"))
  if t == "Unpack":
    if not op.outputs:
      return None
    value = constant_value(op.inputs[0])
    if value is None:
      return None
    return np.take(value, tensor.value_index, axis=op.get_attr("axis"))
  if t == "Fill":
    fill_shape = tensor.shape
    fill_value = constant_value(op.inputs[1])
    if fill_shape.is_fully_defined() and fill_value is not None:
      return np.full(fill_shape.as_list(), fill_value, dtype=fill_value.dtype)
    return None
  if t in ("Identity", "StopGradient", "Snapshot"):
    return constant_value(op.inputs[0])
  if t == "Equal":
    a = constant_value(op.inputs[0])
    b = constant_value(op.inputs[1])
    if a is None or b is None:
      return None
    return np.equal(a, b)
  return None


@tf_export("get_static_value")
def constant_value(tensor, partial=False):
  """The value of `tensor` if it can be computed at graph-building time, else None."""
  from tensorflow.python.framework import ops  # pylint: disable=g-import-not-at-top
  if isinstance(tensor, np.ndarray):
    return tensor
  if not isinstance(tensor, ops.Tensor):
    raise TypeError("%r is not a Tensor, has type %s" % (tensor, type(tensor)))
  ret = _constant_value(tensor, partial)
  if ret is not None:
    tensor.graph.prevent_feeding(tensor)
  return ret


def constant_value_as_shape(tensor):
  """A (partial) TensorShape from a shape-valued tensor."""
  shape = tensor.get_shape().with_rank(1)
  if shape == [0]:
    return tensor_shape.TensorShape([])
  op = tensor.op
  if op.type == "Shape":
    return op.inputs[0].get_shape()
  if op.type == "Pack":
    dims = []
    for pack_input in op.inputs:
      value = constant_value(pack_input)
      dims.append(None if value is None or value == -1 else int(value))
    return tensor_shape.TensorShape(dims)
  if op.type in ("Concat", "ConcatV2"):
    ret = tensor_shape.TensorShape([])
    inputs = op.inputs[1:] if op.type == "Concat" else op.inputs[:-1]
    for part in inputs:
      ret = ret.concatenate(constant_value_as_shape(part))
    return ret
  ret = tensor_shape.unknown_shape(shape.dims[0].value)
  value = constant_value(tensor)
  if value is not None:
    ret = ret.merge_with(tensor_shape.TensorShape([d if d >= 0 else None for d in value]))
  return ret


def is_tensor(x):
  from tensorflow.python.framework import ops  # pylint: disable=g-import-not-at-top
  return isinstance(x, ops._TensorLike)


tf_export("is_tensor")(is_tensor)
