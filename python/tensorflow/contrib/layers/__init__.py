"""tf.contrib.layers (TF 1.15): layer functions, initializers, regularizers, optimize_loss
and summary helpers."""

from tensorflow.contrib.layers.python.layers import *  # pylint: disable=wildcard-import
from tensorflow.contrib.layers.python.layers import initializers
from tensorflow.contrib.layers.python.layers import layers
from tensorflow.contrib.layers.python.layers import optimizers
from tensorflow.contrib.layers.python.layers import regularizers
from tensorflow.contrib.layers.python.layers import summaries
from tensorflow.contrib.layers.python.layers import utils
from tensorflow.contrib.framework.python.ops.arg_scope import arg_scope, add_arg_scope  # issue 4 lists contrib.layers.arg_scope
