"""tf.train.summary_iterator: the Event protos of an event file, in order."""
from tensorflow.core.util import event_pb2
from tensorflow.python.lib.io import tf_record
from tensorflow.python.util.tf_export import tf_export


@tf_export(v1=["train.summary_iterator"])
def summary_iterator(path):
  """Yields each `Event` of the event file at `path`."""
  for r in tf_record.tf_record_iterator(path):
    yield event_pb2.Event.FromString(r)
