#pragma once
// Op interfaces in TensorFlow's REGISTER_OP form: inputs, outputs and attrs are written in TF's
// spec syntax ("x: T", "values: N * T", "T: {float, double} = DT_FLOAT", "Ref(T)") and compiled
// to a tensorflow::OpDef, the one source of truth for both C++ and the Python wrappers.
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/framework/status.h"
#include "tensorflow/core/framework/op_def.pb.h"

namespace tfc {

class InferenceContext;
using ShapeInferenceFn = std::function<Status(InferenceContext*)>;

struct OpRegistrationData {
  ::tensorflow::OpDef op_def;
  ShapeInferenceFn shape_fn;  // never empty after registration (defaults to unknown shapes)
};

class OpDefBuilder {
 public:
  explicit OpDefBuilder(std::string op_name);
  OpDefBuilder& Attr(std::string spec);
  OpDefBuilder& Input(std::string spec);
  OpDefBuilder& Output(std::string spec);
  OpDefBuilder& SetIsCommutative();
  OpDefBuilder& SetIsAggregate();
  OpDefBuilder& SetIsStateful();
  OpDefBuilder& SetAllowsUninitializedInput();
  OpDefBuilder& Deprecated(int version, std::string explanation);
  OpDefBuilder& Doc(std::string text);
  OpDefBuilder& SetShapeFn(ShapeInferenceFn fn);
  // Parses the specs; an error names the op and the bad spec.
  Status Finalize(OpRegistrationData* out) const;

 private:
  std::string name_;
  std::vector<std::string> attrs_, inputs_, outputs_;
  std::vector<std::string> errors_;
  ::tensorflow::OpDef flags_;  // is_stateful etc. and deprecation
  ShapeInferenceFn shape_fn_;
};

class OpRegistry {
 public:
  static OpRegistry* Global();
  // Registration failures are programming errors: they abort at start-up with the message.
  void Register(const OpDefBuilder& builder);
  // nullptr if unknown.
  const OpRegistrationData* LookUp(const std::string& op_name) const;
  Status LookUpOpDef(const std::string& op_name, const ::tensorflow::OpDef** op_def) const;
  std::vector<std::string> ListOpNames() const;
  void Export(::tensorflow::OpList* out) const;  // sorted by name

 private:
  mutable std::mutex mu_;
  std::map<std::string, std::unique_ptr<OpRegistrationData>> ops_;
};

namespace register_op {
struct OpDefBuilderReceiver {
  OpDefBuilderReceiver(const OpDefBuilder& b) { OpRegistry::Global()->Register(b); }  // NOLINT
};
}  // namespace register_op

}  // namespace tfc

#define TFC_CONCAT_INNER(a, b) a##b
#define TFC_CONCAT(a, b) TFC_CONCAT_INNER(a, b)
#define REGISTER_OP(name)                                                                  \
  static ::tfc::register_op::OpDefBuilderReceiver TFC_CONCAT(tfc_register_op_, __COUNTER__) \
      [[maybe_unused]] = ::tfc::OpDefBuilder(name)
