"""tfclassic: TensorFlow 1.15's graph-mode API on a new C++ runtime.

`import tensorflow as tf` is the user-facing API; this package holds what is tfclassic's own:
the native module (`tfclassic._native`), build information and the `tfclassic` command.
"""

__version__ = "0.1.0"
# The TensorFlow API version this release implements.
TF_API_VERSION = "1.15.5"
