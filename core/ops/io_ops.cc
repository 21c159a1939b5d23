// Checkpoint V2 ops: SaveV2, RestoreV2, MergeV2Checkpoints (TF 1.15 specs and shape functions).
#include "core/framework/op_registry.h"
#include "core/framework/shape_inference.h"
#include "core/io/tensor_slice.h"

namespace tfc {

REGISTER_OP("SaveV2")
    .Input("prefix: string")
    .Input("tensor_names: string")
    .Input("shape_and_slices: string")
    .Input("tensors: dtypes")
    .Attr("dtypes: list(type)")
    .SetIsStateful()
    .SetShapeFn([](InferenceContext* c) -> Status {
      PartialTensorShape unused;
      TFC_RETURN_IF_ERROR(c->WithRank(c->input(0), 0, &unused));
      for (int i = 1; i <= 2; ++i) {
        PartialTensorShape s;
        TFC_RETURN_IF_ERROR(c->WithRank(c->input(i), 1, &s));
        int64_t d;
        TFC_RETURN_IF_ERROR(c->WithValue(s.dim_size(0), c->num_inputs() - 3, &d));
      }
      return OkStatus();
    });

REGISTER_OP("RestoreV2")
    .Input("prefix: string")
    .Input("tensor_names: string")
    .Input("shape_and_slices: string")
    .Output("tensors: dtypes")
    .Attr("dtypes: list(type)")
    .SetIsStateful()
    .SetShapeFn([](InferenceContext* c) -> Status {
      PartialTensorShape unused, names, slices;
      TFC_RETURN_IF_ERROR(c->WithRank(c->input(0), 0, &unused));
      TFC_RETURN_IF_ERROR(c->WithRank(c->input(1), 1, &names));
      TFC_RETURN_IF_ERROR(c->WithRank(c->input(2), 1, &slices));
      TFC_RETURN_IF_ERROR(c->Merge(names, slices, &unused));
      // Outputs whose slice spec is known take the slice's shape.
      const Tensor* specs = c->input_tensor(2);
      if (specs == nullptr) return shape_inference::UnknownShape(c);
      if (specs->dtype() != DT_STRING) {
        return errors::InvalidArgument("Expected an input tensor of type string.");
      }
      if (specs->NumElements() != c->num_outputs()) {
        return errors::InvalidArgument(
            "The number of shape_and_slice doesn't match tensor outputs.");
      }
      for (int i = 0; i < c->num_outputs(); ++i) {
        const std::string& spec = specs->data<tstring>()[i];
        if (spec.empty()) {
          c->set_output(i, PartialTensorShape::Unknown());
          continue;
        }
        TensorShape full, slice_shape;
        io::TensorSlice slice;
        TFC_RETURN_IF_ERROR(io::ParseShapeAndSlice(spec, &full, &slice, &slice_shape));
        c->set_output(i, PartialTensorShape(slice_shape));
      }
      return OkStatus();
    });

REGISTER_OP("MergeV2Checkpoints")
    .Input("checkpoint_prefixes: string")
    .Input("destination_prefix: string")
    .Attr("delete_old_dirs: bool = true")
    .SetIsStateful()
    .SetShapeFn([](InferenceContext* c) -> Status {
      PartialTensorShape unused;
      TFC_RETURN_IF_ERROR(c->WithRank(c->input(0), 1, &unused));
      return c->WithRank(c->input(1), 0, &unused);
    });

}  // namespace tfc
