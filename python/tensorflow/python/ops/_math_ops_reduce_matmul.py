"""TF 1.15's matrix products, reductions, arg-reductions and scans (`tf.matmul`,
`tf.reduce_sum` ..., `tf.argmax`, `tf.cumsum`, `tf.count_nonzero`).

Re-exported by `math_ops` (`from ..._math_ops_reduce_matmul import *`), where TF 1.15 has them.
The functions build the same ops, with the same attrs, as TF 1.15's graph mode does.
"""

import numpy as np

from tensorflow.python.framework import constant_op
from tensorflow.python.framework import dtypes
from tensorflow.python.framework import ops
from tensorflow.python.ops import gen_array_ops
from tensorflow.python.ops import gen_math_ops
from tensorflow.python.util.tf_export import tf_export

__all__ = [
    "matmul", "reduce_sum", "reduce_sum_v1", "reduce_mean", "reduce_mean_v1", "reduce_prod",
    "reduce_prod_v1", "reduce_max", "reduce_max_v1", "reduce_min", "reduce_min_v1",
    "reduce_all", "reduce_all_v1", "reduce_any", "reduce_any_v1", "reduce_logsumexp",
    "reduce_logsumexp_v1", "argmax", "argmax_v2", "argmin", "argmin_v2", "cumsum", "cumprod",
    "count_nonzero", "count_nonzero_v2", "_ReductionDims", "_may_reduce_to_scalar",
]


def _gen(module, *names):
  """The generated wrapper under the first of `names` that exists (TF hides some as `_sum`)."""
  for n in names:
    f = getattr(module, n, None)
    if f is not None:
      return f
  raise AttributeError("%s has none of %s" % (module.__name__, ", ".join(names)))


def _deprecated_argument_lookup(new_name, new_value, old_name, old_value):
  if old_value is not None:
    if new_value is not None:
      raise ValueError("Cannot specify both '%s' and '%s'" % (old_name, new_name))
    return old_value
  return new_value


def _conj(x):
  # math_ops.conj: the identity for real tensors, a Conj op for complex ones.
  from tensorflow.python.ops import math_ops  # pylint: disable=g-import-not-at-top
  conj = getattr(math_ops, "conj", None)
  if conj is not None:
    return conj(x)
  if x.dtype.is_complex:
    return gen_math_ops.conj(x)
  return x


# ---- matmul --------------------------------------------------------------------------------

@tf_export("linalg.matmul", "matmul")
def matmul(a, b, transpose_a=False, transpose_b=False, adjoint_a=False, adjoint_b=False,
           a_is_sparse=False, b_is_sparse=False, name=None):
  """Multiplies matrix `a` by matrix `b`; rank > 2 inputs use BatchMatMulV2 (broadcasting)."""
  with ops.name_scope(name, "MatMul", [a, b]) as name:
    if transpose_a and adjoint_a:
      raise ValueError("Only one of transpose_a and adjoint_a can be True.")
    if transpose_b and adjoint_b:
      raise ValueError("Only one of transpose_b and adjoint_b can be True.")
    a = ops.convert_to_tensor(a, name="a")
    b = ops.convert_to_tensor(b, name="b")
    a_shape = a._shape_tuple()  # pylint: disable=protected-access
    b_shape = b._shape_tuple()  # pylint: disable=protected-access
    if (not a_is_sparse and not b_is_sparse) and (
        (a_shape is None or len(a_shape) > 2) or (b_shape is None or len(b_shape) > 2)):
      # BatchMatMul has no transpose attrs: conjugate and adjoint instead (Conj is a no-op
      # for real types).
      if transpose_a:
        a = _conj(a)
        adjoint_a = True
      if transpose_b:
        b = _conj(b)
        adjoint_b = True
      return gen_math_ops.batch_mat_mul_v2(a, b, adj_x=adjoint_a, adj_y=adjoint_b, name=name)
    # MatMul has no adjoint attrs: conjugate and transpose instead.
    if adjoint_a:
      a = _conj(a)
      transpose_a = True
    if adjoint_b:
      b = _conj(b)
      transpose_b = True
    # a_is_sparse/b_is_sparse only pick TF's SparseMatMul kernel, a speed hint: MatMul computes
    # the same product.
    return gen_math_ops.mat_mul(a, b, transpose_a=transpose_a, transpose_b=transpose_b,
                                name=name)


# ---- reductions ----------------------------------------------------------------------------

def _ReductionDims(x, axis, reduction_indices=None):  # pylint: disable=invalid-name
  """`axis`, or every dim of x: a Const when x's rank is known, else Range(0, Rank(x))."""
  if reduction_indices is not None:
    if axis is not None:
      raise ValueError("Can't specify both axis' and 'reduction_indices'.")
    axis = reduction_indices
  if axis is not None:
    return axis
  if isinstance(x, ops.Tensor):
    rank = x.shape.ndims
    if rank is not None:
      return constant_op.constant(np.arange(rank, dtype=np.int32))
  # TF 1.15 builds this with tf.range (nodes range/start, range/delta, range).
  from tensorflow.python.ops import array_ops  # pylint: disable=g-import-not-at-top
  return array_ops.range(0, array_ops.rank(x), 1)


def _may_reduce_to_scalar(keepdims, axis, output):
  """A full reduction is a scalar even when the input's shape was unknown."""
  if (not output.shape.is_fully_defined()) and (not keepdims) and axis is None:
    output.set_shape(())
  return output


def _as_tensor_if_unranked(x):
  # TF reads the rank from a Tensor only; other values become a Tensor first so that the
  # reduction dims are a Const, as TF's converted input would give.
  if isinstance(x, ops.Tensor):
    return x
  return ops.convert_to_tensor(x, name="input")


def _make_reduction(gen_names, doc):
  def reduce_v2(input_tensor, axis=None, keepdims=False, name=None):
    keepdims = False if keepdims is None else keepdims
    input_tensor = _as_tensor_if_unranked(input_tensor)
    return _may_reduce_to_scalar(
        keepdims, axis,
        _gen(gen_math_ops, *gen_names)(input_tensor, _ReductionDims(input_tensor, axis),
                                       keep_dims=keepdims, name=name))

  def reduce_v1(input_tensor, axis=None, keepdims=None, name=None, reduction_indices=None,
                keep_dims=None):
    axis = _deprecated_argument_lookup("axis", axis, "reduction_indices", reduction_indices)
    keepdims = _deprecated_argument_lookup("keepdims", keepdims, "keep_dims", keep_dims)
    return reduce_v2(input_tensor, axis, keepdims, name)

  reduce_v2.__doc__ = doc
  reduce_v1.__doc__ = doc
  return reduce_v2, reduce_v1


reduce_sum, reduce_sum_v1 = _make_reduction(("_sum", "sum"), "Sum of elements across dims.")
reduce_mean, reduce_mean_v1 = _make_reduction(("mean",), "Mean of elements across dims.")
reduce_prod, reduce_prod_v1 = _make_reduction(("prod",), "Product of elements across dims.")
reduce_max, reduce_max_v1 = _make_reduction(("_max", "max"), "Maximum across dims.")
reduce_min, reduce_min_v1 = _make_reduction(("_min", "min"), "Minimum across dims.")
reduce_all, reduce_all_v1 = _make_reduction(("_all", "all"), "Logical and across dims.")
reduce_any, reduce_any_v1 = _make_reduction(("_any", "any"), "Logical or across dims.")
for _v2, _v1, _name in ((reduce_sum, reduce_sum_v1, "reduce_sum"),
                        (reduce_mean, reduce_mean_v1, "reduce_mean"),
                        (reduce_prod, reduce_prod_v1, "reduce_prod"),
                        (reduce_max, reduce_max_v1, "reduce_max"),
                        (reduce_min, reduce_min_v1, "reduce_min"),
                        (reduce_all, reduce_all_v1, "reduce_all"),
                        (reduce_any, reduce_any_v1, "reduce_any")):
  _v2.__name__ = _name
  _v1.__name__ = _name + "_v1"
  tf_export("math." + _name, _name)(_v1)
del _v2, _v1, _name


def reduce_logsumexp(input_tensor, axis=None, keepdims=False, name=None):
  """log(sum(exp(x))) across dims, shifted by the (finite) max for stability."""
  keepdims = False if keepdims is None else keepdims
  input_tensor = ops.convert_to_tensor(input_tensor)
  with ops.name_scope(name, "ReduceLogSumExp", [input_tensor]) as name:
    raw_max = reduce_max(input_tensor, axis=axis, keepdims=True)
    my_max = gen_array_ops.stop_gradient(
        gen_math_ops.select(gen_math_ops.is_finite(raw_max), raw_max,
                            gen_array_ops.zeros_like(raw_max)))
    result = gen_math_ops.log(
        reduce_sum(gen_math_ops.exp(gen_math_ops.sub(input_tensor, my_max)), axis,
                   keepdims=keepdims))
    if not keepdims:
      my_max = gen_array_ops.reshape(my_max, gen_array_ops.shape(result))
    result = gen_math_ops.add(result, my_max)
    return _may_reduce_to_scalar(keepdims, axis, result)


@tf_export("math.reduce_logsumexp", "reduce_logsumexp")
def reduce_logsumexp_v1(input_tensor, axis=None, keepdims=None, name=None,
                        reduction_indices=None, keep_dims=None):
  axis = _deprecated_argument_lookup("axis", axis, "reduction_indices", reduction_indices)
  keepdims = _deprecated_argument_lookup("keepdims", keepdims, "keep_dims", keep_dims)
  return reduce_logsumexp(input_tensor, axis, keepdims, name)


@tf_export("math.count_nonzero", "count_nonzero")
def count_nonzero(input_tensor=None, axis=None, keepdims=None, dtype=dtypes.int64, name=None,
                  reduction_indices=None, keep_dims=None, input=None):  # pylint: disable=redefined-builtin
  input_tensor = _deprecated_argument_lookup("input", input, "input_tensor", input_tensor)
  axis = _deprecated_argument_lookup("axis", axis, "reduction_indices", reduction_indices)
  keepdims = _deprecated_argument_lookup("keepdims", keepdims, "keep_dims", keep_dims)
  return count_nonzero_v2(input_tensor, axis, keepdims, dtype, name)


def count_nonzero_v2(input, axis=None, keepdims=None, dtype=dtypes.int64, name=None):  # pylint: disable=redefined-builtin
  """Number of non-zero elements across dims, as NotEqual -> Cast(int64) -> Sum -> Cast."""
  if keepdims is None:
    keepdims = False
  with ops.name_scope(name, "count_nonzero", [input]):
    input = ops.convert_to_tensor(input, name="input")
    if input.dtype == dtypes.string:
      zero_value = b""
    elif input.dtype == dtypes.bool:
      zero_value = False
    else:
      zero_value = 0
    zero = constant_op.constant(zero_value, dtype=input.dtype, name="zeros")
    nonzero = gen_math_ops.cast(gen_math_ops.not_equal(input, zero), DstT=dtypes.int64,
                                name="Cast")
    counted = reduce_sum(nonzero, axis=axis, keepdims=keepdims)
    dtype = dtypes.as_dtype(dtype)
    if counted.dtype == dtype:
      return counted
    return gen_math_ops.cast(counted, DstT=dtype, name="Cast_1")


# ---- arg-reductions ------------------------------------------------------------------------

def argmax_v2(input, axis=None, output_type=dtypes.int64, name=None):  # pylint: disable=redefined-builtin
  if axis is None:
    axis = 0
  return gen_math_ops.arg_max(input, axis, name=name, output_type=output_type)


def argmin_v2(input, axis=None, output_type=dtypes.int64, name=None):  # pylint: disable=redefined-builtin
  if axis is None:
    axis = 0
  return gen_math_ops.arg_min(input, axis, name=name, output_type=output_type)


@tf_export("math.argmax", "argmax")
def argmax(input, axis=None, name=None, dimension=None, output_type=dtypes.int64):  # pylint: disable=redefined-builtin
  """Index of the largest value across an axis (the first one on ties); TF1 alias `dimension`."""
  axis = _deprecated_argument_lookup("axis", axis, "dimension", dimension)
  return argmax_v2(input, axis, output_type, name)


@tf_export("math.argmin", "argmin")
def argmin(input, axis=None, name=None, dimension=None, output_type=dtypes.int64):  # pylint: disable=redefined-builtin
  """Index of the smallest value across an axis (the first one on ties)."""
  axis = _deprecated_argument_lookup("axis", axis, "dimension", dimension)
  return argmin_v2(input, axis, output_type, name)


# ---- scans ---------------------------------------------------------------------------------

@tf_export("math.cumsum", "cumsum")
def cumsum(x, axis=0, exclusive=False, reverse=False, name=None):
  """Cumulative sum along `axis`, optionally exclusive and/or reversed."""
  with ops.name_scope(name, "Cumsum", [x]) as name:
    x = ops.convert_to_tensor(x, name="x")
    return gen_math_ops.cumsum(x, axis, exclusive=exclusive, reverse=reverse, name=name)


@tf_export("math.cumprod", "cumprod")
def cumprod(x, axis=0, exclusive=False, reverse=False, name=None):
  """Cumulative product along `axis`, optionally exclusive and/or reversed."""
  with ops.name_scope(name, "Cumprod", [x]) as name:
    x = ops.convert_to_tensor(x, name="x")
    return gen_math_ops.cumprod(x, axis, exclusive=exclusive, reverse=reverse, name=name)
