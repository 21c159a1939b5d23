"""tf.summary.FileWriterCache: one FileWriter per log directory."""
import threading

from tensorflow.python.framework import ops
from tensorflow.python.summary.writer.writer import FileWriter
from tensorflow.python.util.tf_export import tf_export


@tf_export(v1=["summary.FileWriterCache"])
class FileWriterCache(object):
  """Caches file writers, one per directory (made with the default graph)."""
  _cache = {}
  _lock = threading.RLock()

  @staticmethod
  def clear():
    """Closes and forgets every cached writer."""
    with FileWriterCache._lock:
      for item in FileWriterCache._cache.values():
        item.close()
      FileWriterCache._cache = {}

  @staticmethod
  def get(logdir):
    """The FileWriter for `logdir`, created on first use."""
    with FileWriterCache._lock:
      if logdir not in FileWriterCache._cache:
        FileWriterCache._cache[logdir] = FileWriter(logdir, graph=ops.get_default_graph())
      return FileWriterCache._cache[logdir]
