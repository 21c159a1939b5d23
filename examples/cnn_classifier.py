"""A small convolutional classifier in classic TF1 style: tf.layers conv/pool/dense/dropout,
tf.losses, an AdamOptimizer with a global step, a dropout switch fed through a placeholder,
and a Saver checkpoint restored into a fresh graph.

The data are synthetic 16x16 images: class k has a bright 4x4 square in quadrant k.
"""
import os
import tempfile

import numpy as np
import tensorflow as tf


def make_images(n, rng):
    labels = rng.randint(0, 4, n)
    images = rng.uniform(0.0, 0.3, (n, 16, 16, 1)).astype(np.float32)
    for i, k in enumerate(labels):
        top, left = (k // 2) * 8 + rng.randint(0, 4), (k % 2) * 8 + rng.randint(0, 4)
        images[i, top:top + 4, left:left + 4, 0] += 0.7
    return images, labels.astype(np.int64)


def build_model(images, training):
    init = tf.glorot_uniform_initializer(seed=7)
    net = tf.layers.conv2d(images, 8, 3, padding="same", activation=tf.nn.relu,
                           kernel_initializer=init, name="conv1")
    net = tf.layers.max_pooling2d(net, 2, 2, name="pool1")
    net = tf.layers.conv2d(net, 16, 3, padding="same", activation=tf.nn.relu,
                           kernel_initializer=init, name="conv2")
    net = tf.layers.max_pooling2d(net, 2, 2, name="pool2")
    net = tf.layers.flatten(net)
    net = tf.layers.dense(net, 32, activation=tf.nn.relu, kernel_initializer=init, name="fc1")
    net = tf.layers.dropout(net, rate=0.25, training=training, seed=3)
    return tf.layers.dense(net, 4, kernel_initializer=init, name="logits")


def main():
    rng = np.random.RandomState(0)
    train_x, train_y = make_images(512, rng)
    test_x, test_y = make_images(256, rng)

    images = tf.placeholder(tf.float32, [None, 16, 16, 1], name="images")
    labels = tf.placeholder(tf.int64, [None], name="labels")
    training = tf.placeholder_with_default(False, [], name="training")
    logits = build_model(images, training)
    loss = tf.losses.sparse_softmax_cross_entropy(labels=labels, logits=logits)
    accuracy = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(logits, 1), labels), tf.float32),
                              name="accuracy")
    global_step = tf.train.get_or_create_global_step()
    train_op = tf.train.AdamOptimizer(1e-2).minimize(loss, global_step=global_step)
    saver = tf.train.Saver()

    ckpt_dir = tempfile.mkdtemp()
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        print("before training: test accuracy %.2f"
              % sess.run(accuracy, {images: test_x, labels: test_y}))
        for step in range(1, 121):
            batch = rng.randint(0, len(train_x), 32)
            sess.run(train_op, {images: train_x[batch], labels: train_y[batch], training: True})
            if step % 40 == 0:
                acc = sess.run(accuracy, {images: test_x, labels: test_y})
                print("step %d  test accuracy %.2f" % (sess.run(global_step), acc))
        path = saver.save(sess, os.path.join(ckpt_dir, "model.ckpt"), global_step=global_step)
        final = sess.run(accuracy, {images: test_x, labels: test_y})

    tf.reset_default_graph()
    with tf.Session() as sess:
        restorer = tf.train.import_meta_graph(path + ".meta")
        restorer.restore(sess, tf.train.latest_checkpoint(ckpt_dir))
        restored = sess.run("accuracy:0", {"images:0": test_x, "labels:0": test_y})
        print("restored %s: test accuracy %.2f (same as before saving: %s)"
              % (os.path.basename(path), restored, restored == final))


if __name__ == "__main__":
    main()
