"""tf.train.Saver: the save/restore subgraph TF 1.15 builds (a `save/` scope with SaveV2,
RestoreV2 and one assign per variable) and the Python bookkeeping around it (the `checkpoint`
state file, max_to_keep, keep_checkpoint_every_n_hours, .meta files)."""
import collections
import os.path
import time
import uuid

import numpy as np

from tensorflow.core.protobuf import saver_pb2
from tensorflow.python.framework import constant_op
from tensorflow.python.framework import device as pydev
from tensorflow.python.framework import errors
from tensorflow.python.framework import ops
from tensorflow.python.ops import array_ops
from tensorflow.python.ops import control_flow_ops
from tensorflow.python.ops import gen_io_ops
from tensorflow.python.ops import variables
from tensorflow.python.platform import gfile
from tensorflow.python.platform import tf_logging as logging
from tensorflow.python.training import checkpoint_management
from tensorflow.python.training import training_util
from tensorflow.python.training.saving import saveable_object_util
from tensorflow.python.util.tf_export import tf_export


tf_export(v1=["train.SaverDef"])(saver_pb2.SaverDef)


class BaseSaverBuilder(object):
  """Builds the save and restore ops of a Saver."""

  def __init__(self, write_version=saver_pb2.SaverDef.V2):
    if write_version != saver_pb2.SaverDef.V2:
      # TF 1.15 itself deprecates V1: a program that still asks for it gets V2 checkpoints,
      # which TF 1.15 reads too.
      logging.warning("tfclassic writes checkpoints in the V2 format: write_version=%s is "
                      "written as V2.", saver_pb2.SaverDef.CheckpointFormatVersion.Name(
                          write_version))
      write_version = saver_pb2.SaverDef.V2
    self._write_version = write_version

  def save_op(self, filename_tensor, saveables):
    tensor_names, tensors, tensor_slices = [], [], []
    for saveable in saveables:
      for spec in saveable.specs:
        tensor_names.append(spec.name)
        tensors.append(spec.tensor)
        tensor_slices.append(spec.slice_spec)
    return gen_io_ops.save_v2(filename_tensor, tensor_names, tensor_slices, tensors)

  def bulk_restore(self, filename_tensor, saveables, preferred_shard, restore_sequentially):
    del restore_sequentially
    all_tensors = []
    for saveable in saveables:
      if saveable.device:
        device = saveable_object_util.set_cpu0(saveable.device)
      else:
        device = None
      with ops.device(device):
        all_tensors.extend(self.restore_op(filename_tensor, saveable, preferred_shard))
    return all_tensors

  def restore_op(self, filename_tensor, saveable, preferred_shard):
    del preferred_shard
    return [gen_io_ops.restore_v2(filename_tensor, [spec.name], [spec.slice_spec],
                                  [spec.dtype])[0]
            for spec in saveable.specs]

  def sharded_filename(self, filename_tensor, shard, num_shards):
    return gen_io_ops.sharded_filename(filename_tensor, shard, num_shards)

  def _AddSaveOps(self, filename_tensor, saveables):  # pylint: disable=invalid-name
    save = self.save_op(filename_tensor, saveables)
    return control_flow_ops.with_dependencies([save], filename_tensor)

  def _AddShardedSaveOpsForV2(self, checkpoint_prefix, per_device):  # pylint: disable=invalid-name
    # Each device writes "<prefix>_temp_<uuid>/part-0000k-of-0000n"; MergeV2Checkpoints then
    # moves the parts to "<prefix>.index" and "<prefix>.data-0000k-of-0000n".
    from tensorflow.python.ops import gen_string_ops  # pylint: disable=g-import-not-at-top
    sharded_suffix = "_temp_%s/part" % uuid.uuid4().hex
    tmp_checkpoint_prefix = gen_string_ops.string_join([checkpoint_prefix, sharded_suffix])
    num_shards = len(per_device)
    sharded_saves = []
    sharded_prefixes = []
    num_shards_tensor = constant_op.constant(num_shards, name="num_shards")
    last_device = None
    for shard, (device, saveables) in enumerate(per_device):
      last_device = device
      with ops.device(saveable_object_util.set_cpu0(device)):
        sharded_filename = self.sharded_filename(tmp_checkpoint_prefix, shard,
                                                 num_shards_tensor)
        sharded_prefixes.append(sharded_filename)
        sharded_saves.append(self._AddSaveOps(sharded_filename, saveables))
    with ops.control_dependencies([x.op for x in sharded_saves]):
      with ops.device(saveable_object_util.set_cpu0(last_device)):
        merge_step = gen_io_ops.merge_v2_checkpoints(sharded_prefixes, checkpoint_prefix,
                                                     delete_old_dirs=True)
        with ops.control_dependencies([merge_step]):
          return array_ops.identity(checkpoint_prefix)

  def _AddRestoreOps(self, filename_tensor, saveables, restore_sequentially, reshape,  # pylint: disable=invalid-name
                     preferred_shard=-1, name="restore_all"):
    all_tensors = self.bulk_restore(filename_tensor, saveables, preferred_shard,
                                    restore_sequentially)
    assign_ops = []
    idx = 0
    for saveable in saveables:
      shapes = None
      if reshape:
        shapes = []
        for spec in saveable.specs:
          v = spec.tensor
          shape = v.get_shape()
          if not shape.is_fully_defined():
            shape = array_ops.shape(v)
          shapes.append(shape)
      saveable_tensors = all_tensors[idx:idx + len(saveable.specs)]
      idx += len(saveable.specs)
      assign_ops.append(saveable.restore(saveable_tensors, shapes))
    return control_flow_ops.group(*assign_ops, name=name)

  def _AddShardedRestoreOps(self, filename_tensor, per_device, restore_sequentially, reshape):  # pylint: disable=invalid-name
    sharded_restores = []
    for shard, (device, saveables) in enumerate(per_device):
      with ops.device(device):
        sharded_restores.append(self._AddRestoreOps(
            filename_tensor, saveables, restore_sequentially, reshape, preferred_shard=shard,
            name="restore_shard"))
    return control_flow_ops.group(*sharded_restores, name="restore_all")

  @staticmethod
  def _GroupByDevices(saveables):  # pylint: disable=invalid-name
    per_device = collections.defaultdict(list)
    for saveable in saveables:
      canonical_device = set(pydev.canonical_name(spec.tensor.device) for spec in saveable.specs)
      if len(canonical_device) != 1:
        raise ValueError("All tensors of a saveable object must be on the same device: %s"
                         % saveable.name)
      per_device[canonical_device.pop()].append(saveable)
    return sorted(per_device.items(), key=lambda t: t[0])

  def build(self, names_to_saveables, reshape=False, sharded=False, max_to_keep=5,
            keep_checkpoint_every_n_hours=10000.0, name=None, restore_sequentially=False,
            filename="model"):
    return self._build_internal(
        names_to_saveables=names_to_saveables, reshape=reshape, sharded=sharded,
        max_to_keep=max_to_keep, keep_checkpoint_every_n_hours=keep_checkpoint_every_n_hours,
        name=name, restore_sequentially=restore_sequentially, filename=filename)

  def _build_internal(self, names_to_saveables, reshape=False, sharded=False, max_to_keep=5,
                      keep_checkpoint_every_n_hours=10000.0, name=None,
                      restore_sequentially=False, filename="model", build_save=True,
                      build_restore=True):
    if not build_save or not build_restore:
      raise ValueError("save and restore operations need to be built together when eager "
                       "execution is not enabled.")
    saveables = saveable_object_util.validate_and_slice_inputs(names_to_saveables)
    if max_to_keep is None:
      max_to_keep = 0
    with ops.name_scope(name, "save", [saveable.op for saveable in saveables]) as name:
      # A placeholder_with_default so the filename can be fed; "Const" is the historical name
      # that SaverDefs refer to.
      filename_tensor = array_ops.placeholder_with_default(filename or "model", shape=(),
                                                           name="filename")
      filename_tensor = array_ops.placeholder_with_default(filename_tensor, shape=(),
                                                           name="Const")
      if sharded:
        per_device = self._GroupByDevices(saveables)
        save_tensor = self._AddShardedSaveOpsForV2(filename_tensor, per_device)
        restore_op = self._AddShardedRestoreOps(filename_tensor, per_device,
                                                restore_sequentially, reshape)
      else:
        save_tensor = self._AddSaveOps(filename_tensor, saveables)
        restore_op = self._AddRestoreOps(filename_tensor, saveables, restore_sequentially,
                                         reshape)
    return saver_pb2.SaverDef(
        filename_tensor_name=filename_tensor.name, save_tensor_name=save_tensor.name,
        restore_op_name=restore_op.name, max_to_keep=max_to_keep, sharded=sharded,
        keep_checkpoint_every_n_hours=keep_checkpoint_every_n_hours,
        version=self._write_version)


class BulkSaverBuilder(BaseSaverBuilder):
  """Restores every tensor with a single RestoreV2 op on the CPU."""

  def bulk_restore(self, filename_tensor, saveables, preferred_shard, restore_sequentially):
    del restore_sequentially
    restore_specs = []
    for saveable in saveables:
      for spec in saveable.specs:
        restore_specs.append((spec.name, spec.slice_spec, spec.dtype))
    names, slices, dtypes = zip(*restore_specs)
    with ops.device("cpu:0"):
      return gen_io_ops.restore_v2(filename_tensor, list(names), list(slices), list(dtypes))


def _wrap_restore_error_with_msg(err, extra_verbiage):
  err_msg = ("Restoring from checkpoint failed. This is most likely due to {} from the "
             "checkpoint. Please ensure that you have not altered the graph expected based on "
             "the checkpoint. Original error:\n\n{}").format(extra_verbiage, err.message)
  return err.__class__(err.node_def, err.op, err_msg)


@tf_export(v1=["train.Saver"])
class Saver(object):
  """Saves and restores variables (TF 1.15's tf.train.Saver, V2 checkpoints)."""

  def __init__(self, var_list=None, reshape=False, sharded=False, max_to_keep=5,
               keep_checkpoint_every_n_hours=10000.0, name=None, restore_sequentially=False,
               saver_def=None, builder=None, defer_build=False, allow_empty=False,
               write_version=saver_pb2.SaverDef.V2, pad_step_number=False,
               save_relative_paths=False, filename=None):
    if defer_build and var_list:
      raise ValueError("If `var_list` is provided then build cannot be deferred. Either set "
                       "defer_build=False or var_list=None.")
    self._var_list = var_list
    self._reshape = reshape
    self._sharded = sharded
    self._max_to_keep = max_to_keep
    self._keep_checkpoint_every_n_hours = keep_checkpoint_every_n_hours
    self._name = name
    self._restore_sequentially = restore_sequentially
    self.saver_def = saver_def
    self._builder = builder
    self._is_built = False
    self._allow_empty = allow_empty
    self._is_empty = None
    self._write_version = write_version
    self._pad_step_number = pad_step_number
    self._filename = filename
    self._last_checkpoints = []
    self._checkpoints_to_be_deleted = []
    self._next_checkpoint_time = None
    if not defer_build:
      self.build()
    if self.saver_def:
      self._check_saver_def()
      self._write_version = self.saver_def.version
    self._save_relative_paths = save_relative_paths

  def build(self):
    self._build(self._filename, build_save=True, build_restore=True)

  def _build(self, checkpoint_path, build_save, build_restore):
    if self._is_built:
      return
    self._is_built = True
    if not self.saver_def:
      if self._builder is None:
        self._builder = BulkSaverBuilder(self._write_version)
      if self._var_list is None:
        self._var_list = variables._all_saveable_objects()  # pylint: disable=protected-access
      if not self._var_list:
        if self._allow_empty:
          self._is_empty = True
          return
        raise ValueError("No variables to save")
      self._is_empty = False
      self.saver_def = self._builder._build_internal(  # pylint: disable=protected-access
          self._var_list, reshape=self._reshape, sharded=self._sharded,
          max_to_keep=self._max_to_keep,
          keep_checkpoint_every_n_hours=self._keep_checkpoint_every_n_hours, name=self._name,
          restore_sequentially=self._restore_sequentially, filename=checkpoint_path,
          build_save=build_save, build_restore=build_restore)
    elif self._name:
      # A name given with a saver_def is the scope the saver's graph was imported under.
      d = self.saver_def
      d.filename_tensor_name = ops.prepend_name_scope(d.filename_tensor_name, self._name)
      d.save_tensor_name = ops.prepend_name_scope(d.save_tensor_name, self._name)
      d.restore_op_name = ops.prepend_name_scope(d.restore_op_name, self._name)
    self._check_saver_def()
    self._next_checkpoint_time = time.time() + self.saver_def.keep_checkpoint_every_n_hours * 3600

  def _check_saver_def(self):
    if not isinstance(self.saver_def, saver_pb2.SaverDef):
      raise ValueError("saver_def must be a saver_pb2.SaverDef: %s" % self.saver_def)
    if not self.saver_def.save_tensor_name:
      raise ValueError("saver_def must specify the save_tensor_name: %s" % str(self.saver_def))
    if not self.saver_def.restore_op_name:
      raise ValueError("saver_def must specify the restore_op_name: %s" % str(self.saver_def))

  # ---- protos -------------------------------------------------------------------------------
  def as_saver_def(self):
    return self.saver_def

  def to_proto(self, export_scope=None):
    if export_scope is None:
      return self.saver_def
    names = (self.saver_def.filename_tensor_name, self.saver_def.save_tensor_name,
             self.saver_def.restore_op_name)
    if not all(n.startswith(export_scope) for n in names):
      return None
    saver_def = saver_pb2.SaverDef()
    saver_def.CopyFrom(self.saver_def)
    saver_def.filename_tensor_name = ops.strip_name_scope(names[0], export_scope)
    saver_def.save_tensor_name = ops.strip_name_scope(names[1], export_scope)
    saver_def.restore_op_name = ops.strip_name_scope(names[2], export_scope)
    return saver_def

  @staticmethod
  def from_proto(saver_def, import_scope=None):
    return Saver(saver_def=saver_def, name=import_scope)

  # ---- the checkpoints kept ------------------------------------------------------------------
  @property
  def last_checkpoints(self):
    return [p[0] for p in self._last_checkpoints]

  def set_last_checkpoints(self, last_checkpoints):
    assert isinstance(last_checkpoints, list)
    self._last_checkpoints = [(s, np.inf) for s in last_checkpoints]

  def set_last_checkpoints_with_time(self, last_checkpoints_with_time):
    assert isinstance(last_checkpoints_with_time, list)
    self._last_checkpoints = last_checkpoints_with_time

  def recover_last_checkpoints(self, checkpoint_paths):
    with_mtimes = []
    for path in checkpoint_paths:
      mtime = checkpoint_management.get_checkpoint_mtimes([path])
      if mtime:
        with_mtimes.append((path, mtime[0]))
    self.set_last_checkpoints_with_time(with_mtimes)

  def _RecordLastCheckpoint(self, latest_save_path):  # pylint: disable=invalid-name
    if not self.saver_def.max_to_keep:
      return
    self._last_checkpoints = [p for p in self._last_checkpoints if p[0] != latest_save_path]
    self._last_checkpoints.append((latest_save_path, time.time()))
    if len(self._last_checkpoints) > self.saver_def.max_to_keep:
      self._checkpoints_to_be_deleted.append(self._last_checkpoints.pop(0))

  def _MaybeDeleteOldCheckpoints(self, meta_graph_suffix="meta"):  # pylint: disable=invalid-name
    if not self._checkpoints_to_be_deleted:
      return
    path, saved_at = self._checkpoints_to_be_deleted.pop(0)
    # Keep one checkpoint every keep_checkpoint_every_n_hours.
    if saved_at > self._next_checkpoint_time:
      self._next_checkpoint_time += self.saver_def.keep_checkpoint_every_n_hours * 3600
      return
    try:
      checkpoint_management.remove_checkpoint(path, self.saver_def.version, meta_graph_suffix)
    except Exception as e:  # pylint: disable=broad-except
      logging.warning("Ignoring: %s", str(e))

  # ---- save / restore ------------------------------------------------------------------------
  def save(self, sess, save_path, global_step=None, latest_filename=None,
           meta_graph_suffix="meta", write_meta_graph=True, write_state=True,
           strip_default_attrs=False, save_debug_info=False):
    if not self._is_built:
      raise RuntimeError("`build()` should be called before save if defer_build==True")
    if latest_filename is None:
      latest_filename = "checkpoint"
    if os.path.split(latest_filename)[0]:
      raise ValueError("'latest_filename' must not contain path components")
    if global_step is not None:
      if not isinstance(global_step, (int, np.integer)):
        global_step = training_util.global_step(sess, global_step)
      if self._pad_step_number:
        checkpoint_file = "%s-%s" % (save_path, "{:08d}".format(global_step))
      else:
        checkpoint_file = "%s-%d" % (save_path, global_step)
    else:
      checkpoint_file = save_path
      if os.path.basename(save_path) == latest_filename and not self._sharded:
        raise ValueError("'latest_filename' collides with 'save_path': '%s' and '%s'"
                         % (latest_filename, save_path))
    from tensorflow.python.client import session as session_lib  # pylint: disable=g-import-not-at-top
    if not isinstance(sess, session_lib.SessionInterface):
      raise TypeError("'sess' must be a Session; %s" % sess)
    save_path_parent = os.path.dirname(save_path)
    model_checkpoint_path = None
    if not self._is_empty:
      try:
        model_checkpoint_path = sess.run(self.saver_def.save_tensor_name,
                                         {self.saver_def.filename_tensor_name: checkpoint_file})
        if isinstance(model_checkpoint_path, bytes):
          model_checkpoint_path = model_checkpoint_path.decode("utf-8")
        if write_state:
          self._RecordLastCheckpoint(model_checkpoint_path)
          checkpoint_management.update_checkpoint_state_internal(
              save_dir=save_path_parent, model_checkpoint_path=model_checkpoint_path,
              all_model_checkpoint_paths=self.last_checkpoints,
              latest_filename=latest_filename,
              save_relative_paths=self._save_relative_paths)
          self._MaybeDeleteOldCheckpoints(meta_graph_suffix=meta_graph_suffix)
      except (errors.FailedPreconditionError, errors.NotFoundError) as exc:
        if not gfile.IsDirectory(save_path_parent or "."):
          exc = ValueError("Parent directory of {} doesn't exist, can't save.".format(save_path))
        raise exc
    if write_meta_graph:
      meta_graph_filename = checkpoint_management.meta_graph_filename(
          checkpoint_file, meta_graph_suffix=meta_graph_suffix)
      with sess.graph.as_default():
        self.export_meta_graph(meta_graph_filename, strip_default_attrs=strip_default_attrs,
                               save_debug_info=save_debug_info)
    return model_checkpoint_path

  def export_meta_graph(self, filename=None, collection_list=None, as_text=False,
                        export_scope=None, clear_devices=False, clear_extraneous_savers=False,
                        strip_default_attrs=False, save_debug_info=False):
    del save_debug_info
    from tensorflow.python.framework import meta_graph  # pylint: disable=g-import-not-at-top
    return meta_graph.export_scoped_meta_graph(
        filename=filename, graph_def=ops.get_default_graph().as_graph_def(add_shapes=True),
        saver_def=self.saver_def, collection_list=collection_list, as_text=as_text,
        export_scope=export_scope, clear_devices=clear_devices,
        clear_extraneous_savers=clear_extraneous_savers,
        strip_default_attrs=strip_default_attrs)[0]

  def restore(self, sess, save_path):
    if self._is_empty:
      return
    if save_path is None:
      raise ValueError("Can't load save_path when it is None.")
    if isinstance(save_path, bytes):
      save_path = save_path.decode("utf-8")
    if not checkpoint_management.checkpoint_exists_internal(save_path):
      raise ValueError("The passed save_path is not a valid checkpoint: " + save_path)
    logging.info("Restoring parameters from %s", save_path)
    try:
      sess.run(self.saver_def.restore_op_name,
               {self.saver_def.filename_tensor_name: save_path})
    except errors.NotFoundError as err:
      raise _wrap_restore_error_with_msg(
          err, "a Variable name or other graph key that is missing")
    except errors.InvalidArgumentError as err:
      raise _wrap_restore_error_with_msg(
          err, "a mismatch between the current graph and the graph")


def _create_saver_from_imported_meta_graph(meta_graph_def, import_scope=None,
                                           imported_vars=None):
  """The Saver for a graph just imported from a MetaGraphDef: rebuilt from its SaverDef (under
  the scope it was imported into), else a default Saver when there are variables."""
  if meta_graph_def.HasField("saver_def"):
    scope = import_scope
    if imported_vars:
      sample_key, sample_var = next(iter(imported_vars.items()))
      scope = sample_var.name[:-len(sample_key)]
    return Saver(saver_def=meta_graph_def.saver_def, name=scope)
  if variables._all_saveable_objects(scope=import_scope):  # pylint: disable=protected-access
    return Saver()
  logging.info("Saver not created because there are no variables in the graph to restore")
  return None


ops.register_proto_function(ops.GraphKeys.SAVERS, proto_type=saver_pb2.SaverDef,
                            to_proto=Saver.to_proto, from_proto=Saver.from_proto)
