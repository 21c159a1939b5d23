"""A classic TensorFlow 1.x program: build a graph, then run it in a Session.

It scores a batch of points with a small fixed two-layer network, reports per-class
probabilities, predictions and summary statistics, and checks a few identities along the way.
Written the way TF 1.x code was (placeholders, name scopes, tf.app flags, feed_dict), and runs
unmodified on TensorFlow 1.15 and on tfclassic.
"""
from __future__ import absolute_import
from __future__ import division
from __future__ import print_function

import numpy as np
import tensorflow as tf

flags = tf.app.flags
flags.DEFINE_integer("batch_size", 8, "Number of points to score.")
flags.DEFINE_integer("seed", 1234, "Seed for the NumPy data and weights.")
FLAGS = flags.FLAGS


def build_graph(num_features, num_hidden, num_classes, rng):
    x = tf.placeholder(tf.float32, shape=[None, num_features], name="x")
    labels = tf.placeholder(tf.int64, shape=[None], name="labels")

    with tf.name_scope("hidden"):
        w1 = tf.constant(rng.normal(0, 0.5, (num_features, num_hidden)).astype(np.float32),
                         name="weights")
        b1 = tf.constant(np.zeros(num_hidden, np.float32) + 0.1, name="biases")
        hidden = tf.nn.relu(tf.matmul(x, w1) + b1)

    with tf.name_scope("softmax_linear"):
        w2 = tf.constant(rng.normal(0, 0.5, (num_hidden, num_classes)).astype(np.float32),
                         name="weights")
        b2 = tf.constant(np.zeros(num_classes, np.float32), name="biases")
        logits = tf.nn.bias_add(tf.matmul(hidden, w2), b2)

    probs = tf.nn.softmax(logits, name="probs")
    predictions = tf.argmax(probs, 1, name="predictions")
    correct = tf.equal(predictions, labels)
    accuracy = tf.reduce_mean(tf.cast(correct, tf.float32), name="accuracy")
    mean_logit = tf.reduce_mean(logits, axis=0)
    entropy = -tf.reduce_sum(probs * tf.log(probs + 1e-12), axis=1)
    return {
        "x": x, "labels": labels, "logits": logits, "probs": probs,
        "predictions": predictions, "accuracy": accuracy, "mean_logit": mean_logit,
        "entropy": entropy,
    }


def main(_):
    tf.logging.set_verbosity(tf.logging.INFO)
    rng = np.random.RandomState(FLAGS.seed)
    num_features, num_hidden, num_classes = 4, 16, 3

    graph = tf.Graph()
    with graph.as_default():
        model = build_graph(num_features, num_hidden, num_classes, rng)

    data = rng.normal(size=(FLAGS.batch_size, num_features)).astype(np.float32)
    labels = rng.randint(0, num_classes, size=FLAGS.batch_size)

    with tf.Session(graph=graph) as sess:
        probs, preds, acc, mean_logit, entropy = sess.run(
            [model["probs"], model["predictions"], model["accuracy"], model["mean_logit"],
             model["entropy"]],
            feed_dict={model["x"]: data, model["labels"]: labels})

    tf.logging.info("Graph has %d operations", len(graph.get_operations()))
    print("probabilities (first 3 rows):")
    print(np.array2string(probs[:3], precision=4, suppress_small=True))
    print("predictions:", preds.tolist())
    print("labels:     ", labels.tolist())
    print("accuracy: %.4f" % acc)
    print("mean logit per class:", np.array2string(mean_logit, precision=4))
    print("mean entropy: %.4f" % entropy.mean())
    assert np.allclose(probs.sum(axis=1), 1.0, atol=1e-5), "probabilities must sum to 1"
    print("ok")


if __name__ == "__main__":
    tf.app.run()
