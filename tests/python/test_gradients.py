"""tf.gradients semantics: graph names as TF 1.15, registry and overrides, IndexedSlices,
stop_gradients, custom_gradient, hessians, errors; and goldens from real TensorFlow."""
import importlib.util
import json
import os

import numpy as np
import pytest
import tensorflow as tf

GOLDEN_DIR = os.path.join(os.path.dirname(__file__), "..", "goldens")


def _grad_nodes(g):
    return [(op.name, op.type, [t.name for t in op.inputs]) for op in g.get_operations()
            if op.name.startswith("gradients")]


def test_node_names_match_tf115():
    # TF 1.15's names for this graph (BroadcastGradientArgs for the broadcast add, the Mul
    # fast path for equal static shapes, AddN at the gradients/ scope, gradients/Fill).
    g = tf.Graph()
    with g.as_default():
        x = tf.placeholder(tf.float32, [2, 3], name="x")
        w = tf.placeholder(tf.float32, [3, 4], name="w")
        b = tf.placeholder(tf.float32, [4], name="b")
        h = tf.matmul(x, w) + b
        y = tf.reduce_sum(tf.sigmoid(h) * h)
        gx, gw, gb = tf.gradients(y, [x, w, b])
    expected = [
        ("gradients/Shape", "Const", []),
        ("gradients/grad_ys_0", "Const", []),
        ("gradients/Fill", "Fill", ["gradients/Shape:0", "gradients/grad_ys_0:0"]),
        ("gradients/Sum_grad/Reshape/shape", "Const", []),
        ("gradients/Sum_grad/Reshape", "Reshape",
         ["gradients/Fill:0", "gradients/Sum_grad/Reshape/shape:0"]),
        ("gradients/Sum_grad/Const", "Const", []),
        ("gradients/Sum_grad/Tile", "Tile",
         ["gradients/Sum_grad/Reshape:0", "gradients/Sum_grad/Const:0"]),
        ("gradients/mul_grad/Mul", "Mul", ["gradients/Sum_grad/Tile:0", "add:0"]),
        ("gradients/mul_grad/Mul_1", "Mul", ["gradients/Sum_grad/Tile:0", "Sigmoid:0"]),
        ("gradients/Sigmoid_grad/SigmoidGrad", "SigmoidGrad",
         ["Sigmoid:0", "gradients/mul_grad/Mul:0"]),
        ("gradients/AddN", "AddN",
         ["gradients/mul_grad/Mul_1:0", "gradients/Sigmoid_grad/SigmoidGrad:0"]),
        ("gradients/add_grad/Shape", "Const", []),
        ("gradients/add_grad/Shape_1", "Const", []),
        ("gradients/add_grad/BroadcastGradientArgs", "BroadcastGradientArgs",
         ["gradients/add_grad/Shape:0", "gradients/add_grad/Shape_1:0"]),
        ("gradients/add_grad/Sum", "Sum",
         ["gradients/AddN:0", "gradients/add_grad/BroadcastGradientArgs:0"]),
        ("gradients/add_grad/Reshape", "Reshape",
         ["gradients/add_grad/Sum:0", "gradients/add_grad/Shape:0"]),
        ("gradients/add_grad/Sum_1", "Sum",
         ["gradients/AddN:0", "gradients/add_grad/BroadcastGradientArgs:1"]),
        ("gradients/add_grad/Reshape_1", "Reshape",
         ["gradients/add_grad/Sum_1:0", "gradients/add_grad/Shape_1:0"]),
        ("gradients/MatMul_grad/MatMul", "MatMul", ["gradients/add_grad/Reshape:0", "w:0"]),
        ("gradients/MatMul_grad/MatMul_1", "MatMul", ["x:0", "gradients/add_grad/Reshape:0"]),
    ]
    assert _grad_nodes(g) == expected
    assert gx.name == "gradients/MatMul_grad/MatMul:0"
    assert gw.name == "gradients/MatMul_grad/MatMul_1:0"
    assert gb.name == "gradients/add_grad/Reshape_1:0"
    assert gx.shape.as_list() == [2, 3] and gb.shape.as_list() == [4]


def test_second_call_uses_gradients_1_scope_and_custom_name():
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float32, [3])
        y = tf.exp(x)
        g1 = tf.gradients(y, x)[0]
        g2 = tf.gradients(y, x)[0]
        g3 = tf.gradients(y, x, name="my_grads")[0]
        assert g1.name == "gradients/Exp_grad/mul:0"
        assert g2.name == "gradients_1/Exp_grad/mul:0"
        assert g3.name == "my_grads/Exp_grad/mul:0"


def test_values_simple_chain():
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float32, [2, 3])
        w = tf.constant(np.arange(6, dtype=np.float32).reshape(3, 2))
        y = tf.reduce_mean(tf.matmul(x, w) ** 2)
        g = tf.gradients(y, x)[0]
        xv = np.random.RandomState(0).randn(2, 3).astype(np.float32)
        with tf.Session() as sess:
            got = sess.run(g, {x: xv})
    wv = np.arange(6, dtype=np.float64).reshape(3, 2)
    want = (2.0 * (xv @ wv) / 4.0) @ wv.T
    np.testing.assert_allclose(got, want, rtol=1e-5)


def test_unconnected_and_integer_paths_give_none():
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float32, [3])
        z = tf.placeholder(tf.float32, [3])
        y = x * 2.0 + tf.cast(tf.cast(z, tf.int32), tf.float32)
        gx, gz = tf.gradients(y, [x, z])
        assert gx is not None and gz is None
        gzz = tf.gradients(y, z, unconnected_gradients="zero")[0]
        with tf.Session() as sess:
            np.testing.assert_array_equal(sess.run(gzz, {z: [1.0, 2.0, 3.0]}), [0, 0, 0])


def test_gradient_of_non_float_ys():
    with tf.Graph().as_default():
        x = tf.placeholder(tf.int32, [3])
        y = x * 2
        # Integer tensors are not backpropagatable: no path, so the gradient is None.
        assert tf.gradients(y, x) == [None]
        s = tf.constant(["a"])
        with pytest.raises(TypeError, match="must be numeric to obtain a default gradient"):
            tf.gradients(s, s, grad_ys=[tf.constant(["b"])])
        c = tf.complex(tf.constant([1.0]), tf.constant([2.0]))
        with pytest.raises(TypeError, match="Gradients of complex tensors must set grad_ys"):
            tf.gradients(c, c)


def test_grad_ys_values_and_mismatch():
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float32, [2, 3])
        y = tf.sin(x)
        gy = tf.constant(np.full((2, 3), 2.0, np.float32))
        g = tf.gradients(y, x, grad_ys=gy)[0]
        assert "gradients/grad_ys_0" in [op.name for op in tf.get_default_graph().get_operations()]
        xv = np.ones((2, 3), np.float32)
        with tf.Session() as sess:
            np.testing.assert_allclose(sess.run(g, {x: xv}), 2.0 * np.cos(xv), rtol=1e-6)
        with pytest.raises(ValueError):
            tf.gradients(y, x, grad_ys=tf.constant(np.ones((3, 2), np.float32)))
        with pytest.raises(ValueError, match="Passed 2 grad_ys for 1 ys"):
            tf.gradients(y, x, grad_ys=[gy, gy])
        with pytest.raises(TypeError, match="must be real or integer"):
            tf.gradients(y, x, grad_ys=tf.constant(np.ones((2, 3), np.bool_)))


def test_stop_gradients_and_stop_gradient_op():
    with tf.Graph().as_default():
        a = tf.constant(0.0)
        b = 2 * a
        g = tf.gradients(a + b, [a, b], stop_gradients=[a, b])
        g_full = tf.gradients(a + b, [a, b])
        x = tf.placeholder(tf.float32, [2])
        sg = tf.gradients(tf.stop_gradient(x) * x, x)[0]
        only = tf.gradients(tf.stop_gradient(x), x)
        with tf.Session() as sess:
            assert sess.run(g) == [1.0, 1.0]
            assert sess.run(g_full) == [3.0, 1.0]
            np.testing.assert_allclose(sess.run(sg, {x: [2.0, 5.0]}), [2.0, 5.0])
        assert only == [None]


def test_aggregation_addn_names_and_tree():
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float32, [3], name="x")
        y = tf.add_n([tf.sin(x), tf.cos(x), x * 2.0])
        g = tf.gradients(y, x)[0]
        assert g.op.type == "AddN" and g.name == "gradients/AddN:0"
        gt = tf.gradients(y, x, aggregation_method=tf.AggregationMethod.EXPERIMENTAL_TREE)[0]
        assert gt.op.name.startswith("gradients_1/x_gradient_sum/")
        with pytest.raises(ValueError, match="Invalid aggregation_method"):
            tf.gradients(y, x, aggregation_method=7)
        xv = np.array([0.1, 0.2, 0.3], np.float32)
        with tf.Session() as sess:
            a, b = sess.run([g, gt], {x: xv})
        np.testing.assert_allclose(a, np.cos(xv) - np.sin(xv) + 2.0, rtol=1e-6)
        np.testing.assert_allclose(b, a, rtol=1e-6)


def test_gather_gives_indexed_slices_and_densifies():
    with tf.Graph().as_default():
        p = tf.placeholder(tf.float32, [4, 2])
        y = tf.reduce_sum(tf.gather(p, [1, 3, 1]) * 3.0)
        g = tf.gradients(y, p)[0]
        assert isinstance(g, tf.IndexedSlices)
        dense = tf.convert_to_tensor(g)
        assert dense.op.type == "UnsortedSegmentSum"
        # A dense consumer upstream (Mul's gradient) densifies the IndexedSlices.
        g2 = tf.gradients(tf.reduce_sum(tf.gather(p * 1.0, [0, 0])), p)[0]
        assert isinstance(g2, tf.Tensor)
        with tf.Session() as sess:
            v, idx, d, d2 = sess.run([g.values, g.indices, dense, g2], {p: np.ones((4, 2))})
        np.testing.assert_array_equal(idx, [1, 3, 1])
        np.testing.assert_allclose(v, np.full((3, 2), 3.0))
        np.testing.assert_allclose(d, [[0, 0], [6, 6], [0, 0], [3, 3]])
        np.testing.assert_allclose(d2, [[2, 2], [0, 0], [0, 0], [0, 0]])


def test_indexed_slices_aggregate_by_concat():
    with tf.Graph().as_default():
        p = tf.placeholder(tf.float32, [3, 2])
        y = tf.reduce_sum(tf.gather(p, [0])) + tf.reduce_sum(tf.gather(p, [2, 0]))
        g = tf.gradients(y, p)[0]
        assert isinstance(g, tf.IndexedSlices)
        with tf.Session() as sess:
            d = sess.run(tf.convert_to_tensor(g), {p: np.zeros((3, 2))})
        np.testing.assert_allclose(d, [[2, 2], [0, 0], [1, 1]])


def _double(op, grad):
    del op
    return grad * 2.0


def _register_once(name, fn):
    from tensorflow.python.framework import ops
    if name not in ops._gradient_registry.list():  # pylint: disable=protected-access
        if fn is None:
            tf.NotDifferentiable(name)
        else:
            tf.RegisterGradient(name)(fn)


def test_register_gradient_and_override_map():
    _register_once("TfcTestDoubleGrad", _double)
    with pytest.raises(KeyError):
        tf.RegisterGradient("TfcTestDoubleGrad")(lambda op, g: g)
    g = tf.Graph()
    with g.as_default():
        x = tf.placeholder(tf.float32, [2])
        with g.gradient_override_map({"Identity": "TfcTestDoubleGrad"}):
            y = tf.identity(x)
        z = tf.identity(x)
        gy = tf.gradients(y, x)[0]
        gz = tf.gradients(z, x)[0]
        assert y.op.get_attr("_gradient_op_type") == b"TfcTestDoubleGrad"
        with tf.Session() as sess:
            a, b = sess.run([gy, gz], {x: [1.0, 1.0]})
    np.testing.assert_allclose(a, [2.0, 2.0])
    np.testing.assert_allclose(b, [1.0, 1.0])


def test_not_differentiable_and_prevent_gradient_and_missing():
    _register_once("TfcTestNoGrad", None)
    from tensorflow.python.framework import ops
    with tf.Graph().as_default() as g:
        x = tf.placeholder(tf.float32, [2])
        with g.gradient_override_map({"Identity": "TfcTestNoGrad"}):
            y = tf.identity(x)
        assert tf.gradients(y, x) == [None]
        from tensorflow.python.ops import gen_array_ops
        p = gen_array_ops.prevent_gradient(x, message="no way")
        # TF formats the bytes attr as is: "Reason: b'no way'".
        with pytest.raises(LookupError, match="Gradient explicitly disabled. Reason: b'no way'"):
            tf.gradients(p * 2.0, x)
        with g.gradient_override_map({"Identity": "TfcTestUnregistered"}):
            q = tf.identity(x)
        with pytest.raises(LookupError, match="No gradient defined for operation"):
            tf.gradients(q, x)
        assert ops.get_gradient_function(tf.shape(x).op) is None


def test_custom_gradient_graph_mode():
    @tf.custom_gradient
    def log1pexp(x):
        e = tf.exp(x)

        def grad(dy):
            return dy * (1 - 1 / (1 + e))

        return tf.log(1 + e), grad

    with tf.Graph().as_default():
        x = tf.placeholder(tf.float32, [3])
        y = log1pexp(x)
        assert y.op.type == "IdentityN"
        g = tf.gradients(tf.reduce_sum(y * 2.0), x)[0]
        with tf.Session() as sess:
            xv = np.array([0.0, 100.0, -3.0], np.float32)
            yv, gv = sess.run([y, g], {x: xv})
    np.testing.assert_allclose(gv, 2.0 / (1.0 + np.exp(-xv.astype(np.float64))), rtol=1e-6)
    assert np.isfinite(gv).all()


def test_custom_gradient_two_inputs():
    @tf.custom_gradient
    def f(a, b):
        def grad(dy):
            return dy * 10.0, dy * 20.0
        return a * b, grad

    with tf.Graph().as_default():
        a = tf.constant([1.0, 2.0])
        b = tf.constant([3.0, 4.0])
        ga, gb = tf.gradients(f(a, b), [a, b])
        with tf.Session() as sess:
            va, vb = sess.run([ga, gb])
    np.testing.assert_allclose(va, [10.0, 10.0])
    np.testing.assert_allclose(vb, [20.0, 20.0])


def test_hessians():
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float64, [3])
        y = tf.reduce_sum(x ** 3) + x[0] * x[2]
        h = tf.hessians(y, x)[0]
        xv = np.array([1.0, 2.0, -1.0])
        with tf.Session() as sess:
            hv = sess.run(h, {x: xv})
    want = np.diag(6 * xv)
    want[0, 2] += 1
    want[2, 0] += 1
    np.testing.assert_allclose(hv, want)


def test_gate_gradients_and_colocate():
    with tf.Graph().as_default():
        a = tf.placeholder(tf.float32, [2, 2])
        b = tf.placeholder(tf.float32, [2, 2])
        y = tf.reduce_sum(tf.matmul(a, b))
        ga, gb = tf.gradients(y, [a, b], gate_gradients=True, colocate_gradients_with_ops=True)
        assert ga.op.type == "Identity" and "tuple" in ga.name
        with tf.Session() as sess:
            va, vb = sess.run([ga, gb], {a: np.eye(2), b: np.ones((2, 2))})
        np.testing.assert_allclose(va, np.full((2, 2), 2.0))
        np.testing.assert_allclose(vb, np.ones((2, 2)))


def test_switch_merge_gradients():
    from tensorflow.python.ops import gen_control_flow_ops
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float32, [])
        p = tf.placeholder(tf.bool, [])
        f, t = gen_control_flow_ops.switch(x, p)
        m = gen_control_flow_ops.merge([f * 2.0, t * 3.0]).output
        g = tf.gradients(m, x)[0]
        with tf.Session() as sess:
            assert sess.run(g, {x: 1.0, p: True}) == 3.0
            assert sess.run(g, {x: 1.0, p: False}) == 2.0


# ---- goldens from real TensorFlow --------------------------------------------------------
def _load(stem):
    path = os.path.join(GOLDEN_DIR, "cases_%s.py" % stem)
    spec = importlib.util.spec_from_file_location("cases_" + stem, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    with open(os.path.join(GOLDEN_DIR, stem + ".json")) as f:
        meta = json.load(f)
    return mod, meta, np.load(os.path.join(GOLDEN_DIR, stem + ".npz"))


MOD, META, ARRAYS = _load("gradients")


@pytest.mark.parametrize("case", sorted(MOD.CASES))
def test_gradient_golden(case):
    g = tf.Graph()
    with g.as_default():
        fetches = MOD.CASES[case](tf)
        with tf.Session(graph=g) as sess:
            values = sess.run(fetches)
    meta = META["cases"][case]
    assert sorted(fetches) == sorted(meta)
    for key, tensor in fetches.items():
        assert tensor.dtype.name == meta[key]["dtype"], key
        expected = ARRAYS[case + "/" + key]
        got = np.asarray(values[key])
        assert got.shape == expected.shape, (key, got.shape, expected.shape)
        # Gradients chain several kernels: float32 within a few ulps of accumulated error.
        np.testing.assert_allclose(got, expected, rtol=2e-5, atol=2e-5, err_msg=key)
