"""tf.graph_util: GraphDef surgery (sub-graph extraction, freezing variables, pruning)."""

import collections

from tensorflow.core.framework import attr_value_pb2
from tensorflow.core.framework import graph_pb2
from tensorflow.core.framework import node_def_pb2
from tensorflow.python.framework import dtypes
from tensorflow.python.framework import ops
from tensorflow.python.framework import tensor_util
from tensorflow.python.platform import tf_logging as logging
from tensorflow.python.util.tf_export import tf_export

__all__ = ["must_run_on_cpu", "extract_sub_graph", "tensor_shape_from_node_def_name",
           "convert_variables_to_constants", "remove_training_nodes"]

_VARIABLE_OPS = {
    "Assign", "AssignAdd", "AssignSub", "Queue", "ScatterAdd", "ScatterSub", "ScatterUpdate",
    "TruncatedNormal", "Variable", "VariableV2",
}


def _is_variable_op(op):
  return op in _VARIABLE_OPS


@tf_export("graph_util.must_run_on_cpu")
def must_run_on_cpu(node, pin_variables_on_cpu=False):
  """True for nodes TF pins to the CPU: int32/string Consts, int32 stitches and casts."""
  if isinstance(node, ops.Operation):
    node_def = node.node_def
  elif isinstance(node, node_def_pb2.NodeDef):
    node_def = node
  else:
    raise TypeError("node must be a tf.Operation or a NodeDef, got %s" % type(node).__name__)
  if pin_variables_on_cpu and _is_variable_op(node_def.op):
    return True
  cpu_types = (dtypes.string.as_datatype_enum, dtypes.int32.as_datatype_enum)
  if node_def.op == "Const":
    return node_def.attr["dtype"].type in cpu_types
  if node_def.op in ("DynamicStitch", "ParallelDynamicStitch"):
    return node_def.attr["T"].type == dtypes.int32.as_datatype_enum
  if node_def.op == "Cast":
    return node_def.attr["SrcT"].type == dtypes.int32.as_datatype_enum
  return False


def _node_name(n):
  """The node a NodeDef input string refers to ('^x', 'x:1' -> 'x')."""
  if n.startswith("^"):
    n = n[1:]
  return n.split(":")[0]


def _extract_graph_summary(graph_def):
  """(inputs by node name, NodeDef by name, position in graph_def by name)."""
  name_to_input_name = {}
  name_to_node = {}
  name_to_seq_num = {}
  for seq, node in enumerate(graph_def.node):
    n = _node_name(node.name)
    name_to_node[n] = node
    name_to_input_name[n] = [_node_name(x) for x in node.input]
    name_to_seq_num[n] = seq
  return name_to_input_name, name_to_node, name_to_seq_num


def _assert_nodes_are_present(name_to_node, nodes):
  for d in nodes:
    assert d in name_to_node, "%s is not in graph" % d


def _bfs_for_reachable_nodes(target_nodes, name_to_input_name):
  """Every node that the targets read, directly or not (control inputs included)."""
  nodes_to_keep = set()
  queue = collections.deque(target_nodes)
  while queue:
    n = queue.popleft()
    if n in nodes_to_keep:
      continue
    nodes_to_keep.add(n)
    queue.extend(name_to_input_name.get(n, ()))
  return nodes_to_keep


@tf_export("graph_util.extract_sub_graph")
def extract_sub_graph(graph_def, dest_nodes):
  """The part of `graph_def` that `dest_nodes` depend on, in the original node order."""
  if not isinstance(graph_def, graph_pb2.GraphDef):
    raise TypeError("graph_def must be a graph_pb2.GraphDef proto.")
  if isinstance(dest_nodes, (str, bytes)):
    raise TypeError("dest_nodes must be a list.")
  name_to_input_name, name_to_node, name_to_seq_num = _extract_graph_summary(graph_def)
  _assert_nodes_are_present(name_to_node, dest_nodes)
  keep = _bfs_for_reachable_nodes(dest_nodes, name_to_input_name)
  out = graph_pb2.GraphDef()
  for n in sorted(keep, key=lambda n: name_to_seq_num[n]):
    out.node.add().CopyFrom(name_to_node[n])
  out.library.CopyFrom(graph_def.library)
  out.versions.CopyFrom(graph_def.versions)
  return out


@tf_export("graph_util.tensor_shape_from_node_def_name")
def tensor_shape_from_node_def_name(graph, input_name):
  """The static shape of tensor `input_name` ('op' means 'op:0') in `graph`."""
  canonical_name = input_name if ":" in input_name else input_name + ":0"
  return graph.get_tensor_by_name(canonical_name).get_shape()


def _const_node(name, dtype_attr, value, shape=None):
  node = node_def_pb2.NodeDef(name=name, op="Const")
  node.attr["dtype"].CopyFrom(dtype_attr)
  node.attr["value"].CopyFrom(attr_value_pb2.AttrValue(
      tensor=tensor_util.make_tensor_proto(value, dtype=dtype_attr.type, shape=shape)))
  return node


def _first_input(node, index=0):
  return node.input[index].split(":")[0]


@tf_export("graph_util.convert_variables_to_constants")
def convert_variables_to_constants(sess, input_graph_def, output_node_names,
                                   variable_names_whitelist=None,
                                   variable_names_blacklist=None):
  """Freezes a graph: the sub-graph for `output_node_names` with each variable replaced by a
  Const of the same name holding its current value in `sess` (ReadVariableOp -> Identity,
  ResourceGather -> GatherV2 for resource variables)."""
  inference_graph = extract_sub_graph(input_graph_def, output_node_names)
  by_name = {node.name: node for node in inference_graph.node}

  def selected(name):
    if variable_names_whitelist is not None and name not in variable_names_whitelist:
      return False
    if variable_names_blacklist is not None and name in variable_names_blacklist:
      return False
    return True

  fetch_names, frozen_names = [], []
  # Identity nodes between a VarHandleOp and its readers carry the resource dtype: they take
  # the read's value dtype once the handle becomes a Const.
  identity_types = {}
  for node in inference_graph.node:
    if node.op in ("Variable", "VariableV2", "VarHandleOp"):
      if not selected(node.name):
        continue
      frozen_names.append(node.name)
      fetch_names.append(_resource_value_tensor(sess.graph, node.name)
                         if node.op == "VarHandleOp" else node.name + ":0")
    elif node.op in ("ReadVariableOp", "ResourceGather"):
      src = _first_input(node)
      while by_name[src].op == "Identity":
        identity_types[src] = node.attr["dtype"]
        src = _first_input(by_name[src])
      if by_name[src].op != "VarHandleOp":
        raise ValueError("Cannot find the variable that is an input to the ReadVariableOp.")

  values = sess.run(fetch_names) if fetch_names else []
  frozen = dict(zip(frozen_names, values))
  logging.info("Froze %d variables.", len(values))

  out = graph_pb2.GraphDef()
  converted = 0
  for node in inference_graph.node:
    if node.name in frozen:
      value = frozen[node.name]
      out.node.add().CopyFrom(_const_node(node.name, node.attr["dtype"], value, value.shape))
      converted += 1
    elif node.name in identity_types:
      new = out.node.add()
      new.CopyFrom(node)
      new.attr["T"].CopyFrom(identity_types[node.name])
    elif node.op == "ReadVariableOp":
      new = out.node.add(name=node.name, op="Identity", input=[node.input[0]])
      new.attr["T"].CopyFrom(node.attr["dtype"])
      if "_class" in node.attr:
        new.attr["_class"].CopyFrom(node.attr["_class"])
    elif node.op == "ResourceGather":
      if node.attr["batch_dims"].i != 0:
        raise ValueError("batch_dims != 0 is not supported by freeze_graph.")
      axis_name = node.name + "/axis"
      out.node.add().CopyFrom(_const_node(axis_name, node.attr["Tindices"], 0))
      new = out.node.add(name=node.name, op="GatherV2",
                         input=[node.input[0], node.input[1], axis_name])
      new.attr["Tparams"].CopyFrom(node.attr["dtype"])
      new.attr["Tindices"].CopyFrom(node.attr["Tindices"])
      new.attr["Taxis"].CopyFrom(node.attr["Tindices"])
      if "_class" in node.attr:
        new.attr["_class"].CopyFrom(node.attr["_class"])
    else:
      out.node.add().CopyFrom(node)
  out.library.CopyFrom(inference_graph.library)
  logging.info("Converted %d variables to const ops.", converted)
  return out


def _resource_value_tensor(graph, handle_name):
  """The tensor holding a resource variable's value: TF reads '<name>/Read/ReadVariableOp:0';
  any other ReadVariableOp of the handle does as well."""
  preferred = handle_name + "/Read/ReadVariableOp"
  by_name = graph._nodes_by_name  # pylint: disable=protected-access
  if preferred in by_name:
    return preferred + ":0"
  handle = by_name.get(handle_name)
  if handle is not None:
    for consumer in handle.outputs[0].consumers():
      if consumer.type == "ReadVariableOp" and not consumer.control_inputs:
        return consumer.outputs[0].name
  raise ValueError("Cannot read the value of resource variable '%s': no ReadVariableOp of it "
                   "is in the session's graph." % handle_name)


@tf_export("graph_util.remove_training_nodes")
def remove_training_nodes(input_graph, protected_nodes=None):
  """Drops CheckNumerics nodes and splices out Identity nodes that no control edge touches
  (nodes named in `protected_nodes` stay)."""
  protected = set(protected_nodes or ())

  def splice(nodes, victims):
    """Copies of `nodes` minus `victims` ({name: replacement input}), inputs redirected."""
    result = []
    for node in nodes:
      if node.name in victims:
        continue
      new = node_def_pb2.NodeDef()
      new.CopyFrom(node)
      del new.input[:]
      for full in node.input:
        control = full.startswith("^")
        name = full[1:] if control else full
        while name in victims:
          name = victims[name]
          name = name[1:] if name.startswith("^") else name
        new.input.append("^" + name if control else name)
      result.append(new)
    return result

  # TF drops the edges out of a removed CheckNumerics, which breaks its consumers; here they
  # read the CheckNumerics' own input instead (it passes its input through unchanged).
  checks = {n.name: n.input[0] for n in input_graph.node
            if n.op == "CheckNumerics" and n.name not in protected and n.input}
  nodes = splice(input_graph.node, checks)

  control_inputs, has_control_input = set(), set()
  for node in nodes:
    for inp in node.input:
      if inp.startswith("^"):
        control_inputs.add(inp[1:])
        has_control_input.add(node.name)
  identities = {n.name: n.input[0] for n in nodes
                if n.op == "Identity" and n.name not in protected and n.input and
                n.name not in has_control_input and n.name not in control_inputs}
  out = graph_pb2.GraphDef()
  out.node.extend(splice(nodes, identities))
  return out
