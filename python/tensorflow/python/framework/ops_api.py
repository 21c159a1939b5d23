"""Module-level graph API (re-exported by ops.py): default graph, scopes, conversion."""

import re

from tensorflow.python.framework import dtypes
from tensorflow.python.framework import ops
from tensorflow.python.framework import registry
from tensorflow.python.framework import tensor_conversion_registry
from tensorflow.python.framework.graph import _default_graph_stack
from tensorflow.python.framework.graph import _get_graph_from_inputs
from tensorflow.python.util import compat
from tensorflow.python.util.tf_export import tf_export

__all__ = [
    "get_default_graph", "reset_default_graph", "name_scope", "op_scope", "get_name_scope",
    "control_dependencies", "device", "colocate_with", "container", "add_to_collection",
    "add_to_collections", "get_collection", "get_collection_ref", "get_all_collection_keys",
    "GraphKeys", "convert_to_tensor", "internal_convert_to_tensor", "convert_n_to_tensor",
    "internal_convert_n_to_tensor", "convert_to_tensor_or_indexed_slices",
    "internal_convert_to_tensor_or_indexed_slices", "register_tensor_conversion_function",
    "RegisterGradient", "NotDifferentiable", "NoGradient", "get_gradient_function",
    "RegisterShape", "executing_eagerly", "executing_eagerly_outside_functions",
    "inside_function", "init_scope", "enable_eager_execution", "disable_eager_execution",
    "prepend_name_scope", "strip_name_scope", "IndexedSlices", "IndexedSlicesValue",
    "get_stats_for_node_def", "device_v2", "name_scope_v1", "register_proto_function",
    "get_collection_proto_type", "get_to_proto_function", "get_from_proto_function",
]

from tensorflow.python.framework.indexed_slices import IndexedSlices  # pylint: disable=g-import-not-at-top,wrong-import-position
from tensorflow.python.framework.indexed_slices import IndexedSlicesValue  # pylint: disable=g-import-not-at-top,wrong-import-position

register_tensor_conversion_function = (
    tensor_conversion_registry.register_tensor_conversion_function)


@tf_export("get_default_graph")
def get_default_graph():
  return _default_graph_stack.get_default()


@tf_export("reset_default_graph")
def reset_default_graph():
  if not _default_graph_stack.is_cleared():
    raise AssertionError("Do not use tf.reset_default_graph() to clear "
                         "nested graphs. If you need a cleared graph, "
                         "exit the nesting and create a new graph.")
  _default_graph_stack.reset()


def get_name_scope():
  return get_default_graph().get_name_scope()


@tf_export("name_scope")
class name_scope(object):  # pylint: disable=invalid-name
  """TF 1.x name_scope(name, default_name=None, values=None)."""

  @property
  def name(self):
    return self._name

  def __init__(self, name, default_name=None, values=None):
    self._name = default_name if name is None else name
    self._default_name = default_name
    self._values = values
    self._name_scope = None
    self._g_manager = None

  def __enter__(self):
    if self._name is None and self._values is not None:
      raise ValueError("At least one of name (%s) and default_name (%s) must be provided."
                       % (self._name, self._default_name))
    if self._values is None:
      self._values = []
    g = _get_graph_from_inputs(self._values)
    if g is not get_default_graph():
      self._g_manager = g.as_default()
      self._g_manager.__enter__()
    try:
      self._name_scope = g.name_scope(self._name)
      return self._name_scope.__enter__()
    except:
      if self._g_manager is not None:
        self._g_manager.__exit__(None, None, None)
      raise

  def __exit__(self, type_arg, value_arg, traceback_arg):
    self._name_scope.__exit__(type_arg, value_arg, traceback_arg)
    if self._g_manager is not None:
      self._g_manager.__exit__(type_arg, value_arg, traceback_arg)
    return False


name_scope_v1 = name_scope


@tf_export("op_scope")
def op_scope(values, name, default_name=None):
  return name_scope(name, default_name=default_name, values=values)


@tf_export("control_dependencies")
def control_dependencies(control_inputs):
  return get_default_graph().control_dependencies(control_inputs)


@tf_export("device")
def device(device_name_or_function):
  return get_default_graph().device(device_name_or_function)


def device_v2(device_name):
  if callable(device_name):
    raise RuntimeError("tf.device does not support functions.")
  return device(device_name)


@tf_export("colocate_with")
def colocate_with(op, ignore_existing=False):
  return get_default_graph().colocate_with(op, ignore_existing)


@tf_export("container")
def container(container_name):
  return get_default_graph().container(container_name)


def _op_to_colocate_with(v, graph):
  del graph
  if v is None:
    return None
  if isinstance(v, ops.Operation):
    return v
  # A resource variable colocates through its handle-creating op (VarHandleOp), as in TF.
  handle = getattr(v, "handle", None)
  if isinstance(getattr(handle, "op", None), ops.Operation):
    return handle.op
  element = getattr(v, "_as_graph_element", None)
  if element is not None and callable(element):
    converted = element()
    if isinstance(converted, ops.Operation):
      return converted
    if isinstance(converted, ops.Tensor):
      return converted.op
  return internal_convert_to_tensor_or_indexed_slices(v, as_ref=True).op


# ---- collections ----------------------------------------------------------------------------
@tf_export("add_to_collection")
def add_to_collection(name, value):
  get_default_graph().add_to_collection(name, value)


@tf_export("add_to_collections")
def add_to_collections(names, value):
  get_default_graph().add_to_collections(names, value)


@tf_export("get_collection_ref")
def get_collection_ref(key):
  return get_default_graph().get_collection_ref(key)


@tf_export("get_collection")
def get_collection(key, scope=None):
  return get_default_graph().get_collection(key, scope)


def get_all_collection_keys():
  return get_default_graph().get_all_collection_keys()


@tf_export("GraphKeys")
class GraphKeys(object):
  """Standard collection names."""

  GLOBAL_VARIABLES = "variables"
  LOCAL_VARIABLES = "local_variables"
  METRIC_VARIABLES = "metric_variables"
  MODEL_VARIABLES = "model_variables"
  TRAINABLE_VARIABLES = "trainable_variables"
  SUMMARIES = "summaries"
  QUEUE_RUNNERS = "queue_runners"
  TABLE_INITIALIZERS = "table_initializer"
  ASSET_FILEPATHS = "asset_filepaths"
  MOVING_AVERAGE_VARIABLES = "moving_average_variables"
  REGULARIZATION_LOSSES = "regularization_losses"
  CONCATENATED_VARIABLES = "concatenated_variables"
  SAVERS = "savers"
  WEIGHTS = "weights"
  BIASES = "biases"
  ACTIVATIONS = "activations"
  UPDATE_OPS = "update_ops"
  LOSSES = "losses"
  SAVEABLE_OBJECTS = "saveable_objects"
  RESOURCES = "resources"
  LOCAL_RESOURCES = "local_resources"
  TRAINABLE_RESOURCE_VARIABLES = "trainable_resource_variables"
  INIT_OP = "init_op"
  LOCAL_INIT_OP = "local_init_op"
  READY_OP = "ready_op"
  READY_FOR_LOCAL_INIT_OP = "ready_for_local_init_op"
  SUMMARY_OP = "summary_op"
  GLOBAL_STEP = "global_step"
  EVAL_STEP = "eval_step"
  TRAIN_OP = "train_op"
  COND_CONTEXT = "cond_context"
  WHILE_CONTEXT = "while_context"
  _SUMMARY_COLLECTION = "_SUMMARY_V2"
  _VARIABLE_COLLECTIONS = [
      GLOBAL_VARIABLES, LOCAL_VARIABLES, METRIC_VARIABLES, MODEL_VARIABLES,
      TRAINABLE_VARIABLES, MOVING_AVERAGE_VARIABLES, CONCATENATED_VARIABLES,
      TRAINABLE_RESOURCE_VARIABLES,
  ]
  _STREAMING_MODEL_PORTS = "streaming_model_ports"
  VARIABLES = GLOBAL_VARIABLES  # Deprecated alias kept by TF 1.x.


# ---- conversion -----------------------------------------------------------------------------
def _error_prefix(name):
  return "" if name is None else "%s: " % name


def internal_convert_to_tensor(value, dtype=None, name=None, as_ref=False,
                               preferred_dtype=None, ctx=None,
                               accepted_result_types=(ops.Tensor,)):
  """convert_to_tensor with `as_ref` (ref tensors of variables) and the result types."""
  del ctx
  if isinstance(value, ops.Tensor):
    if dtype is not None:
      dtype = dtypes.as_dtype(dtype)
      if not dtype.is_compatible_with(value.dtype):
        raise ValueError("Tensor conversion requested dtype %s for Tensor with dtype %s: %r"
                         % (dtype.name, value.dtype.name, str(value)))
    return value
  if dtype is not None:
    dtype = dtypes.as_dtype(dtype)
  if preferred_dtype is not None:
    preferred_dtype = dtypes.as_dtype(preferred_dtype)
  for base_type, conversion_func in tensor_conversion_registry.get(type(value)):
    ret = None
    if dtype is None and preferred_dtype is not None:
      try:
        ret = conversion_func(value, dtype=preferred_dtype, name=name, as_ref=as_ref)
      except (TypeError, ValueError):
        ret = None  # Fall back to the unconstrained conversion.
      else:
        if (ret is not NotImplemented and
            ret.dtype.base_dtype != preferred_dtype.base_dtype):
          raise TypeError("convert_to_tensor did not convert to the preferred dtype: %s vs %s "
                          % (ret.dtype.base_dtype, preferred_dtype.base_dtype))
    if ret is None:
      ret = conversion_func(value, dtype=dtype, name=name, as_ref=as_ref)
    if ret is NotImplemented:
      continue
    if not isinstance(ret, accepted_result_types):
      raise RuntimeError("%sConversion function %r for type %s returned non-Tensor: %r" %
                         (_error_prefix(name), conversion_func, base_type, ret))
    if dtype and not dtype.is_compatible_with(ret.dtype):
      raise RuntimeError("%sConversion function %r for type %s returned incompatible dtype: "
                         "requested = %s, actual = %s" %
                         (_error_prefix(name), conversion_func, base_type, dtype.name,
                          ret.dtype.name))
    return ret
  raise TypeError("%sCannot convert %r with type %s to Tensor: no conversion function "
                  "registered." % (_error_prefix(name), value, type(value)))


@tf_export("convert_to_tensor")
def convert_to_tensor(value, dtype=None, name=None, preferred_dtype=None, dtype_hint=None):
  if preferred_dtype is None:
    preferred_dtype = dtype_hint
  return internal_convert_to_tensor(value=value, dtype=dtype, name=name,
                                    preferred_dtype=preferred_dtype, as_ref=False)


def internal_convert_n_to_tensor(values, dtype=None, name=None, as_ref=False,
                                 preferred_dtype=None, ctx=None):
  if not isinstance(values, (list, tuple)):
    raise TypeError("values must be a sequence.")
  ret = []
  for i, value in enumerate(values):
    n = None if name is None else "%s_%d" % (name, i)
    ret.append(internal_convert_to_tensor(value, dtype=dtype, name=n, as_ref=as_ref,
                                          preferred_dtype=preferred_dtype, ctx=ctx))
  return ret


def convert_n_to_tensor(values, dtype=None, name=None, preferred_dtype=None):
  return internal_convert_n_to_tensor(values=values, dtype=dtype, name=name,
                                      preferred_dtype=preferred_dtype, as_ref=False)


@tf_export("convert_to_tensor_or_indexed_slices")
def convert_to_tensor_or_indexed_slices(value, dtype=None, name=None):
  return internal_convert_to_tensor_or_indexed_slices(value=value, dtype=dtype, name=name,
                                                      as_ref=False)


def internal_convert_to_tensor_or_indexed_slices(value, dtype=None, name=None, as_ref=False):
  if isinstance(value, ops._TensorLike) and not isinstance(value, ops.Tensor):
    if dtype and not dtypes.as_dtype(dtype).is_compatible_with(value.dtype):
      raise ValueError("Tensor conversion requested dtype %s for Tensor with dtype %s: %r" %
                       (dtypes.as_dtype(dtype).name, value.dtype.name, str(value)))
    return value
  return internal_convert_to_tensor(value, dtype=dtype, name=name, as_ref=as_ref)


def internal_convert_n_to_tensor_or_indexed_slices(values, dtype=None, name=None,
                                                   as_ref=False):
  if not isinstance(values, (list, tuple)):
    raise TypeError("values must be a sequence.")
  ret = []
  for i, value in enumerate(values):
    if value is None:
      ret.append(value)
    else:
      n = None if name is None else "%s_%d" % (name, i)
      ret.append(internal_convert_to_tensor_or_indexed_slices(value, dtype=dtype, name=n,
                                                              as_ref=as_ref))
  return ret


def convert_n_to_tensor_or_indexed_slices(values, dtype=None, name=None):
  return internal_convert_n_to_tensor_or_indexed_slices(values=values, dtype=dtype,
                                                        name=name, as_ref=False)


# ---- gradients and shapes registries --------------------------------------------------------
_gradient_registry = registry.Registry("gradient")
_shape_registry = registry.Registry("shape functions")


@tf_export("RegisterGradient")
class RegisterGradient(object):
  """Decorator registering the gradient function of an op type."""

  def __init__(self, op_type):
    if not isinstance(op_type, str):
      raise TypeError("op_type must be a string")
    self._op_type = op_type

  def __call__(self, f):
    _gradient_registry.register(f, self._op_type)
    return f


@tf_export("no_gradient", "NotDifferentiable", "NoGradient")
def NotDifferentiable(op_type):  # pylint: disable=invalid-name
  if not isinstance(op_type, str):
    raise TypeError("op_type must be a string")
  _gradient_registry.register(None, op_type)


NoGradient = NotDifferentiable


def get_gradient_function(op):
  if not op.inputs:
    return None
  try:
    op_type = op.get_attr("_gradient_op_type")
    op_type = compat.as_str(op_type)
  except ValueError:
    op_type = op.type
  return _gradient_registry.lookup(op_type)


@tf_export("RegisterShape")
class RegisterShape(object):
  """Kept for API compatibility: shapes come from the C++ shape functions."""

  def __init__(self, op_type):
    if not isinstance(op_type, str):
      raise TypeError("op_type must be a string")
    self._op_type = op_type

  def __call__(self, f):
    _shape_registry.register(f, self._op_type)
    return f


def get_stats_for_node_def(graph, node, statistic_type):
  del graph, node, statistic_type
  return None


# ---- eager mode (tfclassic is graph-only) ---------------------------------------------------
@tf_export("executing_eagerly")
def executing_eagerly():
  return False


def executing_eagerly_outside_functions():
  return False


def inside_function():
  return False


@tf_export("init_scope")
class init_scope(object):  # pylint: disable=invalid-name
  """Lifts op creation out of control-flow and control-dependency contexts."""

  def __enter__(self):
    self._deps = control_dependencies(None)
    self._deps.__enter__()
    return None

  def __exit__(self, *args):
    self._deps.__exit__(*args)
    return False


@tf_export("enable_eager_execution")
def enable_eager_execution(config=None, device_policy=None, execution_mode=None):
  del config, device_policy, execution_mode
  raise NotImplementedError("tf.enable_eager_execution is not implemented in tfclassic yet")


@tf_export("disable_eager_execution")
def disable_eager_execution():
  """Graph mode is the only mode here, so this has nothing to do."""


# ---- collection (de)serializers for MetaGraphDefs ---------------------------------------------
_proto_function_registry = registry.Registry("proto functions")


def register_proto_function(collection_name, proto_type=None, to_proto=None, from_proto=None):
  """How the items of a collection become protos in a MetaGraphDef (bytes_list) and back."""
  if to_proto and not callable(to_proto):
    raise TypeError("to_proto must be callable.")
  if from_proto and not callable(from_proto):
    raise TypeError("from_proto must be callable.")
  _proto_function_registry.register((proto_type, to_proto, from_proto), collection_name)


def _proto_function(collection_name, index):
  try:
    return _proto_function_registry.lookup(collection_name)[index]
  except LookupError:
    return None


def get_collection_proto_type(collection_name):
  return _proto_function(collection_name, 0)


def get_to_proto_function(collection_name):
  return _proto_function(collection_name, 1)


def get_from_proto_function(collection_name):
  return _proto_function(collection_name, 2)


# ---- name scope rewriting (meta graph import/export) ---------------------------------------
def strip_name_scope(name, export_scope):
  if export_scope:
    if export_scope[-1] == "/":
      export_scope = export_scope[:-1]
    try:
      str_to_replace = r"([\^]|loc:@|^)" + export_scope + r"[\/]+(.*)"
      return re.sub(str_to_replace, r"\1\2", compat.as_str(name), count=1)
    except TypeError:
      return name
  return name


def prepend_name_scope(name, import_scope):
  if import_scope:
    if import_scope[-1] == "/":
      import_scope = import_scope[:-1]
    try:
      str_to_replace = r"([\^]|loc:@|^)(.*)"
      return re.sub(str_to_replace, r"\1" + import_scope + r"/\2", compat.as_str(name))
    except TypeError:
      return name
  return name


# ---- v2 behaviour switches: tfclassic always runs the 1.x behaviour -------------------------
@tf_export("disable_v2_behavior")
def disable_v2_behavior():
  """1.x behaviour is the only behaviour here."""


@tf_export("enable_v2_behavior")
def enable_v2_behavior():
  raise NotImplementedError("tf.enable_v2_behavior is not implemented in tfclassic yet")


@tf_export("disable_v2_tensorshape")
def disable_v2_tensorshape():
  """TensorShape already has 1.x semantics (Dimension objects)."""


@tf_export("disable_control_flow_v2")
def disable_control_flow_v2():
  """Control flow v1 is the only flavour here."""
