"""tf.import_graph_def: adds the nodes of a GraphDef to the default graph, as TF 1.15 does.

The import is all-or-nothing: every node is first added to a scratch native graph (mapped
inputs stand in as Placeholders or copies of their Consts), so unknown ops, bad attrs, dangling
inputs, type mismatches and shape errors are found before the real graph changes.
"""

import heapq
import re
import socket

from tensorflow.core.framework import attr_value_pb2
from tensorflow.core.framework import graph_pb2
from tensorflow.core.framework import node_def_pb2
from tensorflow.python.framework import errors_impl
from tensorflow.python.framework import graph as graph_lib
from tensorflow.python.framework import op_def_library
from tensorflow.python.framework import ops
from tensorflow.python.util import compat
from tensorflow.python.util.tf_export import tf_export
from tfclassic import _native

__all__ = ["import_graph_def"]

_COLOCATION_PREFIX = b"loc:@"
_MERGE_OPS = ("Merge", "RefMerge")
_NEXT_ITERATION_OPS = ("NextIteration", "RefNextIteration")


def _not_registered_error(op_type):
  return errors_impl.NotFoundError(
      None, None,
      "Op type not registered '%s' in binary running on %s. Make sure the Op and Kernel are "
      "registered in the binary running in this process. Note that if you are loading a saved "
      "graph which used ops from tf.contrib, accessing (e.g.) `tf.contrib.resampler` should be "
      "done before importing the graph, as contrib ops are lazily registered when the module "
      "is first accessed." % (op_type, socket.gethostname()))


def _parse_tensor_name(name):
  """'x' -> ('x', 0), 'x:1' -> ('x', 1); '^x' -> ('x', -1) (a control input)."""
  if name.startswith("^"):
    return name[1:], -1
  op_name, sep, index = name.rpartition(":")
  if sep and index.isdigit():
    return op_name, int(index)
  return name, 0


def _check_versions(graph_def):
  versions = graph_def.versions
  current = graph_lib.GRAPH_DEF_VERSION
  if versions.producer < graph_lib.GRAPH_DEF_VERSION_MIN_PRODUCER:
    raise ValueError("GraphDef producer version %d below min producer %d supported by "
                     "TensorFlow 1.15.5.  Please regenerate your graph." %
                     (versions.producer, graph_lib.GRAPH_DEF_VERSION_MIN_PRODUCER))
  if versions.min_consumer > current:
    raise ValueError("GraphDef min consumer version %d above current version %d for "
                     "TensorFlow 1.15.5.  Please upgrade TensorFlow." %
                     (versions.min_consumer, current))
  if current in versions.bad_consumers:
    raise ValueError("GraphDef disallows consumer version %d.  Please upgrade TensorFlow: "
                     "this version is likely buggy." % current)


def _remove_default_attrs(producer_op_list, nodes):
  """Drops attrs our OpDefs lack when they hold the producer's default (TF's rule for graphs
  written by a newer binary)."""
  producer_ops = {op.name: op for op in producer_op_list.op}
  for node in nodes:
    producer_op = producer_ops.get(node.op)
    op_def = op_def_library.get_op_def(node.op)
    if producer_op is None or op_def is None:
      continue
    known = {a.name for a in op_def.attr}
    for attr_def in producer_op.attr:
      key = attr_def.name
      if (key not in known and key in node.attr and attr_def.HasField("default_value") and
          node.attr[key] == attr_def.default_value):
        del node.attr[key]


def _status_to_error(e):
  code, message = e.args[0], e.args[1]
  if code == errors_impl.INVALID_ARGUMENT:
    # TF names the node without quotes in this message.
    message = re.sub(r"^Input (\d+) of node '([^']*)' was passed", r"Input \1 of node \2 was passed",
                     message)
    return ValueError(message)
  return errors_impl._make_specific_exception(None, None, message, code)  # pylint: disable=protected-access


class _DeviceProbe(object):
  """What a device function sees of an imported node before its Operation exists."""

  def __init__(self, node_def):
    self._node_def = node_def

  name = property(lambda self: self._node_def.name)
  type = property(lambda self: self._node_def.op)
  node_def = property(lambda self: self._node_def)
  device = property(lambda self: self._node_def.device)

  def _set_device_from_string(self, device_str):
    self._node_def.device = device_str

  _set_device = _set_device_from_string


def _stack_device(graph, node_def):
  """The imported node's device after the graph's device stack, its own device innermost."""
  original = node_def.device
  probe_def = node_def_pb2.NodeDef(name=node_def.name, op=node_def.op)
  probe_def.attr.MergeFrom(node_def.attr)
  probe = _DeviceProbe(probe_def)
  if original:
    with graph.device(original):
      graph._apply_device_functions(probe)  # pylint: disable=protected-access
  else:
    graph._apply_device_functions(probe)  # pylint: disable=protected-access
  return probe_def.device


class _Importer(object):
  """One import: the checked, renamed and ordered nodes, then their addition to `graph`."""

  def __init__(self, graph_def, return_elements):
    self.graph = None
    self.prefix = ""
    self.input_map = {}
    self.nodes = [node_def_pb2.NodeDef() for _ in graph_def.node]
    for dst, src in zip(self.nodes, graph_def.node):
      dst.CopyFrom(src)
    self.index = {}
    for i, node in enumerate(self.nodes):
      if not ops._VALID_OP_NAME_REGEX.match(node.name):  # pylint: disable=protected-access
        raise ValueError("Node '%s': Node name contains invalid characters" % node.name)
      if node.name in self.index:
        raise ValueError("Node '%s' is not unique" % node.name)
      self.index[node.name] = i
    self.return_elements = return_elements

  def check_ops(self):
    for node in self.nodes:
      if op_def_library.get_op_def(node.op) is None:
        raise _not_registered_error(node.op)

  def split_input_map(self):
    """Data mappings {(node, index): Tensor} and control mappings {node: Operation}."""
    data, control, missing = {}, {}, []
    for key, value in self.input_map.items():
      src, index = _parse_tensor_name(key)
      if src not in self.index:
        missing.append(key)
      elif index < 0:
        control[src] = value.op
      else:
        data[(src, index)] = value
    if missing:
      raise ValueError("Attempted to map inputs that were not found in graph_def: [%s]" %
                       ", ".join(missing))
    self.data_map, self.control_map = data, control

  def check_return_elements(self):
    for name in self.return_elements:
      if ":" in name:
        op_name, index = _parse_tensor_name(name)
        if op_name not in self.index:
          raise ValueError("Requested return tensor '%s' not found in graph def" % name)
      elif name not in self.index:
        raise ValueError("Requested return node '%s' not found in graph def" % name)

  def assign_names(self):
    """Final names: prefixed, then suffixed _1, _2, ... where they clash with the graph."""
    existing = self.graph._nodes_by_name  # pylint: disable=protected-access
    wanted = [self.prefix + "/" + n.name if self.prefix else n.name for n in self.nodes]
    taken = set(wanted)
    self.final = {}
    for node, name in zip(self.nodes, wanted):
      if name in existing:
        k = 1
        while "%s_%d" % (name, k) in existing or "%s_%d" % (name, k) in taken:
          k += 1
        name = "%s_%d" % (name, k)
        taken.add(name)
      self.final[node.name] = name

  def order(self):
    """Indices of the nodes, each after the nodes it reads (GraphDef order where free).

    As TF's graph constructor does, a Merge reading a NextIteration node (a while loop) waits
    for its control inputs and one data input only; its data inputs whose nodes come later are
    back edges, recorded in self.back_edges {node index: {data input index: (src, output)}}.
    """
    deps = []
    consumers = [[] for _ in self.nodes]  # (consumer, whether it is a loop Merge's data input)
    loop_merges = {}  # loop Merge index -> whether its one data input has arrived
    for i, node in enumerate(self.nodes):
      data_srcs, control_srcs, data_mapped = set(), set(), False
      for inp in node.input:
        src, index = _parse_tensor_name(inp)
        if index < 0 and src in self.control_map:
          continue
        if index >= 0 and (src, index) in self.data_map:
          data_mapped = True
          continue
        if src not in self.index:
          raise ValueError("Node '%s': Unknown input node '%s'" % (node.name, inp))
        (control_srcs if index < 0 else data_srcs).add(self.index[src])
      if node.op in _MERGE_OPS and any(self.nodes[s].op in _NEXT_ITERATION_OPS
                                       for s in data_srcs):
        loop_merges[i] = data_mapped
        deps.append(len(control_srcs) + (0 if data_mapped else 1))
        for s in control_srcs:
          consumers[s].append((i, False))
        for s in data_srcs:
          consumers[s].append((i, True))
      else:
        srcs = data_srcs | control_srcs
        deps.append(len(srcs))
        for s in srcs:
          consumers[s].append((i, False))
    ready = [i for i, d in enumerate(deps) if d == 0]
    heapq.heapify(ready)
    result = []
    while ready:
      i = heapq.heappop(ready)
      result.append(i)
      for c, loop_data in consumers[i]:
        if loop_data:
          if loop_merges[c]:
            continue
          loop_merges[c] = True
        deps[c] -= 1
        if deps[c] == 0:
          heapq.heappush(ready, c)
    if len(result) != len(self.nodes):
      raise ValueError("%d nodes in a cycle" % sum(1 for d in deps if d > 0))
    position = {i: p for p, i in enumerate(result)}
    self.back_edges = {}
    for i in loop_merges:
      data_inputs = [inp for inp in self.nodes[i].input if not inp.startswith("^")]
      for j, inp in enumerate(data_inputs):
        src, index = _parse_tensor_name(inp)
        if (src, index) not in self.data_map and position[self.index[src]] > position[i]:
          self.back_edges.setdefault(i, {})[j] = (src, index)
    return result

  def rewrite(self, node, control_deps):
    """The node as it will be added: final names, mapped inputs, prefixed colocation."""
    out = node_def_pb2.NodeDef()
    out.CopyFrom(node)
    out.name = self.final[node.name]
    del out.input[:]
    data, controls = [], []
    for inp in node.input:
      src, index = _parse_tensor_name(inp)
      if index < 0:
        if src in self.control_map:
          op_name = self.control_map[src].name
        else:
          op_name = self.final[src]
        if op_name not in controls:
          controls.append(op_name)
      elif (src, index) in self.data_map:
        data.append(self.data_map[(src, index)])
      else:
        data.append((self.final[src], index))
    for c in control_deps:
      if c.name not in controls:
        controls.append(c.name)
    if "_class" in out.attr:
      groups = []
      for s in out.attr["_class"].list.s:
        if s.startswith(_COLOCATION_PREFIX):
          target = compat.as_str(s[len(_COLOCATION_PREFIX):])
          if target in self.final:
            s = _COLOCATION_PREFIX + compat.as_bytes(self.final[target])
          elif self.prefix:
            s = _COLOCATION_PREFIX + compat.as_bytes(self.prefix + "/" + target)
        groups.append(s)
      out.attr["_class"].CopyFrom(attr_value_pb2.AttrValue(
          list=attr_value_pb2.AttrValue.ListValue(s=groups)))
    return out, data, controls


def _input_string(src):
  if isinstance(src, ops.Tensor):
    return src._as_node_def_input  # pylint: disable=protected-access
  name, index = src
  return name if index == 0 else "%s:%d" % (name, index)


def _stand_in(tensor_or_op, name):
  """A node with the same name and output dtype/shape as an existing one, for the dry run."""
  nd = node_def_pb2.NodeDef(name=name)
  if isinstance(tensor_or_op, ops.Operation):
    nd.op = "NoOp"
    return nd
  t = tensor_or_op
  if t.op.type == "Const" and t.value_index == 0:
    nd.op = "Const"
    for k in ("dtype", "value"):
      nd.attr[k].CopyFrom(t.op.node_def.attr[k])
    return nd
  shape_proto = t.shape.as_proto()
  if t.dtype._is_ref_dtype:  # pylint: disable=protected-access
    nd.op = "VariableV2"
    nd.attr["dtype"].type = t.dtype.base_dtype.as_datatype_enum
    nd.attr["shape"].shape.CopyFrom(shape_proto)
  else:
    nd.op = "Placeholder"
    nd.attr["dtype"].type = t.dtype.as_datatype_enum
    nd.attr["shape"].shape.CopyFrom(shape_proto)
  return nd


def _variable_read_shape(imp, node_def, rewritten_by_name):
  """The shape a ReadVariableOp reads: its VarHandleOp's `shape` attr (found through Identity
  nodes). TF carries it as the handle's shape data; here it is merged into the read's output
  before the readers of that output are added. None where it is not known."""
  if node_def.op != "ReadVariableOp":
    return None
  data = rewritten_by_name[node_def.name][1]
  source = data[0] if data else None
  for _ in range(64):
    if isinstance(source, ops.Tensor):
      op = source.op
      if op.type == "VarHandleOp":
        shape = op.get_attr("shape")
        return None if shape.unknown_rank else [d.size for d in shape.dim]
      if op.type != "Identity" or not op.inputs:
        return None
      source = op.inputs[0]
      continue
    if source is None or source[0] not in rewritten_by_name:
      existing = imp.graph._nodes_by_name.get(source[0]) if source else None  # pylint: disable=protected-access
      if existing is None:
        return None
      source = existing.outputs[source[1]]
      continue
    nd, data, _ = rewritten_by_name[source[0]]
    if nd.op == "VarHandleOp":
      shape = nd.attr["shape"].shape
      return None if shape.unknown_rank else [d.size for d in shape.dim]
    if nd.op != "Identity" or not data:
      return None
    source = data[0]
  return None


def _dry_run(imp, order, rewritten):
  """Adds everything to a scratch native graph; returns {final name: number of outputs}."""
  scratch = _native.Graph()
  stand_ins = set()

  def add_stand_in(obj, name):
    if name in stand_ins:
      return
    stand_ins.add(name)
    try:
      scratch.add_node(_stand_in(obj, name).SerializeToString())
    except _native.StatusError as e:
      raise _status_to_error(e) from None

  num_outputs = {}
  rewritten_by_name = {r[0].name: r for r in rewritten.values()}
  for i in order:
    nd, data, controls = rewritten[i]
    probe = node_def_pb2.NodeDef()
    probe.CopyFrom(nd)
    for src in data:
      if isinstance(src, ops.Tensor):
        # A stand-in carries one output: multi-output sources are renamed for the dry run.
        name = src.op.name if src.value_index == 0 else "%s/_output_%d" % (src.op.name,
                                                                          src.value_index)
        add_stand_in(src, name)
        probe.input.append(name)
      else:
        probe.input.append(_input_string(src))
    for c in controls:
      if c not in imp.final_names:
        add_stand_in(imp.graph._nodes_by_name[c], c)  # pylint: disable=protected-access
      probe.input.append("^" + c)
    try:
      _, output_types, _ = scratch.add_node(probe.SerializeToString())
    except _native.StatusError as e:
      raise _status_to_error(e) from None
    num_outputs[nd.name] = len(output_types)
    shape = _variable_read_shape(imp, nd, rewritten_by_name)
    if shape is not None:
      scratch.merge_output_shape(nd.name, 0, shape)
  # Every back edge named a node of this GraphDef, so adding them all connected it.
  assert scratch.num_pending_back_edges() == 0
  return num_outputs


def _assign_devices(imp, order, rewritten):
  """TF's rule: a colocated node takes its colocation target's device; every other node gets
  the graph's device stack merged over its own device."""
  graph = imp.graph
  devices = {}
  for i in order:
    nd = rewritten[i][0]
    devices[nd.name] = _stack_device(graph, nd)
  for i in order:
    nd = rewritten[i][0]
    if "_class" not in nd.attr:
      continue
    for s in nd.attr["_class"].list.s:
      if not s.startswith(_COLOCATION_PREFIX):
        continue
      target = compat.as_str(s[len(_COLOCATION_PREFIX):])
      if target in devices:
        device = devices[target]
      elif target in graph._nodes_by_name:  # pylint: disable=protected-access
        device = graph._nodes_by_name[target].device  # pylint: disable=protected-access
      else:
        raise ValueError("Specified colocation to an op that does not exist during import: "
                         "%s in %s" % (target, nd.name))
      if device:
        devices[nd.name] = device
        break
  for i in order:
    nd = rewritten[i][0]
    nd.device = devices[nd.name]


def _convert_input_map(name, input_map):
  if not all(isinstance(v, ops.Tensor) for v in input_map.values()):
    if name == "":  # pylint: disable=g-explicit-bool-comparison
      raise ValueError(
          "tf.import_graph_def() requires a non-empty `name` if `input_map` contains non-Tensor "
          "values. Try calling tf.convert_to_tensor() on `input_map` values before calling "
          "tf.import_graph_def().")
    input_map = {k: ops.convert_to_tensor(v) for k, v in input_map.items()}
  return input_map


@tf_export("graph_util.import_graph_def", "import_graph_def")
def import_graph_def(graph_def, input_map=None, return_elements=None, name=None, op_dict=None,
                     producer_op_list=None):
  """Imports `graph_def` into the default graph; returns the requested ops/tensors or None."""
  del op_dict  # Deprecated in TF 1.15 and ignored there too.
  if not isinstance(graph_def, graph_pb2.GraphDef):
    try:
      old_graph_def = graph_def
      graph_def = graph_pb2.GraphDef()
      graph_def.MergeFrom(old_graph_def)
    except TypeError:
      raise TypeError("graph_def must be a GraphDef proto.") from None
  if input_map is None:
    input_map = {}
  elif not (isinstance(input_map, dict) and
            all(isinstance(k, (bytes, str)) for k in input_map)):
    raise TypeError("input_map must be a dictionary mapping strings to Tensor objects.")
  input_map = {compat.as_str(k): v for k, v in input_map.items()}
  if return_elements is not None:
    return_elements = tuple(return_elements)
    if not all(isinstance(x, (bytes, str)) for x in return_elements):
      raise TypeError("return_elements must be a list of strings.")
    return_elements = [compat.as_str(x) for x in return_elements]

  _check_versions(graph_def)
  imp = _Importer(graph_def, return_elements or [])
  imp.check_ops()
  if producer_op_list is not None:
    _remove_default_attrs(producer_op_list, imp.nodes)
  with ops.name_scope(name, "import", list(input_map.values())) as scope:
    imp.prefix = scope[:-1] if scope else ""
    imp.input_map = _convert_input_map(name, input_map)
    graph = imp.graph = ops.get_default_graph()
    for v in imp.input_map.values():
      if v.graph is not graph:
        raise ValueError("Tensor %s is not an element of this graph." % v)
    imp.split_input_map()
    imp.check_return_elements()
    imp.assign_names()
    imp.final_names = set(imp.final.values())
    order = imp.order()
    control_deps = graph._control_dependencies_for_inputs([])  # pylint: disable=protected-access
    rewritten = {i: imp.rewrite(imp.nodes[i], control_deps) for i in order}
    _assign_devices(imp, order, rewritten)
    num_outputs = _dry_run(imp, order, rewritten)
    rewritten_by_name = {r[0].name: r for r in rewritten.values()}
    for ret in imp.return_elements:
      if ":" in ret:
        op_name, index = _parse_tensor_name(ret)
        n = num_outputs[imp.final[op_name]]
        if index >= n:
          raise ValueError("Invalid return output %d of node '%s', which has %d output(s)" %
                           (index, op_name, n))

    # The real graph: nothing above touched it (beyond the name scope).
    with graph._lock:  # pylint: disable=protected-access
      waiting = {}  # back edge source name -> [(Merge op, input index, source output)]
      for i in order:
        nd, data, controls = rewritten[i]
        back = imp.back_edges.get(i, {})
        inputs = [None if j in back else
                  src if isinstance(src, ops.Tensor) else
                  graph._nodes_by_name[src[0]].outputs[src[1]]  # pylint: disable=protected-access
                  for j, src in enumerate(data)]
        # A back edge's slot holds a forward input (same dtype) until its source exists.
        forward = next(t for t in inputs if t is not None) if back else None
        inputs = [forward if t is None else t for t in inputs]
        control_ops = [graph._nodes_by_name[c] for c in controls]  # pylint: disable=protected-access
        op = ops.Operation(nd, graph, inputs=inputs, control_inputs=control_ops,
                           _defer_add=True)
        op._add_to_native(  # pylint: disable=protected-access
            back_edges={j: _input_string(data[j]) for j in back})
        for j in back:
          waiting.setdefault(data[j][0], []).append((op, j, data[j][1]))
        for merge, j, index in waiting.pop(nd.name, ()):
          merge._update_input(j, op.outputs[index])  # pylint: disable=protected-access
        shape = _variable_read_shape(imp, nd, rewritten_by_name)
        if shape is not None:
          op.outputs[0].set_shape(shape)
        graph._add_op(op)  # pylint: disable=protected-access
        key = nd.name.lower()
        graph._names_in_use[key] = max(graph._names_in_use.get(key, 0), 1)  # pylint: disable=protected-access

  if return_elements is None:
    return None
  results = []
  for ret in return_elements:
    if ":" in ret:
      op_name, index = _parse_tensor_name(ret)
      results.append(graph._nodes_by_name[imp.final[op_name]].outputs[index])  # pylint: disable=protected-access
    else:
      results.append(graph._nodes_by_name[imp.final[ret]])  # pylint: disable=protected-access
  return results

