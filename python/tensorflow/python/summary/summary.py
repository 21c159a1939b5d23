"""TF1 summary ops (TF's tensorflow.python.summary.summary): tf.summary.scalar, histogram,
image, audio, text, tensor_summary, merge, merge_all, get_summary_description, plus the summary
and event protos under their tf.* names."""
from google.protobuf import json_format as _json_format

from tensorflow.core.framework.summary_pb2 import HistogramProto
from tensorflow.core.framework.summary_pb2 import Summary
from tensorflow.core.framework.summary_pb2 import SummaryDescription
from tensorflow.core.framework.summary_pb2 import SummaryMetadata as _SummaryMetadata
from tensorflow.core.util.event_pb2 import Event
from tensorflow.core.util.event_pb2 import LogMessage
from tensorflow.core.util.event_pb2 import SessionLog
from tensorflow.core.util.event_pb2 import TaggedRunMetadata
from tensorflow.python.framework import dtypes as _dtypes
from tensorflow.python.framework import ops as _ops
from tensorflow.python.ops import gen_logging_ops as _gen_logging_ops
from tensorflow.python.ops import summary_op_util as _summary_op_util
from tensorflow.python.summary.writer.writer import FileWriter  # pylint: disable=unused-import
from tensorflow.python.summary.writer.writer_cache import FileWriterCache  # pylint: disable=unused-import
from tensorflow.python.util import compat as _compat
from tensorflow.python.util.tf_export import tf_export

tf_export("Summary", "summary.Summary")(Summary)
tf_export("summary.SummaryDescription")(SummaryDescription)
tf_export("SummaryMetadata")(_SummaryMetadata)
tf_export("HistogramProto")(HistogramProto)
tf_export("Event", "summary.Event")(Event)
tf_export("LogMessage")(LogMessage)
tf_export("SessionLog", "summary.SessionLog")(SessionLog)
tf_export("summary.TaggedRunMetadata")(TaggedRunMetadata)

# Where TF's v2 summary ops (tf.contrib.summary) register themselves in a graph.
_SUMMARY_V2_COLLECTION = "_SUMMARY_V2"


@tf_export(v1=["summary.scalar"])
def scalar(name, tensor, collections=None, family=None):
  """A scalar string Tensor holding a serialized `Summary` with one simple_value."""
  with _summary_op_util.summary_scope(name, family, values=[tensor]) as (tag, scope):
    val = _gen_logging_ops.scalar_summary(tags=tag, values=tensor, name=scope)
    _summary_op_util.collect(val, collections, [_ops.GraphKeys.SUMMARIES])
  return val


@tf_export(v1=["summary.image"])
def image(name, tensor, max_outputs=3, collections=None, family=None):
  """A serialized `Summary` with up to `max_outputs` PNG images of a 4-D tensor (tags
  "<tag>/image/<i>", or "<tag>/image" when max_outputs is 1)."""
  with _summary_op_util.summary_scope(name, family, values=[tensor]) as (tag, scope):
    val = _gen_logging_ops.image_summary(tag=tag, tensor=tensor, max_images=max_outputs,
                                         name=scope)
    _summary_op_util.collect(val, collections, [_ops.GraphKeys.SUMMARIES])
  return val


@tf_export(v1=["summary.histogram"])
def histogram(name, values, collections=None, family=None):
  """A serialized `Summary` with a histogram of `values` (InvalidArgument on NaN or Inf)."""
  with _summary_op_util.summary_scope(name, family, values=[values],
                                      default_name="HistogramSummary") as (tag, scope):
    val = _gen_logging_ops.histogram_summary(tag=tag, values=values, name=scope)
    _summary_op_util.collect(val, collections, [_ops.GraphKeys.SUMMARIES])
  return val


@tf_export(v1=["summary.audio"])
def audio(name, tensor, sample_rate, max_outputs=3, collections=None, family=None):
  """A serialized `Summary` with up to `max_outputs` WAV clips of a [batch, frames(,
  channels)] float tensor in [-1, 1]."""
  with _summary_op_util.summary_scope(name, family=family, values=[tensor]) as (tag, scope):
    sample_rate = _ops.convert_to_tensor(sample_rate, dtype=_dtypes.float32,
                                         name="sample_rate")
    val = _gen_logging_ops.audio_summary_v2(tag=tag, tensor=tensor, max_outputs=max_outputs,
                                            sample_rate=sample_rate, name=scope)
    _summary_op_util.collect(val, collections, [_ops.GraphKeys.SUMMARIES])
  return val


@tf_export(v1=["summary.text"])
def text(name, tensor, collections=None):
  """A TensorSummary of a string tensor that TensorBoard's text plugin shows."""
  if tensor.dtype != _dtypes.string:
    raise ValueError("Expected tensor %s to have dtype string, got %s" %
                     (tensor.name, tensor.dtype))
  summary_metadata = _SummaryMetadata(
      plugin_data=_SummaryMetadata.PluginData(plugin_name="text"))
  return tensor_summary(name=name, tensor=tensor, summary_metadata=summary_metadata,
                        collections=collections)


@tf_export(v1=["summary.tensor_summary"])
def tensor_summary(name, tensor, summary_description=None, collections=None,
                   summary_metadata=None, family=None, display_name=None):
  """A serialized `Summary` holding `tensor` as a TensorProto, with its SummaryMetadata."""
  if summary_metadata is None:
    summary_metadata = _SummaryMetadata()
  if summary_description is not None:
    summary_metadata.summary_description = summary_description
  if display_name is not None:
    summary_metadata.display_name = display_name
  serialized_summary_metadata = summary_metadata.SerializeToString()
  with _summary_op_util.summary_scope(name, family, values=[tensor]) as (tag, scope):
    val = _gen_logging_ops.tensor_summary_v2(
        tensor=tensor, tag=tag, name=scope,
        serialized_summary_metadata=serialized_summary_metadata)
    _summary_op_util.collect(val, collections, [_ops.GraphKeys.SUMMARIES])
  return val


@tf_export(v1=["summary.merge"])
def merge(inputs, collections=None, name=None):
  """One `Summary` with the values of all `inputs` (InvalidArgument on a repeated tag)."""
  name = _summary_op_util.clean_tag(name)
  with _ops.name_scope(name, "Merge", inputs):
    val = _gen_logging_ops.merge_summary(inputs=inputs, name=name)
    _summary_op_util.collect(val, collections, [])
  return val


@tf_export(v1=["summary.merge_all"])
def merge_all(key=_ops.GraphKeys.SUMMARIES, scope=None, name=None):
  """merge() of every summary in collection `key` (filtered by `scope`), or None if none."""
  summary_ops = _ops.get_collection(key, scope=scope)
  if not summary_ops:
    return None
  return merge(summary_ops, name=name)


@tf_export(v1=["summary.get_summary_description"])
def get_summary_description(node_def):
  """The SummaryDescription in a TensorSummary node's JSON `description` attr."""
  if node_def.op != "TensorSummary":
    raise ValueError("Can't get_summary_description on %s" % node_def.op)
  description_str = _compat.as_str_any(node_def.attr["description"].s)
  summary_description = SummaryDescription()
  _json_format.Parse(description_str, summary_description)
  return summary_description


@tf_export(v1=["summary.all_v2_summary_ops"])
def all_v2_summary_ops():
  """The v2 (tf.contrib.summary) summary ops of the default graph."""
  return _ops.get_collection(_SUMMARY_V2_COLLECTION)
