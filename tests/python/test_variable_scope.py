"""tf.variable_scope / tf.get_variable: TF 1.x naming, sharing, defaults and errors."""
import numpy as np
import pytest
import tensorflow as tf


@pytest.fixture(autouse=True)
def fresh_graph():
    with tf.Graph().as_default() as g:
        yield g


def _const_init(value):
    def init(shape, dtype=None, partition_info=None):
        del partition_info
        return tf.fill(shape, tf.constant(value, dtype=dtype))
    return init



# (scopes entered, name of get_variable("w"), name of a Mul made inside) as TF 1.15 names them.
def _enter(spec):
    """spec: list of ("vs", name, kwargs) / ("ns", name) entered in order."""
    import contextlib
    stack = contextlib.ExitStack()
    for entry in spec:
        if entry[0] == "vs":
            stack.enter_context(tf.variable_scope(entry[1], **entry[2]))
        else:
            stack.enter_context(tf.name_scope(entry[1]))
    return stack


NAMING_TABLE = [
    ([], "w:0", "mul:0"),
    ([("vs", "a", {})], "a/w:0", "a/mul:0"),
    ([("vs", "a", {}), ("vs", "b", {})], "a/b/w:0", "a/b/mul:0"),
    ([("ns", "n", None), ("vs", "a", {})], "a/w:0", "n/a/mul:0"),
    ([("vs", "a", {}), ("ns", "n", None)], "a/w:0", "a/n/mul:0"),
    ([("vs", None, {"default_name": "d"})], "d/w:0", "d/mul:0"),
    ([("vs", "a", {"auxiliary_name_scope": False})], "a/w:0", "mul:0"),
]


@pytest.mark.parametrize("spec,var_name,op_name", NAMING_TABLE)
def test_naming_table(spec, var_name, op_name):
    with _enter(spec):
        w = tf.get_variable("w", shape=[2], initializer=_const_init(1.0))
        y = tf.multiply(w, 2.0, name="mul")
    assert w.name == var_name
    assert y.name == op_name


def test_reused_scope_ops_go_to_new_name_scope():
    with tf.variable_scope("s") as scope:
        w = tf.get_variable("w", [2], initializer=_const_init(1.0))
        y = w * 2.0
    assert scope.name == "s" and scope.original_name_scope == "s/"
    with tf.variable_scope("s", reuse=True):
        w2 = tf.get_variable("w", [2])
        y2 = w2 * 2.0
    with tf.variable_scope(scope, reuse=True) as again:
        w3 = tf.get_variable("w")
        y3 = w3 * 2.0
    assert w is w2 is w3
    assert [y.op.name, y2.op.name, y3.op.name] == ["s/mul", "s_1/mul", "s_2/mul"]
    assert again.original_name_scope == "s/"
    with tf.variable_scope("s", reuse=True):
        v = tf.Variable(1.0, name="v")
    assert v.name == "s_3/v:0"


def test_default_name_uniquification():
    names = []
    for _ in range(3):
        with tf.variable_scope(None, default_name="layer"):
            names.append(tf.get_variable("k", [1], initializer=_const_init(0.0)).name)
    assert names == ["layer/k:0", "layer_1/k:0", "layer_2/k:0"]
    with tf.variable_scope("outer"):
        with tf.variable_scope(None, default_name="layer"):
            n = tf.get_variable("k", [1], initializer=_const_init(0.0)).name
    assert n == "outer/layer/k:0"
    with pytest.raises(ValueError, match="reuse=True cannot be used without a name_or_scope"):
        with tf.variable_scope(None, default_name="x", reuse=True):
            pass
    with pytest.raises(TypeError, match="If default_name is None then name_or_scope"):
        tf.variable_scope(None)


def test_reuse_errors():
    with tf.variable_scope("x"):
        tf.get_variable("w", [2], initializer=_const_init(1.0))
    with pytest.raises(ValueError, match=r"Variable x/w already exists, disallowed\. Did you "
                       r"mean to set reuse=True or reuse=tf\.AUTO_REUSE in VarScope\?"):
        with tf.variable_scope("x"):
            tf.get_variable("w", [2], initializer=_const_init(1.0))
    with pytest.raises(ValueError, match=r"Variable x/nope does not exist, or was not created "
                       r"with tf\.get_variable\(\)\. Did you mean to set "
                       r"reuse=tf\.AUTO_REUSE in VarScope\?"):
        with tf.variable_scope("x", reuse=True):
            tf.get_variable("nope", [2])
    with pytest.raises(ValueError, match=r"Trying to share variable x/w, but specified shape "
                       r"\(3,\) and found shape \(2,\)\."):
        with tf.variable_scope("x", reuse=True):
            tf.get_variable("w", [3])
    with pytest.raises(ValueError, match="Trying to share variable x/w, but specified dtype "
                       "int32 and found dtype float32_ref"):
        with tf.variable_scope("x", reuse=True):
            tf.get_variable("w", [2], dtype=tf.int32)
    with pytest.raises(ValueError, match="The reuse parameter must be True or False or None"):
        tf.variable_scope("x", reuse="yes")
    with pytest.raises(ValueError, match="If initializer is a constant, do not specify shape"):
        tf.get_variable("c", shape=[2], initializer=np.zeros(2, np.float32))
    with pytest.raises(ValueError, match="Initializer type '<dtype: 'float32'>' and "
                       "explicit dtype '<dtype: 'int32'>' don't match"):
        tf.get_variable("d", dtype=tf.int32, initializer=np.zeros(2, np.float32))


def test_resource_reuse_error_has_no_traceback():
    with tf.variable_scope("r", use_resource=True):
        v = tf.get_variable("w", initializer=tf.constant([1.0]))
    assert v.op.type == "VarHandleOp"
    with pytest.raises(ValueError, match="already exists, disallowed"):
        with tf.variable_scope("r", use_resource=True):
            tf.get_variable("w", initializer=tf.constant([1.0]))


def test_auto_reuse_and_reuse_variables():
    def make():
        with tf.variable_scope("auto", reuse=tf.AUTO_REUSE):
            return tf.get_variable("q", [2], initializer=_const_init(3.0))
    assert make() is make()
    with tf.variable_scope("m") as scope:
        a = tf.get_variable("a", [1], initializer=_const_init(1.0))
        assert not scope.reuse
        tf.get_variable_scope().reuse_variables()
        assert scope.reuse is True
        assert tf.get_variable("a", [1]) is a
        with tf.variable_scope("inner"):
            assert tf.get_variable_scope().reuse is True  # reuse is inherited
    with tf.variable_scope("m"):
        assert tf.get_variable_scope().reuse is False  # but not kept after the scope closes
    assert tf.get_variable_scope().name == ""


def test_scope_defaults_inherited():
    with tf.variable_scope("d", initializer=_const_init(7.0), dtype=tf.float64):
        w = tf.get_variable("w", [2])
        with tf.variable_scope("in"):
            u = tf.get_variable("u", [1])
            i = tf.get_variable("i", [1], dtype=tf.int32, initializer=_const_init(4))
    assert w.dtype.base_dtype == tf.float64 and u.dtype.base_dtype == tf.float64
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        np.testing.assert_array_equal(sess.run(w), [7.0, 7.0])
        np.testing.assert_array_equal(sess.run(u), [7.0])
        np.testing.assert_array_equal(sess.run(i), [4])


def test_get_variable_values_and_initializer_forms():
    a = tf.get_variable("a", initializer=tf.constant([1.0, 2.0]))
    b = tf.get_variable("b", initializer=np.array([3, 4], np.int32))
    c = tf.get_variable("c", initializer=lambda: tf.ones([2]))
    d = tf.get_variable("d", [2, 2], initializer=_const_init(0.25))
    assert d.initial_value.op.name.startswith("d/Initializer/")
    assert b.dtype.base_dtype == tf.int32
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        va, vb, vc, vd = sess.run([a, b, c, d])
    np.testing.assert_array_equal(va, [1.0, 2.0])
    np.testing.assert_array_equal(vb, [3, 4])
    np.testing.assert_array_equal(vc, [1.0, 1.0])
    np.testing.assert_array_equal(vd, np.full([2, 2], 0.25))


def test_default_initializers():
    with tf.variable_scope("dense"):
        k = tf.get_variable("kernel", [3, 4])
        b = tf.get_variable("bias", [4], dtype=tf.int32)
        t = tf.get_variable("t", [2], dtype=tf.bool)
    with pytest.raises(ValueError, match="An initializer for variable c of <dtype: "
                       "'complex64'> is required"):
        tf.get_variable("c", [1], dtype=tf.complex64)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        vk, vb, vt = sess.run([k, b, t])
    limit = np.sqrt(6.0 / (3 + 4))
    assert vk.shape == (3, 4) and np.all(np.abs(vk) <= limit)
    np.testing.assert_array_equal(vb, np.zeros(4))
    np.testing.assert_array_equal(vt, [False, False])


def test_regularizer_collection_and_name_scope():
    with tf.name_scope("ns"):
        with tf.variable_scope("x"):
            w = tf.get_variable("w", [2], initializer=_const_init(2.0),
                                regularizer=lambda t: tf.reduce_sum(t * t, name="l2"))
            tf.get_variable("nr", [2], initializer=_const_init(2.0),
                            regularizer=tf.no_regularizer)
    losses = tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES)
    assert len(losses) == 1
    assert losses[0].op.name == "x/w/Regularizer/l2"
    with tf.variable_scope("scoped", regularizer=lambda t: tf.reduce_mean(t)):
        tf.get_variable("v", [2], initializer=_const_init(1.0))
    assert len(tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES)) == 2
    with tf.Session() as sess:
        sess.run(w.initializer)
        assert sess.run(losses[0]) == 8.0


def test_custom_getters_chain():
    calls = []

    def outer_getter(getter, name, *args, **kwargs):
        calls.append(("outer", name))
        return getter(name, *args, **kwargs)

    def inner_getter(getter, name, *args, **kwargs):
        calls.append(("inner", name))
        kwargs["trainable"] = False
        return getter(name + "_x", *args, **kwargs)

    with tf.variable_scope("c", custom_getter=outer_getter):
        with tf.variable_scope("d", custom_getter=inner_getter):
            v = tf.get_variable("v", [1], initializer=_const_init(1.0))
    assert v.name == "c/d/v_x:0"
    assert calls == [("inner", "c/d/v"), ("outer", "c/d/v_x")]  # inner runs first
    assert not v.trainable
    with pytest.raises(ValueError, match="custom_getter which is not callable"):
        tf.get_variable("bad", [1], custom_getter=3)


def test_local_variable_and_scope_collections():
    with tf.variable_scope("L") as scope:
        loc = tf.get_local_variable("loc", [1], initializer=_const_init(0.0))
        glob = tf.get_variable("glob", [1], initializer=_const_init(0.0))
    assert tf.local_variables() == [loc] and not loc.trainable
    assert tf.global_variables() == [glob]
    assert scope.local_variables() == [loc]
    assert scope.global_variables() == [glob]
    assert scope.trainable_variables() == [glob]
    assert isinstance(scope, tf.VariableScope)


def test_partitioner_makes_partitioned_variable():
    # Full coverage in test_partitioned_variables.py.
    p = tf.get_variable("p", [4, 2], initializer=_const_init(0.0),
                        partitioner=lambda shape, dtype: [2, 1])
    assert [v.op.name for v in p] == ["p/part_0", "p/part_1"]
    # A scalar ignores the partitioner, as in TF.
    s = tf.get_variable("s", [], initializer=_const_init(0.0),
                        partitioner=lambda shape, dtype: [1])
    assert s.shape.ndims == 0


def test_scope_per_graph():
    with tf.variable_scope("g1"):
        tf.get_variable("w", [1], initializer=_const_init(0.0))
    with tf.Graph().as_default():
        assert tf.get_variable_scope().name == ""
        with tf.variable_scope("g1"):
            w = tf.get_variable("w", [1], initializer=_const_init(0.0))  # no clash
        assert w.name == "g1/w:0"
