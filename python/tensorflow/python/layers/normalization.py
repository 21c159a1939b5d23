"""tf.layers.BatchNormalization / batch_normalization as TF 1.15 builds them (Keras'
BatchNormalization with V1 behaviour).

Weights, in this order: `gamma` (scale), `beta` (center), then the non-trainable
`moving_mean` and `moving_variance`. A 4-D input normalised over axis 1 or 3 uses one
FusedBatchNormV3 op (fused=None or True); otherwise nn.moments + nn.batch_normalization.
In training the moving statistics are updated as
    AssignMovingAvg: var -= (var - batch_stat) * (1 - momentum)
(no zero-debiasing; the fused op's batch variance is the Bessel-corrected one) and the update
ops are added to UPDATE_OPS. `training` may be a Python bool or a bool tensor (tf.cond).
"""

from tensorflow.python.framework import dtypes
from tensorflow.python.framework import ops
from tensorflow.python.framework import tensor_shape
from tensorflow.python.layers import base
from tensorflow.python.layers import utils
from tensorflow.python.ops import array_ops
from tensorflow.python.ops import init_ops
from tensorflow.python.ops import math_ops
from tensorflow.python.ops import nn_impl
from tensorflow.python.ops import nn_ops_norm
from tensorflow.python.ops import state_ops
from tensorflow.python.ops import variable_scope as vs
from tensorflow.python.framework import constant_op
from tensorflow.python.util.tf_export import tf_export


def _learning_phase():
  """Keras' graph learning phase: one `keras_learning_phase` bool placeholder per graph,
  defaulting to False (what `training=None` means)."""
  graph = ops.get_default_graph()
  phase = graph.__dict__.get("_tfc_keras_learning_phase")
  if phase is None:
    with ops.name_scope(""):
      phase = array_ops.placeholder_with_default(False, shape=(), name="keras_learning_phase")
    graph.__dict__["_tfc_keras_learning_phase"] = phase
  return phase


def _not_supported(what):
  raise NotImplementedError("%s is not supported yet" % what)


@tf_export("layers.BatchNormalization")
class BatchNormalization(base.Layer):
  """Batch normalization over `axis` (the channels), with moving statistics for inference."""

  def __init__(self, axis=-1, momentum=0.99, epsilon=1e-3, center=True, scale=True,
               beta_initializer=init_ops.zeros_initializer(),
               gamma_initializer=init_ops.ones_initializer(),
               moving_mean_initializer=init_ops.zeros_initializer(),
               moving_variance_initializer=init_ops.ones_initializer(),
               beta_regularizer=None, gamma_regularizer=None, beta_constraint=None,
               gamma_constraint=None, renorm=False, renorm_clipping=None,
               renorm_momentum=0.99, fused=None, trainable=True, virtual_batch_size=None,
               adjustment=None, name=None, **kwargs):
    super(BatchNormalization, self).__init__(name=name, trainable=trainable, **kwargs)
    if renorm:
      _not_supported("renorm")
    if virtual_batch_size is not None:
      _not_supported("virtual_batch_size")
    if adjustment is not None:
      _not_supported("adjustment")
    if isinstance(axis, list):
      self.axis = axis[:]
    elif isinstance(axis, int):
      self.axis = axis
    else:
      raise TypeError("axis must be int or list, type given: %s" % type(axis))
    self.momentum = momentum
    self.epsilon = epsilon
    self.center = center
    self.scale = scale
    self.beta_initializer = beta_initializer
    self.gamma_initializer = gamma_initializer
    self.moving_mean_initializer = moving_mean_initializer
    self.moving_variance_initializer = moving_variance_initializer
    self.beta_regularizer = beta_regularizer
    self.gamma_regularizer = gamma_regularizer
    self.beta_constraint = beta_constraint
    self.gamma_constraint = gamma_constraint
    self.renorm = renorm
    self.virtual_batch_size = virtual_batch_size
    self.adjustment = adjustment
    # V1 behaviour: None means "fused where possible", decided when the layer builds.
    self.fused = True if fused is None else fused
    self.supports_masking = True

  def _fused_can_be_used(self):
    axis = [self.axis] if isinstance(self.axis, int) else self.axis
    if len(axis) > 1 or axis[0] not in (-3, -1, 1, 3):
      return False
    return self.dtype in ("float16", "bfloat16", "float32", None)

  @property
  def _param_dtype(self):
    if self.dtype in ("float16", "bfloat16"):
      return dtypes.float32
    return dtypes.as_dtype(self.dtype or dtypes.float32)

  def build(self, input_shape):
    input_shape = tensor_shape.TensorShape(input_shape)
    if not input_shape.ndims:
      raise ValueError("Input has undefined rank:", input_shape)
    ndims = len(input_shape)
    if isinstance(self.axis, int):
      self.axis = [self.axis]
    for idx, x in enumerate(self.axis):
      if x < 0:
        self.axis[idx] = ndims + x
    for x in self.axis:
      if x < 0 or x >= ndims:
        raise ValueError("Invalid axis: %d" % x)
    if len(self.axis) != len(set(self.axis)):
      raise ValueError("Duplicate axis: %s" % self.axis)
    if self.fused in (None, True):
      self.fused = ndims == 4 and self._fused_can_be_used()
    if self.fused:
      if self.axis == [1]:
        self._data_format = "NCHW"
      elif self.axis == [3]:
        self._data_format = "NHWC"
      else:
        raise ValueError("Unsupported axis, fused batch norm only supports axis == [1] or "
                         "axis == [3]")
    axis_to_dim = {x: tensor_shape.dimension_value(input_shape.dims[x]) for x in self.axis}
    for x in axis_to_dim:
      if axis_to_dim[x] is None:
        raise ValueError("Input has undefined `axis` dimension. Input shape: ", input_shape)
    self.input_spec = utils.InputSpec(ndim=ndims, axes=axis_to_dim)
    if len(axis_to_dim) == 1:
      param_shape = (list(axis_to_dim.values())[0],)
    else:
      param_shape = [axis_to_dim[i] if i in axis_to_dim else 1 for i in range(ndims)]
    param_dtype = self._param_dtype
    if self.scale:
      self.gamma = self.add_weight(name="gamma", shape=param_shape, dtype=param_dtype,
                                   initializer=self.gamma_initializer,
                                   regularizer=self.gamma_regularizer,
                                   constraint=self.gamma_constraint, trainable=True)
    else:
      self.gamma = None
      if self.fused:
        self._gamma_const = constant_op.constant(1.0, dtype=param_dtype, shape=param_shape)
    if self.center:
      self.beta = self.add_weight(name="beta", shape=param_shape, dtype=param_dtype,
                                  initializer=self.beta_initializer,
                                  regularizer=self.beta_regularizer,
                                  constraint=self.beta_constraint, trainable=True)
    else:
      self.beta = None
      if self.fused:
        self._beta_const = constant_op.constant(0.0, dtype=param_dtype, shape=param_shape)
    # The moving statistics are never partitioned.
    partitioner = None
    if self._scope is not None:
      partitioner = self._scope.partitioner
      self._scope.set_partitioner(None)
    try:
      self.moving_mean = self.add_weight(
          name="moving_mean", shape=param_shape, dtype=param_dtype,
          initializer=self.moving_mean_initializer,
          synchronization=vs.VariableSynchronization.ON_READ, trainable=False,
          aggregation=vs.VariableAggregation.MEAN)
      self.moving_variance = self.add_weight(
          name="moving_variance", shape=param_shape, dtype=param_dtype,
          initializer=self.moving_variance_initializer,
          synchronization=vs.VariableSynchronization.ON_READ, trainable=False,
          aggregation=vs.VariableAggregation.MEAN)
    finally:
      if partitioner:
        self._scope.set_partitioner(partitioner)
    self.built = True

  def _assign_moving_average(self, variable, value, momentum):
    with ops.name_scope(None, "AssignMovingAvg") as scope:
      with ops.colocate_with(variable):
        decay = ops.convert_to_tensor(1.0 - momentum, name="decay")
        if decay.dtype != variable.dtype.base_dtype:
          decay = math_ops.cast(decay, variable.dtype.base_dtype)
        update_delta = (variable - math_ops.cast(value, variable.dtype.base_dtype)) * decay
        return state_ops.assign_sub(variable, update_delta, name=scope)

  def _fused_batch_norm(self, inputs, training):
    beta = self.beta if self.center else self._beta_const
    gamma = self.gamma if self.scale else self._gamma_const

    def _fused_batch_norm_training():
      return nn_ops_norm.fused_batch_norm(inputs, gamma, beta, epsilon=self.epsilon,
                                          data_format=self._data_format)

    def _fused_batch_norm_inference():
      return nn_ops_norm.fused_batch_norm(inputs, gamma, beta, mean=self.moving_mean,
                                          variance=self.moving_variance,
                                          epsilon=self.epsilon, is_training=False,
                                          data_format=self._data_format)

    output, mean, variance = utils.smart_cond(training, _fused_batch_norm_training,
                                              _fused_batch_norm_inference)
    training_value = utils.constant_value(training)
    if training_value is None:
      momentum = utils.smart_cond(training, lambda: self.momentum, lambda: 1.0)
    else:
      momentum = ops.convert_to_tensor(self.momentum)
    if training_value or training_value is None:
      self.add_update(self._assign_moving_average(self.moving_mean, mean, momentum))
      self.add_update(self._assign_moving_average(self.moving_variance, variance, momentum))
    return output

  def call(self, inputs, training=False):
    if training is None:
      training = _learning_phase()
    inputs = ops.convert_to_tensor(inputs)
    if self.fused:
      return self._fused_batch_norm(inputs, training=training)

    input_shape = inputs.shape
    ndims = len(input_shape)
    reduction_axes = [i for i in range(ndims) if i not in self.axis]
    broadcast_shape = [1] * ndims
    broadcast_shape[self.axis[0]] = tensor_shape.dimension_value(
        input_shape.dims[self.axis[0]])

    def _broadcast(v):
      if (v is not None and len(v.shape) != ndims and
          reduction_axes != list(range(ndims - 1))):
        return array_ops.reshape(v, broadcast_shape)
      return v

    scale, offset = _broadcast(self.gamma), _broadcast(self.beta)

    training_value = utils.constant_value(training)
    if training_value is False:
      mean, variance = self.moving_mean, self.moving_variance
    else:
      keep_dims = len(self.axis) > 1
      mean, variance = nn_impl.moments(math_ops.cast(inputs, self._param_dtype),
                                       reduction_axes, keep_dims=keep_dims)
      moving_mean = self.moving_mean
      moving_variance = self.moving_variance
      mean = utils.smart_cond(training, lambda: mean,
                              lambda: ops.convert_to_tensor(moving_mean))
      variance = utils.smart_cond(training, lambda: variance,
                                  lambda: ops.convert_to_tensor(moving_variance))
      new_mean, new_variance = mean, variance

      def _do_update(var, value):
        return self._assign_moving_average(var, value, self.momentum)

      mean_update = utils.smart_cond(training, lambda: _do_update(self.moving_mean, new_mean),
                                     lambda: self.moving_mean)
      self.add_update(mean_update)
      variance_update = utils.smart_cond(
          training, lambda: _do_update(self.moving_variance, new_variance),
          lambda: self.moving_variance)
      self.add_update(variance_update)

    mean = math_ops.cast(mean, inputs.dtype)
    variance = math_ops.cast(variance, inputs.dtype)
    if offset is not None:
      offset = math_ops.cast(offset, inputs.dtype)
    if scale is not None:
      scale = math_ops.cast(scale, inputs.dtype)
    outputs = nn_impl.batch_normalization(inputs, _broadcast(mean), _broadcast(variance),
                                          offset, scale, self.epsilon)
    outputs.set_shape(input_shape)
    return outputs

  def add_update(self, updates, inputs=None):
    del inputs
    # Keras records the op behind each update tensor.
    updates = updates if isinstance(updates, (list, tuple)) else [updates]
    self._updates.extend(u if isinstance(u, ops.Operation) else u.op for u in updates)

  def compute_output_shape(self, input_shape):
    return input_shape


@tf_export("layers.batch_normalization")
def batch_normalization(inputs, axis=-1, momentum=0.99, epsilon=1e-3, center=True, scale=True,
                        beta_initializer=init_ops.zeros_initializer(),
                        gamma_initializer=init_ops.ones_initializer(),
                        moving_mean_initializer=init_ops.zeros_initializer(),
                        moving_variance_initializer=init_ops.ones_initializer(),
                        beta_regularizer=None, gamma_regularizer=None, beta_constraint=None,
                        gamma_constraint=None, training=False, trainable=True, name=None,
                        reuse=None, renorm=False, renorm_clipping=None, renorm_momentum=0.99,
                        fused=None, virtual_batch_size=None, adjustment=None):
  """Functional form of BatchNormalization; the moving-statistics updates go to UPDATE_OPS,
  so run them with the train op (tf.control_dependencies on UPDATE_OPS)."""
  layer = BatchNormalization(
      axis=axis, momentum=momentum, epsilon=epsilon, center=center, scale=scale,
      beta_initializer=beta_initializer, gamma_initializer=gamma_initializer,
      moving_mean_initializer=moving_mean_initializer,
      moving_variance_initializer=moving_variance_initializer,
      beta_regularizer=beta_regularizer, gamma_regularizer=gamma_regularizer,
      beta_constraint=beta_constraint, gamma_constraint=gamma_constraint, renorm=renorm,
      renorm_clipping=renorm_clipping, renorm_momentum=renorm_momentum, fused=fused,
      trainable=trainable, virtual_batch_size=virtual_batch_size, adjustment=adjustment,
      name=name, _reuse=reuse, _scope=name)
  return layer.apply(inputs, training=training)


# TF 1.15's module-level aliases.
BatchNorm = BatchNormalization
batch_norm = batch_normalization
