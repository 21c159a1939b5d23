"""tf.layers convolutions, pooling and batch normalization against real TensorFlow
(tests/goldens/cases_layers_conv.py): seeded initial weights, outputs, gradients, an SGD step,
moving-statistics updates and GraphDefs; plus formats, reuse, collections and errors."""
import numpy as np
import pytest
import tensorflow as tf

from layers_golden_util import Goldens

G = Goldens("layers_conv")

_GRAPH_CASES = ("conv_graph", "conv_graph_other", "transpose3d_graph", "pool1d_graph",
                "bn_graph_inference", "bn_graph_training", "bn_graph_cond", "bn_graph_cond_fused")


@pytest.mark.parametrize("case", sorted(c for c in G.mod.CASES if c not in _GRAPH_CASES))
def test_values_match_tensorflow(case):
  G.check_values(case, rtol=2e-5, atol=2e-5)


def _tf115_only(name):
  # TF 1.15's nn_ops.Convolution leaves a `dilation_rate` constant in the layer's scope, and
  # its fused batch norm makes the momentum constant even in inference; TF 2.x makes neither.
  # In training, TF 1.15's fused batch norm feeds FusedBatchNormV3 empty mean/variance
  # constants where TF 2.x feeds the moving statistics (through cond Switches).
  return (name.endswith("/dilation_rate") or name == "batch_normalization/Const" or
          name in ("batch_normalization/cond/Const", "batch_normalization/cond/Const_1",
                   "batch_normalization/cond/FusedBatchNormV3/Switch_3",
                   "batch_normalization/cond/FusedBatchNormV3/Switch_4"))


@pytest.mark.parametrize("case", _GRAPH_CASES)
def test_graph_matches_tensorflow(case):
  G.check_graph(case, ignore=_tf115_only)


def _run(fetches, feeds=None):
  with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    return sess.run(fetches, feeds)


def test_conv_names_and_node_names():
  with tf.Graph().as_default():
    x = tf.placeholder(tf.float32, [None, 8, 8, 3])
    y = tf.layers.conv2d(x, 4, 3, name="conv1")
    z = tf.layers.conv2d(x, 4, 3)
    assert y.op.name == "conv1/BiasAdd" and y.shape.as_list() == [None, 6, 6, 4]
    assert z.op.inputs[0].op.name == "conv2d/Conv2D"
    tf.layers.conv2d(x, 4, 3, name="conv1", reuse=True)
    assert [v.op.name for v in tf.global_variables()] == [
        "conv1/kernel", "conv1/bias", "conv2d/kernel", "conv2d/bias"]
    assert tf.global_variables()[0].shape.as_list() == [3, 3, 3, 4]
    with pytest.raises(ValueError, match="already exists"):
      tf.layers.conv2d(x, 4, 3, name="conv1")
    c1 = tf.layers.conv1d(tf.ones([2, 5, 3]), 2, 2)
    assert c1.op.inputs[0].op.name == "conv1d/conv1d/Squeeze"


@pytest.mark.parametrize("rank", [1, 2, 3])
def test_channels_first_equals_channels_last(rank):
  rng = np.random.RandomState(rank)
  shape = [2] + [5] * rank + [3]
  x = rng.randn(*shape).astype(np.float32)
  perm = [0, rank + 1] + list(range(1, rank + 1))
  back = [0] + list(range(2, rank + 2)) + [1]
  conv = {1: tf.layers.conv1d, 2: tf.layers.conv2d, 3: tf.layers.conv3d}[rank]
  with tf.Graph().as_default():
    bias = tf.constant_initializer(np.arange(4, dtype=np.float32))
    a = conv(tf.constant(x), 4, 2, strides=2, padding="same",
             kernel_initializer=tf.ones_initializer(), bias_initializer=bias)
    b = conv(tf.constant(x.transpose(perm)), 4, 2, strides=2, padding="SAME",
             data_format="channels_first", kernel_initializer=tf.ones_initializer(),
             bias_initializer=bias)
    assert b.shape.as_list()[1] == 4
    va, vb = _run([a, b])
  np.testing.assert_allclose(vb.transpose(back), va, rtol=1e-5, atol=1e-5)


def test_transpose_channels_first_and_separable_channels_first():
  rng = np.random.RandomState(0)
  x = rng.randn(2, 4, 5, 3).astype(np.float32)
  with tf.Graph().as_default():
    k = tf.constant_initializer(rng.randn(3, 3, 2, 3).astype(np.float32))
    a = tf.layers.conv2d_transpose(tf.constant(x), 2, 3, strides=2, kernel_initializer=k,
                                   bias_initializer=tf.ones_initializer())
    b = tf.layers.conv2d_transpose(tf.constant(x.transpose(0, 3, 1, 2)), 2, 3, strides=2,
                                   data_format="channels_first", kernel_initializer=k,
                                   bias_initializer=tf.ones_initializer())
    assert b.shape.as_list() == [2, 2, 9, 11]
    d = tf.constant_initializer(rng.randn(3, 3, 3, 1).astype(np.float32))
    p = tf.constant_initializer(rng.randn(1, 1, 3, 2).astype(np.float32))
    s1 = tf.layers.separable_conv2d(tf.constant(x), 2, 3, depthwise_initializer=d,
                                    pointwise_initializer=p)
    s2 = tf.layers.separable_conv2d(tf.constant(x.transpose(0, 3, 1, 2)), 2, 3,
                                    data_format="channels_first", depthwise_initializer=d,
                                    pointwise_initializer=p)
    va, vb, vs1, vs2 = _run([a, b, s1, s2])
  np.testing.assert_allclose(vb.transpose(0, 2, 3, 1), va, rtol=1e-5, atol=1e-5)
  np.testing.assert_allclose(vs2.transpose(0, 2, 3, 1), vs1, rtol=1e-5, atol=1e-5)


def test_conv_errors():
  with tf.Graph().as_default():
    x = tf.placeholder(tf.float32, [None, 8, 8, 3])
    with pytest.raises(ValueError, match="expected ndim=4, found ndim=3"):
      tf.layers.conv2d(tf.ones([2, 3, 3]), 2, 2)
    with pytest.raises(ValueError, match="channel dimension of the inputs should be defined"):
      tf.layers.conv2d(tf.placeholder(tf.float32, [None, 4, 4, None]), 2, 2)
    with pytest.raises(ValueError, match="`padding` argument"):
      tf.layers.conv2d(x, 2, 2, padding="full")
    with pytest.raises(ValueError, match="Causal padding is only supported"):
      tf.layers.conv2d(x, 2, 2, padding="causal")
    with pytest.raises(ValueError, match="`kernel_size` argument must be a tuple of 2"):
      tf.layers.conv2d(x, 2, (1, 2, 3))
    with pytest.raises(ValueError, match="`data_format` argument"):
      tf.layers.conv2d(x, 2, 2, data_format="NHWC")
    with pytest.raises(ValueError, match="strides > 1 not supported in conjunction"):
      tf.layers.conv2d(x, 2, 2, strides=2, dilation_rate=2)
    # Dilated layers build TF 1.15's SpaceToBatchND / Conv2D / BatchToSpaceND sandwich.
    dilated = tf.layers.conv2d(x, 2, 2, dilation_rate=2, name="dilated")
    assert dilated.op.inputs[0].op.type == "BatchToSpaceND"
    layer = tf.layers.Conv2D(2, 2)
    layer(x)
    with pytest.raises(ValueError, match="expected axis -1 of input shape to have value 3"):
      layer(tf.ones([1, 4, 4, 5]))
    with pytest.raises(ValueError, match="`strides` must not be None"):
      tf.layers.max_pooling2d(x, 2, None)


def test_pool_names_and_shapes():
  with tf.Graph().as_default():
    x = tf.placeholder(tf.float32, [None, 7, 7, 2])
    y = tf.layers.max_pooling2d(x, 3, 2)
    z = tf.layers.average_pooling2d(x, 2, 2, padding="same", name="pool")
    assert y.op.name == "max_pooling2d/MaxPool" and y.shape.as_list() == [None, 3, 3, 2]
    assert z.op.name == "pool/AvgPool" and z.shape.as_list() == [None, 4, 4, 2]
    assert not tf.global_variables()


def test_batch_norm_variables_and_updates():
  with tf.Graph().as_default():
    x = tf.placeholder(tf.float32, [None, 4, 4, 3])
    y = tf.layers.batch_normalization(x, training=True, name="bn")
    assert y.op.type == "FusedBatchNormV3"
    assert [v.op.name for v in tf.global_variables()] == [
        "bn/gamma", "bn/beta", "bn/moving_mean", "bn/moving_variance"]
    assert [v.op.name for v in tf.trainable_variables()] == ["bn/gamma", "bn/beta"]
    updates = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
    assert [u.name for u in updates] == ["bn/AssignMovingAvg", "bn/AssignMovingAvg_1"]
    assert all(u.type == "AssignSub" for u in updates)
    assert not tf.get_collection(tf.GraphKeys.MOVING_AVERAGE_VARIABLES)
    tf.layers.batch_normalization(x, training=True, trainable=False)
    assert len(tf.get_collection(tf.GraphKeys.UPDATE_OPS)) == 2
    y2 = tf.layers.batch_normalization(tf.placeholder(tf.float32, [None, 3]))
    assert y2.op.name == "batch_normalization_1/batchnorm/add_1"
    assert len(tf.get_collection(tf.GraphKeys.UPDATE_OPS)) == 2


def test_batch_norm_trains_in_a_loop():
  """The train op with the UPDATE_OPS dependency moves the statistics towards the data's."""
  rng = np.random.RandomState(1)
  data = (rng.randn(64, 6) * 3.0 + 2.0).astype(np.float32)
  with tf.Graph().as_default():
    x = tf.constant(data)
    y = tf.layers.batch_normalization(x, training=True, momentum=0.5)
    loss = tf.reduce_mean(tf.square(y - 1.0))
    with tf.control_dependencies(tf.get_collection(tf.GraphKeys.UPDATE_OPS)):
      train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
    mm, mv = tf.global_variables()[2:4]
    with tf.Session() as sess:
      sess.run(tf.global_variables_initializer())
      for _ in range(20):
        sess.run(train)
      got_mean, got_var = sess.run([mm, mv])
  np.testing.assert_allclose(got_mean, data.mean(0), rtol=1e-4)
  np.testing.assert_allclose(got_var, data.var(0), rtol=1e-4)


def test_batch_norm_errors():
  with tf.Graph().as_default():
    x = tf.placeholder(tf.float32, [None, 4])
    with pytest.raises(NotImplementedError, match="renorm is not supported yet"):
      tf.layers.batch_normalization(x, renorm=True)
    with pytest.raises(NotImplementedError, match="virtual_batch_size is not supported yet"):
      tf.layers.batch_normalization(x, virtual_batch_size=2)
    with pytest.raises(ValueError, match="Invalid axis: 4"):
      tf.layers.batch_normalization(x, axis=4)
    with pytest.raises(ValueError, match="undefined `axis` dimension"):
      tf.layers.batch_normalization(tf.placeholder(tf.float32, [None, None]))
    with pytest.raises(TypeError, match="axis must be int or list"):
      tf.layers.BatchNormalization(axis="x")


def test_pool_channels_first_2d_uses_nchw_op():
  x = np.random.RandomState(2).randn(2, 3, 6, 5).astype(np.float32)
  with tf.Graph().as_default():
    a = tf.layers.max_pooling2d(tf.constant(x), 2, 2, data_format="channels_first")
    b = tf.layers.average_pooling2d(tf.constant(x), 3, 1, padding="same",
                                    data_format="channels_first")
    c = tf.layers.average_pooling2d(tf.constant(x.transpose(0, 2, 3, 1)), 3, 1, padding="same")
    assert a.op.type == "MaxPool" and a.op.get_attr("data_format") == b"NCHW"
    va, vb, vc = _run([a, b, c])
  np.testing.assert_allclose(va, x[..., :4].reshape(2, 3, 3, 2, 2, 2).max(axis=(3, 5)),
                             rtol=1e-6)
  np.testing.assert_allclose(vb.transpose(0, 2, 3, 1), vc, rtol=1e-6)


def test_conv_regularizers_constraints_and_trainable():
  with tf.Graph().as_default():
    x = tf.ones([1, 4, 4, 2])
    layer = tf.layers.Conv2D(3, 2, kernel_initializer=tf.ones_initializer(),
                             kernel_regularizer=lambda w: tf.reduce_sum(w) * 0.1,
                             bias_regularizer=lambda b: tf.reduce_sum(b + 1.0),
                             kernel_constraint=lambda w: tf.clip_by_value(w, 0.0, 0.5))
    layer(x)
    assert layer.kernel.constraint is not None
    reg = tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES)
    assert [r.op.name for r in reg] == ["conv2d/kernel/Regularizer/mul",
                                        "conv2d/bias/Regularizer/Sum"]
    tf.layers.separable_conv2d(x, 2, 2, trainable=False, name="frozen")
    assert [v.op.name for v in tf.trainable_variables()] == ["conv2d/kernel", "conv2d/bias"]
    assert [v.op.name for v in tf.global_variables()][2:] == [
        "frozen/depthwise_kernel", "frozen/pointwise_kernel", "frozen/bias"]
    np.testing.assert_allclose(_run(reg), [2.4, 3.0], rtol=1e-6)


def test_small_cnn_with_batch_norm_and_dropout_learns():
  """A tf.layers CNN (conv, batch norm, pool, dropout, dense) fits a separable toy task."""
  rng = np.random.RandomState(0)
  images = rng.randn(64, 8, 8, 1).astype(np.float32)
  labels = (images[:, :4].mean(axis=(1, 2, 3)) > images[:, 4:].mean(axis=(1, 2, 3)))
  labels = labels.astype(np.int32)
  with tf.Graph().as_default():
    tf.set_random_seed(0)
    x = tf.placeholder(tf.float32, [None, 8, 8, 1])
    y = tf.placeholder(tf.int32, [None])
    training = tf.placeholder_with_default(False, [])
    net = tf.layers.conv2d(x, 8, 3, padding="same", use_bias=False)
    net = tf.nn.relu(tf.layers.batch_normalization(net, training=training))
    net = tf.layers.max_pooling2d(net, 2, 2)
    net = tf.layers.dropout(tf.layers.flatten(net), 0.2, training=training)
    logits = tf.layers.dense(net, 2)
    loss = tf.losses.sparse_softmax_cross_entropy(y, logits)
    with tf.control_dependencies(tf.get_collection(tf.GraphKeys.UPDATE_OPS)):
      train = tf.train.AdamOptimizer(0.01).minimize(loss)
    accuracy = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(logits, 1, output_type=tf.int32), y),
                                      tf.float32))
    with tf.Session() as sess:
      sess.run(tf.global_variables_initializer())
      for _ in range(60):
        sess.run(train, {x: images, y: labels, training: True})
      acc = sess.run(accuracy, {x: images, y: labels})
      moving_mean = sess.run(tf.global_variables()[3])
  assert acc >= 0.95
  assert np.all(moving_mean != 0.0)


def test_batch_norm_training_none_follows_keras_learning_phase():
  x = np.arange(12, dtype=np.float32).reshape(4, 3)
  with tf.Graph().as_default() as g:
    y = tf.layers.batch_normalization(tf.constant(x), training=None)
    phase = g.get_tensor_by_name("keras_learning_phase:0")
    assert phase.op.type == "PlaceholderWithDefault"
    with tf.Session() as sess:
      sess.run(tf.global_variables_initializer())
      inference = sess.run(y)
      training = sess.run(y, {phase: True})
  np.testing.assert_allclose(inference, x / np.sqrt(1.001), rtol=1e-5)
  np.testing.assert_allclose(training, (x - x.mean(0)) / np.sqrt(x.var(0) + 1e-3), rtol=1e-4)
