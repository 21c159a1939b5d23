"""tf.Graph (re-exported by ops.py): op creation, naming, stacks of contexts, collections."""

import contextlib
import re
import threading

from tensorflow.core.framework import attr_value_pb2
from tensorflow.core.framework import graph_pb2
from tensorflow.core.framework import node_def_pb2
from tensorflow.core.framework import versions_pb2
from tensorflow.python.framework import device as pydev
from tensorflow.python.framework import dtypes
from tensorflow.python.framework import ops
from tensorflow.python.util import compat
from tensorflow.python.util.tf_export import tf_export
from tfclassic import _native

# TF 1.15's GraphDef version range, written into GraphDefs we produce.
GRAPH_DEF_VERSION = 134
GRAPH_DEF_VERSION_MIN_CONSUMER = 0
GRAPH_DEF_VERSION_MIN_PRODUCER = 0

__all__ = ["Graph", "name_from_scope_name"]


def name_from_scope_name(name):
  return name[:-1] if (name and name[-1] == "/") else name


class _UserDeviceSpec(object):
  """One entry of the device stack: a device string (merged) or a device function."""

  def __init__(self, device_name_or_function):
    self._device_name_or_function = device_name_or_function
    self.display_name = str(device_name_or_function)
    self.function = device_name_or_function
    self.raw_string = None
    if isinstance(device_name_or_function, pydev.MergeDevice):
      self.is_null_merge = device_name_or_function.is_null_merge
    elif callable(device_name_or_function):
      self.is_null_merge = False
    elif device_name_or_function is None:
      self.is_null_merge = False
    else:
      self.raw_string = device_name_or_function
      self.function = pydev.merge_device(device_name_or_function)
      self.is_null_merge = self.function.is_null_merge
    self.fast_string_merge = isinstance(self.function, pydev.MergeDevice)

  def string_merge(self, node_def):
    if self.fast_string_merge:
      return self.function.shortcut_string_merge(node_def)
    result = self.function(node_def)
    if result is None:
      return ""
    if isinstance(result, pydev.DeviceSpec):
      return result.to_string()
    return compat.as_str(result)


class _ControlDependenciesController(object):
  """Context manager for Graph.control_dependencies; remembers ops created inside it."""

  def __init__(self, graph, control_inputs):
    self._graph = graph
    if control_inputs is None:
      self._control_inputs_val = []
      self._new_stack = True
    else:
      self._control_inputs_val = control_inputs
      self._new_stack = False
    self._seen_nodes = set()
    self._old_stack = None
    self._old_control_flow_context = None

  def __enter__(self):
    if self._new_stack:
      self._old_stack = self._graph._control_dependencies_stack
      self._graph._control_dependencies_stack = []
      self._old_control_flow_context = self._graph._get_control_flow_context()
      self._graph._set_control_flow_context(None)
    self._graph._push_control_dependencies_controller(self)

  def __exit__(self, unused_type, unused_value, unused_traceback):
    self._graph._pop_control_dependencies_controller(self)
    if self._new_stack:
      self._graph._control_dependencies_stack = self._old_stack
      self._graph._set_control_flow_context(self._old_control_flow_context)

  @property
  def control_inputs(self):
    return self._control_inputs_val

  def add_op(self, op):
    self._seen_nodes.add(op)

  def op_in_group(self, op):
    return op in self._seen_nodes


class _ThreadStacks(threading.local):

  def __init__(self, graph):
    super(_ThreadStacks, self).__init__()
    self.name_stack = graph._graph_name_stack
    self.device_function_stack = list(graph._graph_device_function_stack)
    self.colocation_stack = list(graph._graph_colocation_stack)
    self.control_dependencies_stack = list(graph._graph_control_dependencies_stack)


@tf_export("Graph")
class Graph(object):
  """A TensorFlow computation, as a dataflow graph of Operations and Tensors."""

  def __init__(self):
    self._lock = threading.RLock()
    self._nodes_by_id = {}
    self._nodes_by_name = {}
    self._next_id_counter = 0
    self._version = 0
    self._names_in_use = {}
    self._stack_state_is_thread_local = False
    self._thread_local = None
    self._graph_name_stack = ""
    self._graph_device_function_stack = []
    self._graph_colocation_stack = []
    self._graph_control_dependencies_stack = []
    self._default_original_op = None
    self._control_flow_context = None
    self._collections = {}
    self._seed = None
    self._attr_scope_map = {}
    self._op_to_kernel_label_map = {}
    self._gradient_override_map = {}
    self._finalized = False
    self._functions = {}
    self._graph_def_versions = versions_pb2.VersionDef(
        producer=GRAPH_DEF_VERSION, min_consumer=GRAPH_DEF_VERSION_MIN_CONSUMER)
    self._building_function = False
    self._container = ""
    self._unfeedable_tensors = set()
    self._unfetchable_ops = set()
    self._handle_feeders = {}
    self._handle_readers = {}
    self._handle_movers = {}
    self._handle_deleters = {}
    # Variable creators pushed by tf.variable_creator_scope, innermost last.
    self._variable_creator_stack = []
    self._c_graph = _native.Graph()

  # ---- thread-local or shared stacks ------------------------------------------------------
  def switch_to_thread_local(self):
    if not self._stack_state_is_thread_local:
      self._stack_state_is_thread_local = True
      self._thread_local = _ThreadStacks(self)

  def _stack_get(self, attr):
    if self._stack_state_is_thread_local:
      return getattr(self._thread_local, attr)
    return getattr(self, "_graph_" + attr)

  def _stack_set(self, attr, value):
    if self._stack_state_is_thread_local:
      setattr(self._thread_local, attr, value)
    else:
      setattr(self, "_graph_" + attr, value)

  _name_stack = property(lambda self: self._stack_get("name_stack"),
                         lambda self, v: self._stack_set("name_stack", v))
  _device_function_stack = property(lambda self: self._stack_get("device_function_stack"),
                                    lambda self, v: self._stack_set("device_function_stack", v))
  _colocation_stack = property(lambda self: self._stack_get("colocation_stack"),
                               lambda self, v: self._stack_set("colocation_stack", v))
  _control_dependencies_stack = property(
      lambda self: self._stack_get("control_dependencies_stack"),
      lambda self, v: self._stack_set("control_dependencies_stack", v))

  # ---- bookkeeping ------------------------------------------------------------------------
  def _check_not_finalized(self):
    if self._finalized:
      raise RuntimeError("Graph is finalized and cannot be modified.")

  def _next_id(self):
    self._check_not_finalized()
    with self._lock:
      self._next_id_counter += 1
      return self._next_id_counter

  @property
  def _last_id(self):
    return self._next_id_counter

  def _add_op(self, op):
    self._check_not_finalized()
    if not isinstance(op, ops.Operation):
      raise TypeError("op must be a tf.Operation: %s" % op)
    with self._lock:
      if op._id in self._nodes_by_id:
        raise ValueError("cannot add an op with id %d as it already exists in the graph" %
                         op._id)
      if op.name in self._nodes_by_name:
        raise ValueError("cannot add op with name %s as that name is already used" % op.name)
      self._nodes_by_id[op._id] = op
      self._nodes_by_name[op.name] = op
      self._version = max(self._version, op._id)

  @property
  def version(self):
    return self._version

  @property
  def graph_def_versions(self):
    return self._graph_def_versions

  @property
  def seed(self):
    return self._seed

  @seed.setter
  def seed(self, seed):
    self._seed = seed

  @property
  def finalized(self):
    return self._finalized

  def finalize(self):
    self._finalized = True

  def _unsafe_unfinalize(self):
    self._finalized = False

  @property
  def building_function(self):
    return self._building_function

  def _get_control_flow_context(self):
    return self._control_flow_context

  def _set_control_flow_context(self, ctx):
    self._control_flow_context = ctx

  def _get_op_def(self, op_type):
    from tensorflow.python.framework import op_def_library  # pylint: disable=g-import-not-at-top
    return op_def_library.get_op_def(op_type)

  def as_default(self):
    return _default_graph_stack.get_controller(self)

  # ---- serialization ----------------------------------------------------------------------
  def _as_graph_def(self, from_version=None, add_shapes=False):
    graph = graph_pb2.GraphDef()
    graph.ParseFromString(self._c_graph.to_graph_def(add_shapes))
    # TF serializes each node's control inputs sorted by name (after its data inputs).
    for node in graph.node:
      controls = [i for i in node.input if i.startswith("^")]
      if len(controls) > 1:
        data = [i for i in node.input if not i.startswith("^")]
        del node.input[:]
        node.input.extend(data + sorted(controls))
    if from_version is not None:
      keep = [n for n in graph.node
              if n.name in self._nodes_by_name and
              self._nodes_by_name[n.name]._id > from_version]
      del graph.node[:]
      graph.node.extend(keep)
    return graph, self._version

  def as_graph_def(self, from_version=None, add_shapes=False):
    result, _ = self._as_graph_def(from_version, add_shapes)
    return result

  # ---- op creation ------------------------------------------------------------------------
  def create_op(self, op_type, inputs, dtypes=None, input_types=None, name=None,  # pylint: disable=redefined-outer-name
                attrs=None, op_def=None, compute_shapes=True, compute_device=True):
    del dtypes, compute_shapes  # Output types and shapes come from the native graph.
    self._check_not_finalized()
    inputs = list(inputs)
    for idx, a in enumerate(inputs):
      if not isinstance(a, ops.Tensor):
        raise TypeError("Input #%d is not a tensor: %s" % (idx, a))
      if a.graph is not self:
        raise ValueError("Tensor %s must be from the same graph as the op being created "
                         "(%r)." % (a, name or op_type))
    if name is None:
      name = op_type
    if name and name[-1] == "/":
      name = name_from_scope_name(name)
    else:
      name = self.unique_name(name)

    node_def = node_def_pb2.NodeDef(name=name, op=op_type)
    if attrs:
      for k, v in attrs.items():
        node_def.attr[k].CopyFrom(v)
    for key, value in self._attr_scope_map.items():
      if value is not None and key not in node_def.attr:
        node_def.attr[key].CopyFrom(value)
    if op_type in self._op_to_kernel_label_map:
      node_def.attr["_kernel"].CopyFrom(
          attr_value_pb2.AttrValue(s=compat.as_bytes(self._op_to_kernel_label_map[op_type])))
    if op_type in self._gradient_override_map:
      node_def.attr["_gradient_op_type"].CopyFrom(
          attr_value_pb2.AttrValue(s=compat.as_bytes(self._gradient_override_map[op_type])))

    control_inputs = self._control_dependencies_for_inputs([t.op for t in inputs])
    with self._lock:
      op = ops.Operation(node_def, self, inputs=inputs, control_inputs=control_inputs,
                         input_types=input_types, original_op=self._default_original_op,
                         op_def=op_def, _defer_add=True)
      self._apply_device_and_colocation(op, compute_device)
      if self._container and op_def is not None and op_def.is_stateful:
        if "container" in [a.name for a in op_def.attr]:
          cur = node_def.attr.get("container")
          if cur is None or not cur.s:
            node_def.attr["container"].CopyFrom(
                attr_value_pb2.AttrValue(s=compat.as_bytes(self._container)))
      op._add_to_native()
      self._add_op(op)
    if op._control_flow_context is not None:
      # Inside a cond branch: external inputs are rerouted through Switches (TF's
      # _control_flow_post_processing).
      op._control_flow_context.AddOp(op)
    self._record_op_seen_by_control_dependencies(op)
    return op

  def _create_op_internal(self, *args, **kwargs):
    return self.create_op(*args, **kwargs)

  def _apply_device_and_colocation(self, op, compute_device):
    if compute_device:
      self._apply_device_functions(op)
    colocation_stack = self._colocation_stack
    if colocation_stack:
      groups = []
      for colocation_op in reversed(colocation_stack):
        groups.extend(colocation_op.colocation_groups())
        if colocation_op.device:
          if op.device and (pydev.canonical_name(op.device) !=
                            pydev.canonical_name(colocation_op.device)):
            pass  # TF logs a warning and lets placement resolve it.
          else:
            op._set_device(colocation_op.device)
      groups = sorted(set(groups))
      op._set_attr("_class", attr_value_pb2.AttrValue(
          list=attr_value_pb2.AttrValue.ListValue(s=groups)))

  def _apply_device_functions(self, op):
    prior = None
    for spec in reversed(self._device_function_stack):
      if spec.is_null_merge:
        continue
      if spec.function is None:
        break
      device_string = spec.string_merge(op)
      if device_string is not prior:
        op._set_device_from_string(device_string)
        prior = device_string

  def _record_op_seen_by_control_dependencies(self, op):
    for controller in self._control_dependencies_stack:
      controller.add_op(op)

  # ---- lookups ----------------------------------------------------------------------------
  def as_graph_element(self, obj, allow_tensor=True, allow_operation=True):
    if self._finalized:
      return self._as_graph_element_locked(obj, allow_tensor, allow_operation)
    with self._lock:
      return self._as_graph_element_locked(obj, allow_tensor, allow_operation)

  def _as_graph_element_locked(self, obj, allow_tensor, allow_operation):
    if allow_tensor and allow_operation:
      types_str = "Tensor or Operation"
    elif allow_tensor:
      types_str = "Tensor"
    elif allow_operation:
      types_str = "Operation"
    else:
      raise ValueError("allow_tensor and allow_operation can't both be False.")
    converted = _as_graph_element(obj)
    if converted is not None:
      obj = converted
    if isinstance(obj, (bytes, str)):
      name = compat.as_str(obj)
      if ":" in name:
        if not allow_tensor:
          raise ValueError("Name %s appears to refer to a Tensor, not a %s." %
                           (repr(name), types_str))
        try:
          op_name, out_n = name.split(":")
          out_n = int(out_n)
        except ValueError:
          raise ValueError("The name %s looks a like a Tensor name, but is not a valid one. "
                           "Tensor names must be of the form \"<op_name>:<output_index>\"." %
                           repr(name))
        op = self._nodes_by_name.get(op_name)
        if op is None:
          raise KeyError("The name %s refers to a Tensor which does not exist. The "
                         "operation, %s, does not exist in the graph." %
                         (repr(name), repr(op_name)))
        if 0 <= out_n < len(op.outputs):
          return op.outputs[out_n]
        raise KeyError("The name %s refers to a Tensor which does not exist. The "
                       "operation, %s, exists but only has %s outputs." %
                       (repr(name), repr(op_name), len(op.outputs)))
      if allow_operation:
        op = self._nodes_by_name.get(name)
        if op is None:
          raise KeyError("The name %s refers to an Operation not in the graph." % repr(name))
        return op
      if name in self._nodes_by_name:
        msg = "The name %s refers to an Operation, not a %s." % (repr(name), types_str)
      else:
        msg = ("The name %s looks like an (invalid) Operation name, not a %s." %
               (repr(name), types_str))
      raise ValueError(msg + " Tensor names must be of the form \"<op_name>:<output_index>\".")
    if isinstance(obj, ops.Tensor) and allow_tensor:
      if obj.graph is not self:
        raise ValueError("Tensor %s is not an element of this graph." % obj)
      return obj
    if isinstance(obj, ops.Operation) and allow_operation:
      if obj.graph is not self:
        raise ValueError("Operation %s is not an element of this graph." % obj)
      return obj
    raise TypeError("Can not convert a %s into a %s." % (type(obj).__name__, types_str))

  def get_operations(self):
    if self._finalized:
      return list(self._nodes_by_id.values())
    with self._lock:
      return list(self._nodes_by_id.values())

  def get_operation_by_name(self, name):
    if not isinstance(name, str):
      raise TypeError("Operation names are strings (or similar), not %s." %
                      type(name).__name__)
    return self.as_graph_element(name, allow_tensor=False, allow_operation=True)

  def _get_operation_by_name_unsafe(self, name):
    return self._nodes_by_name[name]

  def _get_operation_by_tf_operation(self, op):
    return op

  def get_tensor_by_name(self, name):
    if not isinstance(name, str):
      raise TypeError("Tensor names are strings (or similar), not %s." % type(name).__name__)
    return self.as_graph_element(name, allow_tensor=True, allow_operation=False)

  def _get_tensor_by_tf_output(self, tf_output):
    return tf_output

  # ---- collections ------------------------------------------------------------------------
  def add_to_collection(self, name, value):
    self._check_not_finalized()
    with self._lock:
      if name not in self._collections:
        self._collections[name] = [value]
      else:
        self._collections[name].append(value)

  def add_to_collections(self, names, value):
    names = (names,) if isinstance(names, (bytes, str)) else set(names)
    for name in names:
      self.add_to_collection(name, value)

  def get_collection_ref(self, name):
    with self._lock:
      coll_list = self._collections.get(name, None)
      if coll_list is None:
        coll_list = []
        self._collections[name] = coll_list
      return coll_list

  def get_collection(self, name, scope=None):
    with self._lock:
      collection = self._collections.get(name, None)
      if collection is None:
        return []
      if scope is None:
        return list(collection)
      result = []
      regex = re.compile(scope)
      for item in collection:
        try:
          if regex.match(item.name):
            result.append(item)
        except AttributeError:
          pass  # Items without a name never match a scope.
      return result

  def get_all_collection_keys(self):
    with self._lock:
      return [x for x in self._collections if isinstance(x, (bytes, str))]

  def clear_collection(self, name):
    self._check_not_finalized()
    with self._lock:
      if name in self._collections:
        del self._collections[name]

  @property
  def collections(self):
    return self.get_all_collection_keys()

  # ---- naming -----------------------------------------------------------------------------
  @contextlib.contextmanager
  def name_scope(self, name):
    if name:
      if isinstance(name, bytes):
        name = compat.as_str(name)
      regex = _VALID_SCOPE if self._name_stack else _VALID_OP
      if not regex.match(name):
        raise ValueError("'%s' is not a valid scope name" % name)
    old_stack = self._name_stack
    if not name:
      new_stack = ""
    elif name[-1] == "/":
      new_stack = name_from_scope_name(name)
    else:
      new_stack = self.unique_name(name)
    self._name_stack = new_stack
    try:
      yield "" if not new_stack else new_stack + "/"
    finally:
      self._name_stack = old_stack

  def get_name_scope(self):
    return self._name_stack

  def unique_name(self, name, mark_as_used=True):
    """`name` under the current scope, suffixed _1, _2... if used (case-insensitively)."""
    if self._name_stack:
      name = self._name_stack + "/" + name
    key = name.lower()
    count = self._names_in_use.get(key, 0)
    if mark_as_used:
      self._names_in_use[key] = count + 1
    if count > 0:
      base_key = key
      while key in self._names_in_use:
        key = "%s_%d" % (base_key, count)
        count += 1
      if mark_as_used:
        self._names_in_use[key] = 1
      name = "%s_%d" % (name, count - 1)
    return name

  # ---- contexts ---------------------------------------------------------------------------
  @contextlib.contextmanager
  def _original_op(self, op):
    old = self._default_original_op
    self._default_original_op = op
    try:
      yield
    finally:
      self._default_original_op = old

  @contextlib.contextmanager
  def colocate_with(self, op, ignore_existing=False):
    if op is None and not ignore_existing:
      raise ValueError("Trying to reset colocation (op is None) but "
                       "ignore_existing is not True")
    op = ops._op_to_colocate_with(op, self)
    # Inside a colocation block the outer device stack no longer applies.
    saved_devices = self._device_function_stack
    self._device_function_stack = []
    saved_colocation = None
    if ignore_existing:
      saved_colocation = self._colocation_stack
      self._colocation_stack = []
    if op is not None:
      self._colocation_stack = self._colocation_stack + [op]
    try:
      yield
    finally:
      self._device_function_stack = saved_devices
      if op is not None:
        self._colocation_stack = self._colocation_stack[:-1]
      if ignore_existing:
        self._colocation_stack = saved_colocation

  def _colocate_with_for_gradient(self, op, gradient_uid, ignore_existing=False):
    del gradient_uid
    return self.colocate_with(op, ignore_existing)

  @contextlib.contextmanager
  def device(self, device_name_or_function):
    if isinstance(device_name_or_function, pydev.DeviceSpec):
      device_name_or_function = device_name_or_function.to_string()
    elif (device_name_or_function is not None and
          not isinstance(device_name_or_function, (str, bytes)) and
          not callable(device_name_or_function)):
      raise TypeError("device_name_or_function must be a string, a DeviceSpec, a function "
                      "or None, got %r" % (device_name_or_function,))
    if isinstance(device_name_or_function, bytes):
      device_name_or_function = compat.as_str(device_name_or_function)
    spec = _UserDeviceSpec(device_name_or_function)
    old = self._device_function_stack
    self._device_function_stack = old + [spec]
    try:
      yield
    finally:
      self._device_function_stack = old

  @contextlib.contextmanager
  def container(self, container_name):
    original = self._container
    self._container = container_name
    try:
      yield self._container
    finally:
      self._container = original

  def _push_control_dependencies_controller(self, controller):
    self._control_dependencies_stack.append(controller)

  def _pop_control_dependencies_controller(self, controller):
    assert self._control_dependencies_stack[-1] is controller
    self._control_dependencies_stack.pop()

  def _current_control_dependencies(self):
    ret = set()
    for controller in self._control_dependencies_stack:
      for op in controller.control_inputs:
        ret.add(op)
    return ret

  def _control_dependencies_for_inputs(self, input_ops):
    """Control inputs for a new op: those of each active controller, unless one of the
    op's inputs was itself created inside that controller (it already depends on them)."""
    ret = []
    for controller in self._control_dependencies_stack:
      if any(controller.op_in_group(op) for op in input_ops):
        continue
      for c in controller.control_inputs:
        if c not in input_ops and c not in ret:
          ret.append(c)
    return ret

  def control_dependencies(self, control_inputs):
    if control_inputs is None:
      return _ControlDependenciesController(self, None)
    control_ops = []
    current = self._current_control_dependencies()
    for c in control_inputs:
      if isinstance(c, ops.IndexedSlices):
        c = c.op
      c = self.as_graph_element(c)
      if isinstance(c, ops.Tensor):
        c = c.op
      elif not isinstance(c, ops.Operation):
        raise TypeError("Control input must be Operation or Tensor: %s" % c)
      if c not in current:
        control_ops.append(c)
        current.add(c)
    return _ControlDependenciesController(self, control_ops)

  @contextlib.contextmanager
  def _attr_scope(self, attr_map):
    if not isinstance(attr_map, dict):
      raise TypeError("attr_map must be a dictionary mapping strings to AttrValue protocol "
                      "buffers")
    saved = {}
    for name, attr in attr_map.items():
      if not (isinstance(name, str) and
              (isinstance(attr, (type(None), attr_value_pb2.AttrValue)) or callable(attr))):
        raise TypeError("attr_map must be a dictionary mapping strings to AttrValue "
                        "protocol buffers or callables that emit AttrValue protocol buffers")
      saved[name] = self._attr_scope_map.get(name)
      self._attr_scope_map[name] = attr
    try:
      yield
    finally:
      for name in attr_map:
        if saved[name] is None:
          self._attr_scope_map.pop(name, None)
        else:
          self._attr_scope_map[name] = saved[name]

  @contextlib.contextmanager
  def _variable_creator_scope(self, creator, priority=100):
    del priority
    old = self._variable_creator_stack
    self._variable_creator_stack = old + [creator]
    try:
      yield
    finally:
      self._variable_creator_stack = old

  @contextlib.contextmanager
  def gradient_override_map(self, op_type_map):
    if not isinstance(op_type_map, dict):
      raise TypeError("op_type_map must be a dictionary mapping strings to strings")
    saved = {}
    for op_type, mapped in op_type_map.items():
      if not (isinstance(op_type, str) and isinstance(mapped, str)):
        raise TypeError("op_type_map must be a dictionary mapping strings to strings")
      saved[op_type] = self._gradient_override_map.get(op_type)
      self._gradient_override_map[op_type] = mapped
    try:
      yield
    finally:
      for op_type in op_type_map:
        if saved[op_type] is None:
          del self._gradient_override_map[op_type]
        else:
          self._gradient_override_map[op_type] = saved[op_type]

  # ---- feeding / fetching -----------------------------------------------------------------
  def prevent_feeding(self, tensor):
    self._unfeedable_tensors.add(tensor)

  def is_feedable(self, tensor):
    return tensor not in self._unfeedable_tensors

  def prevent_fetching(self, op):
    self._unfetchable_ops.add(op)

  def is_fetchable(self, tensor_or_op):
    if isinstance(tensor_or_op, ops.Tensor):
      return tensor_or_op.op not in self._unfetchable_ops
    return tensor_or_op not in self._unfetchable_ops


_VALID_OP = ops._VALID_OP_NAME_REGEX
_VALID_SCOPE = ops._VALID_SCOPE_NAME_REGEX


def _kernel_label_map_impl(self, op_to_kernel_label_map):
  if not isinstance(op_to_kernel_label_map, dict):
    raise TypeError("op_to_kernel_label_map must be a dictionary mapping strings to strings")
  saved = {}
  for op_type, label in op_to_kernel_label_map.items():
    if not (isinstance(op_type, str) and isinstance(label, str)):
      raise TypeError("op_to_kernel_label_map must be a dictionary mapping strings to strings")
    saved[op_type] = self._op_to_kernel_label_map.get(op_type)
    self._op_to_kernel_label_map[op_type] = label
  try:
    yield
  finally:
    for op_type in op_to_kernel_label_map:
      if saved[op_type] is None:
        del self._op_to_kernel_label_map[op_type]
      else:
        self._op_to_kernel_label_map[op_type] = saved[op_type]


Graph._kernel_label_map = contextlib.contextmanager(_kernel_label_map_impl)


class _DefaultGraphStack(ops._DefaultStack):
  """Per-thread stack of default graphs over one process-wide global default graph."""

  _global_default_graph = None
  _global_lock = threading.Lock()

  def get_default(self):
    if self.stack:
      return self.stack[-1]
    return self._get_global()

  def _get_global(self):
    cls = _DefaultGraphStack
    if cls._global_default_graph is None:
      with cls._global_lock:
        if cls._global_default_graph is None:
          cls._global_default_graph = Graph()
    return cls._global_default_graph

  def reset(self):
    super(_DefaultGraphStack, self).reset()
    _DefaultGraphStack._global_default_graph = None


_default_graph_stack = _DefaultGraphStack()


def _as_graph_element(obj):
  conv_fn = getattr(obj, "_as_graph_element", None)
  if conv_fn and callable(conv_fn):
    return conv_fn()
  return None


def _assert_same_graph(original_item, item):
  if original_item.graph is not item.graph:
    raise ValueError("%s must be from the same graph as %s." % (item, original_item))


def _get_graph_from_inputs(op_input_list, graph=None):
  if graph is not None and not isinstance(graph, Graph):
    raise TypeError("Input graph needs to be a Graph: %s" % graph)
  original = None
  for op_input in op_input_list:
    if isinstance(op_input, (ops.Operation, ops._TensorLike)):
      element = op_input
    else:
      element = _as_graph_element(op_input)
    if element is None:
      continue
    if graph is None:
      original = element
      graph = element.graph
    elif original is not None:
      _assert_same_graph(original, element)
    elif element.graph is not graph:
      raise ValueError("%s is not from the passed-in graph." % element)
  return graph or _default_graph_stack.get_default()


tf_export("GraphDef")(graph_pb2.GraphDef)
tf_export("NodeDef")(node_def_pb2.NodeDef)
tf_export("AttrValue")(attr_value_pb2.AttrValue)
tf_export("NameAttrList")(attr_value_pb2.NameAttrList)
