#include "core/graph/constant_eval.h"

#include <set>
#include <string>

#include "core/devices/cpu/cpu_device.h"
#include "core/framework/device.h"
#include "core/framework/op_kernel.h"

namespace tfc {

bool IsFoldable(const Node& n) {
  static const std::set<std::string> kNever = {
      "Placeholder", "PlaceholderV2", "PlaceholderWithDefault", "Enter", "RefEnter", "Exit",
      "RefExit", "Switch", "RefSwitch", "Merge", "RefMerge", "NextIteration",
      "RefNextIteration", "LoopCond", "ControlTrigger", "NoOp", "Const"};
  if (n.op == nullptr || n.IsStateful() || kNever.count(n.type_string())) return false;
  if (!n.control_inputs.empty()) return false;
  for (DataType t : n.input_types) {
    if (IsRefType(t) || t == DT_RESOURCE || t == DT_VARIANT) return false;
  }
  for (DataType t : n.output_types) {
    if (IsRefType(t) || t == DT_RESOURCE || t == DT_VARIANT) return false;
  }
  return true;
}

std::shared_ptr<const Tensor> EvaluateNode(
    const Node& n, int output, const std::vector<std::shared_ptr<const Tensor>>& inputs) {
  // Single-threaded: folding runs inside graph construction, on small tensors.
  Device device(kCpuDeviceName, DEVICE_CPU, cpu_allocator(), nullptr);
  std::unique_ptr<OpKernel> kernel;
  if (!CreateOpKernel(&device, n.def, n.input_types, n.output_types, &kernel).ok()) {
    return nullptr;
  }
  std::vector<Tensor> values;
  values.reserve(inputs.size());
  for (const auto& t : inputs) values.push_back(*t);
  std::vector<TensorValue> in(values.size());
  for (size_t i = 0; i < values.size(); ++i) in[i].tensor = &values[i];
  OpKernelContext::Params params;
  params.device = &device;
  params.op_kernel = kernel.get();
  params.inputs = &in;
  OpKernelContext ctx(&params);
  try {
    kernel->Compute(&ctx);
  } catch (const std::exception&) {
    return nullptr;
  }
  if (!ctx.status().ok()) return nullptr;
  const auto& outs = ctx.outputs();
  if (output >= static_cast<int>(outs.size()) || outs[output].tensor == nullptr) return nullptr;
  if (outs[output].tensor->dtype() != n.output_types[output]) return nullptr;
  return std::make_shared<Tensor>(*outs[output].tensor);
}

}  // namespace tfc
