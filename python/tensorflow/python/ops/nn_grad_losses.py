"""Gradients of the cross-entropy, batch-norm, LRN and top-k ops, as TF 1.15's nn_grad.py
builds them."""

from tensorflow.python.framework import dtypes
from tensorflow.python.framework import ops
from tensorflow.python.framework import tensor_util
from tensorflow.python.ops import array_ops
from tensorflow.python.ops import gen_array_ops
from tensorflow.python.ops import gen_nn_ops
from tensorflow.python.ops import math_ops
from tensorflow.python.ops import nn_ops


def _BroadcastMul(vec, mat):
  """vec [D0] times mat [D0, D1], vec broadcast along the second dim."""
  vec = array_ops.expand_dims(vec, -1)
  return vec * mat


def _IsZero(g):
  # Introspection of whether the incoming gradient is known to be all zeros.
  if g.op.type in ("ZerosLike", "Zeros"):
    return True
  const_fill_value = tensor_util.constant_value(g)
  return const_fill_value is not None and (const_fill_value == 0).all()


@ops.RegisterGradient("SoftmaxCrossEntropyWithLogits")
def _SoftmaxCrossEntropyWithLogitsGrad(op, grad_loss, grad_grad):
  """d loss/d logits is output 1; its own derivative is softmax's (for second order)."""
  softmax_grad = op.outputs[1]
  grad = _BroadcastMul(grad_loss, softmax_grad)
  logits = op.inputs[0]
  if grad_grad is not None and not _IsZero(grad_grad):
    softmax = nn_ops.softmax(logits)
    grad += ((grad_grad - array_ops.squeeze(
        math_ops.matmul(array_ops.expand_dims(grad_grad, 1),
                        array_ops.expand_dims(softmax, 2)),
        axis=1)) * softmax)
  return grad, _BroadcastMul(grad_loss, -nn_ops.log_softmax(logits))  # pylint: disable=invalid-unary-operand-type


@ops.RegisterGradient("SparseSoftmaxCrossEntropyWithLogits")
def _SparseSoftmaxCrossEntropyWithLogitsGrad(op, grad_0, _):
  """No gradient for the labels; a second derivative raises (TF 1.15's PreventGradient)."""
  sparse_softmax_grad_without_gradient = gen_array_ops.prevent_gradient(
      op.outputs[1],
      message="Currently there is no way to take the second "
      "derivative of sparse_softmax_cross_entropy_with_logits due to the fused "
      "implementation's interaction with tf.gradients()")
  return _BroadcastMul(grad_0, sparse_softmax_grad_without_gradient), None


def _BaseFusedBatchNormGrad(op, version, *grad):
  """Training: the fused grad op from the saved batch statistics (its five outputs are the
  five inputs' gradients); inference: the grad op in NHWC over the population statistics."""
  x = op.inputs[0]
  grad_y = grad[0]
  scale = op.inputs[1]
  epsilon = op.get_attr("epsilon")
  data_format = op.get_attr("data_format")
  is_training = op.get_attr("is_training")
  if version == 2:
    grad_fun = gen_nn_ops.fused_batch_norm_grad_v3
  elif version == 1:
    grad_fun = gen_nn_ops.fused_batch_norm_grad_v2
  else:
    grad_fun = gen_nn_ops.fused_batch_norm_grad
  if is_training:
    args = {"y_backprop": grad_y, "x": x, "scale": scale,
            "reserve_space_1": op.outputs[3], "reserve_space_2": op.outputs[4],
            "epsilon": epsilon, "data_format": data_format, "is_training": is_training}
    if version == 2:
      args["reserve_space_3"] = op.outputs[5]
    return grad_fun(**args)
  pop_mean = op.inputs[3]
  pop_var = op.inputs[4]
  if data_format == b"NCHW":
    x = array_ops.transpose(x, [0, 2, 3, 1])
    grad_y = array_ops.transpose(grad_y, [0, 2, 3, 1])
  args = {"y_backprop": grad_y, "x": x, "scale": scale, "reserve_space_1": pop_mean,
          "reserve_space_2": pop_var, "epsilon": epsilon, "data_format": "NHWC",
          "is_training": is_training}
  if version == 2:
    args["reserve_space_3"] = op.outputs[5]
  dx, dscale, doffset, _, _ = grad_fun(**args)
  if data_format == b"NCHW":
    dx = array_ops.transpose(dx, [0, 3, 1, 2])
  return dx, dscale, doffset, None, None


@ops.RegisterGradient("FusedBatchNorm")
def _FusedBatchNormGrad(op, *grad):
  return _BaseFusedBatchNormGrad(op, 0, *grad)


@ops.RegisterGradient("FusedBatchNormV2")
def _FusedBatchNormV2Grad(op, *grad):
  return _BaseFusedBatchNormGrad(op, 1, *grad)


@ops.RegisterGradient("FusedBatchNormV3")
def _FusedBatchNormV3Grad(op, *grad):
  return _BaseFusedBatchNormGrad(op, 2, *grad)


def _BatchNormGrad(grad_y, x, scale, pop_mean, pop_var, epsilon, data_format,
                   is_training=True):
  """The batch-norm gradient written with plain ops, so that it can be differentiated."""
  x_dtype = x.dtype.base_dtype
  if x_dtype == dtypes.float16:
    x = math_ops.cast(x, dtypes.float32)
    grad_y = math_ops.cast(grad_y, dtypes.float32)
  if is_training:
    if data_format == b"NHWC":
      keepdims = False
      reduce_axis = [0, 1, 2]
    else:
      keepdims = True
      reduce_axis = [0, 2, 3]
      shape = [1, array_ops.size(scale), 1, 1]
      scale = array_ops.reshape(scale, shape)
    mean_grad_y = math_ops.reduce_mean(grad_y, reduce_axis, keepdims=keepdims)
    mean_x = math_ops.reduce_mean(x, reduce_axis, keepdims=keepdims)
    var_x = math_ops.reduce_mean(
        math_ops.squared_difference(x, array_ops.stop_gradient(mean_x)), reduce_axis,
        keepdims=keepdims)
    grad_y_offset = grad_y - mean_grad_y
    x_offset = x - mean_x
    mean = math_ops.reduce_mean(grad_y * x_offset, axis=reduce_axis, keepdims=keepdims)
    grad_x = scale * math_ops.rsqrt(var_x + epsilon) * (
        grad_y_offset - math_ops.reciprocal(var_x + epsilon) * mean * x_offset)
    grad_scale = math_ops.rsqrt(var_x + epsilon) * math_ops.reduce_sum(
        grad_y * x_offset, axis=reduce_axis, keepdims=keepdims)
    if data_format == b"NCHW":
      grad_scale = array_ops.squeeze(grad_scale)
    grad_offset = math_ops.reduce_sum(grad_y, axis=reduce_axis)
    return math_ops.cast(grad_x, x_dtype), grad_scale, grad_offset
  if data_format == b"NHWC":
    reduce_axis = [0, 1, 2]
  else:
    reduce_axis = [0, 2, 3]
    shape = [1, array_ops.size(pop_mean), 1, 1]
    pop_mean = array_ops.reshape(pop_mean, shape)
    pop_var = array_ops.reshape(pop_var, shape)
    scale = array_ops.reshape(scale, shape)
  grad_offset = math_ops.reduce_sum(grad_y, axis=reduce_axis)
  var_rsqrt = math_ops.rsqrt(pop_var + epsilon)
  grad_scale = math_ops.reduce_sum(grad_y * (x - pop_mean) * var_rsqrt, axis=reduce_axis)
  grad_x = grad_y * scale * var_rsqrt
  return math_ops.cast(grad_x, x_dtype), grad_scale, grad_offset


@ops.RegisterGradient("FusedBatchNormGrad")
def _FusedBatchNormGradGrad(op, *grad):
  """Differentiates _BatchNormGrad (the same function in plain ops) with tf.gradients."""
  from tensorflow.python.ops import gradients_impl  # pylint: disable=g-import-not-at-top
  data_format = op.get_attr("data_format")
  epsilon = op.get_attr("epsilon")
  is_training = op.get_attr("is_training")
  grad_y = op.inputs[0]
  x = op.inputs[1]
  scale = op.inputs[2]
  pop_mean = op.inputs[3]
  pop_var = op.inputs[4]
  grad_grad_x = grad[0]
  grad_grad_scale = grad[1]
  grad_grad_offset = grad[2]
  grad_x, grad_scale, grad_offset = _BatchNormGrad(grad_y, x, scale, pop_mean, pop_var,
                                                   epsilon, data_format, is_training)
  grad_initial = [grad_grad_x, grad_grad_scale, grad_grad_offset]
  grad_grad_y, grad_x, grad_scale = gradients_impl.gradients(
      [grad_x, grad_scale, grad_offset], [grad_y, x, scale], grad_initial)
  return grad_grad_y, grad_x, grad_scale, None, None


@ops.RegisterGradient("FusedBatchNormGradV2")
def _FusedBatchNormGradGradV2(op, *grad):
  return _FusedBatchNormGradGrad(op, *grad)


@ops.RegisterGradient("FusedBatchNormGradV3")
def _FusedBatchNormGradGradV3(op, *grad):
  grad_grad_y, grad_x, grad_scale, _, _ = _FusedBatchNormGradGrad(op, *grad)
  return grad_grad_y, grad_x, grad_scale, None, None, None


@ops.RegisterGradient("LRN")
def _LRNGrad(op, grad):
  depth_radius = op.get_attr("depth_radius")
  bias = op.get_attr("bias")
  alpha = op.get_attr("alpha")
  beta = op.get_attr("beta")
  return [gen_nn_ops.lrn_grad(grad, op.inputs[0], op.outputs[0], depth_radius, bias, alpha,
                              beta)]


def _TopKGradImpl(op, grad):
  """Scatters the values' gradient back to the selected positions, zeros elsewhere."""
  in_shape = array_ops.shape(op.inputs[0])
  ind_shape = array_ops.shape(op.outputs[1])
  ind_lastdim = array_ops.gather(math_ops.cast(ind_shape, dtypes.int64),
                                 array_ops.size(ind_shape) - 1)
  ind_2d = array_ops.reshape(op.outputs[1], array_ops.stack([-1, ind_lastdim]))
  in_lastdim = array_ops.gather(math_ops.cast(in_shape, dtypes.int64),
                                array_ops.size(in_shape) - 1)
  outerdim = array_ops.shape(ind_2d)[0]
  ind = array_ops.reshape(
      ind_2d + math_ops.cast(array_ops.expand_dims(
          array_ops.range(0, math_ops.cast(outerdim, dtypes.int64) * in_lastdim, in_lastdim),
          -1), dtypes.int32), [-1])
  return array_ops.reshape(
      array_ops.scatter_nd(array_ops.expand_dims(ind, -1), array_ops.reshape(grad, [-1]),
                           [math_ops.reduce_prod(in_shape)]), in_shape)


@ops.RegisterGradient("TopKV2")
def _TopKV2Grad(op, grad, _):
  return [_TopKGradImpl(op, grad), array_ops.zeros([], dtype=dtypes.int32)]


@ops.RegisterGradient("TopK")
def _TopKGrad(op, grad, _):
  return [_TopKGradImpl(op, grad)]


ops.NotDifferentiable("InTopK")
ops.NotDifferentiable("InTopKV2")
