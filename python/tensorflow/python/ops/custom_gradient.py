"""tf.custom_gradient in graph mode: an IdentityN whose gradient is the user's grad_fn."""

import functools

from tensorflow.python.framework import ops
from tensorflow.python.ops import array_ops
from tensorflow.python.util import nest
from tensorflow.python.util.tf_export import tf_export


@tf_export("custom_gradient")
def custom_gradient(f):
  """Decorates f(*x) -> (y, grad_fn) so that tf.gradients uses grad_fn(dy) for dx."""

  @functools.wraps(f)
  def decorated(*args, **kwargs):
    return _graph_mode_decorator(f, *args, **kwargs)

  return decorated


def _graph_mode_decorator(f, *args, **kwargs):
  if kwargs:
    raise ValueError("The custom_gradient decorator currently supports keywords arguments "
                     "only when eager execution is enabled.")
  name = "CustomGradient-%s" % ops.uid()
  args = [ops.convert_to_tensor(x) for x in args]
  result, grad_fn = f(*args)
  flat_result = [ops.convert_to_tensor(t) for t in nest.flatten(result)]
  n_result = len(flat_result)
  all_tensors = flat_result + args

  @ops.RegisterGradient(name)
  def _internal_grad_fn(unused_op, *result_grads):  # pylint: disable=unused-variable
    input_grads = nest.flatten(grad_fn(*result_grads[:n_result]))
    if len(input_grads) != len(args):
      raise ValueError("custom_gradient function expected to return %d gradients but "
                       "returned %d instead." % (len(args), len(input_grads)))
    return [None] * n_result + input_grads

  with ops.get_default_graph().gradient_override_map({"IdentityN": name}):
    all_tensors = array_ops.identity_n(all_tensors)
  return nest.pack_sequence_as(structure=result, flat_sequence=all_tensors[:n_result])
