"""A tf.layers CNN with batch normalization and dropout, in the style TF1 programs used from
r1.4 on: an `is_training` placeholder switches batch norm (batch statistics vs moving averages)
and dropout, and the moving-average updates run through UPDATE_OPS as control dependencies of
the training op.

The data are generated 20x20 images of three shapes (a bar, a cross, a box) at random places.
"""
import numpy as np
import tensorflow as tf


def make_shapes(n, rng):
    labels = rng.randint(0, 3, n)
    images = rng.normal(0.0, 0.2, (n, 20, 20, 1)).astype(np.float32)
    for i, k in enumerate(labels):
        top, left = rng.randint(2, 12, 2)
        patch = images[i, top:top + 7, left:left + 7, 0]
        if k == 0:
            patch[3, :] += 1.0
        elif k == 1:
            patch[3, :] += 1.0
            patch[:, 3] += 1.0
        else:
            patch[[0, -1], :] += 1.0
            patch[:, [0, -1]] += 1.0
    return images, labels.astype(np.int32)


def model(images, is_training):
    init = tf.variance_scaling_initializer(scale=2.0, seed=11)
    net = images
    for i, filters in enumerate([16, 32]):
        net = tf.layers.conv2d(net, filters, 3, padding="same", use_bias=False,
                               kernel_initializer=init, name="conv%d" % (i + 1))
        net = tf.layers.batch_normalization(net, training=is_training, name="bn%d" % (i + 1))
        net = tf.nn.relu(net)
        net = tf.layers.max_pooling2d(net, 2, 2)
    net = tf.layers.flatten(net)
    net = tf.layers.dense(net, 64, activation=tf.nn.relu, kernel_initializer=init, name="fc")
    net = tf.layers.dropout(net, rate=0.3, training=is_training, seed=5)
    return tf.layers.dense(net, 3, kernel_initializer=init, name="logits")


def main():
    rng = np.random.RandomState(3)
    train_x, train_y = make_shapes(600, rng)
    test_x, test_y = make_shapes(300, rng)

    images = tf.placeholder(tf.float32, [None, 20, 20, 1])
    labels = tf.placeholder(tf.int32, [None])
    is_training = tf.placeholder(tf.bool, [])
    logits = model(images, is_training)
    loss = tf.losses.sparse_softmax_cross_entropy(labels, logits)
    update_ops = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
    with tf.control_dependencies(update_ops):
        train_op = tf.train.AdamOptimizer(3e-3).minimize(loss)
    predictions = tf.argmax(logits, 1, output_type=tf.int32)
    accuracy = tf.reduce_mean(tf.cast(tf.equal(predictions, labels), tf.float32))

    print("batch-norm updates in UPDATE_OPS: %d" % len(update_ops))
    print("moving statistics: %s" % sorted(
        v.name for v in tf.global_variables() if "moving" in v.name))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        feed_test = {images: test_x, labels: test_y, is_training: False}
        print("before training: test accuracy %.2f" % sess.run(accuracy, feed_test))
        for step in range(200):
            batch = rng.randint(0, len(train_x), 32)
            sess.run(train_op, {images: train_x[batch], labels: train_y[batch],
                                is_training: True})
        acc = sess.run(accuracy, feed_test)
        print("after training: test accuracy above 90%%: %s" % (acc > 0.9))


if __name__ == "__main__":
    main()
