#pragma once
// Runs one node's CPU kernel on known input values while the graph is built, as TF's shape
// refiner evaluates small constant subgraphs (so tf.reshape(x, tf.stack([a * 2, -1])) and the
// like get static shapes).
#include <memory>
#include <vector>

#include "core/framework/tensor.h"
#include "core/graph/graph.h"

namespace tfc {

// Inputs (and the Consts feeding them) larger than this are not folded, as in TF; nor are
// results whose static shape is larger.
constexpr int64_t kMaxFoldedInputBytes = 1024;

// Whether `n` may be evaluated at graph-construction time at all: stateless, with a CPU kernel,
// not a placeholder, control-flow or reference op, and without control inputs.
bool IsFoldable(const Node& n);

// Output `output` of `n` computed from `inputs`, or nullptr if the kernel fails.
std::shared_ptr<const Tensor> EvaluateNode(const Node& n, int output,
                                           const std::vector<std::shared_ptr<const Tensor>>& inputs);

}  // namespace tfc
