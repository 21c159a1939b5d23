"""TF 1.15 DType objects (tf.dtypes)."""

import builtins

import numpy as np

try:
  import ml_dtypes
  _np_bfloat16 = np.dtype(ml_dtypes.bfloat16)
except ImportError:  # pragma: no cover - ml_dtypes is a hard dependency in practice
  ml_dtypes = None
  _np_bfloat16 = None

from tensorflow.core.framework import types_pb2
from tensorflow.python.util.tf_export import tf_export

# Quantized types have no NumPy counterpart; TF exposes them as structured dtypes with one
# named field so that feeds can still be told apart.
_np_qint8 = np.dtype([("qint8", np.int8)])
_np_quint8 = np.dtype([("quint8", np.uint8)])
_np_qint16 = np.dtype([("qint16", np.int16)])
_np_quint16 = np.dtype([("quint16", np.uint16)])
_np_qint32 = np.dtype([("qint32", np.int32)])
# Resources and variants are opaque handles on the NumPy side.
_np_resource = np.dtype([("resource", np.ubyte)])

# enum -> (name, numpy dtype or None, byte size)
_TYPE_INFO = {
    types_pb2.DT_INVALID: ("invalid", None, 0),
    types_pb2.DT_HALF: ("float16", np.dtype(np.float16), 2),
    types_pb2.DT_FLOAT: ("float32", np.dtype(np.float32), 4),
    types_pb2.DT_DOUBLE: ("float64", np.dtype(np.float64), 8),
    types_pb2.DT_INT32: ("int32", np.dtype(np.int32), 4),
    types_pb2.DT_UINT8: ("uint8", np.dtype(np.uint8), 1),
    types_pb2.DT_UINT16: ("uint16", np.dtype(np.uint16), 2),
    types_pb2.DT_UINT32: ("uint32", np.dtype(np.uint32), 4),
    types_pb2.DT_UINT64: ("uint64", np.dtype(np.uint64), 8),
    types_pb2.DT_INT16: ("int16", np.dtype(np.int16), 2),
    types_pb2.DT_INT8: ("int8", np.dtype(np.int8), 1),
    types_pb2.DT_STRING: ("string", np.dtype(object), 1),
    types_pb2.DT_COMPLEX64: ("complex64", np.dtype(np.complex64), 8),
    types_pb2.DT_COMPLEX128: ("complex128", np.dtype(np.complex128), 16),
    types_pb2.DT_INT64: ("int64", np.dtype(np.int64), 8),
    types_pb2.DT_BOOL: ("bool", np.dtype(np.bool_), 1),
    types_pb2.DT_QINT8: ("qint8", _np_qint8, 1),
    types_pb2.DT_QUINT8: ("quint8", _np_quint8, 1),
    types_pb2.DT_QINT16: ("qint16", _np_qint16, 2),
    types_pb2.DT_QUINT16: ("quint16", _np_quint16, 2),
    types_pb2.DT_QINT32: ("qint32", _np_qint32, 4),
    types_pb2.DT_BFLOAT16: ("bfloat16", _np_bfloat16, 2),
    types_pb2.DT_RESOURCE: ("resource", _np_resource, 1),
    types_pb2.DT_VARIANT: ("variant", None, 1),
}
_REF_OFFSET = 100


class DType(object):
  """A TensorFlow element type, identified by its DataType enum."""

  __slots__ = ("_type_enum",)

  def __init__(self, type_enum):
    type_enum = int(type_enum)
    if type_enum % _REF_OFFSET not in _TYPE_INFO or type_enum == types_pb2.DT_INVALID or \
        type_enum >= 2 * _REF_OFFSET:
      raise TypeError("type_enum is not a valid types_pb2.DataType: %s" % type_enum)
    self._type_enum = type_enum

  @property
  def _is_ref_dtype(self):
    return self._type_enum > _REF_OFFSET

  @property
  def _as_ref(self):
    if self._is_ref_dtype:
      return self
    return _INTERN[self._type_enum + _REF_OFFSET]

  @property
  def base_dtype(self):
    if self._is_ref_dtype:
      return _INTERN[self._type_enum - _REF_OFFSET]
    return self

  @property
  def real_dtype(self):
    base = self.base_dtype
    if base == complex64:
      return float32
    if base == complex128:
      return float64
    return self

  @property
  def is_numpy_compatible(self):
    return self._type_enum % _REF_OFFSET not in (types_pb2.DT_RESOURCE, types_pb2.DT_VARIANT)

  @property
  def as_numpy_dtype(self):
    return _TYPE_INFO[self._type_enum % _REF_OFFSET][1].type if \
        _TYPE_INFO[self._type_enum % _REF_OFFSET][1] is not None else None

  @property
  def as_datatype_enum(self):
    return self._type_enum

  @property
  def is_bool(self):
    return self.base_dtype._type_enum == types_pb2.DT_BOOL

  @property
  def is_integer(self):
    np_dt = _TYPE_INFO[self._type_enum % _REF_OFFSET][1]
    return (np_dt is not None and np_dt.fields is None and np.issubdtype(np_dt, np.integer)
            and not self.is_quantized)

  @property
  def is_floating(self):
    base = self.base_dtype._type_enum
    return base in (types_pb2.DT_HALF, types_pb2.DT_FLOAT, types_pb2.DT_DOUBLE,
                    types_pb2.DT_BFLOAT16)

  @property
  def is_complex(self):
    return self.base_dtype._type_enum in (types_pb2.DT_COMPLEX64, types_pb2.DT_COMPLEX128)

  @property
  def is_quantized(self):
    return self.base_dtype in _QUANTIZED

  @property
  def is_unsigned(self):
    return self.base_dtype._type_enum in (types_pb2.DT_UINT8, types_pb2.DT_UINT16,
                                          types_pb2.DT_UINT32, types_pb2.DT_UINT64,
                                          types_pb2.DT_QUINT8, types_pb2.DT_QUINT16)

  @property
  def min(self):
    """Smallest representable value; TypeError for types without one."""
    if self.is_quantized or self.base_dtype in (bool, string, complex64, complex128,
                                                 resource, variant):
      raise TypeError("Cannot find minimum value of %s." % self)
    np_dt = _TYPE_INFO[self.base_dtype._type_enum][1]
    if self.is_floating:
      return np.finfo(np_dt).min if np_dt != _np_bfloat16 else ml_dtypes.finfo(np_dt).min
    return np.iinfo(np_dt).min

  @property
  def max(self):
    if self.is_quantized or self.base_dtype in (bool, string, complex64, complex128,
                                                 resource, variant):
      raise TypeError("Cannot find maximum value of %s." % self)
    np_dt = _TYPE_INFO[self.base_dtype._type_enum][1]
    if self.is_floating:
      return np.finfo(np_dt).max if np_dt != _np_bfloat16 else ml_dtypes.finfo(np_dt).max
    return np.iinfo(np_dt).max

  @property
  def limits(self, clip_negative=True):
    lo, hi = self.min, self.max
    if clip_negative:
      lo = 0
    return lo, hi

  def is_compatible_with(self, other):
    """A non-ref dtype accepts its ref form too, not the other way round."""
    other = as_dtype(other)
    return self._type_enum in (other.as_datatype_enum, other.base_dtype.as_datatype_enum)

  @property
  def name(self):
    base_name = _TYPE_INFO[self._type_enum % _REF_OFFSET][0]
    return base_name + "_ref" if self._is_ref_dtype else base_name

  @property
  def size(self):
    if self._type_enum % _REF_OFFSET in (types_pb2.DT_VARIANT, types_pb2.DT_RESOURCE):
      return 1
    return _TYPE_INFO[self._type_enum % _REF_OFFSET][2]

  def __eq__(self, other):
    if other is None:
      return False
    if type(other) is DType:
      return self._type_enum == other._type_enum
    try:
      return self._type_enum == as_dtype(other)._type_enum
    except TypeError:
      return False

  def __ne__(self, other):
    return not self.__eq__(other)

  def __hash__(self):
    return self._type_enum

  def __int__(self):
    return self._type_enum

  def __reduce__(self):
    return as_dtype, (self.name,)

  def __str__(self):
    return "<dtype: %r>" % self.name

  def __repr__(self):
    return "tf." + self.name


tf_export("dtypes.DType", "DType")(DType)

_INTERN = {}
for _enum in list(_TYPE_INFO):
  if _enum != types_pb2.DT_INVALID:
    _INTERN[_enum] = DType(_enum)
    _INTERN[_enum + _REF_OFFSET] = DType(_enum + _REF_OFFSET)

resource = _INTERN[types_pb2.DT_RESOURCE]
variant = _INTERN[types_pb2.DT_VARIANT]
float16 = _INTERN[types_pb2.DT_HALF]
half = float16
float32 = _INTERN[types_pb2.DT_FLOAT]
float64 = _INTERN[types_pb2.DT_DOUBLE]
double = float64
int32 = _INTERN[types_pb2.DT_INT32]
uint8 = _INTERN[types_pb2.DT_UINT8]
uint16 = _INTERN[types_pb2.DT_UINT16]
uint32 = _INTERN[types_pb2.DT_UINT32]
uint64 = _INTERN[types_pb2.DT_UINT64]
int16 = _INTERN[types_pb2.DT_INT16]
int8 = _INTERN[types_pb2.DT_INT8]
string = _INTERN[types_pb2.DT_STRING]
complex64 = _INTERN[types_pb2.DT_COMPLEX64]
complex128 = _INTERN[types_pb2.DT_COMPLEX128]
int64 = _INTERN[types_pb2.DT_INT64]
bool = _INTERN[types_pb2.DT_BOOL]  # pylint: disable=redefined-builtin
qint8 = _INTERN[types_pb2.DT_QINT8]
quint8 = _INTERN[types_pb2.DT_QUINT8]
qint16 = _INTERN[types_pb2.DT_QINT16]
quint16 = _INTERN[types_pb2.DT_QUINT16]
qint32 = _INTERN[types_pb2.DT_QINT32]
bfloat16 = _INTERN[types_pb2.DT_BFLOAT16]

_QUANTIZED = frozenset([qint8, quint8, qint16, quint16, qint32])
QUANTIZED_DTYPES = frozenset(list(_QUANTIZED) + [d._as_ref for d in _QUANTIZED])

_PUBLIC = {
    "resource": resource, "variant": variant, "float16": float16, "half": half,
    "float32": float32, "float64": float64, "double": double, "int32": int32,
    "uint8": uint8, "uint16": uint16, "uint32": uint32, "uint64": uint64, "int16": int16,
    "int8": int8, "string": string, "complex64": complex64, "complex128": complex128,
    "int64": int64, "bool": bool, "qint8": qint8, "quint8": quint8, "qint16": qint16,
    "quint16": quint16, "qint32": qint32, "bfloat16": bfloat16,
}
for _name in _PUBLIC:
  tf_export("dtypes." + _name, _name).export_constant(__name__, _name)

# Names accepted by as_dtype: TF's canonical names, the _ref names and the proto enum names.
_STRING_TO_TF = {}
for _enum, _dt in _INTERN.items():
  _STRING_TO_TF[_dt.name] = _dt
for _enum_name, _enum_value in types_pb2.DataType.items():
  if _enum_value in _INTERN:
    _STRING_TO_TF[_enum_name] = _INTERN[_enum_value]
_STRING_TO_TF.update({"half": float16, "half_ref": float16._as_ref, "float": float32,
                      "float_ref": float32._as_ref, "double": float64,
                      "double_ref": float64._as_ref})

# NumPy -> TF. Python builtins follow NumPy's defaults (int -> int64, float -> float64),
# exactly as as_dtype does in TF; literal conversion picks int32/float32 elsewhere.
_NP_TO_TF = [
    (np.float16, float16), (np.float32, float32), (np.float64, float64),
    (np.int32, int32), (np.int64, int64), (np.uint8, uint8), (np.uint16, uint16),
    (np.uint32, uint32), (np.uint64, uint64), (np.int16, int16), (np.int8, int8),
    (np.complex64, complex64), (np.complex128, complex128), (np.object_, string),
    (np.bytes_, string), (np.str_, string), (np.bool_, bool),
    (_np_qint8, qint8), (_np_quint8, quint8), (_np_qint16, qint16),
    (_np_quint16, quint16), (_np_qint32, qint32), (_np_resource, resource),
]
if _np_bfloat16 is not None:
  _NP_TO_TF.append((_np_bfloat16, bfloat16))
_NP_DTYPE_TO_TF = {np.dtype(k): v for k, v in _NP_TO_TF}
_PY_TYPE_TO_TF = {int: int64, float: float64, complex: complex128, str: string,
                  bytes: string, builtins.bool: bool}


@tf_export("dtypes.as_dtype", "as_dtype")
def as_dtype(type_value):
  """Converts a DType, enum, name, NumPy dtype or Python type to a DType."""
  if isinstance(type_value, DType):
    return type_value
  if isinstance(type_value, np.dtype):
    try:
      return _NP_DTYPE_TO_TF[type_value]
    except KeyError:
      if type_value.kind in ("U", "S"):
        return string
      raise TypeError("Cannot convert value %r to a TensorFlow DType." % (type_value,))
  if isinstance(type_value, str):
    try:
      return _STRING_TO_TF[type_value]
    except KeyError:
      raise TypeError("Cannot convert value %r to a TensorFlow DType." % (type_value,))
  if isinstance(type_value, int) and not isinstance(type_value, builtins.bool):
    try:
      return _INTERN[type_value]
    except KeyError:
      raise TypeError("Cannot convert value %r to a TensorFlow DType." % (type_value,))
  if type_value in _PY_TYPE_TO_TF:
    return _PY_TYPE_TO_TF[type_value]
  try:
    return _NP_DTYPE_TO_TF[np.dtype(type_value)]
  except (KeyError, TypeError):
    pass
  if hasattr(type_value, "dtype"):
    try:
      return as_dtype(type_value.dtype)
    except TypeError:
      pass
  raise TypeError("Cannot convert value %r to a TensorFlow DType." % (type_value,))
