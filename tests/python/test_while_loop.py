"""tf.while_loop (TF1 Enter/Merge/Switch/Exit loops) and tf.case against real TensorFlow
(tests/goldens/cases_while_loop.py): values, static shapes, graphs; plus errors, the
while_context collection's meta-graph round trip, and the gradient refusal."""
import numpy as np
import pytest
import tensorflow as tf

from op_test_util import fresh_graph  # noqa: F401

import golden_util

MOD, META, GRAPHS, ARRAYS = golden_util.load("while_loop")
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


@pytest.mark.parametrize("case", sorted(MOD.CASES))
def test_graph_matches_tensorflow(case):
  g, _ = _build(case)
  ours = [golden_util.without_attrs(n)
          for n in golden_util.graph_structure(g.as_graph_def())]
  want = [golden_util.without_attrs(n) for n in GRAPHS[case]]
  golden_util.assert_same_nodes(ours, want)


def test_loop_ops_and_frames(fresh_graph):
  x = tf.constant(2.0, name="x")
  r = tf.while_loop(lambda v: v < 50.0, lambda v: v * x, [tf.constant(1.0)], name="loop",
                    parallel_iterations=4)
  g = tf.get_default_graph()
  enter = g.get_operation_by_name("loop/Enter")
  assert enter.get_attr("frame_name") == b"loop/while_context"
  assert enter.get_attr("is_constant") is False
  assert enter.get_attr("parallel_iterations") == 4
  x_enter = g.get_operation_by_name("loop/mul/Enter")
  assert x_enter.get_attr("is_constant") is True
  assert [t.name for t in x_enter.inputs] == ["x:0"]
  assert r.op.type == "Exit"
  ctxt = tf.get_collection(tf.GraphKeys.WHILE_CONTEXT)
  assert [c.name for c in ctxt] == ["loop/while_context"]
  assert ctxt[0].pivot.op.type == "LoopCond"
  with tf.Session() as sess:
    assert sess.run(r) == 64.0


def test_body_tensors_cannot_be_fetched(fresh_graph):
  inner = []

  def body(v):
    t = v + 1
    inner.append(t)
    return t
  r = tf.while_loop(lambda v: v < 3, body, [tf.constant(0)])
  with tf.Session() as sess:
    assert sess.run(r) == 3
    with pytest.raises(ValueError, match="has been marked as not fetchable"):
      sess.run(inner[0])


def test_external_control_dependencies_move_inside_the_loop(fresh_graph):
  v = tf.Variable(0.0)
  inc = tf.assign_add(v, 1.0)
  with tf.control_dependencies([inc]):
    r = tf.while_loop(lambda i: i < 3, lambda i: i + 1, [tf.constant(0)])
  g = tf.get_default_graph()
  add_y = g.get_operation_by_name("while/add/y")
  # The Const's control input from outside the loop was replaced by the pivot and an identity
  # of the external op's output, entered into the loop.
  assert [c.name for c in add_y.control_inputs] == ["while/Identity", "while/add/Identity"]
  assert [t.name for t in g.get_operation_by_name("while/add/Identity").inputs] == [
      "while/Less/Identity/RefEnter:0"]
  with tf.Session() as sess:
    sess.run(v.initializer)
    assert sess.run(r) == 3
    assert sess.run(v) == 1.0


def test_shape_invariant_errors(fresh_graph):
  with pytest.raises(ValueError, match=(
      r"Input tensor 'Const:0' enters the loop with shape \(2,\), but has shape \(3,\) after "
      r"one iteration. To allow the shape to vary across iterations, use the "
      r"`shape_invariants` argument of tf.while_loop to specify a less-specific shape.")):
    tf.while_loop(lambda x: tf.size(x) < 5, lambda x: tf.concat([x, [1.0]], 0),
                  [tf.constant([1.0, 2.0])])
  with pytest.raises(ValueError, match="The shape invariant specified for Const_1:0 is not "
                     "compatible with the initial shape of the loop variable"):
    tf.while_loop(lambda x: True, lambda x: x, [tf.constant([1.0, 2.0])],
                  shape_invariants=[tf.TensorShape([3])])
  # A less specific invariant: the result's static shape is the invariant.
  r = tf.while_loop(lambda x: tf.size(x) < 5, lambda x: tf.concat([x, [9.0]], 0),
                    [tf.constant([1.0, 2.0])], shape_invariants=[tf.TensorShape([None])])
  assert r.shape.as_list() == [None]
  with tf.Session() as sess:
    np.testing.assert_array_equal(sess.run(r), [1.0, 2.0, 9.0, 9.0, 9.0])


def test_argument_errors(fresh_graph):
  one = tf.constant(1)
  with pytest.raises(ValueError, match="No loop variables provided"):
    tf.while_loop(lambda: True, lambda: (), [])
  with pytest.raises(TypeError, match="cond must be callable"):
    tf.while_loop(True, lambda x: x, [one])
  with pytest.raises(TypeError, match="body must be callable"):
    tf.while_loop(lambda x: x < 3, one, [one])
  with pytest.raises(TypeError, match="parallel_iterations must be a positive integer"):
    tf.while_loop(lambda x: x < 3, lambda x: x + 1, [one], parallel_iterations=0)
  with pytest.raises(ValueError, match="maximum_iterations must be a scalar"):
    tf.while_loop(lambda x: x < 3, lambda x: x + 1, [one], maximum_iterations=[1, 2])
  with pytest.raises(ValueError, match="don't have the same"):
    tf.while_loop(lambda x, y: x < 3, lambda x, y: x + 1, [one, one])
  with pytest.raises(tf.errors.InvalidArgumentError, match="incompatible with expected int32"):
    tf.while_loop(lambda x: x < 3, lambda x: tf.cast(x, tf.float32), [one])


def test_indexed_slices_loop_variable(fresh_graph):
  s = tf.IndexedSlices(tf.constant([[1.0, 2.0]]), tf.constant([1]), tf.constant([3, 2]))
  i, out = tf.while_loop(
      lambda i, s: i < 3,
      lambda i, s: (i + 1, tf.IndexedSlices(s.values * 2.0, s.indices, s.dense_shape)),
      [tf.constant(0), s])
  assert isinstance(out, tf.IndexedSlices)
  with tf.Session() as sess:
    vals, idx, shape = sess.run([out.values, out.indices, out.dense_shape])
  np.testing.assert_array_equal(vals, [[8.0, 16.0]])
  np.testing.assert_array_equal(idx, [1])
  np.testing.assert_array_equal(shape, [3, 2])


def test_gradients_through_a_loop_are_refused(fresh_graph):
  x = tf.constant(2.0)
  r = tf.while_loop(lambda v: v < 100.0, lambda v: v * x, [x])
  with pytest.raises(NotImplementedError,
                     match="Gradients through tf.while_loop are not implemented in tfclassic"):
    tf.gradients(r, x)
  with pytest.raises(LookupError, match="Gradients through tf.while_loop"):
    tf.gradients(r * 2.0, [x])
  # Gradients that do not cross the loop still work.
  y = x * 3.0
  with tf.Session() as sess:
    assert sess.run(tf.gradients(y + tf.stop_gradient(r), x)[0]) == 3.0


def test_case_errors_at_run_time(fresh_graph):
  x = tf.placeholder(tf.int32, [])
  c = tf.case([(tf.equal(x, 1), lambda: tf.constant(1)), (tf.equal(x, 2), lambda: tf.constant(2))],
              exclusive=True)
  both = tf.case([(tf.greater(x, 0), lambda: tf.constant(1)),
                  (tf.greater(x, 1), lambda: tf.constant(2))], default=lambda: tf.constant(0),
                 exclusive=True)
  first = tf.case([(tf.greater(x, 0), lambda: tf.constant(1)),
                   (tf.greater(x, 1), lambda: tf.constant(2))], default=lambda: tf.constant(0))
  with tf.Session() as sess:
    assert sess.run(c, {x: 2}) == 2
    assert sess.run(first, {x: 5}) == 1
    assert sess.run(first, {x: -5}) == 0
    with pytest.raises(tf.errors.InvalidArgumentError, match="None of conditions evaluated"):
      sess.run(c, {x: 7})
    with pytest.raises(tf.errors.InvalidArgumentError, match="Input error: exclusive=True"):
      sess.run(both, {x: 5})
  with pytest.raises(TypeError, match="must be a list, tuple, or dict"):
    tf.case(lambda: 1)
  with pytest.raises(TypeError, match="pred must be Tensor of type bool"):
    tf.case([(x, lambda: x)])
  with pytest.raises(TypeError, match="2-tuple"):
    tf.case([[tf.equal(x, 1), lambda: x]])


def test_while_contexts_survive_meta_graph_export_and_import():
  with tf.Graph().as_default():
    x = tf.constant(3.0, name="x")
    p = tf.placeholder_with_default(True, [], name="p")

    def body(i, v):
      inner = tf.while_loop(lambda k: k < 2, lambda k: k + 1, [tf.constant(0)], name="inner")
      v = tf.cond(p, lambda: v * x, lambda: v + x)
      return i + inner, v

    out = tf.while_loop(lambda i, v: i < 6, body, (tf.constant(0), tf.constant(1.0)),
                        name="outer", maximum_iterations=10)
    tf.add_to_collection("outputs", out[1])
    mg = tf.train.export_meta_graph()
  from tensorflow.core.protobuf import control_flow_pb2
  kinds = {k: v.WhichOneof("kind") for k, v in mg.collection_def.items()}
  assert kinds["while_context"] == "bytes_list"
  (raw,) = mg.collection_def["while_context"].bytes_list.value
  wdef = control_flow_pb2.WhileContextDef.FromString(raw)
  assert (wdef.context_name, wdef.pivot_name, wdef.pivot_for_pred_name,
          wdef.pivot_for_body_name, wdef.parallel_iterations, wdef.back_prop,
          wdef.maximum_iterations_name) == (
              "outer/while_context", "outer/LoopCond:0", "outer/Merge:0", "outer/Identity:0",
              10, True, "outer/maximum_iterations:0")
  assert list(wdef.loop_exit_names) == ["outer/Exit:0", "outer/Exit_1:0", "outer/Exit_2:0"]
  assert wdef.values_def.external_values["x:0"] == "outer/cond/mul/Switch/Enter:0" or \
      "x:0" in wdef.values_def.external_values
  nested = [n.WhichOneof("ctxt") for n in wdef.nested_contexts]
  assert nested == ["while_ctxt", "cond_ctxt", "cond_ctxt"]
  for scope in (None, "imp"):
    with tf.Graph().as_default() as g:
      tf.train.import_meta_graph(mg, import_scope=scope)
      prefix = scope + "/" if scope else ""
      (ctxt,) = tf.get_collection("while_context")
      assert ctxt.name == prefix + "outer/while_context"
      assert [c.name for c in ctxt._nested_contexts] == [
          prefix + "outer/inner/while_context", prefix + "outer/cond/cond_text",
          prefix + "outer/cond/cond_text_1"]
      assert ctxt._nested_contexts[0].outer_context is ctxt
      enter = g.get_operation_by_name(prefix + "outer/Enter")
      assert enter._get_control_flow_context() is ctxt
      assert enter.get_attr("frame_name") == (prefix + "outer/while_context").encode()
      y = tf.get_collection("outputs")[0]
      with tf.Session() as sess:
        assert sess.run(y) == 27.0
        assert sess.run(y, {prefix + "p:0": False}) == 10.0


def test_operation_remove_control_inputs_and_set_attr(fresh_graph):
  from tensorflow.core.framework import attr_value_pb2
  a = tf.constant(1.0, name="a")
  b = tf.constant(2.0, name="b")
  with tf.control_dependencies([a, b]):
    c = tf.identity(a, name="c")
  c.op._remove_all_control_inputs()
  assert c.op.control_inputs == []
  gd = tf.get_default_graph().as_graph_def()
  assert [n.input for n in gd.node if n.name == "c"][0] == ["a"]
  c.op._add_control_inputs([b.op])
  assert [n.input for n in tf.get_default_graph().as_graph_def().node if n.name == "c"][0] == [
      "a", "^b"]
  e = tf.while_loop(lambda v: v < 3.0, lambda v: v + 1.0, [c], name="w")
  enter = tf.get_default_graph().get_operation_by_name("w/Enter")
  enter._set_attr("frame_name", attr_value_pb2.AttrValue(s=b"renamed"))
  assert enter.get_attr("frame_name") == b"renamed"
  assert enter.node_def.attr["frame_name"].s == b"renamed"
  # (ops.py maps the native InvalidArgument of _set_attr to ValueError.)
  with pytest.raises((ValueError, tf.errors.InvalidArgumentError), match="would change"):
    enter._set_attr("T", attr_value_pb2.AttrValue(type=tf.int32.as_datatype_enum))
  with pytest.raises((ValueError, tf.errors.InvalidArgumentError)):
    enter._set_attr("no_such_attr", attr_value_pb2.AttrValue(i=1))
  with tf.Session() as sess:
    assert sess.run(e) == 3.0
