"""Reading checkpoints by directory or prefix: tf.train.load_checkpoint, load_variable,
list_variables (TF 1.15's tensorflow/python/training/checkpoint_utils.py)."""

import os

from tensorflow.python.training import checkpoint_management
from tensorflow.python.training import py_checkpoint_reader
from tensorflow.python.util.tf_export import tf_export

__all__ = ["load_checkpoint", "load_variable", "list_variables"]


@tf_export("train.load_checkpoint")
def load_checkpoint(ckpt_dir_or_file):
  """A CheckpointReader for `ckpt_dir_or_file`: a checkpoint prefix, or a directory whose
  `checkpoint` file names the latest one.

  Raises:
    ValueError: `ckpt_dir_or_file` is a directory without a usable checkpoint.
  """
  filename = _get_checkpoint_filename(ckpt_dir_or_file)
  if filename is None:
    raise ValueError("Couldn't find 'checkpoint' file or checkpoints in "
                     "given directory %s" % ckpt_dir_or_file)
  return py_checkpoint_reader.NewCheckpointReader(filename)


@tf_export("train.load_variable")
def load_variable(ckpt_dir_or_file, name):
  """The value of variable `name` in the checkpoint, as a NumPy array."""
  if name.endswith(":0"):
    name = name[:-2]
  reader = load_checkpoint(ckpt_dir_or_file)
  return reader.get_tensor(name)


@tf_export("train.list_variables")
def list_variables(ckpt_dir_or_file):
  """[(name, shape)] of every variable in the checkpoint, sorted by name."""
  reader = load_checkpoint(ckpt_dir_or_file)
  variable_map = reader.get_variable_to_shape_map()
  return [(name, variable_map[name]) for name in sorted(variable_map.keys())]


def _get_checkpoint_filename(ckpt_dir_or_file):
  if hasattr(ckpt_dir_or_file, "__fspath__"):
    ckpt_dir_or_file = ckpt_dir_or_file.__fspath__()
  if isinstance(ckpt_dir_or_file, bytes):
    ckpt_dir_or_file = ckpt_dir_or_file.decode("utf-8")
  if os.path.isdir(ckpt_dir_or_file):
    return checkpoint_management.latest_checkpoint(ckpt_dir_or_file)
  return ckpt_dir_or_file
