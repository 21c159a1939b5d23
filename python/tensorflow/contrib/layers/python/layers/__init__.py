"""The modules of tf.contrib.layers, re-exported by tensorflow.contrib.layers."""

from tensorflow.contrib.layers.python.layers.initializers import *  # pylint: disable=wildcard-import
from tensorflow.contrib.layers.python.layers.regularizers import *  # pylint: disable=wildcard-import
