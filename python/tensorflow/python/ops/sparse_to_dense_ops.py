"""tf.sparse_to_dense (TF 1.15 sparse_ops.sparse_to_dense) and SparseToDense's gradient."""

from tensorflow.python.framework import ops
from tensorflow.python.ops import array_ops
from tensorflow.python.ops import gen_sparse_ops
from tensorflow.python.ops import math_ops
from tensorflow.python.util.tf_export import tf_export


@tf_export("sparse_to_dense")
def sparse_to_dense(sparse_indices, output_shape, sparse_values, default_value=0,
                    validate_indices=True, name=None):
  """A dense tensor of `output_shape` holding `sparse_values` at `sparse_indices` and
  `default_value` elsewhere."""
  return gen_sparse_ops.sparse_to_dense(sparse_indices, output_shape, sparse_values,
                                        default_value=default_value,
                                        validate_indices=validate_indices, name=name)


@ops.RegisterGradient("SparseToDense")
def _SparseToDenseGrad(op, grad):
  sparse_indices, output_shape, _, _ = op.inputs
  sparse_values_grad = array_ops.gather_nd(grad, sparse_indices)
  default_value_grad = math_ops.reduce_sum(grad) - math_ops.reduce_sum(sparse_values_grad)
  return [array_ops.zeros_like(sparse_indices), array_ops.zeros_like(output_shape),
          sparse_values_grad, default_value_grad]
