"""The GraphDef each golden case builds has the structure real TensorFlow gives it: the same node
names in the same order, op types, inputs, attr names and attr values (Const tensors by dtype,
shape and small values). Goldens: tools/make_goldens.py -> tests/goldens/<stem>_graphs.json.

The goldens come from TensorFlow 2.21's tf.compat.v1; where 2.21 builds a graph differently from
TF 1.15 by design we follow 1.15, and the golden is edited into 1.15's graph here (see
_TF_1_15_EDITS, each edit with its reason).

Run as a script for a per-case summary of matching nodes:
    PYTHONPATH=$PWD/python python tests/python/test_graph_structure.py [-v]
"""
import importlib.util
import json
import os
import sys

import pytest
import tensorflow as tf

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
GOLDEN_DIR = os.path.join(ROOT, "tests", "goldens")


def _load_module(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


# The extraction is shared with the golden writer, so both sides are summarised the same way.
_MAKE_GOLDENS = _load_module("make_goldens", os.path.join(ROOT, "tools", "make_goldens.py"))

STEMS = sorted(n[len("cases_"):-3] for n in os.listdir(GOLDEN_DIR)
               if n.startswith("cases_") and n.endswith(".py")
               and os.path.exists(os.path.join(GOLDEN_DIR, n[len("cases_"):-3] + "_graphs.json")))

# Attrs TensorFlow added after 1.15; 1.15's graphs (and ours) lack them.
_ATTRS_ADDED_AFTER_1_15 = {
    "MatMul": ("grad_a", "grad_b"),
    "BatchMatMulV2": ("grad_x", "grad_y"),
    "BatchMatMulV3": ("grad_x", "grad_y"),
    "MaxPool": ("explicit_paddings",),
    "MaxPoolGrad": ("explicit_paddings",),
}
_ANY_OP_ATTRS_ADDED_AFTER_1_15 = ("_has_manual_control_dependencies",)  # TF >= 2.9

# (stem, case) pairs left out of the strict comparison, with the reason.
_NOT_COMPARED = {
    # TF 1.15 lowers tf.einsum to Reshape/MatMul/Transpose nodes in Python; we emit one Einsum
    # node, as TF >= 2.1 does. Values agree (tests/python/test_goldens.py).
    ("foundation", "matmul_softmax"): "tf.einsum emits Einsum (TF 1.15 lowers it)",
}


def _const(name, dtype, shape, values):
  return {"name": name, "op": "Const", "inputs": [], "attrs": ["dtype", "value"],
          "values": {"dtype": {"type": dtype}, "value": {"tensor": {
              "dtype": dtype, "shape": shape, "values": values}}}}


_INT32, _INT64, _FLOAT = 3, 9, 1
# TF 1.15's op_def_library converts a Python number for an input whose type attr is still open
# to that attr's default type (TI/Tindex default int64); TF >= 2.4 first tries the plain
# conversion (int32) when it is allowed.
_ONE_HOT_INT64 = [("set", "one_hot/indices", "values", "dtype", {"type": _INT64}),
                  ("set", "one_hot/indices", "values", "value", "tensor", "dtype", _INT64),
                  ("set", "one_hot", "values", "TI", {"type": _INT64})]
# tf.linspace is the LinSpace op in TF 1.15 (TF >= 2.4 composes it in Python under "linspace").
_LINSPACE = [("drop", "linspace"), ("ours_drop", "LinSpace")]
# TF 1.15's reduce_logsumexp uses where (Select), zeros_like and gen add (node .../Add);
# TF >= 2.x uses where_v2 (SelectV2) and names the final add after the scope.
_LOGSUMEXP = [("drop", "ReduceLogSumExp"), ("ours_drop", "ReduceLogSumExp")]


def _tf_add(name):
  # tf.add is the generated Add op in TF 1.15; TF >= 2.3 wraps it and emits AddV2.
  return ("set", name, "op", "Add")


# How TF 1.15's graph differs from TF 2.21's for these cases (by design of the newer TF), as
# edits applied to the golden. Edits: ("set", node, key..., value) sets a (nested) field;
# ("drop", prefix) removes golden nodes named prefix or prefix/...; ("ours_drop", prefix) the
# same on our side (those subgraphs are checked by the dedicated tests below); ("rename", old,
# new) renames a golden node and its uses; ("insert_before", node, new_node).
_TF_1_15_EDITS = {
    ("foundation", "array_shapes"): _ONE_HOT_INT64 + _LINSPACE + [
        ("set", "MatrixBandPart/num_lower", "values", "dtype", {"type": _INT64}),
        ("set", "MatrixBandPart/num_lower", "values", "value", "tensor", "dtype", _INT64),
        ("set", "MatrixBandPart/num_upper", "values", "dtype", {"type": _INT64}),
        ("set", "MatrixBandPart/num_upper", "values", "value", "tensor", "dtype", _INT64),
        ("set", "MatrixBandPart", "values", "Tindex", {"type": _INT64})],
    ("foundation", "reductions"): _LOGSUMEXP,
    ("graph_structure", "reductions"): _LOGSUMEXP,
    ("graph_structure", "fills_and_ranges"): _LINSPACE + [
        # 1.15's shape_internal names the Const after the scope; TF >= 2.x adds
        # "shape_as_tensor".
        ("rename", "ones_like/Shape/shape_as_tensor", "ones_like/Shape"),
        # tf.linalg.diag builds MatrixDiag in TF 1.15 (its V2 form was behind forward
        # compatibility); TF >= 2.2 builds MatrixDiagV3 with k/num_rows/... inputs.
        ("drop", "eye/diag/k"), ("drop", "eye/diag/num_rows"), ("drop", "eye/diag/num_cols"),
        ("drop", "eye/diag/padding_value"),
        ("set", "eye/diag", "op", "MatrixDiag"), ("set", "eye/diag", "inputs", ["eye/ones"]),
        ("set", "eye/diag", "attrs", ["T"]),
        ("set", "eye/diag", "values", {"T": {"type": _FLOAT}})],
    ("graph_structure", "gather_where_onehot"): _ONE_HOT_INT64 + [
        # 1.15 converts on/off values once only to learn their dtype (one_hot_1/Const,
        # Const_1, unused) and passes the Python numbers on to the op.
        ("insert_before", "one_hot_1", _const("one_hot_1/on_value", _FLOAT, [], [5.0])),
        ("insert_before", "one_hot_1", _const("one_hot_1/off_value", _FLOAT, [], [-1.0])),
        ("set", "one_hot_1", "inputs", ["Const_1", "one_hot_1/depth", "one_hot_1/on_value",
                                        "one_hot_1/off_value"])],
    ("graph_structure", "concat_stack_split"): [
        # 1.15's tf.split converts num_or_size_splits before looking at it, so an integer
        # leaves an unused Const.
        ("rename", "Const_2", "Const_3"),
        ("insert_before", "split/split_dim", _const("Const_2", _INT32, [], [2]))],
    ("graph_structure", "slicing"): [
        # 1.15 stacks Python ints of a slice into a Const even when begin/end hold tensors;
        # TF >= 2.x makes the strides of a tensor bound a tensor too.
        ("drop", "Const_2"), ("drop", "strided_slice_7/stack_2/1"),
        ("insert_before", "strided_slice_7/stack_2",
         _const("strided_slice_7/stack_2_new", _INT32, [2], [1, 1])),
        ("drop", "strided_slice_7/stack_2"),
        ("rename", "strided_slice_7/stack_2_new", "strided_slice_7/stack_2")],
    ("graph_structure", "casts"): [
        # 1.15's saturate_cast clamps with Maximum/Minimum against min/max Consts; TF >= 2.x
        # uses clip_by_value.
        ("drop", "saturate_cast"), ("ours_drop", "saturate_cast")],
    ("graph_structure", "math_functions"): [_tf_add("Add"), _tf_add("Add_1")],
    ("graph_structure", "identity_group_scopes"): [_tf_add("outer_1/Add")],
    ("graph_structure", "nn_and_clip"): [_tf_add("logistic_loss")],
}

# Known gaps on our side: (stem, case) -> (node-name prefixes, reason). Differences on these
# nodes are reported but tolerated.
_KNOWN_GAPS = {}


def _in_scope(name, prefix):
  return name == prefix or name.startswith(prefix + "/")


def _apply_edits(nodes, edits, side):
  nodes = [json.loads(json.dumps(n)) for n in nodes]
  for edit in edits:
    kind = edit[0]
    if kind == "ours_drop":
      if side == "ours":
        nodes = [n for n in nodes if not _in_scope(n["name"], edit[1])]
      continue
    if side != "golden":
      continue
    if kind == "drop":
      nodes = [n for n in nodes if not _in_scope(n["name"], edit[1])]
    elif kind == "set":
      node = next(n for n in nodes if n["name"] == edit[1])
      target = node
      for key in edit[2:-2]:
        target = target[key]
      target[edit[-2]] = edit[-1]
    elif kind == "rename":
      old, new = edit[1], edit[2]
      for n in nodes:
        if n["name"] == old:
          n["name"] = new
        n["inputs"] = [i.replace(old, new, 1) if i.lstrip("^").split(":")[0] == old else i
                       for i in n["inputs"]]
    elif kind == "insert_before":
      at = next(k for k, n in enumerate(nodes) if n["name"] == edit[1])
      nodes.insert(at, json.loads(json.dumps(edit[2])))
    else:
      raise ValueError(kind)
  return nodes


def _adjust_golden(node):
  """Turns a node of TF 2.21's graph into what TF 1.15 builds for the same program."""
  node = dict(node, attrs=list(node["attrs"]), values=dict(node["values"]))
  for attr in _ATTRS_ADDED_AFTER_1_15.get(node["op"], ()) + _ANY_OP_ATTRS_ADDED_AFTER_1_15:
    if attr in node["values"]:
      node["attrs"].remove(attr)
      del node["values"][attr]
  return node


def _load_golden(stem):
  with open(os.path.join(GOLDEN_DIR, stem + "_graphs.json")) as f:
    golden = json.load(f)["cases"]
  return {case: _apply_edits([_adjust_golden(n) for n in nodes],
                             _TF_1_15_EDITS.get((stem, case), ()), "golden")
          for case, nodes in golden.items()}


def _build(stem, case):
  mod = _load_module("cases_" + stem, os.path.join(GOLDEN_DIR, "cases_%s.py" % stem))
  g = tf.Graph()
  with g.as_default():
    mod.CASES[case](tf)
  return _MAKE_GOLDENS.graph_structure(g.as_graph_def())


def _diff_node(want, got):
  """A list of human-readable differences between two nodes (empty when they match)."""
  if got is None:
    return ["missing"]
  out = []
  for key in ("op", "inputs", "attrs"):
    if want[key] != got[key]:
      out.append("%s: want %r got %r" % (key, want[key], got[key]))
  for k in sorted(set(want["values"]) | set(got["values"])):
    if want["values"].get(k) != got["values"].get(k):
      out.append("attr %s: want %r got %r" % (k, want["values"].get(k), got["values"].get(k)))
  return out


def compare(stem, case, golden_nodes):
  """(matched, total, problems): nodes are matched by name; order is checked separately."""
  try:
    ours = _apply_edits(_build(stem, case), _TF_1_15_EDITS.get((stem, case), ()), "ours")
  except Exception as e:  # pylint: disable=broad-except
    return 0, len(golden_nodes), ["building the case raised %s: %s" % (type(e).__name__, e)]
  by_name = {n["name"]: n for n in ours}
  problems, matched = [], 0
  for want in golden_nodes:
    d = _diff_node(want, by_name.get(want["name"]))
    if d:
      problems.append("%s: %s" % (want["name"], "; ".join(d)))
    else:
      matched += 1
  golden_names = {n["name"] for n in golden_nodes}
  for n in ours:
    if n["name"] not in golden_names:
      problems.append("%s (%s): extra node" % (n["name"], n["op"]))
  if not problems and [n["name"] for n in ours] != [n["name"] for n in golden_nodes]:
    problems.append("node order differs")
  return matched, len(golden_nodes), problems


# Stems the strict test covers; the script reports every stem with a structure golden. A
# feature helper adds its stem here once its graphs are meant to match TF's node for node.
STRICT_STEMS = ("foundation", "graph_structure")
_ALL_PARAMS = [(stem, case) for stem in STEMS for case in sorted(_load_golden(stem))]
# Cases in _NOT_COMPARED differ from TF by design and have tests of their own (see there).
_PARAMS = [p for p in _ALL_PARAMS if p[0] in STRICT_STEMS and p not in _NOT_COMPARED]


@pytest.mark.parametrize("stem,case", _PARAMS, ids=["%s/%s" % p for p in _PARAMS])
def test_graph_structure_matches_tensorflow(stem, case):
  matched, total, problems = compare(stem, case, _load_golden(stem)[case])
  gaps = _KNOWN_GAPS.get((stem, case), ((), ""))[0]
  problems = [p for p in problems if not any(_in_scope(p.split(" ")[0].rstrip(":"), g)
                                             for g in gaps)]
  if gaps and problems == ["node order differs"]:
    problems = []
  assert not problems, "%d/%d nodes match:\n  %s" % (matched, total, "\n  ".join(problems))


def test_einsum_is_one_node():
  # The documented difference kept out of the strict comparison above.
  g = tf.Graph()
  with g.as_default():
    tf.einsum("ij,kj->ik", tf.ones([2, 3]), tf.ones([4, 3]))
  assert [op.type for op in g.get_operations()].count("Einsum") == 1


def _ops(g):
  return [(op.name, op.type, [t.name for t in op.inputs]) for op in g.get_operations()]


def test_tf_1_15_linspace_is_one_op():
  g = tf.Graph()
  with g.as_default():
    tf.linspace(0.0, 1.0, 5)
  assert _ops(g) == [("LinSpace/start", "Const", []), ("LinSpace/stop", "Const", []),
                     ("LinSpace/num", "Const", []),
                     ("LinSpace", "LinSpace",
                      ["LinSpace/start:0", "LinSpace/stop:0", "LinSpace/num:0"])]


def test_tf_1_15_reduce_logsumexp_structure():
  g = tf.Graph()
  with g.as_default():
    tf.reduce_logsumexp(tf.constant([[1.0, 2.0]]), axis=1)
  assert [t for _, t, _ in _ops(g)] == [
      "Const", "Const", "Max", "IsFinite", "ZerosLike", "Select", "StopGradient", "Sub",
      "Exp", "Const", "Sum", "Log", "Shape", "Reshape", "Add"]
  assert g.get_operations()[-1].name == "ReduceLogSumExp/Add"


def test_tf_1_15_saturate_cast_structure():
  g = tf.Graph()
  with g.as_default():
    tf.saturate_cast(tf.constant([1.5]), tf.uint8)
  assert _ops(g)[1:] == [
      ("saturate_cast/min", "Const", []),
      ("saturate_cast/Maximum", "Maximum", ["Const:0", "saturate_cast/min:0"]),
      ("saturate_cast/max", "Const", []),
      ("saturate_cast/Minimum", "Minimum", ["saturate_cast/Maximum:0", "saturate_cast/max:0"]),
      ("saturate_cast", "Cast", ["saturate_cast/Minimum:0"])]


def test_control_inputs_are_serialized_sorted_by_name():
  g = tf.Graph()
  with g.as_default():
    x = tf.constant(1.0, name="x")
    b = tf.no_op(name="b")
    a = tf.no_op(name="a")
    with tf.control_dependencies([b, a]):
      tf.identity(x, name="y")
  node = [n for n in g.as_graph_def().node if n.name == "y"][0]
  assert list(node.input) == ["x", "^a", "^b"]
  # The Operation keeps the order the control inputs were added in.
  assert [op.name for op in g.get_operation_by_name("y").control_inputs] == ["b", "a"]


# Static shapes TF knows and we don't yet: TF's shape refiner evaluates small constant
# subgraphs (here Max of a Const) during shape inference; ours does not.
_STATIC_SHAPE_GAPS = {("gather_where_onehot", "sequence_mask_nomax"), ("slicing", "h")}


def test_graph_structure_case_values_match_tensorflow():
  import numpy as np  # pylint: disable=g-import-not-at-top
  mod = _load_module("cases_graph_structure",
                     os.path.join(GOLDEN_DIR, "cases_graph_structure.py"))
  with open(os.path.join(GOLDEN_DIR, "graph_structure.json")) as f:
    meta = json.load(f)["cases"]
  # String results are stored as object arrays; the file is one this repo wrote.
  arrays = np.load(os.path.join(GOLDEN_DIR, "graph_structure.npz"), allow_pickle=True)
  for case, fn in sorted(mod.CASES.items()):
    g = tf.Graph()
    with g.as_default():
      fetches = fn(tf)
      feeds = {g.get_tensor_by_name(k): v for k, v in mod.FEEDS.get(case, {}).items()}
      with tf.Session(graph=g) as sess:
        values = sess.run(fetches, feed_dict=feeds)
    assert sorted(fetches) == sorted(meta[case]), case
    for key, tensor in fetches.items():
      want = meta[case][key]
      shape = None if tensor.shape.ndims is None else [
          -1 if d is None else d for d in tensor.shape.as_list()]
      if (case, key) in _STATIC_SHAPE_GAPS:
        assert tensor.shape.is_compatible_with(want["shape"]), (case, key)
        shape = want["shape"]
      assert (shape, tensor.dtype.name) == (want["shape"], want["dtype"]), (case, key)
      expected = arrays[case + "/" + key]
      got = np.asarray(values[key])
      if expected.dtype.kind in "fc":
        np.testing.assert_allclose(got, expected, rtol=2e-6, atol=1e-6,
                                   err_msg="%s/%s" % (case, key))
      else:
        np.testing.assert_array_equal(got, expected, err_msg="%s/%s" % (case, key))


def main(argv):
  verbose = "-v" in argv
  all_matched = all_total = 0
  for stem, case in _ALL_PARAMS:
    matched, total, problems = compare(stem, case, _load_golden(stem)[case])
    all_matched += matched
    all_total += total
    flag = "" if not problems else "  <-- %d problems" % len(problems)
    note = "  (not compared: %s)" % _NOT_COMPARED[(stem, case)] if (
        stem, case) in _NOT_COMPARED else ""
    if (stem, case) in _KNOWN_GAPS:
      note += "  (known gap: %s)" % _KNOWN_GAPS[(stem, case)][1]
    print("%-45s %4d/%4d%s%s" % (stem + "/" + case, matched, total, flag, note))
    if verbose:
      for p in problems:
        print("    " + p)
  print("TOTAL %d/%d nodes match" % (all_matched, all_total))


if __name__ == "__main__":
  main(sys.argv[1:])
