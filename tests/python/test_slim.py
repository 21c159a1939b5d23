"""tf.contrib.slim: the slim namespace, a VGG-style net's variable names under arg_scope /
repeat / stack, variable look-ups, model_analyzer, slim.losses (contrib.losses) and a short
training run.

Expected names and printed lines are hand-written from TF 1.15's contrib/slim and
contrib/losses sources (real TF 2.x has no contrib to produce goldens); values against NumPy.
"""
import numpy as np
import pytest
import tensorflow as tf

slim = tf.contrib.slim


def _vgg_like(images, is_training=True):
  with slim.arg_scope([slim.conv2d, slim.fully_connected], activation_fn=tf.nn.relu,
                      weights_regularizer=slim.l2_regularizer(0.0005)):
    with slim.arg_scope([slim.conv2d], padding="SAME"):
      net = slim.repeat(images, 2, slim.conv2d, 4, [3, 3], scope="conv1")
      net = slim.max_pool2d(net, [2, 2], scope="pool1")
      net = slim.stack(net, slim.conv2d, [(6, [3, 3]), (8, [1, 1])], scope="conv2")
      net = slim.batch_norm(net, is_training=is_training, scope="bn")
      net = slim.flatten(net, scope="flat")
      net = slim.dropout(net, 0.5, is_training=is_training, scope="dropout")
      return slim.fully_connected(net, 3, activation_fn=None, scope="logits")


def test_namespace():
  from tensorflow.contrib import layers  # pylint: disable=g-import-not-at-top
  assert slim.conv2d is layers.conv2d and slim.fully_connected is layers.fully_connected
  for name in ["arg_scope", "add_arg_scope", "model_variable", "variable", "max_pool2d",
               "avg_pool2d", "dropout", "batch_norm", "flatten", "repeat", "stack",
               "l2_regularizer", "l1_regularizer", "xavier_initializer",
               "variance_scaling_initializer", "get_variables", "get_model_variables",
               "get_variables_to_restore", "get_variables_by_name", "get_trainable_variables",
               "get_or_create_global_step", "assign_from_checkpoint_fn", "one_hot_encoding"]:
    assert callable(getattr(slim, name)), name
  assert slim.losses is tf.contrib.losses
  with pytest.raises(NotImplementedError, match="slim.learning.train is not implemented"):
    slim.learning.train(None, "/tmp/x")


def test_vgg_like_names_and_lookups():
  with tf.Graph().as_default():
    logits = _vgg_like(tf.ones([2, 8, 8, 1]))
    assert logits.get_shape().as_list() == [2, 3]
    names = [v.op.name for v in slim.get_model_variables()]
    assert names == [
        "conv1/conv1_1/weights", "conv1/conv1_1/biases", "conv1/conv1_2/weights",
        "conv1/conv1_2/biases", "conv2/conv2_1/weights", "conv2/conv2_1/biases",
        "conv2/conv2_2/weights", "conv2/conv2_2/biases", "bn/beta", "bn/moving_mean",
        "bn/moving_variance", "logits/weights", "logits/biases"]
    assert [v.op.name for v in slim.get_variables("conv2")] == names[4:8]
    assert [v.op.name for v in slim.get_variables_by_name("weights")] == [
        "conv1/conv1_1/weights", "conv1/conv1_2/weights", "conv2/conv2_1/weights",
        "conv2/conv2_2/weights", "logits/weights"]
    assert [v.op.name for v in slim.get_variables_to_restore(exclude=["logits", "bn"])] == \
        names[:8]
    assert len(slim.get_trainable_variables()) == 11
    assert [v.op.name for v in slim.get_variables(scope="bn", suffix="moving_mean")] == [
        "bn/moving_mean"]
    assert tf.get_default_graph().get_operation_by_name("pool1/MaxPool").type == "MaxPool"
    reg = slim.losses.get_regularization_losses()
    assert [r.op.name for r in reg][:2] == ["conv1/conv1_1/kernel/Regularizer/l2_regularizer",
                                            "conv1/conv1_2/kernel/Regularizer/l2_regularizer"]
    assert len(reg) == 5


def test_model_variable_and_variable():
  with tf.Graph().as_default():
    with slim.arg_scope([slim.model_variable], initializer=tf.constant_initializer(3.0)):
      w = slim.model_variable("w", shape=[2])
    v = slim.variable("v", shape=[], initializer=tf.zeros_initializer())
    assert w in tf.model_variables() and v not in tf.model_variables()
    assert v in tf.global_variables()
    with tf.Session() as sess:
      sess.run(tf.global_variables_initializer())
      np.testing.assert_array_equal(sess.run(w), [3.0, 3.0])


def test_analyze_vars_prints_tf_table(capsys):
  with tf.Graph().as_default():
    slim.conv2d(tf.ones([1, 4, 4, 1]), 2, [3, 3], scope="c")
    total = slim.model_analyzer.analyze_vars(slim.get_model_variables(), print_info=True)
  assert total == (20, 80)
  assert capsys.readouterr().out.splitlines() == [
      "---------",
      "Variables: name (type shape) [size]",
      "---------",
      "c/weights:0 (float32_ref 3x3x1x2) [18, bytes: 72]",
      "c/biases:0 (float32_ref 2) [2, bytes: 8]",
      "Total size of variables: 20",
      "Total bytes of variables: 80"]


def _softmax(z):
  e = np.exp(z - z.max(-1, keepdims=True))
  return e / e.sum(-1, keepdims=True)


def test_losses_values_and_collections():
  rng = np.random.RandomState(0)
  logits_val = rng.randn(4, 3).astype(np.float32)
  labels_val = np.array([0, 2, 1, 2])
  onehot = np.eye(3, dtype=np.float32)[labels_val]
  w = np.array([1.0, 0.0, 2.0, 1.0], np.float32)
  with tf.Graph().as_default():
    logits = tf.constant(logits_val)
    xent = slim.losses.softmax_cross_entropy(logits, tf.constant(onehot))
    xent_w = slim.losses.softmax_cross_entropy(logits, tf.constant(onehot), weights=w,
                                               label_smoothing=0.1, scope="smooth")
    sparse = slim.losses.sparse_softmax_cross_entropy(logits, tf.constant(labels_val))
    mse = slim.losses.mean_squared_error(tf.constant(logits_val), tf.zeros([4, 3]),
                                         weights=tf.constant(w))
    zero = slim.losses.mean_squared_error(tf.ones([2, 2]), tf.zeros([2, 2]), weights=0.0)
    extra = tf.constant(1.5)
    slim.losses.add_loss(extra)
    slim.model_variable("r", shape=[2], initializer=tf.ones_initializer(),
                        regularizer=slim.l2_regularizer(0.5))
    assert slim.losses.get_losses() == [xent, xent_w, sparse, mse, zero, extra]
    assert xent.op.name == "softmax_cross_entropy_loss/value"
    assert xent_w.op.name == "smooth/value"
    total = slim.losses.get_total_loss()
    assert total.op.name == "total_loss"
    with tf.Session() as sess:
      sess.run(tf.global_variables_initializer())
      got = sess.run([xent, xent_w, sparse, mse, zero, total])
  per = -np.sum(onehot * np.log(_softmax(logits_val)), -1)
  smooth = onehot * 0.9 + 0.1 / 3
  per_s = -np.sum(smooth * np.log(_softmax(logits_val)), -1)
  want_mse = np.sum((logits_val ** 2).sum(-1) * w) / (3 * 3)  # 3 non-zero weights x 3 elems
  want = [per.mean(), np.sum(per_s * w) / 3, per.mean(), want_mse, 0.0]
  np.testing.assert_allclose(got[:5], want, rtol=1e-5)
  np.testing.assert_allclose(got[5], sum(want) + 1.5 + 0.5 * 2 / 2, rtol=1e-5)


def test_losses_bad_shapes():
  with tf.Graph().as_default():
    with pytest.raises(ValueError):
      slim.losses.softmax_cross_entropy(tf.ones([2, 3]), tf.ones([2, 4]))
    with pytest.raises(ValueError, match="cannot both be None"):
      slim.losses.cosine_distance(tf.ones([2, 3]), tf.ones([2, 3]))


def test_assign_from_checkpoint_fn(tmp_path):
  path = str(tmp_path / "model.ckpt")
  with tf.Graph().as_default():
    slim.fully_connected(tf.ones([1, 2]), 2, weights_initializer=tf.constant_initializer(4.0))
    with tf.Session() as sess:
      sess.run(tf.global_variables_initializer())
      tf.train.Saver().save(sess, path)
  with tf.Graph().as_default():
    slim.fully_connected(tf.ones([1, 2]), 2)
    init_fn = slim.assign_from_checkpoint_fn(path, slim.get_variables_to_restore())
    with tf.Session() as sess:
      sess.run(tf.global_variables_initializer())
      init_fn(sess)
      np.testing.assert_array_equal(sess.run("fully_connected/weights:0"), np.full([2, 2], 4))


def test_slim_model_trains_with_batch_norm_and_optimize_loss():
  rng = np.random.RandomState(1)
  x_val = rng.rand(32, 8, 8, 1).astype(np.float32)
  y_val = (x_val[:, :4].mean((1, 2, 3)) > x_val[:, 4:].mean((1, 2, 3))).astype(np.int64)
  y_val = y_val + (x_val.mean((1, 2, 3)) > 0.5)
  with tf.Graph().as_default():
    tf.set_random_seed(3)
    images = tf.placeholder(tf.float32, [None, 8, 8, 1])
    labels = tf.placeholder(tf.int64, [None])
    training = tf.placeholder_with_default(True, [])
    logits = _vgg_like(images, is_training=training)
    slim.losses.sparse_softmax_cross_entropy(logits, labels)
    total = slim.losses.get_total_loss()
    step = slim.get_or_create_global_step()
    train_op = slim.optimize_loss(total, step, 0.01, "Adam")
    with tf.Session() as sess:
      sess.run(tf.global_variables_initializer())
      feed = {images: x_val, labels: y_val}
      first = sess.run(total, feed)
      for _ in range(60):
        sess.run(train_op, feed)
      last = sess.run(total, {images: x_val, labels: y_val, training: False})
      moving_mean = sess.run("bn/moving_mean:0")
      assert sess.run(step) == 60
  assert last < first
  assert np.any(moving_mean != 0)  # the UPDATE_OPS ran with each step
