"""Convolution and pooling functions of `tf.nn` (TF 1.15): conv1d/2d/3d, their transposes and
backprops, depthwise/separable convolutions, max/avg pooling (2-D and 3-D) and
max_pool_with_argmax. Graphs are built as TF 1.15's nn_ops.py / nn_impl.py build them."""


import numpy as np

from tensorflow.python.framework import ops
from tensorflow.python.framework import tensor_shape
from tensorflow.python.framework import dtypes
from tensorflow.python.ops import array_ops
from tensorflow.python.ops import gen_nn_ops
from tensorflow.python.util.tf_export import tf_export


def _lookup(new_name, new_value, old_name, old_value):
  """TF's deprecated_argument_lookup: at most one of the two spellings may be given."""
  if new_value is not None:
    if old_value is not None:
      raise ValueError("Cannot specify both '%s' and '%s'" % (old_name, new_name))
    return new_value
  return old_value


def _get_sequence(value, n, channel_index, name):
  """An attr list of n + 2 values from a scalar, n values or n + 2 values (TF's rule)."""
  if value is None:
    value = [1]
  elif not isinstance(value, (list, tuple, np.ndarray)):
    value = [value]
  value = list(value)
  current_n = len(value)
  if current_n == n + 2:
    return value
  if current_n == 1:
    value = value * n
  elif current_n != n:
    raise ValueError("{} should be of length 1, {} or {} but was {}".format(
        name, n, n + 2, current_n))
  if channel_index == 1:
    return [1, 1] + value
  return [1] + value + [1]


def convert_padding(padding):
  """'SAME'/'VALID', or a list of 4 [before, after] pairs meaning EXPLICIT padding."""
  explicit_paddings = []
  if padding == "EXPLICIT":
    raise ValueError('"EXPLICIT" is not a valid value for the padding parameter. To use '
                     "explicit padding, the padding parameter must be a list.")
  if isinstance(padding, (list, tuple)):
    for i, dim_paddings in enumerate(padding):
      if not isinstance(dim_paddings, (list, tuple)):
        raise ValueError("When padding is a list, each element of padding must be a "
                         "list/tuple of size 2. Element with index %d of padding is not "
                         "a list/tuple" % i)
      if len(dim_paddings) != 2:
        raise ValueError("When padding is a list, each element of padding must be a "
                         "list/tuple of size 2. Element with index %d of padding has size %d"
                         % (i, len(dim_paddings)))
      explicit_paddings.extend(dim_paddings)
    if len(padding) != 4:
      raise ValueError("When padding is a list, it must be of size 4. Got padding of size: %d"
                       % len(padding))
    padding = "EXPLICIT"
  return padding, explicit_paddings


@tf_export("nn.conv2d")
def conv2d(input, filter=None, strides=None, padding=None, use_cudnn_on_gpu=True,  # pylint: disable=redefined-builtin
           data_format="NHWC", dilations=[1, 1, 1, 1], name=None, filters=None):  # pylint: disable=dangerous-default-value
  filter = _lookup("filters", filters, "filter", filter)
  padding, explicit_paddings = convert_padding(padding)
  if data_format is None:
    data_format = "NHWC"
  channel_index = 1 if data_format.startswith("NC") else 3
  strides = _get_sequence(strides, 2, channel_index, "strides")
  dilations = _get_sequence(dilations, 2, channel_index, "dilations")
  return gen_nn_ops.conv2d(input, filter, strides=strides, padding=padding,
                           use_cudnn_on_gpu=use_cudnn_on_gpu,
                           explicit_paddings=explicit_paddings, data_format=data_format,
                           dilations=dilations, name=name)


@tf_export("nn.conv2d_backprop_input")
def conv2d_backprop_input(input_sizes, filter=None, out_backprop=None, strides=None,  # pylint: disable=redefined-builtin
                          padding=None, use_cudnn_on_gpu=True, data_format="NHWC",
                          dilations=[1, 1, 1, 1], name=None, filters=None):  # pylint: disable=dangerous-default-value
  filter = _lookup("filters", filters, "filter", filter)
  padding, explicit_paddings = convert_padding(padding)
  return gen_nn_ops.conv2d_backprop_input(
      input_sizes, filter, out_backprop, strides, padding, use_cudnn_on_gpu=use_cudnn_on_gpu,
      explicit_paddings=explicit_paddings, data_format=data_format, dilations=dilations,
      name=name)


@tf_export("nn.conv2d_backprop_filter")
def conv2d_backprop_filter(input, filter_sizes, out_backprop, strides, padding,  # pylint: disable=redefined-builtin
                           use_cudnn_on_gpu=True, data_format="NHWC",
                           dilations=[1, 1, 1, 1], name=None):  # pylint: disable=dangerous-default-value
  padding, explicit_paddings = convert_padding(padding)
  return gen_nn_ops.conv2d_backprop_filter(
      input, filter_sizes, out_backprop, strides, padding, use_cudnn_on_gpu=use_cudnn_on_gpu,
      explicit_paddings=explicit_paddings, data_format=data_format, dilations=dilations,
      name=name)


@tf_export("nn.conv1d")
def conv1d(value=None, filters=None, stride=None, padding=None, use_cudnn_on_gpu=None,
           data_format=None, name=None, input=None, dilations=None):  # pylint: disable=redefined-builtin
  """A 1-D convolution as TF 1.15 builds it: ExpandDims, Conv2D, Squeeze."""
  value = _lookup("input", input, "value", value)
  with ops.name_scope(name, "conv1d", [value, filters]) as name:
    if data_format is None or data_format == "NHWC" or data_format == "NWC":
      data_format = "NHWC"
      spatial_start_dim = 1
      channel_index = 2
    elif data_format == "NCHW" or data_format == "NCW":
      data_format = "NCHW"
      spatial_start_dim = 2
      channel_index = 1
    else:
      raise ValueError("data_format must be \"NWC\" or \"NCW\".")
    strides = [1] + _get_sequence(stride, 1, channel_index, "stride")
    dilations = [1] + _get_sequence(dilations, 1, channel_index, "dilations")
    value = array_ops.expand_dims(value, spatial_start_dim)
    filters = array_ops.expand_dims(filters, 0)
    result = gen_nn_ops.conv2d(value, filters, strides, padding,
                               use_cudnn_on_gpu=use_cudnn_on_gpu, data_format=data_format,
                               dilations=dilations, name=name)
    return array_ops.squeeze(result, [spatial_start_dim])


def _transpose_conv_args(value, filter, output_shape, padding, rank, axis):  # pylint: disable=redefined-builtin
  """(value, filter, output_shape tensor) of conv2d/3d_transpose, checked as TF checks them:
  the value's channels (at `axis`) against the filter's input channels, output_shape's length
  and (when given as a list or array) its channels against the filter's output channels."""
  value = ops.convert_to_tensor(value, name="value")
  filter = ops.convert_to_tensor(filter, name="filter")
  if not value.get_shape().with_rank(rank).dims[axis].is_compatible_with(
      filter.get_shape().with_rank(rank)[rank - 1]):
    raise ValueError("input channels does not match filter's input channels, "
                     "{} != {}".format(value.get_shape()[axis], filter.get_shape()[rank - 1]))
  output_shape_ = ops.convert_to_tensor(output_shape, name="output_shape")
  if not output_shape_.get_shape().is_compatible_with(tensor_shape.vector(rank)):
    raise ValueError("output_shape must have shape ({},), got {}".format(
        rank, output_shape_.get_shape()))
  if isinstance(output_shape, (list, np.ndarray)):
    if not filter.get_shape().dims[rank - 2].is_compatible_with(output_shape[axis]):
      raise ValueError("output_shape does not match filter's output channels, "
                       "{} != {}".format(output_shape[axis], filter.get_shape()[rank - 2]))
  if padding != "VALID" and padding != "SAME":
    raise ValueError("padding must be either VALID or SAME: {}".format(padding))
  return value, filter, output_shape_


@tf_export("nn.conv2d_transpose")
def conv2d_transpose(value=None, filter=None, output_shape=None, strides=None,  # pylint: disable=redefined-builtin
                     padding="SAME", data_format="NHWC", name=None, input=None, filters=None,  # pylint: disable=redefined-builtin
                     dilations=None):
  value = _lookup("input", input, "value", value)
  filter = _lookup("filters", filters, "filter", filter)
  with ops.name_scope(name, "conv2d_transpose", [value, filter, output_shape]) as name:
    if data_format not in ("NCHW", "NHWC"):
      raise ValueError("data_format has to be either NCHW or NHWC.")
    value, filter, output_shape_ = _transpose_conv_args(
        value, filter, output_shape, padding, rank=4, axis=3 if data_format == "NHWC" else 1)
    if dilations is None:
      dilations = [1, 1, 1, 1]
    return gen_nn_ops.conv2d_backprop_input(
        input_sizes=output_shape_, filter=filter, out_backprop=value, strides=strides,
        padding=padding, data_format=data_format, dilations=dilations, name=name)


@tf_export("nn.conv3d")
def conv3d(input, filter=None, strides=None, padding=None, data_format="NDHWC",  # pylint: disable=redefined-builtin
           dilations=[1, 1, 1, 1, 1], name=None, filters=None):  # pylint: disable=dangerous-default-value
  filter = _lookup("filters", filters, "filter", filter)
  return gen_nn_ops.conv3d(input, filter, strides, padding, data_format=data_format,
                           dilations=dilations, name=name)


@tf_export("nn.conv3d_transpose")
def conv3d_transpose(value, filter=None, output_shape=None, strides=None, padding="SAME",  # pylint: disable=redefined-builtin
                     data_format="NDHWC", name=None, input=None, filters=None,  # pylint: disable=redefined-builtin
                     dilations=None):
  filter = _lookup("filters", filters, "filter", filter)
  value = _lookup("input", input, "value", value)
  with ops.name_scope(name, "conv3d_transpose", [value, filter, output_shape]) as name:
    value, filter, output_shape_ = _transpose_conv_args(
        value, filter, output_shape, padding, rank=5, axis=1 if data_format == "NCDHW" else 4)
    if dilations is None:
      dilations = [1, 1, 1, 1, 1]
    return gen_nn_ops.conv3d_backprop_input_v2(
        input_sizes=output_shape_, filter=filter, out_backprop=value, strides=strides,
        padding=padding, data_format=data_format, dilations=dilations, name=name)


@tf_export("nn.depthwise_conv2d")
def depthwise_conv2d(input, filter, strides, padding, rate=None, name=None,  # pylint: disable=redefined-builtin
                     data_format=None, dilations=None):
  """DepthwiseConv2dNative, through with_space_to_batch (SpaceToBatchND / BatchToSpaceND
  around it when rate > 1) as TF 1.15 builds it."""
  from tensorflow.python.ops import nn_ops_space_batch  # pylint: disable=g-import-not-at-top
  rate = _lookup("dilations", dilations, "rate", rate)
  with ops.name_scope(name, "depthwise", [input, filter]) as name:
    input = ops.convert_to_tensor(input, name="tensor_in")
    filter = ops.convert_to_tensor(filter, name="filter_in")
    if rate is None:
      rate = [1, 1]

    def op(input_converted, _, padding):
      return gen_nn_ops.depthwise_conv2d_native(input_converted, filter, strides, padding,
                                                data_format=data_format, name=name)

    return nn_ops_space_batch.with_space_to_batch(
        input=input, filter_shape=array_ops.shape(filter), dilation_rate=rate, padding=padding,
        data_format=data_format, op=op)


@tf_export("nn.depthwise_conv2d_native")
def depthwise_conv2d_native(input, filter, strides, padding, data_format="NHWC",  # pylint: disable=redefined-builtin
                            dilations=[1, 1, 1, 1], name=None):  # pylint: disable=dangerous-default-value
  return gen_nn_ops.depthwise_conv2d_native(input, filter, strides, padding,
                                            data_format=data_format, dilations=dilations,
                                            name=name)


@tf_export("nn.depthwise_conv2d_native_backprop_input")
def depthwise_conv2d_native_backprop_input(input_sizes, filter, out_backprop, strides, padding,  # pylint: disable=redefined-builtin
                                           data_format="NHWC", dilations=[1, 1, 1, 1],  # pylint: disable=dangerous-default-value
                                           name=None):
  return gen_nn_ops.depthwise_conv2d_native_backprop_input(
      input_sizes, filter, out_backprop, strides, padding, data_format=data_format,
      dilations=dilations, name=name)


@tf_export("nn.depthwise_conv2d_native_backprop_filter")
def depthwise_conv2d_native_backprop_filter(input, filter_sizes, out_backprop, strides,  # pylint: disable=redefined-builtin
                                            padding, data_format="NHWC",
                                            dilations=[1, 1, 1, 1], name=None):  # pylint: disable=dangerous-default-value
  return gen_nn_ops.depthwise_conv2d_native_backprop_filter(
      input, filter_sizes, out_backprop, strides, padding, data_format=data_format,
      dilations=dilations, name=name)


@tf_export("nn.separable_conv2d")
def separable_conv2d(input, depthwise_filter, pointwise_filter, strides, padding,  # pylint: disable=redefined-builtin
                     rate=None, name=None, data_format=None, dilations=None):
  from tensorflow.python.ops import nn_ops_space_batch  # pylint: disable=g-import-not-at-top
  rate = _lookup("dilations", dilations, "rate", rate)
  with ops.name_scope(name, "separable_conv2d",
                      [input, depthwise_filter, pointwise_filter]) as name:
    input = ops.convert_to_tensor(input, name="tensor_in")
    depthwise_filter = ops.convert_to_tensor(depthwise_filter, name="depthwise_filter")
    pointwise_filter = ops.convert_to_tensor(pointwise_filter, name="pointwise_filter")
    pointwise_filter_shape = pointwise_filter.get_shape().with_rank(4)
    pointwise_filter_shape.dims[0].assert_is_compatible_with(1)
    pointwise_filter_shape.dims[1].assert_is_compatible_with(1)
    if rate is None:
      rate = [1, 1]

    def op(input_converted, _, padding):
      return gen_nn_ops.depthwise_conv2d_native(input_converted, depthwise_filter, strides,
                                                padding, data_format=data_format,
                                                name="depthwise")

    depthwise = nn_ops_space_batch.with_space_to_batch(
        input=input, filter_shape=array_ops.shape(depthwise_filter), dilation_rate=rate,
        padding=padding, data_format=data_format, op=op)
    return conv2d(depthwise, pointwise_filter, [1, 1, 1, 1], padding="VALID",
                  data_format=data_format, name=name)


@tf_export("nn.convolution")
def convolution(input, filter, padding, strides=None, dilation_rate=None, name=None,  # pylint: disable=redefined-builtin
                data_format=None, filters=None, dilations=None):
  """N-d convolution (N = 1, 2, 3): conv1d / conv2d / conv3d, or nn_ops.Convolution's
  SpaceToBatchND sandwich when dilated (TF 1.15's convolution_internal)."""
  filter = _lookup("filters", filters, "filter", filter)
  dilation_rate = _lookup("dilations", dilations, "dilation_rate", dilation_rate)
  with ops.name_scope(name, "convolution", [input, filter]) as name:
    input = ops.convert_to_tensor(input, name="input")
    filter = ops.convert_to_tensor(filter, name="filter")
    n = input.get_shape().ndims
    if n is None:
      n = filter.get_shape().ndims
    if n is None or n not in (3, 4, 5):
      raise ValueError("input must have rank 3, 4 or 5 (1-3 spatial dims), got %s" % n)
    n -= 2
    channel_index = 1 if data_format is not None and data_format.startswith("NC") else n + 1
    strides = _get_sequence(strides, n, channel_index, "strides")
    dilations = _get_sequence(dilation_rate, n, channel_index, "dilations")
    if any(int(d) != 1 for d in dilations):
      # TF 1.15 builds dilated convolutions of every rank through nn_ops.Convolution.
      from tensorflow.python.ops import nn_ops_space_batch  # pylint: disable=g-import-not-at-top
      spatial = slice(2, None) if channel_index == 1 else slice(1, -1)
      op = nn_ops_space_batch.Convolution(
          input.get_shape(), filter.get_shape(), padding, strides=strides[spatial],
          dilation_rate=dilations[spatial], name=name, data_format=data_format)
      return op(input, filter)
    if n == 1:
      return conv1d(input, filter, strides[2] if channel_index == 1 else strides[1], padding,
                    data_format=data_format, name=name)
    if n == 2:
      return conv2d(input, filter, strides, padding, data_format=data_format or "NHWC",
                    name=name)
    return conv3d(input, filter, strides, padding, data_format=data_format or "NDHWC",
                  name=name)


def _check_ksize(ksize):
  if ((np.isscalar(ksize) and ksize == 0) or
      (isinstance(ksize, (list, tuple, np.ndarray)) and any(v == 0 for v in ksize))):
    raise ValueError("ksize cannot be zero.")


@tf_export("nn.max_pool")
def max_pool(value, ksize, strides, padding, data_format="NHWC", name=None, input=None):  # pylint: disable=redefined-builtin
  value = _lookup("input", input, "value", value)
  with ops.name_scope(name, "MaxPool", [value]) as name:
    if data_format is None:
      data_format = "NHWC"
    channel_index = 1 if data_format.startswith("NC") else 3
    ksize = _get_sequence(ksize, 2, channel_index, "ksize")
    strides = _get_sequence(strides, 2, channel_index, "strides")
    _check_ksize(ksize)
    value = ops.convert_to_tensor(value, name="input")
    return gen_nn_ops.max_pool(value, ksize=ksize, strides=strides, padding=padding,
                               data_format=data_format, name=name)


@tf_export("nn.avg_pool")
def avg_pool(value, ksize, strides, padding, data_format="NHWC", name=None, input=None):  # pylint: disable=redefined-builtin
  with ops.name_scope(name, "AvgPool", [value]) as name:
    value = _lookup("input", input, "value", value)
    if data_format is None:
      data_format = "NHWC"
    channel_index = 1 if data_format.startswith("NC") else 3
    ksize = _get_sequence(ksize, 2, channel_index, "ksize")
    strides = _get_sequence(strides, 2, channel_index, "strides")
    value = ops.convert_to_tensor(value, name="input")
    return gen_nn_ops.avg_pool(value, ksize=ksize, strides=strides, padding=padding,
                               data_format=data_format, name=name)


@tf_export("nn.max_pool3d")
def max_pool3d(input, ksize, strides, padding, data_format="NDHWC", name=None):  # pylint: disable=redefined-builtin
  with ops.name_scope(name, "MaxPool3D", [input]) as name:
    if data_format is None:
      data_format = "NDHWC"
    channel_index = 1 if data_format.startswith("NC") else 4
    ksize = _get_sequence(ksize, 3, channel_index, "ksize")
    strides = _get_sequence(strides, 3, channel_index, "strides")
    return gen_nn_ops.max_pool3d(input, ksize=ksize, strides=strides, padding=padding,
                                 data_format=data_format, name=name)


@tf_export("nn.avg_pool3d")
def avg_pool3d(input, ksize, strides, padding, data_format="NDHWC", name=None):  # pylint: disable=redefined-builtin
  with ops.name_scope(name, "AvgPool3D", [input]) as name:
    if data_format is None:
      data_format = "NDHWC"
    channel_index = 1 if data_format.startswith("NC") else 4
    ksize = _get_sequence(ksize, 3, channel_index, "ksize")
    strides = _get_sequence(strides, 3, channel_index, "strides")
    return gen_nn_ops.avg_pool3d(input, ksize=ksize, strides=strides, padding=padding,
                                 data_format=data_format, name=name)


@tf_export("nn.max_pool_with_argmax")
def max_pool_with_argmax(input, ksize, strides, padding, data_format="NHWC", Targmax=None,  # pylint: disable=redefined-builtin,invalid-name
                         name=None, output_dtype=None, include_batch_in_index=False):
  if data_format != "NHWC":
    raise ValueError("Data formats other than 'NHWC' are not yet supported")
  Targmax = _lookup("output_dtype", output_dtype, "Targmax", Targmax)
  if Targmax is None:
    Targmax = dtypes.int64
  return gen_nn_ops.max_pool_with_argmax(input, ksize, strides, padding, Targmax=Targmax,
                                         include_batch_in_index=include_batch_in_index,
                                         name=name)
