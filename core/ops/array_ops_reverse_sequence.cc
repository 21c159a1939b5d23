// ReverseSequence: interface and shape function (TF 1.15 spec).
#include <vector>

#include "core/framework/op_registry.h"
#include "core/framework/shape_inference.h"

namespace tfc {

REGISTER_OP("ReverseSequence")
    .Input("input: T")
    .Input("seq_lengths: Tlen")
    .Output("output: T")
    .Attr("seq_dim: int")
    .Attr("batch_dim: int = 0")
    .Attr("T: type")
    .Attr("Tlen: {int32, int64} = DT_INT64")
    .SetShapeFn([](InferenceContext* c) -> Status {
      PartialTensorShape seq_lens;
      TFC_RETURN_IF_ERROR(c->WithRank(c->input(1), 1, &seq_lens));
      int64_t seq_dim = 0, batch_dim = 0;
      TFC_RETURN_IF_ERROR(c->GetAttr("seq_dim", &seq_dim));
      TFC_RETURN_IF_ERROR(c->GetAttr("batch_dim", &batch_dim));
      const PartialTensorShape& input = c->input(0);
      if (input.unknown_rank()) {
        c->set_output(0, PartialTensorShape());
        return OkStatus();
      }
      const int64_t rank = input.dims();
      if (batch_dim >= rank) {
        return errors::InvalidArgument("batch_dim must be < input rank: ", batch_dim, " vs. ",
                                       rank);
      }
      if (seq_dim >= rank) {
        return errors::InvalidArgument("seq_dim must be < input rank: ", seq_dim, " vs. ", rank);
      }
      if (batch_dim < 0 || seq_dim < 0) {
        return errors::InvalidArgument("batch_dim and seq_dim must be non-negative, got ",
                                       batch_dim, " and ", seq_dim);
      }
      int64_t batch = 0;
      TFC_RETURN_IF_ERROR(c->MergeDim(input.dim_size(batch_dim), seq_lens.dim_size(0), &batch));
      std::vector<int64_t> dims = input.dim_sizes();
      dims[batch_dim] = batch;
      c->set_output(0, PartialTensorShape(dims));
      return OkStatus();
    });

}  // namespace tfc
