#pragma once
// A minimal PNG writer for ImageSummary: 8-bit gray, gray+alpha, RGB or RGBA, non-interlaced,
// one IDAT chunk deflated by zlib. Readers (TensorBoard, PIL, libpng) decode it like TF's.
#include <cstdint>
#include <string>

#include "core/framework/status.h"

namespace tfc::png {

// `pixels` is height rows of width*channels bytes, row-major; channels is 1 to 4.
Status EncodeImage(const uint8_t* pixels, int width, int height, int channels, std::string* out);

}  // namespace tfc::png
