"""Element-wise math functions of TF 1.15 (`tf.add`, `tf.divide`, `tf.cast`, ...) and the
Tensor operator overloads (`+ - * / // % ** < <= > >= & | ^ ~ -x abs(x) @`).

Each function builds the same ops, with the same names, as TF 1.15's graph mode does.
"""

import numpy as np

from tensorflow.python.framework import dtypes
from tensorflow.python.framework import ops
from tensorflow.python.ops import gen_math_ops
from tensorflow.python.util.tf_export import tf_export


def _export_gen(public_names, gen_name):
  """Exports a generated wrapper as it is (TF's thin `gen_math_ops` aliases)."""
  func = getattr(gen_math_ops, gen_name)
  tf_export(*public_names)(func)
  return func


# ---- binary arithmetic -------------------------------------------------------------------------

@tf_export("math.add", "add")
def add(x, y, name=None):
  return gen_math_ops.add(x, y, name=name)


@tf_export("math.subtract", "subtract")
def subtract(x, y, name=None):
  return gen_math_ops.sub(x, y, name=name)


@tf_export("math.multiply", "multiply")
def multiply(x, y, name=None):
  return gen_math_ops.mul(x, y, name=name)


@tf_export("math.negative", "negative")
def negative(x, name=None):
  return gen_math_ops.neg(x, name=name)


def _add_dispatch(x, y, name=None):
  """`+`: AddV2 for numbers, Add for strings (TF 1.15's forward-compatible choice)."""
  if x.dtype == dtypes.string:
    return gen_math_ops.add(x, y, name=name)
  return gen_math_ops.add_v2(x, y, name=name)


def _mul_dispatch(x, y, name=None):
  return gen_math_ops.mul(x, y, name=name)


# int8/16 divide in float32, wider ints in float64, as TF's __truediv__ table says.
_TRUEDIV_TABLE = {
    dtypes.uint8: dtypes.float32,
    dtypes.int8: dtypes.float32,
    dtypes.uint16: dtypes.float32,
    dtypes.int16: dtypes.float32,
    dtypes.int32: dtypes.float64,
    dtypes.int64: dtypes.float64,
    dtypes.bfloat16: None,
    dtypes.float16: None,
    dtypes.float32: None,
    dtypes.float64: None,
    dtypes.complex64: None,
    dtypes.complex128: None,
}
for _name in ("uint32", "uint64"):
  if hasattr(dtypes, _name):
    _TRUEDIV_TABLE[getattr(dtypes, _name)] = dtypes.float64


def _truediv_python3(x, y, name=None):
  with ops.name_scope(name, "truediv", [x, y]) as name:
    x = ops.convert_to_tensor(x, name="x")
    y = ops.convert_to_tensor(y, name="y")
    x_dtype = x.dtype.base_dtype
    y_dtype = y.dtype.base_dtype
    if x_dtype != y_dtype:
      raise TypeError("x and y must have the same dtype, got %r != %r" % (x_dtype, y_dtype))
    try:
      dtype = _TRUEDIV_TABLE[x_dtype]
    except KeyError:
      raise TypeError("Invalid dtype %r in __truediv__" % x_dtype)
    if dtype is not None:
      x = cast(x, dtype)
      y = cast(y, dtype)
    return gen_math_ops.real_div(x, y, name=name)


def _div_python2(x, y, name=None):
  """Python 2 `/`: true division for floats and complex, floor division for integers."""
  with ops.name_scope(name, "div", [x, y]) as name:
    x = ops.convert_to_tensor(x, name="x")
    y = ops.convert_to_tensor(y, name="y", dtype=x.dtype.base_dtype)
    x_dtype = x.dtype.base_dtype
    y_dtype = y.dtype.base_dtype
    if x_dtype != y_dtype:
      raise TypeError("x and y must have the same dtype, got %r != %r" % (x_dtype, y_dtype))
    if x_dtype.is_floating or x_dtype.is_complex:
      return gen_math_ops.real_div(x, y, name=name)
    return gen_math_ops.floor_div(x, y, name=name)


@tf_export("math.truediv", "truediv")
def truediv(x, y, name=None):
  return _truediv_python3(x, y, name)


@tf_export("div")
def div(x, y, name=None):
  return _div_python2(x, y, name)


class DivideDelegateWithName(object):
  """Lets `tf.divide(x, y, name)` use `/` (whatever it means for x) and still name the op."""

  def __init__(self, x, name):
    self.x = x
    self.name = name

  def __truediv__(self, y):
    return _truediv_python3(self.x, y, self.name)

  def __floordiv__(self, y):
    return floordiv(self.x, y, self.name)

  def __div__(self, y):
    return _div_python2(self.x, y, self.name)


@tf_export("math.divide", "divide")
def divide(x, y, name=None):
  if name is not None:
    return DivideDelegateWithName(x, name) / y
  return x / y


@tf_export("math.divide_no_nan", "div_no_nan")
def div_no_nan(x, y, name=None):
  with ops.name_scope(name, "div_no_nan", [x, y]) as name:
    x = ops.convert_to_tensor(x, name="x")
    y = ops.convert_to_tensor(y, name="y", dtype=x.dtype.base_dtype)
    x_dtype = x.dtype.base_dtype
    y_dtype = y.dtype.base_dtype
    if x_dtype != y_dtype:
      raise TypeError("x and y must have the same dtype, got %r != %r" % (x_dtype, y_dtype))
    return gen_math_ops.div_no_nan(x, y, name=name)


@tf_export("math.floordiv", "floordiv")
def floordiv(x, y, name=None):
  with ops.name_scope(name, "floordiv", [x, y]) as name:
    return gen_math_ops.floor_div(x, y, name=name)


realdiv = _export_gen(("realdiv", "math.realdiv"), "real_div")
truncatediv = _export_gen(("truncatediv", "math.truncatediv"), "truncate_div")
floormod = _export_gen(("math.floormod", "floormod", "math.mod", "mod"), "floor_mod")
mod = floormod
truncatemod = _export_gen(("truncatemod", "math.truncatemod"), "truncate_mod")
maximum = _export_gen(("math.maximum", "maximum"), "maximum")
minimum = _export_gen(("math.minimum", "minimum"), "minimum")
squared_difference = _export_gen(("math.squared_difference", "squared_difference"),
                                 "squared_difference")
atan2 = _export_gen(("math.atan2", "atan2"), "atan2")


@tf_export("math.pow", "pow")
def pow(x, y, name=None):  # pylint: disable=redefined-builtin
  with ops.name_scope(name, "Pow", [x]) as name:
    return gen_math_ops.pow(x, y, name=name)


# ---- unary -----------------------------------------------------------------------------------

@tf_export("math.abs", "abs")
def abs(x, name=None):  # pylint: disable=redefined-builtin
  with ops.name_scope(name, "Abs", [x]) as name:
    x = ops.convert_to_tensor(x, name="x")
    if x.dtype.is_complex:
      return gen_math_ops.complex_abs(x, Tout=x.dtype.real_dtype, name=name)
    return gen_math_ops.abs(x, name=name)


sign = _export_gen(("math.sign", "sign"), "sign")
square = _export_gen(("math.square", "square"), "square")
sqrt = _export_gen(("math.sqrt", "sqrt"), "sqrt")
rsqrt = _export_gen(("math.rsqrt", "rsqrt"), "rsqrt")
exp = _export_gen(("math.exp", "exp"), "exp")
expm1 = _export_gen(("math.expm1", "expm1"), "expm1")
log = _export_gen(("math.log", "log"), "log")
log1p = _export_gen(("math.log1p", "log1p"), "log1p")
sin = _export_gen(("math.sin", "sin"), "sin")
cos = _export_gen(("math.cos", "cos"), "cos")
tan = _export_gen(("math.tan", "tan"), "tan")
asin = _export_gen(("math.asin", "asin"), "asin")
acos = _export_gen(("math.acos", "acos"), "acos")
atan = _export_gen(("math.atan", "atan"), "atan")
sinh = _export_gen(("math.sinh", "sinh"), "sinh")
cosh = _export_gen(("math.cosh", "cosh"), "cosh")
asinh = _export_gen(("math.asinh", "asinh"), "asinh")
acosh = _export_gen(("math.acosh", "acosh"), "acosh")
atanh = _export_gen(("math.atanh", "atanh"), "atanh")
reciprocal = _export_gen(("math.reciprocal", "reciprocal"), "reciprocal")
floor = _export_gen(("math.floor", "floor"), "floor")
ceil = _export_gen(("math.ceil", "ceil"), "ceil")
rint = _export_gen(("math.rint", "rint"), "rint")
erf = _export_gen(("math.erf", "erf"), "erf")
erfc = _export_gen(("math.erfc", "erfc"), "erfc")
lgamma = _export_gen(("math.lgamma", "lgamma"), "lgamma")
digamma = _export_gen(("math.digamma", "digamma"), "digamma")
is_nan = _export_gen(("math.is_nan", "is_nan", "debugging.is_nan"), "is_nan")
is_inf = _export_gen(("math.is_inf", "is_inf", "debugging.is_inf"), "is_inf")
is_finite = _export_gen(("math.is_finite", "is_finite", "debugging.is_finite"), "is_finite")


@tf_export("math.round", "round")
def round(x, name=None):  # pylint: disable=redefined-builtin
  """Rounds half to even; integers are returned unchanged."""
  x = ops.convert_to_tensor(x, name="x")
  if x.dtype.is_integer:
    return x
  return gen_math_ops.round(x, name=name)


@tf_export("math.sigmoid", "nn.sigmoid", "sigmoid")
def sigmoid(x, name=None):
  with ops.name_scope(name, "Sigmoid", [x]) as name:
    x = ops.convert_to_tensor(x, name="x")
    return gen_math_ops.sigmoid(x, name=name)


@tf_export("math.tanh", "nn.tanh", "tanh")
def tanh(x, name=None):
  with ops.name_scope(name, "Tanh", [x]) as name:
    x = ops.convert_to_tensor(x, name="x")
    return gen_math_ops.tanh(x, name=name)


# ---- comparisons and logic -------------------------------------------------------------------

@tf_export("math.equal", "equal")
def equal(x, y, name=None):
  return gen_math_ops.equal(x, y, name=name)


@tf_export("math.not_equal", "not_equal")
def not_equal(x, y, name=None):
  return gen_math_ops.not_equal(x, y, name=name)


less = _export_gen(("math.less", "less"), "less")
less_equal = _export_gen(("math.less_equal", "less_equal"), "less_equal")
greater = _export_gen(("math.greater", "greater"), "greater")
greater_equal = _export_gen(("math.greater_equal", "greater_equal"), "greater_equal")
logical_not = _export_gen(("math.logical_not", "logical_not"), "logical_not")
logical_and = _export_gen(("math.logical_and", "logical_and"), "logical_and")
logical_or = _export_gen(("math.logical_or", "logical_or"), "logical_or")


@tf_export("math.logical_xor", "logical_xor")
def logical_xor(x, y, name="LogicalXor"):
  """x ^ y = (x | y) & ~(x & y), built from the three logical ops as TF does."""
  return gen_math_ops.logical_and(
      gen_math_ops.logical_or(x, y),
      gen_math_ops.logical_not(gen_math_ops.logical_and(x, y)),
      name=name)


# ---- AddN, Cast, Select ----------------------------------------------------------------------

@tf_export("math.add_n", "add_n")
def add_n(inputs, name=None):
  """Adds all input tensors element-wise (they must have the same shape and dtype)."""
  if not inputs or not isinstance(inputs, (list, tuple)):
    raise ValueError("inputs must be a list of at least one "
                     "Tensor/IndexedSlices with the same dtype and shape")
  inputs = ops.convert_n_to_tensor_or_indexed_slices(inputs) \
      if hasattr(ops, "convert_n_to_tensor_or_indexed_slices") else \
      [ops.convert_to_tensor(v) for v in inputs]
  if not all(isinstance(x, ops.Tensor) for x in inputs):
    raise ValueError("inputs must be a list of at least one "
                     "Tensor/IndexedSlices with the same dtype and shape")
  if len(inputs) == 1:
    if name:
      from tensorflow.python.ops import gen_array_ops  # pylint: disable=g-import-not-at-top
      return gen_array_ops.identity(inputs[0], name=name)
    return inputs[0]
  return gen_math_ops.add_n(inputs, name=name)


@tf_export("dtypes.cast", "cast")
def cast(x, dtype, name=None):
  """Casts x to dtype; complex to real keeps the real part, x to bool is x != 0."""
  base_type = dtypes.as_dtype(dtype).base_dtype
  if isinstance(x, ops.Tensor) and base_type == x.dtype.base_dtype:
    return x
  with ops.name_scope(name, "Cast", [x]) as name:
    x = ops.convert_to_tensor(x, name="x")
    if x.dtype.base_dtype != base_type:
      x = gen_math_ops.cast(x, base_type, name=name)
    return x


@tf_export("dtypes.saturate_cast", "saturate_cast")
def saturate_cast(value, dtype, name=None):
  """Casts, clamping values to the target dtype's range first."""
  with ops.name_scope(name, "saturate_cast", [value]) as name:
    value = ops.convert_to_tensor(value, name="value")
    dtype = dtypes.as_dtype(dtype).base_dtype
    if value.dtype.min < dtype.min:
      value = gen_math_ops.maximum(
          value, ops.convert_to_tensor(dtype.min, dtype=value.dtype, name="min"))
    if value.dtype.max > dtype.max:
      value = gen_math_ops.minimum(
          value, ops.convert_to_tensor(dtype.max, dtype=value.dtype, name="max"))
    return cast(value, dtype, name=name)


@tf_export("to_float")
def to_float(x, name="ToFloat"):
  return cast(x, dtypes.float32, name=name)


@tf_export("to_double")
def to_double(x, name="ToDouble"):
  return cast(x, dtypes.float64, name=name)


@tf_export("to_int32")
def to_int32(x, name="ToInt32"):
  return cast(x, dtypes.int32, name=name)


@tf_export("to_int64")
def to_int64(x, name="ToInt64"):
  return cast(x, dtypes.int64, name=name)


@tf_export("to_bfloat16")
def to_bfloat16(x, name="ToBFloat16"):
  return cast(x, dtypes.bfloat16, name=name)


@tf_export("where")
def where(condition, x=None, y=None, name=None):
  """TF1 where: coordinates of true elements, or Select(condition, x, y)."""
  if x is None and y is None:
    from tensorflow.python.ops import gen_array_ops  # pylint: disable=g-import-not-at-top
    with ops.name_scope(name, "Where", [condition]) as name:
      condition = ops.convert_to_tensor(condition, preferred_dtype=dtypes.bool,
                                        name="condition")
      return gen_array_ops.where(condition, name=name)
  if x is not None and y is not None:
    return gen_math_ops.select(condition, x, y, name=name)
  raise ValueError("x and y must both be non-None or both be None.")


@tf_export("where_v2")
def where_v2(condition, x=None, y=None, name=None):
  """Where with NumPy broadcasting of condition, x and y (SelectV2)."""
  if x is None and y is None:
    from tensorflow.python.ops import gen_array_ops  # pylint: disable=g-import-not-at-top
    with ops.name_scope(name, "Where", [condition]) as name:
      condition = ops.convert_to_tensor(condition, preferred_dtype=dtypes.bool,
                                        name="condition")
      return gen_array_ops.where(condition, name=name)
  if x is not None and y is not None:
    return gen_math_ops.select_v2(condition, x, y, name=name)
  raise ValueError("x and y must both be non-None or both be None.")


# ---- Tensor operator overloads -----------------------------------------------------------------

def _override_binary_operator(func, op_name):
  """Installs `__op__` and `__rop__`; the other operand converts to this tensor's dtype."""

  def binary_op_wrapper(x, y):
    with ops.name_scope(None, op_name, [x, y]) as name:
      if not isinstance(y, ops.Tensor):
        try:
          y = ops.convert_to_tensor(y, dtype=x.dtype.base_dtype, name="y")
        except TypeError:
          # Let Python try the reflected operator of y (e.g. a SparseTensor or a list).
          if hasattr(type(y), "__r%s__" % op_name):
            return NotImplemented
          raise
      return func(x, y, name=name)

  def r_binary_op_wrapper(y, x):
    with ops.name_scope(None, op_name, [x, y]) as name:
      x = ops.convert_to_tensor(x, dtype=y.dtype.base_dtype, name="x")
      return func(x, y, name=name)

  binary_op_wrapper.__name__ = "__%s__" % op_name
  r_binary_op_wrapper.__name__ = "__r%s__" % op_name
  ops.Tensor._override_operator("__%s__" % op_name, binary_op_wrapper)
  ops.Tensor._override_operator("__r%s__" % op_name, r_binary_op_wrapper)


def _matmul_dispatch(a, b, name=None):
  # matmul lives with the linear-algebra ops; resolved when `@` is first used.
  matmul = globals().get("matmul")
  if matmul is None:
    raise NotImplementedError("tf.matmul is not implemented in tfclassic yet")
  return matmul(a, b, name=name)


_override_binary_operator(_add_dispatch, "add")
_override_binary_operator(gen_math_ops.sub, "sub")
_override_binary_operator(_mul_dispatch, "mul")
_override_binary_operator(_div_python2, "div")
_override_binary_operator(_truediv_python3, "truediv")
_override_binary_operator(floordiv, "floordiv")
_override_binary_operator(gen_math_ops.floor_mod, "mod")
_override_binary_operator(pow, "pow")
_override_binary_operator(logical_and, "and")
_override_binary_operator(logical_or, "or")
_override_binary_operator(logical_xor, "xor")
_override_binary_operator(_matmul_dispatch, "matmul")

ops.Tensor._override_operator("__lt__", gen_math_ops.less)
ops.Tensor._override_operator("__le__", gen_math_ops.less_equal)
ops.Tensor._override_operator("__gt__", gen_math_ops.greater)
ops.Tensor._override_operator("__ge__", gen_math_ops.greater_equal)
ops.Tensor._override_operator("__neg__", gen_math_ops.neg)
ops.Tensor._override_operator("__abs__", abs)
ops.Tensor._override_operator("__invert__", gen_math_ops.logical_not)

# ---- complex numbers ---------------------------------------------------------------------------
# pylint: disable=redefined-builtin

@tf_export("dtypes.complex", "complex")
def complex(real, imag, name=None):
  """Builds complex64 from two float32 tensors, complex128 from two float64 ones."""
  real = ops.convert_to_tensor(real, name="real")
  imag = ops.convert_to_tensor(imag, name="imag")
  with ops.name_scope(name, "Complex", [real, imag]) as name:
    input_types = (real.dtype, imag.dtype)
    if input_types == (dtypes.float64, dtypes.float64):
      tout = dtypes.complex128
    elif input_types == (dtypes.float32, dtypes.float32):
      tout = dtypes.complex64
    else:
      raise TypeError("real and imag have incorrect types: {} {}".format(
          real.dtype.name, imag.dtype.name))
    return gen_math_ops.complex(real, imag, Tout=tout, name=name)


@tf_export("math.real", "real")
def real(input, name=None):
  """The real part of a complex tensor; a real tensor is returned as it is."""
  with ops.name_scope(name, "Real", [input]) as name:
    input = ops.convert_to_tensor(input, name="input")
    if input.dtype.is_complex:
      return gen_math_ops.real(input, Tout=input.dtype.real_dtype, name=name)
    return input


@tf_export("math.imag", "imag")
def imag(input, name=None):
  """The imaginary part of a complex tensor; zeros for a real tensor."""
  from tensorflow.python.ops import array_ops  # pylint: disable=g-import-not-at-top
  with ops.name_scope(name, "Imag", [input]) as name:
    input = ops.convert_to_tensor(input, name="input")
    if input.dtype.is_complex:
      return gen_math_ops.imag(input, Tout=input.dtype.real_dtype, name=name)
    return array_ops.zeros_like(input)


@tf_export("math.angle", "angle")
def angle(input, name=None):
  """The argument of a complex tensor; zeros for a real tensor (as TF 1.15)."""
  from tensorflow.python.ops import array_ops  # pylint: disable=g-import-not-at-top
  with ops.name_scope(name, "Angle", [input]) as name:
    input = ops.convert_to_tensor(input, name="input")
    if input.dtype.is_complex:
      return gen_math_ops.angle(input, Tout=input.dtype.real_dtype, name=name)
    return array_ops.zeros_like(input)


@tf_export("math.conj", "conj")
def conj(x, name=None):
  """The complex conjugate; the identity for real tensors."""
  if isinstance(x, ops.Tensor):
    dt = x.dtype
    if dt.is_floating or dt.is_integer:
      return x
  with ops.name_scope(name, "Conj", [x]) as name:
    x = ops.convert_to_tensor(x, name="x")
    if x.dtype.is_complex or x.dtype == dtypes.variant:
      return gen_math_ops.conj(x, name=name)
    if x.dtype.is_floating or x.dtype.is_integer:
      return x
    raise TypeError("Expected numeric or variant tensor, got dtype %r" % x.dtype)

# pylint: enable=redefined-builtin


# Matrix products, reductions and scans live in their own module; TF has them here.
from tensorflow.python.ops._math_ops_reduce_matmul import *  # pylint: disable=wildcard-import,g-import-not-at-top,g-bad-import-order
