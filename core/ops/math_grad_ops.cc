// Interfaces of the math ops that TF 1.15's gradient functions emit: the element-wise
// "dy given y" helpers (TanhGrad, SigmoidGrad, SqrtGrad, RsqrtGrad, ReciprocalGrad, InvGrad)
// and BroadcastGradientArgs (TF 1.15 core/ops/math_ops.cc and array_ops.cc).
#include "core/framework/op_registry.h"
#include "core/framework/shape_inference.h"

namespace tfc {
namespace {

using shape_inference::MergeBothInputsShapeFn;

#define REGISTER_UNARY_GRADIENT(NAME)                                       \
  REGISTER_OP(NAME)                                                         \
      .Input("y: T")                                                        \
      .Input("dy: T")                                                       \
      .Output("z: T")                                                       \
      .Attr("T: {bfloat16, half, float, double, complex64, complex128}")    \
      .SetShapeFn(MergeBothInputsShapeFn)

REGISTER_UNARY_GRADIENT("InvGrad");
REGISTER_UNARY_GRADIENT("ReciprocalGrad");
REGISTER_UNARY_GRADIENT("RsqrtGrad");
REGISTER_UNARY_GRADIENT("SqrtGrad");
REGISTER_UNARY_GRADIENT("TanhGrad");
REGISTER_UNARY_GRADIENT("SigmoidGrad");
#undef REGISTER_UNARY_GRADIENT

Status BroadcastGradientArgsShapeFn(InferenceContext* c) {
  PartialTensorShape unused;
  TFC_RETURN_IF_ERROR(c->WithRank(c->input(0), 1, &unused));
  TFC_RETURN_IF_ERROR(c->WithRank(c->input(1), 1, &unused));
  c->set_output(0, PartialTensorShape({-1}));
  c->set_output(1, PartialTensorShape({-1}));
  return OkStatus();
}

REGISTER_OP("BroadcastGradientArgs")
    .Input("s0: T")
    .Input("s1: T")
    .Output("r0: T")
    .Output("r1: T")
    .Attr("T: {int32, int64} = DT_INT32")
    .SetShapeFn(BroadcastGradientArgsShapeFn);

}  // namespace
}  // namespace tfc
