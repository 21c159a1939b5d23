"""tf.gradients and tf.hessians (graph mode), over the algorithm in gradients_util."""

from tensorflow.python.framework import ops
from tensorflow.python.ops import array_ops
from tensorflow.python.ops import gradients_util
from tensorflow.python.util.tf_export import tf_export

# Importing the gradient modules registers every op's gradient function.
from tensorflow.python.ops import array_grad  # pylint: disable=unused-import,g-bad-import-order
from tensorflow.python.ops import array_grad_space_batch  # pylint: disable=unused-import
from tensorflow.python.ops import control_flow_grad  # pylint: disable=unused-import
from tensorflow.python.ops import math_grad  # pylint: disable=unused-import
from tensorflow.python.ops import math_grad_unary  # pylint: disable=unused-import
from tensorflow.python.ops import nn_grad  # pylint: disable=unused-import
from tensorflow.python.ops import nn_grad_conv  # pylint: disable=unused-import
from tensorflow.python.ops import nn_grad_losses  # pylint: disable=unused-import

AggregationMethod = gradients_util.AggregationMethod


@tf_export("gradients")
def gradients(ys, xs, grad_ys=None, name="gradients", colocate_gradients_with_ops=False,
              gate_gradients=False, aggregation_method=None, stop_gradients=None,
              unconnected_gradients="none"):
  """Symbolic derivatives of sum(ys) with respect to each x in xs (None if unconnected)."""
  return gradients_util._GradientsHelper(  # pylint: disable=protected-access
      ys, xs, grad_ys, name, colocate_gradients_with_ops, gate_gradients,
      aggregation_method, stop_gradients, unconnected_gradients)


@tf_export("hessians")
def hessians(ys, xs, name="hessians", colocate_gradients_with_ops=False,
             gate_gradients=False, aggregation_method=None):
  """Second derivatives of sum(ys) w.r.t. each x, shaped x.shape + x.shape.

  TF builds a while_loop over a TensorArray; without TF1 loops here the rows are built one
  per element of x, which needs x's size to be known when the graph is built.
  """
  xs = gradients_util._AsList(xs)  # pylint: disable=protected-access
  kwargs = {"colocate_gradients_with_ops": colocate_gradients_with_ops,
            "gate_gradients": gate_gradients, "aggregation_method": aggregation_method}
  result = []
  with ops.name_scope(name, "hessians", list(gradients_util._AsList(ys)) + list(xs)):  # pylint: disable=protected-access
    first = gradients(ys, xs, **kwargs)
    for gradient, x in zip(first, xs):
      x = ops.convert_to_tensor(x)
      n = x.shape.num_elements()
      if n is None:
        raise NotImplementedError("tf.hessians needs x with a static shape in tfclassic "
                                  "(got %s for %s)" % (x.shape, x.name))
      if gradient is None:
        result.append(None)
        continue
      flat = array_ops.reshape(gradient, [-1])
      rows = []
      for j in range(n):
        row = gradients(flat[j], x, **kwargs)[0]
        if row is None:
          row = array_ops.zeros_like(x)
        rows.append(array_ops.reshape(row, [-1]))
      stacked = array_ops.stack(rows) if rows else array_ops.zeros([0, 0], dtype=x.dtype)
      shape = array_ops.shape(x)
      result.append(array_ops.reshape(stacked, array_ops.concat((shape, shape), 0)))
  return result
