"""tf.contrib.layers: initializers and regularizers (TF 1.15's contrib.layers)."""

from tensorflow.contrib.layers.python.layers import *  # pylint: disable=wildcard-import
from tensorflow.contrib.layers.python.layers import initializers
from tensorflow.contrib.layers.python.layers import regularizers
