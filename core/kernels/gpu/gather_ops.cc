// Gather, GatherV2 and ResourceGather on the GPU. Shapes, axis and batch_dims are checked on the
// host with the CPU kernels' messages (core/kernels/gather/gather_op.cc,
// core/kernels/variables/resource_variable_ops.cc). The indices stay in device memory and are
// never read on the host, so, as in TF's GPU kernel, an out-of-range index is not an error: its
// output slice is zeros (the CPU kernels raise InvalidArgument).
#include <mutex>

#include "core/framework/op_kernel.h"
#include "core/framework/register_types.h"
#include "core/framework/resource_var.h"
#include "core/kernels/gather/gather_util.h"
#include "core/kernels/gpu/gather_kernels.h"
#include "core/kernels/gpu/gpu_kernel_util.h"

namespace tfc {
namespace {

using gather_util::DimProduct;

// out = params gathered along `axis` with the first `batch_dims` dims of params and indices
// matched (both already normalized and checked).
void LaunchGather(OpKernelContext* ctx, const Tensor& params, const Tensor& indices, int axis,
                  int batch_dims, int output_index) {
  TensorShape out_shape;
  for (int d = 0; d < axis; ++d) out_shape.AddDim(params.dim_size(d));
  for (int d = batch_dims; d < indices.dims(); ++d) out_shape.AddDim(indices.dim_size(d));
  for (int d = axis + 1; d < params.dims(); ++d) out_shape.AddDim(params.dim_size(d));
  Tensor* out = nullptr;
  OP_REQUIRES_OK(ctx, ctx->allocate_output(output_index, out_shape, &out));
  if (out_shape.num_elements() == 0) return;
  gpu::GatherRowsSpec spec;
  spec.outer = DimProduct(params.shape(), batch_dims, axis);
  spec.limit = params.dim_size(axis);
  spec.inner = DimProduct(params.shape(), axis + 1, params.dims());
  spec.n_idx = DimProduct(indices.shape(), batch_dims, indices.dims());
  spec.total = out_shape.num_elements();
  OP_REQUIRES_CUDA(ctx, gpu::LaunchGatherRows(GpuStream(ctx), DataTypeSize(params.dtype()),
                                              indices.dtype() == DT_INT64, spec,
                                              params.raw_data(), indices.raw_data(),
                                              out->raw_data()));
}

class GpuGatherOp : public OpKernel {
 public:
  explicit GpuGatherOp(OpKernelConstruction* c) : OpKernel(c) {
    // GatherV2 has three inputs; legacy Gather always gathers axis 0 with no batch dims.
    has_axis_ = c->num_inputs() == 3;
    if (has_axis_) c->SetStatus(c->GetAttr("batch_dims", &batch_dims_));
  }

  void Compute(OpKernelContext* ctx) override {
    const Tensor& params = ctx->input(0);
    const Tensor& indices = ctx->input(1);
    OP_REQUIRES(ctx, params.dims() >= 1,
                errors::InvalidArgument("params must be at least 1 dimensional"));
    int64_t axis = 0;
    if (has_axis_) {
      const Tensor& axis_t = ctx->input(2);
      OP_REQUIRES(ctx, axis_t.dims() == 0, errors::InvalidArgument("axis must be scalar"));
      axis = axis_t.dtype() == DT_INT32 ? axis_t.scalar<int32_t>() : axis_t.scalar<int64_t>();
      OP_REQUIRES(ctx, axis >= -params.dims() && axis < params.dims(),
                  errors::InvalidArgument("Expected axis in the range [", -params.dims(), ", ",
                                          params.dims(), "), but got ", axis));
      if (axis < 0) axis += params.dims();
    }
    int64_t batch_dims = batch_dims_;
    if (batch_dims != 0) {
      OP_REQUIRES(ctx, batch_dims >= -indices.dims() && batch_dims <= indices.dims(),
                  errors::InvalidArgument("Expected batch_dims in the range [", -indices.dims(),
                                          ", ", indices.dims(), "], but got ", batch_dims));
      if (batch_dims < 0) batch_dims += indices.dims();
      OP_REQUIRES(ctx, batch_dims < params.dims(),
                  errors::InvalidArgument("batch_dims (", batch_dims,
                                          ") must be less than rank(params) (", params.dims(),
                                          ")."));
      OP_REQUIRES(ctx, axis >= batch_dims,
                  errors::InvalidArgument("batch_dims (", batch_dims,
                                          ") must be less than or equal to axis (", axis, ")."));
      for (int i = 0; i < batch_dims; ++i) {
        OP_REQUIRES(ctx, params.dim_size(i) == indices.dim_size(i),
                    errors::InvalidArgument("params.shape[", i, "]: ", params.dim_size(i),
                                            " should be equal to indices.shape[", i,
                                            "]: ", indices.dim_size(i)));
      }
    }
    LaunchGather(ctx, params, indices, static_cast<int>(axis), static_cast<int>(batch_dims), 0);
  }

 private:
  bool has_axis_ = false;
  int64_t batch_dims_ = 0;
};

// The variable's tensor lives in device memory; the handle is a host scalar. As on the CPU,
// batch_dims b gathers along axis b.
class GpuResourceGatherOp : public OpKernel {
 public:
  explicit GpuResourceGatherOp(OpKernelConstruction* ctx) : OpKernel(ctx) {
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
    // A variable assigned on another device would be read here as a device address.
    OP_REQUIRES(ctx, params.NumElements() == 0 || params.OnDevice(),
                errors::Internal(name(), ": the variable's value is in host memory, but its GPU "
                                         "kernel reads it on the device"));
    LaunchGather(ctx, params, indices, bd, bd, 0);
  }

 private:
  int64_t batch_dims_ = 0;
  DataType dtype_;
};

const DataTypeVector kIndexTypes{DT_INT32, DT_INT64};

REGISTER_KERNEL_BUILDER(Name("Gather")
                            .Device(DEVICE_GPU)
                            .TypeConstraint("Tparams", GpuMemoryTypes())
                            .TypeConstraint("Tindices", kIndexTypes),
                        GpuGatherOp);
REGISTER_KERNEL_BUILDER(Name("GatherV2")
                            .Device(DEVICE_GPU)
                            .TypeConstraint("Tparams", GpuMemoryTypes())
                            .TypeConstraint("Tindices", kIndexTypes)
                            .TypeConstraint("Taxis", kIndexTypes)
                            .HostMemory("axis"),
                        GpuGatherOp);
REGISTER_KERNEL_BUILDER(Name("ResourceGather")
                            .Device(DEVICE_GPU)
                            .TypeConstraint("dtype", GpuMemoryTypes())
                            .TypeConstraint("Tindices", kIndexTypes)
                            .HostMemory("resource"),
                        GpuResourceGatherOp);

}  // namespace
}  // namespace tfc
