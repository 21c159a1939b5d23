// Where (one input) on the GPU: the int64 coordinates [num_true, rank] of the non-zero elements,
// in row-major order as the CPU kernel gives them. The output's size depends on the data, so
// this kernel counts on the device and waits for the count (see Compute).
#include <vector>

#include "core/framework/op_kernel.h"
#include "core/kernels/gpu/gpu_kernel_util.h"
#include "core/kernels/gpu/where_kernels.h"

namespace tfc {
namespace {

// How an element of dtype is tested for non-zero, by its bits.
bool WhereKindOf(DataType dtype, gpu::WhereKind* kind) {
  using gpu::WhereKind;
  switch (dtype) {
    case DT_BOOL:
    case DT_INT8:
    case DT_UINT8: *kind = WhereKind::kInt8; return true;
    case DT_INT16:
    case DT_UINT16: *kind = WhereKind::kInt16; return true;
    case DT_UINT32: *kind = WhereKind::kInt32; return true;
    case DT_INT64:
    case DT_UINT64: *kind = WhereKind::kInt64; return true;
    case DT_HALF:
    case DT_BFLOAT16: *kind = WhereKind::kFloat16; return true;
    case DT_FLOAT: *kind = WhereKind::kFloat32; return true;
    case DT_DOUBLE: *kind = WhereKind::kFloat64; return true;
    case DT_COMPLEX64: *kind = WhereKind::kComplex64; return true;
    case DT_COMPLEX128: *kind = WhereKind::kComplex128; return true;
    default: return false;
  }
}

class GpuWhereOp : public OpKernel {
 public:
  explicit GpuWhereOp(OpKernelConstruction* c) : OpKernel(c) {}

  void Compute(OpKernelContext* ctx) override {
    const Tensor& input = ctx->input(0);
    const int rank = input.dims();
    const int64_t n = input.NumElements();
    gpu::WhereKind kind;
    OP_REQUIRES(ctx, WhereKindOf(input.dtype(), &kind),
                errors::Internal("Where on the GPU has no kernel for ",
                                 DataTypeString(input.dtype())));
    OP_REQUIRES(ctx, rank <= gpu::kMaxWhereDims,
                errors::Unimplemented("Where on the GPU supports up to ", gpu::kMaxWhereDims,
                                      " dimensions, got ", rank));
    Tensor* out = nullptr;
    if (n == 0) {
      OP_REQUIRES_OK(ctx, ctx->allocate_output(0, TensorShape({0, rank}), &out));
      return;
    }
    const int64_t scratch_count = gpu::WhereScratchCount(n);
    Tensor scratch;
    OP_REQUIRES_OK(ctx, ctx->allocate_temp(DT_INT64, TensorShape({scratch_count}), &scratch));
    int64_t* counts = scratch.data<int64_t>();
    cudaStream_t stream = GpuStream(ctx);
    OP_REQUIRES_CUDA(ctx, gpu::LaunchWhereCount(stream, kind, input.raw_data(), n, counts));
    // The one GPU kernel that waits for its stream: the output's shape is the number of non-zero
    // elements, which only the device knows, and outputs must be allocated before Compute ends.
    int64_t total = 0;
    OP_REQUIRES_CUDA(ctx, cudaMemcpyAsync(&total, counts + (scratch_count - 1), sizeof(total),
                                          cudaMemcpyDeviceToHost, stream));
    OP_REQUIRES_CUDA(ctx, cudaStreamSynchronize(stream));
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, TensorShape({total, rank}), &out));
    if (total == 0 || rank == 0) return;
    const std::vector<int64_t>& dims = input.shape().dim_sizes();
    OP_REQUIRES_CUDA(ctx, gpu::LaunchWhereWrite(stream, kind, input.raw_data(), n, counts, rank,
                                                dims.data(), out->data<int64_t>()));
  }
};

// int32 stays on the CPU (TF's host-memory rule for int32).
REGISTER_KERNEL_BUILDER(Name("Where")
                            .Device(DEVICE_GPU)
                            .TypeConstraint("T", DataTypeVector{DT_BOOL, DT_INT8, DT_UINT8,
                                                                DT_INT16, DT_UINT16, DT_UINT32,
                                                                DT_INT64, DT_UINT64, DT_HALF,
                                                                DT_BFLOAT16, DT_FLOAT, DT_DOUBLE,
                                                                DT_COMPLEX64, DT_COMPLEX128}),
                        GpuWhereOp);

}  // namespace
}  // namespace tfc
