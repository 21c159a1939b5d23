// V1 checkpoint restore ops: Restore and RestoreSlice (TF 1.15 specs and shape functions).
// Old graphs and meta graphs (SaverDef version V1) restore through them.
#include "core/framework/op_registry.h"
#include "core/framework/shape_inference.h"
#include "core/io/tensor_slice.h"

namespace tfc {

REGISTER_OP("Restore")
    .Input("file_pattern: string")
    .Input("tensor_name: string")
    .Output("tensor: dt")
    .Attr("dt: type")
    .Attr("preferred_shard: int = -1")
    .SetIsStateful()
    .SetShapeFn([](InferenceContext* c) -> Status {
      PartialTensorShape unused;
      TFC_RETURN_IF_ERROR(c->WithRank(c->input(0), 0, &unused));
      TFC_RETURN_IF_ERROR(c->WithRank(c->input(1), 0, &unused));
      c->set_output(0, PartialTensorShape::Unknown());
      return OkStatus();
    });

REGISTER_OP("RestoreSlice")
    .Input("file_pattern: string")
    .Input("tensor_name: string")
    .Input("shape_and_slice: string")
    .Output("tensor: dt")
    .Attr("dt: type")
    .Attr("preferred_shard: int = -1")
    .SetIsStateful()
    .SetShapeFn([](InferenceContext* c) -> Status {
      PartialTensorShape unused;
      for (int i = 0; i < 3; ++i) TFC_RETURN_IF_ERROR(c->WithRank(c->input(i), 0, &unused));
      // A constant shape_and_slice gives the slice's shape.
      const Tensor* spec = c->input_tensor(2);
      if (spec == nullptr || spec->NumElements() != 1) {
        c->set_output(0, PartialTensorShape::Unknown());
        return OkStatus();
      }
      if (spec->dtype() != DT_STRING) {
        return errors::InvalidArgument("Expected an input tensor of type string.");
      }
      const std::string& text = spec->data<tstring>()[0];
      if (text.empty()) {
        c->set_output(0, PartialTensorShape::Unknown());
        return OkStatus();
      }
      TensorShape full, slice_shape;
      io::TensorSlice slice;
      TFC_RETURN_IF_ERROR(io::ParseShapeAndSlice(text, &full, &slice, &slice_shape));
      c->set_output(0, PartialTensorShape(slice_shape));
      return OkStatus();
    });

}  // namespace tfc
