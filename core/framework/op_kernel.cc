#include "core/framework/op_kernel.h"

#include <algorithm>

namespace tfc {

// ---- construction ----------------------------------------------------------------------------
OpKernelConstruction::OpKernelConstruction(Device* device, const ::tensorflow::NodeDef* def,
                                           DataTypeVector input_types,
                                           DataTypeVector output_types)
    : device_(device), def_(def), input_types_(std::move(input_types)),
      output_types_(std::move(output_types)) {}

OpKernel::OpKernel(OpKernelConstruction* ctx)
    : def_(ctx->def()), input_types_(ctx->input_types()), output_types_(ctx->output_types()) {}

// ---- context ---------------------------------------------------------------------------------
OpKernelContext::OpKernelContext(Params* params)
    : params_(params),
      output_storage_(params->op_kernel->num_outputs()),
      outputs_(params->op_kernel->num_outputs()) {}

Status OpKernelContext::allocate_output(int i, const TensorShape& shape, Tensor** out) {
  if (i < 0 || i >= num_outputs()) {
    return errors::Internal("allocate_output: output index ", i, " out of range for ",
                            params_->op_kernel->name());
  }
  DataType dt = BaseType(params_->op_kernel->output_type(i));
  Tensor* slot = &output_storage_[i];
  if (params_->output_on_host != nullptr && (*params_->output_on_host)[i]) {
    TFC_RETURN_IF_ERROR(allocate_host_temp(dt, shape, slot));
  } else {
    TFC_RETURN_IF_ERROR(allocate_temp(dt, shape, slot));
  }
  outputs_[i] = TensorValue{slot, nullptr};
  *out = slot;
  return OkStatus();
}

Status OpKernelContext::allocate_temp(DataType dtype, const TensorShape& shape, Tensor* out) {
  const bool host_only = dtype == DT_STRING || dtype == DT_RESOURCE || dtype == DT_VARIANT;
  return AllocateWith(host_only ? cpu_allocator() : allocator(), dtype, shape, out);
}

Status OpKernelContext::allocate_host_temp(DataType dtype, const TensorShape& shape,
                                           Tensor* out) {
  return AllocateWith(cpu_allocator(), dtype, shape, out);
}

Status OpKernelContext::AllocateWith(Allocator* a, DataType dtype, const TensorShape& shape,
                                     Tensor* out) {
  if (shape.num_elements() < 0) {
    // Only a shape built without TensorShape::Make can get here: negative dim or overflow.
    return errors::InvalidArgument("Invalid shape ", shape.DebugString(),
                                   ": dimensions must be >= 0 and the number of elements must "
                                   "fit in int64, in ", params_->op_kernel->name());
  }
  Tensor t(a, dtype, shape);
  const bool has_storage = dtype == DT_STRING || dtype == DT_RESOURCE || DataTypeSize(dtype) > 0;
  if (shape.num_elements() > 0 && has_storage && !t.IsInitialized()) {
    std::string state;
    if (a->IsDeviceMemory()) {
      const AllocatorStats st = a->GetStats();
      state = "; the allocator has " + std::to_string(st.bytes_in_use) + " of " +
              std::to_string(st.bytes_limit) + " bytes in use (peak " +
              std::to_string(st.peak_bytes_in_use) + ")";
    }
    return errors::ResourceExhausted("OOM when allocating tensor with shape", shape.DebugString(),
                                     " and type ", DataTypeString(dtype), " on ",
                                     device()->name(), " by allocator ", a->Name(), state);
  }
  *out = std::move(t);
  return OkStatus();
}

void OpKernelContext::set_output(int i, const Tensor& t) {
  output_storage_[i] = t;
  outputs_[i] = TensorValue{&output_storage_[i], nullptr};
}

void OpKernelContext::set_output_ref(int i, std::mutex* mu, Tensor* tensor) {
  outputs_[i] = TensorValue{tensor, mu};
}

void OpKernelContext::forward_ref_input_to_ref_output(int input_index, int output_index) {
  const TensorValue& in = (*params_->inputs)[input_index];
  outputs_[output_index] = in;
}

void OpKernelContext::ParallelFor(int64_t total, int64_t cost_per_unit,
                                  const std::function<void(int64_t, int64_t)>& fn) const {
  ThreadPool* pool = params_->device ? params_->device->intra_op_pool() : nullptr;
  if (pool == nullptr) {
    if (total > 0) fn(0, total);
    return;
  }
  pool->ParallelFor(total, cost_per_unit, fn);
}

// ---- registry --------------------------------------------------------------------------------
KernelRegistry* KernelRegistry::Global() {
  static KernelRegistry* r = new KernelRegistry;
  return r;
}

void KernelRegistry::Register(KernelDefBuilder def, KernelFactory factory) {
  std::lock_guard<std::mutex> l(mu_);
  std::string op = def.op_;
  kernels_.emplace(std::move(op), KernelRegistration{std::move(def), std::move(factory)});
}

namespace {

// Whether the node's attrs satisfy every type constraint of a registration. A constraint on an
// attr the node lacks is a mismatch.
bool ConstraintsMatch(const KernelDefBuilder& def, const ::tensorflow::NodeDef& node) {
  for (const auto& [attr, allowed] : def.constraints_) {
    const ::tensorflow::AttrValue* v = FindAttr(node, attr);
    if (v == nullptr) return false;
    auto ok = [&](int t) {
      return std::find(allowed.begin(), allowed.end(), static_cast<DataType>(t)) != allowed.end();
    };
    if (v->value_case() == ::tensorflow::AttrValue::kType) {
      if (!ok(v->type())) return false;
    } else if (v->value_case() == ::tensorflow::AttrValue::kList) {
      for (int t : v->list().type()) {
        if (!ok(t)) return false;
      }
    } else {
      return false;
    }
  }
  return true;
}

std::string TypeEnumName(DataType dt) { return ::tensorflow::DataType_Name(dt); }

std::string DescribeRegistration(const KernelDefBuilder& def) {
  std::string s = "  device='" + def.device_ + "'";
  for (const auto& [attr, allowed] : def.constraints_) {
    s += "; " + attr + " in [";
    for (size_t i = 0; i < allowed.size(); ++i) {
      if (i) s += ", ";
      s += TypeEnumName(allowed[i]);
    }
    s += "]";
  }
  return s + "\n";
}

std::string SummarizeAttrs(const ::tensorflow::NodeDef& node) {
  std::vector<std::string> keys;
  for (const auto& kv : node.attr()) keys.push_back(kv.first);
  std::sort(keys.begin(), keys.end());
  std::string s;
  for (const auto& k : keys) {
    if (!s.empty()) s += ", ";
    s += k + "=" + SummarizeAttrValue(node.attr().at(k));
  }
  if (!node.device().empty()) {
    if (!s.empty()) s += ", ";
    s += "_device=\"" + node.device() + "\"";
  }
  return s;
}

}  // namespace

namespace {
int ArgCount(const ::tensorflow::OpDef::ArgDef& arg, const ::tensorflow::NodeDef& node) {
  if (!arg.number_attr().empty()) {
    int64_t n = 0;
    return GetNodeAttr(node, arg.number_attr(), &n).ok() ? static_cast<int>(n) : 0;
  }
  if (!arg.type_list_attr().empty()) {
    const ::tensorflow::AttrValue* v = FindAttr(node, arg.type_list_attr());
    return v == nullptr ? 0 : v->list().type_size();
  }
  return 1;
}

void MarkArgs(const google::protobuf::RepeatedPtrField<::tensorflow::OpDef::ArgDef>& args,
              const std::vector<std::string>& host, const ::tensorflow::NodeDef& node,
              std::vector<uint8_t>* flags) {
  int index = 0;
  for (const auto& arg : args) {
    const int n = ArgCount(arg, node);
    const bool on_host = std::find(host.begin(), host.end(), arg.name()) != host.end();
    for (int k = 0; k < n; ++k, ++index) {
      if (index < static_cast<int>(flags->size())) (*flags)[index] = on_host ? 1 : 0;
    }
  }
}
}  // namespace

Status HostMemoryArgs(const KernelRegistration& reg, const ::tensorflow::OpDef& op_def,
                      const ::tensorflow::NodeDef& node, std::vector<uint8_t>* inputs,
                      std::vector<uint8_t>* outputs) {
  MarkArgs(op_def.input_arg(), reg.def.host_memory_, node, inputs);
  MarkArgs(op_def.output_arg(), reg.def.host_memory_, node, outputs);
  return OkStatus();
}

Status KernelRegistry::FindKernel(const std::string& device_type,
                                  const ::tensorflow::NodeDef& node,
                                  const KernelRegistration** out) const {
  std::lock_guard<std::mutex> l(mu_);
  *out = nullptr;
  bool attr_mismatch = false;
  auto range = kernels_.equal_range(node.op());
  for (auto it = range.first; it != range.second; ++it) {
    const KernelRegistration& reg = it->second;
    if (reg.def.device_ != device_type) continue;
    if (!ConstraintsMatch(reg.def, node)) {
      attr_mismatch = true;
      continue;
    }
    if (*out == nullptr || reg.def.priority_ > (*out)->def.priority_) *out = &reg;
  }
  if (*out != nullptr) return OkStatus();

  std::string msg = "No registered '" + node.op() + "' OpKernel for " + device_type +
                    " devices compatible with node {{node " + node.name() + "}}";
  if (attr_mismatch) {
    msg += "\n\t (OpKernel was found, but attributes didn't match) Requested Attributes: " +
           SummarizeAttrs(node);
  }
  msg += "\n\t.  Registered:";
  std::string registered;
  for (auto it = range.first; it != range.second; ++it) {
    registered += DescribeRegistration(it->second.def);
  }
  msg += registered.empty() ? "  <no registered kernels>\n" : registered;
  return errors::NotFound(msg);
}

std::vector<std::string> KernelRegistry::SupportedDeviceTypes(
    const ::tensorflow::NodeDef& node) const {
  std::lock_guard<std::mutex> l(mu_);
  std::vector<std::string> out;
  auto range = kernels_.equal_range(node.op());
  for (auto it = range.first; it != range.second; ++it) {
    const auto& def = it->second.def;
    if (!ConstraintsMatch(def, node)) continue;
    if (std::find(out.begin(), out.end(), def.device_) == out.end()) out.push_back(def.device_);
  }
  // TF lists GPU before CPU when both exist: placement prefers the first.
  std::sort(out.begin(), out.end(), [](const std::string& a, const std::string& b) {
    return (a == DEVICE_GPU) > (b == DEVICE_GPU) || ((a == DEVICE_GPU) == (b == DEVICE_GPU) && a < b);
  });
  return out;
}

Status CreateOpKernel(Device* device, const ::tensorflow::NodeDef& node,
                      const DataTypeVector& input_types, const DataTypeVector& output_types,
                      std::unique_ptr<OpKernel>* out) {
  const KernelRegistration* reg = nullptr;
  TFC_RETURN_IF_ERROR(KernelRegistry::Global()->FindKernel(device->device_type(), node, &reg));
  OpKernelConstruction construction(device, &node, input_types, output_types);
  std::unique_ptr<OpKernel> kernel(reg->factory(&construction));
  if (!construction.status().ok()) {
    const Status& s = construction.status();
    return Status(s.code(), s.message() + "\n\t [[{{node " + node.name() + "}}]]");
  }
  if (kernel == nullptr) {
    return errors::Internal("Kernel factory for '", node.op(), "' returned null for node ",
                            node.name());
  }
  *out = std::move(kernel);
  return OkStatus();
}

}  // namespace tfc
