"""tf.compat helpers: bytes/text conversion and the numeric type tuples."""

import numbers as _numbers

import numpy as _np

from tensorflow.python.util.tf_export import tf_export


@tf_export("compat.as_bytes")
def as_bytes(bytes_or_text, encoding="utf-8"):
  if isinstance(bytes_or_text, bytearray):
    return bytes(bytes_or_text)
  if isinstance(bytes_or_text, str):
    return bytes_or_text.encode(encoding)
  if isinstance(bytes_or_text, bytes):
    return bytes_or_text
  raise TypeError("Expected binary or unicode string, got %r" % (bytes_or_text,))


@tf_export("compat.as_text")
def as_text(bytes_or_text, encoding="utf-8"):
  if isinstance(bytes_or_text, str):
    return bytes_or_text
  if isinstance(bytes_or_text, bytes):
    return bytes_or_text.decode(encoding)
  raise TypeError("Expected binary or unicode string, got %r" % bytes_or_text)


# On Python 3, TF's as_str is as_text.
as_str = as_text
as_unicode = as_text
tf_export("compat.as_str").export_constant(__name__, "as_str")


@tf_export("compat.as_str_any")
def as_str_any(value):
  if isinstance(value, bytes):
    return as_str(value)
  return str(value)


@tf_export("compat.path_to_str")
def path_to_str(path):
  if hasattr(path, "__fspath__"):
    path = as_str_any(path.__fspath__())
  return path


integral_types = (_numbers.Integral, _np.integer)
real_types = (_numbers.Real, _np.integer, _np.floating)
complex_types = (_numbers.Complex, _np.number)
bytes_or_text_types = (bytes, str)
for _n in ("integral_types", "real_types", "complex_types", "bytes_or_text_types"):
  tf_export("compat." + _n).export_constant(__name__, _n)
