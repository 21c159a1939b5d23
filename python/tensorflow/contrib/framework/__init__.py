"""tf.contrib.framework: arg_scope, variable helpers and initializing variables from checkpoints
(TF 1.15's contrib.framework)."""

from tensorflow.contrib.framework.python.ops import *  # pylint: disable=wildcard-import
