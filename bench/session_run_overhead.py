"""Session.run overhead on a tiny graph: a scalar placeholder plus a constant.

Prints one JSON line: implementation, version, median microseconds per run over several
repetitions of N runs each (after warm-up).
"""
import json
import statistics
import sys
import time

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from _tf import tf  # noqa: E402


def main(n=20000, reps=7):
    x = tf.placeholder(tf.float32, shape=[], name="x")
    y = x + tf.constant(1.0)
    with tf.Session() as sess:
        for _ in range(1000):
            sess.run(y, feed_dict={x: 1.0})
        samples = []
        for _ in range(reps):
            t0 = time.perf_counter()
            for _ in range(n):
                sess.run(y, feed_dict={x: 1.0})
            samples.append((time.perf_counter() - t0) / n * 1e6)
        assert sess.run(y, feed_dict={x: 2.0}) == 3.0
    print(json.dumps({"bench": "session_run_overhead_us", "impl": impl(),
                      "median": round(statistics.median(samples), 2),
                      "min": round(min(samples), 2)}))


def impl():
    import tensorflow
    return "tfclassic" if hasattr(tensorflow, "_tfclassic") or "tfclassic" in sys.modules else \
        "tensorflow " + tensorflow.__version__


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:]))
