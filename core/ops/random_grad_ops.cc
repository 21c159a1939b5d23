// RandomGammaGrad (TF 1.15 core/ops/math_ops.cc): d sample / d alpha of Gamma(alpha, 1) samples,
// the op the RandomGamma gradient builds.
#include "core/framework/op_registry.h"
#include "core/framework/shape_inference.h"

namespace tfc {

REGISTER_OP("RandomGammaGrad")
    .Input("alpha: T")
    .Input("sample: T")
    .Output("output: T")
    .Attr("T: {float, double}")
    .SetShapeFn(shape_inference::BroadcastBinaryOpShapeFn);

}  // namespace tfc
