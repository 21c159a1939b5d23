"""contrib.layers.batch_norm and layer_norm (TF 1.15).

batch_norm follows TF 1.15's three routes with one implementation: the fused kernel
(FusedBatchNormV3; rank 2 or 4, no batch_weights, fused None/True) or nn.moments +
nn.batch_normalization otherwise. As in TF, the fused route updates moving_variance with
the unbiased (Bessel-corrected) batch variance and the moments route with the biased one.
"""

from tensorflow.contrib.framework.python.ops.arg_scope import add_arg_scope
from tensorflow.contrib.framework.python.ops import variables
from tensorflow.contrib.layers.python.layers import utils
from tensorflow.python.framework import constant_op
from tensorflow.python.framework import dtypes
from tensorflow.python.framework import ops
from tensorflow.python.ops import array_ops
from tensorflow.python.ops import init_ops
from tensorflow.python.ops import nn_impl
from tensorflow.python.ops import nn_ops_norm
from tensorflow.python.ops import variable_scope
from tensorflow.python.training import moving_averages

__all__ = ["batch_norm", "layer_norm"]

DATA_FORMAT_NCHW = "NCHW"
DATA_FORMAT_NHWC = "NHWC"


def _param(name, shape, dtype, initializers, regularizers, default_init, trainable,
           variables_collections):
  return variables.model_variable(
      name, shape=shape, dtype=dtype, initializer=initializers.get(name, default_init),
      regularizer=regularizers.get(name), trainable=trainable,
      collections=utils.get_variable_collections(variables_collections, name))


@add_arg_scope
def batch_norm(inputs, decay=0.999, center=True, scale=False, epsilon=0.001,
               activation_fn=None, param_initializers=None, param_regularizers=None,
               updates_collections=ops.GraphKeys.UPDATE_OPS, is_training=True, reuse=None,
               variables_collections=None, outputs_collections=None, trainable=True,
               batch_weights=None, fused=None, data_format=DATA_FORMAT_NHWC,
               zero_debias_moving_mean=False, scope=None, renorm=False, renorm_clipping=None,
               renorm_decay=0.99, adjustment=None):
  """Batch normalization with variables `BatchNorm/{beta,gamma,moving_mean,moving_variance}`.

  Moving-average updates go to `updates_collections`, or run before the output (control
  dependencies) when it is None. `is_training` may be a bool Tensor (the choice is a tf.cond).
  """
  del renorm_clipping, renorm_decay
  if renorm:
    raise NotImplementedError("contrib.layers.batch_norm(renorm=True) is not supported in "
                              "tfclassic yet")
  if adjustment is not None:
    raise NotImplementedError("contrib.layers.batch_norm(adjustment=...) is not supported "
                              "in tfclassic yet")
  if fused is None:
    fused = True
  inputs = ops.convert_to_tensor(inputs)
  rank = inputs.get_shape().ndims
  use_fused = bool(fused) and batch_weights is None and rank in (2, 4)
  if data_format not in (DATA_FORMAT_NCHW, DATA_FORMAT_NHWC):
    raise ValueError("data_format has to be either NCHW or NHWC.")
  # TF builds the default configuration through tf.layers.BatchNormalization, which makes
  # gamma before beta; its own code paths make beta first.
  layer_route = (batch_weights is None and updates_collections == ops.GraphKeys.UPDATE_OPS and
                 not zero_debias_moving_mean and not (use_fused and rank == 2))
  with variable_scope.variable_scope(scope, "BatchNorm", [inputs], reuse=reuse) as sc:
    original_shape = inputs.get_shape()
    original_inputs = inputs
    if rank is None:
      raise ValueError("Inputs %s has undefined rank" % inputs.name)
    if use_fused and rank == 2:
      channels = original_shape.dims[-1].value
      if channels is None:
        raise ValueError("`C` dimension must be known but is None")
      new_shape = [-1, channels, 1, 1] if data_format == DATA_FORMAT_NCHW else [-1, 1, 1,
                                                                                channels]
      inputs = array_ops.reshape(inputs, new_shape)
    inputs_shape = inputs.get_shape()
    if data_format == DATA_FORMAT_NCHW:
      params_shape = inputs_shape[1:2]
    else:
      params_shape = inputs_shape[-1:]
    if not params_shape.is_fully_defined():
      raise ValueError("Inputs %s has undefined `C` dimension %s." % (inputs.name,
                                                                     params_shape))
    dtype = dtypes.float32 if use_fused else inputs.dtype.base_dtype
    initializers = param_initializers or {}
    regularizers = param_regularizers or {}
    args = (params_shape, dtype, initializers, regularizers)
    beta = gamma = None
    if layer_route and scale:
      gamma = _param("gamma", *args, init_ops.ones_initializer(), trainable,
                     variables_collections)
    if center:
      beta = _param("beta", *args, init_ops.zeros_initializer(), trainable,
                    variables_collections)
    if scale and gamma is None:
      gamma = _param("gamma", *args, init_ops.ones_initializer(), trainable,
                     variables_collections)
    moving_mean = _param("moving_mean", params_shape, dtype, initializers, {},
                         init_ops.zeros_initializer(), False, variables_collections)
    moving_variance = _param("moving_variance", params_shape, dtype, initializers, {},
                             init_ops.ones_initializer(), False, variables_collections)

    is_training_value = utils.constant_value(is_training)
    need_updates = is_training_value is None or bool(is_training_value)

    def update_moving_stats(mean, variance):
      update_mean = moving_averages.assign_moving_average(
          moving_mean, mean, decay, zero_debias=zero_debias_moving_mean)
      update_variance = moving_averages.assign_moving_average(
          moving_variance, variance, decay, zero_debias=False)
      return update_mean, update_variance

    if use_fused:
      if beta is None:
        beta = constant_op.constant(0.0, dtype=dtype, shape=params_shape.as_list())
      if gamma is None:
        gamma = constant_op.constant(1.0, dtype=dtype, shape=params_shape.as_list())

      def fused_training():
        return nn_ops_norm.fused_batch_norm(inputs, gamma, beta, epsilon=epsilon,
                                            data_format=data_format)

      def fused_inference():
        return nn_ops_norm.fused_batch_norm(inputs, gamma, beta, mean=moving_mean,
                                            variance=moving_variance, epsilon=epsilon,
                                            is_training=False, data_format=data_format)

      outputs, mean, variance = utils.smart_cond(is_training, fused_training, fused_inference)
      if need_updates:
        if updates_collections is None:
          def force_updates():
            with ops.control_dependencies(update_moving_stats(mean, variance)):
              return array_ops.identity(outputs)
          outputs = utils.smart_cond(is_training, force_updates, lambda: outputs)
        else:
          update_mean, update_variance = utils.smart_cond(
              is_training, lambda: update_moving_stats(mean, variance),
              lambda: (moving_mean, moving_variance))
          ops.add_to_collections(updates_collections, update_mean)
          ops.add_to_collections(updates_collections, update_variance)
      outputs.set_shape(inputs_shape)
      if original_shape.ndims == 2:
        outputs = array_ops.reshape(outputs, array_ops.shape(original_inputs))
    else:
      outputs = _moments_batch_norm(inputs, data_format, batch_weights, beta, gamma,
                                    moving_mean, moving_variance, epsilon, is_training,
                                    need_updates, updates_collections, update_moving_stats)
    if activation_fn is not None:
      outputs = activation_fn(outputs)
    return utils.collect_named_outputs(outputs_collections, sc.name, outputs)


def _moments_batch_norm(inputs, data_format, batch_weights, beta, gamma, moving_mean,
                        moving_variance, epsilon, is_training, need_updates,
                        updates_collections, update_moving_stats):
  inputs_shape = inputs.get_shape()
  inputs_rank = inputs_shape.ndims
  if batch_weights is not None:
    batch_weights = ops.convert_to_tensor(batch_weights)
    inputs_shape[0:1].assert_is_compatible_with(batch_weights.get_shape())
    batch_weights = array_ops.reshape(batch_weights, [-1] + [1] * (inputs_rank - 1))
  if data_format == DATA_FORMAT_NCHW:
    moments_axes = [0] + list(range(2, inputs_rank))
    broadcast_shape = [1, inputs_shape.dims[1].value] + [1] * (inputs_rank - 2)
  else:
    moments_axes = list(range(inputs_rank - 1))
    broadcast_shape = None
  if need_updates:
    keep = data_format == DATA_FORMAT_NCHW
    if batch_weights is None:
      mean, variance = nn_impl.moments(inputs, moments_axes, keep_dims=keep)
    else:
      mean, variance = nn_impl.weighted_moments(inputs, moments_axes, batch_weights,
                                                keepdims=keep)
    if keep:
      mean = array_ops.reshape(mean, [-1])
      variance = array_ops.reshape(variance, [-1])
    moving_vars_fn = lambda: (moving_mean, moving_variance)
    if updates_collections is None:
      def force_updates():
        with ops.control_dependencies(update_moving_stats(mean, variance)):
          return array_ops.identity(mean), array_ops.identity(variance)
      mean, variance = utils.smart_cond(is_training, force_updates, moving_vars_fn)
    else:
      update_mean, update_variance = utils.smart_cond(
          is_training, lambda: update_moving_stats(mean, variance), moving_vars_fn)
      ops.add_to_collections(updates_collections, update_mean)
      ops.add_to_collections(updates_collections, update_variance)
      batch_stats = (mean, variance)
      mean, variance = utils.smart_cond(is_training, lambda: batch_stats, moving_vars_fn)
  else:
    mean, variance = moving_mean, moving_variance
  if broadcast_shape is not None:
    mean = array_ops.reshape(mean, broadcast_shape)
    variance = array_ops.reshape(variance, broadcast_shape)
    if beta is not None:
      beta = array_ops.reshape(beta, broadcast_shape)
    if gamma is not None:
      gamma = array_ops.reshape(gamma, broadcast_shape)
  outputs = nn_impl.batch_normalization(inputs, mean, variance, beta, gamma, epsilon)
  outputs.set_shape(inputs_shape)
  return outputs


@add_arg_scope
def layer_norm(inputs, center=True, scale=True, activation_fn=None, reuse=None,
               variables_collections=None, outputs_collections=None, trainable=True,
               begin_norm_axis=1, begin_params_axis=-1, scope=None):
  """Normalizes over axes begin_norm_axis..R-1; `LayerNorm/{beta,gamma}` have the shape
  inputs.shape[begin_params_axis:]."""
  with variable_scope.variable_scope(scope, "LayerNorm", [inputs], reuse=reuse) as sc:
    inputs = ops.convert_to_tensor(inputs)
    inputs_shape = inputs.shape
    inputs_rank = inputs_shape.ndims
    if inputs_rank is None:
      raise ValueError("Inputs %s has undefined rank." % inputs.name)
    dtype = inputs.dtype.base_dtype
    if begin_norm_axis < 0:
      begin_norm_axis = inputs_rank + begin_norm_axis
    if begin_params_axis >= inputs_rank or begin_norm_axis >= inputs_rank:
      raise ValueError("begin_params_axis (%d) and begin_norm_axis (%d) must be < "
                       "rank(inputs) (%d)" % (begin_params_axis, begin_norm_axis,
                                              inputs_rank))
    params_shape = inputs_shape[begin_params_axis:]
    if not params_shape.is_fully_defined():
      raise ValueError("Inputs %s: shape(inputs)[%s:] is not fully defined: %s" %
                       (inputs.name, begin_params_axis, inputs_shape))
    beta = gamma = None
    if center:
      beta = variables.model_variable(
          "beta", shape=params_shape, dtype=dtype, initializer=init_ops.zeros_initializer(),
          collections=utils.get_variable_collections(variables_collections, "beta"),
          trainable=trainable)
    if scale:
      gamma = variables.model_variable(
          "gamma", shape=params_shape, dtype=dtype, initializer=init_ops.ones_initializer(),
          collections=utils.get_variable_collections(variables_collections, "gamma"),
          trainable=trainable)
    # float16 cannot represent 1e-12.
    variance_epsilon = 1e-12 if dtype != dtypes.float16 else 1e-3
    norm_axes = list(range(begin_norm_axis, inputs_rank))
    mean, variance = nn_impl.moments(inputs, norm_axes, keep_dims=True)
    outputs = nn_impl.batch_normalization(inputs, mean, variance, offset=beta, scale=gamma,
                                          variance_epsilon=variance_epsilon)
    outputs.set_shape(inputs_shape)
    if activation_fn is not None:
      outputs = activation_fn(outputs)
    return utils.collect_named_outputs(outputs_collections, sc.name, outputs)
