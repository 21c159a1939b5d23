"""Variable and variable-scope programs whose GraphDefs (node names, ops, inputs, attrs) are
compared against real TensorFlow (tests/python/test_variables_goldens.py).

Each case takes the `tf` module and returns a dict of tensors that need no initialization
(initial values and constants), so the harness can run them without an init step.
"""
import numpy as np


def ref_variable_basic(tf):
    v = tf.Variable([1.0, 2.0], name="v")
    w = tf.Variable(3.0)
    u = tf.Variable(lambda: tf.ones([2]), name="u")
    tf.Variable(np.zeros([2, 3], np.int32), trainable=False, name="v")
    v.assign([3.0, 4.0])
    tf.assign_add(v, [1.0, 1.0])
    v.assign_sub([1.0, 1.0], use_locking=True)
    c = v + 1.0
    d = w * 2.0
    v.read_value()
    tf.global_variables_initializer()
    tf.local_variables_initializer()
    tf.is_variable_initialized(v)
    tf.report_uninitialized_variables()
    return {"iv": v.initial_value, "iu": u.initial_value, "c_shape": tf.shape(c),
            "d_rank": tf.rank(d)}


def resource_variable_basic(tf):
    v = tf.Variable([1.0, 2.0, 3.0], name="rv", use_resource=True)
    w = tf.Variable(lambda: tf.zeros([2, 2]), name="rw", use_resource=True)
    v.assign([3.0, 4.0, 5.0])
    v.assign_add([1.0, 1.0, 1.0])
    v.assign_sub([1.0, 1.0, 1.0], read_value=False)
    v.read_value()
    v.value()
    # (No sparse_read here: TF 2.x dropped the Identity TF 1.15 put after ResourceGather.)
    s = v * 2.0
    tf.global_variables_initializer()
    return {"iv": v.initial_value, "iw": w.initial_value, "s_shape": tf.shape(s)}


def variable_scope_names(tf):
    def fill_init(shape, dtype=None, partition_info=None):
        del partition_info
        return tf.fill(shape, tf.constant(0.5, dtype=dtype))

    with tf.variable_scope("s") as scope:
        # (No regularizer here: TF 2.x calls it twice, TF 1.15 once; see test_variables.py.)
        w = tf.get_variable("w", shape=[2], initializer=fill_init)
        y = w * 2.0
        v = tf.Variable(1.0, name="v")
    with tf.variable_scope("s", reuse=True):
        w2 = tf.get_variable("w", shape=[2])
        y2 = w2 * 3.0
    with tf.variable_scope(scope):
        y3 = w + 1.0
    with tf.variable_scope(scope, reuse=True):
        tf.get_variable("w")
    with tf.variable_scope(None, default_name="layer"):
        tf.get_variable("k", initializer=tf.constant([1.0, 2.0]))
    with tf.variable_scope(None, default_name="layer"):
        tf.get_variable("k", initializer=tf.constant([1.0, 2.0]))
    with tf.name_scope("ns"):
        with tf.variable_scope("vs"):
            b = tf.get_variable("b", initializer=tf.constant(1.0))
            z = b + 1.0
    with tf.variable_scope("aux", auxiliary_name_scope=False):
        tf.get_variable("a", dtype=tf.float32, initializer=np.float32(2.0))
        a2 = tf.identity(y, name="ident")
    with tf.variable_scope("auto", reuse=tf.AUTO_REUSE):
        q1 = tf.get_variable("q", dtype=tf.int32,
                             initializer=tf.constant([1, 2], dtype=tf.int32))
    with tf.variable_scope("auto", reuse=tf.AUTO_REUSE):
        q2 = tf.get_variable("q", dtype=tf.int32,
                             initializer=tf.constant([1, 2], dtype=tf.int32))
    with tf.variable_scope("outer"):
        with tf.variable_scope("inner"):
            loc = tf.get_local_variable("loc", initializer=tf.constant(0))
        with tf.variable_scope("inner"):
            tf.get_variable("other", initializer=tf.constant(0.0))
        tf.get_variable_scope().reuse_variables()
        tf.get_variable("inner/other")
    tf.global_variables_initializer()
    return {"y_shape": tf.shape(y), "y2_shape": tf.shape(y2), "y3_shape": tf.shape(y3),
            "z_shape": tf.shape(z), "a2_shape": tf.shape(a2),
            "same_q": tf.constant(q1 is q2), "loc_iv": loc.initial_value,
            "v_iv": v.initial_value}


def get_variable_default_init(tf):
    with tf.variable_scope("dense"):
        k = tf.get_variable("kernel", shape=[3, 4])
        b = tf.get_variable("bias", shape=[4], dtype=tf.int32)
        t = tf.get_variable("t", shape=[2], dtype=tf.bool)
    with tf.variable_scope("dense", reuse=True):
        k2 = tf.get_variable("kernel", shape=[3, 4])
    tf.global_variables_initializer()
    return {"k_shape": tf.shape(k), "b_iv": b.initial_value, "t_iv": t.initial_value,
            "same": tf.constant(k is k2)}


CASES = {
    "ref_variable_basic": ref_variable_basic,
    "resource_variable_basic": resource_variable_basic,
    "variable_scope_names": variable_scope_names,
    "get_variable_default_init": get_variable_default_init,
}
