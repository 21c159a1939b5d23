"""Partitioned variables (TF 1.x): one logical variable stored as slices along one axis.

`get_variable(..., partitioner=p)` asks `p(shape=, dtype=)` for a partition count per axis,
creates the slices `name/part_0`, `name/part_1`, ... (the first `dim % n` slices one longer),
calls the initializer once per slice with a `_PartitionInfo`, records each slice's
SaveSliceInfo (so Saver writes the full variable), and returns a `PartitionedVariable` that
converts to a tensor by concatenating its slices. Op names and order follow TF 1.15, so
graph-seeded random initializers give TF's values slice by slice.
"""

import collections.abc
import math

from tensorflow.python.framework import dtypes
from tensorflow.python.framework import ops
from tensorflow.python.framework import tensor_shape
from tensorflow.python.ops import array_ops
from tensorflow.python.ops import variables
from tensorflow.python.ops.variables import VariableAggregation
from tensorflow.python.ops.variables import VariableSynchronization
from tensorflow.python.util.tf_export import tf_export

__all__ = [
    "create_partitioned_variables", "variable_axis_size_partitioner",
    "min_max_variable_partitioner", "fixed_size_partitioner", "PartitionedVariable",
]


def _is_sequence(x):
  return isinstance(x, collections.abc.Sequence) and not isinstance(x, (str, bytes))


class _PartitionInfo(object):
  """Where one slice sits in the full variable; passed to initializers as `partition_info`."""

  def __init__(self, full_shape, var_offset):
    if not _is_sequence(full_shape):
      raise TypeError("`full_shape` must be a sequence (like tuple or list) instead of " +
                      type(full_shape).__name__)
    if not _is_sequence(var_offset):
      raise TypeError("`var_offset` must be a sequence (like tuple or list) instead of " +
                      type(var_offset).__name__)
    if len(var_offset) != len(full_shape):
      raise ValueError("Expected equal length, but `var_offset` is of length {} while "
                       "full_shape is of length {}.".format(len(var_offset), len(full_shape)))
    for offset, dim in zip(var_offset, full_shape):
      if offset < 0 or offset >= dim:
        raise ValueError("Expected 0 <= offset < shape but found offset={}, shape={} for "
                         "var_offset={}, full_shape={}".format(offset, dim, var_offset,
                                                               full_shape))
    self._full_shape = full_shape
    self._var_offset = var_offset

  @property
  def full_shape(self):
    return self._full_shape

  @property
  def var_offset(self):
    return self._var_offset

  def single_offset(self, shape):
    """The offset along the one sliced dimension (0 when nothing is sliced)."""
    dim = self.single_slice_dim(shape)
    return 0 if dim is None else self.var_offset[dim]

  def single_slice_dim(self, shape):
    """The one dimension in which a slice of `shape` differs from the full shape, or None."""
    if not _is_sequence(shape):
      raise TypeError("`shape` must be a sequence (like tuple or list) instead of " +
                      type(shape).__name__)
    if len(shape) != len(self.full_shape):
      raise ValueError("Expected equal length, but received shape={} of length {} while "
                       "self.full_shape={} is of length {}.".format(
                           shape, len(shape), self.full_shape, len(self.full_shape)))
    for i in range(len(shape)):
      if self.var_offset[i] + shape[i] > self.full_shape[i]:
        raise ValueError("With self.var_offset={}, a partition of shape={} would exceed "
                         "self.full_shape={} in dimension {}.".format(
                             self.var_offset, shape, self.full_shape, i))
    slice_dim = None
    for i in range(len(shape)):
      if shape[i] == self.full_shape[i]:
        continue
      if slice_dim is not None:
        raise ValueError("Cannot use single_slice_dim() with shape={} and "
                         "self.full_shape={} since slice dim could be either dimension {} "
                         "or {}.".format(shape, self.full_shape, i, slice_dim))
      slice_dim = i
    return slice_dim


# ---- partitioners ---------------------------------------------------------------------------

def _element_size(dtype, bytes_per_string_element):
  dtype = dtypes.as_dtype(dtype)
  if dtype.base_dtype == dtypes.string:
    return bytes_per_string_element
  return dtype.size


@tf_export("variable_axis_size_partitioner")
def variable_axis_size_partitioner(max_shard_bytes, axis=0, bytes_per_string_element=16,
                                   max_shards=None):
  """Shards along `axis` so that each shard stays under `max_shard_bytes` if it can."""
  if max_shard_bytes < 1 or bytes_per_string_element < 1:
    raise ValueError("Both max_shard_bytes and bytes_per_string_element must be positive.")
  if max_shards and max_shards < 1:
    raise ValueError("max_shards must be positive.")

  def _partitioner(shape, dtype):
    if not isinstance(shape, tensor_shape.TensorShape):
      raise ValueError("shape is not a TensorShape: %s" % shape)
    if not shape.is_fully_defined():
      raise ValueError("shape is not fully defined: %s" % shape)
    element_size = _element_size(dtype, bytes_per_string_element)
    partitions = [1] * shape.ndims
    axis_dim = shape.dims[axis].value
    bytes_per_slice = 1.0 * (shape.num_elements() / axis_dim) * element_size
    # How many axis-slices fit into one shard; at least one even if that one is too big.
    slices_per_shard = max(1, math.floor(max_shard_bytes / bytes_per_slice))
    axis_shards = int(math.ceil(1.0 * axis_dim / slices_per_shard))
    if max_shards:
      axis_shards = min(max_shards, axis_shards)
    partitions[axis] = axis_shards
    return partitions

  return _partitioner


@tf_export("min_max_variable_partitioner")
def min_max_variable_partitioner(max_partitions=1, axis=0, min_slice_size=256 << 10,
                                 bytes_per_string_element=16):
  """Shards along `axis` into slices of at least `min_slice_size` bytes, at most
  `max_partitions` of them."""

  def _partitioner(shape, dtype):
    if axis >= len(shape):
      raise ValueError("Can not partition variable along axis %d when shape is only %s" %
                       (axis, shape))
    total_size_bytes = shape.num_elements() * _element_size(dtype, bytes_per_string_element)
    partitions = total_size_bytes / min_slice_size
    partitions_list = [1] * len(shape)
    partitions_list[axis] = max(1, min(shape.dims[axis].value, max_partitions,
                                       int(math.ceil(partitions))))
    return partitions_list

  return _partitioner


@tf_export("fixed_size_partitioner")
def fixed_size_partitioner(num_shards, axis=0):
  """`num_shards` shards along `axis` (fewer when the axis is shorter)."""

  def _partitioner(shape, **unused_args):
    partitions_list = [1] * len(shape)
    partitions_list[axis] = min(num_shards, shape.dims[axis].value)
    return partitions_list

  return _partitioner


@tf_export("create_partitioned_variables")
def create_partitioned_variables(shape, slicing, initializer, dtype=dtypes.float32,
                                 trainable=True, collections=None, name=None, reuse=None):
  """The slices (a list of Variables) of a variable of `shape` cut as `slicing` says."""
  from tensorflow.python.ops import variable_scope  # pylint: disable=g-import-not-at-top
  if len(shape) != len(slicing):
    raise ValueError("The 'shape' and 'slicing' of a partitioned Variable must have the "
                     "length: shape: %s, slicing: %s" % (shape, slicing))
  if len(shape) < 1:
    raise ValueError("A partitioned Variable must have rank at least 1: shape: %s" % shape)
  partitioner = lambda **unused_kwargs: slicing
  with variable_scope.variable_scope(name, "PartitionedVariable", reuse=reuse):
    partitioned_var = variable_scope._get_partitioned_variable(  # pylint: disable=protected-access
        name=None, shape=shape, dtype=dtype, initializer=initializer, trainable=trainable,
        partitioner=partitioner, collections=collections)
    return list(partitioned_var)


# ---- the store's partitioned path -----------------------------------------------------------

def _call_partitioner(partitioner, shape, dtype):
  """The partitioner's list for `shape`, checked: one entry per axis, >= 1, one axis cut."""
  if not shape.is_fully_defined():
    raise ValueError("Shape of a new partitioned variable must be fully defined, but "
                     "instead was %s." % (shape,))
  if shape.ndims < 1:
    raise ValueError("A partitioned Variable must have rank at least 1, shape: %s" % shape)
  slicing = partitioner(shape=shape, dtype=dtype)
  if not isinstance(slicing, collections.abc.Sequence):
    raise ValueError("Partitioner must return a sequence, but saw: %s" % slicing)
  if len(slicing) != shape.ndims:
    raise ValueError("Partitioner returned a partition list that does not match the "
                     "Variable's rank: %s vs. %s" % (slicing, shape))
  if any(p < 1 for p in slicing):
    raise ValueError("Partitioner returned zero partitions for some axes: %s" % slicing)
  if sum(p > 1 for p in slicing) > 1:
    raise ValueError("Can only slice a variable along one dimension: shape: %s, "
                     "partitioning: %s" % (shape, slicing))
  return slicing


def _get_slice_dim_and_num_slices(slicing):
  for slice_dim, num_slices in enumerate(slicing):
    if num_slices > 1:
      return slice_dim, num_slices
  return 0, 1  # Nothing cut: one slice holding everything.


def _iter_slices(full_shape, num_slices, slice_dim):
  """(offset, shape) per slice; the first `dim % num_slices` slices are one longer."""
  num_slices_with_excess = full_shape[slice_dim] % num_slices
  offset = [0] * len(full_shape)
  min_slice_len = full_shape[slice_dim] // num_slices
  for i in range(num_slices):
    shape = list(full_shape)
    shape[slice_dim] = min_slice_len + (1 if i < num_slices_with_excess else 0)
    yield list(offset), shape
    offset[slice_dim] += shape[slice_dim]


def get_partitioned_variable(store, name, partitioner, shape=None, dtype=dtypes.float32,
                             initializer=None, regularizer=None, reuse=None, trainable=None,
                             collections=None, caching_device=None, validate_shape=True,
                             use_resource=None, constraint=None,
                             synchronization=VariableSynchronization.AUTO,
                             aggregation=VariableAggregation.NONE):
  """`_VariableStore._get_partitioned_variable`: finds or makes the PartitionedVariable
  `name` in `store` (a variable_scope._VariableStore)."""
  initializing_from_value = initializer is not None and isinstance(initializer, ops.Tensor)
  if name in store._vars:  # pylint: disable=protected-access
    raise ValueError("A partitioner was provided, but an unpartitioned version of the "
                     "variable was found: %s.  Perhaps a variable of the same name was "
                     "already created without partitioning?" % name)
  shape = tensor_shape.as_shape(shape)
  if initializing_from_value:
    shape = shape.merge_with(initializer.get_shape())
  dtype = dtypes.as_dtype(dtype)

  partitions = None
  if not reuse or partitioner:
    partitions = _call_partitioner(partitioner, shape, dtype)

  existing = store._partitioned_vars.get(name)  # pylint: disable=protected-access
  if existing is not None:
    if reuse is False:
      raise ValueError("Partitioned variable with name %s already exists. Did you mean to "
                       "set reuse=True or reuse=tf.AUTO_REUSE in VarScope?" % name)
    if not shape.is_compatible_with(existing.get_shape()):
      raise ValueError("Trying to reuse partitioned variable %s, but specified shape %s "
                       "and found shape %s." % (name, shape, existing.get_shape()))
    if not dtype.is_compatible_with(existing.dtype):
      raise ValueError("Trying to reuse partitioned variable %s, but specified dtype %s "
                       "and found dtype %s." % (name, dtype.name, existing.dtype.name))
    if partitions is not None and existing._get_partitions() != partitions:  # pylint: disable=protected-access
      raise ValueError("Trying to reuse partitioned variable %s, but specified partitions "
                       "%s and found partitions %s." %
                       (name, partitions, existing._get_partitions()))  # pylint: disable=protected-access
    return existing

  if reuse is True:
    raise ValueError("PartitionedVariable %s does not exist, or was not created with "
                     "tf.get_variable(). Did you mean to set reuse=False or "
                     "reuse=tf.AUTO_REUSE in VarScope?" % name)

  slice_dim, num_slices = _get_slice_dim_and_num_slices(partitions)
  store_vars = store._vars  # pylint: disable=protected-access
  if "%s/part_0" % name in store_vars:
    if "%s/part_%d" % (name, num_slices - 1) not in store_vars:
      raise ValueError("Partitioner returned a different partitioning than what was "
                       "already found.  Partitioner returned %d shards, and shard "
                       "%s/part_0 was found, but %s/part_%d was not." %
                       (num_slices, name, name, num_slices - 1))
    if "%s/part_%d" % (name, num_slices) in store_vars:
      raise ValueError("Partitioner returned a different partitioning than what was "
                       "already found.  Partitioner returned %d shards, and shard "
                       "%s/part_0 was found, but so was the extra shard %s/part_%d." %
                       (num_slices, name, name, num_slices))

  parts = []
  for i, (var_offset, var_shape) in enumerate(
      _iter_slices(shape.as_list(), num_slices, slice_dim)):
    partition_info = _PartitionInfo(full_shape=shape.as_list(), var_offset=var_offset)
    part_name = "%s/part_%d" % (name, i)
    # TF opens this scope for every slice (so its name is taken) even when nothing lands in it.
    with ops.name_scope(part_name + "/PartitionedInitializer"):
      if initializer is None:
        init, initializing_from_value = store._get_default_initializer(  # pylint: disable=protected-access
            name=name, shape=shape, dtype=dtype)
        init_shape = None if initializing_from_value else var_shape
      elif callable(initializer):
        init = initializer
        init_shape = var_shape
      elif isinstance(initializer, ops.Tensor):
        init = array_ops.slice(initializer, var_offset, var_shape)
        dtype = init.dtype.base_dtype  # A tensor's own dtype wins.
        init_shape = None
      else:
        init = ops.convert_to_tensor(initializer, dtype=dtype)
        init = array_ops.slice(init, var_offset, var_shape)
        init_shape = None

    with ops.name_scope(None):
      var = store._get_single_variable(  # pylint: disable=protected-access
          name=part_name, shape=init_shape, dtype=dtype, initializer=init,
          partition_info=partition_info, regularizer=regularizer, reuse=reuse,
          trainable=trainable, collections=collections, caching_device=caching_device,
          validate_shape=validate_shape, use_resource=use_resource, constraint=constraint,
          synchronization=synchronization, aggregation=aggregation)
    var._set_save_slice_info(variables.Variable.SaveSliceInfo(  # pylint: disable=protected-access
        name, shape.as_list(), var_offset, var_shape))
    parts.append(var)

  partitioned_var = PartitionedVariable(name=name, shape=shape, dtype=dtype,
                                        variable_list=parts, partitions=partitions)
  store._partitioned_vars[name] = partitioned_var  # pylint: disable=protected-access
  return partitioned_var


def scope_get_partitioned_variable(scope, var_store, name, shape=None, dtype=None,
                                   initializer=None, regularizer=None, trainable=True,
                                   collections=None, caching_device=None, partitioner=None,
                                   validate_shape=True, use_resource=None, constraint=None,
                                   synchronization=VariableSynchronization.AUTO,
                                   aggregation=VariableAggregation.NONE):
  """`VariableScope._get_partitioned_variable`: the scope's defaults, then the store's
  partitioned path. An empty `name` means the scope's own name (create_partitioned_variables)."""
  if initializer is None:
    initializer = scope.initializer
  if regularizer is None:
    regularizer = scope.regularizer
  if constraint is None:
    constraint = scope.constraint
  if caching_device is None:
    caching_device = scope.caching_device
  if partitioner is None:
    partitioner = scope.partitioner
  if dtype is None:
    dtype = scope.dtype
  if use_resource is None:
    use_resource = scope.use_resource
  if scope.custom_getter is not None:
    raise ValueError(
        "Private access to _get_partitioned_variable is not allowed when a custom getter is "
        "set.  Current custom getter: %s.  It is likely that you're using "
        "create_partitioned_variables.  If so, consider instead using get_variable with a "
        "non-empty partitioner parameter instead." % scope.custom_getter)
  if partitioner is None:
    raise ValueError("No partitioner was specified")
  full_name = "/".join([n for n in (scope.name, name) if n])
  # Variable names follow the variable scope only.
  with ops.name_scope(None):
    return var_store._get_partitioned_variable(  # pylint: disable=protected-access
        full_name, partitioner, shape=shape, dtype=dtype, initializer=initializer,
        regularizer=regularizer, reuse=scope.reuse, trainable=trainable,
        collections=collections, caching_device=caching_device,
        validate_shape=validate_shape, use_resource=use_resource, constraint=constraint,
        synchronization=synchronization, aggregation=aggregation)


# ---- PartitionedVariable --------------------------------------------------------------------

class PartitionedVariable(object):
  """The slices of one partitioned variable; a tensor (their concat) when used as one."""

  def __init__(self, name, shape, dtype, variable_list, partitions):
    if not isinstance(variable_list, (list, tuple)):
      raise TypeError("variable_list is not a list or tuple: %s" % variable_list)
    if not isinstance(partitions, (list, tuple)):
      raise TypeError("partitions is not a list or tuple: %s" % partitions)
    if not all(p >= 1 for p in partitions):
      raise ValueError("partition values must be positive: %s" % partitions)
    if not variable_list:
      raise ValueError("variable_list may not be empty")
    # pylint: disable=protected-access
    if not all(v._get_save_slice_info() is not None for v in variable_list):
      raise ValueError("All variables must have a save_slice_info available: %s" %
                       [v.name for v in variable_list])
    if len(shape) != len(partitions):
      raise ValueError("len(shape) != len(partitions): %s vs. %s" % (shape, partitions))
    for v in variable_list:
      if v._get_save_slice_info().full_shape != shape:
        raise ValueError("All variables' full shapes must match shape: %s; but full shapes "
                         "were: %s" % (shape, str([v._get_save_slice_info().full_shape])))
    # Iteration and concatenation go by offset into the full variable.
    self._variable_list = sorted(variable_list,
                                 key=lambda v: v._get_save_slice_info().var_offset)
    # pylint: enable=protected-access
    self._name = name
    self._shape = shape
    self._dtype = dtype
    self._partitions = partitions
    self._as_tensor = None

  def __iter__(self):
    return iter(self._variable_list)

  def __len__(self):
    num_partition_axes = len(self._partition_axes())
    if num_partition_axes > 1:
      raise ValueError("Cannot get a length for %d > 1 partition axes" % num_partition_axes)
    return len(self._variable_list)

  def __repr__(self):
    return "<tf.PartitionedVariable '%s' shape=%s dtype=%s parts=%d>" % (
        self._name, self._shape, self._dtype.name, len(self._variable_list))

  def _partition_axes(self):
    if all(p == 1 for p in self._partitions):
      return [0]
    return [i for i, p in enumerate(self._partitions) if p > 1]

  def _concat(self):
    """The slices joined along the partition axis, under the control dependencies in force."""
    if len(self._variable_list) == 1:
      with ops.name_scope(None):
        return array_ops.identity(self._variable_list[0], name=self._name)
    partition_axes = self._partition_axes()
    if len(partition_axes) > 1:
      raise NotImplementedError("Cannot concatenate along more than one dimension: %s.  "
                                "Multi-axis partition concat is not supported" %
                                str(partition_axes))
    with ops.name_scope(self._name + "/ConcatPartitions/"):
      concatenated = array_ops.concat(self._variable_list, partition_axes[0])
    with ops.name_scope(None):
      return array_ops.identity(concatenated, name=self._name)

  def as_tensor(self):
    """The concatenated value; like reading a Variable, free of outer control dependencies."""
    with ops.control_dependencies(None):
      return self._concat()

  @staticmethod
  def _TensorConversionFunction(v, dtype=None, name=None, as_ref=False):  # pylint: disable=invalid-name
    del name
    if dtype is not None and not dtype.is_compatible_with(v.dtype):
      raise ValueError("Incompatible type conversion requested to type '%s' for variable "
                       "of type '%s'" % (dtype.name, v.dtype.name))
    if as_ref:
      raise NotImplementedError("PartitionedVariable doesn't support being used as a "
                                "reference.")
    return v.as_tensor()

  @property
  def name(self):
    return self._name

  @property
  def dtype(self):
    return self._dtype

  @property
  def shape(self):
    return self.get_shape()

  @property
  def _distribute_strategy(self):
    return None

  def get_shape(self):
    return self._shape

  def _get_variable_list(self):
    return self._variable_list

  def _get_partitions(self):
    return self._partitions

  def _apply_assign_fn(self, assign_fn, value):
    partition_axes = self._partition_axes()
    if len(partition_axes) > 1:
      raise NotImplementedError("Cannot do assign action along more than one dimension: "
                                "%s.  Multi-axis partition assign action is not supported "
                                % str(partition_axes))
    if isinstance(value, list):
      if len(value) != len(self._variable_list):
        raise ValueError("Expected %d values, one per partition, but got %d" %
                         (len(self._variable_list), len(value)))
      value_list = value
    elif isinstance(value, PartitionedVariable):
      value_list = list(value)
    else:
      axis = partition_axes[0]
      sizes = [tensor_shape.dimension_value(var.shape[axis]) for var in self._variable_list]
      value_list = array_ops.split(value, sizes, axis=axis)
    return [assign_fn(var, value_list[i]) for i, var in enumerate(self._variable_list)]

  def _assign_with(self, method, value, use_locking, name, read_value):
    results = self._apply_assign_fn(
        lambda var, v: getattr(var, method)(v, use_locking=use_locking, name=name,
                                            read_value=read_value), value)
    if read_value:
      return results
    return [r if isinstance(r, ops.Operation) else r.op for r in results]

  def assign(self, value, use_locking=False, name=None, read_value=True):
    return self._assign_with("assign", value, use_locking, name, read_value)

  def assign_add(self, value, use_locking=False, name=None, read_value=True):
    return self._assign_with("assign_add", value, use_locking, name, read_value)

  def assign_sub(self, value, use_locking=False, name=None, read_value=True):
    return self._assign_with("assign_sub", value, use_locking, name, read_value)


ops.register_tensor_conversion_function(PartitionedVariable,
                                        PartitionedVariable._TensorConversionFunction)  # pylint: disable=protected-access
