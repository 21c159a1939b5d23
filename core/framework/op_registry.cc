#include "core/framework/op_registry.h"

#include <cstdio>
#include <cstdlib>

namespace tfc {

OpRegistry* OpRegistry::Global() {
  static OpRegistry* registry = new OpRegistry;  // never destroyed: used by static initializers
  return registry;
}

void OpRegistry::Register(const OpDefBuilder& builder) {
  auto data = std::make_unique<OpRegistrationData>();
  Status s = builder.Finalize(data.get());
  if (!s.ok()) {
    std::fprintf(stderr, "Op registration failed: %s\n", s.message().c_str());
    std::abort();
  }
  std::lock_guard<std::mutex> lock(mu_);
  const std::string name = data->op_def.name();
  if (!ops_.emplace(name, std::move(data)).second) {
    std::fprintf(stderr, "Op registration failed: Op with name %s already registered\n",
                 name.c_str());
    std::abort();
  }
}

const OpRegistrationData* OpRegistry::LookUp(const std::string& op_name) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = ops_.find(op_name);
  return it == ops_.end() ? nullptr : it->second.get();
}

Status OpRegistry::LookUpOpDef(const std::string& op_name,
                               const ::tensorflow::OpDef** op_def) const {
  const OpRegistrationData* data = LookUp(op_name);
  if (data == nullptr) {
    *op_def = nullptr;
    return errors::NotFound("Op type not registered '", op_name,
                            "' in binary running tfclassic. Make sure the Op and Kernel are "
                            "registered in the binary running in this process.");
  }
  *op_def = &data->op_def;
  return OkStatus();
}

std::vector<std::string> OpRegistry::ListOpNames() const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<std::string> names;
  names.reserve(ops_.size());
  for (const auto& [name, data] : ops_) names.push_back(name);
  return names;
}

void OpRegistry::Export(::tensorflow::OpList* out) const {
  std::lock_guard<std::mutex> lock(mu_);
  out->Clear();
  for (const auto& [name, data] : ops_) *out->add_op() = data->op_def;  // std::map: sorted
}

}  // namespace tfc
