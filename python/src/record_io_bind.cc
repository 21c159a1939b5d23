// tfclassic._native.crc32c / masked_crc32c: the checksums of TFRecord framing (event files,
// tf.python_io), from core/io's CRC32C (hardware-accelerated where the CPU has it).
#include <nanobind/nanobind.h>

#include "core/io/crc32c.h"

namespace nb = nanobind;

namespace tfc::py {
namespace {

// Any object with the buffer protocol (bytes, bytearray, memoryview).
uint32_t ExtendBuffer(uint32_t crc, nb::handle data) {
  Py_buffer view;
  if (PyObject_GetBuffer(data.ptr(), &view, PyBUF_SIMPLE) != 0) throw nb::python_error();
  uint32_t out;
  {
    nb::gil_scoped_release release;
    out = crc32c::Extend(crc, static_cast<const char*>(view.buf), static_cast<size_t>(view.len));
  }
  PyBuffer_Release(&view);
  return out;
}

}  // namespace

void init_record_io(nb::module_& m) {
  m.def("crc32c", [](nb::handle data, uint32_t init) { return ExtendBuffer(init, data); },
        nb::arg("data"), nb::arg("init") = 0,
        "CRC32C (Castagnoli) of a bytes-like object, continuing from `init`.");
  m.def("masked_crc32c", [](nb::handle data) { return crc32c::Mask(ExtendBuffer(0, data)); },
        nb::arg("data"), "The masked CRC32C that TFRecord framing stores.");
}

}  // namespace tfc::py
