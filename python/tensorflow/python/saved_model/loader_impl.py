"""tf.saved_model.loader.load: import the meta graph for a tag set, restore its variables, run
its main op (with the asset paths fed)."""
import os

from google.protobuf import message
from google.protobuf import text_format

from tensorflow.core.protobuf import meta_graph_pb2
from tensorflow.core.protobuf import saved_model_pb2
from tensorflow.python.framework import ops
from tensorflow.python.ops import variables
from tensorflow.python.platform import tf_logging as logging
from tensorflow.python.saved_model import constants
from tensorflow.python.saved_model import utils_impl as saved_model_utils
from tensorflow.python.training import saver as tf_saver
from tensorflow.python.util.tf_export import tf_export


def parse_saved_model(export_dir):
  path_pb = os.path.join(export_dir, constants.SAVED_MODEL_FILENAME_PB)
  path_pbtxt = os.path.join(export_dir, constants.SAVED_MODEL_FILENAME_PBTXT)
  saved_model = saved_model_pb2.SavedModel()
  if os.path.exists(path_pb):
    try:
      with open(path_pb, "rb") as f:
        saved_model.ParseFromString(f.read())
    except message.DecodeError as e:
      raise IOError("Cannot parse file %s: %s." % (path_pb, str(e)))
    return saved_model
  if os.path.exists(path_pbtxt):
    try:
      with open(path_pbtxt) as f:
        text_format.Merge(f.read(), saved_model)
    except text_format.ParseError as e:
      raise IOError("Cannot parse file %s: %s." % (path_pbtxt, str(e)))
    return saved_model
  raise IOError("SavedModel file does not exist at: %s/{%s|%s}"
                % (export_dir, constants.SAVED_MODEL_FILENAME_PBTXT,
                   constants.SAVED_MODEL_FILENAME_PB))


def get_asset_tensors(export_dir, meta_graph_def_to_load, import_scope=None):
  """{asset tensor name: its file's path under export_dir/assets}."""
  assets_dir = os.path.join(export_dir, constants.ASSETS_DIRECTORY)
  out = {}
  assets = list(meta_graph_def_to_load.asset_file_def)
  collection_def = meta_graph_def_to_load.collection_def
  if not assets and constants.ASSETS_KEY in collection_def:
    for packed in collection_def[constants.ASSETS_KEY].any_list.value:
      asset = meta_graph_pb2.AssetFileDef()
      packed.Unpack(asset)
      assets.append(asset)
  for asset in assets:
    name = ops.prepend_name_scope(asset.tensor_info.name, import_scope=import_scope)
    out[name] = os.path.join(assets_dir, asset.filename)
  return out


def _get_main_op_tensor(meta_graph_def_to_load, init_op_key, import_scope=None):
  collection_def = meta_graph_def_to_load.collection_def
  if init_op_key not in collection_def:
    return None
  main_ops = collection_def[init_op_key].node_list.value
  if len(main_ops) != 1:
    raise RuntimeError("Expected exactly one SavedModel main op. Found: {}".format(main_ops))
  name = ops.prepend_name_scope(main_ops[0], import_scope=import_scope)
  return ops.get_default_graph().as_graph_element(name)


def get_init_op(meta_graph_def, import_scope=None):
  return (_get_main_op_tensor(meta_graph_def, constants.MAIN_OP_KEY, import_scope)
          or _get_main_op_tensor(meta_graph_def, constants.LEGACY_INIT_OP_KEY, import_scope))


@tf_export(v1=["saved_model.contains_saved_model", "saved_model.maybe_saved_model_directory",
               "saved_model.loader.maybe_saved_model_directory"])
def maybe_saved_model_directory(export_dir):
  return (os.path.exists(os.path.join(export_dir, constants.SAVED_MODEL_FILENAME_PB))
          or os.path.exists(os.path.join(export_dir, constants.SAVED_MODEL_FILENAME_PBTXT)))


class SavedModelLoader(object):
  """Loads one tag set's meta graph of a SavedModel into a session."""

  def __init__(self, export_dir):
    self._export_dir = export_dir
    self._variables_path = saved_model_utils.get_variables_path(export_dir)
    self._saved_model = parse_saved_model(export_dir)

  @property
  def export_dir(self):
    return self._export_dir

  @property
  def variables_path(self):
    return self._variables_path

  @property
  def saved_model(self):
    return self._saved_model

  def get_meta_graph_def_from_tags(self, tags):
    available_tags = []
    for meta_graph_def in self._saved_model.meta_graphs:
      available_tags.append(set(meta_graph_def.meta_info_def.tags))
      if set(meta_graph_def.meta_info_def.tags) == set(tags):
        return meta_graph_def
    raise RuntimeError(
        "MetaGraphDef associated with tags " + str(tags).strip("[]") + " could not be found "
        "in SavedModel. To inspect available tag-sets in the SavedModel, please use the "
        "SavedModel CLI: `saved_model_cli`\navailable_tags: " + str(available_tags))

  def load_graph(self, graph, tags, import_scope=None, **saver_kwargs):
    meta_graph_def = self.get_meta_graph_def_from_tags(tags)
    with graph.as_default():
      from tensorflow.python.framework import meta_graph  # pylint: disable=g-import-not-at-top
      saver = meta_graph.import_meta_graph(meta_graph_def, import_scope=import_scope,
                                           **saver_kwargs)
    return saver, None

  def restore_variables(self, sess, saver, import_scope=None):
    with sess.graph.as_default():
      if saver is None and not variables._all_saveable_objects(scope=import_scope):  # pylint: disable=protected-access
        logging.info("The specified SavedModel has no variables; no checkpoints were "
                     "restored.")
      elif isinstance(saver, tf_saver.Saver):
        saver.restore(sess, self._variables_path)
      else:
        raise ValueError("No tf.train.Saver object was passed to the function "
                         "`SavedModelLoader.restore_variables`. Since there are variables in "
                         "the graph, a saver is required.")

  def run_init_ops(self, sess, tags, import_scope=None):
    meta_graph_def = self.get_meta_graph_def_from_tags(tags)
    with sess.graph.as_default():
      feeds = get_asset_tensors(self._export_dir, meta_graph_def, import_scope=import_scope)
      init_op = get_init_op(meta_graph_def, import_scope)
      if init_op is not None:
        sess.run(fetches=[init_op], feed_dict=feeds)

  def load(self, sess, tags, import_scope=None, **saver_kwargs):
    with sess.graph.as_default():
      saver, _ = self.load_graph(sess.graph, tags, import_scope, **saver_kwargs)
      self.restore_variables(sess, saver, import_scope)
      self.run_init_ops(sess, tags, import_scope)
    return self.get_meta_graph_def_from_tags(tags)


@tf_export(v1=["saved_model.load", "saved_model.loader.load"])
def load(sess, tags, export_dir, import_scope=None, **saver_kwargs):
  return SavedModelLoader(export_dir).load(sess, tags, import_scope, **saver_kwargs)
