"""GraphDef and MetaGraphDef files: tf.import_graph_def, Graph.as_graph_def, tf.train.write_graph,
tf.graph_util, tf.train.export_meta_graph / import_meta_graph; files written by real TensorFlow
(tests/goldens/cases_graph_io.py) load here, and files written here load in real TensorFlow."""
import importlib.util
import json
import os
import subprocess
import sys

import numpy as np
import pytest
import tensorflow as tf
from google.protobuf import text_format

GOLDEN_DIR = os.path.join(os.path.dirname(__file__), "..", "goldens")
FILES = os.path.join(GOLDEN_DIR, "graph_io_files")
RECORD = os.path.join(GOLDEN_DIR, "graph_io_tfref_record.json")
TFREF_PYTHON = "/work/tfref/bin/python"
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "tools"))
import make_goldens  # noqa: E402  pylint: disable=g-import-not-at-top,wrong-import-position


def _load_cases():
    path = os.path.join(GOLDEN_DIR, "cases_graph_io.py")
    spec = importlib.util.spec_from_file_location("cases_graph_io", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


CASES = _load_cases()
X_IN = CASES.X_IN


def _mlp_graph():
    g = tf.Graph()
    with g.as_default():
        x = tf.placeholder(tf.float32, [None, 4], name="x")
        CASES._mlp(tf, x)  # pylint: disable=protected-access
    return g


def _run(fetch, feed=None, graph=None):
    with tf.Session(graph=graph or tf.get_default_graph()) as sess:
        return sess.run(fetch, feed)


def _softmax_mlp(x):
    w1, b1, w2, b2 = CASES._weights()  # pylint: disable=protected-access
    h = np.maximum(x @ w1 + b1, 0)
    logits = h @ w2 + b2
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


# ---- tf.import_graph_def ---------------------------------------------------------------------
def test_import_round_trip_values_and_names():
    gd = _mlp_graph().as_graph_def()
    with tf.Graph().as_default() as g:
        probs, op = tf.import_graph_def(gd, return_elements=["probs:0", "layer1/MatMul"])
        assert probs.name == "import/probs:0" and op.name == "import/layer1/MatMul"
        assert isinstance(op, tf.Operation) and op.type == "MatMul"
        assert probs.shape.as_list() == [None, 3]
        out = _run(probs, {"import/x:0": X_IN})
        np.testing.assert_allclose(out, _softmax_mlp(X_IN), rtol=1e-5, atol=1e-6)
        # A second import gets a fresh prefix; a name scope nests it.
        again = tf.import_graph_def(gd, return_elements=["probs:0"])[0]
        with tf.name_scope("outer"):
            nested = tf.import_graph_def(gd, return_elements=["probs"])[0]
        assert again.name == "import_1/probs:0"
        assert nested.name == "outer/import/probs"
        assert tf.import_graph_def(gd) is None
        assert g.get_operation_by_name("import_2/probs").type == "Softmax"
        assert tf.import_graph_def(gd, return_elements=[]) == []


def test_import_empty_name_uniquifies_clashing_names():
    gd = _mlp_graph().as_graph_def()
    with tf.Graph().as_default() as g:
        tf.import_graph_def(gd, name="")
        probs, = tf.import_graph_def(gd, name="", return_elements=["probs:0"])
        assert probs.name == "probs_1:0"
        assert g.get_operation_by_name("layer1/MatMul_1").inputs[0].name == "x_1:0"
        # Names taken by the import are not handed out again.
        assert tf.constant(1.0, name="x").op.name == "x_2"
        out = _run(probs, {"x_1:0": X_IN})
        np.testing.assert_allclose(out, _softmax_mlp(X_IN), rtol=1e-5, atol=1e-6)


def test_import_input_map_forms_and_control_mapping():
    g0 = tf.Graph()
    with g0.as_default():
        x = tf.placeholder(tf.float32, [2], name="x")
        y = tf.multiply(x, 3.0, name="y")
        with tf.control_dependencies([y]):
            tf.no_op(name="n")
        tf.identity(y, name="z")
    gd = g0.as_graph_def()
    with tf.Graph().as_default() as g:
        c = tf.constant([1.0, 2.0], name="c")
        marker = tf.constant(0.0, name="marker")
        n, z = tf.import_graph_def(gd, input_map={"x:0": c, "^y": marker},
                                   return_elements=["n", "z:0"], name="m")
        assert [i for i in n.node_def.input] == ["^marker"]
        np.testing.assert_allclose(_run(z), [3.0, 6.0])
        z2, = tf.import_graph_def(gd, input_map={"x": c * 2.0}, return_elements=["z:0"])
        np.testing.assert_allclose(_run(z2), [6.0, 12.0])
        # Python values are converted inside the import's name scope.
        z3, = tf.import_graph_def(gd, input_map={"x:0": np.array([1.0, 1.0], np.float32)},
                                  return_elements=["z:0"], name="py")
        np.testing.assert_allclose(_run(z3), [3.0, 3.0])
        assert g.get_operation_by_name("py/Const").type == "Const"
        with pytest.raises(ValueError, match="requires a non-empty `name`"):
            tf.import_graph_def(gd, input_map={"x:0": [1.0, 1.0]}, name="")
        with pytest.raises(ValueError, match=r"Attempted to map inputs that were not found in "
                                             r"graph_def: \[nope:0\]"):
            tf.import_graph_def(gd, input_map={"nope:0": c})
        with pytest.raises(ValueError, match="Input 0 of node bad/y was passed int32 from "
                                             "i:0 incompatible with expected float"):
            tf.import_graph_def(gd, input_map={"x:0": tf.constant([1, 2], name="i")},
                                name="bad")


def test_import_default_attrs_device_colocation_and_control_context():
    g0 = tf.Graph()
    with g0.as_default():
        with tf.device("/cpu:0"):
            w = tf.constant([[1.0], [2.0]], name="w")
        x = tf.placeholder(tf.float32, [None, 2], name="x")
        with tf.colocate_with(w):
            tf.matmul(x, w, name="y")
        tf.identity(x, name="free")
    gd = g0.as_graph_def()
    for node in gd.node:
        if node.op == "MatMul":
            del node.attr["transpose_a"]
    with tf.Graph().as_default() as g:
        c = tf.constant(1.0, name="c")
        with tf.device("/gpu:0"), tf.control_dependencies([c]):
            y, free = tf.import_graph_def(gd, return_elements=["y", "free"])
        assert y.get_attr("transpose_a") is False
        assert [s for s in y.get_attr("_class")] == [b"loc:@import/w"]
        assert y.device == "/device:CPU:0"  # from its colocation target
        assert free.device == "/device:GPU:0"  # from the device stack
        assert "^c" in list(y.node_def.input) and "^c" in list(free.node_def.input)
        assert g.get_operation_by_name("import/w").device == "/device:CPU:0"


def test_import_out_of_order_graph_def():
    gd = _mlp_graph().as_graph_def()
    nodes = list(gd.node)
    del gd.node[:]
    gd.node.extend(reversed(nodes))
    with tf.Graph().as_default():
        probs, = tf.import_graph_def(gd, return_elements=["probs:0"])
        out = _run(probs, {"import/x:0": X_IN})
    np.testing.assert_allclose(out, _softmax_mlp(X_IN), rtol=1e-5, atol=1e-6)


def _num_ops(g):
    return len(g.get_operations()), g._c_graph.num_nodes()  # pylint: disable=protected-access


def _bad(mutate):
    gd = _mlp_graph().as_graph_def()
    mutate(gd)
    return gd


def _node(gd, name):
    return next(n for n in gd.node if n.name == name)


@pytest.mark.parametrize("mutate,error,pattern", [
    (lambda gd: setattr(_node(gd, "layer1/MatMul"), "op", "FooBar"), tf.errors.NotFoundError,
     r"Op type not registered 'FooBar' in binary running on .*Make sure the Op and Kernel are "
     r"registered"),
    (lambda gd: _node(gd, "layer1/MatMul").attr["zzz"].i, ValueError,
     r"NodeDef mentions attr 'zzz' not in Op<name=MatMul; signature=a:T, b:T -> product:T"),
    (lambda gd: _node(gd, "layer1/MatMul").input.__setitem__(0, "qq"), ValueError,
     r"Node 'layer1/MatMul': Unknown input node 'qq'"),
    (lambda gd: _node(gd, "layer1/MatMul").input.__setitem__(0, "x:3"), ValueError,
     r"Connecting to invalid output 3 of source node import/x which has 1 outputs"),
    (lambda gd: _node(gd, "layer1/MatMul").attr["T"].__setattr__("type", 3), ValueError,
     r"Input 0 of node import/layer1/MatMul was passed float from import/x:0 "
     r"incompatible with expected int32"),
    (lambda gd: gd.node.add().CopyFrom(gd.node[0]), ValueError, r"Node 'x' is not unique"),
    (lambda gd: setattr(gd.versions, "min_consumer", 5000), ValueError,
     r"GraphDef min consumer version 5000 above current version 134 for TensorFlow"),
    (lambda gd: gd.versions.bad_consumers.append(134), ValueError,
     r"GraphDef disallows consumer version 134"),
    (lambda gd: _node(gd, "layer1/w").attr["value"].tensor.tensor_shape.dim[0].__setattr__(
        "size", 7), ValueError, r"Dimensions must be equal|incompatible|invalid"),
])
def test_import_errors_leave_graph_unchanged(mutate, error, pattern):
    gd = _bad(mutate)
    with tf.Graph().as_default() as g:
        tf.constant(1.0, name="before")
        before = _num_ops(g)
        with pytest.raises(error, match=pattern):
            tf.import_graph_def(gd)
        assert _num_ops(g) == before


def test_import_cycles_are_reported():
    gd = tf.GraphDef()
    for name, src in (("a", "b"), ("b", "a")):
        n = gd.node.add(name=name, op="Identity", input=[src])
        n.attr["T"].type = tf.float32.as_datatype_enum
    with tf.Graph().as_default() as g:
        with pytest.raises(ValueError, match="2 nodes in a cycle"):
            tf.import_graph_def(gd)
        assert not g.get_operations()
    # A while loop: Enter -> Merge <- NextIteration, the back edge TF graphs carry.
    loop = tf.GraphDef()
    c = loop.node.add(name="c", op="Const")
    c.attr["dtype"].type = 1
    c.attr["value"].tensor.dtype = 1
    c.attr["value"].tensor.float_val.append(1.0)
    e = loop.node.add(name="enter", op="Enter", input=["c"])
    e.attr["T"].type = 1
    e.attr["frame_name"].s = b"loop"
    m = loop.node.add(name="merge", op="Merge", input=["enter", "next"])
    m.attr["T"].type = 1
    m.attr["N"].i = 2
    nx = loop.node.add(name="next", op="NextIteration", input=["merge"])
    nx.attr["T"].type = 1
    with tf.Graph().as_default() as g:
        tf.import_graph_def(loop, name="")
        merge = g.get_operation_by_name("merge")
        assert [t.name for t in merge.inputs] == ["enter:0", "next:0"]
        assert g.get_tensor_by_name("next:0").consumers() == [merge]
    # A cycle through an Identity, not a NextIteration into a Merge, is still no while loop.
    loop.node[3].op = "Identity"
    with tf.Graph().as_default() as g:
        with pytest.raises(ValueError, match="2 nodes in a cycle"):
            tf.import_graph_def(loop)
        assert not g.get_operations()


def test_import_argument_checks_and_return_element_errors():
    gd = _mlp_graph().as_graph_def()
    with tf.Graph().as_default():
        with pytest.raises(TypeError, match="graph_def must be a GraphDef proto"):
            tf.import_graph_def("not a graph")
        with pytest.raises(TypeError, match="input_map must be a dictionary"):
            tf.import_graph_def(gd, input_map=[1])
        with pytest.raises(TypeError, match="return_elements must be a list of strings"):
            tf.import_graph_def(gd, return_elements=[1])
        with pytest.raises(ValueError, match="Requested return node 'nope' not found"):
            tf.import_graph_def(gd, return_elements=["nope"])
        with pytest.raises(ValueError, match="Requested return tensor 'nope:0' not found"):
            tf.import_graph_def(gd, return_elements=["nope:0"])
        with pytest.raises(ValueError, match=r"Invalid return output 5 of node 'probs', which "
                                             r"has 1 output\(s\)"):
            tf.import_graph_def(gd, return_elements=["probs:5"])


def test_import_producer_op_list_drops_unknown_default_attrs():
    gd = _mlp_graph().as_graph_def()
    _node(gd, "layer1/MatMul").attr["grad_a"].b = False
    producer = tf.compat.v1.MetaGraphDef().meta_info_def.stripped_op_list
    op_def = producer.op.add()
    from tensorflow.python.framework import op_def_library  # pylint: disable=g-import-not-at-top
    op_def.CopyFrom(op_def_library.get_op_def("MatMul"))
    extra = op_def.attr.add(name="grad_a", type="bool")
    extra.default_value.b = False
    with tf.Graph().as_default():
        with pytest.raises(ValueError, match="NodeDef mentions attr 'grad_a'"):
            tf.import_graph_def(gd)
        probs, = tf.import_graph_def(gd, return_elements=["probs:0"], producer_op_list=producer)
        assert "grad_a" not in probs.graph.get_operation_by_name("import_1/layer1/MatMul") \
            .node_def.attr


def test_imported_shapes_match_tensorflows_output_shapes():
    mg = tf.MetaGraphDef()
    with open(os.path.join(FILES, "meta_graph_with_variables", "model.meta"), "rb") as f:
        mg.ParseFromString(f.read())
    with tf.Graph().as_default() as g:
        tf.import_graph_def(mg.graph_def, name="",
                            producer_op_list=mg.meta_info_def.stripped_op_list)
        mismatches = []
        for node in mg.graph_def.node:
            want = [None if s.unknown_rank else [d.size if d.size >= 0 else None for d in s.dim]
                    for s in node.attr["_output_shapes"].list.shape]
            got = [t.shape.as_list() if t.shape.ndims is not None else None
                   for t in g.get_operation_by_name(node.name).outputs]
            if want != got:
                mismatches.append((node.name, want, got))
    assert len(mg.graph_def.node) > 100
    assert not mismatches, mismatches[:5]


# ---- Graph.as_graph_def ----------------------------------------------------------------------
def test_as_graph_def_versions_shapes_and_known_attrs():
    g = tf.Graph()
    with g.as_default():
        x = tf.placeholder(tf.float32, [None, 4], name="x")
        labels = tf.placeholder(tf.float32, [None, 3], name="labels")
        p = CASES._mlp(tf, x, use_variables=True)  # pylint: disable=protected-access
        loss = tf.reduce_mean(tf.square(p - labels))
        tf.train.AdamOptimizer(0.1).minimize(loss)
    gd = g.as_graph_def(add_shapes=True)
    assert gd.versions.producer == 134 and gd.versions.min_consumer == 0
    assert tf.GRAPH_DEF_VERSION == 134
    from tensorflow.python.framework import op_def_library  # pylint: disable=g-import-not-at-top
    for node in gd.node:
        op = g.get_operation_by_name(node.name)
        want = [t.shape.as_proto() for t in op.outputs]
        assert list(node.attr["_output_shapes"].list.shape) == want, node.name
        known = {a.name for a in op_def_library.get_op_def(node.op).attr}
        assert {k for k in node.attr if not k.startswith("_")} <= known, node.name
    plain = g.as_graph_def()
    assert all("_output_shapes" not in n.attr for n in plain.node)
    assert [n.name for n in plain.node] == [n.name for n in gd.node]


# ---- tf.train.write_graph --------------------------------------------------------------------
def test_write_graph_text_and_binary(tmp_path):
    g = _mlp_graph()
    logdir = tmp_path / "new" / "dir"
    text_path = tf.train.write_graph(g, str(logdir), "g.pbtxt")
    bin_path = tf.io.write_graph(g.as_graph_def(), str(logdir), "g.pb", as_text=False)
    assert text_path == os.path.join(str(logdir), "g.pbtxt")
    assert bin_path == os.path.join(str(logdir), "g.pb")
    from_text = text_format.Parse(open(text_path).read(), tf.GraphDef())
    from_bin = tf.GraphDef.FromString(open(bin_path, "rb").read())
    assert from_text == g.as_graph_def() == from_bin
    assert open(text_path).read().startswith('node {\n  name: "x"\n  op: "Placeholder"')
    assert sorted(os.listdir(str(logdir))) == ["g.pb", "g.pbtxt"]


# ---- tf.graph_util ---------------------------------------------------------------------------
def test_extract_sub_graph_and_remove_training_nodes():
    g = tf.Graph()
    with g.as_default():
        x = tf.placeholder(tf.float32, [2], name="x")
        s = tf.sin(x, name="s")
        chk = tf.check_numerics(s, "bad", name="chk")
        i = tf.identity(chk, name="i")
        with tf.control_dependencies([i]):
            j = tf.identity(x, name="j")
        tf.multiply(i, 2.0, name="z")
        tf.identity(j, name="k")
        tf.cos(x, name="unused")
    gd = g.as_graph_def()
    sub = tf.graph_util.extract_sub_graph(gd, ["z"])
    assert [n.name for n in sub.node] == ["x", "s", "chk", "i", "z/y", "z"]
    assert sub.versions.producer == 134
    with pytest.raises(TypeError, match="dest_nodes must be a list"):
        tf.graph_util.extract_sub_graph(gd, "z")
    with pytest.raises(TypeError, match="graph_def must be a graph_pb2.GraphDef proto"):
        tf.graph_util.extract_sub_graph(g, ["z"])
    with pytest.raises(AssertionError, match="nope is not in graph"):
        tf.graph_util.extract_sub_graph(gd, ["nope"])

    pruned = tf.graph_util.remove_training_nodes(gd, protected_nodes=["k"])
    by_name = {n.name: list(n.input) for n in pruned.node}
    assert "chk" not in by_name  # CheckNumerics dropped, its reader reads its input
    assert by_name["i"] == ["s"]  # a control input elsewhere: kept
    assert by_name["j"] == ["x", "^i"]  # has a control input: kept
    assert by_name["z"] == ["i", "z/y"]
    assert by_name["k"] == ["j"]  # protected
    assert not pruned.HasField("versions")
    with tf.Graph().as_default():
        z, = tf.import_graph_def(pruned, return_elements=["z:0"])
        np.testing.assert_allclose(_run(z, {"import/x:0": [0.5, 1.0]}),
                                   2 * np.sin([0.5, 1.0]), rtol=1e-6)


def test_remove_training_nodes_keeps_identities_with_control_edges():
    g = tf.Graph()
    with g.as_default():
        x = tf.placeholder(tf.float32, [2], name="x")
        i = tf.identity(x, name="i")
        with tf.control_dependencies([i]):
            tf.identity(x, name="j")
        tf.identity(i, name="out")
        tf.multiply(tf.identity(tf.identity(x, name="a"), name="b"), 2.0, name="m")
    pruned = tf.graph_util.remove_training_nodes(g.as_graph_def())
    assert [(n.name, list(n.input)) for n in pruned.node] == [
        ("x", []), ("i", ["x"]), ("j", ["x", "^i"]), ("m/y", []), ("m", ["x", "m/y"])]


def test_convert_variables_to_constants_ref_and_resource():
    g = tf.Graph()
    with g.as_default():
        x = tf.placeholder(tf.float32, [None, 4], name="x")
        with tf.variable_scope("ref"):
            p_ref = CASES._mlp(tf, x, use_variables=True)  # pylint: disable=protected-access
        with tf.variable_scope("res"):
            p_res = CASES._mlp(tf, x, use_variables=True, resource=True)  # pylint: disable=protected-access
        out = tf.add(p_ref, p_res, name="out")
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            sess.run(tf.assign_add(tf.global_variables()[0], tf.ones([4, 5])))
            frozen = tf.graph_util.convert_variables_to_constants(sess, g.as_graph_def(), ["out"])
            want = sess.run(out, {x: X_IN})
            partial = tf.graph_util.convert_variables_to_constants(
                sess, g.as_graph_def(), ["out"], variable_names_blacklist=["res/layer1/w"])
            only = tf.graph_util.convert_variables_to_constants(
                sess, g.as_graph_def(), ["out"], variable_names_whitelist=["ref/layer1/w"])
    ops_by_name = {n.name: n for n in frozen.node}
    for v in ("ref/layer1/w", "ref/layer2/b", "res/layer1/w", "res/layer2/b"):
        assert ops_by_name[v].op == "Const", v
    assert not any(n.op in ("VariableV2", "VarHandleOp", "ReadVariableOp", "Assign")
                   for n in frozen.node)
    reads = [n for n in frozen.node if n.name.startswith("res/") and n.op == "Identity"]
    assert reads and all(n.attr["T"].type == tf.float32.as_datatype_enum for n in reads)
    w = tf.make_ndarray(ops_by_name["ref/layer1/w"].attr["value"].tensor)
    np.testing.assert_allclose(w, CASES._weights()[0] + 1.0)  # pylint: disable=protected-access
    with tf.Graph().as_default():
        o, = tf.import_graph_def(frozen, return_elements=["out:0"], name="")
        np.testing.assert_allclose(_run(o, {"x:0": X_IN}), want, rtol=1e-6)
    kinds = {n.name: n.op for n in partial.node}
    assert kinds["res/layer1/w"] == "VarHandleOp" and kinds["res/layer2/w"] == "Const"
    kinds = {n.name: n.op for n in only.node}
    assert kinds["ref/layer1/w"] == "Const" and kinds["ref/layer2/w"] == "VariableV2"


def test_must_run_on_cpu_and_tensor_shape_from_node_def_name():
    g = tf.Graph()
    with g.as_default():
        i = tf.constant([1, 2], name="i")
        f = tf.constant([1.0], name="f")
        tf.cast(i, tf.float32, name="cast")
        v = tf.Variable(1.0, name="v")
        tf.placeholder(tf.float32, [None, 7], name="p")
    assert tf.graph_util.must_run_on_cpu(i.op)
    assert not tf.graph_util.must_run_on_cpu(f.op)
    assert tf.graph_util.must_run_on_cpu(g.get_operation_by_name("cast").node_def)
    assert not tf.graph_util.must_run_on_cpu(v.op)
    assert tf.graph_util.must_run_on_cpu(v.op, pin_variables_on_cpu=True)
    assert tf.graph_util.tensor_shape_from_node_def_name(g, "p").as_list() == [None, 7]
    assert tf.graph_util.tensor_shape_from_node_def_name(g, "i:0").as_list() == [2]


# ---- MetaGraphDef ----------------------------------------------------------------------------
def _training_graph():
    g = tf.Graph()
    with g.as_default():
        x = tf.placeholder(tf.float32, [None, 4], name="x")
        labels = tf.placeholder(tf.float32, [None, 3], name="labels")
        with tf.variable_scope("ref"):
            p_ref = CASES._mlp(tf, x, use_variables=True)  # pylint: disable=protected-access
        with tf.variable_scope("res"):
            p_res = CASES._mlp(tf, x, use_variables=True, resource=True)  # pylint: disable=protected-access
        loss = tf.reduce_mean(tf.square(p_ref + p_res - labels), name="loss")
        step = tf.train.get_or_create_global_step()
        train_op = tf.train.GradientDescentOptimizer(0.5).minimize(loss, global_step=step,
                                                                    name="train")
        tf.add_to_collection("train_op", train_op)
        tf.add_to_collection("outputs", loss)
        tf.add_to_collection("my_ints", 7)
        tf.add_to_collection("my_floats", 0.25)
        tf.add_to_collection("my_strings", "hello")
    return g


def _labels():
    return np.eye(3, dtype=np.float32)[[0, 2, 1]]


def _train_step_in_default_graph():
    feed = {"x:0": X_IN, "labels:0": _labels()}
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        loss0 = sess.run("loss:0", feed)
        sess.run(tf.get_collection("train_op"), feed)
        loss1, step = sess.run(["loss:0", tf.train.get_global_step()], feed)
    return loss0, loss1, step


def test_export_meta_graph_contents():
    g = _training_graph()
    with g.as_default():
        mg = tf.train.export_meta_graph()
    info = mg.meta_info_def
    assert info.tensorflow_version == "1.15.5" and info.tensorflow_git_version
    used = sorted({n.op for n in mg.graph_def.node})
    assert [o.name for o in info.stripped_op_list.op] == used
    assert all("_output_shapes" in n.attr for n in mg.graph_def.node)
    assert mg.graph_def.versions.producer == 134
    cols = mg.collection_def
    # minimize() adds the op to "train_op" itself, then the program adds it again (as in TF).
    assert cols["train_op"].node_list.value == ["train", "train"]
    assert cols["outputs"].node_list.value == ["loss:0"]
    assert cols["my_ints"].int64_list.value == [7]
    assert cols["my_floats"].float_list.value == [0.25]
    assert cols["my_strings"].bytes_list.value == [b"hello"]
    var_defs = [_variable_def(b) for b in cols["variables"].bytes_list.value]
    names = [v.variable_name for v in var_defs]
    assert names == ["ref/layer1/w:0", "ref/layer1/b:0", "ref/layer2/w:0", "ref/layer2/b:0",
                     "res/layer1/w:0", "res/layer1/b:0", "res/layer2/w:0", "res/layer2/b:0",
                     "global_step:0"]
    assert [v.is_resource for v in var_defs] == [False] * 4 + [True] * 4 + [False]
    assert var_defs[0].snapshot_name == "ref/layer1/w/read:0"
    assert var_defs[4].snapshot_name == "res/layer1/w/Read/ReadVariableOp:0"
    assert len(cols["trainable_variables"].bytes_list.value) == 8
    assert _variable_def(cols["global_step"].bytes_list.value[0]).variable_name == "global_step:0"
    assert not mg.HasField("saver_def")
    stripped = tf.train.export_meta_graph(graph=g, strip_default_attrs=True)
    assert stripped.meta_info_def.stripped_default_attrs
    mm = next(n for n in stripped.graph_def.node if n.op == "MatMul")
    assert "transpose_a" not in mm.attr and "T" in mm.attr
    cleared = tf.train.export_meta_graph(graph=g, clear_devices=True, collection_list=["my_ints"])
    assert list(cleared.collection_def) == ["my_ints"]


def _variable_def(data):
    from tensorflow.core.framework import variable_pb2  # pylint: disable=g-import-not-at-top
    return variable_pb2.VariableDef.FromString(data)


def test_meta_graph_round_trip_restores_collections_and_trains(tmp_path):
    g = _training_graph()
    with g.as_default():
        want = _train_step_in_default_graph()
        path = str(tmp_path / "m" / "model.meta")
        mg = tf.train.export_meta_graph(path)
        text_path = str(tmp_path / "model.meta.txt")
        tf.train.export_meta_graph(text_path, as_text=True)
    assert tf.MetaGraphDef.FromString(open(path, "rb").read()) == mg
    for source in (path, text_path, mg):
        with tf.Graph().as_default() as g2:
            saver = tf.train.import_meta_graph(source)
            from tensorflow.python.training import saver as saver_lib  # pylint: disable=g-import-not-at-top
            assert saver is None or isinstance(saver, saver_lib.Saver)
            assert tf.get_collection("my_ints") == [7]
            assert tf.get_collection("my_floats") == [0.25]
            assert tf.get_collection("my_strings") == [b"hello"]
            assert [t.name for t in tf.get_collection("outputs")] == ["loss:0"]
            assert [o.name for o in tf.get_collection("train_op")] == ["train", "train"]
            assert [v.name for v in tf.trainable_variables()] == [
                "ref/layer1/w:0", "ref/layer1/b:0", "ref/layer2/w:0", "ref/layer2/b:0",
                "res/layer1/w:0", "res/layer1/b:0", "res/layer2/w:0", "res/layer2/b:0"]
            assert tf.train.get_global_step().name == "global_step:0"
            got = _train_step_in_default_graph()
            assert g2.get_tensor_by_name("loss:0").shape.as_list() == []
        np.testing.assert_allclose(got[:2], want[:2], rtol=1e-6)
        assert got[2] == want[2] == 1


def test_meta_graph_scopes_and_clear_devices():
    g = tf.Graph()
    with g.as_default():
        with tf.device("/cpu:0"):
            tf.constant(1.0, name="outside")
        with tf.variable_scope("net"):
            v = tf.get_variable("v", initializer=tf.constant([1.0, 2.0]))
            y = tf.multiply(v, 3.0, name="y")
        tf.add_to_collection("ys", y)
        mg = tf.train.export_meta_graph(export_scope="net", clear_devices=True)
    assert all(not n.name.startswith("net/") and n.name != "outside" for n in mg.graph_def.node)
    assert all(not n.device for n in mg.graph_def.node)
    assert mg.collection_def["ys"].node_list.value == ["y:0"]
    with tf.Graph().as_default() as g2:
        tf.train.import_meta_graph(mg, import_scope="copy")
        assert [x.name for x in tf.global_variables()] == ["copy/v:0"]
        assert tf.get_collection("ys")[0].name == "copy/y:0"
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            np.testing.assert_allclose(sess.run("copy/y:0"), [3.0, 6.0])
        assert g2.get_operation_by_name("copy/y").type == "Mul"


def test_meta_graph_file_errors(tmp_path):
    with tf.Graph().as_default():
        with pytest.raises(IOError, match="does not exist"):
            tf.train.import_meta_graph(str(tmp_path / "missing.meta"))
        bad = tmp_path / "bad.meta"
        bad.write_bytes(b"\xff\xfe not a proto {{{")
        with pytest.raises(IOError, match="Cannot parse file"):
            tf.train.import_meta_graph(str(bad))


def test_protos_on_tf():
    from tensorflow.core.protobuf import meta_graph_pb2, saved_model_pb2, saver_pb2  # pylint: disable=g-import-not-at-top
    assert tf.MetaGraphDef is meta_graph_pb2.MetaGraphDef
    assert tf.train.SaverDef is saver_pb2.SaverDef
    assert tf.TensorInfo is meta_graph_pb2.TensorInfo
    assert tf.GraphDef().DESCRIPTOR.full_name == "tensorflow.GraphDef"
    assert tf.NodeDef().DESCRIPTOR.full_name == "tensorflow.NodeDef"
    assert tf.AttrValue(i=3).i == 3
    assert tf.ConfigProto().DESCRIPTOR.full_name == "tensorflow.ConfigProto"
    sm = saved_model_pb2.SavedModel(saved_model_schema_version=1)
    sm.meta_graphs.add().saver_def.version = saver_pb2.SaverDef.V2
    assert saved_model_pb2.SavedModel.FromString(sm.SerializeToString()) == sm
    assert tf.graph_util.import_graph_def is tf.import_graph_def


# ---- goldens written by real TensorFlow -----------------------------------------------------
with open(os.path.join(GOLDEN_DIR, "graph_io_graphs.json")) as _f:
    GOLDEN_GRAPHS = json.load(_f)["cases"]
GOLDEN_VALUES = np.load(os.path.join(GOLDEN_DIR, "graph_io.npz"))


@pytest.mark.parametrize("case", sorted(CASES.CASES))
def test_import_cases_match_tensorflow(case):
    g = tf.Graph()
    with g.as_default():
        fetches = CASES.CASES[case](tf)
        values = _run(fetches)
    ours = make_goldens.graph_structure(g.as_graph_def())
    want = GOLDEN_GRAPHS[case]
    # tf.add makes `Add` in TF 1.15 (and here), `AddV2` in the TF 2.x that wrote the golden.
    op = lambda n: "Add" if n["op"] == "AddV2" else n["op"]
    assert [(n["name"], op(n), n["inputs"]) for n in ours] == \
        [(n["name"], op(n), n["inputs"]) for n in want]
    for key, value in values.items():
        np.testing.assert_allclose(value, GOLDEN_VALUES[case + "/" + key], rtol=1e-5,
                                   atol=1e-6, err_msg=key)


def _read_graph_def(path):
    gd = tf.GraphDef()
    data = open(path, "rb").read()
    if path.endswith("txt"):
        text_format.Merge(data.decode("utf-8"), gd)
    else:
        gd.ParseFromString(data)
    return gd


@pytest.mark.parametrize("name", ["mlp.pb", "mlp.pbtxt"])
def test_tensorflow_written_graph_def_loads(name):
    expected = np.load(os.path.join(FILES, "write_graph_files", "expected.npz"))
    gd = _read_graph_def(os.path.join(FILES, "write_graph_files", name))
    with tf.Graph().as_default():
        probs, = tf.import_graph_def(gd, return_elements=["probs:0"])
        out = _run(probs, {"import/x:0": expected["x"]})
    np.testing.assert_allclose(out, expected["probs"], rtol=1e-5, atol=1e-6)


def test_tensorflow_frozen_graph_loads():
    expected = np.load(os.path.join(FILES, "frozen_graph", "expected.npz"))
    gd = _read_graph_def(os.path.join(FILES, "frozen_graph", "frozen.pb"))
    assert not any(n.op in ("VariableV2", "VarHandleOp") for n in gd.node)
    with tf.Graph().as_default():
        out, = tf.import_graph_def(gd, return_elements=["out:0"], name="")
        got = _run(out, {"x:0": expected["x"]})
    np.testing.assert_allclose(got, expected["out"], rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("name", ["model.meta", "model.meta.txt"])
def test_tensorflow_meta_graph_loads_and_trains(name):
    expected = np.load(os.path.join(FILES, "meta_graph_with_variables", "expected.npz"))
    with tf.Graph().as_default() as g:
        tf.train.import_meta_graph(os.path.join(FILES, "meta_graph_with_variables", name))
        assert tf.get_collection("my_ints") == [7]
        assert tf.get_collection("my_strings") == [b"hello"]
        assert len(tf.trainable_variables()) == 8
        feed = {"x:0": expected["x"], "labels:0": expected["labels"]}
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            loss0 = sess.run("loss:0", feed)
            sess.run(tf.get_collection("train_op"), feed)
            loss1, step, w_ref, w_res = sess.run(
                ["loss:0", tf.train.get_global_step(), "ref/layer1/w:0",
                 g.get_collection("variables")[4].value()], feed)
    np.testing.assert_allclose(loss0, expected["loss0"], rtol=1e-5)
    np.testing.assert_allclose(loss1, expected["loss1"], rtol=1e-5)
    assert step == expected["step1"] == 1
    np.testing.assert_allclose(w_ref, expected["w_ref"], rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(w_res, expected["w_res"], rtol=1e-5, atol=1e-6)


# ---- files written here, loaded by real TensorFlow ------------------------------------------
_TFREF_SCRIPT = r'''
import json, sys
import numpy as np
import tensorflow.compat.v1 as tf
from google.protobuf import text_format
from tensorflow.python.framework import op_def_registry
tf.disable_v2_behavior()
d = sys.argv[1]
inputs = np.load(d + "/inputs.npz")
report = {"tensorflow_version": tf.__version__, "checks": {}}

def graph_def(name):
    gd = tf.GraphDef()
    data = open(d + "/" + name, "rb").read()
    if name.endswith("txt"):
        text_format.Merge(data.decode("utf-8"), gd)
    else:
        gd.ParseFromString(data)
    return gd

def unknown_attrs(gd):
    bad = []
    for n in gd.node:
        known = {a.name for a in op_def_registry.get(n.op).attr}
        bad += ["%s.%s" % (n.name, k) for k in n.attr if not k.startswith("_") and k not in known]
    return bad

def shape_mismatches(gd, g):
    bad = []
    for n in gd.node:
        ours = [None if s.unknown_rank else [x.size for x in s.dim]
                for s in n.attr["_output_shapes"].list.shape]
        theirs = [t.shape.as_list() if t.shape.ndims is not None else None
                  for t in g.get_operation_by_name(n.name).outputs]
        theirs = [None if s is None else [-1 if x is None else x for x in s] for s in theirs]
        if ours != theirs:
            bad.append([n.name, ours, theirs])
    return bad

for name in ("mlp.pbtxt", "mlp.pb"):
    gd = graph_def(name)
    with tf.Graph().as_default() as g:
        tf.import_graph_def(gd, name="")
        with tf.Session() as s:
            probs = s.run("probs:0", {"x:0": inputs["x"]})
        report["checks"][name] = {"ok": True, "values": probs.tolist(),
                                  "producer": gd.versions.producer,
                                  "unknown_attrs": unknown_attrs(gd),
                                  "shape_mismatches": shape_mismatches(gd, g)}

gd = graph_def("frozen.pb")
with tf.Graph().as_default():
    out, = tf.import_graph_def(gd, return_elements=["out:0"])
    with tf.Session() as s:
        report["checks"]["frozen.pb"] = {"ok": True, "unknown_attrs": unknown_attrs(gd),
                                         "values": s.run(out, {"import/x:0": inputs["x"]}).tolist()}

with tf.Graph().as_default() as g:
    tf.train.import_meta_graph(d + "/model.meta")
    feed = {"x:0": inputs["x"], "labels:0": inputs["labels"]}
    with tf.Session() as s:
        s.run(tf.global_variables_initializer())
        loss0 = s.run("loss:0", feed)
        s.run(tf.get_collection("train_op"), feed)
        loss1, step = s.run(["loss:0", tf.train.get_global_step()], feed)
    mg = tf.MetaGraphDef.FromString(open(d + "/model.meta", "rb").read())
    report["checks"]["model.meta"] = {
        "ok": True, "values": [float(loss0), float(loss1), int(step)],
        "trainable": [v.name for v in tf.trainable_variables()],
        "collections": [tf.get_collection("my_ints"), tf.get_collection("my_floats"),
                        [x.decode() for x in tf.get_collection("my_strings")]],
        "unknown_attrs": unknown_attrs(mg.graph_def),
        "shape_mismatches": shape_mismatches(mg.graph_def, g)}
print("REPORT" + json.dumps(report))
'''


def _write_our_files(outdir):
    """Our files for real TF to load, and the values we compute from them."""
    g = _mlp_graph()
    with g.as_default():
        tf.train.write_graph(g.as_graph_def(add_shapes=True), outdir, "mlp.pbtxt")
        tf.train.write_graph(g.as_graph_def(add_shapes=True), outdir, "mlp.pb", as_text=False)
        mlp = _run("probs:0", {"x:0": X_IN})
    g = tf.Graph()
    with g.as_default():
        x = tf.placeholder(tf.float32, [None, 4], name="x")
        with tf.variable_scope("ref"):
            p_ref = CASES._mlp(tf, x, use_variables=True)  # pylint: disable=protected-access
        with tf.variable_scope("res"):
            p_res = CASES._mlp(tf, x, use_variables=True, resource=True)  # pylint: disable=protected-access
        out = tf.add(p_ref, p_res, name="out")
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            frozen = tf.graph_util.convert_variables_to_constants(sess, g.as_graph_def(), ["out"])
            frozen_out = sess.run(out, {x: X_IN})
        tf.train.write_graph(frozen, outdir, "frozen.pb", as_text=False)
    g = _training_graph()
    with g.as_default():
        tf.train.export_meta_graph(os.path.join(outdir, "model.meta"))
        loss0, loss1, step = _train_step_in_default_graph()
    np.savez(os.path.join(outdir, "inputs.npz"), x=X_IN, labels=_labels())
    return {"mlp.pbtxt": mlp, "mlp.pb": mlp, "frozen.pb": frozen_out,
            "model.meta": np.array([loss0, loss1, step], np.float64)}


def _check_report(report, ours):
    checks = report["checks"]
    assert sorted(checks) == sorted(ours)
    for name, want in ours.items():
        check = checks[name]
        assert check["ok"], name
        assert check.get("unknown_attrs", []) == [], (name, check["unknown_attrs"][:5])
        assert check.get("shape_mismatches", []) == [], (name, check["shape_mismatches"][:5])
        np.testing.assert_allclose(np.array(check["values"], np.float64), want, rtol=1e-5,
                                   atol=1e-6, err_msg=name)
    assert checks["mlp.pb"]["producer"] == 134
    meta = checks["model.meta"]
    assert meta["collections"] == [[7], [0.25], ["hello"]]
    assert len(meta["trainable"]) == 8


def test_our_files_load_in_real_tensorflow(tmp_path):
    ours = _write_our_files(str(tmp_path))
    if not os.path.exists(TFREF_PYTHON):
        # No reference TensorFlow here: the committed record of its last run must hold, and
        # its values must still be what we compute.
        with open(RECORD) as f:
            _check_report(json.load(f), ours)
        return
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["TF_CPP_MIN_LOG_LEVEL"] = "3"
    proc = subprocess.run([TFREF_PYTHON, "-c", _TFREF_SCRIPT, str(tmp_path)], capture_output=True,
                          text=True, timeout=600, env=env, cwd=str(tmp_path))
    assert proc.returncode == 0, proc.stderr[-3000:]
    line = [ln for ln in proc.stdout.splitlines() if ln.startswith("REPORT")][-1]
    report = json.loads(line[len("REPORT"):])
    _check_report(report, ours)
    if os.environ.get("TFC_WRITE_TFREF_RECORD"):
        with open(RECORD, "w") as f:
            json.dump(report, f, indent=1, sort_keys=True)


def test_import_of_corrupted_graph_defs_raises_clean_errors():
    """Random corruptions of a valid GraphDef: each import either works or raises one of TF's
    error types, and a failed import leaves the graph as it was."""
    base = _mlp_graph().as_graph_def(add_shapes=True)
    rng = np.random.RandomState(0)
    names = [n.name for n in base.node] + ["nope", "x:7", "^probs", "", ":", "a:b:c"]
    outcomes = {"ok": 0, "error": 0}
    for _ in range(300):
        gd = tf.GraphDef()
        gd.CopyFrom(base)
        node = gd.node[rng.randint(len(gd.node))]
        kind = rng.randint(7)
        if kind == 0:
            node.op = str(rng.choice(["MatMul", "Relu", "Const", "NoOp", "Softmax", "Nope"]))
        elif kind == 1:
            node.input.append(str(rng.choice(names)))
        elif kind == 2 and node.input:
            node.input[rng.randint(len(node.input))] = str(rng.choice(names))
        elif kind == 3 and node.attr:
            key = sorted(node.attr)[rng.randint(len(node.attr))]
            node.attr[key].type = int(rng.randint(0, 30))
        elif kind == 4 and node.attr:
            del node.attr[sorted(node.attr)[rng.randint(len(node.attr))]]
        elif kind == 5 and node.op == "Const":
            t = node.attr["value"].tensor
            t.tensor_content = t.tensor_content[:rng.randint(len(t.tensor_content) + 1)]
        else:
            node.name = str(rng.choice(names))
        with tf.Graph().as_default() as g:
            try:
                tf.import_graph_def(gd, name="")
                outcomes["ok"] += 1
            except (ValueError, TypeError, tf.errors.OpError):
                outcomes["error"] += 1
                assert not g.get_operations()
    assert outcomes["ok"] > 0 and outcomes["error"] > 100, outcomes


def test_import_meta_graph_rebuilds_the_saver(tmp_path):
    g = tf.Graph()
    with g.as_default():
        v = tf.Variable([1.0, 2.0], name="v")
        r = tf.get_variable("r", initializer=tf.constant([3.0]), use_resource=True)
        saver = tf.train.Saver()
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            sess.run([v.assign([5.0, 6.0]), r.assign([7.0])])
            prefix = saver.save(sess, str(tmp_path / "ckpt"), write_meta_graph=False)
        mg = tf.train.export_meta_graph(saver_def=saver.as_saver_def())
    assert mg.saver_def == saver.as_saver_def()
    assert mg.saver_def.restore_op_name == "save/restore_all"
    with tf.Graph().as_default():
        restored = tf.train.import_meta_graph(mg)
        assert restored.as_saver_def() == mg.saver_def
        with tf.Session() as sess:
            restored.restore(sess, prefix)
            np.testing.assert_allclose(sess.run("v:0"), [5.0, 6.0])
            np.testing.assert_allclose(sess.run("r/Read/ReadVariableOp:0"), [7.0])
    with tf.Graph().as_default():
        scoped = tf.train.import_meta_graph(mg, import_scope="copy")
        assert scoped.as_saver_def().restore_op_name == "copy/save/restore_all"
        with tf.Session() as sess:
            scoped.restore(sess, prefix)
            np.testing.assert_allclose(sess.run("copy/v:0"), [5.0, 6.0])


def test_framework_module_paths_freezing_scripts_import():
    from tensorflow.python.framework import graph_util  # pylint: disable=g-import-not-at-top
    from tensorflow.python.framework import op_def_registry  # pylint: disable=g-import-not-at-top
    assert graph_util.convert_variables_to_constants is \
        tf.graph_util.convert_variables_to_constants
    assert graph_util.import_graph_def is tf.import_graph_def
    assert op_def_registry.get("MatMul").name == "MatMul"
    assert op_def_registry.get("NoSuchOp") is None
    assert op_def_registry.get_registered_ops()["Relu"].name == "Relu"
