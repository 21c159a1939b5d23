#pragma once
// Checking a NodeDef against its OpDef, and deriving its input/output dtypes, as TF's
// node_def_util does.
#include <string>

#include "core/framework/status.h"
#include "core/framework/types.h"
#include "tensorflow/core/framework/node_def.pb.h"
#include "tensorflow/core/framework/op_def.pb.h"

namespace tfc {

// Adds every attr that the OpDef gives a default and the NodeDef lacks.
void AddDefaultsToNodeDef(const ::tensorflow::OpDef& op_def, ::tensorflow::NodeDef* node_def);

// InvalidArgument if the NodeDef's attrs don't match the OpDef (unknown or missing attrs,
// wrong attr types, values outside the allowed list or under the minimum) or if its number of
// data inputs is not what the OpDef expects. Attrs starting with '_' are not checked.
Status ValidateNodeDef(const ::tensorflow::NodeDef& node_def, const ::tensorflow::OpDef& op_def);

// Checks one attr value against its AttrDef (type, allowed values, minimum).
Status ValidateAttrValue(const ::tensorflow::AttrValue& value,
                         const ::tensorflow::OpDef::AttrDef& attr);

// The dtypes of the node's inputs and outputs (ref types for Ref() args).
Status InOutTypesForNode(const ::tensorflow::NodeDef& node_def, const ::tensorflow::OpDef& op_def,
                         DataTypeVector* inputs, DataTypeVector* outputs);
// The dtypes of one arg list (expanded for N * T and list(type)).
Status ArgTypesForNode(const ::tensorflow::NodeDef& node_def,
                       const ::tensorflow::OpDef::ArgDef& arg, DataTypeVector* types);

// "x" / "x:1" / "^x" as written in NodeDef.input.
struct TensorId {
  std::string node;
  int index = 0;         // -1 for a control input
  bool is_control() const { return index < 0; }
};
// InvalidArgument for an empty name or a bad index ("x:", "x:-1", "x:a").
Status ParseTensorName(const std::string& s, TensorId* out);

// TF's one-line form "name = Op[attr=value, ...](input, ...)" used in error messages.
std::string SummarizeNodeDef(const ::tensorflow::NodeDef& node_def);
// TF's "Op<name=MatMul; signature=a:T, b:T -> product:T; attr=T:type,allowed=[...]>".
std::string SummarizeOpDef(const ::tensorflow::OpDef& op_def);

}  // namespace tfc
