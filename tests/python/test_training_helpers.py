"""Learning-rate decays and ExponentialMovingAverage against real TensorFlow (goldens from
tests/goldens/cases_optimizers.py); global step helpers; Assert, Print, check_numerics."""
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


@pytest.mark.parametrize("case", ["learning_rate_decays", "moving_average"])
def test_matches_tensorflow(case):
    g = tf.Graph()
    with g.as_default():
        fetches = MOD.CASES[case](tf)
        with tf.Session(graph=g) as sess:
            values = sess.run(fetches)
    assert sorted(fetches) == sorted(META["cases"][case])
    for key, t in fetches.items():
        want_meta = META["cases"][case][key]
        assert t.dtype.name == want_meta["dtype"], key
        np.testing.assert_allclose(np.asarray(values[key]), ARRAYS[case + "/" + key],
                                   rtol=1e-6, atol=1e-8, err_msg=key)


def test_decay_requires_global_step():
    with pytest.raises(ValueError, match="global_step is required for exponential_decay"):
        tf.train.exponential_decay(0.1, None, 10, 0.5)


def test_piecewise_constant_checks_dtypes():
    with tf.Graph().as_default():
        with pytest.raises(ValueError, match="must have the same dtype as x"):
            tf.train.piecewise_constant(tf.constant(1.0), [1, 2], [0.1, 0.2, 0.3])
        with pytest.raises(ValueError, match="1 less than the length of values"):
            tf.train.piecewise_constant(tf.constant(1), [1, 2], [0.1, 0.2])


def test_global_step_helpers():
    with tf.Graph().as_default():
        assert tf.train.get_global_step() is None
        gs = tf.train.get_or_create_global_step()
        assert gs.op.name == "global_step"
        assert gs.dtype.base_dtype == tf.int64
        assert gs not in tf.trainable_variables()
        assert tf.get_collection(tf.GraphKeys.GLOBAL_STEP) == [gs]
        assert tf.train.get_global_step() is gs
        assert tf.train.get_or_create_global_step() is gs
        with pytest.raises(ValueError, match='"global_step" already exists'):
            tf.train.create_global_step()
        with tf.Session() as sess:
            sess.run(gs.initializer)
            assert tf.train.global_step(sess, gs) == 0
    with tf.Graph().as_default():
        with pytest.raises(TypeError, match="does not have integer type"):
            tf.train.assert_global_step(tf.constant(1.0))


def test_ema_names_and_average():
    with tf.Graph().as_default():
        v = tf.Variable([1.0, 2.0], name="v")
        ema = tf.train.ExponentialMovingAverage(0.5)
        op = ema.apply([v])
        assert op.name == "ExponentialMovingAverage"
        assert ema.average(v).op.name == "v/ExponentialMovingAverage"
        assert v in tf.get_collection(tf.GraphKeys.MOVING_AVERAGE_VARIABLES)
        assert "v/ExponentialMovingAverage" in ema.variables_to_restore()
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            sess.run(tf.assign(v, [3.0, 4.0]))
            sess.run(op)
            np.testing.assert_allclose(sess.run(ema.average(v)), [2.0, 3.0])
        with pytest.raises(TypeError, match="must be half, float, or double"):
            ema.apply([tf.Variable(1, name="i")])


def test_assign_moving_average_zero_debias():
    with tf.Graph().as_default():
        avg = tf.Variable(0.0, name="avg")
        val = tf.constant(4.0)
        upd = tf.train.assign_moving_average(avg, val, 0.9)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            # Zero-debiased: the first update already gives the value itself.
            assert sess.run(upd) == pytest.approx(4.0)
            assert sess.run(upd) == pytest.approx(4.0)


def test_assert():
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float32)
        check = tf.Assert(tf.reduce_all(x > 0), [x, tf.constant("values")], name="pos")
        # Float data: TF 1.15 guards the Assert with a tf.cond and returns the cond's Merge.
        assert (check.type, check.name) == ("Merge", "pos/AssertGuard/Merge")
        host_only = tf.Assert(tf.reduce_all(x > 0), ["n", tf.constant(3)], name="host")
        assert (host_only.type, host_only.name) == ("Assert", "host/Assert")
        with tf.Session() as sess:
            sess.run(check, {x: [1.0, 2.0]})
            with pytest.raises(tf.errors.InvalidArgumentError) as e:
                sess.run(check, {x: [1.0, -2.0, 3.0, 4.0]})
            assert "assertion failed: [1 -2 3...] [values]" in str(e.value)


def test_print_passes_value_through(capfd):
    with tf.Graph().as_default():
        x = tf.constant([1.0, 2.0])
        y = tf.Print(x, [x, tf.constant(7)], message="x is ", first_n=1)
        assert y.shape.as_list() == [2]
        with tf.Session() as sess:
            np.testing.assert_allclose(sess.run(y), [1.0, 2.0])
            sess.run(y)
    err = capfd.readouterr().err
    assert err.count("x is [1 2][7]") == 1


def test_check_numerics():
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float32)
        y = tf.check_numerics(x, "bad x")
        z = tf.verify_tensor_all_finite(x, "bad again")
        with tf.Session() as sess:
            np.testing.assert_allclose(sess.run(y, {x: [1.0]}), [1.0])
            with pytest.raises(tf.errors.InvalidArgumentError, match="bad x : Tensor had NaN"):
                sess.run(y, {x: [np.nan]})
            with pytest.raises(tf.errors.InvalidArgumentError, match="Tensor had Inf values"):
                sess.run(z, {x: [np.inf]})


def test_add_check_numerics_ops():
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float32, name="x")
        y = tf.log(x, name="y")
        check = tf.add_check_numerics_ops()
        with tf.Session() as sess:
            sess.run([y, check], {x: 2.0})
            with pytest.raises(tf.errors.InvalidArgumentError, match="y:0"):
                sess.run([y, check], {x: -1.0})
