// Assert, Print, PrintV2 and CheckNumerics: interfaces and shape functions.
#include "core/framework/op_registry.h"
#include "core/framework/shape_inference.h"

namespace tfc {

REGISTER_OP("Assert")
    .Input("condition: bool")
    .Input("data: T")
    .SetIsStateful()
    .Attr("T: list(type)")
    .Attr("summarize: int = 3")
    .SetShapeFn(shape_inference::NoOutputs);

REGISTER_OP("Print")
    .Input("input: T")
    .Input("data: U")
    .Output("output: T")
    .SetIsStateful()
    .Attr("T: type")
    .Attr("U: list(type) >= 0")
    .Attr("message: string = ''")
    .Attr("first_n: int = -1")
    .Attr("summarize: int = 3")
    .SetShapeFn(shape_inference::UnchangedShape);

// output_stream is a plain string (not an enum) because it may also be "file://PATH"; the kernel
// checks it.
REGISTER_OP("PrintV2")
    .Input("input: string")
    .SetIsStateful()
    .Attr("output_stream: string = 'stderr'")
    .Attr("end: string = '\\n'")
    .SetShapeFn([](InferenceContext* c) -> Status {
      const PartialTensorShape& in = c->input(0);
      if (!in.unknown_rank() && in.dims() != 0) {
        return errors::InvalidArgument("input must be a scalar, but has rank: ", in.dims());
      }
      return OkStatus();
    });

REGISTER_OP("CheckNumerics")
    .Input("tensor: T")
    .Output("output: T")
    .Attr("T: {bfloat16, half, float, double}")
    .Attr("message: string")
    .SetIsStateful()
    .SetShapeFn(shape_inference::UnchangedShape);

}  // namespace tfc
