"""tf.nn convolutions and pooling against direct NumPy references, finite-difference gradients
(float64) for each op, and TF's errors for bad input."""
import itertools

import numpy as np
import pytest
import tensorflow as tf
from tensorflow.python.ops import gen_nn_ops


def _rand(shape, seed, dtype=np.float64):
    return np.random.RandomState(seed).uniform(-1, 1, size=shape).astype(dtype)


def _window(n, k, s, d, padding, pads=None):
    """(output size, pad before) with TF's rules."""
    ek = (k - 1) * d + 1
    if padding == "SAME":
        out = -(-n // s)
        return out, max(0, (out - 1) * s + ek - n) // 2
    if padding == "VALID":
        return (n - ek) // s + 1, 0
    return (n + pads[0] + pads[1] - ek) // s + 1, pads[0]


def conv_ref(x, f, strides, padding, dilations=None, pads=None):
    """Channels-last direct convolution over the spatial dims of x ([N, ..., C])."""
    sp = x.ndim - 2
    dilations = dilations or [1] * sp
    pads = pads or [None] * sp
    geo = [_window(x.shape[1 + i], f.shape[i], strides[i], dilations[i], padding, pads[i])
           for i in range(sp)]
    out = np.zeros((x.shape[0],) + tuple(g[0] for g in geo) + (f.shape[-1],))
    for o in itertools.product(*[range(g[0]) for g in geo]):
        for k in itertools.product(*[range(f.shape[i]) for i in range(sp)]):
            pos = [o[i] * strides[i] - geo[i][1] + k[i] * dilations[i] for i in range(sp)]
            if all(0 <= pos[i] < x.shape[1 + i] for i in range(sp)):
                out[(slice(None),) + o] += x[(slice(None),) + tuple(pos)] @ f[k]
    return out


def pool_ref(x, ksize, strides, padding, kind):
    sp = x.ndim - 2
    geo = [_window(x.shape[1 + i], ksize[i], strides[i], 1, padding) for i in range(sp)]
    out = np.zeros((x.shape[0],) + tuple(g[0] for g in geo) + (x.shape[-1],))
    for o in itertools.product(*[range(g[0]) for g in geo]):
        sl = []
        for i in range(sp):
            lo = o[i] * strides[i] - geo[i][1]
            sl.append(slice(max(lo, 0), min(lo + ksize[i], x.shape[1 + i])))
        win = x[(slice(None),) + tuple(sl)].reshape(x.shape[0], -1, x.shape[-1])
        out[(slice(None),) + o] = win.max(1) if kind == "max" else win.mean(1)
    return out


def _run(fetches, feeds=None):
    with tf.Session() as sess:
        return sess.run(fetches, feeds)


def _nchw(a):
    return np.moveaxis(a, -1, 1)


def _nhwc(a):
    return np.moveaxis(a, 1, -1)


CONV_CASES = [
    # x shape, filter shape, strides, padding, dilations
    ([2, 5, 6, 3], [3, 2, 3, 4], [1, 1], "SAME", [1, 1]),
    ([2, 5, 6, 3], [3, 2, 3, 4], [1, 1], "VALID", [1, 1]),
    ([1, 7, 7, 2], [3, 3, 2, 5], [2, 2], "SAME", [1, 1]),
    ([1, 7, 8, 2], [2, 3, 2, 1], [3, 2], "VALID", [1, 1]),
    ([2, 9, 8, 2], [3, 2, 2, 3], [1, 1], "SAME", [2, 3]),
    ([1, 4, 4, 5], [1, 1, 5, 6], [1, 1], "VALID", [1, 1]),
    ([3, 1, 1, 2], [3, 3, 2, 2], [1, 1], "SAME", [1, 1]),
]


@pytest.mark.parametrize("xs,fs,strides,padding,dil", CONV_CASES)
@pytest.mark.parametrize("fmt", ["NHWC", "NCHW"])
def test_conv2d_matches_reference(xs, fs, strides, padding, dil, fmt):
    x, f = _rand(xs, 1), _rand(fs, 2)
    want = conv_ref(x, f, strides, padding, dil)
    with tf.Graph().as_default():
        if fmt == "NHWC":
            y = tf.nn.conv2d(x, f, strides=strides, padding=padding, dilations=dil)
            got = _run(y)
        else:
            y = tf.nn.conv2d(_nchw(x), f, strides=strides, padding=padding, dilations=dil,
                             data_format="NCHW")
            got = _nhwc(_run(y))
        assert y.shape.as_list() == list((want if fmt == "NHWC" else _nchw(want)).shape)
    np.testing.assert_allclose(got, want, rtol=1e-10, atol=1e-10)


def test_conv2d_explicit_padding_and_dtypes():
    x, f = _rand([2, 5, 4, 3], 3), _rand([3, 3, 3, 2], 4)
    pads = [[0, 0], [1, 2], [0, 3], [0, 0]]
    want = conv_ref(x, f, [2, 1], "EXPLICIT", None, [(1, 2), (0, 3)])
    with tf.Graph().as_default():
        y = tf.nn.conv2d(x, f, strides=[1, 2, 1, 1], padding=pads)
        assert y.op.get_attr("padding") == b"EXPLICIT"
        assert y.op.get_attr("explicit_paddings") == [0, 0, 1, 2, 0, 3, 0, 0]
        ys = [tf.nn.conv2d(x.astype(dt), f.astype(dt), strides=[1, 2, 1, 1], padding=pads)
              for dt in (np.float32, np.float16)]
        got, g32, g16 = _run([y] + ys)
    np.testing.assert_allclose(got, want, rtol=1e-10, atol=1e-10)
    np.testing.assert_allclose(g32, want, rtol=1e-5, atol=1e-5)
    assert g16.dtype == np.float16
    np.testing.assert_allclose(g16, want, rtol=1e-2, atol=1e-2)


def test_conv2d_backprops_are_adjoint():
    """<conv(x, f), dy> == <x, backprop_input(dy)> == <f, backprop_filter(dy)>."""
    for fmt in ("NHWC", "NCHW"):
        x, f = _rand([2, 6, 5, 3], 5), _rand([3, 2, 3, 4], 6)
        with tf.Graph().as_default():
            xin = x if fmt == "NHWC" else _nchw(x)
            s = [1, 2, 1, 1] if fmt == "NHWC" else [1, 1, 2, 1]
            y = tf.nn.conv2d(xin, f, s, "SAME", data_format=fmt)
            dy = _rand(y.shape.as_list(), 7)
            dx = tf.nn.conv2d_backprop_input(list(xin.shape), f, dy, s, "SAME", data_format=fmt)
            df = tf.nn.conv2d_backprop_filter(xin, list(f.shape), dy, s, "SAME", data_format=fmt)
            yv, dxv, dfv = _run([y, dx, df])
        lhs = np.sum(yv * dy)
        np.testing.assert_allclose(np.sum(xin * dxv), lhs, rtol=1e-10)
        np.testing.assert_allclose(np.sum(f * dfv), lhs, rtol=1e-10)


def test_conv1d_conv3d_transpose_and_convolution():
    x1, f1 = _rand([2, 9, 3], 8), _rand([3, 3, 4], 9)
    x3, f3 = _rand([1, 4, 5, 4, 2], 10), _rand([2, 3, 2, 2, 3], 11)
    with tf.Graph().as_default():
        y1 = tf.nn.conv1d(x1, f1, stride=2, padding="SAME")
        assert [o.type for o in tf.get_default_graph().get_operations()][-2:] == [
            "Conv2D", "Squeeze"]
        y3 = tf.nn.conv3d(x3, f3, strides=[1, 1, 2, 1, 1], padding="VALID")
        yc = tf.nn.convolution(x3, f3, "SAME")
        xt = _rand([2, 3, 3, 4], 12)
        ft = _rand([3, 3, 5, 4], 13)
        yt = tf.nn.conv2d_transpose(xt, ft, [2, 6, 6, 5], [1, 2, 2, 1], "SAME")
        yt3 = tf.nn.conv3d_transpose(_rand([1, 2, 2, 2, 4], 14), _rand([2, 2, 2, 3, 4], 15),
                                     [1, 4, 4, 4, 3], [1, 2, 2, 2, 1], "SAME")
        v1, v3, vc, vt, vt3 = _run([y1, y3, yc, yt, yt3])
    np.testing.assert_allclose(v1, conv_ref(x1, f1, [2], "SAME"), atol=1e-10)
    np.testing.assert_allclose(v3, conv_ref(x3, f3, [1, 2, 1], "VALID"), atol=1e-10)
    np.testing.assert_allclose(vc, conv_ref(x3, f3, [1, 1, 1], "SAME"), atol=1e-10)
    # The transpose is the adjoint of the forward conv.
    probe = _rand([2, 6, 6, 5], 16)
    np.testing.assert_allclose(np.sum(vt * probe),
                               np.sum(conv_ref(probe, ft, [2, 2], "SAME") * xt), rtol=1e-10)
    assert vt3.shape == (1, 4, 4, 4, 3)


def test_depthwise_and_separable():
    x, f = _rand([2, 6, 5, 3], 17), _rand([3, 3, 3, 2], 18)
    pw = _rand([1, 1, 6, 4], 19)
    want = np.concatenate(
        [conv_ref(x[..., c:c + 1], f[:, :, c:c + 1, :], [2, 2], "SAME") for c in range(3)], -1)
    with tf.Graph().as_default():
        y = tf.nn.depthwise_conv2d(x, f, [1, 2, 2, 1], "SAME")
        assert y.op.type == "DepthwiseConv2dNative" and y.op.name == "depthwise"
        yn = tf.nn.depthwise_conv2d(_nchw(x), f, [1, 1, 2, 2], "SAME", data_format="NCHW")
        ys = tf.nn.separable_conv2d(x, f, pw, [1, 2, 2, 1], "SAME")
        yd = tf.nn.depthwise_conv2d_native(x, f, [1, 1, 1, 1], "VALID", dilations=[1, 2, 1, 1])
        v, vn, vs, vd = _run([y, yn, ys, yd])
        with pytest.raises(ValueError, match="rate must be rank 1"):  # as TF 1.15
            tf.nn.depthwise_conv2d(x, f, [1, 1, 1, 1], "SAME", rate=2)
    np.testing.assert_allclose(v, want, atol=1e-10)
    np.testing.assert_allclose(_nhwc(vn), want, atol=1e-10)
    np.testing.assert_allclose(vs, conv_ref(want, pw, [1, 1], "VALID"), atol=1e-10)
    want_d = np.concatenate([conv_ref(x[..., c:c + 1], f[:, :, c:c + 1, :], [1, 1], "VALID",
                                      [2, 1]) for c in range(3)], -1)
    np.testing.assert_allclose(vd, want_d, atol=1e-10)


POOL_CASES = [
    ([2, 5, 6, 3], [2, 2], [2, 2], "SAME"),
    ([2, 5, 6, 3], [3, 2], [1, 2], "VALID"),
    ([1, 7, 7, 2], [3, 3], [2, 2], "SAME"),
    ([1, 4, 4, 1], [4, 4], [1, 1], "SAME"),
]


@pytest.mark.parametrize("xs,k,s,padding", POOL_CASES)
def test_pool2d_matches_reference(xs, k, s, padding):
    x = _rand(xs, 20)
    with tf.Graph().as_default():
        mp = tf.nn.max_pool(x, [1] + k + [1], [1] + s + [1], padding)
        ap = tf.nn.avg_pool(x, [1] + k + [1], [1] + s + [1], padding)
        mpn = tf.nn.max_pool(_nchw(x), [1, 1] + k, [1, 1] + s, padding, data_format="NCHW")
        apn = tf.nn.avg_pool(_nchw(x), k, s, padding, data_format="NCHW")
        mv2 = gen_nn_ops.max_pool_v2(x, [1] + k + [1], [1] + s + [1], padding)
        m32 = tf.nn.max_pool(x.astype(np.int32) * 0 + (x * 100).astype(np.int32), k, s, padding)
        vm, va, vmn, van, vv2, v32 = _run([mp, ap, mpn, apn, mv2, m32])
    np.testing.assert_allclose(vm, pool_ref(x, k, s, padding, "max"))
    np.testing.assert_allclose(va, pool_ref(x, k, s, padding, "avg"), rtol=1e-12)
    np.testing.assert_allclose(_nhwc(vmn), vm)
    np.testing.assert_allclose(_nhwc(van), va, rtol=1e-12)
    np.testing.assert_allclose(vv2, vm)
    np.testing.assert_array_equal(v32, pool_ref((x * 100).astype(np.int32), k, s, padding, "max"))


def test_pool3d_matches_reference():
    x = _rand([2, 4, 5, 3, 2], 21, np.float32)
    with tf.Graph().as_default():
        mp = tf.nn.max_pool3d(x, [1, 2, 2, 2, 1], [1, 2, 2, 1, 1], "SAME")
        ap = tf.nn.avg_pool3d(x, [1, 2, 3, 2, 1], [1, 1, 2, 1, 1], "VALID")
        apn = tf.nn.avg_pool3d(np.moveaxis(x, -1, 1), [1, 1, 2, 3, 2], [1, 1, 1, 2, 1], "VALID",
                               data_format="NCDHW")
        vm, va, van = _run([mp, ap, apn])
    np.testing.assert_allclose(vm, pool_ref(x, [2, 2, 2], [2, 2, 1], "SAME", "max"), rtol=1e-6)
    np.testing.assert_allclose(va, pool_ref(x, [2, 3, 2], [1, 2, 1], "VALID", "avg"), rtol=1e-5)
    np.testing.assert_allclose(np.moveaxis(van, 1, -1), va, rtol=1e-6)


def test_max_pool_with_argmax_index_and_ties():
    x = np.array([[1, 3, 3, 0], [3, 2, 1, 5], [0, 0, 7, 7], [1, 1, 7, 7]], np.float32)
    x = np.stack([x, x.T], -1)[None]  # [1, 4, 4, 2]
    x = np.concatenate([x, x + 1], 0)  # batch 2
    with tf.Graph().as_default():
        xt = tf.constant(x)
        out, arg = tf.nn.max_pool_with_argmax(xt, [1, 2, 2, 1], [1, 2, 2, 1], "VALID")
        _, argb = tf.nn.max_pool_with_argmax(x, [1, 2, 2, 1], [1, 2, 2, 1], "VALID",
                                             include_batch_in_index=True)
        assert arg.dtype == tf.int64
        g = tf.gradients(tf.reduce_sum(out * np.arange(16.0, dtype=np.float32).reshape(
            2, 2, 2, 2)), xt)[0]
        vo, va, vb, vg = _run([out, arg, argb, g])
    # First maximum in window order wins: window (0,0) of channel 0 has 3 at (0,1) and (1,0).
    assert va[0, 0, 0, 0] == (0 * 4 + 1) * 2 + 0
    assert va[0, 1, 1, 0] == (2 * 4 + 2) * 2 + 0
    np.testing.assert_array_equal(va[1], va[0])
    np.testing.assert_array_equal(vb[1], va[1] + 32)
    np.testing.assert_allclose(vo, pool_ref(x, [2, 2], [2, 2], "VALID", "max"))
    flat = np.zeros(x.size, np.float32)
    np.add.at(flat, vb.ravel(), np.arange(16.0, dtype=np.float32))
    np.testing.assert_allclose(vg.ravel(), flat)


def test_max_pool_grad_first_max_and_gradgrad():
    x = np.array([[[[1.0], [2.0]], [[2.0], [0.0]]]])
    with tf.Graph().as_default():
        xt = tf.constant(x)
        y = tf.nn.max_pool(xt, [1, 2, 2, 1], [1, 1, 1, 1], "VALID")
        g = tf.gradients(y, xt)[0]
        gg = gen_nn_ops.max_pool_grad_grad(x, [[[[2.0]]]], x * 10, [1, 2, 2, 1], [1, 1, 1, 1],
                                           "VALID")
        vg, vgg = _run([g, gg])
    np.testing.assert_array_equal(vg.ravel(), [0, 1, 0, 0])
    np.testing.assert_array_equal(vgg.ravel(), [20.0])


# ---- finite differences (float64) ---------------------------------------------------------
def _check_grad(build, shapes, tol=1e-6):
    with tf.Graph().as_default():
        vals = [_rand(s, 30 + i) for i, s in enumerate(shapes)]
        xs = [tf.constant(v) for v in vals]
        y = build(*xs)
        with tf.Session():
            err = tf.test.compute_gradient_error(xs, shapes, y, y.shape.as_list(),
                                                 x_init_value=vals)
    assert err < tol, err


def _distinct(shape, seed):
    """Values whose gaps exceed the finite-difference step (max pooling has kinks at ties)."""
    n = int(np.prod(shape))
    return np.random.RandomState(seed).permutation(n).reshape(shape) * 0.1


def _check_grad_values(build, vals, tol=1e-6):
    with tf.Graph().as_default():
        xs = [tf.constant(v) for v in vals]
        y = build(*xs)
        with tf.Session():
            err = tf.test.compute_gradient_error(xs, [list(v.shape) for v in vals], y,
                                                 y.shape.as_list(), x_init_value=vals)
    assert err < tol, err


GRAD_CASES = {
    "Conv2D_same": (lambda x, f: tf.nn.conv2d(x, f, [1, 2, 1, 1], "SAME"),
                    [[2, 5, 4, 2], [3, 2, 2, 3]]),
    "Conv2D_nchw_dilated": (lambda x, f: tf.nn.conv2d(x, f, [1, 1, 1, 1], "VALID",
                                                      data_format="NCHW",
                                                      dilations=[1, 1, 2, 1]),
                            [[1, 2, 6, 4], [2, 2, 2, 2]]),
    "Conv2D_explicit": (lambda x, f: tf.nn.conv2d(x, f, [1, 1, 2, 1],
                                                  [[0, 0], [1, 0], [2, 1], [0, 0]]),
                        [[1, 4, 4, 2], [2, 3, 2, 2]]),
    "Conv2DBackpropInput": (lambda f, dy: tf.nn.conv2d_backprop_input(
        [2, 5, 4, 2], f, dy, [1, 2, 1, 1], "SAME"), [[3, 2, 2, 3], [2, 3, 4, 3]]),
    "Conv2DBackpropFilter": (lambda x, dy: tf.nn.conv2d_backprop_filter(
        x, [3, 2, 2, 3], dy, [1, 2, 1, 1], "SAME"), [[2, 5, 4, 2], [2, 3, 4, 3]]),
    "DepthwiseConv2dNative": (lambda x, f: tf.nn.depthwise_conv2d(x, f, [1, 1, 1, 1], "SAME"),
                              [[2, 4, 4, 2], [2, 3, 2, 2]]),
    "Conv3D": (lambda x, f: tf.nn.conv3d(x, f, [1, 1, 2, 1, 1], "SAME"),
               [[1, 3, 4, 3, 2], [2, 2, 2, 2, 2]]),
    "Conv3DBackpropInputV2": (lambda f, dy: gen_nn_ops.conv3d_backprop_input_v2(
        [1, 3, 4, 3, 2], f, dy, [1, 1, 2, 1, 1], "SAME"), [[2, 2, 2, 2, 2], [1, 3, 2, 3, 2]]),
    "Conv3DBackpropFilterV2": (lambda x, dy: gen_nn_ops.conv3d_backprop_filter_v2(
        x, [2, 2, 2, 2, 2], dy, [1, 1, 2, 1, 1], "SAME"), [[1, 3, 4, 3, 2], [1, 3, 2, 3, 2]]),
    "AvgPool": (lambda x: tf.nn.avg_pool(x, [1, 2, 3, 1], [1, 2, 1, 1], "SAME"),
                [[2, 5, 4, 2]]),
    "AvgPoolGrad": (lambda g: gen_nn_ops.avg_pool_grad([2, 5, 4, 2], g, [1, 2, 3, 1],
                                                       [1, 2, 1, 1], "SAME"), [[2, 3, 4, 2]]),
    "AvgPool3D": (lambda x: tf.nn.avg_pool3d(x, [1, 2, 2, 2, 1], [1, 1, 2, 1, 1], "SAME"),
                  [[1, 3, 4, 3, 2]]),
}


@pytest.mark.parametrize("name", sorted(GRAD_CASES))
def test_gradient_numeric(name):
    build, shapes = GRAD_CASES[name]
    _check_grad(build, shapes)


MAX_GRAD_CASES = {
    "MaxPool": lambda x: tf.nn.max_pool(x, [1, 2, 2, 1], [1, 1, 2, 1], "SAME"),
    "MaxPoolNCHW": lambda x: tf.transpose(tf.nn.max_pool(
        tf.transpose(x, [0, 3, 1, 2]), [1, 1, 2, 2], [1, 1, 1, 2], "SAME",
        data_format="NCHW"), [0, 2, 3, 1]),
    "MaxPoolV2": lambda x: gen_nn_ops.max_pool_v2(x, [1, 2, 2, 1], [1, 1, 2, 1], "VALID"),
    "MaxPoolWithArgmax": lambda x: tf.nn.max_pool_with_argmax(
        x, [1, 2, 2, 1], [1, 1, 2, 1], "SAME")[0],
    "MaxPoolGrad": lambda x: gen_nn_ops.max_pool_grad(
        tf.constant(_distinct([1, 4, 4, 2], 3)),
        tf.nn.max_pool(tf.constant(_distinct([1, 4, 4, 2], 3)), [1, 2, 2, 1], [1, 1, 1, 1],
                       "VALID"),
        x[:, :3, :3, :], [1, 2, 2, 1], [1, 1, 1, 1], "VALID"),
    "MaxPoolGradGrad": lambda x: gen_nn_ops.max_pool_grad_grad(
        tf.constant(_distinct([1, 4, 4, 2], 4)),
        tf.nn.max_pool(tf.constant(_distinct([1, 4, 4, 2], 4)), [1, 2, 2, 1], [1, 1, 1, 1],
                       "VALID"),
        x, [1, 2, 2, 1], [1, 1, 1, 1], "VALID"),
}


@pytest.mark.parametrize("name", sorted(MAX_GRAD_CASES))
def test_max_pool_gradient_numeric(name):
    _check_grad_values(MAX_GRAD_CASES[name], [_distinct([1, 4, 4, 2], 5)])


def test_max_pool3d_gradient_numeric():
    def build(x):
        return tf.cast(tf.nn.max_pool3d(tf.cast(x, tf.float32), [1, 2, 2, 2, 1],
                                        [1, 1, 2, 1, 1], "SAME"), tf.float64)
    with tf.Graph().as_default():
        v = _distinct([1, 3, 4, 3, 2], 6)
        x = tf.constant(v)
        y = build(x)
        with tf.Session():
            jt, jn = tf.test.compute_gradient(x, list(v.shape), y, y.shape.as_list(),
                                              x_init_value=v, delta=1e-2)
    np.testing.assert_allclose(jt, jn, atol=1e-3)


def test_second_order_max_pool_builds_grad_grad():
    with tf.Graph().as_default():
        x = tf.constant(_distinct([1, 4, 4, 1], 7))
        y = tf.nn.max_pool(x, [1, 2, 2, 1], [1, 2, 2, 1], "VALID")
        g = tf.gradients(y, x)[0]
        gg = tf.gradients(tf.reduce_sum(g * g), x)[0]
        types = {o.type for o in tf.get_default_graph().get_operations()}
        assert {"MaxPoolGrad", "MaxPoolGradGrad"} <= types
        assert _run(gg).shape == (1, 4, 4, 1)


# ---- bad input ----------------------------------------------------------------------------
def test_bad_ranks_channels_and_padding():
    x = np.zeros([1, 4, 4, 3], np.float32)
    with tf.Graph().as_default():
        with pytest.raises(ValueError, match="Shape must be rank 4 but is rank 3"):
            tf.nn.conv2d(x[0], np.zeros([2, 2, 3, 1], np.float32), [1, 1, 1, 1], "SAME")
        with pytest.raises(ValueError, match=r"Depth of input \(3\) is not a multiple of input "
                                             r"depth of filter \(2\)"):
            tf.nn.conv2d(x, np.zeros([2, 2, 2, 1], np.float32), [1, 1, 1, 1], "SAME")
        with pytest.raises(ValueError, match="not in:"):
            tf.nn.conv2d(x, np.zeros([2, 2, 3, 1], np.float32), [1, 1, 1, 1], "FULL")
        with pytest.raises(ValueError, match="Negative dimension size caused by subtracting 5 from 4"):
            tf.nn.conv2d(x, np.zeros([6, 1, 3, 1], np.float32), [1, 1, 1, 1], "VALID")
        with pytest.raises(ValueError, match="strides should be of length 1, 2 or 4 but was 3"):
            tf.nn.conv2d(x, np.zeros([2, 2, 3, 1], np.float32), [1, 1, 1], "SAME")
        with pytest.raises(ValueError, match="Shape must be rank 4 but is rank 2"):
            tf.nn.max_pool(x[0, 0], [1, 2, 2, 1], [1, 1, 1, 1], "SAME")
        with pytest.raises(ValueError, match="Dimensions must be equal"):
            tf.nn.depthwise_conv2d(x, np.zeros([2, 2, 2, 1], np.float32), [1, 1, 1, 1], "SAME")
        y = tf.nn.conv2d(x, np.zeros([2, 2, 3, 1], np.float32), [2, 1, 1, 1], "SAME")
        with pytest.raises(tf.errors.InvalidArgumentError,
                           match="does not yet support strides in the batch and depth"):
            _run(y)
        p = tf.nn.max_pool(x, [2, 2, 2, 1], [1, 1, 1, 1], "SAME")
        with pytest.raises(tf.errors.UnimplementedError, match="batch dimension"):
            _run(p)
        ph = tf.placeholder(tf.float32, None)
        c = gen_nn_ops.conv2d(ph, np.zeros([2, 2, 3, 1], np.float32), [1, 1, 1, 1], "SAME")
        with pytest.raises(tf.errors.InvalidArgumentError, match="input must be 4-dimensional"):
            _run(c, {ph: np.zeros([4, 4, 3], np.float32)})
        bi = gen_nn_ops.conv2d_backprop_input([1, 4, 4, 3], np.zeros([2, 2, 3, 1], np.float32),
                                              ph, [1, 1, 1, 1], "SAME")
        with pytest.raises(tf.errors.InvalidArgumentError, match="Size of out_backprop"):
            _run(bi, {ph: np.zeros([1, 3, 4, 1], np.float32)})
        ag = gen_nn_ops.max_pool_grad_with_argmax(
            x, np.ones([1, 2, 2, 3], np.float32), np.full([1, 2, 2, 3], 999, np.int64),
            [1, 2, 2, 1], [1, 2, 2, 1], "VALID")
        with pytest.raises(tf.errors.InvalidArgumentError, match="out of range"):
            _run(ag)


def test_huge_output_is_an_error_not_a_crash():
    with tf.Graph().as_default():
        sizes = tf.placeholder(tf.int32, [4])
        y = gen_nn_ops.conv2d_backprop_input(sizes, np.zeros([3, 3, 1, 1], np.float32),
                                             np.zeros([1, 1, 1, 1], np.float32), [1, 1, 1, 1],
                                             "VALID")
        with pytest.raises((tf.errors.InvalidArgumentError, tf.errors.ResourceExhaustedError)):
            _run(y, {sizes: [1 << 30, 1 << 20, 3, 1]})


def test_batched_path_matches_per_image_results():
  """Batches of 4+ images take the per-image kernel path; smaller ones the chunked one."""
  rng = np.random.RandomState(5)
  x = rng.uniform(-1, 1, [6, 9, 7, 3])
  f = rng.uniform(-1, 1, [3, 2, 3, 4])
  with tf.Graph().as_default():
    xt, ft = tf.constant(x), tf.constant(f)
    for strides, padding in [([1, 1, 1, 1], "SAME"), ([1, 2, 1, 1], "VALID")]:
      y = tf.nn.conv2d(xt, ft, strides, padding)
      dx, df = tf.gradients(tf.reduce_sum(y * y), [xt, ft])
      singles = [tf.nn.conv2d(xt[i:i + 1], ft, strides, padding) for i in range(6)]
      sdx = [tf.gradients(tf.reduce_sum(s * s), xt)[0] for s in singles]
      sdf = [tf.gradients(tf.reduce_sum(s * s), ft)[0] for s in singles]
      with tf.Session() as sess:
        got = sess.run([y, dx, df])
        want_y = np.concatenate(sess.run(singles))
        want_dx = sum(sess.run(sdx))
        want_df = sum(sess.run(sdf))
      np.testing.assert_allclose(got[0], want_y, rtol=1e-12, atol=1e-12)
      np.testing.assert_allclose(got[1], want_dx, rtol=1e-12, atol=1e-12)
      np.testing.assert_allclose(got[2], want_df, rtol=1e-10, atol=1e-10)
