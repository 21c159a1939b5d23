#include "core/kernels/summary/wav_encoder.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

namespace tfc::wav {
namespace {

void Put16(char* p, uint16_t v) {
  p[0] = static_cast<char>(v);
  p[1] = static_cast<char>(v >> 8);
}
void Put32(char* p, uint32_t v) {
  for (int i = 0; i < 4; ++i) p[i] = static_cast<char>(v >> (8 * i));
}

int16_t ToInt16Sample(float x) {
  const float scaled = std::round(x * 32768.0f);
  return static_cast<int16_t>(std::min(std::max(scaled, -32768.0f), 32767.0f));
}

}  // namespace

Status EncodeAudioAsS16LEWav(const float* audio, size_t sample_rate, size_t num_channels,
                             size_t num_frames, std::string* wav) {
  constexpr size_t kHeader = 44;
  constexpr uint64_t kU32Max = std::numeric_limits<uint32_t>::max();
  if (sample_rate == 0 || sample_rate > kU32Max) {
    return errors::InvalidArgument("sample_rate must be in (0, 2^32), got: ", sample_rate);
  }
  if (num_channels == 0 || num_channels > 65535) {
    return errors::InvalidArgument("num_channels must be in (0, 2^16), got: ", num_channels);
  }
  // Overflow-safe: the file size must fit in uint32.
  if (num_frames > (kU32Max - kHeader) / (2 * num_channels)) {
    return errors::InvalidArgument("Provided channels and frames cannot be encoded as a WAV.");
  }
  const size_t num_samples = num_frames * num_channels;
  const size_t data_size = num_samples * 2;
  const size_t file_size = kHeader + data_size;
  wav->assign(file_size, '\0');
  char* h = wav->data();
  std::memcpy(h, "RIFF", 4);
  Put32(h + 4, static_cast<uint32_t>(file_size - 8));
  std::memcpy(h + 8, "WAVE", 4);
  std::memcpy(h + 12, "fmt ", 4);
  Put32(h + 16, 16);
  Put16(h + 20, 1);  // PCM
  Put16(h + 22, static_cast<uint16_t>(num_channels));
  Put32(h + 24, static_cast<uint32_t>(sample_rate));
  Put32(h + 28, static_cast<uint32_t>(sample_rate * 2 * num_channels));
  Put16(h + 32, static_cast<uint16_t>(2 * num_channels));
  Put16(h + 34, 16);
  std::memcpy(h + 36, "data", 4);
  Put32(h + 40, static_cast<uint32_t>(data_size));
  char* d = h + kHeader;
  for (size_t i = 0; i < num_samples; ++i) {
    Put16(d + 2 * i, static_cast<uint16_t>(ToInt16Sample(audio[i])));
  }
  return OkStatus();
}

}  // namespace tfc::wav
