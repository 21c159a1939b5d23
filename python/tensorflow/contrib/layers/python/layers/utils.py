"""contrib.layers utilities (TF 1.15): output aliases and collections, per-variable
collections, Python-or-Tensor conditions and small argument normalizers."""

from tensorflow.python.framework import ops
from tensorflow.python.framework import tensor_shape
from tensorflow.python.framework import tensor_util
from tensorflow.python.ops import variables

__all__ = ["collect_named_outputs", "append_tensor_alias", "get_variable_collections",
           "constant_value", "static_cond", "smart_cond", "get_tensor_aliases",
           "convert_collection_to_dict", "two_element_tuple", "n_positive_integers",
           "last_dimension", "channel_dimension"]


def collect_named_outputs(collections, alias, outputs):
  """Adds `outputs` (tagged with `alias`) to `collections`; returns it."""
  if collections:
    append_tensor_alias(outputs, alias)
    ops.add_to_collections(collections, outputs)
  return outputs


def append_tensor_alias(tensor, alias):
  if alias[-1] == "/":
    alias = alias[:-1]
  if hasattr(tensor, "aliases"):
    tensor.aliases.append(alias)
  else:
    tensor.aliases = [alias]
  return tensor


def get_tensor_aliases(tensor):
  if hasattr(tensor, "aliases"):
    return tensor.aliases
  if tensor.name[-2:] == ":0":
    return [tensor.name[:-2]]
  return [tensor.name]


def convert_collection_to_dict(collection, clear_collection=False):
  """{alias: tensor} for every tensor of `collection`."""
  output = {}
  for tensor in ops.get_collection(collection):
    for alias in get_tensor_aliases(tensor):
      output[alias] = tensor
  if clear_collection:
    ops.get_default_graph().clear_collection(collection)
  return output


def get_variable_collections(variables_collections, name):
  if isinstance(variables_collections, dict):
    return variables_collections.get(name, None)
  return variables_collections


def constant_value(value_or_tensor_or_var, dtype=None):
  """The Python value of a bool/number, a constant-foldable Tensor; None for a Variable or
  a Tensor whose value is only known at run time."""
  if value_or_tensor_or_var is None:
    raise ValueError("value_or_tensor_or_var cannot be None")
  value = value_or_tensor_or_var
  if isinstance(value_or_tensor_or_var, (ops.Tensor, variables.Variable)):
    if dtype and value_or_tensor_or_var.dtype != dtype:
      raise ValueError("It has the wrong type %s instead of %s" %
                       (value_or_tensor_or_var.dtype, dtype))
    if isinstance(value_or_tensor_or_var, variables.Variable):
      value = None
    else:
      value = tensor_util.constant_value(value_or_tensor_or_var)
  return value


def static_cond(pred, fn1, fn2):
  if not callable(fn1):
    raise TypeError("fn1 must be callable.")
  if not callable(fn2):
    raise TypeError("fn2 must be callable.")
  return fn1() if pred else fn2()


def smart_cond(pred, fn1, fn2, name=None):
  """fn1() or fn2() when `pred` is known at graph-build time, else tf.cond."""
  pred_value = constant_value(pred)
  if pred_value is not None:
    return static_cond(pred_value, fn1, fn2)
  from tensorflow.python.ops import cond_v1  # pylint: disable=g-import-not-at-top
  return cond_v1.cond(pred, fn1, fn2, name=name)


def two_element_tuple(int_or_tuple):
  """(a, b) from an int or a length-2 list/tuple/TensorShape."""
  if isinstance(int_or_tuple, (list, tuple)):
    if len(int_or_tuple) != 2:
      raise ValueError("Must be a list with 2 elements: %s" % (int_or_tuple,))
    return int(int_or_tuple[0]), int(int_or_tuple[1])
  if isinstance(int_or_tuple, int):
    return int(int_or_tuple), int(int_or_tuple)
  if isinstance(int_or_tuple, tensor_shape.TensorShape):
    if len(int_or_tuple) == 2:
      return int_or_tuple[0], int_or_tuple[1]
  raise ValueError("Must be an int, a list with 2 elements or a TensorShape of length 2")


def n_positive_integers(n, value):
  """`value` (an int or a length-n sequence of ints >= 1) as an n-tuple."""
  if isinstance(value, int):
    if value > 0:
      return (value,) * n
  elif isinstance(value, (list, tuple, tensor_shape.TensorShape)):
    values = [v.value if isinstance(v, tensor_shape.Dimension) else v for v in value]
    if len(values) == n and all(isinstance(v, int) and v > 0 for v in values):
      return tuple(values)
  raise ValueError("Expected sequence of %d positive integers, but received %r" % (n, value))


def _dim_value(dim):
  return dim.value if isinstance(dim, tensor_shape.Dimension) else dim


def last_dimension(shape, min_rank=1):
  """The static last dimension of `shape`, checking its rank is at least `min_rank`."""
  dims = shape.dims
  if dims is None:
    raise ValueError("dims of shape must be known but is None")
  if len(dims) < min_rank:
    raise ValueError("rank of shape must be at least %d not: %d" % (min_rank, len(dims)))
  value = _dim_value(dims[-1])
  if value is None:
    raise ValueError("last dimension shape must be known but is None")
  return value


def channel_dimension(shape, data_format, min_rank=1):
  """The static channel dimension for 'channels_first'/'NC..' or 'channels_last'."""
  dims = shape.dims
  if dims is None:
    raise ValueError("dims of shape must be known but is None")
  if len(dims) < min_rank:
    raise ValueError("rank of shape must be at least %d not: %d" % (min_rank, len(dims)))
  channels_first = data_format == "channels_first" or data_format.startswith("NC")
  value = _dim_value(dims[1] if channels_first else dims[-1])
  if value is None:
    raise ValueError("channel dimension must be known but is None")
  return value
