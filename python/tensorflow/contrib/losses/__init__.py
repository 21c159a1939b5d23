"""tf.contrib.losses (TF 1.15, deprecated there in favour of tf.losses): losses that add
themselves to the LOSSES collection, with `weights` and `scope`."""

from tensorflow.contrib.losses.python.losses import *  # pylint: disable=wildcard-import
