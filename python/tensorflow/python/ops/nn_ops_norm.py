"""tf.nn.fused_batch_norm, tf.nn.lrn / local_response_normalization, tf.nn.l2_normalize,
tf.nn.top_k and tf.nn.in_top_k as TF 1.15 builds them."""

from tensorflow.python.framework import constant_op
from tensorflow.python.framework import ops
from tensorflow.python.ops import gen_nn_ops
from tensorflow.python.ops import math_ops
from tensorflow.python.util.tf_export import tf_export


@tf_export("nn.fused_batch_norm")
def fused_batch_norm(x, scale, offset, mean=None, variance=None, epsilon=0.001,  # pylint: disable=invalid-name
                     data_format="NHWC", is_training=True, name=None):
  """Batch normalization of 4-D x over all but the channel dim, one FusedBatchNormV3 op.

  Returns (y, batch_mean, batch_variance); in training the variance is the unbiased
  (Bessel-corrected) batch variance, in inference mean/variance pass through.
  """
  x = ops.convert_to_tensor(x, name="input")
  scale = ops.convert_to_tensor(scale, name="scale")
  offset = ops.convert_to_tensor(offset, name="offset")
  if is_training:
    if (mean is not None) or (variance is not None):
      raise ValueError("Both 'mean' and 'variance' must be None if is_training is True.")
  if mean is None:
    mean = constant_op.constant([])
  if variance is None:
    variance = constant_op.constant([])
  # cuDNN's lower bound on epsilon, applied on every device as TF does.
  min_epsilon = 1.001e-5
  epsilon = epsilon if epsilon > min_epsilon else min_epsilon
  y, batch_mean, batch_var, _, _, _ = gen_nn_ops.fused_batch_norm_v3(
      x, scale, offset, mean, variance, epsilon=epsilon, data_format=data_format,
      is_training=is_training, name=name)
  return y, batch_mean, batch_var


@tf_export("nn.local_response_normalization", "nn.lrn")
def local_response_normalization(input, depth_radius=5, bias=1, alpha=1, beta=0.5, name=None):  # pylint: disable=redefined-builtin
  """The LRN op: input / (bias + alpha * sum of squares over the depth window) ** beta."""
  return gen_nn_ops.lrn(input, depth_radius=depth_radius, bias=bias, alpha=alpha, beta=beta,
                        name=name)


lrn = local_response_normalization


@tf_export("math.l2_normalize", "linalg.l2_normalize", "nn.l2_normalize")
def l2_normalize(x, axis=None, epsilon=1e-12, name=None, dim=None):
  """x * rsqrt(max(sum(x ** 2, axis), epsilon))."""
  if axis is not None and dim is not None:
    raise ValueError("Cannot specify both 'axis' and 'dim'")
  if axis is None:
    axis = dim
  with ops.name_scope(name, "l2_normalize", [x]) as name:
    x = ops.convert_to_tensor(x, name="x")
    square_sum = math_ops.reduce_sum(math_ops.square(x), axis, keepdims=True)
    x_inv_norm = math_ops.rsqrt(math_ops.maximum(square_sum, epsilon))
    return math_ops.multiply(x, x_inv_norm, name=name)


@tf_export("math.top_k", "nn.top_k")
def top_k(input, k=1, sorted=True, name=None):  # pylint: disable=redefined-builtin
  """Values and int32 indices of the k largest entries along the last dim (ties: lower
  index first)."""
  return gen_nn_ops.top_kv2(input, k=k, sorted=sorted, name=name)


@tf_export("math.in_top_k", "nn.in_top_k")
def in_top_k(predictions, targets, k, name=None):
  """Whether each target's prediction is among the k largest of its row."""
  with ops.name_scope(name, "in_top_k"):
    return gen_nn_ops.in_top_kv2(predictions, targets, k, name=name)
