"""Gradients of the math ops (binary elementwise, reductions, matrix products, scans), as TF
1.15 has them; the unary elementwise ones are in math_grad_unary.py."""

import numpy as np

from tensorflow.python.framework import constant_op
from tensorflow.python.framework import dtypes
from tensorflow.python.framework import indexed_slices
from tensorflow.python.framework import ops
from tensorflow.python.framework import tensor_util
from tensorflow.python.ops import array_ops
from tensorflow.python.ops import gen_array_ops
from tensorflow.python.ops import gen_math_ops
from tensorflow.python.ops import math_ops


def _safe_shape_div(x, y):
  """x // max(y, 1): the tile multiples of a reduction even when a dimension is 0."""
  return math_ops.floordiv(x, gen_math_ops.maximum(y, 1))


def reduced_shape(input_shape, axes):
  """input_shape with the reduced axes set to 1 (TF's math_ops.reduced_shape)."""
  input_shape = ops.convert_to_tensor(input_shape)
  axes = ops.convert_to_tensor(axes)
  input_rank = array_ops.size(input_shape)
  axes = (axes + input_rank) % input_rank
  axes_shape = array_ops.shape(axes)
  return gen_data_flow_dynamic_stitch(
      [array_ops.range(input_rank), axes],
      [input_shape, array_ops.fill(axes_shape, 1)])


def gen_data_flow_dynamic_stitch(indices, data):
  from tensorflow.python.ops import gen_data_flow_ops  # pylint: disable=g-import-not-at-top
  return gen_data_flow_ops.dynamic_stitch(indices, data)


def _static_reduced_shape(input_shape, axes):
  axes = np.asarray(axes).reshape(-1)
  rank = len(input_shape)
  out = list(input_shape)
  for a in axes:
    out[(int(a) + rank) % rank] = 1
  return tuple(out)


def _sum_grad_static(op, grad):
  """The Sum gradient when the input shape and the axes are known while building."""
  input_0_shape = op.inputs[0]._shape_tuple()  # pylint: disable=protected-access
  if input_0_shape is None:
    return None
  if input_0_shape == ():
    # Summing a scalar is the identity (TF would build reduced_shape here, whose
    # `axes % rank` divides by a zero rank on an empty tensor).
    return [grad, None]
  axes = tensor_util.constant_value(op.inputs[1])
  if axes is None:
    return None
  rank = len(input_0_shape)
  if np.array_equal(axes, np.arange(rank)):
    grad = array_ops.reshape(grad, [1] * rank)
    if None not in input_0_shape:
      input_shape = constant_op.constant(input_0_shape, dtype=dtypes.int32)
    else:
      input_shape = array_ops.shape(op.inputs[0])
    return [array_ops.tile(grad, input_shape), None]
  if None not in input_0_shape:
    kept = _static_reduced_shape(input_0_shape, axes)
    scaling = tuple(d // max(k, 1) for d, k in zip(input_0_shape, kept))
    grad = array_ops.reshape(grad, kept)
    return [array_ops.tile(grad, scaling), None]
  return None


@ops.RegisterGradient("Sum")
def _SumGrad(op, grad):
  result = _sum_grad_static(op, grad)
  if result is not None:
    return result
  input_shape = array_ops.shape(op.inputs[0])
  with ops.colocate_with(input_shape):
    output_shape_kept_dims = reduced_shape(input_shape, op.inputs[1])
    tile_scaling = _safe_shape_div(input_shape, output_shape_kept_dims)
  grad = array_ops.reshape(grad, output_shape_kept_dims)
  return [array_ops.tile(grad, tile_scaling), None]


def _MinOrMaxGrad(op, grad):
  """Splits the gradient evenly between the elements equal to the extremum."""
  input_shape = array_ops.shape(op.inputs[0])
  output_shape_kept_dims = reduced_shape(input_shape, op.inputs[1])
  y = array_ops.reshape(op.outputs[0], output_shape_kept_dims)
  grad = array_ops.reshape(grad, output_shape_kept_dims)
  indicators = math_ops.cast(math_ops.equal(y, op.inputs[0]), grad.dtype)
  num_selected = array_ops.reshape(math_ops.reduce_sum(indicators, op.inputs[1]),
                                   output_shape_kept_dims)
  return [math_ops.div(indicators, num_selected) * grad, None]


ops.RegisterGradient("Max")(_MinOrMaxGrad)
ops.RegisterGradient("Min")(_MinOrMaxGrad)


@ops.RegisterGradient("Mean")
def _MeanGrad(op, grad):
  sum_grad = _SumGrad(op, grad)[0]
  input_shape = op.inputs[0]._shape_tuple()  # pylint: disable=protected-access
  output_shape = op.outputs[0]._shape_tuple()  # pylint: disable=protected-access
  if (input_shape is not None and output_shape is not None and None not in input_shape and
      None not in output_shape):
    input_size = int(np.prod(input_shape))
    output_size = int(np.prod(output_shape))
    factor = constant_op.constant(input_size // max(output_size, 1), dtype=sum_grad.dtype)
  else:
    input_shape = array_ops.shape(op.inputs[0])
    output_shape = array_ops.shape(op.outputs[0])
    factor = _safe_shape_div(math_ops.reduce_prod(input_shape),
                             math_ops.reduce_prod(output_shape))
  return math_ops.truediv(sum_grad, math_ops.cast(factor, sum_grad.dtype)), None


@ops.RegisterGradient("Prod")
def _ProdGrad(op, grad):
  """Products of everything left and right of each element (exclusive cumprods), no division."""
  input_shape = array_ops.shape(op.inputs[0])
  reduction_indices = array_ops.reshape(op.inputs[1], [-1])
  output_shape_kept_dims = reduced_shape(input_shape, op.inputs[1])
  tile_scaling = _safe_shape_div(input_shape, output_shape_kept_dims)
  grad = array_ops.reshape(grad, output_shape_kept_dims)
  grad = array_ops.tile(grad, tile_scaling)
  with ops.device("/cpu:0"):
    rank = array_ops.rank(op.inputs[0])
    reduction_indices = (reduction_indices + rank) % rank
    reduced = math_ops.cast(reduction_indices, dtypes.int32)
    idx = array_ops.range(0, rank)
    other, _ = gen_array_ops.list_diff(idx, reduced)
    perm = array_ops.concat([reduced, other], 0)
    reduced_num = math_ops.reduce_prod(array_ops.gather(input_shape, reduced))
    other_num = math_ops.reduce_prod(array_ops.gather(input_shape, other))
  permuted = array_ops.transpose(op.inputs[0], perm)
  permuted_shape = array_ops.shape(permuted)
  reshaped = array_ops.reshape(permuted, (reduced_num, other_num))
  left = math_ops.cumprod(reshaped, axis=0, exclusive=True)
  right = math_ops.cumprod(reshaped, axis=0, exclusive=True, reverse=True)
  y = array_ops.reshape(math_ops.conj(left) * math_ops.conj(right), permuted_shape)
  out = grad * array_ops.transpose(y, array_ops.invert_permutation(perm))
  return array_ops.reshape(out, input_shape), None


# ---- binary with broadcasting --------------------------------------------------------------

def _ShapesFullySpecifiedAndEqual(x, y, grad):  # pylint: disable=invalid-name
  x_shape = x._shape_tuple()  # pylint: disable=protected-access
  y_shape = y._shape_tuple()  # pylint: disable=protected-access
  grad_shape = grad._shape_tuple()  # pylint: disable=protected-access
  return (x_shape == y_shape and x_shape == grad_shape and x_shape is not None and
          None not in x_shape)


def _broadcast_args(x, y):
  sx = array_ops.shape(x)
  sy = array_ops.shape(y)
  rx, ry = gen_array_ops.broadcast_gradient_args(sx, sy)
  return sx, sy, rx, ry


@ops.RegisterGradient("Add")
@ops.RegisterGradient("AddV2")
def _AddGrad(op, grad):
  x = op.inputs[0]
  y = op.inputs[1]
  if isinstance(grad, ops.Tensor) and _ShapesFullySpecifiedAndEqual(x, y, grad):
    return grad, grad
  sx, sy, rx, ry = _broadcast_args(x, y)
  return (array_ops.reshape(math_ops.reduce_sum(grad, rx), sx),
          array_ops.reshape(math_ops.reduce_sum(grad, ry), sy))


@ops.RegisterGradient("Sub")
def _SubGrad(op, grad):
  x = op.inputs[0]
  y = op.inputs[1]
  if isinstance(grad, ops.Tensor) and _ShapesFullySpecifiedAndEqual(x, y, grad):
    return grad, -grad
  sx, sy, rx, ry = _broadcast_args(x, y)
  return (array_ops.reshape(math_ops.reduce_sum(grad, rx), sx),
          array_ops.reshape(-math_ops.reduce_sum(grad, ry), sy))


@ops.RegisterGradient("Mul")
def _MulGrad(op, grad):
  x = op.inputs[0]
  y = op.inputs[1]
  if (isinstance(grad, ops.Tensor) and _ShapesFullySpecifiedAndEqual(x, y, grad) and
      grad.dtype in (dtypes.int32, dtypes.float32)):
    return gen_math_ops.mul(grad, y), gen_math_ops.mul(grad, x)
  sx, sy, rx, ry = _broadcast_args(x, y)
  x = math_ops.conj(x)
  y = math_ops.conj(y)
  return (array_ops.reshape(math_ops.reduce_sum(gen_math_ops.mul(grad, y), rx), sx),
          array_ops.reshape(math_ops.reduce_sum(gen_math_ops.mul(x, grad), ry), sy))


@ops.RegisterGradient("Div")
def _DivGrad(op, grad):
  x = op.inputs[0]
  y = op.inputs[1]
  sx, sy, rx, ry = _broadcast_args(x, y)
  x = math_ops.conj(x)
  y = math_ops.conj(y)
  return (array_ops.reshape(math_ops.reduce_sum(math_ops.divide(grad, y), rx), sx),
          array_ops.reshape(math_ops.reduce_sum(
              grad * math_ops.divide(math_ops.divide(-x, y), y), ry), sy))


@ops.RegisterGradient("FloorDiv")
@ops.RegisterGradient("TruncateDiv")
def _FloorDivGrad(_, unused_grad):
  return None, None


@ops.RegisterGradient("FloorMod")
def _FloorModGrad(op, grad):
  x = math_ops.conj(op.inputs[0])
  y = math_ops.conj(op.inputs[1])
  sx, sy, rx, ry = _broadcast_args(x, y)
  floor_xy = gen_math_ops.floor_div(x, y)
  gx = array_ops.reshape(math_ops.reduce_sum(grad, rx), sx)
  gy = array_ops.reshape(math_ops.reduce_sum(grad * math_ops.negative(floor_xy), ry), sy)
  return gx, gy


@ops.RegisterGradient("RealDiv")
def _RealDivGrad(op, grad):
  x = op.inputs[0]
  y = op.inputs[1]
  sx, sy, rx, ry = _broadcast_args(x, y)
  x = math_ops.conj(x)
  y = math_ops.conj(y)
  return (array_ops.reshape(math_ops.reduce_sum(gen_math_ops.real_div(grad, y), rx), sx),
          array_ops.reshape(math_ops.reduce_sum(
              grad * gen_math_ops.real_div(gen_math_ops.real_div(-x, y), y), ry), sy))


@ops.RegisterGradient("DivNoNan")
def _DivNoNanGrad(op, grad):
  x = op.inputs[0]
  y = op.inputs[1]
  sx, sy, rx, ry = _broadcast_args(x, y)
  x = math_ops.conj(x)
  y = math_ops.conj(y)
  return (array_ops.reshape(math_ops.reduce_sum(gen_math_ops.div_no_nan(grad, y), rx), sx),
          array_ops.reshape(math_ops.reduce_sum(
              grad * gen_math_ops.div_no_nan(gen_math_ops.div_no_nan(-x, y), y), ry), sy))


@ops.RegisterGradient("Pow")
def _PowGrad(op, grad):
  x = op.inputs[0]
  y = op.inputs[1]
  z = op.outputs[0]
  sx, sy, rx, ry = _broadcast_args(x, y)
  x = math_ops.conj(x)
  y = math_ops.conj(y)
  z = math_ops.conj(z)
  gx = array_ops.reshape(
      math_ops.reduce_sum(gen_math_ops.mul(grad, y * math_ops.pow(x, y - 1)), rx), sx)
  # log(x) only where x > 0, so that x = 0 gives no spurious nan.
  if x.dtype.is_complex:
    mask = math_ops.not_equal(x, 0)
  else:
    mask = x > 0
  safe_x = gen_math_ops.select(mask, x, array_ops.ones_like(x))
  log_x = gen_math_ops.select(mask, math_ops.log(safe_x), array_ops.zeros_like(x))
  gy = array_ops.reshape(math_ops.reduce_sum(gen_math_ops.mul(grad, z * log_x), ry), sy)
  return gx, gy


def _MaximumMinimumGrad(op, grad, selector_op):
  x = op.inputs[0]
  y = op.inputs[1]
  gdtype = grad.dtype
  sx = array_ops.shape(x)
  sy = array_ops.shape(y)
  gradshape = array_ops.shape(grad)
  zeros = array_ops.zeros(gradshape, gdtype)
  xmask = selector_op(x, y)
  rx, ry = gen_array_ops.broadcast_gradient_args(sx, sy)
  xgrad = gen_math_ops.select(xmask, grad, zeros)
  ygrad = gen_math_ops.select(xmask, zeros, grad)
  gx = array_ops.reshape(math_ops.reduce_sum(xgrad, rx), sx)
  gy = array_ops.reshape(math_ops.reduce_sum(ygrad, ry), sy)
  return gx, gy


@ops.RegisterGradient("Maximum")
def _MaximumGrad(op, grad):
  return _MaximumMinimumGrad(op, grad, math_ops.greater_equal)


@ops.RegisterGradient("Minimum")
def _MinimumGrad(op, grad):
  return _MaximumMinimumGrad(op, grad, math_ops.less_equal)


@ops.RegisterGradient("SquaredDifference")
def _SquaredDifferenceGrad(op, grad):
  x = op.inputs[0]
  y = op.inputs[1]
  sx, sy, rx, ry = _broadcast_args(x, y)
  with ops.control_dependencies([grad]):
    x_grad = gen_math_ops.mul(constant_op.constant(2.0, dtype=grad.dtype), grad) * (x - y)
  return (array_ops.reshape(math_ops.reduce_sum(x_grad, rx), sx),
          -array_ops.reshape(math_ops.reduce_sum(x_grad, ry), sy))


@ops.RegisterGradient("Select")
def _SelectGrad(op, grad):
  c = op.inputs[0]
  x = op.inputs[1]
  zeros = array_ops.zeros_like(x)
  return None, gen_math_ops.select(c, grad, zeros), gen_math_ops.select(c, zeros, grad)


@ops.RegisterGradient("SelectV2")
def _SelectGradV2(op, grad):
  c = op.inputs[0]
  x = op.inputs[1]
  y = op.inputs[2]
  zeros = array_ops.zeros([], dtype=grad.dtype.base_dtype)
  output_shape = array_ops.shape(op.outputs[0])
  gx = gen_math_ops.select_v2(c, grad, zeros)
  x_shape = array_ops.shape(x)
  reduce_x, _ = gen_array_ops.broadcast_gradient_args(x_shape, output_shape)
  gx = array_ops.reshape(math_ops.reduce_sum(gx, keepdims=True, axis=reduce_x), x_shape)
  gy = gen_math_ops.select_v2(c, zeros, grad)
  y_shape = array_ops.shape(y)
  reduce_y, _ = gen_array_ops.broadcast_gradient_args(y_shape, output_shape)
  gy = array_ops.reshape(math_ops.reduce_sum(gy, keepdims=True, axis=reduce_y), y_shape)
  return None, gx, gy


@ops.RegisterGradient("AddN")
def _AddNGrad(op, grad):
  return [grad] * len(op.inputs)


# ---- matrix products -----------------------------------------------------------------------

@ops.RegisterGradient("MatMul")
def _MatMulGrad(op, grad):
  t_a = op.get_attr("transpose_a")
  t_b = op.get_attr("transpose_b")
  a = math_ops.conj(op.inputs[0])
  b = math_ops.conj(op.inputs[1])
  mm = gen_math_ops.mat_mul
  if not t_a and not t_b:
    return mm(grad, b, transpose_b=True), mm(a, grad, transpose_a=True)
  if not t_a and t_b:
    return mm(grad, b), mm(grad, a, transpose_a=True)
  if t_a and not t_b:
    return mm(b, grad, transpose_b=True), mm(a, grad)
  return (mm(b, grad, transpose_a=True, transpose_b=True),
          mm(grad, a, transpose_a=True, transpose_b=True))


def _batch_matmul_grads(op, grad):
  x = op.inputs[0]
  y = op.inputs[1]
  adj_x = op.get_attr("adj_x")
  adj_y = op.get_attr("adj_y")
  mm = math_ops.matmul
  if not adj_x:
    if not adj_y:
      return (mm(grad, y, adjoint_a=False, adjoint_b=True),
              mm(x, grad, adjoint_a=True, adjoint_b=False))
    return (mm(grad, y, adjoint_a=False, adjoint_b=False),
            mm(grad, x, adjoint_a=True, adjoint_b=False))
  if not adj_y:
    return (mm(y, grad, adjoint_a=False, adjoint_b=True),
            mm(x, grad, adjoint_a=False, adjoint_b=False))
  return (mm(y, grad, adjoint_a=True, adjoint_b=True),
          mm(grad, x, adjoint_a=True, adjoint_b=True))


@ops.RegisterGradient("BatchMatMul")
def _BatchMatMul(op, grad):
  return _batch_matmul_grads(op, grad)


@ops.RegisterGradient("BatchMatMulV2")
def _BatchMatMulV2(op, grad):
  grad_x, grad_y = _batch_matmul_grads(op, grad)
  x = op.inputs[0]
  y = op.inputs[1]
  shape_x_static = x.get_shape()
  shape_y_static = y.get_shape()
  may_have_batch = (shape_x_static.ndims is None or shape_x_static.ndims > 2 or
                    shape_y_static.ndims is None or shape_y_static.ndims > 2)
  batch_shapes_match = (shape_x_static[:-2].is_fully_defined() and
                        shape_y_static[:-2].is_fully_defined() and
                        shape_x_static[:-2] == shape_y_static[:-2]) \
      if shape_x_static.ndims is not None and shape_y_static.ndims is not None else False
  if not may_have_batch or batch_shapes_match:
    return grad_x, grad_y
  sx = array_ops.shape(x)
  sy = array_ops.shape(y)
  rx, ry = gen_array_ops.broadcast_gradient_args(sx[:-2], sy[:-2])
  grad_x = array_ops.reshape(math_ops.reduce_sum(grad_x, rx), sx)
  grad_y = array_ops.reshape(math_ops.reduce_sum(grad_y, ry), sy)
  return grad_x, grad_y


# ---- scans, casts, complex -----------------------------------------------------------------

@ops.RegisterGradient("Cumsum")
def _CumsumGrad(op, grad):
  axis = op.inputs[1]
  exclusive = op.get_attr("exclusive")
  reverse = op.get_attr("reverse")
  return [math_ops.cumsum(grad, axis, exclusive=exclusive, reverse=not reverse), None]


@ops.RegisterGradient("Cumprod")
def _CumprodGrad(op, grad):
  x = op.inputs[0]
  axis = op.inputs[1]
  exclusive = op.get_attr("exclusive")
  reverse = op.get_attr("reverse")
  prod = math_ops.cumprod(x, axis, exclusive=exclusive, reverse=reverse)
  out = math_ops.cumsum(prod * grad, axis, exclusive=exclusive, reverse=not reverse)
  return [out / x, None]


_CAST_DIFFERENTIABLE = (dtypes.float16, dtypes.float32, dtypes.float64, dtypes.bfloat16,
                        dtypes.complex64, dtypes.complex128)


@ops.RegisterGradient("Cast")
def _CastGrad(op, grad):
  src_type = op.inputs[0].dtype.base_dtype
  dst_type = grad.dtype.base_dtype
  if src_type in _CAST_DIFFERENTIABLE and dst_type in _CAST_DIFFERENTIABLE:
    return math_ops.cast(grad, src_type)
  return None


@ops.RegisterGradient("Real")
def _RealGrad(_, grad):
  zero = constant_op.constant(0, dtype=grad.dtype)
  return math_ops.complex(grad, zero)


@ops.RegisterGradient("Imag")
def _ImagGrad(_, grad):
  zero = constant_op.constant(0, dtype=grad.dtype)
  return math_ops.complex(zero, grad)


@ops.RegisterGradient("Angle")
def _AngleGrad(op, grad):
  x = op.inputs[0]
  with ops.control_dependencies([grad]):
    re = math_ops.real(x)
    im = math_ops.imag(x)
    z = math_ops.reciprocal(math_ops.complex(im, re))
    zero = constant_op.constant(0, dtype=grad.dtype)
    complex_grad = math_ops.complex(grad, zero)
    return -complex_grad * z


@ops.RegisterGradient("Conj")
def _ConjGrad(_, grad):
  return math_ops.conj(grad)


@ops.RegisterGradient("ComplexAbs")
def _ComplexAbsGrad(op, grad):
  return gen_math_ops.div_no_nan(
      math_ops.complex(grad, array_ops.zeros_like(grad)) * op.inputs[0],
      math_ops.complex(op.outputs[0], array_ops.zeros_like(op.outputs[0])))


@ops.RegisterGradient("Complex")
def _ComplexGrad(op, grad):
  x = op.inputs[0]
  y = op.inputs[1]
  sx, sy, rx, ry = _broadcast_args(x, y)
  return (array_ops.reshape(math_ops.reduce_sum(math_ops.real(grad), rx), sx),
          array_ops.reshape(math_ops.reduce_sum(math_ops.imag(grad), ry), sy))


# ---- einsum -------------------------------------------------------------------------------

def _einsum_operand_grad(grad, out_subs, other, other_subs, x, x_subs):
  """d(sum)/dx: contract grad with the other operand, then broadcast over x-only labels."""
  kept = "".join(l for l in x_subs if l in out_subs or l in (other_subs or ""))
  if other is None:
    g = gen_linalg_einsum([grad], "%s->%s" % (out_subs, kept))
  else:
    g = gen_linalg_einsum([grad, other], "%s,%s->%s" % (out_subs, other_subs, kept))
  if kept == x_subs:
    return g
  with_ones = [l if l in kept else None for l in x_subs]
  x_shape = array_ops.shape(x)
  g_shape = array_ops.shape(g)
  parts = []
  k = 0
  for i, l in enumerate(with_ones):
    if l is None:
      parts.append(constant_op.constant([1], dtype=dtypes.int32))
    else:
      parts.append(array_ops.reshape(g_shape[k], [1]))
      k += 1
  g = array_ops.reshape(g, array_ops.concat(parts, 0))
  return gen_array_ops.broadcast_to(g, x_shape)


def gen_linalg_einsum(inputs, equation):
  from tensorflow.python.ops import gen_linalg_ops  # pylint: disable=g-import-not-at-top
  return gen_linalg_ops.einsum(inputs, equation=equation)


@ops.RegisterGradient("Einsum")
def _EinsumGrad(op, grad):
  """One Einsum per operand; labels repeated within an operand and ellipses are refused."""
  equation = op.get_attr("equation")
  if isinstance(equation, bytes):
    equation = equation.decode()
  equation = equation.replace(" ", "")
  in_part, out_subs = equation.split("->")
  in_subs = in_part.split(",")
  for subs in in_subs + [out_subs]:
    if "." in subs or len(set(subs)) != len(subs):
      raise NotImplementedError(
          "The Einsum gradient in tfclassic supports equations without ellipses or repeated "
          "labels within an operand; got '%s' (op %s)" % (equation, op.name))
  if len(in_subs) == 1:
    return _einsum_operand_grad(grad, out_subs, None, None, op.inputs[0], in_subs[0])
  if len(in_subs) != 2:
    raise ValueError("Einsum op %s has %d operands; at most 2 are supported" %
                     (op.name, len(in_subs)))
  x, y = op.inputs[0], op.inputs[1]
  return [_einsum_operand_grad(grad, out_subs, math_ops.conj(y), in_subs[1], x, in_subs[0]),
          _einsum_operand_grad(grad, out_subs, math_ops.conj(x), in_subs[0], y, in_subs[1])]


# ---- segment reductions (the ops TF's own gradients emit) ----------------------------------

def _gather_dropping_negatives(params, ids, zero_clipped_indices=None, is_positive=None):
  if zero_clipped_indices is None:
    zero_clipped_indices = math_ops.maximum(ids, array_ops.zeros_like(ids))
  gathered = array_ops.gather(params, zero_clipped_indices)
  if is_positive is None:
    is_positive = math_ops.greater_equal(ids, 0)
    is_positive_shape = array_ops.shape(is_positive)
    broadcastable_shape = array_ops.concat(
        [is_positive_shape,
         array_ops.ones([array_ops.rank(gathered) - array_ops.rank(is_positive)],
                        dtype=is_positive_shape.dtype)], axis=0)
    is_positive = array_ops.reshape(is_positive, broadcastable_shape)
    is_positive = math_ops.logical_and(is_positive,
                                       array_ops.ones_like(gathered, dtype=dtypes.bool))
  zero_slice = array_ops.zeros_like(gathered)
  return gen_math_ops.select(is_positive, gathered, zero_slice), zero_clipped_indices, \
      is_positive


@ops.RegisterGradient("UnsortedSegmentSum")
def _UnsortedSegmentSumGrad(op, grad):
  return _gather_dropping_negatives(grad, op.inputs[1])[0], None, None


@ops.RegisterGradient("SegmentSum")
def _SegmentSumGrad(op, grad):
  return array_ops.gather(grad, op.inputs[1]), None


@ops.RegisterGradient("SegmentMean")
def _SegmentMeanGrad(op, grad):
  input_rank = array_ops.rank(op.inputs[0])
  ones_shape = array_ops.concat(
      [array_ops.shape(op.inputs[1]),
       array_ops.fill(array_ops.expand_dims(input_rank - 1, 0), 1)], 0)
  ones = array_ops.fill(ones_shape, constant_op.constant(1, dtype=grad.dtype))
  scaled_grad = math_ops.divide(grad, gen_math_ops.segment_sum(ones, op.inputs[1]))
  return array_ops.gather(scaled_grad, op.inputs[1]), None


def _segment_min_or_max_grad(op, grad):
  zeros = array_ops.zeros_like(op.inputs[0], dtype=op.inputs[0].dtype)
  gathered_outputs = array_ops.gather(op.outputs[0], op.inputs[1])
  is_selected = math_ops.equal(op.inputs[0], gathered_outputs)
  num_selected = gen_math_ops.segment_sum(math_ops.cast(is_selected, grad.dtype),
                                          op.inputs[1])
  weighted_grads = math_ops.divide(grad, num_selected)
  gathered_grads = array_ops.gather(weighted_grads, op.inputs[1])
  return gen_math_ops.select(is_selected, gathered_grads, zeros), None


ops.RegisterGradient("SegmentMin")(_segment_min_or_max_grad)
ops.RegisterGradient("SegmentMax")(_segment_min_or_max_grad)


def _unsorted_segment_min_or_max_grad(op, grad):
  gathered_outputs, zero_clipped_indices, is_positive = _gather_dropping_negatives(
      op.outputs[0], op.inputs[1])
  is_selected = math_ops.equal(op.inputs[0], gathered_outputs)
  is_selected = math_ops.logical_and(is_selected, is_positive)
  num_selected = gen_math_ops.unsorted_segment_sum(
      math_ops.cast(is_selected, grad.dtype), op.inputs[1], op.inputs[2])
  weighted_grads = math_ops.divide(grad, num_selected)
  gathered_grads, _, _ = _gather_dropping_negatives(weighted_grads, None,
                                                    zero_clipped_indices, is_positive)
  zeros = array_ops.zeros_like(gathered_grads)
  return gen_math_ops.select(is_selected, gathered_grads, zeros), None, None


ops.RegisterGradient("UnsortedSegmentMax")(_unsorted_segment_min_or_max_grad)
ops.RegisterGradient("UnsortedSegmentMin")(_unsorted_segment_min_or_max_grad)


# Ops whose outputs carry no gradient.
for _op_type in ("Less", "LessEqual", "Greater", "GreaterEqual", "Equal", "NotEqual",
                 "LogicalAnd", "LogicalOr", "LogicalNot", "IsNan", "IsInf", "IsFinite",
                 "ArgMax", "ArgMin", "Range"):
  ops.NotDifferentiable(_op_type)
del _op_type
del indexed_slices
