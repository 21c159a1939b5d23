"""tf.train.write_graph: a GraphDef to a file, as protobuf text or binary."""

import os

from google.protobuf import text_format

from tensorflow.python.framework import ops
from tensorflow.python.util.tf_export import tf_export

__all__ = ["write_graph"]


def _atomic_write(path, data):
  # A crash mid-write must not leave a truncated graph under the final name.
  tmp = "%s.tmp%d" % (path, os.getpid())
  mode = "w" if isinstance(data, str) else "wb"
  with open(tmp, mode) as f:
    f.write(data)
  os.replace(tmp, path)


@tf_export("io.write_graph", "train.write_graph")
def write_graph(graph_or_graph_def, logdir, name, as_text=True):
  """Writes a Graph (or GraphDef) to `logdir/name`; returns the path written."""
  if isinstance(graph_or_graph_def, ops.Graph):
    graph_def = graph_or_graph_def.as_graph_def()
  else:
    graph_def = graph_or_graph_def
  logdir = os.fspath(logdir)
  if logdir and not logdir.startswith(("gs://", "s3://", "hdfs://")):
    os.makedirs(logdir, exist_ok=True)
  path = os.path.join(logdir, name)
  if as_text:
    _atomic_write(path, text_format.MessageToString(graph_def, float_format=""))
  else:
    _atomic_write(path, graph_def.SerializeToString(deterministic=True))
  return path
