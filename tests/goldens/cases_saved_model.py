"""SavedModels written by real TensorFlow (TF1 form), loaded by tests/python/test_saved_model.py.

Each file case writes its SavedModel under <outdir>/model plus expected.npz: the outputs real
TensorFlow computed for the inputs stored beside them.
"""
import os

import numpy as np


def _mlp(tf):
    x = tf.placeholder(tf.float32, [None, 4], name="x")
    w = tf.get_variable("w", [4, 3], initializer=tf.random_normal_initializer(seed=1))
    b = tf.get_variable("b", [3], initializer=tf.constant_initializer(0.5))
    y = tf.nn.softmax(tf.matmul(x, w) + b, name="y")
    return x, y


def simple_save_mlp(tf, outdir):
    x, y = _mlp(tf)
    xs = np.arange(8, dtype=np.float32).reshape(2, 4) / 8.0
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        tf.saved_model.simple_save(sess, os.path.join(outdir, "model"), {"x": x}, {"y": y})
        np.savez(os.path.join(outdir, "expected.npz"), x=xs, y=sess.run(y, {x: xs}))


def builder_two_tags_with_asset(tf, outdir):
    x, y = _mlp(tf)
    vocab = os.path.join(outdir, "vocab.txt")
    with open(vocab, "w") as f:
        f.write("a\nb\n")
    asset = tf.constant(vocab, name="asset_path")
    tf.add_to_collection(tf.GraphKeys.ASSET_FILEPATHS, asset)
    counter = tf.get_variable("counter", [], tf.int64, initializer=tf.zeros_initializer(),
                              collections=[tf.GraphKeys.LOCAL_VARIABLES])
    main_op = tf.group(tf.local_variables_initializer(), name="main_op")
    xs = np.ones([1, 4], np.float32)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(counter.initializer)
        builder = tf.saved_model.builder.SavedModelBuilder(os.path.join(outdir, "model"))
        sig = tf.saved_model.signature_def_utils.predict_signature_def({"x": x}, {"y": y})
        builder.add_meta_graph_and_variables(
            sess, [tf.saved_model.tag_constants.TRAINING],
            assets_collection=tf.get_collection(tf.GraphKeys.ASSET_FILEPATHS), main_op=main_op)
        builder.add_meta_graph([tf.saved_model.tag_constants.SERVING],
                               signature_def_map={"predict": sig})
        builder.save()
        np.savez(os.path.join(outdir, "expected.npz"), x=xs, y=sess.run(y, {x: xs}))
    os.remove(vocab)


FILE_CASES = {"simple_save_mlp": simple_save_mlp,
              "builder_two_tags_with_asset": builder_two_tags_with_asset}
