#pragma once
// OpKernel: the computation behind one node on one device, built once per executor and run
// once per step. Kernels are registered per op, device and type constraints, as in TensorFlow:
//   REGISTER_KERNEL_BUILDER(Name("MatMul").Device(DEVICE_CPU).TypeConstraint<float>("T"),
//                           MatMulOp<float>);
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/framework/attr_value_util.h"
#include "core/framework/device.h"
#include "core/framework/status.h"
#include "core/framework/tensor.h"
#include "core/framework/types.h"
#include "tensorflow/core/framework/node_def.pb.h"
#include "tensorflow/core/framework/op_def.pb.h"

namespace tfc {

class OpKernelContext;
class ResourceMgr;

class OpKernelConstruction {
 public:
  OpKernelConstruction(Device* device, const ::tensorflow::NodeDef* def,
                       DataTypeVector input_types, DataTypeVector output_types);
  const ::tensorflow::NodeDef& def() const { return *def_; }
  Device* device() const { return device_; }
  int num_inputs() const { return static_cast<int>(input_types_.size()); }
  int num_outputs() const { return static_cast<int>(output_types_.size()); }
  DataType input_type(int i) const { return input_types_[i]; }
  DataType output_type(int i) const { return output_types_[i]; }
  const DataTypeVector& input_types() const { return input_types_; }
  const DataTypeVector& output_types() const { return output_types_; }
  template <typename T>
  Status GetAttr(const std::string& name, T* value) const {
    return GetNodeAttr(*def_, name, value);
  }
  void SetStatus(const Status& s) { status_.Update(s); }
  const Status& status() const { return status_; }

 private:
  Device* device_;
  const ::tensorflow::NodeDef* def_;
  DataTypeVector input_types_, output_types_;
  Status status_;
};

class OpKernel {
 public:
  explicit OpKernel(OpKernelConstruction* ctx);
  virtual ~OpKernel() = default;
  virtual void Compute(OpKernelContext* ctx) = 0;
  // Inexpensive kernels run inline on the executor's thread instead of being scheduled.
  virtual bool IsExpensive() const { return expensive_; }

  const ::tensorflow::NodeDef& def() const { return def_; }
  const std::string& name() const { return def_.name(); }
  const std::string& type_string() const { return def_.op(); }
  int num_inputs() const { return static_cast<int>(input_types_.size()); }
  int num_outputs() const { return static_cast<int>(output_types_.size()); }
  DataType input_type(int i) const { return input_types_[i]; }
  DataType output_type(int i) const { return output_types_[i]; }

 protected:
  bool expensive_ = true;

 private:
  ::tensorflow::NodeDef def_;
  DataTypeVector input_types_, output_types_;
};

// One input slot as the executor delivers it: a value, or (for Ref inputs) a reference to a
// tensor owned by a stateful kernel plus the mutex guarding it.
struct TensorValue {
  Tensor* tensor = nullptr;
  std::mutex* mutex_if_ref = nullptr;
  bool is_ref() const { return mutex_if_ref != nullptr; }
};

class OpKernelContext {
 public:
  struct Params {
    int64_t step_id = 0;
    Device* device = nullptr;
    OpKernel* op_kernel = nullptr;
    // One per input; tensor == nullptr where the input is dead (only Merge sees that).
    const std::vector<TensorValue>* inputs = nullptr;
    // Opaque per-executor frame/iteration data for control-flow kernels.
    void* frame_iter = nullptr;
    // The session's resources (variables ...); null outside a session.
    ResourceMgr* resource_manager = nullptr;
    // GPU kernels: outputs registered HostMemory (by index); null when none is.
    const std::vector<uint8_t>* output_on_host = nullptr;
  };

  explicit OpKernelContext(Params* params);

  int64_t step_id() const { return params_->step_id; }
  Device* device() const { return params_->device; }
  const OpKernel& op_kernel() const { return *params_->op_kernel; }
  Allocator* allocator() const { return params_->device->GetAllocator(); }
  // The session's ResourceMgr (core/framework/resource_mgr.h); null outside a session.
  ResourceMgr* resource_manager() const { return params_->resource_manager; }

  int num_inputs() const { return static_cast<int>(params_->inputs->size()); }
  bool has_input(int i) const { return (*params_->inputs)[i].tensor != nullptr; }
  // For a Ref input this is the referenced tensor as it is now.
  const Tensor& input(int i) const { return *(*params_->inputs)[i].tensor; }
  DataType input_dtype(int i) const { return params_->op_kernel->input_type(i); }
  bool input_is_ref(int i) const { return (*params_->inputs)[i].is_ref(); }
  // Ref inputs only: the referenced tensor, to be modified under input_ref_mutex(i).
  Tensor* mutable_input(int i) const { return (*params_->inputs)[i].tensor; }
  std::mutex* input_ref_mutex(int i) const { return (*params_->inputs)[i].mutex_if_ref; }

  int num_outputs() const { return static_cast<int>(outputs_.size()); }
  // Allocates output i on the device; ResourceExhausted if memory runs out.
  Status allocate_output(int i, const TensorShape& shape, Tensor** out);
  // On the device (strings, resource handles and variants always on the host).
  Status allocate_temp(DataType dtype, const TensorShape& shape, Tensor* out);
  // In host memory whatever the device (for a GPU kernel's host-side scratch).
  Status allocate_host_temp(DataType dtype, const TensorShape& shape, Tensor* out);
  void set_output(int i, const Tensor& t);
  // Ref outputs (Variable, Identity of a ref ...): hands out a reference instead of a value.
  void set_output_ref(int i, std::mutex* mu, Tensor* tensor);
  void forward_ref_input_to_ref_output(int input_index, int output_index);
  // Outputs a kernel never set are dead (Switch relies on this).
  bool output_is_set(int i) const { return outputs_[i].tensor != nullptr; }
  const std::vector<TensorValue>& outputs() const { return outputs_; }
  std::vector<Tensor>& output_storage() { return output_storage_; }

  void SetStatus(const Status& s) { status_.Update(s); }
  const Status& status() const { return status_; }

  // Intra-op parallelism on the device's pool (runs inline when there is no pool).
  void ParallelFor(int64_t total, int64_t cost_per_unit,
                   const std::function<void(int64_t, int64_t)>& fn) const;
  void* frame_iter() const { return params_->frame_iter; }

 private:
  Params* params_;
  Status AllocateWith(Allocator* a, DataType dtype, const TensorShape& shape, Tensor* out);

  std::vector<Tensor> output_storage_;   // owns output values
  std::vector<TensorValue> outputs_;     // what the executor reads
  Status status_;
};

// ---- kernel registration --------------------------------------------------------------------
class KernelDefBuilder {
 public:
  explicit KernelDefBuilder(const char* op_name) : op_(op_name) {}
  KernelDefBuilder& Device(const char* device_type) { device_ = device_type; return *this; }
  template <typename T>
  KernelDefBuilder& TypeConstraint(const char* attr) {
    constraints_[attr].push_back(DataTypeToEnum<T>::value);
    return *this;
  }
  KernelDefBuilder& TypeConstraint(const char* attr, DataType dt) {
    constraints_[attr].push_back(dt);
    return *this;
  }
  KernelDefBuilder& TypeConstraint(const char* attr, DataTypeVector dts) {
    auto& v = constraints_[attr];
    v.insert(v.end(), dts.begin(), dts.end());
    return *this;
  }
  // Inputs/outputs that stay in host memory on a GPU kernel (TF's int32 rule and shapes).
  KernelDefBuilder& HostMemory(const char* arg) { host_memory_.push_back(arg); return *this; }
  KernelDefBuilder& Priority(int p) { priority_ = p; return *this; }

  std::string op_, device_ = DEVICE_CPU;
  std::map<std::string, DataTypeVector> constraints_;
  std::vector<std::string> host_memory_;
  int priority_ = 0;
};
using Name = KernelDefBuilder;

using KernelFactory = std::function<OpKernel*(OpKernelConstruction*)>;

struct KernelRegistration {
  KernelDefBuilder def;
  KernelFactory factory;
};

class KernelRegistry {
 public:
  static KernelRegistry* Global();
  void Register(KernelDefBuilder def, KernelFactory factory);
  // Finds the kernel whose device and type constraints match the node (defaults filled in);
  // NotFound with TF's message ("No registered 'Op' OpKernel for CPU devices compatible with
  // node ...") otherwise.
  Status FindKernel(const std::string& device_type, const ::tensorflow::NodeDef& node,
                    const KernelRegistration** out) const;
  // All device types with a kernel for this node, e.g. {"CPU"}.
  std::vector<std::string> SupportedDeviceTypes(const ::tensorflow::NodeDef& node) const;

 private:
  mutable std::mutex mu_;
  std::multimap<std::string, KernelRegistration> kernels_;  // by op name
};

// Which inputs and outputs of `node` a registration keeps in host memory (its HostMemory
// names, expanded over list args); one flag per input/output.
Status HostMemoryArgs(const KernelRegistration& reg, const ::tensorflow::OpDef& op_def,
                      const ::tensorflow::NodeDef& node, std::vector<uint8_t>* inputs,
                      std::vector<uint8_t>* outputs);

// Builds the kernel for a node whose attrs are complete; construction errors come back here.
Status CreateOpKernel(Device* device, const ::tensorflow::NodeDef& node,
                      const DataTypeVector& input_types, const DataTypeVector& output_types,
                      std::unique_ptr<OpKernel>* out);

namespace register_kernel {
struct Receiver {
  Receiver(const KernelDefBuilder& b, KernelFactory f) {
    KernelRegistry::Global()->Register(b, std::move(f));
  }
};
}  // namespace register_kernel

}  // namespace tfc

#define REGISTER_KERNEL_BUILDER(kernel_builder, ...)                                   \
  static ::tfc::register_kernel::Receiver TFC_CONCAT(tfc_register_kernel_, __COUNTER__) \
      [[maybe_unused]](::tfc::kernel_builder,                                          \
                       [](::tfc::OpKernelConstruction* c) -> ::tfc::OpKernel* {        \
                         return new __VA_ARGS__(c);                                     \
                       })

#ifndef TFC_CONCAT
#define TFC_CONCAT_INNER(a, b) a##b
#define TFC_CONCAT(a, b) TFC_CONCAT_INNER(a, b)
#endif
