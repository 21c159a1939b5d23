"""Checkpoints real TensorFlow's tf.layers write: one layer of each type, so the variable names
and shapes in them can be compared with ours (tests/python/test_layers_checkpoint.py).
TF 2.x keeps TF1's tf.layers in tf-keras (TF_USE_LEGACY_KERAS=1)."""
import os

os.environ.setdefault("TF_USE_LEGACY_KERAS", "1")


def build_all_layers(tf):
    """The same program runs here under tfclassic (the test) and under real TF (the golden)."""
    x2 = tf.placeholder(tf.float32, [None, 8, 8, 3])
    x1 = tf.placeholder(tf.float32, [None, 10, 3])
    x3 = tf.placeholder(tf.float32, [None, 4, 4, 4, 2])
    training = tf.placeholder_with_default(False, [])
    outs = [
        tf.layers.dense(tf.layers.flatten(x2), 5),
        tf.layers.conv1d(x1, 4, 3),
        tf.layers.conv2d(x2, 6, 3, padding="same"),
        tf.layers.conv3d(x3, 2, 2),
        tf.layers.separable_conv1d(x1, 4, 3),
        tf.layers.separable_conv2d(x2, 4, 3, depth_multiplier=2),
        tf.layers.conv2d_transpose(x2, 3, 2, strides=2),
        tf.layers.conv3d_transpose(x3, 2, 2),
        tf.layers.batch_normalization(x2, training=training),
        tf.layers.batch_normalization(tf.layers.flatten(x2), training=training, name="bn_dense"),
        tf.layers.dense(tf.layers.flatten(x2), 2, use_bias=False, name="named/dense"),
    ]
    return outs


def checkpoint(tf, outdir):
    build_all_layers(tf)
    saver = tf.train.Saver()
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        saver.save(sess, os.path.join(outdir, "layers.ckpt"), write_meta_graph=False)


FILE_CASES = {"checkpoint": checkpoint}
