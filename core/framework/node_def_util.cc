#include "core/framework/node_def_util.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "core/framework/attr_value_util.h"

namespace tfc {
namespace {

using ::tensorflow::AttrValue;
using ::tensorflow::NodeDef;
using ::tensorflow::OpDef;

// More outputs than this from one N * T arg is surely a corrupt attr, not a real graph.
constexpr int64_t kMaxArgListLength = 1 << 20;

std::string ArgSummary(const OpDef::ArgDef& arg) {
  std::string t = arg.name() + ":";
  if (arg.is_ref()) t += "Ref(";
  if (!arg.number_attr().empty()) t += arg.number_attr() + "*";
  if (!arg.type_attr().empty()) {
    t += arg.type_attr();
  } else if (!arg.type_list_attr().empty()) {
    t += arg.type_list_attr();
  } else {
    t += DataTypeString(arg.type());
  }
  if (arg.is_ref()) t += ")";
  return t;
}

std::string TypeListString(const DataTypeVector& v) {
  std::string r;
  for (size_t i = 0; i < v.size(); ++i) r += (i ? ", " : "") + DataTypeString(v[i]);
  return r;
}

std::string Context(const NodeDef& node_def, const OpDef& op_def) {
  return StrCat("; NodeDef: ", SummarizeNodeDef(node_def), "; ", SummarizeOpDef(op_def));
}

bool IsListType(const std::string& t) { return t.rfind("list(", 0) == 0; }

int64_t ListLength(const AttrValue& v) {
  const auto& l = v.list();
  return l.s_size() + l.i_size() + l.f_size() + l.b_size() + l.type_size() + l.shape_size() +
         l.tensor_size() + l.func_size();
}

}  // namespace

void AddDefaultsToNodeDef(const OpDef& op_def, NodeDef* node_def) {
  auto* attrs = node_def->mutable_attr();
  for (const auto& a : op_def.attr()) {
    if (a.has_default_value() && attrs->find(a.name()) == attrs->end()) {
      (*attrs)[a.name()] = a.default_value();
    }
  }
}

Status ValidateAttrValue(const AttrValue& value, const OpDef::AttrDef& attr) {
  const std::string& type = attr.type();
  const bool unset = value.value_case() == AttrValue::VALUE_NOT_SET;
  const std::string actual = AttrValueTypeName(value);
  if (IsListType(type)) {
    if (!unset && actual != type && actual != "list(?)") {
      return errors::InvalidArgument("AttrValue had value with type '", actual, "' when '", type,
                                     "' expected");
    }
  } else if (unset) {
    return errors::InvalidArgument("AttrValue missing value with expected type '", type, "'");
  } else if (actual != type) {
    return errors::InvalidArgument("AttrValue had value with type '", actual, "' when '", type,
                                   "' expected");
  }
  if (attr.has_minimum()) {
    if (type == "int" && value.i() < attr.minimum()) {
      return errors::InvalidArgument("Value for attr '", attr.name(), "' of ", value.i(),
                                     " must be at least minimum ", attr.minimum());
    }
    if (IsListType(type) && ListLength(value) < attr.minimum()) {
      return errors::InvalidArgument("Length for attr '", attr.name(), "' of ",
                                     ListLength(value), " must be at least minimum ",
                                     attr.minimum());
    }
  }
  const auto& allowed = attr.allowed_values().list();
  auto check_type = [&](DataType dt) -> Status {
    if (IsRefType(dt)) {
      return errors::InvalidArgument("AttrValue must not have reference type value of ",
                                     DataTypeString(dt), " for attr '", attr.name(), "'");
    }
    if (dt == DT_INVALID) {
      return errors::InvalidArgument("AttrValue has invalid DataType for attr '", attr.name(),
                                     "'");
    }
    if (attr.has_allowed_values() &&
        std::find(allowed.type().begin(), allowed.type().end(), dt) == allowed.type().end()) {
      DataTypeVector names;
      for (int t : allowed.type()) names.push_back(static_cast<DataType>(t));
      return errors::InvalidArgument("Value for attr '", attr.name(), "' of ",
                                     DataTypeString(dt),
                                     " is not in the list of allowed values: ",
                                     TypeListString(names));
    }
    return OkStatus();
  };
  auto check_string = [&](const std::string& s) -> Status {
    if (attr.has_allowed_values() &&
        std::find(allowed.s().begin(), allowed.s().end(), s) == allowed.s().end()) {
      std::string names;
      for (int i = 0; i < allowed.s_size(); ++i) {
        names += (i ? ", \"" : "\"") + allowed.s(i) + "\"";
      }
      return errors::InvalidArgument("Value for attr '", attr.name(), "' of \"", s,
                                     "\" is not in the list of allowed values: ", names);
    }
    return OkStatus();
  };
  if (type == "type") return check_type(value.type());
  if (type == "list(type)") {
    for (int t : value.list().type()) TFC_RETURN_IF_ERROR(check_type(static_cast<DataType>(t)));
  }
  if (type == "string") return check_string(value.s());
  if (type == "list(string)") {
    for (const auto& s : value.list().s()) TFC_RETURN_IF_ERROR(check_string(s));
  }
  if (type == "shape" || type == "list(shape)") {
    auto check_shape = [&](const ::tensorflow::TensorShapeProto& p) -> Status {
      PartialTensorShape s;
      return PartialTensorShape::FromProto(p, &s);
    };
    if (type == "shape") return check_shape(value.shape());
    for (const auto& p : value.list().shape()) TFC_RETURN_IF_ERROR(check_shape(p));
  }
  return OkStatus();
}

Status ValidateNodeDef(const NodeDef& node_def, const OpDef& op_def) {
  if (node_def.op() != op_def.name()) {
    return errors::InvalidArgument("NodeDef op '", node_def.op(), "' does not match ",
                                   SummarizeOpDef(op_def), "; NodeDef: ",
                                   SummarizeNodeDef(node_def));
  }
  bool seen_control = false;
  int num_inputs = 0;
  for (const std::string& in : node_def.input()) {
    if (!in.empty() && in[0] == '^') {
      seen_control = true;
      if (in.find(':') != std::string::npos) {
        return errors::InvalidArgument("Control input '", in, "' must not have ':' in NodeDef: ",
                                       SummarizeNodeDef(node_def));
      }
    } else if (seen_control) {
      return errors::InvalidArgument("Non-control input '", in,
                                     "' after control input in NodeDef: ",
                                     SummarizeNodeDef(node_def));
    } else {
      ++num_inputs;
    }
  }
  std::set<std::string> op_attrs;
  for (const auto& a : op_def.attr()) op_attrs.insert(a.name());
  for (const auto& [name, value] : node_def.attr()) {
    if (!name.empty() && name[0] == '_') continue;  // internal attrs (_class, _output_shapes)
    if (!op_attrs.count(name)) {
      return errors::InvalidArgument("NodeDef mentions attr '", name, "' not in ",
                                     SummarizeOpDef(op_def),
                                     "; NodeDef: ", SummarizeNodeDef(node_def),
                                     ". (Check whether your GraphDef-interpreting binary is up "
                                     "to date with your GraphDef-generating binary.).");
    }
  }
  for (const auto& a : op_def.attr()) {
    const AttrValue* v = FindAttr(node_def, a.name());
    if (v == nullptr) {
      return errors::InvalidArgument("NodeDef missing attr '", a.name(), "' from ",
                                     SummarizeOpDef(op_def), "; NodeDef: ",
                                     SummarizeNodeDef(node_def));
    }
    Status s = ValidateAttrValue(*v, a);
    if (!s.ok()) {
      return errors::InvalidArgument(s.message(), "\n\t for attr '", a.name(), "'\n\t",
                                     Context(node_def, op_def));
    }
  }
  DataTypeVector in_types, out_types;
  TFC_RETURN_IF_ERROR(InOutTypesForNode(node_def, op_def, &in_types, &out_types));
  if (static_cast<int>(in_types.size()) != num_inputs) {
    return errors::InvalidArgument("NodeDef expected inputs '", TypeListString(in_types),
                                   "' do not match ", num_inputs, " inputs specified",
                                   Context(node_def, op_def));
  }
  return OkStatus();
}

Status ArgTypesForNode(const NodeDef& node_def, const OpDef::ArgDef& arg,
                       DataTypeVector* types) {
  auto wrap = [&](Status s) {
    return errors::InvalidArgument(s.message(), " for arg '", arg.name(), "' of node '",
                                   node_def.name(), "'");
  };
  if (!arg.type_list_attr().empty()) {
    DataTypeVector list;
    Status s = GetNodeAttr(node_def, arg.type_list_attr(), &list);
    if (!s.ok()) return wrap(s);
    for (DataType dt : list) types->push_back(arg.is_ref() ? MakeRefType(dt) : dt);
    return OkStatus();
  }
  DataType dt = arg.type();
  if (!arg.type_attr().empty()) {
    Status s = GetNodeAttr(node_def, arg.type_attr(), &dt);
    if (!s.ok()) return wrap(s);
  }
  if (arg.is_ref()) dt = MakeRefType(dt);
  int64_t n = 1;
  if (!arg.number_attr().empty()) {
    Status s = GetNodeAttr(node_def, arg.number_attr(), &n);
    if (!s.ok()) return wrap(s);
    if (n < 0 || n > kMaxArgListLength) {
      return errors::InvalidArgument("Value for number_attr() ", n, " out of range for arg '",
                                     arg.name(), "' of node '", node_def.name(), "'");
    }
  }
  types->insert(types->end(), n, dt);
  return OkStatus();
}

Status InOutTypesForNode(const NodeDef& node_def, const OpDef& op_def, DataTypeVector* inputs,
                         DataTypeVector* outputs) {
  inputs->clear();
  outputs->clear();
  for (const auto& arg : op_def.input_arg()) {
    TFC_RETURN_IF_ERROR(ArgTypesForNode(node_def, arg, inputs));
  }
  for (const auto& arg : op_def.output_arg()) {
    TFC_RETURN_IF_ERROR(ArgTypesForNode(node_def, arg, outputs));
  }
  return OkStatus();
}

Status ParseTensorName(const std::string& s, TensorId* out) {
  if (s.empty()) return errors::InvalidArgument("Empty input name");
  if (s[0] == '^') {
    if (s.size() == 1 || s.find(':') != std::string::npos) {
      return errors::InvalidArgument("Illegal control input name '", s, "'");
    }
    out->node = s.substr(1);
    out->index = -1;
    return OkStatus();
  }
  size_t colon = s.rfind(':');
  if (colon == std::string::npos) {
    out->node = s;
    out->index = 0;
    return OkStatus();
  }
  std::string idx = s.substr(colon + 1);
  const bool digits =
      !idx.empty() && std::all_of(idx.begin(), idx.end(), [](char c) { return std::isdigit(c); });
  if (colon == 0 || !digits || (idx.size() > 1 && idx[0] == '0') || idx.size() > 9) {
    return errors::InvalidArgument("Illegal input name '", s, "'");
  }
  out->node = s.substr(0, colon);
  out->index = std::stoi(idx);
  return OkStatus();
}

std::string SummarizeNodeDef(const NodeDef& node_def) {
  std::string r = "{{node " + node_def.name() + "}} = " + node_def.op() + "[";
  std::vector<std::string> keys;
  for (const auto& [k, v] : node_def.attr()) keys.push_back(k);
  std::sort(keys.begin(), keys.end());
  bool first = true;
  for (const auto& k : keys) {
    r += (first ? "" : ", ") + k + "=" + SummarizeAttrValue(node_def.attr().at(k));
    first = false;
  }
  if (!node_def.device().empty()) {
    r += (first ? "" : ", ") + std::string("_device=\"") + node_def.device() + "\"";
  }
  r += "](";
  for (int i = 0; i < node_def.input_size(); ++i) r += (i ? ", " : "") + node_def.input(i);
  return r + ")";
}

std::string SummarizeOpDef(const OpDef& op_def) {
  std::string r = "Op<name=" + op_def.name() + "; signature=";
  for (int i = 0; i < op_def.input_arg_size(); ++i) {
    r += (i ? ", " : "") + ArgSummary(op_def.input_arg(i));
  }
  r += " -> ";
  for (int i = 0; i < op_def.output_arg_size(); ++i) {
    r += (i ? ", " : "") + ArgSummary(op_def.output_arg(i));
  }
  for (const auto& a : op_def.attr()) {
    r += "; attr=" + a.name() + ":" + a.type();
    if (a.has_default_value()) r += ",default=" + SummarizeAttrValue(a.default_value());
    if (a.has_minimum()) r += ",min=" + std::to_string(a.minimum());
    if (a.has_allowed_values()) r += ",allowed=" + SummarizeAttrValue(a.allowed_values());
  }
  if (op_def.is_commutative()) r += "; is_commutative=true";
  if (op_def.is_aggregate()) r += "; is_aggregate=true";
  if (op_def.is_stateful()) r += "; is_stateful=true";
  if (op_def.allows_uninitialized_input()) r += "; allows_uninitialized_input=true";
  return r + ">";
}

}  // namespace tfc
