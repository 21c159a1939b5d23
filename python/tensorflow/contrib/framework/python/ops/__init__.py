"""The modules of tf.contrib.framework, re-exported by tensorflow.contrib.framework."""

from tensorflow.contrib.framework.python.ops.arg_scope import *  # pylint: disable=wildcard-import
from tensorflow.contrib.framework.python.ops.variables import *  # pylint: disable=wildcard-import
from tensorflow.contrib.framework.python.ops.checkpoint_assign import *  # pylint: disable=wildcard-import
