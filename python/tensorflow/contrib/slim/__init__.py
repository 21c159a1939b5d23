"""tf.contrib.slim (TF 1.15): arg_scope, the contrib.layers layer functions, variables,
initializers, regularizers, losses (= tf.contrib.losses), learning and model_analyzer.

Not here yet: slim.metrics, slim.evaluation, slim.queues, slim.data, slim.summaries.
"""

# pylint: disable=wildcard-import,unused-import
from tensorflow.contrib import losses
from tensorflow.contrib.framework.python.ops.arg_scope import *
from tensorflow.contrib.framework.python.ops.variables import *
from tensorflow.contrib.framework.python.ops.checkpoint_assign import assign_from_checkpoint
from tensorflow.contrib.framework.python.ops.checkpoint_assign import assign_from_checkpoint_fn
from tensorflow.contrib.layers.python.layers import *
from tensorflow.contrib.layers.python.layers.initializers import *
from tensorflow.contrib.layers.python.layers.regularizers import *
from tensorflow.contrib.slim.python.slim import learning
from tensorflow.contrib.slim.python.slim import model_analyzer
