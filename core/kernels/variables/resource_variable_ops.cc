// Resource variables: VarHandleOp outputs a handle to a Var in the session's ResourceMgr; the
// Var is created by its first AssignVariableOp. Reads share the variable's buffer and in-place
// updates copy it first when shared (PrepareToUpdateVariable), so a read value never changes.
#include <mutex>

#include "core/framework/register_types.h"
#include "core/framework/resource_var.h"
#include "core/kernels/gather/gather_util.h"
#include "core/kernels/variables/dense_update_util.h"
#include "core/kernels/variables/training_op_helpers.h"

namespace tfc {
namespace {

class VarHandleOp : public OpKernel {
 public:
  explicit VarHandleOp(OpKernelConstruction* ctx) : OpKernel(ctx) {
    expensive_ = false;
    OP_REQUIRES_OK(ctx, ctx->GetAttr("container", &container_));
    OP_REQUIRES_OK(ctx, ctx->GetAttr("shared_name", &name_));
    OP_REQUIRES_OK(ctx, ctx->GetAttr("dtype", &dtype_and_shape_.dtype));
    OP_REQUIRES_OK(ctx, ctx->GetAttr("shape", &dtype_and_shape_.shape));
  }
  void Compute(OpKernelContext* ctx) override {
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, TensorShape({}), &out));
    out->scalar<ResourceHandle>() =
        MakeResourceHandle<Var>(ctx, container_, name_, {dtype_and_shape_});
  }

 private:
  std::string container_, name_;
  DtypeAndPartialShape dtype_and_shape_;
};

Status ReadError(const ResourceHandle& h, const Status& cause) {
  return errors::FailedPrecondition("Error while reading resource variable ", h.name(),
                                    " from Container: ", h.container(),
                                    ". This could mean that the variable was uninitialized. ",
                                    cause.ToString());
}

class ReadVariableOp : public OpKernel {
 public:
  explicit ReadVariableOp(OpKernelConstruction* ctx) : OpKernel(ctx) {
    expensive_ = false;
    OP_REQUIRES_OK(ctx, ctx->GetAttr("dtype", &dtype_));
  }
  void Compute(OpKernelContext* ctx) override {
    const ResourceHandle& handle = HandleFromInput(ctx, 0);
    Var* var = nullptr;
    Status s = LookupResource(ctx, handle, &var);
    OP_REQUIRES(ctx, s.ok(), ReadError(handle, s));
    core::ScopedUnref unref(var);
    std::lock_guard<std::mutex> l(*var->mu());
    const Tensor& t = *var->tensor();
    OP_REQUIRES(ctx, var->is_initialized,
                ReadError(handle, errors::FailedPrecondition("the variable has no value")));
    OP_REQUIRES(ctx, t.dtype() == dtype_,
                errors::InvalidArgument("Trying to read variable with wrong dtype. Expected ",
                                        DataTypeString(dtype_), " got ",
                                        DataTypeString(t.dtype())));
    ctx->set_output(0, t);
  }

 private:
  DataType dtype_;
};

class AssignVariableOp : public OpKernel {
 public:
  explicit AssignVariableOp(OpKernelConstruction* ctx) : OpKernel(ctx) {
    OP_REQUIRES_OK(ctx, ctx->GetAttr("dtype", &dtype_));
  }
  void Compute(OpKernelContext* ctx) override {
    const Tensor& value = ctx->input(1);
    OP_REQUIRES(ctx, dtype_ == value.dtype(),
                errors::InvalidArgument("Variable and value dtypes don't match; respectively, ",
                                        DataTypeString(dtype_), " and ",
                                        DataTypeString(value.dtype())));
    Var* var = nullptr;
    const DataType dtype = dtype_;
    OP_REQUIRES_OK(ctx, LookupOrCreateResource<Var>(ctx, HandleFromInput(ctx, 0), &var,
                                                    [dtype](Var** v) {
                                                      *v = new Var(dtype);
                                                      return OkStatus();
                                                    }));
    core::ScopedUnref unref(var);
    std::lock_guard<std::mutex> l(*var->mu());
    OP_REQUIRES(ctx, var->dtype() == dtype_,
                errors::InvalidArgument("Trying to assign variable with wrong dtype. Expected ",
                                        DataTypeString(var->dtype()), " got ",
                                        DataTypeString(dtype_)));
    // Sharing the value's buffer is safe: every in-place writer copies a shared buffer first.
    *var->tensor() = value;
    var->is_initialized = true;
  }

 private:
  DataType dtype_;
};

template <typename T, bool kAdd>
class AssignUpdateVariableOp : public OpKernel {
 public:
  explicit AssignUpdateVariableOp(OpKernelConstruction* ctx) : OpKernel(ctx) {}
  void Compute(OpKernelContext* ctx) override {
    variable_util::RunResourceDenseUpdate(ctx, [](Tensor* t, const Tensor& value) {
      T* p = t->data<T>();
      const T* u = value.data<T>();
      const int64_t n = t->NumElements();
      for (int64_t i = 0; i < n; ++i) {
        if constexpr (kAdd) {
          p[i] += u[i];
        } else {
          p[i] -= u[i];
        }
      }
    });
  }
};

class VarIsInitializedOp : public OpKernel {
 public:
  explicit VarIsInitializedOp(OpKernelConstruction* ctx) : OpKernel(ctx) { expensive_ = false; }
  void Compute(OpKernelContext* ctx) override {
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, TensorShape({}), &out));
    Var* var = nullptr;
    if (!LookupResource(ctx, HandleFromInput(ctx, 0), &var).ok()) {
      out->scalar<bool>() = false;
      return;
    }
    core::ScopedUnref unref(var);
    std::lock_guard<std::mutex> l(*var->mu());
    out->scalar<bool>() = var->is_initialized;
  }
};

class DestroyResourceOp : public OpKernel {
 public:
  explicit DestroyResourceOp(OpKernelConstruction* ctx) : OpKernel(ctx) {
    OP_REQUIRES_OK(ctx, ctx->GetAttr("ignore_lookup_error", &ignore_lookup_error_));
  }
  void Compute(OpKernelContext* ctx) override {
    Status s = DeleteResource(ctx, HandleFromInput(ctx, 0));
    if (ignore_lookup_error_ && s.code() == Code::NOT_FOUND) return;
    OP_REQUIRES_OK(ctx, s);
  }

 private:
  bool ignore_lookup_error_ = true;
};

class VariableShapeOp : public OpKernel {
 public:
  explicit VariableShapeOp(OpKernelConstruction* ctx) : OpKernel(ctx) {
    OP_REQUIRES_OK(ctx, ctx->GetAttr("out_type", &out_type_));
  }
  void Compute(OpKernelContext* ctx) override {
    Var* var = nullptr;
    OP_REQUIRES_OK(ctx, LookupResource(ctx, HandleFromInput(ctx, 0), &var));
    core::ScopedUnref unref(var);
    TensorShape shape;
    {
      std::lock_guard<std::mutex> l(*var->mu());
      shape = var->tensor()->shape();
    }
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, TensorShape({shape.dims()}), &out));
    for (int i = 0; i < shape.dims(); ++i) {
      if (out_type_ == DT_INT32) {
        OP_REQUIRES(ctx, shape.dim_size(i) <= INT32_MAX,
                    errors::InvalidArgument("Shape ", shape.DebugString(),
                                            " has a dimension that does not fit in int32"));
        out->data<int32_t>()[i] = static_cast<int32_t>(shape.dim_size(i));
      } else {
        out->data<int64_t>()[i] = shape.dim_size(i);
      }
    }
  }

 private:
  DataType out_type_ = DT_INT32;
};

// Output shape: params.shape[:batch_dims] + indices.shape[batch_dims:] + params.shape[batch_dims+1:].
class ResourceGatherOp : public OpKernel {
 public:
  explicit ResourceGatherOp(OpKernelConstruction* ctx) : OpKernel(ctx) {
    OP_REQUIRES_OK(ctx, ctx->GetAttr("batch_dims", &batch_dims_));
    OP_REQUIRES_OK(ctx, ctx->GetAttr("dtype", &dtype_));
  }
  void Compute(OpKernelContext* ctx) override {
    Var* var = nullptr;
    OP_REQUIRES_OK(ctx, LookupResource(ctx, HandleFromInput(ctx, 0), &var));
    core::ScopedUnref unref(var);
    Tensor params;
    {
      std::lock_guard<std::mutex> l(*var->mu());
      params = *var->tensor();  // shares the buffer: writers copy before changing it
    }
    const Tensor& indices = ctx->input(1);
    OP_REQUIRES(ctx, params.dtype() == dtype_,
                errors::InvalidArgument("Trying to gather from variable of type ",
                                        DataTypeString(params.dtype()), " as ",
                                        DataTypeString(dtype_)));
    OP_REQUIRES(ctx, params.dims() >= 1,
                errors::InvalidArgument("params must be at least 1 dimensional"));
    int bd = static_cast<int>(batch_dims_);
    if (bd < 0) bd += indices.dims();
    OP_REQUIRES(ctx, bd >= 0 && bd <= indices.dims() && bd < params.dims(),
                errors::InvalidArgument("batch_dims (", batch_dims_, ") must be in [",
                                        -indices.dims(), ", ", indices.dims(),
                                        "] and less than the rank of params, which is ",
                                        params.dims()));
    for (int d = 0; d < bd; ++d) {
      OP_REQUIRES(ctx, params.dim_size(d) == indices.dim_size(d),
                  errors::InvalidArgument("params.shape[", d, "]: ", params.dim_size(d),
                                          " should be equal to indices.shape[", d,
                                          "]: ", indices.dim_size(d)));
    }
    TensorShape out_shape;
    for (int d = 0; d < bd; ++d) out_shape.AddDim(params.dim_size(d));
    for (int d = bd; d < indices.dims(); ++d) out_shape.AddDim(indices.dim_size(d));
    for (int d = bd + 1; d < params.dims(); ++d) out_shape.AddDim(params.dim_size(d));

    const std::vector<int64_t> idx = gather_util::AsInt64Vector(indices);
    const int64_t limit = params.dim_size(bd);
    for (size_t i = 0; i < idx.size(); ++i) {
      OP_REQUIRES(ctx, idx[i] >= 0 && idx[i] < limit,
                  errors::InvalidArgument("indices",
                                          gather_util::SliceDebugString(indices.shape(), i),
                                          " = ", idx[i], " is not in [0, ", limit, ")"));
    }
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, out_shape, &out));
    const int64_t batches = gather_util::DimProduct(params.shape(), 0, bd);
    const int64_t per_batch = batches > 0 ? static_cast<int64_t>(idx.size()) / batches : 0;
    const int64_t inner = gather_util::DimProduct(params.shape(), bd + 1, params.dims());
    const int64_t batch_stride = limit * inner;
    gather_util::Mover mover(params.dtype());
    for (int64_t b = 0; b < batches; ++b) {
      for (int64_t i = 0; i < per_batch; ++i) {
        const int64_t k = b * per_batch + i;
        mover.Copy(params.raw_data(), b * batch_stride + idx[k] * inner, out->raw_data(),
                   k * inner, inner);
      }
    }
  }

 private:
  int64_t batch_dims_ = 0;
  DataType dtype_;
};

}  // namespace

REGISTER_KERNEL_BUILDER(Name("VarHandleOp").Device(DEVICE_CPU), VarHandleOp);
REGISTER_KERNEL_BUILDER(Name("ReadVariableOp").Device(DEVICE_CPU), ReadVariableOp);
REGISTER_KERNEL_BUILDER(Name("AssignVariableOp").Device(DEVICE_CPU), AssignVariableOp);
REGISTER_KERNEL_BUILDER(Name("VarIsInitializedOp").Device(DEVICE_CPU), VarIsInitializedOp);
REGISTER_KERNEL_BUILDER(Name("DestroyResourceOp").Device(DEVICE_CPU), DestroyResourceOp);
REGISTER_KERNEL_BUILDER(Name("VariableShape").Device(DEVICE_CPU), VariableShapeOp);
// On a GPU the same kernels: handles stay on the host, the variable's tensor in device memory.
REGISTER_KERNEL_BUILDER(Name("VarHandleOp")
                            .Device(DEVICE_GPU)
                            .TypeConstraint("dtype", GpuMemoryTypes())
                            .HostMemory("resource"),
                        VarHandleOp);
REGISTER_KERNEL_BUILDER(Name("ReadVariableOp")
                            .Device(DEVICE_GPU)
                            .TypeConstraint("dtype", GpuMemoryTypes())
                            .HostMemory("resource"),
                        ReadVariableOp);
REGISTER_KERNEL_BUILDER(Name("AssignVariableOp")
                            .Device(DEVICE_GPU)
                            .TypeConstraint("dtype", GpuMemoryTypes())
                            .HostMemory("resource"),
                        AssignVariableOp);
REGISTER_KERNEL_BUILDER(
    Name("VarIsInitializedOp").Device(DEVICE_GPU).HostMemory("resource").HostMemory(
        "is_initialized"),
    VarIsInitializedOp);
REGISTER_KERNEL_BUILDER(Name("DestroyResourceOp").Device(DEVICE_GPU).HostMemory("resource"),
                        DestroyResourceOp);
REGISTER_KERNEL_BUILDER(
    Name("VariableShape").Device(DEVICE_GPU).HostMemory("input").HostMemory("output"),
    VariableShapeOp);
REGISTER_KERNEL_BUILDER(Name("ResourceGather").Device(DEVICE_CPU).TypeConstraint(
                            "dtype", gather_util::AllTypes()),
                        ResourceGatherOp);

#define TFC_REGISTER_UPDATE(T)                                                              \
  REGISTER_KERNEL_BUILDER(Name("AssignAddVariableOp").Device(DEVICE_CPU).TypeConstraint<T>( \
                              "dtype"),                                                     \
                          AssignUpdateVariableOp<T, true>);                                 \
  REGISTER_KERNEL_BUILDER(Name("AssignSubVariableOp").Device(DEVICE_CPU).TypeConstraint<T>( \
                              "dtype"),                                                     \
                          AssignUpdateVariableOp<T, false>);
TF_CALL_NUMBER_TYPES(TFC_REGISTER_UPDATE)
#undef TFC_REGISTER_UPDATE

}  // namespace tfc
