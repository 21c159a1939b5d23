"""tf.layers Dense, Dropout and Flatten (TF 1.15's layers/core.py over Keras' core layers)."""

import numbers

from tensorflow.python.framework import dtypes
from tensorflow.python.framework import ops
from tensorflow.python.framework import tensor_shape
from tensorflow.python.framework import tensor_util
from tensorflow.python.layers import base
from tensorflow.python.ops import api_aliases
from tensorflow.python.ops import array_ops
from tensorflow.python.ops import init_ops
from tensorflow.python.ops import math_ops
from tensorflow.python.ops import nn_ops
from tensorflow.python.ops import random_ops
from tensorflow.python.util.tf_export import tf_export


@tf_export("layers.Dense")
class Dense(base.Layer):
  """outputs = activation(inputs . kernel + bias); kernel `[in, units]`, bias `[units]`."""

  def __init__(self, units, activation=None, use_bias=True, kernel_initializer=None,
               bias_initializer=init_ops.zeros_initializer(), kernel_regularizer=None,
               bias_regularizer=None, activity_regularizer=None, kernel_constraint=None,
               bias_constraint=None, trainable=True, name=None, **kwargs):
    super(Dense, self).__init__(trainable=trainable, name=name,
                                activity_regularizer=activity_regularizer, **kwargs)
    self.units = int(units)
    self.activation = activation
    self.use_bias = use_bias
    self.kernel_initializer = kernel_initializer
    self.bias_initializer = bias_initializer
    self.kernel_regularizer = kernel_regularizer
    self.bias_regularizer = bias_regularizer
    self.kernel_constraint = kernel_constraint
    self.bias_constraint = bias_constraint

  def build(self, input_shape):
    dtype = dtypes.as_dtype(self.dtype or "float32")
    if not (dtype.is_floating or dtype.is_complex):
      raise TypeError("Unable to build `Dense` layer with non-floating point dtype %s" %
                      (dtype,))
    input_shape = tensor_shape.TensorShape(input_shape)
    last_dim = tensor_shape.dimension_value(input_shape[-1])
    if last_dim is None:
      raise ValueError("The last dimension of the inputs to `Dense` should be defined. "
                       "Found `None`.")
    self.kernel = self.add_weight("kernel", shape=[last_dim, self.units],
                                  initializer=self.kernel_initializer,
                                  regularizer=self.kernel_regularizer,
                                  constraint=self.kernel_constraint, dtype=self.dtype,
                                  trainable=True)
    if self.use_bias:
      self.bias = self.add_weight("bias", shape=[self.units], initializer=self.bias_initializer,
                                  regularizer=self.bias_regularizer,
                                  constraint=self.bias_constraint, dtype=self.dtype,
                                  trainable=True)
    else:
      self.bias = None
    self.built = True

  def call(self, inputs):
    inputs = ops.convert_to_tensor(inputs)
    rank = inputs.get_shape().ndims
    if rank is not None and rank > 2:
      outputs = api_aliases.tensordot(inputs, self.kernel, [[rank - 1], [0]])
      outputs.set_shape(inputs.get_shape().as_list()[:-1] + [self.units])
    else:
      inputs = math_ops.cast(inputs, self.dtype)
      outputs = math_ops.matmul(inputs, self.kernel)
    if self.use_bias:
      outputs = nn_ops.bias_add(outputs, self.bias)
    if self.activation is not None:
      return self.activation(outputs)
    return outputs

  def compute_output_shape(self, input_shape):
    return tensor_shape.TensorShape(input_shape)[:-1].concatenate(self.units)


@tf_export("layers.dense")
def dense(inputs, units, activation=None, use_bias=True, kernel_initializer=None,
          bias_initializer=init_ops.zeros_initializer(), kernel_regularizer=None,
          bias_regularizer=None, activity_regularizer=None, kernel_constraint=None,
          bias_constraint=None, trainable=True, name=None, reuse=None):
  layer = Dense(units, activation=activation, use_bias=use_bias,
                kernel_initializer=kernel_initializer, bias_initializer=bias_initializer,
                kernel_regularizer=kernel_regularizer, bias_regularizer=bias_regularizer,
                activity_regularizer=activity_regularizer, kernel_constraint=kernel_constraint,
                bias_constraint=bias_constraint, trainable=trainable, name=name,
                _scope=name, _reuse=reuse)
  return layer.apply(inputs)


def _dropout(x, rate, noise_shape=None, seed=None, name=None):
  """TF 1.15's nn.dropout (rate form): x / (1 - rate) where uniform noise >= rate, else 0."""
  with ops.name_scope(name, "dropout", [x]) as name:
    x = ops.convert_to_tensor(x, name="x")
    if not x.dtype.is_floating:
      raise ValueError("x has to be a floating point tensor since it's going to be scaled. "
                       "Got a %s tensor instead." % x.dtype)
    if isinstance(rate, numbers.Real):
      if not 0 <= rate < 1:
        raise ValueError("rate must be a scalar tensor or a float in the range [0, 1), got %g"
                         % rate)
      if rate == 0:
        return x
    rate = ops.convert_to_tensor(rate, dtype=x.dtype, name="rate")
    rate.get_shape().assert_is_compatible_with(tensor_shape.scalar())
    if tensor_util.constant_value(rate) == 0:
      return x
    if noise_shape is None:
      noise_shape = array_ops.shape(x)
    random_tensor = random_ops.random_uniform(noise_shape, seed=seed, dtype=x.dtype)
    keep_prob = 1 - rate
    scale = 1 / keep_prob
    keep_mask = random_tensor >= rate
    ret = x * scale * math_ops.cast(keep_mask, x.dtype)
    ret.set_shape(x.get_shape())
    return ret


def _smart_cond(pred, true_fn, false_fn):
  """true_fn() or false_fn() when `pred` is known while the graph is built, else tf.cond
  (TF's smart_cond)."""
  if isinstance(pred, ops.Tensor) or hasattr(pred, "op"):
    value = tensor_util.constant_value(ops.convert_to_tensor(pred))
    if value is None:
      from tensorflow.python.ops import cond_v1  # pylint: disable=g-import-not-at-top
      return cond_v1.cond(pred, true_fn=true_fn, false_fn=false_fn)
    pred = bool(value)
  return true_fn() if pred else false_fn()


@tf_export("layers.Dropout")
class Dropout(base.Layer):
  """Drops inputs with probability `rate` (scaling the rest by 1 / (1 - rate)) when
  training; the identity otherwise."""

  def __init__(self, rate=0.5, noise_shape=None, seed=None, name=None, **kwargs):
    super(Dropout, self).__init__(name=name, **kwargs)
    self.rate = rate
    self.noise_shape = noise_shape
    self.seed = seed

  def _get_noise_shape(self, inputs):
    if self.noise_shape is None:
      return None
    concrete = array_ops.shape(inputs)
    return [concrete[i] if d is None else d for i, d in enumerate(self.noise_shape)]

  def call(self, inputs, training=False):
    return _smart_cond(
        training,
        lambda: _dropout(inputs, self.rate, noise_shape=self._get_noise_shape(inputs),
                         seed=self.seed),
        lambda: array_ops.identity(inputs))

  def compute_output_shape(self, input_shape):
    return input_shape


@tf_export("layers.dropout")
def dropout(inputs, rate=0.5, noise_shape=None, seed=None, training=False, name=None):
  layer = Dropout(rate, noise_shape=noise_shape, seed=seed, name=name)
  return layer.apply(inputs, training=training)


@tf_export("layers.Flatten")
class Flatten(base.Layer):
  """Flattens every dim but the first (channels_first inputs are moved to channels_last)."""

  def __init__(self, data_format="channels_last", **kwargs):
    super(Flatten, self).__init__(**kwargs)
    if data_format not in ("channels_last", "channels_first"):
      raise ValueError("The `data_format` argument must be one of \"channels_first\", "
                       "\"channels_last\". Received: " + str(data_format))
    self.data_format = data_format

  def call(self, inputs):
    inputs = ops.convert_to_tensor(inputs)
    ndims = inputs.get_shape().ndims
    if self.data_format == "channels_first" and ndims is not None and ndims > 1:
      inputs = array_ops.transpose(inputs, perm=[0] + list(range(2, ndims)) + [1])
    batch = tensor_shape.dimension_value(inputs.shape[0])
    outputs = array_ops.reshape(inputs, (batch or array_ops.shape(inputs)[0], -1))
    outputs.set_shape(self.compute_output_shape(inputs.shape))
    return outputs

  def compute_output_shape(self, input_shape):
    input_shape = tensor_shape.TensorShape(input_shape).as_list()
    output_shape = [input_shape[0]]
    if all(input_shape[1:]):
      n = 1
      for d in input_shape[1:]:
        n *= d
      output_shape += [n]
    else:
      output_shape += [None]
    return tensor_shape.TensorShape(output_shape)


@tf_export("layers.flatten")
def flatten(inputs, name=None, data_format="channels_last"):
  layer = Flatten(name=name, data_format=data_format)
  return layer.apply(inputs)
