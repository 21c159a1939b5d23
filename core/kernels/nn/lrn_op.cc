// LRN and LRNGrad on the CPU over the last (depth) dim of a 4-D tensor:
//   sqr_sum[d] = sum of in[d']^2 for |d' - d| <= depth_radius
//   out[d] = in[d] / (bias + alpha * sqr_sum[d]) ^ beta
// Half types compute in float.
#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "core/framework/op_kernel.h"
#include "core/framework/register_types.h"

namespace tfc {
namespace {

struct LrnParams {
  int64_t radius = 5;
  float bias = 1, alpha = 1, beta = 0.5;
};

Status ReadLrnParams(OpKernelConstruction* ctx, LrnParams* p) {
  TFC_RETURN_IF_ERROR(ctx->GetAttr("depth_radius", &p->radius));
  if (p->radius < 0 || p->radius > std::numeric_limits<int>::max()) {
    return errors::InvalidArgument("depth_radius = ", p->radius, " larger than int max");
  }
  TFC_RETURN_IF_ERROR(ctx->GetAttr("bias", &p->bias));
  TFC_RETURN_IF_ERROR(ctx->GetAttr("alpha", &p->alpha));
  TFC_RETURN_IF_ERROR(ctx->GetAttr("beta", &p->beta));
  return OkStatus();
}

bool DimsFitInt(const Tensor& t) {
  for (int d = 0; d < t.dims(); ++d) {
    if (t.dim_size(d) > std::numeric_limits<int>::max()) return false;
  }
  return true;
}

// norm[d] = bias + alpha * (sum of squares in the window of d), over one depth row.
void WindowNorms(const float* in, int64_t depth, const LrnParams& p, float* norm) {
  for (int64_t d = 0; d < depth; ++d) {
    const int64_t lo = std::max<int64_t>(0, d - p.radius);
    const int64_t hi = std::min<int64_t>(depth, d + p.radius + 1);
    float s = 0;
    for (int64_t j = lo; j < hi; ++j) s += in[j] * in[j];
    norm[d] = p.bias + p.alpha * s;
  }
}

template <typename T>
class LRNOp : public OpKernel {
 public:
  explicit LRNOp(OpKernelConstruction* ctx) : OpKernel(ctx) {
    OP_REQUIRES_OK(ctx, ReadLrnParams(ctx, &p_));
  }

  void Compute(OpKernelContext* ctx) override {
    const Tensor& in = ctx->input(0);
    OP_REQUIRES(ctx, in.dims() == 4, errors::InvalidArgument("in must be 4-dimensional"));
    OP_REQUIRES(ctx, DimsFitInt(in), errors::InvalidArgument("argument to LRN too large"));
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, in.shape(), &out));
    const int64_t depth = in.dim_size(3);
    if (in.NumElements() == 0) return;
    const int64_t rows = in.NumElements() / depth;
    const T* src = in.data<T>();
    T* dst = out->data<T>();
    const LrnParams p = p_;
    ctx->ParallelFor(rows, depth * (2 * p.radius + 20), [&](int64_t b, int64_t e) {
      std::vector<float> row(depth), norm(depth);
      for (int64_t r = b; r < e; ++r) {
        for (int64_t d = 0; d < depth; ++d) row[d] = static_cast<float>(src[r * depth + d]);
        WindowNorms(row.data(), depth, p, norm.data());
        for (int64_t d = 0; d < depth; ++d) {
          float m;
          if (p.beta == 1.0f) {
            m = 1.0f / norm[d];
          } else if (p.beta == 0.5f) {
            m = 1.0f / std::sqrt(norm[d]);
          } else {
            m = std::exp(std::log(norm[d]) * -p.beta);
          }
          dst[r * depth + d] = static_cast<T>(row[d] * m);
        }
      }
    });
  }

 private:
  LrnParams p_;
};

template <typename T>
class LRNGradOp : public OpKernel {
 public:
  explicit LRNGradOp(OpKernelConstruction* ctx) : OpKernel(ctx) {
    OP_REQUIRES_OK(ctx, ReadLrnParams(ctx, &p_));
  }

  void Compute(OpKernelContext* ctx) override {
    const Tensor& grads = ctx->input(0);
    const Tensor& in = ctx->input(1);
    const Tensor& out_image = ctx->input(2);
    OP_REQUIRES(ctx, grads.dims() == 4 && in.dims() == 4,
                errors::InvalidArgument("inputs must be 4-D"));
    OP_REQUIRES(ctx, in.shape() == grads.shape() && out_image.shape() == grads.shape(),
                errors::InvalidArgument(
                    "input_grads, input_image, and out_image should have the same shape"));
    OP_REQUIRES(ctx, DimsFitInt(in), errors::InvalidArgument("argument to LRN too large"));
    Tensor* output = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, in.shape(), &output));
    const int64_t depth = in.dim_size(3);
    if (in.NumElements() == 0) return;
    const int64_t rows = in.NumElements() / depth;
    const T* g = grads.data<T>();
    const T* x = in.data<T>();
    const T* y = out_image.data<T>();
    T* dst = output->data<T>();
    const LrnParams p = p_;
    ctx->ParallelFor(rows, depth * (4 * p.radius + 20), [&](int64_t b, int64_t e) {
      std::vector<float> row(depth), norm(depth), acc(depth);
      for (int64_t r = b; r < e; ++r) {
        const int64_t base = r * depth;
        for (int64_t d = 0; d < depth; ++d) row[d] = static_cast<float>(x[base + d]);
        WindowNorms(row.data(), depth, p, norm.data());
        std::fill(acc.begin(), acc.end(), 0.0f);
        // d out[i] / d in[j] = [i == j] norm[i]^-beta - 2 alpha beta in[j] out[i] / norm[i].
        for (int64_t i = 0; i < depth; ++i) {
          const float gi = static_cast<float>(g[base + i]);
          const float yi = static_cast<float>(y[base + i]);
          const int64_t lo = std::max<int64_t>(0, i - p.radius);
          const int64_t hi = std::min<int64_t>(depth, i + p.radius + 1);
          const float common = -2.0f * p.alpha * p.beta * yi / norm[i];
          for (int64_t j = lo; j < hi; ++j) {
            float dyi = common * row[j];
            if (j == i) dyi += std::pow(norm[i], -p.beta);
            acc[j] += dyi * gi;
          }
        }
        for (int64_t d = 0; d < depth; ++d) dst[base + d] = static_cast<T>(acc[d]);
      }
    });
  }

 private:
  LrnParams p_;
};

#define TFC_REGISTER_LRN(T)                                                               \
  REGISTER_KERNEL_BUILDER(Name("LRN").Device(DEVICE_CPU).TypeConstraint<T>("T"),          \
                          LRNOp<T>);                                                      \
  REGISTER_KERNEL_BUILDER(Name("LRNGrad").Device(DEVICE_CPU).TypeConstraint<T>("T"),      \
                          LRNGradOp<T>);
TF_CALL_half(TFC_REGISTER_LRN) TF_CALL_bfloat16(TFC_REGISTER_LRN) TF_CALL_float(TFC_REGISTER_LRN)
#undef TFC_REGISTER_LRN

}  // namespace
}  // namespace tfc
