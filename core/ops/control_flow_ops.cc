// TF1 control flow: Switch/Merge for tf.cond, Enter/Exit/NextIteration/LoopCond for
// tf.while_loop, their Ref forms, and ControlTrigger. The executor gives them their meaning;
// the kernels only forward values.
#include "core/framework/op_registry.h"
#include "core/framework/shape_inference.h"

namespace tfc {
namespace {

Status SwitchShapeFn(InferenceContext* c) {
  PartialTensorShape pred;
  TFC_RETURN_IF_ERROR(c->WithRank(c->input(1), 0, &pred));
  c->set_output(0, c->input(0));
  c->set_output(1, c->input(0));
  return OkStatus();
}

// The most specific shape every input fits: equal ranks keep the dims they agree on.
Status MergeShapeFn(InferenceContext* c) {
  const int n = c->num_inputs();
  PartialTensorShape out = c->input(0);
  for (int i = 1; i < n && !out.unknown_rank(); ++i) {
    const PartialTensorShape& in = c->input(i);
    if (in.unknown_rank() || in.dims() != out.dims()) {
      out = PartialTensorShape();
      break;
    }
    for (int d = 0; d < out.dims(); ++d) {
      if (out.dim_size(d) != in.dim_size(d)) out.set_dim(d, -1);
    }
  }
  c->set_output(0, out);
  c->set_output(1, PartialTensorShape({}));
  return OkStatus();
}

Status LoopCondShapeFn(InferenceContext* c) {
  PartialTensorShape s;
  TFC_RETURN_IF_ERROR(c->WithRank(c->input(0), 0, &s));
  c->set_output(0, s);
  return OkStatus();
}

}  // namespace

REGISTER_OP("Switch")
    .Input("data: T")
    .Input("pred: bool")
    .Output("output_false: T")
    .Output("output_true: T")
    .Attr("T: type")
    .SetShapeFn(SwitchShapeFn);

REGISTER_OP("RefSwitch")
    .Input("data: Ref(T)")
    .Input("pred: bool")
    .Output("output_false: Ref(T)")
    .Output("output_true: Ref(T)")
    .Attr("T: type")
    .SetAllowsUninitializedInput()
    .SetShapeFn(SwitchShapeFn);

REGISTER_OP("Merge")
    .Input("inputs: N * T")
    .Output("output: T")
    .Output("value_index: int32")
    .Attr("T: type")
    .Attr("N: int >= 1")
    .SetShapeFn(MergeShapeFn);

REGISTER_OP("RefMerge")
    .Input("inputs: Ref(N * T)")
    .Output("output: Ref(T)")
    .Output("value_index: int32")
    .Attr("T: type")
    .Attr("N: int >= 1")
    .SetShapeFn(MergeShapeFn);

namespace {

// A loop variable's Enter has an unknown shape (tf.while_loop sets it from the shape
// invariant); a loop constant's keeps its input's shape.
Status EnterShapeFn(InferenceContext* c) {
  bool is_constant = false;
  TFC_RETURN_IF_ERROR(c->GetAttr("is_constant", &is_constant));
  c->set_output(0, is_constant ? c->input(0) : PartialTensorShape());
  return OkStatus();
}

}  // namespace

REGISTER_OP("Enter")
    .Input("data: T")
    .Output("output: T")
    .Attr("T: type")
    .Attr("frame_name: string")
    .Attr("is_constant: bool = false")
    .Attr("parallel_iterations: int = 10")
    .SetShapeFn(EnterShapeFn);

REGISTER_OP("RefEnter")
    .Input("data: Ref(T)")
    .Output("output: Ref(T)")
    .Attr("T: type")
    .Attr("frame_name: string")
    .Attr("is_constant: bool = false")
    .Attr("parallel_iterations: int = 10")
    .SetShapeFn(EnterShapeFn);

REGISTER_OP("Exit")
    .Input("data: T")
    .Output("output: T")
    .Attr("T: type")
    .SetShapeFn(shape_inference::UnchangedShape);

REGISTER_OP("RefExit")
    .Input("data: Ref(T)")
    .Output("output: Ref(T)")
    .Attr("T: type")
    .SetShapeFn(shape_inference::UnchangedShape);

REGISTER_OP("NextIteration")
    .Input("data: T")
    .Output("output: T")
    .Attr("T: type")
    .SetShapeFn(shape_inference::UnchangedShape);

REGISTER_OP("RefNextIteration")
    .Input("data: Ref(T)")
    .Output("output: Ref(T)")
    .Attr("T: type")
    .SetShapeFn(shape_inference::UnchangedShape);

REGISTER_OP("LoopCond")
    .Input("input: bool")
    .Output("output: bool")
    .SetShapeFn(LoopCondShapeFn);

REGISTER_OP("ControlTrigger").SetShapeFn(shape_inference::NoOutputs);

}  // namespace tfc
