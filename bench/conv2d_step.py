"""Conv2D forward (and forward + both backprops) of [32,28,28,32] x [3,3,32,64], SAME, float32,
NHWC. Prints one JSON line: median milliseconds over several repetitions (after warm-up).

    PYTHONPATH=python python bench/conv2d_step.py      # ours
    /work/tfref/bin/python bench/conv2d_step.py        # real TensorFlow
"""
import json
import statistics
import sys
import time

import numpy as np

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from _tf import tf  # noqa: E402

X_SHAPE, F_SHAPE = (32, 28, 28, 32), (3, 3, 32, 64)


def _median_ms(sess, fetch, feed, n=10, reps=5, warmup=3):
    for _ in range(warmup):
        sess.run(fetch, feed)
    times = []
    for _ in range(reps):
        t = time.perf_counter()
        for _ in range(n):
            sess.run(fetch, feed)
        times.append((time.perf_counter() - t) / n * 1e3)
    return statistics.median(times)


def main():
    rng = np.random.RandomState(0)
    xs = rng.rand(*X_SHAPE).astype(np.float32)
    fs = rng.rand(*F_SHAPE).astype(np.float32)
    x = tf.placeholder(tf.float32, X_SHAPE)
    f = tf.placeholder(tf.float32, F_SHAPE)
    y = tf.nn.conv2d(x, f, [1, 1, 1, 1], "SAME")
    dx, df = tf.gradients(tf.reduce_sum(y), [x, f])
    feed = {x: xs, f: fs}
    with tf.Session() as sess:
        fwd = _median_ms(sess, y.op, feed)
        both = _median_ms(sess, [dx.op, df.op], feed)
    flops = 2.0 * 32 * 28 * 28 * 64 * 3 * 3 * 32
    print(json.dumps({"bench": "conv2d_step", "tf_version": tf.__version__,
                      "forward_ms": round(fwd, 2), "fwd_bwd_ms": round(both, 2),
                      "forward_gflops": round(flops / fwd / 1e6, 1)}))


if __name__ == "__main__":
    main()
