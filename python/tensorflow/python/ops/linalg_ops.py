"""TF 1.15's linear-algebra functions over the linalg ops: tf.linalg.qr / tf.qr."""

from tensorflow.python.ops import gen_linalg_ops
from tensorflow.python.util.tf_export import tf_export


@tf_export("linalg.qr", "qr")
def qr(input, full_matrices=False, name=None):  # pylint: disable=redefined-builtin
  """QR decomposition of each inner matrix of `input`: (q, r) with input = q @ r.

  q has orthonormal columns; r is upper triangular. With full_matrices=False (the default) q is
  [..., M, P] and r [..., P, N] for P = min(M, N); with True q is [..., M, M], r [..., M, N].
  """
  return gen_linalg_ops.qr(input, full_matrices=full_matrices, name=name)
