"""A deep convolutional classifier in the style of TensorFlow r1.x's mnist_deep.py: raw tf.nn
ops (conv2d, max_pool, dropout with a keep_prob placeholder), truncated-normal weights from a
graph-level seed (all created up front, in a dict, as many r1.x examples do), softmax
cross-entropy and Adam.

Instead of downloading MNIST, the program makes 28x28 "digits": each of the 10 classes is a
fixed random stroke pattern, drawn with noise and a random shift.
"""
import numpy as np
import tensorflow as tf


def make_digits(n, rng, prototypes):
    labels = rng.randint(0, 10, n)
    images = np.zeros((n, 28, 28), np.float32)
    for i, k in enumerate(labels):
        dy, dx = rng.randint(-2, 3, 2)
        images[i] = np.roll(np.roll(prototypes[k], dy, axis=0), dx, axis=1)
    images += rng.uniform(0.0, 0.4, images.shape).astype(np.float32)
    return images.reshape(n, 784), np.eye(10, dtype=np.float32)[labels]


def weight_variable(shape):
    return tf.Variable(tf.truncated_normal(shape, stddev=0.1))


def bias_variable(shape):
    return tf.Variable(tf.constant(0.1, shape=shape))


def conv2d(x, W):
    return tf.nn.conv2d(x, W, strides=[1, 1, 1, 1], padding="SAME")


def max_pool_2x2(x):
    return tf.nn.max_pool(x, ksize=[1, 2, 2, 1], strides=[1, 2, 2, 1], padding="SAME")


def make_parameters():
    return {
        "conv1": (weight_variable([5, 5, 1, 16]), bias_variable([16])),
        "conv2": (weight_variable([5, 5, 16, 32]), bias_variable([32])),
        "fc1": (weight_variable([7 * 7 * 32, 128]), bias_variable([128])),
        "fc2": (weight_variable([128, 10]), bias_variable([10])),
    }


def deepnn(x, params):
    with tf.name_scope("reshape"):
        x_image = tf.reshape(x, [-1, 28, 28, 1])
    with tf.name_scope("conv1"):
        W, b = params["conv1"]
        h_conv1 = tf.nn.relu(conv2d(x_image, W) + b)
    with tf.name_scope("pool1"):
        h_pool1 = max_pool_2x2(h_conv1)
    with tf.name_scope("conv2"):
        W, b = params["conv2"]
        h_conv2 = tf.nn.relu(conv2d(h_pool1, W) + b)
    with tf.name_scope("pool2"):
        h_pool2 = max_pool_2x2(h_conv2)
    with tf.name_scope("fc1"):
        W, b = params["fc1"]
        h_pool2_flat = tf.reshape(h_pool2, [-1, 7 * 7 * 32])
        h_fc1 = tf.nn.relu(tf.matmul(h_pool2_flat, W) + b)
    with tf.name_scope("dropout"):
        keep_prob = tf.placeholder(tf.float32)
        h_fc1_drop = tf.nn.dropout(h_fc1, keep_prob, seed=7)
    with tf.name_scope("fc2"):
        W, b = params["fc2"]
        y_conv = tf.matmul(h_fc1_drop, W) + b
    return y_conv, keep_prob


def main():
    tf.set_random_seed(20170101)
    rng = np.random.RandomState(1)
    prototypes = (rng.uniform(size=(10, 28, 28)) > 0.8).astype(np.float32)
    train_x, train_y = make_digits(1000, rng, prototypes)
    test_x, test_y = make_digits(500, rng, prototypes)

    x = tf.placeholder(tf.float32, [None, 784])
    y_ = tf.placeholder(tf.float32, [None, 10])
    y_conv, keep_prob = deepnn(x, make_parameters())
    with tf.name_scope("loss"):
        cross_entropy = tf.reduce_mean(
            tf.nn.softmax_cross_entropy_with_logits(labels=y_, logits=y_conv))
    with tf.name_scope("adam_optimizer"):
        train_step = tf.train.AdamOptimizer(1e-3).minimize(cross_entropy)
    with tf.name_scope("accuracy"):
        correct = tf.cast(tf.equal(tf.argmax(y_conv, 1), tf.argmax(y_, 1)), tf.float32)
        accuracy = tf.reduce_mean(correct)

    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for i in range(151):
            if i % 150 == 0:
                acc = accuracy.eval(feed_dict={x: test_x, y_: test_y, keep_prob: 1.0})
                print("step %d, test accuracy %.2f" % (i, acc))
            batch = rng.randint(0, len(train_x), 50)
            train_step.run(feed_dict={x: train_x[batch], y_: train_y[batch], keep_prob: 0.5})
        acc = accuracy.eval(feed_dict={x: test_x, y_: test_y, keep_prob: 1.0})
        print("trained to better than 95%% test accuracy: %s" % (acc > 0.95))


if __name__ == "__main__":
    main()
