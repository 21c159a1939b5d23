// SpaceToDepth / DepthToSpace: a block_size x block_size patch of spatial positions becomes
// block_size^2 * C channels (ordered block row, block column, channel) and back. NHWC moves
// whole channel runs; NCHW (which TF's CPU kernel rejects) moves single elements.
#include "core/framework/op_kernel.h"
#include "core/kernels/array/array_copy.h"

namespace tfc {
namespace {

// Geometry in terms of the "space" tensor [N, H, W, C] / [N, C, H, W] and the block size; the
// depth tensor is [N, H/bs, W/bs, bs*bs*C] / [N, bs*bs*C, H/bs, W/bs].
struct DepthGeometry {
  int64_t n, h, w, c, bs;
  bool nchw;
};

template <typename U, bool kToDepth>
void ShuffleDepth(OpKernelContext* ctx, const DepthGeometry& g, U* space, U* depth) {
  const int64_t oh = g.h / g.bs, ow = g.w / g.bs, bs = g.bs, c = g.c;
  const auto move = [](U* s, U* d) {
    if (kToDepth) {
      *d = *s;
    } else {
      *s = *d;
    }
  };
  if (!g.nchw) {
    // One row per (n, out_y, out_x, block_y): bs runs of C channels.
    const int64_t rows = g.n * oh * ow * bs;
    ctx->ParallelFor(rows, bs * c * 2 + 10, [&](int64_t begin, int64_t end) {
      for (int64_t row = begin; row < end; ++row) {
        const int64_t dy = row % bs;
        const int64_t x = (row / bs) % ow;
        const int64_t y = (row / bs / ow) % oh;
        const int64_t b = row / bs / ow / oh;
        U* drow = depth + (((b * oh + y) * ow + x) * bs * bs + dy * bs) * c;
        U* srow = space + ((b * g.h + y * bs + dy) * g.w + x * bs) * c;
        if (kToDepth) {
          array::CopyElements(drow, srow, bs * c);
        } else {
          array::CopyElements(srow, drow, bs * c);
        }
      }
    });
    return;
  }
  // NCHW: one row per (n, depth channel, out_y).
  const int64_t dc = bs * bs * c;
  const int64_t rows = g.n * dc * oh;
  ctx->ParallelFor(rows, ow * 3 + 10, [&](int64_t begin, int64_t end) {
    for (int64_t row = begin; row < end; ++row) {
      const int64_t y = row % oh;
      const int64_t k = (row / oh) % dc;
      const int64_t b = row / oh / dc;
      const int64_t dy = k / (bs * c), dx = (k / c) % bs, ch = k % c;
      U* drow = depth + row * ow;
      U* srow = space + ((b * c + ch) * g.h + y * bs + dy) * g.w + dx;
      for (int64_t x = 0; x < ow; ++x) move(srow + x * bs, drow + x);
    }
  });
}

template <bool kToDepth>
class DepthSpaceOp : public OpKernel {
 public:
  explicit DepthSpaceOp(OpKernelConstruction* c) : OpKernel(c) {
    OP_REQUIRES_OK(c, c->GetAttr("block_size", &block_size_));
    OP_REQUIRES(c, block_size_ > 1,
                errors::InvalidArgument("Block size should be > 1, but was: ", block_size_));
    std::string format;
    OP_REQUIRES_OK(c, c->GetAttr("data_format", &format));
    OP_REQUIRES(c, format == "NHWC" || format == "NCHW",
                errors::InvalidArgument("Only NHWC and NCHW data_format supported on CPU. Got ",
                                        format));
    nchw_ = format == "NCHW";
  }

  void Compute(OpKernelContext* ctx) override {
    const Tensor& input = ctx->input(0);
    OP_REQUIRES(ctx, input.dims() == 4,
                errors::InvalidArgument("Input rank should be: 4 instead of: ", input.dims()));
    const int ci = nchw_ ? 1 : 3, hi = nchw_ ? 2 : 1, wi = nchw_ ? 3 : 2;
    const int64_t bs = block_size_;
    int64_t bs_sq;
    OP_REQUIRES(ctx, !__builtin_mul_overflow(bs, bs, &bs_sq),
                errors::InvalidArgument("Block size ", bs, " squared overflows int64"));
    DepthGeometry g{input.dim_size(0), 0, 0, 0, bs, nchw_};
    std::vector<int64_t> out_dims = input.shape().dim_sizes();
    if (kToDepth) {
      g.h = input.dim_size(hi);
      g.w = input.dim_size(wi);
      g.c = input.dim_size(ci);
      OP_REQUIRES(ctx, g.w % bs == 0 && g.h % bs == 0,
                  errors::InvalidArgument("Image width ", g.w, " and height ", g.h,
                                          " should be divisible by block_size: ", bs));
      out_dims[hi] = g.h / bs;
      out_dims[wi] = g.w / bs;
      OP_REQUIRES(ctx, !__builtin_mul_overflow(g.c, bs_sq, &out_dims[ci]),
                  errors::InvalidArgument("Output depth overflows int64"));
    } else {
      const int64_t depth = input.dim_size(ci);
      OP_REQUIRES(ctx, depth % bs_sq == 0,
                  errors::InvalidArgument("Input depth dimension ", depth,
                                          " should be divisible by: ", bs_sq));
      g.c = depth / bs_sq;
      OP_REQUIRES(ctx, !__builtin_mul_overflow(input.dim_size(hi), bs, &g.h) &&
                           !__builtin_mul_overflow(input.dim_size(wi), bs, &g.w),
                  errors::InvalidArgument("Output spatial size overflows int64"));
      out_dims[hi] = g.h;
      out_dims[wi] = g.w;
      out_dims[ci] = g.c;
    }
    TensorShape out_shape;
    OP_REQUIRES_OK(ctx, TensorShape::Make(out_dims, &out_shape));
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, out_shape, &out));
    if (out->NumElements() == 0) return;
    Tensor& space = const_cast<Tensor&>(kToDepth ? input : *out);
    Tensor& depth = const_cast<Tensor&>(kToDepth ? *out : input);
    array::DispatchByElementSize(input.dtype(), [&](auto zero) {
      using U = decltype(zero);
      ShuffleDepth<U, kToDepth>(ctx, g, space.data<U>(), depth.data<U>());
    });
  }

 private:
  int64_t block_size_ = 0;
  bool nchw_ = false;
};

REGISTER_KERNEL_BUILDER(Name("SpaceToDepth").Device(DEVICE_CPU)
                            .TypeConstraint("T", array::AllArrayTypes()),
                        DepthSpaceOp<true>);
REGISTER_KERNEL_BUILDER(Name("DepthToSpace").Device(DEVICE_CPU)
                            .TypeConstraint("T", array::AllArrayTypes()),
                        DepthSpaceOp<false>);

}  // namespace
}  // namespace tfc
