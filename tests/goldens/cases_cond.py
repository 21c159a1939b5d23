"""tf.cond (TF1 control flow: Switch/Merge with a CondContext): values, static shapes and the
graphs real TensorFlow builds (tests/python/test_cond.py). Control flow v2 is off, as in 1.15."""
import numpy as np


def _v1(tf):
    if hasattr(tf, "disable_control_flow_v2"):
        tf.disable_control_flow_v2()


def simple_branches(tf):
    _v1(tf)
    x = tf.constant(3.0)
    y = tf.constant(5.0)
    pred = tf.placeholder_with_default(True, [])
    r = tf.cond(pred, lambda: x * y, lambda: x + y)
    r2 = tf.cond(tf.less(x, y), lambda: tf.constant(1), lambda: tf.constant(2), name="pick")
    return {"r": r, "r2": r2}


def structured_outputs(tf):
    _v1(tf)
    a = tf.constant([1.0, 2.0])
    b = tf.constant([[1, 2], [3, 4]])
    p = tf.placeholder_with_default(False, [])
    out = tf.cond(p, lambda: (a * 2.0, {"m": b + 1}), lambda: (a - 1.0, {"m": b * 3}))
    single = tf.cond(p, lambda: [a], lambda: [a + 10.0])
    return {"first": out[0], "m": out[1]["m"], "single": single[0]}


def nested_and_gradients(tf):
    _v1(tf)
    x = tf.constant(np.array([1.0, -2.0, 3.0]))
    w = tf.constant(np.array([0.5, 0.25, 2.0]))
    p = tf.placeholder_with_default(True, [])
    q = tf.placeholder_with_default(False, [])

    def true_fn():
        return tf.cond(q, lambda: x * w, lambda: tf.sin(x) * w)

    y = tf.cond(p, true_fn, lambda: tf.square(x))
    loss = tf.reduce_sum(y * y)
    gx, gw = tf.gradients(loss, [x, w])
    return {"y": y, "gx": gx, "gw": gw}


def untaken_branch_gradient(tf):
    _v1(tf)
    x = tf.constant(2.0)
    p = tf.placeholder_with_default(False, [])
    y = tf.cond(p, lambda: x * x * x, lambda: tf.constant(7.0))
    return {"y": y, "g": tf.gradients(y, x)[0]}


def variables_in_branches(tf):
    _v1(tf)
    v = tf.Variable(4.0, name="v")
    p = tf.placeholder_with_default(True, [])
    r = tf.cond(p, lambda: v * 2.0, lambda: v.initialized_value())
    tf.global_variables_initializer()
    return {"iv": v.initial_value, "shape": tf.shape(r)}


def control_dependencies_inside(tf):
    _v1(tf)
    x = tf.placeholder_with_default(1.0, [])
    p = tf.placeholder_with_default(True, [])

    def true_fn():
        c = tf.constant(10.0)
        with tf.control_dependencies([tf.identity(x)]):
            return tf.identity(c + x)

    r = tf.cond(p, true_fn, lambda: tf.identity(x))
    return {"r": r}


CASES = {f.__name__: f for f in (simple_branches, structured_outputs, nested_and_gradients,
                                 untaken_branch_gradient, variables_in_branches,
                                 control_dependencies_inside)}
