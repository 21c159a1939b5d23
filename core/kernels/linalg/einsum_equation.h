#pragma once
// Parsing of Einsum equations ("ab,bc->ac", "...ij,...jk->...ik"), shared by the Einsum shape
// function and kernel. Labels are numbered in order of first appearance.
#include <string>
#include <vector>

#include "core/framework/status.h"

namespace tfc {
namespace linalg {

constexpr int kEllipsisLabel = -1;

struct EinsumEquation {
  std::vector<std::vector<int>> inputs;  // label ids per input axis, kEllipsisLabel for "..."
  std::vector<int> output;
  std::vector<char> label_chars;         // label id -> letter
  bool input_has_ellipsis(int i) const;
  bool output_has_ellipsis() const;
  // Named labels of input i (the ellipsis excluded).
  int num_named(int i) const;
};

// TF 1.15's Einsum takes one or two operands and an explicit "->" output.
Status ParseEinsumEquation(const std::string& equation, int num_inputs, EinsumEquation* out);

}  // namespace linalg
}  // namespace tfc
