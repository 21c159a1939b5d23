"""GraphDefs of variable / variable-scope programs against real TensorFlow's
(tests/goldens/cases_variables.py, goldens written by tools/make_goldens.py)."""
import importlib.util
import json
import os
import sys

import pytest
import tensorflow as tf

GOLDEN_DIR = os.path.join(os.path.dirname(__file__), "..", "goldens")
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "tools"))
import make_goldens  # noqa: E402  pylint: disable=g-import-not-at-top,wrong-import-position


def _load_cases():
    path = os.path.join(GOLDEN_DIR, "cases_variables.py")
    spec = importlib.util.spec_from_file_location("cases_variables", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


MOD = _load_cases()
with open(os.path.join(GOLDEN_DIR, "variables_graphs.json")) as f:
    GRAPHS = json.load(f)["cases"]



@pytest.mark.parametrize("case", sorted(MOD.CASES))
def test_graph_matches_tensorflow(case):
    g = tf.Graph()
    with g.as_default():
        MOD.CASES[case](tf)
    ours = [_strip(n) for n in make_goldens.graph_structure(g.as_graph_def())]
    want = [_strip(n) for n in GRAPHS[case]]
    assert [n["name"] for n in ours] == [n["name"] for n in want]
    diffs = [(got, exp) for got, exp in zip(ours, want) if got != exp]
    assert not diffs, diffs[:3]


# Attrs the reference (TF 2.x) adds that TF 1.15 did not have: on any op, and per op type.
_TF2_ONLY_ATTRS = ("_has_manual_control_dependencies",)
_TF2_ONLY_OP_ATTRS = {"VarHandleOp": ("allowed_devices", "debug_name"),
                      "AssignVariableOp": ("validate_shape",)}


def _strip(node):
    # TF 1.15's initializers add with math_ops.add (the `Add` op); TF 2.x makes AddV2 there.
    if node["op"] == "AddV2" and "/Initializer/" in node["name"]:
        node = dict(node, op="Add")
    drop = _TF2_ONLY_ATTRS + _TF2_ONLY_OP_ATTRS.get(node["op"], ())
    node = dict(node)
    node["attrs"] = [a for a in node["attrs"] if a not in drop]
    node["values"] = {k: v for k, v in node["values"].items() if k not in drop}
    return node
