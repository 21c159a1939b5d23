"""The `tfclassic` command: `tfclassic version`, `tfclassic doctor`."""

import argparse
import platform
import sys

import tfclassic


def _build_info():
  try:
    from tfclassic import _build_info as info  # pylint: disable=g-import-not-at-top
  except ImportError:
    return None
  return info


def cmd_version(_args):
  print("tfclassic %s" % tfclassic.__version__)
  print("TensorFlow API %s" % tfclassic.TF_API_VERSION)
  info = _build_info()
  if info is None:
    print("build: unknown (no _build_info: the native module has not been built)")
  else:
    cuda = "CUDA (%s)" % ", ".join(str(a) for a in info.cuda_architectures) \
        if info.is_cuda_build else "CPU only"
    arch = getattr(info, "cpu_arch", None)
    arch = ", CPU target: %s" % arch if arch else ""
    print("build: %s, %s, %s%s" % (info.build_type, info.cxx_compiler, cuda, arch))
  print("Python %s (%s)" % (platform.python_version(), sys.executable))
  try:
    import numpy  # pylint: disable=g-import-not-at-top
    print("NumPy %s" % numpy.__version__)
  except ImportError:
    print("NumPy: not installed")
  return 0


def cmd_doctor(_args):
  from tfclassic import doctor  # pylint: disable=g-import-not-at-top
  return doctor.run()


def main(argv=None):
  parser = argparse.ArgumentParser(prog="tfclassic",
                                   description="tfclassic: TensorFlow 1.15 on a new runtime")
  sub = parser.add_subparsers(dest="command")
  sub.add_parser("version", help="print tfclassic, TF API, build, Python and NumPy versions")
  sub.add_parser("doctor", help="check the installation and the GPU setup")
  args = parser.parse_args(argv)
  if args.command == "version":
    return cmd_version(args)
  if args.command == "doctor":
    return cmd_doctor(args)
  parser.print_help()
  return 2


if __name__ == "__main__":
  sys.exit(main())
