"""TF 1.15's core array functions: `tf.reshape`, `tf.shape`, `tf.concat`, `tf.stack`,
`tf.split`, `tf.slice`, `tf.strided_slice`, `tf.zeros`, `tf.ones`, `tf.fill`, `tf.range`,
`tf.pad`, `tf.placeholder`, `tf.identity`, ... and the Tensor `[]` operator.

Each function builds the same ops, with the same names, as TF 1.15's graph mode does (for
example `tf.zeros` of a small static shape is one Const, `tf.shape` of a fully known shape is a
Const). Lists that contain tensors convert to tensors through a Pack ("autopacking").
"""

import builtins
import numbers
import sys

import numpy as np

from tensorflow.python.framework import constant_op
from tensorflow.python.framework import dtypes
from tensorflow.python.framework import ops
from tensorflow.python.framework import tensor_conversion_registry
from tensorflow.python.framework import tensor_shape
from tensorflow.python.framework import tensor_util
from tensorflow.python.ops import gen_array_ops
from tensorflow.python.ops import gen_math_ops
from tensorflow.python.util.tf_export import tf_export

_BaseSlice = slice  # the builtin, before `slice` below shadows it

newaxis = None
tf_export("newaxis").export_constant(__name__, "newaxis")

constant = constant_op.constant


def _deprecated_argument_lookup(new_name, new_value, old_name, old_value):
  if old_value is not None:
    if new_value is not None:
      raise ValueError("Cannot specify both '%s' and '%s'" % (old_name, new_name))
    return old_value
  return new_value


def _cast(x, dtype):
  from tensorflow.python.ops import math_ops  # math_ops imports this module.
  return math_ops.cast(x, dtype)


# ---- shapes --------------------------------------------------------------------------------

@tf_export("reshape", "manip.reshape")
def reshape(tensor, shape, name=None):
  return gen_array_ops.reshape(tensor, shape, name=name)


@tf_export("shape")
def shape(input, name=None, out_type=dtypes.int32):  # pylint: disable=redefined-builtin
  return shape_internal(input, name, optimize=True, out_type=out_type)


def shape_internal(input, name=None, optimize=True, out_type=dtypes.int32):  # pylint: disable=redefined-builtin
  """Shape of `input`; a Const when it is fully known at graph-build time."""
  with ops.name_scope(name, "Shape", [input]) as name:
    input_tensor = ops.convert_to_tensor(input)
    input_shape = input_tensor.get_shape()
    if optimize and input_shape.is_fully_defined():
      return constant(input_shape.as_list(), out_type, name=name)
    return gen_array_ops.shape(input_tensor, name=name, out_type=out_type)


@tf_export("shape_n")
def shape_n(input, out_type=dtypes.int32, name=None):  # pylint: disable=redefined-builtin
  return gen_array_ops.shape_n(input, out_type=out_type, name=name)


@tf_export("size")
def size(input, name=None, out_type=dtypes.int32):  # pylint: disable=redefined-builtin
  return size_internal(input, name, optimize=True, out_type=out_type)


def size_internal(input, name=None, optimize=True, out_type=dtypes.int32):  # pylint: disable=redefined-builtin
  with ops.name_scope(name, "Size", [input]) as name:
    input_tensor = ops.convert_to_tensor(input)
    input_shape = input_tensor.get_shape()
    if optimize:
      if input_shape.is_fully_defined():
        return constant(input_shape.num_elements(), out_type, name=name)
      if input_shape.dims and any(tensor_shape.dimension_value(d) == 0 for d in input_shape.dims):
        return constant(0, out_type, name=name)
    return gen_array_ops.size(input_tensor, name=name, out_type=out_type)


@tf_export("rank")
def rank(input, name=None):  # pylint: disable=redefined-builtin
  return rank_internal(input, name, optimize=True)


def rank_internal(input, name=None, optimize=True):  # pylint: disable=redefined-builtin
  with ops.name_scope(name, "Rank", [input]) as name:
    input_tensor = ops.convert_to_tensor(input)
    input_shape = input_tensor.get_shape()
    if optimize and input_shape.ndims is not None:
      return constant(input_shape.ndims, dtypes.int32, name=name)
    return gen_array_ops.rank(input_tensor, name=name)


@tf_export("expand_dims")
def expand_dims(input, axis=None, name=None, dim=None):  # pylint: disable=redefined-builtin
  axis = _deprecated_argument_lookup("axis", axis, "dim", dim)
  if axis is None:
    raise ValueError("Must specify an axis argument to tf.expand_dims()")
  return gen_array_ops.expand_dims(input, axis, name=name)


@tf_export("squeeze")
def squeeze(input, axis=None, name=None, squeeze_dims=None):  # pylint: disable=redefined-builtin
  axis = _deprecated_argument_lookup("axis", axis, "squeeze_dims", squeeze_dims)
  if np.isscalar(axis):
    axis = [axis]
  return gen_array_ops.squeeze(input, axis=[] if axis is None else list(axis),
                               name=name)


@tf_export("transpose")
def transpose(a, perm=None, name="transpose", conjugate=False):
  with ops.name_scope(name, "transpose", [a]) as name:
    a = ops.convert_to_tensor(a, name="a")
    if conjugate and a.dtype.is_complex:
      transpose_fn = gen_array_ops.conjugate_transpose
    else:
      transpose_fn = gen_array_ops.transpose
    if perm is not None:
      return transpose_fn(a, perm, name=name)
    if not a.get_shape().ndims:
      rank_t = gen_array_ops.rank(a)
      perm = (rank_t - 1) - gen_math_ops.range(0, rank_t, 1)
    else:
      ndims = a.get_shape().ndims
      perm = (ndims - 1) - np.arange(ndims)
    ret = transpose_fn(a, perm, name=name)
    # The reversed permutation is not a constant the shape function can read.
    input_shape = ret.op.inputs[0].get_shape().dims
    if input_shape is not None:
      ret.set_shape(input_shape[::-1])
    return ret


@tf_export("linalg.transpose", "linalg.matrix_transpose", "matrix_transpose")
def matrix_transpose(a, name="matrix_transpose", conjugate=False):
  with ops.name_scope(name, values=[a]):
    a = ops.convert_to_tensor(a, name="a")
    a_shape = a.get_shape()
    ndims = a_shape.ndims
    if ndims is not None:
      if ndims < 2:
        raise ValueError("Argument 'a' should be a (batch) matrix, with rank >= 2.  Found: %s"
                         % a_shape)
      perm = list(builtins.range(ndims - 2)) + [ndims - 1] + [ndims - 2]
    else:
      a_rank = rank(a)
      perm = concat((gen_math_ops.range(0, a_rank - 2, 1), [a_rank - 1, a_rank - 2]), 0)
    return transpose(a, perm=perm, conjugate=conjugate)


# ---- joining and splitting -----------------------------------------------------------------

@tf_export("concat")
def concat(values, axis, name="concat"):
  if not isinstance(values, (list, tuple)):
    values = [values]
  if len(values) == 1:
    # One tensor: still check that axis is an int32 scalar, then pass the tensor through.
    with ops.name_scope(name) as scope:
      ops.convert_to_tensor(axis, name="concat_dim",
                            dtype=dtypes.int32).get_shape().assert_has_rank(0)
      return identity(values[0], name=name)
  return gen_array_ops.concat_v2(values=values, axis=axis, name=name)


@tf_export("stack")
def stack(values, axis=0, name="stack"):
  if axis == 0:
    try:
      # A list of constants converts to one Const.
      return ops.convert_to_tensor(values, name=name)
    except (TypeError, ValueError):
      pass
  value_shape = ops.convert_to_tensor(values[0], name=name)._shape_tuple()  # pylint: disable=protected-access
  if value_shape is not None:
    expanded_num_dims = len(value_shape) + 1
    if axis < -expanded_num_dims or axis >= expanded_num_dims:
      raise ValueError("axis = %d not in [%d, %d)" % (axis, -expanded_num_dims,
                                                      expanded_num_dims))
  return gen_array_ops.pack(values, axis=axis, name=name)


@tf_export("unstack")
def unstack(value, num=None, axis=0, name="unstack"):
  if num is None:
    value = ops.convert_to_tensor(value)
    value_shape = value.get_shape()
    if value_shape.ndims is not None:
      if axis < -value_shape.ndims or axis >= value_shape.ndims:
        raise ValueError("axis = %d not in [%d, %d)" % (axis, -value_shape.ndims,
                                                        value_shape.ndims))
      num = tensor_shape.dimension_value(value_shape.dims[axis])
    if num is None:
      raise ValueError("Cannot infer num from shape %s" % value_shape)
  return gen_array_ops.unpack(value, num=num, axis=axis, name=name)


@tf_export("split")
def split(value, num_or_size_splits, axis=0, num=None, name="split"):
  size_splits = ops.convert_to_tensor(num_or_size_splits)
  if isinstance(num_or_size_splits, (numbers.Integral, tensor_shape.Dimension)) and \
      not isinstance(num_or_size_splits, bool):
    return gen_array_ops.split(axis, value, int(num_or_size_splits), name=name)
  if size_splits._rank() == 0:  # pylint: disable=protected-access
    raise ValueError("Rank-0 tensors are not supported as the num_or_size_splits argument "
                     "to split. Argument provided: %s" % (num_or_size_splits,))
  if num is None:
    size_splits_shape = size_splits._shape_tuple()  # pylint: disable=protected-access
    if size_splits_shape:
      num = size_splits_shape[0]
    if num is None:
      raise ValueError("Cannot infer num from shape %s" % num_or_size_splits)
  return gen_array_ops.split_v(value, size_splits, axis, num, name=name)


# ---- slicing -------------------------------------------------------------------------------

@tf_export("slice")
def slice(input_, begin, size, name=None):  # pylint: disable=redefined-builtin
  return gen_array_ops.slice(input_, begin, size, name=name)


@tf_export("strided_slice")
def strided_slice(input_, begin, end, strides=None, begin_mask=0, end_mask=0, ellipsis_mask=0,
                  new_axis_mask=0, shrink_axis_mask=0, var=None, name=None):
  if strides is None:
    strides = ones_like(begin)
  op = gen_array_ops.strided_slice(
      input_, begin, end, strides, begin_mask=begin_mask, end_mask=end_mask,
      ellipsis_mask=ellipsis_mask, new_axis_mask=new_axis_mask,
      shrink_axis_mask=shrink_axis_mask, name=name)
  if var is not None:
    parent_name = name

    def assign(val, name=None):
      """`var[...].assign(val)`: a StridedSliceAssign on the variable's ref."""
      if name is None:
        name = parent_name + "_assign"
      return var._strided_slice_assign(  # pylint: disable=protected-access
          begin=begin, end=end, strides=strides, value=val, name=name,
          begin_mask=begin_mask, end_mask=end_mask, ellipsis_mask=ellipsis_mask,
          new_axis_mask=new_axis_mask, shrink_axis_mask=shrink_axis_mask)

    op.assign = assign
  return op


_SUPPORTED_SLICE_DTYPES = (dtypes.int32, dtypes.int64)
_SLICE_TYPE_ERROR = ("Only integers, slices (`:`), ellipsis (`...`), tf.newaxis (`None`) and "
                     "scalar tf.int32/tf.int64 tensors are valid indices")


def _check_index(idx):
  """Raises TypeError unless idx can be a strided-slice index."""
  if isinstance(idx, (numbers.Integral, tensor_shape.Dimension)) and not isinstance(idx, bool):
    return
  dtype = getattr(idx, "dtype", None)
  if (dtype is None or dtypes.as_dtype(dtype).base_dtype not in _SUPPORTED_SLICE_DTYPES or
      (idx.shape is not None and len(idx.shape) == 1)):
    raise TypeError(_SLICE_TYPE_ERROR + ", got {!r}".format(idx))


def _is_undefined_dimension(d):
  # Python 2 spelled an open end as sys.maxsize; TF masks it like None.
  if isinstance(d, int) and not isinstance(d, bool) and d == sys.maxsize:
    return True
  return isinstance(d, tensor_shape.Dimension) and d.value is None


def _slice_helper(tensor, slice_spec, var=None):
  """`tensor[slice_spec]`: one StridedSlice whose masks encode the Python index."""
  if isinstance(slice_spec, bool) or \
      (isinstance(slice_spec, ops.Tensor) and slice_spec.dtype == dtypes.bool) or \
      (isinstance(slice_spec, np.ndarray) and slice_spec.dtype == bool):
    return boolean_mask(tensor=tensor, mask=slice_spec)
  if not isinstance(slice_spec, (list, tuple)):
    slice_spec = [slice_spec]

  begin, end, strides = [], [], []
  index = 0
  new_axis_mask, shrink_axis_mask = 0, 0
  begin_mask, end_mask = 0, 0
  ellipsis_mask = 0
  for s in slice_spec:
    if isinstance(s, _BaseSlice):
      if s.start is not None and not _is_undefined_dimension(s.start):
        _check_index(s.start)
        begin.append(s.start)
      else:
        begin.append(0)
        begin_mask |= (1 << index)
      if s.stop is not None and not _is_undefined_dimension(s.stop):
        _check_index(s.stop)
        end.append(s.stop)
      else:
        end.append(0)
        end_mask |= (1 << index)
      if s.step is not None and not _is_undefined_dimension(s.step):
        _check_index(s.step)
        strides.append(s.step)
      else:
        strides.append(1)
    elif s is Ellipsis:
      begin.append(0)
      end.append(0)
      strides.append(1)
      ellipsis_mask |= (1 << index)
    elif s is newaxis:
      begin.append(0)
      end.append(0)
      strides.append(1)
      new_axis_mask |= (1 << index)
    else:
      _check_index(s)
      begin.append(s)
      end.append(s + 1)
      strides.append(1)
      shrink_axis_mask |= (1 << index)
    index += 1

  with ops.name_scope(None, "strided_slice", [tensor] + begin + end + strides) as name:
    if begin:
      packed_begin, packed_end, packed_strides = (stack(begin), stack(end), stack(strides))
      if (packed_begin.dtype == dtypes.int64 or packed_end.dtype == dtypes.int64 or
          packed_strides.dtype == dtypes.int64):
        if packed_begin.dtype != dtypes.int64:
          packed_begin = gen_math_ops.cast(packed_begin, dtypes.int64)
        if packed_end.dtype != dtypes.int64:
          packed_end = gen_math_ops.cast(packed_end, dtypes.int64)
        if packed_strides.dtype != dtypes.int64:
          packed_strides = gen_math_ops.cast(packed_strides, dtypes.int64)
    else:
      var_empty = constant([], dtype=dtypes.int32)
      packed_begin = packed_end = packed_strides = var_empty
    return strided_slice(tensor, packed_begin, packed_end, packed_strides,
                         begin_mask=begin_mask, end_mask=end_mask,
                         shrink_axis_mask=shrink_axis_mask, new_axis_mask=new_axis_mask,
                         ellipsis_mask=ellipsis_mask, var=var, name=name)


ops.Tensor._override_operator("__getitem__", _slice_helper)  # pylint: disable=protected-access


def _SliceHelperVar(var, slice_spec):  # pylint: disable=invalid-name
  """`variable[slice_spec]`: slices the variable's value; the result can `.assign()`."""
  return _slice_helper(var.value(), slice_spec, var)


# ---- constants and generators ----------------------------------------------------------------

@tf_export("fill")
def fill(dims, value, name=None):
  return gen_array_ops.fill(dims, value, name=name)


def _constant_if_small(value, shape, dtype, name):
  try:
    if np.prod(shape) < 1000:
      return constant(value, shape=shape, dtype=dtype, name=name)
  except (TypeError, NotImplementedError):
    pass  # shape holds tensors
  return None


def _filled(value_for_dtype, shape, dtype, name, default_name):
  dtype = dtypes.as_dtype(dtype).base_dtype
  with ops.name_scope(name, default_name, [shape]) as name:
    value = value_for_dtype(dtype)
    if not isinstance(shape, ops.Tensor):
      try:
        # Small results are one Const; big ones a Fill, so GraphDefs stay small.
        output = _constant_if_small(value, shape, dtype, name)
        if output is not None:
          return output
        shape = constant_op._tensor_shape_tensor_conversion_function(  # pylint: disable=protected-access
            tensor_shape.TensorShape(shape))
      except (TypeError, ValueError):
        shape = ops.convert_to_tensor(shape, dtype=dtypes.int32)
    if not shape._shape_tuple():  # pylint: disable=protected-access
      shape = reshape(shape, [-1])  # Ensure it's a vector
    output = fill(shape, constant(value, dtype=dtype), name=name)
  assert output.dtype.base_dtype == dtype
  return output


@tf_export("zeros")
def zeros(shape, dtype=dtypes.float32, name=None):
  def zero(dt):
    if dt == dtypes.bool:
      return False
    if dt == dtypes.string:
      return ""
    return 0
  return _filled(zero, shape, dtype, name, "zeros")


@tf_export("ones")
def ones(shape, dtype=dtypes.float32, name=None):
  return _filled(lambda dt: True if dt == dtypes.bool else 1, shape, dtype, name, "ones")


@tf_export("zeros_like")
def zeros_like(tensor, dtype=None, name=None, optimize=True):
  with ops.name_scope(name, "zeros_like", [tensor]) as name:
    tensor = ops.convert_to_tensor(tensor, name="tensor")
    if optimize and tensor.shape.is_fully_defined() and tensor.dtype != dtypes.variant:
      # The value does not depend on the input once the shape is static.
      return zeros(tensor.shape, dtype=dtype or tensor.dtype, name=name)
    if dtype is not None and dtype != tensor.dtype and dtype != dtypes.variant:
      return zeros(shape_internal(tensor, optimize=optimize), dtype=dtype, name=name)
    return gen_array_ops.zeros_like(tensor, name=name)


@tf_export("ones_like")
def ones_like(tensor, dtype=None, name=None, optimize=True):
  with ops.name_scope(name, "ones_like", [tensor]) as name:
    tensor = ops.convert_to_tensor(tensor, name="tensor")
    ones_shape = shape_internal(tensor, optimize=optimize)
    if dtype is None:
      dtype = tensor.dtype
    ret = ones(ones_shape, dtype=dtype, name=name)
    ret.set_shape(tensor.get_shape())
    return ret


@tf_export("eye", "linalg.eye")
def eye(num_rows, num_columns=None, batch_shape=None, dtype=dtypes.float32, name=None):
  """Identity matrix (batch): MatrixDiag of ones, or MatrixSetDiag on zeros if not square."""
  with ops.name_scope(name, default_name="eye", values=[num_rows, num_columns, batch_shape]):
    is_square = num_columns is None
    batch_shape = [] if batch_shape is None else batch_shape
    num_columns = num_rows if num_columns is None else num_columns
    if isinstance(num_rows, ops.Tensor) or isinstance(num_columns, ops.Tensor):
      diag_size = gen_math_ops.minimum(num_rows, num_columns)
    else:
      if not isinstance(num_rows, numbers.Integral) or \
          not isinstance(num_columns, numbers.Integral):
        raise TypeError("num_rows and num_columns must be positive integer values.")
      is_square = num_rows == num_columns
      diag_size = np.minimum(num_rows, num_columns)
    if isinstance(batch_shape, ops.Tensor) or isinstance(diag_size, ops.Tensor):
      batch_shape = ops.convert_to_tensor(batch_shape, name="shape", dtype=dtypes.int32)
      diag_shape = concat((batch_shape, [diag_size]), axis=0)
      if not is_square:
        shape_ = concat((batch_shape, [num_rows, num_columns]), axis=0)
    else:
      batch_shape = list(batch_shape)
      diag_shape = batch_shape + [diag_size]
      if not is_square:
        shape_ = batch_shape + [num_rows, num_columns]
    diag_ones = ones(diag_shape, dtype=dtype)
    # tf.linalg.diag / tf.linalg.set_diag, whose default names are "diag" / "set_diag".
    if is_square:
      return matrix_diag(diag_ones)
    zero_matrix = zeros(shape_, dtype=dtype)
    return matrix_set_diag(zero_matrix, diag_ones)


_RANGE_DTYPES = [dtypes.int32, dtypes.int64, dtypes.float32, dtypes.float64]


@tf_export("range")
def range(start, limit=None, delta=1, dtype=None, name="range"):  # pylint: disable=redefined-builtin
  if limit is None:
    start, limit = 0, start
  with ops.name_scope(name, "Range", [start, limit, delta]) as name:
    start = ops.convert_to_tensor(start, dtype=dtype, name="start")
    limit = ops.convert_to_tensor(limit, dtype=dtype, name="limit")
    delta = ops.convert_to_tensor(delta, dtype=dtype, name="delta")
    if dtype is None:
      # The widest of the three in int32 < int64 < float32 < float64.
      for arg in (start, limit, delta):
        if arg.dtype not in _RANGE_DTYPES:
          raise TypeError("Range arguments must be int32, int64, float32 or float64, got %s"
                          % arg.dtype.name)
      inferred = max([arg.dtype for arg in (start, limit, delta)], key=_RANGE_DTYPES.index)
      start = _cast(start, inferred)
      limit = _cast(limit, inferred)
      delta = _cast(delta, inferred)
    return gen_math_ops.range(start, limit, delta, name=name)


@tf_export("lin_space", "linspace")
def lin_space(start, stop, num, name=None):
  return gen_math_ops.lin_space(start, stop, num, name=name)


linspace = lin_space


@tf_export("tile", "manip.tile")
def tile(input, multiples, name=None):  # pylint: disable=redefined-builtin
  return gen_array_ops.tile(input, multiples, name=name)


def _get_paddings_constant(paddings):
  if isinstance(paddings, ops.Tensor):
    return tensor_util.constant_value(paddings, partial=True)
  return paddings


@tf_export("pad")
def pad(tensor, paddings, mode="CONSTANT", name=None, constant_values=0):
  mode = mode.upper()
  if mode == "CONSTANT":
    if not tensor_util.is_tensor(constant_values) and np.all(constant_values == 0):
      result = gen_array_ops.pad(tensor, paddings, name=name)
    else:
      result = gen_array_ops.pad_v2(tensor, paddings, constant_values, name=name)
  elif mode == "REFLECT":
    result = gen_array_ops.mirror_pad(tensor, paddings, mode="REFLECT", name=name)
  elif mode == "SYMMETRIC":
    result = gen_array_ops.mirror_pad(tensor, paddings, mode="SYMMETRIC", name=name)
  else:
    raise ValueError("Unknown padding mode: %s" % mode)
  # Partially known paddings still fix some output dims.
  paddings_constant = _get_paddings_constant(paddings)
  input_shape = result.op.inputs[0].shape
  if (input_shape.ndims is not None and not result.shape.is_fully_defined() and
      paddings_constant is not None):
    new_shape = []
    for padding, dim in zip(paddings_constant, input_shape.as_list()):
      if padding is None or dim is None or any(x is None for x in padding):
        new_shape.append(None)
      else:
        new_shape.append(int(sum(padding)) + dim)
    result.set_shape(new_shape)
  return result


@tf_export("meshgrid")
def meshgrid(*args, **kwargs):
  """N-D coordinate grids; "xy" indexing swaps the first two output dims, as NumPy does."""
  indexing = kwargs.pop("indexing", "xy")
  name = kwargs.pop("name", "meshgrid")
  if kwargs:
    key = list(kwargs.keys())[0]
    raise TypeError("'{}' is an invalid keyword argument for this function".format(key))
  if indexing not in ("xy", "ij"):
    raise ValueError("indexing parameter must be either 'xy' or 'ij'")
  with ops.name_scope(name, "meshgrid", args) as name:
    ndim = len(args)
    s0 = (1,) * ndim
    output = []
    for i, x in enumerate(args):
      output.append(reshape(stack(x), (s0[:i] + (-1,) + s0[i + 1::])))
    shapes = [size(x) for x in args]
    output_dtype = ops.convert_to_tensor(args[0]).dtype.base_dtype
    if indexing == "xy" and ndim > 1:
      output[0] = reshape(output[0], (1, -1) + (1,) * (ndim - 2))
      output[1] = reshape(output[1], (-1, 1) + (1,) * (ndim - 2))
      shapes[0], shapes[1] = shapes[1], shapes[0]
    mult_fact = ones(shapes, output_dtype)
    return [gen_math_ops.mul(x, mult_fact) for x in output]


# ---- pass-through ops ------------------------------------------------------------------------

@tf_export("identity")
def identity(input, name=None):  # pylint: disable=redefined-builtin
  ret = gen_array_ops.identity(input, name=name)
  if hasattr(input, "_handle_data"):
    ret._handle_data = input._handle_data  # pylint: disable=protected-access
  return ret


@tf_export("identity_n")
def identity_n(input, name=None):  # pylint: disable=redefined-builtin
  return gen_array_ops.identity_n(input, name=name)


@tf_export("stop_gradient")
def stop_gradient(input, name=None):  # pylint: disable=redefined-builtin
  return gen_array_ops.stop_gradient(input, name=name)


@tf_export("placeholder")
def placeholder(dtype, shape=None, name=None):
  return gen_array_ops.placeholder(dtype=dtype, shape=shape, name=name)


@tf_export("placeholder_with_default")
def placeholder_with_default(input, shape, name=None):  # pylint: disable=redefined-builtin
  return gen_array_ops.placeholder_with_default(input, shape, name=name)


# ---- masks -----------------------------------------------------------------------------------

def _all_dimensions(x):
  if isinstance(x, ops.Tensor) and x.get_shape().ndims is not None:
    return constant(np.arange(x.get_shape().ndims), dtype=dtypes.int32)
  return gen_math_ops.range(0, rank(x), 1)


@tf_export("sequence_mask")
def sequence_mask(lengths, maxlen=None, dtype=dtypes.bool, name=None):
  with ops.name_scope(name, "SequenceMask", [lengths, maxlen]):
    lengths = ops.convert_to_tensor(lengths)
    if maxlen is None:
      maxlen = gen_math_ops.max(lengths, _all_dimensions(lengths))
      maxlen = gen_math_ops.maximum(constant(0, maxlen.dtype), maxlen)
    else:
      maxlen = ops.convert_to_tensor(maxlen)
    if maxlen.get_shape().ndims is not None and maxlen.get_shape().ndims != 0:
      raise ValueError("maxlen must be scalar for sequence_mask")
    # [0 .. maxlen) as a row, compared with the lengths as a column.
    row_vector = gen_math_ops.range(constant(0, maxlen.dtype), maxlen,
                                    constant(1, maxlen.dtype))
    matrix = gen_math_ops.cast(expand_dims(lengths, -1), maxlen.dtype)
    result = gen_math_ops.less(row_vector, matrix)
    if dtype is None or result.dtype.base_dtype == dtypes.as_dtype(dtype).base_dtype:
      return result
    return gen_math_ops.cast(result, dtype)


@tf_export("boolean_mask")
def boolean_mask(tensor, mask, name="boolean_mask", axis=None):
  """Entries of `tensor` where `mask` is true (Where + GatherV2 over the flattened mask dims)."""
  from tensorflow.python.ops import _array_ops_gather  # pylint: disable=g-import-not-at-top

  def _apply_mask_1d(reshaped_tensor, mask, axis=None):
    indices = squeeze(gen_array_ops.where(mask), axis=[1])
    return _array_ops_gather.gather(reshaped_tensor, indices, axis=axis)

  with ops.name_scope(name, values=[tensor, mask]):
    tensor = ops.convert_to_tensor(tensor, name="tensor")
    mask = ops.convert_to_tensor(mask, name="mask")
    shape_mask = mask.get_shape()
    ndims_mask = shape_mask.ndims
    shape_tensor = tensor.get_shape()
    if ndims_mask == 0:
      raise ValueError("mask cannot be scalar.")
    if ndims_mask is None:
      raise ValueError("Number of mask dimensions must be specified, even if some dimensions"
                       " are None.  E.g. shape=[None] is ok, but shape=None is not.")
    axis = 0 if axis is None else axis
    shape_tensor[axis:axis + ndims_mask].assert_is_compatible_with(shape_mask)

    leading_size = gen_math_ops.prod(shape(tensor)[axis:axis + ndims_mask], [0])
    tensor = reshape(tensor, concat([shape(tensor)[:axis], [leading_size],
                                     shape(tensor)[axis + ndims_mask:]], 0))
    first_dim = shape_tensor[axis:axis + ndims_mask].num_elements()
    tensor.set_shape(
        tensor_shape.as_shape(shape_tensor[:axis]).concatenate([first_dim]).concatenate(
            shape_tensor[axis + ndims_mask:]))
    mask = reshape(mask, [-1])
    return _apply_mask_1d(tensor, mask, axis)


# ---- autopacking: lists holding tensors convert through Pack ---------------------------------

def _get_dtype_from_nested_lists(list_or_tuple):
  for elem in list_or_tuple:
    if isinstance(elem, ops.Tensor):
      return elem.dtype.base_dtype
    if isinstance(elem, (list, tuple)):
      maybe_dtype = _get_dtype_from_nested_lists(elem)
      if maybe_dtype is not None:
        return maybe_dtype
  return None


def _cast_nested_seqs_to_dtype(dtype):
  def _maybe_cast(elem):
    if isinstance(elem, ops.Tensor) and dtype != elem.dtype.base_dtype:
      elem = gen_math_ops.cast(elem, dtype)
    return elem
  return _maybe_cast


def _map_nested(fn, v):
  if isinstance(v, (list, tuple)):
    return type(v)(_map_nested(fn, e) for e in v)
  return fn(v)


def _autopacking_helper(list_or_tuple, dtype, name):
  must_pack = False
  converted_elems = []
  with ops.name_scope(name) as scope:
    for i, elem in enumerate(list_or_tuple):
      if isinstance(elem, ops.Tensor):
        if dtype is not None and elem.dtype.base_dtype != dtype:
          raise TypeError("Cannot convert a list containing a tensor of dtype %s to %s "
                          "(Tensor is: %r)" % (elem.dtype, dtype, elem))
        converted_elems.append(elem)
        must_pack = True
      elif isinstance(elem, (list, tuple)):
        converted_elem = _autopacking_helper(elem, dtype, str(i))
        if isinstance(converted_elem, ops.Tensor):
          must_pack = True
        converted_elems.append(converted_elem)
      else:
        converted_elems.append(elem)
    if must_pack:
      elems_as_tensors = []
      for i, elem in enumerate(converted_elems):
        if isinstance(elem, ops.Tensor):
          elems_as_tensors.append(elem)
        else:
          elems_as_tensors.append(constant(elem, dtype=dtype, name=str(i)))
      return gen_array_ops.pack(elems_as_tensors, name=scope)
    return converted_elems


_NON_AUTOPACKABLE_TYPES = set(np.sctypeDict.values()) | {int, float, complex, bool, str, bytes,
                                                          np.ndarray}


def _should_not_autopack(v):
  def flat(x):
    if isinstance(x, (list, tuple)):
      for e in x:
        yield from flat(e)
    else:
      yield x
  return all(type(elem) in _NON_AUTOPACKABLE_TYPES for elem in flat(v))


def _autopacking_conversion_function(v, dtype=None, name=None, as_ref=False):
  if as_ref or _should_not_autopack(v):
    return NotImplemented
  inferred_dtype = _get_dtype_from_nested_lists(v)
  if inferred_dtype is None:
    return NotImplemented  # no tensors inside: a plain constant
  if dtype is None:
    dtype = inferred_dtype
  elif dtype != inferred_dtype:
    v = _map_nested(_cast_nested_seqs_to_dtype(dtype), v)
  return _autopacking_helper(v, dtype, name or "packed")


tensor_conversion_registry.register_tensor_conversion_function(
    (list, tuple), _autopacking_conversion_function, 99)


# Gather/scatter/where/reverse/broadcast/unique/matrix functions live in their own module and
# are re-exported here, as TF has them all in array_ops.
from tensorflow.python.ops._array_ops_gather import *  # pylint: disable=wildcard-import,g-import-not-at-top,g-bad-import-order
from tensorflow.python.ops import _array_ops_gather as _gather_module  # pylint: disable=g-import-not-at-top,g-bad-import-order
for _name in ("where", "gather", "matrix_diag", "matrix_set_diag", "one_hot", "reverse"):
  if hasattr(_gather_module, _name):
    globals()[_name] = getattr(_gather_module, _name)
