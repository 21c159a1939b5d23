#pragma once
// Runs one op's CPU kernel in isolation, for the gather-family kernel tests.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "core/framework/device.h"
#include "core/framework/node_def_util.h"
#include "core/framework/op_kernel.h"
#include "core/framework/op_registry.h"

namespace tfc {
namespace gather_test {

struct Node {
  ::tensorflow::NodeDef def;
  const ::tensorflow::OpDef* op_def = nullptr;
  DataTypeVector in_types, out_types;
  Status status;
};

// attrs: set by the caller on the NodeDef; inputs are named i0, i1, ...
inline Node MakeNode(const std::string& op, int num_inputs,
                     const std::function<void(::tensorflow::NodeDef*)>& set_attrs) {
  Node n;
  n.def.set_name("n");
  n.def.set_op(op);
  for (int i = 0; i < num_inputs; ++i) n.def.add_input("i" + std::to_string(i));
  set_attrs(&n.def);
  n.status = OpRegistry::Global()->LookUpOpDef(op, &n.op_def);
  if (!n.status.ok()) return n;
  AddDefaultsToNodeDef(*n.op_def, &n.def);
  n.status = InOutTypesForNode(n.def, *n.op_def, &n.in_types, &n.out_types);
  return n;
}

// Runs the CPU kernel (no intra-op pool) on `inputs`.
inline Status RunKernel(const Node& n, std::vector<Tensor> inputs, std::vector<Tensor>* outputs) {
  TFC_RETURN_IF_ERROR(n.status);
  Device device("/job:localhost/replica:0/task:0/device:CPU:0", DEVICE_CPU, cpu_allocator(),
                nullptr);
  std::unique_ptr<OpKernel> kernel;
  TFC_RETURN_IF_ERROR(CreateOpKernel(&device, n.def, n.in_types, n.out_types, &kernel));
  std::vector<TensorValue> values(inputs.size());
  for (size_t i = 0; i < inputs.size(); ++i) values[i].tensor = &inputs[i];
  OpKernelContext::Params params;
  params.device = &device;
  params.op_kernel = kernel.get();
  params.inputs = &values;
  OpKernelContext ctx(&params);
  kernel->Compute(&ctx);
  TFC_RETURN_IF_ERROR(ctx.status());
  outputs->clear();
  for (const TensorValue& v : ctx.outputs()) {
    outputs->push_back(v.tensor ? *v.tensor : Tensor());
  }
  return OkStatus();
}

template <typename T>
Tensor MakeTensor(const TensorShape& shape, const std::vector<T>& values) {
  Tensor t(DataTypeToEnum<T>::value, shape);
  for (size_t i = 0; i < values.size(); ++i) t.data<T>()[i] = values[i];
  return t;
}

template <typename T>
std::vector<T> Values(const Tensor& t) {
  return std::vector<T>(t.data<T>(), t.data<T>() + t.NumElements());
}

inline void SetType(::tensorflow::NodeDef* d, const std::string& attr, DataType t) {
  AddNodeAttr(attr, t, d);
}

}  // namespace gather_test
}  // namespace tfc
