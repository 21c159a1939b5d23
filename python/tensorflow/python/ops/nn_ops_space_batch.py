"""Dilated (atrous) convolution as TF 1.15's nn_ops.py builds it: with_space_to_batch and its
_WithSpaceToBatch helper (Pad-free SpaceToBatchND -> op with VALID padding -> BatchToSpaceND),
the Convolution / _NonAtrousConvolution helpers, atrous_conv2d and atrous_conv2d_transpose."""

import numpy as np

from tensorflow.python.framework import dtypes
from tensorflow.python.framework import ops
from tensorflow.python.framework import tensor_shape
from tensorflow.python.framework import tensor_util
from tensorflow.python.ops import array_ops
from tensorflow.python.ops import array_ops_space_batch
from tensorflow.python.ops import gen_nn_ops
from tensorflow.python.ops import nn_conv_ops
from tensorflow.python.util.tf_export import tf_export


@tf_export("nn.with_space_to_batch")
def with_space_to_batch(input, dilation_rate, padding, op, filter_shape=None, spatial_dims=None,  # pylint: disable=redefined-builtin
                        data_format=None):
  """Runs `op(converted_input, num_spatial_dims, "VALID")` on the space-to-batch form of
  `input` and converts the result back (or `op(input, num_spatial_dims, padding)` for rate 1)."""
  input = ops.convert_to_tensor(input, name="input")  # pylint: disable=redefined-builtin
  input_shape = input.get_shape()

  def build_op(num_spatial_dims, padding):
    return lambda inp, _: op(inp, num_spatial_dims, padding)

  new_op = _WithSpaceToBatch(input_shape, dilation_rate, padding, build_op,
                             filter_shape=filter_shape, spatial_dims=spatial_dims,
                             data_format=data_format)
  return new_op(input, None)


class _WithSpaceToBatch(object):
  """TF 1.15's helper: checks the rate and geometry when built, then on call either runs the
  plain op (all rates 1) or the SpaceToBatchND / op / BatchToSpaceND sandwich."""

  def __init__(self, input_shape, dilation_rate, padding, build_op, filter_shape=None,
               spatial_dims=None, data_format=None):
    dilation_rate = ops.convert_to_tensor(dilation_rate, dtypes.int32, name="dilation_rate")
    try:
      rate_shape = dilation_rate.get_shape().with_rank(1)
    except ValueError:
      raise ValueError("rate must be rank 1")
    if not dilation_rate.get_shape().is_fully_defined():
      raise ValueError("rate must have known shape")
    num_spatial_dims = rate_shape.dims[0].value
    if data_format is not None and data_format.startswith("NC"):
      starting_spatial_dim = 2
    else:
      starting_spatial_dim = 1
    if spatial_dims is None:
      spatial_dims = range(starting_spatial_dim, num_spatial_dims + starting_spatial_dim)
    orig_spatial_dims = list(spatial_dims)
    spatial_dims = sorted(set(int(x) for x in orig_spatial_dims))
    if spatial_dims != orig_spatial_dims or any(x < 1 for x in spatial_dims):
      raise ValueError("spatial_dims must be a montonically increasing sequence of positive "
                       "integers")
    if data_format is not None and data_format.startswith("NC"):
      expected_input_rank = spatial_dims[-1]
    else:
      expected_input_rank = spatial_dims[-1] + 1
    try:
      input_shape.with_rank_at_least(expected_input_rank)
    except ValueError:
      raise ValueError("input tensor must have rank %d at least" % (expected_input_rank))
    const_rate = tensor_util.constant_value(dilation_rate)
    rate_or_const_rate = dilation_rate
    if const_rate is not None:
      rate_or_const_rate = const_rate
      if np.any(const_rate < 1):
        raise ValueError("dilation_rate must be positive")
      if np.all(const_rate == 1):
        self.call = build_op(num_spatial_dims, padding)
        return
    # SAME becomes VALID on explicitly padded input: the padding of the dilated filter.
    if padding == "SAME":
      if filter_shape is None:
        raise ValueError("filter_shape must be specified for SAME padding")
      filter_shape = ops.convert_to_tensor(filter_shape, name="filter_shape")
      const_filter_shape = tensor_util.constant_value(filter_shape)
      if const_filter_shape is not None:
        self.base_paddings = _with_space_to_batch_base_paddings(
            const_filter_shape, num_spatial_dims, rate_or_const_rate)
      else:
        self.num_spatial_dims = num_spatial_dims
        self.rate_or_const_rate = rate_or_const_rate
        self.base_paddings = None
    elif padding == "VALID":
      self.base_paddings = np.zeros([num_spatial_dims, 2], np.int32)
    else:
      raise ValueError("Invalid padding method %r" % padding)
    self.input_shape = input_shape
    self.spatial_dims = spatial_dims
    self.dilation_rate = dilation_rate
    self.data_format = data_format
    self.op = build_op(num_spatial_dims, "VALID")
    self.call = self._with_space_to_batch_call

  def _with_space_to_batch_call(self, inp, filter):  # pylint: disable=redefined-builtin
    input_spatial_shape = None
    input_shape = self.input_shape
    spatial_dims = self.spatial_dims
    if input_shape.ndims is not None:
      input_shape_list = input_shape.as_list()
      input_spatial_shape = [input_shape_list[i] for i in spatial_dims]
    if input_spatial_shape is None or None in input_spatial_shape:
      input_shape_tensor = array_ops.shape(inp)
      input_spatial_shape = array_ops.stack([input_shape_tensor[i] for i in spatial_dims])
    base_paddings = self.base_paddings
    if base_paddings is None:
      filter_shape = array_ops.shape(filter)
      base_paddings = _with_space_to_batch_base_paddings(
          filter_shape, self.num_spatial_dims, self.rate_or_const_rate)
    paddings, crops = array_ops_space_batch.required_space_to_batch_paddings(
        input_shape=input_spatial_shape, base_paddings=base_paddings,
        block_shape=self.dilation_rate)
    dilation_rate = _with_space_to_batch_adjust(self.dilation_rate, 1, spatial_dims)
    paddings = _with_space_to_batch_adjust(paddings, 0, spatial_dims)
    crops = _with_space_to_batch_adjust(crops, 0, spatial_dims)
    input_converted = array_ops_space_batch.space_to_batch_nd(
        input=inp, block_shape=dilation_rate, paddings=paddings)
    result = self.op(input_converted, filter)
    result_converted = array_ops_space_batch.batch_to_space_nd(
        input=result, block_shape=dilation_rate, crops=crops)
    # Channels-first results lose their channel count in BatchToSpaceND; the filter has it.
    if self.data_format is not None and self.data_format.startswith("NC"):
      if not result_converted.shape.dims[1].value and filter is not None:
        output_shape = result_converted.shape.as_list()
        output_shape[1] = filter.shape[-1]
        result_converted.set_shape(output_shape)
    return result_converted

  def __call__(self, inp, filter):  # pylint: disable=redefined-builtin
    return self.call(inp, filter)


def _with_space_to_batch_base_paddings(filter_shape, num_spatial_dims, rate_or_const_rate):
  """[start, end] padding of each spatial dim that SAME needs for the dilated filter."""
  filter_spatial_shape = filter_shape[:num_spatial_dims]
  pad_extra_shape = (filter_spatial_shape - 1) * rate_or_const_rate
  pad_extra_start = pad_extra_shape // 2
  pad_extra_end = pad_extra_shape - pad_extra_start
  return array_ops.stack([[pad_extra_start[i], pad_extra_end[i]]
                          for i in range(num_spatial_dims)])


def _with_space_to_batch_adjust(orig, fill_value, spatial_dims):
  """Widens a per-spatial-dim value to cover dims 1..max(spatial_dims), `fill_value` between."""
  fill_dims = orig.get_shape().as_list()[1:]
  dtype = orig.dtype.as_numpy_dtype
  parts = []
  const_orig = tensor_util.constant_value(orig)
  const_or_orig = const_orig if const_orig is not None else orig
  prev_spatial_dim = 0
  i = 0
  while i < len(spatial_dims):
    start_i = i
    start_spatial_dim = spatial_dims[i]
    if start_spatial_dim > 1:
      parts.append(np.full([start_spatial_dim - 1 - prev_spatial_dim] + fill_dims, fill_value,
                           dtype=dtype))
    while i + 1 < len(spatial_dims) and spatial_dims[i + 1] == spatial_dims[i] + 1:
      i += 1
    parts.append(const_or_orig[start_i:i + 1])
    prev_spatial_dim = spatial_dims[i]
    i += 1
  if const_orig is not None:
    return np.concatenate(parts)
  return array_ops.concat(parts, 0)


def _get_strides_and_dilation_rate(num_spatial_dims, strides, dilation_rate):
  if dilation_rate is None:
    dilation_rate = [1] * num_spatial_dims
  elif len(dilation_rate) != num_spatial_dims:
    raise ValueError("len(dilation_rate)=%d but should be %d" %
                     (len(dilation_rate), num_spatial_dims))
  dilation_rate = np.array(dilation_rate, dtype=np.int32)
  if np.any(dilation_rate < 1):
    raise ValueError("all values of dilation_rate must be positive")
  if strides is None:
    strides = [1] * num_spatial_dims
  elif len(strides) != num_spatial_dims:
    raise ValueError("len(strides)=%d but should be %d" % (len(strides), num_spatial_dims))
  strides = np.array(strides, dtype=np.int32)
  if np.any(strides < 1):
    raise ValueError("all values of strides must be positive")
  if np.any(strides > 1) and np.any(dilation_rate > 1):
    raise ValueError("strides > 1 not supported in conjunction with dilation_rate > 1")
  return strides, dilation_rate


class _NonAtrousConvolution(object):
  """conv1d / Conv2D / Conv3D with the given strides (TF 1.15's helper of the same name)."""

  def __init__(self, input_shape, filter_shape, padding, data_format=None, strides=None,
               name=None):
    filter_shape = filter_shape.with_rank(input_shape.ndims)
    self.padding = padding
    self.name = name
    input_shape = input_shape.with_rank(filter_shape.ndims)
    if input_shape.ndims is None:
      raise ValueError("Rank of convolution must be known")
    if input_shape.ndims < 3 or input_shape.ndims > 5:
      raise ValueError("`input` and `filter` must have rank at least 3 and at most 5")
    conv_dims = input_shape.ndims - 2
    if strides is None:
      strides = [1] * conv_dims
    elif len(strides) != conv_dims:
      raise ValueError("len(strides)=%d, but should be %d" % (len(strides), conv_dims))
    strides = [int(s) for s in strides]
    if conv_dims == 1:
      if data_format is None:
        data_format = "NWC"
      elif data_format not in {"NCW", "NWC", "NCHW", "NHWC"}:
        raise ValueError("data_format must be \"NWC\" or \"NCW\".")
      self.strides = strides[0]
      self.data_format = data_format
      self.conv_op = self._conv1d
    elif conv_dims == 2:
      if data_format is None or data_format == "NHWC":
        data_format = "NHWC"
        strides = [1] + list(strides) + [1]
      elif data_format == "NCHW":
        strides = [1, 1] + list(strides)
      else:
        raise ValueError("data_format must be \"NHWC\" or \"NCHW\".")
      self.strides = strides
      self.data_format = data_format
      self.conv_op = nn_conv_ops.conv2d
    else:
      if data_format is None or data_format == "NDHWC":
        strides = [1] + list(strides) + [1]
      elif data_format == "NCDHW":
        strides = [1, 1] + list(strides)
      else:
        raise ValueError("data_format must be \"NDHWC\" or \"NCDHW\". Have: %s" % data_format)
      self.strides = strides
      self.data_format = data_format
      self.conv_op = self._conv3d

  @staticmethod
  def _conv1d(input, filter, strides, padding, data_format, name):  # pylint: disable=redefined-builtin
    return nn_conv_ops.conv1d(value=input, filters=filter, stride=strides, padding=padding,
                              data_format=data_format, name=name)

  @staticmethod
  def _conv3d(input, filter, strides, padding, data_format, name):  # pylint: disable=redefined-builtin
    if data_format is None:
      return gen_nn_ops.conv3d(input, filter, strides, padding, name=name)
    return gen_nn_ops.conv3d(input, filter, strides, padding, data_format=data_format, name=name)

  def __call__(self, inp, filter):  # pylint: disable=redefined-builtin
    return self.conv_op(input=inp, filter=filter, strides=self.strides, padding=self.padding,
                        data_format=self.data_format, name=self.name)


class Convolution(object):
  """TF 1.15's nn_ops.Convolution: checks shapes when built and convolves on call, through
  _WithSpaceToBatch (SpaceToBatchND / BatchToSpaceND around the convolution) when dilated."""

  def __init__(self, input_shape, filter_shape, padding, strides=None, dilation_rate=None,
               name=None, data_format=None):
    filter_shape = tensor_shape.as_shape(filter_shape)
    input_shape = tensor_shape.as_shape(input_shape)
    num_total_dims = filter_shape.ndims
    if num_total_dims is None:
      num_total_dims = input_shape.ndims
    if num_total_dims is None:
      raise ValueError("rank of input or filter must be known")
    num_spatial_dims = num_total_dims - 2
    try:
      input_shape.with_rank(num_spatial_dims + 2)
    except ValueError:
      raise ValueError("input tensor must have rank %d" % (num_spatial_dims + 2))
    try:
      filter_shape.with_rank(num_spatial_dims + 2)
    except ValueError:
      raise ValueError("filter tensor must have rank %d" % (num_spatial_dims + 2))
    if data_format is None or not data_format.startswith("NC"):
      input_channels_dim = tensor_shape.dimension_at_index(input_shape, num_spatial_dims + 1)
      spatial_dims = range(1, num_spatial_dims + 1)
    else:
      input_channels_dim = tensor_shape.dimension_at_index(input_shape, 1)
      spatial_dims = range(2, num_spatial_dims + 2)
    if not input_channels_dim.is_compatible_with(filter_shape[num_spatial_dims]):
      raise ValueError("number of input channels does not match corresponding dimension of "
                       "filter, {} != {}".format(input_channels_dim,
                                                 filter_shape[num_spatial_dims]))
    strides, dilation_rate = _get_strides_and_dilation_rate(num_spatial_dims, strides,
                                                            dilation_rate)
    self.input_shape = input_shape
    self.filter_shape = filter_shape
    self.data_format = data_format
    self.strides = strides
    self.name = name
    self.conv_op = _WithSpaceToBatch(input_shape, dilation_rate=dilation_rate, padding=padding,
                                     build_op=self._build_op, filter_shape=filter_shape,
                                     spatial_dims=spatial_dims, data_format=data_format)

  def _build_op(self, _, padding):
    return _NonAtrousConvolution(self.input_shape, filter_shape=self.filter_shape,
                                 padding=padding, data_format=self.data_format,
                                 strides=self.strides, name=self.name)

  def __call__(self, inp, filter):  # pylint: disable=redefined-builtin
    return self.conv_op(inp, filter)


@tf_export("nn.atrous_conv2d")
def atrous_conv2d(value, filters, rate, padding, name=None):
  return nn_conv_ops.convolution(input=value, filter=filters, padding=padding,
                                 dilation_rate=np.broadcast_to(rate, (2,)), name=name)


@tf_export("nn.atrous_conv2d_transpose")
def atrous_conv2d_transpose(value, filters, output_shape, rate, padding, name=None):
  """The transpose of atrous_conv2d: SpaceToBatchND, Conv2DBackpropInput, BatchToSpaceND."""
  with ops.name_scope(name, "atrous_conv2d_transpose", [value, filters, output_shape]) as name:
    value = ops.convert_to_tensor(value, name="value")
    filters = ops.convert_to_tensor(filters, name="filters")
    if not value.get_shape().dims[3].is_compatible_with(filters.get_shape()[3]):
      raise ValueError("value's input channels does not match filters' input channels, "
                       "{} != {}".format(value.get_shape()[3], filters.get_shape()[3]))
    if rate < 1:
      raise ValueError("rate {} cannot be less than one".format(rate))
    if rate == 1:
      return nn_conv_ops.conv2d_transpose(value, filters, output_shape, strides=[1, 1, 1, 1],
                                          padding=padding, data_format="NHWC")
    output_shape_ = ops.convert_to_tensor(output_shape, name="output_shape")
    if not output_shape_.get_shape().is_compatible_with(tensor_shape.vector(4)):
      raise ValueError("output_shape must have shape (4,), got {}".format(
          output_shape_.get_shape()))
    if isinstance(output_shape, tuple):
      output_shape = list(output_shape)
    if isinstance(output_shape, (list, np.ndarray)):
      if not filters.get_shape().dims[2].is_compatible_with(output_shape[3]):
        raise ValueError("output_shape does not match filter's output channels, "
                         "{} != {}".format(output_shape[3], filters.get_shape()[2]))
    if padding == "SAME":
      if filters.get_shape().is_fully_defined():
        filter_shape = filters.get_shape().as_list()
      else:
        filter_shape = array_ops.shape(filters)
      filter_height, filter_width = filter_shape[0], filter_shape[1]
      filter_height_up = filter_height + (filter_height - 1) * (rate - 1)
      filter_width_up = filter_width + (filter_width - 1) * (rate - 1)
      pad_height = filter_height_up - 1
      pad_width = filter_width_up - 1
      pad_top = pad_height // 2
      pad_bottom = pad_height - pad_top
      pad_left = pad_width // 2
      pad_right = pad_width - pad_left
    elif padding == "VALID":
      pad_top = pad_bottom = pad_left = pad_right = 0
    else:
      raise ValueError("padding must be either VALID or SAME: {}".format(padding))
    in_height = output_shape[1] + pad_top + pad_bottom
    in_width = output_shape[2] + pad_left + pad_right
    pad_bottom_extra = (rate - in_height % rate) % rate
    pad_right_extra = (rate - in_width % rate) % rate
    space_to_batch_pad = [[0, pad_bottom_extra], [0, pad_right_extra]]
    value = array_ops_space_batch.space_to_batch(input=value, paddings=space_to_batch_pad,
                                                 block_size=rate)
    input_sizes = [rate * rate * output_shape[0], (in_height + pad_bottom_extra) // rate,
                   (in_width + pad_right_extra) // rate, output_shape[3]]
    value = gen_nn_ops.conv2d_backprop_input(input_sizes=input_sizes, filter=filters,
                                             out_backprop=value, strides=[1, 1, 1, 1],
                                             padding="VALID", data_format="NHWC")
    batch_to_space_crop = [[pad_top, pad_bottom + pad_bottom_extra],
                           [pad_left, pad_right + pad_right_extra]]
    return array_ops_space_batch.batch_to_space(input=value, crops=batch_to_space_crop,
                                                block_size=rate)
