// AudioSummaryV2 (sample rate as an input) and the deprecated AudioSummary (as an attr): up to
// max_outputs 16-bit WAV clips from a [batch, frames] or [batch, frames, channels] tensor.
#include <algorithm>
#include <cmath>
#include <string>

#include "core/framework/op_kernel.h"
#include "core/kernels/summary/summary_util.h"
#include "core/kernels/summary/wav_encoder.h"

namespace tfc {
namespace {

class AudioSummaryOp : public OpKernel {
 public:
  explicit AudioSummaryOp(OpKernelConstruction* ctx) : OpKernel(ctx) {
    OP_REQUIRES_OK(ctx, ctx->GetAttr("max_outputs", &max_outputs_));
    OP_REQUIRES(ctx, max_outputs_ > 0, errors::InvalidArgument("max_outputs must be > 0"));
    has_sample_rate_attr_ = ctx->num_inputs() == 2;
    if (has_sample_rate_attr_) {
      OP_REQUIRES_OK(ctx, ctx->GetAttr("sample_rate", &sample_rate_attr_));
    }
  }

  void Compute(OpKernelContext* ctx) override {
    const Tensor& tag = ctx->input(0);
    const Tensor& tensor = ctx->input(1);
    OP_REQUIRES(ctx, summary::IsLegacyScalar(tag.shape()),
                errors::InvalidArgument("Tag must be a scalar"));
    OP_REQUIRES(ctx, tensor.dims() >= 2 && tensor.dims() <= 3,
                errors::InvalidArgument("Tensor must be 3-D or 2-D, got: ",
                                        tensor.shape().DebugString()));
    const std::string& base_tag = tag.data<tstring>()[0];
    float sample_rate = sample_rate_attr_;
    if (!has_sample_rate_attr_) {
      const Tensor& rate = ctx->input(2);
      OP_REQUIRES(ctx, rate.dims() == 0,
                  errors::InvalidArgument("Input sample_rate should be a scalar tensor, got ",
                                          rate.shape().DebugString(), " instead."));
      sample_rate = rate.scalar<float>();
    }
    OP_REQUIRES(ctx, sample_rate > 0.0f, errors::InvalidArgument("sample_rate must be > 0"));

    const int64_t batch = tensor.dim_size(0);
    const int64_t frames = tensor.dim_size(1);
    const int64_t channels = tensor.dims() == 2 ? 1 : tensor.dim_size(2);
    ::tensorflow::Summary s;
    const int64_t n = std::min<int64_t>(max_outputs_, batch);
    for (int64_t i = 0; i < n; ++i) {
      auto* v = s.add_value();
      v->set_tag(max_outputs_ > 1 ? base_tag + "/audio/" + std::to_string(i)
                                  : base_tag + "/audio");
      auto* audio = v->mutable_audio();
      audio->set_sample_rate(sample_rate);
      audio->set_num_channels(channels);
      audio->set_length_frames(frames);
      audio->set_content_type("audio/wav");
      size_t rate = static_cast<size_t>(std::lrint(sample_rate));
      if (rate == 0) rate = 1;
      OP_REQUIRES_OK(ctx, wav::EncodeAudioAsS16LEWav(
                              tensor.data<float>() + i * frames * channels, rate, channels,
                              frames, audio->mutable_encoded_audio_string()));
    }
    OP_REQUIRES_OK(ctx, summary::WriteSummary(ctx, s));
  }

 private:
  int max_outputs_ = 3;
  bool has_sample_rate_attr_ = false;
  float sample_rate_attr_ = 0.0f;
};

REGISTER_KERNEL_BUILDER(Name("AudioSummaryV2").Device(DEVICE_CPU), AudioSummaryOp);
REGISTER_KERNEL_BUILDER(Name("AudioSummary").Device(DEVICE_CPU), AudioSummaryOp);

}  // namespace
}  // namespace tfc
