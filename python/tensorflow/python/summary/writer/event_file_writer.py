"""Writes Event protos to an event file in a background thread (TF's
tensorflow.python.summary.writer.event_file_writer plus the C++ EventsWriter it drives).

The file is `<logdir>/events.out.tfevents.<10-digit seconds>.<hostname><suffix>`, a TFRecord
stream whose first record is Event{wall_time: those seconds, file_version: "brain.Event:2"}.
"""
import collections
import os
import socket
import sys
import threading
import time

from tensorflow.core.util import event_pb2
from tensorflow.python.lib.io import tf_record
from tensorflow.python.platform import tf_logging as logging
from tensorflow.python.util import compat

_FILE_VERSION = "brain.Event:2"


class EventsWriter(object):
  """Appends serialized Events to one event file, opened at the first write (or at once when a
  suffix is given, as TF's EventsWriter::InitWithSuffix does). After Close the next write
  starts a new file."""

  def __init__(self, file_prefix):
    self._prefix = compat.as_str_any(file_prefix)
    self._suffix = ""
    self._writer = None
    self._filename = None
    self._used_names = set()

  def InitWithSuffix(self, suffix):  # pylint: disable=invalid-name
    self._suffix = compat.as_str_any(suffix)
    self._init_if_needed()

  def FileName(self):  # pylint: disable=invalid-name
    if self._filename is None:
      self._init_if_needed()
    return self._filename

  def _init_if_needed(self):
    if self._writer is not None:
      if os.path.exists(self._filename):
        return
      logging.error("The events file %s has disappeared.", self._filename)
    while True:
      seconds = int(time.time())
      name = "%s.out.tfevents.%010d.%s%s" % (self._prefix, seconds, socket.gethostname(),
                                             self._suffix)
      # A file this writer made earlier in the same second (close, then reopen) must not
      # be overwritten: wait for the next second's name.
      if name not in self._used_names:
        break
      time.sleep(0.05)
    self._used_names.add(name)
    self._filename = name
    self._writer = tf_record.TFRecordWriter(name)
    first = event_pb2.Event(wall_time=float(seconds), file_version=_FILE_VERSION)
    self._writer.write(first.SerializeToString())
    self._writer.flush()

  def WriteEvent(self, event):  # pylint: disable=invalid-name
    self.WriteSerializedEvent(event.SerializeToString())

  def WriteSerializedEvent(self, data):  # pylint: disable=invalid-name
    self._init_if_needed()
    self._writer.write(data)

  def Flush(self):  # pylint: disable=invalid-name
    if self._writer is not None:
      self._writer.flush()
      os.fsync(self._writer._file.fileno())  # pylint: disable=protected-access

  def Close(self):  # pylint: disable=invalid-name
    if self._writer is not None:
      self.Flush()
      self._writer.close()
      self._writer = None


class EventFileWriter(object):
  """Writes `Event` protocol buffers to an event file, asynchronously.

  add_event queues the event (blocking when `max_queue` events wait); a thread writes them and
  flushes the file at most every `flush_secs` seconds, on flush() and on close().
  """

  def __init__(self, logdir, max_queue=10, flush_secs=120, filename_suffix=None):
    self._logdir = str(logdir)
    os.makedirs(self._logdir, exist_ok=True)
    self._max_queue = max_queue
    self._flush_secs = flush_secs
    self._flush_complete = threading.Event()
    self._flush_sentinel = object()
    self._close_sentinel = object()
    self._ev_writer = EventsWriter(os.path.join(self._logdir, "events"))
    if filename_suffix:
      self._ev_writer.InitWithSuffix(filename_suffix)
    self._initialize()
    self._closed = False

  def _initialize(self):
    self._event_queue = _CloseableQueue(self._max_queue)
    self._worker = _EventLoggerThread(self._event_queue, self._ev_writer, self._flush_secs,
                                      self._flush_complete, self._flush_sentinel,
                                      self._close_sentinel)
    self._worker.start()

  def get_logdir(self):
    """The directory of the event file."""
    return self._logdir

  def reopen(self):
    """After close(): start again; new events go to a new file. Otherwise nothing."""
    if self._closed:
      self._initialize()
      self._closed = False

  def add_event(self, event):
    """Queues an `Event` to be written (ignored once closed)."""
    if not self._closed:
      self._try_put(event)

  def _try_put(self, item):
    try:
      self._event_queue.put(item)
    except _QueueClosedError:
      self._internal_close()
      if self._worker.failure_exc_info:
        raise self._worker.failure_exc_info[1] from None

  def flush(self):
    """Blocks until every queued event is written and the file is flushed."""
    if not self._closed:
      self._flush_complete.clear()
      self._try_put(self._flush_sentinel)
      self._flush_complete.wait()
      if self._worker.failure_exc_info:
        self._internal_close()
        raise self._worker.failure_exc_info[1]

  def close(self):
    """Flushes and closes the file; add_event does nothing until reopen()."""
    if not self._closed:
      self.flush()
      self._try_put(self._close_sentinel)
      self._internal_close()

  def _internal_close(self):
    self._closed = True
    self._worker.join()
    self._ev_writer.Close()


class _EventLoggerThread(threading.Thread):
  """Takes events off the queue and writes them; sentinels ask for a flush or the end."""

  def __init__(self, queue, ev_writer, flush_secs, flush_complete, flush_sentinel,
               close_sentinel):
    threading.Thread.__init__(self, name="EventLoggerThread")
    self.daemon = True
    self._queue = queue
    self._ev_writer = ev_writer
    self._flush_secs = flush_secs
    self._next_event_flush_time = 0
    self._flush_complete = flush_complete
    self._flush_sentinel = flush_sentinel
    self._close_sentinel = close_sentinel
    self.failure_exc_info = ()

  def run(self):
    try:
      while True:
        event = self._queue.get()
        if event is self._close_sentinel:
          return
        elif event is self._flush_sentinel:
          self._ev_writer.Flush()
          self._flush_complete.set()
        else:
          self._ev_writer.WriteEvent(event)
          now = time.time()
          if now > self._next_event_flush_time:
            self._ev_writer.Flush()
            self._next_event_flush_time = now + self._flush_secs
    except Exception as e:  # pylint: disable=broad-except
      logging.error("EventFileWriter writer thread error: %s", e)
      self.failure_exc_info = sys.exc_info()
      raise
    finally:
      self._flush_complete.set()
      self._queue.close()


class _QueueClosedError(Exception):
  pass


class _CloseableQueue(object):
  """A bounded FIFO whose close() makes pending and later put() calls fail."""

  def __init__(self, maxsize=0):
    self._maxsize = maxsize
    self._queue = collections.deque()
    self._closed = False
    self._mutex = threading.Lock()
    self._not_empty = threading.Condition(self._mutex)
    self._not_full = threading.Condition(self._mutex)

  def get(self):
    with self._not_empty:
      while not self._queue:
        self._not_empty.wait()
      item = self._queue.popleft()
      self._not_full.notify()
      return item

  def put(self, item):
    with self._not_full:
      if self._closed:
        raise _QueueClosedError()
      if self._maxsize > 0:
        while len(self._queue) == self._maxsize:
          self._not_full.wait()
          if self._closed:
            raise _QueueClosedError()
      self._queue.append(item)
      self._not_empty.notify()

  def close(self):
    with self._not_full:
      self._closed = True
      self._not_full.notify_all()
