// Ref variables: VariableV2/Variable keep their tensor in the session's ResourceMgr (keyed by
// container and shared_name, else the node name) and output a reference to it; Assign,
// AssignAdd/AssignSub, IsVariableInitialized and CountUpTo work through that reference.
#include <mutex>

#include "core/framework/register_types.h"
#include "core/framework/resource_mgr.h"
#include "core/kernels/variables/dense_update_util.h"
#include "core/kernels/variables/variable_util.h"

namespace tfc {
namespace {

// The state behind one ref variable: a tensor and the mutex that guards it.
class LegacyVar : public ResourceBase {
 public:
  static constexpr char kResourceTypeName[] = "N10tensorflow9LegacyVarE";
  explicit LegacyVar(Tensor t) : tensor_(std::move(t)) {}
  std::mutex* mu() { return &mu_; }
  Tensor* tensor() { return &tensor_; }
  std::string DebugString() const override {
    return StrCat(DataTypeString(tensor_.dtype()), "/", tensor_.shape().DebugString());
  }

 private:
  std::mutex mu_;
  Tensor tensor_;
};

class VariableOp : public OpKernel {
 public:
  explicit VariableOp(OpKernelConstruction* ctx) : OpKernel(ctx) {
    expensive_ = false;
    OP_REQUIRES_OK(ctx, ctx->GetAttr("dtype", &dtype_));
    OP_REQUIRES_OK(ctx, ctx->GetAttr("shape", &shape_));
  }

  void Compute(OpKernelContext* ctx) override {
    ContainerInfo cinfo;
    {
      std::lock_guard<std::mutex> l(mu_);
      if (!cinfo_ready_) {
        OP_REQUIRES_OK(ctx, cinfo_.Init(ctx->resource_manager(), def(),
                                        /*use_node_name_as_default=*/true));
        cinfo_ready_ = true;
      }
      cinfo = cinfo_;
    }
    // Until the first assignment the tensor has the declared dtype and (when fully known)
    // shape but no buffer: uninitialized, and Assign can validate against the shape.
    auto creator = [this](LegacyVar** var) {
      TensorShape declared;
      Tensor t;
      if (shape_.AsTensorShape(&declared)) t = Tensor(dtype_, declared, nullptr);
      *var = new LegacyVar(std::move(t));
      return OkStatus();
    };
    LegacyVar* var = nullptr;
    OP_REQUIRES_OK(ctx, cinfo.resource_manager()->LookupOrCreate<LegacyVar>(
                            cinfo.container(), cinfo.name(), &var, creator));
    // The manager keeps the variable alive past this reference until the session clears it.
    ctx->set_output_ref(0, var->mu(), var->tensor());
    var->Unref();
  }

 private:
  DataType dtype_;
  PartialTensorShape shape_;
  std::mutex mu_;
  bool cinfo_ready_ = false;
  ContainerInfo cinfo_;
};

class IsVariableInitializedOp : public OpKernel {
 public:
  explicit IsVariableInitializedOp(OpKernelConstruction* ctx) : OpKernel(ctx) { expensive_ = false; }
  void Compute(OpKernelContext* ctx) override {
    bool initialized;
    {
      std::lock_guard<std::mutex> l(*ctx->input_ref_mutex(0));
      initialized = ctx->mutable_input(0)->IsInitialized();
    }
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, TensorShape({}), &out));
    out->scalar<bool>() = initialized;
  }
};

// Assign copies into the variable's buffer when it has the right size and nobody else holds it;
// otherwise the variable gets a new buffer, so values read earlier keep what they saw.
class AssignOp : public OpKernel {
 public:
  explicit AssignOp(OpKernelConstruction* ctx) : OpKernel(ctx) {
    OP_REQUIRES_OK(ctx, ctx->GetAttr("validate_shape", &validate_shape_));
    OP_REQUIRES_OK(ctx, ctx->GetAttr("use_locking", &use_locking_));
  }

  void Compute(OpKernelContext* ctx) override {
    const Tensor& rhs = ctx->input(1);
    ctx->forward_ref_input_to_ref_output(0, 0);
    // use_locking=false only lets TF copy outside the lock; holding it throughout is also valid.
    std::lock_guard<std::mutex> l(*ctx->input_ref_mutex(0));
    Tensor* lhs = ctx->mutable_input(0);
    const bool has_shape = lhs->dtype() != DT_INVALID;
    if (validate_shape_ && has_shape) {
      OP_REQUIRES(ctx, lhs->shape().IsSameSize(rhs.shape()),
                  errors::InvalidArgument("Assign requires shapes of both tensors to match. "
                                          "lhs shape= ", lhs->shape().DebugString(),
                                          " rhs shape= ", rhs.shape().DebugString()));
    }
    const bool reusable = lhs->IsInitialized() && lhs->buffer() != nullptr &&
                          lhs->dtype() == rhs.dtype() &&
                          lhs->NumElements() == rhs.NumElements() &&
                          lhs->buffer().use_count() == 1;
    if (reusable) {
      if (!lhs->shape().IsSameSize(rhs.shape())) lhs->CopyFrom(*lhs, rhs.shape());
      OP_REQUIRES_OK(ctx, variable_util::CopyValues(rhs, lhs));
      return;
    }
    Tensor fresh;
    OP_REQUIRES_OK(ctx, variable_util::CopyToNewTensor(ctx, rhs, &fresh));
    *lhs = std::move(fresh);
  }

 private:
  bool validate_shape_ = true;
  bool use_locking_ = true;
};

enum class DenseUpdate { kAdd, kSub };

template <typename T, DenseUpdate OP>
class DenseUpdateOp : public OpKernel {
 public:
  explicit DenseUpdateOp(OpKernelConstruction* ctx) : OpKernel(ctx) {
    OP_REQUIRES_OK(ctx, ctx->GetAttr("use_locking", &use_locking_));
  }

  void Compute(OpKernelContext* ctx) override {
    variable_util::RunRefDenseUpdate(ctx, use_locking_, [](Tensor* params, const Tensor& update) {
      T* p = params->data<T>();
      const T* u = update.data<T>();
      const int64_t n = params->NumElements();
      for (int64_t i = 0; i < n; ++i) {
        if constexpr (OP == DenseUpdate::kAdd) {
          p[i] += u[i];
        } else {
          p[i] -= u[i];
        }
      }
    });
  }

 private:
  bool use_locking_ = false;
};

template <typename T>
class CountUpToOp : public OpKernel {
 public:
  explicit CountUpToOp(OpKernelConstruction* ctx) : OpKernel(ctx) {
    OP_REQUIRES_OK(ctx, ctx->GetAttr("limit", &limit_));
  }
  void Compute(OpKernelContext* ctx) override {
    T before;
    {
      std::lock_guard<std::mutex> l(*ctx->input_ref_mutex(0));
      Tensor* t = ctx->mutable_input(0);
      OP_REQUIRES(ctx, t->dims() == 0,
                  errors::InvalidArgument("input is not a scalar: ", t->shape().DebugString()));
      T* v = t->data<T>();
      before = *v;
      OP_REQUIRES(ctx, *v < limit_, errors::OutOfRange("Reached limit of ", limit_));
      ++*v;
    }
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, TensorShape({}), &out));
    out->scalar<T>() = before;
  }

 private:
  int64_t limit_ = 0;
};

}  // namespace

REGISTER_KERNEL_BUILDER(Name("VariableV2").Device(DEVICE_CPU), VariableOp);
REGISTER_KERNEL_BUILDER(Name("Variable").Device(DEVICE_CPU), VariableOp);
REGISTER_KERNEL_BUILDER(Name("IsVariableInitialized").Device(DEVICE_CPU), IsVariableInitializedOp);
REGISTER_KERNEL_BUILDER(Name("Assign").Device(DEVICE_CPU), AssignOp);
// On a GPU the same kernels: the variable's tensor is then in device memory.
REGISTER_KERNEL_BUILDER(
    Name("VariableV2").Device(DEVICE_GPU).TypeConstraint("dtype", GpuMemoryTypes()), VariableOp);
REGISTER_KERNEL_BUILDER(
    Name("Variable").Device(DEVICE_GPU).TypeConstraint("dtype", GpuMemoryTypes()), VariableOp);
REGISTER_KERNEL_BUILDER(Name("IsVariableInitialized")
                            .Device(DEVICE_GPU)
                            .TypeConstraint("dtype", GpuMemoryTypes())
                            .HostMemory("is_initialized"),
                        IsVariableInitializedOp);
REGISTER_KERNEL_BUILDER(Name("Assign").Device(DEVICE_GPU).TypeConstraint("T", GpuMemoryTypes()),
                        AssignOp);

#define TFC_REGISTER_DENSE_UPDATE(T)                                                   \
  REGISTER_KERNEL_BUILDER(Name("AssignAdd").Device(DEVICE_CPU).TypeConstraint<T>("T"), \
                          DenseUpdateOp<T, DenseUpdate::kAdd>);                        \
  REGISTER_KERNEL_BUILDER(Name("AssignSub").Device(DEVICE_CPU).TypeConstraint<T>("T"), \
                          DenseUpdateOp<T, DenseUpdate::kSub>);
TF_CALL_NUMBER_TYPES(TFC_REGISTER_DENSE_UPDATE)
#undef TFC_REGISTER_DENSE_UPDATE

REGISTER_KERNEL_BUILDER(Name("CountUpTo").Device(DEVICE_CPU).TypeConstraint<int32_t>("T"),
                        CountUpToOp<int32_t>);
REGISTER_KERNEL_BUILDER(Name("CountUpTo").Device(DEVICE_CPU).TypeConstraint<int64_t>("T"),
                        CountUpToOp<int64_t>);

}  // namespace tfc
