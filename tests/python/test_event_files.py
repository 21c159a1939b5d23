"""Event files and TFRecords: tf.summary.FileWriter, tf.train.summary_iterator and
tf.python_io, checked against TensorBoard's own event reader (EventAccumulator), against files
that real TensorFlow wrote (tests/goldens/cases_records.py, written by tools/make_goldens.py),
and, when the
reference TensorFlow venv exists, by real TF reading the files we write."""
import gzip
import json
import os
import re
import socket
import subprocess
import sys
import textwrap
import time
import zlib

import numpy as np
import pytest
import tensorflow as tf

from op_test_util import subprocess_env
from summary_test_util import decode_png

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
RECORDS = os.path.join(ROOT, "tests", "goldens", "records_files", "tfrecords")
TF_EVENTS = os.path.join(ROOT, "tests", "goldens", "records_files", "event_file",
                         "tf_written.tfevents")
TFREF_PYTHON = "/work/tfref/bin/python"
sys.path.insert(0, os.path.join(ROOT, "tests", "goldens"))
from cases_records import record_payloads  # pylint: disable=wrong-import-position

_KINDS = [("plain", ""), ("zlib", "ZLIB"), ("gzip", "GZIP")]
_IMAGE = (np.arange(2 * 3 * 4 * 3) * 7 % 256).astype(np.uint8).reshape(2, 3, 4, 3)


def _event_files(logdir):
  return sorted(f for f in os.listdir(logdir) if "tfevents" in f)


def _write_run(logdir):
  """A run like a training loop's: graph, then scalar/histogram/image/text summaries at 3 steps,
  plus a session log and run metadata."""
  g = tf.Graph()
  with g.as_default():
    x = tf.placeholder(tf.float32, [], name="x")
    tf.summary.scalar("loss", x)
    with tf.name_scope("layer"):
      tf.summary.histogram("w", tf.stack([x, 2.0 * x, -x, 0.5]))
    tf.summary.image("im", tf.constant(_IMAGE), max_outputs=2)
    tf.summary.text("note", tf.constant("step text"))
    merged = tf.summary.merge_all()
    writer = tf.summary.FileWriter(logdir, graph=g)
    with tf.Session() as sess:
      writer.add_session_log(tf.SessionLog(status=tf.SessionLog.START), global_step=0)
      for step in range(3):
        writer.add_summary(sess.run(merged, {x: 1.0 + step}), global_step=step)
      writer.add_run_metadata(tf.RunMetadata(), "step2", global_step=2)
    writer.close()
  return g


_TB_SCRIPT = textwrap.dedent(r"""
    import json, sys, types
    if sys.argv[2] == "stub":
        # TensorBoard's own TF-free reader (tensorboard.compat.tensorflow_stub).
        sys.modules["tensorboard.compat.notf"] = types.ModuleType("tensorboard.compat.notf")
    from tensorboard.backend.event_processing import event_accumulator as ea
    acc = ea.EventAccumulator(sys.argv[1], size_guidance={
        ea.SCALARS: 0, ea.HISTOGRAMS: 0, ea.IMAGES: 0, ea.TENSORS: 0, ea.GRAPH: 1})
    acc.Reload()
    tags = acc.Tags()
    out = {"tags": {k: sorted(v) if isinstance(v, list) else v for k, v in tags.items()}}
    out["scalars"] = [[e.step, e.value] for e in acc.Scalars("loss")]
    out["histograms"] = [[e.step, e.histogram_value.min, e.histogram_value.max,
                          e.histogram_value.num, e.histogram_value.sum,
                          e.histogram_value.sum_squares, list(e.histogram_value.bucket),
                          list(e.histogram_value.bucket_limit)]
                         for e in acc.Histograms("layer/w")]
    out["images"] = [[e.step, e.width, e.height, e.encoded_image_string.hex()]
                     for e in acc.Images("im/image/1")]
    out["text"] = [[e.step, e.tensor_proto.string_val[0].decode()] for e in acc.Tensors("note")]
    out["graph_nodes"] = [n.name for n in acc.Graph().node]
    out["meta_graph_nodes"] = len(acc.MetaGraph().graph_def.node)
    from tensorboard.backend.event_processing import event_file_loader
    out["tf"] = event_file_loader.tf.__name__
    print(json.dumps(out))
""")


def _tensorboard_read(logdir, mode):
  res = subprocess.run([sys.executable, "-c", _TB_SCRIPT, logdir, mode], env=subprocess_env(),
                       capture_output=True, text=True, timeout=300)
  assert res.returncode == 0, res.stderr[-3000:]
  return json.loads(res.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("mode", ["stub", "tfclassic"])
def test_tensorboard_reads_our_event_file(tmp_path, mode):
  """mode "stub": TensorBoard's own reader; "tfclassic": TensorBoard using our tensorflow
  package as its TF API (what happens when both are installed in one environment)."""
  logdir = str(tmp_path)
  g = _write_run(logdir)
  got = _tensorboard_read(logdir, mode)
  assert got["tf"] == ("tensorboard.compat.tensorflow_stub" if mode == "stub" else "tensorflow")
  assert got["tags"]["scalars"] == ["loss"]
  assert got["tags"]["histograms"] == ["layer/w"]
  assert got["tags"]["images"] == ["im/image/0", "im/image/1"]
  assert got["tags"]["graph"] is True and got["tags"]["meta_graph"] is True
  assert got["tags"]["run_metadata"] == ["step2"]
  assert got["scalars"] == [[0, 1.0], [1, 2.0], [2, 3.0]]
  assert [h[0] for h in got["histograms"]] == [0, 1, 2]
  for step, mn, mx, num, total, sq, buckets, limits in got["histograms"]:
    v = 1.0 + step
    vals = np.array([v, 2 * v, -v, 0.5])
    assert (mn, mx, num) == (-v, 2 * v, 4.0)
    assert total == pytest.approx(vals.sum()) and sq == pytest.approx((vals ** 2).sum())
    assert sum(buckets) == 4.0 and len(buckets) == len(limits)
  assert [i[:3] for i in got["images"]] == [[s, 4, 3] for s in range(3)]
  np.testing.assert_array_equal(decode_png(bytes.fromhex(got["images"][0][3])), _IMAGE[1])
  assert got["text"] == [[s, "step text"] for s in range(3)]
  assert got["graph_nodes"] == [n.name for n in g.as_graph_def().node]
  assert got["meta_graph_nodes"] == len(g.as_graph_def().node)


def test_event_file_name_first_record_and_events(tmp_path):
  logdir = str(tmp_path / "run")
  before = int(time.time())
  writer = tf.summary.FileWriter(logdir, filename_suffix=".v1")
  (name,) = _event_files(logdir)  # with a suffix the file exists at once
  m = re.match(r"events\.out\.tfevents\.(\d{10})\.(.+)\.v1$", name)
  assert m and m.group(2) == socket.gethostname()
  assert before <= int(m.group(1)) <= int(time.time())
  assert writer.get_logdir() == logdir
  summ = tf.Summary(value=[tf.Summary.Value(tag="acc", simple_value=0.5)])
  writer.add_summary(summ, global_step=7)
  writer.add_summary(summ.SerializeToString(), global_step=np.int64(8))
  writer.add_event(tf.Event(wall_time=12.5, step=3, file_version="custom"))
  writer.add_graph(tf.Graph())
  writer.flush()
  events = list(tf.train.summary_iterator(os.path.join(logdir, name)))
  assert events[0].file_version == "brain.Event:2"
  assert events[0].wall_time == float(m.group(1))
  assert [e.step for e in events[1:3]] == [7, 8]
  assert all(e.summary.value[0].simple_value == 0.5 for e in events[1:3])
  assert events[3] == tf.Event(wall_time=12.5, step=3, file_version="custom")
  assert events[4].WhichOneof("what") == "graph_def"
  writer.close()
  with pytest.warns(UserWarning, match="closed FileWriter"):
    writer.add_summary(summ)  # ignored after close
  assert len(list(tf.train.summary_iterator(os.path.join(logdir, name)))) == 5
  writer.reopen()
  writer.add_summary(summ, global_step=9)
  writer.close()
  files = _event_files(logdir)
  assert len(files) == 2 and name in files
  (second,) = [f for f in files if f != name]
  events = list(tf.train.summary_iterator(os.path.join(logdir, second)))
  assert [e.WhichOneof("what") for e in events] == ["file_version", "summary"]
  assert events[1].step == 9


def test_writer_without_suffix_creates_file_lazily_and_flushes_in_background(tmp_path):
  logdir = str(tmp_path)
  writer = tf.summary.FileWriter(logdir, max_queue=2, flush_secs=0)
  assert _event_files(logdir) == []
  for step in range(5):
    writer.add_summary(tf.Summary(value=[tf.Summary.Value(tag="x", simple_value=step)]), step)
  writer.flush()
  (name,) = _event_files(logdir)
  assert name.startswith("events.out.tfevents.") and name.endswith(socket.gethostname())
  steps = [e.step for e in tf.train.summary_iterator(os.path.join(logdir, name))]
  assert steps == [0, 0, 1, 2, 3, 4]
  writer.close()


def test_metadata_kept_only_on_first_value_of_a_tag(tmp_path):
  logdir = str(tmp_path)
  g = tf.Graph()
  with g.as_default():
    t = tf.summary.text("t", tf.constant("x"))
    with tf.Session() as sess:
      value = sess.run(t)
  with tf.summary.FileWriter(logdir) as writer:
    writer.add_summary(value, 1)
    writer.add_summary(value, 2)
  (name,) = _event_files(logdir)
  events = list(tf.train.summary_iterator(os.path.join(logdir, name)))
  assert events[1].summary.value[0].metadata.plugin_data.plugin_name == "text"
  assert not events[2].summary.value[0].HasField("metadata")


def test_filewriter_errors(tmp_path):
  writer = tf.summary.FileWriter(str(tmp_path))
  with pytest.raises(TypeError, match="must be an instance of `Graph`"):
    writer.add_graph("not a graph")
  with pytest.raises(ValueError, match="only graph, or graph_def"):
    writer.add_graph(tf.Graph(), graph_def=tf.GraphDef())
  with pytest.raises(TypeError, match="meta_graph_def must be type MetaGraphDef"):
    writer.add_meta_graph(tf.GraphDef())
  writer.add_run_metadata(tf.RunMetadata(), "a")
  with pytest.raises(ValueError, match="already used"):
    writer.add_run_metadata(tf.RunMetadata(), "a")
  writer.close()


def test_file_writer_cache(tmp_path):
  tf.summary.FileWriterCache.clear()
  a = tf.summary.FileWriterCache.get(str(tmp_path))
  assert tf.summary.FileWriterCache.get(str(tmp_path)) is a
  assert a.get_logdir() == str(tmp_path)
  tf.summary.FileWriterCache.clear()
  assert tf.summary.FileWriterCache.get(str(tmp_path)) is not a
  tf.summary.FileWriterCache.clear()
  # The cached writer was made with the default graph: the file holds its graph.
  kinds = [e.WhichOneof("what") for f in _event_files(str(tmp_path))
           for e in tf.train.summary_iterator(os.path.join(str(tmp_path), f))]
  assert "graph_def" in kinds and "meta_graph_def" in kinds


@pytest.mark.parametrize("name,kind", _KINDS)
def test_tfrecord_files_equal_tensorflows(tmp_path, name, kind):
  """Our writer gives the same bytes as TF's for the same records (zlib is the same library,
  and the GZIP/ZLIB stream covers the whole file); both read back here."""
  path = str(tmp_path / name)
  with tf.python_io.TFRecordWriter(path, options=tf.python_io.TFRecordOptions(kind)) as w:
    for p in record_payloads():
      w.write(p)
  with open(path, "rb") as f:
    ours = f.read()
  with open(os.path.join(RECORDS, name + ".tfrecord"), "rb") as f:
    theirs = f.read()
  assert ours == theirs
  for p in (path, os.path.join(RECORDS, name + ".tfrecord")):
    assert list(tf.python_io.tf_record_iterator(p, options=kind)) == record_payloads()
  with open(os.path.join(RECORDS, "plain.tfrecord"), "rb") as f:
    plain = f.read()
  stream = {"": lambda b: b, "ZLIB": zlib.decompress, "GZIP": gzip.decompress}[kind](ours)
  assert stream == plain


def test_tfrecord_framing_options_and_errors(tmp_path):
  path = str(tmp_path / "r")
  opts = tf.io.TFRecordOptions(tf.io.TFRecordCompressionType.GZIP)
  assert tf.io.TFRecordOptions.get_compression_type_string(opts) == "GZIP"
  assert tf.io.TFRecordOptions.get_compression_type_string(1) == "ZLIB"
  assert tf.io.TFRecordOptions.get_compression_type_string(None) == ""
  with pytest.raises(ValueError, match="Not a valid compression_type"):
    tf.io.TFRecordOptions("LZ4")
  w = tf.io.TFRecordWriter(path)
  w.write(b"abc")
  w.write("text")
  w.flush()
  w.close()
  with open(path, "rb") as f:
    data = f.read()
  assert len(data) == 2 * 16 + 3 + 4 and data[:8] == (3).to_bytes(8, "little")
  assert list(tf.io.tf_record_iterator(path)) == [b"abc", b"text"]
  with pytest.raises(tf.errors.NotFoundError):
    list(tf.io.tf_record_iterator(str(tmp_path / "missing")))
  bad = bytearray(data)
  bad[13] ^= 0x40  # a data byte of the first record
  (tmp_path / "bad").write_bytes(bytes(bad))
  with pytest.raises(tf.errors.DataLossError, match="corrupted record at 0"):
    list(tf.io.tf_record_iterator(str(tmp_path / "bad")))
  (tmp_path / "trunc").write_bytes(data[:-3])
  it = tf.io.tf_record_iterator(str(tmp_path / "trunc"))
  assert next(it) == b"abc"
  with pytest.raises(tf.errors.DataLossError, match="truncated record at 19"):
    next(it)
  (tmp_path / "notgzip").write_bytes(data)
  with pytest.raises(tf.errors.DataLossError):
    list(tf.io.tf_record_iterator(str(tmp_path / "notgzip"), options="GZIP"))


def test_reads_tensorflow_written_event_file():
  events = list(tf.train.summary_iterator(TF_EVENTS))
  assert [e.WhichOneof("what") for e in events] == [
      "file_version", "graph_def", "meta_graph_def", "summary", "summary", "summary"]
  assert events[0].file_version == "brain.Event:2"
  graph_def = tf.GraphDef.FromString(events[1].graph_def)
  assert "x" in [n.name for n in graph_def.node]
  for step, e in enumerate(events[3:]):
    assert e.step == step
    loss, histo, image = e.summary.value
    assert (loss.tag, loss.simple_value) == ("loss", 0.5 * step + 1.0)
    assert histo.histo.num == 3 and histo.histo.max == 2 * (0.5 * step + 1.0)
    pixels = decode_png(image.image.encoded_image_string)
    np.testing.assert_array_equal(pixels.reshape(-1), (np.arange(12) * 20).astype(np.uint8))


_TF_READ_SCRIPT = textwrap.dedent(r"""
    import json, sys
    import tensorflow.compat.v1 as tf
    out = {}
    for name, kind in [("plain", ""), ("zlib", "ZLIB"), ("gzip", "GZIP")]:
        recs = list(tf.io.tf_record_iterator(sys.argv[1] + "/" + name,
                                             tf.io.TFRecordOptions(kind)))
        out[name] = [r.hex() for r in recs]
    events = list(tf.train.summary_iterator(sys.argv[2]))
    out["events"] = [[e.step, e.WhichOneof("what"),
                      [[v.tag, v.WhichOneof("value")] for v in e.summary.value]]
                     for e in events]
    out["loss"] = [v.simple_value for e in events for v in e.summary.value if v.tag == "loss"]
    print(json.dumps(out))
""")


def test_real_tensorflow_reads_our_files(tmp_path):
  """Runs where the reference TensorFlow venv exists; elsewhere the byte-equality tests above
  (against files TF wrote) stand in for it."""
  if not os.path.exists(TFREF_PYTHON):
    test_tfrecord_files_equal_tensorflows(tmp_path, "gzip", "GZIP")
    return
  for name, kind in _KINDS:
    with tf.io.TFRecordWriter(str(tmp_path / name), options=kind) as w:
      for p in record_payloads():
        w.write(p)
  logdir = tmp_path / "logs"
  _write_run(str(logdir))
  (event_file,) = _event_files(str(logdir))
  env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
  env["TF_CPP_MIN_LOG_LEVEL"] = "3"
  res = subprocess.run([TFREF_PYTHON, "-c", _TF_READ_SCRIPT, str(tmp_path),
                        str(logdir / event_file)], env=env, capture_output=True, text=True,
                       timeout=300, cwd="/tmp")
  assert res.returncode == 0, res.stderr[-3000:]
  got = json.loads(res.stdout.strip().splitlines()[-1])
  for name, _ in _KINDS:
    assert [bytes.fromhex(r) for r in got[name]] == record_payloads(), name
  kinds = [e[1] for e in got["events"]]
  assert kinds[:4] == ["file_version", "graph_def", "meta_graph_def", "session_log"]
  assert kinds[-1] == "tagged_run_metadata"
  summaries = [e for e in got["events"] if e[1] == "summary"]
  assert [e[0] for e in summaries] == [0, 1, 2]
  assert summaries[0][2] == [["loss", "simple_value"], ["layer/w", "histo"],
                             ["im/image/0", "image"], ["im/image/1", "image"],
                             ["note", "tensor"]]
  assert got["loss"] == [1.0, 2.0, 3.0]
