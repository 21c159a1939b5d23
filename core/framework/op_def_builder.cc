// Compiles REGISTER_OP specs ("x: T", "N: int >= 1", "T: {float, double} = DT_FLOAT") into
// a tensorflow::OpDef, following TF's spec grammar and its implicit rules (number attrs and
// list(type) attrs used by args get minimum 1; resource args make the op stateful).
#include <google/protobuf/io/tokenizer.h>
#include <google/protobuf/text_format.h>

#include <algorithm>
#include <cctype>
#include <set>

#include "core/framework/attr_value_util.h"
#include "core/framework/op_registry.h"
#include "core/framework/shape_inference.h"

namespace tfc {
namespace {

using ::tensorflow::AttrValue;
using ::tensorflow::OpDef;

// Named type sets, in DataType enum order as TF's DataTypeSet iterates them.
const DataTypeVector& NamedTypeSet(const std::string& name, bool* found) {
  static const DataTypeVector kNumber = {
      DT_FLOAT, DT_DOUBLE,   DT_INT32,  DT_UINT8,  DT_INT16,     DT_INT8,
      DT_COMPLEX64, DT_INT64, DT_QINT8,  DT_QUINT8, DT_QINT32,    DT_BFLOAT16,
      DT_UINT16, DT_COMPLEX128, DT_HALF, DT_UINT32, DT_UINT64};
  static const DataTypeVector kRealNumber = {DT_FLOAT,    DT_DOUBLE, DT_INT32,  DT_UINT8,
                                             DT_INT16,    DT_INT8,   DT_INT64,  DT_BFLOAT16,
                                             DT_UINT16,   DT_HALF,   DT_UINT32, DT_UINT64};
  static const DataTypeVector kQuantized = {DT_QINT8, DT_QUINT8, DT_QINT32, DT_QINT16,
                                            DT_QUINT16};
  static const DataTypeVector kEmpty;
  *found = true;
  if (name == "numbertype" || name == "numerictype") return kNumber;
  if (name == "realnumbertype" || name == "realnumerictype") return kRealNumber;
  if (name == "quantizedtype") return kQuantized;
  *found = false;
  return kEmpty;
}

// A tiny cursor over a spec string.
struct Cursor {
  std::string s;
  size_t pos = 0;
  void SkipSpace() {
    while (pos < s.size() && std::isspace(static_cast<unsigned char>(s[pos]))) ++pos;
  }
  bool Done() const { return pos >= s.size(); }
  std::string Rest() const { return s.substr(std::min(pos, s.size())); }
  bool Consume(const std::string& lit) {
    if (s.compare(pos, lit.size(), lit) == 0) {
      pos += lit.size();
      return true;
    }
    return false;
  }
  // Identifier [A-Za-z][A-Za-z0-9_]* (first char lower-case if lower_first).
  bool Ident(std::string* out, bool lower_first = false) {
    if (pos >= s.size()) return false;
    char c = s[pos];
    if (!std::isalpha(static_cast<unsigned char>(c))) return false;
    if (lower_first && !std::islower(static_cast<unsigned char>(c))) return false;
    size_t e = pos + 1;
    while (e < s.size() && (std::isalnum(static_cast<unsigned char>(s[e])) || s[e] == '_')) ++e;
    *out = s.substr(pos, e - pos);
    pos = e;
    return true;
  }
  bool Int(int64_t* out) {
    size_t e = pos;
    if (e < s.size() && (s[e] == '-' || s[e] == '+')) ++e;
    size_t digits = e;
    while (e < s.size() && std::isdigit(static_cast<unsigned char>(s[e]))) ++e;
    if (e == digits) return false;
    try {
      *out = std::stoll(s.substr(pos, e - pos));
    } catch (...) {
      return false;
    }
    pos = e;
    return true;
  }
  // A quoted string with C escapes, quote ' or ".
  bool Quoted(std::string* out) {
    if (pos >= s.size() || (s[pos] != '\'' && s[pos] != '"')) return false;
    char q = s[pos];
    size_t i = pos + 1;
    std::string r;
    while (i < s.size() && s[i] != q) {
      if (s[i] == '\\' && i + 1 < s.size()) {
        char e = s[i + 1];
        switch (e) {
          case 'n': r += '\n'; break;
          case 't': r += '\t'; break;
          case 'r': r += '\r'; break;
          case '0': r += '\0'; break;
          default: r += e;
        }
        i += 2;
      } else {
        r += s[i++];
      }
    }
    if (i >= s.size()) return false;
    pos = i + 1;
    *out = std::move(r);
    return true;
  }
};

std::string TrimRight(std::string s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
  return s;
}

// Default values are written in AttrValue text form ("DT_FLOAT", "[1, 1]", "{ unknown_rank:
// true }"); a lower-case type name ("float") is accepted as well.
bool ParseDefault(const std::string& type, std::string text, AttrValue* out) {
  text = TrimRight(text);
  const bool is_list = type.rfind("list(", 0) == 0;
  const std::string base = is_list ? type.substr(5, type.size() - 6) : type;
  auto field_of = [](const std::string& b) -> std::string {
    if (b == "string") return "s";
    if (b == "int") return "i";
    if (b == "float") return "f";
    if (b == "bool") return "b";
    return b;  // type, shape, tensor, func
  };
  auto fix_type_names = [](std::string t) {
    // "float" -> "DT_FLOAT" for each bare lower-case type token.
    std::string r, tok;
    auto flush = [&] {
      DataType dt;
      if (!tok.empty() && tok.rfind("DT_", 0) != 0 && DataTypeFromString(tok, &dt)) {
        r += ::tensorflow::DataType_Name(dt);
      } else {
        r += tok;
      }
      tok.clear();
    };
    for (char c : t) {
      if (std::isalnum(static_cast<unsigned char>(c)) || c == '_') {
        tok += c;
      } else {
        flush();
        r += c;
      }
    }
    flush();
    return r;
  };
  if (base == "type") text = fix_type_names(text);
  std::string proto_text;
  if (is_list) {
    proto_text = "list { " + field_of(base) + ": " + text + " }";
  } else {
    proto_text = field_of(base) + ": " + text;
  }
  out->Clear();
  // Parse errors are reported by the caller with the op's name; keep protobuf quiet.
  struct Quiet : ::google::protobuf::io::ErrorCollector {
    void AddError(int, int, const std::string&) override {}
  } quiet;
  ::google::protobuf::TextFormat::Parser parser;
  parser.RecordErrorsTo(&quiet);
  if (!parser.ParseFromString(proto_text, out)) return false;
  if (is_list && !out->has_list()) out->mutable_list();
  return true;
}

// Checks a default value against allowed values and minimum, as TF does at registration.
std::string CheckDefault(const OpDef::AttrDef& attr) {
  if (!attr.has_default_value()) return "";
  const AttrValue& v = attr.default_value();
  if (attr.has_minimum()) {
    int64_t n = -1;
    if (attr.type() == "int") n = v.i();
    if (v.has_list()) {
      const auto& l = v.list();
      n = l.s_size() + l.i_size() + l.f_size() + l.b_size() + l.type_size() + l.shape_size() +
          l.tensor_size() + l.func_size();
    }
    if (n >= 0 && n < attr.minimum()) {
      return StrCat("default value ", SummarizeAttrValue(v), " is less than minimum ",
                    attr.minimum());
    }
  }
  if (attr.has_allowed_values()) {
    const auto& allowed = attr.allowed_values().list();
    if (attr.type() == "type" &&
        std::find(allowed.type().begin(), allowed.type().end(), v.type()) ==
            allowed.type().end()) {
      return StrCat("default value ", DataTypeString(v.type()), " is not in allowed values");
    }
    if (attr.type() == "string" &&
        std::find(allowed.s().begin(), allowed.s().end(), v.s()) == allowed.s().end()) {
      return StrCat("default value \"", v.s(), "\" is not in allowed values");
    }
  }
  return "";
}

std::string ParseAttrSpec(const std::string& spec, OpDef* op_def) {
  OpDef::AttrDef* attr = op_def->add_attr();
  Cursor c{spec};
  c.SkipSpace();
  std::string name;
  if (!c.Ident(&name)) return "Trouble parsing '<name>:'";
  c.SkipSpace();
  if (!c.Consume(":")) return "Trouble parsing '<name>:'";
  c.SkipSpace();
  attr->set_name(name);
  const bool is_list = c.Consume("list(");
  c.SkipSpace();
  std::string type;
  if (c.Consume("{")) {
    AttrValue* allowed = attr->mutable_allowed_values();
    allowed->mutable_list();
    c.SkipSpace();
    const bool strings = !c.Done() && (c.s[c.pos] == '\'' || c.s[c.pos] == '"');
    type = strings ? "string" : "type";
    while (true) {
      c.SkipSpace();
      if (strings) {
        std::string v;
        if (!c.Quoted(&v)) return "Trouble parsing allowed string at '" + c.Rest() + "'";
        allowed->mutable_list()->add_s(v);
      } else {
        std::string t;
        if (!c.Ident(&t)) return "Trouble parsing type string at '" + c.Rest() + "'";
        bool named = false;
        const DataTypeVector& set = NamedTypeSet(t, &named);
        if (named) {
          for (DataType dt : set) allowed->mutable_list()->add_type(dt);
        } else {
          DataType dt;
          if (!DataTypeFromString(t, &dt) || IsRefType(dt)) {
            return "Unrecognized type string '" + t + "'";
          }
          allowed->mutable_list()->add_type(dt);
        }
      }
      c.SkipSpace();
      if (c.Consume(",")) {
        c.SkipSpace();
        if (c.Consume("}")) break;
        continue;
      }
      if (c.Consume("}")) break;
      return "Expected , or } after " + std::string(strings ? "strings" : "types") +
             " in list, not: '" + c.Rest() + "'";
    }
  } else {
    std::string word;
    if (!c.Ident(&word)) return "Trouble parsing type string at '" + c.Rest() + "'";
    bool named = false;
    const DataTypeVector& set = NamedTypeSet(word, &named);
    if (named) {
      type = "type";
      for (DataType dt : set) attr->mutable_allowed_values()->mutable_list()->add_type(dt);
    } else if (word == "string" || word == "int" || word == "float" || word == "bool" ||
               word == "type" || word == "shape" || word == "tensor" || word == "func") {
      type = word;
    } else {
      return "Trouble parsing type string at '" + word + "'";
    }
  }
  c.SkipSpace();
  if (is_list) {
    if (!c.Consume(")")) return "Expected ) to close 'list(', not: '" + c.Rest() + "'";
    c.SkipSpace();
    attr->set_type("list(" + type + ")");
  } else {
    attr->set_type(type);
  }
  if ((is_list || type == "int") && c.Consume(">=")) {
    c.SkipSpace();
    int64_t min = 0;
    if (!c.Int(&min)) {
      return "Could not parse integer lower limit after '>=', found '" + c.Rest() + "' instead";
    }
    attr->set_has_minimum(true);
    attr->set_minimum(min);
    c.SkipSpace();
  }
  if (c.Consume("=")) {
    c.SkipSpace();
    std::string text = c.Rest();
    if (!ParseDefault(attr->type(), text, attr->mutable_default_value())) {
      return "Could not parse default value '" + TrimRight(text) + "'";
    }
  } else if (!c.Done()) {
    return "Extra '" + c.Rest() + "' unparsed at the end";
  }
  return CheckDefault(*attr);
}

std::string ParseArgSpec(const std::string& spec, bool is_output, OpDef* op_def) {
  OpDef::ArgDef* arg = is_output ? op_def->add_output_arg() : op_def->add_input_arg();
  Cursor c{spec};
  c.SkipSpace();
  std::string name;
  if (!c.Ident(&name, /*lower_first=*/true)) return "Trouble parsing 'name:'";
  for (char ch : name) {
    if (std::isupper(static_cast<unsigned char>(ch))) return "Trouble parsing 'name:'";
  }
  c.SkipSpace();
  if (!c.Consume(":")) return "Trouble parsing 'name:'";
  c.SkipSpace();
  arg->set_name(name);
  if (c.Consume("Ref")) {
    c.SkipSpace();
    if (!c.Consume("(")) return "Trouble parsing 'Ref('";
    c.SkipSpace();
    arg->set_is_ref(true);
  }
  std::string first, type_or_attr;
  if (!c.Ident(&first)) {
    return "Trouble parsing either a type or an attr name at '" + c.Rest() + "'";
  }
  c.SkipSpace();
  if (c.Consume("*")) {
    c.SkipSpace();
    if (!c.Ident(&type_or_attr)) {
      return "Trouble parsing either a type or an attr name at '" + c.Rest() + "'";
    }
    c.SkipSpace();
    arg->set_number_attr(first);
  } else {
    type_or_attr = first;
  }
  DataType dt;
  if (DataTypeFromString(type_or_attr, &dt) && !IsRefType(dt)) {
    arg->set_type(dt);
  } else {
    const OpDef::AttrDef* attr = nullptr;
    for (const auto& a : op_def->attr()) {
      if (a.name() == type_or_attr) attr = &a;
    }
    if (attr == nullptr) return "Reference to unknown attr '" + type_or_attr + "'";
    if (attr->type() == "type") {
      arg->set_type_attr(type_or_attr);
    } else if (attr->type() == "list(type)" && arg->number_attr().empty()) {
      arg->set_type_list_attr(type_or_attr);
    } else {
      return "Reference to attr '" + type_or_attr + "' with type " + attr->type() +
             " that isn't type or list(type)";
    }
  }
  if (arg->is_ref()) {
    if (!c.Consume(")")) {
      return "Did not find closing ')' for 'Ref(', instead found: '" + c.Rest() + "'";
    }
    c.SkipSpace();
  }
  if (!c.Done()) return "Extra '" + c.Rest() + "' unparsed at the end";

  auto find_mutable = [&](const std::string& n) -> OpDef::AttrDef* {
    for (auto& a : *op_def->mutable_attr()) {
      if (a.name() == n) return &a;
    }
    return nullptr;
  };
  if (!arg->number_attr().empty()) {
    OpDef::AttrDef* n = find_mutable(arg->number_attr());
    if (n == nullptr) return "Reference to unknown attr '" + arg->number_attr() + "'";
    if (n->type() != "int") {
      return "Reference to attr '" + arg->number_attr() + "' with type " + n->type() +
             " that isn't int";
    }
    if (!n->has_minimum()) {
      n->set_has_minimum(true);
      n->set_minimum(1);
    }
  } else if (!arg->type_list_attr().empty()) {
    OpDef::AttrDef* l = find_mutable(arg->type_list_attr());
    if (l != nullptr && !l->has_minimum()) {
      l->set_has_minimum(true);
      l->set_minimum(1);
    }
  }
  if (arg->type() == DT_RESOURCE) op_def->set_is_stateful(true);
  return "";
}

}  // namespace

OpDefBuilder::OpDefBuilder(std::string op_name) : name_(std::move(op_name)) {}

OpDefBuilder& OpDefBuilder::Attr(std::string spec) {
  attrs_.push_back(std::move(spec));
  return *this;
}
OpDefBuilder& OpDefBuilder::Input(std::string spec) {
  inputs_.push_back(std::move(spec));
  return *this;
}
OpDefBuilder& OpDefBuilder::Output(std::string spec) {
  outputs_.push_back(std::move(spec));
  return *this;
}
OpDefBuilder& OpDefBuilder::SetIsCommutative() {
  flags_.set_is_commutative(true);
  return *this;
}
OpDefBuilder& OpDefBuilder::SetIsAggregate() {
  flags_.set_is_aggregate(true);
  return *this;
}
OpDefBuilder& OpDefBuilder::SetIsStateful() {
  flags_.set_is_stateful(true);
  return *this;
}
OpDefBuilder& OpDefBuilder::SetAllowsUninitializedInput() {
  flags_.set_allows_uninitialized_input(true);
  return *this;
}
OpDefBuilder& OpDefBuilder::Deprecated(int version, std::string explanation) {
  if (flags_.has_deprecation()) {
    errors_.push_back("Deprecated called twice for Op " + name_);
  } else {
    flags_.mutable_deprecation()->set_version(version);
    flags_.mutable_deprecation()->set_explanation(std::move(explanation));
  }
  return *this;
}
OpDefBuilder& OpDefBuilder::Doc(std::string text) {
  // Only the summary and description matter to us; per-arg docs are not kept.
  size_t b = text.find_first_not_of(" \n\t");
  if (b == std::string::npos) return *this;
  size_t e = text.find('\n', b);
  flags_.set_summary(TrimRight(text.substr(b, e == std::string::npos ? e : e - b)));
  if (e != std::string::npos) {
    size_t d = text.find_first_not_of(" \n\t", e);
    if (d != std::string::npos) flags_.set_description(TrimRight(text.substr(d)));
  }
  return *this;
}
OpDefBuilder& OpDefBuilder::SetShapeFn(ShapeInferenceFn fn) {
  if (shape_fn_) {
    errors_.push_back("SetShapeFn called twice for Op " + name_);
  } else {
    shape_fn_ = std::move(fn);
  }
  return *this;
}

Status OpDefBuilder::Finalize(OpRegistrationData* out) const {
  std::vector<std::string> errors = errors_;
  OpDef& def = out->op_def;
  def = flags_;
  def.set_name(name_);
  if (name_.empty() || !std::isupper(static_cast<unsigned char>(name_[0])) ||
      !std::all_of(name_.begin(), name_.end(),
                   [](char ch) { return std::isalnum(static_cast<unsigned char>(ch)) || ch == '_'; })) {
    if (name_.empty() || name_[0] != '_') errors.push_back("Invalid name: " + name_);
  }
  std::set<std::string> names;
  for (const std::string& a : attrs_) {
    std::string e = ParseAttrSpec(a, &def);
    if (!e.empty()) {
      errors.push_back(e + " from Attr(\"" + a + "\") for Op " + name_);
    } else if (!names.insert(def.attr(def.attr_size() - 1).name()).second) {
      errors.push_back("Duplicate name: " + def.attr(def.attr_size() - 1).name() + " in Op " +
                       name_);
    }
  }
  for (const std::string& in : inputs_) {
    std::string e = ParseArgSpec(in, false, &def);
    if (!e.empty()) errors.push_back(e + " from Input(\"" + in + "\") for Op " + name_);
  }
  for (const std::string& o : outputs_) {
    std::string e = ParseArgSpec(o, true, &def);
    if (!e.empty()) errors.push_back(e + " from Output(\"" + o + "\") for Op " + name_);
  }
  std::set<std::string> arg_names;
  for (const auto& a : def.input_arg()) {
    if (!arg_names.insert(a.name()).second) {
      errors.push_back("Duplicate name: " + a.name() + " in Op " + name_);
    }
  }
  for (const auto& a : def.output_arg()) {
    if (!arg_names.insert(a.name()).second) {
      errors.push_back("Duplicate name: " + a.name() + " in Op " + name_);
    }
  }
  out->shape_fn = shape_fn_ ? shape_fn_ : ShapeInferenceFn(shape_inference::UnknownShape);
  if (!errors.empty()) {
    std::string msg;
    for (size_t i = 0; i < errors.size(); ++i) msg += (i ? "\n" : "") + errors[i];
    return errors::InvalidArgument(msg);
  }
  return OkStatus();
}

}  // namespace tfc
