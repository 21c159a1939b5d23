"""GraphDefs with TF1 while loops: written by real TensorFlow (tests/goldens/cases_while_import.py),
imported with tf.import_graph_def and run here; Operation._update_input; loops surviving
as_graph_def / export_meta_graph / import_meta_graph round trips."""
import json
import os

import numpy as np
import pytest
import tensorflow as tf
from tensorflow.python.ops import gen_control_flow_ops

FILES = os.path.join(os.path.dirname(__file__), "..", "goldens", "while_import_files")
CASES = ["counting_loop", "nested_loop", "cond_in_while", "vector_sum", "frozen_dynamic"]


def _load(case):
    d = os.path.join(FILES, case)
    gd = tf.GraphDef()
    with open(os.path.join(d, "graph.pb"), "rb") as f:
        gd.ParseFromString(f.read())
    with open(os.path.join(d, "spec.json")) as f:
        spec = json.load(f)
    expected = np.load(os.path.join(d, "expected.npz"))
    return gd, spec, expected


def _check(values, spec, expected):
    for key in spec["fetches"]:
        want = expected[key]
        got = np.asarray(values[key])
        assert got.dtype == want.dtype, key
        assert got.shape == want.shape, key
        if want.dtype.kind == "f":
            np.testing.assert_allclose(got, want, rtol=1e-6, atol=1e-6, err_msg=key)
        else:
            np.testing.assert_array_equal(got, want, err_msg=key)


def _run_case(graph, spec, expected, prefix=""):
    fetches = {k: graph.get_tensor_by_name(prefix + name) for k, name in spec["fetches"].items()}
    feeds = {graph.get_tensor_by_name(prefix + name): expected[key]
             for name, key in spec["feeds"].items()}
    with tf.Session(graph=graph) as sess:
        return sess.run(fetches, feeds)


@pytest.mark.parametrize("case", CASES)
def test_tf_written_while_graphs_import_and_run(case):
    gd, spec, expected = _load(case)
    assert any(n.op == "NextIteration" for n in gd.node)
    with tf.Graph().as_default() as g:
        tf.import_graph_def(gd, name="")
        assert len(g.get_operations()) == len(gd.node)
        _check(_run_case(g, spec, expected), spec, expected)
        # Every back edge is connected in Python as in the native graph.
        loop_merges = [op for op in g.get_operations() if op.type == "Merge" and
                       "NextIteration" in [t.op.type for t in op.inputs]]
        assert loop_merges
        for op in loop_merges:
            assert [t.op.type for t in op.inputs] == ["Enter", "NextIteration"], op.name
            assert op._id < op.inputs[1].op._id  # pylint: disable=protected-access
            for t in op.inputs:
                assert op in t.consumers()
            assert [t._as_node_def_input for t in op.inputs] == list(op.node_def.input)  # pylint: disable=protected-access
        assert g._c_graph.num_pending_back_edges() == 0  # pylint: disable=protected-access


def test_counting_loop_structure_and_shapes():
    gd, spec, expected = _load("counting_loop")
    with tf.Graph().as_default() as g:
        tf.import_graph_def(gd, name="")
        merge = g.get_operation_by_name("count/Merge")
        nxt = g.get_operation_by_name("count/NextIteration")
        enter = g.get_operation_by_name("count/Enter")
        assert list(merge.inputs) == [enter.outputs[0], nxt.outputs[0]]
        assert enter.outputs[0].consumers() == [merge]
        assert merge in nxt.outputs[0].consumers()
        # TF infers a Merge fed by a back edge before the edge exists: unknown shape.
        assert merge.outputs[0].shape.ndims is None
        assert merge.outputs[1].shape.as_list() == []
        assert merge._id < nxt._id  # pylint: disable=protected-access
        assert g.get_tensor_by_name("i_out:0").dtype == tf.int32


def test_import_with_prefix_input_map_and_twice():
    gd, spec, expected = _load("counting_loop")
    with tf.Graph().as_default() as g:
        n = tf.constant(5, name="n")
        i, p = tf.import_graph_def(gd, input_map={"n:0": n},
                                   return_elements=["i_out:0", "p_out:0"], name="a")
        i2, p2 = tf.import_graph_def(gd, input_map={"n:0": n + 3},
                                     return_elements=["i_out:0", "p_out:0"], name="a")
        assert i.name == "a/i_out:0" and i2.name == "a_1/i_out:0"
        assert g.get_operation_by_name("a_1/count/Merge").inputs[1].op.name == \
            "a_1/count/NextIteration"
        with tf.Session() as sess:
            assert sess.run([i, p, i2, p2]) == [5, 32, 8, 256]


def test_nested_loops_feed_other_sizes():
    gd, _, _ = _load("nested_loop")
    with tf.Graph().as_default() as g:
        tf.import_graph_def(gd, name="")
        acc = g.get_tensor_by_name("acc_out:0")
        with tf.Session() as sess:
            for rows, cols in ((0, 4), (2, 0), (5, 3)):
                want = sum(a * 10 + b for a in range(rows) for b in range(cols))
                assert sess.run(acc, {"rows:0": rows, "cols:0": cols}) == want


def test_frozen_dynamic_loop_other_step_counts():
    gd, _, expected = _load("frozen_dynamic")
    with tf.Graph().as_default() as g:
        tf.import_graph_def(gd, name="")
        rows = g.get_tensor_by_name("rows:0")
        assert rows.shape.ndims is None  # the loop's result is as dynamic as TF infers it
        with tf.Session() as sess:
            for steps in (0, 2, 4):
                got, shape = sess.run([rows, "rows_shape:0"], {"steps:0": steps})
                np.testing.assert_allclose(got, expected["rows"][:steps + 1], rtol=1e-6)
                assert shape.tolist() == [steps + 1, 3]


@pytest.mark.parametrize("case", ["cond_in_while", "vector_sum"])
def test_as_graph_def_round_trip(case):
    gd, spec, expected = _load(case)
    with tf.Graph().as_default() as g:
        tf.import_graph_def(gd, name="")
        again = g.as_graph_def(add_shapes=True)
    # Nodes come out in the order they were added (each after its inputs, but for back edges).
    assert sorted(n.name for n in again.node) == sorted(n.name for n in gd.node)
    inputs = {n.name: list(n.input) for n in gd.node}
    for n in again.node:
        assert list(n.input) == inputs[n.name], n.name
    with tf.Graph().as_default() as g2:
        tf.import_graph_def(again, name="")
        _check(_run_case(g2, spec, expected), spec, expected)


def test_meta_graph_round_trip(tmp_path):
    gd, spec, expected = _load("nested_loop")
    path = str(tmp_path / "loop.meta")
    with tf.Graph().as_default():
        tf.import_graph_def(gd, name="")
        tf.add_to_collection("outputs", tf.get_default_graph().get_tensor_by_name("acc_out:0"))
        tf.train.export_meta_graph(path)
    with tf.Graph().as_default() as g:
        tf.train.import_meta_graph(path, import_scope="restored")
        assert tf.get_collection("outputs")[0].name == "restored/acc_out:0"
        _check(_run_case(g, spec, expected, prefix="restored/"), spec, expected)


def test_import_back_edge_dtype_mismatch_adds_nothing():
    gd = tf.GraphDef()
    c = gd.node.add(name="c", op="Const")
    c.attr["dtype"].type = tf.int32.as_datatype_enum
    c.attr["value"].tensor.dtype = tf.int32.as_datatype_enum
    c.attr["value"].tensor.int_val.append(1)
    f = gd.node.add(name="f", op="Const")
    f.attr["dtype"].type = tf.float32.as_datatype_enum
    f.attr["value"].tensor.dtype = tf.float32.as_datatype_enum
    f.attr["value"].tensor.float_val.append(1.0)
    e = gd.node.add(name="enter", op="Enter", input=["c"])
    e.attr["T"].type = tf.int32.as_datatype_enum
    e.attr["frame_name"].s = b"loop"
    m = gd.node.add(name="merge", op="Merge", input=["enter", "next"])
    m.attr["T"].type = tf.int32.as_datatype_enum
    m.attr["N"].i = 2
    nx = gd.node.add(name="next", op="NextIteration", input=["f", "^merge"])
    nx.attr["T"].type = tf.float32.as_datatype_enum
    with tf.Graph().as_default() as g:
        with pytest.raises(ValueError, match="Input 1 of node merge was passed float from "
                                             "next:0 incompatible with expected int32"):
            tf.import_graph_def(gd, name="")
        assert not g.get_operations()


# ---- Operation._update_input (TF 1.15's ops_test cases) -------------------------------------
def test_update_input():
    with tf.Graph().as_default() as g:
        x = tf.constant(1)
        y = tf.constant(2)
        z = x + y
    v = g.version
    z.op._update_input(0, y)  # pylint: disable=protected-access
    assert list(z.op.inputs) == [y, y]
    assert x.consumers() == []
    assert y.consumers() == [z.op, z.op]
    assert list(z.op.node_def.input) == ["Const_1", "Const_1"]
    with tf.Session(graph=g) as sess:
        assert sess.run(z) == 4
    z.op._update_input(0, x)  # pylint: disable=protected-access
    assert list(z.op.inputs) == [x, y]
    assert x.consumers() == [z.op]
    assert y.consumers() == [z.op]
    with tf.Session(graph=g) as sess:
        assert sess.run(z) == 3
    z.op._update_input(1, y)  # pylint: disable=protected-access
    assert list(z.op.inputs) == [x, y]
    assert x.consumers() == [z.op]
    assert y.consumers() == [z.op]
    with tf.Session(graph=g) as sess:
        assert sess.run(z) == 3
    assert g.version == v  # no op was added


def test_update_input_errors():
    with tf.Graph().as_default() as g:
        w = tf.constant(2, shape=[3, 1])
        x = tf.constant(0, shape=[3, 1])
        y = tf.constant(1, shape=[2, 2])
        s = tf.constant("")
        z = w + x
    with pytest.raises(tf.errors.InvalidArgumentError,
                       match=r"Cannot update edge, incompatible shapes: \[2,2\] and \[3,1\]"):
        z.op._update_input(0, y)  # pylint: disable=protected-access
    with pytest.raises(tf.errors.OutOfRangeError,
                       match=r"Cannot update edge. Input index \[1\] is greater than the number "
                             r"of total inputs \[0\]."):
        x.op._update_input(1, x)  # pylint: disable=protected-access
    # TF reports a dtype mismatch when the graph runs; here when the edge is updated.
    with pytest.raises(tf.errors.InvalidArgumentError,
                       match="Input 0 of node add was passed string from Const_3:0 "
                             "incompatible with expected int32"):
        z.op._update_input(0, s)  # pylint: disable=protected-access
    with pytest.raises(TypeError, match="tensor must be a Tensor"):
        z.op._update_input(0, 1)  # pylint: disable=protected-access
    with tf.Graph().as_default():
        other = tf.constant(0, shape=[3, 1])
    with pytest.raises(ValueError, match="must be from the same graph"):
        z.op._update_input(0, other)  # pylint: disable=protected-access
    assert list(z.op.inputs) == [w, x]
    with tf.Session(graph=g) as sess:
        np.testing.assert_array_equal(sess.run(z), [[2], [2], [2]])


def test_loop_closed_with_update_input_runs_and_round_trips(tmp_path):
    """A loop built as Python's tf.while_loop builds one: Merge(enter, enter), then the back
    edge set with _update_input once NextIteration exists."""
    cf = gen_control_flow_ops
    with tf.Graph().as_default() as g:
        limit = tf.placeholder(tf.int32, [], name="limit")
        enter = cf.enter(tf.constant(0), frame_name="w/ctx", name="w/Enter")
        enter_lim = cf.enter(limit, frame_name="w/ctx", is_constant=True, name="w/Enter_1")
        merge = cf.merge([enter, enter], name="w/Merge").output
        cond = cf.loop_cond(tf.less(merge, enter_lim), name="w/LoopCond")
        false, true = cf.switch(merge, cond, name="w/Switch")
        out = cf.exit(false, name="w/Exit")
        three = cf.enter(tf.constant(3), frame_name="w/ctx", is_constant=True, name="w/Enter_2")
        nxt = cf.next_iteration(tf.identity(true) + three, name="w/NextIteration")
        merge.op._update_input(1, nxt)  # pylint: disable=protected-access
        assert list(merge.op.inputs) == [enter, nxt]
        assert enter.consumers() == [merge.op]
        with tf.Session() as sess:
            assert sess.run(out, {limit: 10}) == 12
            assert sess.run(out, {limit: 0}) == 0
        gd = g.as_graph_def()
        assert list(next(n for n in gd.node if n.name == "w/Merge").input) == \
            ["w/Enter", "w/NextIteration"]
        path = str(tmp_path / "m.meta")
        tf.train.export_meta_graph(path)
    with tf.Graph().as_default():
        tf.import_graph_def(gd, name="")
        with tf.Session() as sess:
            assert sess.run("w/Exit:0", {"limit:0": 7}) == 9
    with tf.Graph().as_default():
        tf.train.import_meta_graph(path)
        with tf.Session() as sess:
            assert sess.run("w/Exit:0", {"limit:0": 1}) == 3
