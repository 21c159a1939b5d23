"""The modules of tf.contrib.layers, re-exported by tensorflow.contrib.layers."""

from tensorflow.contrib.layers.python.layers.initializers import *  # pylint: disable=wildcard-import
from tensorflow.contrib.layers.python.layers.layers import *  # pylint: disable=wildcard-import
from tensorflow.contrib.layers.python.layers.optimizers import *  # pylint: disable=wildcard-import
from tensorflow.contrib.layers.python.layers.regularizers import *  # pylint: disable=wildcard-import
from tensorflow.contrib.layers.python.layers.summaries import *  # pylint: disable=wildcard-import
