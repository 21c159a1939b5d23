"""Small TF1 programs whose whole GraphDef (node names, op types, inputs, attrs) is compared with
what real TensorFlow builds for them (tests/python/test_graph_structure.py); their values and
static shapes are compared too. Each case takes the `tf` module and returns a dict of tensors.

tf.einsum is left out on purpose: TF 1.15 lowers it to Reshape/MatMul/Transpose nodes while we
emit one Einsum node (as TF >= 2.1 does), a documented difference.
"""
import numpy as np


def placeholders_and_constants(tf):
    a = tf.placeholder(tf.float32, [None, 3], name="a")
    b = tf.placeholder(tf.int32, shape=[2, 2])
    c = tf.placeholder(tf.float32)
    d = tf.placeholder_with_default(tf.constant([1.0, 2.0]), [2])
    s = tf.constant(3.0)
    i = tf.constant(7)
    lst = tf.constant([1, 2, 3])
    nd = tf.constant(np.arange(6, dtype=np.float64).reshape(2, 3), name="nd")
    filled = tf.constant(0.5, shape=[2, 2])
    typed = tf.constant([1, 2], dtype=tf.float32)
    strs = tf.constant(["ab", "c"])
    bools = tf.constant([True, False])
    return {"a": a, "b": b, "c": c, "d": d, "s": s, "i": i, "lst": lst, "nd": nd,
            "filled": filled, "typed": typed, "strs": strs, "bools": bools}


def operators_on_tensors(tf):
    x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
    y = tf.constant([[5.0, 6.0], [7.0, 8.0]])
    n = tf.constant([7, -3])
    return {
        "add": x + y, "sub": x - y, "mul": x * y, "div": x / y, "floordiv": x // y,
        "mod": x % y, "pow": x ** y, "neg": -x, "abs": abs(x), "matmul": x @ y,
        "lt": x < y, "le": x <= y, "gt": x > y, "ge": x >= y,
        "and": (x > 1.0) & (y < 8.0), "or": (x > 1.0) | (y < 8.0), "xor": (x > 1.0) ^ (y < 8.0),
        "not": ~(x > 2.0), "int_div": n / 2, "int_floordiv": n // 2, "int_mod": n % 3,
    }


def operators_with_python_numbers(tf):
    x = tf.constant([1.0, 2.0, 3.0])
    return {
        "radd": 1.0 + x, "add": x + 2, "rsub": 5 - x, "sub": x - 1.5, "rmul": 2 * x,
        "mul": x * 3.0, "rdiv": 1 / x, "div": x / 4, "rfloordiv": 7 // x, "floordiv": x // 2,
        "mod": x % 2, "rmod": 5.0 % x, "pow": x ** 2, "rpow": 2.0 ** x,
        "chain": (x + 1) * 2 - x / 3,
    }


def math_functions(tf):
    x = tf.constant([[1.0, -2.0], [3.0, 4.0]])
    y = tf.constant([[0.5, 2.0], [1.0, -1.0]])
    return {
        "add": tf.add(x, y), "add_num": tf.add(x, 1.0), "subtract": tf.subtract(x, y),
        "multiply": tf.multiply(x, y), "divide": tf.divide(x, y), "div": tf.div(x, y),
        "truediv": tf.truediv(x, y), "floordiv": tf.floordiv(x, y), "mod": tf.mod(x, y),
        "pow": tf.pow(x, 2.0), "square": tf.square(x), "sqrt": tf.sqrt(tf.abs(x)),
        "exp": tf.exp(y), "log": tf.log(tf.abs(x)), "maximum": tf.maximum(x, 0.0),
        "minimum": tf.minimum(x, y), "add_n": tf.add_n([x, y, x]),
        "matmul": tf.matmul(x, y), "matmul_ta": tf.matmul(x, y, transpose_a=True, name="mm"),
        "negative": tf.negative(x), "sign": tf.sign(x), "reciprocal": tf.reciprocal(y),
        "equal": tf.equal(x, y), "not_equal": tf.not_equal(x, 1.0),
        "logical_and": tf.logical_and(x > 0.0, y > 0.0),
        "squared_difference": tf.squared_difference(x, y),
    }


def reductions(tf):
    x = tf.constant(np.arange(24, dtype=np.float32).reshape(2, 3, 4))
    p = tf.placeholder(tf.float32, [None, 4])
    u = tf.placeholder(tf.float32)
    return {
        "sum_all": tf.reduce_sum(x), "sum_0": tf.reduce_sum(x, 0),
        "sum_axis": tf.reduce_sum(x, axis=1), "sum_list": tf.reduce_sum(x, axis=[0, 2]),
        "sum_keep": tf.reduce_sum(x, axis=-1, keepdims=True),
        "sum_keep_dims": tf.reduce_sum(x, 1, keep_dims=True),
        "sum_ri": tf.reduce_sum(x, reduction_indices=[1]),
        "mean_all": tf.reduce_mean(x), "mean_1": tf.reduce_mean(x, 1, name="m"),
        "max_all": tf.reduce_max(x), "min_2": tf.reduce_min(x, axis=2),
        "prod_0": tf.reduce_prod(x, axis=0), "any": tf.reduce_any(x > 3.0),
        "all": tf.reduce_all(x > 3.0, axis=1), "logsumexp": tf.reduce_logsumexp(x, axis=1),
        "argmax": tf.argmax(x, axis=1), "argmax_dim": tf.argmax(x, 2),
        "argmin": tf.argmin(x, 0, output_type=tf.int32),
        "p_sum": tf.reduce_sum(p), "p_mean": tf.reduce_mean(p, axis=0),
        "u_sum": tf.reduce_sum(u), "u_max": tf.reduce_max(u, axis=0),
        "count_nonzero": tf.count_nonzero(x, axis=1),
    }


def casts(tf):
    x = tf.constant([1.7, -2.2, 3.5])
    i = tf.constant([1, 0, 3])
    return {
        "to_int": tf.cast(x, tf.int32), "to_float": tf.cast(i, tf.float32),
        "same": tf.cast(x, tf.float32), "named": tf.cast(x, tf.int64, name="to64"),
        "to_bool": tf.cast(i, tf.bool), "to_float_fn": tf.to_float(i),
        "to_int32": tf.to_int32(x), "to_int64": tf.to_int64(x),
        "saturate": tf.saturate_cast(x, tf.uint8),
    }


def shapes_and_reshapes(tf):
    x = tf.constant(np.arange(24, dtype=np.float32).reshape(2, 3, 4))
    p = tf.placeholder(tf.float32, [None, 3, 4])
    u = tf.placeholder(tf.float32)
    return {
        "reshape": tf.reshape(x, [-1, 4]), "reshape_p": tf.reshape(p, [-1, 12]),
        "reshape_t": tf.reshape(x, tf.shape(x)),
        "transpose": tf.transpose(x), "transpose_perm": tf.transpose(x, [0, 2, 1]),
        "transpose_p": tf.transpose(p),
        "shape": tf.shape(x), "shape64": tf.shape(x, out_type=tf.int64), "shape_p": tf.shape(p),
        "shape_u": tf.shape(u), "size": tf.size(x), "size_p": tf.size(p),
        "rank": tf.rank(x), "rank_u": tf.rank(u),
        "squeeze": tf.squeeze(tf.reshape(x, [2, 1, 12])),
        "squeeze_axis": tf.squeeze(tf.reshape(x, [1, 2, 1, 12]), axis=[2]),
        "expand": tf.expand_dims(x, 0), "expand_neg": tf.expand_dims(x, axis=-1),
        "tile": tf.tile(x, [1, 2, 1]), "pad": tf.pad(x, [[1, 0], [0, 0], [2, 2]]),
        "pad_const": tf.pad(x, [[0, 0], [1, 1], [0, 0]], constant_values=9.0),
        "matrix_transpose": tf.matrix_transpose(x),
    }


def concat_stack_split(tf):
    x = tf.constant(np.arange(12, dtype=np.float32).reshape(3, 4))
    y = tf.constant(np.ones([3, 4], dtype=np.float32))
    u0, u1, u2 = tf.unstack(x)
    s0, s1 = tf.split(x, 2, axis=1)
    v0, v1 = tf.split(x, [1, 3], 1)
    c0, c1 = tf.unstack(x, axis=1)[:2]
    return {
        "concat": tf.concat([x, y], 0), "concat_neg": tf.concat([x, y], axis=-1),
        "concat_one": tf.concat([x], 0),
        "stack": tf.stack([x, y]), "stack_1": tf.stack([x, y], axis=1),
        "stack_nums": tf.stack([1.0, 2.0]),
        "u0": u0, "u1": u1, "u2": u2, "c0": c0, "c1": c1,
        "s0": s0, "s1": s1, "v0": v0, "v1": v1,
    }


def slicing(tf):
    x = tf.constant(np.arange(60, dtype=np.float32).reshape(3, 4, 5))
    p = tf.placeholder(tf.float32, [None, 4])
    i = tf.constant(1)
    return {
        "a": x[1:, ::2, tf.newaxis], "b": x[0], "c": x[-1, :, 2], "d": x[..., 1:3],
        "e": x[:, tf.newaxis, 1], "f": x[::-1], "g": x[i], "h": x[i:i + 2, 0],
        "p0": p[:, 0], "p1": p[1:], "slice": tf.slice(x, [0, 1, 2], [2, -1, 2]),
        "strided": tf.strided_slice(x, [0, 0, 0], [2, 4, 5], [1, 2, 2]),
    }


def fills_and_ranges(tf):
    p = tf.placeholder(tf.float32, [None, 2])
    x = tf.constant([[1, 2], [3, 4]])
    return {
        "zeros": tf.zeros([2, 3]), "zeros_int": tf.zeros([2], tf.int32),
        "ones": tf.ones([3, 2]), "ones_named": tf.ones([2], name="o"),
        "zeros_big": tf.zeros([20, 30]), "zeros_t": tf.zeros(tf.shape(p)),
        "ones_t": tf.ones(tf.shape(x)), "fill": tf.fill([2, 2], 7.0),
        "zeros_like": tf.zeros_like(x), "ones_like": tf.ones_like(x),
        "zeros_like_p": tf.zeros_like(p), "ones_like_p": tf.ones_like(p),
        "zeros_like_f": tf.zeros_like(x, dtype=tf.float32),
        "range": tf.range(5), "range2": tf.range(1, 10, 2), "range_f": tf.range(0.0, 1.0, 0.25),
        "range_t": tf.range(tf.shape(p)[0]), "linspace": tf.linspace(0.0, 1.0, 3),
        "eye": tf.eye(3),
    }


def gather_where_onehot(tf):
    params = tf.constant(np.arange(12, dtype=np.float32).reshape(4, 3))
    idx = tf.constant([3, 0])
    c = tf.constant([True, False, True])
    a = tf.constant([1.0, 2.0, 3.0])
    b = tf.constant([-1.0, -2.0, -3.0])
    return {
        "gather": tf.gather(params, idx), "gather_axis": tf.gather(params, [2, 1], axis=1),
        "gather_list": tf.gather(params, [1]),
        "one_hot": tf.one_hot([0, 2, 1], 3), "one_hot_on": tf.one_hot(idx, 4, on_value=5.0,
                                                                        off_value=-1.0),
        "one_hot_axis": tf.one_hot(idx, 4, axis=0, dtype=tf.int32),
        "where3": tf.where(c, a, b), "where1": tf.where(c),
        "where_v2": tf.where_v2(c, a, 0.0),
        "boolean_mask": tf.boolean_mask(a, c),
        "boolean_mask_2d": tf.boolean_mask(params, tf.constant([True, False, True, True])),
        "sequence_mask": tf.sequence_mask([1, 3, 2], 4),
        "sequence_mask_nomax": tf.sequence_mask(tf.constant([1, 3, 2])),
        "sequence_mask_f": tf.sequence_mask([2, 1], 3, dtype=tf.float32),
    }


def nn_and_clip(tf):
    x = tf.constant([[1.0, -2.0, 3.0], [-4.0, 5.0, -6.0]])
    bias = tf.constant([0.1, 0.2, 0.3])
    labels = tf.constant([[0.0, 1.0, 1.0], [1.0, 0.0, 0.0]])
    return {
        "relu": tf.nn.relu(x), "relu6": tf.nn.relu6(x), "sigmoid": tf.sigmoid(x),
        "tanh": tf.tanh(x), "softmax": tf.nn.softmax(x), "log_softmax": tf.nn.log_softmax(x),
        "softmax_axis": tf.nn.softmax(x, axis=0),
        "log_softmax_neg": tf.nn.log_softmax(x, axis=-2),
        "bias_add": tf.nn.bias_add(x, bias), "elu": tf.nn.elu(x),
        "leaky_relu": tf.nn.leaky_relu(x), "softplus": tf.nn.softplus(x),
        "sce": tf.nn.sigmoid_cross_entropy_with_logits(labels=labels, logits=x),
        "l2_loss": tf.nn.l2_loss(x), "xw_plus_b": tf.nn.xw_plus_b(x, tf.ones([3, 2]),
                                                                    tf.zeros([2])),
        "clip": tf.clip_by_value(x, -1.0, 1.0), "clip_t": tf.clip_by_value(x, tf.reduce_min(x),
                                                                            2.0),
        "l2_normalize": tf.nn.l2_normalize(x, axis=1),
    }


def identity_group_scopes(tf):
    x = tf.constant([1.0, 2.0], name="x")
    with tf.name_scope("outer"):
        a = tf.identity(x)
        b = tf.identity(x, name="b")
        with tf.name_scope("inner"):
            c = a + b
            d = tf.multiply(c, 2.0)
        with tf.name_scope("inner"):
            e = c * 3.0
    with tf.name_scope("outer"):
        f = tf.add(e, 1.0)
    with tf.name_scope(None):
        g = tf.identity(x)
    with tf.name_scope("outer/inner/"):
        h = tf.identity(x)
    with tf.name_scope("Outer"):
        k = tf.identity(x)
    with tf.name_scope("s", "default", [x]):
        m = tf.identity(x)
    with tf.name_scope(None, "default", [x]):
        n = tf.identity(x)
    with tf.name_scope(None, "default", [x]):
        o = tf.identity(x)
    grp = tf.group(a, b, c, name="grp")
    grp2 = tf.group(d, e)
    with tf.control_dependencies([grp, grp2]):
        after = tf.identity(x, name="after")
    no = tf.no_op()
    with tf.control_dependencies([no]):
        after2 = x + 1.0
    t0, t1 = tf.tuple([a, b])
    return {"a": a, "b": b, "c": c, "d": d, "e": e, "f": f, "g": g, "h": h, "k": k, "m": m,
            "n": n, "o": o, "after": after, "after2": after2, "t0": t0, "t1": t1,
            "stop": tf.stop_gradient(x)}


def small_model(tf):
    x = tf.placeholder(tf.float32, [None, 4], name="x")
    y = tf.placeholder(tf.int32, [None], name="y")
    w = tf.constant(np.linspace(-1, 1, 12, dtype=np.float32).reshape(4, 3))
    b = tf.zeros([3])
    with tf.name_scope("layer"):
        logits = tf.matmul(x, w) + b
        hidden = tf.nn.relu(logits)
    probs = tf.nn.softmax(hidden)
    pred = tf.argmax(probs, 1)
    correct = tf.equal(tf.cast(pred, tf.int32), y)
    acc = tf.reduce_mean(tf.cast(correct, tf.float32))
    onehot = tf.one_hot(y, 3)
    loss = -tf.reduce_mean(tf.reduce_sum(onehot * tf.log(probs + 1e-8), axis=1))
    batch = tf.shape(x)[0]
    return {"probs": probs, "pred": pred, "acc": acc, "loss": loss, "batch": batch}


CASES = {
    "placeholders_and_constants": placeholders_and_constants,
    "operators_on_tensors": operators_on_tensors,
    "operators_with_python_numbers": operators_with_python_numbers,
    "math_functions": math_functions,
    "reductions": reductions,
    "casts": casts,
    "shapes_and_reshapes": shapes_and_reshapes,
    "concat_stack_split": concat_stack_split,
    "slicing": slicing,
    "fills_and_ranges": fills_and_ranges,
    "gather_where_onehot": gather_where_onehot,
    "nn_and_clip": nn_and_clip,
    "identity_group_scopes": identity_group_scopes,
    "small_model": small_model,
}
# Placeholders some cases declare, with the values fed when running them.
FEEDS = {
    "placeholders_and_constants": {
        "a:0": np.ones([2, 3], np.float32), "Placeholder:0": np.eye(2, dtype=np.int32),
        "Placeholder_1:0": np.float32(2.5)},
    "reductions": {"Placeholder:0": np.arange(8, dtype=np.float32).reshape(2, 4),
                   "Placeholder_1:0": np.arange(6, dtype=np.float32).reshape(3, 2)},
    "shapes_and_reshapes": {"Placeholder:0": np.ones([2, 3, 4], np.float32),
                            "Placeholder_1:0": np.ones([5, 2], np.float32)},
    "slicing": {"Placeholder:0": np.arange(12, dtype=np.float32).reshape(3, 4)},
    "fills_and_ranges": {"Placeholder:0": np.ones([3, 2], np.float32)},
    "small_model": {"x:0": np.linspace(-1, 1, 8, dtype=np.float32).reshape(2, 4),
                    "y:0": np.array([0, 2], np.int32)},
}
