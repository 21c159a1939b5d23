// TF 1.15's print_v2 tensor summary, used by StringFormat (and so by tf.print).
#include "core/kernels/string/string_format_summary.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <type_traits>

#include "core/framework/register_types.h"
#include "core/framework/types.h"

namespace tfc {

// TF's CPU threads run with denormals-are-zero, so a subnormal float or double prints as a
// (signed) zero.
template <typename F>
F FlushDenormal(F v) {
  return std::fpclassify(v) == FP_SUBNORMAL ? std::copysign(F(0), v) : v;
}

std::string FormatFloatForPrint(float v) {
  v = FlushDenormal(v);
  char buf[48];
  std::snprintf(buf, sizeof(buf), "%.*g", 6, static_cast<double>(v));
  // TF keeps 6 significant digits only where they read back to the same float.
  if (std::strtof(buf, nullptr) != v) {
    std::snprintf(buf, sizeof(buf), "%.*g", 9, static_cast<double>(v));
  }
  return buf;
}

std::string FormatDoubleForPrint(double v) {
  v = FlushDenormal(v);
  char buf[48];
  std::snprintf(buf, sizeof(buf), "%.*g", 15, v);
  if (std::strtod(buf, nullptr) != v) std::snprintf(buf, sizeof(buf), "%.*g", 17, v);
  return buf;
}

std::string CEscapeForPrint(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (unsigned char c : s) {
    switch (c) {
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '"': out += "\\\""; break;
      case '\'': out += "\\'"; break;
      case '\\': out += "\\\\"; break;
      default:
        if (c < 0x20 || c >= 0x7F) {
          char oct[5];
          std::snprintf(oct, sizeof(oct), "\\%03o", static_cast<unsigned>(c));
          out += oct;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out;
}

std::vector<std::string> SplitFormatTemplate(const std::string& tmpl,
                                             const std::string& placeholder) {
  std::vector<std::string> pieces;
  if (placeholder.empty()) {
    if (tmpl.empty()) return {std::string()};
    for (char c : tmpl) pieces.emplace_back(1, c);
    return pieces;
  }
  size_t start = 0;
  for (size_t pos; (pos = tmpl.find(placeholder, start)) != std::string::npos;
       start = pos + placeholder.size()) {
    pieces.push_back(tmpl.substr(start, pos - start));
  }
  pieces.push_back(tmpl.substr(start));
  return pieces;
}

namespace {

template <typename T>
std::string FormatElement(const T& v) {
  if constexpr (std::is_same_v<T, bool>) {
    return v ? "1" : "0";
  } else if constexpr (std::is_same_v<T, float> || std::is_same_v<T, half> ||
                       std::is_same_v<T, bfloat16>) {
    return FormatFloatForPrint(static_cast<float>(v));
  } else if constexpr (std::is_same_v<T, double>) {
    return FormatDoubleForPrint(v);
  } else if constexpr (std::is_same_v<T, tstring>) {
    std::string quoted(1, '"');
    quoted += CEscapeForPrint(v);
    quoted += '"';
    return quoted;
  } else {
    return std::to_string(v);
  }
}

// Between two entries of dimension `dim`: a space in the innermost one, else one newline per
// inner dimension and an indent of dim + 1 spaces (NumPy's layout).
void AppendSpacing(int dim, int ndims, std::string* out) {
  if (dim == ndims - 1) {
    *out += ' ';
    return;
  }
  out->append(static_cast<size_t>(ndims - dim - 1), '\n');
  out->append(static_cast<size_t>(dim + 1), ' ');
}

template <typename T>
struct DimPrinter {
  const T* data;
  const std::vector<int64_t>& shape;
  std::vector<int64_t> strides;
  int64_t ends;  // entries shown at each end of every dimension
  std::string* out;

  void Print(int dim, int64_t offset) {
    const int ndims = static_cast<int>(shape.size());
    if (dim == ndims) {
      *out += FormatElement(data[offset]);
      return;
    }
    *out += '[';
    const int64_t n = shape[dim];
    for (int64_t i = 0; i < ends && i < n; ++i) {
      if (i > 0) AppendSpacing(dim, ndims, out);
      Print(dim + 1, offset + strides[dim] * i);
    }
    if (n > 2 * ends) {
      AppendSpacing(dim, ndims, out);
      *out += "...";
    }
    for (int64_t i = std::max(ends, n - ends); i < n; ++i) {
      AppendSpacing(dim, ndims, out);
      Print(dim + 1, offset + strides[dim] * i);
    }
    *out += ']';
  }
};

template <typename T>
std::string SummarizeArray(const Tensor& t, int64_t limit) {
  const T* data = limit > 0 ? t.data<T>() : nullptr;
  const std::vector<int64_t> shape = t.shape().dim_sizes();
  std::string out;
  if (shape.empty()) {
    for (int64_t i = 0; i < limit; ++i) {
      if (i > 0) out += ' ';
      out += FormatElement(data[i]);
    }
    if (t.NumElements() > limit) out += "...";
    return out;
  }
  std::vector<int64_t> strides(shape.size(), 1);
  for (int d = static_cast<int>(shape.size()) - 2; d >= 0; --d) {
    strides[d] = strides[d + 1] * shape[d + 1];
  }
  DimPrinter<T> p{data, shape, std::move(strides), limit, &out};
  p.Print(0, 0);
  return out;
}

}  // namespace

std::string SummarizeTensorV2(const Tensor& t, int64_t summarize) {
  const int64_t num = t.NumElements();
  const int64_t max_entries = summarize < 0 ? num : summarize;
  const int64_t limit = std::min(max_entries, num);
  if (limit > 0 && !t.IsInitialized()) {
    return "uninitialized Tensor of " + std::to_string(num) + " elements of type " +
           std::to_string(static_cast<int>(t.dtype()));
  }
  switch (t.dtype()) {
#define TFC_SUMMARIZE_CASE(T) \
  case DataTypeToEnum<T>::value: return SummarizeArray<T>(t, limit);
    TF_CALL_REAL_NUMBER_TYPES(TFC_SUMMARIZE_CASE)
    TF_CALL_bool(TFC_SUMMARIZE_CASE)
    TF_CALL_tstring(TFC_SUMMARIZE_CASE)
#undef TFC_SUMMARIZE_CASE
    default: {
      // TF 1.15 has no text for the other dtypes (complex, resource, variant): one "?" each.
      std::string out = "[";
      for (int64_t i = 0; i < limit; ++i) out += i > 0 ? " ?" : "?";
      if (max_entries < num) out += "...";
      return out + "]";
    }
  }
}

}  // namespace tfc
