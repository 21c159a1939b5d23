"""tf.saved_model.builder.SavedModelBuilder: saved_model.pb (one MetaGraphDef per tag set)
plus variables/ (a sharded V2 checkpoint) and assets/."""
import os
import shutil

from google.protobuf import any_pb2

from tensorflow.core.protobuf import meta_graph_pb2
from tensorflow.core.protobuf import saved_model_pb2
from tensorflow.core.protobuf import saver_pb2
from tensorflow.core.framework import types_pb2
from tensorflow.python.framework import dtypes
from tensorflow.python.framework import ops
from tensorflow.python.lib.io import file_io
from tensorflow.python.ops import variables
from tensorflow.python.platform import tf_logging as logging
from tensorflow.python.saved_model import constants
from tensorflow.python.saved_model import utils_impl as saved_model_utils
from tensorflow.python.training import saver as tf_saver
from tensorflow.python.util.tf_export import tf_export


def _validate_tensor_info(tensor_info):
  if tensor_info is None:
    raise AssertionError("All TensorInfo protos used in the SignatureDefs must have the name "
                         "and dtype fields set.")
  if tensor_info.WhichOneof("encoding") is None:
    raise AssertionError("All TensorInfo protos used in the SignatureDefs must have one of the "
                         "'encoding' fields (e.g., name or coo_sparse) set: %s" % tensor_info)
  if tensor_info.dtype == types_pb2.DT_INVALID:
    raise AssertionError("All TensorInfo protos used in the SignatureDefs must have the dtype "
                         "field set: %s" % tensor_info)


def _asset_path_from_tensor(path_tensor):
  if not isinstance(path_tensor, ops.Tensor):
    raise TypeError("Asset path tensor must be a Tensor.")
  if path_tensor.op.type != "Const":
    raise TypeError("Asset path tensor must be of type constant.")
  if path_tensor.dtype != dtypes.string:
    raise TypeError("Asset path tensor must be of dtype string.")
  values = path_tensor.op.get_attr("value").string_val
  if len(values) != 1:
    raise TypeError("Asset path tensor must be a scalar.")
  return values[0].decode("utf-8")


def _asset_filename(source, taken):
  """The asset's basename, or basename_<k> when another source already took that name."""
  base = os.path.basename(source)
  if base not in taken or taken[base] == source:
    return base
  stem, ext = os.path.splitext(base)
  k = 1
  while "%s_%d%s" % (stem, k, ext) in taken:
    k += 1
  return "%s_%d%s" % (stem, k, ext)


@tf_export(v1=["saved_model.Builder", "saved_model.builder.SavedModelBuilder"])
class SavedModelBuilder(object):
  """Builds a SavedModel: the first meta graph comes with the variables, later ones share them."""

  def __init__(self, export_dir):
    self._saved_model = saved_model_pb2.SavedModel()
    self._saved_model.saved_model_schema_version = constants.SAVED_MODEL_SCHEMA_VERSION
    self._export_dir = export_dir
    if os.path.exists(export_dir):
      if os.listdir(export_dir):
        raise AssertionError(
            "Export directory already exists, and isn't empty. Please choose a different "
            "export directory, or delete all the contents of the specified directory: %s"
            % export_dir)
    else:
      file_io.recursive_create_dir(export_dir)
    self._has_saved_variables = False

  def _validate_signature_def_map(self, signature_def_map):
    for key, signature_def in signature_def_map.items():
      for info in list(signature_def.inputs.values()) + list(signature_def.outputs.values()):
        _validate_tensor_info(info)
      if key in (constants.INIT_OP_SIGNATURE_KEY, constants.TRAIN_OP_SIGNATURE_KEY):
        raise KeyError("SignatureDef map key \"{}\" is reserved for initialization. Please "
                       "use a different key.".format(key))

  def _maybe_add_main_op(self, main_op):
    if main_op is None:
      return
    if not isinstance(main_op, ops.Operation):
      raise TypeError("main_op needs to be an Operation: %r" % main_op)
    for key in (constants.MAIN_OP_KEY, constants.LEGACY_INIT_OP_KEY):
      if ops.get_collection(key):
        raise ValueError("Graph already contains one or more main ops under the collection "
                         "{}.".format(key))
    ops.add_to_collection(constants.MAIN_OP_KEY, main_op)

  @staticmethod
  def _maybe_create_saver(saver=None):
    if saver:
      return saver
    return tf_saver.Saver(variables._all_saveable_objects(), sharded=True,  # pylint: disable=protected-access
                          write_version=saver_pb2.SaverDef.V2, allow_empty=True)

  def _save_and_write_assets(self, assets_collection):
    """Copies the asset files into assets/ and records each (as TF 1.x's builder does) as an
    AssetFileDef in the graph's saved_model_assets collection."""
    if not assets_collection:
      return
    taken = {}
    for tensor in assets_collection:
      source = _asset_path_from_tensor(tensor)
      if not source:
        raise ValueError("Invalid asset filepath tensor %s" % tensor)
      filename = _asset_filename(source, taken)
      taken[filename] = source
      asset = meta_graph_pb2.AssetFileDef(filename=filename)
      asset.tensor_info.name = tensor.name
      packed = any_pb2.Any()
      packed.Pack(asset)
      ops.add_to_collection(constants.ASSETS_KEY, packed)
    assets_dir = os.path.join(self._export_dir, constants.ASSETS_DIRECTORY)
    os.makedirs(assets_dir, exist_ok=True)
    for filename, source in taken.items():
      destination = os.path.join(assets_dir, filename)
      if not os.path.exists(destination):
        shutil.copyfile(source, destination)
    logging.info("Assets written to: %s", assets_dir)

  def _tag_and_add_meta_graph(self, meta_graph_def, tags, signature_def_map):
    for tag in tags:
      meta_graph_def.meta_info_def.tags.append(tag)
    for key, signature_def in (signature_def_map or {}).items():
      meta_graph_def.signature_def[key].CopyFrom(signature_def)
    self._saved_model.meta_graphs.add().CopyFrom(meta_graph_def)

  def add_meta_graph_and_variables(self, sess, tags, signature_def_map=None,
                                   assets_collection=None, legacy_init_op=None,
                                   clear_devices=False, main_op=None,
                                   strip_default_attrs=False, saver=None):
    if self._has_saved_variables:
      raise AssertionError("Graph state including variables and assets has already been "
                           "saved. Please invoke `add_meta_graph()` instead.")
    signature_def_map = signature_def_map or {}
    self._validate_signature_def_map(signature_def_map)
    self._save_and_write_assets(assets_collection)
    self._maybe_add_main_op(main_op if main_op is not None else legacy_init_op)
    saved_model_utils.get_or_create_variables_dir(self._export_dir)
    variables_path = saved_model_utils.get_variables_path(self._export_dir)
    saver = self._maybe_create_saver(saver)
    # The state file is not used when loading, and would go stale when the model is moved.
    saver.save(sess, variables_path, write_meta_graph=False, write_state=False)
    meta_graph_def = saver.export_meta_graph(clear_devices=clear_devices,
                                             strip_default_attrs=strip_default_attrs)
    self._tag_and_add_meta_graph(meta_graph_def, tags, signature_def_map)
    self._has_saved_variables = True

  def add_meta_graph(self, tags, signature_def_map=None, assets_collection=None,
                     legacy_init_op=None, clear_devices=False, main_op=None,
                     strip_default_attrs=False, saver=None):
    if not self._has_saved_variables:
      raise AssertionError("Graph state including variables and assets has not been saved "
                           "yet. Please invoke `add_meta_graph_and_variables()` first.")
    signature_def_map = signature_def_map or {}
    self._validate_signature_def_map(signature_def_map)
    self._save_and_write_assets(assets_collection)
    self._maybe_add_main_op(main_op if main_op is not None else legacy_init_op)
    saver = self._maybe_create_saver(saver)
    meta_graph_def = saver.export_meta_graph(clear_devices=clear_devices,
                                             strip_default_attrs=strip_default_attrs)
    self._tag_and_add_meta_graph(meta_graph_def, tags, signature_def_map)

  def save(self, as_text=False):
    file_io.recursive_create_dir(self._export_dir)
    if as_text:
      from google.protobuf import text_format  # pylint: disable=g-import-not-at-top
      path = os.path.join(self._export_dir, constants.SAVED_MODEL_FILENAME_PBTXT)
      file_io.atomic_write_string_to_file(path, text_format.MessageToString(self._saved_model))
    else:
      path = os.path.join(self._export_dir, constants.SAVED_MODEL_FILENAME_PB)
      file_io.atomic_write_string_to_file(
          path, self._saved_model.SerializeToString(deterministic=True))
    logging.info("SavedModel written to: %s", path)
    return path.encode("utf-8")
