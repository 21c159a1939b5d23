"""tf.contrib.layers' layer functions (TF 1.15): fully_connected, convolution (1-3D),
conv2d_transpose, separable_conv2d, pooling, flatten, dropout, bias_add, one_hot_encoding,
repeat, stack, unit_norm ...; batch_norm and layer_norm live in layers_norm.py.

TF 1.15 builds most of these on tf.layers classes with a getter that renames `kernel`/`bias`
to `weights`/`biases` and creates them with model_variable. We build the same variables
(names, shapes, MODEL_VARIABLES + GLOBAL_VARIABLES, initializers) and the same top-level op
names (`Conv/Conv2D`, `Conv/BiasAdd`, `Conv/Relu`, `fully_connected/MatMul` ...) directly on
the core ops, so checkpoints and graphs line up with TF's.
"""

import functools

from tensorflow.contrib.framework.python.ops.arg_scope import add_arg_scope
from tensorflow.contrib.framework.python.ops import variables
from tensorflow.contrib.layers.python.layers import initializers
from tensorflow.contrib.layers.python.layers import utils
from tensorflow.contrib.layers.python.layers.layers_norm import batch_norm
from tensorflow.contrib.layers.python.layers.layers_norm import layer_norm
from tensorflow.python.framework import dtypes
from tensorflow.python.framework import ops
from tensorflow.python.framework import tensor_shape
from tensorflow.python.ops import array_ops
from tensorflow.python.ops import gen_math_ops
from tensorflow.python.ops import init_ops
from tensorflow.python.ops import math_ops
from tensorflow.python.ops import nn_conv_ops
from tensorflow.python.ops import nn_ops
from tensorflow.python.ops import nn_ops_dropout
from tensorflow.python.ops import nn_ops_space_batch
from tensorflow.python.ops import variable_scope

__all__ = [
    "avg_pool2d", "avg_pool3d", "batch_norm", "bias_add", "conv1d", "conv2d", "conv3d",
    "conv2d_in_plane", "conv2d_transpose", "convolution", "convolution1d", "convolution2d",
    "convolution2d_in_plane", "convolution2d_transpose", "convolution3d", "dropout", "elu",
    "flatten", "fully_connected", "layer_norm", "linear", "max_pool2d", "max_pool3d",
    "one_hot_encoding", "relu", "relu6", "repeat", "separable_conv2d",
    "separable_convolution2d", "softmax", "stack", "unit_norm", "maxout",
]

DATA_FORMAT_NCHW = "NCHW"
DATA_FORMAT_NHWC = "NHWC"
DATA_FORMAT_NCDHW = "NCDHW"
DATA_FORMAT_NDHWC = "NDHWC"


def _add_variable_to_collections(variable, collections_set, collections_name):
  collections = utils.get_variable_collections(collections_set, collections_name) or []
  variables_list = [variable]
  if hasattr(variable, "_get_variable_list"):  # a PartitionedVariable
    variables_list = list(variable)
  for collection in collections:
    for var in variables_list:
      if var not in ops.get_collection(collection):
        ops.add_to_collection(collection, var)


def _layer_variable(layer_name, var_name, shape, dtype, initializer, regularizer, trainable,
                    variables_collections, collection_key):
  """A weight as contrib's renaming getter makes it for a tf.layers layer: a model variable
  named `var_name`, whose penalty sits under `<layer_name>/Regularizer` (the layer's own
  name for the weight) and is only added when the variable is new."""
  existing = set(ops.get_collection(ops.GraphKeys.GLOBAL_VARIABLES))
  var = variables.model_variable(var_name, shape=shape, dtype=dtype, initializer=initializer,
                                 trainable=trainable)
  if regularizer is not None and var not in existing:
    with ops.name_scope(layer_name + "/Regularizer"):
      penalty = regularizer(var)
    if penalty is not None:
      ops.add_to_collection(ops.GraphKeys.REGULARIZATION_LOSSES, penalty)
  _add_variable_to_collections(var, variables_collections, collection_key)
  return var


def _tuple_n(value, n, what):
  if isinstance(value, int):
    return (value,) * n
  value = tuple(int(v) for v in value)
  if len(value) != n:
    raise ValueError("The `%s` argument must be a tuple of %d integers. Received: %s" %
                     (what, n, value))
  return value


def _finish(outputs, normalizer_fn, normalizer_params, activation_fn, outputs_collections,
            alias):
  if normalizer_fn is not None:
    outputs = normalizer_fn(outputs, **(normalizer_params or {}))
  if activation_fn is not None:
    outputs = activation_fn(outputs)
  return utils.collect_named_outputs(outputs_collections, alias, outputs)


def _channels_first(data_format):
  return bool(data_format) and data_format.startswith("NC")


def _add_bias(outputs, biases, channels_first, rank):
  if not channels_first or rank == 4:
    return nn_ops.bias_add(outputs, biases, data_format="NCHW" if channels_first else "NHWC")
  # tf.layers adds an NC... bias of another rank through a broadcastable reshape.
  shape = [1, -1] + [1] * (rank - 2)
  return math_ops.add(outputs, array_ops.reshape(biases, shape))


@add_arg_scope
def bias_add(inputs, activation_fn=None, initializer=init_ops.zeros_initializer(),
             regularizer=None, reuse=None, variables_collections=None, outputs_collections=None,
             trainable=True, data_format=DATA_FORMAT_NHWC, scope=None):
  """inputs + biases (a [C] model variable), then activation_fn."""
  if data_format not in (DATA_FORMAT_NCHW, DATA_FORMAT_NHWC):
    raise ValueError("data_format has to be either NCHW or NHWC.")
  with variable_scope.variable_scope(scope, "BiasAdd", [inputs], reuse=reuse) as sc:
    inputs = ops.convert_to_tensor(inputs)
    inputs_rank = inputs.get_shape().ndims
    if inputs_rank is None:
      raise ValueError("Dims of shape must be known but is None")
    if inputs_rank != 4 and data_format == DATA_FORMAT_NCHW:
      raise ValueError("Data format NCHW only supports 4D Tensor")
    axis = 1 if data_format == DATA_FORMAT_NCHW else -1
    num_features = tensor_shape.dimension_value(inputs.get_shape()[axis])
    if num_features is None:
      raise ValueError("`C` dimension must be known but is None")
    biases = variables.model_variable(
        "biases", shape=[num_features], dtype=inputs.dtype.base_dtype, initializer=initializer,
        regularizer=regularizer,
        collections=utils.get_variable_collections(variables_collections, "biases"),
        trainable=trainable)
    outputs = nn_ops.bias_add(inputs, biases, data_format=data_format)
    if activation_fn is not None:
      outputs = activation_fn(outputs)
    return utils.collect_named_outputs(outputs_collections, sc.name, outputs)


@add_arg_scope
def convolution(inputs, num_outputs, kernel_size, stride=1, padding="SAME", data_format=None,
                rate=1, activation_fn=nn_ops.relu, normalizer_fn=None, normalizer_params=None,
                weights_initializer=initializers.xavier_initializer(), weights_regularizer=None,
                biases_initializer=init_ops.zeros_initializer(), biases_regularizer=None,
                reuse=None, variables_collections=None, outputs_collections=None,
                trainable=True, scope=None, conv_dims=None):
  """An N-D convolution (N = input rank - 2, 1..3) with `weights` [k..., in, out], then
  `biases` (unless a normalizer_fn is given), normalizer_fn and activation_fn."""
  if data_format not in [None, "NWC", "NCW", "NHWC", "NCHW", "NDHWC", "NCDHW"]:
    raise ValueError("Invalid data_format: %r" % (data_format,))
  with variable_scope.variable_scope(scope, "Conv", [inputs], reuse=reuse) as sc:
    inputs = ops.convert_to_tensor(inputs)
    input_rank = inputs.get_shape().ndims
    if conv_dims is not None and conv_dims + 2 != input_rank:
      raise ValueError("Convolution expects input with rank %d, got %d" %
                       (conv_dims + 2, input_rank))
    if input_rank not in (3, 4, 5):
      raise ValueError("Convolution not supported for input with rank", input_rank)
    n = input_rank - 2
    channels_first = _channels_first(data_format)
    kernel = _tuple_n(kernel_size, n, "kernel_size")
    strides = _tuple_n(stride, n, "strides")
    dilation = _tuple_n(rate, n, "dilation_rate")
    padding = padding.upper()
    if any(s != 1 for s in strides) and any(d != 1 for d in dilation):
      raise ValueError("When using a dilation rate != 1, you can only use stride = 1.")
    in_channels = tensor_shape.dimension_value(inputs.get_shape()[1 if channels_first else -1])
    if in_channels is None:
      raise ValueError("The channel dimension of the inputs should be defined. Found `None`.")
    dtype = inputs.dtype.base_dtype
    weights = _layer_variable("kernel", "weights", list(kernel) + [in_channels, num_outputs],
                              dtype, weights_initializer, weights_regularizer, trainable,
                              variables_collections, "weights")
    use_bias = not normalizer_fn and biases_initializer
    biases = None
    if use_bias:
      biases = _layer_variable("bias", "biases", [num_outputs], dtype, biases_initializer,
                               biases_regularizer, trainable, variables_collections, "biases")
    if any(d != 1 for d in dilation):
      # TF 1.15's contrib layers convolve through Keras' Conv, i.e. nn_ops.Convolution, which
      # builds SpaceToBatchND / VALID convolution / BatchToSpaceND when dilated.
      conv_format = {1: ("NCW", "NWC"), 2: ("NCHW", "NHWC"), 3: ("NCDHW", "NDHWC")}[n]
      conv = nn_ops_space_batch.Convolution(
          inputs.get_shape(), weights.get_shape(), padding, strides=list(strides),
          dilation_rate=list(dilation), data_format=conv_format[0 if channels_first else 1])
      outputs = conv(inputs, weights)
    elif n == 2:
      full = (1, 1) + strides if channels_first else (1,) + strides + (1,)
      outputs = nn_conv_ops.conv2d(inputs, weights, strides=list(full), padding=padding,
                                   data_format=data_format or "NHWC")
    elif n == 1:
      outputs = nn_conv_ops.conv1d(inputs, weights, strides[0], padding,
                                   data_format="NCW" if channels_first else "NWC")
    else:
      full = (1, 1) + strides if channels_first else (1,) + strides + (1,)
      outputs = nn_conv_ops.conv3d(inputs, weights, list(full), padding,
                                   data_format="NCDHW" if channels_first else "NDHWC")
    if biases is not None:
      outputs = _add_bias(outputs, biases, channels_first, input_rank)
    return _finish(outputs, normalizer_fn, normalizer_params, activation_fn,
                   outputs_collections, sc.name)


def _fixed_rank_convolution(conv_dims):
  def conv(inputs, num_outputs, kernel_size, stride=1, padding="SAME", data_format=None,
           rate=1, activation_fn=nn_ops.relu, normalizer_fn=None, normalizer_params=None,
           weights_initializer=initializers.xavier_initializer(), weights_regularizer=None,
           biases_initializer=init_ops.zeros_initializer(), biases_regularizer=None,
           reuse=None, variables_collections=None, outputs_collections=None, trainable=True,
           scope=None):
    return convolution(inputs, num_outputs, kernel_size, stride, padding, data_format, rate,
                       activation_fn, normalizer_fn, normalizer_params, weights_initializer,
                       weights_regularizer, biases_initializer, biases_regularizer, reuse,
                       variables_collections, outputs_collections, trainable, scope,
                       conv_dims=conv_dims)
  conv.__name__ = "convolution%dd" % conv_dims
  conv.__doc__ = convolution.__doc__
  return add_arg_scope(conv)


convolution1d = _fixed_rank_convolution(1)
convolution2d = _fixed_rank_convolution(2)
convolution3d = _fixed_rank_convolution(3)


@add_arg_scope
def convolution2d_in_plane(inputs, kernel_size, stride=1, padding="SAME",
                           activation_fn=nn_ops.relu, normalizer_fn=None,
                           normalizer_params=None,
                           weights_initializer=initializers.xavier_initializer(),
                           weights_regularizer=None,
                           biases_initializer=init_ops.zeros_initializer(),
                           biases_regularizer=None, reuse=None, variables_collections=None,
                           outputs_collections=None, trainable=True, scope=None):
  """The same [kh, kw] filter applied to every channel (a tiled depthwise convolution)."""
  with variable_scope.variable_scope(scope, "ConvInPlane", [inputs], reuse=reuse) as sc:
    dtype = inputs.dtype.base_dtype
    kernel_h, kernel_w = utils.two_element_tuple(kernel_size)
    stride_h, stride_w = utils.two_element_tuple(stride)
    num_filters_in = utils.last_dimension(inputs.get_shape(), min_rank=4)
    weights = variables.model_variable(
        "weights", shape=[kernel_h, kernel_w, 1, 1], dtype=dtype,
        initializer=weights_initializer, regularizer=weights_regularizer,
        collections=utils.get_variable_collections(variables_collections, "weights"),
        trainable=trainable)
    depthwise_weights = array_ops.tile(weights, [1, 1, num_filters_in, 1])
    outputs = nn_conv_ops.depthwise_conv2d(inputs, depthwise_weights,
                                           [1, stride_h, stride_w, 1], padding)
    if normalizer_fn is not None:
      outputs = normalizer_fn(outputs, **(normalizer_params or {}))
    elif biases_initializer is not None:
      biases = variables.model_variable(
          "biases", shape=[num_filters_in], dtype=dtype, initializer=biases_initializer,
          regularizer=biases_regularizer,
          collections=utils.get_variable_collections(variables_collections, "biases"),
          trainable=trainable)
      outputs = nn_ops.bias_add(outputs, biases)
    if activation_fn is not None:
      outputs = activation_fn(outputs)
    return utils.collect_named_outputs(outputs_collections, sc.name, outputs)


def _deconv_length(size, kernel, stride, padding):
  if padding == "VALID":
    return size * stride + max(kernel - stride, 0)
  return size * stride


@add_arg_scope
def convolution2d_transpose(inputs, num_outputs, kernel_size, stride=1, padding="SAME",
                            data_format=DATA_FORMAT_NHWC, activation_fn=nn_ops.relu,
                            normalizer_fn=None, normalizer_params=None,
                            weights_initializer=initializers.xavier_initializer(),
                            weights_regularizer=None,
                            biases_initializer=init_ops.zeros_initializer(),
                            biases_regularizer=None, reuse=None, variables_collections=None,
                            outputs_collections=None, trainable=True, scope=None):
  """A transposed 2-D convolution with `weights` [kh, kw, out, in] and `biases` [out]."""
  with variable_scope.variable_scope(scope, "Conv2d_transpose", [inputs], reuse=reuse) as sc:
    if data_format not in (DATA_FORMAT_NCHW, DATA_FORMAT_NHWC):
      raise ValueError("data_format has to be either NCHW or NHWC.")
    inputs = ops.convert_to_tensor(inputs)
    if inputs.get_shape().ndims != 4:
      raise ValueError("Inputs should have rank 4. Received input shape: %s" %
                       inputs.get_shape())
    channels_first = data_format == DATA_FORMAT_NCHW
    h_axis, w_axis, c_axis = (2, 3, 1) if channels_first else (1, 2, 3)
    in_channels = tensor_shape.dimension_value(inputs.get_shape()[c_axis])
    if in_channels is None:
      raise ValueError("The channel dimension of the inputs should be defined. Found `None`.")
    kernel_h, kernel_w = _tuple_n(kernel_size, 2, "kernel_size")
    stride_h, stride_w = _tuple_n(stride, 2, "strides")
    padding = padding.upper()
    dtype = inputs.dtype.base_dtype
    weights = _layer_variable("kernel", "weights", [kernel_h, kernel_w, num_outputs,
                                                    in_channels],
                              dtype, weights_initializer, weights_regularizer, trainable,
                              variables_collections, "weights")
    biases = None
    if not normalizer_fn and biases_initializer:
      biases = _layer_variable("bias", "biases", [num_outputs], dtype, biases_initializer,
                               biases_regularizer, trainable, variables_collections, "biases")
    inputs_shape = array_ops.shape(inputs)
    batch_size = inputs_shape[0]
    out_h = _deconv_length(inputs_shape[h_axis], kernel_h, stride_h, padding)
    out_w = _deconv_length(inputs_shape[w_axis], kernel_w, stride_w, padding)
    if channels_first:
      output_shape = (batch_size, num_outputs, out_h, out_w)
      strides = [1, 1, stride_h, stride_w]
    else:
      output_shape = (batch_size, out_h, out_w, num_outputs)
      strides = [1, stride_h, stride_w, 1]
    outputs = nn_conv_ops.conv2d_transpose(inputs, weights, array_ops.stack(output_shape),
                                           strides, padding=padding, data_format=data_format)
    static = inputs.get_shape().as_list()
    out_static = list(static)
    out_static[c_axis] = num_outputs
    for axis, k, s in ((h_axis, kernel_h, stride_h), (w_axis, kernel_w, stride_w)):
      if static[axis] is not None:
        out_static[axis] = _deconv_length(static[axis], k, s, padding)
    outputs.set_shape(out_static)
    if biases is not None:
      outputs = nn_ops.bias_add(outputs, biases, data_format=data_format)
    return _finish(outputs, normalizer_fn, normalizer_params, activation_fn,
                   outputs_collections, sc.name)


@add_arg_scope
def separable_convolution2d(inputs, num_outputs, kernel_size, depth_multiplier=1, stride=1,
                            padding="SAME", data_format=DATA_FORMAT_NHWC, rate=1,
                            activation_fn=nn_ops.relu, normalizer_fn=None,
                            normalizer_params=None,
                            weights_initializer=initializers.xavier_initializer(),
                            pointwise_initializer=None, weights_regularizer=None,
                            biases_initializer=init_ops.zeros_initializer(),
                            biases_regularizer=None, reuse=None, variables_collections=None,
                            outputs_collections=None, trainable=True, scope=None):
  """A depthwise convolution (`depthwise_weights` [kh, kw, in, depth_multiplier]) and, when
  num_outputs is not None, a 1x1 pointwise one (`pointwise_weights`), then biases."""
  if data_format not in (DATA_FORMAT_NCHW, DATA_FORMAT_NHWC):
    raise ValueError("data_format has to be either NCHW or NHWC.")
  with variable_scope.variable_scope(scope, "SeparableConv2d", [inputs], reuse=reuse) as sc:
    inputs = ops.convert_to_tensor(inputs)
    if pointwise_initializer is None:
      pointwise_initializer = weights_initializer
    channels_first = data_format == DATA_FORMAT_NCHW
    dtype = inputs.dtype.base_dtype
    kernel_h, kernel_w = utils.two_element_tuple(kernel_size)
    stride_h, stride_w = utils.two_element_tuple(stride)
    rate_hw = utils.two_element_tuple(rate)
    num_filters_in = utils.channel_dimension(inputs.get_shape(), data_format, min_rank=4)
    strides = [1, 1, stride_h, stride_w] if channels_first else [1, stride_h, stride_w, 1]
    if num_outputs is not None:
      if inputs.get_shape().ndims != 4:
        raise ValueError("Inputs should have rank 4. Received input shape: %s" %
                         inputs.get_shape())
      depthwise = _layer_variable(
          "depthwise_kernel", "depthwise_weights",
          [kernel_h, kernel_w, num_filters_in, depth_multiplier], dtype, weights_initializer,
          weights_regularizer, trainable, variables_collections, "weights")
      pointwise = _layer_variable(
          "pointwise_kernel", "pointwise_weights",
          [1, 1, num_filters_in * depth_multiplier, num_outputs], dtype,
          pointwise_initializer, weights_regularizer, trainable, variables_collections,
          "weights")
      biases = None
      if not normalizer_fn and biases_initializer:
        biases = _layer_variable("bias", "biases", [num_outputs], dtype, biases_initializer,
                                 biases_regularizer, trainable, variables_collections,
                                 "biases")
      outputs = nn_conv_ops.separable_conv2d(inputs, depthwise, pointwise, strides,
                                             padding.upper(), rate=list(rate_hw),
                                             data_format=data_format)
      if biases is not None:
        outputs = nn_ops.bias_add(outputs, biases, data_format=data_format)
      if normalizer_fn is not None:
        outputs = normalizer_fn(outputs, **(normalizer_params or {}))
    else:
      depthwise = variables.model_variable(
          "depthwise_weights", shape=[kernel_h, kernel_w, num_filters_in, depth_multiplier],
          dtype=dtype, initializer=weights_initializer, regularizer=weights_regularizer,
          trainable=trainable,
          collections=utils.get_variable_collections(variables_collections, "weights"))
      outputs = nn_conv_ops.depthwise_conv2d(inputs, depthwise, strides, padding,
                                             rate=list(rate_hw), data_format=data_format)
      num_outputs = depth_multiplier * num_filters_in
      if normalizer_fn is not None:
        outputs = normalizer_fn(outputs, **(normalizer_params or {}))
      elif biases_initializer is not None:
        biases = variables.model_variable(
            "biases", shape=[num_outputs], dtype=dtype, initializer=biases_initializer,
            regularizer=biases_regularizer, trainable=trainable,
            collections=utils.get_variable_collections(variables_collections, "biases"))
        outputs = nn_ops.bias_add(outputs, biases, data_format=data_format)
    if activation_fn is not None:
      outputs = activation_fn(outputs)
    return utils.collect_named_outputs(outputs_collections, sc.name, outputs)


@add_arg_scope
def fully_connected(inputs, num_outputs, activation_fn=nn_ops.relu, normalizer_fn=None,
                    normalizer_params=None,
                    weights_initializer=initializers.xavier_initializer(),
                    weights_regularizer=None, biases_initializer=init_ops.zeros_initializer(),
                    biases_regularizer=None, reuse=None, variables_collections=None,
                    outputs_collections=None, trainable=True, scope=None):
  """inputs . weights [in, num_outputs] (+ biases), then normalizer_fn and activation_fn;
  inputs of rank > 2 contract their last dimension (tensordot), as tf.layers.Dense does."""
  if isinstance(num_outputs, bool) or not isinstance(num_outputs, int):
    raise ValueError("num_outputs type should be one of %s, got %s." %
                     ([int], type(num_outputs)))
  with variable_scope.variable_scope(scope, "fully_connected", [inputs], reuse=reuse) as sc:
    inputs = ops.convert_to_tensor(inputs)
    shape = inputs.get_shape()
    if shape.ndims is not None and shape.ndims < 2:
      raise ValueError("Input 0 of layer %s is incompatible with the layer: expected "
                       "min_ndim=2, found ndim=%d. Full shape received: %s" %
                       (sc.name, shape.ndims, shape.as_list()))
    if shape.ndims is None or tensor_shape.dimension_value(shape[-1]) is None:
      raise ValueError("The last dimension of the inputs to `Dense` should be defined. "
                       "Found `None`.")
    dtype = inputs.dtype.base_dtype
    weights = _layer_variable("kernel", "weights", [shape[-1].value, num_outputs], dtype,
                              weights_initializer, weights_regularizer, trainable,
                              variables_collections, "weights")
    biases = None
    if not normalizer_fn and biases_initializer:
      biases = _layer_variable("bias", "biases", [num_outputs], dtype, biases_initializer,
                               biases_regularizer, trainable, variables_collections, "biases")
    rank = shape.ndims
    if rank > 2:
      from tensorflow.python.ops import api_aliases  # pylint: disable=g-import-not-at-top
      outputs = api_aliases.tensordot(inputs, weights, [[rank - 1], [0]])
      outputs.set_shape(shape.as_list()[:-1] + [num_outputs])
    else:
      outputs = gen_math_ops.mat_mul(inputs, weights)
    if biases is not None:
      outputs = nn_ops.bias_add(outputs, biases)
    return _finish(outputs, normalizer_fn, normalizer_params, activation_fn,
                   outputs_collections, sc.name)


def _pool2d(pool_fn, default_name, inputs, kernel_size, stride, padding, data_format,
            outputs_collections, scope):
  if data_format not in (DATA_FORMAT_NCHW, DATA_FORMAT_NHWC):
    raise ValueError("data_format has to be either NCHW or NHWC.")
  with ops.name_scope(scope, default_name, [inputs]) as sc:
    inputs = ops.convert_to_tensor(inputs)
    if inputs.get_shape().ndims is not None and inputs.get_shape().ndims != 4:
      raise ValueError("Input 0 of layer %s is incompatible with the layer: expected "
                       "ndim=4, found ndim=%d. Full shape received: %s" %
                       (sc.rstrip("/"), inputs.get_shape().ndims,
                        inputs.get_shape().as_list()))
    kernel_h, kernel_w = _tuple_n(kernel_size, 2, "pool_size")
    stride_h, stride_w = _tuple_n(stride, 2, "strides")
    if data_format == DATA_FORMAT_NCHW:
      ksize, strides = [1, 1, kernel_h, kernel_w], [1, 1, stride_h, stride_w]
    else:
      ksize, strides = [1, kernel_h, kernel_w, 1], [1, stride_h, stride_w, 1]
    outputs = pool_fn(inputs, ksize, strides, padding.upper(), data_format=data_format)
    return utils.collect_named_outputs(outputs_collections, sc, outputs)


@add_arg_scope
def avg_pool2d(inputs, kernel_size, stride=2, padding="VALID", data_format=DATA_FORMAT_NHWC,
               outputs_collections=None, scope=None):
  """2-D average pooling (op `<scope>/AvgPool`)."""
  return _pool2d(nn_conv_ops.avg_pool, "AvgPool2D", inputs, kernel_size, stride, padding,
                 data_format, outputs_collections, scope)


@add_arg_scope
def max_pool2d(inputs, kernel_size, stride=2, padding="VALID", data_format=DATA_FORMAT_NHWC,
               outputs_collections=None, scope=None):
  """2-D max pooling (op `<scope>/MaxPool`)."""
  return _pool2d(nn_conv_ops.max_pool, "MaxPool2D", inputs, kernel_size, stride, padding,
                 data_format, outputs_collections, scope)


def _pool3d(pool_fn, default_name, inputs, kernel_size, stride, padding, data_format,
            outputs_collections, scope):
  if data_format not in (DATA_FORMAT_NCDHW, DATA_FORMAT_NDHWC):
    raise ValueError("data_format has to be either NCDHW or NDHWC.")
  with ops.name_scope(scope, default_name, [inputs]) as sc:
    inputs = ops.convert_to_tensor(inputs)
    k = _tuple_n(kernel_size, 3, "pool_size")
    s = _tuple_n(stride, 3, "strides")
    if data_format == DATA_FORMAT_NCDHW:
      ksize, strides = [1, 1] + list(k), [1, 1] + list(s)
    else:
      ksize, strides = [1] + list(k) + [1], [1] + list(s) + [1]
    outputs = pool_fn(inputs, ksize, strides, padding.upper(), data_format=data_format)
    return utils.collect_named_outputs(outputs_collections, sc, outputs)


@add_arg_scope
def avg_pool3d(inputs, kernel_size, stride=2, padding="VALID", data_format=DATA_FORMAT_NDHWC,
               outputs_collections=None, scope=None):
  return _pool3d(nn_conv_ops.avg_pool3d, "AvgPool3D", inputs, kernel_size, stride, padding,
                 data_format, outputs_collections, scope)


@add_arg_scope
def max_pool3d(inputs, kernel_size, stride=2, padding="VALID", data_format=DATA_FORMAT_NDHWC,
               outputs_collections=None, scope=None):
  return _pool3d(nn_conv_ops.max_pool3d, "MaxPool3D", inputs, kernel_size, stride, padding,
                 data_format, outputs_collections, scope)


@add_arg_scope
def dropout(inputs, keep_prob=0.5, noise_shape=None, is_training=True,
            outputs_collections=None, scope=None, seed=None):
  """Dropout with rate 1 - keep_prob while `is_training` (a bool or a bool Tensor), else
  the identity."""
  with variable_scope.variable_scope(scope, "Dropout", [inputs]) as sc:
    inputs = ops.convert_to_tensor(inputs)
    rate = 1 - keep_prob

    def dropped():
      return nn_ops_dropout.dropout(inputs, noise_shape=noise_shape, seed=seed, rate=rate)

    outputs = utils.smart_cond(is_training, dropped, lambda: array_ops.identity(inputs))
    return utils.collect_named_outputs(outputs_collections, sc.name, outputs)


@add_arg_scope
def flatten(inputs, outputs_collections=None, scope=None):
  """[batch, ...] -> [batch, k] (ops `Flatten/flatten/...`)."""
  with ops.name_scope(scope, "Flatten", [inputs]) as sc:
    inputs = ops.convert_to_tensor(inputs)
    shape = inputs.get_shape()
    if shape.ndims is None or shape.ndims < 2:
      raise ValueError("Inputs must have a least 2 dimensions.")
    with ops.name_scope("flatten"):
      batch = tensor_shape.dimension_value(shape[0])
      if batch is None:
        batch = array_ops.shape(inputs)[0]
      outputs = array_ops.reshape(inputs, (batch, -1))
    rest = shape.as_list()[1:]
    flat = None if any(d is None for d in rest) else int(_prod(rest))
    outputs.set_shape([tensor_shape.dimension_value(shape[0]), flat])
    return utils.collect_named_outputs(outputs_collections, sc, outputs)


def _prod(values):
  result = 1
  for v in values:
    result *= v
  return result


@add_arg_scope
def one_hot_encoding(labels, num_classes, on_value=1.0, off_value=0.0,
                     outputs_collections=None, scope=None):
  """tf.one_hot of `labels` (int32 labels are cast to int64 first, as TF does)."""
  with ops.name_scope(scope, "OneHotEncoding", [labels, num_classes]) as sc:
    labels = ops.convert_to_tensor(labels)
    if labels.dtype == dtypes.int32:
      labels = math_ops.to_int64(labels)
    outputs = array_ops.one_hot(labels, num_classes, on_value=on_value, off_value=off_value)
    return utils.collect_named_outputs(outputs_collections, sc, outputs)


def _layer_scope_name(layer, default):
  if hasattr(layer, "__name__"):
    return layer.__name__
  if hasattr(layer, "func") and hasattr(layer.func, "__name__"):
    return layer.func.__name__
  return default


def repeat(inputs, repetitions, layer, *args, **kwargs):
  """layer applied `repetitions` times, in scopes `<scope>/<scope>_1`, `_2`, ..."""
  scope = kwargs.pop("scope", None)
  with variable_scope.variable_scope(scope, "Repeat", [inputs]):
    inputs = ops.convert_to_tensor(inputs)
    if scope is None:
      scope = _layer_scope_name(layer, "repeat")
    outputs = inputs
    for i in range(repetitions):
      kwargs["scope"] = scope + "_" + str(i + 1)
      outputs = layer(outputs, *args, **kwargs)
    return outputs


def stack(inputs, layer, stack_args, **kwargs):
  """layer applied once per element of `stack_args`, in scopes `<scope>/<scope>_1`, ..."""
  scope = kwargs.pop("scope", None)
  if not isinstance(stack_args, (list, tuple)):
    raise ValueError("stack_args need to be a list or tuple")
  with variable_scope.variable_scope(scope, "Stack", [inputs]):
    inputs = ops.convert_to_tensor(inputs)
    if scope is None:
      scope = _layer_scope_name(layer, "stack")
    outputs = inputs
    for i, layer_args in enumerate(stack_args):
      kwargs["scope"] = scope + "_" + str(i + 1)
      if not isinstance(layer_args, (list, tuple)):
        layer_args = [layer_args]
      outputs = layer(outputs, *layer_args, **kwargs)
    return outputs


@add_arg_scope
def unit_norm(inputs, dim, epsilon=1e-7, scope=None):
  """inputs / sqrt(epsilon + sum(inputs^2 along dim))."""
  with variable_scope.variable_scope(scope, "UnitNorm", [inputs]):
    if not inputs.get_shape():
      raise ValueError("The input rank must be known.")
    input_rank = len(inputs.get_shape().as_list())
    if dim < 0 or dim >= input_rank:
      raise ValueError("dim must be positive but smaller than the input rank.")
    lengths = math_ops.sqrt(epsilon + math_ops.reduce_sum(math_ops.square(inputs), dim, True))
    multiples = []
    if dim > 0:
      multiples.append(array_ops.ones([dim], dtypes.int32))
    multiples.append(array_ops.strided_slice(array_ops.shape(inputs), [dim], [dim + 1]))
    if dim < input_rank - 1:
      multiples.append(array_ops.ones([input_rank - 1 - dim], dtypes.int32))
    multiples = array_ops.concat(multiples, 0)
    return math_ops.div(inputs, array_ops.tile(lengths, multiples))


@add_arg_scope
def softmax(logits, scope=None):
  """Softmax over the last dimension of an N-D tensor."""
  with variable_scope.variable_scope(scope, "softmax", [logits]):
    num_logits = utils.last_dimension(logits.get_shape(), min_rank=2)
    logits_2d = array_ops.reshape(logits, [-1, num_logits])
    predictions = nn_ops.softmax(logits_2d)
    predictions = array_ops.reshape(predictions, array_ops.shape(logits))
    predictions.set_shape(logits.get_shape())
    return predictions


@add_arg_scope
def maxout(inputs, num_units, axis=-1, scope=None):
  """Max over groups of num_channels / num_units features along `axis`."""
  with variable_scope.variable_scope(scope, "MaxOut", [inputs]):
    inputs = ops.convert_to_tensor(inputs)
    shape = inputs.get_shape().as_list()
    num_channels = shape[axis]
    if num_channels % num_units:
      raise ValueError("number of features({}) is not a multiple of num_units({})".format(
          num_channels, num_units))
    shape[axis] = num_units
    shape += [num_channels // num_units]
    for i, dim in enumerate(shape):
      if dim is None:
        shape[i] = array_ops.shape(inputs)[i]
    return math_ops.reduce_max(array_ops.reshape(inputs, shape), -1, keepdims=False)


elu = functools.partial(fully_connected, activation_fn=nn_ops.elu)
relu = functools.partial(fully_connected, activation_fn=nn_ops.relu)
relu6 = functools.partial(fully_connected, activation_fn=nn_ops.relu6)
linear = functools.partial(fully_connected, activation_fn=None)

conv1d = convolution1d
conv2d = convolution2d
conv3d = convolution3d
conv2d_transpose = convolution2d_transpose
conv2d_in_plane = convolution2d_in_plane
separable_conv2d = separable_convolution2d
