// L2Loss: interface and shape function (TF 1.15 spec).
#include "core/framework/op_registry.h"
#include "core/framework/shape_inference.h"

namespace tfc {

REGISTER_OP("L2Loss")
    .Input("t: T")
    .Output("output: T")
    .Attr("T: {half, bfloat16, float, double}")
    .SetShapeFn([](InferenceContext* c) -> Status {
      c->set_output(0, PartialTensorShape({}));
      return OkStatus();
    });

}  // namespace tfc
