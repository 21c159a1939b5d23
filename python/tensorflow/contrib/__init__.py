"""tf.contrib (TF 1.x): contributed modules, each imported on first use.

`tf.contrib.layers` or `from tensorflow.contrib import layers` imports only that subpackage,
so importing tensorflow (or tensorflow.contrib) stays cheap.
"""

import importlib as _importlib


def __getattr__(name):
  if name.startswith("__"):
    raise AttributeError(name)
  try:
    module = _importlib.import_module(__name__ + "." + name)
  except ModuleNotFoundError as e:
    if e.name != __name__ + "." + name:
      raise
    raise AttributeError("module 'tensorflow.contrib' has no attribute '%s' (tf.contrib.%s "
                         "is not implemented in tfclassic yet)" % (name, name)) from None
  globals()[name] = module
  return module
