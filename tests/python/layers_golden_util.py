"""Golden checks shared by test_losses.py, test_metrics.py and test_layers.py: a case's fetched
values, static shapes and GraphDef structure against those real TensorFlow wrote
(tools/make_goldens.py)."""
import importlib.util
import json
import os
import re
import sys

import numpy as np
import tensorflow as tf

GOLDEN_DIR = os.path.join(os.path.dirname(__file__), "..", "goldens")
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "tools"))
import make_goldens  # noqa: E402  pylint: disable=g-import-not-at-top,wrong-import-position


class Goldens(object):
  def __init__(self, stem):
    path = os.path.join(GOLDEN_DIR, "cases_%s.py" % stem)
    spec = importlib.util.spec_from_file_location("cases_" + stem, path)
    self.mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(self.mod)
    with open(os.path.join(GOLDEN_DIR, stem + ".json")) as f:
      self.meta = json.load(f)["cases"]
    with open(os.path.join(GOLDEN_DIR, stem + "_graphs.json")) as f:
      self.graphs = json.load(f)["cases"]
    self.arrays = np.load(os.path.join(GOLDEN_DIR, stem + ".npz"))

  def build(self, case):
    g = tf.Graph()
    with g.as_default():
      fetches = self.mod.CASES[case](tf)
    return g, fetches

  def check_values(self, case, rtol=2e-6, atol=1e-6):
    g, fetches = self.build(case)
    with g.as_default():
      feeds = {g.get_tensor_by_name(k): v
               for k, v in getattr(self.mod, "FEEDS", {}).get(case, {}).items()}
      with tf.Session(graph=g) as sess:
        values = sess.run(fetches, feed_dict=feeds)
    want_meta = self.meta[case]
    assert sorted(fetches) == sorted(want_meta)
    for key, tensor in fetches.items():
      want = want_meta[key]
      got_shape = None if tensor.shape.ndims is None else [
          -1 if d is None else d for d in tensor.shape.as_list()]
      assert got_shape == want["shape"], (key, got_shape, want["shape"])
      assert tensor.dtype.name == want["dtype"], (key, tensor.dtype.name)
      expected = self.arrays[case + "/" + key]
      got = np.asarray(values[key])
      assert got.shape == expected.shape, (key, got.shape, expected.shape)
      if expected.dtype.kind in "fc":
        np.testing.assert_allclose(got.astype(expected.dtype), expected, rtol=rtol, atol=atol,
                                   err_msg=key)
      else:
        np.testing.assert_array_equal(got, expected, err_msg=key)

  def check_graph(self, case, ignore=None):
    """Node names, ops, inputs and attrs equal TF's; `ignore(name)` leaves nodes out of the
    comparison on both sides (parts whose TF 2.x graph differs from TF 1.15's)."""
    g, _ = self.build(case)
    ours = _ours_as_tf115([_strip(n) for n in make_goldens.graph_structure(g.as_graph_def())])
    want = _tf2_as_tf115([_strip(n) for n in self.graphs[case]])
    if ignore is not None:
      def keep(nodes):
        return [dict(n, inputs=[i for i in n["inputs"]
                                if not ignore(i.lstrip("^").split(":")[0])])
                for n in nodes if not ignore(n["name"])]
      ours, want = keep(ours), keep(want)
    assert [n["name"] for n in ours] == [n["name"] for n in want]
    diffs = [(got, exp) for got, exp in zip(ours, want) if got != exp]
    assert not diffs, diffs[:3]


# Attrs the reference (TF 2.x) adds that TF 1.15 did not have: on any op, and per op type.
_TF2_ONLY_ATTRS = ("_has_manual_control_dependencies",)
_TF2_ONLY_OP_ATTRS = {"VarHandleOp": ("allowed_devices", "debug_name"),
                      "AssignVariableOp": ("validate_shape",),
                      "MatMul": ("grad_a", "grad_b"),
                      "MaxPool": ("explicit_paddings",),
                      "DepthwiseConv2dNative": ("explicit_paddings",),
                      "FusedBatchNormV3": ("exponential_avg_factor",)}


def _strip(node):
  # TF 1.15's initializers add with math_ops.add (the `Add` op); TF 2.x makes AddV2 there.
  # The same for every tf.add (named "Add..."; the `+` operator makes AddV2 "add" in both) and
  # the tf.add in sigmoid_cross_entropy_with_logits.
  leaf = node["name"].rsplit("/", 1)[-1]
  if node["op"] == "AddV2" and ("/Initializer/" in node["name"] or leaf == "xentropy" or
                                re.match(r"Add(_\d+)?$", leaf)):
    node = dict(node, op="Add")
  drop = _TF2_ONLY_ATTRS + _TF2_ONLY_OP_ATTRS.get(node["op"], ())
  node = dict(node)
  node["attrs"] = [a for a in node["attrs"] if a not in drop]
  node["values"] = {k: v for k, v in node["values"].items() if k not in drop}
  return node


_REDUCTIONS = ("Sum", "Mean", "Max", "Min", "Prod", "All", "Any")


def _rename_inputs(nodes, renames, drop):
  out = []
  for n in nodes:
    if n["name"] in drop:
      continue
    n = dict(n)
    n["inputs"] = [renames.get(i, i) for i in n["inputs"]]
    out.append(n)
  return out


def _tf2_as_tf115(nodes):
  """Undoes two TF 2.x graph changes: shape constants named `.../Shape/shape_as_tensor` (TF 1.15:
  `.../Shape`) and the Rank + Range that reduces a scalar over all axes (TF 1.15: an empty
  int32 Const, canonicalised here as `<all_axes>` on both sides)."""
  by_name = {n["name"]: n for n in nodes}
  renames, drop = {}, set()
  for n in nodes:
    if n["name"].endswith("/shape_as_tensor"):
      renames[n["name"]] = n["name"][:-len("/shape_as_tensor")]
    if n["op"] == "Range" and len(n["inputs"]) == 3:
      start, rank, delta = (by_name.get(i) for i in n["inputs"])
      if (start and rank and delta and rank["op"] in ("Rank", "Const") and
          start["values"].get("value", {}).get("tensor", {}).get("values") == [0] and
          delta["values"].get("value", {}).get("tensor", {}).get("values") == [1]):
        renames[n["name"]] = "<all_axes>"
        drop.update([n["name"], start["name"], rank["name"], delta["name"]])
  nodes = [dict(n, name=renames.get(n["name"], n["name"])) for n in nodes
           if n["name"] not in drop]
  return _rename_inputs(nodes, renames, set())


def _ours_as_tf115(nodes):
  by_name = {n["name"]: n for n in nodes}
  renames, drop = {}, set()
  for n in nodes:
    if n["op"] in _REDUCTIONS and len(n["inputs"]) == 2:
      axes = by_name.get(n["inputs"][1])
      if (axes and axes["op"] == "Const" and
          axes["values"]["value"]["tensor"]["shape"] == [0]):
        renames[axes["name"]] = "<all_axes>"
        drop.add(axes["name"])
  return _rename_inputs(nodes, renames, drop)
