"""tf.cond (TF1 Switch/Merge control flow) against real TensorFlow
(tests/goldens/cases_cond.py): values, static shapes, graphs, gradients; plus errors."""
import numpy as np
import pytest
import tensorflow as tf

from op_test_util import fresh_graph  # noqa: F401

import golden_util

MOD, META, GRAPHS, ARRAYS = golden_util.load("cond")
META, GRAPHS = META["cases"], GRAPHS["cases"]


def _build(case):
  return golden_util.build(MOD, case, tf)


@pytest.mark.parametrize("case", sorted(MOD.CASES))
def test_values_and_shapes_match_tensorflow(case):
  g, fetches = _build(case)
  with tf.Session(graph=g) as sess:
    values = sess.run(fetches)
  for key, tensor in fetches.items():
    want = META[case][key]
    shape = golden_util.static_shape(tensor)
    assert shape == want["shape"], (key, shape, want["shape"])
    assert tensor.dtype.name == want["dtype"], key
    np.testing.assert_allclose(np.asarray(values[key]), ARRAYS[case + "/" + key], rtol=1e-6,
                               err_msg=key)


# TF 2.x builds grad_ys as Fill(Shape, Const) where TF 1.15 had a Const; the rest of each
# gradient graph is compared node for node.
def _normalize(nodes):
  return [golden_util.without_attrs(n) for n in nodes]


def _grad_ys_free(nodes):
  return [n for n in nodes if not n["name"].startswith("gradients/grad_ys_0")
          and n["name"] not in ("gradients/Shape", "gradients/Fill")]


# TF 2.x's Mul gradient skips the broadcasting reduction when both shapes are equal; 1.15 (and
# we) always build BroadcastGradientArgs/Sum/Reshape. For the case with such products, only the
# forward graph and the control-flow part of the gradient graph are compared.
_FORWARD_AND_COND_GRADS_ONLY = {"nested_and_gradients"}


def _cond_part(nodes):
  def keep(name):
    return (not name.startswith("gradients/") or "cond_grad" in name
            or name.split("/")[1].split("_")[0] in ("Switch", "Identity", "zeros"))
  return [n for n in nodes if keep(n["name"])]


@pytest.mark.parametrize("case", sorted(MOD.CASES))
def test_graph_matches_tensorflow(case):
  g, _ = _build(case)
  ours = _grad_ys_free(_normalize(golden_util.graph_structure(g.as_graph_def())))
  want = _grad_ys_free(_normalize(GRAPHS[case]))
  fill = {"gradients/grad_ys_0", "gradients/Fill"}
  for n in ours + want:
    n["inputs"] = ["<grad_ys>" if i.split(":")[0] in fill else i for i in n["inputs"]]
    cls = n["values"].get("_class")
    if cls and any(s.split("@")[1] in fill for s in cls["list"]["s"]):
      n["values"]["_class"] = "<grad_ys>"
  if case in _FORWARD_AND_COND_GRADS_ONLY:
    ours, want = _cond_part(ours), _cond_part(want)
    assert [(n["name"], n["op"]) for n in ours] == [(n["name"], n["op"]) for n in want]
    return
  golden_util.assert_same_nodes(ours, want)


def test_branch_tensors_cannot_be_fetched(fresh_graph):
  p = tf.placeholder(tf.bool, [])
  inner = []

  def true_fn():
    t = tf.constant(1.0) * 2.0
    inner.append(t)
    return t
  r = tf.cond(p, true_fn, lambda: tf.constant(0.0))
  with tf.Session() as sess:
    assert sess.run(r, {p: True}) == 2.0
    with pytest.raises(ValueError, match="has been marked as not fetchable"):
      sess.run(inner[0], {p: True})


def test_cond_errors(fresh_graph):
  p = tf.placeholder(tf.bool, [])
  one = tf.constant(1.0)
  with pytest.raises(TypeError, match="pred must not be a Python bool"):
    tf.cond(True, lambda: one, lambda: one)
  with pytest.raises(TypeError, match="true_fn must be callable"):
    tf.cond(p, one, lambda: one)
  with pytest.raises(TypeError, match="false_fn argument required"):
    tf.cond(p, lambda: one)
  with pytest.raises(ValueError, match="true_fn must have a return value"):
    tf.cond(p, lambda: None, lambda: one)
  with pytest.raises(ValueError, match="Outputs of true_fn and false_fn must have the same type"):
    tf.cond(p, lambda: one, lambda: tf.constant(1))
  with pytest.raises((TypeError, ValueError), match="Incompatible return"):
    tf.cond(p, lambda: (one, one), lambda: one)
  with tf.Session() as sess:
    r = tf.cond(p, lambda: one, lambda: one * 3.0)
    with pytest.raises(tf.errors.InvalidArgumentError):
      sess.run(r)  # the predicate is not fed


def test_op_results_and_fn1_fn2(fresh_graph):
  v = tf.Variable(1.0)
  p = tf.placeholder(tf.bool, [])
  r = tf.cond(p, fn1=lambda: tf.assign_add(v, 1.0).op, fn2=lambda: tf.assign_add(v, 10.0).op)
  with tf.Session() as sess:
    sess.run(v.initializer)
    sess.run(r, {p: True})
    sess.run(r, {p: False})
    assert sess.run(v) == 12.0


def test_cond_contexts_survive_meta_graph_export_and_import():
  with tf.Graph().as_default():
    x = tf.constant(3.0, name="x")
    p = tf.placeholder_with_default(True, [], name="p")
    y = tf.cond(p, lambda: x * x, lambda: x + 1.0, name="c")
    tf.add_to_collection("outputs", y)
    mg = tf.train.export_meta_graph()
  kinds = {k: v.WhichOneof("kind") for k, v in mg.collection_def.items()}
  assert kinds["cond_context"] == "bytes_list"
  from tensorflow.core.protobuf import control_flow_pb2
  first = control_flow_pb2.CondContextDef.FromString(
      mg.collection_def["cond_context"].bytes_list.value[0])
  assert (first.context_name, first.pred_name, first.pivot_name, first.branch) == (
      "c/cond_text", "c/pred_id:0", "c/switch_t:0", 1)
  assert first.values_def.external_values["x:0"] == "c/mul/Switch:1"
  with tf.Graph().as_default():
    tf.train.import_meta_graph(mg, import_scope="imp")
    ctxts = tf.get_collection("cond_context")
    assert [c.name for c in ctxts] == ["imp/c/cond_text", "imp/c/cond_text_1"]
    y = tf.get_collection("outputs")[0]
    x = tf.get_default_graph().get_tensor_by_name("imp/x:0")
    # The imported ops carry their contexts again, so the cond's gradient is TF's.
    g = tf.gradients(y, x)[0]
    names = [op.name for op in tf.get_default_graph().get_operations()]
    assert "gradients/imp/c/Merge_grad/cond_grad" in names
    with tf.Session() as sess:
      assert sess.run([y, g]) == [9.0, 6.0]
      assert sess.run([y, g], {"imp/p:0": False}) == [4.0, 1.0]
