"""The goldens tools/make_goldens.py writes (tests/goldens/): a case module and, per stem, the
fetched values (.npz), static shapes and dtypes (.json) and GraphDef structures (_graphs.json)."""
import importlib.util
import json
import os
import sys

import numpy as np

GOLDEN_DIR = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", "goldens"))
TOOLS_DIR = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", "..", "tools"))


def load_cases(stem):
  """tests/goldens/cases_<stem>.py as a module."""
  path = os.path.join(GOLDEN_DIR, "cases_%s.py" % stem)
  spec = importlib.util.spec_from_file_location("cases_" + stem, path)
  mod = importlib.util.module_from_spec(spec)
  spec.loader.exec_module(mod)
  return mod


def load(stem):
  """(case module, shapes/dtypes json, graph-structure json, values) for `stem`."""
  with open(os.path.join(GOLDEN_DIR, stem + ".json")) as f:
    meta = json.load(f)
  with open(os.path.join(GOLDEN_DIR, stem + "_graphs.json")) as f:
    graphs = json.load(f)
  return load_cases(stem), meta, graphs, np.load(os.path.join(GOLDEN_DIR, stem + ".npz"))


def graph_structure(graph_def):
  """make_goldens.graph_structure: what the goldens record of each node."""
  if TOOLS_DIR not in sys.path:
    sys.path.insert(0, TOOLS_DIR)
  import make_goldens  # pylint: disable=g-import-not-at-top
  return make_goldens.graph_structure(graph_def)


# TF >= 2.9 marks ops that have manual control dependencies; TF 1.15 never wrote this attr.
TF2_ONLY_ATTRS = ("_has_manual_control_dependencies",)


def without_attrs(node, attrs=TF2_ONLY_ATTRS):
  """A graph_structure() node without `attrs` (names and values)."""
  node = dict(node)
  node["attrs"] = [a for a in node["attrs"] if a not in attrs]
  node["values"] = {k: v for k, v in node["values"].items() if k not in attrs}
  return node


def assert_same_nodes(ours, want):
  """Same node names in the same order, then the same ops, inputs and attrs."""
  assert [n["name"] for n in ours] == [n["name"] for n in want]
  diffs = [(got, exp) for got, exp in zip(ours, want) if got != exp]
  assert not diffs, diffs[:3]


def build(mod, case, tf):
  """(graph, fetches) of case `case` of a case module, built in a fresh graph."""
  g = tf.Graph()
  with g.as_default():
    fetches = mod.CASES[case](tf)
  return g, fetches


def static_shape(tensor):
  """The static shape as the goldens record it: None for unknown rank, -1 for unknown dims."""
  if tensor.shape.ndims is None:
    return None
  return [-1 if d is None else d for d in tensor.shape.as_list()]
