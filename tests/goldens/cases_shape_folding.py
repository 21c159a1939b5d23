"""Static shapes that TF's shape inference gets by evaluating small constant subgraphs
(tests/python/test_goldens.py compares our static shapes and values with these)."""
import numpy as np


def reshape_with_computed_sizes(tf):
    x = tf.placeholder_with_default(np.zeros([4, 6], np.float32), [None, 6])
    two = tf.constant(2)
    return {
        "stacked": tf.reshape(x, tf.stack([two * 3, -1])),
        "cast_round": tf.zeros(tf.cast(tf.round(tf.constant([2.4, 3.6])), tf.int32)),
        "range_size": tf.fill(tf.reshape(tf.size(tf.range(5)), [1]), 1.0),
        "concat_shape": tf.ones(tf.concat([[2], tf.constant([3]) + 1], 0)),
        "max_dims": tf.zeros(tf.maximum(tf.constant([1, 5]), tf.constant([3, 2]))),
    }


def partially_known(tf):
    x = tf.placeholder_with_default(np.zeros([4, 6], np.float32), [None, 6])
    return {
        "dynamic_batch": tf.reshape(x, tf.stack([tf.shape(x)[0], 3, 2])),
        "from_placeholder": tf.zeros(tf.placeholder_with_default([2, 3], [2])),
        "tile_mult": tf.tile(x, tf.constant([1, 2]) * tf.constant([1, 2])),
    }


CASES = {f.__name__: f for f in (reshape_with_computed_sizes, partially_known)}
