#pragma once
// Shape-function tests in TensorFlow's INFER_OK / INFER_ERROR style:
//
//   ShapeInferenceTestOp op("MatMul");
//   op.Attr("transpose_a", true);                 // any AddNodeAttr value type
//   INFER_OK(op, "[3,2];[3,4]", "[2,4]");          // inputs ';'-separated, then outputs
//   INFER_OK("Add", "?;[2]", "?");                 // an op name works where no attrs are needed
//   INFER_ERROR("Dimensions must be equal", op, "[2,3];[4,5]");
//
// Shapes: "?" unknown rank, "[]" scalar, "[2,?,3]" with "?" an unknown dim. In expected outputs
// also "in0" (= input 0's shape) and "d0_1" (= input 0's dim 1) may be used.
// Known input values: op.SetInputTensor(1, AsTensor<int32_t>({0, 1})); partially known shape
// values (what a Shape/Pack input would give): op.SetInputTensorAsShape(1, "[2,?]").
#include <gtest/gtest.h>

#include <cctype>
#include <memory>
#include <string>
#include <vector>

#include "core/framework/attr_value_util.h"
#include "core/framework/node_def_util.h"
#include "core/framework/op_registry.h"
#include "core/framework/shape_inference.h"
#include "core/framework/tensor.h"

namespace tfc {
namespace test {

template <typename T>
Tensor AsTensor(const std::vector<T>& values, TensorShape shape) {
  Tensor t(DataTypeToEnum<T>::value, shape);
  for (size_t i = 0; i < values.size() && i < static_cast<size_t>(t.NumElements()); ++i) {
    t.data<T>()[i] = values[i];
  }
  return t;
}
template <typename T>
Tensor AsTensor(const std::vector<T>& values) {
  return AsTensor<T>(values, TensorShape({static_cast<int64_t>(values.size())}));
}
template <typename T>
Tensor AsScalar(T value) {
  return Tensor::Scalar<T>(value);
}

// Parses "?", "[]", "[2,?,3]"; false on bad syntax.
inline bool ParseTestShape(std::string s, PartialTensorShape* out) {
  std::string t;
  for (char c : s) {
    if (c != ' ') t += c;
  }
  if (t == "?") {
    *out = PartialTensorShape();
    return true;
  }
  if (t.size() < 2 || t.front() != '[' || t.back() != ']') return false;
  std::vector<int64_t> dims;
  std::string body = t.substr(1, t.size() - 2);
  size_t pos = 0;
  while (!body.empty() && pos <= body.size()) {
    size_t comma = body.find(',', pos);
    std::string d = body.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
    if (d == "?") {
      dims.push_back(-1);
    } else {
      try {
        size_t used = 0;
        dims.push_back(std::stoll(d, &used));
        if (used != d.size()) return false;
      } catch (...) {
        return false;
      }
    }
    if (comma == std::string::npos) break;
    pos = comma + 1;
  }
  *out = PartialTensorShape(std::move(dims));
  return true;
}

inline std::vector<std::string> SplitSemicolons(const std::string& s) {
  std::vector<std::string> parts;
  if (s.empty()) return parts;
  size_t pos = 0;
  while (true) {
    size_t e = s.find(';', pos);
    parts.push_back(s.substr(pos, e == std::string::npos ? std::string::npos : e - pos));
    if (e == std::string::npos) break;
    pos = e + 1;
  }
  return parts;
}

inline std::string ShapeToTestString(const PartialTensorShape& s) {
  return s.unknown_rank() ? "?" : s.DebugString();
}

struct ShapeInferenceTestOp {
  ShapeInferenceTestOp(const char* op) : ShapeInferenceTestOp(std::string(op)) {}  // NOLINT
  ShapeInferenceTestOp(std::string op) : name(std::move(op)) {                     // NOLINT
    node_def.set_name("test");
    node_def.set_op(name);
  }
  template <typename T>
  ShapeInferenceTestOp& Attr(const std::string& attr, const T& value) {
    AddNodeAttr(attr, value, &node_def);
    return *this;
  }
  ShapeInferenceTestOp& SetInputTensor(int i, Tensor t) {
    if (static_cast<int>(owned_tensors.size()) <= i) owned_tensors.resize(i + 1);
    owned_tensors[i] = std::make_shared<Tensor>(std::move(t));
    if (static_cast<int>(input_tensors.size()) <= i) input_tensors.resize(i + 1, nullptr);
    input_tensors[i] = owned_tensors[i].get();
    return *this;
  }
  ShapeInferenceTestOp& SetInputTensorAsShape(int i, const std::string& shape) {
    if (static_cast<int>(input_tensors_as_shapes.size()) <= i) {
      input_tensors_as_shapes.resize(i + 1, PartialTensorShape());
    }
    EXPECT_TRUE(ParseTestShape(shape, &input_tensors_as_shapes[i])) << shape;
    return *this;
  }

  std::string name;
  ::tensorflow::NodeDef node_def;
  std::vector<const Tensor*> input_tensors;  // may also be set directly, TF-style
  ShapeVec input_tensors_as_shapes;
  std::vector<std::shared_ptr<Tensor>> owned_tensors;
};

// Runs the op's shape function on the given input shapes. Returns "" and fills `outputs` on
// success, else a description of what went wrong (status errors go to *status).
inline std::string RunTestShapeFn(const ShapeInferenceTestOp& op, const std::string& ins,
                                  ShapeVec* inputs, ShapeVec* outputs, Status* status) {
  const OpRegistrationData* reg = OpRegistry::Global()->LookUp(op.name);
  if (reg == nullptr) return "Op not registered: " + op.name;
  ::tensorflow::NodeDef def = op.node_def;
  AddDefaultsToNodeDef(reg->op_def, &def);
  inputs->clear();
  for (const std::string& s : SplitSemicolons(ins)) {
    PartialTensorShape p;
    if (!ParseTestShape(s, &p)) return "Bad input shape spec: " + s;
    inputs->push_back(p);
  }
  for (size_t i = 0; i < inputs->size(); ++i) def.add_input("in" + std::to_string(i));
  DataTypeVector in_types, out_types;
  if (!InOutTypesForNode(def, reg->op_def, &in_types, &out_types).ok()) {
    in_types.clear();
    out_types.assign(reg->op_def.output_arg_size(), DT_INVALID);
  }
  in_types.resize(inputs->size(), DT_INVALID);
  InferenceContext ctx(&def, in_types, out_types, *inputs, op.input_tensors,
                       op.input_tensors_as_shapes);
  *status = reg->shape_fn(&ctx);
  *outputs = ctx.outputs();
  return "";
}

inline std::string InferOk(const ShapeInferenceTestOp& op, const std::string& ins,
                           const std::string& expected) {
  ShapeVec inputs, outputs;
  Status s;
  std::string err = RunTestShapeFn(op, ins, &inputs, &outputs, &s);
  if (!err.empty()) return err;
  if (!s.ok()) return "Shape fn failed: " + s.ToString();
  std::vector<std::string> exp = SplitSemicolons(expected);
  std::string actual;
  for (size_t i = 0; i < outputs.size(); ++i) {
    actual += (i ? ";" : "") + ShapeToTestString(outputs[i]);
  }
  const std::string context = " (op " + op.name + ", inputs " + ins + ", expected " + expected +
                              ", got " + actual + ")";
  if (exp.size() != outputs.size()) {
    return "Wrong number of outputs: " + std::to_string(outputs.size()) + context;
  }
  for (size_t i = 0; i < exp.size(); ++i) {
    std::string e;
    for (char c : exp[i]) {
      if (c != ' ') e += c;
    }
    if (e.size() > 2 && e.rfind("in", 0) == 0 && e.find('[') == std::string::npos) {
      size_t k = std::stoul(e.substr(2));
      if (k >= inputs.size() || !outputs[i].IsIdenticalTo(inputs[k])) {
        return "Output " + std::to_string(i) + " is not " + e + context;
      }
      continue;
    }
    // Replace each "dI_J" by input I's dim J.
    std::string resolved;
    for (size_t p = 0; p < e.size();) {
      if (e[p] == 'd' && p + 1 < e.size() && std::isdigit(static_cast<unsigned char>(e[p + 1]))) {
        size_t u = e.find('_', p);
        size_t end = u + 1;
        while (end < e.size() && std::isdigit(static_cast<unsigned char>(e[end]))) ++end;
        size_t a = std::stoul(e.substr(p + 1, u - p - 1));
        size_t b = std::stoul(e.substr(u + 1, end - u - 1));
        if (a >= inputs.size() || inputs[a].unknown_rank() ||
            b >= static_cast<size_t>(inputs[a].dims())) {
          return "Bad dim reference " + e.substr(p, end - p) + context;
        }
        int64_t d = inputs[a].dim_size(b);
        resolved += d < 0 ? "?" : std::to_string(d);
        p = end;
      } else {
        resolved += e[p++];
      }
    }
    PartialTensorShape want;
    if (!ParseTestShape(resolved, &want)) return "Bad expected shape spec: " + exp[i];
    if (!outputs[i].IsIdenticalTo(want)) {
      return "Output " + std::to_string(i) + " mismatch" + context;
    }
  }
  return "";
}

inline std::string InferError(const std::string& substring, const ShapeInferenceTestOp& op,
                              const std::string& ins) {
  ShapeVec inputs, outputs;
  Status s;
  std::string err = RunTestShapeFn(op, ins, &inputs, &outputs, &s);
  if (!err.empty()) return err;
  if (s.ok()) return "Shape fn succeeded, expected error '" + substring + "' (op " + op.name + ")";
  if (s.message().find(substring) == std::string::npos) {
    return "Error '" + s.message() + "' does not contain '" + substring + "'";
  }
  return "";
}

}  // namespace test
}  // namespace tfc

#define INFER_OK(op, ins, outs) EXPECT_EQ("", ::tfc::test::InferOk(op, ins, outs))
#define INFER_ERROR(substring, op, ins) \
  EXPECT_EQ("", ::tfc::test::InferError(substring, op, ins))
