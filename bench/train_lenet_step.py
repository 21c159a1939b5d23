"""One training step of a LeNet-style CNN: conv 5x5x32, max pool, conv 5x5x64, max pool,
dense 256, dense 10, ReLU, softmax cross-entropy, Adam, batch 64 of 28x28x1 inputs.

Built with raw tf.nn ops so that both implementations run the same graph. Inputs are fed from
fixed NumPy arrays; each step fetches only the train op. Prints one JSON line: the median
milliseconds per step over several repetitions (after warm-up) and the GFLOP/s it implies.
"""
import json
import statistics
import sys
import time

import numpy as np

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from _tf import tf  # noqa: E402

BATCH = 64


def flops_per_step(batch=BATCH):
    # Forward multiply-adds of the two convolutions and two dense layers; backward is twice that.
    conv1 = 28 * 28 * 32 * 5 * 5 * 1
    conv2 = 14 * 14 * 64 * 5 * 5 * 32
    dense = 7 * 7 * 64 * 256 + 256 * 10
    return 3 * 2 * batch * (conv1 + conv2 + dense)


def build():
    tf.set_random_seed(1234)
    x = tf.placeholder(tf.float32, [None, 28, 28, 1], name="x")
    y = tf.placeholder(tf.float32, [None, 10], name="y")

    def var(shape):
        return tf.Variable(tf.truncated_normal(shape, stddev=0.05))

    w1, b1 = var([5, 5, 1, 32]), tf.Variable(tf.zeros([32]))
    w2, b2 = var([5, 5, 32, 64]), tf.Variable(tf.zeros([64]))
    w3, b3 = var([7 * 7 * 64, 256]), tf.Variable(tf.zeros([256]))
    w4, b4 = var([256, 10]), tf.Variable(tf.zeros([10]))
    pool = lambda t: tf.nn.max_pool(t, [1, 2, 2, 1], [1, 2, 2, 1], "SAME")  # noqa: E731
    h = pool(tf.nn.relu(tf.nn.bias_add(tf.nn.conv2d(x, w1, [1, 1, 1, 1], "SAME"), b1)))
    h = pool(tf.nn.relu(tf.nn.bias_add(tf.nn.conv2d(h, w2, [1, 1, 1, 1], "SAME"), b2)))
    h = tf.nn.relu(tf.nn.bias_add(tf.matmul(tf.reshape(h, [-1, 7 * 7 * 64]), w3), b3))
    logits = tf.nn.bias_add(tf.matmul(h, w4), b4)
    loss = -tf.reduce_sum(y * tf.nn.log_softmax(logits)) / BATCH
    train = tf.train.AdamOptimizer(1e-3).minimize(loss)
    return x, y, loss, train


def main(n=20, reps=5, warmup=5):
    rng = np.random.RandomState(0)
    xs = rng.rand(BATCH, 28, 28, 1).astype(np.float32)
    ys = np.eye(10, dtype=np.float32)[rng.randint(0, 10, BATCH)]
    x, y, loss, train = build()
    feed = {x: xs, y: ys}
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        first = float(sess.run(loss, feed_dict=feed))
        for _ in range(warmup):
            sess.run(train, feed_dict=feed)
        samples = []
        for _ in range(reps):
            t0 = time.perf_counter()
            for _ in range(n):
                sess.run(train, feed_dict=feed)
            samples.append((time.perf_counter() - t0) / n * 1e3)
        last = float(sess.run(loss, feed_dict=feed))
    assert np.isfinite(last) and last < first, (first, last)
    med = statistics.median(samples)
    print(json.dumps({"bench": "train_lenet_step_ms", "impl": impl(),
                      "median": round(med, 3), "min": round(min(samples), 3),
                      "gflops": round(flops_per_step() / (med * 1e-3) / 1e9, 1)}))


def impl():
    import tensorflow
    return "tfclassic" if "tfclassic" in sys.modules else "tensorflow " + tensorflow.__version__


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:]))
