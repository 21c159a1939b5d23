#include "python/src/ndarray_convert.h"

#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include <type_traits>

#include "python/src/status_bind.h"

namespace nb = nanobind;

namespace tfc::py {
namespace {

// Module-level Python objects, looked up once and kept for the life of the process (the
// interpreter may tear modules down in any order at exit, so these are never released).
struct NumpyRefs {
  PyObject* asarray = nullptr;
  PyObject* normalize = nullptr;  // python helper: contiguous, native byte order
  PyObject* empty = nullptr;
  PyObject* object_dtype = nullptr;
  PyObject* uint16_dtype = nullptr;
  PyObject* bfloat16_dtype = nullptr;  // ml_dtypes, imported on first use
};

NumpyRefs& Np() {
  static NumpyRefs* refs = [] {
    auto* r = new NumpyRefs;
    nb::module_ np = nb::module_::import_("numpy");
    r->asarray = nb::object(np.attr("asarray")).release().ptr();
    r->empty = nb::object(np.attr("empty")).release().ptr();
    r->object_dtype = np.attr("dtype")(nb::str("O")).release().ptr();
    r->uint16_dtype = np.attr("dtype")(nb::str("uint16")).release().ptr();
    nb::dict ns;
    ns["__builtins__"] = nb::module_::import_("builtins");
    ns["np"] = np;
    nb::module_::import_("builtins").attr("exec")(nb::str(
        "def normalize(a):\n"
        "    a = np.asarray(a)\n"
        "    if a.dtype.kind not in 'OSU' and not a.dtype.isnative:\n"
        "        a = a.astype(a.dtype.newbyteorder('='))\n"
        "    return a if a.flags.c_contiguous else a.copy(order='C')\n"), ns);
    r->normalize = nb::object(ns["normalize"]).release().ptr();
    return r;
  }();
  return *refs;
}

PyObject* BFloat16Dtype() {
  NumpyRefs& np = Np();
  if (np.bfloat16_dtype == nullptr) {
    nb::object ml = nb::module_::import_("ml_dtypes");
    np.bfloat16_dtype =
        nb::module_::import_("numpy").attr("dtype")(ml.attr("bfloat16")).release().ptr();
  }
  return np.bfloat16_dtype;
}

Status PyErrorToStatus(const char* context) {
  PyObject *type, *value, *tb;
  PyErr_Fetch(&type, &value, &tb);
  std::string msg = context;
  if (value != nullptr) {
    PyObject* s = PyObject_Str(value);
    if (s != nullptr) {
      const char* c = PyUnicode_AsUTF8(s);
      if (c != nullptr) msg += std::string(": ") + c;
      Py_DECREF(s);
    }
  }
  PyErr_Clear();
  Py_XDECREF(type);
  Py_XDECREF(value);
  Py_XDECREF(tb);
  return errors::InvalidArgument(msg);
}

// Releases a Py_buffer on every path.
struct BufferView {
  Py_buffer view{};
  bool held = false;
  ~BufferView() {
    if (held) PyBuffer_Release(&view);
  }
};

DataType QuantizedFromRecord(std::string_view fmt) {
  // NumPy writes TF's quantized record dtypes (np.dtype([("qint8", np.int8)])) as
  // "T{b:qint8:}".
  if (fmt.find(":qint8:") != std::string_view::npos) return DT_QINT8;
  if (fmt.find(":quint8:") != std::string_view::npos) return DT_QUINT8;
  if (fmt.find(":qint16:") != std::string_view::npos) return DT_QINT16;
  if (fmt.find(":quint16:") != std::string_view::npos) return DT_QUINT16;
  if (fmt.find(":qint32:") != std::string_view::npos) return DT_QINT32;
  return DT_INVALID;
}

// Maps a buffer-protocol format to a dtype. `kind` reports strings: 's' bytes, 'w' UCS4,
// 'O' objects; 0 for numeric types. Returns DT_INVALID for anything else (including
// non-native byte order, which the caller normalizes first).
DataType DtypeFromFormat(const char* format, Py_ssize_t itemsize, char* kind) {
  *kind = 0;
  std::string_view f = format ? format : "B";
  if (!f.empty() && (f[0] == '@' || f[0] == '=' || f[0] == '<')) f.remove_prefix(1);
  if (f.empty() || f[0] == '>' || f[0] == '!') return DT_INVALID;
  if (f.size() > 2 && f[0] == 'T' && f[1] == '{') return QuantizedFromRecord(f);
  size_t digits = 0;
  while (digits < f.size() && f[digits] >= '0' && f[digits] <= '9') ++digits;
  std::string_view code = f.substr(digits);
  if (code == "s") { *kind = 's'; return DT_STRING; }
  if (code == "w") { *kind = 'w'; return DT_STRING; }
  if (digits != 0) return DT_INVALID;
  if (code == "O") { *kind = 'O'; return DT_STRING; }
  if (code == "?") return DT_BOOL;
  if (code == "e") return DT_HALF;
  if (code == "f") return DT_FLOAT;
  if (code == "d") return DT_DOUBLE;
  if (code == "Zf") return DT_COMPLEX64;
  if (code == "Zd") return DT_COMPLEX128;
  if (code.size() != 1) return DT_INVALID;
  switch (code[0]) {
    case 'b': case 'h': case 'i': case 'l': case 'q': case 'n':
      switch (itemsize) {
        case 1: return DT_INT8;
        case 2: return DT_INT16;
        case 4: return DT_INT32;
        case 8: return DT_INT64;
      }
      return DT_INVALID;
    case 'B': case 'H': case 'I': case 'L': case 'Q': case 'N':
      switch (itemsize) {
        case 1: return DT_UINT8;
        case 2: return DT_UINT16;
        case 4: return DT_UINT32;
        case 8: return DT_UINT64;
      }
      return DT_INVALID;
  }
  return DT_INVALID;
}

void AppendUtf8(uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

Status FillStrings(const Py_buffer& view, char kind, int64_t n, tstring* out) {
  const char* base = static_cast<const char*>(view.buf);
  const Py_ssize_t item = view.itemsize;
  for (int64_t i = 0; i < n; ++i) {
    const char* p = base + i * item;
    if (kind == 's') {
      // NumPy's fixed-width bytes drop trailing NULs.
      Py_ssize_t len = item;
      while (len > 0 && p[len - 1] == '\0') --len;
      out[i].assign(p, static_cast<size_t>(len));
    } else if (kind == 'w') {
      const auto* cps = reinterpret_cast<const uint32_t*>(p);
      Py_ssize_t len = item / 4;
      while (len > 0 && cps[len - 1] == 0) --len;
      out[i].clear();
      for (Py_ssize_t k = 0; k < len; ++k) AppendUtf8(cps[k], &out[i]);
    } else {
      PyObject* o = *reinterpret_cast<PyObject* const*>(p);
      if (PyBytes_Check(o)) {
        out[i].assign(PyBytes_AS_STRING(o), static_cast<size_t>(PyBytes_GET_SIZE(o)));
      } else if (PyUnicode_Check(o)) {
        Py_ssize_t len = 0;
        const char* s = PyUnicode_AsUTF8AndSize(o, &len);
        if (s == nullptr) return PyErrorToStatus("Cannot encode a str feed as UTF-8");
        out[i].assign(s, static_cast<size_t>(len));
      } else {
        return errors::InvalidArgument(
            "Expected bytes or str in an object array fed as a string tensor, got ",
            Py_TYPE(o)->tp_name);
      }
    }
  }
  return Status::OK();
}

// `override` forces the dtype (bfloat16 arrays arrive viewed as uint16).
Status FromContiguousBuffer(const Py_buffer& view, DataType override, Tensor* out) {
  char kind = 0;
  DataType dt = DtypeFromFormat(view.format, view.itemsize, &kind);
  if (dt == DT_INVALID) {
    return errors::InvalidArgument("Unsupported NumPy element type (buffer format '",
                                   view.format ? view.format : "B", "') for a feed");
  }
  if (override != DT_INVALID) dt = override;
  std::vector<int64_t> dims(view.shape, view.shape + view.ndim);
  TensorShape shape;
  TFC_RETURN_IF_ERROR(TensorShape::Make(dims, &shape));
  Tensor t(dt, shape);
  if (dt == DT_STRING) {
    TFC_RETURN_IF_ERROR(FillStrings(view, kind, shape.num_elements(), t.data<tstring>()));
  } else {
    const size_t bytes = static_cast<size_t>(shape.num_elements()) * DataTypeSize(dt);
    if (bytes != static_cast<size_t>(view.len)) {
      return errors::InvalidArgument("Feed buffer holds ", view.len, " bytes, expected ",
                                     bytes, " for ", DataTypeString(dt), shape.DebugString());
    }
    if (bytes != 0) std::memcpy(t.raw_data(), view.buf, bytes);
  }
  *out = std::move(t);
  return Status::OK();
}

bool TryGetBuffer(PyObject* obj, BufferView* bv) {
  if (!PyObject_CheckBuffer(obj)) return false;
  if (PyObject_GetBuffer(obj, &bv->view, PyBUF_C_CONTIGUOUS | PyBUF_FORMAT) != 0) {
    PyErr_Clear();
    return false;
  }
  bv->held = true;
  return true;
}

}  // namespace

Status NdarrayToTensor(nb::handle obj, Tensor* out) {
  if (PyBytes_Check(obj.ptr())) {  // bytes export a uint8 buffer, but feed a string scalar
    Tensor t(DT_STRING, TensorShape({}));
    t.scalar<tstring>().assign(PyBytes_AS_STRING(obj.ptr()),
                               static_cast<size_t>(PyBytes_GET_SIZE(obj.ptr())));
    *out = std::move(t);
    return Status::OK();
  }
  {
    BufferView bv;
    if (TryGetBuffer(obj.ptr(), &bv)) {
      char kind;
      if (DtypeFromFormat(bv.view.format, bv.view.itemsize, &kind) != DT_INVALID) {
        return FromContiguousBuffer(bv.view, DT_INVALID, out);
      }
    }
  }
  // Slow path: lists, scalars, strided or byte-swapped arrays, bfloat16.
  NumpyRefs& np = Np();
  PyObject* arr = PyObject_CallOneArg(np.normalize, obj.ptr());
  if (arr == nullptr) return PyErrorToStatus("Cannot convert a feed value to a NumPy array");
  nb::object arr_ref = nb::steal(arr);
  DataType override = DT_INVALID;
  nb::object dtype = arr_ref.attr("dtype");
  if (dtype.ptr() == BFloat16Dtype() || dtype.equal(nb::handle(BFloat16Dtype()))) {
    arr_ref = arr_ref.attr("view")(nb::handle(np.uint16_dtype));
    override = DT_BFLOAT16;
  }
  BufferView bv;
  if (!TryGetBuffer(arr_ref.ptr(), &bv)) {
    return errors::InvalidArgument("Unsupported NumPy dtype for a feed: ",
                                   nb::str(dtype).c_str());
  }
  return FromContiguousBuffer(bv.view, override, out);
}

namespace {

nb::object StringsToNdarray(const Tensor& t) {
  NumpyRefs& np = Np();
  const int64_t n = t.NumElements();
  nb::tuple shape = nb::steal<nb::tuple>(PyTuple_New(t.dims()));
  for (int d = 0; d < t.dims(); ++d) {
    PyTuple_SET_ITEM(shape.ptr(), d, PyLong_FromLongLong(t.dim_size(d)));
  }
  nb::object arr = nb::steal(
      PyObject_CallFunctionObjArgs(np.empty, shape.ptr(), np.object_dtype, nullptr));
  if (!arr.is_valid()) throw nb::python_error();
  BufferView bv;
  if (PyObject_GetBuffer(arr.ptr(), &bv.view, PyBUF_C_CONTIGUOUS | PyBUF_WRITABLE) != 0) {
    throw nb::python_error();
  }
  bv.held = true;
  auto** slots = static_cast<PyObject**>(bv.view.buf);
  const tstring* s = t.data<tstring>();
  for (int64_t i = 0; i < n; ++i) {
    PyObject* b = PyBytes_FromStringAndSize(s[i].data(), static_cast<Py_ssize_t>(s[i].size()));
    if (b == nullptr) throw nb::python_error();
    Py_XSETREF(slots[i], b);
  }
  return arr;
}

// Buffer-protocol format for each dtype NumPy can hold. Integers use the C type NumPy maps
// its sized aliases to, so int64 results are np.int64 ('l' on LP64), not np.longlong.
template <typename T>
constexpr const char* IntFormat() {
  if constexpr (std::is_signed_v<T>) {
    if constexpr (sizeof(T) == sizeof(signed char)) return "b";
    if constexpr (sizeof(T) == sizeof(short)) return "h";
    if constexpr (sizeof(T) == sizeof(int)) return "i";
    if constexpr (sizeof(T) == sizeof(long)) return "l";
    return "q";
  } else {
    if constexpr (sizeof(T) == sizeof(unsigned char)) return "B";
    if constexpr (sizeof(T) == sizeof(unsigned short)) return "H";
    if constexpr (sizeof(T) == sizeof(unsigned int)) return "I";
    if constexpr (sizeof(T) == sizeof(unsigned long)) return "L";
    return "Q";
  }
}

const char* BufferFormat(DataType dt) {
  switch (dt) {
    case DT_FLOAT: return "f";
    case DT_DOUBLE: return "d";
    case DT_HALF: return "e";
    case DT_BFLOAT16: return IntFormat<uint16_t>();  // viewed as bfloat16 afterwards
    case DT_INT8: case DT_QINT8: return IntFormat<int8_t>();
    case DT_INT16: case DT_QINT16: return IntFormat<int16_t>();
    case DT_INT32: case DT_QINT32: return IntFormat<int32_t>();
    case DT_INT64: return IntFormat<int64_t>();
    case DT_UINT8: case DT_QUINT8: return IntFormat<uint8_t>();
    case DT_UINT16: case DT_QUINT16: return IntFormat<uint16_t>();
    case DT_UINT32: return IntFormat<uint32_t>();
    case DT_UINT64: return IntFormat<uint64_t>();
    case DT_BOOL: return "?";
    case DT_COMPLEX64: return "Zf";
    case DT_COMPLEX128: return "Zd";
    default: return nullptr;
  }
}

// A Python object exporting one Tensor through the buffer protocol; NumPy arrays made from
// it keep it (and so the tensor's buffer) alive.
constexpr int kMaxDims = 64;
struct TensorViewObject {
  PyObject_HEAD
  Tensor* tensor;
  const char* format;
  Py_ssize_t itemsize;
  int ndim;
  Py_ssize_t shape[kMaxDims];
  Py_ssize_t strides[kMaxDims];
};

int TensorViewGetBuffer(PyObject* self, Py_buffer* view, int flags) {
  auto* tv = reinterpret_cast<TensorViewObject*>(self);
  static char empty_storage[16];
  void* data = tv->tensor->raw_data() != nullptr ? tv->tensor->raw_data() : empty_storage;
  view->buf = data;
  view->obj = Py_NewRef(self);
  view->len = static_cast<Py_ssize_t>(tv->tensor->NumElements()) * tv->itemsize;
  view->readonly = 0;
  view->itemsize = tv->itemsize;
  view->format = (flags & PyBUF_FORMAT) ? const_cast<char*>(tv->format) : nullptr;
  view->ndim = tv->ndim;
  view->shape = (flags & PyBUF_ND) ? tv->shape : nullptr;
  view->strides = ((flags & PyBUF_STRIDES) == PyBUF_STRIDES) ? tv->strides : nullptr;
  view->suboffsets = nullptr;
  view->internal = nullptr;
  return 0;
}

void TensorViewDealloc(PyObject* self) {
  auto* tv = reinterpret_cast<TensorViewObject*>(self);
  delete tv->tensor;
  PyTypeObject* type = Py_TYPE(self);
  type->tp_free(self);
  Py_DECREF(type);
}

PyTypeObject* TensorViewType() {
  static PyTypeObject* type = [] {
    static PyType_Slot slots[] = {
        {Py_bf_getbuffer, reinterpret_cast<void*>(TensorViewGetBuffer)},
        {Py_tp_dealloc, reinterpret_cast<void*>(TensorViewDealloc)},
        {0, nullptr},
    };
    static PyType_Spec spec = {"tfclassic._native._TensorView",
                               static_cast<int>(sizeof(TensorViewObject)), 0,
                               Py_TPFLAGS_DEFAULT, slots};
    PyObject* t = PyType_FromSpec(&spec);
    if (t == nullptr) throw nb::python_error();
    return reinterpret_cast<PyTypeObject*>(t);
  }();
  return type;
}

}  // namespace

nb::object TensorToNdarray(Tensor&& t) {
  const DataType dt = BaseType(t.dtype());
  if (dt == DT_STRING) return StringsToNdarray(t);
  const char* format = BufferFormat(dt);
  if (format == nullptr) {
    throw StatusException(errors::Unimplemented(
        "Cannot convert a ", DataTypeString(dt), " tensor to a NumPy array"));
  }
  if (t.dims() > kMaxDims) throw StatusException(errors::Unimplemented("Tensors of rank > 64"));
  PyTypeObject* type = TensorViewType();
  auto* tv = reinterpret_cast<TensorViewObject*>(type->tp_alloc(type, 0));
  if (tv == nullptr) throw nb::python_error();
  nb::object view = nb::steal(reinterpret_cast<PyObject*>(tv));
  // Share the buffer only when this result is its sole holder; otherwise (a variable's
  // storage, a constant cached by a kernel) the array gets its own copy.
  tv->tensor = (t.buffer() && t.buffer().use_count() == 1) ? new Tensor(std::move(t))
                                                          : new Tensor(t.DeepCopy());
  tv->format = format;
  tv->itemsize = DataTypeSize(dt);
  tv->ndim = tv->tensor->dims();
  Py_ssize_t stride = tv->itemsize;
  for (int d = tv->ndim - 1; d >= 0; --d) {
    tv->shape[d] = static_cast<Py_ssize_t>(tv->tensor->dim_size(d));
    tv->strides[d] = stride;
    stride *= tv->shape[d];
  }
  PyObject* arr = PyObject_CallOneArg(Np().asarray, view.ptr());
  if (arr == nullptr) throw nb::python_error();
  nb::object result = nb::steal(arr);
  if (dt == DT_BFLOAT16) result = result.attr("view")(nb::handle(BFloat16Dtype()));
  return result;
}

void init_ndarray(nb::module_& m) {
  m.def(
      "tensor_roundtrip",
      [](nb::handle value) {
        Tensor t;
        ThrowIfError(NdarrayToTensor(value, &t));
        return nb::make_tuple(static_cast<int>(t.dtype()), TensorToNdarray(std::move(t)));
      },
      nb::arg("value"),
      "Converts a value to a Tensor and back: (dtype enum, ndarray). For tests and debugging.");
}

}  // namespace tfc::py
