"""tf.layers convolution, pooling and batch-norm programs against real TensorFlow
(tests/python/test_layers_conv.py). Value cases run their own session while building (variables
initialised under graph seeds, SGD / update steps run) and return what they saw as constants;
graph cases return small fetches and are compared node by node. Real TF 2.x keeps tf.layers in
tf_keras (TF_USE_LEGACY_KERAS=1).
"""
import os

import numpy as np

os.environ.setdefault("TF_USE_LEGACY_KERAS", "1")


def _images(*shape):
    n = int(np.prod(shape))
    return (np.sin(np.arange(n, dtype=np.float64) * 0.37) * 1.5).astype(np.float32).reshape(
        shape)


def _run(tf, fetches, steps=(), feeds=None):
    """Initialises the variables, fetches `fetches` (dict), runs each op in `steps` in turn and
    returns everything fetched as constants: `<key>` before the steps, `<key>@<i>` after the
    i-th step for the keys named in the step (a (op, keys) pair)."""
    out = {}
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for k, v in sess.run(fetches, feed_dict=feeds).items():
            out[k] = v
        for i, (op, keys) in enumerate(steps):
            sess.run(op, feed_dict=feeds)
            for k, v in sess.run({k: fetches[k] for k in keys}, feed_dict=feeds).items():
                out["%s@%d" % (k, i + 1)] = v
    return {k: tf.constant(v) for k, v in out.items()}


def _names(tf, variables):
    """Variable names and shapes, as the bytes of one text (goldens keep no string arrays)."""
    text = "\n".join("%s %s" % (v.op.name, v.shape.as_list()) for v in variables)
    return tf.constant(np.frombuffer(text.encode(), np.uint8))


def conv_net_sgd(tf):
    """A small CNN (conv, max pool, strided conv, avg pool, dense): initial weights, logits,
    gradients and weights after one SGD step."""
    tf.set_random_seed(7)
    x = tf.constant(_images(4, 8, 8, 3))
    labels = tf.constant([0, 2, 1, 2])
    # Kernels get op seeds: under a graph seed alone TF 2.x numbers op seeds with a per-graph
    # counter where TF 1.15 uses op ids, so graph-seed-only draws cannot be compared with it.
    net = tf.layers.conv2d(x, 6, 3, padding="same", activation=tf.nn.relu, name="conv1",
                           kernel_initializer=tf.glorot_uniform_initializer(seed=1))
    net = tf.layers.max_pooling2d(net, 2, 2)
    net = tf.layers.conv2d(net, 5, [2, 3], strides=2, padding="SAME",
                           kernel_initializer=tf.glorot_normal_initializer(seed=3))
    net = tf.layers.average_pooling2d(net, 2, 1, padding="same")
    logits = tf.layers.dense(tf.layers.flatten(net), 3,
                             kernel_initializer=tf.glorot_uniform_initializer(seed=2))
    loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(
        labels=labels, logits=logits))
    variables = tf.trainable_variables()
    grads = tf.gradients(loss, variables)
    train = tf.train.GradientDescentOptimizer(0.5).minimize(loss)
    fetches = {"logits": logits, "loss": loss}
    for v, g in zip(variables, grads):
        key = v.op.name.replace("/", "_")
        fetches[key] = v
        fetches["grad_" + key] = g
    out = _run(tf, fetches, [(train, [k for k in fetches if not k.startswith("grad_")])])
    out["names"] = _names(tf, tf.global_variables())
    return out


def conv_variants(tf):
    """Every conv layer over formats, paddings and strides, from its seeded initial weights."""
    tf.set_random_seed(11)
    x1 = tf.constant(_images(2, 9, 3))
    x2 = tf.constant(_images(2, 7, 6, 3))
    x3 = tf.constant(_images(2, 5, 4, 6, 2))
    # Op seeds everywhere: see conv_net_sgd.
    seeds = iter(range(100, 200))

    def k():
        return tf.glorot_uniform_initializer(seed=next(seeds))

    def binit():
        return tf.random_normal_initializer(seed=next(seeds))

    outs = {
        "c1_valid": tf.layers.conv1d(x1, 4, 3, kernel_initializer=k(), bias_initializer=binit()),
        "c1_same_s2": tf.layers.Conv1D(2, 2, strides=2, padding="Same", kernel_initializer=k())(x1),
        "c1_causal": tf.layers.conv1d(x1, 3, 3, padding="causal", kernel_initializer=k()),
        "c2_valid": tf.layers.conv2d(x2, 4, (3, 2), kernel_initializer=k(),
                                     bias_initializer=binit()),
        "c2_same_s": tf.layers.conv2d(x2, 3, 3, strides=(2, 1), padding="same",
                                      use_bias=False, activation=tf.nn.tanh,
                                      kernel_initializer=k()),
        "c3_valid": tf.layers.conv3d(x3, 3, 2, kernel_initializer=k(), bias_initializer=binit()),
        "c3_same_s2": tf.layers.conv3d(x3, 2, (3, 2, 2), strides=2, padding="same",
                                       kernel_initializer=k()),
        "sep1": tf.layers.separable_conv1d(x1, 5, 3, depth_multiplier=2,
                                           depthwise_initializer=k(),
                                           pointwise_initializer=k(), bias_initializer=binit()),
        "sep2": tf.layers.separable_conv2d(x2, 4, 3, padding="same", strides=2,
                                           depthwise_initializer=k(),
                                           pointwise_initializer=k()),
        "sep2_valid": tf.layers.SeparableConv2D(2, (2, 3), depth_multiplier=3,
                                                depthwise_initializer=k(),
                                                pointwise_initializer=k())(x2),
        "t2_valid": tf.layers.conv2d_transpose(x2, 4, 3, strides=2, kernel_initializer=k(),
                                               bias_initializer=binit()),
        "t2_same": tf.layers.conv2d_transpose(x2, 2, (2, 3), strides=(1, 2), padding="same",
                                              kernel_initializer=k()),
        "t3_valid": tf.layers.conv3d_transpose(x3, 2, 2, strides=(2, 1, 2),
                                               kernel_initializer=k(), bias_initializer=binit()),
        "t3_same": tf.layers.conv3d_transpose(x3, 3, 3, strides=2, padding="same",
                                              kernel_initializer=k()),
    }
    out = _run(tf, outs)
    out["names"] = _names(tf, tf.global_variables())
    return out


def pool_variants(tf):
    x1 = tf.constant(_images(2, 9, 3))
    x2 = tf.constant(_images(2, 7, 6, 3))
    x3 = tf.constant(_images(2, 5, 4, 6, 2))
    L = tf.layers
    return {
        "mp1": L.max_pooling1d(x1, 2, 2),
        "ap1_same": L.average_pooling1d(x1, 3, 2, padding="same"),
        "mp1_cf": L.MaxPooling1D(2, 1, data_format="channels_first")(x1),
        "ap1_cf": L.average_pooling1d(x1, 2, 2, data_format="channels_first"),
        "mp2": L.max_pooling2d(x2, 2, 2),
        "ap2_same": L.average_pooling2d(x2, (3, 2), (2, 1), padding="SAME"),
        "mp3": L.max_pooling3d(x3, 2, 2),
        "ap3_same": L.AveragePooling3D(2, (1, 2, 2), padding="same")(x3),
        "mp3_cf": L.max_pooling3d(x3, (2, 1, 2), 1, data_format="channels_first"),
        "ap3_cf": L.average_pooling3d(x3, 2, 1, data_format="channels_first"),
    }


def _bn_program(tf, shape, **kwargs):
    tf.set_random_seed(3)
    x_train = tf.constant(_images(*shape) * 2.0 + 0.5)
    x_test = tf.constant(_images(*shape)[::-1].copy())
    layer = tf.layers.BatchNormalization(
        gamma_initializer=tf.random_uniform_initializer(0.5, 1.5, seed=1),
        beta_initializer=tf.random_normal_initializer(seed=2), **kwargs)
    y_train = layer(x_train, training=True)
    y_test = layer(x_test, training=False)
    updates = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
    fetches = {"y_train": y_train, "y_test": y_test, "moving_mean": layer.moving_mean,
               "moving_variance": layer.moving_variance}
    out = _run(tf, fetches, [(updates, list(fetches))] * 2)
    out["names"] = _names(tf, tf.global_variables())
    out["n_updates"] = tf.constant(len(updates))
    return out


def bn_fused(tf):
    """Fused (4-D, channels last) batch norm: training output, two moving-average updates,
    inference output from the moving statistics."""
    return _bn_program(tf, (4, 3, 3, 5), momentum=0.9)


def bn_fused_nchw(tf):
    return _bn_program(tf, (2, 3, 4, 2), axis=1, epsilon=0.01, momentum=0.5)


def bn_unfused(tf):
    """Non-fused batch norm on 2-D inputs (moments + batch_normalization)."""
    return _bn_program(tf, (6, 4), momentum=0.8)


def bn_unfused_axis1(tf):
    return _bn_program(tf, (3, 4, 5), axis=1, center=False)


def bn_not_fused_4d(tf):
    return _bn_program(tf, (4, 3, 3, 5), fused=False, scale=False, momentum=0.7)


def bn_training_tensor(tf):
    """A bool placeholder as `training` (tf.cond): fused and non-fused, both branches."""
    tf.set_random_seed(4)
    training = tf.placeholder(tf.bool, [], name="training")
    x4 = tf.constant(_images(2, 3, 3, 4) + 1.0)
    x2 = tf.constant(_images(5, 3) - 0.5)
    y4 = tf.layers.batch_normalization(x4, training=training, momentum=0.5)
    y2 = tf.layers.batch_normalization(x2, training=training, momentum=0.5)
    updates = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
    v = tf.global_variables()
    fetches = {"y4": y4, "y2": y2, "mm4": v[2], "mv4": v[3], "mm2": v[6], "mv2": v[7]}
    out = {}
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for mode in (False, True, True, False):
            sess.run(updates, {training: mode})
        for mode in (False, True):
            for k, val in sess.run(fetches, {training: mode}).items():
                out["%s_%s" % (k, mode)] = tf.constant(val)
    out["n_updates"] = tf.constant(len(updates))
    return out


def conv_graph(tf):
    x = tf.placeholder(tf.float32, [None, 8, 8, 3], name="x")
    net = tf.layers.conv2d(x, 4, 3, padding="same", activation=tf.nn.relu)
    net = tf.layers.max_pooling2d(net, 2, 2)
    net = tf.layers.conv2d(net, 2, (1, 2), strides=(1, 2), use_bias=False, name="c2")
    net = tf.layers.average_pooling2d(net, 2, 2, padding="same")
    with tf.variable_scope("block"):
        tf.layers.Conv2D(3, 1)(net)
    return {"n_vars": tf.constant(len(tf.global_variables()))}


def conv_graph_other(tf):
    x = tf.placeholder(tf.float32, [None, 6, 6, 3], name="x")
    x3 = tf.placeholder(tf.float32, [None, 4, 4, 4, 2], name="x3")
    tf.layers.conv3d(x3, 2, 2)
    tf.layers.max_pooling3d(x3, 2, 2)
    tf.layers.separable_conv2d(x, 4, 3)
    tf.layers.average_pooling2d(x, 3, 1)
    return {"n_vars": tf.constant(len(tf.global_variables()))}


def bn_graph_inference(tf):
    x4 = tf.placeholder(tf.float32, [None, 3, 3, 4], name="x4")
    x2 = tf.placeholder(tf.float32, [None, 5], name="x2")
    tf.layers.batch_normalization(x4)
    tf.layers.batch_normalization(x2, name="bn", center=False)
    return {"n_vars": tf.constant(len(tf.global_variables()))}


def bn_graph_training(tf):
    x2 = tf.placeholder(tf.float32, [None, 5], name="x2")
    tf.layers.batch_normalization(x2, training=True, momentum=0.9)
    return {"n_updates": tf.constant(len(tf.get_collection(tf.GraphKeys.UPDATE_OPS)))}


def transpose3d_graph(tf):
    x = tf.placeholder(tf.float32, [None, 3, 3, 3, 2], name="x")
    tf.layers.conv3d_transpose(x, 2, 2, strides=2)
    return {"n_vars": tf.constant(len(tf.global_variables()))}


def pool1d_graph(tf):
    x = tf.placeholder(tf.float32, [None, 8, 3], name="x")
    tf.layers.max_pooling1d(x, 2, 2)
    tf.layers.average_pooling1d(x, 3, 1, padding="same", data_format="channels_first")
    tf.layers.max_pooling3d(tf.placeholder(tf.float32, [None, 2, 4, 4, 4], name="x3"), 2, 2,
                            data_format="channels_first")
    return {"n_vars": tf.constant(len(tf.global_variables()))}


def bn_graph_cond(tf):
    training = tf.placeholder(tf.bool, [], name="training")
    tf.layers.batch_normalization(tf.placeholder(tf.float32, [None, 5], name="x2"),
                                  training=training)
    return {"n_updates": tf.constant(len(tf.get_collection(tf.GraphKeys.UPDATE_OPS)))}


def bn_graph_cond_fused(tf):
    training = tf.placeholder(tf.bool, [], name="training")
    tf.layers.batch_normalization(tf.placeholder(tf.float32, [None, 2, 2, 3], name="x4"),
                                  training=training)
    return {"n_updates": tf.constant(len(tf.get_collection(tf.GraphKeys.UPDATE_OPS)))}


CASES = {f.__name__: f for f in (
    transpose3d_graph, pool1d_graph, bn_graph_cond, bn_graph_cond_fused,
    conv_net_sgd, conv_variants, pool_variants, bn_fused, bn_fused_nchw, bn_unfused,
    bn_unfused_axis1, bn_not_fused_4d, bn_training_tensor, conv_graph, conv_graph_other,
    bn_graph_inference, bn_graph_training)}
