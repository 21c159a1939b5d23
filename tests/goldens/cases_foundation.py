"""Graph snippets whose values and static shapes are compared against real TensorFlow.

Each case takes the `tf` module (TF 1.15's API: tfclassic's, or real TF's tf.compat.v1) and
returns a dict of tensors. tools/make_goldens.py runs them under real TensorFlow and stores the
results; tests/python/test_goldens.py runs them here and compares.
"""
import numpy as np


def _rand(shape, seed, lo=-2.0, hi=2.0, dtype=np.float32):
    return np.random.RandomState(seed).uniform(lo, hi, size=shape).astype(dtype)


def special_functions(tf):
    x = tf.constant(_rand([7], 1, 0.1, 5.0))
    y = tf.constant(_rand([7], 2, -3.0, 3.0))
    return {
        "lgamma": tf.lgamma(x), "digamma": tf.digamma(x), "erf": tf.erf(y),
        "erfc": tf.erfc(y), "expm1": tf.expm1(y), "log1p": tf.log1p(x),
        "softplus": tf.nn.softplus(y), "softsign": tf.nn.softsign(y), "selu": tf.nn.selu(y),
        "elu": tf.nn.elu(y), "sigmoid": tf.sigmoid(y), "rsqrt": tf.rsqrt(x),
    }


def integer_division(tf):
    a = tf.constant([7, -7, 7, -7, 0], dtype=tf.int32)
    b = tf.constant([2, 2, -2, -2, 3], dtype=tf.int32)
    fa = tf.constant([7.5, -7.5, 7.5, -7.5], dtype=tf.float32)
    fb = tf.constant([2.0, 2.0, -2.0, -2.0], dtype=tf.float32)
    return {
        "floordiv": a // b, "floormod": a % b, "truncatediv": tf.truncatediv(a, b),
        "truncatemod": tf.truncatemod(a, b), "div": tf.div(a, b), "truediv": a / b,
        "floormod_f": fa % fb, "floordiv_f": fa // fb,
        "div_no_nan": tf.div_no_nan(fa, tf.constant([0.0, 2.0, 0.0, 4.0])),
    }


def rounding_and_cast(tf):
    x = tf.constant([-2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 3.7, -3.7], dtype=tf.float32)
    return {
        "round": tf.round(x), "rint": tf.rint(x), "floor": tf.floor(x), "ceil": tf.ceil(x),
        "to_int32": tf.cast(x, tf.int32), "to_uint8": tf.cast(tf.abs(x) * 10, tf.uint8),
        "to_bool": tf.cast(x, tf.bool), "to_half": tf.cast(x, tf.float16),
        "sign": tf.sign(x),
    }


def broadcasting(tf):
    a = tf.constant(_rand([2, 1, 3], 3))
    b = tf.constant(_rand([4, 1], 4))
    return {
        "add": a + b, "mul": a * b, "pow": tf.pow(tf.abs(a) + 0.5, b),
        "maximum": tf.maximum(a, b), "sqdiff": tf.squared_difference(a, b),
        "atan2": tf.atan2(a, b), "less": a < b, "equal": tf.equal(a, b),
    }


def reductions(tf):
    x = tf.constant(_rand([3, 4, 5], 5))
    i = tf.constant(np.arange(24, dtype=np.int32).reshape(2, 3, 4) - 7)
    return {
        "sum_all": tf.reduce_sum(x), "mean_1": tf.reduce_mean(x, axis=1),
        "max_keep": tf.reduce_max(x, axis=[0, 2], keepdims=True), "min_neg": tf.reduce_min(x, -1),
        "prod": tf.reduce_prod(x, 0), "mean_int": tf.reduce_mean(i, axis=2),
        "argmax": tf.argmax(x, 1), "argmin": tf.argmin(x, 2, output_type=tf.int32),
        "logsumexp": tf.reduce_logsumexp(x, axis=1),
        "any": tf.reduce_any(x > 1.5, axis=0), "all": tf.reduce_all(x > -1.9, axis=2),
    }


def matmul_softmax(tf):
    a = tf.constant(_rand([3, 4], 6))
    b = tf.constant(_rand([5, 4], 7))
    c = tf.constant(_rand([2, 3, 4], 8))
    d = tf.constant(_rand([4, 2], 9))
    logits = tf.matmul(a, b, transpose_b=True)
    return {
        "matmul_tb": logits, "batch_matmul": tf.matmul(c, d), "softmax": tf.nn.softmax(logits),
        "log_softmax": tf.nn.log_softmax(logits), "cumsum": tf.cumsum(a, axis=1, exclusive=True),
        "cumprod_rev": tf.cumprod(a, axis=0, reverse=True),
        "einsum": tf.einsum("ij,kj->ik", a, b),
    }


def array_shapes(tf):
    p = tf.placeholder(tf.float32, [None, 6])
    x = tf.constant(np.arange(24, dtype=np.float32).reshape(2, 3, 4))
    return {
        "reshape": tf.reshape(x, [4, -1]), "transpose": tf.transpose(x, [2, 0, 1]),
        "concat": tf.concat([x, x], axis=1), "stack": tf.stack([x, x], axis=-1),
        "strided": x[::-1, 1:, ::2], "newaxis": x[:, tf.newaxis, 0, ...],
        "tile": tf.tile(x, [1, 2, 1]), "pad": tf.pad(x, [[0, 0], [1, 2], [0, 1]]),
        "mirror": tf.pad(x, [[0, 0], [1, 1], [2, 2]], mode="REFLECT"),
        "gather": tf.gather(x, [2, 0], axis=2), "one_hot": tf.one_hot([0, 3, 1], 4),
        "reverse": tf.reverse(x, [1]), "range": tf.range(3, 18, 4),
        "linspace": tf.linspace(0.0, 1.0, 5),
        "placeholder_reshape": tf.reshape(p, [-1, 3, 2]) * 1.0,
        "band": tf.matrix_band_part(tf.ones([4, 4]), 1, 0),
        "where": tf.where(x > 10.0),
    }


CASES = {
    "special_functions": special_functions,
    "integer_division": integer_division,
    "rounding_and_cast": rounding_and_cast,
    "broadcasting": broadcasting,
    "reductions": reductions,
    "matmul_softmax": matmul_softmax,
    "array_shapes": array_shapes,
}
# Placeholders some cases declare, with the values fed when running them.
FEEDS = {"array_shapes": {"Placeholder:0": np.arange(12, dtype=np.float32).reshape(2, 6)}}
