"""Optimizer trajectories and training helpers compared against real TensorFlow
(tests/python/test_optimizers.py, tests/python/test_training_helpers.py).

Each training case builds its own graph, trains with a fixed start (weights from NumPy seeds)
and returns the recorded trajectory as constants in the caller's graph, so the harness can
fetch it without an init step.
"""
import numpy as np


def _rand(shape, seed, lo=-1.0, hi=1.0):
    return np.random.RandomState(seed).uniform(lo, hi, size=shape).astype(np.float32)


OPTIMIZERS = {
    "gd": lambda tf: tf.train.GradientDescentOptimizer(0.1),
    "momentum": lambda tf: tf.train.MomentumOptimizer(0.05, 0.9),
    "nesterov": lambda tf: tf.train.MomentumOptimizer(0.05, 0.9, use_nesterov=True),
    "adam": lambda tf: tf.train.AdamOptimizer(0.01),
    "rmsprop": lambda tf: tf.train.RMSPropOptimizer(0.01),
    "rmsprop_centered": lambda tf: tf.train.RMSPropOptimizer(0.01, momentum=0.5, centered=True),
    "adagrad": lambda tf: tf.train.AdagradOptimizer(0.1),
    "adadelta": lambda tf: tf.train.AdadeltaOptimizer(1.0),
    "ftrl": lambda tf: tf.train.FtrlOptimizer(0.1, l1_regularization_strength=0.001,
                                             l2_regularization_strength=0.001),
    "ftrl_shrinkage": lambda tf: tf.train.FtrlOptimizer(
        0.1, l2_shrinkage_regularization_strength=0.01),
    "proximal_gd": lambda tf: tf.train.ProximalGradientDescentOptimizer(
        0.1, l1_regularization_strength=0.001, l2_regularization_strength=0.001),
    "proximal_adagrad": lambda tf: tf.train.ProximalAdagradOptimizer(
        0.1, l1_regularization_strength=0.001, l2_regularization_strength=0.001),
}

STEPS = 50


def _train(tf, build, make_opt, steps=STEPS):
    """Runs `steps` steps; returns {"loss": [steps], var name: final value, ...}."""
    with tf.Graph().as_default():
        loss, var_list = build(tf)
        gs = tf.train.get_or_create_global_step()
        train = make_opt(tf).minimize(loss, global_step=gs)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            losses = [sess.run([loss, train])[0] for _ in range(steps)]
            out = {"loss": np.array(losses, np.float32), "global_step": sess.run(gs)}
            for v in var_list:
                out[v.op.name] = sess.run(v)
    return {k: tf.constant(v) for k, v in out.items()}


def _mlp(tf):
    x = tf.constant(_rand([8, 4], 1))
    y = tf.constant(_rand([8, 3], 2, 0.0, 1.0))
    w1 = tf.Variable(_rand([4, 5], 3), name="w1")
    b1 = tf.Variable(np.zeros([5], np.float32), name="b1")
    w2 = tf.Variable(_rand([5, 3], 4), name="w2")
    b2 = tf.Variable(np.full([3], 0.1, np.float32), name="b2")
    h = tf.tanh(tf.matmul(x, w1) + b1)
    out = tf.matmul(h, w2) + b2
    return tf.reduce_mean(tf.square(out - y)), [w1, b1, w2, b2]


def _embedding(tf):
    emb = tf.Variable(_rand([10, 3], 5), name="emb")
    ids = tf.constant([1, 3, 3, 7, 0], dtype=tf.int32)  # a repeated id: summed gradient
    target = tf.constant(_rand([5, 3], 6))
    rows = tf.gather(emb, ids)
    return tf.reduce_sum(tf.square(rows - target)), [emb]


def _make_case(build, opt_name):
    return lambda tf: _train(tf, build, OPTIMIZERS[opt_name])


CASES = {}
for _name in sorted(OPTIMIZERS):
    CASES["mlp_" + _name] = _make_case(_mlp, _name)
    CASES["embedding_" + _name] = _make_case(_embedding, _name)


def learning_rate_decays(tf):
    out = {}
    for step in [0, 1, 7, 25, 100]:
        s = tf.constant(step, dtype=tf.int64)
        out["exp_%d" % step] = tf.train.exponential_decay(0.1, s, 10, 0.5)
        out["exp_stair_%d" % step] = tf.train.exponential_decay(0.1, s, 10, 0.5, staircase=True)
        out["inv_%d" % step] = tf.train.inverse_time_decay(0.1, s, 10, 0.5)
        out["nat_%d" % step] = tf.train.natural_exp_decay(0.1, s, 10, 0.5)
        out["poly_%d" % step] = tf.train.polynomial_decay(0.1, s, 50, 0.01, power=2.0)
        out["poly_cycle_%d" % step] = tf.train.polynomial_decay(0.1, s, 20, cycle=True)
        out["cos_%d" % step] = tf.train.cosine_decay(0.1, s, 50, alpha=0.1)
        out["cos_restart_%d" % step] = tf.train.cosine_decay_restarts(0.1, s, 10)
        out["cos_restart_lin_%d" % step] = tf.train.cosine_decay_restarts(0.1, s, 10, t_mul=1.0,
                                                                          m_mul=0.5)
        out["lin_cos_%d" % step] = tf.train.linear_cosine_decay(0.1, s, 50)
        out["piecewise_%d" % step] = tf.train.piecewise_constant(
            tf.constant(step, dtype=tf.int32), [5, 20], [1.0, 0.5, 0.1])
    return out


def moving_average(tf):
    with tf.Graph().as_default():
        v = tf.Variable([1.0, 2.0], name="v")
        w = tf.Variable(5.0, name="w")
        step = tf.Variable(0, name="step", trainable=False)
        ema = tf.train.ExponentialMovingAverage(0.9, num_updates=step)
        with tf.control_dependencies([tf.assign_add(v, [1.0, -1.0]), tf.assign_add(w, 2.0),
                                      tf.assign_add(step, 1)]):
            update = ema.apply([v, w])
        names = [ema.average_name(v), ema.average_name(w)]
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            vals = []
            for _ in range(5):
                sess.run(update)
                vals.append(np.concatenate([sess.run(ema.average(v)), [sess.run(ema.average(w))]]))
    assert names == ["v/ExponentialMovingAverage", "w/ExponentialMovingAverage"], names
    return {"averages": tf.constant(np.array(vals, np.float32))}


CASES["learning_rate_decays"] = learning_rate_decays
CASES["moving_average"] = moving_average
