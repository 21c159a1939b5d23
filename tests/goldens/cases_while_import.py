"""GraphDefs with TF1 while loops (Enter/Merge/Switch/NextIteration/Exit), written by real
TensorFlow with control flow v1, imported and run here by tests/python/test_while_import.py.

Each FILE_CASE writes into `outdir` (tests/goldens/while_import_files/<case>/):
  graph.pb       the binary GraphDef (default attrs stripped so TF 1.15 could read it too)
  spec.json      {"feeds": {tensor name: key in expected.npz}, "fetches": {key: tensor name}}
  expected.npz   the fed values and the values TF computed for the fetches
"""
import json
import os

import numpy as np

VEC = np.array([0.5, -1.25, 2.0, 4.0, -0.75, 3.5], np.float32)


def _v1_control_flow(tf):
    tf.disable_control_flow_v2()


# Attrs TF 2.x sets that TF 1.15's OpDefs do not have (always at their TF 2 defaults here).
_TF2_ONLY_ATTRS = {"MatMul": ("grad_a", "grad_b")}


def _strip_default_attrs(graph_def):
    """Attrs holding their op's default are dropped: TF 2.x adds some TF 1.15 lacks."""
    from tensorflow.python.framework import op_def_registry
    for node in graph_def.node:
        for name in _TF2_ONLY_ATTRS.get(node.op, ()):
            if name in node.attr:
                del node.attr[name]
        op_def = op_def_registry.get(node.op)
        for attr_def in op_def.attr:
            if (attr_def.HasField("default_value") and attr_def.name in node.attr and
                    node.attr[attr_def.name] == attr_def.default_value):
                del node.attr[attr_def.name]
    return graph_def


def _write(tf, outdir, graph_def, feeds, fetches):
    """Runs `fetches` ({key: tensor}) with `feeds` ({placeholder: value}) in TF and writes the
    case's files. The graph must hold v1 loops, not functional While/If ops."""
    ops = {n.op for n in graph_def.node}
    assert "Enter" in ops and "NextIteration" in ops, sorted(ops)
    assert not ops & {"While", "StatelessWhile", "If", "StatelessIf"}, sorted(ops)
    with tf.Session() as sess:
        values = sess.run(fetches, {k: v for k, v in feeds.items()})
    with open(os.path.join(outdir, "graph.pb"), "wb") as f:
        f.write(graph_def.SerializeToString())
    spec = {"feeds": {t.name: "feed_" + t.op.name for t in feeds},
            "fetches": {k: (t.name if hasattr(t, "name") else t) for k, t in fetches.items()}}
    with open(os.path.join(outdir, "spec.json"), "w") as f:
        json.dump(spec, f, indent=1, sort_keys=True)
    arrays = {"feed_" + t.op.name: np.asarray(v) for t, v in feeds.items()}
    arrays.update({k: np.asarray(v) for k, v in values.items()})
    np.savez(os.path.join(outdir, "expected.npz"), **arrays)


def counting_loop(tf, outdir):
    """i = 0, p = 1; while i < n: i += 1, p *= 2 (two loop variables, one loop invariant)."""
    _v1_control_flow(tf)
    n = tf.placeholder(tf.int32, [], name="n")
    i, p = tf.while_loop(lambda i, p: i < n, lambda i, p: (i + 1, p * 2),
                         [tf.constant(0), tf.constant(1)], name="count")
    i = tf.identity(i, name="i_out")
    p = tf.identity(p, name="p_out")
    gd = _strip_default_attrs(tf.get_default_graph().as_graph_def())
    _write(tf, outdir, gd, {n: np.int32(7)}, {"i": i, "p": p})


def nested_loop(tf, outdir):
    """for a in range(rows): for b in range(cols): acc += a * 10 + b."""
    _v1_control_flow(tf)
    rows = tf.placeholder(tf.int32, [], name="rows")
    cols = tf.placeholder(tf.int32, [], name="cols")

    def outer_body(a, acc):
        def inner_body(b, acc_in):
            return b + 1, acc_in + a * 10 + b
        _, acc = tf.while_loop(lambda b, _: b < cols, inner_body, [tf.constant(0), acc],
                               name="inner")
        return a + 1, acc

    a, acc = tf.while_loop(lambda a, _: a < rows, outer_body, [tf.constant(0), tf.constant(0)],
                           name="outer")
    acc = tf.identity(acc, name="acc_out")
    gd = _strip_default_attrs(tf.get_default_graph().as_graph_def())
    _write(tf, outdir, gd, {rows: np.int32(3), cols: np.int32(4)}, {"a": a, "acc": acc})


def cond_in_while(tf, outdir):
    """while i < 10: x = x + i if i is even else x * 2 (a tf.cond inside the loop body)."""
    _v1_control_flow(tf)
    x0 = tf.placeholder(tf.float32, [], name="x0")

    def body(i, x):
        x = tf.cond(tf.equal(tf.floormod(i, 2), 0),
                    lambda: x + tf.cast(i, tf.float32), lambda: x * 2.0)
        return i + 1, x

    i, x = tf.while_loop(lambda i, x: i < 10, body, [tf.constant(0), x0], name="loop")
    x = tf.identity(x, name="x_out")
    gd = _strip_default_attrs(tf.get_default_graph().as_graph_def())
    _write(tf, outdir, gd, {x0: np.float32(1.5)}, {"i": i, "x": x})


def vector_sum(tf, outdir):
    """Sums a fed vector element by element (v[i] inside the loop), and its squares; the
    GraphDef carries _output_shapes (add_shapes=True)."""
    _v1_control_flow(tf)
    v = tf.placeholder(tf.float32, [None], name="v")
    n = tf.shape(v)[0]

    def body(i, s, sq):
        e = v[i]
        return i + 1, s + e, sq + e * e

    _, s, sq = tf.while_loop(lambda i, s, sq: i < n, body,
                             [tf.constant(0), tf.constant(0.0), tf.constant(0.0)],
                             name="sum")
    s = tf.identity(s, name="sum_out")
    gd = _strip_default_attrs(tf.get_default_graph().as_graph_def(add_shapes=True))
    _write(tf, outdir, gd, {v: VEC}, {"sum": s, "sum_sq": sq})


def frozen_dynamic(tf, outdir):
    """A frozen graph: variables become Consts; the loop grows a matrix a row per iteration
    (shape invariant [None, 3]) and multiplies by a weight read inside the loop."""
    _v1_control_flow(tf)
    steps = tf.placeholder(tf.int32, [], name="steps")
    rng = np.random.RandomState(7)
    w = tf.get_variable("w", initializer=tf.constant(rng.uniform(-1, 1, (3, 3)).astype(
        np.float32)))
    x0 = tf.constant([[1.0, 0.5, -0.5]], name="x0")

    def body(i, x):
        row = tf.matmul(x[-1:], w)
        return i + 1, tf.concat([x, row], 0)

    _, x = tf.while_loop(lambda i, x: i < steps, body, [tf.constant(0), x0],
                         shape_invariants=[tf.TensorShape([]), tf.TensorShape([None, 3])],
                         name="grow")
    out = tf.identity(x, name="rows")
    shape = tf.shape(out, name="rows_shape")
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        frozen = tf.graph_util.convert_variables_to_constants(
            sess, tf.get_default_graph().as_graph_def(), ["rows", "rows_shape"])
    frozen = _strip_default_attrs(frozen)
    assert "VariableV2" not in {n.op for n in frozen.node}
    g = tf.Graph()
    with g.as_default():
        # TF's import_graph_def fills default attrs into the GraphDef it is given: pass a copy.
        copy = type(frozen)()
        copy.CopyFrom(frozen)
        tf.import_graph_def(copy, name="")
        fetches = {"rows": g.get_tensor_by_name("rows:0"),
                   "rows_shape": g.get_tensor_by_name("rows_shape:0")}
        _write(tf, outdir, frozen, {g.get_tensor_by_name("steps:0"): np.int32(4)}, fetches)


FILE_CASES = {
    "counting_loop": counting_loop,
    "nested_loop": nested_loop,
    "cond_in_while": cond_in_while,
    "vector_sum": vector_sum,
    "frozen_dynamic": frozen_dynamic,
}
