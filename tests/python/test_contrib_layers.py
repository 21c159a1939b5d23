"""tf.contrib.layers: variable names/shapes/collections, graph node names and values.

Real TF 2.x has no contrib, so there is no golden from a reference run here. The expected
names (`fully_connected/weights`, `Conv_1/Conv2D`, `BatchNorm/FusedBatchNormV3`,
`MaxPool2D/MaxPool`, `fully_connected/kernel/Regularizer/l2_regularizer` ...) are literals
from TF 1.15's contrib/layers/python/layers/layers.py and the tf.layers classes it drives
(hand-written expectations); values are checked against NumPy.
"""
import numpy as np
import pytest
import tensorflow as tf

layers = tf.contrib.layers


def _names(collection):
  return [v.op.name for v in tf.get_collection(collection)]


def _run(fetches, feed_dict=None):
  with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    return sess.run(fetches, feed_dict)


def _conv2d_nhwc(x, w, stride, padding):
  n, h, wd, c = x.shape
  kh, kw, _, o = w.shape
  if padding == "SAME":
    oh, ow = -(-h // stride), -(-wd // stride)
    ph = max((oh - 1) * stride + kh - h, 0)
    pw = max((ow - 1) * stride + kw - wd, 0)
    x = np.pad(x, ((0, 0), (ph // 2, ph - ph // 2), (pw // 2, pw - pw // 2), (0, 0)))
  else:
    oh, ow = (h - kh) // stride + 1, (wd - kw) // stride + 1
  out = np.zeros((n, oh, ow, o), np.float64)
  for i in range(oh):
    for j in range(ow):
      patch = x[:, i * stride:i * stride + kh, j * stride:j * stride + kw, :]
      out[:, i, j, :] = np.tensordot(patch, w, axes=([1, 2, 3], [0, 1, 2]))
  return out


def test_fully_connected_names_collections_and_values():
  with tf.Graph().as_default():
    x_val = np.arange(6, dtype=np.float32).reshape(2, 3) - 2.5
    w_val = np.linspace(-1, 1, 12).reshape(3, 4).astype(np.float32)
    x = tf.constant(x_val)
    y = layers.fully_connected(x, 4, weights_initializer=tf.constant_initializer(w_val),
                               biases_initializer=tf.constant_initializer(0.5))
    y2 = layers.fully_connected(y, 2, activation_fn=None)
    assert _names(tf.GraphKeys.GLOBAL_VARIABLES) == [
        "fully_connected/weights", "fully_connected/biases", "fully_connected_1/weights",
        "fully_connected_1/biases"]
    assert _names(tf.GraphKeys.MODEL_VARIABLES) == _names(tf.GraphKeys.GLOBAL_VARIABLES)
    assert _names(tf.GraphKeys.TRAINABLE_VARIABLES) == _names(tf.GraphKeys.GLOBAL_VARIABLES)
    assert y.op.name == "fully_connected/Relu"
    assert y.op.inputs[0].op.name == "fully_connected/BiasAdd"
    assert y.op.inputs[0].op.inputs[0].op.name == "fully_connected/MatMul"
    assert y2.op.name == "fully_connected_1/BiasAdd"
    assert y2.get_shape().as_list() == [2, 2]
    got = _run(y)
  np.testing.assert_allclose(got, np.maximum(x_val @ w_val + 0.5, 0), rtol=1e-6)


def test_fully_connected_rank3_and_no_bias_and_reuse():
  with tf.Graph().as_default():
    x_val = np.random.RandomState(0).randn(2, 3, 5).astype(np.float32)
    x = tf.constant(x_val)
    y = layers.fully_connected(x, 4, activation_fn=None, biases_initializer=None,
                               weights_initializer=tf.ones_initializer(), scope="fc")
    y_again = layers.fully_connected(x, 4, activation_fn=None, biases_initializer=None,
                                     scope="fc", reuse=True)
    assert _names(tf.GraphKeys.GLOBAL_VARIABLES) == ["fc/weights"]
    assert y.get_shape().as_list() == [2, 3, 4]
    a, b = _run([y, y_again])
  np.testing.assert_allclose(a, np.repeat(x_val.sum(-1, keepdims=True), 4, -1), rtol=1e-5)
  np.testing.assert_allclose(a, b)


def test_fully_connected_bad_input():
  with tf.Graph().as_default():
    with pytest.raises(ValueError, match="num_outputs type should be one of"):
      layers.fully_connected(tf.ones([2, 3]), 4.0)
    with pytest.raises(ValueError, match="last dimension of the inputs to `Dense`"):
      layers.fully_connected(tf.placeholder(tf.float32, [2, None]), 4)


def test_xavier_default_initializer_range():
  with tf.Graph().as_default():
    layers.fully_connected(tf.ones([1, 30]), 50)
    w = _run(tf.global_variables()[0])
  limit = np.sqrt(6.0 / (30 + 50))
  assert np.all(np.abs(w) <= limit) and w.std() > limit / 3


def test_regularizers_loss_name_and_value():
  with tf.Graph().as_default():
    layers.fully_connected(tf.ones([1, 3]), 2, weights_initializer=tf.ones_initializer(),
                           weights_regularizer=layers.l2_regularizer(0.1),
                           biases_regularizer=layers.l1_regularizer(0.5),
                           biases_initializer=tf.constant_initializer(-2.0))
    losses = tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES)
    assert [l.op.name for l in losses] == [
        "fully_connected/kernel/Regularizer/l2_regularizer",
        "fully_connected/bias/Regularizer/l1_regularizer"]
    got = _run(losses)
  np.testing.assert_allclose(got, [0.1 * 6 / 2, 0.5 * 4.0], rtol=1e-6)


@pytest.mark.parametrize("padding,stride", [("SAME", 1), ("VALID", 1), ("SAME", 2)])
def test_conv2d_values_and_names(padding, stride):
  rng = np.random.RandomState(1)
  x_val = rng.randn(2, 6, 5, 3).astype(np.float32)
  w_val = rng.randn(3, 3, 3, 4).astype(np.float32)
  with tf.Graph().as_default():
    y = layers.conv2d(tf.constant(x_val), 4, [3, 3], stride=stride, padding=padding,
                      weights_initializer=tf.constant_initializer(w_val),
                      biases_initializer=tf.constant_initializer(0.25))
    y2 = layers.conv2d(y, 2, 1, activation_fn=None)
    assert _names(tf.GraphKeys.MODEL_VARIABLES) == [
        "Conv/weights", "Conv/biases", "Conv_1/weights", "Conv_1/biases"]
    assert [v.shape.as_list() for v in tf.global_variables()] == [
        [3, 3, 3, 4], [4], [1, 1, 4, 2], [2]]
    assert y.op.name == "Conv/Relu"
    assert y.op.inputs[0].op.name == "Conv/BiasAdd"
    assert y.op.inputs[0].op.inputs[0].op.name == "Conv/Conv2D"
    assert y2.op.name == "Conv_1/BiasAdd"
    got = _run(y)
  want = np.maximum(_conv2d_nhwc(x_val, w_val, stride, padding) + 0.25, 0)
  np.testing.assert_allclose(got, want, rtol=1e-4, atol=1e-5)


def test_convolution_aliases_1d_and_nchw():
  rng = np.random.RandomState(2)
  x_val = rng.randn(2, 5, 4, 3).astype(np.float32)
  w_val = rng.randn(3, 3, 3, 2).astype(np.float32)
  with tf.Graph().as_default():
    assert layers.conv2d is layers.convolution2d
    nchw = layers.convolution(tf.constant(x_val.transpose(0, 3, 1, 2)), 2, 3,
                              data_format="NCHW", activation_fn=None,
                              weights_initializer=tf.constant_initializer(w_val))
    y1 = layers.conv1d(tf.ones([2, 7, 3]), 5, 3, scope="c1")
    assert y1.get_shape().as_list() == [2, 7, 5]
    assert tf.get_default_graph().get_tensor_by_name("c1/weights:0").shape.as_list() == [
        3, 3, 5]
    with pytest.raises(ValueError, match="Convolution expects input with rank 4, got 2"):
      layers.conv2d(tf.ones([2, 3]), 4, 3)
    with pytest.raises(ValueError, match="Invalid data_format"):
      layers.convolution(tf.ones([1, 4, 4, 1]), 1, 3, data_format="HWCN")
    got = _run(nchw)
  want = _conv2d_nhwc(x_val, w_val, 1, "SAME").transpose(0, 3, 1, 2)
  np.testing.assert_allclose(got, want, rtol=1e-4, atol=1e-5)


def test_conv2d_with_batch_norm_normalizer_has_no_biases():
  with tf.Graph().as_default():
    layers.conv2d(tf.ones([2, 4, 4, 3]), 8, 3, normalizer_fn=layers.batch_norm,
                  normalizer_params={"scale": True})
    assert _names(tf.GraphKeys.GLOBAL_VARIABLES) == [
        "Conv/weights", "Conv/BatchNorm/gamma", "Conv/BatchNorm/beta",
        "Conv/BatchNorm/moving_mean", "Conv/BatchNorm/moving_variance"]
    assert _names(tf.GraphKeys.TRAINABLE_VARIABLES) == [
        "Conv/weights", "Conv/BatchNorm/gamma", "Conv/BatchNorm/beta"]


@pytest.mark.parametrize("padding", ["SAME", "VALID"])
def test_conv2d_transpose(padding):
  rng = np.random.RandomState(3)
  x_val = rng.randn(2, 3, 4, 2).astype(np.float32)
  w_val = rng.randn(3, 3, 5, 2).astype(np.float32)
  with tf.Graph().as_default():
    x = tf.constant(x_val)
    y = layers.conv2d_transpose(x, 5, 3, stride=2, padding=padding, activation_fn=None,
                                weights_initializer=tf.constant_initializer(w_val),
                                biases_initializer=tf.constant_initializer(1.0))
    assert _names(tf.GraphKeys.MODEL_VARIABLES) == ["Conv2d_transpose/weights",
                                                     "Conv2d_transpose/biases"]
    want_shape = [2, 6, 8, 5] if padding == "SAME" else [2, 7, 9, 5]
    assert y.get_shape().as_list() == want_shape
    ref = tf.nn.conv2d_transpose(x, tf.constant(w_val), want_shape, [1, 2, 2, 1],
                                 padding=padding) + 1.0
    got, want = _run([y, ref])
  np.testing.assert_allclose(got, want, rtol=1e-5)


def test_separable_conv2d_variables_and_values():
  rng = np.random.RandomState(4)
  x_val = rng.randn(1, 4, 4, 2).astype(np.float32)
  dw = rng.randn(3, 3, 2, 2).astype(np.float32)
  with tf.Graph().as_default():
    x = tf.constant(x_val)
    y = layers.separable_conv2d(x, 3, 3, depth_multiplier=2)
    d = layers.separable_conv2d(x, None, 3, depth_multiplier=2, activation_fn=None,
                                weights_initializer=tf.constant_initializer(dw),
                                biases_initializer=tf.constant_initializer(0.5))
    assert [(v.op.name, v.shape.as_list()) for v in tf.model_variables()] == [
        ("SeparableConv2d/depthwise_weights", [3, 3, 2, 2]),
        ("SeparableConv2d/pointwise_weights", [1, 1, 4, 3]),
        ("SeparableConv2d/biases", [3]),
        ("SeparableConv2d_1/depthwise_weights", [3, 3, 2, 2]),
        ("SeparableConv2d_1/biases", [4])]
    assert y.get_shape().as_list() == [1, 4, 4, 3]
    assert d.get_shape().as_list() == [1, 4, 4, 4]
    got = _run(d)
  # Depthwise output channel c * multiplier + m uses filter [:, :, c, m].
  want = np.zeros((1, 4, 4, 4))
  for c in range(2):
    for m in range(2):
      want[..., c * 2 + m] = _conv2d_nhwc(x_val[..., c:c + 1], dw[:, :, c:c + 1, m:m + 1], 1,
                                          "SAME")[..., 0]
  np.testing.assert_allclose(got, want + 0.5, rtol=1e-4, atol=1e-5)


def test_pools_names_defaults_and_values():
  x_val = np.random.RandomState(5).randn(1, 4, 6, 2).astype(np.float32)
  with tf.Graph().as_default():
    x = tf.constant(x_val)
    m = layers.max_pool2d(x, 2)
    a = layers.avg_pool2d(x, [2, 2], scope="pool")
    m_nchw = layers.max_pool2d(tf.transpose(x, [0, 3, 1, 2]), 2, data_format="NCHW")
    assert m.op.name == "MaxPool2D/MaxPool" and a.op.name == "pool/AvgPool"
    assert m_nchw.op.name == "MaxPool2D_1/MaxPool"
    with pytest.raises(ValueError, match="data_format has to be either NCHW or NHWC"):
      layers.max_pool2d(x, 2, data_format="CHWN")
    got_m, got_a, got_n = _run([m, a, m_nchw])
  blocks = x_val.reshape(1, 2, 2, 3, 2, 2).transpose(0, 1, 3, 5, 2, 4).reshape(1, 2, 3, 2, 4)
  np.testing.assert_allclose(got_m, blocks.max(-1))
  np.testing.assert_allclose(got_a, blocks.mean(-1), rtol=1e-6)
  np.testing.assert_allclose(got_n, blocks.max(-1).transpose(0, 3, 1, 2))


def test_flatten_and_one_hot_and_unit_norm():
  with tf.Graph().as_default():
    x = tf.placeholder(tf.float32, [None, 2, 3])
    f = layers.flatten(x)
    assert f.get_shape().as_list() == [None, 6] and f.op.name == "Flatten/flatten/Reshape"
    oh = layers.one_hot_encoding(tf.constant([0, 2]), 3)
    u = layers.unit_norm(tf.constant([[3.0, 4.0], [0.0, 2.0]]), 1)
    x_val = np.arange(12, dtype=np.float32).reshape(2, 2, 3)
    got_f, got_oh, got_u = _run([f, oh, u], {x: x_val})
  np.testing.assert_array_equal(got_f, x_val.reshape(2, 6))
  np.testing.assert_array_equal(got_oh, [[1, 0, 0], [0, 0, 1]])
  np.testing.assert_allclose(got_u, [[0.6, 0.8], [0, 1]], rtol=1e-5)


def test_dropout_training_flag():
  with tf.Graph().as_default():
    x = tf.ones([50, 40])
    train = layers.dropout(x, keep_prob=0.5, seed=1)
    test = layers.dropout(x, is_training=False)
    flag = tf.placeholder(tf.bool, [])
    switched = layers.dropout(x, keep_prob=0.5, is_training=flag)
    assert test.op.name == "Dropout_1/Identity"
    assert train.op.name.startswith("Dropout/dropout/")
    with tf.Session() as sess:
      t, e = sess.run([train, test])
      s_on = sess.run(switched, {flag: True})
      s_off = sess.run(switched, {flag: False})
  assert set(np.unique(t)) <= {0.0, 2.0} and 0.35 < (t > 0).mean() < 0.65
  np.testing.assert_array_equal(e, np.ones([50, 40]))
  assert set(np.unique(s_on)) <= {0.0, 2.0} and 0.35 < (s_on > 0).mean() < 0.65
  np.testing.assert_array_equal(s_off, np.ones([50, 40]))


def _bn_ref(x, axes, eps, gamma=1.0, beta=0.0):
  mean = x.mean(axis=axes)
  var = x.var(axis=axes)
  return (x - mean) / np.sqrt(var + eps) * gamma + beta, mean, var


@pytest.mark.parametrize("fused", [None, False])
def test_batch_norm_training_updates_in_update_ops(fused):
  x_val = np.random.RandomState(6).randn(4, 3, 3, 2).astype(np.float32) * 2 + 1
  with tf.Graph().as_default():
    y = layers.batch_norm(tf.constant(x_val), decay=0.9, fused=fused)
    assert _names(tf.GraphKeys.GLOBAL_VARIABLES) == [
        "BatchNorm/beta", "BatchNorm/moving_mean", "BatchNorm/moving_variance"]
    assert _names(tf.GraphKeys.MODEL_VARIABLES) == _names(tf.GraphKeys.GLOBAL_VARIABLES)
    assert _names(tf.GraphKeys.TRAINABLE_VARIABLES) == ["BatchNorm/beta"]
    updates = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
    assert [u.op.name for u in updates] == ["BatchNorm/AssignMovingAvg",
                                            "BatchNorm/AssignMovingAvg_1"]
    if fused is None:
      assert y.op.type == "FusedBatchNormV3" and y.op.name == "BatchNorm/FusedBatchNormV3"
    with tf.Session() as sess:
      sess.run(tf.global_variables_initializer())
      got = sess.run(y)
      sess.run(updates)
      mm, mv = sess.run(tf.model_variables()[1:])
  want, mean, var = _bn_ref(x_val, (0, 1, 2), 1e-3)
  np.testing.assert_allclose(got, want, rtol=1e-4, atol=1e-4)
  n = 4 * 3 * 3
  # The fused kernel hands the unbiased variance to the moving average, moments the biased.
  batch_var = var * n / (n - 1) if fused is None else var
  np.testing.assert_allclose(mm, 0.1 * mean, rtol=1e-4, atol=1e-6)
  np.testing.assert_allclose(mv, 0.9 + 0.1 * batch_var, rtol=1e-4)


@pytest.mark.parametrize("fused", [True, False])
def test_batch_norm_in_place_updates_and_inference(fused):
  x_val = np.random.RandomState(7).randn(6, 3).astype(np.float32) + 3
  with tf.Graph().as_default():
    x = tf.constant(x_val)
    y = layers.batch_norm(x, decay=0.5, updates_collections=None, scale=True, fused=fused,
                          param_initializers={"gamma": tf.constant_initializer(2.0)})
    y_test = layers.batch_norm(x, is_training=False, scale=True, fused=fused, scope="BatchNorm",
                               reuse=True)
    assert not tf.get_collection(tf.GraphKeys.UPDATE_OPS)
    assert _names(tf.GraphKeys.GLOBAL_VARIABLES) == [
        "BatchNorm/beta", "BatchNorm/gamma", "BatchNorm/moving_mean",
        "BatchNorm/moving_variance"]
    with tf.Session() as sess:
      sess.run(tf.global_variables_initializer())
      got = sess.run(y)
      mm = sess.run("BatchNorm/moving_mean:0")
      inferred = sess.run(y_test)
      mv = sess.run("BatchNorm/moving_variance:0")
  want, mean, _ = _bn_ref(x_val, (0,), 1e-3, gamma=2.0)
  np.testing.assert_allclose(got, want, rtol=1e-4, atol=1e-4)
  np.testing.assert_allclose(mm, 0.5 * mean, rtol=1e-5)
  np.testing.assert_allclose(inferred, (x_val - mm) / np.sqrt(mv + 1e-3) * 2.0, rtol=1e-4,
                             atol=1e-4)


def test_batch_norm_tensor_is_training_and_nchw():
  x_val = np.random.RandomState(8).randn(2, 3, 4, 4).astype(np.float32)
  with tf.Graph().as_default():
    flag = tf.placeholder(tf.bool, [])
    y = layers.batch_norm(tf.constant(x_val), is_training=flag, data_format="NCHW",
                          center=False)
    updates = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
    assert len(updates) == 2
    assert _names(tf.GraphKeys.GLOBAL_VARIABLES) == ["BatchNorm/moving_mean",
                                                     "BatchNorm/moving_variance"]
    with tf.Session() as sess:
      sess.run(tf.global_variables_initializer())
      train_out = sess.run(y, {flag: True})
      test_out = sess.run(y, {flag: False})
      sess.run(updates, {flag: False})
      mm_after_test = sess.run("BatchNorm/moving_mean:0")
  mean = x_val.mean(axis=(0, 2, 3), keepdims=True)
  var = x_val.var(axis=(0, 2, 3), keepdims=True)
  np.testing.assert_allclose(train_out, (x_val - mean) / np.sqrt(var + 1e-3), rtol=1e-4,
                             atol=1e-4)
  np.testing.assert_allclose(test_out, x_val / np.sqrt(1 + 1e-3), rtol=1e-5)
  np.testing.assert_array_equal(mm_after_test, np.zeros(3))


def test_batch_norm_zero_debias_and_errors():
  with tf.Graph().as_default():
    layers.batch_norm(tf.ones([2, 2, 2, 3]), zero_debias_moving_mean=True)
    names = [v.op.name for v in tf.global_variables()]
    # assign_moving_average opens a variable scope named after the variable inside the
    # current one (BatchNorm), as TF 1.15's does.
    assert "BatchNorm/BatchNorm/moving_mean/biased" in names
    assert "BatchNorm/BatchNorm/moving_mean/local_step" in names
    with pytest.raises(ValueError, match="undefined rank"):
      layers.batch_norm(tf.placeholder(tf.float32))
    with pytest.raises(ValueError, match="data_format has to be either NCHW or NHWC"):
      layers.batch_norm(tf.ones([2, 3]), data_format="NWC")
    with pytest.raises(NotImplementedError, match="renorm"):
      layers.batch_norm(tf.ones([2, 3]), renorm=True)


def test_layer_norm_values_and_param_shapes():
  x_val = np.random.RandomState(9).randn(2, 3, 4).astype(np.float32)
  with tf.Graph().as_default():
    y = layers.layer_norm(tf.constant(x_val))
    y2 = layers.layer_norm(tf.constant(x_val), begin_norm_axis=-1, begin_params_axis=1)
    assert [(v.op.name, v.shape.as_list()) for v in tf.model_variables()] == [
        ("LayerNorm/beta", [4]), ("LayerNorm/gamma", [4]),
        ("LayerNorm_1/beta", [3, 4]), ("LayerNorm_1/gamma", [3, 4])]
    with pytest.raises(ValueError, match="must be < rank"):
      layers.layer_norm(tf.constant(x_val), begin_norm_axis=3)
    got, got2 = _run([y, y2])
  m = x_val.mean(axis=(1, 2), keepdims=True)
  v = x_val.var(axis=(1, 2), keepdims=True)
  np.testing.assert_allclose(got, (x_val - m) / np.sqrt(v + 1e-12), rtol=1e-4, atol=1e-5)
  m2 = x_val.mean(axis=2, keepdims=True)
  v2 = x_val.var(axis=2, keepdims=True)
  np.testing.assert_allclose(got2, (x_val - m2) / np.sqrt(v2 + 1e-12), rtol=1e-4, atol=1e-5)


def test_repeat_stack_arg_scope_and_outputs_collections():
  with tf.Graph().as_default():
    x = tf.ones([1, 8, 8, 3])
    with tf.contrib.framework.arg_scope([layers.conv2d], padding="VALID",
                                        outputs_collections="acts"):
      y = layers.repeat(x, 2, layers.conv2d, 4, [3, 3], scope="conv1")
    z = layers.stack(tf.ones([2, 5]), layers.fully_connected, [3, 6], scope="fc")
    w = layers.stack(tf.ones([2, 5]), layers.fully_connected, [3])
    assert y.get_shape().as_list() == [1, 4, 4, 4]
    assert _names(tf.GraphKeys.GLOBAL_VARIABLES) == [
        "conv1/conv1_1/weights", "conv1/conv1_1/biases", "conv1/conv1_2/weights",
        "conv1/conv1_2/biases", "fc/fc_1/weights", "fc/fc_1/biases", "fc/fc_2/weights",
        "fc/fc_2/biases", "Stack/fully_connected_1/weights",
        "Stack/fully_connected_1/biases"]
    acts = tf.get_collection("acts")
    assert [t.aliases for t in acts] == [["conv1/conv1_1"], ["conv1/conv1_2"]]
    assert acts[1] is y and z.get_shape().as_list() == [2, 6]
    assert w.op.name == "Stack/fully_connected_1/Relu"
    d = layers.utils.convert_collection_to_dict("acts")
    assert sorted(d) == ["conv1/conv1_1", "conv1/conv1_2"]


def test_variables_collections_dict():
  with tf.Graph().as_default():
    layers.fully_connected(tf.ones([1, 2]), 3, variables_collections={"weights": ["W"]})
    layers.batch_norm(tf.ones([2, 2, 2, 3]), variables_collections=["BN"])
    assert _names("W") == ["fully_connected/weights"]
    assert _names("BN") == ["BatchNorm/beta", "BatchNorm/moving_mean",
                            "BatchNorm/moving_variance"]


def _loss_graph():
  x = tf.constant(np.random.RandomState(10).randn(8, 3).astype(np.float32))
  target = tf.reduce_sum(x, 1, keepdims=True)
  pred = layers.fully_connected(x, 1, activation_fn=None)
  return tf.reduce_mean(tf.square(pred - target))


@pytest.mark.parametrize("optimizer", ["SGD", "Adam", "Momentum", "Adagrad", "RMSProp",
                                       "Ftrl", tf.train.GradientDescentOptimizer,
                                       "instance"])
def test_optimize_loss_trains_and_increments_step(optimizer):
  with tf.Graph().as_default():
    loss = _loss_graph()
    step = tf.train.get_or_create_global_step()
    if optimizer == "instance":
      optimizer = tf.train.GradientDescentOptimizer(0.05)
    train = layers.optimize_loss(loss, step, 0.05, optimizer, clip_gradients=10.0)
    tags = sorted(s.op.inputs[0].op.get_attr("value").string_val[0].decode()
                  for s in tf.get_collection(tf.GraphKeys.SUMMARIES))
    # TF 1.15 only summarizes the learning rate when a learning_rate_decay_fn is given.
    assert tags == ["OptimizeLoss/global_norm/clipped_gradient_norm",
                    "OptimizeLoss/global_norm/gradient_norm", "OptimizeLoss/loss"]
    assert "OptimizeLoss/learning_rate" in [v.op.name for v in tf.global_variables()]
    with tf.Session() as sess:
      sess.run(tf.global_variables_initializer())
      first = sess.run(loss)
      for _ in range(30):
        sess.run(train)
      assert sess.run(step) == 30
      assert sess.run(loss) < first


def test_optimize_loss_errors_and_options():
  with tf.Graph().as_default():
    loss = _loss_graph()
    step = tf.train.get_or_create_global_step()
    with pytest.raises(ValueError, match="Optimizer name should be one of"):
      layers.optimize_loss(loss, step, 0.1, "Nope")
    with pytest.raises(ValueError, match="Summaries should be one of"):
      layers.optimize_loss(loss, step, 0.1, "SGD", summaries=["weights"])
    with pytest.raises(ValueError, match="Learning rate should be 0d Tensor or float"):
      layers.optimize_loss(loss, step, 1, "SGD")
    with pytest.raises(ValueError, match="Expected scalar shape"):
      layers.optimize_loss(tf.ones([2]), step, 0.1, "SGD")
    train = layers.optimize_loss(loss, step, tf.constant(0.1), "SGD", name="opt2",
                                 increment_global_step=False, gradient_noise_scale=0.0,
                                 summaries=["gradients", "gradient_norm"],
                                 gradient_multipliers={"fully_connected/weights:0": 0.0})
    with tf.Session() as sess:
      sess.run(tf.global_variables_initializer())
      w0 = sess.run("fully_connected/weights:0")
      sess.run(train)
      np.testing.assert_array_equal(sess.run("fully_connected/weights:0"), w0)
      assert sess.run(step) == 0


def test_optimize_loss_decay_fn_summarizes_learning_rate():
  with tf.Graph().as_default():
    loss = _loss_graph()
    step = tf.train.get_or_create_global_step()
    layers.optimize_loss(loss, step, 0.5, "SGD", summaries=["learning_rate"],
                         learning_rate_decay_fn=lambda lr, s: lr * 0.5)
    summaries = tf.get_collection(tf.GraphKeys.SUMMARIES)
    assert len(summaries) == 1
    with tf.Session() as sess:
      sess.run(tf.global_variables_initializer())
      value = tf.Summary.FromString(sess.run(summaries[0])).value[0]
  # The learning_rate variable already holds the name scope, so TF's tag gets a suffix too.
  assert value.tag == "OptimizeLoss/learning_rate_1" and value.simple_value == 0.25


def test_summarize_activations():
  with tf.Graph().as_default():
    x = tf.constant([[-1.0, 2.0, 7.0, -3.0]])
    r = tf.nn.relu6(x, name="act")
    tf.add_to_collection(tf.GraphKeys.ACTIVATIONS, r)
    summaries = layers.summarize_activations()
    assert len(summaries) == 1
    scalars = tf.get_collection(tf.GraphKeys.SUMMARIES)
    assert len(scalars) == 3
    with tf.Session() as sess:
      outs = [tf.Summary.FromString(v) for v in sess.run(scalars)]
  by_tag = {v.tag: v for s in outs for v in s.value}
  assert by_tag["act/zeros"].simple_value == pytest.approx(0.5)
  assert by_tag["act/sixes"].simple_value == pytest.approx(0.25)
  assert by_tag["act/activation"].histo.num == 4


def test_conv2d_rate_is_a_dilated_convolution():
  rng = np.random.RandomState(11)
  x_val = rng.randn(1, 7, 7, 1).astype(np.float32)
  w_val = rng.randn(3, 3, 1, 1).astype(np.float32)
  with tf.Graph().as_default():
    y = layers.conv2d(tf.constant(x_val), 1, 3, rate=2, padding="VALID", activation_fn=None,
                      weights_initializer=tf.constant_initializer(w_val))
    with pytest.raises(ValueError, match="dilation rate != 1"):
      layers.conv2d(tf.constant(x_val), 1, 3, rate=2, stride=2)
    got = _run(y)
  dilated = np.zeros((5, 5, 1, 1), np.float32)
  dilated[::2, ::2] = w_val
  np.testing.assert_allclose(got, _conv2d_nhwc(x_val, dilated, 1, "VALID"), rtol=1e-4,
                             atol=1e-5)
