#pragma once
// Shared pieces of the FusedBatchNorm kernels: a view of a 4-D NHWC/NCHW tensor as
// (outer, channel, inner) runs, and per-channel sums accumulated in double over row blocks
// (added in block order, so results do not depend on thread timing).
#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "core/framework/op_kernel.h"

namespace tfc {
namespace fbn {

// The attrs every FusedBatchNorm(Grad) kernel reads: epsilon, data_format, is_training.
struct Attrs {
  double epsilon = 0;
  bool nchw = false;
  bool is_training = true;

  Status Read(OpKernelConstruction* ctx) {
    float eps = 0;
    TFC_RETURN_IF_ERROR(ctx->GetAttr("epsilon", &eps));
    epsilon = eps;
    std::string data_format;
    TFC_RETURN_IF_ERROR(ctx->GetAttr("data_format", &data_format));
    if (data_format != "NHWC" && data_format != "NCHW") {
      return errors::InvalidArgument("Invalid data format");
    }
    nchw = data_format == "NCHW";
    return ctx->GetAttr("is_training", &is_training);
  }
};

struct Layout {
  int64_t outer = 0;    // N*H*W for NHWC, N for NCHW
  int64_t channels = 0;
  int64_t inner = 0;    // 1 for NHWC, H*W for NCHW
  int64_t rest() const { return outer * inner; }
  // Element offset of (o, c, i).
  int64_t at(int64_t o, int64_t c, int64_t i) const {
    return (o * channels + c) * inner + i;
  }
};

inline Layout MakeLayout(const TensorShape& s, bool nchw) {
  Layout l;
  if (nchw) {
    l.outer = s.dim_size(0);
    l.channels = s.dim_size(1);
    l.inner = s.dim_size(2) * s.dim_size(3);
  } else {
    l.outer = s.dim_size(0) * s.dim_size(1) * s.dim_size(2);
    l.channels = s.dim_size(3);
    l.inner = 1;
  }
  return l;
}

// The host-side part every FusedBatchNorm(Grad) kernel shares, CPU or GPU: the inputs checked
// with TF's messages (x's layout returned in *l), then the outputs allocated.

// FusedBatchNorm(V2, V3): x, scale, offset, estimated_mean, estimated_variance.
Status CheckForwardInputs(OpKernelContext* ctx, const Attrs& attrs, Layout* l);
// y (x's shape); batch_mean, batch_variance, reserve_space_1, reserve_space_2 ([channels]);
// V3's scalar reserve_space_3 in *reserve3 (nullptr for the older versions).
Status AllocateForwardOutputs(OpKernelContext* ctx, const TensorShape& x_shape, int64_t channels,
                              Tensor** y, Tensor* (&stats)[4], Tensor** reserve3);

// FusedBatchNormGrad(V2, V3): y_backprop, x, scale, reserve_space_1, reserve_space_2.
Status CheckGradInputs(OpKernelContext* ctx, const Attrs& attrs, Layout* l);
// x_backprop (x's shape), scale_backprop and offset_backprop ([channels]) and the two empty
// reserve_space outputs.
Status AllocateGradOutputs(OpKernelContext* ctx, const TensorShape& x_shape, int64_t channels,
                           Tensor** dx, Tensor** dscale, Tensor** doffset);

// sums[k][c] = sum over (o, i) of fn(k, offset, c) for k < K.
template <int K, typename Fn>
void ChannelSums(OpKernelContext* ctx, const Layout& l, Fn&& fn,
                 std::vector<double> (&sums)[K]) {
  const int64_t c_n = l.channels;
  constexpr int64_t kBlock = 64;
  const int64_t blocks = (l.outer + kBlock - 1) / kBlock;
  std::vector<double> partial(static_cast<size_t>(blocks * K * c_n), 0.0);
  ctx->ParallelFor(blocks, kBlock * c_n * l.inner * 4, [&](int64_t b, int64_t e) {
    for (int64_t blk = b; blk < e; ++blk) {
      double* p = partial.data() + blk * K * c_n;
      const int64_t o_end = std::min(l.outer, (blk + 1) * kBlock);
      for (int64_t o = blk * kBlock; o < o_end; ++o) {
        for (int64_t c = 0; c < c_n; ++c) {
          for (int64_t i = 0; i < l.inner; ++i) {
            const int64_t off = l.at(o, c, i);
            for (int k = 0; k < K; ++k) p[k * c_n + c] += fn(k, off, c);
          }
        }
      }
    }
  });
  for (int k = 0; k < K; ++k) sums[k].assign(c_n, 0.0);
  for (int64_t blk = 0; blk < blocks; ++blk) {
    const double* p = partial.data() + blk * K * c_n;
    for (int k = 0; k < K; ++k) {
      for (int64_t c = 0; c < c_n; ++c) sums[k][c] += p[k * c_n + c];
    }
  }
}

// Applies fn(offset, c) to every element, in parallel over the outer dim.
template <typename Fn>
void ForEachElement(OpKernelContext* ctx, const Layout& l, Fn&& fn) {
  ctx->ParallelFor(l.outer, l.channels * l.inner * 4 + 1, [&](int64_t b, int64_t e) {
    for (int64_t o = b; o < e; ++o) {
      for (int64_t c = 0; c < l.channels; ++c) {
        for (int64_t i = 0; i < l.inner; ++i) fn(l.at(o, c, i), c);
      }
    }
  });
}

}  // namespace fbn
}  // namespace tfc
