// tfclassic._native.CheckpointReader: reads a V2 checkpoint (tensor bundle) or, when the prefix
// has no V2 index, a V1 checkpoint (tensor slices) for tf.train.NewCheckpointReader, as TF's
// CheckpointReader does. Keys cross as bytes; Python decodes them.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <nanobind/nanobind.h>
#include <nanobind/stl/string.h>

#include "core/io/file_util.h"
#include "core/io/tensor_bundle.h"
#include "core/io/tensor_slice_reader.h"
#include "python/src/ndarray_convert.h"
#include "python/src/status_bind.h"

namespace nb = nanobind;

namespace tfc::py {
namespace {

std::string BytesArg(nb::handle h) {
  if (PyBytes_Check(h.ptr())) {
    return std::string(PyBytes_AS_STRING(h.ptr()), static_cast<size_t>(PyBytes_GET_SIZE(h.ptr())));
  }
  if (PyUnicode_Check(h.ptr())) {
    Py_ssize_t len = 0;
    const char* s = PyUnicode_AsUTF8AndSize(h.ptr(), &len);
    if (s != nullptr) return std::string(s, static_cast<size_t>(len));
    PyErr_Clear();
  }
  throw StatusException(errors::InvalidArgument("expected a str or bytes name"));
}

class PyCheckpointReader {
 public:
  explicit PyCheckpointReader(nb::handle prefix_obj) {
    const std::string prefix = BytesArg(prefix_obj);
    {
      nb::gil_scoped_release release;
      std::vector<std::string> index_files;
      if (io::FileExists(io::MetaFilename(prefix)).ok() ||
          (io::GetMatchingPaths(io::MetaFilename(prefix), &index_files).ok() &&
           !index_files.empty())) {
        reader_ = std::make_unique<io::BundleReader>(prefix);
        ThrowIfError(reader_->status());
        ThrowIfError(reader_->ListTensors(&tensors_));
      } else {
        // V1: the prefix is a file pattern; NotFound "Unsuccessful TensorSliceReader
        // constructor: ..." when nothing matches, as TF reports a missing checkpoint.
        v1_reader_ = std::make_unique<io::TensorSliceReader>(prefix);
        ThrowIfError(v1_reader_->status());
        for (const auto& [name, info] : v1_reader_->tensors()) {
          tensors_[name] = {info.dtype, info.shape};
        }
      }
    }
  }

  nb::object GetTensor(nb::handle name_obj) {
    const std::string name = BytesArg(name_obj);
    Tensor t;
    {
      nb::gil_scoped_release release;
      ThrowIfError(reader_ ? reader_->Lookup(name, &t) : v1_reader_->GetTensor(name, &t));
    }
    return TensorToNdarray(std::move(t));
  }

  bool HasTensor(nb::handle name_obj) { return tensors_.count(BytesArg(name_obj)) > 0; }

  nb::dict ShapeMap() const {
    nb::dict d;
    for (const auto& [k, v] : tensors_) {
      nb::list dims;
      for (int64_t s : v.second.dim_sizes()) dims.append(nb::int_(s));
      d[nb::bytes(k.data(), k.size())] = dims;
    }
    return d;
  }

  nb::dict DtypeMap() const {
    nb::dict d;
    for (const auto& [k, v] : tensors_) {
      d[nb::bytes(k.data(), k.size())] = nb::int_(static_cast<int>(v.first));
    }
    return d;
  }

  nb::bytes DebugString() {
    std::string s;
    if (reader_) {
      ThrowIfError(reader_->DebugString(&s));
    } else {
      s = v1_reader_->DebugString();
    }
    return nb::bytes(s.data(), s.size());
  }

 private:
  std::unique_ptr<io::BundleReader> reader_;         // V2, or
  std::unique_ptr<io::TensorSliceReader> v1_reader_;  // V1
  std::map<std::string, std::pair<DataType, TensorShape>> tensors_;
};

}  // namespace

void init_checkpoint_reader(nb::module_& m) {
  nb::class_<PyCheckpointReader>(m, "CheckpointReader",
                                 "Reads tensors from a V2 or V1 checkpoint given its prefix.")
      .def(nb::init<nb::handle>(), nb::arg("prefix"))
      .def("get_tensor", &PyCheckpointReader::GetTensor, nb::arg("name"))
      .def("has_tensor", &PyCheckpointReader::HasTensor, nb::arg("name"))
      .def("variable_to_shape_map", &PyCheckpointReader::ShapeMap)
      .def("variable_to_dtype_map", &PyCheckpointReader::DtypeMap)
      .def("debug_string", &PyCheckpointReader::DebugString);
}

}  // namespace tfc::py
