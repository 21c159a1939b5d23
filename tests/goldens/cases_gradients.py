"""Gradients of composite expressions, compared against real TensorFlow's tf.gradients.

Each case takes the `tf` module (tfclassic's, or real TF's tf.compat.v1) and returns a dict of
tensors (IndexedSlices gradients are densified with tf.convert_to_tensor).
"""
import numpy as np


def _rand(shape, seed, lo=-2.0, hi=2.0, dtype=np.float32):
    return np.random.RandomState(seed).uniform(lo, hi, size=shape).astype(dtype)


def _named(prefix, grads):
    return {"%s%d" % (prefix, i): g for i, g in enumerate(grads)}


def mlp_softmax(tf):
    x = tf.constant(_rand([4, 3], 1))
    w1 = tf.constant(_rand([3, 5], 2, -1, 1))
    b1 = tf.constant(_rand([5], 3, -1, 1))
    w2 = tf.constant(_rand([5, 2], 4, -1, 1))
    labels = tf.constant(np.eye(2, dtype=np.float32)[[0, 1, 1, 0]])
    h = tf.nn.relu(tf.nn.bias_add(tf.matmul(x, w1), b1))
    logits = tf.matmul(h, w2)
    loss = tf.reduce_mean(-tf.reduce_sum(labels * tf.nn.log_softmax(logits), axis=1))
    out = _named("g", tf.gradients(loss, [x, w1, b1, w2]))
    out["loss"] = loss
    return out


def broadcasting_arith(tf):
    a = tf.constant(_rand([2, 1, 3], 5))
    b = tf.constant(_rand([4, 1], 6, 0.5, 2.0))
    y = tf.reduce_sum(a * b + a / (b * b + 1.0) - tf.maximum(a, b) + tf.minimum(a, 0.3 * b) +
                      tf.squared_difference(a, b) - tf.pow(b, 1.5) + tf.realdiv(a, b) -
                      tf.div_no_nan(a, b) + tf.floormod(a, b))
    return _named("g", tf.gradients(y, [a, b]))


def reductions(tf):
    x = tf.constant(_rand([3, 4, 5], 7, 0.5, 1.5))
    y = (tf.reduce_sum(tf.reduce_prod(x, axis=1)) + tf.reduce_sum(tf.reduce_max(x, axis=[0, 2])) +
         tf.reduce_sum(tf.reduce_min(x, axis=-1)) + tf.reduce_mean(x) +
         tf.reduce_sum(tf.reduce_mean(x, axis=[1], keepdims=True) * x) +
         tf.reduce_logsumexp(x))
    return _named("g", tf.gradients(y, [x]))


def unary_math(tf):
    x = tf.constant(_rand([6], 8, 0.2, 0.8))
    z = tf.constant(_rand([6], 9, 1.5, 3.0))
    terms = [tf.exp(x), tf.log(x), tf.sqrt(x), tf.rsqrt(x), tf.sin(x), tf.cos(x), tf.tan(x),
             tf.asin(x), tf.acos(x), tf.atan(x), tf.sinh(x), tf.cosh(x), tf.asinh(x),
             tf.acosh(z), tf.atanh(x), tf.erf(x), tf.erfc(x), tf.lgamma(z), tf.digamma(z),
             tf.reciprocal(x), tf.abs(x - 0.5), tf.expm1(x), tf.log1p(x), tf.square(x),
             -x, tf.sign(x) * x, tf.atan2(x, z)]
    y = tf.add_n([t * (i + 1.0) for i, t in enumerate(terms)])
    return _named("g", tf.gradients(y, [x, z]))


def activations(tf):
    x = tf.constant(_rand([3, 4], 10, -3.0, 3.0))
    terms = [tf.sigmoid(x), tf.tanh(x), tf.nn.elu(x), tf.nn.selu(x), tf.nn.softplus(x),
             tf.nn.softsign(x), tf.nn.leaky_relu(x, 0.1), tf.nn.relu6(x * 3.0), tf.nn.relu(x),
             tf.nn.softmax(x), tf.nn.log_softmax(x, axis=0)]
    w = tf.constant(_rand([3, 4], 11))
    y = tf.add_n([tf.reduce_sum(t * w * (i + 1.0)) for i, t in enumerate(terms)])
    return _named("g", tf.gradients(y, [x]))


def matmuls(tf):
    a = tf.constant(_rand([3, 4], 12))
    b = tf.constant(_rand([4, 5], 13))
    bt = tf.constant(_rand([5, 4], 14))
    at = tf.constant(_rand([4, 3], 15))
    c = tf.constant(_rand([2, 3, 4], 16))
    d = tf.constant(_rand([2, 4, 2], 17))
    e = tf.constant(_rand([4, 2], 18))
    w = tf.constant(_rand([3, 5], 19))
    y = (tf.reduce_sum(tf.matmul(a, b) * w) + tf.reduce_sum(tf.matmul(a, bt, transpose_b=True) * w) +
         tf.reduce_sum(tf.matmul(at, b, transpose_a=True) * w) +
         tf.reduce_sum(tf.matmul(at, bt, transpose_a=True, transpose_b=True) * w) +
         tf.reduce_sum(tf.matmul(c, d) ** 2) + tf.reduce_sum(tf.matmul(c, e) ** 2))
    return _named("g", tf.gradients(y, [a, b, bt, at, c, d, e]))


def array_ops(tf):
    x = tf.constant(_rand([4, 6], 20))
    w = tf.constant(_rand([2, 6], 21))
    parts = tf.split(x, [2, 4], axis=1)
    halves = tf.split(x, 2, axis=0)
    st = tf.stack([x, 2.0 * x], axis=1)
    un = tf.unstack(x, axis=0)
    y = (tf.reduce_sum(tf.concat([parts[1], parts[0]], 1) * tf.concat([w, w], 0)) +
         tf.reduce_sum(halves[0] * halves[1] * w) +
         tf.reduce_sum(st[:, 1, 2:5] ** 2) + tf.reduce_sum(un[1] * un[2]) +
         tf.reduce_sum(tf.slice(x, [1, 2], [2, 3]) ** 3) +
         tf.reduce_sum(tf.transpose(x) * tf.transpose(tf.concat([w, w], 0))) +
         tf.reduce_sum(tf.tile(x, [2, 1]) ** 2) +
         tf.reduce_sum(tf.pad(x, [[1, 0], [0, 2]]) * 0.5) +
         tf.reduce_sum(tf.pad(x, [[1, 1], [2, 2]], mode="REFLECT") ** 2) +
         tf.reduce_sum(tf.pad(x, [[1, 1], [2, 2]], mode="SYMMETRIC") ** 2) +
         tf.reduce_sum(tf.reverse(x, [1]) * tf.concat([w, w], 0)) +
         tf.reduce_sum(tf.reshape(x, [3, 8]) ** 2) +
         tf.reduce_sum(tf.squeeze(tf.expand_dims(x, 0)) ** 2) +
         tf.reduce_sum(x[::-2, 1::2] ** 2) +
         tf.reduce_sum(tf.broadcast_to(x[0], [3, 6]) ** 2))
    return _named("g", tf.gradients(y, [x]))


def gathers(tf):
    p = tf.constant(_rand([5, 3], 22))
    q = tf.constant(_rand([3, 5], 23))
    r = tf.constant(_rand([4, 3], 24))
    g0 = tf.gather(p, [0, 2, 2, 4])
    g1 = tf.gather(q, [4, 0, 0], axis=1)
    g2 = tf.gather_nd(r, [[0, 1], [3, 2], [0, 1]])
    g3 = tf.gather_nd(r, [[1], [1], [2]])
    y = (tf.reduce_sum(g0 ** 2) + tf.reduce_sum(g1 ** 2) + tf.reduce_sum(g2 * 3.0) +
         tf.reduce_sum(g3 ** 2))
    gp, gq, gr = tf.gradients(y, [p, q, r])
    return {"gp": tf.convert_to_tensor(gp), "gq": tf.convert_to_tensor(gq),
            "gr": tf.convert_to_tensor(gr)}


def selects_and_scans(tf):
    x = tf.constant(_rand([3, 4], 25, 0.5, 1.5))
    z = tf.constant(_rand([3, 4], 26))
    c = tf.constant(_rand([3, 4], 27) > 0)
    c1 = tf.constant(_rand([4], 28) > 0)
    y = (tf.reduce_sum(tf.where(c, x * 2.0, z * z)) +
         tf.reduce_sum(tf.where_v2(c1, x, z[0]) ** 2) +
         tf.reduce_sum(tf.cumsum(x, axis=1) * z) +
         tf.reduce_sum(tf.cumsum(x, axis=0, exclusive=True, reverse=True) * z) +
         tf.reduce_sum(tf.cumprod(x, axis=1) * z) +
         tf.reduce_sum(tf.cumprod(x, axis=0, exclusive=True) * z))
    return _named("g", tf.gradients(y, [x, z]))


def matrix_ops(tf):
    m = tf.constant(_rand([3, 4, 4], 29))
    v = tf.constant(_rand([3, 4], 30))
    d = tf.constant(_rand([4], 31))
    y = (tf.reduce_sum(tf.matrix_band_part(m, 1, 0) ** 2) +
         tf.reduce_sum(tf.matrix_diag_part(m) * v) +
         tf.reduce_sum(tf.matrix_diag(v) * m) +
         tf.reduce_sum(tf.matrix_set_diag(m, v) ** 2) +
         tf.reduce_sum(tf.diag(d) * m[0]) + tf.reduce_sum(tf.diag_part(m[1]) * d))
    return _named("g", tf.gradients(y, [m, v, d]))


def aggregation_and_grad_ys(tf):
    x = tf.constant(_rand([2, 3], 32))
    y1 = x * x
    y2 = tf.sin(x)
    gy = tf.constant(_rand([2, 3], 33))
    g_sum = tf.gradients([y1, y2, x], x)
    g_ys = tf.gradients([y1, y2], x, grad_ys=[gy, 2.0 * gy])
    g_tree = tf.gradients(y1 + y2 + x * 3.0, x,
                          aggregation_method=tf.AggregationMethod.EXPERIMENTAL_TREE)
    a = tf.constant(_rand([3], 34))
    b = 2.0 * a
    c = a + b
    g_stop = tf.gradients(c, [a, b], stop_gradients=[a, b])
    g_sg = tf.gradients(tf.stop_gradient(x * 2.0) * x, x)
    return {"sum": g_sum[0], "ys": g_ys[0], "tree": g_tree[0], "stop_a": g_stop[0],
            "stop_b": g_stop[1], "sg": g_sg[0]}


def casts_and_complex(tf):
    x = tf.constant(_rand([5], 35, 0.5, 2.0))
    y = tf.constant(_rand([5], 36, 0.5, 2.0))
    z = tf.complex(x, y)
    mag = tf.abs(z) + tf.real(z * z) + tf.imag(tf.conj(z) * 2.0) + tf.angle(z)
    f = tf.reduce_sum(mag) + tf.reduce_sum(tf.cast(tf.cast(x, tf.float64) * 3.0, tf.float32))
    return _named("g", tf.gradients(f, [x, y]))


def hessian(tf):
    x = tf.constant(_rand([3], 37))
    y = tf.reduce_sum(x ** 3) + x[0] * x[1]
    return {"h": tf.hessians(y, x)[0]}


def second_order(tf):
    x = tf.constant(_rand([4], 38, 0.5, 1.5))
    y = tf.reduce_sum(tf.sigmoid(x) * tf.tanh(x) + tf.nn.softplus(x) * tf.exp(x))
    g = tf.gradients(y, x)[0]
    return {"g": g, "gg": tf.gradients(tf.reduce_sum(g * g), x)[0]}


CASES = {
    "mlp_softmax": mlp_softmax,
    "broadcasting_arith": broadcasting_arith,
    "reductions": reductions,
    "unary_math": unary_math,
    "activations": activations,
    "matmuls": matmuls,
    "array_ops": array_ops,
    "gathers": gathers,
    "selects_and_scans": selects_and_scans,
    "matrix_ops": matrix_ops,
    "aggregation_and_grad_ys": aggregation_and_grad_ys,
    "casts_and_complex": casts_and_complex,
    "hessian": hessian,
    "second_order": second_order,
}
