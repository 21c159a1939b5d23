#pragma once
// 16-bit little-endian PCM WAV, as AudioSummary encodes audio (TF's wav_io layout: a 44-byte
// RIFF/fmt/data header, then samples round(x * 32768) clamped to int16).
#include <cstddef>
#include <string>

#include "core/framework/status.h"

namespace tfc::wav {

// `audio` holds num_frames * num_channels interleaved samples.
Status EncodeAudioAsS16LEWav(const float* audio, size_t sample_rate, size_t num_channels,
                             size_t num_frames, std::string* wav);

}  // namespace tfc::wav
