"""TF 1.15 public functions that are compositions of ops we already have.

Each is registered with `fallback_export`: if the module TF keeps it in (math_ops, clip_ops,
linalg_ops ...) later exports the real one with @tf_export, that one wins. Values follow TF
1.15's documented formulas; the nn compositions are in nn_impl.py.
"""

import builtins
import contextlib
import datetime
import os

from tensorflow.python.framework import constant_op
from tensorflow.python.framework import dtypes
from tensorflow.python.framework import ops
from tensorflow.python.ops import array_ops
from tensorflow.python.ops import gen_math_ops
from tensorflow.python.ops import math_ops
from tensorflow.python.ops import nn_ops
from tensorflow.python.ops import special_math_ops
from tensorflow.python.util.tf_export import fallback_export

# ---- direct op wrappers TF exports as is ----------------------------------------------------

fallback_export("arg_max")(gen_math_ops.arg_max)
fallback_export("arg_min")(gen_math_ops.arg_min)
fallback_export("floor_div")(gen_math_ops.floor_div)

fallback_export("QUANTIZED_DTYPES", "dtypes.QUANTIZED_DTYPES")(dtypes.QUANTIZED_DTYPES)
CXX11_ABI_FLAG = 1
MONOLITHIC_BUILD = 0
fallback_export("sysconfig.CXX11_ABI_FLAG")(CXX11_ABI_FLAG)
fallback_export("sysconfig.MONOLITHIC_BUILD")(MONOLITHIC_BUILD)


def _float_or_complex(x, fn_name):
  if not (x.dtype.is_floating or x.dtype.is_complex):
    raise TypeError("%s: x must be a floating point or complex tensor, got %s" %
                    (fn_name, x.dtype.name))


# ---- tf.math ---------------------------------------------------------------------------------

@fallback_export("math.log_sigmoid", "log_sigmoid")
def log_sigmoid(x, name=None):
  """log(1 / (1 + exp(-x))), computed as -softplus(-x) to stay finite."""
  with ops.name_scope(name, "LogSigmoid", [x]) as name:
    x = ops.convert_to_tensor(x, name="x")
    return math_ops.negative(nn_ops.softplus(math_ops.negative(x)), name=name)


@fallback_export("math.scalar_mul", "scalar_mul")
def scalar_mul(scalar, x, name=None):
  scalar = ops.convert_to_tensor(scalar, dtype=x.dtype.base_dtype if isinstance(
      x, ops.Tensor) else None, name="scalar")
  shape = scalar.get_shape()
  if shape.ndims == 0:
    with ops.name_scope(name, "scalar_mul", [scalar, x]) as name:
      return math_ops.multiply(scalar, x, name=name)
  raise ValueError("Only scalar multiply works, got shape %s" % shape)


@fallback_export("math.reduce_variance")
def reduce_variance(input_tensor, axis=None, keepdims=False, name=None):
  name = name if name else "reduce_variance"
  with ops.name_scope(name):
    x = ops.convert_to_tensor(input_tensor)
    means = math_ops.reduce_mean(x, axis=axis, keepdims=True)
    deviations = x - means
    if x.dtype.is_complex:
      squared = math_ops.real(deviations * math_ops.conj(deviations))
    else:
      squared = math_ops.square(deviations)
    return math_ops.reduce_mean(squared, axis=axis, keepdims=keepdims)


@fallback_export("math.reduce_std")
def reduce_std(input_tensor, axis=None, keepdims=False, name=None):
  name = name if name else "reduce_std"
  with ops.name_scope(name):
    return math_ops.sqrt(reduce_variance(input_tensor, axis=axis, keepdims=keepdims))


@fallback_export("math.reduce_euclidean_norm")
def reduce_euclidean_norm(input_tensor, axis=None, keepdims=False, name=None):
  with ops.name_scope(name, "EuclideanNorm", [input_tensor]) as name:
    x = ops.convert_to_tensor(input_tensor)
    if not x.dtype.is_floating:
      # TF's EuclideanNorm kernel also takes integer and complex inputs; ours is composed
      # from float ops only.
      raise NotImplementedError(
          "tf.math.reduce_euclidean_norm of %s is not implemented in tfclassic yet" %
          x.dtype.name)
    return math_ops.sqrt(math_ops.reduce_sum(math_ops.square(x), axis=axis,
                                             keepdims=keepdims), name=name)


@fallback_export("math.multiply_no_nan")
def multiply_no_nan(x, y, name=None):
  """x * y, but 0 wherever y is 0 even if x is inf or nan."""
  with ops.name_scope(name, "multiply_no_nan", [x, y]) as name:
    x = ops.convert_to_tensor(x, name="x")
    y = ops.convert_to_tensor(y, name="y", dtype=x.dtype.base_dtype)
    _float_or_complex(x, "multiply_no_nan")
    product = math_ops.multiply(x, y)
    return math_ops.where_v2(math_ops.equal(y, array_ops.zeros_like(y)),
                             array_ops.zeros_like(product), product, name=name)


@fallback_export("math.reciprocal_no_nan")
def reciprocal_no_nan(x, name=None):
  with ops.name_scope(name, "reciprocal_no_nan", [x]) as scope:
    x = ops.convert_to_tensor(x, name="x")
    one = constant_op.constant(1, dtype=x.dtype.base_dtype, name="one")
    return math_ops.div_no_nan(one, x, name=scope)


@fallback_export("math.xdivy")
def xdivy(x, y, name=None):
  """0 where x == 0, else x / y."""
  with ops.name_scope(name, "Xdivy", [x, y]) as name:
    x = ops.convert_to_tensor(x, name="x")
    y = ops.convert_to_tensor(y, name="y", dtype=x.dtype.base_dtype)
    _float_or_complex(x, "xdivy")
    quotient = math_ops.truediv(x, y)
    return math_ops.where_v2(math_ops.equal(x, array_ops.zeros_like(x)),
                             array_ops.zeros_like(quotient), quotient, name=name)


@fallback_export("math.xlogy")
def xlogy(x, y, name=None):
  """0 where x == 0, else x * log(y)."""
  with ops.name_scope(name, "Xlogy", [x, y]) as name:
    x = ops.convert_to_tensor(x, name="x")
    y = ops.convert_to_tensor(y, name="y", dtype=x.dtype.base_dtype)
    _float_or_complex(x, "xlogy")
    product = math_ops.multiply(x, math_ops.log(y))
    return math_ops.where_v2(math_ops.equal(x, array_ops.zeros_like(x)),
                             array_ops.zeros_like(product), product, name=name)


@fallback_export("math.polyval")
def polyval(coeffs, x, name=None):
  """coeffs[0] * x**(n-1) + ... + coeffs[n-1], by Horner's rule."""
  if not isinstance(coeffs, (list, tuple)):
    raise ValueError("Argument coeffs must be list type found {}.".format(type(coeffs)))
  with ops.name_scope(name, "polyval", list(coeffs) + [x]) as name:
    x = ops.convert_to_tensor(x, name="x")
    if not coeffs:
      return array_ops.zeros_like(x, name=name)
    coeffs = [ops.convert_to_tensor(c, name="coeff_%d" % i) for i, c in enumerate(coeffs)]
    p = coeffs[0]
    for c in coeffs[1:]:
      p = c + p * x
    return p


@fallback_export("math.l2_normalize", "linalg.l2_normalize", "nn.l2_normalize")
def l2_normalize(x, axis=None, epsilon=1e-12, name=None, dim=None):
  """x / sqrt(max(sum(x**2, axis), epsilon))."""
  if dim is not None:
    if axis is not None:
      raise ValueError("Cannot specify both 'axis' and 'dim'")
    axis = dim
  with ops.name_scope(name, "l2_normalize", [x]) as name:
    x = ops.convert_to_tensor(x, name="x")
    square_sum = math_ops.reduce_sum(math_ops.square(x), axis, keepdims=True)
    # epsilon stays a Python number, converted inside Maximum (node Maximum/y) as in TF.
    x_inv_norm = math_ops.rsqrt(math_ops.maximum(square_sum, epsilon))
    return math_ops.multiply(x, x_inv_norm, name=name)


@fallback_export("math.zero_fraction", "nn.zero_fraction")
def zero_fraction(value, name=None):
  """The fraction of elements of `value` equal to zero, as a float32 scalar."""
  with ops.name_scope(name, "zero_fraction", [value]):
    value = ops.convert_to_tensor(value, name="value")
    zero = constant_op.constant(0, dtype=value.dtype, name="zero")
    return math_ops.reduce_mean(math_ops.cast(math_ops.equal(value, zero), dtypes.float32),
                                name="fraction")


@fallback_export("math.accumulate_n", "accumulate_n")
def accumulate_n(inputs, shape=None, tensor_dtype=None, name=None):
  """The sum of `inputs` (AddN in graph mode), with TF's checks on shape and dtype."""
  bad = ValueError("inputs must be an iterable of at least one Tensor/IndexedSlices with the "
                   "same dtype and shape")
  if not inputs or not isinstance(inputs, (list, tuple)):
    raise bad
  inputs = ops.convert_n_to_tensor_or_indexed_slices(inputs) if hasattr(
      ops, "convert_n_to_tensor_or_indexed_slices") else [
          ops.convert_to_tensor(t) for t in inputs]
  if not all(isinstance(t, ops.Tensor) for t in inputs):
    raise bad
  if not all(t.dtype == inputs[0].dtype for t in inputs):
    raise bad
  if shape is not None:
    from tensorflow.python.framework import tensor_shape  # pylint: disable=g-import-not-at-top
    shape = tensor_shape.as_shape(shape)
  else:
    from tensorflow.python.framework import tensor_shape  # pylint: disable=g-import-not-at-top
    shape = tensor_shape.unknown_shape()
  for t in inputs:
    shape = shape.merge_with(t.get_shape())
  if tensor_dtype is not None and tensor_dtype != inputs[0].dtype:
    raise TypeError("tensor_dtype is {}, but input is of type {}".format(
        tensor_dtype, inputs[0].dtype))
  if len(inputs) == 1 and name is None:
    return inputs[0]
  if len(inputs) == 1:
    return array_ops.identity(inputs[0], name=name)
  return math_ops.add_n(inputs, name=name)


def _check_numeric(x, fn_name):
  dt = x.dtype.base_dtype
  if not (dt.is_floating or dt.is_integer or dt.is_complex or dt.is_quantized):
    raise TypeError("Expected x to be numeric, instead found: %s" % dt.name)


def _adjacent_all(x, compare, name, default_name):
  with ops.name_scope(name, default_name, [x]):
    x = ops.convert_to_tensor(x, name="x_as_tensor")
    _check_numeric(x, default_name)
    flat = array_ops.reshape(x, [-1])
    return math_ops.reduce_all(compare(flat[1:], flat[:-1]))


@fallback_export("math.is_non_decreasing", "debugging.is_non_decreasing", "is_non_decreasing")
def is_non_decreasing(x, name=None):
  """True if x[i] <= x[i+1] over x flattened (True for fewer than two elements)."""
  return _adjacent_all(x, math_ops.greater_equal, name, "is_non_decreasing")


@fallback_export("math.is_strictly_increasing", "debugging.is_strictly_increasing",
                 "is_strictly_increasing")
def is_strictly_increasing(x, name=None):
  """True if x[i] < x[i+1] over x flattened (True for fewer than two elements)."""
  return _adjacent_all(x, math_ops.greater, name, "is_strictly_increasing")


@fallback_export("debugging.is_numeric_tensor", "is_numeric_tensor")
def is_numeric_tensor(tensor):
  if not isinstance(tensor, ops.Tensor):
    return False
  dt = tensor.dtype.base_dtype
  return bool(dt.is_floating or dt.is_integer or dt.is_complex or dt.is_quantized)


@fallback_export("math.lbeta", "lbeta")
def lbeta(x, name=None):
  """log(|Beta(x)|) over the last dimension: sum(lgamma(x)) - lgamma(sum(x))."""
  with ops.name_scope(name, "lbeta", [x]):
    x = ops.convert_to_tensor(x, name="x")
    log_prod_gamma_x = math_ops.reduce_sum(math_ops.lgamma(x), axis=[-1])
    log_gamma_sum_x = math_ops.lgamma(math_ops.reduce_sum(x, axis=[-1]))
    return log_prod_gamma_x - log_gamma_sum_x


@fallback_export("to_complex64")
def to_complex64(x, name="ToComplex64"):
  return math_ops.cast(x, dtypes.complex64, name=name)


@fallback_export("to_complex128")
def to_complex128(x, name="ToComplex128"):
  return math_ops.cast(x, dtypes.complex128, name=name)


# ---- tf.linalg -------------------------------------------------------------------------------

@fallback_export("linalg.adjoint")
def adjoint(matrix, name=None):
  with ops.name_scope(name, "adjoint", [matrix]):
    matrix = ops.convert_to_tensor(matrix, name="matrix")
    return array_ops.matrix_transpose(matrix, conjugate=True)


@fallback_export("linalg.trace", "trace")
def trace(x, name=None):
  """Sum of the main diagonal of each innermost matrix."""
  with ops.name_scope(name, "Trace", [x]) as name:
    x = ops.convert_to_tensor(x, name="x")
    return math_ops.reduce_sum(array_ops.matrix_diag_part(x), [-1], name=name)


@fallback_export("linalg.matvec")
def matvec(a, b, transpose_a=False, adjoint_a=False, a_is_sparse=False, b_is_sparse=False,
           name=None):
  with ops.name_scope(name, "MatVec", [a, b]) as name:
    output = math_ops.matmul(a, array_ops.expand_dims(b, axis=-1), transpose_a=transpose_a,
                             adjoint_a=adjoint_a, a_is_sparse=a_is_sparse,
                             b_is_sparse=b_is_sparse)
    return array_ops.squeeze(output, axis=-1)


_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"


@fallback_export("linalg.tensordot", "tensordot")
def tensordot(a, b, axes, name=None):
  """Contracts a's axes[0] with b's axes[1] (an int n means a's last n with b's first n)."""
  with ops.name_scope(name, "Tensordot", [a, b, axes]) as name:
    a = ops.convert_to_tensor(a, name="a")
    b = ops.convert_to_tensor(b, name="b")
    ra, rb = a.get_shape().ndims, b.get_shape().ndims
    if ra is None or rb is None:
      raise NotImplementedError("tf.tensordot of inputs of unknown rank is not implemented in "
                                "tfclassic yet")
    if isinstance(axes, ops.Tensor):
      raise NotImplementedError("tf.tensordot with Tensor axes is not implemented in "
                                "tfclassic yet")
    if isinstance(axes, int) or (hasattr(axes, "__index__") and not isinstance(axes, bool)):
      n = int(axes)
      if n < 0:
        raise ValueError("'axes' must be at least 0.")
      if n > ra or n > rb:
        raise ValueError("'axes' must not be larger than the number of dimensions of tensor "
                         "%s." % (a if n > ra else b))
      a_axes, b_axes = list(builtins.range(ra - n, ra)), list(builtins.range(n))
    else:
      if len(axes) != 2:
        raise ValueError("'axes' must be an integer or have length 2.")
      a_axes, b_axes = axes
      a_axes = [a_axes] if isinstance(a_axes, int) else list(a_axes)
      b_axes = [b_axes] if isinstance(b_axes, int) else list(b_axes)
      if len(a_axes) != len(b_axes):
        raise ValueError("Different number of contraction axes 'a' and 'b', %s != %s." %
                         (len(a_axes), len(b_axes)))
      a_axes = [int(i) % ra if ra else int(i) for i in a_axes]
      b_axes = [int(i) % rb if rb else int(i) for i in b_axes]
    if ra + rb > len(_LETTERS):
      raise NotImplementedError("tf.tensordot of rank %d by rank %d is not implemented in "
                                "tfclassic yet" % (ra, rb))
    a_sub = list(_LETTERS[:ra])
    b_sub = list(_LETTERS[ra:ra + rb])
    for i, j in zip(a_axes, b_axes):
      b_sub[j] = a_sub[i]
    out = [c for k, c in enumerate(a_sub) if k not in a_axes] + [
        c for k, c in enumerate(b_sub) if k not in b_axes]
    equation = "%s,%s->%s" % ("".join(a_sub), "".join(b_sub), "".join(out))
    return special_math_ops.einsum(equation, a, b, name=name)


def _abs_sq(x):
  if x.dtype.is_complex:
    return math_ops.real(x * math_ops.conj(x))
  return math_ops.square(x)


_VECTOR_ORDS = ("euclidean", 1, 2, float("inf"))


@fallback_export("linalg.norm", "norm")
def norm(tensor, ord="euclidean", axis=None, keepdims=None, name=None,  # pylint: disable=redefined-builtin
         keep_dims=None):
  """Vector p-norms (p >= 1, inf) and matrix 'fro'/'euclidean'/1/inf norms."""
  if keep_dims is not None:
    if keepdims is not None:
      raise ValueError("Cannot specify both 'keep_dims' and 'keepdims'")
    keepdims = keep_dims
  keepdims = bool(keepdims)
  is_matrix = isinstance(axis, (tuple, list)) and len(axis) == 2
  if is_matrix:
    supported = ("euclidean", "fro", 1, 2, float("inf"))
    if ord not in supported:
      raise ValueError("'ord' must be a supported matrix norm in %s, got %s" % (supported, ord))
    if ord == 2:
      raise NotImplementedError("tf.norm with ord=2 over a matrix (the spectral norm) is not "
                                "implemented in tfclassic yet")
  else:
    if axis is not None and not isinstance(axis, int) and not (
        isinstance(axis, (tuple, list)) and len(axis) == 1):
      raise ValueError("'axis' must be None, an integer, or a tuple of 2 unique integers, got "
                       "%s" % (axis,))
    if isinstance(axis, (tuple, list)):
      axis = axis[0]
    if not (ord == "euclidean" or (isinstance(ord, (int, float)) and not isinstance(ord, bool)
                                   and ord > 0)):
      raise ValueError("'ord' must be a supported vector norm, got %s" % (ord,))
  with ops.name_scope(name, "norm", [tensor]):
    tensor = ops.convert_to_tensor(tensor)
    if ord in ("euclidean", "fro") or (ord == 2 and not is_matrix):
      result = math_ops.sqrt(math_ops.reduce_sum(_abs_sq(tensor), axis, keepdims=True))
    else:
      result = math_ops.abs(tensor)
      if is_matrix:
        # 1: max over columns of the column sums; inf: max over rows of the row sums.
        rows, cols = axis
        sum_axis, max_axis = (rows, cols) if ord == 1 else (cols, rows)
        result = math_ops.reduce_sum(result, sum_axis, keepdims=True)
        result = math_ops.reduce_max(result, max_axis, keepdims=True)
      elif ord == float("inf"):
        result = math_ops.reduce_max(result, axis, keepdims=True)
      elif ord == 1:
        result = math_ops.reduce_sum(result, axis, keepdims=True)
      else:
        p = constant_op.constant(ord, dtype=result.dtype)
        result = math_ops.pow(math_ops.reduce_sum(math_ops.pow(result, p), axis,
                                                  keepdims=True),
                              math_ops.reciprocal(p))
    if not keepdims:
      result = array_ops.squeeze(result, axis)
    return result


@fallback_export("linalg.normalize")
def normalize(tensor, ord="euclidean", axis=None, name=None):  # pylint: disable=redefined-builtin
  with ops.name_scope(name, "normalize", [tensor]):
    tensor = ops.convert_to_tensor(tensor)
    n = norm(tensor, ord=ord, axis=axis, keepdims=True)
    n = math_ops.cast(n, tensor.dtype)
    return tensor / n, n


# ---- clipping --------------------------------------------------------------------------------

def _l2_half_sq(t):
  t = ops.convert_to_tensor(t)
  return math_ops.reduce_sum(_abs_sq(t)) / constant_op.constant(2, dtype=t.dtype.real_dtype)


@fallback_export("linalg.global_norm", "global_norm")
def global_norm(t_list, name=None):
  """sqrt(sum of ||t||^2 over t_list), None entries skipped."""
  if not isinstance(t_list, (list, tuple)) or isinstance(t_list, str):
    raise TypeError("t_list should be a sequence")
  t_list = list(t_list)
  with ops.name_scope(name, "global_norm", [t for t in t_list if t is not None]) as name:
    values = [ops.convert_to_tensor(t, name="t_%d" % i) for i, t in enumerate(t_list)
              if t is not None]
    half_squared_norms = [_l2_half_sq(v) for v in values]
    half_squared_norm = math_ops.reduce_sum(array_ops.stack(half_squared_norms))
    two = constant_op.constant(2.0, dtype=half_squared_norm.dtype)
    return math_ops.sqrt(half_squared_norm * two, name="global_norm")


@fallback_export("clip_by_norm")
def clip_by_norm(t, clip_norm, axes=None, name=None):
  """t * clip_norm / max(||t||_2 over axes, clip_norm)."""
  with ops.name_scope(name, "clip_by_norm", [t, clip_norm]) as name:
    t = ops.convert_to_tensor(t, name="t")
    l2sum = math_ops.reduce_sum(t * t, axes, keepdims=True)
    pred = l2sum > 0
    l2sum_safe = math_ops.where(pred, l2sum, array_ops.ones_like(l2sum))
    l2norm = math_ops.where(pred, math_ops.sqrt(l2sum_safe), l2sum)
    intermediate = t * clip_norm
    values_clip = intermediate / math_ops.maximum(l2norm, clip_norm)
    return array_ops.identity(values_clip, name=name)


@fallback_export("clip_by_global_norm")
def clip_by_global_norm(t_list, clip_norm, use_norm=None, name=None):
  """Scales every tensor by clip_norm / max(global_norm, clip_norm); returns (list, norm)."""
  if not isinstance(t_list, (list, tuple)) or isinstance(t_list, str):
    raise TypeError("t_list should be a sequence")
  t_list = list(t_list)
  if use_norm is None:
    use_norm = global_norm(t_list, name)
  with ops.name_scope(name, "clip_by_global_norm", [t for t in t_list if t is not None] +
                      [clip_norm]) as name:
    one = constant_op.constant(1.0, dtype=use_norm.dtype)
    clip_norm = ops.convert_to_tensor(clip_norm, dtype=use_norm.dtype)
    scale_for_finite = clip_norm * math_ops.minimum(one / use_norm, one / clip_norm)
    nan = constant_op.constant(float("nan"), dtype=use_norm.dtype)
    scale = math_ops.where(math_ops.is_finite(use_norm), scale_for_finite, nan)
    list_clipped = []
    for i, t in enumerate(t_list):
      if t is None:
        list_clipped.append(None)
        continue
      t = ops.convert_to_tensor(t, name="t_%d" % i)
      list_clipped.append(array_ops.identity(t * math_ops.cast(scale, t.dtype),
                                             name="%s_%d" % (name, i)))
    return list_clipped, use_norm


@fallback_export("clip_by_average_norm")
def clip_by_average_norm(t, clip_norm, name=None):
  """t * clip_norm / max(||t||_2 / size(t), clip_norm)."""
  with ops.name_scope(name, "clip_by_average_norm", [t, clip_norm]) as name:
    t = ops.convert_to_tensor(t, name="t")
    n_element = math_ops.cast(array_ops.size(t), dtypes.float32)
    l2norm_inv = math_ops.rsqrt(math_ops.reduce_sum(t * t))
    tclip = array_ops.identity(
        t * clip_norm * math_ops.minimum(l2norm_inv * n_element, 1.0 / clip_norm), name=name)
    return tclip


# ---- tf.compat -------------------------------------------------------------------------------

# TF 1.15.0's forward-compatibility horizon; TF_FORWARD_COMPATIBILITY_DELTA_DAYS moves it.
_HORIZON = datetime.date(2019, 8, 21)
_horizon_override = []


def _horizon():
  if _horizon_override:
    return _horizon_override[-1]
  delta = os.environ.get("TF_FORWARD_COMPATIBILITY_DELTA_DAYS")
  if delta:
    return _HORIZON + datetime.timedelta(days=int(delta))
  return _HORIZON


@fallback_export("compat.forward_compatible")
def forward_compatible(year, month, day):
  """True once the forward-compatibility horizon is past year-month-day."""
  return _horizon() > datetime.date(year, month, day)


@fallback_export("compat.forward_compatibility_horizon")
@contextlib.contextmanager
def forward_compatibility_horizon(year, month, day):
  _horizon_override.append(datetime.date(year, month, day))
  try:
    yield
  finally:
    _horizon_override.pop()
