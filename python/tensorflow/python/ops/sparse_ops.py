"""TF 1.15 sparse helpers over SparseTensor: placeholders, to_dense / from_dense, reorder, reshape,
transpose, expand_dims, eye, retain, fill_empty_rows, reduce_sum and sparse x dense matmul, with
their ops' gradients."""

import numpy as np

from tensorflow.python.framework import dtypes
from tensorflow.python.framework import ops
from tensorflow.python.framework import sparse_tensor
from tensorflow.python.framework import tensor_shape
from tensorflow.python.framework import tensor_util
from tensorflow.python.ops import array_ops
from tensorflow.python.ops import gen_sparse_ops
from tensorflow.python.ops import math_ops
from tensorflow.python.util.tf_export import tf_export


def _convert_to_sparse_tensor(sp_input):
  if isinstance(sp_input, sparse_tensor.SparseTensorValue):
    return sparse_tensor.SparseTensor.from_value(sp_input)
  if not isinstance(sp_input, sparse_tensor.SparseTensor):
    raise TypeError("Input must be a SparseTensor.")
  return sp_input


def _normalize_sparse_shape(shape, name):
  """(dense_shape tensor or None, rank or None) for sparse_placeholder's `shape`."""
  if shape is None:
    return (None, None)
  rank = shape.get_shape()[0] if isinstance(shape, ops.Tensor) else len(shape)
  if not isinstance(shape, ops.Tensor) and None in shape:
    return (None, rank)
  return (ops.convert_to_tensor(shape, dtype=dtypes.int64, name=name), rank)


@tf_export("sparse.placeholder", "sparse_placeholder")
def sparse_placeholder(dtype, shape=None, name=None):
  """A SparseTensor of placeholders (values, indices and, unless `shape` is fully given, the
  dense shape), fed with a SparseTensorValue or an (indices, values, dense_shape) tuple."""
  shape_name = (name + "/shape") if name is not None else None
  shape, rank = _normalize_sparse_shape(shape, shape_name)
  if shape is None:
    shape = array_ops.placeholder(dtypes.int64, shape=[rank], name=shape_name)
  return sparse_tensor.SparseTensor(
      values=array_ops.placeholder(
          dtype, shape=[None], name=(name + "/values") if name is not None else None),
      indices=array_ops.placeholder(
          dtypes.int64, shape=[None, rank],
          name=(name + "/indices") if name is not None else None),
      dense_shape=shape)


@tf_export("sparse.to_dense", "sparse_tensor_to_dense")
def sparse_tensor_to_dense(sp_input, default_value=0, validate_indices=True, name=None):
  """The dense tensor of sp_input, `default_value` where it has no value."""
  sp_input = _convert_to_sparse_tensor(sp_input)
  return gen_sparse_ops.sparse_to_dense(sp_input.indices, sp_input.dense_shape,
                                        sp_input.values, default_value=default_value,
                                        validate_indices=validate_indices, name=name)


@tf_export("sparse.reorder", "sparse_reorder")
def sparse_reorder(sp_input, name=None):
  """sp_input with its entries in canonical row-major order."""
  sp_input = _convert_to_sparse_tensor(sp_input)
  reordered_ind, reordered_val = gen_sparse_ops.sparse_reorder(
      sp_input.indices, sp_input.values, sp_input.dense_shape, name=name)
  if sp_input.get_shape().is_fully_defined():
    dense_shape = sp_input.get_shape().as_list()
  else:
    dense_shape = array_ops.identity(sp_input.dense_shape)
  return sparse_tensor.SparseTensor(reordered_ind, reordered_val, dense_shape)


@ops.RegisterGradient("SparseReorder")
def _SparseReorderGrad(op, unused_output_indices_grad, output_values_grad):
  """Routes each reordered value's gradient back to the entry it came from."""
  input_indices = op.inputs[0]
  input_shape = op.inputs[2]
  num_entries = array_ops.shape(input_indices)[0]
  entry_indices = array_ops.range(num_entries)
  sp_unordered = sparse_tensor.SparseTensor(input_indices, entry_indices, input_shape)
  sp_ordered = sparse_reorder(sp_unordered)
  inverted_permutation = array_ops.invert_permutation(sp_ordered.values)
  return (None, array_ops.gather(output_values_grad, inverted_permutation), None)


@tf_export("sparse.retain", "sparse_retain")
def sparse_retain(sp_input, to_retain):
  """The entries of sp_input where the bool vector to_retain is true."""
  sp_input = _convert_to_sparse_tensor(sp_input)
  to_retain = ops.convert_to_tensor(to_retain)
  retain_shape = to_retain.get_shape()
  retain_shape.assert_has_rank(1)
  if sp_input.values.get_shape().dims is not None:
    sp_input.values.get_shape().dims[0].merge_with(
        tensor_shape.dimension_at_index(retain_shape, 0))
  where_true = array_ops.reshape(math_ops.where(to_retain), [-1])
  new_indices = array_ops.gather(sp_input.indices, where_true)
  new_values = array_ops.gather(sp_input.values, where_true)
  return sparse_tensor.SparseTensor(new_indices, new_values,
                                    array_ops.identity(sp_input.dense_shape))


@tf_export("sparse.from_dense")
def from_dense(tensor, name=None):
  """The SparseTensor of the non-zero entries of a dense tensor."""
  with ops.name_scope(name, "dense_to_sparse"):
    tensor = ops.convert_to_tensor(tensor)
    indices = math_ops.where(math_ops.not_equal(tensor, array_ops.zeros_like(tensor)))
    values = array_ops.gather_nd(tensor, indices)
    shape = array_ops.shape(tensor, out_type=dtypes.int64)
    return sparse_tensor.SparseTensor(indices, values, shape)


@tf_export("sparse.sparse_dense_matmul", "sparse.matmul", "sparse_tensor_dense_matmul")
def sparse_tensor_dense_matmul(sp_a, b, adjoint_a=False, adjoint_b=False, name=None):
  """op(sp_a) * op(b) for a rank-2 SparseTensor sp_a and a dense matrix b."""
  sp_a = _convert_to_sparse_tensor(sp_a)
  with ops.name_scope(name, "SparseTensorDenseMatMul", [sp_a.indices, sp_a.values, b]) as name:
    b = ops.convert_to_tensor(b, name="b")
    return gen_sparse_ops.sparse_tensor_dense_mat_mul(
        a_indices=sp_a.indices, a_values=sp_a.values, a_shape=sp_a.dense_shape, b=b,
        adjoint_a=adjoint_a, adjoint_b=adjoint_b)


@ops.RegisterGradient("SparseTensorDenseMatMul")
def _SparseTensorDenseMatMulGrad(op, grad):
  """Gradients into a_values (one dot product per entry) and into b (A^T * grad)."""
  a_indices, a_values, a_shape = op.inputs[:3]
  b = op.inputs[3]
  adj_a = op.get_attr("adjoint_a")
  adj_b = op.get_attr("adjoint_b")
  a_type = a_values.dtype.base_dtype
  b_type = b.dtype.base_dtype
  if a_type != b_type:
    raise TypeError("SparseTensorDenseMatMul op received operands with different types: ",
                    a_type, " and ", b_type)
  if a_type in (dtypes.complex64, dtypes.complex128):
    raise NotImplementedError("SparseTensorDenseMatMul op does not support complex gradients.")
  b_grad = gen_sparse_ops.sparse_tensor_dense_mat_mul(a_indices, a_values, a_shape, grad,
                                                      adjoint_a=not adj_a)
  if adj_b:
    b_grad = array_ops.transpose(b_grad)
  rows = a_indices[:, 0]
  cols = a_indices[:, 1]
  parts_a = array_ops.gather(grad, rows if not adj_a else cols)
  parts_b = array_ops.gather(b if not adj_b else array_ops.transpose(b),
                             cols if not adj_a else rows)
  a_values_grad = math_ops.reduce_sum(parts_a * parts_b, axis=1)
  return (None, a_values_grad, None, b_grad)


@tf_export("sparse.reshape", "sparse_reshape")
def sparse_reshape(sp_input, shape, name=None):
  """sp_input with the same entries laid out in `shape` (row-major, one dim may be -1)."""
  sp_input = _convert_to_sparse_tensor(sp_input)
  shape = math_ops.cast(shape, dtype=dtypes.int64)
  with ops.name_scope(name, "SparseReshape", [sp_input]) as name:
    reshaped_ind, reshaped_shape = gen_sparse_ops.sparse_reshape(
        sp_input.indices, sp_input.dense_shape, shape, name=name)
    reshaped_shape_const = tensor_util.constant_value(shape)
    if reshaped_shape_const is not None and sp_input.get_shape().is_fully_defined():
      reshaped_shape_const = np.array(reshaped_shape_const)
      num_implied = sum((dim == -1) for dim in reshaped_shape_const)
      if num_implied > 1:
        raise ValueError("At most one dimension can be inferred (-1). Found: %s" %
                         reshaped_shape_const)
      original_reshaped_shape = [int(d) for d in reshaped_shape_const]
      in_shape_size = np.prod(sp_input.get_shape().as_list())
      if num_implied:
        implied_idx = original_reshaped_shape.index(-1)
        non_implied_idx = (original_reshaped_shape[:implied_idx] +
                           original_reshaped_shape[implied_idx + 1:])
        reshaped_shape_const[implied_idx] = in_shape_size // np.prod(non_implied_idx)
      reshaped_size = np.prod(reshaped_shape_const)
      if reshaped_size != in_shape_size:
        raise ValueError("Cannot reshape a tensor with %d elements to shape %s (%d elements)." %
                         (in_shape_size, original_reshaped_shape, reshaped_size))
      reshaped_shape = reshaped_shape_const
    return sparse_tensor.SparseTensor(reshaped_ind, array_ops.identity(sp_input.values),
                                      reshaped_shape)


@tf_export("sparse.fill_empty_rows", "sparse_fill_empty_rows")
def sparse_fill_empty_rows(sp_input, default_value, name=None):
  """(sp_input with a [row, 0, ...] = default_value entry in each empty row, bool vector of
  the rows that were empty)."""
  sp_input = _convert_to_sparse_tensor(sp_input)
  with ops.name_scope(name, "SparseFillEmptyRows", [sp_input]):
    default_value = ops.convert_to_tensor(default_value, dtype=sp_input.values.dtype)
    (output_indices, output_values, empty_row_indicator,
     unused_reverse_index_map) = gen_sparse_ops.sparse_fill_empty_rows(
         indices=sp_input.indices, values=sp_input.values, dense_shape=sp_input.dense_shape,
         default_value=default_value)
    return (sparse_tensor.SparseTensor(indices=output_indices, values=output_values,
                                       dense_shape=sp_input.dense_shape),
            empty_row_indicator)


ops.NotDifferentiable("SparseReshape")


@ops.RegisterGradient("SparseFillEmptyRows")
def _SparseFillEmptyRowsGrad(op, unused_grad_output_indices, output_grad_values,
                             unused_grad_empty_row_indicator, unused_grad_reverse_index_map):
  reverse_index_map = op.outputs[3]
  d_values, d_default_value = gen_sparse_ops.sparse_fill_empty_rows_grad(
      reverse_index_map=reverse_index_map, grad_values=output_grad_values)
  return [None, d_values, None, d_default_value]


@tf_export("sparse.reduce_sum", "sparse_reduce_sum")
def sparse_reduce_sum(sp_input, axis=None, keepdims=None, reduction_axes=None, keep_dims=None):
  """The dense sum of sp_input over `axis` (all dims by default)."""
  if keepdims is not None and keep_dims is not None:
    raise ValueError("Cannot specify both 'keepdims' and 'keep_dims'")
  if keepdims is None:
    keepdims = keep_dims
  if keepdims is None:
    keepdims = False
  sp_input = _convert_to_sparse_tensor(sp_input)
  return gen_sparse_ops.sparse_reduce_sum(sp_input.indices, sp_input.values,
                                          sp_input.dense_shape,
                                          _reduction_dims(sp_input, axis, reduction_axes),
                                          keepdims)


def _reduction_dims(sp_input, axis, reduction_axes):
  """`axis`, or every dim of sp_input (a Const when its rank is known statically)."""
  if reduction_axes is not None:
    if axis is not None:
      raise ValueError("Can't specify both axis' and 'reduction_axes'.")
    axis = reduction_axes
  if axis is not None:
    return axis
  if sp_input.dense_shape.shape.is_fully_defined():
    rank = sp_input.dense_shape.shape.dims[0].value
    return ops.convert_to_tensor(np.arange(rank, dtype=np.int32))
  return array_ops.range(0, array_ops.size(sp_input.dense_shape))


@ops.RegisterGradient("SparseReduceSum")
def _SparseReduceSumGrad(op, out_grad):
  """Each entry's gradient is the output gradient at its kept coordinates."""
  from tensorflow.python.ops import math_grad  # pylint: disable=g-import-not-at-top
  sp_indices = op.inputs[0]
  sp_shape = op.inputs[2]
  # TF's reduced_shape casts the int64 dense shape to int32 first.
  output_shape_kept_dims = math_grad.reduced_shape(math_ops.cast(sp_shape, dtypes.int32),
                                                   op.inputs[3])
  out_grad_reshaped = array_ops.reshape(out_grad, output_shape_kept_dims)
  scale = sp_shape // math_ops.cast(output_shape_kept_dims, dtypes.int64)
  return (None, array_ops.gather_nd(out_grad_reshaped, sp_indices // scale), None, None)


@tf_export("sparse.transpose", "sparse_transpose")
def sparse_transpose(sp_input, perm=None, name=None):
  """sp_input with its dims permuted by `perm` (reversed by default), reordered."""
  with ops.name_scope(name, "SparseTranspose", [sp_input]) as name:
    if perm is None:
      rank = array_ops.size(sp_input.dense_shape)
      perm = (rank - 1) - array_ops.range(0, rank, 1)
    indices = sp_input.indices
    transposed_indices = array_ops.transpose(
        array_ops.gather(array_ops.transpose(indices), perm))
    perm_ = tensor_util.constant_value(ops.convert_to_tensor(perm))
    if perm_ is not None and sp_input.get_shape().is_fully_defined():
      old_shape_ = sp_input.get_shape().as_list()
      transposed_dense_shape = list(old_shape_)
      for i, p in enumerate(perm_):
        transposed_dense_shape[i] = old_shape_[p]
    else:
      transposed_dense_shape = array_ops.gather(sp_input.dense_shape, perm)
    transposed_st = sparse_tensor.SparseTensor(transposed_indices, sp_input.values,
                                               transposed_dense_shape)
    return sparse_reorder(transposed_st)


@tf_export("sparse.expand_dims")
def sparse_expand_dims(sp_input, axis=None, name=None):
  """sp_input with a size-1 dim inserted at `axis` (last by default)."""
  rank = sp_input.dense_shape.get_shape()[0]
  axis = -1 if axis is None else axis
  with ops.name_scope(name, default_name="expand_dims", values=[sp_input]):
    if isinstance(axis, (int, np.integer)):
      axis = ops.convert_to_tensor(axis, name="axis", dtype=dtypes.int32)
    elif not isinstance(axis, ops.Tensor):
      raise TypeError("axis must be an int or a Tensor, got %s" % type(axis))
    axis = math_ops.where(axis >= 0, axis, axis + rank + 1)
    column_size = array_ops.shape(sp_input.indices)[0]
    new_index = array_ops.zeros([column_size, 1], dtype=dtypes.int64)
    indices_before = array_ops.slice(sp_input.indices, [0, 0], [-1, axis])
    indices_after = array_ops.slice(sp_input.indices, [0, axis], [-1, -1])
    indices = array_ops.concat([indices_before, new_index, indices_after], axis=1)
    shape_before = array_ops.slice(sp_input.dense_shape, [0], [axis])
    shape_after = array_ops.slice(sp_input.dense_shape, [axis], [-1])
    new_shape = ops.convert_to_tensor([1], name="new_shape", dtype=dtypes.int64)
    shape = array_ops.concat([shape_before, new_shape, shape_after], axis=0)
    return sparse_tensor.SparseTensor(indices=indices, values=sp_input.values, dense_shape=shape)


def _make_int64_tensor(value, name):
  if isinstance(value, (int, np.integer)):
    return ops.convert_to_tensor(value, name=name, dtype=dtypes.int64)
  if not isinstance(value, ops.Tensor):
    raise TypeError("{} must be an integer value".format(name))
  if value.dtype == dtypes.int64:
    return value
  return math_ops.cast(value, dtypes.int64)


@tf_export("sparse.eye")
def sparse_eye(num_rows, num_columns=None, dtype=dtypes.float32, name=None):
  """A [num_rows, num_columns] SparseTensor with ones on the diagonal."""
  with ops.name_scope(name, default_name="eye", values=[num_rows, num_columns]):
    num_rows = _make_int64_tensor(num_rows, "num_rows")
    num_columns = num_rows if num_columns is None else _make_int64_tensor(num_columns,
                                                                          "num_columns")
    diag_size = math_ops.minimum(num_rows, num_columns)
    diag_range = array_ops.range(diag_size, dtype=dtypes.int64)
    return sparse_tensor.SparseTensor(indices=array_ops.stack([diag_range, diag_range], axis=1),
                                      values=array_ops.ones(diag_size, dtype=dtype),
                                      dense_shape=[num_rows, num_columns])
