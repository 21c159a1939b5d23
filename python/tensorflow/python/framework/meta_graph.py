"""MetaGraphDef export and import (tf.train.export_meta_graph / import_meta_graph), with the
collections serialized as TF 1.15 does: registered proto types (variables as VariableDef) in
bytes_list, ops and tensors by name in node_list, Python ints/floats/strings in int64_list,
float_list and bytes_list."""

import copy
import os
import re

from google.protobuf import any_pb2
from google.protobuf import text_format

from tensorflow.core.framework import attr_value_pb2
from tensorflow.core.framework import graph_pb2
from tensorflow.core.framework import op_def_pb2
from tensorflow.core.framework import variable_pb2
from tensorflow.core.protobuf import meta_graph_pb2
from tensorflow.core.protobuf import saver_pb2
from tensorflow.python.framework import graph_io
from tensorflow.python.framework import importer
from tensorflow.python.framework import op_def_library
from tensorflow.python.framework import ops
from tensorflow.python.platform import tf_logging as logging
from tensorflow.python.util import compat
from tensorflow.python.util.tf_export import tf_export

# Inputs from outside an exported scope are renamed with this prefix (TF's convention).
_UNBOUND_INPUT_PREFIX = "$unbound_inputs_"


def _version_strings():
  import tensorflow  # pylint: disable=g-import-not-at-top
  return (getattr(tensorflow, "__version__", "1.15.5"),
          getattr(tensorflow, "GIT_VERSION", "v1.15.5-tfclassic"))


# ---- variables in collections ---------------------------------------------------------------
def _variable_to_proto(v, export_scope=None):
  return v.to_proto(export_scope=export_scope)


def _variable_from_proto(v, import_scope=None):
  from tensorflow.python.ops import resource_variable_ops  # pylint: disable=g-import-not-at-top
  from tensorflow.python.ops import variables  # pylint: disable=g-import-not-at-top
  if v.is_resource:
    return resource_variable_ops.ResourceVariable(variable_def=v, import_scope=import_scope)
  return variables.Variable.from_proto(v, import_scope=import_scope)


for _key in (ops.GraphKeys.GLOBAL_VARIABLES, ops.GraphKeys.TRAINABLE_VARIABLES,
             ops.GraphKeys.MOVING_AVERAGE_VARIABLES, ops.GraphKeys.LOCAL_VARIABLES,
             ops.GraphKeys.MODEL_VARIABLES, ops.GraphKeys.GLOBAL_STEP,
             ops.GraphKeys.METRIC_VARIABLES):
  ops.register_proto_function(_key, proto_type=variable_pb2.VariableDef,
                              to_proto=_variable_to_proto, from_proto=_variable_from_proto)
del _key


# ---- export ---------------------------------------------------------------------------------
def _node_def(from_node_def, export_scope, unbound_inputs, clear_devices=False):
  """A NodeDef with `export_scope` stripped from its names (outside inputs marked unbound)."""
  node_def = copy.deepcopy(from_node_def)
  for i, v in enumerate(node_def.input):
    if export_scope and not v.lstrip("^").startswith(export_scope):
      node_def.input[i] = re.sub(r"([\^]|^)(.*)", r"\1" + _UNBOUND_INPUT_PREFIX + r"\2",
                                 compat.as_str(v))
      unbound_inputs.append(node_def.input[i])
    else:
      node_def.input[i] = ops.strip_name_scope(v, export_scope)
  node_def.name = compat.as_str(ops.strip_name_scope(from_node_def.name, export_scope))
  for k, v in from_node_def.attr.items():
    if k == "_class":
      new_s = [compat.as_bytes(ops.strip_name_scope(s, export_scope)) for s in v.list.s
               if not export_scope or
               compat.as_str(s).split("@")[1].startswith(export_scope)]
      node_def.attr[k].CopyFrom(attr_value_pb2.AttrValue(
          list=attr_value_pb2.AttrValue.ListValue(s=new_s)))
    elif node_def.op in ("Enter", "RefEnter") and k == "frame_name":
      if not export_scope or compat.as_str(v.s).startswith(export_scope):
        node_def.attr[k].CopyFrom(attr_value_pb2.AttrValue(
            s=compat.as_bytes(ops.strip_name_scope(v.s, export_scope))))
    else:
      node_def.attr[k].CopyFrom(v)
  if clear_devices:
    node_def.device = ""
  return node_def


def _get_kind_name(item):
  if isinstance(item, (str, bytes)):
    return "bytes_list"
  if isinstance(item, int) and not isinstance(item, bool):
    return "int64_list"
  if isinstance(item, float):
    return "float_list"
  if isinstance(item, any_pb2.Any):
    return "any_list"
  return "node_list"


def _should_include_node(node_or_node_name, export_scope, exclude_nodes):
  if not isinstance(node_or_node_name, str):
    try:
      node_name = node_or_node_name.name
    except AttributeError:
      return True  # Objects without a name are kept.
  else:
    node_name = node_or_node_name
  if exclude_nodes and exclude_nodes(node_name):
    return False
  return (node_name.startswith(_UNBOUND_INPUT_PREFIX) or
          (not export_scope or node_name.startswith(export_scope)))


def add_collection_def(meta_graph_def, key, graph=None, export_scope=None, exclude_nodes=None,
                       override_contents=None):
  """Serializes collection `key` of `graph` into `meta_graph_def.collection_def[key]`;
  collections it cannot serialize are left out with a warning, as in TF."""
  if not isinstance(key, (str, bytes)):
    logging.warning("Only collections with string type keys will be serialized. This key has "
                    "%s", type(key))
    return
  graph = graph or ops.get_default_graph()
  collection_list = override_contents if override_contents else graph.get_collection(key)
  collection_list = [x for x in collection_list
                     if _should_include_node(x, export_scope, exclude_nodes)]
  if not collection_list:
    return
  try:
    col_def = meta_graph_def.collection_def[key]
    to_proto = ops.get_to_proto_function(key)
    proto_type = ops.get_collection_proto_type(key)
    if to_proto:
      for x in collection_list:
        proto = to_proto(x, export_scope=export_scope)
        if proto:
          if not isinstance(proto, proto_type):
            raise TypeError("%s is not a %s" % (type(proto).__name__, proto_type.__name__))
          col_def.bytes_list.value.append(proto.SerializeToString())
    else:
      kind = _get_kind_name(collection_list[0])
      if kind == "node_list":
        for x in collection_list:
          if not export_scope or x.name.startswith(export_scope):
            col_def.node_list.value.append(ops.strip_name_scope(x.name, export_scope))
      elif kind == "bytes_list":
        col_def.bytes_list.value.extend([compat.as_bytes(x) for x in collection_list])
      else:
        getattr(col_def, kind).value.extend(list(collection_list))
  except Exception as e:  # pylint: disable=broad-except
    logging.warning("Issue encountered when serializing: %s.\n%s", key, str(e))
    if key in meta_graph_def.collection_def:
      del meta_graph_def.collection_def[key]


def stripped_op_list_for_graph(graph_def):
  """The OpDefs of the ops `graph_def` uses (sorted by name; function names left out)."""
  used = {n.op for n in graph_def.node}
  for fn in graph_def.library.function:
    used.update(n.op for n in fn.node_def)
  op_list = op_def_pb2.OpList()
  for name in sorted(used):
    op_def = op_def_library.get_op_def(name)
    if op_def is not None:
      op_list.op.add().CopyFrom(op_def)
  return op_list


def strip_graph_default_valued_attrs(meta_graph_def):
  """Removes attrs that hold their OpDef's default value (and records that it did)."""
  for node in meta_graph_def.graph_def.node:
    op_def = op_def_library.get_op_def(node.op)
    if op_def is None:
      continue
    for attr_def in op_def.attr:
      if (attr_def.HasField("default_value") and attr_def.name in node.attr and
          node.attr[attr_def.name] == attr_def.default_value):
        del node.attr[attr_def.name]
  meta_graph_def.meta_info_def.stripped_default_attrs = True


def create_meta_graph_def(meta_info_def=None, graph_def=None, saver_def=None,
                          collection_list=None, graph=None, export_scope=None,
                          exclude_nodes=None, clear_extraneous_savers=False,
                          strip_default_attrs=False):
  """A MetaGraphDef of `graph` (default graph) with its collections, op list and versions."""
  if graph and not isinstance(graph, ops.Graph):
    raise TypeError("graph must be of type Graph, not %s" % type(graph))
  if meta_info_def and not isinstance(meta_info_def, meta_graph_pb2.MetaGraphDef.MetaInfoDef):
    raise TypeError("meta_info_def must be of type MetaInfoDef, not %s" % type(meta_info_def))
  if graph_def and not isinstance(graph_def, graph_pb2.GraphDef):
    raise TypeError("graph_def must be of type GraphDef, not %s" % type(graph_def))
  if saver_def and not isinstance(saver_def, saver_pb2.SaverDef):
    raise TypeError("saver_def must be of type SaverDef, not %s" % type(saver_def))
  graph = graph or ops.get_default_graph()
  meta_graph_def = meta_graph_pb2.MetaGraphDef()
  if not meta_info_def:
    meta_info_def = meta_graph_pb2.MetaGraphDef.MetaInfoDef()
  meta_info_def.tensorflow_version, meta_info_def.tensorflow_git_version = _version_strings()
  meta_graph_def.meta_info_def.MergeFrom(meta_info_def)
  if not graph_def:
    meta_graph_def.graph_def.MergeFrom(graph.as_graph_def(add_shapes=True))
  else:
    meta_graph_def.graph_def.MergeFrom(graph_def)
  if not meta_graph_def.meta_info_def.stripped_op_list.op:
    meta_graph_def.meta_info_def.stripped_op_list.MergeFrom(
        stripped_op_list_for_graph(meta_graph_def.graph_def))
  if strip_default_attrs:
    strip_graph_default_valued_attrs(meta_graph_def)
  if saver_def:
    meta_graph_def.saver_def.MergeFrom(saver_def)
  clist = collection_list if collection_list is not None else graph.get_all_collection_keys()
  for ctype in clist:
    if clear_extraneous_savers and ctype == ops.GraphKeys.SAVERS:
      from_proto = ops.get_from_proto_function(ctype)
      add_collection_def(meta_graph_def, ctype, graph=graph, export_scope=export_scope,
                         exclude_nodes=exclude_nodes, override_contents=[from_proto(saver_def)])
    else:
      add_collection_def(meta_graph_def, ctype, graph=graph, export_scope=export_scope,
                         exclude_nodes=exclude_nodes)
  return meta_graph_def


def _find_extraneous_saver_nodes(graph_def, saver_def):
  """Names of save/restore nodes that belong to Savers other than `saver_def`'s."""
  nodes = {node_def.name: (set(_op_name(x) for x in node_def.input), node_def.op)
           for node_def in graph_def.node}
  retain_scope_save = None
  retain_scope_restore = None
  if saver_def is not None:
    save_op_name = _op_name(saver_def.save_tensor_name)
    restore_op_name = _op_name(saver_def.restore_op_name)
    retain_scope_restore = _get_scope(restore_op_name) + "/"
    retain_scope_save = _get_scope(save_op_name) + "/"
  all_saver_node_names = set(name for name, (_, op) in nodes.items()
                             if op in ("SaveV2", "RestoreV2"))
  all_saver_scopes = (set(_get_scope(x) for x in all_saver_node_names) -
                      all_saver_node_names)
  all_saver_scopes = set(x + "/" for x in all_saver_scopes)
  extraneous_scopes = all_saver_scopes - set([retain_scope_save, retain_scope_restore])
  extraneous_node_names = set()
  for name, _ in nodes.items():
    for extraneous_scope in extraneous_scopes:
      if name.startswith(extraneous_scope):
        extraneous_node_names.add(name)
        break
  return extraneous_node_names.__contains__


def _op_name(tensor_name):
  if tensor_name[0] == "^":
    tensor_name = tensor_name[1:]
  if ":" in tensor_name:
    op_name, _ = tensor_name.split(":")
    return op_name
  return tensor_name


def _get_scope(node_name):
  if node_name[0] == "^":
    node_name = node_name[1:]
  if "/" in node_name:
    scope, _ = node_name.rsplit("/", 1)
    return scope
  return ""


def export_scoped_meta_graph(filename=None, graph_def=None, graph=None, export_scope=None,
                             as_text=False, unbound_inputs_col_name="unbound_inputs",
                             clear_devices=False, saver_def=None,
                             clear_extraneous_savers=False, strip_default_attrs=False,
                             save_debug_info=False, **kwargs):
  """(MetaGraphDef, {name: variable}) for `graph` (or the part under `export_scope`),
  written to `filename` if given."""
  del save_debug_info  # No op tracebacks are kept, so there is no debug info to write.
  graph = graph or ops.get_default_graph()
  exclude_nodes = None
  unbound_inputs = []
  if export_scope or clear_extraneous_savers or clear_devices:
    if graph_def:
      new_graph_def = graph_pb2.GraphDef()
      new_graph_def.versions.CopyFrom(graph_def.versions)
      new_graph_def.library.CopyFrom(graph_def.library)
      if clear_extraneous_savers:
        exclude_nodes = _find_extraneous_saver_nodes(graph_def, saver_def)
      for node_def in graph_def.node:
        if _should_include_node(node_def.name, export_scope, exclude_nodes):
          new_graph_def.node.extend([_node_def(node_def, export_scope, unbound_inputs,
                                               clear_devices=clear_devices)])
      graph_def = new_graph_def
    else:
      full = graph.as_graph_def(add_shapes=True)
      graph_def = graph_pb2.GraphDef()
      graph_def.versions.CopyFrom(full.versions)
      graph_def.library.CopyFrom(full.library)
      if clear_extraneous_savers:
        exclude_nodes = _find_extraneous_saver_nodes(full, saver_def)
      for node_def in full.node:
        if _should_include_node(node_def.name, export_scope, exclude_nodes):
          graph_def.node.extend([_node_def(node_def, export_scope, unbound_inputs,
                                           clear_devices=clear_devices)])
    if unbound_inputs_col_name:
      graph.clear_collection(unbound_inputs_col_name)
      for k in unbound_inputs:
        graph.add_to_collection(unbound_inputs_col_name, k)

  var_list = {}
  for v in graph.get_collection(ops.GraphKeys.GLOBAL_VARIABLES, scope=export_scope):
    if _should_include_node(v, export_scope, exclude_nodes):
      var_list[ops.strip_name_scope(v.name, export_scope)] = v

  scoped_meta_graph_def = create_meta_graph_def(
      graph_def=graph_def, graph=graph, export_scope=export_scope, exclude_nodes=exclude_nodes,
      clear_extraneous_savers=clear_extraneous_savers, saver_def=saver_def,
      strip_default_attrs=strip_default_attrs, **kwargs)
  if filename:
    graph_io.write_graph(scoped_meta_graph_def, os.path.dirname(filename),
                         os.path.basename(filename), as_text=as_text)
  return scoped_meta_graph_def, var_list


# ---- import ---------------------------------------------------------------------------------
def read_meta_graph_file(filename):
  """A MetaGraphDef from a binary or text file."""
  meta_graph_def = meta_graph_pb2.MetaGraphDef()
  if not os.path.exists(filename):
    raise IOError("File %s does not exist." % filename)
  with open(filename, "rb") as f:
    file_content = f.read()
  try:
    meta_graph_def.ParseFromString(file_content)
    return meta_graph_def
  except Exception:  # pylint: disable=broad-except
    pass
  try:
    # Fields newer TF versions added (e.g. OpDef.ArgDef.experimental_full_type) are skipped,
    # as the binary parser skips them.
    text_format.Merge(file_content.decode("utf-8"), meta_graph_def, allow_unknown_field=True)
  except (text_format.ParseError, UnicodeDecodeError) as e:
    raise IOError("Cannot parse file %s: %s." % (filename, str(e))) from None
  return meta_graph_def


def _version_at_least(version, minimum):
  parts = []
  for p in re.split(r"[.\-]", version)[:len(minimum)]:
    m = re.match(r"\d+", p)
    parts.append(int(m.group(0)) if m else 0)
  return tuple(parts) >= minimum


def import_scoped_meta_graph_with_return_elements(
    meta_graph_or_file, clear_devices=False, graph=None, import_scope=None, input_map=None,
    unbound_inputs_col_name="unbound_inputs", restore_collections_predicate=(lambda key: True),
    return_elements=None):
  """Imports the graph and restores the collections; returns ({name: variable}, elements)."""
  if isinstance(meta_graph_or_file, meta_graph_pb2.MetaGraphDef):
    meta_graph_def = meta_graph_or_file
  else:
    meta_graph_def = read_meta_graph_file(meta_graph_or_file)

  if unbound_inputs_col_name:
    for key, col_def in sorted(meta_graph_def.collection_def.items()):
      if key == unbound_inputs_col_name:
        kind = col_def.WhichOneof("kind")
        field = getattr(col_def, kind)
        if field.value and (not input_map or
                            sorted(compat.as_str(v) for v in field.value) != sorted(input_map)):
          raise ValueError("Graph contains unbound inputs: %s. Must provide these inputs "
                           "through input_map." %
                           ",".join(compat.as_str(v) for v in field.value
                                    if not input_map or v not in input_map))
        break

  graph = graph or ops.get_default_graph()
  with graph.as_default():
    producer_op_list = None
    if meta_graph_def.meta_info_def.HasField("stripped_op_list"):
      producer_op_list = meta_graph_def.meta_info_def.stripped_op_list
    input_graph_def = meta_graph_def.graph_def
    if clear_devices:
      input_graph_def = graph_pb2.GraphDef()
      input_graph_def.CopyFrom(meta_graph_def.graph_def)
      for node in input_graph_def.node:
        node.device = ""
    scope_to_prepend_to_names = graph.unique_name(import_scope or "", mark_as_used=False)
    imported_return_elements = importer.import_graph_def(
        input_graph_def, name=(import_scope or scope_to_prepend_to_names), input_map=input_map,
        producer_op_list=producer_op_list, return_elements=return_elements)

    # VariableDef.trainable exists since TF 1.9; older files say it by collection membership.
    tf_version = meta_graph_def.meta_info_def.tensorflow_version
    variables_have_trainable = not tf_version or _version_at_least(tf_version, (1, 9))

    # TRAINABLE_VARIABLES first, so variables found there are created as trainable.
    sorted_collections = []
    if ops.GraphKeys.TRAINABLE_VARIABLES in meta_graph_def.collection_def:
      sorted_collections.append((ops.GraphKeys.TRAINABLE_VARIABLES,
                                 meta_graph_def.collection_def[
                                     ops.GraphKeys.TRAINABLE_VARIABLES]))
    for key, value in sorted(meta_graph_def.collection_def.items()):
      if key != ops.GraphKeys.TRAINABLE_VARIABLES:
        sorted_collections.append((key, value))

    variable_objects = {}
    for key, col_def in sorted_collections:
      if key == unbound_inputs_col_name or not restore_collections_predicate(key):
        continue
      kind = col_def.WhichOneof("kind")
      if kind is None:
        logging.error("Cannot identify data type for collection %s. Skipping.", key)
        continue
      from_proto = ops.get_from_proto_function(key)
      if from_proto and kind == "bytes_list":
        proto_type = ops.get_collection_proto_type(key)
        if key in ops.GraphKeys._VARIABLE_COLLECTIONS:  # pylint: disable=protected-access
          for value in col_def.bytes_list.value:
            variable = variable_objects.get(value, None)
            if variable is None:
              proto = proto_type()
              proto.ParseFromString(value)
              if not variables_have_trainable:
                proto.trainable = (key == ops.GraphKeys.TRAINABLE_VARIABLES)
              variable = from_proto(proto, import_scope=scope_to_prepend_to_names)
              variable_objects[value] = variable
            graph.add_to_collection(key, variable)
        else:
          for value in col_def.bytes_list.value:
            proto = proto_type()
            proto.ParseFromString(value)
            graph.add_to_collection(key, from_proto(proto,
                                                    import_scope=scope_to_prepend_to_names))
      else:
        field = getattr(col_def, kind)
        if kind == "node_list":
          for value in field.value:
            col_op = graph.as_graph_element(
                ops.prepend_name_scope(value, scope_to_prepend_to_names))
            graph.add_to_collection(key, col_op)
        elif kind == "int64_list":
          for value in field.value:
            graph.add_to_collection(key, int(value))
        else:
          for value in field.value:
            graph.add_to_collection(key, ops.prepend_name_scope(value,
                                                                scope_to_prepend_to_names))

    var_list = {}
    for v in graph.get_collection(ops.GraphKeys.GLOBAL_VARIABLES,
                                  scope=scope_to_prepend_to_names):
      var_list[ops.strip_name_scope(v.name, scope_to_prepend_to_names)] = v
  return var_list, imported_return_elements


def import_scoped_meta_graph(meta_graph_or_file, clear_devices=False, graph=None,
                             import_scope=None, input_map=None,
                             unbound_inputs_col_name="unbound_inputs",
                             restore_collections_predicate=(lambda key: True)):
  return import_scoped_meta_graph_with_return_elements(
      meta_graph_or_file, clear_devices, graph, import_scope, input_map,
      unbound_inputs_col_name, restore_collections_predicate)[0]


# ---- tf.train entry points ------------------------------------------------------------------
@tf_export("train.export_meta_graph")
def export_meta_graph(filename=None, meta_info_def=None, graph_def=None, saver_def=None,
                      collection_list=None, as_text=False, graph=None, export_scope=None,
                      clear_devices=False, clear_extraneous_savers=False,
                      strip_default_attrs=False, save_debug_info=False, **kwargs):
  """Returns the MetaGraphDef of `graph` (default graph); writes it to `filename` if given."""
  meta_graph_def, _ = export_scoped_meta_graph(
      filename=filename, meta_info_def=meta_info_def, graph_def=graph_def, saver_def=saver_def,
      collection_list=collection_list, as_text=as_text, graph=graph, export_scope=export_scope,
      clear_devices=clear_devices, clear_extraneous_savers=clear_extraneous_savers,
      strip_default_attrs=strip_default_attrs, save_debug_info=save_debug_info, **kwargs)
  return meta_graph_def


def _create_saver(meta_graph_def, import_scope, imported_vars):
  """training/saver.py builds the Saver (from saver_def, or a default one over the variables);
  without that module no Saver can be made and None is returned."""
  try:
    from tensorflow.python.training import saver as saver_lib  # pylint: disable=g-import-not-at-top
  except ImportError:
    return None
  create = getattr(saver_lib, "_create_saver_from_imported_meta_graph", None)
  if create is None:
    return None
  return create(meta_graph_def, import_scope, imported_vars)


def _import_meta_graph_with_return_elements(meta_graph_or_file, clear_devices=False,
                                            import_scope=None, return_elements=None,
                                            **kwargs):
  if not isinstance(meta_graph_or_file, meta_graph_pb2.MetaGraphDef):
    meta_graph_def = read_meta_graph_file(meta_graph_or_file)
  else:
    meta_graph_def = meta_graph_or_file
  imported_vars, imported_return_elements = import_scoped_meta_graph_with_return_elements(
      meta_graph_def, clear_devices=clear_devices, import_scope=import_scope,
      return_elements=return_elements, **kwargs)
  saver = _create_saver(meta_graph_def, import_scope, imported_vars)
  return saver, imported_return_elements


@tf_export("train.import_meta_graph")
def import_meta_graph(meta_graph_or_file, clear_devices=False, import_scope=None, **kwargs):
  """Recreates a graph saved in a MetaGraphDef (file or proto) in the default graph, with its
  collections; returns the Saver its saver_def describes (or None)."""
  return _import_meta_graph_with_return_elements(meta_graph_or_file, clear_devices,
                                                 import_scope, **kwargs)[0]


tf_export("MetaGraphDef")(meta_graph_pb2.MetaGraphDef)
tf_export("train.SaverDef")(saver_pb2.SaverDef)
tf_export("TensorInfo")(meta_graph_pb2.TensorInfo)
