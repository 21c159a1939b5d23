// Softmax and LogSoftmax over the last dimension: interfaces and shape functions.
#include "core/framework/op_registry.h"
#include "core/framework/shape_inference.h"

namespace tfc {
namespace {

Status UnchangedShapeWithRankAtLeast1(InferenceContext* c) {
  PartialTensorShape out;
  TFC_RETURN_IF_ERROR(c->WithRankAtLeast(c->input(0), 1, &out));
  c->set_output(0, out);
  return OkStatus();
}

}  // namespace

REGISTER_OP("Softmax")
    .Input("logits: T")
    .Output("softmax: T")
    .Attr("T: {half, bfloat16, float, double}")
    .SetShapeFn(UnchangedShapeWithRankAtLeast1);

REGISTER_OP("LogSoftmax")
    .Input("logits: T")
    .Output("logsoftmax: T")
    .Attr("T: {half, bfloat16, float, double}")
    .SetShapeFn(UnchangedShapeWithRankAtLeast1);

}  // namespace tfc
