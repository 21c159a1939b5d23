// StringJoin: interface and shape function (TF 1.15 spec).
#include "core/framework/op_registry.h"
#include "core/framework/shape_inference.h"

namespace tfc {

REGISTER_OP("StringJoin")
    .Input("inputs: N * string")
    .Attr("N: int")
    .Attr("separator: string = ''")
    .Output("output: string")
    .SetShapeFn([](InferenceContext* c) -> Status {
      // Scalars broadcast; the non-scalar inputs (of known rank) must agree.
      bool all_scalar = true;
      for (int i = 0; i < c->num_inputs(); ++i) {
        if (c->input(i).unknown_rank() || c->input(i).dims() != 0) all_scalar = false;
      }
      if (all_scalar) {
        c->set_output(0, PartialTensorShape({}));
        return OkStatus();
      }
      PartialTensorShape out;
      for (int i = 0; i < c->num_inputs(); ++i) {
        if (!c->input(i).unknown_rank() && c->input(i).dims() != 0) {
          TFC_RETURN_IF_ERROR(c->Merge(out, c->input(i), &out));
        }
      }
      c->set_output(0, out);
      return OkStatus();
    });

}  // namespace tfc
