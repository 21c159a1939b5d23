"""TF 1.x static shapes: Dimension and TensorShape (v1 behaviour: dims are Dimensions)."""

from tensorflow.core.framework import tensor_shape_pb2
from tensorflow.python.util.tf_export import tf_export


@tf_export("Dimension")
class Dimension(object):
  """One dimension of a shape; `value` is an int or None when unknown."""

  __slots__ = ("_value",)

  def __init__(self, value):
    if value is None:
      self._value = None
    elif isinstance(value, Dimension):
      self._value = value.value
    else:
      try:
        self._value = int(value.__index__())
      except AttributeError:
        raise TypeError("Dimension value must be integer or None or have an __index__ "
                        "method, got value '{0!r}' with type '{1!r}'".format(
                            value, type(value)))
      if self._value < 0:
        raise ValueError("Dimension %d must be >= 0" % self._value)

  def __repr__(self):
    return "Dimension(%s)" % repr(self._value)

  def __str__(self):
    return "?" if self._value is None else str(self._value)

  def __eq__(self, other):
    try:
      other = as_dimension(other)
    except (TypeError, ValueError):
      return NotImplemented
    if self._value is None or other.value is None:
      return None
    return self._value == other.value

  def __ne__(self, other):
    try:
      other = as_dimension(other)
    except (TypeError, ValueError):
      return NotImplemented
    if self._value is None or other.value is None:
      return None
    return self._value != other.value

  def __hash__(self):
    return hash(self._value)

  def __int__(self):
    return self._value

  def __index__(self):
    return self._value

  def __bool__(self):
    return bool(self._value)

  @property
  def value(self):
    return self._value

  def is_compatible_with(self, other):
    other = as_dimension(other)
    return self._value is None or other.value is None or self._value == other.value

  def assert_is_compatible_with(self, other):
    if not self.is_compatible_with(other):
      raise ValueError("Dimensions %s and %s are not compatible" % (self, other))

  def merge_with(self, other):
    other = as_dimension(other)
    self.assert_is_compatible_with(other)
    return Dimension(self._value if self._value is not None else other.value)

  def _binary(self, other, fn):
    try:
      other = as_dimension(other)
    except (TypeError, ValueError):
      return NotImplemented
    if self._value is None or other.value is None:
      return Dimension(None)
    return Dimension(fn(self._value, other.value))

  def __add__(self, other):
    return self._binary(other, lambda a, b: a + b)

  def __radd__(self, other):
    return self.__add__(other)

  def __sub__(self, other):
    return self._binary(other, lambda a, b: a - b)

  def __rsub__(self, other):
    try:
      other = as_dimension(other)
    except (TypeError, ValueError):
      return NotImplemented
    return other.__sub__(self)

  def __mul__(self, other):
    return self._binary(other, lambda a, b: a * b)

  def __rmul__(self, other):
    return self.__mul__(other)

  def __floordiv__(self, other):
    return self._binary(other, lambda a, b: a // b)

  def __rfloordiv__(self, other):
    try:
      other = as_dimension(other)
    except (TypeError, ValueError):
      return NotImplemented
    return other.__floordiv__(self)

  def __div__(self, other):
    return self // other

  def __truediv__(self, other):
    raise TypeError("unsupported operand type(s) for /: 'Dimension' and '{}', please use "
                    "// instead".format(type(other).__name__))

  def __rtruediv__(self, other):
    raise TypeError("unsupported operand type(s) for /: '{}' and 'Dimension', please use "
                    "// instead".format(type(other).__name__))

  def __mod__(self, other):
    return self._binary(other, lambda a, b: a % b)

  def __rmod__(self, other):
    try:
      other = as_dimension(other)
    except (TypeError, ValueError):
      return NotImplemented
    return other.__mod__(self)

  def _compare(self, other, fn):
    other = as_dimension(other)
    if self._value is None or other.value is None:
      return None
    return fn(self._value, other.value)

  def __lt__(self, other):
    return self._compare(other, lambda a, b: a < b)

  def __le__(self, other):
    return self._compare(other, lambda a, b: a <= b)

  def __gt__(self, other):
    return self._compare(other, lambda a, b: a > b)

  def __ge__(self, other):
    return self._compare(other, lambda a, b: a >= b)

  def __reduce__(self):
    return Dimension, (self._value,)


def as_dimension(value):
  if isinstance(value, Dimension):
    return value
  return Dimension(value)


@tf_export("dimension_value", v1=["dimension_value", "compat.dimension_value"])
def dimension_value(dimension):
  if isinstance(dimension, Dimension):
    return dimension.value
  return dimension


@tf_export("dimension_at_index", v1=["dimension_at_index", "compat.dimension_at_index"])
def dimension_at_index(shape, index):
  shape = as_shape(shape)
  if shape.rank is None:
    return Dimension(None)
  return shape.dims[index]


@tf_export("TensorShape")
class TensorShape(object):
  """A possibly partial shape: unknown rank (dims None) or a list of Dimensions."""

  __slots__ = ("_dims",)

  def __init__(self, dims):
    if dims is None:
      self._dims = None
    elif isinstance(dims, tensor_shape_pb2.TensorShapeProto):
      if dims.unknown_rank:
        self._dims = None
      else:
        self._dims = [as_dimension(d.size if d.size != -1 else None) for d in dims.dim]
    elif isinstance(dims, TensorShape):
      self._dims = None if dims._dims is None else list(dims._dims)
    elif isinstance(dims, (str, bytes)):
      raise TypeError("A string has ambiguous TensorShape, please wrap in a list or convert "
                      "to an int: %s" % (dims,))
    else:
      try:
        it = iter(dims)
      except TypeError:
        self._dims = [as_dimension(dims)]
      else:
        self._dims = [as_dimension(d) for d in it]

  def __repr__(self):
    if self._dims is None:
      return "TensorShape(None)"
    return "TensorShape(%r)" % (self._dims,)

  def __str__(self):
    if self._dims is None:
      return "<unknown>"
    if len(self._dims) == 1:
      return "(%s,)" % self._dims[0]
    return "(%s)" % ", ".join(str(d) for d in self._dims)

  @property
  def rank(self):
    return None if self._dims is None else len(self._dims)

  @property
  def ndims(self):
    return self.rank

  @property
  def dims(self):
    return None if self._dims is None else list(self._dims)

  def __len__(self):
    if self._dims is None:
      raise ValueError("Cannot take the length of shape with unknown rank.")
    return len(self._dims)

  def __bool__(self):
    return self._dims is not None

  def __iter__(self):
    if self._dims is None:
      raise ValueError("Cannot iterate over a shape with unknown rank.")
    return iter(self._dims)

  def __getitem__(self, key):
    if self._dims is not None:
      if isinstance(key, slice):
        return TensorShape(self._dims[key])
      return self._dims[key]
    if isinstance(key, slice):
      start = key.start if key.start is not None else 0
      stop = key.stop
      if key.step is not None:
        raise ValueError("Steps are not yet handled")
      if stop is None:
        if start < 0:
          return unknown_shape(rank=-start)
        return unknown_shape()
      if start < 0 or stop < 0:
        return unknown_shape()
      return unknown_shape(rank=stop - start)
    return Dimension(None)

  def num_elements(self):
    if not self.is_fully_defined():
      return None
    n = 1
    for d in self._dims:
      n *= d.value
    return n

  def merge_with(self, other):
    other = as_shape(other)
    if self._dims is None:
      return other
    if other.dims is None:
      return self
    try:
      self.assert_same_rank(other)
      return TensorShape([a.merge_with(b) for a, b in zip(self._dims, other.dims)])
    except ValueError:
      raise ValueError("Shapes %s and %s are not compatible" % (self, other))

  def concatenate(self, other):
    other = as_shape(other)
    if self._dims is None or other.dims is None:
      return unknown_shape()
    return TensorShape(self._dims + other.dims)

  def assert_same_rank(self, other):
    other = as_shape(other)
    if self.rank is not None and other.rank is not None and self.rank != other.rank:
      raise ValueError("Shapes %s and %s must have the same rank" % (self, other))

  def assert_has_rank(self, rank):
    if self.rank not in (None, rank):
      raise ValueError("Shape %s must have rank %d" % (self, rank))

  def with_rank(self, rank):
    try:
      return self.merge_with(unknown_shape(rank=rank))
    except ValueError:
      raise ValueError("Shape %s must have rank %d" % (self, rank))

  def with_rank_at_least(self, rank):
    if self.rank is not None and self.rank < rank:
      raise ValueError("Shape %s must have rank at least %d" % (self, rank))
    return self

  def with_rank_at_most(self, rank):
    if self.rank is not None and self.rank > rank:
      raise ValueError("Shape %s must have rank at most %d" % (self, rank))
    return self

  def is_compatible_with(self, other):
    other = as_shape(other)
    if self._dims is not None and other.dims is not None:
      if self.rank != other.rank:
        return False
      for a, b in zip(self._dims, other.dims):
        if not a.is_compatible_with(b):
          return False
    return True

  def assert_is_compatible_with(self, other):
    if not self.is_compatible_with(other):
      raise ValueError("Shapes %s and %s are incompatible" % (self, other))

  def most_specific_compatible_shape(self, other):
    other = as_shape(other)
    if self._dims is None or other.dims is None or self.rank != other.rank:
      return unknown_shape()
    return TensorShape([a if a.value == b.value else Dimension(None)
                        for a, b in zip(self._dims, other.dims)])

  def is_fully_defined(self):
    return self._dims is not None and all(d.value is not None for d in self._dims)

  def assert_is_fully_defined(self):
    if not self.is_fully_defined():
      raise ValueError("Shape %s is not fully defined" % self)

  def as_list(self):
    if self._dims is None:
      raise ValueError("as_list() is not defined on an unknown TensorShape.")
    return [d.value for d in self._dims]

  def as_proto(self):
    if self._dims is None:
      return tensor_shape_pb2.TensorShapeProto(unknown_rank=True)
    return tensor_shape_pb2.TensorShapeProto(dim=[
        tensor_shape_pb2.TensorShapeProto.Dim(size=-1 if d.value is None else d.value)
        for d in self._dims])

  def _as_native(self):
    """The native module's shape form: None, or a list with -1 for unknown dims."""
    if self._dims is None:
      return None
    return [-1 if d.value is None else d.value for d in self._dims]

  def __eq__(self, other):
    try:
      other = as_shape(other)
    except TypeError:
      return NotImplemented
    return self._dims == other.dims

  def __ne__(self, other):
    try:
      other = as_shape(other)
    except TypeError:
      return NotImplemented
    if self.rank is None or other.rank is None:
      raise ValueError("The inequality of unknown TensorShapes is undefined.")
    if self.rank != other.rank:
      return True
    return self._dims != other.dims

  def __hash__(self):
    return hash(None if self._dims is None else tuple(d.value for d in self._dims))

  def __add__(self, other):
    return self.concatenate(other)

  def __radd__(self, other):
    return as_shape(other).concatenate(self)

  def __reduce__(self):
    return TensorShape, (self.as_list() if self._dims is not None else None,)


def as_shape(shape):
  if isinstance(shape, TensorShape):
    return shape
  return TensorShape(shape)


def _from_native(shape):
  if shape is None:
    return TensorShape(None)
  return TensorShape([None if d < 0 else d for d in shape])


def unknown_shape(rank=None, **kwargs):
  if rank is None and "ndims" in kwargs:
    rank = kwargs.pop("ndims")
  if kwargs:
    raise TypeError("Unknown argument: %s" % kwargs)
  if rank is None:
    return TensorShape(None)
  return TensorShape([Dimension(None)] * rank)


def scalar():
  return TensorShape([])


def vector(length):
  return TensorShape([length])


def matrix(rows, cols):
  return TensorShape([rows, cols])
