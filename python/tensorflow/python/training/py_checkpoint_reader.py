"""`tf.train.NewCheckpointReader`: reads the tensors of a V2 checkpoint (tensor bundle) or, when
the prefix has no `.index`, of a V1 checkpoint (tensor slices; the prefix is then a file pattern
such as `model.ckpt-?????-of-00002`), as TF's CheckpointReader does.

The bytes are read and checked in C++ (core/io/tensor_bundle, core/io/tensor_slice_reader);
errors surface as tf.errors: a missing checkpoint or key as NotFoundError, a corrupt file as
DataLossError.
"""

from tensorflow.python.framework import dtypes
from tensorflow.python.framework import errors_impl
from tensorflow.python.util import compat
from tensorflow.python.util.tf_export import tf_export
from tfclassic import _native


def _as_path(prefix):
  if hasattr(prefix, "__fspath__"):
    prefix = prefix.__fspath__()
  return compat.as_bytes(prefix)


class CheckpointReader(object):
  """Reads tensors, shapes and dtypes from the checkpoint with prefix `filepattern`."""

  def __init__(self, filepattern):
    try:
      self._reader = _native.CheckpointReader(_as_path(filepattern))
    except _native.StatusError as e:
      errors_impl.raise_from_status_error(e)

  def get_tensor(self, tensor_str):
    """The saved value of `tensor_str` as a NumPy array."""
    try:
      return self._reader.get_tensor(compat.as_bytes(tensor_str))
    except _native.StatusError as e:
      errors_impl.raise_from_status_error(e)

  def has_tensor(self, tensor_str):
    return self._reader.has_tensor(compat.as_bytes(tensor_str))

  def get_variable_to_shape_map(self):
    """{name: [dims]} for every saved tensor (partitioned ones under their full name)."""
    return {compat.as_str_any(k): v for k, v in self._reader.variable_to_shape_map().items()}

  def get_variable_to_dtype_map(self):
    """{name: tf.DType} for every saved tensor."""
    return {compat.as_str_any(k): dtypes.as_dtype(v)
            for k, v in self._reader.variable_to_dtype_map().items()}

  def debug_string(self):
    """b"name (DT_FLOAT) [2,3]\\n" per tensor, as TF's reader prints them."""
    try:
      return self._reader.debug_string()
    except _native.StatusError as e:
      errors_impl.raise_from_status_error(e)


@tf_export(v1=["train.NewCheckpointReader"])
def NewCheckpointReader(filepattern):  # pylint: disable=invalid-name
  """A CheckpointReader for the checkpoint with prefix `filepattern`.

  Raises:
    NotFoundError: no checkpoint has that prefix.
    DataLossError: the checkpoint's index is corrupt.
  """
  return CheckpointReader(filepattern)
