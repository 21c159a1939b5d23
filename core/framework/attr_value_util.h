#pragma once
// Reading and writing NodeDef attrs (tensorflow::AttrValue) with TF's type names.
#include <string>
#include <vector>

#include "core/framework/status.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_shape.h"
#include "core/framework/types.h"
#include "tensorflow/core/framework/attr_value.pb.h"
#include "tensorflow/core/framework/node_def.pb.h"

namespace tfc {

// Each returns NotFound if the attr is missing and InvalidArgument if it has another type
// ("Attr 'T' of NodeDef 'x' has type int, expected type"), never crashes.
Status GetNodeAttr(const ::tensorflow::NodeDef& node, const std::string& name, std::string* v);
Status GetNodeAttr(const ::tensorflow::NodeDef& node, const std::string& name, int64_t* v);
Status GetNodeAttr(const ::tensorflow::NodeDef& node, const std::string& name, int32_t* v);
Status GetNodeAttr(const ::tensorflow::NodeDef& node, const std::string& name, float* v);
Status GetNodeAttr(const ::tensorflow::NodeDef& node, const std::string& name, bool* v);
Status GetNodeAttr(const ::tensorflow::NodeDef& node, const std::string& name, DataType* v);
Status GetNodeAttr(const ::tensorflow::NodeDef& node, const std::string& name,
                   PartialTensorShape* v);
Status GetNodeAttr(const ::tensorflow::NodeDef& node, const std::string& name, TensorShape* v);
Status GetNodeAttr(const ::tensorflow::NodeDef& node, const std::string& name, Tensor* v);
Status GetNodeAttr(const ::tensorflow::NodeDef& node, const std::string& name,
                   std::vector<std::string>* v);
Status GetNodeAttr(const ::tensorflow::NodeDef& node, const std::string& name,
                   std::vector<int64_t>* v);
Status GetNodeAttr(const ::tensorflow::NodeDef& node, const std::string& name,
                   std::vector<int32_t>* v);
Status GetNodeAttr(const ::tensorflow::NodeDef& node, const std::string& name,
                   std::vector<float>* v);
Status GetNodeAttr(const ::tensorflow::NodeDef& node, const std::string& name,
                   std::vector<bool>* v);
Status GetNodeAttr(const ::tensorflow::NodeDef& node, const std::string& name,
                   DataTypeVector* v);
Status GetNodeAttr(const ::tensorflow::NodeDef& node, const std::string& name,
                   std::vector<PartialTensorShape>* v);
const ::tensorflow::AttrValue* FindAttr(const ::tensorflow::NodeDef& node, const std::string& name);

void SetAttrValue(const std::string& v, ::tensorflow::AttrValue* out);
void SetAttrValue(const char* v, ::tensorflow::AttrValue* out);
void SetAttrValue(int64_t v, ::tensorflow::AttrValue* out);
void SetAttrValue(int32_t v, ::tensorflow::AttrValue* out);
void SetAttrValue(float v, ::tensorflow::AttrValue* out);
void SetAttrValue(bool v, ::tensorflow::AttrValue* out);
void SetAttrValue(DataType v, ::tensorflow::AttrValue* out);
void SetAttrValue(const PartialTensorShape& v, ::tensorflow::AttrValue* out);
void SetAttrValue(const TensorShape& v, ::tensorflow::AttrValue* out);
void SetAttrValue(const Tensor& v, ::tensorflow::AttrValue* out);
void SetAttrValue(const std::vector<int64_t>& v, ::tensorflow::AttrValue* out);
void SetAttrValue(const std::vector<std::string>& v, ::tensorflow::AttrValue* out);
void SetAttrValue(const DataTypeVector& v, ::tensorflow::AttrValue* out);

template <typename T>
void AddNodeAttr(const std::string& name, const T& value, ::tensorflow::NodeDef* node) {
  SetAttrValue(value, &(*node->mutable_attr())[name]);
}

// TF's attr type name of a value: "string", "int", "list(int)", "type", "shape" ...
std::string AttrValueTypeName(const ::tensorflow::AttrValue& v);
// Short human form used in errors and by Python's get_attr debugging.
std::string SummarizeAttrValue(const ::tensorflow::AttrValue& v);

}  // namespace tfc
