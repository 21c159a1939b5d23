"""Segment reductions, `tf.dynamic_stitch`, `tf.setdiff1d` and the two-argument special functions
(`tf.math.polygamma`, `tf.math.zeta`, `tf.math.igamma`, `tf.math.igammac`) of TF 1.15.

TF 1.15 exports most of these straight from its generated wrappers; they build the same single
op here. `unsorted_segment_mean`/`unsorted_segment_sqrt_n` are TF's compositions of
UnsortedSegmentSum.
"""

from tensorflow.python.framework import dtypes
from tensorflow.python.framework import ops
from tensorflow.python.ops import gen_array_ops
from tensorflow.python.ops import gen_data_flow_ops
from tensorflow.python.ops import gen_math_ops
from tensorflow.python.util.tf_export import tf_export


# ---- sorted segments ----------------------------------------------------------------------------

@tf_export("math.segment_sum", "segment_sum")
def segment_sum(data, segment_ids, name=None):
  return gen_math_ops.segment_sum(data, segment_ids, name=name)


@tf_export("math.segment_mean", "segment_mean")
def segment_mean(data, segment_ids, name=None):
  return gen_math_ops.segment_mean(data, segment_ids, name=name)


@tf_export("math.segment_max", "segment_max")
def segment_max(data, segment_ids, name=None):
  return gen_math_ops.segment_max(data, segment_ids, name=name)


@tf_export("math.segment_min", "segment_min")
def segment_min(data, segment_ids, name=None):
  return gen_math_ops.segment_min(data, segment_ids, name=name)


@tf_export("math.segment_prod", "segment_prod")
def segment_prod(data, segment_ids, name=None):
  return gen_math_ops.segment_prod(data, segment_ids, name=name)


# ---- unsorted segments --------------------------------------------------------------------------

@tf_export("math.unsorted_segment_sum", "unsorted_segment_sum")
def unsorted_segment_sum(data, segment_ids, num_segments, name=None):
  return gen_math_ops.unsorted_segment_sum(data, segment_ids, num_segments, name=name)


@tf_export("math.unsorted_segment_max", "unsorted_segment_max")
def unsorted_segment_max(data, segment_ids, num_segments, name=None):
  return gen_math_ops.unsorted_segment_max(data, segment_ids, num_segments, name=name)


@tf_export("math.unsorted_segment_min", "unsorted_segment_min")
def unsorted_segment_min(data, segment_ids, num_segments, name=None):
  return gen_math_ops.unsorted_segment_min(data, segment_ids, num_segments, name=name)


@tf_export("math.unsorted_segment_prod", "unsorted_segment_prod")
def unsorted_segment_prod(data, segment_ids, num_segments, name=None):
  return gen_math_ops.unsorted_segment_prod(data, segment_ids, num_segments, name=name)


def _unsorted_segment_n(data, segment_ids, num_segments):
  """Per-segment counts, shaped to broadcast against the per-segment sums (at least 1)."""
  from tensorflow.python.ops import array_ops  # pylint: disable=g-import-not-at-top
  from tensorflow.python.ops import math_ops  # pylint: disable=g-import-not-at-top
  num_segments = ops.convert_to_tensor(num_segments)
  ones = array_ops.ones_like(segment_ids, dtype=data.dtype)
  n = gen_math_ops.unsorted_segment_sum(ones, segment_ids, num_segments)
  ndims_output = data.shape.ndims - segment_ids.shape.ndims
  broadcast_shape = array_ops.concat(
      [array_ops.reshape(num_segments, [1]),
       array_ops.ones([ndims_output], dtype=num_segments.dtype)], axis=0)
  n = array_ops.reshape(n, broadcast_shape)
  return math_ops.maximum(n, 1)


@tf_export("math.unsorted_segment_mean", "unsorted_segment_mean")
def unsorted_segment_mean(data, segment_ids, num_segments, name=None):
  with ops.name_scope(name, "UnsortedSegmentMean"):
    data = ops.convert_to_tensor(data)
    segment_ids = ops.convert_to_tensor(segment_ids)
    n = _unsorted_segment_n(data, segment_ids, num_segments)
    summed = gen_math_ops.unsorted_segment_sum(data, segment_ids, num_segments)
    return summed / n


@tf_export("math.unsorted_segment_sqrt_n", "unsorted_segment_sqrt_n")
def unsorted_segment_sqrt_n(data, segment_ids, num_segments, name=None):
  with ops.name_scope(name, "UnsortedSegmentSqrtN"):
    data = ops.convert_to_tensor(data)
    segment_ids = ops.convert_to_tensor(segment_ids)
    n = _unsorted_segment_n(data, segment_ids, num_segments)
    summed = gen_math_ops.unsorted_segment_sum(data, segment_ids, num_segments)
    return summed / gen_math_ops.sqrt(n)


# ---- stitching and set difference ---------------------------------------------------------------

@tf_export("dynamic_stitch")
def dynamic_stitch(indices, data, name=None):
  return gen_data_flow_ops.dynamic_stitch(indices, data, name=name)


@tf_export("setdiff1d")
def setdiff1d(x, y, index_dtype=dtypes.int32, name=None):
  return gen_array_ops.list_diff(x, y, index_dtype, name)


# ---- special functions --------------------------------------------------------------------------

@tf_export("math.polygamma", "polygamma")
def polygamma(a, x, name=None):
  return gen_math_ops.polygamma(a, x, name=name)


@tf_export("math.zeta", "zeta")
def zeta(x, q, name=None):
  return gen_math_ops.zeta(x, q, name=name)


@tf_export("math.igamma", "igamma")
def igamma(a, x, name=None):
  return gen_math_ops.igamma(a, x, name=name)


@tf_export("math.igammac", "igammac")
def igammac(a, x, name=None):
  return gen_math_ops.igammac(a, x, name=name)
