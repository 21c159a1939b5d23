"""tf.while_loop (TF1 control flow: Enter/Merge/Switch/Exit with a WhileContext) and tf.case:
values, static shapes and the graphs real TensorFlow builds (tests/python/test_while_loop.py).
Control flow v2 is off, as in 1.15."""
import collections

import numpy as np


def _v1(tf):
    if hasattr(tf, "disable_control_flow_v2"):
        tf.disable_control_flow_v2()


def counter_loop(tf):
    _v1(tf)
    i = tf.constant(0)
    r = tf.while_loop(lambda i: tf.less(i, 10), lambda i: i + 1, [i])
    s = tf.while_loop(lambda i, acc: i < 5, lambda i, acc: (i + 1, acc + tf.cast(i, tf.float32)),
                      [tf.constant(0), tf.constant(0.0)], name="sum_loop")
    return {"r": r, "i": s[0], "acc": s[1]}


def external_tensors(tf):
    _v1(tf)
    w = tf.constant(np.array([[0.5, 0.0], [0.25, 1.0]], np.float32), name="w")
    b = tf.placeholder_with_default(np.array([1.0, -1.0], np.float32), [2], name="b")
    n = tf.placeholder_with_default(4, [], name="n")

    def body(k, v):
        return k + 1, tf.reduce_sum(tf.expand_dims(v, 1) * w, 0) + b

    k, v = tf.while_loop(lambda k, v: k < n, body, [tf.constant(0), tf.ones([2])])
    return {"k": k, "v": v}


def maximum_iterations(tf):
    _v1(tf)
    x = tf.constant(1.0)
    r = tf.while_loop(lambda v: v < 1000.0, lambda v: v * 3.0, [x], maximum_iterations=4)
    pair = tf.while_loop(lambda a, b: a < 100, lambda a, b: (a + 7, b * 2),
                         (tf.constant(1), tf.constant(1)), maximum_iterations=tf.constant(3))
    return {"r": r, "a": pair[0], "b": pair[1]}


def shape_invariants_concat(tf):
    _v1(tf)
    i0 = tf.constant(0)
    m0 = tf.ones([2, 2])
    _, m = tf.while_loop(lambda i, m: i < 3, lambda i, m: (i + 1, tf.concat([m, m * 2.0], 0)),
                         [i0, m0],
                         shape_invariants=[i0.get_shape(), tf.TensorShape([None, 2])])
    return {"m": m, "rows": tf.shape(m)}


def nested_loops(tf):
    _v1(tf)
    scale = tf.constant(2)

    def outer_body(i, total):
        def inner_body(j, t):
            return j + 1, t + i * j * scale
        _, t = tf.while_loop(lambda j, t: j < i, inner_body, [tf.constant(0), total])
        return i + 1, t

    i, total = tf.while_loop(lambda i, t: i < 4, outer_body, [tf.constant(0), tf.constant(0)])
    return {"i": i, "total": total}


def cond_inside_loop(tf):
    _v1(tf)
    x = tf.constant(10.0, name="x")

    def body(i, v):
        v = tf.cond(tf.equal(i % 2, 0), lambda: v + x, lambda: v * 0.5)
        return i + 1, v

    i, v = tf.while_loop(lambda i, v: i < 5, body, [tf.constant(0), tf.constant(1.0)])
    return {"i": i, "v": v}


def loop_inside_cond(tf):
    _v1(tf)
    p = tf.placeholder_with_default(True, [], name="p")
    y = tf.constant(3)

    def true_fn():
        return tf.while_loop(lambda k: k < 20, lambda k: k + y, [tf.constant(1)])

    r = tf.cond(p, true_fn, lambda: tf.constant(-1))
    return {"r": r}


def nested_structures(tf):
    _v1(tf)
    Pair = collections.namedtuple("Pair", ["a", "b"])
    init = {"count": tf.constant(0), "pair": Pair(tf.constant([1.0, 2.0]), tf.constant(3.0))}

    def body(s):
        return ({"count": s["count"] + 1,
                 "pair": Pair(s["pair"].a * s["pair"].b, s["pair"].b - 1.0)},)

    out = tf.while_loop(lambda s: s["count"] < 3, body, [init], return_same_structure=True)
    s = out[0]
    return {"count": s["count"], "a": s["pair"].a, "b": s["pair"].b}


def control_dependencies_outside(tf):
    _v1(tf)
    x = tf.placeholder_with_default(2.0, [], name="x")
    dep = tf.identity(x, name="dep")
    noop = tf.no_op(name="noop")
    with tf.control_dependencies([dep, noop]):
        r = tf.while_loop(lambda i: i < 5.0, lambda i: i + x, [tf.constant(0.0)])
    return {"r": r}


def case_variants(tf):
    _v1(tf)
    x = tf.placeholder_with_default(2, [], name="x")
    c1 = tf.case([(tf.less(x, 1), lambda: tf.constant(10)), (tf.less(x, 3), lambda: tf.constant(20))],
                 default=lambda: tf.constant(30))
    c2 = tf.case([(tf.equal(x, 1), lambda: tf.constant(1.0)), (tf.equal(x, 2), lambda: tf.constant(2.0))],
                 exclusive=True, name="excl")
    c3 = tf.case([(tf.greater(x, 0), lambda: [tf.constant(5)])], default=lambda: [tf.constant(6)],
                 strict=True, name="strict_case")
    return {"c1": c1, "c2": c2, "c3": c3[0]}


def zero_fraction_cond(tf):
    _v1(tf)
    x = tf.placeholder_with_default(np.array([[0.0, 1.5], [0.0, 0.0]], np.float32), [None, 2])
    return {"zf": tf.nn.zero_fraction(x), "zf_int": tf.nn.zero_fraction(tf.constant([0, 3, 0]))}


CASES = {f.__name__: f for f in (counter_loop, external_tensors, maximum_iterations,
                                 shape_invariants_concat, nested_loops, cond_inside_loop,
                                 loop_inside_cond, nested_structures, control_dependencies_outside,
                                 case_variants, zero_fraction_cond)}
