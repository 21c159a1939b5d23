"""Helpers of tf.layers (TF 1.15's layers/utils.py and keras conv_utils / InputSpec): argument
normalisation, output-length arithmetic of convolutions and the input checks layers make
before they build."""

from tensorflow.python.framework import ops
from tensorflow.python.framework import tensor_shape
from tensorflow.python.framework import tensor_util
from tensorflow.python.util import nest
from tensorflow.python.util.tf_export import tf_export


def normalize_tuple(value, n, name):
  """An int, or n ints, as a tuple of n ints (TF's errors for anything else)."""
  if isinstance(value, int):
    return (value,) * n
  try:
    value_tuple = tuple(value)
  except TypeError:
    raise ValueError("The `" + name + "` argument must be a tuple of " + str(n) +
                     " integers. Received: " + str(value))
  if len(value_tuple) != n:
    raise ValueError("The `" + name + "` argument must be a tuple of " + str(n) +
                     " integers. Received: " + str(value))
  for single_value in value_tuple:
    try:
      int(single_value)
    except (ValueError, TypeError):
      raise ValueError("The `" + name + "` argument must be a tuple of " + str(n) +
                       " integers. Received: " + str(value) + " including element " +
                       str(single_value) + " of type " + str(type(single_value)))
  return value_tuple


def normalize_padding(value):
  if isinstance(value, (list, tuple)):
    return value
  padding = value.lower()
  if padding not in {"valid", "same", "causal"}:
    raise ValueError("The `padding` argument must be a list/tuple or one of \"valid\", "
                     "\"same\" (or \"causal\", only for `Conv1D). Received: " + str(padding))
  return padding


def normalize_data_format(value):
  if value is None:
    value = "channels_last"
  data_format = value.lower()
  if data_format not in {"channels_first", "channels_last"}:
    raise ValueError("The `data_format` argument must be one of \"channels_first\", "
                     "\"channels_last\". Received: " + str(value))
  return data_format


def convert_data_format(data_format, ndim):
  if data_format == "channels_last":
    return {3: "NWC", 4: "NHWC", 5: "NDHWC"}.get(ndim) or _bad_ndim(ndim)
  if data_format == "channels_first":
    return {3: "NCW", 4: "NCHW", 5: "NCDHW"}.get(ndim) or _bad_ndim(ndim)
  raise ValueError("Invalid data_format:", data_format)


def _bad_ndim(ndim):
  raise ValueError("Input rank not supported:", ndim)


def conv_output_length(input_length, filter_size, padding, stride, dilation=1):
  if input_length is None:
    return None
  assert padding in {"same", "valid", "full", "causal"}
  dilated_filter_size = filter_size + (filter_size - 1) * (dilation - 1)
  if padding in ("same", "causal"):
    output_length = input_length
  elif padding == "valid":
    output_length = input_length - dilated_filter_size + 1
  else:
    output_length = input_length + dilated_filter_size - 1
  return (output_length + stride - 1) // stride


def deconv_output_length(input_length, filter_size, padding, output_padding=None, stride=0,
                         dilation=1):
  """The length a transposed convolution produces; works on ints and on scalar tensors (it
  then builds the same Mul/Add ops TF does)."""
  assert padding in {"same", "valid", "full"}
  if input_length is None:
    return None
  filter_size = filter_size + (filter_size - 1) * (dilation - 1)
  if output_padding is None:
    if padding == "valid":
      return input_length * stride + max(filter_size - stride, 0)
    if padding == "full":
      return input_length * stride - (stride + filter_size - 2)
    return input_length * stride
  if padding == "same":
    pad = filter_size // 2
  elif padding == "valid":
    pad = 0
  else:
    pad = filter_size - 1
  return (input_length - 1) * stride + filter_size - 2 * pad + output_padding


def constant_value(pred):
  """A Python bool for `pred` when it is known while building, else None."""
  if isinstance(pred, (bool, int)):
    return bool(pred)
  if isinstance(pred, ops.Tensor) or hasattr(pred, "op"):
    value = tensor_util.constant_value(ops.convert_to_tensor(pred))
    return None if value is None else bool(value)
  raise TypeError("`pred` must be a Tensor, or a Python bool, or 1 or 0. Found instead: %s"
                  % type(pred))


def smart_cond(pred, true_fn=None, false_fn=None, name=None):
  """true_fn() or false_fn() when `pred` is known while building, else a tf.cond."""
  if isinstance(pred, ops.Tensor) or hasattr(pred, "op"):
    value = tensor_util.constant_value(ops.convert_to_tensor(pred))
    if value is None:
      from tensorflow.python.ops import cond_v1  # pylint: disable=g-import-not-at-top
      return cond_v1.cond(pred, true_fn=true_fn, false_fn=false_fn, name=name)
    pred = bool(value)
  elif not isinstance(pred, (bool, int)):
    raise TypeError("`pred` must be a Tensor, or a Python bool, or 1 or 0. Found instead: %s"
                    % type(pred))
  return true_fn() if pred else false_fn()


@tf_export("layers.InputSpec")
class InputSpec(object):
  """The rank / per-axis sizes a layer accepts (checked before every call)."""

  def __init__(self, dtype=None, shape=None, ndim=None, max_ndim=None, min_ndim=None,
               axes=None):
    self.dtype = dtype
    self.shape = shape
    self.ndim = len(shape) if shape is not None else ndim
    self.max_ndim = max_ndim
    self.min_ndim = min_ndim
    self.axes = axes or {}

  def __repr__(self):
    spec = [("dtype=" + str(self.dtype)) if self.dtype else "",
            ("shape=" + str(self.shape)) if self.shape else "",
            ("ndim=" + str(self.ndim)) if self.ndim else "",
            ("max_ndim=" + str(self.max_ndim)) if self.max_ndim else "",
            ("min_ndim=" + str(self.min_ndim)) if self.min_ndim else "",
            ("axes=" + str(self.axes)) if self.axes else ""]
    return "InputSpec(%s)" % ", ".join(x for x in spec if x)


def assert_input_compatibility(input_spec, inputs, layer_name):
  """Raises TF's ValueError when `inputs` do not fit `input_spec`."""
  if not input_spec:
    return
  input_spec = nest.flatten(input_spec)
  inputs = nest.flatten(inputs)
  if len(inputs) != len(input_spec):
    raise ValueError("Layer " + layer_name + " expects " + str(len(input_spec)) +
                     " inputs, but it received " + str(len(inputs)) + " input tensors. "
                     "Inputs received: " + str(inputs))
  for input_index, (x, spec) in enumerate(zip(inputs, input_spec)):
    if spec is None or not hasattr(x, "shape"):
      continue
    shape = tensor_shape.TensorShape(x.shape)
    if spec.ndim is not None:
      if shape.ndims is None:
        raise ValueError("Input " + str(input_index) + " of layer " + layer_name +
                         " is incompatible with the layer: its rank is undefined, but the "
                         "layer requires a defined rank.")
      if shape.ndims != spec.ndim:
        raise ValueError("Input " + str(input_index) + " of layer " + layer_name +
                         " is incompatible with the layer: expected ndim=" + str(spec.ndim) +
                         ", found ndim=" + str(shape.ndims) + ". Full shape received: " +
                         str(shape.as_list()))
    if spec.dtype is not None and x.dtype != spec.dtype:
      raise ValueError("Input " + str(input_index) + " of layer " + layer_name +
                       " is incompatible with the layer: expected dtype=" + str(spec.dtype) +
                       ", found dtype=" + str(x.dtype))
    if spec.axes and shape.ndims is not None:
      for axis, value in spec.axes.items():
        if hasattr(value, "value"):
          value = value.value
        if value is not None and tensor_shape.dimension_value(shape[int(axis)]) not in {
            value, None}:
          raise ValueError("Input " + str(input_index) + " of layer " + layer_name +
                           " is incompatible with the layer: expected axis " + str(axis) +
                           " of input shape to have value " + str(value) +
                           " but received input with shape " + str(shape))
