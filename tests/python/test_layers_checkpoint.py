"""The variables (names, shapes, dtypes) of one tf.layers layer of each type, as in a checkpoint
real TensorFlow's tf.layers wrote for the same program (tests/goldens/cases_layers_checkpoint.py);
and that checkpoint restores into our graph."""
import os

import numpy as np
import tensorflow as tf

import golden_util

MOD = golden_util.load_cases("layers_checkpoint")
CKPT = os.path.join(golden_util.GOLDEN_DIR, "layers_checkpoint_files", "checkpoint", "layers.ckpt")


def test_variable_names_and_shapes_match_tensorflows_checkpoint():
  want = dict(tf.train.list_variables(CKPT))
  with tf.Graph().as_default():
    MOD.build_all_layers(tf)
    ours = {v.op.name: v.shape.as_list() for v in tf.global_variables()}
  assert ours == want


def test_tensorflows_checkpoint_restores_into_our_layers():
  reader = tf.train.NewCheckpointReader(CKPT)
  with tf.Graph().as_default():
    MOD.build_all_layers(tf)
    saver = tf.train.Saver()
    with tf.Session() as sess:
      saver.restore(sess, CKPT)
      for v in tf.global_variables():
        np.testing.assert_array_equal(sess.run(v), reader.get_tensor(v.op.name))
