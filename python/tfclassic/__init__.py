"""tfclassic: TensorFlow 1.15's graph-mode API on a new C++ runtime.

`import tensorflow as tf` is the user-facing API; this package holds what is tfclassic's own:
the native module (`tfclassic._native`), build information and the `tfclassic` command.
"""

__version__ = "0.1.0"
# The TensorFlow API version this release implements.
TF_API_VERSION = "1.15.5"


def _nvidia_wheel_lib_dirs():
  """lib folders of NVIDIA's CUDA wheels (nvidia-cublas, nvidia-cudnn-cu13 ...) on sys.path."""
  import os
  import sys
  dirs = []
  for entry in sys.path:
    root = os.path.join(entry or ".", "nvidia")
    if not os.path.isdir(root):
      continue
    for name in sorted(os.listdir(root)):
      for sub in ("lib", os.path.join("lib", "x86_64-linux-gnu")):
        lib = os.path.join(root, name, sub)
        if os.path.isdir(lib) and lib not in dirs:
          dirs.append(lib)
  return dirs


def _export_cuda_lib_path():
  # The CUDA backend opens cuBLAS and cuDNN by name; NVIDIA's wheels keep them outside the
  # loader's search path, so tell it where they are.
  import os
  dirs = _nvidia_wheel_lib_dirs()
  if dirs:
    old = os.environ.get("TFCLASSIC_CUDA_LIB_PATH", "")
    os.environ["TFCLASSIC_CUDA_LIB_PATH"] = ":".join(([old] if old else []) + dirs)


_export_cuda_lib_path()
