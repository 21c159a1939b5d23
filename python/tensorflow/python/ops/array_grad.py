"""Gradients of the array ops (shape manipulation, slicing, gathers, padding), as TF 1.15."""

from tensorflow.python.framework import constant_op
from tensorflow.python.framework import dtypes
from tensorflow.python.framework import indexed_slices
from tensorflow.python.framework import ops
from tensorflow.python.framework import tensor_util
from tensorflow.python.ops import array_ops
from tensorflow.python.ops import gen_array_ops
from tensorflow.python.ops import gen_math_ops
from tensorflow.python.ops import math_ops

IndexedSlices = indexed_slices.IndexedSlices


@ops.RegisterGradient("Pack")
def _PackGrad(op, grad):
  return array_ops.unstack(grad, num=op.get_attr("N"), axis=op.get_attr("axis"))


@ops.RegisterGradient("Unpack")
def _UnpackGrad(op, *grads):
  return array_ops.stack(grads, axis=op.get_attr("axis"))


def _ConcatGradHelper(op, grad, start_value_index, end_value_index, dim_index):
  """Slices the gradient back into the concatenated inputs."""
  if len(op.inputs) == 2:
    return grad + [None] if end_value_index <= dim_index else [None] + grad
  concat_dim = op.inputs[dim_index]
  input_values = op.inputs[start_value_index:end_value_index]
  out_grads = []
  if isinstance(grad, IndexedSlices):
    grad = ops.convert_to_tensor(grad)
  non_neg_concat_dim = concat_dim % array_ops.rank(input_values[0])
  sizes = array_ops.shape_n(input_values)
  if len(sizes) > 16:
    # Many inputs: one Split is cheaper than a Slice per input.
    sizes = array_ops.squeeze(
        array_ops.slice(array_ops.stack(sizes, axis=1), [non_neg_concat_dim, 0], [1, -1]))
    out_grads = array_ops.split(grad, sizes, non_neg_concat_dim)
  else:
    offset = gen_array_ops.concat_offset(non_neg_concat_dim, sizes)
    for (begin, size) in zip(offset, sizes):
      out_grads.append(array_ops.slice(grad, begin, size))
  return out_grads + [None] if end_value_index <= dim_index else [None] + out_grads


@ops.RegisterGradient("Concat")
def _ConcatGrad(op, grad):
  return _ConcatGradHelper(op, grad, start_value_index=1, end_value_index=len(op.inputs),
                           dim_index=0)


@ops.RegisterGradient("ConcatV2")
def _ConcatGradV2(op, grad):
  return _ConcatGradHelper(op, grad, start_value_index=0, end_value_index=-1, dim_index=-1)


ops.NotDifferentiable("ConcatOffset")


@ops.RegisterGradient("Slice")
def _SliceGrad(op, grad):
  """Pads the gradient with zeros around the slice."""
  input_vec = op.inputs[0]
  begin_vec = op.inputs[1]
  input_rank = array_ops.rank(input_vec)
  slice_size = array_ops.shape(op.outputs[0])
  shape = array_ops.stack([input_rank, 1])
  before_pad = array_ops.reshape(begin_vec, shape)
  after_pad = array_ops.reshape(array_ops.shape(input_vec) - slice_size - begin_vec, shape)
  paddings = array_ops.concat([before_pad, after_pad], 1)
  return array_ops.pad(grad, paddings), None, None


@ops.RegisterGradient("StridedSlice")
def _StridedSliceGrad(op, grad):
  begin = op.inputs[1]
  end = op.inputs[2]
  strides = op.inputs[3]
  x = array_ops.shape(op.inputs[0], out_type=begin.dtype)
  return gen_array_ops.strided_slice_grad(
      x, begin, end, strides, grad,
      begin_mask=op.get_attr("begin_mask"), end_mask=op.get_attr("end_mask"),
      ellipsis_mask=op.get_attr("ellipsis_mask"),
      new_axis_mask=op.get_attr("new_axis_mask"),
      shrink_axis_mask=op.get_attr("shrink_axis_mask")), None, None, None


@ops.RegisterGradient("StridedSliceGrad")
def _StridedSliceGradGrad(op, grad):
  begin = op.inputs[1]
  end = op.inputs[2]
  strides = op.inputs[3]
  return None, None, None, None, array_ops.strided_slice(
      grad, begin, end, strides,
      begin_mask=op.get_attr("begin_mask"), end_mask=op.get_attr("end_mask"),
      ellipsis_mask=op.get_attr("ellipsis_mask"),
      new_axis_mask=op.get_attr("new_axis_mask"),
      shrink_axis_mask=op.get_attr("shrink_axis_mask"))


@ops.RegisterGradient("Split")
def _SplitGrad(op, *grads):
  return None, array_ops.concat(list(grads), op.inputs[0])


@ops.RegisterGradient("SplitV")
def _SplitVGrad(op, *grads):
  returnval = array_ops.concat(list(grads), op.inputs[2])
  return [returnval] + [None] * (len(op.inputs) - 1)


@ops.RegisterGradient("Diag")
def _DiagGrad(_, grad):
  return array_ops.diag_part(grad)


@ops.RegisterGradient("DiagPart")
def _DiagPartGrad(_, grad):
  return array_ops.diag(grad)


@ops.RegisterGradient("MatrixDiag")
def _MatrixDiagGrad(_, grad):
  return array_ops.matrix_diag_part(grad)


@ops.RegisterGradient("MatrixDiagPart")
def _MatrixDiagPartGrad(op, grad):
  matrix_shape = op.inputs[0].get_shape()[-2:]
  if matrix_shape.is_fully_defined() and matrix_shape[0] == matrix_shape[1]:
    return array_ops.matrix_diag(grad)
  return array_ops.matrix_set_diag(array_ops.zeros_like(op.inputs[0]), grad)


@ops.RegisterGradient("MatrixSetDiag")
def _MatrixSetDiagGrad(op, grad):
  input_shape = op.inputs[0].get_shape().merge_with(grad.get_shape())
  diag_shape = op.inputs[1].get_shape()
  batch_shape = input_shape[:-2].merge_with(diag_shape[:-1])
  matrix_shape = input_shape[-2:]
  if batch_shape.is_fully_defined() and matrix_shape.is_fully_defined():
    diag_shape = batch_shape.as_list() + [min(matrix_shape.as_list())]
  else:
    with ops.colocate_with(grad):
      grad_shape = array_ops.shape(grad)
      grad_rank = array_ops.rank(grad)
      batch_shape = array_ops.slice(grad_shape, [0], [grad_rank - 2])
      matrix_shape = array_ops.slice(grad_shape, [grad_rank - 2], [2])
      min_dim = math_ops.reduce_min(matrix_shape)
      diag_shape = array_ops.concat([batch_shape, [min_dim]], 0)
  grad_input = array_ops.matrix_set_diag(grad, array_ops.zeros(diag_shape, dtype=grad.dtype))
  grad_diag = array_ops.matrix_diag_part(grad)
  return grad_input, grad_diag


@ops.RegisterGradient("MatrixBandPart")
def _MatrixBandPartGrad(op, grad):
  num_lower = op.inputs[1]
  num_upper = op.inputs[2]
  return array_ops.matrix_band_part(grad, num_lower, num_upper), None, None


# Shapes, indices and other integer-valued outputs carry no gradient.
ops.NotDifferentiable("ZerosLike")
ops.NotDifferentiable("OnesLike")
ops.NotDifferentiable("Shape")
ops.NotDifferentiable("ShapeN")
ops.NotDifferentiable("Rank")
ops.NotDifferentiable("Size")
ops.NotDifferentiable("OneHot")
ops.NotDifferentiable("Where")
ops.NotDifferentiable("Unique")
ops.NotDifferentiable("InvertPermutation")
ops.NotDifferentiable("BroadcastArgs")
ops.NotDifferentiable("StopGradient")
ops.NotDifferentiable("ListDiff")


@ops.RegisterGradient("Fill")
def _FillGrad(_, grad):
  return None, math_ops.reduce_sum(grad)


def _GetBatchIndices(params_shape, indices, batch_dims):
  """Indices offset so that each batch row addresses its own slice of the flattened params."""
  batch_indices = indices
  indices_ndims = indices.shape.ndims
  indices_dtype = indices.dtype.base_dtype
  casted_params_shape = math_ops.cast(params_shape, indices_dtype)
  accum_dim_value = array_ops.ones((), dtype=indices_dtype)
  for dim in range(batch_dims, 0, -1):
    dim_value = casted_params_shape[dim - 1]
    accum_dim_value *= casted_params_shape[dim]
    start = array_ops.zeros((), dtype=indices_dtype)
    step = array_ops.ones((), dtype=indices_dtype)
    dim_indices = array_ops.range(start, dim_value, step)
    dim_indices *= accum_dim_value
    dim_shape = array_ops.stack([1] * (dim - 1) + [dim_value] + [1] * (indices_ndims - dim),
                                axis=0)
    batch_indices += array_ops.reshape(dim_indices, dim_shape)
  return batch_indices


def _BatchGatherGrad(params_shape, values, indices, batch_dims, gather_dim_size):
  indices_size = array_ops.expand_dims(array_ops.size(indices), 0)
  if batch_dims:
    values_shape = array_ops.shape(values)
    outer_shape = values_shape[:batch_dims]
    inner_shape = values_shape[batch_dims:][1:]
    batch_size = gen_math_ops.prod(outer_shape, [0], False)
    flat_values_shape = array_ops.concat([[-1], inner_shape], 0)
    gather_dim_size *= batch_size
    indices = _GetBatchIndices(params_shape, indices, batch_dims)
    values = array_ops.reshape(values, flat_values_shape)
  indices = array_ops.reshape(indices, indices_size)
  params_grad = gen_math_ops.unsorted_segment_sum(values, indices, gather_dim_size)
  if batch_dims:
    params_grad = array_ops.reshape(params_grad, array_ops.concat([outer_shape, [-1]], 0))
  return params_grad


@ops.RegisterGradient("Gather")
def _GatherGrad(op, grad):
  params = op.inputs[0]
  with ops.colocate_with(params):
    params_shape = array_ops.shape(params)
  indices = op.inputs[1]
  size = array_ops.expand_dims(array_ops.size(indices), 0)
  values_shape = array_ops.concat([size, params_shape[1:]], 0)
  values = array_ops.reshape(grad, values_shape)
  indices = array_ops.reshape(indices, size)
  return [IndexedSlices(values, indices, params_shape), None]


@ops.RegisterGradient("GatherV2")
def _GatherV2Grad(op, grad):
  """IndexedSlices for a gather on axis 0, else a dense UnsortedSegmentSum."""
  params = op.inputs[0]
  with ops.colocate_with(params):
    params_shape = array_ops.shape(params, out_type=dtypes.int64)
    params_shape = math_ops.cast(params_shape, dtypes.int32)
  indices = op.inputs[1]
  indices_size = array_ops.expand_dims(array_ops.size(indices), 0)
  axis = op.inputs[2]
  axis_static = tensor_util.constant_value(axis)
  batch_dims = int(op.get_attr("batch_dims"))
  if batch_dims < 0:
    batch_dims += indices.shape.ndims
  if axis_static == 0:
    params_tail_shape = params_shape[1:]
    values_shape = array_ops.concat([indices_size, params_tail_shape], 0)
    values = array_ops.reshape(grad, values_shape)
    indices = array_ops.reshape(indices, indices_size)
    return [IndexedSlices(values, indices, params_shape), None, None]

  outer_shape = params_shape[:axis]
  inner_shape = params_shape[axis:][1:]
  values_shape = array_ops.concat([outer_shape, [-1], inner_shape], 0)
  values_dims = array_ops.size(values_shape)
  axis_dims = array_ops.size(outer_shape)
  outer_batches_indices = array_ops.range(batch_dims)
  batch_axis_indices = array_ops.range(batch_dims, axis_dims)
  inner_axes_indices = array_ops.range(axis_dims + 1, values_dims)
  values = array_ops.reshape(grad, values_shape)
  # Move the gathered axis next to the batch axes, segment-sum, then move it back.
  transpose_dims = array_ops.concat(
      [outer_batches_indices, [axis_dims], batch_axis_indices, inner_axes_indices], 0)
  values_transpose = array_ops.transpose(values, transpose_dims)
  params_grad = _BatchGatherGrad(params_shape, values_transpose, indices, batch_dims,
                                 params_shape[axis])
  invert_transpose_dims = array_ops.concat(
      [outer_batches_indices, batch_axis_indices + 1, [batch_dims], inner_axes_indices], 0)
  params_grad = array_ops.transpose(params_grad, invert_transpose_dims)
  return [params_grad, None, None]


@ops.RegisterGradient("GatherNd")
def _GatherNdGrad(op, grad):
  ref = op.inputs[0]
  indices = op.inputs[1]
  ref_shape = array_ops.shape(ref, out_type=indices.dtype)
  if indices.shape.ndims == 2 and indices.shape.dims[-1].value == 1:
    ref_grad = IndexedSlices(grad, array_ops.squeeze(indices, axis=-1), ref_shape)
  else:
    ref_grad = array_ops.scatter_nd(indices, grad, ref_shape)
  return [ref_grad, None]


@ops.RegisterGradient("ScatterNd")
def _ScatterNdGrad(op, grad):
  indices = op.inputs[0]
  updates_grad = array_ops.gather_nd(grad, indices)
  return [None, updates_grad, None]


@ops.RegisterGradient("CheckNumerics")
def _CheckNumericsGrad(op, grad):
  return gen_array_ops.check_numerics(
      grad, "Not a number (NaN) or infinity (Inf) values detected in gradient. %s" %
      op.get_attr("message").decode())


@ops.RegisterGradient("PlaceholderWithDefault")
@ops.RegisterGradient("Identity")
def _IdGrad(_, grad):
  return grad


@ops.RegisterGradient("RefIdentity")
def _RefIdGrad(_, grad):
  return grad


@ops.RegisterGradient("IdentityN")
def _IdNGrad(_, *grad):
  return grad


@ops.RegisterGradient("Snapshot")
def _SnapshotGrad(_, grad):
  return grad


@ops.RegisterGradient("PreventGradient")
def _PreventGradientGrad(op, _):
  raise LookupError("Gradient explicitly disabled. Reason: %s" % op.get_attr("message"))


def _ReshapeToInput(op, grad):
  return array_ops.reshape(grad, array_ops.shape(op.inputs[0]))


@ops.RegisterGradient("Reshape")
def _ReshapeGrad(op, grad):
  return [array_ops.reshape(grad, array_ops.shape(op.inputs[0])), None]


@ops.RegisterGradient("ExpandDims")
def _ExpandDimsGrad(op, grad):
  return [_ReshapeToInput(op, grad), None]


@ops.RegisterGradient("Squeeze")
def _SqueezeGrad(op, grad):
  return _ReshapeToInput(op, grad)


@ops.RegisterGradient("Transpose")
def _TransposeGrad(op, grad):
  p = op.inputs[1]
  return [array_ops.transpose(grad, array_ops.invert_permutation(p)), None]


@ops.RegisterGradient("ConjugateTranspose")
def _ConjugateTransposeGrad(op, grad):
  p = op.inputs[1]
  return [array_ops.transpose(grad, array_ops.invert_permutation(p), conjugate=True), None]


@ops.RegisterGradient("Tile")
def _TileGrad(op, grad):
  """Reshapes to interleaved (multiple, size) pairs and sums over the multiples."""
  input_shape = array_ops.shape(op.inputs[0])
  split_shape = array_ops.reshape(
      array_ops.transpose(array_ops.stack([op.inputs[1], input_shape])), [-1])
  axes = array_ops.range(0, array_ops.size(split_shape), 2)
  if isinstance(grad, IndexedSlices):
    grad = gen_math_ops.unsorted_segment_sum(
        grad.values, gen_math_ops.floor_mod(grad.indices, input_shape[0]), input_shape[0])
    split_shape = array_ops.concat([[1], split_shape[1:]], axis=0)
  input_grad = math_ops.reduce_sum(array_ops.reshape(grad, split_shape), axes)
  input_grad.set_shape(op.inputs[0].get_shape())
  return [input_grad, None]


ops.NotDifferentiable("BroadcastGradientArgs")


def _PadGrad(op, grad):
  x = op.inputs[0]
  a = op.inputs[1]
  pad_before = array_ops.slice(a, [0, 0], array_ops.stack([array_ops.rank(x), 1]))
  begin = array_ops.reshape(pad_before, [-1])
  sizes = array_ops.shape(x)
  x_grad = array_ops.slice(grad, begin, sizes)
  if len(op.inputs) == 3:
    return x_grad, None, None
  return x_grad, None


ops.RegisterGradient("Pad")(_PadGrad)
ops.RegisterGradient("PadV2")(_PadGrad)


@ops.RegisterGradient("MirrorPad")
def _MirrorPadGrad(op, grad):
  mode = op.get_attr("mode")
  return [gen_array_ops.mirror_pad_grad(grad, op.inputs[1], mode=mode), None]


@ops.RegisterGradient("MirrorPadGrad")
def _MirrorPadGradGrad(op, grad):
  mode = op.get_attr("mode")
  return [gen_array_ops.mirror_pad(grad, op.inputs[1], mode=mode), None]


@ops.RegisterGradient("ReverseV2")
def _ReverseV2Grad(op, grad):
  axis = op.inputs[1]
  return gen_array_ops.reverse_v2(grad, axis), None


@ops.RegisterGradient("BroadcastTo")
def _BroadcastToGrad(op, grad):
  input_value = op.inputs[0]
  broadcast_shape = op.inputs[1]
  input_value_shape = array_ops.shape(input_value)
  _, reduction_axes = gen_array_ops.broadcast_gradient_args(broadcast_shape,
                                                            input_value_shape)
  updates_grad_reshaped = math_ops.reduce_sum(grad, axis=reduction_axes, keepdims=True)
  updates_grad = array_ops.reshape(updates_grad_reshaped, input_value_shape)
  return [updates_grad, None]


@ops.RegisterGradient("DynamicStitch")
@ops.RegisterGradient("ParallelDynamicStitch")
def _DynamicStitchGrads(op, grad):
  num_values = len(op.inputs) // 2
  indices_grad = [None] * num_values

  def AsInt32(x):
    return (x if op.inputs[0].dtype == dtypes.int32 else math_ops.cast(x, dtypes.int32))

  inputs = [AsInt32(op.inputs[i]) for i in range(num_values)]
  if isinstance(grad, IndexedSlices):
    output_shape = array_ops.shape(op.outputs[0])
    output_rows = output_shape[0]
    grad = gen_math_ops.unsorted_segment_sum(grad.values, grad.indices, output_rows)
  values_grad = [array_ops.gather(grad, inp) for inp in inputs]
  return indices_grad + values_grad


del constant_op
