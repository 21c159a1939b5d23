"""tf.layers pooling as TF 1.15 builds it (its layers/pooling.py over Keras' pooling layers):
Max/AveragePooling1D/2D/3D and the function forms. 1-D pools run as 2-D ones over an inserted
unit dim (Keras backend's pool2d: channels_first goes through NHWC on a CPU-only TF); 3-D
channels_first pools run between two transposes."""

from tensorflow.python.layers import base
from tensorflow.python.layers import utils
from tensorflow.python.ops import array_ops
from tensorflow.python.ops import nn_conv_ops
from tensorflow.python.util.tf_export import tf_export


def _check_strides(strides):
  if strides is None:
    raise ValueError("Argument `strides` must not be None.")


class _Pooling(base.Layer):

  def __init__(self, rank, pool_function, pool_size, strides, padding="valid",
               data_format="channels_last", name=None, **kwargs):
    super(_Pooling, self).__init__(name=name, **kwargs)
    if data_format is None:
      data_format = "channels_last"
    if strides is None:
      strides = pool_size
    self.pool_function = pool_function
    self.pool_size = utils.normalize_tuple(pool_size, rank, "pool_size")
    self.strides = utils.normalize_tuple(strides, rank, "strides")
    self.padding = utils.normalize_padding(padding)
    self.data_format = utils.normalize_data_format(data_format)
    self.input_spec = utils.InputSpec(ndim=rank + 2)
    self._rank = rank

  def compute_output_shape(self, input_shape):
    from tensorflow.python.framework import tensor_shape  # pylint: disable=g-import-not-at-top
    shape = tensor_shape.TensorShape(input_shape).as_list()
    space = shape[2:] if self.data_format == "channels_first" else shape[1:-1]
    new_space = [utils.conv_output_length(space[i], self.pool_size[i], self.padding,
                                          self.strides[i]) for i in range(self._rank)]
    if self.data_format == "channels_first":
      return tensor_shape.TensorShape(shape[:2] + new_space)
    return tensor_shape.TensorShape([shape[0]] + new_space + [shape[-1]])


def _keras_padding(padding):
  if padding == "same":
    return "SAME"
  if padding == "valid":
    return "VALID"
  raise ValueError("Invalid padding: " + str(padding))


def _backend_pool2d(x, pool_size, strides, padding, data_format, pool_mode):
  """Keras backend's pool2d on a CPU-only TF (channels_first via transposes to NHWC)."""
  if len(pool_size) != 2:
    raise ValueError("`pool_size` must be a tuple of 2 integers.")
  if len(strides) != 2:
    raise ValueError("`strides` must be a tuple of 2 integers.")
  if data_format == "channels_first":
    x = array_ops.transpose(x, (0, 2, 3, 1))
  padding = _keras_padding(padding)
  strides = (1,) + tuple(strides) + (1,)
  pool_size = (1,) + tuple(pool_size) + (1,)
  if pool_mode == "max":
    x = nn_conv_ops.max_pool(x, pool_size, strides, padding=padding, data_format="NHWC")
  else:
    x = nn_conv_ops.avg_pool(x, pool_size, strides, padding=padding, data_format="NHWC")
  if data_format == "channels_first":
    x = array_ops.transpose(x, (0, 3, 1, 2))
  return x


class _Pooling1D(_Pooling):

  def __init__(self, pool_mode, pool_size, strides, padding="valid",
               data_format="channels_last", name=None, **kwargs):
    _check_strides(strides)
    super(_Pooling1D, self).__init__(1, pool_mode, pool_size, strides, padding=padding,
                                     data_format=data_format, name=name, **kwargs)

  def call(self, inputs):
    pad_axis = 2 if self.data_format == "channels_last" else 3
    inputs = array_ops.expand_dims(inputs, pad_axis)
    outputs = _backend_pool2d(inputs, self.pool_size + (1,), self.strides + (1,),
                              self.padding, self.data_format, self.pool_function)
    return array_ops.squeeze(outputs, pad_axis)


class _Pooling2D(_Pooling):

  def __init__(self, pool_function, pool_size, strides, padding="valid",
               data_format="channels_last", name=None, **kwargs):
    _check_strides(strides)
    super(_Pooling2D, self).__init__(2, pool_function, pool_size, strides, padding=padding,
                                     data_format=data_format, name=name, **kwargs)

  def call(self, inputs):
    if self.data_format == "channels_last":
      pool_shape = (1,) + self.pool_size + (1,)
      strides = (1,) + self.strides + (1,)
    else:
      pool_shape = (1, 1) + self.pool_size
      strides = (1, 1) + self.strides
    return self.pool_function(inputs, ksize=pool_shape, strides=strides,
                              padding=self.padding.upper(),
                              data_format=utils.convert_data_format(self.data_format, 4))


class _Pooling3D(_Pooling):

  def __init__(self, pool_function, pool_size, strides, padding="valid",
               data_format="channels_last", name=None, **kwargs):
    _check_strides(strides)
    super(_Pooling3D, self).__init__(3, pool_function, pool_size, strides, padding=padding,
                                     data_format=data_format, name=name, **kwargs)

  def call(self, inputs):
    pool_shape = (1,) + self.pool_size + (1,)
    strides = (1,) + self.strides + (1,)
    if self.data_format == "channels_first":
      inputs = array_ops.transpose(inputs, (0, 2, 3, 4, 1))
    outputs = self.pool_function(inputs, ksize=pool_shape, strides=strides,
                                 padding=self.padding.upper())
    if self.data_format == "channels_first":
      outputs = array_ops.transpose(outputs, (0, 4, 1, 2, 3))
    return outputs


@tf_export("layers.MaxPooling1D")
class MaxPooling1D(_Pooling1D):
  """Max pooling over the steps of (batch, steps, channels) inputs."""

  def __init__(self, pool_size, strides, padding="valid", data_format="channels_last",
               name=None, **kwargs):
    super(MaxPooling1D, self).__init__("max", pool_size, strides, padding=padding,
                                       data_format=data_format, name=name, **kwargs)


@tf_export("layers.AveragePooling1D")
class AveragePooling1D(_Pooling1D):
  """Average pooling over the steps of (batch, steps, channels) inputs."""

  def __init__(self, pool_size, strides, padding="valid", data_format="channels_last",
               name=None, **kwargs):
    super(AveragePooling1D, self).__init__("avg", pool_size, strides, padding=padding,
                                           data_format=data_format, name=name, **kwargs)


@tf_export("layers.MaxPooling2D")
class MaxPooling2D(_Pooling2D):
  """2-D max pooling (the MaxPool op)."""

  def __init__(self, pool_size, strides, padding="valid", data_format="channels_last",
               name=None, **kwargs):
    super(MaxPooling2D, self).__init__(nn_conv_ops.max_pool, pool_size, strides,
                                       padding=padding, data_format=data_format, name=name,
                                       **kwargs)


@tf_export("layers.AveragePooling2D")
class AveragePooling2D(_Pooling2D):
  """2-D average pooling (the AvgPool op)."""

  def __init__(self, pool_size, strides, padding="valid", data_format="channels_last",
               name=None, **kwargs):
    super(AveragePooling2D, self).__init__(nn_conv_ops.avg_pool, pool_size, strides,
                                           padding=padding, data_format=data_format, name=name,
                                           **kwargs)


@tf_export("layers.MaxPooling3D")
class MaxPooling3D(_Pooling3D):
  """3-D max pooling (the MaxPool3D op)."""

  def __init__(self, pool_size, strides, padding="valid", data_format="channels_last",
               name=None, **kwargs):
    super(MaxPooling3D, self).__init__(nn_conv_ops.max_pool3d, pool_size, strides,
                                       padding=padding, data_format=data_format, name=name,
                                       **kwargs)


@tf_export("layers.AveragePooling3D")
class AveragePooling3D(_Pooling3D):
  """3-D average pooling (the AvgPool3D op)."""

  def __init__(self, pool_size, strides, padding="valid", data_format="channels_last",
               name=None, **kwargs):
    super(AveragePooling3D, self).__init__(nn_conv_ops.avg_pool3d, pool_size, strides,
                                           padding=padding, data_format=data_format, name=name,
                                           **kwargs)


def _pool_fn(layer_cls, inputs, pool_size, strides, padding, data_format, name):
  layer = layer_cls(pool_size=pool_size, strides=strides, padding=padding,
                    data_format=data_format, name=name)
  return layer.apply(inputs)


@tf_export("layers.max_pooling1d")
def max_pooling1d(inputs, pool_size, strides, padding="valid", data_format="channels_last",
                  name=None):
  return _pool_fn(MaxPooling1D, inputs, pool_size, strides, padding, data_format, name)


@tf_export("layers.average_pooling1d")
def average_pooling1d(inputs, pool_size, strides, padding="valid",
                      data_format="channels_last", name=None):
  return _pool_fn(AveragePooling1D, inputs, pool_size, strides, padding, data_format, name)


@tf_export("layers.max_pooling2d")
def max_pooling2d(inputs, pool_size, strides, padding="valid", data_format="channels_last",
                  name=None):
  return _pool_fn(MaxPooling2D, inputs, pool_size, strides, padding, data_format, name)


@tf_export("layers.average_pooling2d")
def average_pooling2d(inputs, pool_size, strides, padding="valid",
                      data_format="channels_last", name=None):
  return _pool_fn(AveragePooling2D, inputs, pool_size, strides, padding, data_format, name)


@tf_export("layers.max_pooling3d")
def max_pooling3d(inputs, pool_size, strides, padding="valid", data_format="channels_last",
                  name=None):
  return _pool_fn(MaxPooling3D, inputs, pool_size, strides, padding, data_format, name)


@tf_export("layers.average_pooling3d")
def average_pooling3d(inputs, pool_size, strides, padding="valid",
                      data_format="channels_last", name=None):
  return _pool_fn(AveragePooling3D, inputs, pool_size, strides, padding, data_format, name)


# TF 1.15's module-level aliases.
AvgPool2D = AveragePooling2D
MaxPool2D = MaxPooling2D
max_pool2d = max_pooling2d
avg_pool2d = average_pooling2d
