"""tf.summary ops against real TensorFlow: the Summary protos (tags, values, histogram fields,
decoded image pixels, WAV bytes, tensors, metadata) and the graph's node names, inputs and ops
(tests/goldens/cases_summary.py, written by tools/make_goldens.py)."""
import importlib.util
import json
import os

import numpy as np
import pytest
import tensorflow as tf
from tensorflow.python.framework import tensor_util

from summary_test_util import decode_png, golden_bytes

GOLDEN_DIR = os.path.join(os.path.dirname(__file__), "..", "goldens")


def _load():
  path = os.path.join(GOLDEN_DIR, "cases_summary.py")
  spec = importlib.util.spec_from_file_location("cases_summary", path)
  mod = importlib.util.module_from_spec(spec)
  spec.loader.exec_module(mod)
  with open(os.path.join(GOLDEN_DIR, "summary_graphs.json")) as f:
    graphs = json.load(f)
  return mod, graphs, np.load(os.path.join(GOLDEN_DIR, "summary.npz"))


MOD, GRAPHS, ARRAYS = _load()


def _run(case):
  g = tf.Graph()
  with g.as_default():
    fetches = MOD.CASES[case](tf)
    with tf.Session(graph=g) as sess:
      values = sess.run(fetches)
  return g, fetches, values


def _compare_value(key, got, want):
  assert got.tag == want.tag, key
  assert got.node_name == want.node_name, key
  assert got.metadata == want.metadata, (key, got.metadata, want.metadata)
  kind = want.WhichOneof("value")
  assert got.WhichOneof("value") == kind, (key, got.WhichOneof("value"), kind)
  if kind == "simple_value":
    assert np.float32(got.simple_value) == np.float32(want.simple_value), key
  elif kind == "histo":
    for field in ("min", "max", "num", "sum", "sum_squares"):
      assert getattr(got.histo, field) == getattr(want.histo, field), (key, field)
    assert list(got.histo.bucket_limit) == list(want.histo.bucket_limit), key
    assert list(got.histo.bucket) == list(want.histo.bucket), key
  elif kind == "image":
    for field in ("height", "width", "colorspace"):
      assert getattr(got.image, field) == getattr(want.image, field), (key, field)
    got_px = decode_png(got.image.encoded_image_string)
    want_px = decode_png(want.image.encoded_image_string)
    np.testing.assert_array_equal(got_px, want_px, err_msg=key)
  elif kind == "audio":
    assert got.audio == want.audio, key
  elif kind == "tensor":
    assert got.tensor.dtype == want.tensor.dtype, key
    assert got.tensor.tensor_shape == want.tensor.tensor_shape, key
    np.testing.assert_array_equal(tensor_util.MakeNdarray(got.tensor),
                                  tensor_util.MakeNdarray(want.tensor), err_msg=key)
    # Same encoding as TF: numbers in tensor_content, strings in string_val.
    assert got.tensor.tensor_content == want.tensor.tensor_content, key
    assert list(got.tensor.string_val) == list(want.tensor.string_val), key
  else:
    raise AssertionError("unexpected value kind %s" % kind)


@pytest.mark.parametrize("case", sorted(MOD.CASES))
def test_summary_protos_match_tensorflow(case):
  _, fetches, values = _run(case)
  assert sorted(fetches) == sorted(k[len(case) + 1:] for k in ARRAYS.files
                                   if k.startswith(case + "/"))
  for key, tensor in fetches.items():
    assert tensor.dtype == tf.string and tensor.shape.ndims == 0, key
    got = tf.Summary.FromString(values[key])
    want = tf.Summary.FromString(golden_bytes(ARRAYS[case + "/" + key]))
    assert len(got.value) == len(want.value), (key, got, want)
    for g, w in zip(got.value, want.value):
      _compare_value(key, g, w)


@pytest.mark.parametrize("case", sorted(MOD.CASES))
def test_summary_graph_names_match_tensorflow(case):
  g, _, _ = _run(case)
  want = [(n["name"], n["op"], n["inputs"]) for n in GRAPHS["cases"][case]]
  got = [(n.name, n.op, list(n.input)) for n in g.as_graph_def().node]
  assert got == want
  # Every summary node carries the attrs TF's op definition gives it.
  want_attrs = {n["name"]: n["attrs"] for n in GRAPHS["cases"][case]}
  for n in g.as_graph_def().node:
    if "Summary" in n.op:
      assert sorted(n.attr.keys()) == want_attrs[n.name], n.name
