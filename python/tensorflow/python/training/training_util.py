"""Global step helpers: tf.train.get_global_step, create_global_step, ..."""

from tensorflow.python.framework import dtypes
from tensorflow.python.framework import ops
from tensorflow.python.ops import init_ops
from tensorflow.python.ops import resource_variable_ops
from tensorflow.python.ops import variable_scope
from tensorflow.python.ops import variables
from tensorflow.python.platform import tf_logging as logging
from tensorflow.python.util.tf_export import tf_export


@tf_export(v1=["train.global_step"])
def global_step(sess, global_step_tensor):
  """The global step's value as a Python int."""
  return int(sess.run(global_step_tensor))


@tf_export(v1=["train.get_global_step"])
def get_global_step(graph=None):
  """The graph's global step variable (collection GLOBAL_STEP, else `global_step:0`), or None."""
  graph = graph or ops.get_default_graph()
  global_step_tensor = None
  global_step_tensors = graph.get_collection(ops.GraphKeys.GLOBAL_STEP)
  if len(global_step_tensors) == 1:
    global_step_tensor = global_step_tensors[0]
  elif not global_step_tensors:
    try:
      global_step_tensor = graph.get_tensor_by_name("global_step:0")
    except (KeyError, ValueError):
      return None
  else:
    logging.error("Multiple tensors in global_step collection.")
    return None
  assert_global_step(global_step_tensor)
  return global_step_tensor


@tf_export(v1=["train.create_global_step"])
def create_global_step(graph=None):
  """Creates the int64 scalar `global_step` variable; ValueError if there is one already."""
  graph = graph or ops.get_default_graph()
  if get_global_step(graph) is not None:
    raise ValueError('"global_step" already exists.')
  with graph.as_default() as g, g.name_scope(None):
    return variable_scope.get_variable(
        ops.GraphKeys.GLOBAL_STEP, shape=[], dtype=dtypes.int64,
        initializer=init_ops.zeros_initializer(), trainable=False,
        collections=[ops.GraphKeys.GLOBAL_VARIABLES, ops.GraphKeys.GLOBAL_STEP])


@tf_export(v1=["train.get_or_create_global_step"])
def get_or_create_global_step(graph=None):
  """The global step variable, created if the graph has none."""
  graph = graph or ops.get_default_graph()
  global_step_tensor = get_global_step(graph)
  if global_step_tensor is None:
    global_step_tensor = create_global_step(graph)
  return global_step_tensor


@tf_export(v1=["train.assert_global_step"])
def assert_global_step(global_step_tensor):
  """TypeError unless `global_step_tensor` is an integer scalar Variable or Tensor."""
  if not (isinstance(global_step_tensor, (variables.Variable, ops.Tensor)) or
          resource_variable_ops.is_resource_variable(global_step_tensor)):
    raise TypeError('Existing "global_step" must be a Variable or Tensor: %s.' %
                    global_step_tensor)
  if not global_step_tensor.dtype.base_dtype.is_integer:
    raise TypeError('Existing "global_step" does not have integer type: %s' %
                    global_step_tensor.dtype)
  if (global_step_tensor.get_shape().ndims != 0 and
      global_step_tensor.get_shape().is_fully_defined()):
    raise TypeError('Existing "global_step" is not scalar: %s' %
                    global_step_tensor.get_shape())
