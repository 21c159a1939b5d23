#pragma once
// The text tf.print / tf.strings.format (StringFormat) give a tensor: TF 1.15's
// Tensor::SummarizeValue(summarize, print_v2=true). NumPy-like nested brackets, the first and
// last `summarize` entries of each dimension with "..." between them, summarize < 0 for all.
#include <cstdint>
#include <string>
#include <vector>

#include "core/framework/tensor.h"

namespace tfc {

std::string SummarizeTensorV2(const Tensor& t, int64_t summarize);

// The pieces of `tmpl` around each occurrence of `placeholder` (non-overlapping, left to
// right; an empty placeholder splits between every character), as absl::StrSplit gives them.
// The number of placeholders is size() - 1.
std::vector<std::string> SplitFormatTemplate(const std::string& tmpl,
                                             const std::string& placeholder);

// One element as TF prints it: floats shortest of %.6g/%.9g (doubles %.15g/%.17g) that reads
// back exactly, bools as 1/0, strings quoted with C escapes (octal for bytes >= 0x80, as
// TF 1.15's CEscape).
std::string FormatFloatForPrint(float v);
std::string FormatDoubleForPrint(double v);
std::string CEscapeForPrint(const std::string& s);

}  // namespace tfc
