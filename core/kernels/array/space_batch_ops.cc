// SpaceToBatchND / BatchToSpaceND (and the v1 SpaceToBatch / BatchToSpace with a block_size
// attr). Both walk the "batch" tensor (SpaceToBatch's output, BatchToSpace's input) and map each
// row of trailing elements to its place in the "space" tensor shifted by paddings / crops:
// SpaceToBatch copies space -> batch (zero where the place is padding), BatchToSpace copies
// batch -> space (skipping places that are cropped away). The map is a bijection on the valid
// places, so rows can be processed in parallel.
#include <algorithm>
#include <cstring>

#include "core/framework/op_kernel.h"
#include "core/kernels/array/array_copy.h"

namespace tfc {
namespace {

struct BlockGeometry {
  int64_t space_batch = 0;         // batch of the space tensor
  std::vector<int64_t> space;      // spatial dims of the space tensor
  std::vector<int64_t> block;      // block_shape
  std::vector<int64_t> start;      // paddings[:, 0] or crops[:, 0]
  std::vector<int64_t> batched;    // spatial dims of the batch tensor
  int64_t inner = 1;               // elements per spatial position (the remaining dims)
};

template <typename U, bool kToBatch>
void ShuffleBlocks(OpKernelContext* ctx, const BlockGeometry& g, U* space, U* batch) {
  const int m = static_cast<int>(g.block.size());
  int64_t positions = 1;  // spatial positions per batch-tensor image
  for (int64_t d : g.batched) positions *= d;
  int64_t num_blocks = 1;
  for (int64_t b : g.block) num_blocks *= b;
  const int64_t rows = g.space_batch * num_blocks * positions;
  if (rows == 0 || g.inner == 0) return;
  const int64_t inner = g.inner;
  auto work = [&](int64_t begin, int64_t end) {
    std::vector<int64_t> offset(m), pos(m);
    for (int64_t row = begin; row < end; ++row) {
      int64_t r = row % positions;
      const int64_t image = row / positions;
      for (int d = m - 1; d >= 0; --d) {
        pos[d] = r % g.batched[d];
        r /= g.batched[d];
      }
      const int64_t b = image % g.space_batch;
      int64_t o = image / g.space_batch;
      for (int d = m - 1; d >= 0; --d) {
        offset[d] = o % g.block[d];
        o /= g.block[d];
      }
      int64_t src = b;
      bool inside = true;
      for (int d = 0; d < m; ++d) {
        const int64_t p = pos[d] * g.block[d] + offset[d] - g.start[d];
        if (p < 0 || p >= g.space[d]) {
          inside = false;
          break;
        }
        src = src * g.space[d] + p;
      }
      U* batch_row = batch + row * inner;
      if (!inside) {
        if (kToBatch) {
          for (int64_t i = 0; i < inner; ++i) batch_row[i] = U{};
        }
        continue;
      }
      U* space_row = space + src * inner;
      if (kToBatch) {
        array::CopyElements(batch_row, space_row, inner);
      } else {
        array::CopyElements(space_row, batch_row, inner);
      }
    }
  };
  ctx->ParallelFor(rows, inner * 2 + 20, work);
}

// Reads block_shape ([M]) and paddings/crops ([M, 2]) and checks them against the input rank.
Status ReadBlockArgs(const Tensor& input, const Tensor& block_t, const Tensor& pads_t,
                     const char* pads_name, std::vector<int64_t>* block,
                     std::vector<int64_t>* pads) {
  if (block_t.dims() != 1) {
    return errors::InvalidArgument("block_shape rank should be 1 instead of ", block_t.dims());
  }
  const int64_t m = block_t.dim_size(0);
  if (input.dims() < 1 + m) {
    return errors::InvalidArgument("input rank should be >= ", 1 + m, " instead of ",
                                   input.dims());
  }
  if (pads_t.dims() != 2 || pads_t.dim_size(0) != m || pads_t.dim_size(1) != 2) {
    return errors::InvalidArgument(pads_name, " should have shape [", m, ", 2] instead of ",
                                   pads_t.shape().DebugString());
  }
  *block = array::IntTensorToVector(block_t);
  *pads = array::IntTensorToVector(pads_t);
  return OkStatus();
}

template <bool kToBatch>
void RunShuffle(OpKernelContext* ctx, const BlockGeometry& g, const Tensor& in, Tensor* out) {
  Tensor& space = const_cast<Tensor&>(kToBatch ? in : *out);
  Tensor& batch = const_cast<Tensor&>(kToBatch ? *out : in);
  array::DispatchByElementSize(in.dtype(), [&](auto zero) {
    using U = decltype(zero);
    ShuffleBlocks<U, kToBatch>(ctx, g, space.data<U>(), batch.data<U>());
  });
}

void SpaceToBatch(OpKernelContext* ctx, const Tensor& input, const std::vector<int64_t>& block,
                  const std::vector<int64_t>& pads) {
  const int m = static_cast<int>(block.size());
  BlockGeometry g;
  g.space_batch = input.dim_size(0);
  std::vector<int64_t> out_dims = {g.space_batch};
  for (int d = 0; d < m; ++d) {
    OP_REQUIRES(ctx, block[d] >= 1,
                errors::InvalidArgument("All values in block_shape must be positive, got value, ",
                                        block[d], " at index ", d, "."));
    OP_REQUIRES(ctx, pads[2 * d] >= 0 && pads[2 * d + 1] >= 0,
                errors::InvalidArgument("Paddings must be non-negative"));
    const int64_t size = input.dim_size(d + 1);
    int64_t padded;
    OP_REQUIRES(ctx, !__builtin_add_overflow(size, pads[2 * d], &padded) &&
                         !__builtin_add_overflow(padded, pads[2 * d + 1], &padded),
                errors::InvalidArgument("padded_shape[", d, "] overflows int64"));
    OP_REQUIRES(ctx, padded % block[d] == 0,
                errors::InvalidArgument("padded_shape[", d, "]=", padded,
                                        " is not divisible by block_shape[", d, "]=", block[d]));
    OP_REQUIRES(ctx, !__builtin_mul_overflow(out_dims[0], block[d], &out_dims[0]),
                errors::InvalidArgument("output batch size overflows int64"));
    g.space.push_back(size);
    g.block.push_back(block[d]);
    g.start.push_back(pads[2 * d]);
    g.batched.push_back(padded / block[d]);
    out_dims.push_back(padded / block[d]);
  }
  for (int d = m + 1; d < input.dims(); ++d) {
    out_dims.push_back(input.dim_size(d));
    g.inner *= input.dim_size(d);
  }
  TensorShape out_shape;
  OP_REQUIRES_OK(ctx, TensorShape::Make(out_dims, &out_shape));
  Tensor* out = nullptr;
  OP_REQUIRES_OK(ctx, ctx->allocate_output(0, out_shape, &out));
  RunShuffle<true>(ctx, g, input, out);
}

void BatchToSpace(OpKernelContext* ctx, const Tensor& input, const std::vector<int64_t>& block,
                  const std::vector<int64_t>& crops) {
  const int m = static_cast<int>(block.size());
  int64_t product = 1;
  bool overflow = false;
  for (int d = 0; d < m; ++d) overflow |= __builtin_mul_overflow(product, block[d], &product);
  OP_REQUIRES(ctx, !overflow, errors::InvalidArgument("Product of block sizes overflows int64"));
  OP_REQUIRES(ctx, product > 0,
              errors::InvalidArgument("Product of block sizes must be positive, got ", product));
  for (int d = 0; d < m; ++d) {
    OP_REQUIRES(ctx, block[d] >= 1,
                errors::InvalidArgument("All values in block_shape must be positive, got value, ",
                                        block[d], " at index ", d, "."));
  }
  const int64_t in_batch = input.dim_size(0);
  OP_REQUIRES(ctx, in_batch % product == 0,
              errors::InvalidArgument("Input batch dimension (", in_batch,
                                      ") is not divisible by product of block sizes (", product,
                                      ")"));
  BlockGeometry g;
  g.space_batch = in_batch / product;
  std::vector<int64_t> out_dims = {g.space_batch};
  for (int d = 0; d < m; ++d) {
    OP_REQUIRES(ctx, crops[2 * d] >= 0 && crops[2 * d + 1] >= 0,
                errors::InvalidArgument("Crops must be non-negative"));
    const int64_t size = input.dim_size(d + 1);
    int64_t full;
    OP_REQUIRES(ctx, !__builtin_mul_overflow(size, block[d], &full),
                errors::InvalidArgument("cropped_shape[", d, "] overflows int64"));
    // Crops are non-negative, so the subtraction cannot overflow.
    const int64_t cropped = full - crops[2 * d] - crops[2 * d + 1];
    OP_REQUIRES(ctx, cropped >= 0,
                errors::InvalidArgument("cropped_shape[", d, "]=", cropped,
                                        " must be non-negative"));
    g.space.push_back(cropped);
    g.block.push_back(block[d]);
    g.start.push_back(crops[2 * d]);
    g.batched.push_back(size);
    out_dims.push_back(cropped);
  }
  for (int d = m + 1; d < input.dims(); ++d) {
    out_dims.push_back(input.dim_size(d));
    g.inner *= input.dim_size(d);
  }
  TensorShape out_shape;
  OP_REQUIRES_OK(ctx, TensorShape::Make(out_dims, &out_shape));
  Tensor* out = nullptr;
  OP_REQUIRES_OK(ctx, ctx->allocate_output(0, out_shape, &out));
  RunShuffle<false>(ctx, g, input, out);
}

template <bool kToBatch>
class BlockNDOp : public OpKernel {
 public:
  explicit BlockNDOp(OpKernelConstruction* c) : OpKernel(c) {}
  void Compute(OpKernelContext* ctx) override {
    const Tensor& input = ctx->input(0);
    std::vector<int64_t> block, pads;
    OP_REQUIRES_OK(ctx, ReadBlockArgs(input, ctx->input(1), ctx->input(2),
                                      kToBatch ? "paddings" : "crops", &block, &pads));
    if (kToBatch) {
      SpaceToBatch(ctx, input, block, pads);
    } else {
      BatchToSpace(ctx, input, block, pads);
    }
  }
};

// The v1 ops: rank-4 input, block_shape = [block_size, block_size].
template <bool kToBatch>
class BlockV1Op : public OpKernel {
 public:
  explicit BlockV1Op(OpKernelConstruction* c) : OpKernel(c) {
    OP_REQUIRES_OK(c, c->GetAttr("block_size", &block_size_));
    OP_REQUIRES(c, block_size_ > 1,
                errors::InvalidArgument("Block size should be > 1: ", block_size_));
  }
  void Compute(OpKernelContext* ctx) override {
    const Tensor& input = ctx->input(0);
    OP_REQUIRES(ctx, input.dims() == 4,
                errors::InvalidArgument("input rank should be 4 instead of ", input.dims()));
    const Tensor& pads_t = ctx->input(1);
    OP_REQUIRES(ctx, pads_t.dims() == 2 && pads_t.dim_size(0) == 2 && pads_t.dim_size(1) == 2,
                errors::InvalidArgument(kToBatch ? "paddings" : "crops",
                                        " should have shape [2, 2] instead of ",
                                        pads_t.shape().DebugString()));
    const std::vector<int64_t> block = {block_size_, block_size_};
    const std::vector<int64_t> pads = array::IntTensorToVector(pads_t);
    if (kToBatch) {
      SpaceToBatch(ctx, input, block, pads);
    } else {
      BatchToSpace(ctx, input, block, pads);
    }
  }

 private:
  int64_t block_size_ = 0;
};

// TF registers these for the real number types; bool and complex move the same way.
DataTypeVector BlockTypes() {
  DataTypeVector types = array::AllArrayTypes();
  types.erase(std::remove(types.begin(), types.end(), DT_STRING), types.end());
  return types;
}

REGISTER_KERNEL_BUILDER(Name("SpaceToBatchND").Device(DEVICE_CPU).TypeConstraint("T", BlockTypes())
                            .HostMemory("block_shape").HostMemory("paddings"),
                        BlockNDOp<true>);
REGISTER_KERNEL_BUILDER(Name("BatchToSpaceND").Device(DEVICE_CPU).TypeConstraint("T", BlockTypes())
                            .HostMemory("block_shape").HostMemory("crops"),
                        BlockNDOp<false>);
REGISTER_KERNEL_BUILDER(Name("SpaceToBatch").Device(DEVICE_CPU).TypeConstraint("T", BlockTypes())
                            .HostMemory("paddings"),
                        BlockV1Op<true>);
REGISTER_KERNEL_BUILDER(Name("BatchToSpace").Device(DEVICE_CPU).TypeConstraint("T", BlockTypes())
                            .HostMemory("crops"),
                        BlockV1Op<false>);

}  // namespace
}  // namespace tfc
