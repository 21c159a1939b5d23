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
