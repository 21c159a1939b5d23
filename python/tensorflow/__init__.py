"""tfclassic: the TensorFlow 1.15 graph-mode API.

Every module under tensorflow.python is imported, then `tf` and its sub-namespaces
(tf.math, tf.nn, tf.train, ...) are built from the @tf_export registry. tf.compat.v1 is
this module itself.
"""

import importlib as _importlib
import pkgutil as _pkgutil
import sys as _sys
import types as _types

__version__ = "1.15.5"
VERSION = __version__
GIT_VERSION = "v1.15.5-tfclassic"
COMPILER_VERSION = "tfclassic"
CXX11_ABI_FLAG = 1
MONOLITHIC_BUILD = 0


def _import_api_modules():
  import tensorflow.python as _python_pkg  # pylint: disable=g-import-not-at-top
  for info in _pkgutil.walk_packages(_python_pkg.__path__, "tensorflow.python.",
                                     onerror=_raise_walk_error):
    leaf = info.name.rsplit(".", 1)[-1]
    if leaf.startswith("_") or leaf.endswith("_test") or leaf == "test_util":
      continue
    _importlib.import_module(info.name)


def _raise_walk_error(name):
  raise ImportError("tfclassic: failed to import %s" % name)


def _namespace(path):
  """The module object for dotted public namespace `path` ("" is tf itself)."""
  if not path:
    return _sys.modules[__name__]
  full = __name__ + "." + path
  module = _sys.modules.get(full)
  if module is None:
    parent_path, _, leaf = path.rpartition(".")
    parent = _namespace(parent_path)
    module = getattr(parent, leaf, None)
    if not isinstance(module, _types.ModuleType):
      module = _types.ModuleType(full)
      module.__doc__ = "Public API for tf.%s namespace." % path
      setattr(parent, leaf, module)
    _sys.modules[full] = module
  return module


def _build_namespaces():
  from tensorflow.python.util import tf_export as _tf_export  # pylint: disable=g-import-not-at-top
  for public_name, obj in _tf_export.api_symbols().items():
    if public_name.startswith("compat.v1."):
      public_name = public_name[len("compat.v1."):]
    path, _, leaf = public_name.rpartition(".")
    setattr(_namespace(path), leaf, obj)


_import_api_modules()
_build_namespaces()

from tensorflow import compat  # pylint: disable=g-import-not-at-top,wrong-import-position

compat.v1 = _sys.modules[__name__]
_sys.modules[__name__ + ".compat.v1"] = _sys.modules[__name__]

version = _namespace("version")
version.VERSION = VERSION
version.GIT_VERSION = GIT_VERSION
version.COMPILER_VERSION = COMPILER_VERSION
from tensorflow.python.framework.graph import (  # pylint: disable=g-import-not-at-top,wrong-import-position
    GRAPH_DEF_VERSION, GRAPH_DEF_VERSION_MIN_CONSUMER, GRAPH_DEF_VERSION_MIN_PRODUCER)
version.GRAPH_DEF_VERSION = GRAPH_DEF_VERSION
version.GRAPH_DEF_VERSION_MIN_CONSUMER = GRAPH_DEF_VERSION_MIN_CONSUMER
version.GRAPH_DEF_VERSION_MIN_PRODUCER = GRAPH_DEF_VERSION_MIN_PRODUCER


def __getattr__(name):
  # tf.contrib (and other real subpackages) load on first use, as in TF 1.x.
  if name.startswith("__"):
    raise AttributeError(name)
  try:
    return _importlib.import_module(__name__ + "." + name)
  except ModuleNotFoundError as e:
    if e.name != __name__ + "." + name:
      raise
    raise AttributeError("module 'tensorflow' has no attribute '%s'" % name) from None


# Every other TF 1.15 public name resolves to a placeholder raising NotImplementedError.
from tensorflow import _placeholders  # pylint: disable=g-import-not-at-top,wrong-import-position

_placeholders.install(_namespace)
del _placeholders
