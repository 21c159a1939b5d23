"""`tfclassic doctor`: what this machine offers a TF1 program (CPU, NVIDIA driver, GPUs, CUDA
runtime, cuBLAS, cuDNN, NCCL), what this build of tfclassic can use, and why not when it
cannot. Everything is probed with ctypes: nothing here needs the CUDA backend to be built."""
import ctypes
import os
import platform
import sys

_LIB_DIRS = ("/usr/local/cuda/lib64", "/usr/local/cuda/lib", "/usr/lib/x86_64-linux-gnu",
             "/usr/lib64", "/usr/lib/wsl/lib")


class Report(object):
  """Collected findings: (section, line) pairs, plus problems that make the exit code 1."""

  def __init__(self):
    self.lines = []
    self.problems = []

  def add(self, section, text):
    self.lines.append((section, text))

  def problem(self, section, text):
    self.lines.append((section, "PROBLEM: " + text))
    self.problems.append(text)

  def render(self):
    out, last = [], None
    for section, text in self.lines:
      if section != last:
        out.append("" if last is None else "")
        out.append("%s" % section)
        last = section
      out.append("  " + text)
    return "\n".join(out).lstrip("\n")


def _load(names):
  """The first of `names` that loads (NVIDIA's wheels first, as the CUDA backend looks there
  first, then by soname, then from the usual CUDA directories)."""
  dirs = [os.environ.get("CUDA_HOME", ""), os.environ.get("CUDA_PATH", "")]
  dirs = [os.path.join(d, "lib64") for d in dirs if d] + list(_LIB_DIRS)
  wheel_dirs = [d for d in os.environ.get("TFCLASSIC_CUDA_LIB_PATH", "").split(":") if d]
  for name in names:
    for d in wheel_dirs:
      try:
        return ctypes.CDLL(os.path.join(d, name)), os.path.join(d, name)
      except OSError:
        continue
  for name in names:
    for candidate in [name] + [os.path.join(d, name) for d in dirs]:
      try:
        return ctypes.CDLL(candidate), candidate
      except OSError:
        continue
  return None, None


def _loaded_path(name):
  """Where a library loaded by soname came from (from this process's memory map)."""
  if os.path.isabs(name):
    return name
  stem = name.split(".so")[0] + ".so"
  try:
    with open("/proc/self/maps") as f:
      for line in f:
        path = line.split()[-1]
        if os.path.basename(path).startswith(stem):
          return path
  except OSError:
    pass
  return name


def _cuda_version_string(v):
  return "%d.%d" % (v // 1000, (v % 1000) // 10)


def check_cpu(report):
  flags = ""
  try:
    with open("/proc/cpuinfo") as f:
      for line in f:
        if line.startswith("model name"):
          report.add("CPU", line.split(":", 1)[1].strip())
        if line.startswith("flags"):
          flags = line
          break
  except OSError:
    pass
  feats = [x for x in ("avx2", "fma", "avx512f") if (" %s " % x) in flags + " "]
  report.add("CPU", "%d logical cores; vector extensions: %s" % (
      os.cpu_count() or 1, ", ".join(feats) or "none of AVX2/FMA/AVX-512"))


def check_build(report):
  try:
    from tfclassic import _build_info as info  # pylint: disable=g-import-not-at-top
  except ImportError:
    report.problem("tfclassic", "the native module has not been built (no _build_info)")
    return None
  import tfclassic  # pylint: disable=g-import-not-at-top
  report.add("tfclassic", "version %s (TensorFlow API %s), %s build with %s, CPU target %s" % (
      tfclassic.__version__, tfclassic.TF_API_VERSION, info.build_type, info.cxx_compiler,
      getattr(info, "cpu_arch", "?")))
  if info.is_cuda_build:
    sass, ptx = cuda_targets(info)
    report.add("tfclassic", "built with the CUDA backend (nvcc %s): machine code for %s; PTX "
               "for %s" % (getattr(info, "cuda_version", "?"),
                           ", ".join("sm_%d" % a for a in sass) or "none",
                           ", ".join("compute_%d" % a for a in ptx) or "none"))
  else:
    report.add("tfclassic", "CPU-only build (built without a CUDA toolkit): TF1 programs run "
               "on the CPU whatever GPU is present")
  return info


def cuda_targets(info):
  """(architectures with machine code, architectures with PTX) from CMake's list: "90" is
  both, "90-real" machine code only, "90-virtual" PTX only."""
  sass, ptx = [], []
  for a in info.cuda_architectures:
    a = str(a)
    num = int("".join(c for c in a.split("-")[0] if c.isdigit()) or 0)
    if not a.endswith("-virtual"):
      sass.append(num)
    if not a.endswith("-real"):
      ptx.append(num)
  return sorted(sass), sorted(ptx)


def check_session(report):
  """A tiny graph through a real Session: the installation works end to end."""
  try:
    import tensorflow as tf  # pylint: disable=g-import-not-at-top
    with tf.Graph().as_default():
      x = tf.placeholder(tf.float32, [2])
      y = tf.reduce_sum(x * 2.0)
      with tf.Session() as sess:
        value = sess.run(y, {x: [1.0, 2.0]})
    if float(value) != 6.0:
      report.problem("tfclassic", "a test session computed %r instead of 6.0" % value)
    else:
      report.add("tfclassic", "import tensorflow and a test Session.run: OK")
  except Exception as e:  # pylint: disable=broad-except
    report.problem("tfclassic", "a test Session.run failed: %s: %s" % (type(e).__name__, e))


def check_driver(report):
  """The kernel driver and libcuda; returns (driver CUDA version int or None, [gpus])."""
  try:
    with open("/proc/driver/nvidia/version") as f:
      first = f.readline().strip()
    report.add("NVIDIA driver", first.split("  ")[-1] if "  " in first else first)
  except OSError:
    report.add("NVIDIA driver", "no kernel driver loaded (/proc/driver/nvidia/version is "
               "missing): no NVIDIA GPU is usable on this machine")
  cuda, path = _load(["libcuda.so.1"])
  if cuda is None:
    report.add("NVIDIA driver", "libcuda.so.1 (the driver's user-space library) is not "
               "installed or not on the library path")
    return None, []
  if "/stubs/" in (path or ""):
    report.add("NVIDIA driver", "only the CUDA toolkit's stub libcuda was found (%s)" % path)
    return None, []
  version = ctypes.c_int(0)
  if cuda.cuDriverGetVersion(ctypes.byref(version)) != 0:
    report.problem("NVIDIA driver", "libcuda loaded from %s but cuDriverGetVersion failed" % path)
    return None, []
  report.add("NVIDIA driver", "libcuda supports CUDA up to %s (%s)" % (
      _cuda_version_string(version.value), path))
  rc = cuda.cuInit(0)
  if rc != 0:
    report.problem("GPUs", "cuInit failed with CUDA error %d (100 = no device, 999 = unknown: "
                   "often a driver/kernel-module mismatch after an update; reboot or reload "
                   "the nvidia module)" % rc)
    return version.value, []
  count = ctypes.c_int(0)
  cuda.cuDeviceGetCount(ctypes.byref(count))
  gpus = []
  for i in range(count.value):
    dev = ctypes.c_int(0)
    cuda.cuDeviceGet(ctypes.byref(dev), i)
    name = ctypes.create_string_buffer(256)
    cuda.cuDeviceGetName(name, 256, dev)
    major, minor = ctypes.c_int(0), ctypes.c_int(0)
    cuda.cuDeviceGetAttribute(ctypes.byref(major), 75, dev)  # COMPUTE_CAPABILITY_MAJOR
    cuda.cuDeviceGetAttribute(ctypes.byref(minor), 76, dev)  # COMPUTE_CAPABILITY_MINOR
    mem = ctypes.c_size_t(0)
    cuda.cuDeviceTotalMem_v2(ctypes.byref(mem), dev)
    bus = ctypes.create_string_buffer(64)
    cuda.cuDeviceGetPCIBusId(bus, 64, dev)
    gpus.append((i, name.value.decode(), major.value, minor.value, mem.value,
                 bus.value.decode()))
    report.add("GPUs", "device: %d, name: %s, pci bus id: %s, compute capability: %d.%d, "
               "memory: %.1f GiB" % (i, name.value.decode(), bus.value.decode().lower(),
                                     major.value, minor.value, mem.value / 2 ** 30))
  if not gpus:
    report.add("GPUs", "the driver sees no GPU")
  visible = os.environ.get("CUDA_VISIBLE_DEVICES")
  if visible is not None:
    report.add("GPUs", "CUDA_VISIBLE_DEVICES=%r limits what programs see" % visible)
  return version.value, gpus


def check_libraries(report, driver_cuda):
  rt, path = _load(["libcudart.so.13", "libcudart.so.12", "libcudart.so"])
  if rt is None:
    report.add("CUDA libraries", "CUDA runtime (libcudart): not found")
  else:
    v = ctypes.c_int(0)
    rt.cudaRuntimeGetVersion(ctypes.byref(v))
    report.add("CUDA libraries", "CUDA runtime %s (%s)" % (_cuda_version_string(v.value),
                                                          _loaded_path(path)))
    if driver_cuda is not None and v.value // 1000 > driver_cuda // 1000:
      report.problem("CUDA libraries", "the CUDA %s runtime needs a driver for CUDA %d.x or "
                     "newer; this driver supports CUDA %s: update the NVIDIA driver" % (
                         _cuda_version_string(v.value), v.value // 1000,
                         _cuda_version_string(driver_cuda)))
  blas, p = _load(["libcublas.so.13", "libcublas.so.12", "libcublas.so"])
  if blas is None:
    report.add("CUDA libraries", "cuBLAS: not found")
  else:
    parts = []
    for prop in range(3):  # MAJOR_VERSION, MINOR_VERSION, PATCH_LEVEL
      v = ctypes.c_int(0)
      blas.cublasGetProperty(prop, ctypes.byref(v))
      parts.append(str(v.value))
    report.add("CUDA libraries", "cuBLAS %s (%s)" % (".".join(parts), _loaded_path(p)))
  dnn, p = _load(["libcudnn.so.9", "libcudnn.so"])
  if dnn is None:
    report.add("CUDA libraries", "cuDNN: not found (convolutions on the GPU need cuDNN 9)")
  else:
    dnn.cudnnGetVersion.restype = ctypes.c_size_t
    v = dnn.cudnnGetVersion()
    report.add("CUDA libraries", "cuDNN %d.%d.%d (%s)" % (v // 10000, (v % 10000) // 100,
                                                         v % 100, _loaded_path(p)))
    if v // 10000 < 9:
      report.problem("CUDA libraries", "cuDNN %d found; tfclassic needs cuDNN 9" % (v // 10000))
  nccl, p = _load(["libnccl.so.2"])
  if nccl is None:
    report.add("CUDA libraries", "NCCL: not found (only needed for several GPUs)")
  else:
    v = ctypes.c_int(0)
    nccl.ncclGetVersion(ctypes.byref(v))
    report.add("CUDA libraries", "NCCL %d.%d.%d (%s)" % (
        v.value // 10000, (v.value % 10000) // 100, v.value % 100, _loaded_path(p)))


def check_gpu_runs(report, info, gpus):
  """The backend's own view of the GPUs, and a tiny matmul and convolution on each, checked
  against the CPU. Returns the backend's devices."""
  if not gpus or info is None or not info.is_cuda_build:
    return []
  try:
    from tensorflow.python.client import device_lib  # pylint: disable=g-import-not-at-top
    devices, why = device_lib.gpu_devices()
  except Exception as e:  # pylint: disable=broad-except
    report.problem("GPU check", "the CUDA backend failed to start: %s: %s" % (
        type(e).__name__, e))
    return []
  if not devices:
    report.problem("GPU check", "the driver shows %d GPU(s) but the CUDA backend can use none: "
                   "%s" % (len(gpus), why))
    return []
  import numpy as np  # pylint: disable=g-import-not-at-top
  import tensorflow as tf  # pylint: disable=g-import-not-at-top
  rng = np.random.default_rng(0)
  a = rng.standard_normal((64, 48)).astype(np.float32)
  b = rng.standard_normal((48, 32)).astype(np.float32)
  img = rng.standard_normal((2, 9, 9, 3)).astype(np.float32)
  filt = rng.standard_normal((3, 3, 3, 4)).astype(np.float32)
  for d in devices:
    label = "GPU %d (%s)" % (d["tf_index"], d["device_name"])
    try:
      with tf.Graph().as_default():
        outs = {}
        for dev in ("/cpu:0", "/device:GPU:%d" % d["tf_index"]):
          with tf.device(dev):
            outs[dev] = [tf.matmul(tf.constant(a), tf.constant(b)),
                         tf.nn.conv2d(tf.constant(img), tf.constant(filt), [1, 1, 1, 1], "SAME")]
        with tf.Session() as sess:
          got = sess.run(outs)
      errs = []
      for c, g in zip(got["/cpu:0"], got["/device:GPU:%d" % d["tf_index"]]):
        errs.append(float(np.linalg.norm(g - c) / np.linalg.norm(c)))
      # TF32 tensor cores round inputs to 10 mantissa bits: about 1e-3 relative.
      if max(errs) < 5e-3:
        report.add("GPU check", "%s: matmul and convolution match the CPU (relative error "
                   "%.1e, %.1e); memory limit %.1f GiB" % (label, errs[0], errs[1],
                                                          d["memory_limit"] / 2 ** 30))
      else:
        report.problem("GPU check", "%s computes wrong results: relative error %.1e (matmul), "
                       "%.1e (convolution)" % (label, errs[0], errs[1]))
    except Exception as e:  # pylint: disable=broad-except
      report.problem("GPU check", "%s: a test run failed: %s: %s" % (
          label, type(e).__name__, str(e).splitlines()[0]))
  return devices


def check_verdict(report, info, gpus, devices=None):
  if not gpus:
    report.add("Verdict", "TF1 programs run on the CPU here (no usable NVIDIA GPU).")
    return
  if info is None or not info.is_cuda_build:
    report.add("Verdict", "A GPU is present, but this tfclassic build is CPU-only: TF1 "
               "programs run on the CPU.")
    return
  sass, ptx = cuda_targets(info)
  for i, name, major, minor, _, _ in gpus:
    cc = major * 10 + minor
    if major < 8:
      report.problem("Verdict", "GPU %d (%s, compute capability %d.%d) is older than "
                     "tfclassic supports (8.0 and newer)" % (i, name, major, minor))
    elif cc in sass:
      report.add("Verdict", "GPU %d (%s) runs tfclassic's kernels natively (sm_%d)." % (
          i, name, cc))
    elif [p for p in ptx if p <= cc]:
      report.add("Verdict", "GPU %d (%s) runs tfclassic's kernels through PTX JIT from "
                 "compute_%d (the first start compiles them; later starts use the driver's "
                 "cache)." % (i, name, max(p for p in ptx if p <= cc)))
    else:
      report.problem("Verdict", "this build has no code for GPU %d's compute capability "
                     "%d.%d (machine code for %s, PTX for %s): build tfclassic for sm_%d" % (
                         i, major, minor, sass, ptx, cc))
  if devices is not None and gpus and not devices:
    report.problem("Verdict", "GPUs are present but TF1 programs will run on the CPU (see "
                   "GPU check above)")


def run():
  report = Report()
  report.add("System", "%s %s, Python %s (%s)" % (platform.system(), platform.release(),
                                                  platform.python_version(), sys.executable))
  check_cpu(report)
  info = check_build(report)
  check_session(report)
  driver_cuda, gpus = check_driver(report)
  check_libraries(report, driver_cuda)
  devices = check_gpu_runs(report, info, gpus)
  check_verdict(report, info, gpus, devices if info is not None and info.is_cuda_build else None)
  print(report.render())
  print()
  if report.problems:
    print("%d problem(s) found." % len(report.problems))
    return 1
  print("No problems found.")
  return 0


