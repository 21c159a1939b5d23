#include "python/src/graph_bind.h"

#include <string>
#include <vector>

#include <nanobind/stl/string.h>

#include "python/src/status_bind.h"

namespace nb = nanobind;

namespace tfc::py {
namespace {

// Shapes cross as None (unknown rank) or a list of ints with -1 for unknown dims.
nb::object ShapeToPy(const PartialTensorShape& s) {
  if (s.unknown_rank()) return nb::none();
  nb::list dims;
  for (int64_t d : s.dim_sizes()) dims.append(d);
  return dims;
}

PartialTensorShape ShapeFromPy(nb::handle h) {
  if (h.is_none()) return PartialTensorShape();
  std::vector<int64_t> dims;
  for (nb::handle d : h) {
    if (d.is_none()) {
      dims.push_back(-1);
    } else {
      int64_t v = nb::cast<int64_t>(d);
      if (v < -1) throw StatusException(errors::InvalidArgument("Invalid dimension ", v));
      dims.push_back(v);
    }
  }
  return PartialTensorShape(std::move(dims));
}

nb::list DtypesToPy(const DataTypeVector& v) {
  nb::list out;
  for (DataType dt : v) out.append(static_cast<int>(dt));
  return out;
}

const Node* FindOrThrow(const Graph& g, const std::string& name) {
  const Node* n = g.FindNode(name);
  if (n == nullptr) {
    throw StatusException(errors::NotFound("Node '", name, "' is not in the graph"));
  }
  return n;
}

void CheckOutput(const Node* n, int index) {
  if (index < 0 || index >= n->num_outputs()) {
    throw StatusException(errors::OutOfRange("Node '", n->name(), "' (op: '",
                                             n->type_string(), "') has ", n->num_outputs(),
                                             " outputs; output ", index, " does not exist"));
  }
}

}  // namespace

void init_graph(nb::module_& m) {
  nb::class_<PyGraph>(m, "Graph")
      .def(nb::init<>())
      .def(
          "add_node",
          [](PyGraph& self, nb::bytes node_def) {
            ::tensorflow::NodeDef def;
            if (!def.ParseFromArray(node_def.data(), static_cast<int>(node_def.size()))) {
              throw StatusException(errors::InvalidArgument("add_node: unparsable NodeDef"));
            }
            const Node* node = nullptr;
            ThrowIfError(self.graph->AddNode(std::move(def), &node));
            nb::list shapes;
            for (const PartialTensorShape& s : node->output_shapes) shapes.append(ShapeToPy(s));
            return nb::make_tuple(DtypesToPy(node->input_types), DtypesToPy(node->output_types),
                                  shapes);
          },
          nb::arg("node_def"),
          "Adds a serialized NodeDef; returns (input_types, output_types, output_shapes).")
      .def(
          "node_def",
          [](const PyGraph& self, const std::string& name) {
            std::string out;
            FindOrThrow(*self.graph, name)->def.SerializeToString(&out);
            return nb::bytes(out.data(), out.size());
          },
          nb::arg("name"))
      .def(
          "output_shape",
          [](const PyGraph& self, const std::string& name, int index) {
            const Node* n = FindOrThrow(*self.graph, name);
            CheckOutput(n, index);
            return ShapeToPy(n->output_shapes[index]);
          },
          nb::arg("name"), nb::arg("index"))
      .def(
          "merge_output_shape",
          [](PyGraph& self, const std::string& name, int index, nb::handle shape) {
            const Node* n = FindOrThrow(*self.graph, name);
            CheckOutput(n, index);
            ThrowIfError(self.graph->MergeOutputShape(n->id, index, ShapeFromPy(shape)));
          },
          nb::arg("name"), nb::arg("index"), nb::arg("shape").none())
      .def(
          "add_control_input",
          [](PyGraph& self, const std::string& name, const std::string& control_name) {
            const Node* n = FindOrThrow(*self.graph, name);
            const Node* c = FindOrThrow(*self.graph, control_name);
            ThrowIfError(self.graph->AddControlInput(n->id, c->id));
          },
          nb::arg("name"), nb::arg("control_name"))
      .def(
          "remove_control_inputs",
          [](PyGraph& self, const std::string& name) {
            const Node* n = FindOrThrow(*self.graph, name);
            ThrowIfError(self.graph->RemoveControlInputs(n->id));
          },
          nb::arg("name"), "Operation._remove_all_control_inputs.")
      .def(
          "set_attr",
          [](PyGraph& self, const std::string& name, const std::string& attr_name,
             nb::bytes value) {
            const Node* n = FindOrThrow(*self.graph, name);
            ::tensorflow::AttrValue v;
            if (!v.ParseFromArray(value.data(), static_cast<int>(value.size()))) {
              throw StatusException(errors::InvalidArgument("set_attr: unparsable AttrValue"));
            }
            ThrowIfError(self.graph->SetAttr(n->id, attr_name, v));
          },
          nb::arg("name"), nb::arg("attr_name"), nb::arg("value"),
          "Operation._set_attr: replaces attr `attr_name` (a serialized AttrValue).")
      .def(
          "update_input",
          [](PyGraph& self, const std::string& name, int index, const std::string& src_name,
             int src_index) {
            const Node* n = FindOrThrow(*self.graph, name);
            const Node* src = FindOrThrow(*self.graph, src_name);
            ThrowIfError(self.graph->UpdateInput(n->id, index, Endpoint{src->id, src_index}));
          },
          nb::arg("name"), nb::arg("index"), nb::arg("src_name"), nb::arg("src_index"),
          "Operation._update_input: data input `index` of `name` reads src_name:src_index.")
      .def("num_pending_back_edges",
           [](const PyGraph& self) { return self.graph->num_pending_back_edges(); })
      .def(
          "to_graph_def",
          [](const PyGraph& self, bool add_shapes) {
            ::tensorflow::GraphDef gd;
            self.graph->ToGraphDef(&gd, add_shapes);
            std::string out;
            gd.SerializeToString(&out);
            return nb::bytes(out.data(), out.size());
          },
          nb::arg("add_shapes") = false)
      .def("num_nodes", [](const PyGraph& self) { return self.graph->num_nodes(); });
}

}  // namespace tfc::py
