"""Registry of functions converting Python objects to Tensors (by type and priority)."""

import collections
import threading

import numpy as np

from tensorflow.python.util.tf_export import tf_export

# Python numbers and NumPy values always go straight to constant_op; users cannot override.
_CONSTANT_OP_CONVERTIBLES = (int, float, np.generic, np.ndarray)

_registry = collections.defaultdict(list)  # priority -> [(base_type, func)]
_cache = {}
_lock = threading.Lock()


@tf_export("register_tensor_conversion_function")
def register_tensor_conversion_function(base_type, conversion_func, priority=100):
  if not (isinstance(base_type, type) or
          (isinstance(base_type, tuple) and all(isinstance(x, type) for x in base_type))):
    raise TypeError("base_type must be a type or a tuple of types.")
  if any(issubclass(t, _CONSTANT_OP_CONVERTIBLES)
         for t in (base_type if isinstance(base_type, tuple) else (base_type,))):
    raise TypeError("Cannot register conversions for Python numeric types and NumPy scalars "
                    "and arrays.")
  if not callable(conversion_func):
    raise TypeError("conversion_func must be callable.")
  with _lock:
    _registry[priority].append((base_type, conversion_func))
    _cache.clear()


def get(query):
  """[(base_type, func)] matching type `query`, best priority first."""
  found = _cache.get(query)
  if found is not None:
    return found
  if issubclass(query, _CONSTANT_OP_CONVERTIBLES):
    from tensorflow.python.framework import constant_op  # pylint: disable=g-import-not-at-top
    found = [(query, constant_op._constant_tensor_conversion_function)]
  else:
    found = []
    with _lock:
      for priority in sorted(_registry):
        for base_type, func in _registry[priority]:
          if issubclass(query, base_type):
            found.append((base_type, func))
  _cache[query] = found
  return found
