#include <nanobind/nanobind.h>

namespace nb = nanobind;

namespace tfc::py {
void init_status(nb::module_& m);
void init_ndarray(nb::module_& m);
void init_op_list(nb::module_& m);
void init_graph(nb::module_& m);
void init_session(nb::module_& m);
void init_checkpoint_reader(nb::module_& m);
void init_record_io(nb::module_& m);
}  // namespace tfc::py

NB_MODULE(_native, m) {
  m.doc() = "tfclassic native core: graph, session and the NumPy bridge";
  tfc::py::init_status(m);  // first: the others raise StatusError
  tfc::py::init_ndarray(m);
  tfc::py::init_op_list(m);
  tfc::py::init_graph(m);
  tfc::py::init_session(m);
  tfc::py::init_checkpoint_reader(m);
  tfc::py::init_record_io(m);
}
