"""tf.layers programs against real TensorFlow (tests/python/test_layers.py): variable names,
initial values under graph seeds (bit-identical), outputs computed from the initial values,
and GraphDefs. Real TF 2.x keeps tf.layers in tf_keras (TF_USE_LEGACY_KERAS=1).
"""
import os

import numpy as np

os.environ.setdefault("TF_USE_LEGACY_KERAS", "1")

_X = np.linspace(-1.0, 1.0, 24).astype(np.float32).reshape(4, 6)


def dense_graph(tf):
    x = tf.placeholder(tf.float32, [None, 6], name="x")
    tf.layers.dense(x, 3)
    tf.layers.dense(x, 4, activation=tf.nn.relu, use_bias=False)
    layer = tf.layers.Dense(2, name="fc")
    layer(x)
    with tf.variable_scope("outer"):
        tf.layers.dense(x, 3, name="named")
    return {"n_vars": tf.constant(len(tf.global_variables())),
            "n_trainable": tf.constant(len(tf.trainable_variables()))}


def dense_values(tf):
    tf.set_random_seed(1234)
    x = tf.constant(_X)
    layer = tf.layers.Dense(5, kernel_initializer=tf.glorot_uniform_initializer(seed=3),
                            bias_initializer=tf.constant_initializer(0.25))
    layer(x)
    layer2 = tf.layers.Dense(3)
    layer2(x)
    k, b = layer.kernel.initial_value, layer.bias.initial_value
    out = tf.nn.relu(tf.matmul(x, k) + b)
    return {"kernel": k, "bias": b,
            "bias2": layer2.bias.initial_value, "out": out}


def dense_rank3(tf):
    tf.set_random_seed(5)
    x = tf.constant(_X.reshape(2, 2, 6))
    y = tf.layers.dense(x, 4)
    return {"shape": tf.shape(y)}


def flatten_values(tf):
    x = tf.constant(np.arange(24, dtype=np.float32).reshape(2, 3, 4))
    p = tf.placeholder(tf.float32, [None, 3, 4], name="p")
    return {"flat": tf.layers.flatten(x),
            "flat_cf": tf.layers.flatten(x, data_format="channels_first"),
            "flat_p": tf.layers.Flatten()(p)}


def dropout_values(tf):
    tf.set_random_seed(42)
    x = tf.constant(np.ones([4, 6], np.float32) * 2.0)
    return {"train": tf.layers.dropout(x, rate=0.3, training=True, seed=7),
            "infer": tf.layers.dropout(x, rate=0.3),
            "layer": tf.layers.Dropout(0.5, seed=1)(x, training=True)}


CASES = {f.__name__: f for f in (dense_graph, dense_values, dense_rank3, flatten_values,
                                  dropout_values)}
FEEDS = {"flatten_values": {"p:0": np.ones([3, 3, 4], np.float32)}}
