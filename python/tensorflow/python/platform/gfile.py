"""tf.gfile (TF 1.x names) and tf.io.gfile (TF 2 names) for local files.

Errors are tf.errors classes with TF's codes: a missing file is NotFoundError, an existing
destination AlreadyExistsError, as TF's file system layer reports them.
"""

import errno
import glob as _glob
import os
import shutil
import uuid

from tensorflow.python.framework import errors_impl
from tensorflow.python.util import compat
from tensorflow.python.util.tf_export import tf_export


def _path(name):
  name = compat.as_str_any(name)
  if name.startswith("file://"):
    name = name[len("file://"):]
  return name


def _raise_os_error(e, path):
  code = {
      errno.ENOENT: errors_impl.NOT_FOUND,
      errno.ENOTDIR: errors_impl.FAILED_PRECONDITION,
      errno.EEXIST: errors_impl.ALREADY_EXISTS,
      errno.EACCES: errors_impl.PERMISSION_DENIED,
      errno.EPERM: errors_impl.PERMISSION_DENIED,
      errno.EISDIR: errors_impl.FAILED_PRECONDITION,
      errno.ENOTEMPTY: errors_impl.FAILED_PRECONDITION,
      errno.ENOSPC: errors_impl.RESOURCE_EXHAUSTED,
  }.get(e.errno, errors_impl.UNKNOWN)
  message = "%s; %s" % (path, e.strerror or str(e))
  raise errors_impl._make_specific_exception(None, None, message, code) from None  # pylint: disable=protected-access


@tf_export("io.gfile.GFile", v1=["gfile.GFile", "gfile.Open", "io.gfile.GFile"])
class GFile(object):
  """File I/O with TF's interface: text modes return str, binary modes bytes."""

  def __init__(self, name, mode="r"):
    self.__name = _path(name)
    self.__mode = mode
    self._f = None
    if mode not in ("r", "w", "a", "rb", "wb", "ab", "r+", "w+", "a+", "r+b", "w+b", "a+b"):
      raise errors_impl.PermissionDeniedError(None, None,
                                              "mode is not 'r' or 'w' or 'a' or binary modes")
    self._binary = "b" in mode
    self._read_check_passed = "r" in mode or "+" in mode
    self._write_check_passed = "w" in mode or "a" in mode or "+" in mode

  @property
  def name(self):
    return self.__name

  @property
  def mode(self):
    return self.__mode

  def _file(self):
    if self._f is None:
      try:
        if self._binary:
          self._f = open(self.__name, self.__mode)
        else:
          # TF reads text as UTF-8 and keeps line endings as written.
          self._f = open(self.__name, self.__mode, encoding="utf-8", newline="")
      except OSError as e:
        _raise_os_error(e, self.__name)
    return self._f

  def _check_read(self):
    if not self._read_check_passed:
      raise errors_impl.PermissionDeniedError(None, None, "File isn't open for reading")

  def _check_write(self):
    if not self._write_check_passed:
      raise errors_impl.PermissionDeniedError(None, None, "File isn't open for writing")

  def size(self):
    return Stat(self.__name).length

  def write(self, file_content):
    self._check_write()
    f = self._file()
    if self._binary:
      f.write(compat.as_bytes(file_content))
    else:
      f.write(compat.as_str_any(file_content) if isinstance(file_content, bytes)
              else file_content)

  def read(self, n=-1):
    self._check_read()
    return self._file().read(n if n is not None else -1)

  def seek(self, offset=None, whence=0, position=None):
    self._check_read()
    if offset is None and position is None:
      raise TypeError("seek(): offset argument required")
    if offset is not None and position is not None:
      raise TypeError("seek(): offset and position may not be set simultaneously.")
    if position is not None:
      offset = position
    f = self._file()
    if not self._binary and whence != 0:
      # Text files only seek relative to the start; compute it.
      if whence == 1:
        offset = f.tell() + offset
      elif whence == 2:
        offset = self.size() + offset
      whence = 0
    f.seek(offset, whence)

  def readline(self):
    self._check_read()
    return self._file().readline()

  def readlines(self):
    self._check_read()
    return self._file().readlines()

  def tell(self):
    return self._file().tell()

  def __enter__(self):
    return self

  def __exit__(self, unused_type, unused_value, unused_traceback):
    self.close()

  def __iter__(self):
    return self

  def __next__(self):
    line = self.readline()
    if not line:
      raise StopIteration()
    return line

  next = __next__

  def flush(self):
    if self._f is not None:
      self._f.flush()

  def close(self):
    if self._f is not None:
      self._f.close()
      self._f = None

  def seekable(self):
    return True


Open = GFile


@tf_export(v1=["gfile.FastGFile"])
class FastGFile(GFile):
  """Deprecated alias of GFile kept by TF 1.x."""


@tf_export("io.gfile.exists", v1=["gfile.Exists", "io.gfile.exists"])
def Exists(filename):  # pylint: disable=invalid-name
  return os.path.exists(_path(filename))


@tf_export("io.gfile.remove", v1=["gfile.Remove", "io.gfile.remove"])
def Remove(filename):  # pylint: disable=invalid-name
  path = _path(filename)
  try:
    if os.path.isdir(path):
      raise OSError(errno.EISDIR, "Is a directory")
    os.remove(path)
  except OSError as e:
    _raise_os_error(e, path)


@tf_export(v1=["gfile.MkDir"])
def MkDir(dirname):  # pylint: disable=invalid-name
  path = _path(dirname)
  try:
    os.mkdir(path)
  except OSError as e:
    _raise_os_error(e, path)


@tf_export("io.gfile.mkdir")
def mkdir(path):
  MkDir(path)


@tf_export("io.gfile.makedirs", v1=["gfile.MakeDirs", "io.gfile.makedirs"])
def MakeDirs(dirname):  # pylint: disable=invalid-name
  path = _path(dirname)
  try:
    os.makedirs(path, exist_ok=True)
  except OSError as e:
    _raise_os_error(e, path)


@tf_export(v1=["gfile.Copy"])
def Copy(oldpath, newpath, overwrite=False):  # pylint: disable=invalid-name
  src, dst = _path(oldpath), _path(newpath)
  if not overwrite and os.path.exists(dst):
    raise errors_impl.AlreadyExistsError(None, None, "file already exists")
  tmp = "%s.tmp%s" % (dst, uuid.uuid4().hex)
  try:
    shutil.copyfile(src, tmp)
    os.replace(tmp, dst)
  except OSError as e:
    if os.path.exists(tmp):
      os.remove(tmp)
    _raise_os_error(e, src)


@tf_export("io.gfile.copy")
def copy_v2(src, dst, overwrite=False):
  Copy(src, dst, overwrite)


@tf_export(v1=["gfile.Rename"])
def Rename(oldname, newname, overwrite=False):  # pylint: disable=invalid-name
  src, dst = _path(oldname), _path(newname)
  if not overwrite and os.path.exists(dst):
    raise errors_impl.AlreadyExistsError(None, None, "file already exists")
  try:
    os.replace(src, dst)
  except OSError as e:
    _raise_os_error(e, src)


@tf_export("io.gfile.rename")
def rename_v2(src, dst, overwrite=False):
  Rename(src, dst, overwrite)


@tf_export("io.gfile.rmtree", v1=["gfile.DeleteRecursively", "io.gfile.rmtree"])
def DeleteRecursively(dirname):  # pylint: disable=invalid-name
  path = _path(dirname)
  try:
    if os.path.isdir(path) and not os.path.islink(path):
      shutil.rmtree(path)
    else:
      os.remove(path)
  except OSError as e:
    _raise_os_error(e, path)


@tf_export("io.gfile.isdir", v1=["gfile.IsDirectory", "io.gfile.isdir"])
def IsDirectory(dirname):  # pylint: disable=invalid-name
  return os.path.isdir(_path(dirname))


@tf_export("io.gfile.listdir", v1=["gfile.ListDirectory", "io.gfile.listdir"])
def ListDirectory(dirname):  # pylint: disable=invalid-name
  path = _path(dirname)
  if not os.path.isdir(path):
    raise errors_impl.NotFoundError(None, None, "Could not find directory")
  return sorted(os.listdir(path))


@tf_export("io.gfile.glob", v1=["gfile.Glob", "io.gfile.glob"])
def Glob(filename):  # pylint: disable=invalid-name
  if isinstance(filename, (list, tuple)):
    out = []
    for f in filename:
      out.extend(Glob(f))
    return out
  return sorted(_glob.glob(_path(filename)))


class FileStatistics(object):
  """length (bytes), mtime_nsec and is_directory of a file, as TF's Stat returns them."""

  def __init__(self, length=0, mtime_nsec=0, is_directory=False):
    self.length = length
    self.mtime_nsec = mtime_nsec
    self.is_directory = is_directory


@tf_export("io.gfile.stat", v1=["gfile.Stat", "io.gfile.stat"])
def Stat(filename):  # pylint: disable=invalid-name
  path = _path(filename)
  try:
    st = os.stat(path)
  except OSError as e:
    _raise_os_error(e, path)
  import stat as _stat  # pylint: disable=g-import-not-at-top
  return FileStatistics(st.st_size, st.st_mtime_ns, _stat.S_ISDIR(st.st_mode))


@tf_export(v1=["gfile.Walk"])
def Walk(top, in_order=True):  # pylint: disable=invalid-name
  """Yields (dirname, [subdirs], [files]); top-down when in_order, else bottom-up."""
  top = compat.as_str_any(_path(top))
  try:
    listing = ListDirectory(top)
  except errors_impl.NotFoundError:
    return
  files, subdirs = [], []
  for item in listing:
    if IsDirectory(os.path.join(top, item)):
      subdirs.append(item)
    else:
      files.append(item)
  here = (top, subdirs, files)
  if in_order:
    yield here
  for subdir in subdirs:
    for sub in Walk(os.path.join(top, subdir), in_order):
      yield sub
  if not in_order:
    yield here


@tf_export("io.gfile.walk")
def walk_v2(top, topdown=True, onerror=None):
  del onerror
  return Walk(top, topdown)

