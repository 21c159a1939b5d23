"""tf.summary.FileWriter (TF's tensorflow.python.summary.writer.writer): wraps summaries, graphs,
meta graphs, run metadata and session logs in Event protos and hands them to an
EventFileWriter."""
import time
import warnings

from tensorflow.core.framework import graph_pb2
from tensorflow.core.framework import summary_pb2
from tensorflow.core.protobuf import meta_graph_pb2
from tensorflow.core.util import event_pb2
from tensorflow.python.framework import ops
from tensorflow.python.platform import tf_logging as logging
from tensorflow.python.summary.writer.event_file_writer import EventFileWriter
from tensorflow.python.util.tf_export import tf_export


class SummaryToEventTransformer(object):
  """The add_* endpoints: each builds an Event and passes it to `event_writer`."""

  def __init__(self, event_writer, graph=None, graph_def=None):
    self.event_writer = event_writer
    self._session_run_tags = {}
    if graph is not None or graph_def is not None:
      self.add_graph(graph=graph, graph_def=graph_def)
      # As TF: the meta graph too, so TensorBoard can show the graph with its collections.
      from tensorflow.python.framework import meta_graph  # pylint: disable=g-import-not-at-top
      maybe_graph_as_def = (graph.as_graph_def(add_shapes=True)
                            if isinstance(graph, ops.Graph) else graph)
      self.add_meta_graph(
          meta_graph.create_meta_graph_def(graph_def=graph_def or maybe_graph_as_def))
    self._seen_summary_tags = set()

  def add_summary(self, summary, global_step=None):
    """Adds a `Summary` (a proto, or serialized bytes as a summary op returns it)."""
    if isinstance(summary, bytes):
      summ = summary_pb2.Summary()
      summ.ParseFromString(summary)
      summary = summ
    # Metadata is kept only on the first value of each tag, to save space.
    for value in summary.value:
      if value.tag in self._seen_summary_tags:
        value.ClearField("metadata")
        continue
      self._seen_summary_tags.add(value.tag)
    event = event_pb2.Event(summary=summary)
    self._add_event(event, global_step)

  def add_session_log(self, session_log, global_step=None):
    """Adds a `SessionLog` proto."""
    event = event_pb2.Event(session_log=session_log)
    self._add_event(event, global_step)

  def _add_graph_def(self, graph_def, global_step=None):
    event = event_pb2.Event(graph_def=graph_def.SerializeToString())
    self._add_event(event, global_step)

  def add_graph(self, graph, global_step=None, graph_def=None):
    """Adds a `Graph` (its GraphDef with shapes) or a deprecated `GraphDef`."""
    if graph is not None and graph_def is not None:
      raise ValueError("Please pass only graph, or graph_def (deprecated), "
                       "but not both.")
    if isinstance(graph, ops.Graph) or isinstance(graph_def, ops.Graph):
      if not isinstance(graph, ops.Graph):
        logging.warning("When passing a `Graph` object, please use the `graph`"
                        " named argument instead of `graph_def`.")
        graph = graph_def
      true_graph_def = graph.as_graph_def(add_shapes=True)
    elif (isinstance(graph, graph_pb2.GraphDef) or
          isinstance(graph_def, graph_pb2.GraphDef)):
      logging.warning("Passing a `GraphDef` to the SummaryWriter is deprecated."
                      " Pass a `Graph` object instead, such as `sess.graph`.")
      true_graph_def = graph if isinstance(graph, graph_pb2.GraphDef) else graph_def
    else:
      raise TypeError("The passed graph must be an instance of `Graph` "
                      "or the deprecated `GraphDef`")
    self._add_graph_def(true_graph_def, global_step)

  def add_meta_graph(self, meta_graph_def, global_step=None):
    """Adds a `MetaGraphDef` (serialized into Event.meta_graph_def)."""
    if not isinstance(meta_graph_def, meta_graph_pb2.MetaGraphDef):
      raise TypeError("meta_graph_def must be type MetaGraphDef, saw type: %s" %
                      type(meta_graph_def))
    event = event_pb2.Event(meta_graph_def=meta_graph_def.SerializeToString())
    self._add_event(event, global_step)

  def add_run_metadata(self, run_metadata, tag, global_step=None):
    """Adds the `RunMetadata` of one session.run under `tag` (each tag once)."""
    if tag in self._session_run_tags:
      raise ValueError("The provided tag was already used for this event type")
    self._session_run_tags[tag] = True
    tagged_metadata = event_pb2.TaggedRunMetadata()
    tagged_metadata.tag = tag
    tagged_metadata.run_metadata = run_metadata.SerializeToString()
    event = event_pb2.Event(tagged_run_metadata=tagged_metadata)
    self._add_event(event, global_step)

  def _add_event(self, event, step):
    event.wall_time = time.time()
    if step is not None:
      event.step = int(step)
    self.event_writer.add_event(event)


@tf_export(v1=["summary.FileWriter"])
class FileWriter(SummaryToEventTransformer):
  """Writes `Summary` protocol buffers to event files, asynchronously.

  `FileWriter(logdir, graph=None, max_queue=10, flush_secs=120, graph_def=None,
  filename_suffix=None)` creates an event file in `logdir`; a graph given here is added as by
  add_graph() (and as a meta graph).
  """

  def __init__(self, logdir, graph=None, max_queue=10, flush_secs=120, graph_def=None,
               filename_suffix=None, session=None):
    if session is not None:
      # TF then writes through the v2 summary-writer ops (tf.contrib.summary), which tfclassic
      # does not have.
      raise NotImplementedError(
          "tf.summary.FileWriter(session=...) is not implemented in tfclassic yet")
    event_writer = EventFileWriter(logdir, max_queue, flush_secs, filename_suffix)
    self._closed = False
    super(FileWriter, self).__init__(event_writer, graph, graph_def)

  def __enter__(self):
    return self

  def __exit__(self, unused_type, unused_value, unused_traceback):
    self.close()

  def get_logdir(self):
    """The directory where the event file is written."""
    return self.event_writer.get_logdir()

  def _warn_if_event_writer_is_closed(self):
    if self._closed:
      warnings.warn("Attempting to use a closed FileWriter. "
                    "The operation will be a noop unless the FileWriter "
                    "is explicitly reopened.")

  def _add_event(self, event, step):
    self._warn_if_event_writer_is_closed()
    super(FileWriter, self)._add_event(event, step)

  def add_event(self, event):
    """Adds an `Event` as it is."""
    self._warn_if_event_writer_is_closed()
    self.event_writer.add_event(event)

  def flush(self):
    """Writes every pending event to disk."""
    self._warn_if_event_writer_is_closed()
    self.event_writer.flush()

  def close(self):
    """Flushes and closes the event file."""
    self.event_writer.close()
    self._closed = True

  def reopen(self):
    """After close(): later events go to a new event file in the same directory."""
    self.event_writer.reopen()
    self._closed = False
