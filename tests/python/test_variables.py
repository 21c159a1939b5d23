"""tf.Variable (ref and resource), tf.assign*, collections, initializers: graph and values."""
import numpy as np
import pytest
import tensorflow as tf


@pytest.fixture(autouse=True)
def fresh_graph():
    with tf.Graph().as_default() as g:
        yield g


def _names(g):
    return [op.name for op in g.get_operations()]


# ---- ref variables: what is built --------------------------------------------------------------
def test_ref_variable_nodes_and_attrs(fresh_graph):
    v = tf.Variable([1.0, 2.0], name="v")
    assert _names(fresh_graph) == ["v/initial_value", "v", "v/Assign", "v/read"]
    assert v.op.type == "VariableV2"
    assert v.name == "v:0" and v.op.name == "v"
    assert v.dtype == tf.as_dtype("float32_ref") and v.dtype.base_dtype == tf.float32
    assert v.shape.as_list() == [2] and v.get_shape().as_list() == [2]
    assert v.initializer.name == "v/Assign" and v.initializer.type == "Assign"
    assert v.initializer.get_attr("validate_shape") is True
    assert v.initializer.get_attr("use_locking") is True
    assert v.initializer.get_attr("_class") == [b"loc:@v"]
    assert v.value().name == "v/read:0" and v.value().dtype == tf.float32
    assert v.initial_value.name == "v/initial_value:0"
    assert v._ref() is v.op.outputs[0]
    assert v.graph is fresh_graph
    assert repr(v) == "<tf.Variable 'v:0' shape=(2,) dtype=float32_ref>"
    assert isinstance(v, tf.Variable)


def test_default_names_and_uniquification(fresh_graph):
    a = tf.Variable(1.0)
    b = tf.Variable(2.0)
    c = tf.Variable(3.0, name="x")
    d = tf.Variable(4.0, name="x")
    assert [a.name, b.name, c.name, d.name] == ["Variable:0", "Variable_1:0", "x:0", "x_1:0"]
    with tf.name_scope("outer"):
        e = tf.Variable(5.0, name="w")
    assert e.name == "outer/w:0"


def test_callable_initial_value_in_initializer_scope(fresh_graph):
    v = tf.Variable(lambda: tf.ones([2, 3]), name="u")
    assert v.initial_value.op.name.startswith("u/Initializer/")
    assert v.initial_value.op.get_attr("_class") == [b"loc:@u"]
    assert v.shape.as_list() == [2, 3]
    with tf.Session() as sess:
        sess.run(v.initializer)
        np.testing.assert_array_equal(sess.run(v), np.ones([2, 3], np.float32))


def test_initial_value_dtype_and_tensor_input(fresh_graph):
    t = tf.constant([1, 2, 3])
    v = tf.Variable(t, name="iv")
    assert v.initial_value is t
    assert v.dtype == tf.as_dtype("int32_ref")
    w = tf.Variable([1, 2], dtype=tf.float64, name="f64")
    assert w.dtype.base_dtype == tf.float64
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        np.testing.assert_array_equal(sess.run(v), [1, 2, 3])
        assert sess.run(w).dtype == np.float64


def test_collections_and_trainable(fresh_graph):
    a = tf.Variable(1.0, name="a")
    b = tf.Variable(1.0, name="b", trainable=False)
    c = tf.Variable(1.0, name="c", collections=[tf.GraphKeys.LOCAL_VARIABLES])
    d = tf.Variable(1.0, name="d", collections=["mine"], trainable=True)
    assert tf.global_variables() == [a, b]
    assert tf.trainable_variables() == [a, c, d]  # trainable defaults to True
    assert tf.local_variables() == [c]
    assert tf.get_collection("mine") == [d]
    assert a.trainable and not b.trainable
    assert tf.global_variables(scope="a") == [a]
    with pytest.raises(ValueError, match="collections argument"):
        tf.Variable(1.0, collections="bad")
    with pytest.raises(ValueError, match="initial_value must be specified"):
        tf.Variable()


def test_graphkeys_and_enums():
    assert tf.GraphKeys.GLOBAL_VARIABLES == "variables"
    assert tf.GraphKeys.TRAINABLE_VARIABLES == "trainable_variables"
    assert tf.GraphKeys.LOCAL_VARIABLES == "local_variables"
    assert tf.GraphKeys.REGULARIZATION_LOSSES == "regularization_losses"
    assert tf.GraphKeys.UPDATE_OPS == "update_ops"
    assert tf.GraphKeys.GLOBAL_STEP == "global_step"
    assert tf.VariableSynchronization.ON_READ.value == 3
    assert tf.VariableAggregation.MEAN.value == 2
    with pytest.raises(ValueError, match="ON_READ only for non-trainable"):
        tf.Variable(1.0, trainable=True, synchronization=tf.VariableSynchronization.ON_READ)
    v = tf.Variable(1.0, synchronization=tf.VariableSynchronization.ON_READ)
    assert not v.trainable


# ---- ref variables: values ---------------------------------------------------------------------
def test_assign_ops_over_runs(fresh_graph):
    v = tf.Variable([1.0, 2.0], name="v")
    a = v.assign([10.0, 20.0])
    add = tf.assign_add(v, [1.0, 1.0])
    sub = v.assign_sub([0.5, 0.5])
    assert a.op.type == "Assign" and a.op.get_attr("use_locking") is False
    assert add.op.type == "AssignAdd" and sub.op.type == "AssignSub"
    assert v.assign(1.0 * np.ones(2, np.float32), read_value=False).type == "Assign"
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        np.testing.assert_array_equal(sess.run(a), [10.0, 20.0])
        np.testing.assert_array_equal(sess.run(add), [11.0, 21.0])
        np.testing.assert_array_equal(sess.run(add), [12.0, 22.0])
        np.testing.assert_array_equal(sess.run(sub), [11.5, 21.5])
        np.testing.assert_array_equal(v.eval(sess), [11.5, 21.5])
    # A new session starts from scratch: the variable is uninitialized again.
    with tf.Session() as sess:
        with pytest.raises(tf.errors.FailedPreconditionError):
            sess.run(v)
        sess.run(v.initializer)
        np.testing.assert_array_equal(sess.run(v), [1.0, 2.0])


def test_uninitialized_read_names_variable(fresh_graph):
    v = tf.Variable([1.0], name="lonely")
    y = v * 2.0
    with tf.Session() as sess:
        with pytest.raises(tf.errors.FailedPreconditionError,
                           match="Attempting to use uninitialized value lonely"):
            sess.run(y)


def test_operators_and_conversion(fresh_graph):
    v = tf.Variable([[1.0, 2.0], [3.0, 4.0]], name="m")
    outs = {
        "add": v + 1.0, "radd": 1.0 + v, "sub": v - 1.0, "mul": v * 2.0, "div": v / 2.0,
        "neg": -v, "matmul": v @ v, "getitem": v[1], "pow": v ** 2, "lt": v < 2.5,
        "abs": abs(v), "np": np.float32(2.0) * v, "conv": tf.convert_to_tensor(v),
        "reduce": tf.reduce_sum(v),
    }
    assert outs["conv"] is v.value()
    m = np.array([[1.0, 2.0], [3.0, 4.0]], np.float32)
    with tf.Session() as sess:
        sess.run(v.initializer)
        got = sess.run(outs)
    np.testing.assert_allclose(got["add"], m + 1)
    np.testing.assert_allclose(got["radd"], m + 1)
    np.testing.assert_allclose(got["sub"], m - 1)
    np.testing.assert_allclose(got["mul"], m * 2)
    np.testing.assert_allclose(got["div"], m / 2)
    np.testing.assert_allclose(got["neg"], -m)
    np.testing.assert_allclose(got["matmul"], m @ m)
    np.testing.assert_allclose(got["getitem"], m[1])
    np.testing.assert_allclose(got["pow"], m ** 2)
    np.testing.assert_array_equal(got["lt"], m < 2.5)
    np.testing.assert_allclose(got["np"], 2 * m)
    assert got["reduce"] == 10.0
    with pytest.raises(TypeError, match="not iterable"):
        iter(v)
    with pytest.raises(ValueError, match="Incompatible type conversion"):
        tf.convert_to_tensor(v, dtype=tf.int32)
    assert v == v and v != tf.Variable(1.0)  # identity equality: usable in sets and dicts
    assert len({v, v}) == 1


def test_read_value_initialized_value_and_load(fresh_graph):
    v = tf.Variable([1.0, 2.0], name="v")
    r = v.read_value()
    assert r.op.type == "Identity" and r.op.name == "read"
    with tf.Session() as sess:
        sess.run(v.initializer)
        v.load([5.0, 6.0], sess)
        np.testing.assert_array_equal(sess.run(r), [5.0, 6.0])
        with sess.as_default():
            np.testing.assert_array_equal(v.eval(), [5.0, 6.0])


def test_validate_shape(fresh_graph):
    v = tf.Variable([1.0, 2.0], name="v")
    with pytest.raises(ValueError):
        v.assign([1.0, 2.0, 3.0])
    p = tf.placeholder(tf.float32, [None])
    with pytest.raises(ValueError, match="initial_value must have a shape specified"):
        tf.Variable(p, name="bad")
    u = tf.Variable(p, validate_shape=False, name="free")
    assert u.shape.ndims is None
    grow = tf.assign(u, tf.zeros([4]), validate_shape=False)
    with tf.Session() as sess:
        sess.run(u.initializer, {p: [1.0, 2.0]})
        np.testing.assert_array_equal(sess.run(u), [1.0, 2.0])
        np.testing.assert_array_equal(sess.run(grow), np.zeros(4))
        assert sess.run(u).shape == (4,)


def test_scatter_methods_and_functions(fresh_graph):
    v = tf.Variable(np.arange(6, dtype=np.float32).reshape(3, 2), name="s")
    upd = v.scatter_update(tf.IndexedSlices(tf.constant([[9.0, 9.0]]), tf.constant([1])))
    add = tf.scatter_add(v, [0, 2], [[1.0, 1.0], [2.0, 2.0]])
    sub = v.scatter_sub(tf.IndexedSlices(tf.constant([[1.0, 1.0]]), tf.constant([0])))
    nd = tf.scatter_nd_update(v, [[2, 1]], [7.0])
    with pytest.raises(TypeError, match="sparse_delta is not IndexedSlices"):
        v.scatter_add([1.0])
    with tf.Session() as sess:
        sess.run(v.initializer)
        np.testing.assert_array_equal(sess.run(upd), [[0, 1], [9, 9], [4, 5]])
        np.testing.assert_array_equal(sess.run(add), [[1, 2], [9, 9], [6, 7]])
        np.testing.assert_array_equal(sess.run(sub), [[0, 1], [9, 9], [6, 7]])
        np.testing.assert_array_equal(sess.run(nd), [[0, 1], [9, 9], [6, 7]])


def test_initializers_and_reports(fresh_graph):
    a = tf.Variable(1.0, name="a")
    b = tf.Variable(2.0, name="b", collections=[tf.GraphKeys.LOCAL_VARIABLES])
    init = tf.global_variables_initializer()
    local = tf.local_variables_initializer()
    some = tf.variables_initializer([a], name="just_a")
    empty = tf.variables_initializer([])
    tables = tf.tables_initializer()
    assert init.name == "init" and init.type == "NoOp"
    assert [c.name for c in init.control_inputs] == ["a/Assign"]
    assert local.name == "init_1"
    assert some.name == "just_a" and empty.name == "init_2"
    assert tables.name == "init_all_tables" and tables.type == "NoOp"
    report = tf.report_uninitialized_variables()
    assert report.op.name.startswith("report_uninitialized_variables/")
    is_init = tf.is_variable_initialized(a)
    assert is_init.op.type == "IsVariableInitialized"
    check = tf.assert_variables_initialized()
    with tf.Session() as sess:
        assert sorted(sess.run(report).tolist()) == [b"a", b"b"]
        assert not sess.run(is_init)
        with pytest.raises(tf.errors.FailedPreconditionError):
            sess.run(check)
        sess.run(init)
        assert sess.run(report).tolist() == [b"b"]
        sess.run(local)
        assert sess.run(report).tolist() == []
        assert sess.run(is_init)
        sess.run(check)


def test_initial_value_from_other_variable(fresh_graph):
    a = tf.Variable(3.0, name="a")
    b = tf.Variable(a.initial_value * 2.0, name="b")
    c = tf.Variable(a * 2.0, name="c")
    assert not [op for op in fresh_graph.get_operations() if op.type == "IsVariableInitialized"
                and op.name.startswith("IsVariableInitialized")]
    with tf.Session() as sess:
        # (Until tf.cond exists, c's initializer is unguarded: a must be initialized first.)
        sess.run([a.initializer, b.initializer])
        assert sess.run(b) == 6.0
        sess.run(c.initializer)
        assert sess.run(c) == 6.0


def test_variable_creator_scope(fresh_graph):
    seen = []

    def creator(next_creator, **kwargs):
        seen.append(kwargs["name"])
        kwargs["trainable"] = False
        return next_creator(**kwargs)

    with tf.variable_creator_scope(creator):
        v = tf.Variable(1.0, name="made")
    w = tf.Variable(1.0, name="plain")
    assert seen == ["made"]
    assert not v.trainable and w.trainable


def test_caching_device_and_device(fresh_graph):
    with tf.device("/cpu:0"):
        v = tf.Variable(1.0, name="d", caching_device="/cpu:0")
    assert "CPU:0" in v.device.upper()
    with tf.Session() as sess:
        sess.run(v.initializer)
        assert sess.run(v.value()) == 1.0


def test_to_proto_and_from_proto(fresh_graph):
    v = tf.Variable(1.0, name="p")
    var_def = v.to_proto()
    assert var_def.variable_name == "p:0"
    assert var_def.initializer_name == "p/Assign"
    assert var_def.snapshot_name == "p/read:0"
    assert var_def.initial_value_name == "p/initial_value:0"
    assert var_def.trainable and not var_def.is_resource
    # The wire format is TF's: field numbers as in tensorflow/core/framework/variable.proto.
    assert var_def.SerializeToString().startswith(b"\n\x03p:0\x12\x08p/Assign")
    w = tf.Variable.from_proto(var_def)
    assert w.name == "p:0" and w.op is v.op
    r = tf.Variable([1.0], name="r", use_resource=True).to_proto()
    assert r.is_resource and r.snapshot_name == "r/Read/ReadVariableOp:0"


# ---- resource variables -----------------------------------------------------------------------
def test_resource_variable_nodes(fresh_graph):
    v = tf.Variable([1.0, 2.0, 3.0], name="rv", use_resource=True)
    assert _names(fresh_graph) == ["rv/Initializer/initial_value", "rv",
                                   "rv/IsInitialized/VarIsInitializedOp", "rv/Assign",
                                   "rv/Read/ReadVariableOp"]
    assert v.op.type == "VarHandleOp" and v.op.get_attr("shared_name") == b"rv"
    assert v.handle.dtype == tf.resource
    assert v.dtype == tf.float32 and v.name == "rv:0"
    assert v.shape.as_list() == [3]
    assert v.initializer.type == "AssignVariableOp"
    assert v.value().shape.as_list() == [3]
    assert repr(v) == "<tf.Variable 'rv:0' shape=(3,) dtype=float32>"
    assert isinstance(v, tf.Variable)
    assert v._shared_name == "rv"


def test_resource_variable_values(fresh_graph):
    v = tf.Variable([1.0, 2.0, 3.0], name="rv", use_resource=True)
    a = v.assign([4.0, 5.0, 6.0])
    add = v.assign_add([1.0, 1.0, 1.0])
    sub = tf.assign_sub(v, [2.0, 2.0, 2.0])
    g = tf.gather(v, [2, 0])
    assert g.shape.as_list() == [2]
    sc = tf.scatter_update(v, [1], [9.0])
    s = v * 2.0
    with pytest.raises(ValueError):
        v.assign([1.0, 2.0])
    with tf.Session() as sess:
        with pytest.raises(tf.errors.FailedPreconditionError):
            sess.run(v.value())
        sess.run(tf.global_variables_initializer())
        np.testing.assert_array_equal(sess.run(a), [4.0, 5.0, 6.0])
        np.testing.assert_array_equal(sess.run(add), [5.0, 6.0, 7.0])
        np.testing.assert_array_equal(sess.run(sub), [3.0, 4.0, 5.0])
        np.testing.assert_array_equal(sess.run(g), [5.0, 3.0])
        np.testing.assert_array_equal(sess.run(sc), [3.0, 9.0, 5.0])
        np.testing.assert_array_equal(sess.run(s), [6.0, 18.0, 10.0])
        np.testing.assert_array_equal(sess.run(v), [3.0, 9.0, 5.0])
        assert sess.run(v.is_initialized())
        v.load([0.0, 0.0, 0.0], sess)
        np.testing.assert_array_equal(v.eval(sess), [0.0, 0.0, 0.0])


def test_enable_resource_variables(fresh_graph):
    tf.enable_resource_variables()
    try:
        assert tf.resource_variables_enabled()
        v = tf.Variable(1.0, name="r")
        w = tf.get_variable("g", initializer=tf.constant(2.0))
    finally:
        tf.disable_resource_variables()
    assert v.op.type == "VarHandleOp" and w.op.type == "VarHandleOp"
    assert tf.Variable(1.0).op.type == "VariableV2"


def test_colocate_with_variables(fresh_graph):
    r = tf.Variable([1.0], name="rv", use_resource=True)
    v = tf.Variable([1.0], name="v")
    with tf.colocate_with(r):
        a = tf.identity(1.0, name="a")
    with tf.colocate_with(v):
        b = tf.identity(1.0, name="b")
    assert a.op.get_attr("_class") == [b"loc:@rv"]
    assert b.op.get_attr("_class") == [b"loc:@v"]
