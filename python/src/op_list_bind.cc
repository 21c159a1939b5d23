#include <string>

#include <nanobind/nanobind.h>

#include "core/framework/op_registry.h"

namespace nb = nanobind;

namespace tfc::py {

void init_op_list(nb::module_& m) {
  m.def(
      "op_list",
      [] {
        ::tensorflow::OpList list;
        OpRegistry::Global()->Export(&list);
        std::string out;
        list.SerializeToString(&out);
        return nb::bytes(out.data(), out.size());
      },
      "Serialized tensorflow.OpList of every registered op, defaults included.");
}

}  // namespace tfc::py
