#pragma once
// Runs one op's CPU kernel directly, without a graph or session:
//
//   test::KernelNode n = test::MakeNode("GatherV2", 3, test::TypeAttrs({{"Tparams", DT_FLOAT}}));
//   std::vector<Tensor> out;
//   Status s = test::RunKernel(n, {params, indices, axis}, &out);        // node built once
//   s = test::RunOp("Sum", {x, axes}, test::TypeAttr(DT_FLOAT), &out);   // build and run
//   s = test::RunOp("Sum", {x, axes}, test::TypeAttr(DT_FLOAT), &out, test::TestPool(4));
//
// The node is named "n" with inputs "i0", "i1", ...; attrs the setter leaves unset get their
// OpDef defaults (MakeNodeFromInputs also takes input type/length attrs from the inputs).
#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/devices/cpu/cpu_device.h"
#include "core/framework/device.h"
#include "core/framework/node_def_util.h"
#include "core/framework/op_kernel.h"
#include "core/framework/op_registry.h"
#include "core/framework/thread_pool.h"

namespace tfc {
namespace test {

using AttrSetter = std::function<void(::tensorflow::NodeDef*)>;

inline AttrSetter TypeAttrs(std::map<std::string, DataType> types) {
  return [types = std::move(types)](::tensorflow::NodeDef* d) {
    for (const auto& [attr, t] : types) AddNodeAttr(attr, t, d);
  };
}
inline AttrSetter TypeAttr(DataType t) { return TypeAttrs({{"T", t}}); }
inline AttrSetter Attrs(std::map<std::string, ::tensorflow::AttrValue> attrs) {
  return [attrs = std::move(attrs)](::tensorflow::NodeDef* d) {
    for (const auto& [k, v] : attrs) (*d->mutable_attr())[k] = v;
  };
}

struct KernelNode {
  ::tensorflow::NodeDef def;
  const ::tensorflow::OpDef* op_def = nullptr;
  DataTypeVector in_types, out_types;
  Status status;  // why the node could not be built, if it could not
};

namespace internal {
inline KernelNode StartNode(const std::string& op, size_t num_inputs, const AttrSetter& set) {
  KernelNode n;
  n.def.set_name("n");
  n.def.set_op(op);
  for (size_t i = 0; i < num_inputs; ++i) n.def.add_input("i" + std::to_string(i));
  if (set) set(&n.def);
  n.status = OpRegistry::Global()->LookUpOpDef(op, &n.op_def);
  return n;
}
inline void FinishNode(KernelNode* n) {
  AddDefaultsToNodeDef(*n->op_def, &n->def);
  n->status = InOutTypesForNode(n->def, *n->op_def, &n->in_types, &n->out_types);
}
}  // namespace internal

inline KernelNode MakeNode(const std::string& op, int num_inputs,
                           const AttrSetter& set_attrs = nullptr) {
  KernelNode n = internal::StartNode(op, static_cast<size_t>(num_inputs), set_attrs);
  if (n.status.ok()) internal::FinishNode(&n);
  return n;
}

// As MakeNode, but the type and length attrs of the input args that set_attrs leaves unset come
// from `inputs`, as the Python wrappers infer them.
inline KernelNode MakeNodeFromInputs(const std::string& op, const std::vector<Tensor>& inputs,
                                     const AttrSetter& set_attrs = nullptr) {
  KernelNode n = internal::StartNode(op, inputs.size(), set_attrs);
  if (!n.status.ok()) return n;
  auto* attrs = n.def.mutable_attr();
  size_t next = 0;
  for (const auto& arg : n.op_def->input_arg()) {
    if (next >= inputs.size()) break;
    const bool is_list = !arg.number_attr().empty();
    const size_t count = is_list ? inputs.size() - next : 1;
    if (is_list && !attrs->count(arg.number_attr())) {
      (*attrs)[arg.number_attr()].set_i(static_cast<int64_t>(count));
    }
    if (!arg.type_attr().empty() && !attrs->count(arg.type_attr())) {
      (*attrs)[arg.type_attr()].set_type(inputs[next].dtype());
    }
    next += count;
  }
  internal::FinishNode(&n);
  return n;
}

// Runs the node's CPU kernel on `inputs`; `pool` (may be null) is the device's intra-op pool.
// On success `outputs` holds every output (an empty Tensor for one that was not set).
inline Status RunKernel(const KernelNode& n, std::vector<Tensor> inputs,
                        std::vector<Tensor>* outputs, ThreadPool* pool = nullptr) {
  TFC_RETURN_IF_ERROR(n.status);
  Device device(kCpuDeviceName, DEVICE_CPU, cpu_allocator(), pool);
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
  for (const TensorValue& v : ctx.outputs()) outputs->push_back(v.tensor ? *v.tensor : Tensor());
  return OkStatus();
}

inline Status RunOp(const std::string& op, std::vector<Tensor> inputs, const AttrSetter& set_attrs,
                    std::vector<Tensor>* outputs, ThreadPool* pool = nullptr) {
  KernelNode n = MakeNode(op, static_cast<int>(inputs.size()), set_attrs);
  return RunKernel(n, std::move(inputs), outputs, pool);
}

// Output 0 only.
inline Status RunOp(const std::string& op, std::vector<Tensor> inputs, const AttrSetter& set_attrs,
                    Tensor* output) {
  std::vector<Tensor> outputs;
  TFC_RETURN_IF_ERROR(RunOp(op, std::move(inputs), set_attrs, &outputs));
  *output = outputs.at(0);
  return OkStatus();
}

// A shared pool of `threads` threads, for the sharded paths; nullptr (run inline) for 0.
inline ThreadPool* TestPool(int threads) {
  return threads > 0 ? SharedThreadPool("kernel_test", threads) : nullptr;
}

// `values` repeat as needed to fill `shape`.
template <typename T>
Tensor MakeTensor(const TensorShape& shape, const std::vector<T>& values) {
  Tensor t(DataTypeToEnum<T>::value, shape);
  if (values.empty()) return t;
  for (int64_t i = 0; i < t.NumElements(); ++i) t.data<T>()[i] = values[i % values.size()];
  return t;
}

template <typename T>
std::vector<T> Values(const Tensor& t) {
  return std::vector<T>(t.data<T>(), t.data<T>() + t.NumElements());
}

}  // namespace test
}  // namespace tfc
