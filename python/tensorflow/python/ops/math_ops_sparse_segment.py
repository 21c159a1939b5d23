"""tf.sparse.segment_sum / segment_mean / segment_sqrt_n (TF 1.15 math_ops) and the gradients
of the SparseSegment* ops (TF 1.15 math_grad.py)."""

from tensorflow.python.framework import ops
from tensorflow.python.ops import array_ops
from tensorflow.python.ops import gen_math_ops
from tensorflow.python.util.tf_export import tf_export


@tf_export("sparse.segment_sum", "sparse_segment_sum")
def sparse_segment_sum(data, indices, segment_ids, name=None, num_segments=None):
  """output[s] = sum of data[indices[i]] over the i with segment_ids[i] == s."""
  if num_segments is not None:
    return gen_math_ops.sparse_segment_sum_with_num_segments(
        data=data, indices=indices, segment_ids=segment_ids, num_segments=num_segments,
        name=name)
  return gen_math_ops.sparse_segment_sum(data=data, indices=indices, segment_ids=segment_ids,
                                         name=name)


@tf_export("sparse.segment_mean", "sparse_segment_mean")
def sparse_segment_mean(data, indices, segment_ids, name=None, num_segments=None):
  """Like sparse_segment_sum, divided by each segment's size."""
  if num_segments is not None:
    return gen_math_ops.sparse_segment_mean_with_num_segments(
        data=data, indices=indices, segment_ids=segment_ids, num_segments=num_segments,
        name=name)
  return gen_math_ops.sparse_segment_mean(data=data, indices=indices, segment_ids=segment_ids,
                                          name=name)


@tf_export("sparse.segment_sqrt_n", "sparse_segment_sqrt_n")
def sparse_segment_sqrt_n(data, indices, segment_ids, name=None, num_segments=None):
  """Like sparse_segment_sum, divided by the square root of each segment's size."""
  if num_segments is not None:
    return gen_math_ops.sparse_segment_sqrt_n_with_num_segments(
        data=data, indices=indices, segment_ids=segment_ids, num_segments=num_segments,
        name=name)
  return gen_math_ops.sparse_segment_sqrt_n(data=data, indices=indices,
                                            segment_ids=segment_ids, name=name)


def _sum_grad(op, grad):
  input_rows = array_ops.shape(op.inputs[0])[0]
  return gen_math_ops.unsorted_segment_sum(array_ops.gather(grad, op.inputs[2]), op.inputs[1],
                                           input_rows)


@ops.RegisterGradient("SparseSegmentSum")
def _SparseSegmentSumGrad(op, grad):
  return (_sum_grad(op, grad), None, None)


@ops.RegisterGradient("SparseSegmentSumWithNumSegments")
def _SparseSegmentSumWithNumSegmentsGrad(op, grad):
  return (_sum_grad(op, grad), None, None, None)


@ops.RegisterGradient("SparseSegmentMean")
def _SparseSegmentMeanGrad(op, grad):
  dim0 = array_ops.shape(op.inputs[0])[0]
  return (gen_math_ops.sparse_segment_mean_grad(grad, op.inputs[1], op.inputs[2], dim0),
          None, None)


@ops.RegisterGradient("SparseSegmentMeanWithNumSegments")
def _SparseSegmentMeanWithNumSegmentsGrad(op, grad):
  dim0 = array_ops.shape(op.inputs[0])[0]
  return (gen_math_ops.sparse_segment_mean_grad(grad, op.inputs[1], op.inputs[2], dim0),
          None, None, None)


@ops.RegisterGradient("SparseSegmentSqrtN")
def _SparseSegmentSqrtNGrad(op, grad):
  dim0 = array_ops.shape(op.inputs[0])[0]
  return (gen_math_ops.sparse_segment_sqrt_n_grad(grad, op.inputs[1], op.inputs[2], dim0),
          None, None)


@ops.RegisterGradient("SparseSegmentSqrtNWithNumSegments")
def _SparseSegmentSqrtNWithNumSegmentsGrad(op, grad):
  dim0 = array_ops.shape(op.inputs[0])[0]
  return (gen_math_ops.sparse_segment_sqrt_n_grad(grad, op.inputs[1], op.inputs[2], dim0),
          None, None, None)

