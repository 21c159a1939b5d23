"""tf.IndexedSlices: a sparse slice representation used mostly for gradients."""

import collections

from tensorflow.python.framework import dtypes
from tensorflow.python.framework import ops
from tensorflow.python.framework import tensor_conversion_registry
from tensorflow.python.util.tf_export import tf_export


@tf_export("IndexedSlices")
class IndexedSlices(ops._TensorLike):
  """values[i] is the slice at row indices[i] of a dense tensor of shape dense_shape."""

  def __init__(self, values, indices, dense_shape=None):
    self._values = values
    self._indices = indices
    self._dense_shape = dense_shape

  @property
  def values(self):
    return self._values

  @property
  def indices(self):
    return self._indices

  @property
  def dense_shape(self):
    return self._dense_shape

  @property
  def name(self):
    return self.values.name

  @property
  def device(self):
    return self.values.device

  @property
  def op(self):
    return self.values.op

  @property
  def dtype(self):
    return self.values.dtype

  @property
  def graph(self):
    return self._values.graph

  def __str__(self):
    return "IndexedSlices(indices=%s, values=%s%s)" % (
        self._indices, self._values,
        (", dense_shape=%s" % self._dense_shape) if self._dense_shape is not None else "")

  def __neg__(self):
    from tensorflow.python.ops import math_ops  # pylint: disable=g-import-not-at-top
    return IndexedSlices(math_ops.negative(self.values), self.indices, self.dense_shape)


IndexedSlicesValue = collections.namedtuple("IndexedSlicesValue",
                                            ["values", "indices", "dense_shape"])
tf_export("IndexedSlicesValue")(IndexedSlicesValue)


def _indexed_slices_to_tensor(value, dtype=None, name=None, as_ref=False):
  """Densifies with UnsortedSegmentSum, as TF does (needs the math ops)."""
  del as_ref
  if dtype and not dtype.is_compatible_with(value.dtype):
    raise ValueError("Tensor conversion requested dtype %s for IndexedSlices with dtype %s" %
                     (dtype.name, value.dtype.name))
  if value.dense_shape is None:
    raise ValueError("Tensor conversion requested for IndexedSlices without dense_shape: %s"
                     % str(value))
  from tensorflow.python.ops import gen_math_ops  # pylint: disable=g-import-not-at-top
  return gen_math_ops.unsorted_segment_sum(value.values, value.indices,
                                           value.dense_shape[0], name=name)


tensor_conversion_registry.register_tensor_conversion_function(
    IndexedSlices, _indexed_slices_to_tensor)
del dtypes
