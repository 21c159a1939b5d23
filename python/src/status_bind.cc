#include "python/src/status_bind.h"

namespace nb = nanobind;

namespace tfc::py {
namespace {

PyObject* g_status_error = nullptr;  // the Python class, alive for the process

}  // namespace

void init_status(nb::module_& m) {
  // Built through Python so that `code` and `message` read the exception's args, which keeps
  // the class picklable and lets Python code raise it with StatusError(code, message) too.
  nb::dict ns;
  nb::object builtins = nb::module_::import_("builtins");
  ns["__builtins__"] = builtins;
  ns["__name__"] = nb::str("tfclassic._native");
  nb::object exec = builtins.attr("exec");
  exec(nb::str(
           "class StatusError(Exception):\n"
           "    \"\"\"A tfclassic C++ error: args are (code, message) with TF's error codes.\"\"\"\n"
           "    @property\n"
           "    def code(self):\n"
           "        return self.args[0]\n"
           "    @property\n"
           "    def message(self):\n"
           "        return self.args[1]\n"
           "    def __str__(self):\n"
           "        return str(self.args[1]) if len(self.args) > 1 else super().__str__()\n"),
       ns);
  nb::object cls = ns["StatusError"];
  cls.attr("__module__") = nb::str("tfclassic._native");
  m.attr("StatusError") = cls;
  g_status_error = cls.inc_ref().ptr();

  nb::register_exception_translator(
      [](const std::exception_ptr& p, void*) {
        try {
          std::rethrow_exception(p);
        } catch (const StatusException& e) {
          const std::string& msg = e.status().message();
          // Messages may quote user bytes (string tensors): never fail on bad UTF-8.
          PyObject* text =
              PyUnicode_DecodeUTF8(msg.data(), static_cast<Py_ssize_t>(msg.size()), "replace");
          if (text == nullptr) return;
          PyObject* args = Py_BuildValue("(iN)", static_cast<int>(e.status().code()), text);
          if (args == nullptr) return;
          PyErr_SetObject(g_status_error, args);
          Py_DECREF(args);
        }
      },
      nullptr);
}

}  // namespace tfc::py
