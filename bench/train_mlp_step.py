"""One training step of an MLP: 784-512-512-10, ReLU, softmax cross-entropy, Adam, batch 128.

The loss is written as -sum(labels * log_softmax(logits)) / batch so that the graph is built
from the same ops under every implementation. Inputs are fed from fixed NumPy arrays; each
step fetches only the train op. Prints one JSON line: median milliseconds per step over
several repetitions of N steps each (after warm-up), and the GFLOP/s that implies.
"""
import json
import statistics
import sys
import time

import numpy as np

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from _tf import tf  # noqa: E402

SIZES = (784, 512, 512, 10)
BATCH = 128


def flops_per_step(batch=BATCH, sizes=SIZES):
    # Forward: one matmul per layer (2*B*in*out); backward: two more (dX and dW).
    macs = sum(a * b for a, b in zip(sizes[:-1], sizes[1:]))
    return 3 * 2 * batch * macs


def build():
    tf.set_random_seed(1234)
    x = tf.placeholder(tf.float32, [None, SIZES[0]], name="x")
    y = tf.placeholder(tf.float32, [None, SIZES[-1]], name="y")
    h = x
    for i, (n_in, n_out) in enumerate(zip(SIZES[:-1], SIZES[1:])):
        w = tf.Variable(tf.truncated_normal([n_in, n_out], stddev=0.05), name="w%d" % i)
        b = tf.Variable(tf.zeros([n_out]), name="b%d" % i)
        h = tf.nn.bias_add(tf.matmul(h, w), b)
        if i < len(SIZES) - 2:
            h = tf.nn.relu(h)
    loss = -tf.reduce_sum(y * tf.nn.log_softmax(h)) / BATCH
    train = tf.train.AdamOptimizer(1e-3).minimize(loss)
    return x, y, loss, train


def main(n=50, reps=7, warmup=20):
    rng = np.random.RandomState(0)
    xs = rng.rand(BATCH, SIZES[0]).astype(np.float32)
    ys = np.eye(SIZES[-1], dtype=np.float32)[rng.randint(0, SIZES[-1], BATCH)]
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
    print(json.dumps({"bench": "train_mlp_step_ms", "impl": impl(),
                      "median": round(med, 3), "min": round(min(samples), 3),
                      "gflops": round(flops_per_step() / (med * 1e-3) / 1e9, 1)}))


def impl():
    import tensorflow
    return "tfclassic" if "tfclassic" in sys.modules else "tensorflow " + tensorflow.__version__


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:]))
