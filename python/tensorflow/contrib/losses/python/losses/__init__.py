"""The loss functions of tf.contrib.losses."""

from tensorflow.contrib.losses.python.losses.loss_ops import *  # pylint: disable=wildcard-import
