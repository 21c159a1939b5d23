// ImageSummary: up to max_images PNG images from a [batch, height, width, channels] tensor.
// Float images are scaled per image as TF does: all values >= 0 map max -> 255; otherwise
// zero goes to 128 and the largest magnitude to +-127. Non-finite pixels get bad_color.
#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "core/framework/op_kernel.h"
#include "core/kernels/summary/png_encoder.h"
#include "core/kernels/summary/summary_util.h"

namespace tfc {
namespace {

class ImageSummaryOp : public OpKernel {
 public:
  explicit ImageSummaryOp(OpKernelConstruction* ctx) : OpKernel(ctx) {
    int64_t max_images = 0;
    OP_REQUIRES_OK(ctx, ctx->GetAttr("max_images", &max_images));
    OP_REQUIRES(ctx, max_images < (int64_t{1} << 31),
                errors::InvalidArgument("max_images must be < 2^31"));
    max_images_ = static_cast<int>(max_images);
    OP_REQUIRES_OK(ctx, ctx->GetAttr("bad_color", &bad_color_));
    OP_REQUIRES(ctx, bad_color_.dtype() == DT_UINT8,
                errors::InvalidArgument("bad_color must be uint8, got ",
                                        DataTypeString(bad_color_.dtype())));
    OP_REQUIRES(ctx, bad_color_.dims() == 1,
                errors::InvalidArgument("bad_color must be a vector, got shape ",
                                        bad_color_.shape().DebugString()));
  }

  void Compute(OpKernelContext* ctx) override {
    const Tensor& tags = ctx->input(0);
    const Tensor& tensor = ctx->input(1);
    OP_REQUIRES(ctx, summary::IsLegacyScalar(tags.shape()),
                errors::InvalidArgument("Tags must be a scalar"));
    OP_REQUIRES(ctx,
                tensor.dims() == 4 && (tensor.dim_size(3) == 1 || tensor.dim_size(3) == 3 ||
                                       tensor.dim_size(3) == 4),
                errors::InvalidArgument("Tensor must be 4-D with last dim 1, 3, or 4, not ",
                                        tensor.shape().DebugString()));
    const int64_t limit = int64_t{1} << 31;
    OP_REQUIRES(ctx,
                tensor.dim_size(0) < limit && tensor.dim_size(1) < limit &&
                    tensor.dim_size(2) < limit &&
                    tensor.dim_size(1) * tensor.dim_size(2) < (int64_t{1} << 29),
                errors::InvalidArgument("Tensor too large for summary ",
                                        tensor.shape().DebugString()));
    const std::string& base_tag = tags.data<tstring>()[0];
    const int batch = static_cast<int>(tensor.dim_size(0));
    const int h = static_cast<int>(tensor.dim_size(1));
    const int w = static_cast<int>(tensor.dim_size(2));
    const int depth = static_cast<int>(tensor.dim_size(3));
    const int64_t image_size = int64_t{h} * w * depth;

    if (tensor.dtype() != DT_UINT8) {
      OP_REQUIRES(ctx, bad_color_.dim_size(0) >= depth,
                  errors::InvalidArgument("expected depth <= bad_color.size, got depth = ",
                                          depth, ", bad_color.size = ", bad_color_.dim_size(0)));
    }
    ::tensorflow::Summary s;
    std::vector<uint8_t> scratch(tensor.dtype() == DT_UINT8 ? 0 : image_size);
    const int n = std::min(max_images_, batch);
    for (int i = 0; i < n; ++i) {
      const uint8_t* pixels = nullptr;
      switch (tensor.dtype()) {
        case DT_UINT8:
          pixels = tensor.data<uint8_t>() + i * image_size;
          break;
        case DT_HALF:
          Normalize<half>(tensor.data<half>() + i * image_size, h * w, depth, scratch.data());
          break;
        case DT_FLOAT:
          Normalize<float>(tensor.data<float>() + i * image_size, h * w, depth, scratch.data());
          break;
        case DT_DOUBLE:
          Normalize<double>(tensor.data<double>() + i * image_size, h * w, depth,
                            scratch.data());
          break;
        default:
          OP_REQUIRES(ctx, false, errors::InvalidArgument("ImageSummary: unsupported type ",
                                                          DataTypeString(tensor.dtype())));
      }
      if (pixels == nullptr) pixels = scratch.data();
      auto* v = s.add_value();
      // The tag depends on how many images were requested, not on how many there are.
      v->set_tag(max_images_ > 1 ? base_tag + "/image/" + std::to_string(i)
                                 : base_tag + "/image");
      auto* image = v->mutable_image();
      image->set_height(h);
      image->set_width(w);
      image->set_colorspace(depth);
      OP_REQUIRES_OK(ctx, png::EncodeImage(pixels, w, h, depth,
                                           image->mutable_encoded_image_string()));
    }
    OP_REQUIRES_OK(ctx, summary::WriteSummary(ctx, s));
  }

 private:
  static bool Finite(half v) { return std::isfinite(static_cast<float>(v)); }
  static bool Finite(float v) { return std::isfinite(v); }
  static bool Finite(double v) { return std::isfinite(v); }

  static uint8_t ToUint8(half v) { return static_cast<uint8_t>(static_cast<float>(v)); }
  static uint8_t ToUint8(float v) { return static_cast<uint8_t>(v); }
  static uint8_t ToUint8(double v) { return static_cast<uint8_t>(v); }

  template <typename T>
  static bool PixelFinite(const T* px, int depth) {
    for (int j = 0; j < depth; ++j) {
      if (!Finite(px[j])) return false;
    }
    return true;
  }

  // Range from the finite pixels (compared in float as TF does), then value * scale + offset
  // computed in T and truncated to uint8.
  template <typename T>
  void Normalize(const T* values, int hw, int depth, uint8_t* out) const {
    float lo = std::numeric_limits<float>::infinity();
    float hi = -lo;
    for (int i = 0; i < hw; ++i) {
      const T* px = values + int64_t{i} * depth;
      if (!PixelFinite(px, depth)) continue;
      for (int j = 0; j < depth; ++j) {
        const float f = static_cast<float>(px[j]);
        lo = std::min(lo, f);
        hi = std::max(hi, f);
      }
    }
    constexpr float kZeroThreshold = 1e-6f;
    T scale, offset;
    if (lo < 0) {
      const float max_val = std::max(std::abs(lo), std::abs(hi));
      scale = T(max_val < kZeroThreshold ? 0.0f : 127.0f / max_val);
      offset = T(128.0f);
    } else {
      scale = T(hi < kZeroThreshold ? 0.0f : 255.0f / hi);
      offset = T(0.0f);
    }
    const uint8_t* bad = bad_color_.data<uint8_t>();
    for (int i = 0; i < hw; ++i) {
      const T* px = values + int64_t{i} * depth;
      uint8_t* dst = out + int64_t{i} * depth;
      if (PixelFinite(px, depth)) {
        for (int j = 0; j < depth; ++j) {
          const T scaled = px[j] * scale;
          dst[j] = ToUint8(scaled + offset);
        }
      } else {
        std::copy(bad, bad + depth, dst);
      }
    }
  }

  int max_images_ = 3;
  Tensor bad_color_;
};

REGISTER_KERNEL_BUILDER(Name("ImageSummary").Device(DEVICE_CPU), ImageSummaryOp);

}  // namespace
}  // namespace tfc
