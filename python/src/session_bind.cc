#include <shared_mutex>
#include <string>
#include <utility>
#include <vector>

#include <nanobind/stl/string.h>
#include <nanobind/stl/vector.h>

#include "core/framework/gpu_backend.h"
#include "core/framework/op_kernel.h"
#include "core/runtime/session.h"
#include "python/src/graph_bind.h"
#include "python/src/ndarray_convert.h"
#include "python/src/status_bind.h"

namespace nb = nanobind;

namespace tfc::py {
namespace {

struct PySession {
  // Shared so that close() on one thread cannot free a session another thread is running.
  std::shared_ptr<Session> session;
};

std::vector<std::string> StringsFromPy(nb::handle seq, const char* what) {
  std::vector<std::string> out;
  if (!PyList_Check(seq.ptr()) && !PyTuple_Check(seq.ptr())) {
    throw StatusException(errors::InvalidArgument(what, " must be a list of strings"));
  }
  const Py_ssize_t n = PySequence_Fast_GET_SIZE(seq.ptr());
  out.reserve(static_cast<size_t>(n));
  for (Py_ssize_t i = 0; i < n; ++i) {
    PyObject* item = PySequence_Fast_GET_ITEM(seq.ptr(), i);
    Py_ssize_t len = 0;
    const char* s = PyUnicode_Check(item) ? PyUnicode_AsUTF8AndSize(item, &len) : nullptr;
    if (s == nullptr) {
      PyErr_Clear();
      throw StatusException(errors::InvalidArgument(what, " must be a list of strings"));
    }
    out.emplace_back(s, static_cast<size_t>(len));
  }
  return out;
}

nb::list OutputsToPy(std::vector<Tensor>& outputs) {
  nb::list result = nb::steal<nb::list>(PyList_New(static_cast<Py_ssize_t>(outputs.size())));
  for (size_t i = 0; i < outputs.size(); ++i) {
    nb::object arr = TensorToNdarray(std::move(outputs[i]));
    PyList_SET_ITEM(result.ptr(), static_cast<Py_ssize_t>(i), arr.release().ptr());
  }
  return result;
}

std::shared_ptr<Session> Live(PySession& self) {
  if (!self.session) {
    throw StatusException(errors::Cancelled("Session has been closed."));
  }
  return self.session;
}

}  // namespace

// The process's GPUs as dicts (empty in a CPU-only build or without a usable GPU), and why
// there are none.
nb::tuple GpuDevices(double gpu_memory_fraction, bool allow_growth,
                     std::string visible_device_list) {
  nb::list out;
  std::string why = "this build has no CUDA backend";
  if (GpuBackend* backend = RegisteredGpuBackend()) {
    GpuOptions o;
    o.per_process_gpu_memory_fraction = gpu_memory_fraction;
    o.allow_growth = allow_growth;
    o.visible_device_list = std::move(visible_device_list);
    std::vector<Device*> devices;
    {
      nb::gil_scoped_release release;
      devices = backend->Devices(o, &why);
    }
    for (Device* d : devices) {
      GpuDescription g = backend->Describe(d);
      nb::dict e;
      e["name"] = d->name();
      e["tf_index"] = g.tf_index;
      e["cuda_ordinal"] = g.cuda_ordinal;
      e["device_name"] = g.name;
      e["pci_bus_id"] = g.pci_bus_id;
      e["compute_capability"] = nb::make_tuple(g.cc_major, g.cc_minor);
      e["multiprocessors"] = g.multiprocessors;
      e["total_memory"] = g.total_memory;
      e["memory_limit"] = g.memory_limit;
      e["description"] = backend->PhysicalDescription(d);
      out.append(e);
    }
  }
  return nb::make_tuple(out, why);
}

void init_session(nb::module_& m) {
  // The device types with a kernel for a node of the graph (["GPU", "CPU"]): what placement
  // chooses from.
  m.def("kernel_device_types", [](PyGraph& graph, const std::string& node) {
    std::shared_lock<std::shared_mutex> l(graph.graph->mutex());
    const Node* n = graph.graph->FindNode(node);
    if (n == nullptr) throw nb::key_error(node.c_str());
    return KernelRegistry::Global()->SupportedDeviceTypes(n->def);
  });
  m.def("gpu_devices", &GpuDevices, nb::arg("gpu_memory_fraction") = 0.0,
        nb::arg("allow_growth") = false, nb::arg("visible_device_list") = "");
  nb::class_<PySession>(m, "Session")
      .def(
          "__init__",
          [](PySession* self, PyGraph& graph, int inter_op_threads, int intra_op_threads,
             bool log_device_placement, bool allow_soft_placement, int max_gpus,
             double gpu_memory_fraction, bool allow_growth, std::string visible_device_list) {
            SessionOptions opts;
            opts.inter_op_threads = inter_op_threads;
            opts.intra_op_threads = intra_op_threads;
            opts.log_device_placement = log_device_placement;
            opts.allow_soft_placement = allow_soft_placement;
            opts.max_gpus = max_gpus;
            opts.gpu_options.per_process_gpu_memory_fraction = gpu_memory_fraction;
            opts.gpu_options.allow_growth = allow_growth;
            opts.gpu_options.visible_device_list = std::move(visible_device_list);
            new (self) PySession{std::make_shared<Session>(graph.graph, opts)};
          },
          nb::arg("graph"), nb::arg("inter_op_threads") = 0, nb::arg("intra_op_threads") = 0,
          nb::arg("log_device_placement") = false, nb::arg("allow_soft_placement") = false,
          nb::arg("max_gpus") = -1, nb::arg("gpu_memory_fraction") = 0.0,
          nb::arg("allow_growth") = false, nb::arg("visible_device_list") = "")
      .def(
          "run",
          [](PySession& self, nb::handle feeds, nb::handle fetches, nb::handle targets) {
            std::shared_ptr<Session> keep = Live(self);
            Session& session = *keep;
            std::vector<std::pair<std::string, Tensor>> feed_tensors;
            if (!PyList_Check(feeds.ptr()) && !PyTuple_Check(feeds.ptr())) {
              throw StatusException(
                  errors::InvalidArgument("feeds must be a list of (name, value) pairs"));
            }
            const Py_ssize_t num_feeds = PySequence_Fast_GET_SIZE(feeds.ptr());
            feed_tensors.reserve(static_cast<size_t>(num_feeds));
            for (Py_ssize_t i = 0; i < num_feeds; ++i) {
              PyObject* item = PySequence_Fast_GET_ITEM(feeds.ptr(), i);
              if (!PyTuple_Check(item) || PyTuple_GET_SIZE(item) != 2 ||
                  !PyUnicode_Check(PyTuple_GET_ITEM(item, 0))) {
                throw StatusException(
                    errors::InvalidArgument("feeds must be a list of (name, value) pairs"));
              }
              Tensor t;
              std::string name = nb::cast<std::string>(nb::handle(PyTuple_GET_ITEM(item, 0)));
              Status s = NdarrayToTensor(PyTuple_GET_ITEM(item, 1), &t);
              if (!s.ok()) {
                throw StatusException(errors::WithContext(s, "Feed '" + name + "': "));
              }
              feed_tensors.emplace_back(std::move(name), std::move(t));
            }
            std::vector<std::string> fetch_names = StringsFromPy(fetches, "fetches");
            std::vector<std::string> target_names = StringsFromPy(targets, "targets");
            std::vector<Tensor> outputs;
            Status s;
            {
              nb::gil_scoped_release release;
              s = session.Run(feed_tensors, fetch_names, target_names, &outputs);
              feed_tensors.clear();
            }
            ThrowIfError(s);
            return OutputsToPy(outputs);
          },
          nb::arg("feeds"), nb::arg("fetches"), nb::arg("targets"),
          "Runs once: feeds [(name, ndarray)], fetches [tensor names], targets [node names].")
      .def(
          "make_callable",
          [](PySession& self, nb::handle feeds, nb::handle fetches, nb::handle targets) {
            std::shared_ptr<Session> keep = Live(self);
            Session& session = *keep;
            std::vector<std::string> f = StringsFromPy(feeds, "feeds");
            std::vector<std::string> o = StringsFromPy(fetches, "fetches");
            std::vector<std::string> t = StringsFromPy(targets, "targets");
            int64_t handle = 0;
            Status s;
            {
              nb::gil_scoped_release release;
              s = session.MakeCallable(f, o, t, &handle);
            }
            ThrowIfError(s);
            return handle;
          },
          nb::arg("feeds"), nb::arg("fetches"), nb::arg("targets"))
      .def(
          "run_callable",
          // The per-step path: positional values only, nothing parsed by name.
          [](PySession& self, int64_t handle, nb::handle feed_values) {
            std::shared_ptr<Session> keep = Live(self);
            Session& session = *keep;
            if (!PyList_Check(feed_values.ptr()) && !PyTuple_Check(feed_values.ptr())) {
              throw StatusException(
                  errors::InvalidArgument("run_callable: feed_values must be a list"));
            }
            const Py_ssize_t n = PySequence_Fast_GET_SIZE(feed_values.ptr());
            std::vector<Tensor> inputs(static_cast<size_t>(n));
            for (Py_ssize_t i = 0; i < n; ++i) {
              ThrowIfError(NdarrayToTensor(PySequence_Fast_GET_ITEM(feed_values.ptr(), i),
                                           &inputs[static_cast<size_t>(i)]));
            }
            std::vector<Tensor> outputs;
            Status s;
            {
              nb::gil_scoped_release release;
              s = session.RunCallable(handle, inputs, &outputs);
              inputs.clear();
            }
            ThrowIfError(s);
            return OutputsToPy(outputs);
          },
          nb::arg("handle"), nb::arg("feed_values"))
      .def(
          "release_callable",
          [](PySession& self, int64_t handle) {
            if (!self.session) return;  // closing released everything already
            ThrowIfError(self.session->ReleaseCallable(handle));
          },
          nb::arg("handle"))
      .def("close",
           [](PySession& self) {
             if (!self.session) return;
             std::shared_ptr<Session> closing = std::move(self.session);
             Status s;
             {
               nb::gil_scoped_release release;
               s = closing->Close();
               closing.reset();  // runs still in flight hold their own reference
             }
             ThrowIfError(s);
           })
      .def("device_names", [](PySession& self) { return Live(self)->DeviceNames(); })
      .def("peak_bytes_in_use",
           [](PySession& self) { return Live(self)->Stats().peak_bytes_in_use; });
}

}  // namespace tfc::py
