#include "core/kernels/linalg/einsum_equation.h"

#include <algorithm>
#include <cctype>
#include <map>

namespace tfc {
namespace linalg {
namespace {

std::vector<std::string> Split(const std::string& s, char sep) {
  std::vector<std::string> parts;
  std::string cur;
  for (char ch : s) {
    if (ch == sep) {
      parts.push_back(cur);
      cur.clear();
    } else {
      cur.push_back(ch);
    }
  }
  parts.push_back(cur);
  return parts;
}

Status ParseSubscripts(const std::string& eq, const std::string& subs,
                       std::map<char, int>* ids, std::vector<char>* chars,
                       bool may_add, std::vector<int>* out) {
  bool seen_ellipsis = false;
  for (size_t i = 0; i < subs.size();) {
    if (subs[i] == '.') {
      if (subs.compare(i, 3, "...") != 0 || seen_ellipsis) {
        return errors::InvalidArgument("Invalid ellipsis in einsum equation: '", eq, "'");
      }
      seen_ellipsis = true;
      out->push_back(kEllipsisLabel);
      i += 3;
      continue;
    }
    const char ch = subs[i];
    if (!std::isalpha(static_cast<unsigned char>(ch))) {
      return errors::InvalidArgument("Invalid character '", ch, "' in einsum equation: '", eq,
                                     "'");
    }
    auto it = ids->find(ch);
    if (it == ids->end()) {
      if (!may_add) {
        return errors::InvalidArgument("Output subscripts contain the label '", ch,
                                       "' which does not appear in the input subscripts of "
                                       "einsum equation: '", eq, "'");
      }
      it = ids->emplace(ch, static_cast<int>(chars->size())).first;
      chars->push_back(ch);
    }
    out->push_back(it->second);
    ++i;
  }
  return OkStatus();
}

}  // namespace

bool EinsumEquation::input_has_ellipsis(int i) const {
  return std::count(inputs[i].begin(), inputs[i].end(), kEllipsisLabel) > 0;
}
bool EinsumEquation::output_has_ellipsis() const {
  return std::count(output.begin(), output.end(), kEllipsisLabel) > 0;
}
int EinsumEquation::num_named(int i) const {
  return static_cast<int>(inputs[i].size()) - (input_has_ellipsis(i) ? 1 : 0);
}

Status ParseEinsumEquation(const std::string& equation, int num_inputs, EinsumEquation* out) {
  std::string eq;
  for (char ch : equation) {
    if (!std::isspace(static_cast<unsigned char>(ch))) eq.push_back(ch);
  }
  const size_t arrow = eq.find("->");
  if (arrow == std::string::npos || eq.find("->", arrow + 2) != std::string::npos) {
    return errors::InvalidArgument("Expecting exactly one '->' in einsum equation: ", equation);
  }
  const std::vector<std::string> ins = Split(eq.substr(0, arrow), ',');
  if (ins.size() != 1 && ins.size() != 2) {
    return errors::InvalidArgument("Expecting 1 or 2 input subscripts in equation '", equation,
                                   "' but got: ", ins.size());
  }
  if (static_cast<int>(ins.size()) != num_inputs) {
    return errors::InvalidArgument("Expecting ", ins.size(), " inputs in einsum equation '",
                                   equation, "' but got: ", num_inputs);
  }
  *out = EinsumEquation();
  std::map<char, int> ids;
  for (const std::string& s : ins) {
    out->inputs.emplace_back();
    TFC_RETURN_IF_ERROR(ParseSubscripts(equation, s, &ids, &out->label_chars, true,
                                        &out->inputs.back()));
  }
  TFC_RETURN_IF_ERROR(ParseSubscripts(equation, eq.substr(arrow + 2), &ids, &out->label_chars,
                                      false, &out->output));
  std::vector<int> sorted = out->output;
  std::sort(sorted.begin(), sorted.end());
  if (std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end()) {
    return errors::InvalidArgument("Output subscripts contain a label appearing more than once: ",
                                   equation);
  }
  if (out->output_has_ellipsis()) {
    bool any = false;
    for (int i = 0; i < num_inputs; ++i) any = any || out->input_has_ellipsis(i);
    if (!any) {
      return errors::InvalidArgument("Output subscripts have an ellipsis but no input does: ",
                                     equation);
    }
  }
  return OkStatus();
}

}  // namespace linalg
}  // namespace tfc
