#include "core/framework/attr_value_util.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cmath>
#include <limits>

namespace tfc {
namespace {

using ::tensorflow::AttrValue;
using ::tensorflow::NodeDef;

std::string FloatString(float f) {
  if (std::isnan(f)) return "nan";
  if (std::isinf(f)) return f > 0 ? "inf" : "-inf";
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof(buf), f);
  return std::string(buf, res.ptr);
}

std::string CEscape(const std::string& s) {
  std::string r;
  for (unsigned char c : s) {
    switch (c) {
      case '\n': r += "\\n"; break;
      case '\r': r += "\\r"; break;
      case '\t': r += "\\t"; break;
      case '"': r += "\\\""; break;
      case '\'': r += "\\'"; break;
      case '\\': r += "\\\\"; break;
      default:
        if (c < 32 || c >= 127) {
          char b[8];
          std::snprintf(b, sizeof(b), "\\%03o", c);
          r += b;
        } else {
          r += static_cast<char>(c);
        }
    }
  }
  return r;
}

std::string SummarizeString(const std::string& s) {
  std::string e = CEscape(s);
  // Long strings (serialized protos, file contents) are elided in the middle, as TF does.
  constexpr size_t kMax = 80;
  if (e.size() > kMax) e = e.substr(0, kMax / 2 - 2) + "..." + e.substr(e.size() - (kMax / 2 - 2));
  return "\"" + e + "\"";
}

std::string SummarizeShape(const ::tensorflow::TensorShapeProto& p) {
  PartialTensorShape s;
  if (!PartialTensorShape::FromProto(p, &s).ok()) return "<invalid shape>";
  return s.DebugString();
}

std::string SummarizeTensorProto(const ::tensorflow::TensorProto& p) {
  Tensor t;
  if (!Tensor::FromProto(p, &t).ok()) return "<Invalid TensorProto>";
  return t.DebugString(10);
}

std::string SummarizeFunc(const ::tensorflow::NameAttrList& f) {
  std::string r = f.name();
  std::vector<std::string> keys;
  for (const auto& [k, v] : f.attr()) keys.push_back(k);
  std::sort(keys.begin(), keys.end());
  if (keys.empty()) return r;
  r += "[";
  for (size_t i = 0; i < keys.size(); ++i) {
    if (i) r += ", ";
    r += keys[i] + "=" + SummarizeAttrValue(f.attr().at(keys[i]));
  }
  return r + "]";
}

Status Missing(const NodeDef& node, const std::string& name) {
  return errors::NotFound("No attr named '", name, "' in NodeDef:\n\t [[{{node ", node.name(),
                          "}}]]");
}

Status WrongType(const NodeDef& node, const std::string& name, const AttrValue& v,
                 const char* expected) {
  return errors::InvalidArgument("Attr '", name, "' of NodeDef '", node.name(), "' has type ",
                                 AttrValueTypeName(v), ", expected type ", expected);
}

// Finds the attr and checks its type name, producing TF-style errors.
Status Find(const NodeDef& node, const std::string& name, const char* type,
            const AttrValue** out) {
  const AttrValue* v = FindAttr(node, name);
  if (v == nullptr) return Missing(node, name);
  const std::string actual = AttrValueTypeName(*v);
  // An empty list matches any list type; proto3 cannot tell an unset value from an empty list.
  const bool empty_list_ok =
      (actual == "list(?)" || v->value_case() == AttrValue::VALUE_NOT_SET) &&
      std::string(type).rfind("list(", 0) == 0;
  if (actual != type && !empty_list_ok) return WrongType(node, name, *v, type);
  *out = v;
  return OkStatus();
}

}  // namespace

const AttrValue* FindAttr(const NodeDef& node, const std::string& name) {
  auto it = node.attr().find(name);
  return it == node.attr().end() ? nullptr : &it->second;
}

Status GetNodeAttr(const NodeDef& node, const std::string& name, std::string* v) {
  const AttrValue* a;
  TFC_RETURN_IF_ERROR(Find(node, name, "string", &a));
  *v = a->s();
  return OkStatus();
}

Status GetNodeAttr(const NodeDef& node, const std::string& name, int64_t* v) {
  const AttrValue* a;
  TFC_RETURN_IF_ERROR(Find(node, name, "int", &a));
  *v = a->i();
  return OkStatus();
}

Status GetNodeAttr(const NodeDef& node, const std::string& name, int32_t* v) {
  const AttrValue* a;
  TFC_RETURN_IF_ERROR(Find(node, name, "int", &a));
  if (a->i() < std::numeric_limits<int32_t>::min() ||
      a->i() > std::numeric_limits<int32_t>::max()) {
    return errors::InvalidArgument("Attr ", name, " has value ", a->i(),
                                   " out of range for an int32");
  }
  *v = static_cast<int32_t>(a->i());
  return OkStatus();
}

Status GetNodeAttr(const NodeDef& node, const std::string& name, float* v) {
  const AttrValue* a;
  TFC_RETURN_IF_ERROR(Find(node, name, "float", &a));
  *v = a->f();
  return OkStatus();
}

Status GetNodeAttr(const NodeDef& node, const std::string& name, bool* v) {
  const AttrValue* a;
  TFC_RETURN_IF_ERROR(Find(node, name, "bool", &a));
  *v = a->b();
  return OkStatus();
}

Status GetNodeAttr(const NodeDef& node, const std::string& name, DataType* v) {
  const AttrValue* a;
  TFC_RETURN_IF_ERROR(Find(node, name, "type", &a));
  *v = a->type();
  return OkStatus();
}

Status GetNodeAttr(const NodeDef& node, const std::string& name, PartialTensorShape* v) {
  const AttrValue* a;
  TFC_RETURN_IF_ERROR(Find(node, name, "shape", &a));
  return PartialTensorShape::FromProto(a->shape(), v);
}

Status GetNodeAttr(const NodeDef& node, const std::string& name, TensorShape* v) {
  const AttrValue* a;
  TFC_RETURN_IF_ERROR(Find(node, name, "shape", &a));
  PartialTensorShape p;
  TFC_RETURN_IF_ERROR(PartialTensorShape::FromProto(a->shape(), &p));
  if (!p.AsTensorShape(v)) {
    return errors::InvalidArgument("Attr ", name, " has value ", p.DebugString(),
                                   " that is not fully defined");
  }
  return OkStatus();
}

Status GetNodeAttr(const NodeDef& node, const std::string& name, Tensor* v) {
  const AttrValue* a;
  TFC_RETURN_IF_ERROR(Find(node, name, "tensor", &a));
  return Tensor::FromProto(a->tensor(), v);
}

Status GetNodeAttr(const NodeDef& node, const std::string& name, std::vector<std::string>* v) {
  const AttrValue* a;
  TFC_RETURN_IF_ERROR(Find(node, name, "list(string)", &a));
  v->assign(a->list().s().begin(), a->list().s().end());
  return OkStatus();
}

Status GetNodeAttr(const NodeDef& node, const std::string& name, std::vector<int64_t>* v) {
  const AttrValue* a;
  TFC_RETURN_IF_ERROR(Find(node, name, "list(int)", &a));
  v->assign(a->list().i().begin(), a->list().i().end());
  return OkStatus();
}

Status GetNodeAttr(const NodeDef& node, const std::string& name, std::vector<int32_t>* v) {
  const AttrValue* a;
  TFC_RETURN_IF_ERROR(Find(node, name, "list(int)", &a));
  v->clear();
  for (int64_t x : a->list().i()) {
    if (x < std::numeric_limits<int32_t>::min() || x > std::numeric_limits<int32_t>::max()) {
      return errors::InvalidArgument("Attr ", name, " has value ", x,
                                     " out of range for an int32");
    }
    v->push_back(static_cast<int32_t>(x));
  }
  return OkStatus();
}

Status GetNodeAttr(const NodeDef& node, const std::string& name, std::vector<float>* v) {
  const AttrValue* a;
  TFC_RETURN_IF_ERROR(Find(node, name, "list(float)", &a));
  v->assign(a->list().f().begin(), a->list().f().end());
  return OkStatus();
}

Status GetNodeAttr(const NodeDef& node, const std::string& name, std::vector<bool>* v) {
  const AttrValue* a;
  TFC_RETURN_IF_ERROR(Find(node, name, "list(bool)", &a));
  v->assign(a->list().b().begin(), a->list().b().end());
  return OkStatus();
}

Status GetNodeAttr(const NodeDef& node, const std::string& name, DataTypeVector* v) {
  const AttrValue* a;
  TFC_RETURN_IF_ERROR(Find(node, name, "list(type)", &a));
  v->clear();
  for (int t : a->list().type()) v->push_back(static_cast<DataType>(t));
  return OkStatus();
}

Status GetNodeAttr(const NodeDef& node, const std::string& name,
                   std::vector<PartialTensorShape>* v) {
  const AttrValue* a;
  TFC_RETURN_IF_ERROR(Find(node, name, "list(shape)", &a));
  v->clear();
  for (const auto& p : a->list().shape()) {
    PartialTensorShape s;
    TFC_RETURN_IF_ERROR(PartialTensorShape::FromProto(p, &s));
    v->push_back(std::move(s));
  }
  return OkStatus();
}

void SetAttrValue(const std::string& v, AttrValue* out) { out->set_s(v); }
void SetAttrValue(const char* v, AttrValue* out) { out->set_s(v); }
void SetAttrValue(int64_t v, AttrValue* out) { out->set_i(v); }
void SetAttrValue(int32_t v, AttrValue* out) { out->set_i(v); }
void SetAttrValue(float v, AttrValue* out) { out->set_f(v); }
void SetAttrValue(bool v, AttrValue* out) { out->set_b(v); }
void SetAttrValue(DataType v, AttrValue* out) { out->set_type(v); }
void SetAttrValue(const PartialTensorShape& v, AttrValue* out) { v.AsProto(out->mutable_shape()); }
void SetAttrValue(const TensorShape& v, AttrValue* out) { v.AsProto(out->mutable_shape()); }
void SetAttrValue(const Tensor& v, AttrValue* out) {
  // Python writes numeric tensors with more than one element to tensor_content too.
  if (v.NumElements() > 1 && v.dtype() != DT_STRING) {
    v.AsProtoTensorContent(out->mutable_tensor());
  } else {
    v.AsProtoField(out->mutable_tensor());
  }
}
void SetAttrValue(const std::vector<int64_t>& v, AttrValue* out) {
  auto* l = out->mutable_list();
  l->Clear();
  for (int64_t x : v) l->add_i(x);
}
void SetAttrValue(const std::vector<std::string>& v, AttrValue* out) {
  auto* l = out->mutable_list();
  l->Clear();
  for (const auto& x : v) l->add_s(x);
}
void SetAttrValue(const DataTypeVector& v, AttrValue* out) {
  auto* l = out->mutable_list();
  l->Clear();
  for (DataType x : v) l->add_type(x);
}

std::string AttrValueTypeName(const AttrValue& v) {
  switch (v.value_case()) {
    case AttrValue::kS: return "string";
    case AttrValue::kI: return "int";
    case AttrValue::kF: return "float";
    case AttrValue::kB: return "bool";
    case AttrValue::kType: return "type";
    case AttrValue::kShape: return "shape";
    case AttrValue::kTensor: return "tensor";
    case AttrValue::kFunc: return "func";
    case AttrValue::kPlaceholder: return "placeholder";
    case AttrValue::kList: {
      const auto& l = v.list();
      if (l.s_size()) return "list(string)";
      if (l.i_size()) return "list(int)";
      if (l.f_size()) return "list(float)";
      if (l.b_size()) return "list(bool)";
      if (l.type_size()) return "list(type)";
      if (l.shape_size()) return "list(shape)";
      if (l.tensor_size()) return "list(tensor)";
      if (l.func_size()) return "list(func)";
      return "list(?)";  // empty: compatible with every list type
    }
    default: return "<Unknown AttrValue type>";
  }
}

std::string SummarizeAttrValue(const AttrValue& v) {
  switch (v.value_case()) {
    case AttrValue::kS: return SummarizeString(v.s());
    case AttrValue::kI: return std::to_string(v.i());
    case AttrValue::kF: return FloatString(v.f());
    case AttrValue::kB: return v.b() ? "true" : "false";
    case AttrValue::kType: return ::tensorflow::DataType_Name(v.type());
    case AttrValue::kShape: return SummarizeShape(v.shape());
    case AttrValue::kTensor: return SummarizeTensorProto(v.tensor());
    case AttrValue::kFunc: return SummarizeFunc(v.func());
    case AttrValue::kPlaceholder: return "$" + v.placeholder();
    case AttrValue::kList: {
      const auto& l = v.list();
      std::vector<std::string> items;
      for (const auto& s : l.s()) items.push_back(SummarizeString(s));
      for (int64_t i : l.i()) items.push_back(std::to_string(i));
      for (float f : l.f()) items.push_back(FloatString(f));
      for (bool b : l.b()) items.push_back(b ? "true" : "false");
      for (int t : l.type()) items.push_back(::tensorflow::DataType_Name(static_cast<DataType>(t)));
      for (const auto& s : l.shape()) items.push_back(SummarizeShape(s));
      for (const auto& t : l.tensor()) items.push_back(SummarizeTensorProto(t));
      for (const auto& f : l.func()) items.push_back(SummarizeFunc(f));
      std::string r = "[";
      // Very long lists are elided as TF does.
      constexpr size_t kMaxItems = 10;
      for (size_t i = 0; i < items.size(); ++i) {
        if (items.size() > kMaxItems && i == kMaxItems / 2) {
          r += ", ...";
          i = items.size() - kMaxItems / 2 - 1;
          continue;
        }
        if (i) r += ", ";
        r += items[i];
      }
      return r + "]";
    }
    default: return "<Unknown AttrValue type>";
  }
}

}  // namespace tfc
