"""tf.train optimizers: 50-step trajectories against real TensorFlow (goldens from
tests/goldens/cases_optimizers.py), slot names and graph structure, and error messages."""
import importlib.util
import json
import os

import numpy as np
import pytest
import tensorflow as tf

GOLDEN_DIR = os.path.join(os.path.dirname(__file__), "..", "goldens")


def _load():
    path = os.path.join(GOLDEN_DIR, "cases_optimizers.py")
    spec = importlib.util.spec_from_file_location("cases_optimizers", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    with open(os.path.join(GOLDEN_DIR, "optimizers.json")) as f:
        meta = json.load(f)
    return mod, meta, np.load(os.path.join(GOLDEN_DIR, "optimizers.npz"))


MOD, META, ARRAYS = _load()
TRAJECTORY_CASES = sorted(c for c in MOD.CASES if c.startswith(("mlp_", "embedding_")))


def _run_case(case):
    g = tf.Graph()
    with g.as_default():
        fetches = MOD.CASES[case](tf)
        with tf.Session(graph=g) as sess:
            return fetches, sess.run(fetches)


@pytest.mark.parametrize("case", TRAJECTORY_CASES)
def test_trajectory_matches_tensorflow(case):
    fetches, values = _run_case(case)
    assert sorted(fetches) == sorted(META["cases"][case])
    for key in fetches:
        want = ARRAYS[case + "/" + key]
        got = np.asarray(values[key])
        assert got.shape == want.shape, key
        np.testing.assert_allclose(got, want, rtol=1e-6, atol=1e-7, err_msg=key)


def _mlp_graph(opt):
    w = tf.Variable(np.ones([2, 2], np.float32), name="w")
    b = tf.Variable(np.zeros([2], np.float32), name="b")
    loss = tf.reduce_sum(tf.square(tf.matmul(tf.constant([[1.0, 2.0]]), w) + b))
    return w, b, loss, opt.minimize(loss)


def test_adam_slot_and_op_names():
    with tf.Graph().as_default() as g:
        opt = tf.train.AdamOptimizer(0.1)
        w, b, _, train = _mlp_graph(opt)
        assert train.name == "Adam"
        assert opt.get_slot_names() == ["m", "v"]
        assert opt.get_slot(w, "m").op.name == "w/Adam"
        assert opt.get_slot(w, "v").op.name == "w/Adam_1"
        assert opt.get_slot(b, "m").op.name == "b/Adam"
        assert [v.op.name for v in opt.variables()] == [
            "b/Adam", "b/Adam_1", "beta1_power", "beta2_power", "w/Adam", "w/Adam_1"]
        names = {op.name for op in g.get_operations()}
        assert "Adam/update_w/ApplyAdam" in names
        assert "Adam/update_b/ApplyAdam" in names
        assert g.get_operation_by_name("Adam/update_w/ApplyAdam").type == "ApplyAdam"
        assert not opt.get_slot(w, "m") in tf.trainable_variables()
        assert train in tf.get_collection(tf.GraphKeys.TRAIN_OP)


@pytest.mark.parametrize("make,slots", [
    (lambda: tf.train.MomentumOptimizer(0.1, 0.9), {"momentum": "w/Momentum"}),
    (lambda: tf.train.RMSPropOptimizer(0.1, centered=True),
     {"rms": "w/RMSProp", "mg": "w/RMSProp_1", "momentum": "w/RMSProp_2"}),
    (lambda: tf.train.AdagradOptimizer(0.1), {"accumulator": "w/Adagrad"}),
    (lambda: tf.train.AdadeltaOptimizer(0.1), {"accum": "w/Adadelta",
                                                "accum_update": "w/Adadelta_1"}),
    (lambda: tf.train.FtrlOptimizer(0.1), {"accum": "w/Ftrl", "linear": "w/Ftrl_1"}),
    (lambda: tf.train.ProximalAdagradOptimizer(0.1), {"accumulator": "w/ProximalAdagrad"}),
    (lambda: tf.train.GradientDescentOptimizer(0.1), {}),
])
def test_slot_names(make, slots):
    with tf.Graph().as_default():
        opt = make()
        w, _, _, _ = _mlp_graph(opt)
        assert opt.get_slot_names() == sorted(slots)
        for slot, name in slots.items():
            assert opt.get_slot(w, slot).op.name == name


def test_global_step_is_incremented():
    with tf.Graph().as_default():
        gs = tf.train.get_or_create_global_step()
        w = tf.Variable(1.0)
        train = tf.train.GradientDescentOptimizer(0.5).minimize(w * w, global_step=gs)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            sess.run(train)
            sess.run(train)
            assert sess.run(gs) == 2
            assert sess.run(w) == pytest.approx(0.0)


def test_compute_and_apply_gradients():
    with tf.Graph().as_default():
        w = tf.Variable([1.0, 2.0])
        opt = tf.train.GradientDescentOptimizer(0.1)
        gv = opt.compute_gradients(tf.reduce_sum(w * w))
        assert len(gv) == 1 and gv[0][1] is w
        train = opt.apply_gradients([(g * 2.0, v) for g, v in gv])
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            sess.run(train)
            np.testing.assert_allclose(sess.run(w), [0.6, 1.2], rtol=1e-6)


def test_var_list_restricts_updates():
    with tf.Graph().as_default():
        a = tf.Variable(1.0)
        b = tf.Variable(1.0)
        train = tf.train.GradientDescentOptimizer(0.5).minimize(a * b, var_list=[a])
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            sess.run(train)
            assert sess.run([a, b]) == [0.5, 1.0]


def test_no_gradients_error():
    with tf.Graph().as_default():
        a = tf.Variable(1.0, name="a")
        loss = tf.constant(3.0)
        with pytest.raises(ValueError) as e:
            tf.train.AdamOptimizer().minimize(loss, var_list=[a])
        assert "No gradients provided for any variable, check your graph for ops that do not " \
               "support gradients, between variables" in str(e.value)
        assert "a:0" in str(e.value)
        with pytest.raises(ValueError, match="No gradients provided for any variable"):
            tf.train.GradientDescentOptimizer(0.1).apply_gradients([(None, a)])
        with pytest.raises(ValueError, match="No variables provided"):
            tf.train.GradientDescentOptimizer(0.1).apply_gradients([])


def test_bad_arguments():
    with pytest.raises(ValueError, match="Must specify the optimizer name"):
        tf.train.GradientDescentOptimizer(0.1, name="")
    with pytest.raises(ValueError, match="initial_accumulator_value must be positive"):
        tf.train.AdagradOptimizer(0.1, initial_accumulator_value=0.0)
    with pytest.raises(ValueError, match="learning_rate_power"):
        tf.train.FtrlOptimizer(0.1, learning_rate_power=0.5)
    with tf.Graph().as_default():
        v = tf.Variable(1, name="iv")
        with pytest.raises(ValueError, match="Invalid type"):
            tf.train.GradientDescentOptimizer(0.1).minimize(v * 2, var_list=[v])


def test_uninitialized_slot_is_failed_precondition():
    with tf.Graph().as_default():
        w = tf.Variable(1.0, name="w")
        train = tf.train.MomentumOptimizer(0.1, 0.9).minimize(w * w)
        with tf.Session() as sess:
            sess.run(w.initializer)
            with pytest.raises(tf.errors.FailedPreconditionError):
                sess.run(train)


def test_callable_hyperparameters_and_use_locking():
    with tf.Graph().as_default():
        w = tf.Variable(4.0)
        train = tf.train.MomentumOptimizer(lambda: 0.25, lambda: 0.0,
                                           use_locking=True).minimize(w * w)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            sess.run(train)
            assert sess.run(w) == pytest.approx(2.0)


def test_sparse_updates_use_sparse_kernels():
    with tf.Graph().as_default() as g:
        emb = tf.Variable(np.ones([4, 2], np.float32), name="emb")
        loss = tf.reduce_sum(tf.gather(emb, [0, 2, 2]))
        tf.train.MomentumOptimizer(0.1, 0.9).minimize(loss)
        types = {op.type for op in g.get_operations()}
        assert "SparseApplyMomentum" in types
        assert "Unique" in types and "UnsortedSegmentSum" in types


@pytest.mark.parametrize("name", sorted(MOD.OPTIMIZERS))
def test_resource_variables_match_ref_variables(name):
    """apply_gradients on resource variables (Resource* kernels) equals the ref-variable path."""
    def run(use_resource):
        with tf.Graph().as_default():
            w = tf.get_variable("w", initializer=np.array([[0.5, -1.0], [2.0, 0.25]], np.float32),
                                use_resource=use_resource)
            e = tf.get_variable("e", initializer=np.ones([4, 2], np.float32),
                                use_resource=use_resource)
            dense = tf.constant([[0.1, -0.2], [0.3, 0.05]])
            sparse = tf.IndexedSlices(tf.constant([[1.0, -1.0], [0.5, 0.5], [0.25, 2.0]]),
                                      tf.constant([3, 0, 3]), tf.constant([4, 2]))
            opt = MOD.OPTIMIZERS[name](tf)
            train = opt.apply_gradients([(dense, w), (sparse, e)])
            with tf.Session() as sess:
                sess.run(tf.global_variables_initializer())
                for _ in range(3):
                    sess.run(train)
                return sess.run([w, e])
    ref, res = run(False), run(True)
    for a, b in zip(ref, res):
        np.testing.assert_allclose(b, a, rtol=1e-6, atol=1e-7)


def test_resource_apply_op_directly():
    with tf.Graph().as_default():
        from tensorflow.python.training import training_ops  # pylint: disable=g-import-not-at-top
        v = tf.Variable([1.0, 2.0], use_resource=True)
        op = training_ops.resource_apply_gradient_descent(v.handle, 0.5, [2.0, 2.0])
        assert op.type == "ResourceApplyGradientDescent" and not op.outputs
        with tf.Session() as sess:
            sess.run(v.initializer)
            before = sess.run(v.read_value())
            sess.run(op)
            np.testing.assert_allclose(sess.run(v), [0.0, 1.0])
            np.testing.assert_allclose(before, [1.0, 2.0])  # an earlier read is unchanged
