#include "core/ops/nn_conv_util.h"

#include <algorithm>

#include "core/framework/attr_value_util.h"

namespace tfc {
namespace conv {

Status ParsePadding(const std::string& s, Padding* out) {
  if (s == "VALID") {
    *out = Padding::kValid;
  } else if (s == "SAME") {
    *out = Padding::kSame;
  } else if (s == "EXPLICIT") {
    *out = Padding::kExplicit;
  } else {
    return errors::InvalidArgument("Unknown padding type: ", s);
  }
  return OkStatus();
}

Status WindowedOutputSize(int64_t in, int64_t k, int64_t dilation, int64_t stride, Padding p,
                          int64_t explicit_before, int64_t explicit_after, int64_t* out,
                          int64_t* pad_before) {
  if (stride <= 0) return errors::InvalidArgument("Stride must be > 0, but got ", stride);
  if (dilation < 1) return errors::InvalidArgument("Dilation rate must be >= 1, but got ", dilation);
  const int64_t effective = (k - 1) * dilation + 1;
  switch (p) {
    case Padding::kValid:
      *out = (in - effective + stride) / stride;
      *pad_before = 0;
      break;
    case Padding::kExplicit:
      *out = (in + explicit_before + explicit_after - effective + stride) / stride;
      *pad_before = explicit_before;
      break;
    case Padding::kSame: {
      *out = (in + stride - 1) / stride;
      const int64_t needed = std::max<int64_t>(0, (*out - 1) * stride + effective - in);
      *pad_before = needed / 2;
      break;
    }
  }
  if (*out < 0) {
    return errors::InvalidArgument("Computed output size would be negative: ", *out,
                                   " [input_size: ", in, ", effective_filter_size: ", effective,
                                   ", stride: ", stride, "]");
  }
  return OkStatus();
}

Status ShapeFnOutputSize(int64_t in, int64_t k, int64_t dilation, int64_t stride, Padding p,
                         int64_t explicit_before, int64_t explicit_after, int64_t* out) {
  if (stride <= 0) return errors::InvalidArgument("Stride must be > 0, but got ", stride);
  if (dilation < 1) return errors::InvalidArgument("Dilation rate must be >= 1, but got ", dilation);
  if (p == Padding::kSame) {
    *out = in < 0 ? -1 : (in + stride - 1) / stride;
    return OkStatus();
  }
  if (in < 0 || k < 0) {
    *out = -1;
    return OkStatus();
  }
  const int64_t effective = (k - 1) * dilation + 1;
  int64_t padded = in;
  if (p == Padding::kExplicit) padded += explicit_before + explicit_after;
  if (padded < effective - 1) {
    return errors::InvalidArgument("Negative dimension size caused by subtracting ",
                                   effective - 1, " from ", padded);
  }
  *out = (padded - (effective - 1) + stride - 1) / stride;
  return OkStatus();
}

Status ParseDataFormat(const ::tensorflow::NodeDef& def, int spatial, Layout* out) {
  out->spatial = spatial;
  out->channels_last = true;
  std::string fmt;
  if (!GetNodeAttr(def, "data_format", &fmt).ok()) return OkStatus();
  if (fmt == "NHWC" || fmt == "NDHWC" || fmt == "NWC") {
    out->channels_last = true;
  } else if (fmt == "NCHW" || fmt == "NCDHW" || fmt == "NCW") {
    out->channels_last = false;
  } else {
    return errors::InvalidArgument("Invalid data format string: ", fmt);
  }
  return OkStatus();
}

Status CheckValidPadding(Padding p, const std::vector<int64_t>& explicit_paddings,
                         const Layout& layout) {
  const int num_dims = layout.rank();
  if (p == Padding::kExplicit) {
    if (static_cast<int>(explicit_paddings.size()) != 2 * num_dims) {
      return errors::InvalidArgument("explicit_paddings attribute must contain ", 2 * num_dims,
                                     " values, but got: ", explicit_paddings.size());
    }
    for (int64_t v : explicit_paddings) {
      if (v < 0) {
        return errors::InvalidArgument("All elements of explicit_paddings must be nonnegative");
      }
    }
    const int b = layout.batch_dim(), f = layout.feature_dim();
    if (explicit_paddings[2 * b] != 0 || explicit_paddings[2 * b + 1] != 0 ||
        explicit_paddings[2 * f] != 0 || explicit_paddings[2 * f + 1] != 0) {
      return errors::InvalidArgument(
          "Nonzero explicit padding in the batch or depth dimensions is not supported");
    }
  } else if (!explicit_paddings.empty()) {
    return errors::InvalidArgument(
        "explicit_paddings attribute must be empty if the padding attribute is not EXPLICIT");
  }
  return OkStatus();
}

Status ParseConvAttrs(const ::tensorflow::NodeDef& def, const std::string& what, int spatial,
                      WindowAttrs* out) {
  TFC_RETURN_IF_ERROR(ParseDataFormat(def, spatial, &out->layout));
  const Layout& L = out->layout;
  const int rank = L.rank();
  std::vector<int64_t> dilations(rank, 1), strides;
  if (FindAttr(def, "dilations") != nullptr) {
    TFC_RETURN_IF_ERROR(GetNodeAttr(def, "dilations", &dilations));
    if (static_cast<int>(dilations.size()) != rank) {
      return errors::InvalidArgument(what, " requires the dilation attribute to contain ", rank,
                                     " values, but got: ", dilations.size());
    }
  }
  TFC_RETURN_IF_ERROR(GetNodeAttr(def, "strides", &strides));
  if (static_cast<int>(strides.size()) != rank) {
    return errors::InvalidArgument(what, " requires the stride attribute to contain ", rank,
                                   " values, but got: ", strides.size());
  }
  std::string padding;
  TFC_RETURN_IF_ERROR(GetNodeAttr(def, "padding", &padding));
  TFC_RETURN_IF_ERROR(ParsePadding(padding, &out->padding));
  std::vector<int64_t> explicit_paddings;
  if (FindAttr(def, "explicit_paddings") != nullptr) {
    TFC_RETURN_IF_ERROR(GetNodeAttr(def, "explicit_paddings", &explicit_paddings));
  }
  TFC_RETURN_IF_ERROR(CheckValidPadding(out->padding, explicit_paddings, L));
  out->full_strides = strides;
  out->full_dilations = dilations;
  out->strides.clear();
  out->dilations.clear();
  out->pad_before.assign(spatial, 0);
  out->pad_after.assign(spatial, 0);
  for (int i = 0; i < spatial; ++i) {
    const int d = L.spatial_dim(i);
    out->strides.push_back(strides[d]);
    out->dilations.push_back(dilations[d]);
    if (out->padding == Padding::kExplicit) {
      out->pad_before[i] = explicit_paddings[2 * d];
      out->pad_after[i] = explicit_paddings[2 * d + 1];
    }
  }
  return OkStatus();
}

Status CheckKernelStridesDilations(const WindowAttrs& a, int rank, bool check_dilations) {
  const Layout& L = a.layout;
  const int b = L.batch_dim(), f = L.feature_dim();
  if (static_cast<int>(a.full_strides.size()) != rank) {
    return errors::InvalidArgument("Sliding window strides field must specify ", rank,
                                   " dimensions");
  }
  if (a.full_strides[b] != 1 || a.full_strides[f] != 1) {
    return errors::InvalidArgument(
        "Current implementation does not yet support strides in the batch and depth "
        "dimensions.");
  }
  for (int64_t s : a.strides) {
    if (s <= 0) return errors::InvalidArgument("Stride must be > 0, but got ", s);
  }
  if (!check_dilations) return OkStatus();
  if (static_cast<int>(a.full_dilations.size()) != rank) {
    return errors::InvalidArgument("Sliding window dilations field must specify ", rank,
                                   " dimensions");
  }
  if (a.full_dilations[b] != 1 || a.full_dilations[f] != 1) {
    return errors::InvalidArgument(
        "Current implementation does not yet support dilations in the batch and depth "
        "dimensions.");
  }
  for (int64_t d : a.dilations) {
    if (d < 1) return errors::InvalidArgument("Dilated rates should be larger than 0.");
  }
  return OkStatus();
}

Status SetPoolWindow(const std::vector<int64_t>& ksize, const std::vector<int64_t>& strides,
                     const std::string& what, WindowAttrs* out) {
  const Layout& L = out->layout;
  const int rank = L.rank();
  if (static_cast<int>(ksize.size()) != rank) {
    return errors::InvalidArgument("Sliding window ksize field must specify ", rank,
                                   " dimensions");
  }
  if (static_cast<int>(strides.size()) != rank) {
    return errors::InvalidArgument("Sliding window stride field must specify ", rank,
                                   " dimensions");
  }
  const int b = L.batch_dim(), f = L.feature_dim();
  if (ksize[b] != 1 || strides[b] != 1) {
    return errors::Unimplemented("Pooling is not yet supported on the batch dimension.");
  }
  if (ksize[f] != 1 || strides[f] != 1) {
    return errors::Unimplemented("Non-spatial pooling is not yet supported. Volunteers? :)");
  }
  out->full_ksize = ksize;
  out->full_strides = strides;
  out->ksize.clear();
  out->strides.clear();
  for (int i = 0; i < L.spatial; ++i) {
    const int64_t k = ksize[L.spatial_dim(i)], s = strides[L.spatial_dim(i)];
    if (k <= 0) return errors::InvalidArgument("Sliding window ksize must be positive.");
    if (s <= 0) return errors::InvalidArgument("Sliding window stride must be positive.");
    out->ksize.push_back(k);
    out->strides.push_back(s);
  }
  out->dilations.assign(L.spatial, 1);
  (void)what;
  return OkStatus();
}

Status ParsePoolAttrs(const ::tensorflow::NodeDef& def, const std::string& what, int spatial,
                      bool from_attrs, WindowAttrs* out) {
  TFC_RETURN_IF_ERROR(ParseDataFormat(def, spatial, &out->layout));
  std::string padding;
  TFC_RETURN_IF_ERROR(GetNodeAttr(def, "padding", &padding));
  TFC_RETURN_IF_ERROR(ParsePadding(padding, &out->padding));
  out->pad_before.assign(spatial, 0);
  out->pad_after.assign(spatial, 0);
  if (!from_attrs) return OkStatus();
  std::vector<int64_t> ksize, strides;
  TFC_RETURN_IF_ERROR(GetNodeAttr(def, "ksize", &ksize));
  TFC_RETURN_IF_ERROR(GetNodeAttr(def, "strides", &strides));
  return SetPoolWindow(ksize, strides, what, out);
}

}  // namespace conv
}  // namespace tfc
