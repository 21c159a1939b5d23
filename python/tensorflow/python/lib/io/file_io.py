"""File helpers the checkpoint and graph writers share (TF's tensorflow.python.lib.io.file_io):
plain local-filesystem versions, with writes that replace a file atomically."""
import glob as _glob
import os
import tempfile

from tensorflow.python.framework import errors_impl


def file_exists(filename):
  return os.path.exists(filename)


def get_matching_files(filename):
  return sorted(_glob.glob(filename))


def read_file_to_string(filename, binary_mode=False):
  try:
    with open(filename, "rb" if binary_mode else "r") as f:
      return f.read()
  except FileNotFoundError:
    raise errors_impl.NotFoundError(None, None, "%s; No such file or directory" % filename)


def recursive_create_dir(dirname):
  os.makedirs(dirname, exist_ok=True)


def delete_file(filename):
  try:
    os.remove(filename)
  except FileNotFoundError:
    raise errors_impl.NotFoundError(None, None, "%s; No such file or directory" % filename)


def atomic_write_string_to_file(filename, contents, overwrite=True):
  """Writes `contents` to a temporary file beside `filename`, then renames it over `filename`,
  so a reader (or a crash) never sees a half-written file."""
  directory = os.path.dirname(filename) or "."
  if not overwrite and os.path.exists(filename):
    raise errors_impl.AlreadyExistsError(None, None, "file already exists: %s" % filename)
  fd, tmp = tempfile.mkstemp(prefix=os.path.basename(filename) + ".tmp", dir=directory)
  try:
    with os.fdopen(fd, "wb") as f:
      f.write(contents.encode("utf-8") if isinstance(contents, str) else contents)
    os.replace(tmp, filename)
  except BaseException:
    if os.path.exists(tmp):
      os.remove(tmp)
    raise
