"""Finite-difference checks (float64, tf.test.compute_gradient_error) for every differentiable op."""
import numpy as np
import pytest
import tensorflow as tf
from tensorflow.python.ops import gen_data_flow_ops
from tensorflow.python.ops import gen_math_ops

TOL = 1e-4


def _vals(shape, lo, hi, seed, avoid=None):
    rng = np.random.RandomState(seed)
    v = rng.uniform(lo, hi, size=shape)
    if avoid is not None:
        # Keep inputs away from kinks and discontinuities where differences are meaningless.
        for a in np.atleast_1d(avoid):
            close = np.abs(v - a) < 0.1
            v[close] = a + 0.2
    return v


def _in(shape, lo=-2.0, hi=2.0, avoid=None, dtype=np.float64):
    return (shape, lo, hi, avoid, dtype)


def _x(shape, lo=-2.0, hi=2.0, avoid=None):
    return _in(shape, lo, hi, avoid)


# (id, builder, inputs, tolerance)
UNARY = [
    ("Neg", tf.negative, _x([2, 3])),
    ("Abs", tf.abs, _x([2, 3], avoid=0.0)),
    ("Square", tf.square, _x([2, 3])),
    ("Sqrt", tf.sqrt, _x([2, 3], 0.5, 2.0)),
    ("Rsqrt", tf.rsqrt, _x([2, 3], 0.5, 2.0)),
    ("Exp", tf.exp, _x([2, 3])),
    ("Expm1", tf.expm1, _x([2, 3])),
    ("Log", tf.log, _x([2, 3], 0.5, 2.0)),
    ("Log1p", tf.log1p, _x([2, 3], -0.5, 2.0)),
    ("Sin", tf.sin, _x([2, 3])),
    ("Cos", tf.cos, _x([2, 3])),
    ("Tan", tf.tan, _x([2, 3], -1.0, 1.0)),
    ("Asin", tf.asin, _x([2, 3], -0.8, 0.8)),
    ("Acos", tf.acos, _x([2, 3], -0.8, 0.8)),
    ("Atan", tf.atan, _x([2, 3])),
    ("Sinh", tf.sinh, _x([2, 3])),
    ("Cosh", tf.cosh, _x([2, 3])),
    ("Tanh", tf.tanh, _x([2, 3])),
    ("Asinh", tf.asinh, _x([2, 3])),
    ("Acosh", tf.acosh, _x([2, 3], 1.5, 3.0)),
    ("Atanh", tf.atanh, _x([2, 3], -0.8, 0.8)),
    ("Sigmoid", tf.sigmoid, _x([2, 3])),
    ("Reciprocal", tf.reciprocal, _x([2, 3], 0.5, 2.0)),
    ("Inv", gen_math_ops.inv, _x([2, 3], 0.5, 2.0)),
    ("Erf", tf.erf, _x([2, 3])),
    ("Erfc", tf.erfc, _x([2, 3])),
    ("Lgamma", tf.lgamma, _x([2, 3], 0.5, 3.0)),
    ("Digamma", tf.digamma, _x([2, 3], 0.5, 3.0)),
    ("Softplus", tf.nn.softplus, _x([2, 3])),
    ("Softsign", tf.nn.softsign, _x([2, 3])),
    ("Relu", tf.nn.relu, _x([2, 3], avoid=0.0)),
    ("Relu6", tf.nn.relu6, _x([2, 3], -2.0, 8.0, avoid=[0.0, 6.0])),
    ("Elu", tf.nn.elu, _x([2, 3], avoid=0.0)),
    ("Selu", tf.nn.selu, _x([2, 3], avoid=0.0)),
    ("LeakyRelu", lambda x: tf.nn.leaky_relu(x, 0.3), _x([2, 3], avoid=0.0)),
    ("Sign", tf.sign, _x([2, 3], avoid=0.0)),
    ("Softmax", tf.nn.softmax, _x([2, 4])),
    ("LogSoftmax", tf.nn.log_softmax, _x([2, 4])),
    ("L2Loss", tf.nn.l2_loss, _x([3, 4])),
    ("Identity", tf.identity, _x([2, 3])),
    ("PlaceholderWithDefault", lambda x: tf.placeholder_with_default(x, [2, 3]), _x([2, 3])),
    ("Cast", lambda x: tf.cast(tf.cast(x, tf.float32) * 2.0, tf.float64), _x([3])),
    ("Sum", lambda x: tf.reduce_sum(x, axis=1), _x([2, 3, 2])),
    ("SumAll", lambda x: tf.reduce_sum(x), _x([2, 3])),
    ("SumKeep", lambda x: tf.reduce_sum(x, axis=[0, 2], keepdims=True), _x([2, 3, 2])),
    ("Mean", lambda x: tf.reduce_mean(x, axis=[0, -1]), _x([2, 3, 2])),
    ("Max", lambda x: tf.reduce_max(x, axis=0), _x([3, 4])),
    ("Min", lambda x: tf.reduce_min(x, axis=1, keepdims=True), _x([3, 4])),
    ("Prod", lambda x: tf.reduce_prod(x, axis=1), _x([3, 4], 0.5, 1.5)),
    ("ProdAll", lambda x: tf.reduce_prod(x), _x([2, 3], 0.5, 1.5)),
    ("Cumsum", lambda x: tf.cumsum(x, axis=1), _x([2, 4])),
    ("CumsumExRev", lambda x: tf.cumsum(x, axis=0, exclusive=True, reverse=True), _x([3, 2])),
    ("Cumprod", lambda x: tf.cumprod(x, axis=1), _x([2, 4], 0.5, 1.5)),
    ("CumprodEx", lambda x: tf.cumprod(x, axis=1, exclusive=True, reverse=True),
     _x([2, 4], 0.5, 1.5)),
    ("EinsumTrans", lambda x: tf.einsum("ij->ji", x), _x([2, 3])),
    ("EinsumReduce", lambda x: tf.einsum("ijk->ki", x), _x([2, 3, 2])),
    ("Reshape", lambda x: tf.reshape(x, [3, 2]), _x([2, 3])),
    ("ExpandDims", lambda x: tf.expand_dims(x, 1), _x([2, 3])),
    ("Squeeze", lambda x: tf.squeeze(x, [1]), _x([2, 1, 3])),
    ("Transpose", lambda x: tf.transpose(x, [2, 0, 1]), _x([2, 3, 2])),
    ("Pack", lambda x: tf.stack([x, x * 2.0], axis=1), _x([2, 3])),
    ("Unpack", lambda x: tf.unstack(x, axis=1)[1], _x([2, 3])),
    ("Split", lambda x: tf.split(x, 3, axis=1)[2], _x([2, 6])),
    ("SplitV", lambda x: tf.split(x, [1, 3], axis=0)[1], _x([4, 2])),
    ("Slice", lambda x: tf.slice(x, [1, 0], [2, 2]), _x([3, 3])),
    ("StridedSlice", lambda x: x[1:, ::-2], _x([3, 5])),
    ("StridedSliceShrink", lambda x: x[:, 1, tf.newaxis], _x([3, 4])),
    ("Tile", lambda x: tf.tile(x, [2, 3]), _x([2, 2])),
    ("Pad", lambda x: tf.pad(x, [[1, 0], [2, 1]]), _x([2, 3])),
    ("PadV2", lambda x: tf.pad(x, [[1, 1], [0, 2]], constant_values=3.0), _x([2, 3])),
    ("MirrorPadReflect", lambda x: tf.pad(x, [[1, 1], [2, 1]], mode="REFLECT"), _x([3, 4])),
    ("MirrorPadSymmetric", lambda x: tf.pad(x, [[1, 2], [1, 0]], mode="SYMMETRIC"), _x([3, 3])),
    ("GatherV2Axis0", lambda x: tf.gather(x, [2, 0, 2]), _x([3, 2])),
    ("GatherV2Axis1", lambda x: tf.gather(x, [[1, 1], [0, 2]], axis=1), _x([2, 3])),
    ("GatherV2Batch", lambda x: tf.gather(x, [[1, 0], [2, 2]], axis=1, batch_dims=1), _x([2, 3])),
    ("GatherNd", lambda x: tf.gather_nd(x, [[0, 1], [2, 0], [0, 1]]), _x([3, 2])),
    ("GatherNdRows", lambda x: tf.gather_nd(x, [[1], [1]]), _x([3, 2])),
    ("ReverseV2", lambda x: tf.reverse(x, [0, 1]), _x([2, 3])),
    ("BroadcastTo", lambda x: tf.broadcast_to(x, [2, 3, 3]), _x([3, 1])),
    ("MatrixDiag", tf.matrix_diag, _x([2, 3])),
    ("MatrixDiagPart", tf.matrix_diag_part, _x([2, 3, 3])),
    ("MatrixDiagPartRect", tf.matrix_diag_part, _x([2, 3, 4])),
    ("MatrixBandPart", lambda x: tf.matrix_band_part(x, 1, 0), _x([3, 3])),
    ("Diag", tf.diag, _x([3])),
    ("DiagPart", tf.diag_part, _x([3, 3])),
    ("Fill", lambda x: tf.fill([2, 3], x), _x([])),
    ("IdentityN", lambda x: tf.identity_n([x, x])[1], _x([2, 2])),
    ("Conj", lambda x: tf.real(tf.conj(tf.complex(x, x * 2.0)) * tf.complex(x, -x)), _x([3])),
    ("RealImag", lambda x: tf.real(tf.complex(x, 1.0 - x)) * tf.imag(tf.complex(x * x, x)),
     _x([3])),
    ("ComplexAbs", lambda x: tf.abs(tf.complex(x, 2.0 * x + 1.0)), _x([3])),
    ("Angle", lambda x: tf.angle(tf.complex(x, 1.0 + x * x)), _x([3])),
    ("UnsortedSegmentSum", lambda x: gen_math_ops.unsorted_segment_sum(x, [2, 0, 2, -1], 3),
     _x([4, 2])),
    ("UnsortedSegmentMax", lambda x: gen_math_ops.unsorted_segment_max(x, [1, 0, 1, 1], 2),
     _x([4, 2])),
    ("UnsortedSegmentMin", lambda x: gen_math_ops.unsorted_segment_min(x, [1, 0, 1, 1], 2),
     _x([4, 2])),
    ("SegmentSum", lambda x: tf.reshape(gen_math_ops.segment_sum(x, [0, 0, 1, 2]), [3, 2]),
     _x([4, 2])),
    ("SegmentMean", lambda x: tf.reshape(gen_math_ops.segment_mean(x, [0, 0, 1, 1]), [2, 2]),
     _x([4, 2])),
    ("SegmentMax", lambda x: tf.reshape(gen_math_ops.segment_max(x, [0, 0, 0, 1]), [2, 2]),
     _x([4, 2])),
    ("SegmentMin", lambda x: tf.reshape(gen_math_ops.segment_min(x, [0, 1, 1, 1]), [2, 2]),
     _x([4, 2])),
    ("DynamicStitch", lambda x: gen_data_flow_ops.dynamic_stitch(
        [[0, 2], [1, 3]], [x[:2], x[2:] * 2.0]), _x([4, 2])),
    ("Polygamma", lambda x: gen_math_ops.polygamma(tf.constant(1.0, tf.float64), x),
     _x([2, 3], 1.0, 3.0)),
    ("StopGradientMixed", lambda x: tf.stop_gradient(x) * 0.0 + x * x, _x([2])),
]

BINARY = [
    ("Add", tf.add, _x([2, 3]), _x([3])),
    ("AddV2", lambda a, b: a + b, _x([2, 1]), _x([1, 3])),
    ("Sub", tf.subtract, _x([2, 3]), _x([2, 1])),
    ("SubSame", tf.subtract, _x([2, 3]), _x([2, 3])),
    ("Mul", tf.multiply, _x([3]), _x([2, 3])),
    ("MulSame", tf.multiply, _x([2, 3]), _x([2, 3])),
    ("RealDiv", tf.realdiv, _x([2, 3]), _x([3], 0.5, 2.0)),
    ("Div", tf.div, _x([2, 3]), _x([2, 1], 0.5, 2.0)),
    ("DivNoNan", tf.div_no_nan, _x([2, 3]), _x([3], 0.5, 2.0)),
    ("FloorMod", tf.floormod, _x([2, 3], 0.1, 0.9), _x([3], 1.5, 2.0)),
    ("Pow", tf.pow, _x([2, 3], 0.5, 2.0), _x([3])),
    ("Maximum", tf.maximum, _x([2, 3], 0.0, 1.0), _x([3], 2.0, 3.0)),
    ("MaximumMixed", tf.maximum, _x([2, 3]), _x([2, 3], avoid=None)),
    ("Minimum", tf.minimum, _x([2, 1]), _x([1, 3])),
    ("SquaredDifference", tf.squared_difference, _x([2, 3]), _x([1, 3])),
    ("Atan2", tf.atan2, _x([2, 3]), _x([2, 3], 0.5, 2.0)),
    ("AddN", lambda a, b: tf.add_n([a, b, a]), _x([2, 2]), _x([2, 2])),
    ("MatMul", tf.matmul, _x([2, 3]), _x([3, 4])),
    ("MatMulTA", lambda a, b: tf.matmul(a, b, transpose_a=True), _x([3, 2]), _x([3, 4])),
    ("MatMulTB", lambda a, b: tf.matmul(a, b, transpose_b=True), _x([2, 3]), _x([4, 3])),
    ("MatMulTATB", lambda a, b: tf.matmul(a, b, transpose_a=True, transpose_b=True),
     _x([3, 2]), _x([4, 3])),
    ("BatchMatMulV2", tf.matmul, _x([2, 2, 3]), _x([2, 3, 2])),
    ("BatchMatMulV2Bcast", tf.matmul, _x([2, 2, 3]), _x([3, 2])),
    ("BatchMatMulAdj", lambda a, b: tf.matmul(a, b, adjoint_a=True, adjoint_b=True),
     _x([2, 3, 2]), _x([2, 2, 3])),
    ("BatchMatMulV1", lambda a, b: gen_math_ops.batch_mat_mul(a, b, adj_y=True),
     _x([2, 2, 3]), _x([2, 4, 3])),
    ("BiasAdd", tf.nn.bias_add, _x([2, 3, 4]), _x([4])),
    ("BiasAddNCHW", lambda a, b: tf.nn.bias_add(a, b, data_format="NCHW"),
     _x([2, 3, 2, 2]), _x([3])),
    ("ConcatV2", lambda a, b: tf.concat([a, b, a], axis=1), _x([2, 1]), _x([2, 3])),
    ("ConcatV2Two", lambda a, b: tf.concat([a, b], axis=0), _x([1, 2]), _x([2, 2])),
    ("Select", lambda a, b: tf.where(tf.constant([[True, False, True], [False, False, True]]),
                                     a, b), _x([2, 3]), _x([2, 3])),
    ("SelectV2", lambda a, b: tf.where_v2(tf.constant([True, False, True]), a, b),
     _x([2, 3]), _x([2, 1])),
    ("Complex", lambda a, b: tf.abs(tf.complex(a, b)), _x([2, 3], 0.5, 1.0), _x([3], 0.5, 1.0)),
    ("ScatterNd", lambda a, b: tf.scatter_nd([[0], [2], [0]], a, [4, 2]) * b,
     _x([3, 2]), _x([4, 2])),
    ("MatrixSetDiag", tf.matrix_set_diag, _x([2, 3, 3]), _x([2, 3])),
    ("EinsumMatmul", lambda a, b: tf.einsum("ij,jk->ik", a, b), _x([2, 3]), _x([3, 2])),
    ("EinsumOuterSum", lambda a, b: tf.einsum("ijk,k->j", a, b), _x([2, 3, 2]), _x([2])),
]


def _make(spec, seed):
    shape, lo, hi, avoid, dtype = spec
    return np.asarray(_vals(shape, lo, hi, seed, avoid), dtype=dtype)


def _check(builder, specs, tol=TOL):
    g = tf.Graph()
    with g.as_default():
        values = [_make(s, 100 + i) for i, s in enumerate(specs)]
        xs = [tf.placeholder(tf.float64, v.shape, name="x%d" % i) for i, v in enumerate(values)]
        y = builder(*xs)
        assert y.shape.is_fully_defined(), y
        with tf.Session(graph=g) as sess, sess.as_default():
            for i, (x, v) in enumerate(zip(xs, values)):
                others = {xo: vo for j, (xo, vo) in enumerate(zip(xs, values)) if j != i}
                err = tf.test.compute_gradient_error(x, list(v.shape), y, y.shape.as_list(),
                                                     x_init_value=v, extra_feed_dict=others)
                assert err < tol, "input %d: error %g" % (i, err)


@pytest.mark.parametrize("name,builder,spec", UNARY, ids=[u[0] for u in UNARY])
def test_unary_gradient(name, builder, spec):
    tol = 1e-3 if name == "Cast" else TOL
    _check(builder, [spec], tol)


@pytest.mark.parametrize("name,builder,a,b", BINARY, ids=[b[0] for b in BINARY])
def test_binary_gradient(name, builder, a, b):
    _check(builder, [a, b])


@pytest.mark.parametrize("fn", [tf.floor, tf.ceil, tf.round, tf.rint,
                                lambda x: tf.floordiv(x, 2.0),
                                lambda x: tf.truncatediv(tf.cast(x, tf.int32), 2)])
def test_piecewise_constant_ops_have_no_gradient(fn):
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float64, [3])
        assert tf.gradients(fn(x), x) == [None]


def test_compute_gradient_returns_jacobians_as_tf():
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float64, [2], name="x")
        y = x * x * 3.0
        with tf.Session() as sess, sess.as_default():
            v = np.array([1.0, -2.0])
            jt, jn = tf.test.compute_gradient(x, [2], y, [2], x_init_value=v)
    np.testing.assert_allclose(jt, np.diag(6.0 * v))
    np.testing.assert_allclose(jn, np.diag(6.0 * v), rtol=1e-6)
    assert jt.shape == (2, 2) and jt.dtype == np.float64


def test_compute_gradient_list_and_complex():
    with tf.Graph().as_default():
        a = tf.constant([1.0, 2.0], dtype=tf.float64)
        b = tf.constant([3.0, -1.0], dtype=tf.float64)
        y = a * b
        z = tf.placeholder(tf.complex128, [2])
        w = z * tf.constant([2.0 + 1.0j, 1.0 - 3.0j], dtype=tf.complex128)
        with tf.Session() as sess, sess.as_default():
            res = tf.test.compute_gradient([a, b], [[2], [2]], y, [2])
            assert len(res) == 2
            np.testing.assert_allclose(res[0][0], np.diag([3.0, -1.0]))
            np.testing.assert_allclose(res[1][0], np.diag([1.0, 2.0]))
            err = tf.test.compute_gradient_error(
                z, [2], w, [2], x_init_value=np.array([1 + 1j, 2 - 1j]))
            assert err < 1e-6
            jt, _ = tf.test.compute_gradient(z, [2], w, [2],
                                             x_init_value=np.array([1 + 1j, 2 - 1j]))
            assert jt.shape == (4, 4)
