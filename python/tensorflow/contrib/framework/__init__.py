"""tf.contrib.framework: arg_scope and variable helpers (TF 1.15's contrib.framework)."""

from tensorflow.contrib.framework.python.ops import *  # pylint: disable=wildcard-import
