"""`tfclassic doctor`'s diagnoses, with the CUDA libraries replaced by fakes."""
import ctypes
import types

from tfclassic import doctor


class _Fn(object):
  def __init__(self, impl, restype=None):
    self.impl, self.restype = impl, restype

  def __call__(self, *args):
    return self.impl(*args)


def _set(ptr, value):
  ctypes.cast(ptr, ctypes.POINTER(type(value))).contents.value = value.value


class _FakeCuda(object):
  """libcuda with one GPU (name, compute capability) and a driver for CUDA `version`."""

  def __init__(self, version, name=b"NVIDIA H100 80GB HBM3", cc=(9, 0), init_rc=0):
    self.cuDriverGetVersion = _Fn(lambda p: _set(p, ctypes.c_int(version)) or 0)
    self.cuInit = _Fn(lambda flags: init_rc)
    self.cuDeviceGetCount = _Fn(lambda p: _set(p, ctypes.c_int(1)) or 0)
    self.cuDeviceGet = _Fn(lambda p, i: _set(p, ctypes.c_int(i)) or 0)
    self.cuDeviceGetName = _Fn(lambda buf, n, dev: ctypes.memmove(buf, name + b"\0",
                                                                   len(name) + 1) and 0)
    attrs = {75: cc[0], 76: cc[1]}
    self.cuDeviceGetAttribute = _Fn(lambda p, a, dev: _set(p, ctypes.c_int(attrs[a])) or 0)
    self.cuDeviceTotalMem_v2 = _Fn(lambda p, dev: _set(p, ctypes.c_size_t(80 << 30)) or 0)
    bus = b"00000000:19:00.0"
    self.cuDeviceGetPCIBusId = _Fn(lambda buf, n, dev: ctypes.memmove(buf, bus + b"\0",
                                                                       len(bus) + 1) and 0)


def _fake_loader(libs):
  def load(names):
    for n in names:
      if n in libs:
        return libs[n], "/fake/" + n
    return None, None
  return load


def test_driver_and_gpu_listing(monkeypatch):
  monkeypatch.setattr(doctor, "_load", _fake_loader({"libcuda.so.1": _FakeCuda(13000)}))
  report = doctor.Report()
  version, gpus = doctor.check_driver(report)
  assert version == 13000
  assert gpus == [(0, "NVIDIA H100 80GB HBM3", 9, 0, 80 << 30, "00000000:19:00.0")]
  text = report.render()
  assert "libcuda supports CUDA up to 13.0" in text
  assert ("device: 0, name: NVIDIA H100 80GB HBM3, pci bus id: 00000000:19:00.0, compute "
          "capability: 9.0, memory: 80.0 GiB") in text
  assert not report.problems


def test_cuinit_failure_is_explained(monkeypatch):
  monkeypatch.setattr(doctor, "_load",
                      _fake_loader({"libcuda.so.1": _FakeCuda(12020, init_rc=999)}))
  report = doctor.Report()
  assert doctor.check_driver(report) == (12020, [])
  assert "cuInit failed with CUDA error 999" in report.problems[0]


def test_runtime_newer_than_driver_is_a_problem(monkeypatch):
  rt = types.SimpleNamespace(cudaRuntimeGetVersion=_Fn(
      lambda p: _set(p, ctypes.c_int(13000)) or 0))
  monkeypatch.setattr(doctor, "_load", _fake_loader({"libcudart.so.13": rt}))
  report = doctor.Report()
  doctor.check_libraries(report, driver_cuda=12020)
  assert any("needs a driver for CUDA 13.x or newer; this driver supports CUDA 12.2" in p
             for p in report.problems)
  assert "cuDNN: not found" in report.render()


def test_verdicts():
  cpu_build = types.SimpleNamespace(is_cuda_build=False, cuda_architectures=[])
  cuda_build = types.SimpleNamespace(is_cuda_build=True, cuda_architectures=["90", "120"])
  h100 = (0, "H100", 9, 0, 0, "")
  t4 = (0, "Tesla T4", 7, 5, 0, "")
  r = doctor.Report()
  doctor.check_verdict(r, cpu_build, [])
  assert "run on the CPU here (no usable NVIDIA GPU)" in r.render()
  r = doctor.Report()
  doctor.check_verdict(r, cpu_build, [h100])
  assert "this tfclassic build is CPU-only" in r.render() and not r.problems
  r = doctor.Report()
  doctor.check_verdict(r, cuda_build, [h100])
  assert "GPU 0 (H100) runs tfclassic's kernels natively (sm_90)." in r.render()
  r = doctor.Report()
  rtx = (0, "RTX 5090", 12, 0, 0, "")
  doctor.check_verdict(r, types.SimpleNamespace(is_cuda_build=True,
                                                cuda_architectures=["90-real", "100-virtual"]),
                       [rtx])
  assert "runs tfclassic's kernels through PTX JIT from compute_100" in r.render()
  r = doctor.Report()
  doctor.check_verdict(r, types.SimpleNamespace(is_cuda_build=True,
                                                cuda_architectures=["90-real"]), [rtx])
  assert "no code for GPU 0's compute capability 12.0" in r.problems[0]
  r = doctor.Report()
  doctor.check_verdict(r, cuda_build, [h100], devices=[])
  assert "GPUs are present but TF1 programs will run on the CPU" in r.problems[-1]
  r = doctor.Report()
  doctor.check_verdict(r, cuda_build, [t4])
  assert "older than tfclassic supports" in r.problems[0]
