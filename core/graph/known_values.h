#pragma once
// Values that are known while the graph is built, for shape functions: Const values, and
// small results of Shape/Size/Rank/Identity that follow from static shapes. Also partial
// shapes encoded by a Shape or Pack output (input_tensors_as_shapes in TF).
#include <memory>

#include "core/framework/tensor.h"
#include "core/framework/tensor_shape.h"
#include "core/graph/graph.h"

namespace tfc {

// The value of `e` if it is known without running anything, else nullptr.
std::shared_ptr<const Tensor> EvaluateKnownValue(const Graph& g, const Endpoint& e);

// The partial shape that the int32/int64 vector `e` encodes, or unknown rank if nothing is
// known about it.
PartialTensorShape EvaluateTensorAsShape(const Graph& g, const Endpoint& e);

}  // namespace tfc
