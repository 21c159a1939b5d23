"""tf.summary op functions: collections, errors as TF raises them, and the public names
(values and tags are checked against real TF in test_summary_goldens.py)."""
import numpy as np
import pytest
import tensorflow as tf


def test_collections_and_merge_all():
  with tf.Graph().as_default():
    assert tf.summary.merge_all() is None
    a = tf.summary.scalar("a", tf.constant(1.0))
    b = tf.summary.histogram("b", tf.constant([1.0]), collections=["mine", "theirs"])
    c = tf.summary.image("c", tf.zeros([1, 2, 2, 1]), collections=[])
    assert tf.get_collection(tf.GraphKeys.SUMMARIES) == [a]
    assert tf.get_collection("mine") == [b] and tf.get_collection("theirs") == [b]
    m = tf.summary.merge([a, b, c], collections=["merged"])
    assert tf.get_collection("merged") == [m]
    assert m not in tf.get_collection(tf.GraphKeys.SUMMARIES)
    assert m.op.type == "MergeSummary" and m.op.name == "Merge/MergeSummary"
    with tf.Session() as sess:
      tags = [v.tag for v in tf.Summary.FromString(sess.run(m)).value]
      assert tags == ["a", "b", "c/image/0"]
      assert [v.tag for v in tf.Summary.FromString(
          sess.run(tf.summary.merge_all())).value] == ["a"]


def test_runtime_errors_have_tf_types():
  with tf.Graph().as_default():
    x = tf.placeholder(tf.float32, [None])
    h = tf.summary.histogram("h", x)
    dup = tf.summary.merge([tf.summary.scalar("s", 1.0), tf.summary.scalar("s", 2.0,
                                                                            family=None)])
    with tf.Session() as sess:
      with pytest.raises(tf.errors.InvalidArgumentError, match="Nan in summary histogram for: h"):
        sess.run(h, {x: [1.0, np.nan]})
      with pytest.raises(tf.errors.InvalidArgumentError, match="Infinity in summary histogram"):
        sess.run(h, {x: [np.inf]})
      # Two scalars named "s" get unique scopes, so their tags differ: no duplicate.
      assert [v.tag for v in tf.Summary.FromString(sess.run(dup)).value] == ["s", "s_1"]
      same = tf.summary.merge([tf.constant(tf.Summary(value=[
          tf.Summary.Value(tag="t", simple_value=1.0)]).SerializeToString())] * 2)
      with pytest.raises(tf.errors.InvalidArgumentError,
                         match="Duplicate tag t found in summary inputs"):
        sess.run(same)
      bad = tf.summary.image("img", tf.placeholder(tf.float32, [None, 2, 2, None]))
      with pytest.raises(tf.errors.InvalidArgumentError, match="last dim 1, 3, or 4"):
        sess.run(bad, {"Placeholder_1:0": np.zeros([1, 2, 2, 2], np.float32)})


def test_static_errors():
  with tf.Graph().as_default():
    with pytest.raises(ValueError, match="Expected tensor Const:0 to have dtype string"):
      tf.summary.text("t", tf.constant(1.0))
    with pytest.raises(TypeError):
      tf.summary.scalar("s", tf.constant("str"))
    with pytest.raises(TypeError):
      tf.summary.image("i", tf.zeros([1, 2, 2, 1], tf.int32))


def test_audio_sample_rate_tensor_and_tags():
  with tf.Graph().as_default():
    rate = tf.placeholder(tf.float32, [])
    s = tf.summary.audio("snd", tf.zeros([3, 10]), rate, max_outputs=1)
    const_rate = tf.summary.audio("snd2", tf.zeros([3, 10]), 8000)
    assert const_rate.op.inputs[2].op.name == "snd2/sample_rate"
    with tf.Session() as sess:
      value = tf.Summary.FromString(sess.run(s, {rate: 22050.0})).value
      assert [v.tag for v in value] == ["snd/audio"]
      assert value[0].audio.sample_rate == 22050.0
      with pytest.raises(tf.errors.InvalidArgumentError, match="sample_rate must be > 0"):
        sess.run(s, {rate: -1.0})


def test_tensor_summary_metadata_and_description():
  with tf.Graph().as_default():
    s = tf.summary.tensor_summary("t", [1, 2], summary_description="desc", display_name="D")
    with tf.Session() as sess:
      (v,) = tf.Summary.FromString(sess.run(s)).value
    assert v.metadata.summary_description == "desc" and v.metadata.display_name == "D"
    node = tf.NodeDef(op="TensorSummary")
    node.attr["description"].s = b'{"type_hint": "text"}'
    assert tf.summary.get_summary_description(node).type_hint == "text"
    with pytest.raises(ValueError, match="Can't get_summary_description on Const"):
      tf.summary.get_summary_description(tf.NodeDef(op="Const"))


def test_public_names():
  assert tf.summary.Summary is tf.Summary
  assert tf.summary.Event is tf.Event
  assert tf.summary.SessionLog is tf.SessionLog
  assert tf.SessionLog.CHECKPOINT == 3
  assert tf.summary.TaggedRunMetadata().DESCRIPTOR.name == "TaggedRunMetadata"
  assert tf.HistogramProto().DESCRIPTOR.fields_by_name["bucket"].number == 7
  assert tf.SummaryMetadata.PluginData().DESCRIPTOR.fields_by_name["content"].number == 2
  assert tf.LogMessage.WARN == 30
  assert tf.python_io.TFRecordWriter is tf.io.TFRecordWriter
  assert tf.python_io.tf_record_iterator is tf.io.tf_record_iterator
  assert tf.io.TFRecordCompressionType.GZIP == 2
  assert tf.compat.v1.summary.FileWriter is tf.summary.FileWriter
  assert callable(tf.train.summary_iterator)
  assert tf.summary.all_v2_summary_ops() == []
  fields = {f.name: f.number for f in tf.Event.DESCRIPTOR.fields}
  assert fields == {"wall_time": 1, "step": 2, "file_version": 3, "graph_def": 4, "summary": 5,
                    "log_message": 6, "session_log": 7, "tagged_run_metadata": 8,
                    "meta_graph_def": 9}
