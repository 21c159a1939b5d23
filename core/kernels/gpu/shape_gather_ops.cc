// Transpose, ConjugateTranspose (real types), Tile, Pad, PadV2 and Slice on the GPU: host-side
// checks as in the CPU kernels, then one strided gather over up to 8 dims. perm, multiples,
// paddings, constant_values, begin and size stay in host memory.
#include <algorithm>
#include <vector>

#include "core/framework/op_kernel.h"
#include "core/kernels/array/array_copy.h"
#include "core/kernels/gpu/gpu_kernel_util.h"
#include "core/kernels/gpu/shape_kernels.h"
#include "core/kernels/gpu/shape_ops_util.h"

namespace tfc {
namespace {

using gpu::GatherSpec;
using gpu::kMaxGatherDims;

Status CheckGatherRank(const char* op, int rank) {
  if (rank > kMaxGatherDims) {
    return errors::Unimplemented(op, " on the GPU supports up to ", kMaxGatherDims,
                                 " dimensions, got ", rank);
  }
  return OkStatus();
}

void RunGather(OpKernelContext* ctx, const Tensor& input, const GatherSpec& spec, Tensor* out,
               const void* pad_value) {
  OP_REQUIRES_CUDA(ctx, gpu::LaunchGather(GpuStream(ctx), DataTypeSize(input.dtype()), spec,
                                          input.raw_data(), out->raw_data(), out->NumElements(),
                                          pad_value));
}

// Merges input dims that stay adjacent and in order under perm; size-1 dims are dropped.
void CollapseTransposeDims(const std::vector<int64_t>& dims, const std::vector<int64_t>& perm,
                           std::vector<int64_t>* cdims, std::vector<int64_t>* cperm) {
  std::vector<std::vector<int64_t>> groups;  // runs of consecutive input dims, in output order
  for (int64_t p : perm) {
    if (dims[p] == 1) continue;
    if (!groups.empty() && groups.back().back() + 1 == p) {
      groups.back().push_back(p);
    } else {
      groups.push_back({p});
    }
  }
  std::vector<int> order(groups.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
  std::sort(order.begin(), order.end(), [&](int a, int b) { return groups[a][0] < groups[b][0]; });
  cdims->assign(groups.size(), 1);
  cperm->assign(groups.size(), 0);
  for (size_t k = 0; k < order.size(); ++k) {
    for (int64_t d : groups[order[k]]) (*cdims)[k] *= dims[d];
    (*cperm)[order[k]] = static_cast<int64_t>(k);
  }
}

class GpuTransposeOp : public OpKernel {
 public:
  explicit GpuTransposeOp(OpKernelConstruction* c) : OpKernel(c) {}

  void Compute(OpKernelContext* ctx) override {
    const Tensor& input = ctx->input(0);
    const Tensor& perm_t = ctx->input(1);
    OP_REQUIRES(ctx, perm_t.dims() == 1,
                errors::InvalidArgument("perm must be a vector, not ",
                                        perm_t.shape().DebugString()));
    const std::vector<int64_t> perm = array::IntTensorToVector(perm_t);
    const int dims = input.dims();
    OP_REQUIRES(ctx, static_cast<int64_t>(perm.size()) == dims,
                errors::InvalidArgument("transpose expects a vector of size ", dims,
                                        ". But input(1) is a vector of size ", perm.size()));
    std::vector<bool> seen(dims, false);
    for (int64_t d : perm) {
      OP_REQUIRES(ctx, 0 <= d && d < dims,
                  errors::InvalidArgument(d, " is out of range [0 .. ", dims, ")"));
      seen[d] = true;
    }
    for (int i = 0; i < dims; ++i) {
      OP_REQUIRES(ctx, seen[i],
                  errors::InvalidArgument(i, " is missing from {", array::JoinInts(perm), "}."));
    }
    bool identity = true;
    for (int i = 0; i < dims; ++i) identity &= perm[i] == i;
    if (identity) {
      ctx->set_output(0, input);
      return;
    }
    std::vector<int64_t> out_dims(dims);
    for (int i = 0; i < dims; ++i) out_dims[i] = input.dim_size(static_cast<int>(perm[i]));
    std::vector<int64_t> cdims, cperm;
    CollapseTransposeDims(input.shape().dim_sizes(), perm, &cdims, &cperm);
    if (cperm.size() <= 1) {
      // Only size-1 dims moved: the layout is unchanged, so share the buffer.
      Tensor same;
      same.CopyFrom(input, TensorShape(out_dims));
      ctx->set_output(0, same);
      return;
    }
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, TensorShape(out_dims), &out));
    if (out->NumElements() == 0) return;
    const int rank = static_cast<int>(cdims.size());
    OP_REQUIRES_OK(ctx, CheckGatherRank("Transpose", rank));
    const std::vector<int64_t> in_strides = array::RowMajorStrides(cdims);
    GatherSpec spec;
    spec.rank = rank;
    for (int k = 0; k < rank; ++k) {
      spec.out_dims[k] = cdims[cperm[k]];
      spec.in_dims[k] = cdims[cperm[k]];
      spec.in_strides[k] = in_strides[cperm[k]];
    }
    RunGather(ctx, input, spec, out, nullptr);
  }
};

class GpuTileOp : public OpKernel {
 public:
  explicit GpuTileOp(OpKernelConstruction* c) : OpKernel(c) {}

  void Compute(OpKernelContext* ctx) override {
    const Tensor& input = ctx->input(0);
    const Tensor& multiples_t = ctx->input(1);
    const int rank = input.dims();
    OP_REQUIRES(ctx, multiples_t.dims() == 1 && multiples_t.NumElements() == rank,
                errors::InvalidArgument("Expected multiples argument to be a vector of length ",
                                        rank, " but got length ",
                                        multiples_t.dims() > 0 ? multiples_t.dim_size(0) : 0));
    const std::vector<int64_t> multiples = array::IntTensorToVector(multiples_t);
    std::vector<int64_t> out_dims(rank);
    bool identity = true;
    for (int i = 0; i < rank; ++i) {
      OP_REQUIRES(ctx, multiples[i] >= 0,
                  errors::InvalidArgument("Expected multiples[", i, "] >= 0, but got ",
                                          multiples[i]));
      OP_REQUIRES(ctx, !__builtin_mul_overflow(input.dim_size(i), multiples[i], &out_dims[i]),
                  errors::InvalidArgument("Tile: output dimension ", i, " (", input.dim_size(i),
                                          " * ", multiples[i], ") overflows int64"));
      identity &= multiples[i] == 1;
    }
    if (identity) {
      ctx->set_output(0, input);
      return;
    }
    TensorShape out_shape;
    OP_REQUIRES_OK(ctx, TensorShape::Make(out_dims, &out_shape));
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, out_shape, &out));
    if (out->NumElements() == 0) return;
    OP_REQUIRES_OK(ctx, CheckGatherRank("Tile", rank));
    const std::vector<int64_t> strides = array::RowMajorStrides(input.shape().dim_sizes());
    GatherSpec spec;
    spec.rank = rank;
    spec.wrap = true;
    for (int k = 0; k < rank; ++k) {
      spec.out_dims[k] = out_dims[k];
      spec.in_dims[k] = input.dim_size(k);
      spec.in_strides[k] = strides[k];
    }
    RunGather(ctx, input, spec, out, nullptr);
  }
};

Status ReadPaddings(const Tensor& input, const Tensor& paddings, std::vector<int64_t>* pads) {
  if (paddings.dims() != 2 || paddings.dim_size(1) != 2) {
    return errors::InvalidArgument("paddings must be a matrix with 2 columns: ",
                                   paddings.shape().DebugString());
  }
  if (paddings.dim_size(0) != input.dims()) {
    return errors::InvalidArgument("The first dimension of paddings must be the rank of inputs",
                                   paddings.shape().DebugString(), " ",
                                   input.shape().DebugString());
  }
  *pads = array::IntTensorToVector(paddings);
  return OkStatus();
}

// Pad and PadV2 (constant mode); constant_values is a host scalar.
class GpuPadOp : public OpKernel {
 public:
  explicit GpuPadOp(OpKernelConstruction* c) : OpKernel(c) {}

  void Compute(OpKernelContext* ctx) override {
    const Tensor& input = ctx->input(0);
    std::vector<int64_t> pads;
    OP_REQUIRES_OK(ctx, ReadPaddings(input, ctx->input(1), &pads));
    const Tensor* pad_value = nullptr;
    if (ctx->num_inputs() == 3) {
      pad_value = &ctx->input(2);
      OP_REQUIRES(ctx, pad_value->dims() == 0,
                  errors::InvalidArgument("constant_values must be a scalar. Found: ",
                                          pad_value->shape().DebugString()));
    }
    const int rank = input.dims();
    std::vector<int64_t> out_dims(rank);
    bool identity = true;
    for (int i = 0; i < rank; ++i) {
      const int64_t before = pads[2 * i], after = pads[2 * i + 1];
      OP_REQUIRES(ctx, before >= 0 && after >= 0,
                  errors::InvalidArgument("Paddings must be non-negative: ", before, " ", after));
      OP_REQUIRES(ctx,
                  !__builtin_add_overflow(input.dim_size(i), before, &out_dims[i]) &&
                      !__builtin_add_overflow(out_dims[i], after, &out_dims[i]),
                  errors::InvalidArgument("Pad: output dimension ", i, " overflows int64"));
      identity &= before == 0 && after == 0;
    }
    if (identity) {
      ctx->set_output(0, input);
      return;
    }
    TensorShape out_shape;
    OP_REQUIRES_OK(ctx, TensorShape::Make(out_dims, &out_shape));
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, out_shape, &out));
    if (out->NumElements() == 0) return;
    OP_REQUIRES_OK(ctx, CheckGatherRank("Pad", rank));
    const std::vector<int64_t> strides = array::RowMajorStrides(input.shape().dim_sizes());
    GatherSpec spec;
    spec.rank = rank;
    spec.pad = true;
    for (int k = 0; k < rank; ++k) {
      spec.out_dims[k] = out_dims[k];
      spec.in_dims[k] = input.dim_size(k);
      spec.in_strides[k] = strides[k];
      spec.start[k] = -pads[2 * k];
    }
    RunGather(ctx, input, spec, out, pad_value ? pad_value->raw_data() : nullptr);
  }
};

class GpuSliceOp : public OpKernel {
 public:
  explicit GpuSliceOp(OpKernelConstruction* c) : OpKernel(c) {}

  void Compute(OpKernelContext* ctx) override {
    const Tensor& input = ctx->input(0);
    const Tensor& begin_t = ctx->input(1);
    const Tensor& size_t_ = ctx->input(2);
    const int rank = input.dims();
    OP_REQUIRES(ctx, begin_t.dims() == 1 && size_t_.dims() == 1 &&
                         begin_t.NumElements() == rank && size_t_.NumElements() == rank,
                errors::InvalidArgument("Expected begin and size arguments to be 1-D tensors of "
                                        "size ", rank, ", but got shapes ",
                                        begin_t.shape().DebugString(), " and ",
                                        size_t_.shape().DebugString(), " instead."));
    const std::vector<int64_t> begin = array::IntTensorToVector(begin_t);
    std::vector<int64_t> sizes = array::IntTensorToVector(size_t_);
    for (int i = 0; i < rank; ++i) {
      const int64_t dim = input.dim_size(i);
      const int64_t b = begin[i];
      int64_t s = sizes[i];
      if (s == -1) s = dim - b;
      if (dim == 0) {
        OP_REQUIRES(ctx, b == 0 && s == 0,
                    errors::InvalidArgument("Expected begin[", i, "] == 0 (got ", b, ") and size[",
                                            i, "] == 0 (got ", s, ") when input.dim_size(", i,
                                            ") == 0"));
      } else {
        OP_REQUIRES(ctx, 0 <= b && b <= dim,
                    errors::InvalidArgument("Expected begin[", i, "] in [0, ", dim,
                                            "], but got ", b));
        OP_REQUIRES(ctx, 0 <= s && b + s <= dim,
                    errors::InvalidArgument("Expected size[", i, "] in [0, ", dim - b,
                                            "], but got ", s));
      }
      sizes[i] = s;
    }
    bool identity = true;
    for (int i = 0; i < rank; ++i) identity &= begin[i] == 0 && sizes[i] == input.dim_size(i);
    if (identity) {
      ctx->set_output(0, input);
      return;
    }
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, TensorShape(sizes), &out));
    if (out->NumElements() == 0) return;
    OP_REQUIRES_OK(ctx, CheckGatherRank("Slice", rank));
    const std::vector<int64_t> strides = array::RowMajorStrides(input.shape().dim_sizes());
    GatherSpec spec;
    spec.rank = rank;
    for (int k = 0; k < rank; ++k) {
      spec.out_dims[k] = sizes[k];
      spec.in_dims[k] = input.dim_size(k);
      spec.in_strides[k] = strides[k];
      spec.start[k] = begin[k];
    }
    RunGather(ctx, input, spec, out, nullptr);
  }
};

REGISTER_KERNEL_BUILDER(Name("Transpose")
                            .Device(DEVICE_GPU)
                            .TypeConstraint("T", gpu::ShapeOpTypes())
                            .HostMemory("perm"),
                        GpuTransposeOp);
// Conjugation is the identity on real types; complex ConjugateTranspose stays on the CPU.
REGISTER_KERNEL_BUILDER(Name("ConjugateTranspose")
                            .Device(DEVICE_GPU)
                            .TypeConstraint("T", gpu::ShapeOpRealTypes())
                            .HostMemory("perm"),
                        GpuTransposeOp);
REGISTER_KERNEL_BUILDER(Name("Tile")
                            .Device(DEVICE_GPU)
                            .TypeConstraint("T", gpu::ShapeOpTypes())
                            .HostMemory("multiples"),
                        GpuTileOp);
REGISTER_KERNEL_BUILDER(Name("Pad")
                            .Device(DEVICE_GPU)
                            .TypeConstraint("T", gpu::ShapeOpTypes())
                            .HostMemory("paddings"),
                        GpuPadOp);
REGISTER_KERNEL_BUILDER(Name("PadV2")
                            .Device(DEVICE_GPU)
                            .TypeConstraint("T", gpu::ShapeOpTypes())
                            .HostMemory("paddings")
                            .HostMemory("constant_values"),
                        GpuPadOp);
REGISTER_KERNEL_BUILDER(Name("Slice")
                            .Device(DEVICE_GPU)
                            .TypeConstraint("T", gpu::ShapeOpTypes())
                            .HostMemory("begin")
                            .HostMemory("size"),
                        GpuSliceOp);

}  // namespace
}  // namespace tfc
