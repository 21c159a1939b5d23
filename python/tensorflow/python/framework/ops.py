"""TF 1.x graph construction: Graph, Operation, Tensor and the graph-building contexts.

The Python Graph mirrors a native `_native.Graph` (`graph._c_graph`): every op is added there
when it is created, and the native side answers with its output dtypes and inferred shapes.
"""

import collections
import contextlib
import re
import threading

from tensorflow.core.framework import attr_value_pb2
from tensorflow.core.framework import graph_pb2
from tensorflow.core.framework import node_def_pb2
from tensorflow.python.framework import device as pydev
from tensorflow.python.framework import dtypes
from tensorflow.python.framework import errors_impl
from tensorflow.python.framework import registry
from tensorflow.python.framework import tensor_conversion_registry
from tensorflow.python.framework import tensor_shape
from tensorflow.python.util import compat
from tensorflow.python.util.tf_export import tf_export
from tfclassic import _native

_VALID_OP_NAME_REGEX = re.compile(r"^[A-Za-z0-9.][A-Za-z0-9_.\-/>]*$")
_VALID_SCOPE_NAME_REGEX = re.compile(r"^[A-Za-z0-9_.\-/>]*$")

_uid_lock = threading.Lock()
_uid_counter = 0


def uid():
  global _uid_counter
  with _uid_lock:
    _uid_counter += 1
    return _uid_counter


def _status_to_exception(e, op=None):
  """Native errors at graph-building time: InvalidArgument is a ValueError, as in TF."""
  code, message = e.args[0], e.args[1]
  if code == errors_impl.INVALID_ARGUMENT:
    return ValueError(message)
  node_def = op._node_def if op is not None else None
  return errors_impl._make_specific_exception(node_def, op, message, code)


class _TensorLike(object):
  """Base for Tensor-like classes (Tensor, IndexedSlices, SparseTensor)."""


@tf_export("Tensor")
class Tensor(_TensorLike):
  """A symbolic handle to one output of an Operation."""

  OVERLOADABLE_OPERATORS = {
      "__add__", "__radd__", "__sub__", "__rsub__", "__mul__", "__rmul__", "__div__",
      "__rdiv__", "__truediv__", "__rtruediv__", "__floordiv__", "__rfloordiv__", "__mod__",
      "__rmod__", "__lt__", "__le__", "__gt__", "__ge__", "__ne__", "__eq__", "__and__",
      "__rand__", "__or__", "__ror__", "__xor__", "__rxor__", "__getitem__", "__pow__",
      "__rpow__", "__invert__", "__neg__", "__abs__", "__matmul__", "__rmatmul__",
  }

  # NumPy defers binary operators to us, so `ndarray + tensor` builds an op.
  __array_priority__ = 100

  def __init__(self, op, value_index, dtype):
    if not isinstance(op, Operation):
      raise TypeError("op needs to be an Operation: %s" % op)
    self._op = op
    self._value_index = value_index
    self._dtype = dtypes.as_dtype(dtype)
    self._shape_val = None
    self._consumers = []
    self._id = uid()
    self._name = None

  @property
  def op(self):
    return self._op

  @property
  def dtype(self):
    return self._dtype

  @property
  def graph(self):
    return self._op._graph

  @property
  def name(self):
    if self._name is None:
      self._name = "%s:%d" % (self._op.name, self._value_index)
    return self._name

  @property
  def device(self):
    return self._op.device

  @property
  def value_index(self):
    return self._value_index

  @property
  def shape(self):
    if self._shape_val is None:
      self._shape_val = tensor_shape._from_native(
          self._op._graph._c_graph.output_shape(self._op.name, self._value_index))
    return self._shape_val

  def get_shape(self):
    return self.shape

  def _shape_tuple(self):
    shape = self.shape
    if shape.dims is None:
      return None
    return tuple(shape.as_list())

  def _rank(self):
    return self.shape.ndims

  def set_shape(self, shape):
    shape = tensor_shape.as_shape(shape)
    try:
      self._op._graph._c_graph.merge_output_shape(self._op.name, self._value_index,
                                                   shape._as_native())
    except _native.StatusError as e:
      raise _status_to_exception(e) from None
    self._shape_val = self.shape.merge_with(shape)

  @property
  def _as_node_def_input(self):
    if self._value_index == 0:
      return self._op.name
    return "%s:%d" % (self._op.name, self._value_index)

  def consumers(self):
    return list(self._consumers)

  def _add_consumer(self, consumer):
    self._consumers.append(consumer)

  def __str__(self):
    return "Tensor(\"%s\"%s%s%s)" % (
        self.name,
        (", shape=%s" % self.shape) if self.shape.ndims is not None else "",
        (", dtype=%s" % self._dtype.name) if self._dtype else "",
        (", device=%s" % self.device) if self.device else "")

  def __repr__(self):
    return "<tf.Tensor '%s' shape=%s dtype=%s>" % (self.name, self.shape, self._dtype.name)

  def __hash__(self):
    return id(self)

  def __bool__(self):
    raise TypeError("Using a `tf.Tensor` as a Python `bool` is not allowed. "
                    "Use `if t is not None:` instead of `if t:` to test if a "
                    "tensor is defined, and use TensorFlow ops such as "
                    "tf.cond to execute subgraphs conditioned on the value of "
                    "a tensor.")

  __nonzero__ = __bool__

  def __iter__(self):
    # TF 1.15 graph mode: tensors are never iterable (only eager tensors are).
    raise TypeError("Tensor objects are only iterable when eager execution is "
                    "enabled. To iterate over this tensor use tf.map_fn.")

  def __array__(self, dtype=None):
    del dtype
    raise NotImplementedError(
        "Cannot convert a symbolic Tensor ({}) to a numpy array.".format(self.name))

  @classmethod
  def _override_operator(cls, operator, func):
    _override_helper(cls, operator, func)

  def eval(self, feed_dict=None, session=None):
    return _eval_using_default_session(self, feed_dict, self.graph, session)

  def experimental_ref(self):
    return self


def _override_helper(clazz_object, operator, func):
  existing = clazz_object.__dict__.get(operator)
  if existing is not None and not getattr(existing, "_tfc_overridable", False):
    if not isinstance(existing, type(object.__lt__)):
      raise ValueError("operator %s cannot be overwritten again on class %s." %
                       (operator, clazz_object))
  if operator not in Tensor.OVERLOADABLE_OPERATORS:
    raise ValueError("Overriding %s is disallowed" % operator)
  setattr(clazz_object, operator, func)


def _tensor_tensor_conversion(t, dtype=None, name=None, as_ref=False):
  del name, as_ref
  if dtype and not dtype.is_compatible_with(t.dtype):
    raise ValueError("Tensor conversion requested dtype %s for Tensor with dtype %s: %r" %
                     (dtype.name, t.dtype.name, str(t)))
  return t


tensor_conversion_registry.register_tensor_conversion_function(
    Tensor, _tensor_tensor_conversion, 0)


@tf_export("Operation")
class Operation(object):
  """A node of the graph: the op's NodeDef plus its input and output Tensors."""

  def __init__(self, node_def, g, inputs=None, output_types=None, control_inputs=None,
               input_types=None, original_op=None, op_def=None, _defer_add=False):
    del output_types  # The native graph computes the output dtypes from the OpDef.
    if not isinstance(node_def, node_def_pb2.NodeDef):
      raise TypeError("node_def needs to be a NodeDef: %s" % node_def)
    if node_def.ByteSize() >= (1 << 31) or node_def.ByteSize() < 0:
      raise ValueError("Cannot create a tensor proto whose content is larger than 2GB.")
    if not _VALID_OP_NAME_REGEX.match(node_def.name):
      raise ValueError("'%s' is not a valid node name" % node_def.name)
    self._graph = g
    self._node_def = node_def
    self._node_def_full = None
    inputs = [] if inputs is None else list(inputs)
    for a in inputs:
      if not isinstance(a, Tensor):
        raise TypeError("input needs to be a Tensor: %s" % a)
    self._inputs_val = inputs
    if input_types is None:
      input_types = [i.dtype for i in inputs]
    elif not all(x.is_compatible_with(i.dtype) for i, x in zip(inputs, input_types)):
      raise TypeError("In op '%s', input types (%s) are not compatible with expected types "
                      "(%s)" % (node_def.name, [i.dtype for i in inputs], input_types))
    self._input_types_val = list(input_types)
    self._control_inputs_val = []
    if control_inputs:
      for c in control_inputs:
        if isinstance(c, Tensor):
          c = c.op
        elif not isinstance(c, Operation):
          raise TypeError("Control input must be an Operation, a Tensor, or IndexedSlices: %s"
                          % c)
        if c not in self._control_inputs_val:
          self._control_inputs_val.append(c)
    self._outputs = []
    self._original_op = original_op
    self._op_def = op_def
    self._traceback = []
    self._id_value = g._next_id()
    self._control_flow_context = g._get_control_flow_context()
    self._added = False
    if not _defer_add:
      self._add_to_native()
      if self._control_flow_context is not None:
        # Inside a cond branch: external inputs are rerouted through Switches (TF's
        # _control_flow_post_processing).
        self._control_flow_context.AddOp(self)

  def _add_to_native(self, back_edges=None):
    """Adds the (now final) NodeDef to the native graph and creates the output Tensors.

    back_edges: {input index: "node:k"} for a Merge whose inputs at those indices come from
    nodes not added yet (a while loop's NextIteration during import). The native graph keeps
    them pending; the Python inputs there are stand-ins until `_update_input` sets them.
    """
    nd = self._node_def
    del nd.input[:]
    nd.input.extend(t._as_node_def_input for t in self._inputs_val)
    for index, name in (back_edges or {}).items():
      nd.input[index] = name
    nd.input.extend("^" + c.name for c in self._control_inputs_val)
    try:
      _, output_types, output_shapes = self._graph._c_graph.add_node(nd.SerializeToString())
    except _native.StatusError as e:
      raise _status_to_exception(e, self) from None
    self._added = True
    outputs = []
    for i, (t, s) in enumerate(zip(output_types, output_shapes)):
      tensor = Tensor(self, i, dtypes._INTERN[t])
      tensor._shape_val = tensor_shape._from_native(s)
      outputs.append(tensor)
    self._outputs = outputs
    for t in self._inputs_val:
      t._consumers.append(self)

  # ---- identity ---------------------------------------------------------------------------
  @property
  def name(self):
    return self._node_def.name

  @property
  def _id(self):
    return self._id_value

  @property
  def type(self):
    return self._node_def.op

  @property
  def graph(self):
    return self._graph

  @property
  def device(self):
    return self._node_def.device

  @property
  def node_def(self):
    if not self._added:
      return self._node_def
    if self._node_def_full is None:
      full = node_def_pb2.NodeDef()
      full.ParseFromString(self._graph._c_graph.node_def(self.name))
      self._node_def_full = full
    return self._node_def_full

  @property
  def op_def(self):
    if self._op_def is None:
      self._op_def = self._graph._get_op_def(self.type)
    return self._op_def

  @property
  def traceback(self):
    return self._traceback

  @property
  def inputs(self):
    return tuple(self._inputs_val)

  @property
  def _input_types(self):
    return list(self._input_types_val)

  @property
  def outputs(self):
    return self._outputs

  def values(self):
    return tuple(self._outputs)

  @property
  def control_inputs(self):
    return list(self._control_inputs_val)

  @property
  def _control_outputs(self):
    return [op for op in self._graph._nodes_by_id.values() if self in op._control_inputs_val]

  def __repr__(self):
    return "<tf.Operation '%s' type=%s>" % (self.name, self.type)

  def __str__(self):
    return str(self.node_def)

  # ---- attrs ------------------------------------------------------------------------------
  def get_attr(self, name):
    attrs = self._node_def.attr
    if name not in attrs:
      attrs = self.node_def.attr
      if name not in attrs:
        raise ValueError("Operation '%s' has no attr named '%s'." % (self.name, name))
    return _attr_value_to_python(attrs[name])

  def _get_attr_or_none(self, name):
    try:
      return self.get_attr(name)
    except ValueError:
      return None

  def colocation_groups(self):
    default_group = compat.as_bytes("loc:@%s" % self.name)
    try:
      class_attr = self.get_attr("_class")
    except ValueError:
      return [default_group]
    groups = [c for c in class_attr if c.startswith(b"loc:@")]
    return groups if groups else [default_group]

  def _set_device(self, device):
    device_str = pydev.canonical_name(device)
    if not self._added:
      self._node_def.device = device_str
      return
    c_graph = self._graph._c_graph
    if not hasattr(c_graph, "set_device"):
      raise NotImplementedError("Changing the device of op '%s' after creation is not "
                                "implemented in tfclassic yet" % self.name)
    c_graph.set_device(self.name, device_str)
    self._node_def.device = device_str
    self._node_def_full = None

  def _set_device_from_string(self, device_str):
    self._set_device(device_str)

  def _set_attr(self, attr_name, attr_value):
    if not self._added:
      self._node_def.attr[attr_name].CopyFrom(attr_value)
      return
    c_graph = self._graph._c_graph
    if not hasattr(c_graph, "set_attr"):
      raise NotImplementedError("Changing attr '%s' of op '%s' after creation is not "
                                "implemented in tfclassic yet" % (attr_name, self.name))
    try:
      c_graph.set_attr(self.name, attr_name, attr_value.SerializeToString())
    except _native.StatusError as e:
      raise _status_to_exception(e, self) from None
    self._node_def.attr[attr_name].CopyFrom(attr_value)
    self._node_def_full = None

  # ---- control inputs ---------------------------------------------------------------------
  def _add_control_input(self, op):
    if not isinstance(op, Operation):
      raise TypeError("op must be an Operation: %s" % op)
    if op._graph is not self._graph:
      raise ValueError("%s must be from the same graph as %s." % (op, self))
    if op in self._control_inputs_val:
      return
    if self._added:
      try:
        self._graph._c_graph.add_control_input(self.name, op.name)
      except _native.StatusError as e:
        raise _status_to_exception(e, self) from None
      self._node_def_full = None
      self._node_def.input.append("^" + op.name)
    self._control_inputs_val.append(op)

  def _update_input(self, index, tensor):
    """Makes input `index` read `tensor` (TF's internal API, used to close while loops)."""
    if not isinstance(tensor, Tensor):
      raise TypeError("tensor must be a Tensor: %s" % tensor)
    if tensor.graph is not self._graph:
      raise ValueError("%s must be from the same graph as %s." % (tensor, self))
    try:
      self._graph._c_graph.update_input(self.name, index, tensor.op.name, tensor.value_index)
    except _native.StatusError as e:
      code, message = e.args[0], e.args[1]
      raise errors_impl._make_specific_exception(None, None, message, code) from None
    old = self._inputs_val[index]
    if self in old._consumers:
      old._consumers.remove(self)
    self._inputs_val[index] = tensor
    tensor._consumers.append(self)
    self._node_def.input[index] = tensor._as_node_def_input
    self._node_def_full = None

  def _add_control_inputs(self, ops):
    for op in ops:
      self._add_control_input(op)

  def _remove_all_control_inputs(self):
    """Drops every control input (TF's internal API; a while loop re-routes external ones)."""
    if self._added and self._control_inputs_val:
      try:
        self._graph._c_graph.remove_control_inputs(self.name)
      except _native.StatusError as e:
        raise _status_to_exception(e, self) from None
      self._node_def_full = None
      kept = [i for i in self._node_def.input if not i.startswith("^")]
      del self._node_def.input[:]
      self._node_def.input.extend(kept)
    self._control_inputs_val = []

  def _get_control_flow_context(self):
    return self._control_flow_context

  def _set_control_flow_context(self, ctx):
    self._control_flow_context = ctx

  def run(self, feed_dict=None, session=None):
    _run_using_default_session(self, feed_dict, self.graph, session)


def _attr_value_to_python(x):
  which = x.WhichOneof("value")
  if which == "list":
    lst = x.list
    for f in ("s", "i", "f", "b", "type", "shape", "tensor", "func"):
      vals = getattr(lst, f)
      if vals:
        if f == "type":
          return [dtypes.as_dtype(t) for t in vals]
        return list(vals)
    return []
  if which == "type":
    return dtypes.as_dtype(x.type)
  if which is None:
    return None
  return getattr(x, which)


# ---- default session ------------------------------------------------------------------------
class _DefaultStack(threading.local):

  def __init__(self):
    super(_DefaultStack, self).__init__()
    self.stack = []

  def get_default(self):
    return self.stack[-1] if self.stack else None

  def reset(self):
    self.stack = []

  def is_cleared(self):
    return not self.stack

  @contextlib.contextmanager
  def get_controller(self, default):
    self.stack.append(default)
    try:
      yield default
    finally:
      if self.stack and self.stack[-1] is default:
        self.stack.pop()
      elif default in self.stack:
        self.stack.remove(default)


_default_session_stack = _DefaultStack()


def default_session(session):
  return _default_session_stack.get_controller(session)


@tf_export("get_default_session")
def get_default_session():
  return _default_session_stack.get_default()


def _eval_using_default_session(tensors, feed_dict, graph, session=None):
  if session is None:
    session = get_default_session()
    if session is None:
      raise ValueError("Cannot evaluate tensor using `eval()`: No default "
                       "session is registered. Use `with "
                       "sess.as_default()` or pass an explicit session to "
                       "`eval(session=sess)`")
    if session.graph is not graph:
      raise ValueError("Cannot use the default session to evaluate tensor: "
                       "the tensor's graph is different from the session's "
                       "graph. Pass an explicit session to "
                       "`eval(session=sess)`.")
  elif session.graph is not graph:
    raise ValueError("Cannot use the given session to evaluate tensor: "
                     "the tensor's graph is different from the session's "
                     "graph.")
  return session.run(tensors, feed_dict)


def _run_using_default_session(operation, feed_dict, graph, session=None):
  if session is None:
    session = get_default_session()
    if session is None:
      raise ValueError("Cannot execute operation using `run()`: No default "
                       "session is registered. Use `with "
                       "sess.as_default():` or pass an explicit session to "
                       "`run(session=sess)`")
    if session.graph is not graph:
      raise ValueError("Cannot use the default session to execute operation: "
                       "the operation's graph is different from the "
                       "session's graph. Pass an explicit session to "
                       "run(session=sess).")
  elif session.graph is not graph:
    raise ValueError("Cannot use the given session to execute operation: "
                     "the operation's graph is different from the session's "
                     "graph.")
  session.run(operation, feed_dict)


from tensorflow.python.framework.graph import *  # pylint: disable=wildcard-import,g-import-not-at-top,wrong-import-position
from tensorflow.python.framework.graph import (  # pylint: disable=g-import-not-at-top,wrong-import-position
    Graph, _default_graph_stack, _get_graph_from_inputs, _as_graph_element,
    _assert_same_graph, name_from_scope_name, _ControlDependenciesController,
    _UserDeviceSpec)
from tensorflow.python.framework.ops_api import *  # pylint: disable=wildcard-import,g-import-not-at-top,wrong-import-position
from tensorflow.python.framework.ops_api import (  # pylint: disable=g-import-not-at-top,wrong-import-position
    _op_to_colocate_with, _gradient_registry, _shape_registry)
