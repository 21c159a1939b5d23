"""TF 1.15's indexing and diagonal array functions: `tf.gather`, `tf.gather_nd`,
`tf.scatter_nd`, `tf.one_hot`, `tf.reverse`, `tf.broadcast_to`, `tf.broadcast_dynamic_shape`,
`tf.broadcast_static_shape`, `tf.unique`, `tf.invert_permutation`, `tf.matrix_diag` /
`tf.linalg.diag`, `tf.matrix_diag_part`, `tf.matrix_band_part`, `tf.matrix_set_diag`,
`tf.diag`, `tf.diag_part`.

`array_ops` re-exports this module; user code reaches these as `tf.*` or `array_ops.*`.
"""

import numpy as np

from tensorflow.python.framework import dtypes
from tensorflow.python.framework import ops
from tensorflow.python.framework import tensor_shape
from tensorflow.python.framework import tensor_util
from tensorflow.python.ops import gen_array_ops
from tensorflow.python.util.tf_export import tf_export

# What `array_ops` re-exports with `import *`.
__all__ = [
    "gather", "gather_nd", "scatter_nd", "one_hot", "reverse", "reverse_v2", "broadcast_to",
    "broadcast_dynamic_shape", "broadcast_static_shape", "unique", "invert_permutation",
    "matrix_diag", "matrix_diag_part", "matrix_set_diag", "matrix_band_part", "diag",
    "diag_part", "tensor_diag", "tensor_diag_part",
]


def _static_value(x):
  """The build-time value of a Python value or a tensor, or None when it is unknown."""
  if isinstance(x, ops.Tensor):
    return tensor_util.constant_value(x)
  return x


# ---- gather / scatter ----------------------------------------------------------------------

@tf_export("gather")
def gather(params, indices, validate_indices=None, name=None, axis=None, batch_dims=0):
  """Gathers slices of `params` along `axis` (TF 1.15: always the GatherV2 op)."""
  del validate_indices  # Deprecated in TF 1.x: indices are always checked on the CPU.
  if axis is None:
    axis = batch_dims
  axis_value = _static_value(axis)
  if axis_value is None or np.ndim(axis_value) != 0 or int(axis_value) != 0:
    return gen_array_ops.gather_v2(params, indices, axis, batch_dims=batch_dims, name=name)
  # Resource variables gather through their own read op, as in TF.
  sparse_read = getattr(params, "sparse_read", None)
  if sparse_read is not None and not isinstance(params, ops.Tensor):
    try:
      return sparse_read(indices, name=name)
    except (AttributeError, NotImplementedError):
      pass
  return gen_array_ops.gather_v2(params, indices, axis, name=name)


@tf_export("gather_nd", "manip.gather_nd")
def gather_nd(params, indices, name=None, batch_dims=0):
  """Gathers slices of `params` addressed by the innermost dimension of `indices`."""
  batch_dims_value = _static_value(batch_dims)
  if batch_dims_value is not None:
    batch_dims = int(batch_dims_value)
  if batch_dims != 0:
    raise NotImplementedError(
        "tf.gather_nd with batch_dims != 0 is not implemented in tfclassic yet")
  gather_nd_method = getattr(params, "gather_nd", None)
  if gather_nd_method is not None and not isinstance(params, ops.Tensor):
    try:
      return gather_nd_method(indices, name=name)
    except (AttributeError, NotImplementedError):
      pass
  return gen_array_ops.gather_nd(params, indices, name=name)


@tf_export("scatter_nd", "manip.scatter_nd")
def scatter_nd(indices, updates, shape, name=None):
  """A zero tensor of `shape` with `updates` summed in at `indices`."""
  return gen_array_ops.scatter_nd(indices, updates, shape, name=name)


@tf_export("one_hot")
def one_hot(indices, depth, on_value=None, off_value=None, axis=None, dtype=None, name=None):
  """One-hot tensor; the dtype comes from on/off values, else `dtype`, else float32."""
  with ops.name_scope(name, "one_hot",
                      [indices, depth, on_value, off_value, axis, dtype]) as name:
    on_exists = on_value is not None
    off_exists = off_value is not None
    if dtype is not None:
      dtype = dtypes.as_dtype(dtype)
    on_dtype = ops.convert_to_tensor(on_value).dtype.base_dtype if on_exists else None
    off_dtype = ops.convert_to_tensor(off_value).dtype.base_dtype if off_exists else None
    if on_exists or off_exists:
      if dtype is not None:
        if on_exists and on_dtype != dtype:
          raise TypeError("dtype {0} of on_value does not match "
                          "dtype parameter {1}".format(on_dtype, dtype))
        if off_exists and off_dtype != dtype:
          raise TypeError("dtype {0} of off_value does not match "
                          "dtype parameter {1}".format(off_dtype, dtype))
      else:
        dtype = on_dtype if on_exists else off_dtype
    elif dtype is None:
      dtype = dtypes.float32
    if not on_exists:
      on_value = ops.convert_to_tensor(1, dtype, name="on_value")
      on_dtype = dtype
    if not off_exists:
      off_value = ops.convert_to_tensor(0, dtype, name="off_value")
      off_dtype = dtype
    if on_dtype != off_dtype:
      raise TypeError("dtype {0} of on_value does not match "
                      "dtype {1} of off_value".format(on_dtype, off_dtype))
    return gen_array_ops.one_hot(indices, depth, on_value, off_value,
                                 axis=-1 if axis is None else axis, name=name)


# ---- reverse / broadcast / unique / permutation -------------------------------------------

@tf_export("reverse", "reverse_v2", "manip.reverse")
def reverse_v2(tensor, axis, name=None):
  """Reverses the listed axes of `tensor` (the ReverseV2 op)."""
  return gen_array_ops.reverse_v2(tensor, axis, name=name)


reverse = reverse_v2


@tf_export("broadcast_to")
def broadcast_to(input, shape, name=None):  # pylint: disable=redefined-builtin
  return gen_array_ops.broadcast_to(input, shape, name=name)


@tf_export("broadcast_dynamic_shape")
def broadcast_dynamic_shape(shape_x, shape_y):
  """The broadcast of two shape vectors, computed by the BroadcastArgs op."""
  return gen_array_ops.broadcast_args(shape_x, shape_y)


def _broadcast_static_dims(shape_x, shape_y):
  """Broadcast dims of two known-rank TensorShapes, or None if they conflict."""
  dims_x = list(shape_x.dims)
  dims_y = list(shape_y.dims)
  n = max(len(dims_x), len(dims_y))
  dims_x = [tensor_shape.Dimension(1)] * (n - len(dims_x)) + dims_x
  dims_y = [tensor_shape.Dimension(1)] * (n - len(dims_y)) + dims_y
  out = []
  for dx, dy in zip(dims_x, dims_y):
    vx, vy = tensor_shape.dimension_value(dx), tensor_shape.dimension_value(dy)
    if vx is None or vy is None:
      # An unknown dim is assumed to broadcast against a known one greater than 1.
      if vx is not None and vx > 1:
        out.append(vx)
      elif vy is not None and vy > 1:
        out.append(vy)
      else:
        out.append(None)
    elif vx == 1:
      out.append(vy)
    elif vy == 1:
      out.append(vx)
    elif vx == vy:
      out.append(vx)
    else:
      return None
  return out


@tf_export("broadcast_static_shape")
def broadcast_static_shape(shape_x, shape_y):
  """The broadcast of two TensorShapes; ValueError if they are incompatible."""
  shape_x = tensor_shape.as_shape(shape_x)
  shape_y = tensor_shape.as_shape(shape_y)
  if shape_x.ndims is None or shape_y.ndims is None:
    return tensor_shape.unknown_shape()
  dims = _broadcast_static_dims(shape_x, shape_y)
  if dims is None:
    raise ValueError("Incompatible shapes for broadcasting: %s and %s" % (shape_x, shape_y))
  return tensor_shape.TensorShape(dims)


@tf_export("unique")
def unique(x, out_idx=dtypes.int32, name=None):
  """The unique values of 1-D `x` in first-seen order, and each element's index into them."""
  return gen_array_ops.unique(x, out_idx=out_idx, name=name)


@tf_export("invert_permutation", "math.invert_permutation")
def invert_permutation(x, name=None):
  return gen_array_ops.invert_permutation(x, name=name)


# ---- diagonals -----------------------------------------------------------------------------
# TF 1.15 accepts k / num_rows / num_cols / padding_value here but, until its forward
# compatibility window ends, builds the V1 ops and ignores them; so do we.

@tf_export("linalg.diag", "matrix_diag")
def matrix_diag(diagonal, name="diag", k=0, num_rows=-1, num_cols=-1, padding_value=0):
  del k, num_rows, num_cols, padding_value
  return gen_array_ops.matrix_diag(diagonal=diagonal, name=name)


@tf_export("linalg.diag_part", "matrix_diag_part")
def matrix_diag_part(input, name="diag_part", k=0, padding_value=0):  # pylint: disable=redefined-builtin
  del k, padding_value
  return gen_array_ops.matrix_diag_part(input=input, name=name)


@tf_export("linalg.set_diag", "matrix_set_diag")
def matrix_set_diag(input, diagonal, name="set_diag", k=0):  # pylint: disable=redefined-builtin
  del k
  return gen_array_ops.matrix_set_diag(input=input, diagonal=diagonal, name=name)


@tf_export("linalg.band_part", "matrix_band_part")
def matrix_band_part(input, num_lower, num_upper, name=None):  # pylint: disable=redefined-builtin
  return gen_array_ops.matrix_band_part(input, num_lower, num_upper, name=name)


@tf_export("linalg.tensor_diag", "diag")
def diag(diagonal, name=None):
  return gen_array_ops.diag(diagonal, name=name)


@tf_export("linalg.tensor_diag_part", "diag_part")
def diag_part(input, name=None):  # pylint: disable=redefined-builtin
  return gen_array_ops.diag_part(input, name=name)


tensor_diag = diag
tensor_diag_part = diag_part
