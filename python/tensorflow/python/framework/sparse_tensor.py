"""tf.SparseTensor / tf.SparseTensorValue (TF 1.15 framework/sparse_tensor.py).

A SparseTensor is three dense tensors: int64 `indices` [N, rank], `values` [N] and int64
`dense_shape` [rank]. Session.run fetches one as a SparseTensorValue and feeds one from a
SparseTensorValue or an (indices, values, dense_shape) tuple (registered below).
"""

import collections

from tensorflow.python.framework import dtypes
from tensorflow.python.framework import ops
from tensorflow.python.framework import ops_api
from tensorflow.python.framework import tensor_util
from tensorflow.python.util.tf_export import tf_export


@tf_export("sparse.SparseTensor", "SparseTensor")
class SparseTensor(ops._TensorLike):  # pylint: disable=protected-access
  """A sparse tensor: values[i] sits at position indices[i] of a tensor of shape dense_shape."""

  @classmethod
  def from_value(cls, sparse_tensor_value):
    if not is_sparse(sparse_tensor_value):
      raise TypeError("Neither a SparseTensor nor SparseTensorValue: %s." % sparse_tensor_value)
    if isinstance(sparse_tensor_value, SparseTensor):
      return sparse_tensor_value
    return SparseTensor(indices=sparse_tensor_value.indices,
                        values=sparse_tensor_value.values,
                        dense_shape=sparse_tensor_value.dense_shape)

  def __init__(self, indices, values, dense_shape):
    with ops.name_scope(None, "SparseTensor", [indices, values, dense_shape]):
      indices = ops.convert_to_tensor(indices, name="indices", dtype=dtypes.int64)
      values = ops_api.internal_convert_to_tensor(values, name="values", as_ref=True)
      dense_shape = ops.convert_to_tensor(dense_shape, name="dense_shape", dtype=dtypes.int64)
    self._indices = indices
    self._values = values
    self._dense_shape = dense_shape

    indices_shape = indices.shape.with_rank(2)
    values_shape = values.shape.with_rank(1)
    dense_shape_shape = dense_shape.shape.with_rank(1)
    # As TF: one index row per value, and one index column per dimension.
    indices_shape.dims[0].merge_with(values_shape.dims[0])
    indices_shape.dims[1].merge_with(dense_shape_shape.dims[0])

  def get_shape(self):
    """The static shape, read from dense_shape where it is a constant."""
    return tensor_util.constant_value_as_shape(self._dense_shape)

  @property
  def indices(self):
    return self._indices

  @property
  def values(self):
    return self._values

  @property
  def op(self):
    return self._values.op

  @property
  def dtype(self):
    return self._values.dtype

  @property
  def dense_shape(self):
    return self._dense_shape

  @property
  def shape(self):
    return self.get_shape()

  @property
  def graph(self):
    return self._indices.graph

  def consumers(self):
    seen = []
    for t in (self._indices, self._values, self._dense_shape):
      for op in t.consumers():
        if op not in seen:
          seen.append(op)
    return seen

  def __str__(self):
    return "SparseTensor(indices=%s, values=%s, dense_shape=%s)" % (
        self._indices, self._values, self._dense_shape)

  def eval(self, feed_dict=None, session=None):
    """The SparseTensorValue of this tensor in `session` (default: the default session)."""
    indices, values, dense_shape = ops._eval_using_default_session(  # pylint: disable=protected-access
        [self.indices, self.values, self.dense_shape], feed_dict, self.graph, session)
    return SparseTensorValue(indices, values, dense_shape)

  @staticmethod
  def _override_operator(operator, func):
    setattr(SparseTensor, operator, func)


SparseTensorValue = collections.namedtuple("SparseTensorValue",
                                           ["indices", "values", "dense_shape"])
tf_export("SparseTensorValue")(SparseTensorValue)


def is_sparse(x):
  """Whether x is a SparseTensor or a SparseTensorValue."""
  return isinstance(x, (SparseTensor, SparseTensorValue))


@tf_export("convert_to_tensor_or_sparse_tensor")
def convert_to_tensor_or_sparse_tensor(value, dtype=None, name=None):
  """value as a SparseTensor if it is sparse (a SparseTensorValue becomes one), else a Tensor."""
  if dtype is not None:
    dtype = dtypes.as_dtype(dtype)
  if isinstance(value, SparseTensorValue):
    value = SparseTensor.from_value(value)
  if isinstance(value, SparseTensor):
    if dtype and not dtype.is_compatible_with(value.dtype):
      raise RuntimeError("Sparse dtype: requested = %s, actual = %s" %
                         (dtype.name, value.dtype.name))
    return value
  return ops_api.internal_convert_to_tensor(value, dtype=dtype, name=name)


def _register_session_conversions():
  from tensorflow.python.client import session  # pylint: disable=g-import-not-at-top

  def fetch_fn(sparse):
    return ([sparse.indices, sparse.values, sparse.dense_shape],
            lambda fetched: SparseTensorValue(*fetched))

  def feed_fn(sparse, value):
    return list(zip([sparse.indices, sparse.values, sparse.dense_shape], value))

  def feed_fn_for_partial_run(sparse):
    return [sparse.indices, sparse.values, sparse.dense_shape]

  session.register_session_run_conversion_functions(SparseTensor, fetch_fn, feed_fn,
                                                    feed_fn_for_partial_run)


_register_session_conversions()
