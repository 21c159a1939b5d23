"""Graph files written by real TensorFlow, loaded here by tests/python/test_graph_io.py.

CASES: graphs built with tf.import_graph_def (their structure and values are goldens).
FILE_CASES: each writes files into `outdir` (tests/goldens/graph_io_files/<case>/) with real TF:
a GraphDef as text and binary, a frozen graph, .meta files; plus `expected.npz` holding the
inputs fed and the values TF computed, which the test compares against ours.
"""
import os

import numpy as np

X_IN = np.array([[0.5, -1.0, 2.0, 0.25], [1.5, 0.0, -0.5, -2.0], [0.1, 0.2, 0.3, 0.4]],
                np.float32)


def _weights():
    rng = np.random.RandomState(42)
    return (rng.uniform(-1, 1, (4, 5)).astype(np.float32),
            rng.uniform(-1, 1, (5,)).astype(np.float32),
            rng.uniform(-1, 1, (5, 3)).astype(np.float32),
            rng.uniform(-1, 1, (3,)).astype(np.float32))


def _mlp(tf, x, use_variables=False, resource=False):
    w1, b1, w2, b2 = _weights()
    if use_variables:
        mk = lambda v, n: tf.get_variable(n, initializer=tf.constant(v), use_resource=resource)
    else:
        mk = lambda v, n: tf.constant(v, name=n)
    with tf.variable_scope("layer1"):
        h = tf.nn.relu(tf.nn.bias_add(tf.matmul(x, mk(w1, "w")), mk(b1, "b")))
    with tf.variable_scope("layer2"):
        logits = tf.add(tf.matmul(h, mk(w2, "w")), mk(b2, "b"), name="logits")
    return tf.nn.softmax(logits, name="probs")


# Attrs TF 2.x sets to non-default values that TF 1.15's OpDefs do not have.
_TF2_ONLY_ATTRS = {"VarHandleOp": ("debug_name",), "MatMul": ("grad_a", "grad_b")}


def _drop_tf2_only_attrs(graph_def):
    for node in graph_def.node:
        for name in _TF2_ONLY_ATTRS.get(node.op, ()):
            if name in node.attr:
                del node.attr[name]
    return graph_def


def _strip_default_attrs(graph_def):
    """TF 2.x writes attrs TF 1.15 lacks (MatMul's grad_a/grad_b ...), always at their
    defaults; a GraphDef without default-valued attrs is what TF 1.15 can read too."""
    from tensorflow.python.framework import op_def_registry
    _drop_tf2_only_attrs(graph_def)
    for node in graph_def.node:
        op_def = op_def_registry.get(node.op)
        for attr_def in op_def.attr:
            if (attr_def.HasField("default_value") and attr_def.name in node.attr and
                    node.attr[attr_def.name] == attr_def.default_value):
                del node.attr[attr_def.name]
    return graph_def


def _mlp_graph_def(tf):
    g = tf.Graph()
    with g.as_default():
        x = tf.placeholder(tf.float32, [None, 4], name="x")
        _mlp(tf, x)
    return _strip_default_attrs(g.as_graph_def())


# ---- CASES: import_graph_def inside TF ------------------------------------------------------
def import_with_input_map(tf):
    gd = _mlp_graph_def(tf)
    x = tf.constant(X_IN, name="feed")
    probs, logits = tf.import_graph_def(gd, input_map={"x:0": x},
                                        return_elements=["probs:0", "layer2/logits:0"],
                                        name="net")
    again, = tf.import_graph_def(gd, input_map={"x": x * 2.0}, return_elements=["probs:0"])
    return {"probs": probs, "logits": logits, "again": again}


def import_twice_default_names(tf):
    gd = _mlp_graph_def(tf)
    c = tf.constant(X_IN, name="c")
    with tf.name_scope("outer"):
        a, = tf.import_graph_def(gd, input_map={"x:0": c}, return_elements=["probs:0"])
    b, = tf.import_graph_def(gd, input_map={"x:0": c + 1.0}, return_elements=["probs:0"])
    d, = tf.import_graph_def(gd, input_map={"x:0": c - 1.0}, return_elements=["probs:0"],
                             name="")
    return {"a": a, "b": b, "d": d}


CASES = {
    "import_with_input_map": import_with_input_map,
    "import_twice_default_names": import_twice_default_names,
}


# ---- FILE_CASES: files written by TF --------------------------------------------------------
def write_graph_files(tf, outdir):
    g = tf.Graph()
    with g.as_default():
        x = tf.placeholder(tf.float32, [None, 4], name="x")
        probs = _mlp(tf, x)
        gd = _strip_default_attrs(g.as_graph_def())
        tf.train.write_graph(gd, outdir, "mlp.pbtxt", as_text=True)
        tf.train.write_graph(gd, outdir, "mlp.pb", as_text=False)
        with tf.Session() as sess:
            out = sess.run(probs, {x: X_IN})
    np.savez(os.path.join(outdir, "expected.npz"), x=X_IN, probs=out)


def frozen_graph(tf, outdir):
    g = tf.Graph()
    with g.as_default():
        x = tf.placeholder(tf.float32, [None, 4], name="x")
        with tf.variable_scope("ref"):
            p_ref = _mlp(tf, x, use_variables=True)
        with tf.variable_scope("res"):
            p_res = _mlp(tf, x, use_variables=True, resource=True)
        out = tf.add(p_ref, p_res, name="out")
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            frozen = tf.graph_util.convert_variables_to_constants(
                sess, g.as_graph_def(), ["out"])
            want = sess.run(out, {x: X_IN})
    tf.train.write_graph(_strip_default_attrs(frozen), outdir, "frozen.pb", as_text=False)
    np.savez(os.path.join(outdir, "expected.npz"), x=X_IN, out=want)


def meta_graph_with_variables(tf, outdir):
    """A .meta with ref and resource variables, global_step and a train_op collection; the
    expected values are one training step from the initial values."""
    g = tf.Graph()
    with g.as_default():
        x = tf.placeholder(tf.float32, [None, 4], name="x")
        labels = tf.placeholder(tf.float32, [None, 3], name="labels")
        with tf.variable_scope("ref"):
            p_ref = _mlp(tf, x, use_variables=True)
        with tf.variable_scope("res"):
            p_res = _mlp(tf, x, use_variables=True, resource=True)
        loss = tf.reduce_mean(tf.square(p_ref + p_res - labels), name="loss")
        step = tf.train.get_or_create_global_step()
        train_op = tf.train.GradientDescentOptimizer(0.5).minimize(loss, global_step=step,
                                                                    name="train")
        tf.add_to_collection("train_op", train_op)
        tf.add_to_collection("outputs", loss)
        tf.add_to_collection("my_ints", 7)
        tf.add_to_collection("my_floats", 0.25)
        tf.add_to_collection("my_strings", "hello")
        # The rest of TF 2's extra attrs hold defaults that stripped_op_list lets an importer
        # drop.
        gd = _drop_tf2_only_attrs(g.as_graph_def(add_shapes=True))
        tf.train.export_meta_graph(os.path.join(outdir, "model.meta"), graph_def=gd)
        tf.train.export_meta_graph(os.path.join(outdir, "model.meta.txt"), graph_def=gd,
                                   as_text=True)
        y_in = np.eye(3, dtype=np.float32)[[0, 2, 1]]
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            loss0 = sess.run(loss, {x: X_IN, labels: y_in})
            sess.run(train_op, {x: X_IN, labels: y_in})
            loss1, step1, w_ref, w_res = sess.run(
                [loss, step, "ref/layer1/w:0", "res/layer1/w/Read/ReadVariableOp:0"],
                {x: X_IN, labels: y_in})
    np.savez(os.path.join(outdir, "expected.npz"), x=X_IN, labels=y_in, loss0=loss0,
             loss1=loss1, step1=step1, w_ref=w_ref, w_res=w_res)


FILE_CASES = {
    "write_graph_files": write_graph_files,
    "frozen_graph": frozen_graph,
    "meta_graph_with_variables": meta_graph_with_variables,
}
