// ResizeBilinear, ResizeNearestNeighbor and their gradients on NHWC images, with TF's
// coordinate rules (legacy, align_corners, half_pixel_centers) and float interpolation.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "core/framework/op_kernel.h"
#include "core/framework/register_types.h"

namespace tfc {
namespace {

float ResizeScale(int64_t in_size, int64_t out_size, bool align_corners) {
  return (align_corners && out_size > 1) ? (in_size - 1) / static_cast<float>(out_size - 1)
                                         : in_size / static_cast<float>(out_size);
}

// Where output pixel `i` samples the input: TF's half-pixel scaler, or the legacy one.
float SourceCoord(int64_t i, float scale, bool half_pixel_centers) {
  return half_pixel_centers ? (static_cast<float>(i) + 0.5f) * scale - 0.5f
                            : static_cast<float>(i) * scale;
}

// Nearest neighbour keeps the +0.5 and floors (or rounds with align_corners).
int64_t NearestIndex(int64_t i, float scale, bool align_corners, bool half_pixel_centers,
                     int64_t in_size) {
  const float c = half_pixel_centers ? (static_cast<float>(i) + 0.5f) * scale
                                     : static_cast<float>(i) * scale;
  int64_t v = std::min(static_cast<int64_t>(align_corners ? std::roundf(c) : std::floor(c)),
                       in_size - 1);
  return half_pixel_centers ? std::max<int64_t>(0, v) : v;
}

struct Interp {
  int64_t lower, upper;
  float lerp;
};

std::vector<Interp> InterpolationWeights(int64_t out_size, int64_t in_size, float scale,
                                         bool half_pixel_centers) {
  std::vector<Interp> w(out_size);
  for (int64_t i = 0; i < out_size; ++i) {
    const float in = SourceCoord(i, scale, half_pixel_centers);
    const float in_f = std::floor(in);
    w[i].lower = std::max(static_cast<int64_t>(in_f), int64_t{0});
    w[i].upper = std::min(static_cast<int64_t>(std::ceil(in)), in_size - 1);
    w[i].lerp = in - in_f;
  }
  return w;
}

// The checks and sizes TF's ImageResizerState makes for the forward ops.
struct ResizeState {
  int64_t batch, in_h, in_w, channels, out_h, out_w;
  float h_scale, w_scale;
};

Status Validate(OpKernelContext* ctx, bool align_corners, bool half_pixel_centers,
                ResizeState* st) {
  if (half_pixel_centers && align_corners) {
    return errors::InvalidArgument("If half_pixel_centers is True, align_corners must be False.");
  }
  const Tensor& input = ctx->input(0);
  if (input.dims() != 4) {
    return errors::InvalidArgument("input must be 4-dimensional", input.shape().DebugString());
  }
  const Tensor& size = ctx->input(1);
  if (size.dims() != 1) {
    return errors::InvalidArgument("shape_t must be 1-dimensional", size.shape().DebugString());
  }
  if (size.NumElements() != 2) {
    return errors::InvalidArgument("shape_t must have two elements", size.shape().DebugString());
  }
  constexpr int64_t kMaxInt32 = std::numeric_limits<int32_t>::max();
  if (input.dim_size(1) >= kMaxInt32 || input.dim_size(2) >= kMaxInt32) {
    return errors::InvalidArgument("input sizes must be between 0 and max int32");
  }
  st->batch = input.dim_size(0);
  st->in_h = input.dim_size(1);
  st->in_w = input.dim_size(2);
  st->channels = input.dim_size(3);
  st->out_h = size.data<int32_t>()[0];
  st->out_w = size.data<int32_t>()[1];
  if (st->out_h <= 0 || st->out_w <= 0) {
    return errors::InvalidArgument("output dimensions must be positive");
  }
  if (st->channels <= 0) {
    return errors::InvalidArgument("image must have at least one channel");
  }
  if (st->in_h <= 0 || st->in_w <= 0) {
    return errors::InvalidArgument("input image must be of non-zero size");
  }
  st->h_scale = ResizeScale(st->in_h, st->out_h, align_corners);
  st->w_scale = ResizeScale(st->in_w, st->out_w, align_corners);
  return OkStatus();
}

class ResizeOpBase : public OpKernel {
 public:
  explicit ResizeOpBase(OpKernelConstruction* ctx) : OpKernel(ctx) {
    OP_REQUIRES_OK(ctx, ctx->GetAttr("align_corners", &align_corners_));
    OP_REQUIRES_OK(ctx, ctx->GetAttr("half_pixel_centers", &half_pixel_centers_));
  }

 protected:
  bool align_corners_ = false;
  bool half_pixel_centers_ = false;
};

template <typename T>
class ResizeBilinearOp : public ResizeOpBase {
 public:
  using ResizeOpBase::ResizeOpBase;
  void Compute(OpKernelContext* ctx) override {
    ResizeState st;
    OP_REQUIRES_OK(ctx, Validate(ctx, align_corners_, half_pixel_centers_, &st));
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(
                            0, TensorShape({st.batch, st.out_h, st.out_w, st.channels}), &out));
    if (out->NumElements() == 0) return;
    const auto ys = InterpolationWeights(st.out_h, st.in_h, st.h_scale, half_pixel_centers_);
    const auto xs = InterpolationWeights(st.out_w, st.in_w, st.w_scale, half_pixel_centers_);
    const T* in = ctx->input(0).data<T>();
    float* dst = out->data<float>();
    const int64_t C = st.channels, in_row = st.in_w * C, in_img = st.in_h * in_row;
    ctx->ParallelFor(st.batch * st.out_h, st.out_w * C * 12, [&](int64_t b0, int64_t b1) {
      for (int64_t by = b0; by < b1; ++by) {
        const int64_t b = by / st.out_h, y = by % st.out_h;
        const T* top = in + b * in_img + ys[y].lower * in_row;
        const T* bottom = in + b * in_img + ys[y].upper * in_row;
        const float y_lerp = ys[y].lerp;
        float* row = dst + by * st.out_w * C;
        for (int64_t x = 0; x < st.out_w; ++x) {
          const int64_t l = xs[x].lower * C, r = xs[x].upper * C;
          const float x_lerp = xs[x].lerp;
          for (int64_t c = 0; c < C; ++c) {
            const float tl = static_cast<float>(top[l + c]), tr = static_cast<float>(top[r + c]);
            const float bl = static_cast<float>(bottom[l + c]);
            const float br = static_cast<float>(bottom[r + c]);
            const float t = tl + (tr - tl) * x_lerp;
            const float bo = bl + (br - bl) * x_lerp;
            row[x * C + c] = t + (bo - t) * y_lerp;
          }
        }
      }
    });
  }
};

template <typename T>
class ResizeNearestNeighborOp : public ResizeOpBase {
 public:
  using ResizeOpBase::ResizeOpBase;
  void Compute(OpKernelContext* ctx) override {
    ResizeState st;
    OP_REQUIRES_OK(ctx, Validate(ctx, align_corners_, half_pixel_centers_, &st));
    OP_REQUIRES(ctx, st.in_h < (1 << 24) && st.in_w < (1 << 24),
                errors::InvalidArgument("nearest neighbor requires max height & width of 2^24"));
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(
                            0, TensorShape({st.batch, st.out_h, st.out_w, st.channels}), &out));
    if (out->NumElements() == 0) return;
    std::vector<int64_t> xs(st.out_w);
    for (int64_t x = 0; x < st.out_w; ++x) {
      xs[x] = NearestIndex(x, st.w_scale, align_corners_, half_pixel_centers_, st.in_w);
    }
    const T* in = ctx->input(0).data<T>();
    T* dst = out->data<T>();
    const int64_t C = st.channels;
    ctx->ParallelFor(st.batch * st.out_h, st.out_w * C, [&](int64_t b0, int64_t b1) {
      for (int64_t by = b0; by < b1; ++by) {
        const int64_t b = by / st.out_h, y = by % st.out_h;
        const int64_t in_y =
            NearestIndex(y, st.h_scale, align_corners_, half_pixel_centers_, st.in_h);
        const T* src = in + (b * st.in_h + in_y) * st.in_w * C;
        T* row = dst + by * st.out_w * C;
        for (int64_t x = 0; x < st.out_w; ++x) std::copy_n(src + xs[x] * C, C, row + x * C);
      }
    });
  }
};

template <typename T>
class ResizeBilinearGradOp : public ResizeOpBase {
 public:
  using ResizeOpBase::ResizeOpBase;
  void Compute(OpKernelContext* ctx) override {
    OP_REQUIRES(ctx, !(half_pixel_centers_ && align_corners_),
                errors::InvalidArgument(
                    "If half_pixel_centers is True, align_corners must be False."));
    const Tensor& grads = ctx->input(0);
    const Tensor& original = ctx->input(1);
    OP_REQUIRES(ctx, grads.dims() == 4,
                errors::InvalidArgument("input_grad must be 4-dimensional",
                                        grads.shape().DebugString()));
    OP_REQUIRES(ctx, original.dims() == 4,
                errors::InvalidArgument("original_image must be 4-dimensional",
                                        original.shape().DebugString()));
    const int64_t batch = grads.dim_size(0), out_h = grads.dim_size(1),
                  out_w = grads.dim_size(2), C = grads.dim_size(3);
    OP_REQUIRES(ctx, original.dim_size(0) == batch,
                errors::InvalidArgument("input_grad and original_image must have the same "
                                        "batch size: ", batch, " vs ", original.dim_size(0)));
    OP_REQUIRES(ctx, original.dim_size(3) == C,
                errors::InvalidArgument("input_grad and original_image must have the same "
                                        "number of channels: ", C, " vs ",
                                        original.dim_size(3)));
    const int64_t in_h = original.dim_size(1), in_w = original.dim_size(2);
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, original.shape(), &out));
    T* dst = out->data<T>();
    std::fill_n(dst, out->NumElements(), T(0));
    if (grads.NumElements() == 0 || out->NumElements() == 0) return;
    const float h_scale = ResizeScale(in_h, out_h, align_corners_);
    const float w_scale = ResizeScale(in_w, out_w, align_corners_);
    const auto ys = InterpolationWeights(out_h, in_h, h_scale, half_pixel_centers_);
    const auto xs = InterpolationWeights(out_w, in_w, w_scale, half_pixel_centers_);
    const float* g = grads.data<float>();
    // One image per shard: the scatter stays within its own image.
    ctx->ParallelFor(batch, out_h * out_w * C * 16, [&](int64_t b0, int64_t b1) {
      for (int64_t b = b0; b < b1; ++b) {
        T* img = dst + b * in_h * in_w * C;
        for (int64_t y = 0; y < out_h; ++y) {
          const float yl = ys[y].lerp, inv_yl = 1.0f - yl;
          T* top = img + ys[y].lower * in_w * C;
          T* bottom = img + ys[y].upper * in_w * C;
          const float* grow = g + ((b * out_h + y) * out_w) * C;
          for (int64_t x = 0; x < out_w; ++x) {
            const float xl = xs[x].lerp, inv_xl = 1.0f - xl;
            const int64_t l = xs[x].lower * C, r = xs[x].upper * C;
            for (int64_t c = 0; c < C; ++c) {
              const float v = grow[x * C + c];
              top[l + c] += T(v * inv_yl * inv_xl);
              top[r + c] += T(v * inv_yl * xl);
              bottom[l + c] += T(v * yl * inv_xl);
              bottom[r + c] += T(v * yl * xl);
            }
          }
        }
      }
    });
  }
};

template <typename T>
class ResizeNearestNeighborGradOp : public ResizeOpBase {
 public:
  using ResizeOpBase::ResizeOpBase;
  void Compute(OpKernelContext* ctx) override {
    const Tensor& grads = ctx->input(0);
    OP_REQUIRES(ctx, grads.dims() == 4,
                errors::InvalidArgument("input must be 4-dimensional",
                                        grads.shape().DebugString()));
    const Tensor& size = ctx->input(1);
    OP_REQUIRES(ctx, size.dims() == 1,
                errors::InvalidArgument("shape_t must be 1-dimensional",
                                        size.shape().DebugString()));
    OP_REQUIRES(ctx, size.NumElements() == 2,
                errors::InvalidArgument("shape_t must have two elements",
                                        size.shape().DebugString()));
    const int64_t out_h = size.data<int32_t>()[0], out_w = size.data<int32_t>()[1];
    OP_REQUIRES(ctx, out_h > 0 && out_w > 0,
                errors::InvalidArgument("shape_t's elements must be positive"));
    const int64_t batch = grads.dim_size(0), in_h = grads.dim_size(1), in_w = grads.dim_size(2),
                  C = grads.dim_size(3);
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, TensorShape({batch, out_h, out_w, C}), &out));
    T* dst = out->data<T>();
    std::fill_n(dst, out->NumElements(), T(0));
    if (out->NumElements() == 0 || grads.NumElements() == 0) return;
    const float h_scale = ResizeScale(out_h, in_h, align_corners_);
    const float w_scale = ResizeScale(out_w, in_w, align_corners_);
    const T* g = grads.data<T>();
    for (int64_t y = 0; y < in_h; ++y) {
      const int64_t oy = NearestIndex(y, h_scale, align_corners_, half_pixel_centers_, out_h);
      for (int64_t x = 0; x < in_w; ++x) {
        const int64_t ox = NearestIndex(x, w_scale, align_corners_, half_pixel_centers_, out_w);
        for (int64_t b = 0; b < batch; ++b) {
          const T* src = g + ((b * in_h + y) * in_w + x) * C;
          T* d = dst + ((b * out_h + oy) * out_w + ox) * C;
          for (int64_t c = 0; c < C; ++c) d[c] += src[c];
        }
      }
    }
  }
};

#define TFC_REGISTER_RESIZE(T)                                                              \
  REGISTER_KERNEL_BUILDER(Name("ResizeBilinear").Device(DEVICE_CPU).TypeConstraint<T>("T"), \
                          ResizeBilinearOp<T>);                                             \
  REGISTER_KERNEL_BUILDER(                                                                  \
      Name("ResizeNearestNeighbor").Device(DEVICE_CPU).TypeConstraint<T>("T"),              \
      ResizeNearestNeighborOp<T>);
TF_CALL_int8(TFC_REGISTER_RESIZE) TF_CALL_uint8(TFC_REGISTER_RESIZE)
TF_CALL_int16(TFC_REGISTER_RESIZE) TF_CALL_uint16(TFC_REGISTER_RESIZE)
TF_CALL_int32(TFC_REGISTER_RESIZE) TF_CALL_int64(TFC_REGISTER_RESIZE)
TF_CALL_half(TFC_REGISTER_RESIZE) TF_CALL_float(TFC_REGISTER_RESIZE)
TF_CALL_double(TFC_REGISTER_RESIZE)
#undef TFC_REGISTER_RESIZE
REGISTER_KERNEL_BUILDER(Name("ResizeBilinear").Device(DEVICE_CPU).TypeConstraint<bfloat16>("T"),
                        ResizeBilinearOp<bfloat16>);

#define TFC_REGISTER_BILINEAR_GRAD(T)                                                         \
  REGISTER_KERNEL_BUILDER(Name("ResizeBilinearGrad").Device(DEVICE_CPU).TypeConstraint<T>("T"), \
                          ResizeBilinearGradOp<T>);
TF_CALL_FLOAT_TYPES(TFC_REGISTER_BILINEAR_GRAD)
#undef TFC_REGISTER_BILINEAR_GRAD

#define TFC_REGISTER_NN_GRAD(T)                                                         \
  REGISTER_KERNEL_BUILDER(                                                              \
      Name("ResizeNearestNeighborGrad").Device(DEVICE_CPU).TypeConstraint<T>("T"),      \
      ResizeNearestNeighborGradOp<T>);
TF_CALL_uint8(TFC_REGISTER_NN_GRAD) TF_CALL_int8(TFC_REGISTER_NN_GRAD)
TF_CALL_int32(TFC_REGISTER_NN_GRAD) TF_CALL_half(TFC_REGISTER_NN_GRAD)
TF_CALL_float(TFC_REGISTER_NN_GRAD) TF_CALL_double(TFC_REGISTER_NN_GRAD)
#undef TFC_REGISTER_NN_GRAD

}  // namespace
}  // namespace tfc
