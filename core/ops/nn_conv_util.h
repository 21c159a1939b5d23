#pragma once
// Window geometry shared by the convolution and pooling shape functions and kernels: attr
// parsing (strides, dilations, ksize, padding, explicit_paddings, data_format) and TF's output
// size rules, with TF's error messages.
#include <cstdint>
#include <string>
#include <vector>

#include "core/framework/status.h"
#include "tensorflow/core/framework/node_def.pb.h"

namespace tfc {
namespace conv {

enum class Padding { kValid, kSame, kExplicit };

Status ParsePadding(const std::string& s, Padding* out);

// Output size of one windowed dim and the padding before it. `effective` filter size is
// (k - 1) * dilation + 1. pad_before/pad_after are only read for kExplicit.
// Negative outputs give "Computed output size would be negative: ..." as TF's kernels say.
Status WindowedOutputSize(int64_t in, int64_t k, int64_t dilation, int64_t stride, Padding p,
                          int64_t explicit_before, int64_t explicit_after, int64_t* out,
                          int64_t* pad_before);

// Shape-function flavour: -1 (unknown) in or k gives -1; errors as TF's shape functions give
// them ("Negative dimension size caused by subtracting 3 from 2").
Status ShapeFnOutputSize(int64_t in, int64_t k, int64_t dilation, int64_t stride, Padding p,
                         int64_t explicit_before, int64_t explicit_after, int64_t* out);

// The layout of a conv/pool tensor: rank = spatial + 2.
struct Layout {
  int spatial = 2;
  bool channels_last = true;
  int rank() const { return spatial + 2; }
  int batch_dim() const { return 0; }
  int feature_dim() const { return channels_last ? spatial + 1 : 1; }
  int spatial_dim(int i) const { return channels_last ? 1 + i : 2 + i; }
};

// "NHWC"/"NCHW" (spatial 2), "NDHWC"/"NCDHW" (spatial 3); a missing attr means channels last.
Status ParseDataFormat(const ::tensorflow::NodeDef& def, int spatial, Layout* out);

// Everything a windowed op needs, in spatial order (batch/feature entries dropped).
struct WindowAttrs {
  Layout layout;
  std::vector<int64_t> ksize;      // pooling only
  std::vector<int64_t> strides, dilations;
  Padding padding = Padding::kValid;
  std::vector<int64_t> pad_before, pad_after;  // explicit padding only
  // Full-rank values as given (for the batch/depth checks kernels make).
  std::vector<int64_t> full_strides, full_dilations, full_ksize;
};

// Reads strides / dilations (if the op has them) / padding / explicit_paddings / data_format.
// `what` names the op in TF's messages ("Conv2D", "Conv3D", "DepthwiseConv2D").
Status ParseConvAttrs(const ::tensorflow::NodeDef& def, const std::string& what, int spatial,
                      WindowAttrs* out);

// TF's CheckValidPadding for explicit_paddings.
Status CheckValidPadding(Padding p, const std::vector<int64_t>& explicit_paddings,
                         const Layout& layout);

// The kernel-side checks TF's conv kernels make: strides/dilations of full rank, no stride or
// dilation on the batch and depth dims, dilations >= 1.
Status CheckKernelStridesDilations(const WindowAttrs& a, int rank, bool check_dilations);

// Pooling: ksize and strides as lists of rank values.
Status ParsePoolAttrs(const ::tensorflow::NodeDef& def, const std::string& what, int spatial,
                      bool from_attrs, WindowAttrs* out);
// Sets ksize/strides (spatial parts) from full-rank lists, checking TF's pooling rules.
Status SetPoolWindow(const std::vector<int64_t>& ksize, const std::vector<int64_t>& strides,
                     const std::string& what, WindowAttrs* out);

}  // namespace conv
}  // namespace tfc
