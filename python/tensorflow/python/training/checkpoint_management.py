"""Checkpoint files and the `checkpoint` state file (TF 1.15's
tensorflow/python/training/checkpoint_management.py): latest_checkpoint, get_checkpoint_state,
update_checkpoint_state, checkpoint_exists, get_checkpoint_mtimes, remove_checkpoint."""

import os
import re

from google.protobuf import text_format

from tensorflow.core.protobuf import saver_pb2
from tensorflow.python.lib.io import file_io
from tensorflow.python.platform import tf_logging as logging
from tensorflow.python.training.checkpoint_state_pb2 import CheckpointState
from tensorflow.python.util.tf_export import tf_export


def _GetCheckpointFilename(save_dir, latest_filename):  # pylint: disable=invalid-name
  if latest_filename is None:
    latest_filename = "checkpoint"
  return os.path.join(save_dir, latest_filename)


def _prefix_to_checkpoint_path(prefix, format_version):
  """The file that marks a checkpoint: `prefix.index` (V2) or the prefix itself (V1)."""
  if format_version == saver_pb2.SaverDef.V2:
    return prefix + ".index"
  return prefix


@tf_export(v1=["train.generate_checkpoint_state_proto"])
def generate_checkpoint_state_proto(save_dir, model_checkpoint_path,
                                    all_model_checkpoint_paths=None,
                                    all_model_checkpoint_timestamps=None,
                                    last_preserved_timestamp=None):
  """A CheckpointState whose paths are relative to `save_dir` when `save_dir` is."""
  if all_model_checkpoint_paths is None:
    all_model_checkpoint_paths = []
  all_model_checkpoint_paths = list(all_model_checkpoint_paths)
  if (not all_model_checkpoint_paths or
      all_model_checkpoint_paths[-1] != model_checkpoint_path):
    logging.info("%s is not in all_model_checkpoint_paths. Manually adding it.",
                 model_checkpoint_path)
    all_model_checkpoint_paths.append(model_checkpoint_path)
  if (all_model_checkpoint_timestamps and
      len(all_model_checkpoint_timestamps) != len(all_model_checkpoint_paths)):
    raise ValueError(("Checkpoint timestamps, if provided, must match checkpoint paths (got "
                      "paths %s and timestamps %s)") % (all_model_checkpoint_paths,
                                                         all_model_checkpoint_timestamps))
  # Relative save_dir: store the paths relative to it.
  if not os.path.isabs(save_dir):
    if not os.path.isabs(model_checkpoint_path):
      model_checkpoint_path = os.path.relpath(model_checkpoint_path, save_dir)
    for i, p in enumerate(all_model_checkpoint_paths):
      if not os.path.isabs(p):
        all_model_checkpoint_paths[i] = os.path.relpath(p, save_dir)
  return CheckpointState(model_checkpoint_path=model_checkpoint_path,
                         all_model_checkpoint_paths=all_model_checkpoint_paths,
                         all_model_checkpoint_timestamps=all_model_checkpoint_timestamps,
                         last_preserved_timestamp=last_preserved_timestamp)


@tf_export(v1=["train.update_checkpoint_state"])
def update_checkpoint_state(save_dir, model_checkpoint_path, all_model_checkpoint_paths=None,
                            latest_filename=None, all_model_checkpoint_timestamps=None,
                            last_preserved_timestamp=None):
  """Writes the `checkpoint` state file in `save_dir` (atomically)."""
  update_checkpoint_state_internal(
      save_dir=save_dir, model_checkpoint_path=model_checkpoint_path,
      all_model_checkpoint_paths=all_model_checkpoint_paths, latest_filename=latest_filename,
      save_relative_paths=False, all_model_checkpoint_timestamps=all_model_checkpoint_timestamps,
      last_preserved_timestamp=last_preserved_timestamp)


def update_checkpoint_state_internal(save_dir, model_checkpoint_path,
                                     all_model_checkpoint_paths=None, latest_filename=None,
                                     save_relative_paths=False,
                                     all_model_checkpoint_timestamps=None,
                                     last_preserved_timestamp=None):
  """As update_checkpoint_state; `save_relative_paths` stores paths relative to save_dir."""
  coord_checkpoint_filename = _GetCheckpointFilename(save_dir, latest_filename)
  if save_relative_paths:
    if os.path.isabs(model_checkpoint_path):
      model_checkpoint_path = os.path.relpath(model_checkpoint_path, save_dir)
    all_model_checkpoint_paths = [
        os.path.relpath(p, save_dir) if os.path.isabs(p) else p
        for p in (all_model_checkpoint_paths or [])]
  ckpt = generate_checkpoint_state_proto(
      save_dir, model_checkpoint_path, all_model_checkpoint_paths=all_model_checkpoint_paths,
      all_model_checkpoint_timestamps=all_model_checkpoint_timestamps,
      last_preserved_timestamp=last_preserved_timestamp)
  if coord_checkpoint_filename == ckpt.model_checkpoint_path:
    raise RuntimeError("Save path '%s' conflicts with path used for checkpoint state.  Please "
                       "use a different save path." % model_checkpoint_path)
  file_io.atomic_write_string_to_file(coord_checkpoint_filename, text_format.MessageToString(ckpt))


@tf_export("train.get_checkpoint_state")
def get_checkpoint_state(checkpoint_dir, latest_filename=None):
  """The CheckpointState in `checkpoint_dir`'s state file (relative paths joined onto the
  directory), or None when the file is missing or cannot be parsed."""
  if hasattr(checkpoint_dir, "__fspath__"):
    checkpoint_dir = checkpoint_dir.__fspath__()
  coord_checkpoint_filename = _GetCheckpointFilename(checkpoint_dir, latest_filename)
  if not os.path.isfile(coord_checkpoint_filename):
    return None
  try:
    with open(coord_checkpoint_filename, "r") as f:
      content = f.read()
    ckpt = CheckpointState()
    text_format.Merge(content, ckpt)
  except (OSError, UnicodeDecodeError, text_format.ParseError) as e:
    logging.warning("%s: %s", type(e).__name__, e)
    logging.warning("%s: Checkpoint ignored", coord_checkpoint_filename)
    return None
  if not ckpt.model_checkpoint_path:
    raise ValueError("Invalid checkpoint state loaded from " + checkpoint_dir)
  if not os.path.isabs(ckpt.model_checkpoint_path):
    ckpt.model_checkpoint_path = os.path.join(checkpoint_dir, ckpt.model_checkpoint_path)
  for i, p in enumerate(ckpt.all_model_checkpoint_paths):
    if not os.path.isabs(p):
      ckpt.all_model_checkpoint_paths[i] = os.path.join(checkpoint_dir, p)
  return ckpt


@tf_export("train.latest_checkpoint")
def latest_checkpoint(checkpoint_dir, latest_filename=None):
  """The prefix of the newest checkpoint in `checkpoint_dir`, or None."""
  ckpt = get_checkpoint_state(checkpoint_dir, latest_filename)
  if ckpt and ckpt.model_checkpoint_path:
    v2_path = _prefix_to_checkpoint_path(ckpt.model_checkpoint_path, saver_pb2.SaverDef.V2)
    v1_path = _prefix_to_checkpoint_path(ckpt.model_checkpoint_path, saver_pb2.SaverDef.V1)
    if file_io.get_matching_files(v2_path) or file_io.get_matching_files(v1_path):
      return ckpt.model_checkpoint_path
    logging.error("Couldn't match files for checkpoint %s", ckpt.model_checkpoint_path)
  return None


def checkpoint_exists_internal(checkpoint_prefix):
  """True if a V2 (`prefix.index`) or V1 (`prefix`) checkpoint matches the prefix, which may
  be a glob pattern."""
  if hasattr(checkpoint_prefix, "__fspath__"):
    checkpoint_prefix = checkpoint_prefix.__fspath__()
  if isinstance(checkpoint_prefix, bytes):
    checkpoint_prefix = checkpoint_prefix.decode("utf-8")
  if file_io.get_matching_files(_prefix_to_checkpoint_path(checkpoint_prefix, saver_pb2.SaverDef.V2)):
    return True
  return bool(file_io.get_matching_files(checkpoint_prefix))


@tf_export(v1=["train.checkpoint_exists"])
def checkpoint_exists(checkpoint_prefix):
  """Deprecated in TF 1.15 (use tf.io.gfile.glob); same as checkpoint_exists_internal."""
  return checkpoint_exists_internal(checkpoint_prefix)


@tf_export(v1=["train.get_checkpoint_mtimes"])
def get_checkpoint_mtimes(checkpoint_prefixes):
  """Modification times (seconds) of the checkpoints that exist, in the given order."""
  mtimes = []

  def match_maybe_append(pathname):
    fnames = file_io.get_matching_files(pathname)
    if fnames:
      mtimes.append(os.stat(fnames[0]).st_mtime_ns / 1e9)
      return True
    return False

  for prefix in checkpoint_prefixes:
    if match_maybe_append(_prefix_to_checkpoint_path(prefix, saver_pb2.SaverDef.V2)):
      continue
    match_maybe_append(prefix)
  return mtimes


@tf_export(v1=["train.remove_checkpoint"])
def remove_checkpoint(checkpoint_prefix, checkpoint_format_version=saver_pb2.SaverDef.V2,
                      meta_graph_suffix="meta"):
  """Deletes a checkpoint's files (index, data shards, .meta)."""
  _delete_file_if_exists(meta_graph_filename(checkpoint_prefix, meta_graph_suffix))
  if checkpoint_format_version == saver_pb2.SaverDef.V2:
    _delete_file_if_exists(checkpoint_prefix + ".index")
    _delete_file_if_exists(checkpoint_prefix + ".data-?????-of-?????")
  else:
    _delete_file_if_exists(checkpoint_prefix)


def _delete_file_if_exists(filespec):
  for pathname in file_io.get_matching_files(filespec):
    try:
      os.remove(pathname)
    except FileNotFoundError:
      logging.warning("Hit NotFoundError when deleting '%s', possibly because another "
                      "process/thread is also deleting/moving the same file", pathname)


def meta_graph_filename(checkpoint_filename, meta_graph_suffix="meta"):
  """`model.ckpt-123` -> `model.ckpt-123.meta` (a shard suffix `-?????-of-N` is dropped)."""
  basename = re.sub(r"-[\d\?]+-of-\d+$", "", checkpoint_filename)
  return ".".join([basename, meta_graph_suffix])
