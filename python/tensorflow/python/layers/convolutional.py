"""tf.layers convolutions as TF 1.15 builds them (its layers/convolutional.py over Keras' Conv
layers): Conv1D/2D/3D, SeparableConv1D/2D, Conv2DTranspose, Conv3DTranspose and the function
forms. Weights `<scope>/kernel` (`depthwise_kernel`, `pointwise_kernel`) and `<scope>/bias`;
ops as TF's nn_ops.Convolution / Keras backend build them, in the layer's name scope."""

import numpy as np

from tensorflow.python.framework import tensor_shape
from tensorflow.python.framework import tensor_util
from tensorflow.python.layers import base
from tensorflow.python.layers import utils
from tensorflow.python.ops import array_ops
from tensorflow.python.ops import init_ops
from tensorflow.python.ops import nn_conv_ops
from tensorflow.python.ops import nn_ops
from tensorflow.python.ops import nn_ops_space_batch
from tensorflow.python.util.tf_export import tf_export


class _Convolution(object):
  """TF 1.15's nn_ops.Convolution for a layer: checks ranks and channels when the layer
  builds, leaves the `dilation_rate` constant _WithSpaceToBatch makes, and calls
  conv1d / Conv2D / Conv3D (default op names) with the layer's strides."""

  def __init__(self, input_shape, filter_shape, padding, strides, dilation_rate, data_format):
    num_total_dims = filter_shape.ndims
    if num_total_dims is None:
      num_total_dims = input_shape.ndims
    if num_total_dims is None:
      raise ValueError("rank of input or filter must be known")
    n = num_total_dims - 2
    try:
      input_shape.with_rank(n + 2)
    except ValueError:
      raise ValueError("input tensor must have rank %d" % (n + 2))
    try:
      filter_shape.with_rank(n + 2)
    except ValueError:
      raise ValueError("filter tensor must have rank %d" % (n + 2))
    channels_first = data_format is not None and data_format.startswith("NC")
    in_channels = input_shape.dims[1 if channels_first else n + 1]
    if not in_channels.is_compatible_with(filter_shape[n]):
      raise ValueError("number of input channels does not match corresponding dimension of "
                       "filter, {} != {}".format(in_channels, filter_shape[n]))
    dilation_rate = np.array(dilation_rate, dtype=np.int32)
    strides = np.array(strides, dtype=np.int32)
    if np.any(dilation_rate < 1):
      raise ValueError("all values of dilation_rate must be positive")
    if np.any(strides < 1):
      raise ValueError("all values of strides must be positive")
    if np.any(strides > 1) and np.any(dilation_rate > 1):
      raise ValueError("strides > 1 not supported in conjunction with dilation_rate > 1")
    # _WithSpaceToBatch makes the `dilation_rate` constant; dilated convolutions run as
    # SpaceToBatchND -> VALID convolution -> BatchToSpaceND, as in TF 1.15.
    spatial_dims = range(2, n + 2) if channels_first else range(1, n + 1)
    self._space_to_batch = nn_ops_space_batch._WithSpaceToBatch(  # pylint: disable=protected-access
        input_shape, dilation_rate=dilation_rate, padding=padding, build_op=self._build_op,
        filter_shape=filter_shape, spatial_dims=spatial_dims, data_format=data_format)
    self.n = n
    self.padding = padding
    self.data_format = data_format
    strides = [int(s) for s in strides]
    if n == 1:
      self.strides = strides[0]
    elif channels_first:
      self.strides = [1, 1] + strides
    else:
      self.strides = [1] + strides + [1]

  def _build_op(self, _, padding):
    return lambda inp, filter: self._conv(inp, filter, padding)  # pylint: disable=redefined-builtin

  def __call__(self, inp, filter):  # pylint: disable=redefined-builtin
    return self._space_to_batch(inp, filter)

  def _conv(self, inp, filter, padding):  # pylint: disable=redefined-builtin
    if self.n == 1:
      return nn_conv_ops.conv1d(value=inp, filters=filter, stride=self.strides,
                                padding=padding, data_format=self.data_format)
    if self.n == 2:
      return nn_conv_ops.conv2d(inp, filter, strides=self.strides, padding=padding,
                                data_format=self.data_format)
    return nn_conv_ops.conv3d(inp, filter, strides=self.strides, padding=padding,
                              data_format=self.data_format)


def _activate(activation, outputs):
  return outputs if activation is None else activation(outputs)


class _Conv(base.Layer):
  """N-D convolution (Keras' Conv): kernel `kernel_size + (in_channels, filters)`."""

  def __init__(self, rank, filters, kernel_size, strides=1, padding="valid",
               data_format="channels_last", dilation_rate=1, activation=None, use_bias=True,
               kernel_initializer=None, bias_initializer=init_ops.zeros_initializer(),
               kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
               kernel_constraint=None, bias_constraint=None, trainable=True, name=None,
               **kwargs):
    super(_Conv, self).__init__(trainable=trainable, name=name,
                                activity_regularizer=activity_regularizer, **kwargs)
    self.rank = rank
    if filters is not None and not isinstance(filters, int):
      filters = int(filters)
    self.filters = filters
    self.kernel_size = utils.normalize_tuple(kernel_size, rank, "kernel_size")
    self.strides = utils.normalize_tuple(strides, rank, "strides")
    self.padding = utils.normalize_padding(padding)
    if self.padding == "causal" and not isinstance(self, (Conv1D, SeparableConv1D)):
      raise ValueError("Causal padding is only supported for `Conv1D`and ``SeparableConv1D`.")
    self.data_format = utils.normalize_data_format(data_format)
    self.dilation_rate = utils.normalize_tuple(dilation_rate, rank, "dilation_rate")
    self.activation = activation
    self.use_bias = use_bias
    self.kernel_initializer = kernel_initializer
    self.bias_initializer = bias_initializer
    self.kernel_regularizer = kernel_regularizer
    self.bias_regularizer = bias_regularizer
    self.kernel_constraint = kernel_constraint
    self.bias_constraint = bias_constraint
    self.input_spec = utils.InputSpec(ndim=self.rank + 2)

  def _channel_dim(self, input_shape):
    channel_axis = 1 if self.data_format == "channels_first" else -1
    if tensor_shape.dimension_value(input_shape.dims[channel_axis]) is None:
      raise ValueError("The channel dimension of the inputs should be defined. Found `None`.")
    return channel_axis, int(tensor_shape.dimension_value(input_shape[channel_axis]))

  def _add_bias(self):
    if self.use_bias:
      self.bias = self.add_weight(name="bias", shape=(self.filters,),
                                  initializer=self.bias_initializer,
                                  regularizer=self.bias_regularizer,
                                  constraint=self.bias_constraint, trainable=True,
                                  dtype=self.dtype)
    else:
      self.bias = None

  def build(self, input_shape):
    input_shape = tensor_shape.TensorShape(input_shape)
    channel_axis, input_dim = self._channel_dim(input_shape)
    kernel_shape = self.kernel_size + (input_dim, self.filters)
    self.kernel = self.add_weight(name="kernel", shape=kernel_shape,
                                  initializer=self.kernel_initializer,
                                  regularizer=self.kernel_regularizer,
                                  constraint=self.kernel_constraint, trainable=True,
                                  dtype=self.dtype)
    self._add_bias()
    self.input_spec = utils.InputSpec(ndim=self.rank + 2, axes={channel_axis: input_dim})
    op_padding = "valid" if self.padding == "causal" else self.padding
    if not isinstance(op_padding, (list, tuple)):
      op_padding = op_padding.upper()
    self._convolution_op = _Convolution(
        input_shape, self.kernel.shape, op_padding, self.strides, self.dilation_rate,
        utils.convert_data_format(self.data_format, self.rank + 2))
    self.built = True

  def call(self, inputs):
    outputs = self._convolution_op(inputs, self.kernel)
    if self.use_bias:
      if self.data_format == "channels_first":
        if self.rank == 1:
          # BiasAdd wants rank >= 2 with channels last or NCHW-like 4-D; TF adds directly.
          bias = array_ops.reshape(self.bias, (1, self.filters, 1))
          outputs += bias
        else:
          outputs = nn_ops.bias_add(outputs, self.bias, data_format="NCHW")
      else:
        outputs = nn_ops.bias_add(outputs, self.bias, data_format="NHWC")
    return _activate(self.activation, outputs)

  def compute_output_shape(self, input_shape):
    input_shape = tensor_shape.TensorShape(input_shape).as_list()
    space = input_shape[1:-1] if self.data_format == "channels_last" else input_shape[2:]
    new_space = [utils.conv_output_length(space[i], self.kernel_size[i], padding=self.padding,
                                          stride=self.strides[i],
                                          dilation=self.dilation_rate[i])
                 for i in range(len(space))]
    if self.data_format == "channels_last":
      return tensor_shape.TensorShape([input_shape[0]] + new_space + [self.filters])
    return tensor_shape.TensorShape([input_shape[0], self.filters] + new_space)

  def _compute_causal_padding(self):
    left_pad = self.dilation_rate[0] * (self.kernel_size[0] - 1)
    if self.data_format == "channels_last":
      return [[0, 0], [left_pad, 0], [0, 0]]
    return [[0, 0], [0, 0], [left_pad, 0]]


_CONV_DOC = """{rank}-D convolution layer: outputs = activation(conv(inputs, kernel) + bias)."""


@tf_export("layers.Conv1D")
class Conv1D(_Conv):
  __doc__ = _CONV_DOC.format(rank=1)

  def __init__(self, filters, kernel_size, strides=1, padding="valid",
               data_format="channels_last", dilation_rate=1, activation=None, use_bias=True,
               kernel_initializer=None, bias_initializer=init_ops.zeros_initializer(),
               kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
               kernel_constraint=None, bias_constraint=None, trainable=True, name=None,
               **kwargs):
    super(Conv1D, self).__init__(
        1, filters, kernel_size, strides=strides, padding=padding, data_format=data_format,
        dilation_rate=dilation_rate, activation=activation, use_bias=use_bias,
        kernel_initializer=kernel_initializer, bias_initializer=bias_initializer,
        kernel_regularizer=kernel_regularizer, bias_regularizer=bias_regularizer,
        activity_regularizer=activity_regularizer, kernel_constraint=kernel_constraint,
        bias_constraint=bias_constraint, trainable=trainable, name=name, **kwargs)

  def call(self, inputs):
    if self.padding == "causal":
      inputs = array_ops.pad(inputs, self._compute_causal_padding())
    return super(Conv1D, self).call(inputs)


@tf_export("layers.Conv2D")
class Conv2D(_Conv):
  __doc__ = _CONV_DOC.format(rank=2)

  def __init__(self, filters, kernel_size, strides=(1, 1), padding="valid",
               data_format="channels_last", dilation_rate=(1, 1), activation=None,
               use_bias=True, kernel_initializer=None,
               bias_initializer=init_ops.zeros_initializer(), kernel_regularizer=None,
               bias_regularizer=None, activity_regularizer=None, kernel_constraint=None,
               bias_constraint=None, trainable=True, name=None, **kwargs):
    super(Conv2D, self).__init__(
        2, filters, kernel_size, strides=strides, padding=padding, data_format=data_format,
        dilation_rate=dilation_rate, activation=activation, use_bias=use_bias,
        kernel_initializer=kernel_initializer, bias_initializer=bias_initializer,
        kernel_regularizer=kernel_regularizer, bias_regularizer=bias_regularizer,
        activity_regularizer=activity_regularizer, kernel_constraint=kernel_constraint,
        bias_constraint=bias_constraint, trainable=trainable, name=name, **kwargs)


@tf_export("layers.Conv3D")
class Conv3D(_Conv):
  __doc__ = _CONV_DOC.format(rank=3)

  def __init__(self, filters, kernel_size, strides=(1, 1, 1), padding="valid",
               data_format="channels_last", dilation_rate=(1, 1, 1), activation=None,
               use_bias=True, kernel_initializer=None,
               bias_initializer=init_ops.zeros_initializer(), kernel_regularizer=None,
               bias_regularizer=None, activity_regularizer=None, kernel_constraint=None,
               bias_constraint=None, trainable=True, name=None, **kwargs):
    super(Conv3D, self).__init__(
        3, filters, kernel_size, strides=strides, padding=padding, data_format=data_format,
        dilation_rate=dilation_rate, activation=activation, use_bias=use_bias,
        kernel_initializer=kernel_initializer, bias_initializer=bias_initializer,
        kernel_regularizer=kernel_regularizer, bias_regularizer=bias_regularizer,
        activity_regularizer=activity_regularizer, kernel_constraint=kernel_constraint,
        bias_constraint=bias_constraint, trainable=trainable, name=name, **kwargs)


class _SeparableConv(_Conv):
  """Depthwise then pointwise convolution: `depthwise_kernel`, `pointwise_kernel`, `bias`."""

  def __init__(self, rank, filters, kernel_size, strides=1, padding="valid",
               data_format="channels_last", dilation_rate=1, depth_multiplier=1,
               activation=None, use_bias=True, depthwise_initializer=None,
               pointwise_initializer=None, bias_initializer=init_ops.zeros_initializer(),
               depthwise_regularizer=None, pointwise_regularizer=None, bias_regularizer=None,
               activity_regularizer=None, depthwise_constraint=None, pointwise_constraint=None,
               bias_constraint=None, trainable=True, name=None, **kwargs):
    super(_SeparableConv, self).__init__(
        rank, filters, kernel_size, strides=strides, padding=padding, data_format=data_format,
        dilation_rate=dilation_rate, activation=activation, use_bias=use_bias,
        bias_initializer=bias_initializer, bias_regularizer=bias_regularizer,
        activity_regularizer=activity_regularizer, bias_constraint=bias_constraint,
        trainable=trainable, name=name, **kwargs)
    self.depth_multiplier = depth_multiplier
    self.depthwise_initializer = depthwise_initializer
    self.pointwise_initializer = pointwise_initializer
    self.depthwise_regularizer = depthwise_regularizer
    self.pointwise_regularizer = pointwise_regularizer
    self.depthwise_constraint = depthwise_constraint
    self.pointwise_constraint = pointwise_constraint

  def build(self, input_shape):
    input_shape = tensor_shape.TensorShape(input_shape)
    channel_axis, input_dim = self._channel_dim(input_shape)
    self.input_spec = utils.InputSpec(ndim=self.rank + 2, axes={channel_axis: input_dim})
    depthwise_kernel_shape = self.kernel_size + (input_dim, self.depth_multiplier)
    pointwise_kernel_shape = (1,) * self.rank + (self.depth_multiplier * input_dim,
                                                 self.filters)
    self.depthwise_kernel = self.add_weight(
        name="depthwise_kernel", shape=depthwise_kernel_shape,
        initializer=self.depthwise_initializer, regularizer=self.depthwise_regularizer,
        constraint=self.depthwise_constraint, trainable=True, dtype=self.dtype)
    self.pointwise_kernel = self.add_weight(
        name="pointwise_kernel", shape=pointwise_kernel_shape,
        initializer=self.pointwise_initializer, regularizer=self.pointwise_regularizer,
        constraint=self.pointwise_constraint, trainable=True, dtype=self.dtype)
    self._add_bias()
    self.built = True


@tf_export("layers.SeparableConv1D")
class SeparableConv1D(_SeparableConv):
  """Depthwise separable 1-D convolution (run as a 2-D one over an inserted unit dim)."""

  def __init__(self, filters, kernel_size, strides=1, padding="valid",
               data_format="channels_last", dilation_rate=1, depth_multiplier=1,
               activation=None, use_bias=True, depthwise_initializer=None,
               pointwise_initializer=None, bias_initializer=init_ops.zeros_initializer(),
               depthwise_regularizer=None, pointwise_regularizer=None, bias_regularizer=None,
               activity_regularizer=None, depthwise_constraint=None, pointwise_constraint=None,
               bias_constraint=None, trainable=True, name=None, **kwargs):
    super(SeparableConv1D, self).__init__(
        1, filters, kernel_size, strides=strides, padding=padding, data_format=data_format,
        dilation_rate=dilation_rate, depth_multiplier=depth_multiplier, activation=activation,
        use_bias=use_bias, depthwise_initializer=depthwise_initializer,
        pointwise_initializer=pointwise_initializer, bias_initializer=bias_initializer,
        depthwise_regularizer=depthwise_regularizer,
        pointwise_regularizer=pointwise_regularizer, bias_regularizer=bias_regularizer,
        activity_regularizer=activity_regularizer, depthwise_constraint=depthwise_constraint,
        pointwise_constraint=pointwise_constraint, bias_constraint=bias_constraint,
        trainable=trainable, name=name, **kwargs)

  def call(self, inputs):
    if self.padding == "causal":
      inputs = array_ops.pad(inputs, self._compute_causal_padding())
    if self.data_format == "channels_last":
      strides = (1,) + self.strides * 2 + (1,)
      spatial_start_dim = 1
    else:
      strides = (1, 1) + self.strides * 2
      spatial_start_dim = 2
    inputs = array_ops.expand_dims(inputs, spatial_start_dim)
    depthwise_kernel = array_ops.expand_dims(self.depthwise_kernel, 0)
    pointwise_kernel = array_ops.expand_dims(self.pointwise_kernel, 0)
    dilation_rate = (1,) + self.dilation_rate
    op_padding = "valid" if self.padding == "causal" else self.padding
    data_format = utils.convert_data_format(self.data_format, ndim=4)
    outputs = nn_conv_ops.separable_conv2d(inputs, depthwise_kernel, pointwise_kernel,
                                           strides=strides, padding=op_padding.upper(),
                                           rate=dilation_rate, data_format=data_format)
    if self.use_bias:
      outputs = nn_ops.bias_add(outputs, self.bias, data_format=data_format)
    outputs = array_ops.squeeze(outputs, [spatial_start_dim])
    return _activate(self.activation, outputs)


@tf_export("layers.SeparableConv2D")
class SeparableConv2D(_SeparableConv):
  """Depthwise separable 2-D convolution."""

  def __init__(self, filters, kernel_size, strides=(1, 1), padding="valid",
               data_format="channels_last", dilation_rate=(1, 1), depth_multiplier=1,
               activation=None, use_bias=True, depthwise_initializer=None,
               pointwise_initializer=None, bias_initializer=init_ops.zeros_initializer(),
               depthwise_regularizer=None, pointwise_regularizer=None, bias_regularizer=None,
               activity_regularizer=None, depthwise_constraint=None, pointwise_constraint=None,
               bias_constraint=None, trainable=True, name=None, **kwargs):
    super(SeparableConv2D, self).__init__(
        2, filters, kernel_size, strides=strides, padding=padding, data_format=data_format,
        dilation_rate=dilation_rate, depth_multiplier=depth_multiplier, activation=activation,
        use_bias=use_bias, depthwise_initializer=depthwise_initializer,
        pointwise_initializer=pointwise_initializer, bias_initializer=bias_initializer,
        depthwise_regularizer=depthwise_regularizer,
        pointwise_regularizer=pointwise_regularizer, bias_regularizer=bias_regularizer,
        activity_regularizer=activity_regularizer, depthwise_constraint=depthwise_constraint,
        pointwise_constraint=pointwise_constraint, bias_constraint=bias_constraint,
        trainable=trainable, name=name, **kwargs)

  def call(self, inputs):
    if self.data_format == "channels_last":
      strides = (1,) + self.strides + (1,)
    else:
      strides = (1, 1) + self.strides
    data_format = utils.convert_data_format(self.data_format, ndim=4)
    outputs = nn_conv_ops.separable_conv2d(inputs, self.depthwise_kernel,
                                           self.pointwise_kernel, strides=strides,
                                           padding=self.padding.upper(),
                                           rate=self.dilation_rate, data_format=data_format)
    if self.use_bias:
      outputs = nn_ops.bias_add(outputs, self.bias, data_format=data_format)
    return _activate(self.activation, outputs)


@tf_export("layers.Conv2DTranspose")
class Conv2DTranspose(Conv2D):
  """Transposed 2-D convolution: kernel `kernel_size + (filters, in_channels)`."""

  def __init__(self, filters, kernel_size, strides=(1, 1), padding="valid",
               data_format="channels_last", activation=None, use_bias=True,
               kernel_initializer=None, bias_initializer=init_ops.zeros_initializer(),
               kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
               kernel_constraint=None, bias_constraint=None, trainable=True, name=None,
               **kwargs):
    super(Conv2DTranspose, self).__init__(
        filters, kernel_size, strides=strides, padding=padding, data_format=data_format,
        activation=activation, use_bias=use_bias, kernel_initializer=kernel_initializer,
        bias_initializer=bias_initializer, kernel_regularizer=kernel_regularizer,
        bias_regularizer=bias_regularizer, activity_regularizer=activity_regularizer,
        kernel_constraint=kernel_constraint, bias_constraint=bias_constraint,
        trainable=trainable, name=name, **kwargs)
    self.output_padding = None

  def build(self, input_shape):
    input_shape = tensor_shape.TensorShape(input_shape)
    if len(input_shape) != 4:
      raise ValueError("Inputs should have rank 4. Received input shape: " + str(input_shape))
    channel_axis, input_dim = self._channel_dim(input_shape)
    self.input_spec = utils.InputSpec(ndim=4, axes={channel_axis: input_dim})
    kernel_shape = self.kernel_size + (self.filters, input_dim)
    self.kernel = self.add_weight(name="kernel", shape=kernel_shape,
                                  initializer=self.kernel_initializer,
                                  regularizer=self.kernel_regularizer,
                                  constraint=self.kernel_constraint, trainable=True,
                                  dtype=self.dtype)
    self._add_bias()
    self.built = True

  def call(self, inputs):
    inputs_shape = array_ops.shape(inputs)
    batch_size = inputs_shape[0]
    h_axis, w_axis = (2, 3) if self.data_format == "channels_first" else (1, 2)
    height, width = inputs_shape[h_axis], inputs_shape[w_axis]
    kernel_h, kernel_w = self.kernel_size
    stride_h, stride_w = self.strides
    out_height = utils.deconv_output_length(height, kernel_h, padding=self.padding,
                                            stride=stride_h, dilation=self.dilation_rate[0])
    out_width = utils.deconv_output_length(width, kernel_w, padding=self.padding,
                                           stride=stride_w, dilation=self.dilation_rate[1])
    if self.data_format == "channels_first":
      output_shape = (batch_size, self.filters, out_height, out_width)
    else:
      output_shape = (batch_size, out_height, out_width, self.filters)
    output_shape_tensor = array_ops.stack(output_shape)
    outputs = _backend_conv2d_transpose(inputs, self.kernel, output_shape_tensor,
                                        strides=self.strides, padding=self.padding,
                                        data_format=self.data_format)
    outputs.set_shape(self.compute_output_shape(inputs.shape))
    if self.use_bias:
      outputs = nn_ops.bias_add(outputs, self.bias,
                                data_format=utils.convert_data_format(self.data_format, 4))
    return _activate(self.activation, outputs)

  def compute_output_shape(self, input_shape):
    output_shape = tensor_shape.TensorShape(input_shape).as_list()
    if self.data_format == "channels_first":
      c_axis, h_axis, w_axis = 1, 2, 3
    else:
      c_axis, h_axis, w_axis = 3, 1, 2
    output_shape[c_axis] = self.filters
    for axis, k, s, d in ((h_axis, self.kernel_size[0], self.strides[0], self.dilation_rate[0]),
                          (w_axis, self.kernel_size[1], self.strides[1], self.dilation_rate[1])):
      output_shape[axis] = utils.deconv_output_length(output_shape[axis], k,
                                                      padding=self.padding, stride=s,
                                                      dilation=d)
    return tensor_shape.TensorShape(output_shape)


def _backend_conv2d_transpose(x, kernel, output_shape, strides, padding, data_format):
  """Keras backend's conv2d_transpose on a CPU-only TF: channels_first runs as NHWC between
  two transposes (and indexes `output_shape` as Keras does, leaving its slices in the graph)."""
  tf_data_format = "NHWC"
  if data_format == "channels_first":
    x = array_ops.transpose(x, (0, 2, 3, 1))
    output_shape = (output_shape[0], output_shape[2], output_shape[3], output_shape[1])
  if output_shape[0] is None:
    output_shape = (array_ops.shape(x)[0],) + tuple(output_shape[1:])
  if isinstance(output_shape, (tuple, list)):
    output_shape = array_ops.stack(list(output_shape))
  strides = (1,) + tuple(strides) + (1,)
  x = nn_conv_ops.conv2d_transpose(x, kernel, output_shape, strides, padding=padding.upper(),
                                   data_format=tf_data_format)
  if data_format == "channels_first":
    x = array_ops.transpose(x, (0, 3, 1, 2))
  return x


@tf_export("layers.Conv3DTranspose")
class Conv3DTranspose(Conv3D):
  """Transposed 3-D convolution: kernel `kernel_size + (filters, in_channels)`."""

  def __init__(self, filters, kernel_size, strides=(1, 1, 1), padding="valid",
               data_format="channels_last", activation=None, use_bias=True,
               kernel_initializer=None, bias_initializer=init_ops.zeros_initializer(),
               kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
               kernel_constraint=None, bias_constraint=None, trainable=True, name=None,
               **kwargs):
    super(Conv3DTranspose, self).__init__(
        filters, kernel_size, strides=strides, padding=padding, data_format=data_format,
        activation=activation, use_bias=use_bias, kernel_initializer=kernel_initializer,
        bias_initializer=bias_initializer, kernel_regularizer=kernel_regularizer,
        bias_regularizer=bias_regularizer, activity_regularizer=activity_regularizer,
        kernel_constraint=kernel_constraint, bias_constraint=bias_constraint,
        trainable=trainable, name=name, **kwargs)
    self.output_padding = None

  def build(self, input_shape):
    input_shape = tensor_shape.TensorShape(input_shape)
    if len(input_shape) != 5:
      raise ValueError("Inputs should have rank 5, received input shape:", str(input_shape))
    channel_axis = 1 if self.data_format == "channels_first" else -1
    if tensor_shape.dimension_value(input_shape.dims[channel_axis]) is None:
      raise ValueError("The channel dimension of the inputs should be defined, found None: " +
                       str(input_shape))
    input_dim = int(tensor_shape.dimension_value(input_shape[channel_axis]))
    kernel_shape = self.kernel_size + (self.filters, input_dim)
    self.input_spec = utils.InputSpec(ndim=5, axes={channel_axis: input_dim})
    self.kernel = self.add_weight("kernel", shape=kernel_shape,
                                  initializer=self.kernel_initializer,
                                  regularizer=self.kernel_regularizer,
                                  constraint=self.kernel_constraint, trainable=True,
                                  dtype=self.dtype)
    self._add_bias()
    self.built = True

  def call(self, inputs):
    inputs_shape = array_ops.shape(inputs)
    batch_size = inputs_shape[0]
    if self.data_format == "channels_first":
      d_axis, h_axis, w_axis = 2, 3, 4
    else:
      d_axis, h_axis, w_axis = 1, 2, 3
    depth = inputs_shape[d_axis]
    height = inputs_shape[h_axis]
    width = inputs_shape[w_axis]
    kernel_d, kernel_h, kernel_w = self.kernel_size
    stride_d, stride_h, stride_w = self.strides
    out_depth = utils.deconv_output_length(depth, kernel_d, padding=self.padding,
                                           stride=stride_d)
    out_height = utils.deconv_output_length(height, kernel_h, padding=self.padding,
                                            stride=stride_h)
    out_width = utils.deconv_output_length(width, kernel_w, padding=self.padding,
                                           stride=stride_w)
    if self.data_format == "channels_first":
      output_shape = (batch_size, self.filters, out_depth, out_height, out_width)
      strides = (1, 1, stride_d, stride_h, stride_w)
    else:
      output_shape = (batch_size, out_depth, out_height, out_width, self.filters)
      strides = (1, stride_d, stride_h, stride_w, 1)
    output_shape_tensor = array_ops.stack(output_shape)
    outputs = nn_conv_ops.conv3d_transpose(
        inputs, self.kernel, output_shape_tensor, strides,
        data_format=utils.convert_data_format(self.data_format, ndim=5),
        padding=self.padding.upper())
    outputs.set_shape(self.compute_output_shape(inputs.shape))
    if self.use_bias:
      outputs = nn_ops.bias_add(outputs, self.bias,
                                data_format=utils.convert_data_format(self.data_format, 4))
    return _activate(self.activation, outputs)

  def compute_output_shape(self, input_shape):
    output_shape = tensor_shape.TensorShape(input_shape).as_list()
    if self.data_format == "channels_first":
      c_axis, d_axis, h_axis, w_axis = 1, 2, 3, 4
    else:
      c_axis, d_axis, h_axis, w_axis = 4, 1, 2, 3
    output_shape[c_axis] = self.filters
    for i, axis in enumerate((d_axis, h_axis, w_axis)):
      output_shape[axis] = utils.deconv_output_length(output_shape[axis], self.kernel_size[i],
                                                      padding=self.padding,
                                                      stride=self.strides[i])
    return tensor_shape.TensorShape(output_shape)


# ---- function forms ----------------------------------------------------------------------
def _conv_fn(layer_cls, inputs, name, reuse, **kwargs):
  layer = layer_cls(name=name, _reuse=reuse, _scope=name, **kwargs)
  return layer.apply(inputs)


@tf_export("layers.conv1d")
def conv1d(inputs, filters, kernel_size, strides=1, padding="valid",
           data_format="channels_last", dilation_rate=1, activation=None, use_bias=True,
           kernel_initializer=None, bias_initializer=init_ops.zeros_initializer(),
           kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
           kernel_constraint=None, bias_constraint=None, trainable=True, name=None,
           reuse=None):
  return _conv_fn(Conv1D, inputs, name, reuse, filters=filters, kernel_size=kernel_size,
                  strides=strides, padding=padding, data_format=data_format,
                  dilation_rate=dilation_rate, activation=activation, use_bias=use_bias,
                  kernel_initializer=kernel_initializer, bias_initializer=bias_initializer,
                  kernel_regularizer=kernel_regularizer, bias_regularizer=bias_regularizer,
                  activity_regularizer=activity_regularizer,
                  kernel_constraint=kernel_constraint, bias_constraint=bias_constraint,
                  trainable=trainable)


@tf_export("layers.conv2d")
def conv2d(inputs, filters, kernel_size, strides=(1, 1), padding="valid",
           data_format="channels_last", dilation_rate=(1, 1), activation=None, use_bias=True,
           kernel_initializer=None, bias_initializer=init_ops.zeros_initializer(),
           kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
           kernel_constraint=None, bias_constraint=None, trainable=True, name=None,
           reuse=None):
  return _conv_fn(Conv2D, inputs, name, reuse, filters=filters, kernel_size=kernel_size,
                  strides=strides, padding=padding, data_format=data_format,
                  dilation_rate=dilation_rate, activation=activation, use_bias=use_bias,
                  kernel_initializer=kernel_initializer, bias_initializer=bias_initializer,
                  kernel_regularizer=kernel_regularizer, bias_regularizer=bias_regularizer,
                  activity_regularizer=activity_regularizer,
                  kernel_constraint=kernel_constraint, bias_constraint=bias_constraint,
                  trainable=trainable)


@tf_export("layers.conv3d")
def conv3d(inputs, filters, kernel_size, strides=(1, 1, 1), padding="valid",
           data_format="channels_last", dilation_rate=(1, 1, 1), activation=None,
           use_bias=True, kernel_initializer=None,
           bias_initializer=init_ops.zeros_initializer(), kernel_regularizer=None,
           bias_regularizer=None, activity_regularizer=None, kernel_constraint=None,
           bias_constraint=None, trainable=True, name=None, reuse=None):
  return _conv_fn(Conv3D, inputs, name, reuse, filters=filters, kernel_size=kernel_size,
                  strides=strides, padding=padding, data_format=data_format,
                  dilation_rate=dilation_rate, activation=activation, use_bias=use_bias,
                  kernel_initializer=kernel_initializer, bias_initializer=bias_initializer,
                  kernel_regularizer=kernel_regularizer, bias_regularizer=bias_regularizer,
                  activity_regularizer=activity_regularizer,
                  kernel_constraint=kernel_constraint, bias_constraint=bias_constraint,
                  trainable=trainable)


@tf_export("layers.separable_conv1d")
def separable_conv1d(inputs, filters, kernel_size, strides=1, padding="valid",
                     data_format="channels_last", dilation_rate=1, depth_multiplier=1,
                     activation=None, use_bias=True, depthwise_initializer=None,
                     pointwise_initializer=None, bias_initializer=init_ops.zeros_initializer(),
                     depthwise_regularizer=None, pointwise_regularizer=None,
                     bias_regularizer=None, activity_regularizer=None,
                     depthwise_constraint=None, pointwise_constraint=None,
                     bias_constraint=None, trainable=True, name=None, reuse=None):
  return _conv_fn(SeparableConv1D, inputs, name, reuse, filters=filters,
                  kernel_size=kernel_size, strides=strides, padding=padding,
                  data_format=data_format, dilation_rate=dilation_rate,
                  depth_multiplier=depth_multiplier, activation=activation, use_bias=use_bias,
                  depthwise_initializer=depthwise_initializer,
                  pointwise_initializer=pointwise_initializer,
                  bias_initializer=bias_initializer,
                  depthwise_regularizer=depthwise_regularizer,
                  pointwise_regularizer=pointwise_regularizer,
                  bias_regularizer=bias_regularizer, activity_regularizer=activity_regularizer,
                  depthwise_constraint=depthwise_constraint,
                  pointwise_constraint=pointwise_constraint, bias_constraint=bias_constraint,
                  trainable=trainable)


@tf_export("layers.separable_conv2d")
def separable_conv2d(inputs, filters, kernel_size, strides=(1, 1), padding="valid",
                     data_format="channels_last", dilation_rate=(1, 1), depth_multiplier=1,
                     activation=None, use_bias=True, depthwise_initializer=None,
                     pointwise_initializer=None, bias_initializer=init_ops.zeros_initializer(),
                     depthwise_regularizer=None, pointwise_regularizer=None,
                     bias_regularizer=None, activity_regularizer=None,
                     depthwise_constraint=None, pointwise_constraint=None,
                     bias_constraint=None, trainable=True, name=None, reuse=None):
  return _conv_fn(SeparableConv2D, inputs, name, reuse, filters=filters,
                  kernel_size=kernel_size, strides=strides, padding=padding,
                  data_format=data_format, dilation_rate=dilation_rate,
                  depth_multiplier=depth_multiplier, activation=activation, use_bias=use_bias,
                  depthwise_initializer=depthwise_initializer,
                  pointwise_initializer=pointwise_initializer,
                  bias_initializer=bias_initializer,
                  depthwise_regularizer=depthwise_regularizer,
                  pointwise_regularizer=pointwise_regularizer,
                  bias_regularizer=bias_regularizer, activity_regularizer=activity_regularizer,
                  depthwise_constraint=depthwise_constraint,
                  pointwise_constraint=pointwise_constraint, bias_constraint=bias_constraint,
                  trainable=trainable)


@tf_export("layers.conv2d_transpose")
def conv2d_transpose(inputs, filters, kernel_size, strides=(1, 1), padding="valid",
                     data_format="channels_last", activation=None, use_bias=True,
                     kernel_initializer=None, bias_initializer=init_ops.zeros_initializer(),
                     kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                     kernel_constraint=None, bias_constraint=None, trainable=True, name=None,
                     reuse=None):
  return _conv_fn(Conv2DTranspose, inputs, name, reuse, filters=filters,
                  kernel_size=kernel_size, strides=strides, padding=padding,
                  data_format=data_format, activation=activation, use_bias=use_bias,
                  kernel_initializer=kernel_initializer, bias_initializer=bias_initializer,
                  kernel_regularizer=kernel_regularizer, bias_regularizer=bias_regularizer,
                  activity_regularizer=activity_regularizer,
                  kernel_constraint=kernel_constraint, bias_constraint=bias_constraint,
                  trainable=trainable)


@tf_export("layers.conv3d_transpose")
def conv3d_transpose(inputs, filters, kernel_size, strides=(1, 1, 1), padding="valid",
                     data_format="channels_last", activation=None, use_bias=True,
                     kernel_initializer=None, bias_initializer=init_ops.zeros_initializer(),
                     kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                     kernel_constraint=None, bias_constraint=None, trainable=True, name=None,
                     reuse=None):
  return _conv_fn(Conv3DTranspose, inputs, name, reuse, filters=filters,
                  kernel_size=kernel_size, strides=strides, padding=padding,
                  data_format=data_format, activation=activation, use_bias=use_bias,
                  kernel_initializer=kernel_initializer, bias_initializer=bias_initializer,
                  kernel_regularizer=kernel_regularizer, bias_regularizer=bias_regularizer,
                  activity_regularizer=activity_regularizer,
                  kernel_constraint=kernel_constraint, bias_constraint=bias_constraint,
                  trainable=trainable)


# TF 1.15's module-level aliases.
Convolution1D = Conv1D
Convolution2D = Conv2D
Convolution3D = Conv3D
SeparableConvolution2D = SeparableConv2D
Convolution2DTranspose = Deconvolution2D = Deconv2D = Conv2DTranspose
Convolution3DTranspose = Deconvolution3D = Deconv3D = Conv3DTranspose
convolution1d = conv1d
convolution2d = conv2d
convolution3d = conv3d
separable_convolution2d = separable_conv2d
convolution2d_transpose = deconvolution2d = deconv2d = conv2d_transpose
convolution3d_transpose = deconvolution3d = deconv3d = conv3d_transpose
