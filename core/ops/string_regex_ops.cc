// RegexFullMatch and StaticRegexFullMatch: interfaces and shape functions (TF 1.15 specs).
#include "core/framework/op_registry.h"
#include "core/framework/shape_inference.h"

namespace tfc {

REGISTER_OP("RegexFullMatch")
    .Input("input: string")
    .Input("pattern: string")
    .Output("output: bool")
    .SetShapeFn([](InferenceContext* c) -> Status {
      PartialTensorShape unused;
      TFC_RETURN_IF_ERROR(c->WithRank(c->input(1), 0, &unused));
      c->set_output(0, c->input(0));
      return OkStatus();
    });

REGISTER_OP("StaticRegexFullMatch")
    .Input("input: string")
    .Attr("pattern: string")
    .Output("output: bool")
    .SetShapeFn([](InferenceContext* c) -> Status {
      c->set_output(0, c->input(0));
      return OkStatus();
    });

}  // namespace tfc
